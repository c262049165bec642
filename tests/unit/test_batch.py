"""bisect_many / score_many as an API, the CPU budget, and the JSON Lines log."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import vmaf_tune
from vmaf_tune.batch import Pair, read_inputs, read_pairs
from vmaf_tune.budget import Budget, available_cores, clamp_threads
from vmaf_tune.errors import InputError
from vmaf_tune.output import JsonlLog, read_jsonl

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cli"))
from test_score_cli import write_clip  # noqa: E402


@pytest.fixture(scope="module")
def clips(tmp_path_factory):
    d = tmp_path_factory.mktemp("batch-api")
    refs = [write_clip(d / "r0.mkv", frames=8), write_clip(d / "r1.mkv", frames=6, size=(224, 128))]
    dists = [write_clip(d / "d0.mp4", frames=8, crf=35), write_clip(d / "d1.mp4", frames=6, size=(224, 128), crf=28)]
    return refs, dists


def test_budget_splits_the_cores_between_jobs():
    cores = available_cores()
    notes = []
    assert clamp_threads(None) == cores
    assert clamp_threads(10_000, notes.append) == cores and "10000" in notes[0]
    assert clamp_threads(1, notes.append) == 1 and len(notes) == 1
    with pytest.raises(InputError):
        clamp_threads(0)
    lone = Budget.plan(None, 5, max_jobs=1)
    assert lone.jobs == 1 and lone.scoring_threads is None  # a single run's defaults
    assert Budget.plan(1, 5, max_jobs=1).scoring_threads == 1
    par = Budget.plan(cores, 5)
    assert par.jobs == min(5, cores) and par.jobs * par.per_job <= cores
    assert Budget.plan(cores, 1).jobs == 1 and Budget.plan(cores, 1).per_job == cores
    # Encoders: a lone job keeps the automatic count (as a single run); parallel jobs get a share.
    assert lone.encoder_threads is None and Budget.plan(cores, 1).encoder_threads is None
    assert par.encoder_threads == (par.per_job if par.jobs > 1 else None)
    four = Budget(total=8, jobs=4, explicit=True)
    assert four.encoder_threads == four.scoring_threads == 2


def test_jsonl_log_keeps_whole_lines(tmp_path):
    path = tmp_path / "log.jsonl"
    with JsonlLog(str(path)) as log:
        log.write({"a": 1})
        log.write({"b": [1, 2]})
    with open(path, "ab") as fh:  # a run killed mid-line
        fh.write(b'{"c": 3, "d"')
    assert read_jsonl(str(path)) == ([{"a": 1}, {"b": [1, 2]}], 1)
    with JsonlLog(str(path)) as log:  # opening cuts the broken tail
        log.write({"e": 5})
    assert [json.loads(line) for line in path.read_text().splitlines()] == [{"a": 1}, {"b": [1, 2]}, {"e": 5}]
    only = tmp_path / "only.jsonl"
    only.write_bytes(b'{"half')
    JsonlLog(str(only)).close()
    assert only.read_bytes() == b""
    assert read_jsonl(str(tmp_path / "absent.jsonl")) == ([], 0)
    with pytest.raises(InputError):
        JsonlLog(str(tmp_path / "no" / "dir.jsonl"))


def test_lists_and_manifests(tmp_path):
    lst = tmp_path / "list.txt"
    lst.write_text("# header\n a.mp4 \n\nb c.mkv\n")
    assert read_inputs(str(lst)) == ["a.mp4", "b c.mkv"]
    man = tmp_path / "m.csv"
    man.write_text("distorted,reference,width,height,pix_fmt\nd.yuv,r.yuv,64,48,yuv420p10le\nd.mp4,r.mp4,,,\n")
    assert read_pairs(str(man)) == [Pair("r.yuv", "d.yuv", 64, 48, "yuv420p10le"), Pair("r.mp4", "d.mp4")]
    man.write_text("reference\nr.mp4\n")
    with pytest.raises(InputError, match="distorted"):
        read_pairs(str(man))
    man.write_text("reference,distorted\n")
    with pytest.raises(InputError, match="no pairs"):
        read_pairs(str(man))
    with pytest.raises(InputError, match="cannot read"):
        read_inputs(str(tmp_path / "absent.txt"))


def test_score_many_equals_score_and_yields_as_it_goes(clips, tmp_path):
    refs, dists = clips
    seen = []
    results = vmaf_tune.score_many(list(zip(refs, dists)), "default,neg", threads=1, on_result=seen.append,
                                   jsonl=str(tmp_path / "rows.jsonl"))
    assert seen == []  # nothing runs before iteration
    results = list(results)
    assert seen == results and all(r.ok for r in results)
    for r, ref, dist in zip(results, refs, dists):
        single = vmaf_tune.score(ref, dist, "default,neg", threads=1)
        assert r.pooled == {k: single.pooled[k].as_dict() for k in ("vmaf", "vmaf_neg")}
    skipped = []
    again = list(vmaf_tune.score_many(list(zip(refs, dists)), "default,neg", jsonl=str(tmp_path / "rows.jsonl"),
                                      on_skip=lambda p, row: skipped.append(row)))
    assert again == [] and [row["reference"] for row in skipped] == [str(p) for p in refs]
    with pytest.raises(InputError):  # bad requests fail before any work, not as rows
        vmaf_tune.score_many(list(zip(refs, dists)), features=["nonsense"])
    with pytest.raises(InputError):
        vmaf_tune.score_many([], "default")


def test_bisect_many_api(clips, tmp_path, monkeypatch):
    monkeypatch.setenv("VMAF_TUNE_CACHE_DIR", str(tmp_path / "cache"))
    refs, _ = clips
    missing = str(tmp_path / "missing.mkv")
    items = list(vmaf_tune.bisect_many([*refs, missing, refs[0]], 85, preset="ultrafast"))
    assert [i.input for i in items] == [str(refs[0]), str(refs[1]), missing]  # listed twice: run once
    for item, ref in zip(items, refs):
        single = vmaf_tune.bisect(ref, 85, preset="ultrafast")
        assert item.ok and item.result.crf == single.crf and item.as_dict()["crf"] == single.crf
    assert items[2].status == "error" and missing in items[2].error and items[2].result is None
    with pytest.raises(InputError):
        vmaf_tune.bisect_many(refs, 101)
    with pytest.raises(InputError):
        vmaf_tune.bisect_many(refs, 90, executor="cloud")


def test_dask_local_cluster_and_scheduler_address_give_the_same_rows(clips, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    refs, dists = clips
    pairs = list(zip(refs, dists))
    local = {(r.reference, r.distorted): r.as_dict() for r in vmaf_tune.score_many(pairs, executor="local")}
    on_cluster = {(r.reference, r.distorted): r.as_dict() for r in vmaf_tune.score_many(pairs, executor="dask")}
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True) as cluster:
        remote = {(r.reference, r.distorted): r.as_dict()
                  for r in vmaf_tune.score_many(pairs, executor="dask", scheduler=cluster.scheduler_address)}

    def numbers(rows):
        return {k: (v["pooled_metrics"], v["frames"], v["settings"]) for k, v in rows.items()}

    assert numbers(local) == numbers(on_cluster) == numbers(remote) and len(local) == 2
