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


def ratio(slow, fast):
    """How many times faster fast is than slow (slow / fast); None when either is missing or fast is not
    positive."""
    if slow is None or fast is None or fast <= 0:
        return None
    return slow / fast
