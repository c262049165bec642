"""bisect as users run it: result, JSON, cache reuse, NEG, bad arguments."""

from __future__ import annotations

import json

import pytest

from test_score_cli import assert_one_line_error, run, write_clip


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    return write_clip(tmp_path_factory.mktemp("bisect") / "src.mkv", frames=12, size=(224, 128))


def test_bisect_json_and_cache(clip, tmp_path, monkeypatch):
    env_cache = tmp_path / "cache"
    monkeypatch.setenv("VMAF_TUNE_CACHE_DIR", str(env_cache))
    out = tmp_path / "r.json"
    proc = run("bisect", str(clip), "--target", "90", "--preset", "veryfast", "--json", str(out), "-q")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("crf ")
    r = json.loads(out.read_text())
    assert r["met"] and r["encoder"] == "libx264" and r["model"] == "vmaf"
    assert r["vmaf"] >= 90 and r["mode"]["type"] == "full"
    crfs = {p["crf"]: p["vmaf"] for p in r["probes"]}
    assert r["crf"] in crfs and crfs[r["crf"]] >= 90
    assert r["crf"] + 1 in crfs and crfs[r["crf"] + 1] < 90  # the next CRF was shown to miss
    assert not any(p["cached"] for p in r["probes"])
    assert r["bitrate"] > 0 and r["size_bytes"] > 0
    proc = run("bisect", str(clip), "--target", "90", "--preset", "veryfast", "--json", "-", "-q")
    again = json.loads(proc.stdout)
    assert again["crf"] == r["crf"] and all(p["cached"] for p in again["probes"])
    # NEG must never reuse standard VMAF probes.
    proc = run("bisect", str(clip), "--target", "90", "--preset", "veryfast", "--neg", "--json", "-", "-q")
    neg = json.loads(proc.stdout)
    assert neg["model"] == "vmaf_neg" and not any(p["cached"] for p in neg["probes"])


def test_unreachable_target_exit_code(clip, tmp_path, monkeypatch):
    monkeypatch.setenv("VMAF_TUNE_CACHE_DIR", str(tmp_path))
    proc = run("bisect", str(clip), "--target", "100", "--min-crf", "40", "--max-crf", "51", "--preset", "ultrafast")
    assert proc.returncode == 4, proc.stderr
    assert "not reachable" in proc.stderr and "Traceback" not in proc.stderr


def test_corrupt_cache_is_rebuilt(clip, tmp_path, monkeypatch):
    monkeypatch.setenv("VMAF_TUNE_CACHE_DIR", str(tmp_path))
    (tmp_path / "probes.sqlite3").write_bytes(b"garbage" * 1000)
    proc = run("bisect", str(clip), "--target", "60", "--preset", "ultrafast", "--min-crf", "30")
    assert proc.returncode == 0, proc.stderr
    assert "corrupt" in proc.stderr and "rebuilding" in proc.stderr


def test_bad_bisect_arguments(clip, tmp_path):
    src = str(clip)
    assert_one_line_error(run("bisect", src, "--target", "101"), "target")
    assert_one_line_error(run("bisect", src, "--target", "-1"), "target")
    assert_one_line_error(run("bisect", src, "--encoder", "libfoo"), "unknown encoder 'libfoo'")
    assert_one_line_error(run("bisect", src, "--min-crf", "40", "--max-crf", "20"), "--min-crf 40")
    assert_one_line_error(run("bisect", src, "--encoder", "libsvtav1", "--crf-step", "0.5"), "whole CRF")
    assert_one_line_error(run("bisect", src, "--encoder-opt", "nonsense_opt=1", "--no-cache"), "nonsense_opt")
    assert_one_line_error(run("bisect", src, "--pool", "median"), "median")
    missing = str(tmp_path / "missing.mp4")
    assert_one_line_error(run("bisect", missing), missing)


def test_ctrl_c_exits_130_and_leaves_no_partial_output(tmp_path, monkeypatch):
    import signal
    import sqlite3
    import subprocess
    import sys
    import time

    src = write_clip(tmp_path / "long.mkv", frames=240, size=(640, 360))
    monkeypatch.setenv("VMAF_TUNE_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "out" / "result.json"
    out.parent.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "vmaf_tune.cli", "bisect", str(src), "--json", str(out), "--preset", "slow"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    time.sleep(2.5)
    assert proc.poll() is None, "bisect finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    assert list(out.parent.iterdir()) == []  # neither the result nor a temporary file
    db = tmp_path / "cache" / "probes.sqlite3"
    if db.exists():
        assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_locked_or_unwritable_cache_is_bypassed(clip, tmp_path, monkeypatch):
    import sqlite3

    monkeypatch.setenv("VMAF_TUNE_CACHE_DIR", str(tmp_path))
    args = ("bisect", str(clip), "--target", "60", "--preset", "ultrafast", "--min-crf", "30", "--json", "-")
    assert run(*args).returncode == 0  # creates the cache
    holder = sqlite3.connect(tmp_path / "probes.sqlite3", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:  # another process holds the write lock; new probes cannot be stored
        proc = run(*[a if a != "ultrafast" else "superfast" for a in args])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert proc.returncode == 0, proc.stderr
    assert "warning" in proc.stderr and "Traceback" not in proc.stderr
    assert json.loads(proc.stdout)["met"]
    monkeypatch.setenv("VMAF_TUNE_CACHE_DIR", "/proc/vmaf-tune-cache")  # a read-only place
    proc = run(*args)
    assert proc.returncode == 0, proc.stderr
    assert "continuing without it" in proc.stderr


def test_two_processes_share_the_cache(clip, tmp_path, monkeypatch):
    import sqlite3
    import subprocess
    import sys

    monkeypatch.setenv("VMAF_TUNE_CACHE_DIR", str(tmp_path))
    cmd = [sys.executable, "-m", "vmaf_tune.cli", "bisect", str(clip), "--target", "85", "--preset", "ultrafast",
           "--json", "-", "-q"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1] for o in outs]
    results = [json.loads(o[0]) for o in outs]
    assert results[0]["crf"] == results[1]["crf"]
    db = sqlite3.connect(tmp_path / "probes.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    third = json.loads(run(*cmd[3:]).stdout)
    assert third["crf"] == results[0]["crf"] and all(p["cached"] for p in third["probes"])


@pytest.mark.parametrize(
    "encoder, preset, options",
    [
        ("libx265", "ultrafast", {}),
        ("libsvtav1", "12", {}),
        ("libvpx-vp9", None, {"deadline": "realtime", "cpu-used": "8"}),
    ],
)
def test_every_encoder_probes_in_memory(clip, encoder, preset, options):
    import vmaf_tune

    r = vmaf_tune.bisect(clip, 80, encoder=encoder, preset=preset, encoder_options=options, use_cache=False,
                         threads=2)
    assert r.encoder == encoder and r.probes and all(p.bitrate > 0 for p in r.probes)
    assert r.met and r.vmaf >= 80
    scores = {p.crf: p.vmaf for p in r.probes}
    assert all(scores[c] < 80 for c in scores if c > r.crf)


def test_per_shot_output_that_cannot_hold_the_stream(clip, tmp_path):
    """Checked before any tuning: one line naming the file, nothing left behind."""
    out = tmp_path / "out.webm"
    assert_one_line_error(run("per-shot", str(clip), "--target", "80", "--output", str(out)), "out.webm", "libx264")
    assert_one_line_error(run("per-shot", str(clip), "--target", "80", "--output", str(tmp_path / "o.xyz")), "o.xyz")
    assert list(tmp_path.iterdir()) == []


def test_encoder_banners_are_silenced(clip, tmp_path):
    """SVT-AV1 prints an 80-line configuration banner per encoder; --quiet means quiet, and
    stdout stays pure JSON."""
    proc = run("bisect", str(clip), "--target", "80", "--encoder", "libsvtav1", "--preset", "12", "--no-cache",
               "--json", "-", "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["encoder"] == "libsvtav1"
    assert proc.stderr == ""


def test_ctrl_c_during_per_shot_leaves_no_partial_encode(tmp_path, monkeypatch):
    import signal
    import subprocess
    import sys
    import time

    src = write_clip(tmp_path / "long.mkv", frames=240, size=(640, 360))
    monkeypatch.setenv("VMAF_TUNE_CACHE_DIR", str(tmp_path / "cache"))
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "vmaf_tune.cli", "per-shot", str(src), "--output", str(out_dir / "final.mp4"),
         "--json", str(out_dir / "plan.json"), "--preset", "slow"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    time.sleep(3.0)
    assert proc.poll() is None, "per-shot finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    assert list(out_dir.iterdir()) == []
