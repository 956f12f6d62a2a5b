"""Tests of the news-archive generator (a package so `python -m tests.tools...` works)."""
