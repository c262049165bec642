"""Option groups shared by bisect, per_shot and compare, so each default and check lives once.

The API functions keep their keyword arguments and build these from them (or take them in their
place); the command line reads its defaults from here."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .budget import Budget
from .encode import EncoderSpec, encoder_spec
from .errors import InputError

__all__ = [
    "DEFAULT_CRF_STEP",
    "DEFAULT_ENCODER",
    "DEFAULT_SAMPLE_SECONDS",
    "CrfRange",
    "EncoderConfig",
    "MAX_ENCODER_THREADS",
    "Sampling",
    "check_encoder_threads",
    "parse_encoder_opts",
]

DEFAULT_ENCODER = "libx264"
DEFAULT_SAMPLE_SECONDS = 3.0
DEFAULT_CRF_STEP = 1.0
MAX_ENCODER_THREADS = 128  # x264's own limit


@dataclass(frozen=True)
class Sampling:
    """Which frames of the reference are probed: evenly spaced samples, or every frame (``full``)."""

    samples: int | None = None  # None: from the duration
    sample_seconds: float = DEFAULT_SAMPLE_SECONDS
    full: bool = False

    def __post_init__(self) -> None:
        if self.samples is not None and (isinstance(self.samples, bool) or self.samples < 1):
            raise InputError(f"samples must be >= 1, got {self.samples}")
        if not self.sample_seconds > 0:
            raise InputError(f"sample seconds must be > 0, got {self.sample_seconds}")


def check_encoder_threads(threads: int | None) -> None:
    """None (the encoder's automatic count) or an integer from 1 to MAX_ENCODER_THREADS."""
    if threads is not None and (isinstance(threads, bool) or not isinstance(threads, int)
                                or not 1 <= threads <= MAX_ENCODER_THREADS):
        raise InputError(f"encoder threads must be an integer from 1 to {MAX_ENCODER_THREADS}, got {threads!r}")


@dataclass(frozen=True)
class EncoderConfig:
    """An encoder, its options, an optional libavfilter pre-filter applied before it, and the
    pixel format it encodes in (None: derived from the source, see EncoderSpec.pix_fmt_for)."""

    encoder: str = DEFAULT_ENCODER
    options: Mapping[str, str] = field(default_factory=dict)
    prefilter: str | None = None
    preset: str | None = None
    pix_fmt: str | None = None
    # The encoder's thread count (ffmpeg's -threads: x264's frame threads); None: its automatic
    # count, as the ffmpeg CLI does (x264: 1.5 per core). x264's output depends on it.
    threads: int | None = None

    def __post_init__(self) -> None:
        check_encoder_threads(self.threads)
        if self.pix_fmt is not None:
            self.spec.pix_fmt_for("", self.pix_fmt)  # the encoder must take it: checked up front

    @property
    def spec(self) -> EncoderSpec:
        return encoder_spec(self.encoder)

    @property
    def label(self) -> str:
        return self.encoder + (f"@{self.prefilter}" if self.prefilter else "")

    @property
    def effective_preset(self) -> str | None:
        """The preset the encoder runs with: the one given, else the encoder's default."""
        return self.preset if self.preset is not None else self.spec.default_preset

    @classmethod
    def parse(cls, text: str) -> EncoderConfig:
        """``ENCODER`` or ``ENCODER@FILTERGRAPH`` (e.g. ``libx264@unsharp=5:5:1.0``)."""
        encoder, _, prefilter = text.strip().partition("@")
        encoder_spec(encoder)
        return cls(encoder, prefilter=prefilter or None)

    @classmethod
    def of(
        cls, encoder: str | EncoderConfig, preset: str | None = None, options: Mapping[str, str] | None = None,
        pix_fmt: str | None = None, threads: int | None = None,
    ) -> EncoderConfig:
        """From the API's ``encoder``/``preset``/``encoder_options``/``pix_fmt``/``encoder_threads``
        arguments; a config given as ``encoder`` keeps its own settings, the others fill in what
        it leaves unset."""
        if isinstance(encoder, EncoderConfig):
            return encoder.with_defaults(preset, options, pix_fmt, threads)
        encoder_spec(encoder)
        return cls(encoder, dict(options or {}), preset=preset, pix_fmt=pix_fmt, threads=threads)

    def within(self, budget: Budget | None) -> EncoderConfig:
        """This encoder as one of ``budget.jobs`` parallel jobs: on its share of the threads,
        unless a thread count was given."""
        if budget is None or self.threads is not None:
            return self
        return dataclasses.replace(self, threads=budget.encoder_threads)

    def with_defaults(self, preset: str | None, options: Mapping[str, str] | None,
                      pix_fmt: str | None = None, threads: int | None = None) -> EncoderConfig:
        return dataclasses.replace(self, options={**(options or {}), **self.options}, preset=self.preset or preset,
                                   pix_fmt=self.pix_fmt or pix_fmt,
                                   threads=self.threads if self.threads is not None else threads)


@dataclass(frozen=True)
class CrfRange:
    """The CRFs a search may try: bounds (default: the encoder's whole range) and resolution."""

    min_crf: float | None = None
    max_crf: float | None = None
    step: float = DEFAULT_CRF_STEP

    def grid(self, spec: EncoderSpec) -> tuple[float, float, float]:
        """``(lo, hi, step)`` for ``spec``, checked against what the encoder accepts."""
        lo = spec.crf_min if self.min_crf is None else float(self.min_crf)
        hi = spec.crf_max if self.max_crf is None else float(self.max_crf)
        step = self.step
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


def parse_encoder_opts(items: Iterable[str]) -> dict[str, str]:
    """``KEY=VALUE`` strings, as the command line takes them, into encoder options."""
    opts: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise InputError(f"encoder option {item!r} must look like KEY=VALUE")
        opts[key.strip()] = value.strip()
    return opts
