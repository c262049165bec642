"""compare: rate-quality curves of several encoder configurations on one source, with BD-rate by
VMAF and by VMAF NEG side by side (an encoder that sharpens can buy VMAF but not VMAF NEG)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from .bdrate import BDRateError, bd_quality, bd_rate
from .cache import ProbeCache
from .errors import InputError
from .executors import DEFAULT_EXECUTOR, check_executor, run_all
from .models import resolve_models
from .options import DEFAULT_SAMPLE_SECONDS, CrfRange, EncoderConfig, Sampling
from .probe import Scoring, measure
from .reference import Reference, load_reference, prefiltered
from .score import DEFAULT_BACKEND
from .search import check_target, tune
from .synthetic import input_or_builtin, load_input

__all__ = ["DEFAULT_ENCODERS", "CompareResult", "EncoderConfig", "RatePoint", "compare"]

DEFAULT_ENCODERS = ("libx264", "libx265")  # the first is the anchor
MIN_TARGETS = 4  # BD figures need four points per curve


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


def _point_job(source, sampling: Sampling, config: EncoderConfig, crf: float, scoring: Scoring, use_cache: bool,
               reference: Reference | None = None) -> RatePoint:
    """One rate-quality point; a self-contained unit of work for process or Dask executors."""
    if reference is None:
        reference = load_reference(source, sampling=sampling)
    cache = ProbeCache(enabled=use_cache)
    try:
        probe = measure(prefiltered(reference, config.prefilter), config, crf, scoring, cache=cache,
                        extra_key={"prefilter": config.prefilter})
    finally:
        cache.close()
    return RatePoint(config.label, crf, probe.bitrate, dict(probe.scores), probe.seconds, probe.cached)


def compare(
    input=None,
    encoders: Iterable[str | EncoderConfig] = DEFAULT_ENCODERS,
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
    sampling: Sampling | None = None,
    use_cache: bool = True,
    threads: int | None = None,
    backend: str = DEFAULT_BACKEND,
    executor: str = DEFAULT_EXECUTOR,
    scheduler: str | None = None,
    on_point: Callable[[RatePoint], None] | None = None,
) -> CompareResult:
    """Measures every encoder configuration and reports BD-rate against the first, by VMAF and VMAF NEG.

    Points come from ``crfs`` (default: the encoder's ``compare_crfs``) or from bisect runs at
    ``targets``. The model (``models``/``model_paths``, default VMAF v0.6.1) is always scored
    together with its NEG counterpart; ``neg=True`` makes NEG the metric that ``targets`` refer to.
    ``preset``/``encoder_options`` (per encoder name) fill in what a configuration leaves unset."""
    opts = encoder_options or {}
    configs = [e if isinstance(e, EncoderConfig) else EncoderConfig.parse(e) for e in encoders]
    if not configs:
        raise InputError("compare needs at least one encoder")
    configs = [c.with_defaults(preset, opts.get(c.encoder)) for c in configs]
    labels = [c.label for c in configs]
    if len(set(labels)) != len(labels):
        raise InputError("each encoder configuration may appear once")
    check_executor(executor)
    if crfs is not None and targets is not None:
        raise InputError("give --crfs or --targets, not both")
    if targets is not None:
        if len(targets) < MIN_TARGETS:
            raise InputError(f"BD-rate needs at least {MIN_TARGETS} targets")
        for t in targets:
            check_target(t)
    sampling = sampling or Sampling(samples, sample_seconds, full)
    base = resolve_models(models, model_paths=model_paths, source=input_or_builtin(input))[0]
    pair = [base] if base.is_neg else [base, base.neg()]  # a NEG model alone has no standard twin
    primary = pair[-1] if neg else pair[0]
    metrics = tuple(m.name for m in pair)
    reference = load_input(input, sampling)

    points: list[RatePoint] = []
    if targets is not None:
        scoring = Scoring([primary] + [m for m in pair if m is not primary], threads=threads, backend=backend)
        for c in configs:
            for t in targets:
                r = tune(reference, t, c, CrfRange(), scoring, use_cache=use_cache, extra_key={"prefilter": c.prefilter})
                p = next(p for p in r.probes if p.crf == r.crf)
                point = RatePoint(c.label, r.crf, p.bitrate, dict(p.scores), p.seconds, p.cached)
                points.append(point)
                if on_point:
                    on_point(point)
    else:
        jobs = []
        for c in configs:
            spec = c.spec
            for crf in (crfs if crfs is not None else spec.compare_crfs):
                if not spec.crf_min <= crf <= spec.crf_max:
                    raise InputError(f"{c.encoder} takes CRF {spec.crf_min:g} to {spec.crf_max:g}, got {crf:g}")
                jobs.append((c, float(crf)))
        scoring = Scoring(pair, threads=threads, backend=backend)
        points = _run_jobs(jobs, input, sampling, scoring, use_cache, executor, scheduler, reference, on_point)

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


def _run_jobs(jobs: Sequence[tuple[EncoderConfig, float]], source, sampling: Sampling, scoring: Scoring,
              use_cache: bool, executor: str, scheduler: str | None, reference: Reference,
              on_point: Callable[[RatePoint], None] | None) -> list[RatePoint]:
    if executor == "local" or source is None:  # in-process: the decoded reference is shared
        out = []
        for c, crf in jobs:
            out.append(_point_job(source, sampling, c, crf, scoring, use_cache, reference))
            if on_point:
                on_point(out[-1])
        return out
    calls = [(os.fspath(source), sampling, c, crf, scoring, use_cache) for c, crf in jobs]
    out = run_all(_point_job, calls, executor, scheduler)
    for point in out:
        if on_point:
            on_point(point)
    return out
