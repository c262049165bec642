"""ciede's fast path (value caches, batched misses, chroma fast path, identical-pixel skip) against
the straight port of libvmaf's loop kept in csrc/ciede.c (vt_ciede_compute_reference), bit for bit.

Frames are random, extreme (0, the top code, limited-range edges) and near-identical (most pixels
equal, the rest nudged), at 8, 10, 12 and 16 bits in 4:2:0, 4:2:2 and 4:4:4, with odd sizes (the
chroma quirks), through one context over several frames (cross-frame cache hits) and with tiny
caches (every kind of slot collision). A per-pixel difference changes the double sum's bits, so
the frames are kept small enough for one dE00 to show.
"""

from __future__ import annotations

import struct

import numpy as np
import pytest

_native = pytest.importorskip("vmaf_tune._native._vt_cffi")
lib, ffi = _native.lib, _native.ffi

LAYOUTS = {"420": (2, 2), "422": (2, 1), "444": (1, 1)}


def planes(frame, bpc):
    out = ffi.new("vt_plane[3]")
    for k, p in enumerate(frame):
        out[k].data = ffi.cast("void *", p.ctypes.data)
        out[k].stride = p.strides[0]
        out[k].h, out[k].w = p.shape
        out[k].bpc = bpc
    return out


def bits(x: float) -> bytes:
    return struct.pack("<d", x)


def make_frame(rng, w, h, layout, bpc, kind):
    sx, sy = LAYOUTS[layout]
    cw, ch = (w + sx - 1) // sx, (h + sy - 1) // sy
    top = (1 << bpc) - 1
    dtype = np.uint8 if bpc == 8 else np.uint16
    s = 1 << (bpc - 8)
    edges = np.array([0, top, 16 * s, 235 * s, 240 * s, 128 * s, 1, top - 1, 128 * s - 1, 128 * s + 1])
    out = []
    for pw, ph in ((w, h), (cw, ch), (cw, ch)):
        if kind == "random":
            p = rng.integers(0, top + 1, (ph, pw))
        elif kind == "extreme":
            p = rng.choice(edges, (ph, pw))
        else:  # "smooth": few distinct values, as in real content
            p = rng.integers(16 * s, 64 * s, (ph, pw)) // (4 * s) * (4 * s)
        out.append(p.astype(dtype))
    return out


def distort(rng, frame, bpc, kind):
    top = (1 << bpc) - 1
    out = []
    for p in frame:
        q = p.astype(np.int64)
        if kind == "random":
            q = rng.integers(0, top + 1, q.shape)
        else:
            mask = rng.random(q.shape) < 0.3
            q = np.where(mask, q + rng.integers(-3, 4, q.shape), q)
        out.append(np.clip(q, 0, top).astype(p.dtype))
    return out


def score(ctx, ref, dis, bpc, reference):
    out = ffi.new("double *")
    fn = lib.vt_ciede_compute_reference if reference else lib.vt_ciede_compute
    assert fn(ctx, planes(ref, bpc), planes(dis, bpc), out) == 0
    return out[0]


@pytest.mark.parametrize("bpc", [8, 10, 12, 16])
@pytest.mark.parametrize("layout", ["420", "422", "444"])
@pytest.mark.parametrize("cache_bits", [None, (1, 1), (3, 5)])
def test_fast_path_equals_straight_port(bpc, layout, cache_bits):
    rng = np.random.default_rng([bpc, int(layout), 0 if cache_bits is None else sum(cache_bits)])
    for w, h in ((7, 5), (16, 9), (33, 4), (66, 3)):
        ref0 = make_frame(rng, w, h, layout, bpc, "smooth")
        sx, sy = LAYOUTS[layout]
        ctx = ffi.new("vt_ciede **")
        assert lib.vt_ciede_new(ctx, w, h, bpc, (w + sx - 1) // sx, (h + sy - 1) // sy) == 0
        c = ffi.gc(ctx[0], lib.vt_ciede_free)
        if cache_bits:
            assert lib.vt_ciede_set_cache_bits(c, *cache_bits) == 0
        for kind in ("random", "extreme", "smooth", "near", "near", "random"):
            ref = ref0 if kind == "near" else make_frame(rng, w, h, layout, bpc, kind)
            dis = distort(rng, ref, bpc, "random" if kind == "random" else "near")
            for a, b in ((ref, dis), (dis, ref), (ref, ref)):
                fast, slow = score(c, a, b, bpc, False), score(c, a, b, bpc, True)
                assert bits(fast) == bits(slow), (w, h, kind, fast, slow)


def test_cache_bits_are_checked():
    ctx = ffi.new("vt_ciede **")
    assert lib.vt_ciede_new(ctx, 8, 8, 8, 4, 4) == 0
    c = ffi.gc(ctx[0], lib.vt_ciede_free)
    assert lib.vt_ciede_set_cache_bits(c, 0, 4) == lib.VT_EINVAL
    assert lib.vt_ciede_set_cache_bits(c, 4, 25) == lib.VT_EINVAL
    assert lib.vt_ciede_set_cache_bits(c, 4, 4) == 0
