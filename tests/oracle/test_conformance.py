"""Netflix's own test vectors (../shared/conformance): reproduce libvmaf 3.2.0's logs exactly."""

from __future__ import annotations

import dataclasses
import json

import pytest

import vmaf_tune
from vmaf_tune.models import model_variant

ALIASES = {"VMAF_integer_feature_motion_sad_score": "integer_motion"}


def _unclipped(variant: str, name: str):
    return dataclasses.replace(model_variant(variant), name=name, clip=None)


def _check_log(result, log: dict) -> int:
    checked = 0
    for i, frame in enumerate(log["frames"]):
        for name, theirs in frame["metrics"].items():
            ours_name = ALIASES.get(name, name)
            if ours_name not in result.metrics:
                continue  # libvmaf extras we do not compute (aim, adm3, motion3)
            ours = result.metrics[ours_name][i]
            if name.startswith("vmaf"):
                assert abs(round(ours, 6) - theirs) <= 1e-6, (name, i, ours, theirs)
            else:
                assert f"{ours:.6f}" == f"{theirs:.6f}", (name, i, ours, theirs)
            checked += 1
    return checked


def test_akiyo_contrast_enhancement(conformance):
    spec = json.loads((conformance / "expected.json").read_text())["akiyo_multiply"]
    log = json.loads((conformance / "libvmaf-3.2.0_akiyo.json").read_text())
    models = [_unclipped("default", "vmaf"), _unclipped("neg", "vmaf_neg"), model_variant("4k")]
    result = vmaf_tune.score(
        conformance / spec["reference"],
        conformance / spec["distorted"],
        models,
        width=spec["width"],
        height=spec["height"],
        pix_fmt=spec["pix_fmt"],
        threads=1,
    )
    assert _check_log(result, log) >= 20
    expect = spec["netflix_test_expectations"]
    assert result.score("vmaf") == pytest.approx(expect["vmaf_v0.6.1 (score clip disabled)"]["value"], abs=1e-2)
    assert result.score("vmaf_neg") == pytest.approx(expect["vmaf_v0.6.1neg (score clip disabled)"]["value"], abs=1e-3)
    assert result.score("vmaf_4k") == 100.0


def test_src01_10bit(conformance):
    spec = json.loads((conformance / "expected.json").read_text())["src01_10bit"]
    log = json.loads((conformance / "libvmaf-3.2.0_src01_10bit.json").read_text())
    result = vmaf_tune.score(
        conformance / spec["reference"],
        conformance / spec["distorted"],
        "default,neg",
        width=spec["width"],
        height=spec["height"],
        pix_fmt=spec["pix_fmt"],
        threads=2,
    )
    assert _check_log(result, log) >= 3 * 20
    expected = spec["libvmaf_3.2.0"]
    assert [round(v, 6) for v in result.metrics["vmaf"]] == pytest.approx(expected["vmaf_per_frame"], abs=1e-6)
    assert [round(v, 6) for v in result.metrics["vmaf_neg"]] == pytest.approx(expected["vmaf_neg_per_frame"], abs=1e-6)
    nf = spec["netflix_test_expectations"]
    assert result.score("vmaf") == pytest.approx(nf["vmaf_v0.6.1 mean"]["value"], abs=1e-4)


def test_src01_reference_against_itself(conformance):
    spec = json.loads((conformance / "expected.json").read_text())["src01_10bit"]
    ref = conformance / spec["reference"]
    result = vmaf_tune.score(ref, ref, "default", width=576, height=324, pix_fmt="yuv420p10le", threads=1)
    expect = spec["netflix_test_expectations"]["vmaf_v0.6.1 mean, reference scored against itself"]
    assert result.score("vmaf") == pytest.approx(expect["value"], abs=1e-4)
