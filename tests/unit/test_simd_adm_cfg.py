"""vt_adm_compute_cfg (integer ADM with libvmaf's option set): both code paths print the same bits,
configurations computed together equal configurations computed one by one, vt_adm_compute is the
special case it always was, and invalid options are refused."""

from __future__ import annotations

import math

import numpy as np
import pytest

from vmaf_tune._native import _plane
from vmaf_tune._native._vt_cffi import ffi, lib

SIMD = lib.vt_simd_available()

V1 = dict(csf_mode=2, egl=1.0, noise_weight=0.02, dlm_weight=0.7, min_val=0.5)
CONFIGS = [
    {},  # v0 defaults (with AIM)
    dict(egl=1.0),
    V1,
    {**V1, "norm_view_dist": 5.0},
    {**V1, "ref_display_height": 2160},
    {**V1, "norm_view_dist": 1.5, "ref_display_height": 2160},  # the 1080/3H table again
    dict(csf_mode=3, norm_view_dist=5.0, egl=1.2),
    dict(norm_view_dist=5.0, ref_display_height=2160, noise_weight=0.0, aim=0),
]


def cfg_array(configs):
    arr = ffi.new("vt_adm_cfg[]", len(configs))
    for i, opts in enumerate(configs):
        lib.vt_adm_cfg_default(ffi.addressof(arr, i))
        for k, v in opts.items():
            setattr(arr[i], k, v)
    return arr


def run(ref, dis, bpc, configs, simd=True):
    prev = lib.vt_set_simd(1 if simd else 0)
    ctx = ffi.new("vt_adm **")
    try:
        assert lib.vt_adm_new(ctx, ref.shape[1], ref.shape[0], bpc) == lib.VT_OK
        out = ffi.new("double[]", len(configs) * lib.VT_ADM_NOUT)
        rc = lib.vt_adm_compute_cfg(ctx[0], _plane(ref, bpc), _plane(dis, bpc), cfg_array(configs), len(configs), out)
        assert rc == lib.VT_OK, rc
        return np.frombuffer(ffi.buffer(out), np.float64).reshape(len(configs), -1).copy()
    finally:
        lib.vt_adm_free(ctx[0])
        lib.vt_set_simd(prev)


def pattern(kind, w, h, bpc, rng):
    top = (1 << bpc) - 1
    yy, xx = np.mgrid[0:h, 0:w]
    if kind == "noise":
        p = rng.integers(0, top + 1, (h, w))
    elif kind == "extreme":
        p = rng.integers(0, 2, (h, w)) * top
    elif kind == "blocks8":  # bands beyond 2^15 at scales 1-3
        p = (((xx >> 3) + (yy >> 3)) & 1) * top
    elif kind == "flat":
        p = np.full((h, w), top // 3)
    else:
        p = (np.sin(xx / 5.0) * np.cos(yy / 3.0) * 0.45 + 0.5) * top + rng.normal(0, top * 0.03, (h, w))
    return np.clip(p, 0, top).astype(np.uint8 if bpc == 8 else np.uint16)


def distort(ref, kind, bpc, rng):
    top = (1 << bpc) - 1
    r = ref.astype(np.float64)
    if kind == "noise":
        d = r + rng.normal(0, top * 0.05, r.shape)
    elif kind == "contrast":
        d = (r - top / 2) * 1.3 + top / 2
    elif kind == "sharpen":
        b = r.copy()
        b[1:-1, 1:-1] = (r[:-2, 1:-1] + r[2:, 1:-1] + r[1:-1, :-2] + r[1:-1, 2:] + r[1:-1, 1:-1]) / 5
        d = r + 2.0 * (r - b)
    elif kind == "invert":
        d = top - r
    else:
        d = rng.integers(0, 2, r.shape) * top
    return np.clip(np.rint(d), 0, top).astype(ref.dtype)


def same(a, b):
    return np.array_equal(a, b, equal_nan=True)


@pytest.mark.skipif(not SIMD, reason="no AVX2 on this CPU/build")
@pytest.mark.parametrize("bpc", [8, 10, 12, 16])
@pytest.mark.parametrize("w", [33, 35, 40, 47, 64, 177])
def test_simd_equals_scalar(bpc, w):
    rng = np.random.default_rng(w * 31 + bpc)
    for h, kind, dist in [(33, "texture", "sharpen"), (41, "noise", "contrast"), (37, "extreme", "extreme"),
                          (45, "blocks8", "noise"), (39, "texture", "invert"), (35, "flat", "noise")]:
        ref = pattern(kind, w, h, bpc, rng)
        dis = distort(ref, dist, bpc, rng)
        a, b = run(ref, dis, bpc, CONFIGS, simd=False), run(ref, dis, bpc, CONFIGS, simd=True)
        assert same(a, b), (kind, dist, a - b)


@pytest.mark.parametrize("simd", [False, True] if SIMD else [False])
def test_together_equals_one_by_one(simd):
    rng = np.random.default_rng(5)
    ref = pattern("texture", 97, 61, 10, rng)
    dis = distort(ref, "sharpen", 10, rng)
    together = run(ref, dis, 10, CONFIGS, simd)
    for i, c in enumerate(CONFIGS):
        assert same(run(ref, dis, 10, [c], simd)[0], together[i]), c
    order = [5, 0, 7, 2, 6, 1, 4, 3]  # another grouping and order of the same pairs
    shuffled = run(ref, dis, 10, [CONFIGS[i] for i in order], simd)
    assert same(shuffled, together[order])
    # aim off leaves adm2 and the scales alone
    quiet = run(ref, dis, 10, [{**c, "aim": 0} for c in CONFIGS], simd)
    assert same(quiet[:, :5], together[:, :5]) and np.isnan(quiet[:, 5:]).all()


@pytest.mark.parametrize("simd", [False, True] if SIMD else [False])
def test_old_interface_is_the_default_configuration(simd):
    rng = np.random.default_rng(9)
    ref = pattern("texture", 80, 50, 8, rng)
    dis = distort(ref, "contrast", 8, rng)
    prev = lib.vt_set_simd(1 if simd else 0)
    ctx = ffi.new("vt_adm **")
    try:
        assert lib.vt_adm_new(ctx, 80, 50, 8) == lib.VT_OK
        egl = ffi.new("double[]", [100.0, 1.0, 1.2])
        adm2, scales = ffi.new("double[]", 3), ffi.new("double[]", 12)
        assert lib.vt_adm_compute(ctx[0], _plane(ref, 8), _plane(dis, 8), egl, 3, adm2, scales) == lib.VT_OK
    finally:
        lib.vt_adm_free(ctx[0])
        lib.vt_set_simd(prev)
    new = run(ref, dis, 8, [dict(egl=e) for e in (100.0, 1.0, 1.2)], simd)
    assert list(adm2) == list(new[:, 0])
    assert list(scales) == list(new[:, 1:5].ravel())
    # adm3 from adm2 and aim, in libvmaf's double steps
    for row in new:
        assert row[6] == max(row[0] * 0.5 + (1 - row[5]) * (1 - 0.5), 0.0)


@pytest.mark.parametrize("bad", [
    dict(csf_mode=1), dict(csf_mode=4), dict(csf_mode=-1),
    dict(csf_mode=2, norm_view_dist=4.0),  # no table for this pair
    dict(csf_mode=2, ref_display_height=1440),
    dict(csf_mode=3, ref_display_height=720, norm_view_dist=3.0),  # a table, but nvd * rdh < 3240
    dict(ref_display_height=720),  # Watson too: libvmaf refuses nvd * rdh < 3 * 1080
    dict(norm_view_dist=0.5, ref_display_height=4320), dict(norm_view_dist=25.0),
    dict(ref_display_height=0), dict(ref_display_height=5000),
    dict(egl=0.5), dict(egl=101.0), dict(egl=math.nan),
    dict(noise_weight=-0.1), dict(noise_weight=math.nan), dict(dlm_weight=1.5), dict(min_val=-1.0), dict(aim=2),
])
def test_invalid_options(bad):
    ref = np.zeros((40, 40), np.uint8)
    ctx = ffi.new("vt_adm **")
    assert lib.vt_adm_new(ctx, 40, 40, 8) == lib.VT_OK
    try:
        out = ffi.new("double[]", 2 * lib.VT_ADM_NOUT)
        cfgs = cfg_array([{}, bad])
        assert lib.vt_adm_compute_cfg(ctx[0], _plane(ref, 8), _plane(ref, 8), cfgs, 2, out) == lib.VT_EINVAL
        for n in (0, lib.VT_ADM_MAX_CFG + 1):
            many = cfg_array([{}] * max(n, 1))
            assert lib.vt_adm_compute_cfg(ctx[0], _plane(ref, 8), _plane(ref, 8), many, n, out) == lib.VT_EINVAL
        assert lib.vt_adm_compute_cfg(ctx[0], _plane(ref, 8), _plane(ref, 8), ffi.NULL, 1, out) == lib.VT_EINVAL
    finally:
        lib.vt_adm_free(ctx[0])


def test_valid_geometries():
    """Every (rdh, nvd) pair libvmaf has a blended table for and lets through, and Watson anywhere."""
    rng = np.random.default_rng(3)
    ref = pattern("texture", 64, 48, 8, rng)
    dis = distort(ref, "noise", 8, rng)
    pairs = [(1080, 3.0), (1080, 5.0), (2160, 1.5), (2160, 3.0), (2160, 5.0), (720, 5.0)]
    out = run(ref, dis, 8, [dict(csf_mode=2, ref_display_height=r, norm_view_dist=n) for r, n in pairs])
    assert np.isfinite(out).all()
    assert same(out[0], out[2])  # 2160 at 1.5H is 1080 at 3H
    out = run(ref, dis, 8, [dict(ref_display_height=1440, norm_view_dist=2.4), dict(norm_view_dist=7.5)])
    assert np.isfinite(out).all()


@pytest.mark.parametrize("simd", [False, True] if SIMD else [False])
def test_zero_denominator(simd):
    """Flat reference, no noise floor: adm2 is 1 (as libvmaf), aim and adm3 undefined there (NaN)."""
    ref = np.full((40, 48), 77, np.uint8)
    dis = pattern("noise", 48, 40, 8, np.random.default_rng(1))
    out = run(ref, dis, 8, [dict(noise_weight=0.0), {}], simd)
    assert out[0, 0] == 1.0 and np.isnan(out[0, 5:]).all()
    assert np.isfinite(out[1]).all()
