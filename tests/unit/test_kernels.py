"""Every kernel of the registry on synthetic pictures: the scalar and the AVX2 path give the same
bits, padded strides change nothing, and frames a kernel cannot take are refused, not crashed on
(these run under AddressSanitizer/UBSan in .ci/sanitize)."""

from __future__ import annotations

import numpy as np
import pytest

from vmaf_tune._native import KERNELS, code_paths, use_code_path
from vmaf_tune.errors import FrameSizeError
from vmaf_tune.features import EXTRACTORS

W, H = 357, 241  # odd, and large enough for every extractor (CAMBI: >= 216; MS-SSIM needs 176)


def picture(w, h, bpc, seed, chroma=True):
    rng = np.random.default_rng(seed)
    dtype = np.uint8 if bpc == 8 else np.uint16
    top = (1 << bpc) - 1
    yy, xx = np.mgrid[0:h, 0:w]
    y = np.clip((np.sin(xx / 9.0) * np.cos(yy / 7.0) * 0.4 + 0.5) * top + rng.normal(0, top * 0.03, (h, w)), 0, top)
    planes = [y.astype(dtype)]
    if chroma:
        ch, cw = (h + 1) // 2, (w + 1) // 2
        planes += [rng.integers(top // 4, 3 * top // 4, (ch, cw)).astype(dtype) for _ in range(2)]
    return tuple(planes)


def padded(planes, extra=13):
    out = []
    for p in planes:
        buf = np.full((p.shape[0], p.shape[1] + extra), (1 << (8 * p.itemsize)) - 1, dtype=p.dtype)
        buf[:, : p.shape[1]] = p
        out.append(buf[:, : p.shape[1]])
    return tuple(out)


def distort(planes, bpc):
    top = (1 << bpc) - 1
    out = []
    for p in planes:
        q = p.astype(np.int64)
        q[1:-1, 1:-1] = (q[:-2, 1:-1] + q[2:, 1:-1] + q[1:-1, :-2] + q[1:-1, 2:] + 4 * q[1:-1, 1:-1]) // 8
        out.append(np.clip(q // 3 * 3, 0, top).astype(p.dtype))
    return tuple(out)


def run(name, bpc, ref, dis, prevs):
    chroma = ((W >> 1), (H >> 1)) if len(ref) == 3 else None
    variant = {o.key: o.default for o in EXTRACTORS[name].options}
    return KERNELS[name](W, H, bpc, [variant], chroma=chroma).compute(ref, dis, prevs)


@pytest.mark.parametrize("bpc", [8, 10, 12])
@pytest.mark.parametrize("name", sorted(KERNELS))
def test_scalar_and_simd_agree_and_strides_do_not_matter(name, bpc):
    if name == "psnr_hvs" and bpc > 12:
        pytest.skip("psnr_hvs reads at most 12 bits, as libvmaf")
    ref = picture(W, H, bpc, 1)
    dis = distort(ref, bpc)
    prevs = (picture(W, H, bpc, 2, chroma=False)[0], picture(W, H, bpc, 3, chroma=False)[0])
    results = []
    for path in code_paths():
        before = use_code_path(path)
        try:
            results.append(run(name, bpc, ref, dis, prevs))
            results.append(run(name, bpc, padded(ref), padded(dis, 3), tuple(padded(prevs, 32))))
        finally:
            use_code_path(before)
    first = results[0]
    assert np.isfinite(first[:, 0]).all(), first
    for other in results[1:]:
        assert np.array_equal(first, other, equal_nan=True), (name, first, other)


@pytest.mark.parametrize("name", sorted(KERNELS))
def test_too_small_frames_are_refused(name):
    chroma = (1, 1)
    with pytest.raises(FrameSizeError, match=name):
        KERNELS[name](1, 1, 8, [{o.key: o.default for o in EXTRACTORS[name].options}], chroma=chroma)


@pytest.mark.parametrize("name", [n for n, e in sorted(EXTRACTORS.items()) if KERNELS[n].__dict__.get("needs_chroma")
                                  or n == "speed_chroma"])
def test_gray_input_is_refused_where_chroma_is_read(name):
    with pytest.raises(FrameSizeError, match="gray"):
        KERNELS[name](W, H, 8, [{o.key: o.default for o in EXTRACTORS[name].options}], chroma=None)
