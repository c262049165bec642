"""Optional backend: a user's own libvmaf 3.x (``libvmaf.so``), driven through cffi's ABI mode.

The library is found from ``VMAF_TUNE_LIBVMAF`` (a path), else the system's ``libvmaf.so.3`` /
``libvmaf``. Only this module touches its cdata; callers get numpy arrays back.
"""

from __future__ import annotations

import ctypes.util
import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import cffi
import numpy as np

from ..errors import EngineError

__all__ = ["LibvmafModel", "LibvmafSession", "libvmaf_version", "load_libvmaf"]

_ffi = cffi.FFI()
_ffi.cdef(Path(__file__).with_name("libvmaf.h").read_text())

_PIX_FMT_YUV420P, _PIX_FMT_YUV422P, _PIX_FMT_YUV444P, _PIX_FMT_YUV400P = 1, 2, 3, 4
FLAG_DISABLE_CLIP = 1
FLAG_ENABLE_TRANSFORM = 2
FLAG_DISABLE_TRANSFORM = 4
_REQUIRED = ("vmaf_model_load_from_path", "vmaf_use_features_from_model", "vmaf_feature_score_at_index")


class LibvmafError(EngineError):
    """libvmaf could not be found, is too old, or failed."""


@functools.cache
def load_libvmaf():
    """Opens libvmaf once; a clear error names every place that was tried."""
    tried = []
    env = os.environ.get("VMAF_TUNE_LIBVMAF")
    candidates = [env] if env else ["libvmaf.so.3", ctypes.util.find_library("vmaf"), "libvmaf.so"]
    for name in candidates:
        if not name:
            continue
        tried.append(name)
        try:
            lib = _ffi.dlopen(name)
        except OSError:
            continue
        missing = [sym for sym in _REQUIRED if not hasattr(lib, sym)]
        if missing:
            raise LibvmafError(f"{name}: libvmaf is too old (missing {', '.join(missing)}); version 3.x is needed")
        return lib
    where = ", ".join(tried) if tried else "nothing"
    hint = "" if env else "; set VMAF_TUNE_LIBVMAF to the path of libvmaf.so"
    raise LibvmafError(f"libvmaf backend: cannot load libvmaf (tried {where}){hint}")


def libvmaf_version() -> str:
    return _ffi.string(load_libvmaf().vmaf_version()).decode()


def _check(rc: int, what: str) -> None:
    if rc != 0:
        raise LibvmafError(f"libvmaf: {what} failed (error {rc})")


@dataclass(frozen=True)
class LibvmafModel:
    """What libvmaf needs to load one model: the file, the name its scores go under, the
    VMAF_MODEL_FLAG_* flags and feature option overloads ``(extractor, option, value)``."""

    name: str
    path: str
    flags: int = 0
    overloads: tuple[tuple[str, str, str], ...] = ()


class LibvmafSession:
    """One libvmaf context scoring one sequence with the given models.

    ``features`` lists ``(collector key, result key)`` pairs to read back besides the scores."""

    def __init__(self, models: Sequence[LibvmafModel], features: Sequence[tuple[str, str]], width: int,
                 height: int, bpc: int, *, threads: int, subsample: int):
        self.lib = load_libvmaf()
        self.models = list(models)
        self.features = list(features)
        self.width, self.height, self.bpc = width, height, bpc
        self.subsample = subsample
        self._ctx = _ffi.new("VmafContext **")
        cfg = {"log_level": 1, "n_threads": threads if threads > 1 else 0, "n_subsample": subsample,
               "cpumask": 0, "gpumask": 0}
        _check(self.lib.vmaf_init(self._ctx, cfg), "vmaf_init")
        self.ctx = self._ctx[0]
        self._keep = []
        self._handles = []
        try:
            for model in self.models:
                self._handles.append(self._load(model))
        except BaseException:
            self.close()
            raise
        self.count = 0

    def _load(self, model: LibvmafModel):
        name = _ffi.new("char[]", model.name.encode())
        cfg = _ffi.new("VmafModelConfig *", {"name": name, "flags": model.flags})
        self._keep += [name, cfg]
        out = _ffi.new("VmafModel **")
        rc = self.lib.vmaf_model_load_from_path(out, cfg, str(model.path).encode())
        if rc != 0 and "v1.0" in Path(model.path).name:
            raise LibvmafError(f"libvmaf {libvmaf_version()} cannot load {Path(model.path).name}: VMAF v1 needs "
                               "libvmaf built from Netflix/vmaf master (f85a8536 or later); use the builtin backend")
        _check(rc, f"loading {model.path}")
        handle = out[0]
        for extractor, option, value in model.overloads:
            d = _ffi.new("VmafFeatureDictionary **")
            _check(self.lib.vmaf_feature_dictionary_set(d, option.encode(), value.encode()), "setting a feature option")
            _check(self.lib.vmaf_model_feature_overload(handle, extractor.encode(), d[0]), f"applying {option}")
        _check(self.lib.vmaf_use_features_from_model(self.ctx, handle), f"registering {model.name}")
        return handle

    def _picture(self, planes: tuple[np.ndarray, ...]):
        """A libvmaf picture holding ``planes`` (Y, or Y U V; libvmaf's chroma planes are
        (w >> ss_x, h >> ss_y), so an odd size's last chroma column/row is left out as it does)."""
        h, w = planes[0].shape
        fmt = _PIX_FMT_YUV400P
        if len(planes) == 3:
            ch, cw = planes[1].shape
            fmt = {(True, True): _PIX_FMT_YUV420P, (True, False): _PIX_FMT_YUV422P}.get((cw < w, ch < h),
                                                                                     _PIX_FMT_YUV444P)
        pic = _ffi.new("VmafPicture *")
        _check(self.lib.vmaf_picture_alloc(pic, fmt, self.bpc, self.width, self.height), "vmaf_picture_alloc")
        dtype = np.dtype(np.uint8 if self.bpc == 8 else np.uint16)
        for i, plane in enumerate(planes if fmt != _PIX_FMT_YUV400P else planes[:1]):
            pw, ph = pic.w[i], pic.h[i]
            buf = _ffi.buffer(_ffi.cast("char *", pic.data[i]), pic.stride[i] * ph)
            view = np.frombuffer(buf, dtype=dtype).reshape(ph, pic.stride[i] // dtype.itemsize)
            view[:, :pw] = plane[:ph, :pw]
        return pic

    def push(self, ref: tuple[np.ndarray, ...], dis: tuple[np.ndarray, ...]) -> None:
        """One frame pair: luma planes, or (Y, U, V) when a model reads chroma."""
        r, d = self._picture(ref), self._picture(dis)
        _check(self.lib.vmaf_read_pictures(self.ctx, r, d, self.count), "vmaf_read_pictures")
        self.count += 1

    def finish(self) -> dict[str, np.ndarray]:
        """Flushes and returns per-frame values on the subsample grid, named as the built-in engine names them."""
        _check(self.lib.vmaf_read_pictures(self.ctx, _ffi.NULL, _ffi.NULL, 0), "flushing")
        grid = range(0, self.count, self.subsample)
        out: dict[str, np.ndarray] = {}
        score = _ffi.new("double *")

        def feature(name: str, key: str) -> None:
            vals = []
            for i in grid:
                if self.lib.vmaf_feature_score_at_index(self.ctx, name.encode(), score, i) != 0:
                    return
                vals.append(score[0])
            out[key] = np.array(vals)

        for name, key in self.features:
            feature(name, key)
        for model, handle in zip(self.models, self._handles):
            vals = []
            for i in grid:
                _check(self.lib.vmaf_score_at_index(self.ctx, handle, score, i), f"scoring {model.name}")
                vals.append(score[0])
            out[model.name] = np.array(vals)
        return out

    def close(self) -> None:
        for handle in self._handles:
            self.lib.vmaf_model_destroy(handle)
        self._handles = []
        if self.ctx is not None and self.ctx != _ffi.NULL:
            self.lib.vmaf_close(self.ctx)
        self.ctx = None
