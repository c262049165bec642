"""Integer ADM with libvmaf's full option set (vt_adm_compute_cfg): the VMAF v1 models' CSF
(adm_csf_mode 2), viewing geometry, noise weight, AIM and adm3, against libvmaf master's logs.

Every configuration of a log is computed in one pass per frame, on both code paths, and every
`integer_adm*` / `integer_aim*` value of every frame must print as libvmaf printed it (6 decimals).
Configurations are read back from the feature names libvmaf prints (option aliases, `%g` values).
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

from conftest import CONFORMANCE

av = pytest.importorskip("av")
native = pytest.importorskip("vmaf_tune._native._vt_cffi")
ffi, lib = native.ffi, native.lib

V1 = CONFORMANCE / "v1"
ORACLE_DATA = Path(__file__).resolve().parent / "data" / "adm"

# integer_adm output slot of each printed base name (vt_adm_compute_cfg's out layout)
SLOTS = {"integer_adm2": 0, "integer_adm_scale0": 1, "integer_adm_scale1": 2, "integer_adm_scale2": 3,
         "integer_adm_scale3": 4, "integer_aim": 5, "integer_adm3": 6}
# libvmaf's option aliases -> vt_adm_cfg fields
ALIASES = {"egl": ("egl", float), "csf": ("csf_mode", int), "nvd": ("norm_view_dist", float),
           "rdh": ("ref_display_height", int), "nw": ("noise_weight", float), "dlmw": ("dlm_weight", float),
           "min": ("min_val", float)}
_NAME = re.compile(r"^(integer_adm2|integer_adm3|integer_aim|integer_adm_scale[0-3])((?:_[a-z]+_[0-9.e+-]+)*)$")


def parse_name(name: str):
    """(slot, options) of an integer ADM feature name, or None for other features."""
    m = _NAME.match(name)
    if not m:
        return None
    tokens = m.group(2).split("_")[1:]
    opts = tuple((tokens[i], tokens[i + 1]) for i in range(0, len(tokens), 2))
    if any(alias not in ALIASES for alias, _ in opts):
        return None
    return SLOTS[m.group(1)], opts


def make_cfg(opts) -> object:
    cfg = ffi.new("vt_adm_cfg *")
    lib.vt_adm_cfg_default(cfg)
    for alias, value in opts:
        field, kind = ALIASES[alias]
        setattr(cfg, field, kind(value))
    return cfg


def log_configs(log: dict):
    """The distinct option sets of a log and, per name, (config index, slot)."""
    configs, where = [], {}
    for name in log["frames"][0]["metrics"]:
        parsed = parse_name(name)
        if parsed is None:
            continue
        slot, opts = parsed
        key = tuple(sorted(opts))
        if key not in configs:
            configs.append(key)
        where[name] = (configs.index(key), slot)
    return configs, where


def luma_frames(path: Path):
    """The luma planes of a video file, as uint8 or uint16 arrays."""
    with av.open(str(path)) as container:
        for frame in container.decode(video=0):
            plane = frame.planes[0]
            deep = frame.format.name not in ("yuv420p", "yuv422p", "yuv444p", "gray")
            dtype = np.uint16 if deep else np.uint8
            rows = np.frombuffer(plane, dtype).reshape(frame.height, plane.line_size // np.dtype(dtype).itemsize)
            yield np.ascontiguousarray(rows[:, : frame.width])


def _vt_plane(arr: np.ndarray, bpc: int):
    p = ffi.new("vt_plane *")
    p.data = ffi.cast("const void *", arr.ctypes.data)
    p.stride = arr.strides[0]
    p.h, p.w = arr.shape
    p.bpc = bpc
    return p


def adm_values(ref_frames, dis_frames, bpc: int, configs, simd: bool) -> list[np.ndarray]:
    """Per frame, the (n_cfg, 7) outputs of vt_adm_compute_cfg for all configs in one call."""
    cfgs = ffi.new("vt_adm_cfg[]", len(configs))
    for i, opts in enumerate(configs):
        cfgs[i] = make_cfg(opts)[0]
    out = ffi.new("double[]", len(configs) * lib.VT_ADM_NOUT)
    previous = lib.vt_set_simd(1 if simd else 0)
    ctx = ffi.new("vt_adm **")
    try:
        results = []
        for ref, dis in zip(ref_frames, dis_frames):
            if not ctx[0]:
                assert lib.vt_adm_new(ctx, ref.shape[1], ref.shape[0], bpc) == lib.VT_OK
            rc = lib.vt_adm_compute_cfg(ctx[0], _vt_plane(ref, bpc), _vt_plane(dis, bpc), cfgs, len(configs), out)
            assert rc == lib.VT_OK
            results.append(np.frombuffer(ffi.buffer(out), np.float64).reshape(len(configs), -1).copy())
        return results
    finally:
        if ctx[0]:
            lib.vt_adm_free(ctx[0])
        lib.vt_set_simd(previous)


def assert_log_matches(values, log: dict, where: dict) -> int:
    frames = log["frames"]
    assert len(values) == len(frames), "frame count differs from libvmaf"
    bad, checked = [], 0
    for i, frame in enumerate(frames):
        for name, (c, slot) in where.items():
            ours, theirs = values[i][c, slot], frame["metrics"][name]
            if f"{ours:.6f}" != f"{theirs:.6f}":
                bad.append(f"{name}[{i}]: ours {ours:.9f} libvmaf {theirs:.6f}")
            checked += 1
    assert not bad, f"{len(bad)} of {checked} values differ from libvmaf: " + "; ".join(bad[:8])
    return checked


SIMD = pytest.mark.parametrize("simd", [True, False], ids=["simd", "scalar"])


def _need_simd(simd: bool) -> None:
    if simd and not lib.vt_simd_available():
        pytest.skip("no AVX2 on this CPU/build")


@pytest.fixture(scope="module")
def v1_index():
    if not (V1 / "index.json").exists():
        pytest.skip(f"v1 conformance vectors not found at {V1}")
    return json.loads((V1 / "index.json").read_text())


@SIMD
@pytest.mark.parametrize("case", ["bbb_x264crf32", "bbb_sharpen", "bbb_x264crf32_10bit"])
def test_conformance_v1(v1_index, case, simd):
    _need_simd(simd)
    spec = v1_index[case]
    log = json.loads((V1 / spec["log"]).read_text())
    configs, where = log_configs(log)
    # v0 defaults, egl_1 and the four v1 geometries: 6 configurations, 7 names each
    assert len(configs) == 6 and len(where) == 42, (configs, len(where))
    bpc = 10 if "10bit" in case else 8
    values = adm_values(luma_frames(V1 / spec["reference"]), luma_frames(V1 / spec["distorted"]), bpc, configs, simd)
    assert assert_log_matches(values, log, where) == 48 * 42


def test_name_parsing():
    slot, opts = parse_name("integer_adm3_csf_2_dlmw_0.7_egl_1_min_0.5_nw_0.02_nvd_1.5_rdh_2160")
    assert slot == 6 and dict(opts) == {"csf": "2", "dlmw": "0.7", "egl": "1", "min": "0.5", "nw": "0.02",
                                        "nvd": "1.5", "rdh": "2160"}
    assert parse_name("integer_adm2") == (0, ())
    assert parse_name("integer_vif_scale0") is None
    cfg = make_cfg(opts)
    assert (cfg.csf_mode, cfg.norm_view_dist, cfg.ref_display_height, cfg.aim) == (2, 1.5, 2160, 1)
