"""`python -m generator` is the `archive` command."""

from generator.cli import run

run()
