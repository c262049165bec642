"""vmaf_tune.motion_v1: the streaming form equals the whole-clip form bit for bit, and both follow
libvmaf master's flush (integer_motion.c) as the reference notes describe it."""

from __future__ import annotations

import ast
import itertools
import struct
from pathlib import Path

import numpy as np
import pytest

from vmaf_tune import motion_v1
from vmaf_tune.motion_v1 import MotionV1Stream, motion2_motion3, sad_score

BLENDS = [(1.0, 40.0), (0.5, 0.3), (0.0, 1.0), (0.25, 1000.0)]
MAX_VALS = [10000.0, 18.0, 0.7, 0.0]
OPTIONS = [
    dict(five_frame_window=ffw, moving_average=mma, max_val=mx, blend_factor=bf, blend_offset=bo)
    for ffw, mma, mx, (bf, bo) in itertools.product((False, True), (False, True), MAX_VALS, BLENDS)
]


def _bits(x: float) -> bytes:
    return struct.pack("<d", x)


def _sads(rng: np.random.Generator, n: int) -> np.ndarray:
    """SAD-like values: mostly small, some above 18, ties, zeros (libvmaf stores 0 below min_idx)."""
    v = rng.choice([0.0, 0.25, 0.7, 1.5, 17.9, 18.0, 25.0, 300.5], size=n)
    noisy = rng.random(n) < 0.6
    v[noisy] = rng.random(int(noisy.sum())) * rng.choice([1.0, 5.0, 40.0], size=int(noisy.sum()))
    return v


def _stream(sad, **opts):
    s = MotionV1Stream(**opts)
    got = []
    for k, v in enumerate(sad):
        out = s.push(float(v))
        assert s.frames == k + 1
        for i, _, _ in out:  # a frame is handed out once it is final, never later than necessary
            min_idx = 2 if opts.get("five_frame_window") else 1
            assert i == k - 1 or (i < min_idx and k == min_idx), (i, k)
        got += out
    got += s.flush()
    assert s.flush() == []
    return got


@pytest.mark.parametrize("opts", OPTIONS, ids=lambda o: "-".join(f"{k}={v}" for k, v in o.items()))
def test_stream_equals_whole_clip(opts):
    rng = np.random.default_rng(hash(tuple(opts.values())) & 0xFFFF)
    for n in range(0, 11):
        for _ in range(12):
            sad = _sads(rng, n)
            m2, m3 = motion2_motion3(sad, **opts)
            got = _stream(sad, **opts)
            assert [i for i, _, _ in got] == list(range(n))
            assert [_bits(v) for _, v, _ in got] == [_bits(v) for v in m2], (sad, opts)
            assert [_bits(v) for _, _, v in got] == [_bits(v) for v in m3], (sad, opts)


def test_stream_rejects_push_after_flush():
    s = MotionV1Stream()
    s.push(0.0)
    s.flush()
    with pytest.raises(RuntimeError):
        s.push(1.0)


def test_three_frame_layout():
    """Reference notes 4.2: motion2 = min(sad[i], sad[i+1]), motion2[0] = 0, motion2[last] =
    sad[last]; motion3 = motion2 except motion3[0] = sad[1]."""
    rng = np.random.default_rng(7)
    for n in range(2, 12):
        sad = _sads(rng, n)
        m2, m3 = motion2_motion3(sad)
        assert m2[0] == 0.0 and m3[0] == sad[1]
        for i in range(1, n - 1):
            assert m2[i] == min(sad[i], sad[i + 1])
        assert m2[n - 1] == sad[n - 1]
        assert np.array_equal(m3[1:], m2[1:])
    m2, m3 = motion2_motion3([3.0])
    assert list(m2) == [0.0] and list(m3) == [0.0]


def test_hfr_layout():
    """Reference notes 4.2, HFR (five-frame window + moving average)."""
    rng = np.random.default_rng(8)
    opts = dict(five_frame_window=True, moving_average=True, max_val=18.0)
    for n in range(1, 12):
        sad = _sads(rng, n)
        s = np.minimum(sad, 18.0)
        m2, m3 = motion2_motion3(sad, **opts)
        assert list(m2[:2]) == [0.0] * min(n, 2)
        if n <= 2:
            assert list(m3) == [0.0] * n
            continue
        assert m3[0] == m3[1] == s[2]
        if n == 3:
            assert m2[2] == s[2] and m3[2] == s[2]
            continue
        assert m2[2] == s[3] and m3[2] == (s[3] + s[2]) / 2
        for i in range(3, n - 1):
            assert m2[i] == min(s[i - 1], s[i + 1])
        assert m2[n - 1] == s[n - 1]
        for i in range(3, n):
            assert m3[i] == (m2[i] + m2[i - 1]) / 2


def test_clamp_before_min():
    """Stored SADs are clamped; passing unclamped ones gives the same arrays."""
    rng = np.random.default_rng(9)
    for ffw in (False, True):
        sad = _sads(rng, 9) * 3
        a = motion2_motion3(sad, five_frame_window=ffw, max_val=18.0)
        b = motion2_motion3([sad_score(v, max_val=18.0) for v in sad], five_frame_window=ffw, max_val=18.0)
        assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])
        assert a[0].max() <= 18.0 and a[1].max() <= 18.0


def test_default_motion2_is_the_v0_motion2():
    """With default options motion2 is the classic (VMAF v0.6.1) motion2: 0 for frame 0,
    min(motion[i], motion[i + 1]), and the last frame keeps its own."""
    rng = np.random.default_rng(10)
    for n in range(1, 12):
        sad = _sads(rng, n)
        sad[0] = 0.0  # libvmaf (and the engine) store 0 for frame 0
        classic = sad.copy()
        classic[1:-1] = np.minimum(sad[1:-1], sad[2:])
        classic[0] = 0.0
        assert np.array_equal(motion2_motion3(sad)[0], classic)


@pytest.mark.parametrize(
    "kw", [dict(max_val=-1.0), dict(max_val=10000.5), dict(blend_factor=1.5), dict(blend_offset=-0.1), dict(max_val=float("nan"))]
)
def test_option_ranges(kw):
    with pytest.raises(ValueError):
        motion2_motion3([0.0, 1.0], **kw)
    with pytest.raises(ValueError):
        MotionV1Stream(**kw)


def test_sad_score():
    assert sad_score(20.0, max_val=18.0) == 18.0
    assert sad_score(2.5) == 2.5
    assert sad_score(2.5, fps_weight=2.0, max_val=4.0) == 4.0
    with pytest.raises(ValueError):
        sad_score(1.0, fps_weight=6.0)


def test_module_is_self_contained():
    """numpy and the standard library only: nothing from the package."""
    tree = ast.parse(Path(motion_v1.__file__).read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, "relative import"
            names.add(node.module.split(".")[0])
    assert names <= {"__future__", "numpy", "typing", "math"}, names
