"""The feature registry: one entry per extractor, and everything derived from it.

An entry says which C kernel computes the extractor, which options it takes (libvmaf's option
names, the aliases libvmaf prints and their defaults), what its outputs are called (in model
files and in libvmaf's JSON log) and what it needs from neighbouring frames. The scoring plan,
the engine calls, the per-frame results and the JSON names are all derived from these entries:
adding an extractor is one C file (+ its x86 file), one kernel in ``_native`` and one entry here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from . import motion_v1
from ._native import apsnr

__all__ = ["EXTRACTORS", "Extractor", "FeatureRef", "Option", "by_collector", "option_value", "parse_feature"]


OptionValue = float | bool | str


@dataclass(frozen=True)
class Option:
    """An extractor option as libvmaf knows it."""

    name: str  # libvmaf's option name, e.g. "adm_enhn_gain_limit"
    alias: str  # what libvmaf prints in feature names, e.g. "egl"
    default: OptionValue  # its type is the option's type (float for libvmaf's int and double)
    key: str  # the kernel's name for it, e.g. "egl"
    named: bool = True  # libvmaf's FEATURE_PARAM flag: a non-default value shows in feature names
    limits: tuple[float, float] | None = None  # libvmaf's min and max for a value off the default

    def parse(self, value: object, *, text: bool = False) -> OptionValue:
        """The value the extractor runs with: as libvmaf's model loader hands a JSON number over
        (through a float and ``%g``), or, for ``text`` from a --feature string, as ``atof`` reads it."""
        if isinstance(self.default, bool):
            if isinstance(value, str) and value.lower() in ("true", "false"):
                return value.lower() == "true"
            if not isinstance(value, bool):
                raise ValueError(f"{self.name} takes true or false, not {value!r}")
            return value
        if isinstance(self.default, str):
            if not isinstance(value, str):
                raise ValueError(f"{self.name} takes a string, not {value!r}")
            return value
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise ValueError(f"{self.name} takes a number, not {value!r}")
        try:
            number = float(value) if text else option_value(float(value))
        except ValueError:
            raise ValueError(f"{self.name} takes a number, not {value!r}") from None
        if not math.isfinite(number):
            raise ValueError(f"{self.name} must be finite, not {value!r}")
        if self.limits and number != self.default and not self.limits[0] <= number <= self.limits[1]:
            raise ValueError(f"{self.name} must be {self.limits[0]:g} to {self.limits[1]:g} (libvmaf's limits), "
                             f"got {number:g}")
        return number

    def suffix(self, value: OptionValue) -> str:
        """libvmaf's piece of a feature name for a non-default value."""
        if isinstance(value, bool):
            return f"_{self.alias}"
        if isinstance(value, str):
            return f"_{self.alias}_{value}"
        return f"_{self.alias}_{value:g}"


@dataclass(frozen=True)
class Output:
    """One value an extractor produces per frame (per option variant)."""

    name: str  # e.g. "adm2"
    collector: str  # the name model files use, e.g. "VMAF_integer_feature_adm2_score"
    log: str  # the name libvmaf's JSON log prints with default options, e.g. "integer_adm2"
    printed: bool = True  # False: an intermediate only aggregates read (PSNR's per-frame SSE)


@dataclass(frozen=True)
class Extractor:
    """One feature extractor: a C kernel, its options, its outputs, its temporal needs."""

    name: str  # the kernel's and libvmaf's extractor name: "vif", "adm", "float_vif" ...
    kind: str  # the same measurement in either family: "vif", "adm", "motion"
    family: str  # "integer" or "float"
    outputs: tuple[Output, ...]  # in the kernel's column order
    options: tuple[Option, ...] = ()
    prev_refs: int = 0  # previous reference frames it reads (such extractors run on every frame)
    # Outputs computed over the whole series after the frame loop, from the per-frame outputs and
    # the variant's options (each needs at most the next frame: a lookahead of one).
    derived: tuple[Output, ...] = ()
    derive: Callable[[Mapping[str, np.ndarray], Mapping[str, OptionValue]], dict[str, np.ndarray]] | None = None
    gain_limit: str | None = None  # the option NEG sets to 1.0, if the extractor has one
    chroma: bool = False  # reads the chroma planes (gray input cannot be scored)
    libvmaf_name: str = ""  # libvmaf's extractor name, when it differs from ``name``
    # Clip-level values libvmaf prints under ``aggregate_metrics`` (PSNR's APSNR), from the
    # per-frame outputs, the variant's options and the bit depth.
    aggregate: Callable[[Mapping[str, np.ndarray], Mapping[str, OptionValue], int], dict[str, float]] | None = None
    # Another extractor whose per-frame outputs, for a variant with these options, are this one's
    # (column for column, frame for frame): planned together, only that one is computed.
    same_as: tuple[str, tuple[tuple[str, OptionValue], ...]] | None = None

    @property
    def upstream(self) -> str:
        return self.libvmaf_name or self.name

    def output(self, name: str) -> Output:
        for out in self.outputs + self.derived:
            if out.name == name:
                return out
        raise KeyError(name)

    def option(self, name: str) -> Option:
        """An option by libvmaf's name or its alias."""
        for opt in self.options:
            if name in (opt.name, opt.alias):
                return opt
        raise KeyError(name)

    def suffix(self, options: Iterable[tuple[str, OptionValue]]) -> str:
        """libvmaf's name suffix: ``_<alias>_<value>`` for each option not at its default,
        ordered by option name (numbers printed with ``%g``, a true flag as the bare alias)."""
        given = dict(options)
        parts = []
        for opt in sorted(self.options, key=lambda o: o.name):
            value = given.get(opt.name, opt.default)
            if opt.named and value != opt.default:
                parts.append(opt.suffix(value))
        return "".join(parts)


def option_value(value: float) -> float:
    """What an option value becomes on its way into libvmaf (parsed as a float, printed with
    ``%g``, parsed again as a double): the value the extractor really runs with."""
    return float(f"{float(np.float32(value)):g}")


def _motion2(values: Mapping[str, np.ndarray], options: Mapping[str, OptionValue]) -> dict[str, np.ndarray]:
    """libvmaf 3.x's motion2: 0 for frame 0, min(motion[i], motion[i+1]), the last keeps its own."""
    motion = values["motion"]
    out = motion.copy()
    if len(motion) > 1:
        out[1:-1] = np.minimum(motion[1:-1], motion[2:])
    out[0] = 0.0
    return {"motion2": out}


def _motion3(values: Mapping[str, np.ndarray], options: Mapping[str, OptionValue]) -> dict[str, np.ndarray]:
    """libvmaf master's motion SAD (clamped, fps-weighted) and its motion2/motion3, which it
    computes at flush: frame i reads frame i+1's SAD."""
    top, weight = float(options["motion_max_val"]), float(options["motion_fps_weight"])
    sad = np.array([motion_v1.sad_score(v, max_val=top, fps_weight=weight) for v in values["motion_sad"]])
    motion2, motion3 = motion_v1.motion2_motion3(
        sad,
        five_frame_window=bool(options["motion_five_frame_window"]),
        moving_average=bool(options["motion_moving_average"]),
        max_val=top,
        blend_factor=float(options["motion_blend_factor"]),
        blend_offset=float(options["motion_blend_offset"]),
    )
    return {"motion_sad": sad, "motion2": np.asarray(motion2), "motion3": np.asarray(motion3)}


def _outputs(family: str, names: Iterable[str]) -> tuple[Output, ...]:
    """libvmaf's names: the collector's ``VMAF_[integer_]feature_<name>_score`` (what model files
    use), printed as ``[integer_]<name>``; ADM's per-scale values have only the short name."""
    prefix, log_prefix = ("VMAF_integer_feature_", "integer_") if family == "integer" else ("VMAF_feature_", "")
    return tuple(
        Output(n, log_prefix + n if n.startswith("adm_scale") else f"{prefix}{n}_score", log_prefix + n) for n in names
    )


def _opt(name: str, alias: str, default: OptionValue, key: str | None = None, named: bool = True,
         limits: tuple[float, float] | None = None) -> Option:
    return Option(name, alias, default, key or name, named, limits)


def _unnamed(name: str, default: OptionValue) -> Option:
    """An option libvmaf does not show in feature names (no FEATURE_PARAM flag)."""
    return Option(name, name, default, name, named=False)


def _apsnr(values: Mapping[str, np.ndarray], options: Mapping[str, OptionValue], bpc: int) -> dict[str, float]:
    """libvmaf's APSNR: one PSNR of each plane from the SSE and pixel counts summed over the clip."""
    if not options["enable_apsnr"]:
        return {}
    out = {}
    for plane in ("y", "cb", "cr"):
        npix = int(np.sum(values[f"npix_{plane}"].astype(np.uint64)))
        if plane != "y" and not options["enable_chroma"]:
            continue
        sse = int(np.sum(values[f"sse_{plane}"].astype(np.uint64)))
        out[f"apsnr_{plane}"] = apsnr(bpc, bool(options["reduced_hbd_peak"]), sse, npix)
    return out


def _plain(names: Iterable[str], printed: bool = True) -> tuple[Output, ...]:
    """Outputs that libvmaf stores and prints under one and the same name."""
    return tuple(Output(n, n, n, printed) for n in names)


def _egl(name: str) -> Option:
    return _opt(name, "egl", 100.0, "egl")


_VIF_OUT = [f"vif_scale{s}" for s in range(4)]
_ADM_OUT = ["adm2", *(f"adm_scale{s}" for s in range(4)), "aim", "adm3"]

# VMAF v1's options of libvmaf's integer ADM; at their defaults ADM is VMAF v0.6.1's (which
# computes no AIM, so reports neither aim nor adm3).
_ADM_V1_OPTIONS = (
    # libvmaf master computes AIM unless told to skip it, libvmaf 3.x never does; here it is
    # computed where a v1 option asks for adm3, or where this is set to false (the AOM CTC preset).
    _opt("adm_skip_aim", "adm_skip_aim", True, "skip_aim", named=False),
    _opt("adm_csf_mode", "csf", 0.0, "csf_mode"),
    _opt("adm_dlm_weight", "dlmw", 0.5, "dlm_weight"),
    _opt("adm_min_val", "min", 0.0, "min_val"),
    _opt("adm_noise_weight", "nw", 0.03125, "noise_weight"),
    _opt("adm_norm_view_dist", "nvd", 3.0, "norm_view_dist"),
    _opt("adm_ref_display_height", "rdh", 1080.0, "ref_display_height"),
)

EXTRACTORS: dict[str, Extractor] = {
    e.name: e
    for e in (
        Extractor("vif", "vif", "integer", _outputs("integer", _VIF_OUT), (_egl("vif_enhn_gain_limit"),),
                  gain_limit="vif_enhn_gain_limit"),
        Extractor("adm", "adm", "integer", _outputs("integer", _ADM_OUT),
                  (_egl("adm_enhn_gain_limit"), *_ADM_V1_OPTIONS), gain_limit="adm_enhn_gain_limit"),
        # libvmaf 3.x's integer motion (VMAF v0.6.1 as ffmpeg's libvmaf filter computes it)
        Extractor("motion", "motion", "integer",
                  (Output("motion", "VMAF_integer_feature_motion_sad_score", "integer_motion"),), prev_refs=1,
                  derived=_outputs("integer", ["motion2"]), derive=_motion2,
                  same_as=("motion_v1", (("motion_five_frame_window", False),))),  # the same SAD at distance 1
        # libvmaf master's pipelined integer motion (VMAF v1: motion3, the HFR five-frame window)
        Extractor("motion_v1", "motion", "integer",
                  (Output("motion_sad", "VMAF_integer_feature_motion_sad_score", "VMAF_integer_feature_motion_sad_score"),),
                  (
                      _opt("motion_blend_factor", "mbf", 1.0, "blend_factor"),
                      _opt("motion_blend_offset", "mbo", 40.0, "blend_offset"),
                      _opt("motion_five_frame_window", "mffw", False, "five_frame_window"),
                      _opt("motion_fps_weight", "mfw", 1.0, "fps_weight"),
                      _opt("motion_max_val", "mmxv", 10000.0, "max_val"),
                      _opt("motion_moving_average", "mma", False, "moving_average"),
                  ),
                  prev_refs=2, derived=_outputs("integer", ["motion2", "motion3"]), derive=_motion3,
                  libvmaf_name="motion"),
        Extractor("cambi", "cambi", "integer", (Output("cambi", "Cambi_feature_cambi_score", "cambi"),),
                  (
                      _opt("cambi_high_res_speedup", "hrs", 0.0, "high_res_speedup"),
                      _opt("cambi_max_val", "cmxv", 1000.0, "max_val"),
                      _opt("cambi_topk", "ctpk", 0.6),
                      _opt("cambi_vis_lum_threshold", "vlt", 0.0, "vis_lum_threshold"),
                      _opt("enc_bitdepth", "encbd", 0.0, limits=(6, 16)),
                      _opt("enc_height", "ench", 0.0, limits=(150, 7680)),
                      _opt("enc_width", "encw", 0.0, limits=(180, 7680)),
                      _opt("cambi_eotf", "ceot", "bt1886"),
                      _opt("eotf", "eotf", "bt1886"),
                      _opt("max_log_contrast", "mlc", 2.0),
                      _opt("topk", "topk", 0.6),
                      _opt("tvi_threshold", "tvit", 0.019),
                      _opt("window_size", "ws", 65.0),
                  )),
        Extractor("speed_chroma", "speed_chroma", "integer",
                  tuple(Output(f"speed_chroma_{c}", f"Speed_chroma_feature_speed_chroma_{c}_score", f"speed_chroma_{c}")
                        for c in ("u", "v", "uv")),
                  (
                      _opt("speed_kernelscale", "ks", 1.0, "kernelscale"),
                      _opt("speed_max_val", "mxv", 1000.0, "max_val"),
                      _opt("speed_nn_floor", "nnf", 0.0, "nn_floor"),
                      _opt("speed_prescale", "ps", 1.0, "prescale"),
                      _opt("speed_prescale_method", "psm", "nearest", "prescale_method"),
                      _opt("speed_sigma_nn", "snn", 0.29, "sigma_nn"),
                      _opt("speed_weight_var_mode", "wvm", 0.0, "weight_var_mode"),
                  ), chroma=True),
        # The AOM CTC metrics
        Extractor("psnr", "psnr", "integer",
                  _plain(f"{k}_{p}" for k in ("psnr", "mse") for p in ("y", "cb", "cr"))
                  + _plain((f"{k}_{p}" for k in ("sse", "npix") for p in ("y", "cb", "cr")), printed=False),
                  (_unnamed("enable_apsnr", False), _unnamed("enable_chroma", True), _unnamed("enable_mse", False),
                   _unnamed("min_sse", 0.0), _unnamed("reduced_hbd_peak", False)),
                  chroma=True, aggregate=_apsnr),
        Extractor("ciede", "ciede", "integer", _plain(["ciede2000"]), chroma=True),
        Extractor("float_ssim", "ssim", "float", _plain(["float_ssim", "float_ssim_l", "float_ssim_c", "float_ssim_s"]),
                  (_unnamed("clip_db", False), _unnamed("enable_db", False), _unnamed("enable_lcs", False),
                   _unnamed("scale", 0.0))),
        Extractor("float_ms_ssim", "ms_ssim", "float",
                  _plain(["float_ms_ssim", *(f"float_ms_ssim_{c}_scale{k}" for c in "lcs" for k in range(5))]),
                  (_unnamed("clip_db", False), _unnamed("enable_db", False), _unnamed("enable_lcs", False))),
        Extractor("psnr_hvs", "psnr_hvs", "integer", _plain(["psnr_hvs_y", "psnr_hvs_cb", "psnr_hvs_cr", "psnr_hvs"]),
                  chroma=True),
        Extractor("float_vif", "vif", "float", _outputs("float", _VIF_OUT), (_egl("vif_enhn_gain_limit"),),
                  gain_limit="vif_enhn_gain_limit"),
        Extractor("float_adm", "adm", "float", _outputs("float", _ADM_OUT[:5]), (_egl("adm_enhn_gain_limit"),),
                  gain_limit="adm_enhn_gain_limit"),
        Extractor("float_motion", "motion", "float", _outputs("float", ["motion"]), prev_refs=1,
                  derived=_outputs("float", ["motion2"]), derive=_motion2),
    )
}


def counterpart(ex: Extractor, family: str) -> Extractor:
    """The extractor measuring the same thing in the other family (integer <-> float)."""
    for other in EXTRACTORS.values():
        if other.kind == ex.kind and other.family == family:
            return other
    raise KeyError(f"no {family} {ex.kind} extractor")


def by_collector(name: str) -> tuple[Extractor, Output] | None:
    """The extractor and output a model file's feature name refers to, if any."""
    for ex in EXTRACTORS.values():
        for out in ex.outputs + ex.derived:
            if out.collector == name:
                return ex, out
    return None


@dataclass(frozen=True, order=True)
class FeatureRef:
    """One model input: an extractor's output computed with given (non-default) options."""

    extractor: str
    output: str
    options: tuple[tuple[str, OptionValue], ...] = field(default=())  # sorted (libvmaf option name, value)

    @classmethod
    def make(cls, extractor: str, output: str, options: Mapping[str, object] | None = None) -> FeatureRef:
        """A reference in canonical form: options by libvmaf name, parsed, defaults left out."""
        ex = EXTRACTORS[extractor]
        given = {ex.option(k).name: ex.option(k).parse(v) for k, v in (options or {}).items()}
        kept = {k: v for k, v in given.items() if v != ex.option(k).default}
        return cls(extractor, output, tuple(sorted(kept.items())))

    @property
    def spec(self) -> Extractor:
        return EXTRACTORS[self.extractor]

    def option(self, name: str) -> OptionValue:
        opt = self.spec.option(name)
        return dict(self.options).get(opt.name, opt.default)

    @property
    def variant(self) -> tuple[tuple[str, OptionValue], ...]:
        """The option set the kernel runs with (all options, defaults filled in)."""
        return tuple((o.name, self.option(o.name)) for o in self.spec.options)

    @property
    def log_name(self) -> str:
        """The name libvmaf's JSON log prints, e.g. ``integer_adm2_egl_1``."""
        return log_name(self.spec, self.output, self.options)

    @property
    def collector_key(self) -> str:
        """The name libvmaf's feature collector stores it under (what ``vmaf_feature_score_at_index`` takes)."""
        out = self.spec.output(self.output)
        return out.collector if not self.options else self.log_name

    @property
    def family(self) -> str:
        return self.spec.family

    @property
    def egl(self) -> float:
        """The enhancement gain limit it runs with (libvmaf's default 100 where there is none)."""
        gain = self.spec.gain_limit
        return self.option(gain) if gain else 100.0

    def with_options(self, **options: OptionValue) -> FeatureRef:
        return FeatureRef.make(self.extractor, self.output, {**dict(self.options), **options})


def log_name(ex: Extractor, output: str, options: Iterable[tuple[str, OptionValue]] = ()) -> str:
    return ex.output(output).log + ex.suffix(options)


def parse_feature(spec: str) -> tuple[FeatureRef, ...]:
    """A feature request in libvmaf's syntax (``cambi``, ``cambi=enc_width=960:enc_height=540``,
    also ``cambi:enc_width=960`` and ffmpeg's ``name=cambi:...``): every output of that extractor
    with those options. Problems are ValueErrors naming what is wrong."""
    text = spec.strip()
    if text.startswith("name="):
        text = text[len("name="):]
    name, sep, rest = text.partition(":")
    if "=" in name:
        name, _, first = name.partition("=")
        rest = first + (sep + rest if sep else "")
    name = name.strip()
    if name not in EXTRACTORS:
        raise ValueError(f"unknown feature {name!r} (available: {', '.join(EXTRACTORS)})")
    ex = EXTRACTORS[name]
    options: dict[str, OptionValue] = {}
    for item in filter(None, (p.strip() for p in rest.split(":"))):
        key, eq, value = item.partition("=")
        if not eq:
            raise ValueError(f"feature {name}: option {item!r} needs a value (opt=val)")
        try:
            opt = ex.option(key.strip())
        except KeyError:
            known = ", ".join(o.name for o in ex.options) or "none"
            raise ValueError(f"feature {name}: unknown option {key.strip()!r} (options: {known})") from None
        options[opt.name] = opt.parse(value.strip(), text=True)
    return tuple(FeatureRef.make(name, out.name, options) for out in ex.outputs + ex.derived)
