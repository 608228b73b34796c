"""Unit tests of the bench's pure parts: statistics, target checks, the report. Run from the
repository root: python3 -m unittest discover -s bench/tests -t bench"""
