"""Reference-side reuse: ADM's and integer VIF's reference-only work kept per reference frame
(backends.ReferenceCache) gives the same bits as computing it with every distorted frame, on both
code paths, for the v0 and v1 configurations, within its memory budget, and bisect's probes use it."""

from __future__ import annotations

import numpy as np
import pytest

import vmaf_tune
from vmaf_tune._native import set_simd, simd_available
from vmaf_tune.backends import Plan, ReferenceCache
from vmaf_tune.encode import encode_decode
from vmaf_tune.models import resolve_models
from vmaf_tune.options import CrfRange, EncoderConfig
from vmaf_tune.probe import Scoring, measure
from vmaf_tune.reference import load_reference
from vmaf_tune.synthetic import synthetic_frames

PATHS = [False, True] if simd_available() else [False]


@pytest.fixture(scope="module")
def clip():
    ref = list(synthetic_frames(232, 168, 6))  # odd band sizes at coarse scales; v1 needs 216 wide, 80 chroma rows
    return ref, [list(encode_decode(ref, "libx264", crf)) for crf in (24, 38)]


def stateful(models, ref):
    """The extractors of these models that keep a reference state (one cache entry per frame each)."""
    f = ref[0]
    plan = Plan.for_request(resolve_models(models))
    kernels = plan.kernels(f.width, f.height, 8, (f.width // 2, f.height // 2))
    return sorted(k.name for k in kernels if k.reference_bytes)


@pytest.fixture
def simd_path(request):
    previous = set_simd(request.param)
    yield request.param
    set_simd(previous)


def scored(models, ref, dis, cache=None, threads=2):
    with vmaf_tune.Scorer(models, threads=threads, reference_cache=cache) as s:
        for i, (r, d) in enumerate(zip(ref, dis)):
            s.push(r, d, reference_key=None if cache is None else i)
        return s.finish()


@pytest.mark.parametrize("simd_path", PATHS, indirect=True, ids=lambda v: "avx2" if v else "scalar")
@pytest.mark.parametrize("models", ["default,neg", "v1", "4k-neg,v1-hfr"])
def test_cached_reference_gives_the_same_bits(clip, simd_path, models):
    ref, encodes = clip
    cache = ReferenceCache()
    for dis in encodes:  # two probes of one reference: the second reads every frame's state
        plain, cached = scored(models, ref, dis), scored(models, ref, dis, cache)
        assert plain.metrics.keys() == cached.metrics.keys()
        for name, values in plain.metrics.items():
            assert np.array_equal(values, cached.metrics[name], equal_nan=True), name
    n = len(stateful(models, ref))
    assert cache.misses == n * len(ref) and cache.hits == n * len(ref)


def test_vif_and_adm_keep_states():
    ref = list(synthetic_frames(64, 48, 1))
    assert stateful("default", ref) == ["adm", "vif"]


def test_budget_bounds_the_memory(clip):
    ref, encodes = clip
    one = ReferenceCache()
    scored("default", ref[:1], encodes[0][:1], one)
    per_frame = one.bytes
    assert per_frame > 0
    small = ReferenceCache(budget=3 * per_frame)
    for dis in encodes:
        result = scored("default", ref, dis, small, threads=1)
        assert np.array_equal(result["vmaf"], scored("default", ref, dis)["vmaf"])
    n = len(stateful("default", ref))
    assert small.bytes == 3 * per_frame and small.misses == 3 * n and small.hits == 3 * n


def test_bisect_probes_share_the_reference_work(clip):
    ref, _ = clip
    reference = load_reference("<frames>", frames=ref, fps=24)
    scoring = Scoring(resolve_models("default,neg"), threads=2)
    config = EncoderConfig("libx264", preset="ultrafast")
    CrfRange().grid(config.spec)
    cache = ReferenceCache()
    with_cache = [measure(reference, config, crf, scoring, reference_cache=cache) for crf in (20, 30, 40)]
    without = [measure(reference, config, crf, scoring) for crf in (20, 30, 40)]
    assert [p.scores for p in with_cache] == [p.scores for p in without]
    n = len(stateful("default,neg", ref))
    assert cache.misses == n * len(ref) and cache.hits == 2 * n * len(ref)


@pytest.mark.parametrize("models, kernels", [("default", 1), ("v1", 1), ("4k-neg,v1-hfr", 2)])
def test_reference_only_outputs_are_kept_whole(clip, models, kernels):
    """Motion reads the reference alone: the second probe reuses every frame's motion output."""
    ref, encodes = clip
    cache = ReferenceCache()
    first = scored(models, ref, encodes[0], cache)
    assert cache.outputs_kept == kernels * len(ref) and cache.outputs_reused == 0
    second = scored(models, ref, encodes[1], cache)
    assert cache.outputs_reused == kernels * len(ref)
    plain = scored(models, ref, encodes[1])
    for name, values in plain.metrics.items():
        assert np.array_equal(values, second.metrics[name], equal_nan=True), name
    assert not np.array_equal(first.metrics[first.models[0]], second.metrics[first.models[0]])


def test_a_reference_only_output_is_not_mistaken_for_another_geometry_or_option(clip):
    ref, encodes = clip
    cache = ReferenceCache()
    scored("v1", ref, encodes[0], cache)
    hfr = scored("v1-hfr", ref, encodes[0], cache)  # motion_v1 at distance 2: a different kernel variant
    assert cache.outputs_reused == 0
    plain = scored("v1-hfr", ref, encodes[0])
    for name, values in plain.metrics.items():
        assert np.array_equal(values, hfr.metrics[name], equal_nan=True), name
