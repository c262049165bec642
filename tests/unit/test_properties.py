"""Property tests (hypothesis): random sizes from the minimum up, padded strides, every bit depth,
extreme contents. The engine never crashes, results are finite, identities hold."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine_view import FeatureEngine, min_size

MIN_W, MIN_H = min_size()


@st.composite
def frame_pairs(draw):
    bpc = draw(st.sampled_from([8, 9, 10, 11, 12, 14, 16]))
    w = draw(st.integers(MIN_W, MIN_W + 60))
    h = draw(st.integers(MIN_H, MIN_H + 40))
    pad = draw(st.integers(0, 9))
    top = (1 << bpc) - 1
    kind = draw(st.sampled_from(["noise", "black", "white", "max-vs-zero", "ramp", "noisy-copy"]))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    dtype = np.uint8 if bpc == 8 else np.uint16

    def buf(values):
        full = np.full((h, w + pad), top, dtype=dtype)  # padding holds the maximum value
        full[:, :w] = values
        return full[:, :w]

    if kind == "noise":
        ref, dis = rng.integers(0, top + 1, (h, w)), rng.integers(0, top + 1, (h, w))
    elif kind == "black":
        ref = dis = np.zeros((h, w), dtype=np.int64)
    elif kind == "white":
        ref = dis = np.full((h, w), top)
    elif kind == "max-vs-zero":
        ref, dis = np.full((h, w), top), np.zeros((h, w), dtype=np.int64)
    elif kind == "ramp":
        ref = (np.add.outer(np.arange(h), np.arange(w)) * top // (h + w)).astype(np.int64)
        dis = top - ref
    else:
        ref = rng.integers(0, top + 1, (h, w))
        dis = np.clip(ref + rng.integers(-3, 4, (h, w)), 0, top)
    return bpc, buf(ref), buf(dis), buf(rng.integers(0, top + 1, (h, w))), kind


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frame_pairs())
def test_engine_is_total_and_finite(case):
    bpc, ref, dis, prev, kind = case
    h, w = ref.shape
    e = FeatureEngine(w, h, bpc, vif_egl=(100.0, 1.0), adm_egl=(100.0, 1.0), motion=True,
                      float_vif_egl=(100.0, 1.0), float_adm_egl=(100.0, 1.0), float_motion=True)
    f = e.compute(ref, dis, prev)
    values = [f.vif, f.adm2, f.adm_scales, np.array([f.motion]), f.float_vif, f.float_adm2,
              f.float_adm_scales, np.array([f.float_motion])]
    if kind in ("black", "white"):
        # Identical flat frames: every pixel is "flat" for VIF, ADM has no detail (score 1).
        assert np.all(f.vif == 1.0) and np.all(f.adm2 == 1.0)
    for v in values:
        assert np.all(np.isfinite(v)), (kind, v)
    assert f.motion >= 0
    again = e.compute(ref.copy(), dis.copy(), prev.copy())  # contiguous copies: same numbers
    assert np.array_equal(again.vif, f.vif)
    assert np.array_equal(again.adm2, f.adm2)
    assert again.motion == f.motion
    from vmaf_tune._native import set_simd

    previous = set_simd(not previous_choice())
    try:
        other = FeatureEngine(w, h, bpc, vif_egl=(100.0, 1.0), adm_egl=(100.0, 1.0), motion=True).compute(ref, dis, prev)
    finally:
        set_simd(previous)
    assert np.array_equal(other.vif, f.vif) and np.array_equal(other.adm2, f.adm2)  # scalar == SIMD


def previous_choice() -> bool:
    from vmaf_tune._native import set_simd

    current = set_simd(True)
    set_simd(current)
    return current
