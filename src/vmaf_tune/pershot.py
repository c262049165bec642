"""Per-shot tuning: a CRF per shot for one target, and the final encode that puts them together
(a keyframe at every shot start), scored against the source."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

import av
from av.codec.context import Flags
from av.video.frame import PictureType

from .budget import Budget
from .cache import ProbeCache
from .encode import EncodeRun
from .errors import EncodeError, InputError
from .executors import DEFAULT_EXECUTOR, check_executor, run_all
from .frames import luma_of, open_source
from .models import Model, resolve_models
from .options import DEFAULT_CRF_STEP, DEFAULT_ENCODER, DEFAULT_SAMPLE_SECONDS, CrfRange, EncoderConfig, Sampling
from .output import atomic_path, discard, temp_beside
from .probe import EncodeSide, Scoring, encode_side, measure, scored_picture
from .reference import decode_all, load_reference
from .score import DEFAULT_BACKEND, DEFAULT_POOL, Scorer, pool
from .search import DEFAULT_TARGET, check_target, tune
from .shots import DEFAULT_MIN_SHOT, Shot, ShotList, detect_shots

__all__ = ["PerShotResult", "ShotResult", "per_shot"]

_Outcome = tuple[float, float, float, bool]  # crf, vmaf, bitrate, met


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
    pix_fmt: str  # the pixel format encoded
    score_bitdepth: int  # the depth source and encode were scored at
    cambi: Mapping[str, int]  # CAMBI's encode-side options, where the encode differs from what is scored
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
            "pix_fmt": self.pix_fmt,
            "score_bitdepth": self.score_bitdepth,
            "cambi": dict(self.cambi),
            "shots": [s.as_dict() for s in self.shots],
            "output": self.output,
            "vmaf": None if self.vmaf is None else round(self.vmaf, 6),
            "bitrate": round(self.bitrate, 1),
            "single_crf": self.single_crf,
            "saving": None if self.saving is None else round(self.saving, 4),
        }


@dataclass(frozen=True)
class _Tuning:
    """What every shot is tuned with; picklable, for process and Dask workers."""

    target: float
    config: EncoderConfig
    crfs: CrfRange
    sampling: Sampling
    scoring: Scoring
    use_cache: bool
    exact_probes: bool = False

    def run(self, frames: Sequence, fps: Fraction, on_frame: Callable[[float, int, int], None] | None = None) -> _Outcome:
        ref = load_reference(None, frames=frames, fps=fps, sampling=self.sampling)
        r = tune(ref, self.target, self.config, self.crfs, self.scoring, use_cache=self.use_cache,
                 exact_probes=self.exact_probes, on_frame=on_frame)
        return r.crf, r.vmaf, r.bitrate, r.met

    def within(self, budget: Budget | None) -> _Tuning:
        """The same tuning as one of ``budget.jobs`` parallel jobs: encoder and scorer on its share
        (an encoder thread count given explicitly is kept)."""
        if budget is None:
            return self
        return dataclasses.replace(self, config=self.config.within(budget), scoring=self.scoring.within(budget))


def _shot_job(path: str, start: int, end: int, fps: Fraction, tuning: _Tuning) -> _Outcome:
    """Tunes one shot; self-contained so process and Dask workers can run it from the input path."""
    return tuning.run(decode_all(path)[start:end], fps)


def per_shot(
    input,
    target: float = DEFAULT_TARGET,
    *,
    encoder: str | EncoderConfig = DEFAULT_ENCODER,
    preset: str | None = None,
    encoder_options: Mapping[str, str] | None = None,
    min_crf: float | None = None,
    max_crf: float | None = None,
    crf_step: float = DEFAULT_CRF_STEP,
    pool_method: str = DEFAULT_POOL,
    models=None,
    neg: bool = False,
    model_paths: Iterable[str] = (),
    min_shot: float = DEFAULT_MIN_SHOT,
    max_shot: float | None = None,
    samples: int | None = None,
    sample_seconds: float = DEFAULT_SAMPLE_SECONDS,
    full: bool = False,
    sampling: Sampling | None = None,
    use_cache: bool = True,
    exact_probes: bool = False,
    threads: int | None = None,
    backend: str = DEFAULT_BACKEND,
    pix_fmt: str | None = None,
    score_bitdepth: int | None = None,
    encoder_threads: int | None = None,
    output: str | None = None,
    executor: str = DEFAULT_EXECUTOR,
    scheduler: str | None = None,
    on_shots: Callable[[ShotList], None] | None = None,
    on_shot: Callable[[Shot, _Outcome], None] | None = None,
    on_frame: Callable[[Shot, float, int, int], None] | None = None,
    on_final: Callable[[str, int, int], None] | None = None,
) -> PerShotResult:
    """Splits ``input`` into shots, finds each shot's CRF for ``target``, and optionally writes the
    final encode (a keyframe at every shot start) and scores it against the source.
    Callbacks, for progress: ``on_shots(shot_list)`` after detection, ``on_shot(shot, (crf, vmaf,
    bitrate, met))`` as each shot is tuned (completion order), ``on_frame(shot, crf, done, total)``
    while the local executor scores a probe, ``on_final(stage, done, total)`` during the final
    encode (stage ``"encode"``, then ``"score"``). ``encoder`` may be an EncoderConfig (without a
    pre-filter) and ``sampling`` a Sampling, in place of the separate arguments. ``pix_fmt`` is the
    pixel format encoded (default: the source's) and ``score_bitdepth`` the depth scored at
    (default: the deeper of source and encode), for the probes and the final encode alike, as is
    ``encoder_threads`` (default: the encoder's automatic count). ``exact_probes`` as in
    :func:`vmaf_tune.bisect`."""
    check_executor(executor)
    check_target(target)
    config = EncoderConfig.of(encoder, preset, encoder_options, pix_fmt, encoder_threads)
    if config.prefilter:
        raise InputError("per-shot tuning takes no pre-filter")
    crfs = CrfRange(min_crf, max_crf, crf_step)
    crfs.grid(config.spec)  # checked before any decoding
    sampling = sampling or Sampling(samples, sample_seconds, full)
    path = str(input)
    if output is not None:
        _check_output(output, config.encoder)
    model_list = resolve_models(models, neg=neg, model_paths=model_paths, source=path)
    check_target(target, model_list[0])
    scoring = Scoring(model_list, pool_method, threads, backend, score_bitdepth)
    shots = detect_shots(path, min_shot=min_shot, max_shot=max_shot)
    if on_shots:
        on_shots(shots)
    tuning = _Tuning(target, config, crfs, sampling, scoring, use_cache, exact_probes)
    frames = decode_all(path)
    if len(frames) != shots.frames:
        raise InputError(f"{path}: decoded {len(frames)} frames, then {shots.frames}; the file is not stable")
    if executor == "local":
        outcomes = []
        for shot in shots.shots:
            progress = (lambda crf, done, total, shot=shot: on_frame(shot, crf, done, total)) if on_frame else None
            outcomes.append(tuning.run(frames[shot.start : shot.end], shots.fps, progress))
            if on_shot:
                on_shot(shot, outcomes[-1])
    else:
        # One CPU budget: as many shots at once as --threads allows, each on its share.
        budget = Budget.for_executor(threads, len(shots.shots), executor, scheduler)
        job = tuning.within(budget)
        calls = [(path, s.start, s.end, shots.fps, job) for s in shots.shots]
        done = (lambda index, outcome: on_shot(shots.shots[index], outcome)) if on_shot else None
        outcomes = run_all(_shot_job, calls, executor, scheduler, on_done=done, workers=budget.jobs if budget else None)
    results = [ShotResult(s, *o) for s, o in zip(shots.shots, outcomes)]
    total = sum(s.shot.frames for s in results)
    bitrate = sum(s.bitrate * s.shot.frames for s in results) / total
    overall = None
    side = encode_side(luma_of(frames[0]), frames[0], config, scoring.bitdepth)
    if output is not None:
        results, overall, bitrate = _final_encode(frames, shots.fps, results, output, config, scoring.target_model,
                                                  threads, on_final, scoring.backend, side)
    # The single CRF that gives every shot the target is the lowest per-shot CRF.
    whole = load_reference(None, frames=frames, fps=shots.fps, sampling=sampling)
    single_crf = min(r.crf for r in results)
    cache = ProbeCache(enabled=use_cache)
    try:
        single = measure(whole, config, single_crf, scoring, cache=cache)
    finally:
        cache.close()
    single_d = {"crf": single_crf, "vmaf": round(single.vmaf, 6), "bitrate": round(single.bitrate, 1)}
    return PerShotResult(
        input=path,
        target=float(target),
        encoder=config.encoder,
        model=scoring.target_model.name,
        pix_fmt=side.pix_fmt,
        score_bitdepth=side.score_bitdepth,
        cambi=dict(side.cambi),
        shots=tuple(results),
        output=output,
        vmaf=overall,
        bitrate=bitrate,
        single_crf=single_d,
        saving=(1 - bitrate / single.bitrate) if single.bitrate else None,
    )


def _shot_packets(
    frames: Sequence, fps: Fraction, results: Sequence[ShotResult], config: EncoderConfig, stream: av.VideoStream
) -> Iterator[av.Packet]:
    """The final encode's packets (timestamps in frames), each shot at its CRF and starting with a
    keyframe; the first shot is encoded by ``stream``'s own context so the container's header is
    the encoder's. An encoder with zones (x264) does it in one stream with forced keyframes, so any
    CLI user can reproduce it; any other gets one encoder per shot, joined: their stream headers do
    not depend on the CRF (checked), so the pieces form one valid stream."""
    spec = config.spec
    first = frames[0]
    global_header = bool(stream.codec_context.flags & Flags.global_header)

    def open_encoder(crf: float, extra: Mapping[str, str] | None,
                     context: av.CodecContext | None = None) -> av.CodecContext:
        run = EncodeRun((), config.encoder, crf, preset=config.preset, options=config.options, fps=fps,
                        pix_fmt=config.spec.pix_fmt_for(first.format.name, config.pix_fmt), threads=config.threads)
        return run.open_encoder(first.width, first.height, first.format.name, global_header=global_header,
                                extra_options=extra, context=context)

    def frame_at(i: int, enc: av.CodecContext, pts: int, keyframe: bool) -> av.VideoFrame:
        frame = frames[i]
        frame = frame if frame.format.name == enc.pix_fmt else frame.reformat(format=enc.pix_fmt)
        frame.pict_type = PictureType.I if keyframe else PictureType.NONE
        frame.pts, frame.time_base = pts, 1 / fps
        return frame

    if spec.zones_option:
        zones = "/".join(f"{r.shot.start},{r.shot.end - 1},crf={r.crf:g}" for r in results)
        enc = open_encoder(results[0].crf, {spec.zones_option: f"zones={zones}"}, stream.codec_context)
        starts = {r.shot.start for r in results}
        for i in range(len(frames)):
            yield from enc.encode(frame_at(i, enc, i, i in starts))
        yield from enc.encode(None)
        return
    extra = dict(spec.join_options) or None
    header = None
    last_dts = None
    for r in results:
        enc = open_encoder(r.crf, extra, stream.codec_context if header is None else None)
        if header is None:
            header = bytes(enc.extradata or b"")
        elif bytes(enc.extradata or b"") != header:
            raise EncodeError(f"{config.encoder}: the stream header changes with the CRF; shots cannot be joined")
        start = r.shot.start
        for i in range(r.shot.start, r.shot.end + 1):
            for packet in enc.encode(frame_at(i, enc, i - start, False) if i < r.shot.end else None):
                packet.pts += start
                packet.dts += start
                if last_dts is not None and packet.dts <= last_dts:
                    raise EncodeError(f"{config.encoder}: shots cannot be joined (decode order overlaps at frame {start})")
                last_dts = packet.dts
                yield packet


def _open_output(path: str, encoder: str, message_path: str) -> tuple[av.container.OutputContainer, av.VideoStream]:
    """The output container with its video stream, or a one-line error naming the file."""
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


_DEFAULT_CONTAINER = ".mp4"  # for an output name without an extension


def _check_output(output: str, encoder: str) -> None:
    """Fails before any tuning when the container cannot hold the encoder's stream."""
    tmp = temp_beside(output, _DEFAULT_CONTAINER)
    try:
        container, _ = _open_output(tmp, encoder, output)
        container.close()
    finally:
        discard(tmp)


def _final_encode(
    frames: Sequence,
    fps: Fraction,
    results: Sequence[ShotResult],
    output: str,
    config: EncoderConfig,
    model: Model,
    threads: int | None,
    on_final: Callable[[str, int, int], None] | None = None,
    backend: str = DEFAULT_BACKEND,
    side: EncodeSide | None = None,
) -> tuple[list[ShotResult], float, float]:
    """Writes the final encode to ``output`` (atomically), then decodes it and scores it against the
    source, per shot and overall. Bitrate counts the coded packets (as the probes do), not the
    container."""
    with atomic_path(output, _DEFAULT_CONTAINER) as tmp:
        container, stream = _open_output(tmp, config.encoder, output)
        with container:
            stream.rate = fps
            size = 0
            for n, packet in enumerate(_shot_packets(frames, fps, results, config, stream)):
                size += packet.size
                packet.stream = stream
                container.mux(packet)
                if on_final:
                    on_final("encode", n + 1, len(frames))
        decoded = open_source(tmp)
        side = side or encode_side(luma_of(frames[0]), frames[0], config, None)
        with Scorer([model], threads=threads, backend=backend, overrides=side.overrides,
                    score_bitdepth=side.score_bitdepth) as scorer:
            count = 0
            for ref, dis in zip(frames, decoded.frames()):
                ref_pic = luma_of(ref)
                scorer.push(ref_pic, scored_picture(dis, ref_pic))
                count += 1
                if on_final:
                    on_final("score", count, len(frames))
            decoded.close()
            if count != len(frames):
                raise InputError(f"{output}: the final encode has {count} frames, the source {len(frames)}")
            scores = scorer.finish()[model.name]
    out = [dataclasses.replace(r, final_vmaf=pool(scores[r.shot.start : r.shot.end])) for r in results]
    bitrate = size * 8 * float(fps) / len(frames)
    return out, pool(scores), bitrate
