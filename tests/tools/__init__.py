"""Helpers used by the tests and by hand: golden regeneration, link checking."""
