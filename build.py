#!/usr/bin/env python3
"""Entry point: `python build.py [build|import|check|serve] …` (see README.md)."""

import os
import sys

from reportsite.cli import main

if __name__ == "__main__":
    code = main(sys.argv[1:])
    # Every file is written and closed by now: unwinding the interpreter would free the build's
    # objects one by one, a tenth of the seed's build and seconds at a hundred reports, for nothing.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
