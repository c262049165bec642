"""Bjøntegaard delta rate and quality (JCTVC-E137), as Netflix's bd_rate_calculator computes them.

Each curve is a list of ``(bitrate, quality)`` points. Log10 of the rate is interpolated as a
function of quality with a shape-preserving piecewise cubic Hermite (PCHIP) curve and integrated
over the quality range both curves cover; the difference of the mean log rates gives the rate
change at equal quality (``-0.0188`` means 1.88 % less bitrate). BD-quality swaps the axes.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from .errors import EXIT_USAGE, VmafTuneError

__all__ = ["BDRateError", "bd_rate", "bd_quality"]


class BDRateError(VmafTuneError, ValueError):
    """The curves cannot give a meaningful BD figure (too few points, no overlap, not monotonic)."""

    exit_code = EXIT_USAGE


def _curve(points: Iterable[tuple[float, float]], name: str) -> np.ndarray:
    pts = sorted({(float(r), float(q)) for r, q in points})
    if len(pts) < 4:
        raise BDRateError(f"{name} curve has {len(pts)} distinct points; BD figures need at least 4")
    arr = np.array(pts)
    if not np.all(np.isfinite(arr)) or np.any(arr[:, 0] <= 0):
        raise BDRateError(f"{name} curve has a non-positive or non-finite bitrate or quality")
    if np.any(np.diff(arr[:, 1]) <= 0) or np.any(np.diff(arr[:, 0]) <= 0):
        raise BDRateError(f"{name} curve is not monotonic: quality must rise with bitrate")
    return arr


def _end_slope(h1: float, h2: float, d1: float, d2: float) -> float:
    """Three-point one-sided slope at an end, kept shape-preserving."""
    s = ((2 * h1 + h2) * d1 - h1 * d2) / (h1 + h2)
    if s * d1 < 0:
        return 0.0
    if d1 * d2 < 0 and abs(s) > abs(3 * d1):
        return 3 * d1
    return s


def _pchip_integral(x: np.ndarray, y: np.ndarray, lo: float, hi: float) -> float:
    """Integral over [lo, hi] of the PCHIP interpolant through (x, y), x increasing."""
    h = np.diff(x)
    delta = np.diff(y) / h
    n = len(x)
    slopes = np.empty(n)
    slopes[0] = _end_slope(h[0], h[1], delta[0], delta[1])
    slopes[-1] = _end_slope(h[-1], h[-2], delta[-1], delta[-2])
    for i in range(1, n - 1):
        slopes[i] = (3 * h[i - 1] + 3 * h[i]) / ((2 * h[i] + h[i - 1]) / delta[i - 1] + (h[i] + 2 * h[i - 1]) / delta[i])
    total = 0.0
    for i in range(n - 1):
        # On segment i, y(x_i + s) = y_i + d_i s + c_i s^2 + b_i s^3.
        c = (3 * delta[i] - 2 * slopes[i] - slopes[i + 1]) / h[i]
        b = (slopes[i] - 2 * delta[i] + slopes[i + 1]) / (h[i] * h[i])
        s0 = min(max(x[i], lo), hi) - x[i]
        s1 = min(max(x[i + 1], lo), hi) - x[i]
        if s1 > s0:
            total += (s1 - s0) * y[i] + (s1**2 - s0**2) * slopes[i] / 2
            total += (s1**3 - s0**3) * c / 3 + (s1**4 - s0**4) * b / 4
    return total


def _overlap(a: np.ndarray, b: np.ndarray, what: str) -> tuple[float, float]:
    lo, hi = max(a[0], b[0]), min(a[-1], b[-1])
    if lo >= hi:
        raise BDRateError(f"the curves do not overlap in {what}")
    return lo, hi


def bd_rate(anchor: Iterable[tuple[float, float]], test: Iterable[tuple[float, float]]) -> float:
    """Bitrate change of ``test`` against ``anchor`` at equal quality, as a fraction."""
    a, t = _curve(anchor, "anchor"), _curve(test, "test")
    lo, hi = _overlap(a[:, 1], t[:, 1], "quality")
    ia = _pchip_integral(a[:, 1], np.log10(a[:, 0]), lo, hi)
    it = _pchip_integral(t[:, 1], np.log10(t[:, 0]), lo, hi)
    return float(10 ** ((it - ia) / (hi - lo)) - 1)


def bd_quality(anchor: Iterable[tuple[float, float]], test: Iterable[tuple[float, float]]) -> float:
    """Quality change of ``test`` against ``anchor`` at equal bitrate (in quality units)."""
    a, t = _curve(anchor, "anchor"), _curve(test, "test")
    la, lt = np.log10(a[:, 0]), np.log10(t[:, 0])
    lo, hi = _overlap(la, lt, "bitrate")
    ia = _pchip_integral(la, a[:, 1], lo, hi)
    it = _pchip_integral(lt, t[:, 1], lo, hi)
    return float((it - ia) / (hi - lo))
