"""The native engine on synthetic planes: sizes, strides, bit depths, identities, errors."""

from __future__ import annotations

import numpy as np
import pytest

import vmaf_tune
from engine_view import FeatureEngine, min_size
from vmaf_tune.backends import Plan
from vmaf_tune.errors import EngineError, FrameSizeError
from vmaf_tune.models import resolve_models

BITDEPTHS = [8, 9, 10, 12, 14, 16]


def planes(w, h, bpc, seed=0, blur=False):
    rng = np.random.default_rng(seed)
    dtype = np.uint8 if bpc == 8 else np.uint16
    top = (1 << bpc) - 1
    yy, xx = np.mgrid[0:h, 0:w]
    base = (np.sin(xx / 7.0) * np.cos(yy / 5.0) * 0.4 + 0.5) * top
    ref = np.clip(base + rng.normal(0, top * 0.05, (h, w)), 0, top)
    dis = ref.copy()
    if blur:
        dis[1:-1, 1:-1] = (ref[:-2, 1:-1] + ref[2:, 1:-1] + ref[1:-1, :-2] + ref[1:-1, 2:] + ref[1:-1, 1:-1]) / 5
    dis = np.clip(dis + rng.normal(0, top * 0.02, (h, w)), 0, top)
    return ref.astype(dtype), dis.astype(dtype)


def padded(a, extra):
    """The same samples in a buffer whose rows are ``extra`` samples longer (garbage-filled)."""
    buf = np.full((a.shape[0], a.shape[1] + extra), (1 << (8 * a.itemsize)) - 1, dtype=a.dtype)
    buf[:, : a.shape[1]] = a
    return buf[:, : a.shape[1]]


def engine(w, h, bpc, **kw):
    kw = {"vif_egl": (100.0, 1.0), "adm_egl": (100.0, 1.0), "motion": True, **kw}
    return FeatureEngine(w, h, bpc, **kw)


@pytest.mark.parametrize("bpc", BITDEPTHS)
def test_identical_frames_give_perfect_features(bpc):
    """libvmaf's identities: motion 0; VIF and ADM 1 up to fixed-point rounding (flat pixels with
    a little variance count 1 - var/255^2 in VIF; ADM's integer CSF gives about +2e-6 standard and
    -1e-5 NEG). tests/oracle checks these digits against libvmaf itself."""
    ref, _ = planes(96, 64, bpc)
    f = engine(96, 64, bpc).compute(ref, ref, ref)
    assert np.all(np.abs(f.vif - 1.0) < 1e-5)
    assert np.all(np.abs(f.adm2 - 1.0) < 1e-4) and np.all(np.abs(f.adm_scales - 1.0) < 1e-4)
    assert f.motion == 0.0


@pytest.mark.parametrize("bpc", BITDEPTHS)
@pytest.mark.parametrize("size", [(97, 61), (64, 64), (131, 77)])
def test_padded_strides_change_nothing(bpc, size):
    w, h = size
    ref, dis = planes(w, h, bpc, seed=w, blur=True)
    prev, _ = planes(w, h, bpc, seed=w + 1)
    e = engine(w, h, bpc)
    a = e.compute(ref, dis, prev)
    b = e.compute(padded(ref, 13), padded(dis, 3), padded(prev, 32))
    for name in ("vif", "adm2", "adm_scales"):
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
    assert a.motion == b.motion
    assert np.all(np.isfinite(a.vif)) and np.all(np.isfinite(a.adm2))
    assert 0 < a.vif[0, 0] < 1 and 0 < a.adm2[0] < 1
    # With no enhancement in the distortion, NEG can only lower the features.
    assert np.all(a.vif[1] <= a.vif[0] + 1e-12) and a.adm2[1] <= a.adm2[0] + 1e-12


def test_several_gain_limits_in_one_pass_equal_separate_passes():
    ref, dis = planes(120, 80, 8, blur=True)
    dis = np.clip(dis.astype(int) * 5 // 4, 0, 255).astype(np.uint8)  # contrast boost: enhancement
    both = engine(120, 80, 8).compute(ref, dis, None)
    std = engine(120, 80, 8, vif_egl=(100.0,), adm_egl=(100.0,)).compute(ref, dis, None)
    neg = engine(120, 80, 8, vif_egl=(1.0,), adm_egl=(1.0,)).compute(ref, dis, None)
    assert np.array_equal(both.vif[0], std.vif[0]) and np.array_equal(both.vif[1], neg.vif[0])
    assert both.adm2[0] == std.adm2[0] and both.adm2[1] == neg.adm2[0]
    assert both.adm2[0] > both.adm2[1]


def test_minimum_size_is_accepted_and_smaller_is_refused():
    mw, mh = min_size()
    assert 1 < mw <= 64 and 1 < mh <= 64
    ref, dis = planes(mw, mh, 10, blur=True)
    f = engine(mw, mh, 10).compute(ref, dis, ref)
    assert np.all(np.isfinite(f.vif)) and np.isfinite(f.adm2).all()
    with pytest.raises(FrameSizeError, match="smaller"):
        engine(mw - 1, mh, 8)
    with pytest.raises(FrameSizeError, match="smaller"):
        engine(mw, mh - 1, 8)


def test_bad_planes_are_refused_before_c_reads_them():
    e = engine(64, 48, 8)
    ref, dis = planes(64, 48, 8)
    with pytest.raises(FrameSizeError, match="differs"):
        e.compute(ref[:, :60], dis[:, :60], None)
    with pytest.raises(FrameSizeError, match="contiguous"):
        e.compute(ref[:, ::-1], dis, None)
    with pytest.raises(FrameSizeError, match="bit depth"):
        e.compute(ref.astype(np.uint16), dis.astype(np.uint16), None)
    with pytest.raises(EngineError):
        FeatureEngine(64, 48, 7, vif_egl=(100.0,))
    with pytest.raises(EngineError):
        FeatureEngine(64, 48, 8, vif_egl=(0.5,)).compute(ref, dis, None)


def test_scorer_streams_numpy_planes_and_threads_agree():
    pairs = [planes(80, 60, 10, seed=i, blur=True) for i in range(7)]
    results = []
    for threads in (1, 2):
        with vmaf_tune.Scorer("default,neg", threads=threads, bitdepth=10) as s:
            for ref, dis in pairs:
                s.push(ref, dis)
            results.append(s.finish())
    a, b = results
    assert a.models == ("vmaf", "vmaf_neg")
    for name in a.metrics:
        assert np.array_equal(a.metrics[name], b.metrics[name]), name
    assert a.metrics["integer_motion2"][0] == 0.0
    assert len(a.frame_numbers) == 7 and a.frames == 7
    assert a.as_dict()["frames"][6]["frameNum"] == 6


def test_low_priority_workers_give_the_same_numbers_and_are_reniced():
    import os
    import sys
    import threading

    pairs = [planes(80, 60, 8, seed=i, blur=True) for i in range(5)]
    results = []
    for nice in (0, 5):
        with vmaf_tune.Scorer("default", threads=2, worker_nice=nice) as s:
            for ref, dis in pairs:
                s.push(ref, dis)
            results.append(s.finish())
    assert np.array_equal(results[0]["vmaf"], results[1]["vmaf"])
    with pytest.raises(vmaf_tune.InputError, match="worker_nice"):
        vmaf_tune.Scorer(worker_nice=-1)
    if sys.platform.startswith("linux"):
        from vmaf_tune.backends import _renice_thread

        seen = []

        def work():
            tid = threading.get_native_id()
            before = os.getpriority(os.PRIO_PROCESS, tid)
            _renice_thread(3)
            seen.append((before, os.getpriority(os.PRIO_PROCESS, tid)))

        t = threading.Thread(target=work)
        t.start()
        t.join()
        before, after = seen[0]
        assert after == min(19, before + 3)
        assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == before  # only that thread


def test_scorer_rejects_inconsistent_frames():
    s = vmaf_tune.Scorer(threads=1)
    ref, dis = planes(64, 48, 8)
    s.push(ref, dis)
    other, _ = planes(64, 40, 8)
    with pytest.raises(FrameSizeError, match="earlier frames"):
        s.push(other, other)
    with pytest.raises(vmaf_tune.InputError, match="bitdepth"):
        s.push(ref.astype(np.uint16), dis.astype(np.uint16))
    s.close()


def test_subsample_scores_only_the_grid_but_motion_uses_every_frame():
    pairs = [planes(64, 48, 8, seed=i) for i in range(5)]
    full = vmaf_tune.score([p[0] for p in pairs], [p[1] for p in pairs], threads=1)
    sub = vmaf_tune.score([p[0] for p in pairs], [p[1] for p in pairs], threads=1, subsample=2)
    assert list(sub.frame_numbers) == [0, 2, 4]
    assert np.array_equal(sub.metrics["vmaf"], full.metrics["vmaf"][::2])


def test_vmaf_and_vmaf_v1_share_one_motion_sad():
    """Planned together, VMAF's motion is VMAF v1's distance-1 motion SAD (computed once); its
    values are those it has alone, every frame and on the subsample grid. The HFR model's
    distance-2 SAD is not VMAF's motion, so planned with it alone, motion is computed."""
    plans = {m: Plan.for_request(resolve_models(m)) for m in ("default,v1", "default,v1-hfr")}
    steps = {m: [ex.name for ex, _ in plan.steps] for m, plan in plans.items()}
    shared = steps["default,v1"].index("motion")
    assert plans["default,v1"].copies[shared] == (steps["default,v1"].index("motion_v1"), 0)
    assert plans["default,v1"].kernels(256, 216, 8, (128, 108))[shared] is None
    assert plans["default,v1-hfr"].copies[steps["default,v1-hfr"].index("motion")] is None
    frames = []
    for i in range(5):
        ref, dis = planes(256, 216, 8, seed=i, blur=True)
        ref = np.roll(ref, 3 * i, axis=1)  # some motion
        frames.append(((ref, ref[::2, ::2].copy(), ref[1::2, ::2].copy()), (dis, dis[::2, ::2].copy(), dis[1::2, ::2].copy())))
    for subsample in (1, 2):
        alone = vmaf_tune.score([r for r, _ in frames], [d for _, d in frames], "default", threads=1, subsample=subsample)
        for threads in (1, 2):
            both = vmaf_tune.score([r for r, _ in frames], [d for _, d in frames], "default,v1", threads=threads,
                                   subsample=subsample)
            for name in ("integer_motion", "integer_motion2", "vmaf"):
                assert np.array_equal(both.metrics[name], alone.metrics[name]), (name, subsample, threads)
            assert np.any(both.metrics["integer_motion"] > 0)
