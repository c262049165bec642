"""Shot detection in-process: hard cuts from luma/chroma statistics, with minimum and maximum
shot lengths. A cut is where the picture changes much more than it does around that frame."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from .errors import InputError
from .frames import open_source

__all__ = ["DEFAULT_MIN_SHOT", "Shot", "ShotList", "detect_shots"]

DEFAULT_MIN_SHOT = 0.5  # seconds
_GRID = (18, 32)  # thumbnail rows, columns
_BINS = 32


@dataclass(frozen=True)
class Shot:
    start: int  # first frame
    end: int  # one past the last frame
    start_time: float

    @property
    def frames(self) -> int:
        return self.end - self.start

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "start_time": round(self.start_time, 3), "frames": self.frames}


@dataclass(frozen=True)
class ShotList:
    input: str
    frames: int
    fps: Fraction
    shots: tuple[Shot, ...]

    def as_dict(self) -> dict:
        return {"input": self.input, "frames": self.frames, "fps": float(self.fps),
                "shots": [s.as_dict() for s in self.shots]}


def _signature(frame) -> tuple[np.ndarray, np.ndarray]:
    """A coarse thumbnail of Y, U and V (0..1) and a luma histogram of one frame."""
    planes = frame.reformat(format="yuv444p").to_ndarray().astype(np.float32) / 255.0  # (3, h, w)
    _, h, w = planes.shape
    gh, gw = min(_GRID[0], h), min(_GRID[1], w)
    cropped = planes[:, : h - h % gh, : w - w % gw]
    thumb = cropped.reshape(3, gh, cropped.shape[1] // gh, gw, cropped.shape[2] // gw).mean(axis=(2, 4))
    hist = np.histogram(planes[0], bins=_BINS, range=(0.0, 1.0))[0].astype(np.float64)
    return thumb, hist / hist.sum()


def _change_scores(frames: Iterable) -> tuple[np.ndarray, int]:
    prev = None
    scores = [0.0]
    count = 0
    for frame in frames:
        sig = _signature(frame)
        if prev is not None:
            thumb_diff = float(np.mean(np.abs(sig[0] - prev[0])))
            hist_diff = float(np.sum(np.abs(sig[1] - prev[1]))) / 2.0
            scores.append(thumb_diff + 0.5 * hist_diff)
        prev = sig
        count += 1
    return np.array(scores[:count]), count


def detect_shots(
    source,
    *,
    min_shot: float = DEFAULT_MIN_SHOT,
    max_shot: float | None = None,
    threshold: float = 3.0,
    fps: Fraction | None = None,
) -> ShotList:
    """Finds hard cuts. ``min_shot``/``max_shot`` are seconds; shots longer than ``max_shot`` are
    split evenly. A frame starts a shot when its change score exceeds ``threshold`` times the
    typical change around it (and an absolute floor)."""
    if min_shot < 0 or (max_shot is not None and max_shot <= 0):
        raise InputError("shot lengths must be positive")
    src = open_source(source)
    if not hasattr(src, "frames"):
        src.close()
        raise InputError(f"{source}: shot detection needs a video file")
    rate = Fraction(fps or src.info.fps or 25)
    try:
        scores, n = _change_scores(src.frames())
    finally:
        src.close()
    if n == 0:
        raise InputError(f"{source}: has no decodable video frames")
    min_len = max(1, round(min_shot * float(rate)))
    cuts = [0]
    for i in range(1, n):
        window = np.concatenate([scores[max(1, i - 12) : i], scores[i + 1 : i + 13]])
        typical = float(np.median(window)) if window.size else 0.0
        if scores[i] > max(threshold * typical, 0.08) and i - cuts[-1] >= min_len:
            cuts.append(i)
    bounds = cuts + [n]
    shots: list[tuple[int, int]] = []
    for a, b in zip(bounds[:-1], bounds[1:]):
        if max_shot is not None:
            max_len = max(1, round(max_shot * float(rate)))
            pieces = -(-(b - a) // max_len)
            edges = [a + round(k * (b - a) / pieces) for k in range(pieces + 1)]
            shots.extend(zip(edges[:-1], edges[1:]))
        else:
            shots.append((a, b))
    return ShotList(
        input=str(source),
        frames=n,
        fps=rate,
        shots=tuple(Shot(a, b, a / float(rate)) for a, b in shots),
    )
