"""Many inputs per command: bisect INPUT... / --inputs, score --pairs, --jsonl resume, exit codes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from test_score_cli import run, write_clip

from vmaf_tune.errors import EXIT_INTERRUPTED, EXIT_OK, EXIT_SOME_FAILED

TUNE = ("--target", "90", "--preset", "veryfast")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    d = tmp_path_factory.mktemp("batch")
    return [
        write_clip(d / "a.mkv", frames=12, size=(224, 128)),
        write_clip(d / "b.mkv", frames=16, size=(192, 108)),
        write_clip(d / "c.mkv", frames=10, size=(256, 144)),
    ]


def rows_of(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_three_inputs_give_each_the_crf_of_its_single_run(inputs, tmp_path, monkeypatch):
    monkeypatch.setenv("VMAF_TUNE_CACHE_DIR", str(tmp_path / "cache"))
    singles = {}
    for path in inputs:
        proc = run("bisect", str(path), *TUNE, "--no-cache", "--json", "-", "-q")
        assert proc.returncode == 0, proc.stderr
        singles[str(path)] = json.loads(proc.stdout)
    out = tmp_path / "rows.jsonl"
    proc = run("bisect", *map(str, inputs), *TUNE, "--no-cache", "--jsonl", str(out))
    assert proc.returncode == EXIT_OK, proc.stderr
    rows = rows_of(out)
    assert [r["input"] for r in rows] == [str(p) for p in inputs]
    for row in rows:
        single = singles[row["input"]]
        assert row["status"] == "ok" and row["error"] is None and row["met"]
        assert row["crf"] == single["crf"]
        assert set(single) <= set(row)  # the single run's fields, plus input/status/error/settings
        assert len(row["settings"]) == 16
    assert len({r["settings"] for r in rows}) == 1
    # One line per finished input on stderr, a table on stdout.
    assert proc.stderr.count("[") >= 3 and "[3/3]" in proc.stderr
    assert all(str(p) in proc.stdout for p in inputs)


def test_rerun_skips_recorded_inputs_and_force_runs_them(inputs, tmp_path, monkeypatch):
    monkeypatch.setenv("VMAF_TUNE_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "rows.jsonl"
    args = ("bisect", *map(str, inputs), *TUNE, "--no-cache", "--jsonl", str(out), "-q")
    start = time.perf_counter()
    assert run(*args).returncode == 0
    first = time.perf_counter() - start
    before = out.read_text()
    start = time.perf_counter()
    proc = run(*args)
    again = time.perf_counter() - start
    assert proc.returncode == 0, proc.stderr
    assert out.read_text() == before  # no duplicate rows
    # Both runs pay the interpreter's start; the re-run does nothing else.
    assert again < first / 4 or again < 1.0, (first, again)
    # Other settings are other rows; --force runs recorded inputs again.
    assert run("bisect", str(inputs[0]), "--target", "85", "--preset", "veryfast", "--jsonl", str(out), "-q"
               ).returncode == 0
    assert len(rows_of(out)) == 4
    assert run(*args, "--force").returncode == 0
    assert len(rows_of(out)) == 7


def test_failing_inputs_are_rows_and_the_others_finish(inputs, tmp_path, monkeypatch):
    monkeypatch.setenv("VMAF_TUNE_CACHE_DIR", str(tmp_path / "cache"))
    missing = tmp_path / "missing.mkv"
    garbage = tmp_path / "garbage.mp4"
    garbage.write_bytes(b"not a video" * 100)
    listing = tmp_path / "list.txt"
    listing.write_text(f"# catalogue\n{inputs[1]}\n\n{garbage}\n")
    out = tmp_path / "rows.jsonl"
    proc = run("bisect", str(inputs[0]), str(missing), "--inputs", str(listing), *TUNE, "--jsonl", str(out))
    assert proc.returncode == EXIT_SOME_FAILED, proc.stderr
    assert "Traceback" not in proc.stderr
    rows = {r["input"]: r for r in rows_of(out)}
    assert list(rows) == [str(inputs[0]), str(missing), str(inputs[1]), str(garbage)]
    assert rows[str(inputs[0])]["status"] == rows[str(inputs[1])]["status"] == "ok"
    for bad in (missing, garbage):
        row = rows[str(bad)]
        assert row["status"] == "error" and str(bad) in row["error"] and row["exit_code"] == 2
        assert "crf" not in row
    # An unreachable target is a row too: the best CRF found, and why it is not an answer.
    proc = run("bisect", str(inputs[0]), str(inputs[2]), "--target", "100", "--min-crf", "40", "--preset",
               "ultrafast", "--jsonl", "-", "-q")
    assert proc.returncode == EXIT_SOME_FAILED
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(rows) == 2 and all(r["status"] == "not_met" and "not reachable" in r["error"] for r in rows)
    assert all(r["exit_code"] == 4 and r["crf"] >= 40 for r in rows)


def test_inputs_from_stdin_and_retry_errors(inputs, tmp_path, monkeypatch):
    monkeypatch.setenv("VMAF_TUNE_CACHE_DIR", str(tmp_path / "cache"))
    late = tmp_path / "late.mkv"
    out = tmp_path / "rows.jsonl"
    cmd = [sys.executable, "-m", "vmaf_tune.cli", "bisect", "--inputs", "-", *TUNE, "--jsonl", str(out), "-q"]
    listing = f"{inputs[0]}\n{late}\n"
    proc = subprocess.run(cmd, input=listing, capture_output=True, text=True, timeout=300)
    assert proc.returncode == EXIT_SOME_FAILED, proc.stderr
    assert [r["status"] for r in rows_of(out)] == ["ok", "error"]
    write_clip(late, frames=8, size=(192, 108))
    proc = subprocess.run(cmd, input=listing, capture_output=True, text=True, timeout=300)
    assert proc.returncode == EXIT_SOME_FAILED  # recorded rows count: the error is still the latest word
    assert len(rows_of(out)) == 2
    proc = subprocess.run(cmd + ["--retry-errors"], input=listing, capture_output=True, text=True, timeout=300)
    assert proc.returncode == EXIT_OK, proc.stderr
    assert [(r["input"], r["status"]) for r in rows_of(out)][2:] == [(str(late), "ok")]


def test_process_executor_gives_the_same_crfs(inputs, tmp_path, monkeypatch):
    monkeypatch.setenv("VMAF_TUNE_CACHE_DIR", str(tmp_path / "cache"))
    local = run("bisect", *map(str, inputs), *TUNE, "--jsonl", "-", "-q")
    proc = run("bisect", *map(str, inputs), *TUNE, "--jsonl", "-", "-q", "--executor", "process", "--threads", "2")
    assert local.returncode == proc.returncode == 0, proc.stderr
    crfs = [{json.loads(line)["input"]: json.loads(line)["crf"] for line in p.stdout.splitlines()} for p in (local, proc)]
    assert crfs[0] == crfs[1] and len(crfs[0]) == 3


def test_ctrl_c_leaves_whole_lines(tmp_path, monkeypatch):
    monkeypatch.setenv("VMAF_TUNE_CACHE_DIR", str(tmp_path / "cache"))
    clips = [write_clip(tmp_path / f"in{i}.mkv", frames=48, size=(640, 360)) for i in range(4)]
    out = tmp_path / "rows.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "vmaf_tune.cli", "bisect", *map(str, clips), "--preset", "slow",
                             "--jsonl", str(out), "-q"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not out.exists() or not out.read_text()):
        time.sleep(0.05)
    assert proc.poll() is None, "finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == EXIT_INTERRUPTED, stderr
    assert "Traceback" not in stderr
    text = out.read_text()
    assert text.endswith("\n")
    rows = [json.loads(line) for line in text.splitlines()]
    assert 1 <= len(rows) < 4
    # The rest is done by the re-run, without repeating the recorded ones.
    proc = run("bisect", *map(str, clips), "--preset", "slow", "--jsonl", str(out), "-q")
    assert proc.returncode == 0, proc.stderr
    assert sorted(r["input"] for r in rows_of(out)) == sorted(map(str, clips))


def test_score_pairs_rows_equal_single_runs(tmp_path, monkeypatch):
    refs = [write_clip(tmp_path / "r0.mkv", frames=8), write_clip(tmp_path / "r1.mkv", frames=6, size=(224, 128))]
    dists = [write_clip(tmp_path / "d0.mp4", frames=8, crf=35),
             write_clip(tmp_path / "d1.mp4", frames=6, size=(224, 128), crf=28)]
    manifest = tmp_path / "pairs.csv"
    manifest.write_text("reference,distorted\n" + "".join(f"{r},{d}\n" for r, d in zip(refs, dists))
                        + f"{refs[0]},{tmp_path / 'nothere.mp4'}\n")
    out, csv_out = tmp_path / "rows.jsonl", tmp_path / "rows.csv"
    args = ("score", "--pairs", str(manifest), "--model-variant", "default,neg", "--feature", "float_motion")
    proc = run(*args, "--jsonl", str(out), "--csv", str(csv_out))
    assert proc.returncode == EXIT_SOME_FAILED, proc.stderr
    rows = rows_of(out)
    assert [r["status"] for r in rows] == ["ok", "ok", "error"]
    assert "nothere.mp4" in rows[2]["error"]
    for row, ref, dist in zip(rows, refs, dists):
        single = run("score", str(ref), str(dist), "--model-variant", "default,neg", "--feature", "float_motion",
                     "--json", "-", "-q")
        log = json.loads(single.stdout)
        assert row["pooled_metrics"] == {k: log["pooled_metrics"][k] for k in row["pooled_metrics"]}
        assert set(row["pooled_metrics"]) == {"vmaf", "vmaf_neg", "motion", "motion2"}
        assert row["frames"] == len(log["frames"])
    lines = csv_out.read_text().splitlines()
    assert len(lines) == 4 and lines[0].startswith("reference,distorted,status")
    assert f"{rows[0]['pooled_metrics']['vmaf']['mean']}" in lines[1]
    # Resume: nothing is scored again; the CSV still lists every pair.
    proc = run(*args, "--jsonl", str(out), "--csv", str(csv_out), "--executor", "process")
    assert proc.returncode == EXIT_SOME_FAILED and len(rows_of(out)) == 3
    assert len(csv_out.read_text().splitlines()) == 4


def test_score_pairs_bad_manifests(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("ref,dist\na,b\n")
    proc = run("score", "--pairs", str(bad))
    assert proc.returncode == 2 and "reference,distorted" in proc.stderr and "Traceback" not in proc.stderr
    bad.write_text("reference,distorted,width\na,b,wide\n")
    proc = run("score", "--pairs", str(bad))
    assert proc.returncode == 2 and "width" in proc.stderr
    proc = run("score", "a", "b", "--pairs", str(bad))
    assert proc.returncode == 2 and "not both" in proc.stderr
    proc = run("score", "a", "b", "--jsonl", str(tmp_path / "x.jsonl"))
    assert proc.returncode == 2 and "--pairs" in proc.stderr


def _peak_rss_kib(*args: str) -> tuple[int, float, str]:
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "vmaf_tune.cli", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    assert proc.returncode == 0, stderr
    return usage.ru_maxrss, time.perf_counter() - start, stderr


def test_threads_beyond_the_cores_cost_no_memory(tmp_path):
    """score --threads 10000 on a 40-frame 640x272 clip: clamped to the cores, with a notice."""
    ref = write_clip(tmp_path / "ref.mkv", frames=40, size=(640, 272))
    dist = write_clip(tmp_path / "dist.mp4", frames=40, size=(640, 272), crf=32)
    base_rss, base_s, _ = _peak_rss_kib("score", str(ref), str(dist), "--threads", "2")
    rss, seconds, stderr = _peak_rss_kib("score", str(ref), str(dist), "--threads", "10000")
    assert rss < 3 * base_rss, (rss, base_rss)
    assert seconds < 3 * base_s + 5, (seconds, base_s)
    assert "--threads 10000 is more than the" in stderr
