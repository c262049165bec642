"""The CRF search on synthetic and measured score curves: correctness, robustness, probe counts."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from vmaf_tune.search import search_crf


def logistic(crf, mid=30.0, width=6.0):
    return 100.0 / (1.0 + math.exp((crf - mid) / width))


def brute(curve, lo, hi, step, target):
    best = None
    k = 0
    while lo + k * step <= hi + 1e-9:
        c = round(lo + k * step, 6)
        if curve(c) >= target:
            best = c
        k += 1
    return best


def counted(curve):
    calls = []

    def probe(c):
        calls.append(c)
        return curve(c)

    return probe, calls


@pytest.mark.parametrize("target", [50, 70, 85, 90, 93, 95, 97])
@pytest.mark.parametrize("mid", [18.0, 26.0, 34.0])
def test_finds_the_highest_passing_crf_with_few_probes(target, mid):
    curve = lambda c: logistic(c, mid)  # noqa: E731
    probe, calls = counted(curve)
    ok, _ = search_crf(probe, 0, 51, 1, target, 23)
    assert ok == brute(curve, 0, 51, 1, target)
    assert len(calls) == len(set(calls))
    assert len(calls) <= 7  # plain halving of 0..51 needs 6-7 probes; interpolation usually 3-5


def test_fractional_steps():
    curve = lambda c: logistic(c, 27.3, 4.0)  # noqa: E731
    probe, calls = counted(curve)
    ok, _ = search_crf(probe, 10, 40, 0.25, 90, 23)
    assert ok == brute(curve, 10, 40, 0.25, 90)
    assert len(calls) <= 9


def test_saturated_region_near_100():
    curve = lambda c: min(100.0, 100.0 - max(0.0, c - 35) * 2.5)  # flat 100 until 35  # noqa: E731
    probe, calls = counted(curve)
    ok, _ = search_crf(probe, 0, 51, 1, 90, 10)
    assert ok == brute(curve, 0, 51, 1, 90) == 39
    assert len(calls) <= 8


def test_small_wiggles_still_give_a_consistent_answer():
    curve = lambda c: logistic(c) + 0.3 * math.sin(c * 2.1)  # noqa: E731
    probe, calls = counted(curve)
    ok, _ = search_crf(probe, 0, 51, 1, 90, 23)
    assert curve(ok) >= 90
    assert curve(ok + 1) < 90 or (ok + 1) in calls and curve(ok + 1) < 90 or ok + 1 not in calls


def test_unreachable_target_reports_best():
    probe, calls = counted(lambda c: 80 - c)
    ok, best = search_crf(probe, 0, 51, 1, 95, 23)
    assert ok is None and best == 0
    assert 0 in calls


def test_target_met_at_max_crf():
    probe, _ = counted(lambda c: 99.0)
    ok, _ = search_crf(probe, 0, 51, 1, 90, 23)
    assert ok == 51


def test_long_inputs_are_sampled_evenly_and_short_ones_scored_whole():
    from fractions import Fraction

    from vmaf_tune.reference import load_reference
    from vmaf_tune.synthetic import synthetic_frames

    frames = list(synthetic_frames(64, 36, 240))
    ref = load_reference(None, frames=frames, fps=Fraction(24), samples=3, sample_seconds=1.0)
    assert ref.mode == "samples" and ref.total_frames == 240
    assert [s["start_frame"] for s in ref.sample_positions()] == [28, 108, 188]
    assert all(s.length == 24 and len(s.lumas) == 24 for s in ref.segments)
    assert ref.segments[1].frames[0] is frames[108]
    whole = load_reference(None, frames=frames[:40], fps=Fraction(24), samples=3, sample_seconds=1.0)
    assert whole.mode == "full" and whole.segments[0].length == 40
    forced = load_reference(None, frames=frames, fps=Fraction(24), full=True)
    assert forced.mode == "full" and forced.segments[0].length == 240


def test_files_are_sampled_in_one_decoding_pass_and_recover_from_a_wrong_packet_count(tmp_path, monkeypatch):
    from fractions import Fraction

    import av

    import vmaf_tune.reference as reference
    from vmaf_tune.synthetic import synthetic_frames

    frames = list(synthetic_frames(64, 36, 240))
    path = tmp_path / "long.mkv"
    with av.open(str(path), "w") as out:
        stream = out.add_stream("ffv1", rate=24)
        stream.width, stream.height, stream.pix_fmt = 64, 36, "yuv420p"
        for f in frames:
            for packet in stream.encode(f.reformat(format="yuv420p")):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    from_memory = reference.load_reference(None, frames=frames, fps=Fraction(24), samples=3, sample_seconds=1.0)

    def check(ref):
        assert ref.mode == "samples" and ref.total_frames == 240
        assert ref.sample_positions() == from_memory.sample_positions()
        for a, b in zip(ref.segments, from_memory.segments):
            assert all(np.array_equal(x.luma, y.luma) for x, y in zip(a.lumas, b.lumas))

    passes = []
    real_decode = reference._decode_kept
    monkeypatch.setattr(reference, "_decode_kept", lambda *a: passes.append(1) or real_decode(*a))
    check(reference.load_reference(str(path), samples=3, sample_seconds=1.0))
    assert len(passes) == 1
    monkeypatch.setattr(reference, "_count_packets", lambda p: 250)  # a container that miscounts
    passes.clear()
    check(reference.load_reference(str(path), samples=3, sample_seconds=1.0))
    assert len(passes) == 2


def test_measured_x264_curves_are_solved_in_few_probes():
    """Real CRF -> VMAF curves (tests/unit/data/x264_curves.json): every answer is exact and the
    search needs few encodes on average over targets 80-97.5."""
    data = json.loads((Path(__file__).parent / "data" / "x264_curves.json").read_text())["curves"]
    counts = []
    for name, points in data.items():
        table = {int(c): s for c, s in points.items()}
        curve = lambda c: table[int(c)]  # noqa: E731
        for target in [80 + 0.5 * k for k in range(36)]:
            probe, calls = counted(curve)
            ok, _ = search_crf(probe, 14, 40, 1, target, 23.0)
            assert ok == brute(curve, 14, 40, 1, target), (name, target)
            counts.append(len(calls))
    assert max(counts) <= 6
    assert sum(counts) / len(counts) <= 3.6
