"""One probe: the reference encoded at one CRF in memory and scored as it leaves the encoder, or
read back from the probe cache under a key that names everything the result depends on."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from ._version import __version__
from .cache import ProbeCache
from .encode import EncodeRun
from .errors import EngineError, InputError
from .models import Model
from .options import EncoderConfig
from .reference import Reference
from .score import DEFAULT_BACKEND, DEFAULT_POOL, Scorer, check_pool_method, pool

__all__ = ["Probe", "Scoring", "measure", "probe_key"]



@dataclass(frozen=True)
class Scoring:
    """How probes are scored: the models (targets refer to the first), pooling and engine."""

    models: tuple[Model, ...]
    pool_method: str = DEFAULT_POOL
    threads: int | None = None
    backend: str = DEFAULT_BACKEND

    def __post_init__(self) -> None:
        object.__setattr__(self, "models", tuple(self.models))
        check_pool_method(self.pool_method)
        if self.threads is not None and (isinstance(self.threads, bool) or self.threads < 1):
            raise InputError(f"threads must be >= 1, got {self.threads}")

    @property
    def target_model(self) -> Model:
        return self.models[0]


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


def _model_key(model: Model) -> dict:
    return {
        "name": model.name,
        "features": [(f.family, f.feature, f.egl) for f in model.features],
        "svm": hashlib.sha256(model.svm.sv.tobytes() + model.svm.coef.tobytes()).hexdigest()[:16],
        "rho": model.svm.rho,
        "transform": dataclasses.asdict(model.transform),
        "clip": model.clip,
    }


def probe_key(
    reference: Reference, config: EncoderConfig, crf: float, scoring: Scoring, extra_key: Mapping | None = None
) -> str:
    """The cache key: the frames, the encoder's exact options, the models and the engine version."""
    run_opts = EncodeRun((), config.encoder, crf, preset=config.preset, options=config.options,
                         fps=reference.fps).codec_options()
    extra = dict(extra_key or {})
    if config.prefilter:
        extra["prefilter"] = config.prefilter
    return hashlib.sha256(
        json.dumps(
            {
                "source": reference.fingerprint,
                "segments": reference.sample_positions(),
                "encoder": config.encoder,
                "options": run_opts,
                "models": [_model_key(m) for m in scoring.models],
                "pool": scoring.pool_method,
                "engine": __version__,
                "backend": scoring.backend,
                "extra": extra,
            },
            sort_keys=True,
        ).encode()
    ).hexdigest()


def measure(
    reference: Reference,
    config: EncoderConfig,
    crf: float,
    scoring: Scoring,
    *,
    cache: ProbeCache | None = None,
    on_frame: Callable[[int], None] | None = None,
    extra_key: Mapping | None = None,
) -> Probe:
    """Encodes the reference at ``crf`` in memory and scores the result (or reads the cache).
    ``reference`` holds the encoder's input, so it is already pre-filtered when ``config`` says so."""
    key = probe_key(reference, config, crf, scoring, extra_key)
    if cache is not None:
        hit = cache.get(key)
        if hit and {"vmaf", "bitrate", "size_bytes", "scores"} <= hit.keys():
            return Probe(crf, hit["vmaf"], hit["bitrate"], hit["size_bytes"], hit["seconds"], True, hit["scores"])
    start = time.perf_counter()
    models = scoring.models
    per_model: dict[str, list[np.ndarray]] = {m.name: [] for m in models}
    total_bytes = frames_in = 0
    done = 0
    for seg in reference.segments:
        run = EncodeRun(seg.frames, config.encoder, crf, preset=config.preset, options=config.options,
                        fps=reference.fps)
        # Scoring runs beside the encoder: its workers yield to the encoder's frame threads, whose
        # pipeline stalls when one of them waits for a core (measured: 2-4 % less wall time).
        with Scorer(list(models), threads=scoring.threads, backend=scoring.backend, worker_nice=5) as scorer:
            count = 0
            for out in run:
                if count >= seg.length:
                    raise EngineError(f"{config.encoder} returned more frames than it was given")
                scorer.push(seg.lumas[count], out)
                count += 1
                done += 1
                if on_frame:
                    on_frame(done)
            if count != seg.length:
                raise EngineError(f"{config.encoder} returned {count} frames for {seg.length}")
            result = scorer.finish()
        for m in models:
            per_model[m.name].append(result.metrics[m.name])
        total_bytes += run.bytes
        frames_in += run.frames_in
    scores = {name: pool(np.concatenate(v), scoring.pool_method) for name, v in per_model.items()}
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
