"""compare: rate-quality curves of several encoder configurations on one source, with BD-rate by
VMAF and by VMAF NEG side by side (an encoder that sharpens can buy VMAF but not VMAF NEG)."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from .bdrate import BDRateError, bd_quality, bd_rate
from .cache import ProbeCache
from .encode import encoder_spec
from .errors import InputError
from .executors import EXECUTORS, run_all
from .models import Model, resolve_models
from .search import DEFAULT_SAMPLE_SECONDS, Reference, bisect, load_reference, measure

__all__ = ["CompareResult", "EncoderConfig", "RatePoint", "compare", "DEFAULT_CRFS"]

DEFAULT_CRFS = {
    "libx264": (20, 24, 28, 32, 36),
    "libx265": (22, 26, 30, 34, 38),
    "libsvtav1": (25, 32, 39, 46, 53),
    "libvpx-vp9": (20, 28, 36, 44, 52),
}


@dataclass(frozen=True)
class EncoderConfig:
    """An encoder, its options, and an optional libavfilter pre-filter applied before it."""

    encoder: str
    options: Mapping[str, str] = dataclasses.field(default_factory=dict)
    prefilter: str | None = None
    preset: str | None = None

    @property
    def label(self) -> str:
        return self.encoder + (f"@{self.prefilter}" if self.prefilter else "")

    @classmethod
    def parse(cls, text: str) -> EncoderConfig:
        """``ENCODER`` or ``ENCODER@FILTERGRAPH`` (e.g. ``libx264@unsharp=5:5:1.0``)."""
        encoder, _, prefilter = text.strip().partition("@")
        encoder_spec(encoder)
        return cls(encoder, prefilter=prefilter or None)


@dataclass(frozen=True)
class RatePoint:
    encoder: str  # the configuration's label
    crf: float
    bitrate: float
    scores: Mapping[str, float]
    seconds: float
    cached: bool

    def as_dict(self) -> dict:
        return {
            "encoder": self.encoder,
            "crf": self.crf,
            "bitrate": round(self.bitrate, 1),
            **{k: round(v, 6) for k, v in self.scores.items()},
            "seconds": round(self.seconds, 3),
            "cached": self.cached,
        }


@dataclass(frozen=True)
class CompareResult:
    input: str
    anchor: str
    encoders: tuple[str, ...]
    metrics: tuple[str, ...]  # e.g. ("vmaf", "vmaf_neg")
    points: tuple[RatePoint, ...]
    bd_rate: Mapping[str, Mapping[str, float | None]]  # encoder -> metric -> fraction
    bd_quality: Mapping[str, Mapping[str, float | None]]
    problems: Mapping[str, str]  # why a BD figure is missing
    mode: str
    samples: tuple[dict, ...]

    def curve(self, encoder: str, metric: str) -> list[tuple[float, float]]:
        return [(p.bitrate, p.scores[metric]) for p in self.points if p.encoder == encoder]

    def as_dict(self) -> dict:
        return {
            "input": self.input,
            "anchor": self.anchor,
            "encoders": list(self.encoders),
            "metrics": list(self.metrics),
            "mode": {"type": self.mode, "samples": list(self.samples)},
            "points": [p.as_dict() for p in self.points],
            "bd_rate": {e: dict(v) for e, v in self.bd_rate.items()},
            "bd_quality": {e: dict(v) for e, v in self.bd_quality.items()},
            "problems": dict(self.problems),
        }

    def to_csv(self) -> str:
        head = ["encoder", "crf", "bitrate", *self.metrics, "seconds", "cached"]
        rows = [",".join(head)]
        for p in self.points:
            vals = [p.encoder, f"{p.crf:g}", f"{p.bitrate:.1f}", *(f"{p.scores[m]:.6f}" for m in self.metrics),
                    f"{p.seconds:.3f}", str(p.cached).lower()]
            rows.append(",".join(vals))
        return "\n".join(rows) + "\n"


def _prefiltered(frames: Sequence, graph_desc: str) -> list:
    """Runs frames through a libavfilter graph (same size and format out)."""
    import av.filter

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


def _with_prefilter(reference: Reference, prefilter: str | None) -> Reference:
    """The encoder's input: the reference frames, pre-filtered; scoring still uses the originals."""
    if not prefilter:
        return reference
    segs = tuple(dataclasses.replace(s, frames=tuple(_prefiltered(s.frames, prefilter))) for s in reference.segments)
    return dataclasses.replace(reference, segments=segs)


def _point_job(source, sampling: dict, config: EncoderConfig, crf: float, models: Sequence[Model],
               threads: int | None, use_cache: bool, backend: str, reference: Reference | None = None) -> RatePoint:
    """One rate-quality point; a self-contained unit of work for process or Dask executors."""
    if reference is None:
        reference = load_reference(source, **sampling)
    cache = ProbeCache(enabled=use_cache)
    try:
        probe = measure(
            _with_prefilter(reference, config.prefilter), config.encoder, crf, models, preset=config.preset,
            options={**config.options}, threads=threads, cache=cache, backend=backend,
            extra_key={"prefilter": config.prefilter},
        )
    finally:
        cache.close()
    return RatePoint(config.label, crf, probe.bitrate, dict(probe.scores), probe.seconds, probe.cached)


def compare(
    input=None,
    encoders: Iterable[str | EncoderConfig] = ("libx264", "libx265"),
    *,
    crfs: Sequence[float] | None = None,
    targets: Sequence[float] | None = None,
    preset: str | None = None,
    encoder_options: Mapping[str, Mapping[str, str]] | None = None,
    models=None,
    neg: bool = False,
    model_paths: Iterable[str] = (),
    samples: int | None = None,
    sample_seconds: float = DEFAULT_SAMPLE_SECONDS,
    full: bool = False,
    use_cache: bool = True,
    threads: int | None = None,
    backend: str = "builtin",
    executor: str = "local",
    scheduler: str | None = None,
    on_point: Callable[[RatePoint], None] | None = None,
) -> CompareResult:
    """Measures every encoder configuration and reports BD-rate against the first, by VMAF and VMAF NEG.

    Points come from ``crfs`` (default: five per encoder) or from bisect runs at ``targets``.
    The model (``models``/``model_paths``, default VMAF v0.6.1) is always scored together with its
    NEG counterpart; ``neg=True`` makes NEG the metric that ``targets`` refer to."""
    configs = [e if isinstance(e, EncoderConfig) else EncoderConfig.parse(e) for e in encoders]
    if not configs:
        raise InputError("compare needs at least one encoder")
    opts = encoder_options or {}
    configs = [dataclasses.replace(c, options={**opts.get(c.encoder, {}), **c.options}, preset=c.preset or preset)
               for c in configs]
    labels = [c.label for c in configs]
    if len(set(labels)) != len(labels):
        raise InputError("each encoder configuration may appear once")
    if executor not in EXECUTORS:
        raise InputError(f"unknown executor {executor!r} (choose from {', '.join(EXECUTORS)})")
    if crfs is not None and targets is not None:
        raise InputError("give --crfs or --targets, not both")
    if targets is not None:
        if len(targets) < 4:
            raise InputError("BD-rate needs at least 4 targets")
        for t in targets:
            if not 0 <= t <= 100:
                raise InputError(f"target must be from 0 to 100, got {t}")
    if input is None:
        from .synthetic import synthetic_frames

        source = synthetic_frames()
    else:
        source = input
    base = resolve_models(models, model_paths=model_paths, source=source)[0]
    pair = [base] if base.is_neg else [base, base.neg()]  # a NEG model alone has no standard twin
    primary = pair[-1] if neg else pair[0]
    metrics = tuple(m.name for m in pair)
    sampling = {"samples": samples, "sample_seconds": sample_seconds, "full": full}

    if input is None:
        from .synthetic import DEFAULT_FPS, synthetic_frames

        reference = load_reference(None, frames=synthetic_frames(), fps=DEFAULT_FPS)
        reference = dataclasses.replace(reference, path="<built-in synthetic clip>")
    else:
        reference = load_reference(input, **sampling)

    points: list[RatePoint] = []
    if targets is not None:
        for c in configs:
            for t in targets:
                r = bisect(reference=reference if not c.prefilter else _with_prefilter(reference, c.prefilter),
                           target=t, encoder=c.encoder, preset=c.preset, encoder_options=c.options,
                           models=[primary] + [m for m in pair if m is not primary], use_cache=use_cache,
                           threads=threads, backend=backend, extra_key={"prefilter": c.prefilter})
                p = next(p for p in r.probes if p.crf == r.crf)
                point = RatePoint(c.label, r.crf, p.bitrate, dict(p.scores), p.seconds, p.cached)
                points.append(point)
                if on_point:
                    on_point(point)
    else:
        jobs = []
        for c in configs:
            for crf in (crfs if crfs is not None else DEFAULT_CRFS[c.encoder]):
                spec = encoder_spec(c.encoder)
                if not spec.crf_min <= crf <= spec.crf_max:
                    raise InputError(f"{c.encoder} takes CRF {spec.crf_min:g} to {spec.crf_max:g}, got {crf:g}")
                jobs.append((c, float(crf)))
        points = _run_jobs(jobs, input, sampling, pair, threads, use_cache, backend, executor, scheduler,
                           reference, on_point)

    anchor = labels[0]
    bd_r: dict[str, dict[str, float | None]] = {}
    bd_q: dict[str, dict[str, float | None]] = {}
    problems: dict[str, str] = {}
    for label in labels[1:]:
        bd_r[label], bd_q[label] = {}, {}
        for m in metrics:
            a = [(p.bitrate, p.scores[m]) for p in points if p.encoder == anchor]
            t = [(p.bitrate, p.scores[m]) for p in points if p.encoder == label]
            try:
                bd_r[label][m] = bd_rate(a, t)
                bd_q[label][m] = bd_quality(a, t)
            except BDRateError as exc:
                bd_r[label][m] = bd_q[label][m] = None
                problems[f"{label}/{m}"] = str(exc)
    return CompareResult(
        input=reference.path,
        anchor=anchor,
        encoders=tuple(labels),
        metrics=metrics,
        points=tuple(points),
        bd_rate=bd_r,
        bd_quality=bd_q,
        problems=problems,
        mode=reference.mode,
        samples=tuple(reference.sample_positions()),
    )


def _run_jobs(jobs, source, sampling, models, threads, use_cache, backend, executor, scheduler, reference, on_point):
    if executor == "local" or source is None:  # in-process: the decoded reference is shared
        out = []
        for c, crf in jobs:
            out.append(_point_job(source, sampling, c, crf, models, threads, use_cache, backend, reference))
            if on_point:
                on_point(out[-1])
        return out
    calls = [(os.fspath(source), sampling, c, crf, list(models), threads, use_cache, backend) for c, crf in jobs]
    out = run_all(_point_job, calls, executor, scheduler)
    for point in out:
        if on_point:
            on_point(point)
    return out
