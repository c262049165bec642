"""One probe: the reference encoded at one CRF in memory and scored as it leaves the encoder, or
read back from the probe cache under a key that names everything the result depends on."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from ._version import __version__
from .backends import REFERENCE_CACHE_BUDGET, ReferenceCache
from .budget import Budget
from .cache import ProbeCache
from .encode import EncodeRun
from .errors import EngineError, InputError
from .features import EXTRACTORS
from .frames import Picture, as_picture, pix_fmt_bits, scale_to
from .models import Model
from .options import EncoderConfig
from .reference import Reference
from .score import DEFAULT_BACKEND, DEFAULT_POOL, Scorer, check_pool_method, check_score_bitdepth, pool

__all__ = ["ESTIMATE_AT", "ESTIMATE_MIN_FRAMES", "EncodeSide", "Probe", "Scoring", "check_encode_side", "checkpoints",
           "encode_side", "measure", "probe_key", "scored_picture"]


@dataclass(frozen=True)
class Scoring:
    """How probes are scored: the models (targets refer to the first), pooling and engine."""

    models: tuple[Model, ...]
    pool_method: str = DEFAULT_POOL
    threads: int | None = None
    backend: str = DEFAULT_BACKEND
    bitdepth: int | None = None  # score at this depth (8-bit video converted); None: see encode_side
    # Extractors scored beside the models (libvmaf's --feature syntax, e.g. the AOM CTC set); their
    # printed per-frame values are pooled like model scores, their aggregates (APSNR) taken as they are.
    features: tuple[str, ...] = ()
    # Bytes of reference-side extractor state the probes of one input may keep (ReferenceCache):
    # parallel jobs each get their share, so a batch keeps no more than a single run.
    reference_memory: int = REFERENCE_CACHE_BUDGET

    def __post_init__(self) -> None:
        object.__setattr__(self, "models", tuple(self.models))
        object.__setattr__(self, "features", tuple(self.features))
        check_pool_method(self.pool_method)
        check_score_bitdepth(self.bitdepth)
        if self.threads is not None and (isinstance(self.threads, bool) or self.threads < 1):
            raise InputError(f"threads must be >= 1, got {self.threads}")
        if isinstance(self.reference_memory, bool) or not isinstance(self.reference_memory, int) \
                or self.reference_memory < 0:
            raise InputError(f"reference memory must be a byte count >= 0, got {self.reference_memory!r}")

    def within(self, budget: Budget | None) -> Scoring:
        """This scoring as one of ``budget.jobs`` parallel jobs: on its share of the threads and
        of the reference-side memory."""
        if budget is None:
            return self
        return dataclasses.replace(self, threads=budget.scoring_threads or self.threads,
                                   reference_memory=self.reference_memory // budget.jobs)

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
    scores: Mapping[str, float]  # pooled score of every model, over the frames scored
    # A probe that stopped early (see measure's ``stop``): the frames scored, ``vmaf`` being the
    # whole input's score estimated from them and ``bitrate`` that of those frames. None: every
    # frame was encoded and scored.
    estimated_from: int | None = None

    def as_dict(self) -> dict:
        return {
            "crf": self.crf,
            "vmaf": round(self.vmaf, 6),
            "bitrate": round(self.bitrate, 1),
            "seconds": round(self.seconds, 3),
            "cached": self.cached,
            "scores": {k: round(v, 6) for k, v in self.scores.items()},
            "estimated_from": self.estimated_from,
        }


@dataclass(frozen=True)
class EncodeSide:
    """What the encode looks like to the scorer: the pixel format encoded, the depth both sides
    are scored at, and CAMBI's encode-side options (libvmaf's enc_width/enc_height/enc_bitdepth),
    set where the encode differs from what is scored, as Netflix's VMAF v1 documentation asks."""

    pix_fmt: str
    encoded_size: tuple[int, int]
    encoded_bitdepth: int
    score_bitdepth: int
    cambi: Mapping[str, int]

    @property
    def overrides(self) -> dict[str, dict[str, int]]:
        return {"cambi": dict(self.cambi)} if self.cambi else {}

    def as_dict(self) -> dict:
        return {"pix_fmt": self.pix_fmt, "encoded_size": list(self.encoded_size),
                "encoded_bitdepth": self.encoded_bitdepth, "score_bitdepth": self.score_bitdepth,
                "cambi": dict(self.cambi)}


def encode_side(reference: Picture, encoder_input, config: EncoderConfig, score_bitdepth: int | None) -> EncodeSide:
    """The encode of ``encoder_input`` (a PyAV frame: the pre-filtered reference frame) under
    ``config``, against ``reference`` (the picture scored against). Without ``score_bitdepth``
    both sides are scored at the deeper of the two (an 8-bit side converted as ffmpeg's format
    filter does): a 10-bit encode of 8-bit video and an 8-bit encode of 10-bit video are both
    scored at 10 bits, losing nothing."""
    pix_fmt = config.spec.pix_fmt_for(encoder_input.format.name, config.pix_fmt)
    bits = pix_fmt_bits(pix_fmt)
    depth = score_bitdepth or max(reference.bitdepth, bits)
    size = (encoder_input.width, encoder_input.height)
    cambi: dict[str, int] = {}
    if size != (reference.width, reference.height):
        cambi["enc_width"], cambi["enc_height"] = size
    if bits != depth:
        cambi["enc_bitdepth"] = bits
    return EncodeSide(pix_fmt, size, bits, depth, cambi)


def check_encode_side(side: EncodeSide, models, config: EncoderConfig) -> None:
    """A one-line error, before encoding, when CAMBI (in a model) cannot take the encode's size or
    depth as libvmaf's options (e.g. a pre-filter that scales below 180x150)."""
    users = [m.name for m in models if any(f.extractor == "cambi" for f in m.features)]
    cambi = EXTRACTORS["cambi"]
    for name, value in side.cambi.items():
        lo, hi = cambi.option(name).limits or (value, value)
        if users and not lo <= value <= hi:
            w, h = side.encoded_size
            raise InputError(f"{config.label}: the encode is {w}x{h} {side.encoded_bitdepth}-bit, but CAMBI "
                             f"({', '.join(users)}) takes {name} {lo:g} to {hi:g} only (libvmaf's limits)")


def scored_picture(decoded, reference: Picture) -> Picture:
    """A decoded frame of the encode, scaled (bicubic) to the reference's size when a pre-filter
    changed it, as libvmaf users upscale before scoring."""
    pic = as_picture(decoded)
    if (pic.width, pic.height) != (reference.width, reference.height):
        pic = scale_to(pic, reference)
    return pic


def _model_key(model: Model) -> dict:
    # Features by libvmaf's log name, which encodes every named option, and their options (the
    # few libvmaf leaves out of names). Entries keyed the v0 way, by (family, feature, gain
    # limit), are not found and are recomputed once.
    return {
        "name": model.name,
        "features": [[f.log_name, [list(o) for o in f.options]] for f in model.features],
        "chroma_correction": model.chroma_correction,
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
    if config.pix_fmt:
        extra["pix_fmt"] = config.pix_fmt
    if config.threads:
        extra["encoder_threads"] = config.threads
    if scoring.bitdepth:
        extra["score_bitdepth"] = scoring.bitdepth
    if scoring.features:
        extra["features"] = list(scoring.features)
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


# Where a probe allowed to stop early looks at its scores so far: after these fractions of its
# frames, and only at points with at least ESTIMATE_MIN_FRAMES frames scored.
ESTIMATE_AT = (0.3, 0.5)
ESTIMATE_MIN_FRAMES = 30


def checkpoints(frames: int) -> frozenset[int]:
    """The frame counts after which a probe of ``frames`` frames may stop early."""
    return frozenset(n for n in (math.ceil(f * frames) for f in ESTIMATE_AT) if ESTIMATE_MIN_FRAMES <= n < frames)


# A probe that stopped early is kept under its key with this prefix: its frames' scores, for a
# later run to estimate from again (its estimate depends on that run's other probes).
_STOPPED = "stopped:"


def _cached_stop(hit: dict | None, crf: float, stop: Callable[[np.ndarray], float | None],
                 on_scores: Callable[[np.ndarray], None] | None) -> Probe | None:
    """A stopped probe from the cache, when its frames still let this search stop there."""
    if not hit or not {"frames", "bitrate", "size_bytes", "seconds", "scores"} <= hit.keys():
        return None
    so_far = np.asarray(hit["frames"], dtype=np.float64)
    estimate = stop(so_far)
    if estimate is None:
        return None
    if on_scores is not None:
        on_scores(so_far)
    return Probe(crf, estimate, hit["bitrate"], hit["size_bytes"], hit["seconds"], True, hit["scores"],
                 estimated_from=len(so_far))


def _ask_stop(scorer: Scorer, before: list[np.ndarray], target: str,
              stop: Callable[[np.ndarray], float | None]) -> float | None:
    """``stop`` on the target's scores so far (earlier segments', then this one's); None also
    where the backend has no scores before it finishes."""
    so_far = scorer.peek()
    return None if so_far is None else stop(np.concatenate([*before, so_far[target]]))


def measure(
    reference: Reference,
    config: EncoderConfig,
    crf: float,
    scoring: Scoring,
    *,
    cache: ProbeCache | None = None,
    on_frame: Callable[[int], None] | None = None,
    extra_key: Mapping | None = None,
    reference_cache: ReferenceCache | None = None,
    stop: Callable[[np.ndarray], float | None] | None = None,
    on_scores: Callable[[np.ndarray], None] | None = None,
) -> Probe:
    """Encodes the reference at ``crf`` in memory and scores the result (or reads the cache).
    ``reference`` holds the encoder's input, so it is already pre-filtered when ``config`` says so.
    ``reference_cache``, shared by the probes of one reference, keeps the extractors'
    reference-only work of each scored frame for the next probe.

    ``stop``, given the target model's per-frame scores so far at each checkpoint, returns an
    estimate of the whole input's score to stop there (the encoder is dropped; the probe says
    ``estimated_from`` and is cached apart, see ``_STOPPED``), or None to go on. ``on_scores``
    receives the target model's per-frame scores of the frames scored (also from the cache)."""
    key = probe_key(reference, config, crf, scoring, extra_key)
    if cache is not None:
        hit = cache.get(key)
        if hit and {"vmaf", "bitrate", "size_bytes", "scores"} <= hit.keys():
            if on_scores is not None and "frames" in hit:
                on_scores(np.asarray(hit["frames"], dtype=np.float64))
            return Probe(crf, hit["vmaf"], hit["bitrate"], hit["size_bytes"], hit["seconds"], True, hit["scores"])
        if stop is not None:
            early = _cached_stop(cache.get(_STOPPED + key), crf, stop, on_scores)
            if early is not None:
                return early
    start = time.perf_counter()
    models = scoring.models
    target = models[0].name
    per_metric: dict[str, list[np.ndarray]] = {m.name: [] for m in models}
    aggregates: dict[str, list[tuple[float, int]]] = {}
    total_bytes = frames_in = 0
    done = 0
    looks = checkpoints(sum(s.length for s in reference.segments)) if stop is not None else frozenset()
    estimate: float | None = None
    for seg_index, seg in enumerate(reference.segments):
        side = encode_side(seg.lumas[0], seg.frames[0], config, scoring.bitdepth)
        check_encode_side(side, models, config)
        run = EncodeRun(seg.frames, config.encoder, crf, preset=config.preset, options=config.options,
                        fps=reference.fps, pix_fmt=side.pix_fmt, threads=config.threads)
        # Scoring runs beside the encoder: its workers yield to the encoder's frame threads, whose
        # pipeline stalls when one of them waits for a core (measured: 2-4 % less wall time).
        with Scorer(list(models), threads=scoring.threads, backend=scoring.backend, worker_nice=5,
                    overrides=side.overrides, score_bitdepth=side.score_bitdepth,
                    features=scoring.features, reference_cache=reference_cache) as scorer:
            count = 0
            outputs = iter(run)
            try:
                for out in outputs:
                    if count >= seg.length:
                        raise EngineError(f"{config.encoder} returned more frames than it was given")
                    scorer.push(seg.lumas[count], scored_picture(out, seg.lumas[count]),
                                reference_key=(seg_index, count))
                    count += 1
                    done += 1
                    if on_frame:
                        on_frame(done)
                    if done in looks and stop is not None:
                        estimate = _ask_stop(scorer, per_metric[target], target, stop)
                        if estimate is not None:
                            break
            finally:
                outputs.close()  # an encoder left early is closed now, its threads with it
            if estimate is None and count != seg.length:
                raise EngineError(f"{config.encoder} returned {count} frames for {seg.length}")
            result = scorer.finish()
        for name in (*(m.name for m in models), *result.features):
            per_metric.setdefault(name, []).append(result.metrics[name])
        for name, value in result.aggregate.items():
            aggregates.setdefault(name, []).append((value, count))
        total_bytes += run.bytes
        # Frames in flight inside an encoder left early have no bytes yet: count the ones out.
        frames_in += run.frames_in if estimate is None else run.packets
        if estimate is not None:
            break
    scores = {name: pool(np.concatenate(v), scoring.pool_method) for name, v in per_metric.items()}
    # A clip-level aggregate of one segment is libvmaf's own; over sampled segments, their frame-weighted mean.
    scores.update({name: sum(v * n for v, n in parts) / sum(n for _, n in parts) for name, parts in aggregates.items()})
    bitrate = total_bytes * 8 * float(reference.fps) / frames_in if frames_in else 0.0
    if on_scores is not None:
        on_scores(np.concatenate(per_metric[target]))
    probe = Probe(
        crf=crf,
        vmaf=scores[target] if estimate is None else estimate,
        bitrate=bitrate,
        size_bytes=total_bytes,
        seconds=time.perf_counter() - start,
        cached=False,
        scores=scores,
        estimated_from=None if estimate is None else done,
    )
    if cache is not None:
        # The target's per-frame scores go along: a later search estimates from them.
        kept = {"frames": [float(v) for v in np.concatenate(per_metric[target])], "bitrate": bitrate,
                "size_bytes": total_bytes, "seconds": probe.seconds, "scores": scores}
        cache.put(_STOPPED + key if estimate is not None else key,
                  kept if estimate is not None else {"vmaf": probe.vmaf, **kept})
    return probe
