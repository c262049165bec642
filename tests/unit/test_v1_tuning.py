"""The pieces behind VMAF v1 in every command: the 8->10 bit conversion (against ffmpeg), the log
axis labels, the model range of targets, the probe cache key, the encode side and compare's models."""

from __future__ import annotations

import json
import subprocess
from fractions import Fraction

import av
import numpy as np
import pytest

from conftest import ffmpeg_exe

from vmaf_tune.classify import classify_v1
from vmaf_tune.compare import compared_models
from vmaf_tune.errors import InputError
from vmaf_tune.frames import Picture, luma_of, to_bitdepth
from vmaf_tune.models import model_variant, resolve_models
from vmaf_tune.options import EncoderConfig
from vmaf_tune.plot import log_ticks
from vmaf_tune.probe import Scoring, _model_key, encode_side
from vmaf_tune.search import check_target, search_crf


@pytest.mark.parametrize("depth", [10, 12])
@pytest.mark.parametrize("in_fmt", ["yuv420p", "yuvj420p"])
def test_to_bitdepth_is_ffmpegs_format_filter(tmp_path, depth, in_fmt):
    w, h = 64, 48
    rng = np.random.default_rng(depth)
    planes = [rng.integers(0, 256, (h, w), dtype=np.uint8), *(rng.integers(0, 256, (h // 2, w // 2), dtype=np.uint8)
                                                             for _ in range(2))]
    src = tmp_path / "in.yuv"
    src.write_bytes(b"".join(p.tobytes() for p in planes))
    out = tmp_path / "out.yuv"
    subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", "-f", "rawvideo", "-pix_fmt", in_fmt,
                    "-s", f"{w}x{h}", "-i", str(src), "-vf", f"format=yuv420p{depth}le", "-f", "rawvideo", str(out)],
                   check=True)
    theirs = np.fromfile(out, "<u2")
    pic = to_bitdepth(Picture(planes[0], 8, (planes[1], planes[2]), in_fmt == "yuvj420p"), depth)
    ours = np.concatenate([p.ravel() for p in pic.planes])
    assert pic.bitdepth == depth and np.array_equal(ours, theirs)


def test_to_bitdepth_refuses_what_it_cannot_do_exactly():
    ten = Picture(np.zeros((4, 4), np.uint16), 10)
    assert to_bitdepth(ten, 10) is ten
    with pytest.raises(InputError, match="cannot convert 10-bit video to 8 bits"):
        to_bitdepth(ten, 8)


def test_full_range_is_read_from_pyav_frames():
    frame = av.VideoFrame(64, 48, "yuvj420p")
    assert luma_of(frame).full_range
    assert not luma_of(av.VideoFrame(64, 48, "yuv420p")).full_range


@pytest.mark.parametrize("lo,hi", [(140, 900), (97, 326), (63, 330), (50, 20000), (950, 1010)])
def test_log_axis_is_labelled_across_the_span(lo, hi):
    ticks = log_ticks(lo, hi)
    assert 3 <= len(ticks) <= 9, ticks
    assert all(lo <= t <= hi for t in ticks) and ticks == sorted(ticks)
    assert ticks[-1] / ticks[0] >= (hi / lo) ** 0.5  # spread over the span, not bunched


def test_targets_follow_the_model_range():
    check_target(105.0, model_variant("v1-4k-tv"))
    check_target(105.0, model_variant("v1-4k-tv-hfr"))
    for variant in ("v1", "v1-phone", "v1-4k", "default", "neg"):
        with pytest.raises(InputError, match="range 0 to 100"):
            check_target(100.5, model_variant(variant))
    with pytest.raises(InputError, match="range 0 to 110"):
        check_target(110.5, model_variant("v1-4k-tv"))
    with pytest.raises(InputError, match="must be a number"):
        check_target(float("nan"))


def test_probe_cache_key_names_every_feature_option_and_the_chroma_correction():
    v1 = model_variant("v1")
    key = _model_key(v1)
    assert [name for name, _ in key["features"]] == [f.log_name for f in v1.features]
    assert key["chroma_correction"] == v1.chroma_correction
    upscaled = v1.with_options("cambi", {"enc_width": 960, "enc_height": 540})
    assert _model_key(upscaled) != key
    assert _model_key(model_variant("v1-hfr"))["features"] != key["features"]
    json.dumps(key)  # the key is JSON


def test_neg_is_built_into_v1():
    assert all(model_variant(v).neg_built_in for v in ("v1", "v1-4k-tv-hfr"))
    assert not model_variant("neg").neg_built_in
    assert resolve_models("v1", neg=True)[0].name == "vmaf_v1"


def _frame(w, h, fmt="yuv420p"):
    return av.VideoFrame(w, h, fmt)


def test_encode_side_passes_cambi_the_encode_size_and_depth():
    ref8 = Picture(np.zeros((360, 640), np.uint8), 8)
    plain = encode_side(ref8, _frame(640, 360), EncoderConfig(), None)
    assert (plain.pix_fmt, plain.score_bitdepth, plain.overrides) == ("yuv420p", 8, {})
    scaled = encode_side(ref8, _frame(480, 270), EncoderConfig(prefilter="scale=480:270"), None)
    assert scaled.overrides == {"cambi": {"enc_width": 480, "enc_height": 270}}
    deep = encode_side(ref8, _frame(640, 360), EncoderConfig(pix_fmt="yuv420p10le"), None)
    assert (deep.score_bitdepth, deep.cambi) == (10, {})
    at10 = encode_side(ref8, _frame(640, 360), EncoderConfig(), 10)
    assert (at10.score_bitdepth, dict(at10.cambi)) == (10, {"enc_bitdepth": 8})
    ref10 = Picture(np.zeros((360, 640), np.uint16), 10)
    shallow = encode_side(ref10, _frame(640, 360, "yuv420p10le"), EncoderConfig(pix_fmt="yuv420p"), None)
    assert (shallow.score_bitdepth, dict(shallow.cambi)) == (10, {"enc_bitdepth": 8})
    with pytest.raises(InputError, match="cannot encode pixel format"):
        EncoderConfig(pix_fmt="rgb24")


def test_compare_scores_every_model_and_neg_twins_of_v0_ones():
    models, primary = compared_models(resolve_models("default,v1"))
    assert [m.name for m in models] == ["vmaf", "vmaf_neg", "vmaf_v1"] and primary.name == "vmaf"
    models, primary = compared_models(resolve_models("v1,4k"), neg=True)
    assert [m.name for m in models] == ["vmaf_v1", "vmaf_4k", "vmaf_4k_neg"] and primary.name == "vmaf_v1"
    assert compared_models(resolve_models("default"), neg=True)[1].name == "vmaf_neg"


def test_v1_auto_on_frames_and_scoring_knobs():
    frames = [np.zeros((2160, 3840), np.uint8)]
    assert classify_v1(frames, fps=50).variant == "v1-4k-hfr"
    assert classify_v1([np.zeros((1600, 3840), np.uint8)]).variant == "v1-4k"  # scope 4K
    assert classify_v1([np.zeros((1080, 1920), np.uint8)], fps=Fraction(48000, 1001)).variant == "v1-hfr"
    assert classify_v1([np.zeros((1080, 1920), np.uint8)], fps=30).variant == "v1"
    with pytest.raises(InputError):
        Scoring(resolve_models("v1"), bitdepth=9)


def test_search_interpolates_up_to_the_models_top_score():
    curve = lambda crf: 110.0 - 0.08 * (crf + 2) ** 2  # noqa: E731  a v1-4k-tv-like curve reaching 110
    seen = []

    def probe(crf):
        seen.append(crf)
        return curve(crf)

    ok, _ = search_crf(probe, 0, 51, 1, 104.0, 23, -1.0, ceiling=110.0)
    assert ok == max(c for c in range(52) if curve(c) >= 104.0)
    assert len(seen) <= 6
