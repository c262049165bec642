"""The AVX2 code paths (plain, and with integer VIF's AVX-VNNI build where the CPU has it) give
exactly the scalar reference's numbers (not merely close ones).

Planes of every width from the minimum to 47 plus wider odd ones (tails of 16-column blocks,
2-column scales), several heights, padded strides, every bit depth, and contents that reach each
branch of the integer VIF statistic: flat and textured pixels, extreme samples, gains above the
limits (enhancement), negative correlation, tiny and huge variances."""

from __future__ import annotations

import numpy as np
import pytest

from engine_view import FeatureEngine
from vmaf_tune._native import code_paths, set_simd, simd_available, use_code_path
from vmaf_tune.errors import EngineError

pytestmark = pytest.mark.skipif(not simd_available(), reason="no AVX2 on this CPU/build")

EGL = (100.0, 1.0, 1.37, 1e6)
KINDS = ["noise", "flat", "extremes", "checker", "ramp", "blur", "contrast", "inverted", "speckle"]


def contents(kind, w, h, bpc, rng):
    top = (1 << bpc) - 1
    yy, xx = np.mgrid[0:h, 0:w]
    if kind == "noise":
        return rng.integers(0, top + 1, (h, w)), rng.integers(0, top + 1, (h, w))
    if kind == "flat":
        v = int(rng.integers(0, top + 1))
        return np.full((h, w), v), np.full((h, w), top - v)
    if kind == "extremes":  # max vs zero and max vs max, in blocks
        ref = np.where((xx // 5 + yy // 7) % 2 == 0, top, 0)
        dis = np.where((xx // 3) % 2 == 0, top, ref)
        return ref, dis
    if kind == "checker":  # largest possible variances
        ref = np.where((xx + yy) % 2 == 0, top, 0)
        return ref, top - ref if rng.random() < 0.5 else ref
    if kind == "ramp":
        ref = np.add.outer(np.arange(h), np.arange(w)) * top // (h + w)
        return ref, np.clip(ref + rng.integers(-2, 3, (h, w)), 0, top)
    base = (np.sin(xx / 3.0) * np.cos(yy / 4.0) * 0.45 + 0.5) * top
    ref = np.clip(base + rng.normal(0, top * 0.05, (h, w)), 0, top)
    if kind == "blur":
        dis = ref.copy()
        dis[1:-1, 1:-1] = (ref[:-2, 1:-1] + ref[2:, 1:-1] + ref[1:-1, :-2] + ref[1:-1, 2:] + ref[1:-1, 1:-1]) / 5
        dis = np.clip(dis + rng.normal(0, top * 0.01, (h, w)), 0, top)
    elif kind == "contrast":  # gain above 1: the enhancement limit matters
        dis = np.clip((ref - top / 2) * 1.8 + top / 2, 0, top)
    elif kind == "inverted":  # negative sigma12
        dis = top - ref
    else:  # speckle: mostly flat with a few spikes (flat and textured pixels side by side)
        ref = np.full((h, w), top // 3, dtype=np.float64)
        spikes = rng.random((h, w)) < 0.03
        ref[spikes] = top
        dis = ref + rng.integers(0, 2, (h, w)) * (top // 255 + 1)
        dis = np.clip(dis, 0, top)
    return ref.astype(np.int64), dis.astype(np.int64)


def as_plane(a, bpc, pad):
    dtype = np.uint8 if bpc == 8 else np.uint16
    top = (1 << bpc) - 1
    buf = np.full((a.shape[0], a.shape[1] + pad), top, dtype=dtype)  # padding holds garbage: max
    buf[:, : a.shape[1]] = a
    return buf[:, : a.shape[1]]


def vif_paths(w, h, bpc, ref, dis, pad=0):
    """VIF on every code path, the scalar reference first."""
    r, d = as_plane(ref, bpc, pad), as_plane(dis, bpc, pad)
    out = {}
    for path in code_paths():
        prev = use_code_path(path)
        try:
            out[path] = FeatureEngine(w, h, bpc, vif_egl=EGL).compute(r, d, None).vif
        finally:
            use_code_path(prev)
    return out


def assert_same(scalar, simd, what):
    assert np.all(np.isfinite(scalar)), what
    # exact equality, bit for bit (array_equal would also accept -0.0 == 0.0)
    assert scalar.tobytes() == simd.tobytes(), f"{what}:\nscalar {scalar}\nsimd   {simd}"


def assert_paths_same(w, h, bpc, ref, dis, what, pad=0):
    out = vif_paths(w, h, bpc, ref, dis, pad)
    for path, got in out.items():
        assert_same(out["scalar"], got, f"{what} ({path})")


@pytest.mark.parametrize("bpc", [8, 10, 12, 16])
@pytest.mark.parametrize("kind", KINDS)
def test_every_narrow_width(bpc, kind):
    rng = np.random.default_rng(bpc * 100 + KINDS.index(kind))
    for w in range(16, 48):
        h = 24 + (w * 7) % 19
        ref, dis = contents(kind, w, h, bpc, rng)
        assert_paths_same(w, h, bpc, ref, dis, f"{kind} {w}x{h} {bpc}-bit", pad=w % 5)


@pytest.mark.parametrize("bpc", [8, 9, 10, 11, 12, 14, 15, 16])
@pytest.mark.parametrize("size", [(177, 61), (333, 97), (64, 24), (130, 35), (200, 113)])
def test_wider_planes(bpc, size):
    w, h = size
    rng = np.random.default_rng(w * 31 + bpc)
    for kind in KINDS:
        ref, dis = contents(kind, w, h, bpc, rng)
        assert_paths_same(w, h, bpc, ref, dis, f"{kind} {w}x{h} {bpc}-bit", pad=(w + bpc) % 9)


def test_hd_frame_equal():
    rng = np.random.default_rng(7)
    for bpc in (8, 10):
        ref, dis = contents("blur", 1280, 720, bpc, rng)
        assert_paths_same(1280, 720, bpc, ref, dis, f"1280x720 {bpc}-bit")


def test_simd_setting_is_per_engine():
    """An engine keeps the code path it was created with."""
    rng = np.random.default_rng(3)
    ref, dis = contents("contrast", 99, 50, 10, rng)
    r, d = as_plane(ref, 10, 0), as_plane(dis, 10, 0)
    prev = set_simd(True)
    try:
        e_simd = FeatureEngine(99, 50, 10, vif_egl=EGL)
        set_simd(False)
        e_scalar = FeatureEngine(99, 50, 10, vif_egl=EGL)
        set_simd(True)
        assert_same(e_scalar.compute(r, d, None).vif, e_simd.compute(r, d, None).vif, "engines")
    finally:
        set_simd(prev)


def test_code_path_choice():
    """use_code_path sets what kernels created afterwards take and hands back the previous choice;
    a path this CPU or build lacks is refused."""
    paths = code_paths()
    assert paths[0] == "scalar" and set(paths) <= {"scalar", "avx2", "avxvnni"}
    first = use_code_path("scalar")
    try:
        for path in paths:
            use_code_path(path)
            assert use_code_path(path) == path
    finally:
        use_code_path(first)
    if "avxvnni" not in paths:
        with pytest.raises(EngineError, match="avxvnni"):
            use_code_path("avxvnni")
    with pytest.raises(EngineError, match="neon"):
        use_code_path("neon")
