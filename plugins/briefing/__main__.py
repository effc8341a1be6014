"""Run the briefing command line: `python -m briefing build|check|...`."""

import logging
import os
import sys

from .authoring.cli import main

status = main()
# Everything is written and closed by now. Freeing a large build's objects
# one by one as the interpreter shuts down took 8 s after a build of
# 10,000 briefings had finished: flush what is buffered, then leave.
logging.shutdown()
sys.stdout.flush()
sys.stderr.flush()
os._exit(status)
