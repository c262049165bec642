"""The only module that touches cffi's ``ffi``/``lib``: numpy planes in, plain numbers out."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from ..errors import EngineError, FrameSizeError
from ._vt_cffi import ffi, lib

__all__ = ["check", "FeatureEngine", "FrameFeatures", "MAX_EGL", "min_size", "set_simd", "simd_available"]

MAX_EGL = lib.VT_MAX_EGL

_MESSAGES = {
    lib.VT_EINVAL: (EngineError, "invalid argument (plane, stride, bit depth or option)"),
    lib.VT_ENOMEM: (EngineError, "out of memory"),
    lib.VT_ETOOSMALL: (FrameSizeError, "frame is smaller than VMAF's features allow"),
    lib.VT_ESIZE: (FrameSizeError, "frame size differs from the first frame"),
}


def check(rc: int, what: str) -> None:
    """Turns a C return code into the matching exception."""
    if rc == lib.VT_OK:
        return
    cls, text = _MESSAGES.get(rc, (EngineError, f"error code {rc}"))
    raise cls(f"{what}: {text}")


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


@dataclass(frozen=True)
class FrameFeatures:
    """Raw per-frame values: one row per gain limit for VIF and ADM."""

    vif: np.ndarray | None  # (n_vif_egl, 4)
    adm2: np.ndarray | None  # (n_adm_egl,)
    adm_scales: np.ndarray | None  # (n_adm_egl, 4)
    motion: float | None
    float_vif: np.ndarray | None
    float_adm2: np.ndarray | None
    float_adm_scales: np.ndarray | None
    float_motion: float | None


def simd_available() -> bool:
    """Whether this CPU and build have the AVX2 code path."""
    return bool(lib.vt_simd_available())


def set_simd(enabled: bool) -> bool:
    """Chooses SIMD (default) or the scalar reference path for engines created afterwards
    (the environment variable VMAF_TUNE_SIMD=0 sets the initial choice). Returns the previous one."""
    return bool(lib.vt_set_simd(1 if enabled else 0))


@functools.cache
def min_size() -> tuple[int, int]:
    """Smallest (width, height) the integer features accept, found by asking the engine."""
    news = (
        (lib.vt_vif_new, lib.vt_vif_free, "vt_vif **"),
        (lib.vt_adm_new, lib.vt_adm_free, "vt_adm **"),
        (lib.vt_motion_new, lib.vt_motion_free, "vt_motion **"),
    )
    best_w = best_h = 1
    for new, free, ctype in news:
        out = ffi.new(ctype)
        for axis in (0, 1):
            n = 1
            while True:
                rc = new(out, n, 256, 8) if axis == 0 else new(out, 256, n, 8)
                free(out[0])
                if rc != lib.VT_ETOOSMALL:
                    break
                n += 1
            if axis == 0:
                best_w = max(best_w, n)
            else:
                best_h = max(best_h, n)
    return best_w, best_h


class FeatureEngine:
    """C contexts for one frame geometry; use one instance per thread."""

    def __init__(
        self,
        width: int,
        height: int,
        bpc: int,
        *,
        vif_egl: tuple[float, ...] = (),
        adm_egl: tuple[float, ...] = (),
        motion: bool = False,
        float_vif_egl: tuple[float, ...] = (),
        float_adm_egl: tuple[float, ...] = (),
        float_motion: bool = False,
    ) -> None:
        self.width, self.height, self.bpc = width, height, bpc
        self._ctx = {}
        self._egl = {}
        specs = (
            ("vif", vif_egl, lib.vt_vif_new, lib.vt_vif_free, "vt_vif **"),
            ("adm", adm_egl, lib.vt_adm_new, lib.vt_adm_free, "vt_adm **"),
            ("motion", (1.0,) if motion else (), lib.vt_motion_new, lib.vt_motion_free, "vt_motion **"),
            ("float_vif", float_vif_egl, lib.vt_float_vif_new, lib.vt_float_vif_free, "vt_float_vif **"),
            ("float_adm", float_adm_egl, lib.vt_float_adm_new, lib.vt_float_adm_free, "vt_float_adm **"),
            (
                "float_motion",
                (1.0,) if float_motion else (),
                lib.vt_float_motion_new,
                lib.vt_float_motion_free,
                "vt_float_motion **",
            ),
        )
        for name, egl, new, free, ctype in specs:
            if not egl:
                continue
            if len(egl) > MAX_EGL:
                raise EngineError(f"at most {MAX_EGL} gain limits per feature")
            out = ffi.new(ctype)
            check(new(out, width, height, bpc), f"{name} ({width}x{height}, {bpc}-bit)")
            self._ctx[name] = ffi.gc(out[0], free)
            self._egl[name] = ffi.new("double[]", list(egl))

    def compute(
        self, ref: np.ndarray, dis: np.ndarray, prev_ref: np.ndarray | None, *, spatial: bool = True
    ) -> FrameFeatures:
        """Features of one frame; ``prev_ref`` None means the first frame (motion 0).
        ``spatial=False`` skips VIF/ADM (frames outside the subsample grid)."""
        r, d = _plane(ref, self.bpc), _plane(dis, self.bpc)
        prev = _plane(prev_ref, self.bpc) if prev_ref is not None else None
        out = {}
        for name in ("vif", "float_vif"):
            if spatial and name in self._ctx:
                egl = self._egl[name]
                n = len(egl)
                scores = np.empty((n, 4))
                fn = lib.vt_vif_compute if name == "vif" else lib.vt_float_vif_compute
                check(fn(self._ctx[name], r, d, egl, n, ffi.from_buffer("double[]", scores)), name)
                out[name] = scores
        for name in ("adm", "float_adm"):
            if spatial and name in self._ctx:
                egl = self._egl[name]
                n = len(egl)
                adm2 = np.empty(n)
                scales = np.empty((n, 4))
                fn = lib.vt_adm_compute if name == "adm" else lib.vt_float_adm_compute
                check(
                    fn(
                        self._ctx[name],
                        r,
                        d,
                        egl,
                        n,
                        ffi.from_buffer("double[]", adm2),
                        ffi.from_buffer("double[]", scales),
                    ),
                    name,
                )
                out[name + "2"] = adm2
                out[name + "_scales"] = scales
        for name in ("motion", "float_motion"):
            if name in self._ctx:
                if prev is None:
                    out[name] = 0.0
                else:
                    score = ffi.new("double *")
                    fn = lib.vt_motion_compute if name == "motion" else lib.vt_float_motion_compute
                    check(fn(self._ctx[name], prev, r, score), name)
                    out[name] = score[0]
        return FrameFeatures(
            vif=out.get("vif"),
            adm2=out.get("adm2"),
            adm_scales=out.get("adm_scales"),
            motion=out.get("motion"),
            float_vif=out.get("float_vif"),
            float_adm2=out.get("float_adm2"),
            float_adm_scales=out.get("float_adm_scales"),
            float_motion=out.get("float_motion"),
        )
