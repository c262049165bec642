"""BD-rate / BD-quality: the JCTVC-E137 figures Netflix's tests use, identities, hand-computed cases."""

from __future__ import annotations

import math

import pytest

from vmaf_tune import bd_quality, bd_rate
from vmaf_tune.bdrate import BDRateError

E137 = [
    (
        [(108048.8736, 43.6471), (61279.976, 40.3953), (33905.6656, 37.247), (18883.6928, 34.2911)],
        [(108061.2784, 43.6768), (61299.9936, 40.4232), (33928.7472, 37.2761), (18910.912, 34.3147)],
        -0.00465215420752807,
    ),
    (
        [(40433.8848, 37.5761), (7622.7456, 35.3756), (2394.488, 33.8977), (1017.6184, 32.0603)],
        [(40370.12, 37.5982), (7587.0024, 35.4025), (2390.0944, 33.9194), (1017.0984, 32.0822)],
        -0.018779823450567612,
    ),
]
CURVE = [(1000.0, 70.0), (2000.0, 80.0), (4000.0, 88.0), (8000.0, 93.0), (16000.0, 96.0)]


@pytest.mark.parametrize("anchor, test, expected", E137)
def test_jctvc_e137_examples(anchor, test, expected):
    assert round(bd_rate(anchor, test), 4) == round(expected, 4)
    assert bd_rate(anchor, test) == pytest.approx(expected, abs=1e-10)


def test_identical_curves_give_zero():
    assert bd_rate(CURVE, CURVE) == 0.0
    assert bd_quality(CURVE, CURVE) == 0.0


def test_proportional_rates_give_that_proportion():
    # Every rate 10 % higher at the same quality: log rate shifts by log10(1.1) everywhere.
    test = [(r * 1.1, q) for r, q in CURVE]
    assert bd_rate(CURVE, test) == pytest.approx(0.1, abs=1e-12)
    assert bd_rate(test, CURVE) == pytest.approx(1 / 1.1 - 1, abs=1e-12)


def test_hand_computed_straight_lines():
    # Quality linear in log10(rate): PCHIP reproduces lines exactly, so both figures are exact.
    anchor = [(10 ** (1 + k / 2), 50.0 + 10 * k) for k in range(5)]  # q = 20 * log10(r) + 30
    test = [(10 ** (1 + k / 2), 53.0 + 10 * k) for k in range(5)]  # 3 points better everywhere
    assert bd_quality(anchor, test) == pytest.approx(3.0, abs=1e-12)
    # At equal quality the test needs log10 rate 3/20 lower over the shared range.
    assert bd_rate(anchor, test) == pytest.approx(10 ** (-3 / 20) - 1, abs=1e-12)


def test_order_and_duplicates_do_not_matter():
    shuffled = [CURVE[3], CURVE[0], CURVE[4], CURVE[1], CURVE[2], CURVE[0]]
    test = [(r * 0.9, q) for r, q in CURVE]
    assert bd_rate(shuffled, test) == pytest.approx(bd_rate(CURVE, test), abs=1e-15)


@pytest.mark.parametrize(
    "anchor, test, message",
    [
        (CURVE[:3], CURVE, "at least 4"),
        (CURVE, [(r * 100, q + 100) for r, q in CURVE], "do not overlap"),
        (CURVE, [(1000.0, 70.0), (2000.0, 85.0), (4000.0, 80.0), (8000.0, 93.0)], "not monotonic"),
        (CURVE, [(0.0, 70.0), (2000.0, 80.0), (4000.0, 88.0), (8000.0, 93.0)], "non-positive"),
    ],
)
def test_bad_curves_are_errors_not_numbers(anchor, test, message):
    with pytest.raises(BDRateError, match=message):
        bd_rate(anchor, test)
    assert issubclass(BDRateError, ValueError)


def test_figures_are_finite():
    assert math.isfinite(bd_quality(CURVE, [(r * 0.8, q) for r, q in CURVE]))
