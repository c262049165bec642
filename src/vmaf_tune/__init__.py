"""vmaf-tune: VMAF and VMAF NEG scoring in-process, bit-exact with libvmaf, and encoder tuning."""

from __future__ import annotations

from ._version import __version__
from .bdrate import bd_quality, bd_rate  # noqa: E402
from .classify import Classification, classify  # noqa: E402
from .compare import CompareResult, compare  # noqa: E402
from .errors import EncodeError, EngineError, InputError, ModelError, VmafTuneError  # noqa: E402
from .models import Model, load_model, model_variant, resolve_models  # noqa: E402
from .pershot import PerShotResult, per_shot  # noqa: E402
from .probe import Probe  # noqa: E402
from .score import Pooled, Scorer, ScoreResult, pool, score  # noqa: E402
from .search import BisectResult, bisect  # noqa: E402
from .shots import ShotList, detect_shots  # noqa: E402

__all__ = [
    "BisectResult",
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
