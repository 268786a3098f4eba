#!/usr/bin/env python3
"""Entry point: `python build.py [build|import|check|serve] …` (see README.md)."""

import sys

from reportsite.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
