"""VMAF v1.0.16's prediction: normalisation, chroma correction, SVM, transform and clip."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from conftest import CONFORMANCE
from vmaf_tune.models import VARIANTS, model_variant

V1 = [name for name, v in VARIANTS.items() if v.neg_built_in]


@pytest.mark.parametrize(
    "variant, motion3, expected",
    [("v1", 2.9306767183191638, 64.40046960489396), ("v1-hfr", 4.793501214420094, 65.76759940000576)],
)
def test_prediction_is_bit_exact_with_libvmaf_master(variant, motion3, expected):
    """libvmaf master (f85a8536), bikes frame 0 vs its x264 CRF 38 encode, features and score
    printed with %.17g: speed_chroma_uv is exactly 0, so the chroma correction decides the score."""
    model = model_variant(variant)
    features = [7.949818317662302, 0.0, 0.91655416443162, motion3]  # cambi, speed_chroma_uv, adm3, motion3
    values = {f: np.array([v]) for f, v in zip(model.features, features)}
    assert model.predict(values)[0] == expected
    uncorrected = dataclasses.replace(model, chroma_correction=None).predict(values)[0]
    assert abs(uncorrected - expected) > 1.0


def test_v1_models_read_libvmaf_master_feature_names():
    names = {v: [f.log_name for f in model_variant(v).features] for v in ("v1", "v1-phone-hfr", "v1-4k", "v1-4k-tv")}
    assert names["v1"] == [
        "cambi_hrs_1080_cmxv_17_vlt_0.06",
        "speed_chroma_uv_mxv_45_nnf_0.1_snn_0.19_wvm_5",
        "integer_adm3_csf_2_dlmw_0.7_egl_1_min_0.5_nw_0.02",
        "integer_motion3_mmxv_18",
    ]
    assert names["v1-phone-hfr"][1:] == [
        "speed_chroma_uv_mxv_45_nnf_0.1_ps_0.6_psm_bilinear_snn_0.19_wvm_5",
        "integer_adm3_csf_2_dlmw_0.7_egl_1_min_0.5_nw_0.02_nvd_5",
        "integer_motion3_mffw_mmxv_18_mma",
    ]
    assert names["v1-4k"][2] == "integer_adm3_csf_2_dlmw_0.7_egl_1_min_0.5_nw_0.02_nvd_1.5_rdh_2160"
    assert names["v1-4k-tv"][2] == "integer_adm3_csf_2_dlmw_0.7_egl_1_min_0.5_nw_0.02_rdh_2160"
    assert model_variant("v1-4k-tv").clip == (0.0, 110.0) and model_variant("v1").clip == (0.0, 100.0)


def test_neg_is_built_into_v1():
    assert model_variant("v1", neg=True).features == model_variant("v1").features
    assert model_variant("v1").is_neg


@pytest.mark.parametrize("case", ["bbb_x264crf32", "bbb_sharpen", "bbb_x264crf32_10bit"])
def test_prediction_from_logged_features_matches_the_logged_scores(case):
    """The conformance logs print features with 6 decimals, which moves a v1 score by up to
    ~2e-4; the chroma correction (prescaled SpEED is 0 on these 640x360 clips) is worth points."""
    path = CONFORMANCE / "v1" / f"libvmaf-f85a8536_{case}.json"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    frames = json.loads(path.read_text())["frames"]
    for name in V1:
        model = model_variant(name)
        values = {f: np.array([fr["metrics"][f.log_name] for fr in frames]) for f in model.features}
        logged = np.array([fr["metrics"][model.name] for fr in frames])
        assert np.abs(model.predict(values) - logged).max() < 5e-4, name
