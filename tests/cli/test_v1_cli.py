"""VMAF v1 in every command, as users run it: v1-auto's choice and reasons in the JSON, compare's
BD figures for every model, --neg's notice, targets in the model's range, the encode's format."""

from __future__ import annotations

import json
import struct

import pytest

from test_score_cli import assert_one_line_error, run, write_clip


@pytest.fixture(scope="module")
def clips(tmp_path_factory):
    d = tmp_path_factory.mktemp("v1clips")
    return {
        "50fps": write_clip(d / "fifty.mkv", frames=12, size=(320, 180), fps=50),
        "25fps": write_clip(d / "twentyfive.mkv", frames=12, size=(320, 180), fps=25),
        "uhd": write_clip(d / "uhd.mkv", frames=2, size=(3840, 2160), fps=24),
    }


def test_v1_auto_picks_hfr_at_50_fps_and_records_why(clips, tmp_path):
    out = tmp_path / "b.json"
    proc = run("bisect", str(clips["50fps"]), "--model-variant", "v1-auto", "--target", "85", "--preset", "ultrafast",
               "--no-cache", "--json", str(out))
    assert proc.returncode in (0, 4), proc.stderr
    assert "model v1-auto: v1-hfr" in proc.stderr
    data = json.loads(out.read_text())
    sel = data["model_selection"]
    assert data["model"] == "vmaf_v1_hfr" and sel["variant"] == "v1-hfr" and sel["fps"] == 50
    assert any("50 fps" in r and ">= 47" in r for r in sel["reasons"])
    low = run("classify", str(clips["25fps"]), "--json", "-")
    assert json.loads(low.stdout)["v1_auto"]["variant"] == "v1"


def test_v1_auto_picks_the_2160_model_for_3840x2160(clips):
    uhd = str(clips["uhd"])
    proc = run("score", uhd, uhd, "--model-variant", "v1-auto", "--json", "-")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["model_selection"]["variant"] == "v1-4k"
    assert any("2160 lines" in r for r in data["model_selection"]["reasons"])
    assert "vmaf_v1_4k" in data["pooled_metrics"]


def test_v1_auto_on_raw_yuv_takes_fps(clips, tmp_path):
    raw = tmp_path / "clip.yuv"
    raw.write_bytes(bytes(320 * 180 * 3 // 2 * 2))
    proc = run("classify", str(raw), "--width", "320", "--height", "180", "--fps", "59.94", "--json", "-")
    data = json.loads(proc.stdout)["v1_auto"]
    assert data["variant"] == "v1-hfr" and "given with --fps" in data["reasons"][1]
    unknown = json.loads(run("classify", str(raw), "--width", "320", "--height", "180", "--json", "-").stdout)
    assert unknown["v1_auto"]["variant"] == "v1" and "unknown" in unknown["v1_auto"]["reasons"][1]


def test_compare_default_and_v1_writes_bd_figures_for_every_model(clips, tmp_path):
    out = {k: tmp_path / f"c.{k}" for k in ("json", "csv", "png")}
    proc = run("compare", str(clips["25fps"]), "--model-variant", "default,v1", "--encoders", "libx264,libx265",
               "--crfs", "22,28,34,40", "--preset", "ultrafast", "--no-cache", "--json", str(out["json"]),
               "--csv", str(out["csv"]), "--plot", str(out["png"]))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(out["json"].read_text())
    assert data["metrics"] == ["vmaf", "vmaf_neg", "vmaf_v1"]
    for table in ("bd_rate", "bd_quality"):
        assert set(data[table]["libx265"]) == {"vmaf", "vmaf_neg", "vmaf_v1"}
        assert all(isinstance(v, float) for v in data[table]["libx265"].values())
    head = out["csv"].read_text().splitlines()[0].split(",")
    assert {"vmaf_v1", "bd_rate_vmaf_v1", "bd_quality_vmaf_v1", "bd_rate_vmaf"} <= set(head)
    rows = [line.split() for line in proc.stdout.splitlines()]
    assert ["libx265", "vmaf_v1"] in [r[:2] for r in rows]
    width, height = struct.unpack(">II", out["png"].read_bytes()[16:24])
    assert width > 2.5 * height  # three panels side by side


def test_neg_with_v1_is_a_notice(clips):
    proc = run("score", str(clips["25fps"]), str(clips["25fps"]), "--model-variant", "v1", "--neg")
    assert proc.returncode == 0, proc.stderr
    assert "NEG built in" in proc.stderr and "vmaf_v1" in proc.stdout
    quiet = run("score", str(clips["25fps"]), str(clips["25fps"]), "--model-variant", "default", "--neg")
    assert "NEG built in" not in quiet.stderr


def test_targets_follow_the_model_range(clips):
    src = str(clips["25fps"])
    assert_one_line_error(run("bisect", src, "--model-variant", "v1", "--target", "105"),
                          "outside vmaf_v1's range 0 to 100")
    assert_one_line_error(run("per-shot", src, "--model-variant", "v1-4k-tv", "--target", "111"),
                          "outside vmaf_v1_4k_tv's range 0 to 110")
    assert_one_line_error(run("compare", src, "--model-variant", "v1", "--targets", "80,90,100,101"),
                          "outside vmaf_v1's range")


def test_encode_pixel_format_is_recorded_and_checked(clips, tmp_path):
    src = str(clips["25fps"])
    proc = run("bisect", src, "--model-variant", "v1", "--target", "80", "--pix-fmt", "yuv420p10le",
               "--preset", "ultrafast", "--no-cache", "--json", "-")
    assert proc.returncode in (0, 4), proc.stderr
    data = json.loads(proc.stdout)
    assert data["pix_fmt"] == "yuv420p10le" and data["score_bitdepth"] == 10 and data["cambi"] == {}
    eight = json.loads(run("bisect", src, "--model-variant", "v1", "--target", "80", "--score-bitdepth", "10",
                           "--preset", "ultrafast", "--no-cache", "--json", "-").stdout)
    assert eight["pix_fmt"] == "yuv420p" and eight["cambi"] == {"enc_bitdepth": 8}
    assert_one_line_error(run("bisect", src, "--pix-fmt", "rgb24"), "libx264 cannot encode pixel format 'rgb24'")


def test_a_scaled_encode_too_small_for_cambi_is_a_clear_error(clips):
    src = str(clips["25fps"])
    assert_one_line_error(run("compare", src, "--model-variant", "v1", "--encoders", "libx264,libx264@scale=160:90",
                              "--crfs", "22,28,34,40", "--no-cache"),
                          "libx264@scale=160:90: the encode is 160x90 8-bit", "enc_width 180 to 7680", "vmaf_v1")
    # without a CAMBI model the same comparison runs
    proc = run("compare", src, "--encoders", "libx264,libx264@scale=160:90", "--crfs", "22,28,34,40",
               "--preset", "ultrafast", "--no-cache", "-q")
    assert proc.returncode == 0, proc.stderr
