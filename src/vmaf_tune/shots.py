"""Shot detection in-process: hard cuts from luma/chroma statistics, with minimum and maximum
shot lengths. A cut is where the picture changes much more than it does around that frame."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from .errors import EncodeError, InputError
from .executors import EXECUTORS, run_all
from .frames import open_source

__all__ = ["PerShotResult", "Shot", "ShotList", "ShotResult", "detect_shots", "per_shot"]

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
    min_shot: float = 0.5,
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


# ---------------------------------------------------------------------------------------------
# Per-shot tuning


@dataclass(frozen=True)
class ShotResult:
    shot: Shot
    crf: float
    vmaf: float  # pooled score of the probe at that CRF
    bitrate: float
    met: bool
    final_vmaf: float | None = None  # in the final encode, when one was written

    def as_dict(self) -> dict:
        d = self.shot.as_dict()
        d.update(crf=self.crf, vmaf=round(self.vmaf, 6), bitrate=round(self.bitrate, 1), met=self.met)
        if self.final_vmaf is not None:
            d["final_vmaf"] = round(self.final_vmaf, 6)
        return d


@dataclass(frozen=True)
class PerShotResult:
    input: str
    target: float
    encoder: str
    model: str
    shots: tuple[ShotResult, ...]
    output: str | None
    vmaf: float | None  # overall, of the final encode
    bitrate: float  # frame-weighted over the shots (of the final encode when written)
    single_crf: dict  # one CRF for the whole input that gives every shot the target
    saving: float | None  # 1 - bitrate / single_crf bitrate

    def as_dict(self) -> dict:
        return {
            "input": self.input,
            "target": self.target,
            "encoder": self.encoder,
            "model": self.model,
            "shots": [s.as_dict() for s in self.shots],
            "output": self.output,
            "vmaf": None if self.vmaf is None else round(self.vmaf, 6),
            "bitrate": round(self.bitrate, 1),
            "single_crf": self.single_crf,
            "saving": None if self.saving is None else round(self.saving, 4),
        }


def _decode_all(path: str) -> list:
    from .search import MEMORY_BUDGET

    src = open_source(path)
    try:
        frames = []
        for f in src.frames():
            frames.append(f)
            if len(frames) * f.width * f.height * 2 > MEMORY_BUDGET:
                raise InputError(f"{path}: too long to hold in memory for per-shot tuning")
        return frames
    finally:
        src.close()


def _shot_job(path: str, start: int, end: int, fps: Fraction, bisect_kwargs: dict, sampling: dict) -> tuple:
    """Tunes one shot; self-contained so process and Dask workers can run it from the input path."""
    from .search import bisect, load_reference

    frames = _decode_all(path)[start:end]
    ref = load_reference(None, frames=frames, fps=fps, **sampling)
    r = bisect(reference=ref, **bisect_kwargs)
    return r.crf, r.vmaf, r.bitrate, r.met


def per_shot(
    input,
    target: float = 93.0,
    *,
    encoder: str = "libx264",
    preset: str | None = None,
    encoder_options=None,
    min_crf: float | None = None,
    max_crf: float | None = None,
    crf_step: float = 1.0,
    pool_method: str = "mean",
    models=None,
    neg: bool = False,
    model_paths: Iterable[str] = (),
    min_shot: float = 0.5,
    max_shot: float | None = None,
    samples: int | None = None,
    sample_seconds: float = 3.0,
    full: bool = False,
    use_cache: bool = True,
    threads: int | None = None,
    backend: str = "builtin",
    output: str | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    on_shots=None,
    on_shot=None,
    on_frame=None,
    on_final=None,
) -> PerShotResult:
    """Splits ``input`` into shots, finds each shot's CRF for ``target``, and optionally writes the
    final encode (a keyframe at every shot start) and scores it against the source.
    Callbacks, for progress: ``on_shots(shot_list)`` after detection, ``on_shot(shot, (crf, vmaf,
    bitrate, met))`` as each shot is tuned (completion order), ``on_frame(shot, crf, done, total)``
    while the local executor scores a probe, ``on_final(stage, done, total)`` during the final
    encode (stage ``"encode"``, then ``"score"``)."""
    from .cache import ProbeCache
    from .models import resolve_models
    from .search import bisect, load_reference, measure

    if executor not in EXECUTORS:
        raise InputError(f"unknown executor {executor!r} (choose from {', '.join(EXECUTORS)})")
    path = str(input)
    if output is not None:
        _check_output(output, encoder)
    shots = detect_shots(path, min_shot=min_shot, max_shot=max_shot)
    if on_shots:
        on_shots(shots)
    model_list = resolve_models(models, neg=neg, model_paths=model_paths, source=path)
    kwargs = dict(target=target, encoder=encoder, preset=preset, encoder_options=encoder_options, min_crf=min_crf,
                  max_crf=max_crf, crf_step=crf_step, pool_method=pool_method, models=list(model_list),
                  use_cache=use_cache, threads=threads, backend=backend)
    sampling = {"samples": samples, "sample_seconds": sample_seconds, "full": full}
    frames = _decode_all(path)
    if len(frames) != shots.frames:
        raise InputError(f"{path}: decoded {len(frames)} frames, then {shots.frames}; the file is not stable")
    if executor == "local":
        outcomes = []
        for shot in shots.shots:
            ref = load_reference(None, frames=frames[shot.start : shot.end], fps=shots.fps, **sampling)
            progress = (lambda crf, done, total, shot=shot: on_frame(shot, crf, done, total)) if on_frame else None
            r = bisect(reference=ref, on_frame=progress, **kwargs)
            outcomes.append((r.crf, r.vmaf, r.bitrate, r.met))
            if on_shot:
                on_shot(shot, outcomes[-1])
    else:
        calls = [(path, s.start, s.end, shots.fps, kwargs, sampling) for s in shots.shots]
        done = (lambda index, outcome: on_shot(shots.shots[index], outcome)) if on_shot else None
        outcomes = run_all(_shot_job, calls, executor, scheduler, on_done=done)
    results = [ShotResult(s, *o) for s, o in zip(shots.shots, outcomes)]
    total = sum(s.shot.frames for s in results)
    bitrate = sum(s.bitrate * s.shot.frames for s in results) / total
    overall = None
    if output is not None:
        results, overall, bitrate = _final_encode(frames, shots.fps, results, output, encoder, preset, encoder_options,
                                                  model_list[0], threads, on_final)
    # The single CRF that gives every shot the target is the lowest per-shot CRF.
    whole = load_reference(None, frames=frames, fps=shots.fps, **sampling)
    single_crf = min(r.crf for r in results)
    cache = ProbeCache(enabled=use_cache)
    try:
        single = measure(whole, encoder, single_crf, model_list, preset=preset, options=encoder_options,
                         pool_method=pool_method, threads=threads, cache=cache, backend=backend)
    finally:
        cache.close()
    single_d = {"crf": single_crf, "vmaf": round(single.vmaf, 6), "bitrate": round(single.bitrate, 1)}
    return PerShotResult(
        input=path,
        target=float(target),
        encoder=encoder,
        model=model_list[0].name,
        shots=tuple(results),
        output=output,
        vmaf=overall,
        bitrate=bitrate,
        single_crf=single_d,
        saving=(1 - bitrate / single.bitrate) if single.bitrate else None,
    )


def _shot_packets(frames, fps, results, encoder, preset, encoder_options, stream):
    """The final encode's packets (timestamps in frames), each shot at its CRF and starting with a
    keyframe; the first shot is encoded by ``stream``'s own context so the container's header is
    the encoder's. x264 does it in one stream (zones, forced IDRs), so any CLI user can reproduce
    it; other encoders get one encoder per shot, joined: their stream headers do not depend on
    the CRF (checked), so the pieces form one valid stream."""
    from av.codec.context import Flags
    from av.video.frame import PictureType

    from .encode import EncodeRun

    first = frames[0]
    global_header = bool(stream.codec_context.flags & Flags.global_header)

    def open_encoder(crf, extra, context=None):
        run = EncodeRun((), encoder, crf, preset=preset, options=encoder_options, fps=fps)
        return run.open_encoder(first.width, first.height, first.format.name, global_header=global_header,
                                extra_options=extra, context=context)

    def frame_at(i, enc, pts, keyframe):
        frame = frames[i]
        frame = frame if frame.format.name == enc.pix_fmt else frame.reformat(format=enc.pix_fmt)
        frame.pict_type = PictureType.I if keyframe else PictureType.NONE
        frame.pts, frame.time_base = pts, 1 / fps
        return frame

    if encoder == "libx264":
        zones = "/".join(f"{r.shot.start},{r.shot.end - 1},crf={r.crf:g}" for r in results)
        enc = open_encoder(results[0].crf, {"x264-params": f"zones={zones}"}, stream.codec_context)
        starts = {r.shot.start for r in results}
        for i in range(len(frames)):
            yield from enc.encode(frame_at(i, enc, i, i in starts))
        yield from enc.encode(None)
        return
    # x265 writes its settings (CRF included) into the stream header unless told not to.
    extra = {"x265-params": "info=0"} if encoder == "libx265" else None
    header = None
    last_dts = None
    for r in results:
        enc = open_encoder(r.crf, extra, stream.codec_context if header is None else None)
        if header is None:
            header = bytes(enc.extradata or b"")
        elif bytes(enc.extradata or b"") != header:
            raise EncodeError(f"{encoder}: the stream header changes with the CRF; shots cannot be joined")
        start = r.shot.start
        for i in range(r.shot.start, r.shot.end + 1):
            for packet in enc.encode(frame_at(i, enc, i - start, False) if i < r.shot.end else None):
                packet.pts += start
                packet.dts += start
                if last_dts is not None and packet.dts <= last_dts:
                    raise EncodeError(f"{encoder}: shots cannot be joined (decode order overlaps at frame {start})")
                last_dts = packet.dts
                yield packet


def _open_output(path: str, encoder: str, message_path: str):
    """The output container with its video stream, or a one-line error naming the file."""
    import av

    try:
        container = av.open(path, "w")
    except (av.FFmpegError, ValueError) as exc:
        raise InputError(f"{message_path}: cannot write this container ({exc})") from None
    try:
        stream = container.add_stream(encoder)
    except (av.FFmpegError, ValueError) as exc:
        container.close()
        raise InputError(f"{message_path}: {exc}") from None
    return container, stream


def _temp_beside(output: str) -> str:
    """An empty temporary file next to ``output``, with its extension (the container format)."""
    import os
    import tempfile

    suffix = os.path.splitext(output)[1] or ".mp4"
    fd, tmp = tempfile.mkstemp(prefix=".vmaf-tune-", suffix=suffix, dir=os.path.dirname(os.path.abspath(output)))
    os.close(fd)
    return tmp


def _check_output(output: str, encoder: str) -> None:
    """Fails before any tuning when the container cannot hold the encoder's stream."""
    import os

    from .encode import encoder_spec

    encoder_spec(encoder)
    tmp = _temp_beside(output)
    try:
        container, _ = _open_output(tmp, encoder, output)
        container.close()
    finally:
        os.unlink(tmp)


def _final_encode(frames, fps, results, output, encoder, preset, encoder_options, model, threads, on_final=None):
    """Writes the final encode to ``output`` (atomically), then decodes it and scores it against the
    source, per shot and overall. Bitrate counts the coded packets (as the probes do), not the
    container."""
    import os

    from .score import Scorer, pool

    tmp = _temp_beside(output)
    try:
        container, stream = _open_output(tmp, encoder, output)
        with container:
            stream.rate = fps
            size = 0
            for n, packet in enumerate(_shot_packets(frames, fps, results, encoder, preset, encoder_options, stream)):
                size += packet.size
                packet.stream = stream
                container.mux(packet)
                if on_final:
                    on_final("encode", n + 1, len(frames))
        decoded = open_source(tmp)
        with Scorer([model], threads=threads) as scorer:
            count = 0
            for ref, dis in zip(frames, decoded.frames()):
                scorer.push(ref, dis)
                count += 1
                if on_final:
                    on_final("score", count, len(frames))
            decoded.close()
            if count != len(frames):
                raise InputError(f"{output}: the final encode has {count} frames, the source {len(frames)}")
            scores = scorer.finish()[model.name]
        os.replace(tmp, output)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    out = [dataclasses.replace(r, final_vmaf=pool(scores[r.shot.start : r.shot.end])) for r in results]
    bitrate = size * 8 * float(fps) / len(frames)
    return out, pool(scores), bitrate
