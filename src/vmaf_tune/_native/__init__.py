"""The only package that touches cffi: numpy planes in, numpy arrays out.

Each C extractor gets one small kernel class here that knows its entry points and its output
layout; everything above (which kernels a set of models needs, what the outputs are called)
comes from :mod:`vmaf_tune.features`. This layer depends on nothing of the package but
:mod:`vmaf_tune.errors`.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Mapping, Sequence
from typing import ClassVar

import numpy as np

from ..errors import EngineError, FrameSizeError
from ._vt_cffi import ffi, lib

__all__ = ["CODE_PATHS", "KERNELS", "Kernel", "MAX_VARIANTS", "apsnr", "check", "code_paths", "set_simd",
           "simd_available", "use_code_path"]

MAX_VARIANTS = lib.VT_MAX_EGL

_ERRORS = {lib.VT_ETOOSMALL: FrameSizeError, lib.VT_ESIZE: FrameSizeError}


def check(rc: int, what: str) -> None:
    """Turns a C return code into the matching exception, with the engine's own description."""
    if rc == lib.VT_OK:
        return
    text = ffi.string(lib.vt_strerror(rc)).decode()
    raise _ERRORS.get(rc, EngineError)(f"{what}: {text}")


def _plane(arr: np.ndarray, bpc: int):
    """Describes a 2-D array for C without copying; the caller keeps ``arr`` alive."""
    if arr.ndim != 2 or arr.dtype not in (np.uint8, np.uint16):
        raise FrameSizeError("a plane must be a 2-D uint8 or uint16 array")
    if (arr.dtype == np.uint8) != (bpc == 8):
        raise FrameSizeError(f"{arr.dtype} samples do not match bit depth {bpc}")
    if arr.strides[1] != arr.itemsize or arr.strides[0] < arr.shape[1] * arr.itemsize:
        raise FrameSizeError("plane rows must be contiguous with a stride >= width")
    if not arr.dtype.isnative:
        raise FrameSizeError("plane samples must be in native byte order")
    p = ffi.new("vt_plane *")
    p.data = ffi.cast("const void *", arr.ctypes.data)
    p.stride = arr.strides[0]
    p.h, p.w = arr.shape
    p.bpc = bpc
    return p


def simd_available() -> bool:
    """Whether this CPU and build have the AVX2 code path."""
    return bool(lib.vt_simd_available())


def set_simd(enabled: bool) -> bool:
    """Chooses SIMD (default) or the scalar reference path for kernels created afterwards
    (the environment variable VMAF_TUNE_SIMD=0 sets the initial choice). Returns the previous one."""
    return bool(lib.vt_set_simd(1 if enabled else 0))


CODE_PATHS = ("scalar", "avx2", "avxvnni")


def code_paths() -> tuple[str, ...]:
    """The code paths this CPU and build run, of CODE_PATHS: the scalar reference, AVX2, and AVX2
    with the AVX-VNNI build of integer VIF's filters. All give the same bits."""
    return CODE_PATHS[: 1 + bool(lib.vt_simd_available()) + bool(lib.vt_avxvnni_available())]


def use_code_path(path: str) -> str:
    """Makes kernels created afterwards take ``path`` (one of code_paths()); returns the previous
    choice. ``avxvnni`` is where AVX-VNNI builds exist, plain AVX2 elsewhere."""
    if path not in code_paths():
        raise EngineError(f"code path {path!r} is not available here (available: {', '.join(code_paths())})")
    was_simd = lib.vt_set_simd(int(path != "scalar"))
    was_vnni = lib.vt_set_avxvnni(int(path == "avxvnni"))
    if not (was_simd and lib.vt_simd_available()):
        return "scalar"
    return "avxvnni" if was_vnni and lib.vt_avxvnni_available() else "avx2"


Planes = tuple  # (Y,) or (Y, U, V): 2-D uint8/uint16 arrays


class Kernel:
    """One C extractor context for one frame geometry; use one instance per thread.

    ``variants`` are option sets computed in one pass (e.g. two gain limits). ``compute`` takes
    the reference and distorted planes and the previous reference lumas (the most recent first,
    as many as the extractor reads; fewer at the start of a clip) and returns one row of
    ``outputs`` values per variant."""

    name: ClassVar[str]
    outputs: ClassVar[int]
    max_variants: ClassVar[int] = MAX_VARIANTS
    min_size: ClassVar[tuple[int, int]]
    too_small: ClassVar[str]  # libvmaf's size rule, for the message when a frame breaks it
    _ctype: ClassVar[str]
    _new: ClassVar[str]
    _free: ClassVar[str]

    def __init__(self, width: int, height: int, bpc: int, variants: Sequence[Mapping[str, object]] = ({},), *,
                 chroma: tuple[int, int] | None = None) -> None:
        if not 1 <= len(variants) <= self.max_variants:
            raise EngineError(f"{self.name}: 1 to {self.max_variants} option variants per pass, got {len(variants)}")
        self.width, self.height, self.bpc = width, height, bpc
        self.variants = tuple(variants)
        out = ffi.new(self._ctype)
        rc = self._create(out, width, height, bpc)
        if rc == lib.VT_ETOOSMALL:
            raise FrameSizeError(f"{self.name}: {width}x{height} is smaller than it can take ({self.too_small})")
        check(rc, f"{self.name} ({width}x{height}, {bpc}-bit)")
        self._ctx = ffi.gc(out[0], getattr(lib, self._free))

    def _create(self, out, width: int, height: int, bpc: int) -> int:
        return getattr(lib, self._new)(out, width, height, bpc)

    def compute(self, ref: Planes, dis: Planes, prevs: Planes) -> np.ndarray:
        raise NotImplementedError

    # Reference-side reuse: an extractor whose reference-only work can be kept (ADM's wavelet
    # bands) computes it once per reference frame; every distorted frame scored against that
    # frame then reads it (from any thread's kernel of the same geometry), with the same bits.
    reference_bytes: int = 0  # memory of one reference state; 0: this extractor keeps none
    reference_only: ClassVar[bool] = False  # reads no distorted pixels: its output can be kept whole

    @functools.cached_property
    def identity(self) -> tuple:
        """What the outputs depend on besides the pictures (a ReferenceCache key)."""
        return (self.name, self.width, self.height, self.bpc, tuple(tuple(sorted(v.items())) for v in self.variants))

    def reference(self, ref: Planes) -> object:
        """The reference-only state of ``ref`` for :meth:`compute_with`."""
        raise NotImplementedError

    def compute_with(self, state: object, ref: Planes, dis: Planes, prevs: Planes) -> np.ndarray:
        """:meth:`compute`, with ``ref``'s reference-only work taken from ``state``."""
        return self.compute(ref, dis, prevs)


class _GainLimitKernel(Kernel):
    """VIF and ADM: every gain limit (``egl``) of the requested variants in one pass."""

    def __init__(self, width: int, height: int, bpc: int, variants: Sequence[Mapping[str, object]] = ({"egl": 100.0},),
                 **kw) -> None:
        super().__init__(width, height, bpc, variants, **kw)
        self._n = len(self.variants)
        self._egl = ffi.new("double[]", [float(v["egl"]) for v in self.variants])


class _Vif(_GainLimitKernel):
    _fn: ClassVar[str]

    def compute(self, ref, dis, prevs):
        out = np.empty((self._n, 4))
        fn = getattr(lib, self._fn)
        check(fn(self._ctx, _plane(ref[0], self.bpc), _plane(dis[0], self.bpc), self._egl, self._n,
                 ffi.from_buffer("double[]", out)), self.name)
        return out


class _VifState:
    """A VIF reference state, filled by the first distorted frame scored with it
    (vt_vif_compute_keep costs little more than a plain compute, where vt_vif_ref_compute and
    then vt_vif_compute_ref would cost more), then read by every later one."""

    __slots__ = ("ptr", "ref", "lock")

    def __init__(self, ptr, ref: np.ndarray) -> None:
        self.ptr = ptr
        self.ref: np.ndarray | None = ref  # the reference luma until the state is filled
        self.lock = threading.Lock()


class _IntegerVif(_Vif):
    """Integer VIF; its reference state (the reference's decimated planes, filtered mean and
    variance at every scale) lets a distorted frame compute only its own statistics."""

    name = "vif"
    outputs = 4
    min_size = (lib.VT_VIF_MIN_W, lib.VT_VIF_MIN_H)
    too_small = f"at least {lib.VT_VIF_MIN_W}x{lib.VT_VIF_MIN_H}"
    _ctype, _new, _free, _fn = "vt_vif **", "vt_vif_new", "vt_vif_free", "vt_vif_compute"

    @property
    def reference_bytes(self) -> int:  # type: ignore[override]
        return int(lib.vt_vif_ref_bytes(self.width, self.height, self.bpc))

    def reference(self, ref):
        out = ffi.new("vt_vif_ref **")
        check(lib.vt_vif_ref_new(out, self.width, self.height, self.bpc), self.name)
        _plane(ref[0], self.bpc)  # refused now if it does not fit
        return _VifState(ffi.gc(out[0], lib.vt_vif_ref_free), ref[0])

    def compute_with(self, state, ref, dis, prevs):
        out = np.empty((self._n, 4))
        args = (_plane(dis[0], self.bpc), self._egl, self._n, ffi.from_buffer("double[]", out))
        if state.ref is not None:
            with state.lock:
                if state.ref is not None:
                    check(lib.vt_vif_compute_keep(self._ctx, state.ptr, _plane(state.ref, self.bpc), *args), self.name)
                    state.ref = None
                    return out
        check(lib.vt_vif_compute_ref(self._ctx, state.ptr, *args), self.name)
        return out


class _Adm(_GainLimitKernel):
    _fn: ClassVar[str]

    def compute(self, ref, dis, prevs):
        adm2, scales = np.empty(self._n), np.empty((self._n, 4))
        fn = getattr(lib, self._fn)
        check(fn(self._ctx, _plane(ref[0], self.bpc), _plane(dis[0], self.bpc), self._egl, self._n,
                 ffi.from_buffer("double[]", adm2), ffi.from_buffer("double[]", scales)), self.name)
        return np.column_stack((adm2, scales))


class _Motion(Kernel):
    """Motion of the reference against the previous reference (0 for the first frame)."""

    _fn: ClassVar[str]
    reference_only = True

    def compute(self, ref, dis, prevs):
        if not prevs:
            return np.zeros((1, 1))
        score = ffi.new("double *")
        check(getattr(lib, self._fn)(self._ctx, _plane(prevs[0], self.bpc), _plane(ref[0], self.bpc), score),
              self.name)
        return np.array([[score[0]]])


class _IntegerAdm(_GainLimitKernel):
    """Integer ADM: every configuration the models need from one wavelet transform of each picture.
    VMAF v0.6.1's configurations (gain limits only) take the engine's original entry point; any
    VMAF v1 option (CSF mode, viewing distance, display height, noise weight, DLM weight, floor)
    takes vt_adm_compute_cfg, which also gives AIM and adm3 (NaN where not computed)."""

    name = "adm"
    outputs = 7  # adm2, adm_scale0..3, aim, adm3
    max_variants = lib.VT_ADM_MAX_CFG
    min_size = (lib.VT_ADM_MIN_W, lib.VT_ADM_MIN_H)
    too_small = f"at least {lib.VT_ADM_MIN_W}x{lib.VT_ADM_MIN_H}"
    _ctype, _new, _free = "vt_adm **", "vt_adm_new", "vt_adm_free"
    _V1 = {"csf_mode": 0.0, "norm_view_dist": 3.0, "ref_display_height": 1080.0, "noise_weight": 0.03125,
           "dlm_weight": 0.5, "min_val": 0.0}

    def __init__(self, width, height, bpc, variants=({"egl": 100.0},), **kw):
        super().__init__(width, height, bpc, variants, **kw)
        aim = [not v.get("skip_aim", True) or any(v.get(k, d) != d for k, d in self._V1.items()) for v in self.variants]
        self._original = not any(aim) and self._n <= MAX_VARIANTS
        if not self._original:
            self._cfg = ffi.new("vt_adm_cfg[]", len(self.variants))
            for c, v, want_aim in zip(self._cfg, self.variants, aim):
                lib.vt_adm_cfg_default(ffi.addressof(c))
                c.egl = float(v.get("egl", 100.0))
                c.csf_mode = int(v.get("csf_mode", 0))
                c.norm_view_dist = float(v.get("norm_view_dist", 3.0))
                c.ref_display_height = int(v.get("ref_display_height", 1080))
                c.noise_weight = float(v.get("noise_weight", 0.03125))
                c.dlm_weight = float(v.get("dlm_weight", 0.5))
                c.min_val = float(v.get("min_val", 0.0))
                c.aim = int(want_aim)

    @property
    def reference_bytes(self) -> int:  # type: ignore[override]
        stride, rows, total = (self.width + 1) // 2, self.height, 0
        for _ in range(4):
            rows = (rows + 1) // 2
            total += 3 * stride * rows * 4
        return total

    def reference(self, ref):
        out = ffi.new("vt_adm_ref **")
        check(lib.vt_adm_ref_new(out, self.width, self.height, self.bpc), self.name)
        state = ffi.gc(out[0], lib.vt_adm_ref_free)
        check(lib.vt_adm_ref_compute(self._ctx, state, _plane(ref[0], self.bpc)), self.name)
        return state

    def compute(self, ref, dis, prevs):
        return self._run(_plane(ref[0], self.bpc), None, dis)

    def compute_with(self, state, ref, dis, prevs):
        return self._run(None, state, dis)

    def _run(self, ref_plane, state, dis):
        """One of the four entry points: v0.6.1 gain limits or v1 configurations, from the
        reference picture or from its reference state."""
        dis_plane = _plane(dis[0], self.bpc)
        if self._original:
            adm2, scales = np.empty(self._n), np.empty((self._n, 4))
            args = (self._egl, self._n, ffi.from_buffer("double[]", adm2), ffi.from_buffer("double[]", scales))
            if state is None:
                check(lib.vt_adm_compute(self._ctx, ref_plane, dis_plane, *args), self.name)
            else:
                check(lib.vt_adm_compute_ref(self._ctx, state, dis_plane, *args), self.name)
            out = np.full((self._n, self.outputs), np.nan)
            out[:, 0], out[:, 1:5] = adm2, scales
            return out
        out = np.empty((self._n, self.outputs))
        args = (self._cfg, self._n, ffi.from_buffer("double[]", out))
        if state is None:
            check(lib.vt_adm_compute_cfg(self._ctx, ref_plane, dis_plane, *args), self.name)
        else:
            check(lib.vt_adm_compute_cfg_ref(self._ctx, state, dis_plane, *args), self.name)
        return out


class _MotionV1(Kernel):
    """libvmaf master's per-frame motion SAD (VMAF v1): the same blurred-difference SAD as
    ``motion``, against frame i-1, or i-2 for the five-frame (HFR) window; computed once per
    distance for every variant. The clamp to max_val and the fps weight are applied above."""

    name = "motion_v1"
    outputs = 1
    min_size = (lib.VT_MOTION_MIN_W, lib.VT_MOTION_MIN_H)
    too_small = f"at least {lib.VT_MOTION_MIN_W}x{lib.VT_MOTION_MIN_H}"
    _ctype, _new, _free = "vt_motion **", "vt_motion_new", "vt_motion_free"
    reference_only = True

    def __init__(self, width, height, bpc, variants=({"five_frame_window": False},), **kw):
        super().__init__(width, height, bpc, variants, **kw)
        self._dist = [2 if v.get("five_frame_window") else 1 for v in self.variants]

    def compute(self, ref, dis, prevs):
        raw = {}
        for d in set(self._dist):
            if len(prevs) >= d:
                score = ffi.new("double *")
                check(lib.vt_motion_compute(self._ctx, _plane(prevs[d - 1], self.bpc), _plane(ref[0], self.bpc), score),
                      self.name)
                raw[d] = score[0]
            else:
                raw[d] = 0.0
        return np.array([[raw[d]] for d in self._dist])


class _Cambi(Kernel):
    """CAMBI banding (no-reference: the distorted luma only); one C context per option variant."""

    name = "cambi"
    outputs = 1
    max_variants = 16
    min_size = (1, 1)
    too_small = ("CAMBI needs a width or a height of at least 216, as libvmaf does, and frames not more than "
                 "about ten times wider than high, where libvmaf reads outside its buffers")
    _EOTF = {"bt1886": lib.VT_CAMBI_EOTF_BT1886, "pq": lib.VT_CAMBI_EOTF_PQ}
    _INT = ("enc_width", "enc_height", "enc_bitdepth", "high_res_speedup", "window_size", "max_log_contrast")

    def __init__(self, width, height, bpc, variants=({},), *, chroma=None):
        if not 1 <= len(variants) <= self.max_variants:
            raise EngineError(f"{self.name}: 1 to {self.max_variants} option variants per pass, got {len(variants)}")
        self.width, self.height, self.bpc = width, height, bpc
        self.variants = tuple(variants)
        self._ctxs = []
        for v in self.variants:
            opts = ffi.new("vt_cambi_opts *")
            lib.vt_cambi_default_opts(opts)
            for key in self._INT:
                if key in v:
                    setattr(opts, key, int(v[key]))
            for key in ("tvi_threshold", "vis_lum_threshold", "max_val"):
                if key in v:
                    setattr(opts, key, float(v[key]))
            # libvmaf reads cambi_topk / cambi_eotf only where topk / eotf keep their defaults
            topk = v.get("topk", 0.6)
            opts.topk = float(topk if topk != 0.6 else v.get("cambi_topk", 0.6))
            eotf = v.get("eotf", "bt1886")
            eotf = eotf if eotf != "bt1886" else v.get("cambi_eotf", "bt1886")
            if eotf not in self._EOTF:
                raise EngineError(f"{self.name}: unknown eotf {eotf!r} ({', '.join(self._EOTF)})")
            opts.eotf = self._EOTF[eotf]
            out = ffi.new("vt_cambi **")
            rc = lib.vt_cambi_new(out, width, height, bpc, opts)
            if rc == lib.VT_ETOOSMALL:
                raise FrameSizeError(f"{self.name}: {width}x{height} is smaller than it can take ({self.too_small})")
            check(rc, f"{self.name} ({width}x{height}, {bpc}-bit)")
            self._ctxs.append(ffi.gc(out[0], lib.vt_cambi_free))

    def compute(self, ref, dis, prevs):
        plane = _plane(dis[0], self.bpc)
        out = np.empty((len(self._ctxs), 1))
        score = ffi.new("double *")
        for k, ctx in enumerate(self._ctxs):
            check(lib.vt_cambi_compute(ctx, plane, score), self.name)
            out[k, 0] = score[0]
        return out


class _Speed(Kernel):
    """SpEED chroma (VMAF v1): U and V of both pictures, at libvmaf's chroma size; one C context
    per option variant (each prescales differently)."""

    name = "speed_chroma"
    outputs = 3  # u, v, uv
    max_variants = 16
    min_size = (1, 1)
    too_small = "after prescaling, chroma planes must be at least 80x80; libvmaf crashes below that"
    _METHODS = {"nearest": lib.VT_SPEED_NEAREST, "bilinear": lib.VT_SPEED_BILINEAR,
                "bicubic": lib.VT_SPEED_BICUBIC, "lanczos4": lib.VT_SPEED_LANCZOS4}

    def __init__(self, width, height, bpc, variants=({},), *, chroma=None):
        if not 1 <= len(variants) <= self.max_variants:
            raise EngineError(f"{self.name}: 1 to {self.max_variants} option variants per pass, got {len(variants)}")
        if chroma is None:
            raise FrameSizeError(f"{self.name}: needs colour input, and this input is gray (no chroma planes)")
        self.width, self.height, self.bpc = width, height, bpc
        self.variants = tuple(variants)
        self.chroma = chroma
        self._ctxs = []
        for v in self.variants:
            opts = ffi.new("vt_speed_opts *")
            lib.vt_speed_default_opts(opts)
            for key in ("prescale", "kernelscale", "nn_floor", "sigma_nn", "max_val"):
                if key in v:
                    setattr(opts, key, float(v[key]))
            if "weight_var_mode" in v:
                opts.weight_var_mode = int(v["weight_var_mode"])
            if "prescale_method" in v:
                if v["prescale_method"] not in self._METHODS:
                    raise EngineError(f"{self.name}: unknown prescale method {v['prescale_method']!r} "
                                      f"({', '.join(self._METHODS)})")
                opts.prescale_method = self._METHODS[v["prescale_method"]]
            out = ffi.new("vt_speed **")
            rc = lib.vt_speed_new(out, chroma[0], chroma[1], bpc, opts)
            if rc == lib.VT_ETOOSMALL:
                ps = float(v.get("prescale", 1.0))
                raise FrameSizeError(f"{self.name}: {chroma[0]}x{chroma[1]} chroma (prescaled by {ps:g}) is smaller than it can take "
                                     f"({self.too_small})")
            check(rc, f"{self.name} ({chroma[0]}x{chroma[1]} chroma, {bpc}-bit)")
            self._ctxs.append(ffi.gc(out[0], lib.vt_speed_free))

    def compute(self, ref, dis, prevs):
        if len(ref) < 3 or len(dis) < 3:
            raise FrameSizeError(f"{self.name}: a picture without chroma planes")
        cw, ch = self.chroma
        planes = [_plane(p[:ch, :cw], self.bpc) for p in (ref[1], ref[2], dis[1], dis[2])]
        out = np.empty((len(self._ctxs), 3))
        vals = ffi.new("double[3]")
        for k, ctx in enumerate(self._ctxs):
            check(lib.vt_speed_compute(ctx, *planes, vals, vals + 1, vals + 2), self.name)
            out[k] = vals[0], vals[1], vals[2]
        return out


def _planes3(planes: Planes, bpc: int, chroma: tuple[int, int] | None):
    """A C array of Y, U, V planes (chroma cropped to libvmaf's size)."""
    arr = ffi.new("vt_plane[3]")
    keep = [_plane(planes[0], bpc)]
    if chroma is not None:
        cw, ch = chroma
        keep += [_plane(p[:ch, :cw], bpc) for p in planes[1:3]]
    for i, p in enumerate(keep):
        arr[i] = p[0]
    return arr


class _PerVariant(Kernel):
    """Extractors whose C context takes the options: one context per option variant."""

    max_variants = 16
    needs_chroma = False

    def __init__(self, width, height, bpc, variants=({},), *, chroma=None):
        if not 1 <= len(variants) <= self.max_variants:
            raise EngineError(f"{self.name}: 1 to {self.max_variants} option variants per pass, got {len(variants)}")
        if self.needs_chroma and chroma is None:
            raise FrameSizeError(f"{self.name}: needs colour input, and this input is gray (no chroma planes)")
        self.width, self.height, self.bpc, self.chroma = width, height, bpc, chroma
        self.variants = tuple(variants)
        self._ctxs = []
        for v in self.variants:
            out = ffi.new(self._ctype)
            rc = self._new_variant(out, v)
            if rc == lib.VT_ETOOSMALL:
                raise FrameSizeError(f"{self.name}: {width}x{height} is smaller than it can take ({self.too_small})")
            check(rc, f"{self.name} ({width}x{height}, {bpc}-bit)")
            self._ctxs.append(ffi.gc(out[0], getattr(lib, self._free)))

    def _new_variant(self, out, v) -> int:
        raise NotImplementedError

    def compute(self, ref, dis, prevs):
        out = np.empty((len(self._ctxs), self.outputs))
        for k, (ctx, v) in enumerate(zip(self._ctxs, self.variants)):
            out[k] = self._compute_one(ctx, v, ref, dis)
        return out


class _Psnr(_PerVariant):
    """PSNR of Y, Cb, Cr with libvmaf's caps; MSE when asked for; the per-frame SSE and pixel
    counts (hidden outputs) from which APSNR is aggregated over the clip."""

    name = "psnr"
    outputs = 12  # psnr y/cb/cr, mse y/cb/cr, sse y/cb/cr, npix y/cb/cr
    min_size = (lib.VT_PSNR_MIN_W, lib.VT_PSNR_MIN_H)
    too_small = f"at least {lib.VT_PSNR_MIN_W}x{lib.VT_PSNR_MIN_H}"
    _ctype, _free = "vt_psnr **", "vt_psnr_free"

    def _new_variant(self, out, v):
        opts = ffi.new("vt_psnr_opts *", {"enable_chroma": int(v.get("enable_chroma", True)),
                                           "reduced_hbd_peak": int(v.get("reduced_hbd_peak", False)),
                                           "min_sse": float(v.get("min_sse", 0.0))})
        cw, ch = self.chroma or (0, 0)
        return lib.vt_psnr_new(out, self.width, self.height, self.bpc, cw, ch, opts)

    def _compute_one(self, ctx, v, ref, dis):
        psnr, mse = ffi.new("double[3]"), ffi.new("double[3]")
        sse, npix = ffi.new("uint64_t[3]"), ffi.new("uint64_t[3]")
        check(lib.vt_psnr_compute(ctx, _planes3(ref, self.bpc, self.chroma), _planes3(dis, self.bpc, self.chroma),
                                  psnr, mse, sse, npix), self.name)
        shown_mse = [mse[i] if v.get("enable_mse") else np.nan for i in range(3)]
        return [*psnr, *shown_mse, *(float(sse[i]) for i in range(3)), *(float(npix[i]) for i in range(3))]


def apsnr(bpc: int, reduced_hbd_peak: bool, sse: int, npix: int) -> float:
    """libvmaf's aggregate APSNR of one plane from the clip's summed SSE and pixel count."""
    out = ffi.new("double *")
    check(lib.vt_psnr_apsnr(bpc, int(reduced_hbd_peak), int(sse), int(npix), out), "apsnr")
    return out[0]


class _Ciede(_PerVariant):
    name = "ciede"
    outputs = 1
    needs_chroma = True
    min_size = (lib.VT_CIEDE_MIN_W, lib.VT_CIEDE_MIN_H)
    too_small = f"at least {lib.VT_CIEDE_MIN_W}x{lib.VT_CIEDE_MIN_H}"
    _ctype, _free = "vt_ciede **", "vt_ciede_free"

    def _new_variant(self, out, v):
        return lib.vt_ciede_new(out, self.width, self.height, self.bpc, *self.chroma)

    def _compute_one(self, ctx, v, ref, dis):
        score = ffi.new("double *")
        check(lib.vt_ciede_compute(ctx, _planes3(ref, self.bpc, self.chroma), _planes3(dis, self.bpc, self.chroma),
                                   score), self.name)
        return [score[0]]


def _ssim_opts(v):
    return ffi.new("vt_ssim_opts *", {"enable_db": int(v.get("enable_db", False)),
                                       "clip_db": int(v.get("clip_db", False)), "scale": int(v.get("scale", 0))})


class _FloatSsim(_PerVariant):
    name = "float_ssim"
    outputs = 4  # float_ssim, float_ssim_l/_c/_s (enable_lcs)
    min_size = (lib.VT_FLOAT_SSIM_MIN_W, lib.VT_FLOAT_SSIM_MIN_H)
    too_small = f"at least {lib.VT_FLOAT_SSIM_MIN_W}x{lib.VT_FLOAT_SSIM_MIN_H} after its decimation"
    _ctype, _free = "vt_float_ssim **", "vt_float_ssim_free"

    def _new_variant(self, out, v):
        return lib.vt_float_ssim_new(out, self.width, self.height, self.bpc, _ssim_opts(v))

    def _compute_one(self, ctx, v, ref, dis):
        score, lcs = ffi.new("double *"), ffi.new("double[3]")
        check(lib.vt_float_ssim_compute(ctx, _plane(ref[0], self.bpc), _plane(dis[0], self.bpc), score, lcs), self.name)
        return [score[0], *(lcs[i] if v.get("enable_lcs") else np.nan for i in range(3))]


class _FloatMsSsim(_PerVariant):
    name = "float_ms_ssim"
    outputs = 16  # float_ms_ssim, then l, c, s of scales 0..4 (enable_lcs)
    min_size = (lib.VT_FLOAT_MS_SSIM_MIN_W, lib.VT_FLOAT_MS_SSIM_MIN_H)
    too_small = f"at least {lib.VT_FLOAT_MS_SSIM_MIN_W}x{lib.VT_FLOAT_MS_SSIM_MIN_H}"
    _ctype, _free = "vt_float_ms_ssim **", "vt_float_ms_ssim_free"

    def _new_variant(self, out, v):
        return lib.vt_float_ms_ssim_new(out, self.width, self.height, self.bpc, _ssim_opts({**v, "scale": 0}))

    def _compute_one(self, ctx, v, ref, dis):
        score, lcs = ffi.new("double *"), ffi.new("double[15]")
        check(lib.vt_float_ms_ssim_compute(ctx, _plane(ref[0], self.bpc), _plane(dis[0], self.bpc), score, lcs),
              self.name)
        return [score[0], *(lcs[i] if v.get("enable_lcs") else np.nan for i in range(15))]


class _PsnrHvs(_PerVariant):
    name = "psnr_hvs"
    outputs = 4  # psnr_hvs_y, _cb, _cr, psnr_hvs
    needs_chroma = True
    min_size = (8, 8)
    too_small = "at least 8x8 in every plane, 8 to 12 bits"
    _ctype, _free = "vt_psnr_hvs **", "vt_psnr_hvs_free"

    def _new_variant(self, out, v):
        cw, ch = self.chroma
        layout = 444 if cw == self.width else 422 if ch == self.height else 420
        return lib.vt_psnr_hvs_new(out, self.width, self.height, self.bpc, layout)

    def _compute_one(self, ctx, v, ref, dis):
        scores = ffi.new("double[4]")
        check(lib.vt_psnr_hvs_compute(ctx, _planes3(ref, self.bpc, self.chroma), _planes3(dis, self.bpc, self.chroma),
                                      scores), self.name)
        return list(scores)


def _kernel(base: type[Kernel], name: str, c: str, outputs: int, min_size: tuple[int, int]) -> type[Kernel]:
    """A kernel class bound to the C functions ``vt_<c>_new/_free/_compute``."""
    attrs = dict(name=name, outputs=outputs, min_size=min_size, too_small=f"at least {min_size[0]}x{min_size[1]}",
                 _ctype=f"vt_{c} **",
                 _new=f"vt_{c}_new", _free=f"vt_{c}_free", _fn=f"vt_{c}_compute")
    return type(f"Kernel_{name}", (base,), attrs)


KERNELS: dict[str, type[Kernel]] = {
    k.name: k
    for k in (
        _IntegerVif,
        _IntegerAdm,
        _kernel(_Motion, "motion", "motion", 1, (lib.VT_MOTION_MIN_W, lib.VT_MOTION_MIN_H)),
        _MotionV1,
        _Speed,
        _Cambi,
        _Psnr,
        _Ciede,
        _FloatSsim,
        _FloatMsSsim,
        _PsnrHvs,
        _kernel(_Vif, "float_vif", "float_vif", 4, (lib.VT_FLOAT_VIF_MIN_W, lib.VT_FLOAT_VIF_MIN_H)),
        _kernel(_Adm, "float_adm", "float_adm", 5, (lib.VT_FLOAT_ADM_MIN_W, lib.VT_FLOAT_ADM_MIN_H)),
        _kernel(_Motion, "float_motion", "float_motion", 1, (lib.VT_FLOAT_MOTION_MIN_W, lib.VT_FLOAT_MOTION_MIN_H)),
    )
}
