"""Scoring: features from the native engine, models evaluated in numpy, libvmaf's pooling.

Features are computed once per frame and shared by every requested model; NEG's gain-limited
VIF/ADM values come out of the same pass as the standard ones. Frames are scored on a bounded
pool of threads (the engine releases the GIL), so memory does not grow with clip length.
"""

from __future__ import annotations

import math
import re
import sys
import types
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from ._version import __version__
from .backends import BACKENDS, ReferenceCache, Session
from .budget import available_cores, check_threads, clamp_threads
from .errors import FrameSizeError, InputError
from .features import FeatureRef, parse_feature
from .frames import Picture, as_picture, open_source, scale_to, to_bitdepth
from .models import Model, resolve_models

__all__ = ["BACKENDS", "DEFAULT_BACKEND", "DEFAULT_POOL", "POOL_HELP", "POOL_METHODS", "SCORE_BITDEPTHS", "Pooled",
           "ScoreResult", "Scorer", "check_pool_method", "check_score_bitdepth", "pool", "score"]

POOL_METHODS = ("mean", "harmonic_mean", "min", "max")  # libvmaf's; pool() also takes pNN percentiles
POOL_HELP = "mean, harmonic_mean, min, max, or a percentile pNN such as p5"
DEFAULT_POOL = "mean"
DEFAULT_BACKEND = "builtin"
_PERCENTILE = re.compile(r"^p(\d+(\.\d+)?)$")
# Depths 8-bit input can be scored at (``score_bitdepth``): converted as ffmpeg's format filter does.
SCORE_BITDEPTHS = (8, 10, 12, 16)


def check_score_bitdepth(bitdepth: int | None) -> int | None:
    """Returns ``bitdepth`` if it is None (the input's depth) or one of SCORE_BITDEPTHS."""
    if bitdepth is None or (not isinstance(bitdepth, bool) and bitdepth in SCORE_BITDEPTHS):
        return bitdepth
    raise InputError(f"score bit depth must be one of {', '.join(map(str, SCORE_BITDEPTHS))}, got {bitdepth!r}")


def check_pool_method(method: str) -> str:
    """Returns ``method`` if :func:`pool` accepts it, else raises InputError."""
    m = _PERCENTILE.match(method)
    if method in POOL_METHODS or (m and float(m.group(1)) <= 100):
        return method
    raise InputError(f"unknown pooling method {method!r} ({POOL_HELP})")


def pool(values: Sequence[float] | np.ndarray, method: str = DEFAULT_POOL) -> float:
    """Pools per-frame scores as libvmaf does; also ``pNN`` percentiles (e.g. ``p5``)."""
    check_pool_method(method)
    v = np.asarray(values, dtype=np.float64)
    if v.size == 0:
        raise InputError("no frames to pool")
    with np.errstate(divide="ignore", invalid="ignore"):  # infinite PSNR-like values pool to inf/nan, as libvmaf's
        return _pool(v, method)


def _pool(v: np.ndarray, method: str) -> float:
    if method == "mean":
        return float(np.cumsum(v)[-1] / v.size)
    if method == "harmonic_mean":
        return float(v.size / np.cumsum(1.0 / (v + 1.0))[-1] - 1.0)
    if method == "min":
        return float(v.min())
    if method == "max":
        return float(v.max())
    return float(np.percentile(v, float(method[1:])))


@dataclass(frozen=True)
class Pooled:
    min: float
    max: float
    mean: float
    harmonic_mean: float

    def as_dict(self) -> dict:
        return {k: printed(getattr(self, k)) for k in ("min", "max", "mean", "harmonic_mean")}


def printed(v: float) -> float | None:
    """Rounds as libvmaf prints (%.6f, more digits only for tiny non-zero values; null for
    infinities and NaN, which JSON cannot hold)."""
    v = float(v)
    if not math.isfinite(v):
        return None
    return float(f"{v:.6f}") if v == 0 or abs(v) >= 1e-6 else float(f"{v:.16f}")


@dataclass(frozen=True, eq=False)
class ScoreResult:
    """Per-frame values for every model and feature, and their pooled summaries."""

    models: tuple[str, ...]
    frame_numbers: np.ndarray
    metrics: Mapping[str, np.ndarray]
    width: int
    height: int
    bitdepth: int
    frames: int
    subsample: int
    model_info: tuple[dict, ...] = ()
    features: tuple[str, ...] = ()  # log names of the features asked for besides the models
    aggregate: Mapping[str, float] = field(default_factory=dict)  # clip-level values (APSNR)
    pooled: Mapping[str, Pooled] = field(init=False)

    def __post_init__(self) -> None:
        pooled = {
            name: Pooled(*(pool(v, m) for m in ("min", "max", "mean", "harmonic_mean")))
            for name, v in self.metrics.items()
            if len(v)
        }
        object.__setattr__(self, "pooled", types.MappingProxyType(pooled))

    def __getitem__(self, name: str) -> np.ndarray:
        return self.metrics[name]

    def score(self, model: str | None = None, method: str = "mean") -> float:
        """The pooled score of ``model`` (the first model by default)."""
        name = model or self.models[0]
        if name not in self.metrics:
            raise KeyError(f"no scores for {name!r}; have {', '.join(self.models)}")
        return pool(self.metrics[name], method)

    def as_dict(self) -> dict:
        """libvmaf's JSON log schema (``frames[].metrics``, ``pooled_metrics``), plus ``params``."""
        names = list(self.metrics)
        frames = [
            {"frameNum": int(n), "metrics": {k: printed(self.metrics[k][i]) for k in names}}
            for i, n in enumerate(self.frame_numbers)
        ]
        return {
            "version": f"vmaf-tune {__version__}",
            "params": {
                "qualityWidth": self.width,
                "qualityHeight": self.height,
                "bitdepth": self.bitdepth,
                "subsample": self.subsample,
                "models": list(self.model_info),
            },
            "frames": frames,
            "pooled_metrics": {k: p.as_dict() for k, p in self.pooled.items()},
            "aggregate_metrics": {k: printed(v) for k, v in self.aggregate.items()},
        }

    def to_csv(self) -> str:
        names = list(self.metrics)
        lines = [",".join(["Frame", *names])]
        for i, n in enumerate(self.frame_numbers):
            lines.append(",".join([str(int(n)), *(f"{self.metrics[k][i]:.6f}" for k in names)]))
        return "\n".join(lines) + "\n"


def default_threads() -> int:
    return available_cores()


class Scorer:
    """Streaming scorer for encode pipelines: ``push(ref, dist)`` frame by frame, then ``finish()``.

    Frames may be PyAV VideoFrames, :class:`~vmaf_tune.frames.Picture` objects, 2-D numpy luma
    planes or (Y, U, V) tuples of planes (VMAF v1 and the CTC colour metrics read chroma; uint16
    planes need ``bitdepth``). ``features`` and ``overrides`` are as in :func:`score`. Arrays
    must stay unmodified until ``finish()``
    returns, since they are read in place by worker threads. ``worker_nice`` lowers the worker
    threads' priority (POSIX niceness added; ignored where threads cannot be reniced) so that an
    encoder feeding the scorer from the same process keeps the CPU it needs. ``score_bitdepth``
    converts 8-bit pictures to that depth before scoring, exactly as ffmpeg's
    ``format=yuv420p10le`` does (Netflix measures VMAF v1 at 10 bits, also for 8-bit video).
    """

    def __init__(
        self,
        models: str | Model | Iterable[str | Model] | None = None,
        *,
        neg: bool = False,
        model_paths: Iterable[str] = (),
        threads: int | None = None,
        subsample: int = 1,
        bitdepth: int | None = None,
        backend: str = DEFAULT_BACKEND,
        worker_nice: int = 0,
        features: Iterable[str | FeatureRef] = (),
        overrides: Mapping[str, Mapping[str, object]] | None = None,
        score_bitdepth: int | None = None,
        reference_cache: ReferenceCache | None = None,
    ) -> None:
        self.score_bitdepth = check_score_bitdepth(score_bitdepth)
        if backend not in BACKENDS:
            raise InputError(f"unknown backend {backend!r} (choose from {', '.join(BACKENDS)})")
        check_threads(threads)
        if isinstance(worker_nice, bool) or not isinstance(worker_nice, int) or worker_nice < 0:
            raise InputError(f"worker_nice must be an integer >= 0, got {worker_nice!r}")
        if isinstance(subsample, bool) or not isinstance(subsample, int) or subsample < 1:
            raise InputError(f"subsample must be an integer >= 1, got {subsample!r}")
        self.features = _parse_features(features)
        # Features alone (no model named) compute just those; nothing at all means VMAF.
        self.models = (
            resolve_models(models, neg=neg, model_paths=model_paths)
            if models is not None or model_paths or not self.features
            else ()
        )
        for extractor, options in (overrides or {}).items():
            try:
                self.models = tuple(m.with_options(extractor, options) for m in self.models)
                self.features = tuple(f.with_options(**options) if f.extractor == extractor else f
                                      for f in self.features)
            except (KeyError, ValueError) as exc:
                raise InputError(f"{extractor} options {dict(options)}: {exc}") from None
        # More threads than cores only cost memory (each holds its own buffers): cut to the cores.
        self.threads = clamp_threads(threads)
        self.subsample = subsample
        self.backend = backend
        self._chroma = any(f.spec.chroma for f in (*self.features, *(g for m in self.models for g in m.features)))
        self._session_type = BACKENDS[backend]
        self._session_type.check(self.models, self.features)
        self._worker_nice = worker_nice
        self._reference_cache = reference_cache
        self._bitdepth = bitdepth
        self._geometry: tuple[int, int, int, tuple[int, int] | None] | None = None
        self._session: Session | None = None
        self._count = 0
        self._finished = False

    # -- feeding ------------------------------------------------------------------------------

    def push(self, reference, distorted, *, reference_key=None) -> None:
        """Adds one frame pair (frame numbers count from 0 in push order). With the Scorer's
        ``reference_cache``, ``reference_key`` names the reference frame's pixels, so that its
        reference-only work is done once for every distorted frame scored against it."""
        if self._finished:
            raise RuntimeError("Scorer.finish() was already called")
        ref = as_picture(reference, self._bitdepth)
        dis = as_picture(distorted, self._bitdepth)
        if self.score_bitdepth is not None:
            ref, dis = to_bitdepth(ref, self.score_bitdepth), to_bitdepth(dis, self.score_bitdepth)
        geometry = (ref.width, ref.height, ref.bitdepth, ref.chroma_size if self._chroma else None)
        if self._geometry is None:
            self._geometry = geometry
        elif geometry != self._geometry:
            w, h, b, c = self._geometry
            layout = "" if geometry[3] == c else f" with {geometry[3] or 'no'} chroma (was {c or 'none'})"
            raise FrameSizeError(
                f"frame {self._count}: reference is {ref.width}x{ref.height} {ref.bitdepth}-bit{layout}, "
                f"earlier frames were {w}x{h} {b}-bit"
            )
        if (dis.width, dis.height) != (ref.width, ref.height):
            raise FrameSizeError(
                f"frame {self._count}: distorted is {dis.width}x{dis.height}, reference {ref.width}x{ref.height}"
            )
        if dis.bitdepth != ref.bitdepth:
            raise FrameSizeError(
                f"frame {self._count}: distorted is {dis.bitdepth}-bit, reference {ref.bitdepth}-bit"
            )
        if self._chroma and dis.chroma_size != ref.chroma_size:
            raise FrameSizeError(
                f"frame {self._count}: distorted chroma is {dis.chroma_size or 'absent'}, reference {ref.chroma_size or 'absent'}"
            )
        if self._session is None:
            w, h, b, c = geometry
            self._session = self._session_type(self.models, self.features, w, h, b, threads=self.threads,
                                               subsample=self.subsample, worker_nice=self._worker_nice, chroma=c,
                                               reference_cache=self._reference_cache)
        self._session.push(ref, dis, reference_key)
        self._count += 1

    def close(self) -> None:
        """Stops worker threads without producing a result (e.g. on error or interrupt)."""
        self._finished = True
        if self._session is not None:
            self._session.close()

    def __enter__(self) -> Scorer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def frames_pushed(self) -> int:
        return self._count

    # -- results ------------------------------------------------------------------------------

    def peek(self) -> Mapping[str, np.ndarray] | None:
        """Per-frame scores of every model over the frames pushed so far, scoring going on (a
        probe that may stop early looks at them); None before any frame, or where the backend
        gives scores only at the end (libvmaf)."""
        if self._session is None or self._finished:
            return None
        found = self._session.peek()
        return None if found is None else types.MappingProxyType(found)

    def finish(self) -> ScoreResult:
        """Waits for the workers and returns per-frame and pooled scores."""
        try:
            found = self._session.finish() if self._session is not None else None
        finally:
            self.close()
        if found is None:
            raise InputError("no frames were scored")
        metrics, aggregates = found
        w, h, b, _ = self._geometry  # type: ignore[misc]
        return ScoreResult(
            models=tuple(m.name for m in self.models),
            frame_numbers=np.arange(0, self._count, self.subsample),
            metrics=types.MappingProxyType(metrics),
            width=w,
            height=h,
            bitdepth=b,
            frames=self._count,
            subsample=self.subsample,
            model_info=tuple(m.as_dict() for m in self.models),
            features=tuple(dict.fromkeys(f.log_name for f in self.features if f.log_name in metrics)),
            aggregate=types.MappingProxyType(aggregates),
        )


def _parse_features(specs: Iterable[str | FeatureRef]) -> tuple[FeatureRef, ...]:
    """Feature requests (libvmaf's ``--feature`` syntax, or references) as references to every output."""
    out: list[FeatureRef] = []
    for spec in specs:
        if isinstance(spec, FeatureRef):
            refs: tuple[FeatureRef, ...] = (spec,)
        else:
            try:
                refs = parse_feature(spec)
            except ValueError as exc:
                raise InputError(f"--feature {spec}: {exc}") from None
        out.extend(r for r in refs if r not in out)
    return tuple(out)


def _pairs(ref_src, dis_src, *, shortest: bool, notice) -> Iterable[tuple[Picture, Picture]]:
    """Pairs frames by index, scaling the distorted frames to the reference size if needed."""
    ref_it, dis_it = iter(ref_src), iter(dis_src)
    count = 0
    scaled_notice = False
    while True:
        ref = next(ref_it, None)
        dis = next(dis_it, None)
        if ref is None or dis is None:
            if ref is None and dis is None:
                return
            if shortest:
                return
            longer, it, name = (ref_src, ref_it, "reference") if dis is None else (dis_src, dis_it, "distorted")
            other = dis_src if dis is None else ref_src
            total = count + 1 + sum(1 for _ in it)
            raise InputError(
                f"{other.path}: has {count} frames but {longer.path} ({name}) has {total}; "
                "use --shortest to score the common frames"
            )
        if (dis.width, dis.height) != (ref.width, ref.height):
            if not scaled_notice:
                notice(
                    f"notice: {dis_src.path} is {dis.width}x{dis.height}; scaling it to the reference's "
                    f"{ref.width}x{ref.height} (bicubic)"
                )
                scaled_notice = True
            dis = scale_to(dis, ref)
        count += 1
        yield ref, dis


def score(
    reference,
    distorted,
    models: str | Model | Iterable[str | Model] | None = None,
    *,
    neg: bool = False,
    model_paths: Iterable[str] = (),
    threads: int | None = None,
    subsample: int = 1,
    shortest: bool = False,
    width: int | None = None,
    height: int | None = None,
    pix_fmt: str | None = None,
    bitdepth: int | None = None,
    backend: str = DEFAULT_BACKEND,
    features: Iterable[str | FeatureRef] = (),
    overrides: Mapping[str, Mapping[str, object]] | None = None,
    score_bitdepth: int | None = None,
    fps: float | None = None,
    progress=None,
    notice=None,
) -> ScoreResult:
    """Scores ``distorted`` against ``reference`` (paths, or iterables of frames/planes).

    ``models``: variant names (``"default"``, ``"neg"``, ``"4k"``, ``"default,neg"``...), JSON
    model paths or :class:`Model` objects (``"v1-auto"``: VMAF v1 by the input's size and frame rate;
    ``fps`` gives raw YUV's). ``features``: extra features in libvmaf's ``--feature``
    syntax (``"cambi"``, ``"cambi=enc_width=960:enc_height=540"``); given alone, only those are
    computed. ``overrides`` sets extractor options in every model and feature, e.g.
    ``{"cambi": {"enc_width": 960, "enc_height": 540}}`` for CAMBI's encoding size (libvmaf's
    model feature overload). ``width``/``height``/``pix_fmt`` describe raw YUV.
    ``backend="libvmaf"`` scores with the user's own libvmaf (see ``_native.libvmaf``).
    ``score_bitdepth`` (default: the input's depth) converts 8-bit reference and distorted to
    that depth first, exactly as ffmpeg's ``format=yuv420p10le`` does, so the numbers equal
    libvmaf's on ffmpeg-converted files; Netflix recommends 10 bits for VMAF v1.
    """
    notice = notice or (lambda msg: print(msg, file=sys.stderr))
    threads = clamp_threads(threads, notice)
    raw = dict(width=width, height=height, pix_fmt=pix_fmt, bitdepth=bitdepth)
    # Resolved here, where the input is known (``auto`` classifies it); raw YUV needs its geometry.
    source = open_source(reference, **raw) if width or height else reference
    try:
        wanted = models is not None or model_paths or not features
        resolved = (resolve_models(models, neg=neg, model_paths=model_paths, source=source, fps=fps)
                    if wanted else None)
    finally:
        if source is not reference:
            source.close()
    scorer = Scorer(resolved, threads=threads, subsample=subsample, bitdepth=bitdepth, backend=backend,
                    features=features, overrides=overrides, score_bitdepth=score_bitdepth)
    # ``threads`` is the CPU budget: each decoder gets as many threads as the scorer (FFmpeg's
    # default, one per core plus one, oversubscribes the cores and costs throughput).
    decode = dict(decode_threads=scorer.threads, planes_only=True)
    ref_src = open_source(reference, **raw, **decode)
    try:
        dis_src = open_source(distorted, **raw, **decode)
    except BaseException:
        ref_src.close()
        scorer.close()
        raise
    try:
        depths = (ref_src.info.bitdepth, dis_src.info.bitdepth)
        if all(depths) and depths[0] != depths[1] and not (score_bitdepth and 8 in depths
                                                          and score_bitdepth in depths):
            raise InputError(
                f"{dis_src.path}: is {dis_src.info.bitdepth}-bit but {ref_src.path} is "
                f"{ref_src.info.bitdepth}-bit; convert one so both have the same bit depth, or score the "
                "8-bit one at the other's depth (--score-bitdepth)"
            )
        for ref, dis in _pairs(ref_src, dis_src, shortest=shortest, notice=notice):
            scorer.push(ref, dis)
            if progress is not None:
                progress(scorer.frames_pushed)
        return scorer.finish()
    finally:
        scorer.close()
        ref_src.close()
        dis_src.close()
