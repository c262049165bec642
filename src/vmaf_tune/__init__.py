"""vmaf-tune: VMAF and VMAF NEG scoring in-process, bit-exact with libvmaf, and encoder tuning."""

from __future__ import annotations

from ._version import __version__
from .batch import BisectItem, Pair, PairResult, bisect_many, score_many
from .bdrate import bd_quality, bd_rate
from .classify import Classification, classify
from .compare import CompareResult, compare
from .errors import EncodeError, EngineError, InputError, ModelError, VmafTuneError
from .models import Model, load_model, model_variant, resolve_models
from .pershot import PerShotResult, per_shot
from .probe import Probe
from .score import Pooled, Scorer, ScoreResult, pool, score
from .search import BisectResult, bisect
from .shots import ShotList, detect_shots

__all__ = [
    "BisectItem",
    "BisectResult",
    "Pair",
    "PairResult",
    "bisect_many",
    "score_many",
    "Probe",
    "bd_quality",
    "bd_rate",
    "bisect",
    "Classification",
    "classify",
    "detect_shots",
    "per_shot",
    "PerShotResult",
    "ShotList",
    "compare",
    "CompareResult",
    "EncodeError",
    "EngineError",
    "InputError",
    "Model",
    "ModelError",
    "Pooled",
    "ScoreResult",
    "Scorer",
    "VmafTuneError",
    "__version__",
    "load_model",
    "model_variant",
    "pool",
    "resolve_models",
    "score",
]
