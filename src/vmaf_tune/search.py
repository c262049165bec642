"""bisect: the highest CRF whose pooled VMAF still meets a target, found in one process.

The reference is decoded once; every probe encodes the (sampled) reference with PyAV, decodes the
packets in memory and scores them against the cached reference planes as they leave the encoder.
The search brackets the target and then interpolates in score, so few encodes are needed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ._version import __version__
from .cache import ProbeCache
from .encode import EncodeRun, EncoderSpec, encoder_spec
from .errors import EngineError, InputError
from .frames import Picture, luma_of, open_source
from .models import Model, resolve_models
from .score import Scorer, pool

__all__ = ["Probe", "BisectResult", "Reference", "bisect", "load_reference", "measure", "parse_encoder_opts"]

DEFAULT_SAMPLE_SECONDS = 3.0
MEMORY_BUDGET = 2 << 30  # bytes of decoded reference frames kept in memory
_DEFAULT_START = {"libx264": 23.0, "libx265": 28.0, "libsvtav1": 35.0, "libvpx-vp9": 32.0}
_TYPICAL_SLOPE = {"libx264": -1.0, "libx265": -1.0, "libsvtav1": -0.5, "libvpx-vp9": -0.5}


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
    import av

    try:
        with av.open(path) as container:
            stream = container.streams.video[0]
            return sum(1 for packet in container.demux(stream) if packet.size)
    except (av.FFmpegError, OSError, IndexError):
        return 0


def _decode_kept(path: str, wanted) -> tuple[list, int]:
    """The decoded frames whose index is in ``wanted`` (a set, or None for all) and the total."""
    src = open_source(path)
    kept: list = []
    total = 0
    try:
        for index, frame in enumerate(src.frames()):
            total += 1
            if wanted is None or index in wanted:
                kept.append(frame)
                if len(kept) * frame.width * frame.height * 2 > MEMORY_BUDGET:
                    raise InputError(
                        f"{path}: the frames to score exceed {MEMORY_BUDGET >> 30} GiB of memory; "
                        "use samples (drop --full) or fewer/shorter samples"
                    )
    finally:
        src.close()
    return kept, total


def _sample_plan(total: int, rate: Fraction, samples: int | None, sample_seconds: float, full: bool):
    """Where the samples go: (starts, length, mode). Short inputs, or ``full``, are scored whole."""
    seg_len = max(1, round(sample_seconds * float(rate)))
    n = samples if samples is not None else int(min(12, max(3, round(total / float(rate) / 20.0))))
    if full or n * seg_len * 2 > total:
        return [0], total, "full"
    starts = sorted({min(total - seg_len, max(0, round((i + 0.5) * total / n - seg_len / 2))) for i in range(n)})
    return starts, seg_len, "samples"


def load_reference(
    source,
    *,
    samples: int | None = None,
    sample_seconds: float = DEFAULT_SAMPLE_SECONDS,
    full: bool = False,
    frames: Iterable | None = None,
    fps: Fraction | None = None,
) -> Reference:
    """Decodes the reference once: every frame for short clips or ``full``, else evenly spaced
    samples. ``frames`` gives already decoded frames (then ``source`` only names them)."""
    if samples is not None and (isinstance(samples, bool) or samples < 1):
        raise InputError(f"samples must be >= 1, got {samples}")
    if not sample_seconds > 0:
        raise InputError(f"sample seconds must be > 0, got {sample_seconds}")
    if frames is not None:
        decoded = list(frames)
        if not decoded:
            raise InputError("no frames given")
        rate = Fraction(fps or 25)
        starts, seg_len, mode = _sample_plan(len(decoded), rate, samples, sample_seconds, full)
        kept = [f for s in starts for f in decoded[s : s + seg_len]]
        return _make_reference(str(source or "<frames>"), kept, starts, seg_len, rate, mode, len(decoded))
    path = str(source)
    src = open_source(path)
    if not hasattr(src, "frames"):
        src.close()
        raise InputError(f"{path}: bisect needs a video file (raw YUV cannot be encoded here)")
    rate = src.info.fps or Fraction(25)
    src.close()
    if full:  # every frame: one decoding pass, no count needed
        kept, total = _decode_kept(path, None)
        plan = _sample_plan(total, rate, samples, sample_seconds, True)
    else:
        # Plan from the packet count (no decoding); decode once, keeping the planned frames. Should
        # the decoder return another number of frames, plan again from that and decode again.
        estimate = _count_packets(path)  # 0 if unknown: the first pass then only counts
        plan = _sample_plan(estimate, rate, samples, sample_seconds, False)
        kept, total = _decode_kept(path, _wanted(plan))
        if total != estimate and total:
            plan = _sample_plan(total, rate, samples, sample_seconds, False)
            kept, total = _decode_kept(path, _wanted(plan))
    if total == 0:
        raise InputError(f"{path}: has no decodable video frames")
    starts, seg_len, mode = plan
    return _make_reference(path, kept, starts, seg_len, rate, mode, total)


def _wanted(plan) -> set[int]:
    starts, seg_len, _ = plan
    return {s + k for s in starts for k in range(seg_len)}


def _make_reference(path, kept, starts, seg_len, fps, mode, total=None) -> Reference:
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


@dataclass(frozen=True)
class Probe:
    """One encode at one CRF and its pooled scores."""

    crf: float
    vmaf: float  # pooled score of the target model
    bitrate: float  # bits per second
    size_bytes: int  # compressed bytes of the probed frames
    seconds: float
    cached: bool
    scores: Mapping[str, float]  # pooled score of every model

    def as_dict(self) -> dict:
        return {
            "crf": self.crf,
            "vmaf": round(self.vmaf, 6),
            "bitrate": round(self.bitrate, 1),
            "seconds": round(self.seconds, 3),
            "cached": self.cached,
            "scores": {k: round(v, 6) for k, v in self.scores.items()},
        }


def parse_encoder_opts(items: Iterable[str]) -> dict[str, str]:
    opts: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise InputError(f"encoder option {item!r} must look like KEY=VALUE")
        opts[key.strip()] = value.strip()
    return opts


def _model_key(model: Model) -> dict:
    return {
        "name": model.name,
        "features": [(f.family, f.feature, f.egl) for f in model.features],
        "svm": hashlib.sha256(model.svm.sv.tobytes() + model.svm.coef.tobytes()).hexdigest()[:16],
        "rho": model.svm.rho,
        "transform": dataclasses.asdict(model.transform),
        "clip": model.clip,
    }


def measure(
    reference: Reference,
    encoder: str,
    crf: float,
    models: Sequence[Model],
    *,
    preset: str | None = None,
    options: Mapping[str, str] | None = None,
    pool_method: str = "mean",
    threads: int | None = None,
    cache: ProbeCache | None = None,
    on_frame: Callable[[int], None] | None = None,
    backend: str = "builtin",
    extra_key: Mapping | None = None,
) -> Probe:
    """Encodes the reference at ``crf`` in memory and scores the result (or reads the cache)."""
    run_opts = EncodeRun((), encoder, crf, preset=preset, options=options, fps=reference.fps).codec_options()
    key = hashlib.sha256(
        json.dumps(
            {
                "source": reference.fingerprint,
                "segments": reference.sample_positions(),
                "encoder": encoder,
                "options": run_opts,
                "models": [_model_key(m) for m in models],
                "pool": pool_method,
                "engine": __version__,
                "backend": backend,
                "extra": dict(extra_key or {}),
            },
            sort_keys=True,
        ).encode()
    ).hexdigest()
    if cache is not None:
        hit = cache.get(key)
        if hit and {"vmaf", "bitrate", "size_bytes", "scores"} <= hit.keys():
            return Probe(crf, hit["vmaf"], hit["bitrate"], hit["size_bytes"], hit["seconds"], True, hit["scores"])
    start = time.perf_counter()
    per_model: dict[str, list[np.ndarray]] = {m.name: [] for m in models}
    total_bytes = frames_in = 0
    done = 0
    for seg in reference.segments:
        run = EncodeRun(seg.frames, encoder, crf, preset=preset, options=options, fps=reference.fps)
        # Scoring runs beside the encoder: its workers yield to the encoder's frame threads, whose
        # pipeline stalls when one of them waits for a core (measured: 2-4 % less wall time).
        with Scorer(list(models), threads=threads, backend=backend, worker_nice=5) as scorer:
            count = 0
            for out in run:
                if count >= seg.length:
                    raise EngineError(f"{encoder} returned more frames than it was given")
                scorer.push(seg.lumas[count], out)
                count += 1
                done += 1
                if on_frame:
                    on_frame(done)
            if count != seg.length:
                raise EngineError(f"{encoder} returned {count} frames for {seg.length}")
            result = scorer.finish()
        for m in models:
            per_model[m.name].append(result.metrics[m.name])
        total_bytes += run.bytes
        frames_in += run.frames_in
    scores = {name: pool(np.concatenate(v), pool_method) for name, v in per_model.items()}
    bitrate = total_bytes * 8 * float(reference.fps) / frames_in
    probe = Probe(
        crf=crf,
        vmaf=scores[models[0].name],
        bitrate=bitrate,
        size_bytes=total_bytes,
        seconds=time.perf_counter() - start,
        cached=False,
        scores=scores,
    )
    if cache is not None:
        cache.put(
            key,
            {"vmaf": probe.vmaf, "bitrate": bitrate, "size_bytes": total_bytes, "seconds": probe.seconds, "scores": scores},
        )
    return probe


@dataclass(frozen=True)
class BisectResult:
    """The chosen CRF, its score and size, and every probe that led there."""

    target: float
    met: bool
    encoder: str
    preset: str | None
    options: Mapping[str, str]
    crf: float
    vmaf: float
    bitrate: float
    size_bytes: int  # predicted for the whole input
    model: str
    pool: str
    mode: str
    samples: tuple[dict, ...]
    probes: tuple[Probe, ...]
    input: str
    frames: int
    duration: float

    def as_dict(self) -> dict:
        return {
            "input": self.input,
            "target": self.target,
            "met": self.met,
            "encoder": self.encoder,
            "preset": self.preset,
            "options": dict(self.options),
            "crf": self.crf,
            "vmaf": round(self.vmaf, 6),
            "bitrate": round(self.bitrate, 1),
            "size_bytes": self.size_bytes,
            "model": self.model,
            "pool": self.pool,
            "mode": {"type": self.mode, "samples": list(self.samples)},
            "frames": self.frames,
            "duration": round(self.duration, 3),
            "probes": [p.as_dict() for p in self.probes],
        }


def _grid(spec: EncoderSpec, min_crf: float | None, max_crf: float | None, step: float) -> tuple[float, float, float]:
    lo = spec.crf_min if min_crf is None else float(min_crf)
    hi = spec.crf_max if max_crf is None else float(max_crf)
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise InputError("CRF bounds must be finite numbers")
    if lo < spec.crf_min or hi > spec.crf_max:
        raise InputError(f"{spec.name} takes CRF {spec.crf_min:g} to {spec.crf_max:g}, got {lo:g} to {hi:g}")
    if lo >= hi:
        raise InputError(f"--min-crf {lo:g} must be below --max-crf {hi:g}")
    if not step > 0:
        raise InputError(f"--crf-step must be > 0, got {step}")
    if step != int(step) and not spec.fractional:
        raise InputError(f"{spec.name} takes whole CRF values only; use --crf-step 1 or more")
    return lo, hi, step


def _u(score: float) -> float:
    """Scores in a space where CRF curves are close to straight lines: distance to 100, logged.
    (Near 100 the score saturates; the log of the remaining headroom keeps its slope.)"""
    return math.log(max(100.5 - score, 1e-3))


def search_crf(
    probe: Callable[[float], float],
    lo: float,
    hi: float,
    step: float,
    target: float,
    start: float,
    slope_guess: float = -1.0,
) -> tuple[float | None, float]:
    """Finds the highest grid CRF with probe(crf) >= target; returns (passing CRF or None, best CRF).

    Extrapolates from what is known (a typical slope until two points exist) until the target
    is bracketed, then interpolates between the bracket ends in score space (see ``_u``); each
    time it probes the grid point just below the predicted crossing. It falls back to the
    midpoint when two interpolations in a row have not halved the bracket. Every probe lies
    strictly inside the bracket, so it always terminates."""
    n_steps = int(round((hi - lo) / step))

    def snap(x: float, how=round) -> float:
        k = min(n_steps, max(0, int(how((x - lo) / step + 1e-9))))
        return round(lo + k * step, 6)

    known: dict[float, float] = {}
    crf = snap(start)
    widths: list[float] = []  # bracket widths after each interpolation
    while True:
        if crf not in known:
            known[crf] = probe(crf)
        passing = [c for c, s in known.items() if s >= target]
        ok = max(passing) if passing else None
        bad = min([c for c, s in known.items() if s < target and (ok is None or c > ok)], default=None)
        if ok is not None and bad is not None:
            if bad - ok <= step + 1e-9:
                return ok, ok
            width = bad - ok
            u_ok, u_bad, u_t = _u(known[ok]), _u(known[bad]), _u(target)
            # Interpolation that approaches from one side shrinks the bracket slowly: halve it
            # when two interpolations in a row have not.
            if (len(widths) >= 2 and width > widths[-2] / 2) or u_bad <= u_ok:
                guess = (ok + bad) / 2
            else:
                guess = ok + (u_t - u_ok) / (u_bad - u_ok) * width
            widths.append(width)
            nxt = min(max(snap(guess, math.floor), snap(ok + step)), snap(bad - step))
        elif bad is None:  # everything probed passes: go up
            if ok >= hi - 1e-9:
                return ok, ok
            nxt = max(snap(_extrapolate(known, ok, target, slope_guess, step, lo, hi), math.floor), snap(ok + step))
        else:  # everything probed fails: go down
            if bad <= lo + 1e-9:
                best = max(known, key=lambda c: (known[c], -c))
                return None, best
            nxt = min(snap(_extrapolate(known, bad, target, slope_guess, step, lo, hi), math.floor), snap(bad - step))
        if nxt in known:  # cannot happen with a consistent bracket, but never loop forever
            return (ok, ok) if ok is not None else (None, max(known, key=lambda c: known[c]))
        crf = nxt


def _extrapolate(known, at, target, slope_guess, step, lo, hi) -> float:
    """Where the score is predicted to cross the target beyond ``at``. The caller probes the grid
    point just below it: the answer itself when the prediction holds, so one more probe above it
    ends the search. (Aiming past the crossing to bracket it first costs a probe whenever the
    prediction is good: 3.56 against 3.78 probes on average over measured x264 curves.)"""
    pts = sorted(known.items(), key=lambda kv: abs(kv[0] - at))[:2]
    if len(pts) == 2 and pts[0][0] != pts[1][0]:
        du = (_u(pts[0][1]) - _u(pts[1][1])) / (pts[0][0] - pts[1][0])
        guess = at + (_u(target) - _u(known[at])) / du if du > 1e-3 else math.inf
        if known[at] < target:
            guess = -math.inf if du <= 1e-3 else guess
    else:
        guess = at + (target - known[at]) / slope_guess
    limit = max(4 * step, (hi - lo) / 3)
    guess = min(max(guess, at - limit), at + limit)
    return guess


def bisect(
    input=None,
    target: float = 93.0,
    *,
    encoder: str = "libx264",
    preset: str | None = None,
    encoder_options: Mapping[str, str] | None = None,
    min_crf: float | None = None,
    max_crf: float | None = None,
    crf_step: float = 1.0,
    pool_method: str = "mean",
    models=None,
    neg: bool = False,
    model_paths: Iterable[str] = (),
    samples: int | None = None,
    sample_seconds: float = DEFAULT_SAMPLE_SECONDS,
    full: bool = False,
    use_cache: bool = True,
    threads: int | None = None,
    backend: str = "builtin",
    extra_key: Mapping | None = None,
    reference: Reference | None = None,
    on_probe: Callable[[Probe, int], None] | None = None,
    on_frame: Callable[[float, int, int], None] | None = None,
    warn=None,
) -> BisectResult:
    """Finds the highest CRF whose pooled score (first model) meets ``target``.

    ``input`` is a video path; with ``None`` a built-in synthetic clip is used."""
    if isinstance(target, bool) or not isinstance(target, (int, float)) or not 0 <= target <= 100:
        raise InputError(f"target must be a number from 0 to 100, got {target!r}")
    spec = encoder_spec(encoder)
    lo, hi, step = _grid(spec, min_crf, max_crf, crf_step)
    pool(np.array([1.0]), pool_method)  # validates the pooling name early
    if input is None and reference is None:
        from .synthetic import synthetic_frames

        source = synthetic_frames()
    else:
        source = input if reference is None or reference.path.startswith("<") else reference.path
    model_list = resolve_models(models, neg=neg, model_paths=model_paths, source=source)
    if threads is not None and (isinstance(threads, bool) or threads < 1):
        raise InputError(f"threads must be >= 1, got {threads}")
    if reference is None:
        if input is None:
            from .synthetic import DEFAULT_FPS, synthetic_frames

            reference = load_reference(None, frames=synthetic_frames(), fps=DEFAULT_FPS)
            reference = dataclasses.replace(reference, path="<built-in synthetic clip>")
        else:
            reference = load_reference(input, samples=samples, sample_seconds=sample_seconds, full=full)
    cache = ProbeCache(enabled=use_cache, warn=warn)
    probes: list[Probe] = []
    per_probe_frames = sum(s.length for s in reference.segments)

    def run(crf: float) -> float:
        p = measure(
            reference,
            encoder,
            crf,
            model_list,
            preset=preset,
            options=encoder_options,
            pool_method=pool_method,
            threads=threads,
            cache=cache,
            backend=backend,
            extra_key=extra_key,
            on_frame=(lambda done: on_frame(crf, done, per_probe_frames)) if on_frame else None,
        )
        probes.append(p)
        if on_probe:
            on_probe(p, len(probes))
        return p.vmaf

    try:
        start = _DEFAULT_START.get(encoder, (lo + hi) / 2)
        ok, best = search_crf(run, lo, hi, step, float(target), min(max(start, lo), hi), _TYPICAL_SLOPE.get(encoder, -1.0))
    finally:
        cache.close()
    chosen = ok if ok is not None else best
    final = next(p for p in probes if p.crf == chosen)
    return BisectResult(
        target=float(target),
        met=ok is not None,
        encoder=encoder,
        preset=preset if preset is not None else spec.default_preset,
        options=dict(encoder_options or {}),
        crf=chosen,
        vmaf=final.vmaf,
        bitrate=final.bitrate,
        size_bytes=int(round(final.bitrate * reference.duration / 8)),
        model=model_list[0].name,
        pool=pool_method,
        mode=reference.mode,
        samples=tuple(reference.sample_positions()),
        probes=tuple(probes),
        input=reference.path,
        frames=reference.total_frames,
        duration=reference.duration,
    )
