"""VMAF models: libvmaf's JSON model format, loaded, validated and evaluated in numpy.

A model names the features it needs (with their extractor options) and maps them to a score
with a libsvm nu-SVR. VMAF NEG is not a different SVM: it is the same model whose VIF and ADM
features are computed with the enhancement gain limited to 1.0 (``feature_opts_dicts``).
"""

from __future__ import annotations

import dataclasses
import io
import json
import math
import pickle
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ._native.libvmaf import FLAG_DISABLE_CLIP, FLAG_DISABLE_TRANSFORM, FLAG_ENABLE_TRANSFORM, LibvmafModel
from .classify import classify, classify_v1
from .errors import ModelError
from .features import EXTRACTORS, FeatureRef, by_collector, counterpart

__all__ = [
    "AUTO_VARIANTS",
    "Model",
    "VARIANTS",
    "feature_outputs",
    "libvmaf_request",
    "load_model",
    "model_variant",
    "resolve_models",
]

MODEL_DIR = Path(__file__).with_name("model")


@dataclass(frozen=True)
class Transform:
    """libvmaf's optional score transform: polynomial, piecewise-linear knots, rectification."""

    enabled: bool
    p0: float | None = None
    p1: float | None = None
    p2: float | None = None
    knots: tuple[tuple[float, float], ...] = ()
    out_lte_in: bool = False
    out_gte_in: bool = False

    def apply(self, y: np.ndarray) -> np.ndarray:
        if not self.enabled:
            return y
        out = y
        if self.p0 is not None or self.p1 is not None or self.p2 is not None:
            out = np.zeros_like(y)
            if self.p0 is not None:
                out = out + self.p0
            if self.p1 is not None:
                out = out + self.p1 * y
            if self.p2 is not None:
                out = out + self.p2 * y * y
        if len(self.knots) > 1:
            out = _piecewise_linear(out, self.knots)
        if self.out_lte_in:
            out = np.where(out > y, y, out)
        if self.out_gte_in:
            out = np.where(out < y, y, out)
        return out


def _piecewise_linear(x: np.ndarray, knots: Sequence[tuple[float, float]]) -> np.ndarray:
    """Linear interpolation between knots, extrapolating the end segments (as libvmaf does)."""
    y = np.zeros_like(x)
    last = len(knots) - 2
    for i, ((x0, y0), (x1, y1)) in enumerate(zip(knots[:-1], knots[1:])):
        if y0 == y1:
            seg = np.full_like(x, y0)
        else:
            slope = (y1 - y0) / (x1 - x0)
            offset = y0 if x0 == 0 else y0 - x0 * slope
            seg = slope * x + offset
        inside = (x0 <= x) & (x <= x1)
        if i == 0:
            inside |= x < x0
        if i == last:
            inside |= x > x1
        y = np.where(inside, seg, y)
    return y


@dataclass(frozen=True, eq=False)
class Svm:
    """A libsvm nu-SVR / epsilon-SVR with an RBF kernel, dense."""

    gamma: float
    rho: float
    coef: np.ndarray  # (n_sv,)
    sv: np.ndarray  # (n_sv, n_features)

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Decision values for rows of x; sums in libsvm's order so results match bit for bit."""
        out = np.empty(x.shape[0])
        for start in range(0, x.shape[0], 512):
            chunk = x[start : start + 512]
            d2 = np.zeros((chunk.shape[0], self.sv.shape[0]))
            for k in range(self.sv.shape[1]):
                d = chunk[:, k : k + 1] - self.sv[None, :, k]
                d2 += d * d
            terms = self.coef[None, :] * np.exp(-self.gamma * d2)
            out[start : start + 512] = np.cumsum(terms, axis=1)[:, -1] - self.rho
        return out


@dataclass(frozen=True, eq=False)
class Model:
    """A VMAF model ready to evaluate. ``name`` is the key its scores appear under."""

    name: str
    features: tuple[FeatureRef, ...]
    slope: float
    intercept: float
    feature_slopes: tuple[float, ...]
    feature_intercepts: tuple[float, ...]
    svm: Svm
    clip: tuple[float, float] | None
    transform: Transform
    source: str  # file the SVM came from, for reports
    description: str = ""
    chroma_correction: float | None = None  # VMAF v1: the chroma feature from luma ADM where it is 0

    def predict(self, values: Mapping[FeatureRef, np.ndarray]) -> np.ndarray:
        """Per-frame scores from per-frame feature arrays keyed by FeatureRef."""
        try:
            cols = [np.asarray(values[f], dtype=np.float64) for f in self.features]
        except KeyError as exc:
            raise ModelError(f"model {self.name}: feature {exc.args[0].log_name} was not computed") from None
        x = np.stack(cols, axis=1) if cols else np.empty((0, 0))
        x = x * np.asarray(self.feature_slopes) + np.asarray(self.feature_intercepts)
        if self.chroma_correction is not None:
            self._correct_chroma(x)
        y = (self.svm.predict(x) - self.intercept) / self.slope
        y = self.transform.apply(y)
        if self.clip is not None:
            y = np.minimum(np.maximum(y, self.clip[0]), self.clip[1])
        return y

    def _correct_chroma(self, x: np.ndarray) -> None:
        """libvmaf's chroma correction, in place on normalised features: on frames whose chroma
        feature comes back as exactly 0 (SpEED finds no usable chroma), it is replaced by
        ``c - c * adm3``, both features taken through libvmaf's normalise/denormalise round trip."""
        g, d = _correction_pair(self)
        sl, ic = self.feature_slopes, self.feature_intercepts
        guided = (x[:, d] - ic[d]) / sl[d]
        guiding = (x[:, g] - ic[g]) / sl[g]
        c = self.chroma_correction
        corrected = sl[d] * ((-c * guiding) + c) + ic[d]
        x[:, d] = np.where(guided == 0.0, corrected, x[:, d])

    @property
    def is_neg(self) -> bool:
        return any(f.spec.gain_limit and f.option(f.spec.gain_limit) == 1.0 for f in self.features)

    @property
    def neg_built_in(self) -> bool:
        """VMAF v1 and the like: no VIF, and ADM already runs with gain limit 1.0, so the NEG
        counterpart is the model itself (``--neg`` changes nothing)."""
        return self.is_neg and not any(f.spec.kind == "vif" for f in self.features)

    @property
    def score_range(self) -> tuple[float, float]:
        """The scores the model can give: its clip (0-110 for vmaf_v1.0.16_3d0h_2160), else 0-100."""
        return self.clip if self.clip is not None else (0.0, 100.0)

    def neg(self, name: str | None = None) -> Model:
        """The NEG counterpart: the same SVM with VIF and ADM gain limits of 1.0."""
        if self.is_neg:
            return self
        return dataclasses.replace(
            self,
            name=name or f"{self.name}_neg",
            features=tuple(f.with_options(**{f.spec.gain_limit: 1.0}) if f.spec.gain_limit else f
                           for f in self.features),
            description=(self.description + " (NEG: enhancement gain limited to 1.0)").strip(),
        )

    def with_options(self, extractor: str, options: Mapping[str, object]) -> Model:
        """The model with ``options`` set on every feature of ``extractor`` (libvmaf's feature
        overload, e.g. CAMBI's encoding size); the features' names change with them."""
        if not options:
            return self
        return dataclasses.replace(
            self, features=tuple(f.with_options(**options) if f.extractor == extractor else f for f in self.features)
        )

    def with_extractor(self, old: str, new: str) -> Model:
        """The model reading the same outputs from another extractor (e.g. libvmaf master's motion)."""
        return dataclasses.replace(
            self, features=tuple(FeatureRef.make(new, f.output, dict(f.options)) if f.extractor == old else f
                                 for f in self.features)
        )

    def renamed(self, name: str) -> Model:
        return dataclasses.replace(self, name=name)

    def with_family(self, family: str, name: str) -> Model:
        """The same SVM fed by the other feature family (integer <-> float)."""
        return dataclasses.replace(
            self,
            name=name,
            features=tuple(
                FeatureRef.make(counterpart(f.spec, family).name, f.output, dict(f.options)) for f in self.features
            ),
        )

    def with_transform(self, enabled: bool, name: str) -> Model:
        return dataclasses.replace(self, name=name, transform=dataclasses.replace(self.transform, enabled=enabled))

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "source": self.source,
            "features": [f.log_name for f in self.features],
            "gain_limits": {f.log_name: f.option(f.spec.gain_limit) for f in self.features if f.spec.gain_limit},
            "transform": self.transform.enabled,
            "clip": list(self.clip) if self.clip else None,
        }


def _correction_pair(model: Model) -> tuple[int, int]:
    """Indices of the guiding (adm3) and guided (speed_chroma) features, found by libvmaf's
    substring rule; each must name exactly one feature."""
    found = {}
    for key in ("adm3", "speed_chroma"):
        hits = [i for i, f in enumerate(model.features) if key in f.spec.output(f.output).collector]
        if len(hits) != 1:
            raise ModelError(f"{model.source}: chroma_correction_parameter needs exactly one {key} feature, "
                             f"the model has {len(hits)}")
        found[key] = hits[0]
    return found["adm3"], found["speed_chroma"]


# ---------------------------------------------------------------------------------------------
# Loading


def _fail(path: str, problem: str) -> ModelError:
    return ModelError(f"{path}: {problem}")


def _finite(path: str, what: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise _fail(path, f"{what} must be a finite number, got {value!r}")
    return float(value)


def _parse_svm(path: str, text: object, n_features: int) -> Svm:
    if not isinstance(text, str):
        raise _fail(path, "model_dict.model must be libsvm model text")
    header: dict[str, str] = {}
    lines = text.splitlines()
    i = 0
    while i < len(lines) and lines[i].strip() != "SV":
        parts = lines[i].split(None, 1)
        if parts:
            header[parts[0]] = parts[1] if len(parts) > 1 else ""
        i += 1
    if i == len(lines):
        raise _fail(path, "libsvm model text has no SV section")
    if header.get("svm_type") not in ("nu_svr", "epsilon_svr"):
        raise _fail(path, f"unsupported svm_type {header.get('svm_type')!r} (need nu_svr)")
    if header.get("kernel_type") != "rbf":
        raise _fail(path, f"unsupported kernel_type {header.get('kernel_type')!r} (need rbf)")
    try:
        gamma = float(header["gamma"])
        rho = float(header["rho"].split()[0])
        total = int(header["total_sv"])
    except (KeyError, ValueError, IndexError):
        raise _fail(path, "libsvm header needs numeric gamma, rho and total_sv") from None
    if not (math.isfinite(gamma) and math.isfinite(rho)) or total < 1:
        raise _fail(path, "libsvm gamma/rho must be finite and total_sv positive")
    rows = [ln.split() for ln in lines[i + 1 :] if ln.strip()]
    if len(rows) != total:
        raise _fail(path, f"libsvm model declares {total} support vectors but has {len(rows)}")
    coef = np.empty(total)
    sv = np.zeros((total, n_features))
    for r, parts in enumerate(rows):
        try:
            coef[r] = float(parts[0])
            for item in parts[1:]:
                idx, val = item.split(":")
                k = int(idx)
                if not 1 <= k <= n_features:
                    raise _fail(path, f"support vector {r + 1} uses feature index {k}, model has {n_features}")
                sv[r, k - 1] = float(val)
        except ValueError:
            raise _fail(path, f"support vector {r + 1} is malformed") from None
    if not (np.isfinite(coef).all() and np.isfinite(sv).all()):
        raise _fail(path, "support vectors contain NaN or infinity")
    return Svm(gamma=gamma, rho=rho, coef=coef, sv=sv)


def _parse_transform(path: str, raw: object) -> Transform:
    if raw is None:
        return Transform(enabled=False)
    if not isinstance(raw, dict):
        raise _fail(path, "score_transform must be an object")

    def opt(key: str) -> float | None:
        v = raw.get(key)
        return None if v is None else _finite(path, f"score_transform.{key}", v)

    knots_raw = raw.get("knots") or []
    try:
        knots = tuple((_finite(path, "knot", a), _finite(path, "knot", b)) for a, b in knots_raw)
    except (TypeError, ValueError):
        raise _fail(path, "score_transform.knots must be a list of [x, y] pairs") from None

    def flag(key: str) -> bool:
        v = raw.get(key, False)
        return v is True or (isinstance(v, str) and v.lower() == "true")

    return Transform(
        enabled=flag("enabled"),
        p0=opt("p0"),
        p1=opt("p1"),
        p2=opt("p2"),
        knots=knots,
        out_lte_in=flag("out_lte_in"),
        out_gte_in=flag("out_gte_in"),
    )


def _parse_features(path: str, names: object, opts: object) -> tuple[FeatureRef, ...]:
    if not isinstance(names, list) or not names:
        raise _fail(path, "feature_names must be a non-empty list")
    if opts is None:
        opts = [{}] * len(names)
    if not isinstance(opts, list) or len(opts) != len(names):
        raise _fail(path, f"feature_opts_dicts must have one entry per feature ({len(names)})")
    out = []
    for name, opt in zip(names, opts):
        found = by_collector(name) if isinstance(name, str) else None
        if found is None:
            known = sorted({o.collector for e in EXTRACTORS.values() for o in e.outputs + e.derived})
            raise _fail(path, f"unknown feature {name!r} (supported: {', '.join(known)})")
        ex, output = found
        if not isinstance(opt, dict):
            raise _fail(path, f"feature_opts_dicts entry for {name} must be an object")
        options = {}
        for key, value in opt.items():
            if key == "enhn_gain_limit" and ex.gain_limit:
                key = ex.gain_limit
            try:
                option = ex.option(key)
            except KeyError:
                raise _fail(path, f"unsupported option {key!r} for feature {name}") from None
            try:
                parsed = option.parse(value)
            except ValueError as exc:
                raise _fail(path, f"{name}: {exc}") from None
            if option.name == ex.gain_limit and parsed < 1.0:
                raise _fail(path, f"{name}.{key} must be >= 1.0, got {parsed}")
            options[option.name] = parsed
        out.append(FeatureRef.make(ex.name, output.name, options))
    return tuple(out)


def model_from_dict(data: object, *, name: str = "vmaf", source: str = "<dict>", description: str = "") -> Model:
    """Builds a model from libvmaf's JSON model structure (the parsed file)."""
    path = source
    if not isinstance(data, dict) or not isinstance(data.get("model_dict"), dict):
        raise _fail(path, "not a libvmaf JSON model (no model_dict object)")
    md = data["model_dict"]
    if md.get("model_type") != "LIBSVMNUSVR":
        raise _fail(path, f"unsupported model_type {md.get('model_type')!r} (need LIBSVMNUSVR)")
    norm = md.get("norm_type", "none")
    if norm not in ("linear_rescale", "none"):
        raise _fail(path, f"unsupported norm_type {norm!r}")
    features = _parse_features(path, md.get("feature_names"), md.get("feature_opts_dicts"))
    n = len(features)
    if norm == "linear_rescale":
        slopes, intercepts = md.get("slopes"), md.get("intercepts")
        for key, val in (("slopes", slopes), ("intercepts", intercepts)):
            if not isinstance(val, list) or len(val) != n + 1:
                raise _fail(path, f"{key} must have {n + 1} numbers (output + {n} features)")
        slopes = [_finite(path, "slopes", v) for v in slopes]
        intercepts = [_finite(path, "intercepts", v) for v in intercepts]
        if slopes[0] == 0:
            raise _fail(path, "output slope must not be 0")
    else:
        slopes, intercepts = [1.0] * (n + 1), [0.0] * (n + 1)
    clip_raw = md.get("score_clip")
    clip = None
    if clip_raw is not None:
        if not isinstance(clip_raw, list) or len(clip_raw) != 2:
            raise _fail(path, "score_clip must be [min, max]")
        clip = (_finite(path, "score_clip", clip_raw[0]), _finite(path, "score_clip", clip_raw[1]))
    correction = md.get("chroma_correction_parameter")
    if correction is not None:
        correction = _finite(path, "chroma_correction_parameter", correction)
        if correction == 0.0:
            raise _fail(path, "chroma_correction_parameter 0 makes libvmaf return no score; remove it or set it")
    model = Model(
        name=name,
        features=features,
        slope=slopes[0],
        intercept=intercepts[0],
        feature_slopes=tuple(slopes[1:]),
        feature_intercepts=tuple(intercepts[1:]),
        svm=_parse_svm(path, md.get("model"), n),
        clip=clip,
        transform=_parse_transform(path, md.get("score_transform")),
        source=source,
        description=description,
        chroma_correction=correction,
    )
    if correction is not None:
        _correction_pair(model)
    return model


def load_model(path: str | Path, *, name: str | None = None) -> Model:
    """Loads a libvmaf JSON model file; any problem is a one-line ModelError naming the file."""
    p = Path(path)
    if str(p).endswith(".pkl.model"):
        p = Path(str(p)[: -len(".model")])
    if p.suffix == ".pkl":
        return model_from_dict(_load_legacy_pickle(p), name=name or _default_name(p), source=str(p))
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _fail(str(p), "no such model file") from None
    except IsADirectoryError:
        raise _fail(str(p), "is a directory, not a model file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(str(p), f"cannot read model: {exc.__class__.__name__}") from None
    try:
        data = json.loads(text, parse_constant=lambda c: float("nan"))
    except json.JSONDecodeError as exc:
        raise _fail(str(p), f"malformed JSON at line {exc.lineno} column {exc.colno}") from None
    return model_from_dict(data, name=name or _default_name(p), source=str(p))


class _PlainDataUnpickler(pickle.Unpickler):
    """Builds only dicts, lists, strings and numbers: any class or callable reference is refused,
    so a hostile pickle cannot run code (REDUCE/BUILD need a global to call)."""

    def find_class(self, module: str, name: str):  # noqa: D401
        raise pickle.UnpicklingError(f"refusing to load {module}.{name}")

    def persistent_load(self, pid):
        raise pickle.UnpicklingError("refusing persistent references")


def _load_legacy_pickle(path: Path) -> dict:
    """Reads an old ``.pkl`` + ``.pkl.model`` pair (model parameters + libsvm text)."""
    try:
        raw = path.read_bytes()
        svm_text = Path(str(path) + ".model").read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise _fail(str(path), f"legacy model needs {exc.filename}, which does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(str(path), f"cannot read legacy model ({exc.__class__.__name__})") from None
    try:
        data = _PlainDataUnpickler(io.BytesIO(raw), encoding="latin1").load()
    except pickle.UnpicklingError as exc:
        raise _fail(str(path), f"unsafe or invalid pickle, not loaded ({exc})") from None
    except Exception as exc:  # any malformed pickle
        raise _fail(str(path), f"not a valid pickle ({exc.__class__.__name__})") from None
    if not isinstance(data, dict) or not isinstance(data.get("model_dict"), dict):
        raise _fail(str(path), "legacy model has no model_dict")
    data["model_dict"] = dict(data["model_dict"], model=svm_text)
    return data


def _default_name(path: Path) -> str:
    stem = path.name[: -len(".json")] if path.name.endswith(".json") else path.stem
    return re.sub(r"[^A-Za-z0-9_]+", "_", stem) or "vmaf"


# ---------------------------------------------------------------------------------------------
# Variants


@dataclass(frozen=True)
class Variant:
    """A built-in model: its file and how the model is derived from it."""

    name: str
    score_name: str
    file: str  # what it is made of, for listings
    trained_for: str
    use_when: str
    path: str  # the JSON file under model/
    neg: bool = False  # NEG gain limits on top of the file's
    family: str = "integer"  # "float": the same SVM on the float features
    transform: bool = False  # the file's score transform switched on
    neg_built_in: bool = False  # VMAF v1: ADM already runs with gain limit 1.0 and there is no VIF

    @property
    def generation(self) -> str:
        return "v1" if self.neg_built_in else "v0"


def _v1(name: str, score_name: str, stem: str, trained_for: str, use_when: str) -> tuple[Variant, Variant]:
    hfr = ("HFR (five-frame motion window), " + trained_for, use_when + "; content at 47 fps or more")
    return (
        Variant(name, score_name, f"vmaf_v1.0.16_{stem}.json", trained_for, use_when,
                f"vmaf_v1.0.16_{stem}.json", neg_built_in=True),
        Variant(f"{name}-hfr", f"{score_name}_hfr", f"vmaf_v1.0.16_hfr_{stem}.json", *hfr,
                f"vmaf_v1.0.16_hfr_{stem}.json", neg_built_in=True),
    )


VARIANTS: dict[str, Variant] = {
    v.name: v
    for v in (
        Variant("default", "vmaf", "vmaf_v0.6.1.json", "1080p, 3H viewing distance",
                "general quality of what viewers see", "vmaf_v0.6.1.json"),
        Variant(
            "neg",
            "vmaf_neg",
            "vmaf_v0.6.1neg.json",
            "1080p, 3H viewing distance",
            "codec comparisons; judging pre-processing (sharpening/contrast must not buy points)",
            "vmaf_v0.6.1neg.json",
        ),
        Variant("4k", "vmaf_4k", "vmaf_4k_v0.6.1.json", "2160p, 1.5H viewing distance", "4K TV viewing",
                "vmaf_4k_v0.6.1.json"),
        Variant("4k-neg", "vmaf_4k_neg", "vmaf_4k_v0.6.1.json + NEG gain limits", "2160p, 1.5H", "4K codec comparisons",
                "vmaf_4k_v0.6.1.json", neg=True),
        Variant(
            "phone",
            "vmaf_phone",
            "vmaf_v0.6.1.json + score transform",
            "1080p on a phone screen",
            "mobile viewing (scores higher than default)",
            "vmaf_v0.6.1.json",
            transform=True,
        ),
        Variant(
            "float",
            "vmaf_float",
            "vmaf_v0.6.1.json on float features",
            "1080p, 3H",
            "comparisons with old float-feature VMAF results",
            "vmaf_v0.6.1.json",
            family="float",
        ),
        Variant(
            "float-neg",
            "vmaf_float_neg",
            "vmaf_v0.6.1.json on float features + NEG",
            "1080p, 3H",
            "comparisons with old float-feature VMAF NEG results",
            "vmaf_v0.6.1.json",
            neg=True,
            family="float",
        ),
        *_v1("v1", "vmaf_v1", "3d0h", "1080p TV at 3H (VMAF v1.0.16)",
             "general quality, new generation: banding (CAMBI) and chroma (SpEED) count, NEG built in"),
        *_v1("v1-phone", "vmaf_v1_phone", "5d0h", "1080p at 5H: phone viewing (VMAF v1.0.16)",
             "mobile viewing with the v1 features"),
        *_v1("v1-4k", "vmaf_v1_4k", "1d5h_2160", "2160p at 1.5H: 4K TV (VMAF v1.0.16)", "4K TV viewing with the v1 features"),
        *_v1("v1-4k-tv", "vmaf_v1_4k_tv", "3d0h_2160", "2160p display at 3H (VMAF v1.0.16)",
             "4K content on a TV seen from 3 heights (range up to 110)"),
    )
}

# Variants chosen per input: ``auto`` (classify: v0 model by resolution and content) and
# ``v1-auto`` (classify_v1: VMAF v1 by resolution and frame rate).
AUTO_VARIANTS = ("auto", "v1-auto")

_cache: dict[str, Model] = {}


def _builtin(file: str) -> Model:
    if file not in _cache:
        _cache[file] = load_model(MODEL_DIR / file)
    return _cache[file]


def model_variant(variant: str, *, neg: bool = False) -> Model:
    """A built-in model by variant name; ``neg=True`` gives the NEG counterpart (VMAF v1 models
    are their own: NEG is built in)."""
    key = variant.strip().lower()
    v1 = key in VARIANTS and VARIANTS[key].neg_built_in
    if neg and not v1 and not key.endswith("neg"):
        key = "neg" if key == "default" else f"{key}-neg"
    if key not in VARIANTS:
        raise ModelError(f"unknown model variant {variant!r} (choose from {', '.join(VARIANTS)})")
    v = VARIANTS[key]
    model = _builtin(v.path)
    if v.family != model.features[0].family:
        model = model.with_family(v.family, v.score_name)
    if v.neg:
        model = model.neg(v.score_name)
    if v.transform:
        model = model.with_transform(True, v.score_name)
    return dataclasses.replace(model, name=v.score_name, description=v.use_when)


def resolve_models(
    models: str | Model | Iterable[str | Model | Path] | None = None,
    *,
    neg: bool = False,
    model_paths: Iterable[str | Path] = (),
    source=None,
    fps: float | None = None,
) -> tuple[Model, ...]:
    """Turns what users pass (variant names, comma lists, paths, Model objects) into models.

    ``neg=True`` turns every model into its NEG counterpart (VMAF v1 models are their own). With
    nothing given: ``default``. The variant ``auto`` is chosen by :func:`vmaf_tune.classify` and
    ``v1-auto`` by :func:`vmaf_tune.classify_v1` from ``source`` (the input; ``fps`` gives the
    frame rate of raw YUV)."""
    items: list[str | Model | Path] = []
    if models is None:
        models = ()
    if isinstance(models, (str, Model, Path)):
        models = [models]
    for m in models:
        if isinstance(m, str):
            items.extend(part for part in (s.strip() for s in m.split(",")) if part)
        else:
            items.append(m)
    items.extend(Path(p) for p in model_paths)
    if not items:
        items = ["default"]
    out: list[Model] = []
    for item in items:
        if isinstance(item, Model):
            model = item.neg() if neg else item
        elif isinstance(item, Path) or (isinstance(item, str) and item.endswith(".json")):
            model = load_model(item)
            model = model.neg() if neg else model
        elif item.strip().lower() == "auto":
            if source is None:
                raise ModelError("model variant 'auto' needs the input video to classify")
            model = model_variant(classify(source).variant, neg=neg)
        elif item.strip().lower() == "v1-auto":
            if source is None:
                raise ModelError("model variant 'v1-auto' needs the input video (its size and frame rate)")
            model = model_variant(classify_v1(source, fps=fps).variant)
        else:
            model = model_variant(item, neg=neg)
        out.append(model)
    names = [m.name for m in out]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ModelError(f"two models would both be reported as {dupes[0]!r}; pick distinct models")
    return tuple(out)


def feature_outputs(models: Iterable[Model]) -> list[FeatureRef]:
    """Every output the models' extractors produce with the models' options, in log order
    (an extractor computes all its outputs at once, and all of them are reported)."""
    seen: dict[tuple, None] = {}
    for ref in sorted({f for m in models for f in m.features}):
        ex = ref.spec
        for out in ex.outputs + ex.derived:
            seen.setdefault((ex.name, out.name, ref.options), None)
    return [FeatureRef(name, out, options) for name, out, options in seen]


def _overload_text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return f"{value:g}" if isinstance(value, float) else str(value)


def libvmaf_request(models: Sequence[Model]) -> tuple[list[LibvmafModel], list[tuple[str, str]]]:
    """How libvmaf is asked for these models: each model's file, flags and option overloads,
    and the ``(collector key, log name)`` of every feature to read back."""
    specs = []
    for model in models:
        base = load_model(model.source)
        if [f.family for f in base.features] != [f.family for f in model.features]:
            raise ModelError(f"model {model.name}: float-feature variants derived from integer models are "
                             "built-in only; give libvmaf a float model file with --model")
        flags = 0
        if model.transform.enabled and not base.transform.enabled:
            flags |= FLAG_ENABLE_TRANSFORM
        if not model.transform.enabled and base.transform.enabled:
            flags |= FLAG_DISABLE_TRANSFORM
        if model.clip is None and base.clip is not None:
            flags |= FLAG_DISABLE_CLIP
        # Every option the model sets differently from its file (NEG's gain limits, CAMBI's
        # encode size and depth, ...) becomes libvmaf's feature overload.
        overloads = []
        for ex in sorted({f.spec for f in model.features}, key=lambda e: e.name):
            for opt in ex.options:
                mine = {f.option(opt.name) for f in model.features if f.spec == ex}
                theirs = {f.option(opt.name) for f in base.features if f.spec == ex}
                if mine != theirs:
                    value = max(mine) if opt.name == ex.gain_limit else next(iter(mine))
                    if len(mine) > 1 and opt.name != ex.gain_limit:
                        raise ModelError(f"model {model.name}: libvmaf takes one {opt.name} per model")
                    overloads.append((ex.upstream, opt.name, _overload_text(value)))
        specs.append(LibvmafModel(model.name, str(model.source), flags, tuple(overloads)))
    reads = [(ref.collector_key, ref.log_name) for ref in feature_outputs(models)]
    return specs, reads
