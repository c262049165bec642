"""bisect wall time: vmaf-tune in one process against the subprocess pipeline peers use.

The peers' pipeline (ab-av1, Av1an, the VMAFx fork): for every probe, an ffmpeg process
encodes the source to a file, then another ffmpeg process decodes that file and the source
again and runs libvmaf. Two searches drive it here: a plain binary search over integer CRFs,
and an interpolated search (the same bracketing/interpolation vmaf-tune uses, i.e. what
ab-av1-style searching achieves, with every probe whole: vmaf-tune's probes far from the target
stop early with an estimate). All use the same encoder, preset, target and thread count; the
"probes" column of vmaf-tune counts stopped probes too.

    python -m benchmarks.bisect --clips bikes bigbuckbunny --targets 90 95

(Run it as a module from the repository root: a script named bisect.py would shadow the
standard library module of that name.)

Needs the test extras (imageio-ffmpeg, scikit-video).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._media import clip, ffmpeg

import vmaf_tune
from vmaf_tune.search import search_crf


class SubprocessProber:
    """One probe = ffmpeg encode to a temp file + ffmpeg libvmaf over that file and the source."""

    def __init__(self, src: Path, preset: str, threads: int, workdir: Path) -> None:
        self.src, self.preset, self.threads, self.workdir = src, preset, threads, workdir
        self.probes = 0

    def __call__(self, crf: float) -> float:
        self.probes += 1
        out = self.workdir / f"probe-{crf:g}.mp4"
        log = self.workdir / f"probe-{crf:g}.json"
        base = [ffmpeg(), "-hide_banner", "-loglevel", "error", "-y"]
        subprocess.run(
            base + ["-i", str(self.src), "-an", "-c:v", "libx264", "-preset", self.preset, "-crf", f"{crf:g}", str(out)],
            check=True,
        )
        subprocess.run(
            base
            + ["-i", str(out), "-i", str(self.src), "-lavfi",
               f"[0:v][1:v]libvmaf=n_threads={self.threads}:log_fmt=json:log_path={log}", "-f", "null", "-"],
            check=True,
        )
        return json.loads(log.read_text())["pooled_metrics"]["vmaf"]["mean"]


def binary_search(probe, lo: int, hi: int, target: float) -> int | None:
    best = None
    while lo <= hi:
        mid = (lo + hi) // 2
        if probe(mid) >= target:
            best, lo = mid, mid + 1
        else:
            hi = mid - 1
    return best


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--clips", nargs="+", default=["bikes", "bigbuckbunny"])
    p.add_argument("--targets", type=float, nargs="+", default=[90.0, 95.0])
    p.add_argument("--preset", default="medium")
    p.add_argument("--threads", type=int, default=2)
    args = p.parse_args()
    print(f"# libx264 preset {args.preset}, --full, {args.threads} threads, CRF step 1, no cache")
    print(f"{'clip':<13} {'target':>6} {'method':<26} {'wall s':>7} {'probes':>6} {'crf':>4} {'ratio':>6}")
    for name in args.clips:
        src = clip(f"{name}.mp4")
        for target in args.targets:
            rows = []
            t = time.perf_counter()
            r = vmaf_tune.bisect(
                str(src), target, preset=args.preset, full=True, use_cache=False, threads=args.threads
            )
            rows.append(("vmaf-tune (in-process)", time.perf_counter() - t, len(r.probes), r.crf))
            with tempfile.TemporaryDirectory() as tmp:
                prober = SubprocessProber(src, args.preset, args.threads, Path(tmp))
                t = time.perf_counter()
                crf = binary_search(prober, 0, 51, target)
                rows.append(("subprocess binary search", time.perf_counter() - t, prober.probes, crf))
            with tempfile.TemporaryDirectory() as tmp:
                prober = SubprocessProber(src, args.preset, args.threads, Path(tmp))
                t = time.perf_counter()
                crf, _ = search_crf(prober, 0, 51, 1, target, 23)
                rows.append(("subprocess interpolated", time.perf_counter() - t, prober.probes, crf))
            base = rows[1][1]
            for method, wall, probes, crf in rows:
                print(f"{name:<13} {target:>6g} {method:<26} {wall:>7.1f} {probes:>6} {crf!s:>4} {wall / base:>6.2f}")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
