"""Run the briefing command line: `python -m briefing build|check`."""

import sys

from .cli import main

sys.exit(main())
