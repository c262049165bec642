"""Integer ADM and motion: the AVX2 path must give exactly the numbers of the scalar reference.

Odd widths exercise the scalar tails after the vectors and the mirrored columns; padded
strides, every bit depth, extreme and flat planes exercise the fixed-point corners.
"""

from __future__ import annotations

import numpy as np
import pytest

from engine_view import FeatureEngine
from vmaf_tune._native import set_simd, simd_available

pytestmark = pytest.mark.skipif(not simd_available(), reason="no AVX2 on this CPU/build")

WIDTHS = list(range(33, 48, 2)) + [34, 40, 48, 177, 333]
EGL_SETS = [(100.0, 1.0), (1.2,), (100.0,)]


def _features(ref, dis, prev, bpc, egl, simd):
    previous = set_simd(simd)
    try:
        h, w = ref.shape
        e = FeatureEngine(w, h, bpc, adm_egl=egl, motion=True)
        return e.compute(ref, dis, prev)
    finally:
        set_simd(previous)


def _assert_same(ref, dis, prev, bpc, egl):
    a = _features(ref, dis, prev, bpc, egl, simd=False)
    b = _features(ref, dis, prev, bpc, egl, simd=True)
    assert np.array_equal(a.adm2, b.adm2), (a.adm2, b.adm2)
    assert np.array_equal(a.adm_scales, b.adm_scales), (a.adm_scales, b.adm_scales)
    assert a.motion == b.motion, (a.motion, b.motion)
    return a


def _pattern(kind, w, h, bpc, rng):
    top = (1 << bpc) - 1
    dtype = np.uint8 if bpc == 8 else np.uint16
    yy, xx = np.mgrid[0:h, 0:w]
    if kind == "noise":
        p = rng.integers(0, top + 1, (h, w))
    elif kind == "extreme":
        p = rng.integers(0, 2, (h, w)) * top
    elif kind == "checker":
        p = ((xx + yy) & 1) * top
    elif kind == "checker2":
        p = (((xx >> 1) + (yy >> 1)) & 1) * top
    elif kind == "blocks8":  # coarse detail: ADM bands beyond 2^15 at scales 1-3 (divisor shifts)
        p = (((xx >> 3) + (yy >> 3)) & 1) * top
    elif kind == "flat":
        p = np.full((h, w), top // 3)
    elif kind == "low_noise":
        p = top // 2 + rng.integers(-3, 4, (h, w))
    else:  # smooth texture
        p = (np.sin(xx / 5.0) * np.cos(yy / 3.0) * 0.45 + 0.5) * top + rng.normal(0, top * 0.03, (h, w))
    return np.clip(p, 0, top).astype(dtype)


def _distort(ref, kind, bpc, rng):
    top = (1 << bpc) - 1
    r = ref.astype(np.float64)
    if kind == "noise":
        d = r + rng.normal(0, top * 0.05, r.shape)
    elif kind == "contrast":  # enhancement: exercises the gain limit
        d = (r - top / 2) * 1.3 + top / 2
    elif kind == "blur":
        d = r.copy()
        d[1:-1, 1:-1] = (r[:-2, 1:-1] + r[2:, 1:-1] + r[1:-1, :-2] + r[1:-1, 2:] + r[1:-1, 1:-1]) / 5
    elif kind == "invert":
        d = top - r
    else:  # independent extreme plane
        d = rng.integers(0, 2, r.shape) * top
    return np.clip(np.rint(d), 0, top).astype(ref.dtype)


def _padded(a, extra):
    buf = np.full((a.shape[0], a.shape[1] + extra), (1 << (8 * a.itemsize)) - 1, dtype=a.dtype)
    buf[:, : a.shape[1]] = a
    return buf[:, : a.shape[1]]


@pytest.mark.parametrize("bpc", [8, 10, 12, 16])
@pytest.mark.parametrize("w", WIDTHS)
def test_widths_and_bit_depths(bpc, w):
    rng = np.random.default_rng(w * 17 + bpc)
    for h, kind, dist in [(33, "texture", "noise"), (41, "noise", "contrast"), (37, "extreme", "extreme"),
                          (35, "texture", "blur")]:
        ref = _pattern(kind, w, h, bpc, rng)
        dis = _distort(ref, dist, bpc, rng)
        prev = _pattern("noise", w, h, bpc, rng)
        _assert_same(ref, dis, prev, bpc, EGL_SETS[(w + h) % len(EGL_SETS)])


@pytest.mark.parametrize("bpc", [8, 10, 12, 16])
@pytest.mark.parametrize("kind", ["noise", "extreme", "checker", "checker2", "blocks8", "flat", "low_noise", "texture"])
@pytest.mark.parametrize("egl", EGL_SETS)
def test_structured_planes(bpc, kind, egl):
    rng = np.random.default_rng(hash((bpc, kind, egl)) & 0xFFFF)
    w, h = 67, 45
    ref = _pattern(kind, w, h, bpc, rng)
    for dist in ["noise", "contrast", "blur", "invert", "extreme"]:
        dis = _distort(ref, dist, bpc, rng)
        _assert_same(ref, dis, _pattern("texture", w, h, bpc, rng), bpc, egl)
    _assert_same(ref, ref, ref, bpc, egl)  # identical frames: motion 0


@pytest.mark.parametrize("bpc", [8, 10, 16])
@pytest.mark.parametrize("size", [(177, 99), (333, 61), (45, 203)])
def test_padded_strides(bpc, size):
    w, h = size
    rng = np.random.default_rng(w + h + bpc)
    ref = _pattern("texture", w, h, bpc, rng)
    dis = _distort(ref, "contrast", bpc, rng)
    prev = _distort(ref, "noise", bpc, rng)
    a = _assert_same(ref, dis, prev, bpc, (100.0, 1.0))
    b = _assert_same(_padded(ref, 13), _padded(dis, 3), _padded(prev, 31), bpc, (100.0, 1.0))
    assert np.array_equal(a.adm2, b.adm2) and a.motion == b.motion


def test_720p_frame():
    """Full vector widths with long rows, both depths."""
    rng = np.random.default_rng(720)
    for bpc in (8, 10):
        ref = _pattern("texture", 1280, 720, bpc, rng)
        dis = _distort(ref, "blur", bpc, rng)
        prev = _distort(ref, "noise", bpc, rng)
        _assert_same(ref, dis, prev, bpc, (100.0, 1.0))
