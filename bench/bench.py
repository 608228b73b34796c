#!/usr/bin/env python3
"""The benchmark's entry point, run by bench/run: the code is the hrbench package next to it."""

import sys

from hrbench.cli import main

if __name__ == "__main__":
    sys.exit(main())
