"""``--model-variant auto``: pick a model from the content and the resolution.

Two measurable properties decide, both from the luma of a few frames spread over the input:

* **Resolution**: 2160 lines or more -> the 4K model (trained for 4K TVs at 1.5 picture heights);
  otherwise the default model (1080p TV at 3 heights).
* **Content**: synthetic pictures (graphics, screen content, flat-shaded animation, test
  patterns) are told from natural camera pictures by how much of the picture is exactly flat.
  Cameras never give large areas of identical samples; renderers and drawing tools do.
  Synthetic content gets the NEG model: hard edges on flat backgrounds are where sharpening and
  encoder overshoot raise VMAF most (VIF's gain term and ADM's restored detail), and NEG does not
  reward that gain. Natural content keeps the standard model.

The rule is deliberately simple and its limits are measured (docs/metrics/model-auto.md):
photorealistic CGI such as Big Buck Bunny has camera-like statistics and is classified natural.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

import numpy as np

from .errors import InputError
from .frames import Picture, as_picture, luma_of, open_source

__all__ = ["Classification", "classify", "FLAT_THRESHOLD", "UHD_LINES"]

FLAT_THRESHOLD = 0.30  # share of exactly-flat picture above which content counts as synthetic
UHD_LINES = 2160
SAMPLES = 8
_WORK_LINES = 360  # pictures are box-averaged down to about this height first
_FALLBACK_FRAMES = 240  # without a seekable duration, samples come from the first frames


@dataclass(frozen=True)
class Classification:
    input: str
    width: int
    height: int
    content: str  # "synthetic" or "natural"
    variant: str  # the model variant chosen: default, neg, 4k or 4k-neg
    flat: float  # median share of exactly-flat picture over the sampled frames
    frames: tuple[int, ...]  # the sampled frame numbers (approximate after a seek)
    reasons: tuple[str, ...]

    def as_dict(self) -> dict:
        return {
            "input": self.input,
            "width": self.width,
            "height": self.height,
            "content": self.content,
            "variant": self.variant,
            "statistics": {"flat": round(self.flat, 4), "flat_threshold": FLAT_THRESHOLD},
            "frames": list(self.frames),
            "reasons": list(self.reasons),
        }


def flat_share(pic: Picture) -> float:
    """Share of the picture (borders of constant rows/columns removed) whose neighbours in both
    directions are identical, after box-averaging down to about 360 lines, in 8-bit units."""
    y = np.asarray(pic.luma, dtype=np.float64)
    if pic.bitdepth > 8:
        y = y / (1 << (pic.bitdepth - 8))
    y = _trim_bars(y)
    h, w = y.shape
    k = max(1, math.ceil(h / _WORK_LINES))
    if k > 1 and h >= 2 * k and w >= 2 * k:
        y = y[: h // k * k, : w // k * k].reshape(h // k, k, w // k, k).mean(axis=(1, 3))
    if y.shape[0] < 2 or y.shape[1] < 2:
        return 1.0
    gx = np.abs(np.diff(y, axis=1))[:-1]
    gy = np.abs(np.diff(y, axis=0))[:, :-1]
    return float((np.maximum(gx, gy) < 0.5).mean())


def _trim_bars(y: np.ndarray) -> np.ndarray:
    """Drops letterbox/pillarbox bars: constant rows and columns at the edges."""
    rows = np.flatnonzero(y.std(axis=1) >= 1.0)
    cols = np.flatnonzero(y.std(axis=0) >= 1.0)
    if rows.size < 2 or cols.size < 2:
        return y
    return y[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]


def _sample_path(path: str, samples: int, raw: dict) -> tuple[list[Picture], list[int]]:
    """Frames spread over a video, from one opened source: seeks when the container knows its
    duration, else (or if seeking fails) takes them from the first frames."""
    source = open_source(path, **raw)
    if not hasattr(source, "frame_at"):  # raw YUV: no seeking
        return _sample_iter(source, samples, path)
    rate = float(source.info.fps or 25)
    duration = source.duration
    if duration > 2 * samples / rate:
        pics, numbers = [], []
        for k in range(samples):
            t = duration * (k + 0.5) / samples
            frame = source.frame_at(t)
            if frame is None:
                break
            pics.append(luma_of(frame))
            numbers.append(int(round((frame.time if frame.time is not None else t) * rate)))
        if len(pics) == samples:
            source.close()
            return pics, numbers
        source.rewind()
    return _sample_iter(source, samples, path)


def _sample_iter(source, samples: int, name: str = "input") -> tuple[list[Picture], list[int]]:
    kept: list[tuple[int, Picture]] = []
    try:
        for i, pic in enumerate(source):
            if i >= _FALLBACK_FRAMES:
                break
            kept.append((i, Picture(np.array(pic.luma), pic.bitdepth)))
    finally:
        if hasattr(source, "close"):
            source.close()
    if not kept:
        raise InputError(f"{name}: no frames to classify")
    picks = sorted({int(round(x)) for x in np.linspace(0, len(kept) - 1, min(samples, len(kept)))})
    return [kept[i][1] for i in picks], [kept[i][0] for i in picks]


def classify(input, *, samples: int = SAMPLES, width: int | None = None, height: int | None = None,
             pix_fmt: str | None = None) -> Classification:
    """Chooses the model variant for ``input`` (a path, or an iterable of frames/planes);
    ``width``/``height``/``pix_fmt`` describe raw YUV."""
    if isinstance(input, (str, os.PathLike)):
        name = os.fspath(input)
        pics, numbers = _sample_path(name, samples, dict(width=width, height=height, pix_fmt=pix_fmt))
    else:
        name = "<frames>"
        pics, numbers = _sample_iter((as_picture(f) for f in input), samples, name)
    width, height = pics[0].width, pics[0].height
    flat = float(np.median([flat_share(p) for p in pics]))
    synthetic = flat >= FLAT_THRESHOLD
    uhd = height >= UHD_LINES
    variant = ("4k" if uhd else "default") if not synthetic else ("4k-neg" if uhd else "neg")
    reasons = (
        f"{width}x{height}: "
        + (f"{height} lines >= {UHD_LINES}, the 4K model (trained for 4K TVs)" if uhd
           else f"{height} lines < {UHD_LINES}, the standard model (trained for 1080p TVs)"),
        f"{flat:.1%} of the picture is exactly flat (median of {len(pics)} frame{'s' if len(pics) != 1 else ''}); "
        + (f">= {FLAT_THRESHOLD:.0%}: synthetic content (graphics, animation, screen content), so NEG, "
           "which does not reward sharpened or overshooting edges" if synthetic
           else f"< {FLAT_THRESHOLD:.0%}: natural (camera) content, standard VMAF"),
    )
    return Classification(name, width, height, "synthetic" if synthetic else "natural", variant, flat,
                          tuple(numbers), reasons)
