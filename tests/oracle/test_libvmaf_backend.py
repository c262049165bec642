"""The optional libvmaf backend against the built-in engine: both must agree on every frame.

Runs when VMAF_TUNE_LIBVMAF points at a libvmaf 3.x shared library (build one beside the project
from a public copy of Netflix/vmaf with meson + ninja); the missing-library error always runs."""

from __future__ import annotations

import os

import numpy as np
import pytest

import vmaf_tune
from test_oracle import case_bikes_10bit_sharpened, case_bikes_sharpened, case_carphone, case_carphone_10bit_420

needs_libvmaf = pytest.mark.skipif(not os.environ.get("VMAF_TUNE_LIBVMAF"), reason="VMAF_TUNE_LIBVMAF is not set")

CASES = {
    "carphone 8-bit": case_carphone,
    "bikes sharpened 8-bit": case_bikes_sharpened,
    "carphone 10-bit": case_carphone_10bit_420,
    "bikes sharpened 10-bit": case_bikes_10bit_sharpened,
}


@needs_libvmaf
@pytest.mark.parametrize("case", sorted(CASES))
def test_backends_agree_on_every_frame(case):
    ref, dist = CASES[case]()
    models = "default,neg,4k-neg,phone"
    ours = vmaf_tune.score(ref, dist, models, threads=2)
    theirs = vmaf_tune.score(ref, dist, models, threads=2, backend="libvmaf")
    assert theirs.models == ours.models
    for name in ours.models:
        assert np.max(np.abs(ours[name] - theirs[name])) <= 1e-6, name
    shared = set(ours.metrics) & set(theirs.metrics)
    assert {"integer_adm2", "integer_adm2_egl_1", "integer_vif_scale3_egl_1", "integer_motion2"} <= shared
    for name in shared - set(ours.models):
        assert np.array_equal(ours[name], theirs[name]), name  # features are bit-exact


@needs_libvmaf
def test_conformance_through_libvmaf(conformance):
    ref, dist = conformance / "src01_hrc00_576x324_yuv420p10le.yuv", conformance / "src01_hrc01_576x324_yuv420p10le.yuv"
    kw = dict(width=576, height=324, pix_fmt="yuv420p10le", threads=1)
    a = vmaf_tune.score(ref, dist, "default,neg", **kw)
    b = vmaf_tune.score(ref, dist, "default,neg", backend="libvmaf", **kw)
    for name in a.models:
        assert np.max(np.abs(a[name] - b[name])) <= 1e-6


def test_missing_library_is_a_clear_error(tmp_path):
    import subprocess
    import sys

    ref, dist = case_carphone()
    env = dict(os.environ, VMAF_TUNE_LIBVMAF=str(tmp_path / "libvmaf.so.3"))
    proc = subprocess.run(
        [sys.executable, "-m", "vmaf_tune.cli", "score", str(ref), str(dist), "--backend", "libvmaf"],
        capture_output=True, text=True, env=env,
    )
    assert proc.returncode == 3
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot load libvmaf" in lines[0] and str(tmp_path) in lines[0]


@needs_libvmaf
def test_subsample_and_threads_map_to_libvmaf():
    ref, dist = case_carphone()
    a = vmaf_tune.score(ref, dist, "default", threads=2, subsample=4)
    b = vmaf_tune.score(ref, dist, "default", threads=2, subsample=4, backend="libvmaf")
    assert list(a.frame_numbers) == list(b.frame_numbers) == list(range(0, 120, 4))
    assert np.max(np.abs(a["vmaf"] - b["vmaf"])) <= 1e-6


@needs_libvmaf
@pytest.mark.parametrize("cambi", [{"enc_width": 480, "enc_height": 270}, {"enc_bitdepth": 8}])
def test_cambi_encode_options_reach_libvmaf(cambi):
    """CAMBI's encode-side options (what bisect/per-shot/compare pass by themselves) become
    libvmaf's feature overloads: needs a libvmaf that runs VMAF v1 (master)."""
    from conftest import CONFORMANCE

    pair = CONFORMANCE / "v1" / "bbb_640x360_ref.mkv", CONFORMANCE / "v1" / "bbb_640x360_x264crf32.mkv"
    if not pair[1].exists():
        pytest.skip("../shared/conformance/v1 is not here")
    kw = dict(threads=2, overrides={"cambi": cambi}, score_bitdepth=10)
    ours = vmaf_tune.score(*pair, "v1", **kw)
    try:
        theirs = vmaf_tune.score(*pair, "v1", backend="libvmaf", **kw)
    except vmaf_tune.VmafTuneError as exc:
        pytest.skip(f"this libvmaf cannot run VMAF v1: {exc}")
    cambi_name = next(k for k in ours.metrics if k.startswith("cambi"))
    assert "_enc" in cambi_name and cambi_name in theirs.metrics
    assert np.array_equal(ours[cambi_name], theirs[cambi_name])
    assert np.max(np.abs(ours["vmaf_v1"] - theirs["vmaf_v1"])) <= 1e-6
