"""Generated inputs for the integer-motion oracle cases (numpy only, integer arithmetic only, so
the bytes are the same on every platform and numpy version), and the script that wrote the logs.

    python tests/oracle/data/motion/cases.py WORKDIR [VMAF_BINARY]

writes WORKDIR/<case>.y4m (.yuv for 16 bits), runs libvmaf (master f85a8536) on each with the reference as the
distorted input too (motion reads only the reference), and writes <case>.json and manifest.json
next to this file. The tests regenerate the frames in memory and check their sha256 against
manifest.json before comparing.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent

# name: (width, height, bit depth, frames, frame of the scene cut or None, frames repeated)
CASES = {
    "b12_352x288": (352, 288, 12, 9, 5, (3,)),
    "b8_637x271": (637, 271, 8, 7, 4, ()),
    "b10_637x271": (637, 271, 10, 5, None, (2,)),
    "b16_96x64": (96, 64, 16, 5, 3, ()),
    "b8_160x90_n1": (160, 90, 8, 1, None, ()),
    "b8_160x90_n2": (160, 90, 8, 2, None, ()),
    "b8_160x90_n3": (160, 90, 8, 3, 2, ()),
    "b10_160x90_n4": (160, 90, 10, 4, None, ()),
}

# The motion extractor instances run on every case: libvmaf option string -> our options.
# (sad_score's fps_weight; motion2_motion3's keyword arguments).
FEATURES = {
    "motion": dict(),
    "motion=motion_max_val=18": dict(max_val=18.0),
    "motion=motion_five_frame_window=true:motion_max_val=18:motion_moving_average=true": dict(
        five_frame_window=True, max_val=18.0, moving_average=True
    ),
    "motion=motion_max_val=2:motion_blend_factor=0.5:motion_blend_offset=1.5:motion_fps_weight=1.5": dict(
        max_val=2.0, blend_factor=0.5, blend_offset=1.5, fps_weight=1.5
    ),
    "motion=motion_five_frame_window=true:motion_max_val=3:motion_moving_average=true"
    ":motion_blend_factor=0.25:motion_blend_offset=0.5": dict(
        five_frame_window=True, max_val=3.0, moving_average=True, blend_factor=0.25, blend_offset=0.5
    ),
}


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser on uint64 arrays (wrapping arithmetic)."""
    x = x + np.uint64(0x9E3779B97F4A7C15)
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def luma(name: str, t: int) -> np.ndarray:
    """Frame t's luma plane: a drifting triangle-wave texture, a moving bright block and noise;
    inverted after the scene cut (a large SAD, above the v1 models' clamp at 18)."""
    w, h, bpc, _, cut, repeated = CASES[name]
    while t in repeated:  # a repeated frame: zero SAD against the previous one
        t -= 1
    top = (1 << bpc) - 1
    y, x = np.mgrid[0:h, 0:w].astype(np.int64)
    period = 53 + 7 * (len(name) % 5)
    phase = (x * 3 + y * 2 + t * (t + 1) // 4) % (2 * period)  # uneven speeds
    v = np.abs(phase - period) * (top // 2) // period + top // 4
    bx, by = (t * 3) % max(w - 16, 1), (t * 2) % max(h - 12, 1)
    block = (x >= bx) & (x < bx + 16) & (y >= by) & (y < by + 12)
    v = np.where(block, top - top // 8, v)
    seed = np.uint64(int.from_bytes(hashlib.sha256(name.encode()).digest()[:4], "little"))
    idx = ((np.uint64(t) << np.uint64(40)) ^ (y.astype(np.uint64) << np.uint64(20)) ^ x.astype(np.uint64)) + (seed << np.uint64(48))
    noise = (_mix(idx) % np.uint64(top // 32 + 1)).astype(np.int64) - top // 64
    v = np.clip(v + noise, 0, top)
    if cut is not None and t >= cut:
        v = top - v
    return v.astype(np.uint8 if bpc == 8 else "<u2")


def input_bytes(name: str) -> bytes:
    """The case as libvmaf's input file: 4:2:0 .y4m, or raw .yuv for 16 bits (its y4m reader
    stops at 12). Chroma planes of (w >> 1) x (h >> 1) mid-grey samples: the size libvmaf reads
    for odd dimensions."""
    w, h, bpc, n, _, _ = CASES[name]
    out = []
    if bpc <= 12:
        tag = "C420jpeg" if bpc == 8 else f"C420p{bpc}"
        out.append(f"YUV4MPEG2 W{w} H{h} F25:1 Ip A1:1 {tag}\n".encode())
    chroma = np.full(2 * (w >> 1) * (h >> 1), 1 << (bpc - 1), dtype=np.uint8 if bpc == 8 else "<u2")
    for t in range(n):
        if bpc <= 12:
            out.append(b"FRAME\n")
        out += [luma(name, t).tobytes(), chroma.tobytes()]
    return b"".join(out)


def input_args(name: str) -> list[str]:
    w, h, bpc, _, _, _ = CASES[name]
    return [] if bpc <= 12 else ["-w", str(w), "-h", str(h), "-p", "420", "-b", str(bpc)]


def sha256(name: str) -> str:
    return hashlib.sha256(input_bytes(name)).hexdigest()


def main(workdir: str, vmaf: str = "/work/oracle/vmaf/libvmaf/build/tools/vmaf") -> None:
    work = Path(workdir)
    work.mkdir(parents=True, exist_ok=True)
    run = subprocess.run([vmaf, "--version"], capture_output=True, text=True, check=True)
    version = (run.stdout + run.stderr).strip()
    manifest = {"libvmaf": version, "features": list(FEATURES), "cases": {}}
    for name in CASES:
        w, h, bpc, n, cut, repeated = CASES[name]
        path = work / f"{name}.{'y4m' if bpc <= 12 else 'yuv'}"
        data = input_bytes(name)
        path.write_bytes(data)
        cmd = [vmaf, "-r", str(path), "-d", str(path), *input_args(name), "--threads", "1", "--json"]
        cmd += ["-o", str(HERE / f"{name}.json"), "-n"]
        for f in FEATURES:
            cmd += ["--feature", f]
        subprocess.run(cmd, check=True, capture_output=True)
        manifest["cases"][name] = {
            "width": w, "height": h, "bitdepth": bpc, "frames": n, "scene_cut": cut, "repeated": list(repeated),
            "sha256": hashlib.sha256(data).hexdigest(),
        }
    (HERE / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
