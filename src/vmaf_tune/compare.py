"""compare: rate-quality curves of several encoder configurations on one source, with BD-rate and
BD-quality by every metric scored side by side: VMAF and VMAF NEG by default (an encoder that
sharpens can buy VMAF but not VMAF NEG), and any other model asked for (VMAF v1, ...).

The BD figures are computed over a list of pooled metric names (``CompareResult.metrics``); each
point carries one pooled value per name, so another metric (PSNR, SSIM, ...) joins the tables,
files and plots by being pooled into the points under its own name."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .bdrate import BDRateError, bd_quality, bd_rate
from .budget import Budget
from .cache import ProbeCache
from .ctc import BD_METRICS
from .ctc import aom_ctc as ctc_preset
from .errors import InputError
from .executors import DEFAULT_EXECUTOR, check_executor, run_all
from .models import Model, resolve_models
from .options import DEFAULT_SAMPLE_SECONDS, CrfRange, EncoderConfig, Sampling
from .probe import Scoring, check_encode_side, encode_side, measure
from .reference import Reference, load_reference, prefiltered
from .score import DEFAULT_BACKEND
from .search import check_target, tune
from .synthetic import input_or_builtin, load_input

__all__ = ["DEFAULT_ENCODERS", "CompareResult", "EncoderConfig", "RatePoint", "bd_tables", "compare", "compared_models"]

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
    metrics: tuple[str, ...]  # pooled metric names, e.g. ("vmaf", "vmaf_neg", "vmaf_v1")
    points: tuple[RatePoint, ...]
    bd_rate: Mapping[str, Mapping[str, float | None]]  # encoder -> metric -> fraction
    bd_quality: Mapping[str, Mapping[str, float | None]]
    problems: Mapping[str, str]  # why a BD figure is missing
    mode: str
    samples: tuple[dict, ...]
    encodes: Mapping[str, Mapping] = field(default_factory=dict)  # label -> EncodeSide.as_dict()

    def curve(self, encoder: str, metric: str) -> list[tuple[float, float]]:
        return [(p.bitrate, p.scores[metric]) for p in self.points if p.encoder == encoder]

    def as_dict(self) -> dict:
        return {
            "input": self.input,
            "anchor": self.anchor,
            "encoders": list(self.encoders),
            "metrics": list(self.metrics),
            "encodes": {k: dict(v) for k, v in (self.encodes or {}).items()},
            "mode": {"type": self.mode, "samples": list(self.samples)},
            "points": [p.as_dict() for p in self.points],
            "bd_rate": {e: dict(v) for e, v in self.bd_rate.items()},
            "bd_quality": {e: dict(v) for e, v in self.bd_quality.items()},
            "problems": dict(self.problems),
        }

    def bd(self, encoder: str, metric: str) -> tuple[float | None, float | None]:
        """(BD-rate, BD-quality) of ``encoder`` against the anchor by ``metric`` (0, 0 for the
        anchor itself; None where it could not be computed)."""
        if encoder == self.anchor:
            return 0.0, 0.0
        return self.bd_rate[encoder][metric], self.bd_quality[encoder][metric]

    def to_csv(self) -> str:
        """One row per point: its pooled metrics, then its configuration's BD-rate (a fraction)
        and BD-quality (points) against the anchor by every metric (0 for the anchor's rows,
        empty where there is no figure)."""
        bd_cols = [f"{kind}_{m}" for m in self.metrics for kind in ("bd_rate", "bd_quality")]
        head = ["encoder", "crf", "bitrate", *self.metrics, "seconds", "cached", *bd_cols]
        rows = [",".join(head)]
        for p in self.points:
            bd = [("" if v is None else f"{v:.6f}") for m in self.metrics for v in self.bd(p.encoder, m)]
            vals = [p.encoder, f"{p.crf:g}", f"{p.bitrate:.1f}", *(f"{p.scores[m]:.6f}" for m in self.metrics),
                    f"{p.seconds:.3f}", str(p.cached).lower(), *bd]
            rows.append(",".join(vals))
        return "\n".join(rows) + "\n"


def compared_models(models: Sequence[Model], neg: bool = False) -> tuple[tuple[Model, ...], Model]:
    """Every model compare scores, and the one ``targets`` refer to: each model asked for, and
    after it the NEG counterpart of each standard (v0) model, so VMAF and VMAF NEG stand side
    by side; VMAF v1 has NEG built in and stands alone. ``neg`` makes the first model's NEG
    counterpart the target metric."""
    out: list[Model] = []
    for m in models:
        for x in (m, m.neg()):
            if x.name not in {o.name for o in out}:
                out.append(x)
    first = models[0].neg() if neg else models[0]
    return tuple(out), next(m for m in out if m.name == first.name)


def bd_tables(points: Sequence[RatePoint], labels: Sequence[str], metrics: Sequence[str]
              ) -> tuple[dict[str, dict[str, float | None]], dict[str, dict[str, float | None]], dict[str, str]]:
    """BD-rate and BD-quality of every configuration after the first (the anchor), by every
    metric name the points carry, and why any figure is missing."""
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
    return bd_r, bd_q, problems


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
    pix_fmt: str | None = None,
    score_bitdepth: int | None = None,
    encoder_threads: int | None = None,
    executor: str = DEFAULT_EXECUTOR,
    scheduler: str | None = None,
    on_point: Callable[[RatePoint], None] | None = None,
    aom_ctc: str | None = None,
) -> CompareResult:
    """Measures every encoder configuration and reports BD-rate and BD-quality against the first,
    by every model scored.

    Points come from ``crfs`` (default: the encoder's ``compare_crfs``) or from bisect runs at
    ``targets``. Every model asked for (``models``/``model_paths``, default VMAF v0.6.1; e.g.
    ``"default,v1"``) is scored in one pass, each standard model together with its NEG
    counterpart (see :func:`compared_models`); ``targets`` refer to the first model, or with
    ``neg=True`` to its NEG counterpart. ``preset``/``encoder_options`` (per encoder name) and
    ``pix_fmt`` (the pixel format encoded) and ``encoder_threads`` fill in what a configuration
    leaves unset;
    ``score_bitdepth`` is the depth scored at (default: the deeper of source and encode).
    ``aom_ctc="v7.0"`` scores the AOM CTC set instead (:mod:`vmaf_tune.ctc`) and reports BD-rate
    for each of its metrics, as AOM's CTC reports do; targets then refer to VMAF."""
    opts = encoder_options or {}
    configs = [e if isinstance(e, EncoderConfig) else EncoderConfig.parse(e) for e in encoders]
    if not configs:
        raise InputError("compare needs at least one encoder")
    configs = [c.with_defaults(preset, opts.get(c.encoder), pix_fmt, encoder_threads) for c in configs]
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
    features: tuple[str, ...] = ()
    if aom_ctc is not None:
        if models is not None or model_paths or neg:
            raise InputError("the AOM CTC set chooses its own models (VMAF and VMAF NEG)")
        ctc = ctc_preset(aom_ctc)
        scored, primary, features = ctc.models, ctc.models[0], ctc.features
        metrics = BD_METRICS
    else:
        scored, primary = compared_models(resolve_models(models, model_paths=model_paths,
                                                         source=input_or_builtin(input)), neg)
        metrics = tuple(m.name for m in scored)
    for t in targets or ():
        check_target(t, primary)
    reference = load_input(input, sampling)
    # What each configuration's encode looks like (format, size, depth, CAMBI's options), checked
    # before anything is encoded.
    seg = reference.segments[0]
    first = dataclasses.replace(reference, segments=(dataclasses.replace(seg, frames=seg.frames[:1],
                                                                         lumas=seg.lumas[:1]),))
    encodes = {}
    for c in configs:
        side = encode_side(seg.lumas[0], prefiltered(first, c.prefilter).segments[0].frames[0], c, score_bitdepth)
        check_encode_side(side, scored, c)
        encodes[c.label] = side.as_dict()

    points: list[RatePoint] = []
    if targets is not None:
        scoring = Scoring([primary] + [m for m in scored if m is not primary], threads=threads, backend=backend,
                          bitdepth=score_bitdepth, features=features)
        for c in configs:
            for t in targets:
                r = tune(reference, t, c, CrfRange(), scoring, use_cache=use_cache, extra_key={"prefilter": c.prefilter})
                p = r.answer
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
        scoring = Scoring(scored, threads=threads, backend=backend, bitdepth=score_bitdepth, features=features)
        points = _run_jobs(jobs, input, sampling, scoring, use_cache, executor, scheduler, reference, on_point)

    bd_r, bd_q, problems = bd_tables(points, labels, metrics)
    return CompareResult(
        input=reference.path,
        anchor=labels[0],
        encoders=tuple(labels),
        metrics=metrics,
        points=tuple(points),
        bd_rate=bd_r,
        bd_quality=bd_q,
        problems=problems,
        mode=reference.mode,
        samples=tuple(reference.sample_positions()),
        encodes=encodes,
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
    # One CPU budget: as many points at once as the threads allow, each encoding and scoring on its share.
    budget = Budget.for_executor(scoring.threads, len(jobs), executor, scheduler)
    scoring = scoring.within(budget)
    jobs = [(c.within(budget), crf) for c, crf in jobs]
    calls = [(os.fspath(source), sampling, c, crf, scoring, use_cache) for c, crf in jobs]
    out = run_all(_point_job, calls, executor, scheduler, workers=budget.jobs if budget else None)
    for point in out:
        if on_point:
            on_point(point)
    return out
