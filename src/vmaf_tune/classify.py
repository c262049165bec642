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
import numbers
import os
from dataclasses import dataclass

import numpy as np

from .errors import InputError
from .frames import Picture, as_picture, luma_of, open_source

__all__ = ["Classification", "V1Selection", "classify", "classify_v1", "FLAT_THRESHOLD", "HFR_FPS", "UHD_COLUMNS",
           "UHD_LINES"]

FLAT_THRESHOLD = 0.30  # share of exactly-flat picture above which content counts as synthetic
UHD_LINES = 2160
UHD_COLUMNS = 3840  # v1-auto: a 3840-wide picture (scope 4K, e.g. 3840x1600) is in the 2160-line class too
HFR_FPS = 47.0  # v1-auto: the HFR models from this frame rate up (48, 50, 59.94, 60, 100, 120 fps)
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


@dataclass(frozen=True)
class V1Selection:
    """What ``--model-variant v1-auto`` picked: ``v1`` or ``v1-4k`` by resolution, the ``-hfr``
    form at high frame rates, and why."""

    input: str
    width: int
    height: int
    fps: float | None  # the container's frame rate, or the one given; None when unknown
    variant: str
    reasons: tuple[str, ...]

    def as_dict(self) -> dict:
        return {
            "input": self.input,
            "rule": "v1-auto",
            "width": self.width,
            "height": self.height,
            "fps": None if self.fps is None else round(self.fps, 6),
            "variant": self.variant,
            "thresholds": {"uhd_lines": UHD_LINES, "uhd_columns": UHD_COLUMNS, "hfr_fps": HFR_FPS},
            "reasons": list(self.reasons),
        }


def classify_v1(input, *, fps: float | None = None, width: int | None = None, height: int | None = None,
                pix_fmt: str | None = None) -> V1Selection:
    """Chooses the VMAF v1 variant for ``input`` (a path, or an iterable of frames/planes) from its
    resolution and frame rate: ``v1-4k`` for the 2160-line class (2160 lines or more, or 3840
    columns or more), else ``v1``; the ``-hfr`` form at ``HFR_FPS`` or more. The frame rate is
    the container's; ``fps`` gives it for raw YUV and frames (and overrides the container's).
    ``width``/``height``/``pix_fmt`` describe raw YUV."""
    if isinstance(input, (str, os.PathLike)):
        name = os.fspath(input)
        source = open_source(name, width=width, height=height, pix_fmt=pix_fmt)
        try:
            w, h = source.info.width, source.info.height
            rate = source.info.fps
            if not (w and h):  # not known before decoding
                first = next(iter(source), None)
                if first is None:
                    raise InputError(f"{name}: no frames to classify")
                w, h = first.width, first.height
        finally:
            source.close()
    else:
        name, rate = "<frames>", None
        pics, _ = _sample_iter((as_picture(f) for f in input), 1, name)
        w, h = pics[0].width, pics[0].height
    given = fps is not None
    if given and (isinstance(fps, bool) or not isinstance(fps, numbers.Real) or not math.isfinite(fps) or fps <= 0):
        raise InputError(f"fps must be a positive number, got {fps!r}")
    rate_f = float(fps) if given else (float(rate) if rate else None)
    uhd = h >= UHD_LINES or w >= UHD_COLUMNS
    hfr = rate_f is not None and rate_f >= HFR_FPS
    variant = ("v1-4k" if uhd else "v1") + ("-hfr" if hfr else "")
    if uhd:
        size_reason = (f"{w}x{h}: in the 2160-line class ({h} lines >= {UHD_LINES}" if h >= UHD_LINES
                       else f"{w}x{h}: in the 2160-line class ({w} columns >= {UHD_COLUMNS}")
        size_reason += "), the 2160 model vmaf_v1.0.16_1d5h_2160 (4K TV at 1.5 picture heights)"
    else:
        size_reason = (f"{w}x{h}: below the 2160-line class, the 1080p model vmaf_v1.0.16_3d0h "
                       "(TV at 3 picture heights)")
    where = "given with --fps" if given else "the container's"
    if rate_f is None:
        rate_reason = "frame rate unknown (give --fps for raw YUV): the standard motion window, not HFR"
    elif hfr:
        rate_reason = (f"{rate_f:g} fps ({where}) >= {HFR_FPS:g}: the HFR form (five-frame motion window "
                       "with a moving average)")
    else:
        rate_reason = f"{rate_f:g} fps ({where}) < {HFR_FPS:g}: the standard motion window, not HFR"
    return V1Selection(name, w, h, rate_f, variant, (size_reason, rate_reason))
