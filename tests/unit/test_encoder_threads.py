"""The encoder's thread count: automatic by default (as the ffmpeg CLI), pinned when asked, part of
the probe cache key and the batch settings, and each parallel batch job's share of --threads."""

from __future__ import annotations

import dataclasses
import sys

import pytest

import vmaf_tune
from vmaf_tune.backends import REFERENCE_CACHE_BUDGET
from vmaf_tune.batch import _run_bisects
from vmaf_tune.budget import Budget
from vmaf_tune.compare import _run_jobs
from vmaf_tune.encode import EncodeRun
from vmaf_tune.errors import InputError
from vmaf_tune.models import resolve_models
from vmaf_tune.options import CrfRange, EncoderConfig, Sampling
from vmaf_tune.pershot import _Tuning
from vmaf_tune.probe import Scoring, probe_key
from vmaf_tune.reference import load_reference
from vmaf_tune.synthetic import synthetic_frames


@pytest.fixture(scope="module")
def frames():
    return list(synthetic_frames(192, 108, 8))


def encoded(frames, threads):
    run = EncodeRun(frames, "libx264", 30, preset="veryfast", threads=threads)
    out = [f.to_ndarray().tobytes() for f in run]
    return run.bytes, out


def test_the_encoder_runs_with_the_count_asked(frames):
    run = EncodeRun((), "libx264", 30, preset="veryfast", threads=3)
    enc = run.open_encoder(192, 108, "yuv420p")
    assert enc.thread_count == 3
    auto = EncodeRun((), "libx264", 30, preset="veryfast").open_encoder(192, 108, "yuv420p")
    assert auto.thread_count == 0  # FFmpeg's automatic count
    assert encoded(frames, 1) == encoded(frames, 1)


def test_threads_are_checked_and_keyed(frames):
    for bad in (0, -1, 1.5, True, 129):
        with pytest.raises(InputError):
            EncoderConfig("libx264", threads=bad)
    reference = load_reference("<frames>", frames=frames, fps=24)
    scoring = Scoring(resolve_models("default"))
    auto, one, two = (EncoderConfig("libx264", threads=t) for t in (None, 1, 2))
    keys = {probe_key(reference, c, 30, scoring) for c in (auto, one, two)}
    assert len(keys) == 3
    assert EncoderConfig.of(one, threads=2).threads == 1  # a config keeps its own setting
    assert EncoderConfig.of("libx264", threads=2).threads == 2


def test_bisect_records_and_uses_the_count(frames, tmp_path):
    result = vmaf_tune.bisect(None, 90, preset="veryfast", encoder_threads=1, use_cache=False)
    assert result.as_dict()["encoder_threads"] == 1
    assert vmaf_tune.bisect(None, 90, preset="veryfast", use_cache=False).as_dict()["encoder_threads"] is None


def test_parallel_batch_jobs_get_a_share_of_the_budget(monkeypatch):
    seen, memory = [], []

    def fake_iter_completed(fn, calls, executor, scheduler, jobs):
        seen.extend((spec.config.threads, spec.threads, jobs) for spec, _ in calls)
        memory.extend(spec.reference_memory for spec, _ in calls)
        return iter(())

    monkeypatch.setattr("vmaf_tune.batch.iter_completed", fake_iter_completed)
    monkeypatch.setattr("vmaf_tune.budget.available_cores", lambda: 8)
    job = dict(target=90.0, config=EncoderConfig("libx264"), crfs=None, sampling=None, models=None, neg=False,
               model_paths=(), pool_method="mean", backend="builtin", score_bitdepth=None, use_cache=False,
               settings="s")
    list(_run_bisects(["a", "b", "c", "d"], 8, "process", None, None, None, lambda m: None, **job))
    assert seen == [(2, 2, 4)] * 4  # four jobs at once, each encoder and scorer on two threads
    assert memory == [REFERENCE_CACHE_BUDGET // 4] * 4  # and a quarter of the reference-side memory
    seen.clear()
    pinned = dict(job, config=EncoderConfig("libx264", threads=3))
    list(_run_bisects(["a", "b"], 8, "process", None, None, None, lambda m: None, **pinned))
    assert seen == [(3, 4, 2)] * 2  # --encoder-threads wins over the share
    seen.clear()
    list(_run_bisects(["a"], None, "process", None, None, None, lambda m: None, **job))
    assert seen == [(None, None, 1)]  # a lone job runs as a single run does


def test_parallel_shots_and_compare_points_share_the_budget(monkeypatch):

    tuning = _Tuning(90.0, EncoderConfig("libx264"), CrfRange(), Sampling(), Scoring(resolve_models("default")), False)
    assert tuning.within(None) is tuning
    shared = tuning.within(Budget(total=8, jobs=4, explicit=True))
    assert shared.config.threads == 2 and shared.scoring.threads == 2
    assert shared.scoring.reference_memory == REFERENCE_CACHE_BUDGET // 4
    pinned = dataclasses.replace(tuning, config=EncoderConfig("libx264", threads=5))
    assert pinned.within(Budget(total=8, jobs=4, explicit=True)).config.threads == 5
    lone = tuning.within(Budget(total=8, jobs=1, explicit=False))
    assert lone.config.threads is None and lone.scoring.threads is None
    seen = []
    monkeypatch.setattr(sys.modules["vmaf_tune.compare"], "run_all",
                        lambda fn, calls, executor, scheduler, workers=None: seen.extend(
                            (c[2].threads, c[4].threads, workers) for c in calls) or [])
    monkeypatch.setattr("vmaf_tune.budget.available_cores", lambda: 4)
    jobs = [(EncoderConfig("libx264"), crf) for crf in (20, 30)]
    _run_jobs(jobs, "in.mp4", Sampling(), Scoring(resolve_models("default"), threads=4), False, "process", None,
              None, None)
    assert seen == [(2, 2, 2)] * 2


def test_reference_memory_is_checked_and_bounds_the_cache():
    for bad in (-1, 1.5, True):
        with pytest.raises(InputError):
            Scoring(resolve_models("default"), reference_memory=bad)
    result = vmaf_tune.bisect(None, 90, preset="veryfast", use_cache=False, reference_memory=0)
    assert result.as_dict() == dict(vmaf_tune.bisect(None, 90, preset="veryfast", use_cache=False).as_dict(),
                                    probes=result.as_dict()["probes"])
