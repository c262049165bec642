"""libvmaf master's motion2 and motion3 (the VMAF v1.0.16 models' motion feature), from per-frame SADs.

libvmaf's integer motion extractor stores one SAD score per frame while it reads the clip
(``VMAF_integer_feature_motion_sad_score``: the mean absolute value of the blurred difference
of two reference frames) and derives ``motion2`` and ``motion3`` from the whole array only when
the stream is flushed. This module reproduces that last step bit for bit, in two forms:

* :func:`motion2_motion3` takes the clip's SAD array and returns both arrays, as the flush does;
* :class:`MotionV1Stream` is fed one SAD per frame and hands out each frame's values as soon as
  they are final (a frame needs the next frame's SAD; frames below ``min_idx`` wait for the SAD
  of frame ``min_idx``), the rest at :meth:`MotionV1Stream.flush`. It keeps O(1) state.

The SAD of frame i compares reference frames i - 1 and i, or i - 2 and i with
``five_frame_window``; frames below ``min_idx`` (1, or 2 with the five-frame window) have none
(libvmaf stores 0 there, and their entries are never read). The C engine's ``vt_motion_compute``
gives the SAD score before libvmaf's clamp; :func:`sad_score` applies the clamp (and the
fps weight) exactly as libvmaf's extractor does.

Options, with libvmaf's names (aliases in feature names in brackets):
``five_frame_window`` (motion_five_frame_window, ``mffw``), ``moving_average``
(motion_moving_average, ``mma``), ``max_val`` (motion_max_val, ``mmxv``; 10000 by default, the
v1.0.16 models use 18), ``blend_factor`` (motion_blend_factor, ``mbf``, 1.0) and
``blend_offset`` (motion_blend_offset, ``mbo``, 40.0). With the default blend the blend is the
identity. Every step is the same IEEE double operation as in libvmaf's C code, in the same order.

This module uses numpy only and imports nothing from the package.
"""

from __future__ import annotations

from typing import Iterable

import numpy as np

DEFAULT_MAX_VAL = 10000.0
DEFAULT_BLEND_FACTOR = 1.0
DEFAULT_BLEND_OFFSET = 40.0

__all__ = [
    "DEFAULT_BLEND_FACTOR",
    "DEFAULT_BLEND_OFFSET",
    "DEFAULT_MAX_VAL",
    "MotionV1Stream",
    "motion2_motion3",
    "sad_score",
]


def _min(x: float, y: float) -> float:
    """C's ``MIN(x, y)``: ``x < y ? x : y`` (y on ties and when either is NaN)."""
    return x if x < y else y


def _blend(x: float, factor: float, offset: float) -> float:
    """libvmaf's ``motion_blend``: ``x * factor + (1 - factor) * MIN(offset, x)``."""
    return x * factor + (1.0 - factor) * _min(offset, x)


def _check_options(max_val: float, blend_factor: float, blend_offset: float) -> tuple[float, float, float]:
    """The option ranges libvmaf accepts (it rejects values outside them)."""
    values = (float(max_val), float(blend_factor), float(blend_offset))
    for name, v, lo, hi in (
        ("max_val", values[0], 0.0, 10000.0),
        ("blend_factor", values[1], 0.0, 1.0),
        ("blend_offset", values[2], 0.0, 1000.0),
    ):
        if not (lo <= v <= hi):  # also rejects NaN
            raise ValueError(f"motion {name} must be in [{lo:g}, {hi:g}], got {v!r}")
    return values


def sad_score(raw: float, *, max_val: float = DEFAULT_MAX_VAL, fps_weight: float = 1.0) -> float:
    """libvmaf's stored per-frame SAD score from the unclamped one (``vt_motion_compute``'s score):
    ``MIN(raw * fps_weight, max_val)``. The engine's own clamp at 10000 is never reached (the
    score is below 256 at every bit depth), so its score is libvmaf's ``sad / 256. / (w * h)``."""
    max_val = _check_options(max_val, DEFAULT_BLEND_FACTOR, DEFAULT_BLEND_OFFSET)[0]
    if not (0.0 <= fps_weight <= 5.0):
        raise ValueError(f"motion fps_weight must be in [0, 5], got {fps_weight!r}")
    return _min(float(raw) * float(fps_weight), max_val)


def motion2_motion3(
    sad: Iterable[float] | np.ndarray,
    *,
    five_frame_window: bool = False,
    moving_average: bool = False,
    max_val: float = DEFAULT_MAX_VAL,
    blend_factor: float = DEFAULT_BLEND_FACTOR,
    blend_offset: float = DEFAULT_BLEND_OFFSET,
) -> tuple[np.ndarray, np.ndarray]:
    """``(motion2, motion3)`` of a whole clip from its per-frame SAD scores, as libvmaf's flush
    computes them (``integer_motion.c`` ``flush``).

    ``sad[i]`` is the SAD score of frame i as libvmaf stores it (see :func:`sad_score`); it is
    clamped to ``max_val`` here as well, which changes nothing for stored scores and makes
    unclamped engine scores give the same result. Entries below ``min_idx`` are not read.
    Returns two float64 arrays of len(sad) (empty for an empty clip).
    """
    max_val, factor, offset = _check_options(max_val, blend_factor, blend_offset)
    s = [_min(float(v), max_val) for v in np.asarray(sad, dtype=np.float64).ravel()]
    n = len(s)
    stride = 2 if five_frame_window else 1
    min_idx = 2 if five_frame_window else 1
    motion2 = np.zeros(n, dtype=np.float64)
    motion3 = np.zeros(n, dtype=np.float64)

    stamp = _min(_blend(s[min_idx], factor, offset), max_val) if n > min_idx else 0.0
    prev = 0.0
    for i in range(n):
        if i < min_idx:
            m2 = 0.0
        else:
            lo_idx = i - (stride - 1)
            hi_idx = i + 1
            if hi_idx >= n:
                m2 = s[i]
            elif lo_idx >= min_idx:
                m2 = _min(s[lo_idx], s[hi_idx])
            else:
                m2 = s[hi_idx]
        motion2[i] = m2
        if i < min_idx:
            m3 = stamp
            prev = stamp
        else:
            p = _min(_blend(m2, factor, offset), max_val)
            m3 = (p + prev) / 2.0 if moving_average else p
            prev = p
        motion3[i] = m3
    return motion2, motion3


class MotionV1Stream:
    """:func:`motion2_motion3` one frame at a time, with one frame of lookahead.

    ``push(sad_i)`` takes the SAD score of the next frame (frame 0 first; the values of frames
    below ``min_idx`` are ignored) and returns the ``(index, motion2, motion3)`` tuples that have
    become final, in frame order; ``flush()`` returns the remaining ones at the end of the clip.
    The values equal :func:`motion2_motion3`'s on the whole clip, bit for bit. Frame i is final
    when the SAD of frame i + 1 arrives; frames below ``min_idx`` when the SAD of frame
    ``min_idx`` arrives. Only the last two SADs are kept.
    """

    def __init__(
        self,
        *,
        five_frame_window: bool = False,
        moving_average: bool = False,
        max_val: float = DEFAULT_MAX_VAL,
        blend_factor: float = DEFAULT_BLEND_FACTOR,
        blend_offset: float = DEFAULT_BLEND_OFFSET,
    ) -> None:
        self._max, self._factor, self._offset = _check_options(max_val, blend_factor, blend_offset)
        self._moving_average = bool(moving_average)
        self._stride = 2 if five_frame_window else 1
        self._min_idx = 2 if five_frame_window else 1
        self._n = 0  # frames pushed
        self._last: list[float] = []  # SADs of frames n - 2 and n - 1 (at most two)
        self._prev = 0.0  # the unaveraged motion3 value of the last emitted frame (or the stamp)
        self._done = False

    @property
    def frames(self) -> int:
        """Frames pushed so far."""
        return self._n

    def _sad(self, i: int) -> float:
        return self._last[i - self._n + len(self._last)]

    def _emit(self, i: int, hi: float | None) -> tuple[int, float, float]:
        """The values of frame i >= min_idx, given the SAD of frame i + 1 (None: last frame)."""
        lo_idx = i - (self._stride - 1)
        if hi is None:
            m2 = self._sad(i)
        elif lo_idx >= self._min_idx:
            m2 = _min(self._sad(lo_idx), hi)
        else:
            m2 = hi
        p = _min(_blend(m2, self._factor, self._offset), self._max)
        m3 = (p + self._prev) / 2.0 if self._moving_average else p
        self._prev = p
        return i, m2, m3

    def push(self, sad: float) -> list[tuple[int, float, float]]:
        if self._done:
            raise RuntimeError("MotionV1Stream: push() after flush()")
        k = self._n
        value = _min(float(sad), self._max)
        out: list[tuple[int, float, float]] = []
        if k == self._min_idx:
            # the stamp: frames below min_idx take the processed SAD of frame min_idx
            stamp = _min(_blend(value, self._factor, self._offset), self._max)
            out = [(i, 0.0, stamp) for i in range(k)]
            self._prev = stamp
        elif k > self._min_idx:
            out = [self._emit(k - 1, value)]
        self._last = (self._last + [value])[-2:]
        self._n = k + 1
        return out

    def flush(self) -> list[tuple[int, float, float]]:
        """The frames not yet returned (the last one, or all of a clip of at most min_idx frames)."""
        if self._done:
            return []
        self._done = True
        n = self._n
        if n == 0:
            return []
        if n <= self._min_idx:  # no SAD at min_idx: every value is 0
            return [(i, 0.0, 0.0) for i in range(n)]
        return [self._emit(n - 1, None)]
