"""libvmaf master's integer motion (the VMAF v1.0.16 models' motion_sad, motion2, motion3, three-
and five-frame) from the engine's per-frame SAD (vt_motion) and vmaf_tune.motion_v1, against
libvmaf f85a8536's printed 6 decimals on every frame, on both code paths:

* Netflix's v1 conformance vectors (8- and 10-bit Big Buck Bunny, 48 frames), whose logs print
  the default, the v1 (``mmxv_18``) and the HFR (``mffw_mmxv_18_mma``) variants;
* the generated cases of tests/oracle/data/motion (12 and 16 bits, odd sizes, clips of 1-4
  frames, scene cuts, repeated frames, the clamp, the blend and the fps weight), regenerated here
  and checked against their recorded sha256 first.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

from vmaf_tune._native import _plane
from vmaf_tune._native._vt_cffi import ffi, lib
from vmaf_tune.motion_v1 import MotionV1Stream, motion2_motion3, sad_score

DATA = Path(__file__).resolve().parent / "data" / "motion"
PATHS = [0, 1] if lib.vt_simd_available() else [0]

# libvmaf's motion options: name, alias (feature-name suffixes list them sorted by name).
OPTION_ALIASES = {
    "motion_blend_factor": "mbf",
    "motion_blend_offset": "mbo",
    "motion_five_frame_window": "mffw",
    "motion_fps_weight": "mfw",
    "motion_max_val": "mmxv",
    "motion_moving_average": "mma",
}
DEFAULTS = {
    "motion_blend_factor": 1.0,
    "motion_blend_offset": 40.0,
    "motion_five_frame_window": False,
    "motion_fps_weight": 1.0,
    "motion_max_val": 10000.0,
    "motion_moving_average": False,
}


def _parse(feature: str) -> dict:
    """libvmaf's --feature 'motion=a=1:b=true' -> {name: value} for every option."""
    opts = dict(DEFAULTS)
    if "=" in feature:
        for item in feature.split("=", 1)[1].split(":"):
            k, v = item.split("=")
            opts[k] = v == "true" if isinstance(DEFAULTS[k], bool) else float(v)
    return opts


def _names(opts: dict) -> tuple[str, str, str]:
    """The names libvmaf prints: non-default options as _<alias>[_<%g value>], sorted by name."""
    suffix = ""
    for k in sorted(OPTION_ALIASES):
        if opts[k] != DEFAULTS[k]:
            suffix += f"_{OPTION_ALIASES[k]}" + ("" if isinstance(opts[k], bool) else f"_{opts[k]:g}")
    return (
        "VMAF_integer_feature_motion_sad_score" + suffix,
        "integer_motion2" + suffix,
        "integer_motion3" + suffix,
    )


def _raw_sads(frames: list[np.ndarray], bpc: int, simd: int) -> dict[int, list[float]]:
    """The engine's unclamped SAD score of (frame i - d, frame i) for d = 1, 2 (None below d)."""
    previous = lib.vt_set_simd(simd)
    try:
        h, w = frames[0].shape
        ctx = ffi.new("vt_motion **")
        assert lib.vt_motion_new(ctx, w, h, bpc) == lib.VT_OK
        m = ffi.gc(ctx[0], lib.vt_motion_free)
        out = {1: [], 2: []}
        score = ffi.new("double *")
        for d in (1, 2):
            for i in range(len(frames)):
                if i < d:
                    out[d].append(None)
                    continue
                assert lib.vt_motion_compute(m, _plane(frames[i - d], bpc), _plane(frames[i], bpc), score) == lib.VT_OK
                out[d].append(score[0])
        return out
    finally:
        lib.vt_set_simd(previous)


def _ours(raw: dict[int, list[float]], opts: dict) -> tuple[list[float], np.ndarray, np.ndarray]:
    ffw = opts["motion_five_frame_window"]
    kw = dict(
        five_frame_window=ffw,
        moving_average=opts["motion_moving_average"],
        max_val=opts["motion_max_val"],
        blend_factor=opts["motion_blend_factor"],
        blend_offset=opts["motion_blend_offset"],
    )
    sad = [
        0.0 if v is None else sad_score(v, max_val=opts["motion_max_val"], fps_weight=opts["motion_fps_weight"])
        for v in raw[2 if ffw else 1]
    ]
    m2, m3 = motion2_motion3(sad, **kw)
    # the streaming form hands out the same numbers
    stream = MotionV1Stream(**kw)
    got = [t for v in sad for t in stream.push(v)] + stream.flush()
    assert [i for i, _, _ in got] == list(range(len(sad)))
    assert np.array_equal([v for _, v, _ in got], m2) and np.array_equal([v for _, _, v in got], m3)
    return sad, m2, m3


def _compare(log: dict, raw: dict[int, list[float]], features: list[str]) -> int:
    frames = log["frames"]
    assert len(frames) == len(raw[1])
    checked = 0
    for feature in features:
        opts = _parse(feature)
        names = _names(opts)
        ours = _ours(raw, opts)
        for name, values in zip(names, ours):
            for i, frame in enumerate(frames):
                assert frame["frameNum"] == i
                theirs = frame["metrics"][name]  # KeyError: a name we spell differently
                assert f"{values[i]:.6f}" == f"{theirs:.6f}", (feature, name, i, values[i], theirs)
                checked += 1
    return checked


# ---- Netflix's v1 conformance vectors ------------------------------------------------------------

CONFORMANCE_FEATURES = [
    "motion",
    "motion=motion_max_val=18",
    "motion=motion_five_frame_window=true:motion_max_val=18:motion_moving_average=true",
]
CONFORMANCE_LOGS = [
    ("bbb_x264crf32", 8),
    ("bbb_sharpen", 8),
    ("bbb_x264crf32_10bit", 10),
]


@functools.lru_cache(maxsize=2)
def _decode_luma(path: Path) -> list[np.ndarray]:
    import av

    from vmaf_tune.frames import luma_of

    with av.open(str(path)) as c:
        return [np.ascontiguousarray(luma_of(f).luma) for f in c.decode(video=0)]


@pytest.fixture(scope="module")
def v1_conformance(conformance):
    v1 = conformance / "v1"
    if not (v1 / "index.json").exists():
        pytest.skip(f"v1 conformance vectors not found at {v1}")
    return v1


@pytest.mark.parametrize("simd", PATHS, ids=lambda s: "simd" if s else "scalar")
@pytest.mark.parametrize("case,bpc", CONFORMANCE_LOGS, ids=[c for c, _ in CONFORMANCE_LOGS])
def test_conformance_v1_motion(v1_conformance, case, bpc, simd):
    spec = json.loads((v1_conformance / "index.json").read_text())[case]
    log = json.loads((v1_conformance / spec["log"]).read_text())
    frames = _decode_luma(v1_conformance / spec["reference"])
    assert frames[0].dtype == (np.uint8 if bpc == 8 else np.uint16)
    raw = _raw_sads(frames, bpc, simd)
    assert _compare(log, raw, CONFORMANCE_FEATURES) == 3 * 3 * len(frames)


# ---- generated cases (tests/oracle/data/motion) --------------------------------------------------


def _cases_module():
    spec = importlib.util.spec_from_file_location("motion_oracle_cases", DATA / "cases.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


CASES = _cases_module()
MANIFEST = json.loads((DATA / "manifest.json").read_text())


def test_manifest_matches_generator():
    assert list(MANIFEST["cases"]) == list(CASES.CASES)
    assert MANIFEST["features"] == list(CASES.FEATURES)
    for name, (w, h, bpc, n, cut, repeated) in CASES.CASES.items():
        rec = MANIFEST["cases"][name]
        assert (rec["width"], rec["height"], rec["bitdepth"], rec["frames"]) == (w, h, bpc, n)
        assert (rec["scene_cut"], tuple(rec["repeated"])) == (cut, tuple(repeated))


@pytest.mark.parametrize("simd", PATHS, ids=lambda s: "simd" if s else "scalar")
@pytest.mark.parametrize("name", list(CASES.CASES))
def test_generated_case(name, simd):
    rec = MANIFEST["cases"][name]
    assert CASES.sha256(name) == rec["sha256"], "the generator no longer reproduces the logged input"
    frames = [CASES.luma(name, t) for t in range(rec["frames"])]
    log = json.loads((DATA / f"{name}.json").read_text())
    raw = _raw_sads(frames, rec["bitdepth"], simd)
    assert _compare(log, raw, MANIFEST["features"]) == 3 * len(MANIFEST["features"]) * rec["frames"]


def test_generated_cases_cover_the_edges():
    """The logs exercise what they are for: clamped SADs, and clips shorter than the windows."""
    counts = {rec["frames"] for rec in MANIFEST["cases"].values()}
    assert {1, 2, 3, 4} <= counts
    assert {12, 16} <= {rec["bitdepth"] for rec in MANIFEST["cases"].values()}
    clamped = 0
    for name in CASES.CASES:
        log = json.loads((DATA / f"{name}.json").read_text())
        clamped += sum(f["metrics"]["VMAF_integer_feature_motion_sad_score_mmxv_18"] == 18.0 for f in log["frames"])
    assert clamped >= 2
