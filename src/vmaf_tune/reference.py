"""The reference that probes are encoded from and scored against: decoded once, whole or as evenly
spaced samples, within a memory budget."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

import av
import numpy as np

from .errors import InputError
from .frames import Picture, luma_of, open_source
from .options import DEFAULT_SAMPLE_SECONDS, Sampling

__all__ = ["MEMORY_BUDGET", "Reference", "Segment", "decode_all", "load_reference", "prefiltered"]

MEMORY_BUDGET = 2 << 30  # bytes of decoded reference frames kept in memory

_Plan = tuple[list[int], int, str]  # sample starts, sample length, mode


@dataclass(frozen=True)
class Segment:
    """A run of consecutive source frames that is encoded and scored as one piece."""

    start: int
    frames: tuple  # PyAV VideoFrames
    lumas: tuple[Picture, ...]

    @property
    def length(self) -> int:
        return len(self.frames)


@dataclass(frozen=True)
class Reference:
    """The decoded reference: whole, or evenly spaced samples of it."""

    path: str
    total_frames: int
    fps: Fraction
    width: int
    height: int
    mode: str  # "full" or "samples"
    segments: tuple[Segment, ...]
    fingerprint: str

    @property
    def duration(self) -> float:
        return self.total_frames / float(self.fps)

    def sample_positions(self) -> list[dict]:
        return [
            {"start_frame": s.start, "frames": s.length, "start_time": round(s.start / float(self.fps), 3)}
            for s in self.segments
        ]


def _count_packets(path: str) -> int:
    """Video packets in the file: its frame count for the usual containers, without decoding."""
    try:
        with av.open(path) as container:
            stream = container.streams.video[0]
            return sum(1 for packet in container.demux(stream) if packet.size)
    except (av.FFmpegError, OSError, IndexError):
        return 0


_TOO_LONG = f"the frames to score exceed {MEMORY_BUDGET >> 30} GiB of memory; use samples (drop --full) or fewer/shorter samples"


def _decode_kept(path: str, wanted: set[int] | None, too_long: str = _TOO_LONG) -> tuple[list, int]:
    """The decoded frames whose index is in ``wanted`` (None: all) and the total; the one decoding
    loop, so every caller keeps to the memory budget."""
    src = open_source(path)
    kept: list = []
    total = 0
    try:
        for index, frame in enumerate(src.frames()):
            total += 1
            if wanted is None or index in wanted:
                kept.append(frame)
                if len(kept) * frame.width * frame.height * 2 > MEMORY_BUDGET:
                    raise InputError(f"{path}: {too_long}")
    finally:
        src.close()
    return kept, total


def decode_all(path: str) -> list:
    """Every frame of a video file (per-shot tuning cuts shots out of them)."""
    return _decode_kept(path, None, "too long to hold in memory for per-shot tuning")[0]


def _sample_plan(total: int, rate: Fraction, sampling: Sampling) -> _Plan:
    """Where the samples go. Short inputs, or ``full``, are scored whole."""
    seg_len = max(1, round(sampling.sample_seconds * float(rate)))
    n = sampling.samples if sampling.samples is not None else int(min(12, max(3, round(total / float(rate) / 20.0))))
    if sampling.full or n * seg_len * 2 > total:
        return [0], total, "full"
    starts = sorted({min(total - seg_len, max(0, round((i + 0.5) * total / n - seg_len / 2))) for i in range(n)})
    return starts, seg_len, "samples"


def _wanted(plan: _Plan) -> set[int]:
    starts, seg_len, _ = plan
    return {s + k for s in starts for k in range(seg_len)}


def load_reference(
    source,
    *,
    samples: int | None = None,
    sample_seconds: float = DEFAULT_SAMPLE_SECONDS,
    full: bool = False,
    frames: Iterable | None = None,
    fps: Fraction | None = None,
    sampling: Sampling | None = None,
) -> Reference:
    """Decodes the reference once: every frame for short clips or ``full``, else evenly spaced
    samples. ``frames`` gives already decoded frames (then ``source`` only names them).
    ``sampling`` may stand in for ``samples``/``sample_seconds``/``full``."""
    if sampling is None:
        sampling = Sampling(samples, sample_seconds, full)
    if frames is not None:
        decoded = list(frames)
        if not decoded:
            raise InputError("no frames given")
        rate = Fraction(fps or 25)
        starts, seg_len, mode = _sample_plan(len(decoded), rate, sampling)
        kept = [f for s in starts for f in decoded[s : s + seg_len]]
        return _make_reference(str(source or "<frames>"), kept, starts, seg_len, rate, mode, len(decoded))
    path = str(source)
    src = open_source(path)
    if not hasattr(src, "frames"):
        src.close()
        raise InputError(f"{path}: bisect needs a video file (raw YUV cannot be encoded here)")
    rate = src.info.fps or Fraction(25)
    src.close()
    if sampling.full:  # every frame: one decoding pass, no count needed
        kept, total = _decode_kept(path, None)
        plan = _sample_plan(total, rate, sampling)
    else:
        # Plan from the packet count (no decoding); decode once, keeping the planned frames. Should
        # the decoder return another number of frames, plan again from that and decode again.
        estimate = _count_packets(path)  # 0 if unknown: the first pass then only counts
        plan = _sample_plan(estimate, rate, sampling)
        kept, total = _decode_kept(path, _wanted(plan))
        if total != estimate and total:
            plan = _sample_plan(total, rate, sampling)
            kept, total = _decode_kept(path, _wanted(plan))
    if total == 0:
        raise InputError(f"{path}: has no decodable video frames")
    starts, seg_len, mode = plan
    return _make_reference(path, kept, starts, seg_len, rate, mode, total)


def _make_reference(
    path: str, kept: list, starts: list[int], seg_len: int, fps: Fraction, mode: str, total: int | None = None
) -> Reference:
    first = kept[0]
    digest = hashlib.sha256(f"{first.width}x{first.height}".encode())
    segments = []
    pos = 0
    for start in starts:
        frames = tuple(kept[pos : pos + seg_len])
        pos += seg_len
        lumas = tuple(luma_of(f) for f in frames)
        for pic in lumas:
            digest.update(np.ascontiguousarray(pic.luma).tobytes())
        segments.append(Segment(start, frames, lumas))
    return Reference(
        path=path,
        total_frames=total or len(kept),
        fps=Fraction(fps),
        width=first.width,
        height=first.height,
        mode=mode,
        segments=tuple(segments),
        fingerprint=digest.hexdigest(),
    )


def _filtered(frames: Sequence, graph_desc: str) -> list:
    """Runs frames through a libavfilter graph (same size and format out)."""
    first = frames[0]
    graph = av.filter.Graph()
    src = graph.add_buffer(width=first.width, height=first.height, format=first.format.name,
                           time_base=first.time_base or 1)
    try:
        chain = graph.add(*graph_desc.split("=", 1)) if "=" in graph_desc else graph.add(graph_desc)
    except (ValueError, av.FFmpegError) as exc:
        raise InputError(f"pre-filter {graph_desc!r}: {exc}") from None
    sink = graph.add("buffersink")
    src.link_to(chain)
    chain.link_to(sink)
    graph.configure()
    out = []
    for f in frames:
        src.push(f)
        out.append(sink.pull())
    return out


def prefiltered(reference: Reference, prefilter: str | None) -> Reference:
    """The encoder's input: the reference frames, pre-filtered; scoring still uses the originals."""
    if not prefilter:
        return reference
    segs = tuple(dataclasses.replace(s, frames=tuple(_filtered(s.frames, prefilter))) for s in reference.segments)
    return dataclasses.replace(reference, segments=segs)
