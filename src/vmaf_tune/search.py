"""bisect: the highest CRF whose pooled VMAF still meets a target, found in one process.

The reference is decoded once (see reference.py); every probe encodes it and scores the result in
memory (probe.py). The search brackets the target and then interpolates in score, so few encodes
are needed.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .backends import REFERENCE_CACHE_BUDGET, ReferenceCache
from .cache import ProbeCache
from .errors import InputError
from .models import Model, resolve_models
from .options import DEFAULT_CRF_STEP, DEFAULT_ENCODER, DEFAULT_SAMPLE_SECONDS, CrfRange, EncoderConfig, Sampling
from .probe import Probe, Scoring, checkpoints, encode_side, measure
from .reference import Reference, prefiltered
from .score import DEFAULT_BACKEND, DEFAULT_POOL, pool
from .synthetic import input_or_builtin, load_input

__all__ = ["DEFAULT_TARGET", "BisectResult", "bisect", "check_target", "replay", "search_crf", "tune"]

DEFAULT_TARGET = 93.0


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
    pix_fmt: str | None = None  # the pixel format encoded
    score_bitdepth: int | None = None  # the depth reference and encode were scored at
    cambi: Mapping[str, int] | None = None  # CAMBI's encode-side options, where the encode differs
    encoder_threads: int | None = None  # None: the encoder's automatic count

    @property
    def answer(self) -> Probe:
        """The probe of the chosen CRF: always a whole one (an estimate never decides)."""
        return _whole_probe(self.probes, self.crf)

    def as_dict(self) -> dict:
        return {
            "input": self.input,
            "target": self.target,
            "met": self.met,
            "encoder": self.encoder,
            "preset": self.preset,
            "options": dict(self.options),
            "encoder_threads": self.encoder_threads,
            "pix_fmt": self.pix_fmt,
            "score_bitdepth": self.score_bitdepth,
            "cambi": dict(self.cambi or {}),
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


def _u(score: float, ceiling: float = 100.0) -> float:
    """Scores in a space where CRF curves are close to straight lines: distance to the model's top
    score (100; 110 for vmaf_v1.0.16_3d0h_2160), logged. (Near the top the score saturates; the
    log of the remaining headroom keeps its slope.)"""
    return math.log(max(ceiling + 0.5 - score, 1e-3))


def search_crf(
    probe: Callable[..., Any],
    lo: float,
    hi: float,
    step: float,
    target: float,
    start: float,
    slope_guess: float = -1.0,
    ceiling: float = 100.0,
    *,
    estimates: bool = False,
) -> tuple[float | None, float]:
    """Finds the highest grid CRF with probe(crf) >= target; returns (passing CRF or None, best CRF).

    Extrapolates from what is known (a typical slope until two points exist) until the target
    is bracketed, then interpolates between the bracket ends in score space (see ``_u``); each
    time it probes the grid point just below the predicted crossing. It falls back to the
    midpoint when two interpolations in a row have not halved the bracket. Every probe lies
    strictly inside the bracket, so it always terminates.

    With ``estimates`` the search is called as ``probe(crf, margin)`` and returns ``(score,
    exact)``: a probe may stop early with an estimate (``exact`` False) when its score is more
    than ``margin`` from the target, where the CRF is too far from the crossing to be the answer
    or the CRF above it; ``margin`` None asks for an exact score. Such probes only guide: the
    answer's own probe and the one above it (or the range end) are always exact, re-probed when
    they were estimated, so the answer is the one exact probes give."""
    n_steps = int(round((hi - lo) / step))

    def snap(x: float, how: Callable[[float], float] = round) -> float:
        k = min(n_steps, max(0, int(how((x - lo) / step + 1e-9))))
        return round(lo + k * step, 6)

    known: dict[float, float] = {}
    exact: set[float] = set()

    def ask(crf: float, must_be_exact: bool) -> None:
        if estimates:
            margin = None if must_be_exact else _margin(known, crf, slope_guess, step)
            score, is_exact = probe(crf, margin)
        else:
            score, is_exact = probe(crf), True
        known[crf] = score
        if is_exact:
            exact.add(crf)

    crf = snap(start)
    widths: list[float] = []  # bracket widths after each interpolation
    settle = False  # the CRF is known from an estimate and must now be measured exactly
    while True:
        if crf not in known or settle:
            ask(crf, settle)
        settle = False
        passing = [c for c, s in known.items() if s >= target]
        ok = max(passing) if passing else None
        bad = min([c for c, s in known.items() if s < target and (ok is None or c > ok)], default=None)
        # The CRFs the answer rests on, if the search ends here: those must be exact.
        if ok is not None and bad is not None and bad - ok <= step + 1e-9:
            ends = (ok, bad)
        elif bad is None and ok is not None and ok >= hi - 1e-9:
            ends = (ok,)
        elif ok is None and bad is not None and bad <= lo + 1e-9:
            ends = (bad,)
        else:
            ends = ()
        estimated = [c for c in ends if c not in exact]
        if estimated:
            crf, settle = estimated[0], True
            continue
        if ends:
            if ok is None:
                return None, max(exact, key=lambda c: (known[c], -c))
            return ok, ok
        if ok is not None and bad is not None:
            width = bad - ok
            u_ok, u_bad, u_t = _u(known[ok], ceiling), _u(known[bad], ceiling), _u(target, ceiling)
            # Interpolation that approaches from one side shrinks the bracket slowly: halve it
            # when two interpolations in a row have not.
            if (len(widths) >= 2 and width > widths[-2] / 2) or u_bad <= u_ok:
                guess = (ok + bad) / 2
            else:
                guess = ok + (u_t - u_ok) / (u_bad - u_ok) * width
            widths.append(width)
            nxt = min(max(snap(guess, math.floor), snap(ok + step)), snap(bad - step))
        elif bad is None:  # everything probed passes: go up
            nxt = max(snap(_extrapolate(known, ok, target, slope_guess, step, lo, hi, ceiling), math.floor),
                      snap(ok + step))
        else:  # everything probed fails: go down
            nxt = min(snap(_extrapolate(known, bad, target, slope_guess, step, lo, hi, ceiling), math.floor),
                      snap(bad - step))
        if nxt in known:  # cannot happen with a consistent bracket, but never loop forever
            if ok is not None and ok in exact:
                return ok, ok
            return None, max(exact or known, key=lambda c: (known[c], -c))
        crf = nxt


# A probe may stop with an estimate when its score is further from the target than this many grid
# steps' worth of the local slope (the answer and the CRF above it lie within one step of the
# crossing; the slope is not known exactly), and never when closer than MIN_MARGIN points (what an
# estimate from part of the frames can be off by).
MARGIN_STEPS = 2.0
MIN_MARGIN = 1.0


def _margin(known: dict[float, float], crf: float, slope_guess: float, step: float) -> float:
    """How far from the target a probe at ``crf`` must score to be neither the answer nor the
    CRF above it: the slope between the two known points nearest it (else the typical slope)."""
    pts = sorted(known.items(), key=lambda kv: abs(kv[0] - crf))[:2]
    if len(pts) == 2 and pts[0][0] != pts[1][0]:
        slope = abs((pts[0][1] - pts[1][1]) / (pts[0][0] - pts[1][0]))
    else:
        slope = abs(slope_guess)
    return max(MIN_MARGIN, MARGIN_STEPS * slope * step)


def _extrapolate(known: dict[float, float], at: float, target: float, slope_guess: float, step: float, lo: float,
                 hi: float, ceiling: float = 100.0) -> float:
    """Where the score is predicted to cross the target beyond ``at``. The caller probes the grid
    point just below it: the answer itself when the prediction holds, so one more probe above it
    ends the search. (Aiming past the crossing to bracket it first costs a probe whenever the
    prediction is good: 3.56 against 3.78 probes on average over measured x264 curves.)"""
    pts = sorted(known.items(), key=lambda kv: abs(kv[0] - at))[:2]
    if len(pts) == 2 and pts[0][0] != pts[1][0]:
        du = (_u(pts[0][1], ceiling) - _u(pts[1][1], ceiling)) / (pts[0][0] - pts[1][0])
        guess = at + (_u(target, ceiling) - _u(known[at], ceiling)) / du if du > 1e-3 else math.inf
        if known[at] < target:
            guess = -math.inf if du <= 1e-3 else guess
    else:
        guess = at + (target - known[at]) / slope_guess
    limit = max(4 * step, (hi - lo) / 3)
    guess = min(max(guess, at - limit), at + limit)
    return guess


def _whole_probe(probes: Iterable[Probe], crf: float) -> Probe:
    return next(p for p in reversed(tuple(probes)) if p.crf == crf and p.estimated_from is None)


def _stopper(target: float, margin: float, measured: Mapping[float, tuple[np.ndarray, float]],
             pool_method: str) -> Callable[[np.ndarray], float | None]:
    """What a probe that may stop early asks at each checkpoint: its estimate of the whole
    input's score, when that is more than ``margin`` from the target, else None (go on).

    The estimate is an exact probe's score moved by the difference between the two probes on the
    frames scored so far (the exact probe closest in score there): the first frames of an input
    can be easier or harder than the rest, alike at every CRF. Without an exact probe yet, it is
    the score of the frames so far."""

    def stop(so_far: np.ndarray) -> float | None:
        n = len(so_far)
        own = pool(so_far, pool_method)
        others = [(pool(frames[:n], pool_method), whole) for frames, whole in measured.values() if len(frames) >= n]
        if others:
            prefix, whole = min(others, key=lambda o: abs(o[0] - own))
            estimate = whole + own - prefix
        else:
            estimate = own
        return estimate if abs(estimate - target) > margin else None

    return stop


def replay(frames: Mapping[float, np.ndarray], target: float, start: float, *, slope_guess: float = -1.0,
           step: float = 1.0, pool_method: str = DEFAULT_POOL, estimates: bool = True) -> tuple[float | None, float, int]:
    """bisect's search on recorded per-frame scores of the encodes at every grid CRF (``frames``),
    each probe stopping where ``measure`` would stop it: (answer, inputs' worth of frames scored,
    probes). For judging the search on measured curves (benchmarks/search_cost.py)."""
    measured: dict[float, tuple[np.ndarray, float]] = {}
    spent = [0.0, 0]

    def probe(crf: float, margin: float | None = None) -> tuple[float, bool]:
        scores = np.asarray(frames[crf], dtype=np.float64)
        spent[1] += 1
        if margin is not None and estimates:
            stop = _stopper(target, margin, measured, pool_method)
            for n in sorted(checkpoints(len(scores))):
                estimate = stop(scores[:n])
                if estimate is not None:
                    spent[0] += n / len(scores)
                    return estimate, False
        spent[0] += 1.0
        whole = pool(scores, pool_method)
        measured[crf] = (scores, whole)
        return whole, True

    ok, _ = search_crf(probe, min(frames), max(frames), step, target, start, slope_guess, estimates=True)
    return ok, spent[0], spent[1]


def check_target(target: float, model: Model | None = None) -> None:
    """Targets are pooled scores in the model's range (0-100; 0-110 for vmaf_v1.0.16_3d0h_2160).
    Without a model only that it is a number is checked (before any decoding)."""
    if isinstance(target, bool) or not isinstance(target, (int, float)) or not math.isfinite(target):
        raise InputError(f"target must be a number, got {target!r}")
    if model is not None:
        lo, hi = model.score_range
        if not lo <= target <= hi:
            raise InputError(f"target {target:g} is outside {model.name}'s range {lo:g} to {hi:g}")


def tune(
    reference: Reference,
    target: float,
    config: EncoderConfig,
    crfs: CrfRange,
    scoring: Scoring,
    *,
    use_cache: bool = True,
    exact_probes: bool = False,
    extra_key: Mapping | None = None,
    on_probe: Callable[[Probe, int], None] | None = None,
    on_frame: Callable[[float, int, int], None] | None = None,
    warn: Callable[[str], None] | None = None,
) -> BisectResult:
    """The search on a loaded reference, with every option already checked and grouped. Probes
    far from the target stop early with an estimate (see ``search_crf``) unless ``exact_probes``."""
    check_target(target, scoring.target_model)
    spec = config.spec
    lo, hi, step = crfs.grid(spec)
    encoder_input = prefiltered(reference, config.prefilter)
    cache = ProbeCache(enabled=use_cache, warn=warn)
    # The reference's extractor work (ADM's decomposition), done by the first probe, for the others.
    reference_cache = ReferenceCache(scoring.reference_memory)
    probes: list[Probe] = []
    per_probe_frames = sum(s.length for s in reference.segments)
    measured: dict[float, tuple[np.ndarray, float]] = {}  # exact probes: per-frame and pooled scores

    def run(crf: float, margin: float | None) -> tuple[float, bool]:
        progress = (lambda done: on_frame(crf, done, per_probe_frames)) if on_frame else None
        stop = None
        if margin is not None and not exact_probes:
            stop = _stopper(float(target), margin, measured, scoring.pool_method)
        frames: list[np.ndarray] = []
        p = measure(encoder_input, config, crf, scoring, cache=cache, on_frame=progress, extra_key=extra_key,
                    reference_cache=reference_cache, stop=stop, on_scores=frames.append)
        if p.estimated_from is None and frames:
            measured[crf] = (frames[0], p.vmaf)
        probes.append(p)
        if on_probe:
            on_probe(p, len(probes))
        return p.vmaf, p.estimated_from is None

    try:
        start = min(max(spec.start_crf, lo), hi)
        ok, best = search_crf(run, lo, hi, step, float(target), start, spec.typical_slope,
                              scoring.target_model.score_range[1], estimates=True)
    finally:
        cache.close()
    chosen = ok if ok is not None else best
    final = _whole_probe(probes, chosen)
    seg = encoder_input.segments[0]
    side = encode_side(seg.lumas[0], seg.frames[0], config, scoring.bitdepth)
    return BisectResult(
        target=float(target),
        met=ok is not None,
        encoder=config.encoder,
        preset=config.effective_preset,
        options=dict(config.options),
        crf=chosen,
        vmaf=final.vmaf,
        bitrate=final.bitrate,
        size_bytes=int(round(final.bitrate * reference.duration / 8)),
        model=scoring.target_model.name,
        pool=scoring.pool_method,
        mode=reference.mode,
        samples=tuple(reference.sample_positions()),
        probes=tuple(probes),
        input=reference.path,
        frames=reference.total_frames,
        duration=reference.duration,
        pix_fmt=side.pix_fmt,
        score_bitdepth=side.score_bitdepth,
        cambi=dict(side.cambi),
        encoder_threads=config.threads,
    )


def bisect(
    input=None,
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
    reference_memory: int = REFERENCE_CACHE_BUDGET,
    extra_key: Mapping | None = None,
    reference: Reference | None = None,
    on_probe: Callable[[Probe, int], None] | None = None,
    on_frame: Callable[[float, int, int], None] | None = None,
    warn: Callable[[str], None] | None = None,
) -> BisectResult:
    """Finds the highest CRF whose pooled score (first model) meets ``target`` (in that model's
    range: 0-100, 0-110 for ``v1-4k-tv``).

    ``input`` is a video path; with ``None`` a built-in synthetic clip is used. ``encoder`` may be
    an EncoderConfig and ``sampling`` a Sampling, in place of the separate arguments. ``pix_fmt``
    is the pixel format to encode in (default: the source's, if the encoder takes it);
    ``score_bitdepth`` the depth to score at (default: the deeper of source and encode);
    ``encoder_threads`` the encoder's thread count (default: its automatic count, as the ffmpeg
    CLI; x264's output depends on it); ``reference_memory`` the bytes of reference-side extractor
    work its probes may keep and share (numbers are the same without it, 0 keeps none).

    A probe whose score is clearly far from the target (more than twice the local slope's worth
    of one CRF step) stops at 30 % or 50 % of the input with an estimate, only to guide the
    search; the answer and the CRF above it are always encoded and scored whole, so the answer is
    the one exact probes give. ``exact_probes`` makes every probe whole (slower; every probe's
    score then exact)."""
    check_target(target)
    config = EncoderConfig.of(encoder, preset, encoder_options, pix_fmt, encoder_threads)
    crfs = CrfRange(min_crf, max_crf, crf_step)
    crfs.grid(config.spec)  # checked before any decoding
    sampling = sampling or Sampling(samples, sample_seconds, full)
    if reference is None:
        source = input_or_builtin(input)
    else:  # what ``auto`` classifies: the file the reference came from, if any
        source = input if reference.path.startswith("<") else reference.path
    model_list = resolve_models(models, neg=neg, model_paths=model_paths, source=source)
    check_target(target, model_list[0])
    scoring = Scoring(model_list, pool_method, threads, backend, score_bitdepth, reference_memory=reference_memory)
    if reference is None:
        reference = load_input(input, sampling)
    return tune(reference, target, config, crfs, scoring, use_cache=use_cache, exact_probes=exact_probes,
                extra_key=extra_key, on_probe=on_probe, on_frame=on_frame, warn=warn)
