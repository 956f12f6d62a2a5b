"""Benchmark helpers (synthetic corpus generator and, later, the benchmarks themselves)."""
