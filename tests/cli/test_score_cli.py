"""The score command as users run it: outputs, schema, and one-line errors for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import av
import pytest

from vmaf_tune.synthetic import synthetic_frames


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "vmaf_tune.cli", *args], capture_output=True, text=True, cwd=cwd, timeout=600
    )


def write_clip(path: Path, *, frames: int = 8, size=(192, 108), crf: int | None = None, fps=24) -> Path:
    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx264" if crf is not None else "ffv1", rate=fps)
        stream.width, stream.height = size
        stream.pix_fmt = "yuv420p"
        if crf is not None:
            stream.options = {"crf": str(crf), "preset": "veryfast"}
        for frame in synthetic_frames(size[0], size[1], frames, Fraction(fps)):
            frame.pts = None
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return path


@pytest.fixture(scope="module")
def clips(tmp_path_factory):
    d = tmp_path_factory.mktemp("clips")
    return {
        "ref": write_clip(d / "ref.mkv"),
        "dist": write_clip(d / "dist.mp4", crf=40),
        "short": write_clip(d / "short.mp4", frames=5, crf=30),
        "big": write_clip(d / "big.mp4", size=(256, 144), crf=30),
        "dir": d,
    }


def vmaf_tune_model_dir() -> str:
    from vmaf_tune.models import MODEL_DIR

    return str(MODEL_DIR)


def assert_one_line_error(proc, *needles: str, code: int = 2) -> None:
    assert proc.returncode == code, (proc.returncode, proc.stderr)
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    assert proc.stdout == ""


def test_summary_json_and_csv(clips, tmp_path):
    out_json, out_csv = tmp_path / "log.json", tmp_path / "log.csv"
    proc = run("score", str(clips["ref"]), str(clips["dist"]), "--model-variant", "default,neg",
               "--json", str(out_json), "--csv", str(out_csv), "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert "vmaf " in proc.stdout and "vmaf_neg" in proc.stdout and "frames: 8 of 8" in proc.stdout
    log = json.loads(out_json.read_text())
    assert len(log["frames"]) == 8 and log["frames"][3]["frameNum"] == 3
    metrics = log["frames"][3]["metrics"]
    for key in ("vmaf", "vmaf_neg", "integer_adm2", "integer_adm2_egl_1", "integer_vif_scale0_egl_1", "integer_motion2"):
        assert key in metrics
    assert set(log["pooled_metrics"]["vmaf"]) == {"min", "max", "mean", "harmonic_mean"}
    assert 0 < log["pooled_metrics"]["vmaf"]["mean"] < 100
    header = out_csv.read_text().splitlines()[0].split(",")
    assert header[0] == "Frame" and "vmaf_neg" in header


def test_json_to_stdout_is_pure_json(clips):
    proc = run("score", str(clips["ref"]), str(clips["dist"]), "--json", "-", "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["pooled_metrics"]["vmaf"]["mean"] > 0


def test_neg_flag_and_pool_option(clips):
    proc = run("score", str(clips["ref"]), str(clips["dist"]), "--neg", "--pool", "harmonic_mean", "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("vmaf_neg") and "(harmonic_mean;" in proc.stdout


def test_scaling_notice_and_shortest(clips):
    proc = run("score", str(clips["ref"]), str(clips["big"]))
    assert proc.returncode == 0, proc.stderr
    assert "scaling it to the reference's 192x108" in proc.stderr
    proc = run("score", str(clips["ref"]), str(clips["short"]), "--shortest", "--quiet")
    assert proc.returncode == 0 and "frames: 5 of 5" in proc.stdout


def test_builtin_default_input():
    proc = run("score", "--quiet", "--threads", "2")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("vmaf ")


def test_models_listing():
    proc = run("models")
    assert proc.returncode == 0
    for name in ("default", "neg", "4k-neg", "phone", "float-neg"):
        assert name in proc.stdout
    rows = json.loads(run("models", "--json").stdout)
    assert {r["variant"] for r in rows} >= {"default", "neg", "4k", "4k-neg", "phone"}


def test_bad_inputs(clips, tmp_path):
    ref, dist = str(clips["ref"]), str(clips["dist"])
    missing = str(tmp_path / "nope.mp4")
    assert_one_line_error(run("score", missing, dist), missing, "no such file")
    assert_one_line_error(run("score", ref, str(tmp_path)), str(tmp_path), "directory")
    empty = tmp_path / "empty.mp4"
    empty.write_bytes(b"")
    assert_one_line_error(run("score", ref, str(empty)), str(empty), "empty")
    text = tmp_path / "notes.mp4"
    text.write_text("this is not a video\n" * 20)
    assert_one_line_error(run("score", ref, str(text)), str(text), "not a readable video")
    assert_one_line_error(run("score", ref, str(clips["short"])), "has 5 frames", "--shortest")
    raw = tmp_path / "clip.yuv"
    raw.write_bytes(bytes(1000))
    assert_one_line_error(run("score", str(raw), str(raw)), str(raw), "--width")
    assert_one_line_error(
        run("score", str(raw), str(raw), "--width", "64", "--height", "64"), str(raw), "not a whole number"
    )
    assert_one_line_error(run("score", ref, dist, "--threads", "0"), "--threads")
    assert_one_line_error(run("score", ref, dist, "--subsample", "0"), "--subsample")
    assert_one_line_error(run("score", ref, dist, "--model-variant", "bogus"), "bogus")
    bad_model = tmp_path / "m.json"
    bad_model.write_text("{")
    assert_one_line_error(run("score", ref, dist, "--model", str(bad_model)), str(bad_model), "malformed JSON")
    blocker = tmp_path / "plain-file"
    blocker.write_text("x")
    assert_one_line_error(run("score", ref, dist, "--json", str(blocker / "x.json")), "is not a directory")
    assert_one_line_error(run("score", ref, dist, "--csv", str(tmp_path)), "is a directory")
    truncated = tmp_path / "truncated.mp4"
    truncated.write_bytes(Path(dist).read_bytes()[: len(Path(dist).read_bytes()) // 3])
    assert_one_line_error(run("score", ref, str(truncated)), str(truncated))
    still = tmp_path / "still.png"
    with av.open(str(still), "w") as out_png:
        s = out_png.add_stream("png")
        s.width, s.height, s.pix_fmt = 192, 108, "rgb24"
        frame = next(iter(synthetic_frames(192, 108, 1))).reformat(format="rgb24")
        for p in s.encode(frame):
            out_png.mux(p)
        for p in s.encode(None):
            out_png.mux(p)
    assert_one_line_error(run("score", ref, str(still)), "has 1 frames", "--shortest")
    audio = tmp_path / "audio.wav"
    with av.open(str(audio), "w") as out_wav:
        import numpy as np

        a = out_wav.add_stream("pcm_s16le", rate=8000)
        silence = av.AudioFrame.from_ndarray(np.zeros((1, 800), dtype=np.int16), format="s16", layout="mono")
        silence.sample_rate = 8000
        for p in [*a.encode(silence), *a.encode(None)]:
            out_wav.mux(p)
    assert_one_line_error(run("score", ref, str(audio)), str(audio), "no video stream")
    model = json.loads((Path(vmaf_tune_model_dir()) / "vmaf_v0.6.1.json").read_text())
    for problem, mutate in (
        ("unknown feature", lambda md: md.update(feature_names=["VMAF_feature_cambi_score"] + md["feature_names"][1:])),
        ("slopes must have", lambda md: md.update(slopes=md["slopes"][:3])),
        ("finite", lambda md: md.update(intercepts=[float("nan")] + md["intercepts"][1:])),
    ):
        bad = json.loads(json.dumps(model))
        mutate(bad["model_dict"])
        path = tmp_path / f"model-{problem.split()[0]}.json"
        path.write_text(json.dumps(bad))
        assert_one_line_error(run("score", ref, dist, "--model", str(path)), str(path), problem)
    partial = tmp_path / "result.json"
    assert_one_line_error(run("score", ref, str(clips["short"]), "--json", str(partial)), "--shortest")
    assert not partial.exists() and not list(tmp_path.glob(".vmaf-tune-*"))
    out = str(tmp_path / "no" / "such" / "dir" / "x.json")
    assert_one_line_error(run("score", ref, dist, "--json", out), "does not exist")
    assert not (tmp_path / "no").exists()


def test_too_small_frames(tmp_path):
    tiny = write_clip(tmp_path / "tiny.mkv", size=(16, 16), frames=2)
    assert_one_line_error(run("score", str(tiny), str(tiny)), "at least")


def test_raw_yuv_and_bitdepth_mismatch(tmp_path):
    import numpy as np

    rng = np.random.default_rng(1)
    frames = rng.integers(0, 1024, size=(3, 96 * 3 // 2, 128), dtype=np.uint16)
    raw10 = tmp_path / "a.yuv"
    raw10.write_bytes(frames.astype("<u2").tobytes())
    proc = run("score", str(raw10), str(raw10), "--width", "128", "--height", "96", "--pix-fmt", "yuv420p10le",
               "--json", "-", "-q")
    assert proc.returncode == 0, proc.stderr
    log = json.loads(proc.stdout)
    assert log["params"]["bitdepth"] == 10 and len(log["frames"]) == 3
    metrics = log["frames"][1]["metrics"]
    assert metrics["integer_vif_scale0"] == 1.0 and abs(metrics["integer_adm2"] - 1.0) < 1e-4
    assert metrics["vmaf"] > 99
    ten = write_clip(tmp_path / "ten.mkv", frames=3)
    with av.open(str(tmp_path / "ten10.mkv"), "w") as out:
        s = out.add_stream("ffv1", rate=24)
        s.width, s.height, s.pix_fmt = 192, 108, "yuv420p10le"
        for f in synthetic_frames(192, 108, 3, Fraction(24), pix_fmt="yuv420p10le"):
            f.pts = None
            for p in s.encode(f):
                out.mux(p)
        for p in s.encode(None):
            out.mux(p)
    assert_one_line_error(run("score", str(ten), str(tmp_path / "ten10.mkv")), "10-bit", "8-bit")


def test_pool_takes_percentiles_as_bisect_does(clips, tmp_path):
    """score --pool accepts every method pool() does (pNN too) and prints that pooled value."""
    log = tmp_path / "log.json"
    proc = run("score", str(clips["ref"]), str(clips["dist"]), "--pool", "p5", "--json", str(log), "-q")
    assert proc.returncode == 0, proc.stderr
    per_frame = [f["metrics"]["vmaf"] for f in json.loads(log.read_text())["frames"]]
    from vmaf_tune import pool

    printed = float(proc.stdout.split()[1])
    assert proc.stdout.split()[2] == "(p5;"
    assert printed == pytest.approx(pool(per_frame, "p5"), abs=2e-6)
    assert printed != pytest.approx(pool(per_frame, "mean"), abs=1e-6)
    bad = run("score", str(clips["ref"]), str(clips["dist"]), "--pool", "p101")
    assert bad.returncode == 2 and "p101" in bad.stderr


def test_help_shows_the_api_defaults():
    from vmaf_tune.score import DEFAULT_BACKEND

    out = run("score", "--help").stdout
    assert f"default {DEFAULT_BACKEND}" in out and "pNN" in out


def test_feature_cambi_alone_and_its_encoding_size(clips, tmp_path):
    """--feature cambi computes CAMBI alone; --cambi-enc-size is libvmaf's enc_width/enc_height."""
    big = write_clip(tmp_path / "big.mkv", frames=3, size=(480, 272))
    dist = write_clip(tmp_path / "big.mp4", frames=3, size=(480, 272), crf=38)
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    proc = run("score", str(big), str(dist), "--feature", "cambi", "--cambi-enc-size", "320x180", "--json", str(a), "-q")
    assert proc.returncode == 0, proc.stderr
    same = run("score", str(big), str(dist), "--feature", "cambi=enc_width=320:enc_height=180", "--json", str(b), "-q")
    assert same.returncode == 0, same.stderr
    first, second = json.loads(a.read_text()), json.loads(b.read_text())
    assert list(first["frames"][0]["metrics"]) == ["cambi_ench_180_encw_320"]
    assert first["frames"] == second["frames"]
    assert "cambi_ench_180_encw_320" in proc.stdout and "vmaf" not in proc.stdout
    bad = run("score", str(big), str(dist), "--feature", "cambi=window=3")
    assert_one_line_error(bad, "window", code=2)


def test_aom_ctc_writes_the_set_with_apsnr_and_valid_json(clips, tmp_path):
    log = tmp_path / "ctc.json"
    ref = write_clip(tmp_path / "r.mkv", frames=3, size=(256, 192))
    proc = run("score", str(ref), str(ref), "--aom-ctc", "v7.0", "--json", str(log), "-q")
    assert proc.returncode == 0, proc.stderr
    text = log.read_text()
    assert "Infinity" not in text and "NaN" not in text  # identical planes: libvmaf prints null
    data = json.loads(text)
    assert set(data["aggregate_metrics"]) == {"apsnr_y", "apsnr_cb", "apsnr_cr"}
    names = set(data["frames"][0]["metrics"])
    assert {"vmaf", "vmaf_neg", "psnr_y", "ciede2000", "float_ssim", "float_ms_ssim", "psnr_hvs", "cambi"} <= names
    assert data["frames"][0]["metrics"]["psnr_hvs"] is None
    usage = run("score", str(ref), str(ref), "--aom-ctc", "v7.0", "--neg")
    assert usage.returncode == 2
