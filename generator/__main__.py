"""`python -m generator` is the `archive` command."""

import sys

from generator.cli import main

sys.exit(main())
