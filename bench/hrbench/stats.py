"""Medians and percentiles of lists of measurements; None for an empty list."""

import statistics


def pct(values, q):
    """The q-quantile (0..1) of values, linearly interpolated between the two nearest ranks."""
    v = sorted(values)
    if not v:
        return None
    k = (len(v) - 1) * q
    lo = int(k)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def med(values):
    return statistics.median(values) if values else None
