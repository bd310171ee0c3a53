"""`python -m builder` runs the agk command line."""

from __future__ import annotations

import sys

from builder.cli.main import main

sys.exit(main())
