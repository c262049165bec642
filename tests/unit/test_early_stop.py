"""Probes that stop early with an estimate: the search's answer is still the one exact probes
give, whatever the estimates say; a probe stops only at its checkpoints, and only when asked;
one that goes on is the same exact probe; stopped probes are cached apart and estimated again."""

from __future__ import annotations

import gzip
import json
import random
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

import vmaf_tune
from vmaf_tune.cache import ProbeCache
from vmaf_tune.encode import encode_decode
from vmaf_tune.models import resolve_models
from vmaf_tune.options import EncoderConfig
from vmaf_tune.probe import ESTIMATE_MIN_FRAMES, Scoring, checkpoints, measure
from vmaf_tune.reference import load_reference
from vmaf_tune.search import replay, search_crf
from vmaf_tune.synthetic import synthetic_frames

CURVES = json.loads((Path(__file__).parent / "data" / "x264_curves.json").read_text())["curves"]
TARGETS = [80 + 0.5 * k for k in range(36)]


def brute(table, target):
    return max((c for c in table if table[c] >= target), default=None)


def estimating(table, target, error, calls):
    """A probe whose estimates are off by ``error(crf)`` and which stops whenever its estimate
    lets it: the search must not trust them for its answer."""

    def probe(crf, margin):
        true = table[int(crf)]
        if margin is not None:
            estimate = true + error(crf)
            if abs(estimate - target) > margin:
                calls.append((crf, False))
                return estimate, False
        calls.append((crf, True))
        return true, True

    return probe


@pytest.mark.parametrize("kind", ["exact", "biased+3", "biased-3", "random4"])
def test_estimates_never_change_the_answer(kind):
    rng = random.Random(5)
    errors = {"exact": lambda c: 0.0, "biased+3": lambda c: 3.0, "biased-3": lambda c: -3.0,
              "random4": lambda c: rng.uniform(-4, 4)}
    for name, points in CURVES.items():
        table = {int(c): s for c, s in points.items()}
        for target in TARGETS:
            calls: list[tuple[float, bool]] = []
            ok, _ = search_crf(estimating(table, target, errors[kind], calls), 14, 40, 1, target, 23.0,
                               estimates=True)
            assert ok == brute(table, target), (name, target, calls)
            exact = {c for c, e in calls if e}
            assert ok in exact and (ok == 40 or ok + 1 in exact), (name, target, calls)
            for crf in {c for c, _ in calls}:  # at most an estimate, then the exact probe
                assert [e for c, e in calls if c == crf] in ([True], [False], [False, True]), (name, target, calls)


def test_unreachable_target_rests_on_exact_probes():
    table = {c: 80.0 - c for c in range(0, 52)}
    calls: list[tuple[float, bool]] = []
    ok, best = search_crf(estimating(table, 95, lambda c: 30.0, calls), 0, 51, 1, 95, 23, estimates=True)
    assert ok is None and best == 0 and (0, True) in calls


def test_estimates_save_encoding_on_measured_curves():
    """Replayed on per-frame scores of real x264 encodes (tests/unit/data/x264_frames.json.gz),
    with the real checkpoints and estimator: the same answers from clearly fewer frames."""
    data = json.loads(gzip.decompress((Path(__file__).parent / "data" / "x264_frames.json.gz").read_bytes()))
    spent, whole = [], []
    for name, points in data.items():
        curve = {float(c): np.asarray(v) for c, v in points.items()}
        for target in TARGETS:
            ok, cost, _ = replay(curve, target, 23.0)
            plain, full, probes = replay(curve, target, 23.0, estimates=False)
            table = {c: float(f.mean()) for c, f in curve.items()}
            assert ok == plain == brute(table, target), (name, target)
            assert full == probes
            spent.append(cost)
            whole.append(full)
    assert sum(spent) < 0.85 * sum(whole)


def test_checkpoints():
    assert checkpoints(250) == {75, 125}
    assert checkpoints(48) == frozenset()  # the built-in clip: too short to stop early
    assert min(checkpoints(100)) >= ESTIMATE_MIN_FRAMES


@pytest.fixture(scope="module")
def reference():
    return load_reference("<long>", frames=list(synthetic_frames(96, 64, 120)), fps=Fraction(24))


@pytest.fixture(scope="module")
def setup():
    return EncoderConfig.of("libx264", "ultrafast"), Scoring(resolve_models("default"), threads=2)


def test_probe_stops_where_asked(reference, setup):
    config, scoring = setup
    seen: list[int] = []
    got: list[np.ndarray] = []
    p = measure(reference, config, 30, scoring, stop=lambda s: seen.append(len(s)) or 42.0, on_scores=got.append)
    assert seen == [36] and p.estimated_from == 36 and p.vmaf == 42.0 and not p.cached
    assert len(got[0]) == 36 and p.bitrate > 0
    whole = measure(reference, config, 30, scoring)
    assert whole.estimated_from is None
    assert np.isclose(p.scores["vmaf"], got[0].mean())


def test_probe_that_goes_on_is_exact(reference, setup):
    config, scoring = setup
    seen: list[int] = []
    got: list[np.ndarray] = []
    p = measure(reference, config, 30, scoring, stop=lambda s: seen.append(len(s)), on_scores=got.append)
    whole = measure(reference, config, 30, scoring)
    assert seen == [36, 60] and p.estimated_from is None
    assert p.vmaf == whole.vmaf and p.scores == whole.scores and p.size_bytes == whole.size_bytes
    assert len(got[0]) == 120 and np.isclose(got[0].mean(), whole.vmaf)


def test_stopped_probes_are_cached_apart(reference, setup, tmp_path):
    config, scoring = setup
    cache = ProbeCache(tmp_path / "probes.sqlite3")
    try:
        first = measure(reference, config, 30, scoring, cache=cache, stop=lambda s: 42.0)
        again = measure(reference, config, 30, scoring, cache=cache, stop=lambda s: 41.0)  # estimated anew
        assert not first.cached and again.cached and again.vmaf == 41.0 and again.estimated_from == 36
        whole = measure(reference, config, 30, scoring, cache=cache, stop=lambda s: None)  # must encode
        assert not whole.cached and whole.estimated_from is None
        got: list[np.ndarray] = []
        hit = measure(reference, config, 30, scoring, cache=cache, on_scores=got.append)
        assert hit.cached and hit.vmaf == whole.vmaf and len(got[0]) == 120
    finally:
        cache.close()


def test_bisect_with_estimates_finds_the_exact_answer(reference):
    kw = dict(encoder="libx264", preset="ultrafast", use_cache=False, threads=2, reference=reference)
    exact = vmaf_tune.bisect(None, 60, exact_probes=True, **kw)
    fast = vmaf_tune.bisect(None, 60, **kw)
    assert fast.crf == exact.crf and fast.vmaf == exact.vmaf and fast.met
    assert fast.answer.estimated_from is None and fast.answer.vmaf == fast.vmaf  # what compare's points take
    assert all(p.estimated_from is None for p in exact.probes)
    stopped = [p for p in fast.probes if p.estimated_from is not None]
    assert stopped and all(p.crf not in (fast.crf, fast.crf + 1) for p in stopped)
    assert sum(p.estimated_from or reference.total_frames for p in fast.probes) < \
        reference.total_frames * len(exact.probes)


def test_peek_gives_the_scores_so_far(reference, setup):
    config, _ = setup
    frames = [f for f in reference.segments[0].frames]
    dis = list(encode_decode(frames, "libx264", 35, preset="ultrafast"))
    with vmaf_tune.Scorer("default", threads=2) as s:
        assert s.peek() is None
        for r, d in zip(frames[:40], dis[:40]):
            s.push(r, d)
        early = s.peek()["vmaf"]
        for r, d in zip(frames[40:], dis[40:]):
            s.push(r, d)
        done = s.finish()["vmaf"]
    assert len(early) == 40
    # The last frame peeked has no next one yet, which motion looks at.
    assert np.array_equal(early[:39], done[:39])
