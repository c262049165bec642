"""Scoring many frames does not grow memory: contexts are reused, frames released."""

from __future__ import annotations

import gc
import os

import numpy as np
import pytest

import vmaf_tune
import vmaf_tune.frames


def rss_bytes() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(
    "asan" in os.environ.get("LD_PRELOAD", ""),
    reason="AddressSanitizer quarantines freed memory, so RSS says nothing there (LeakSanitizer covers leaks)",
)
def test_thousand_frames_do_not_grow_memory():
    rng = np.random.default_rng(3)
    ref = rng.integers(0, 1024, (72, 96), dtype=np.uint16)
    dis = np.clip(ref.astype(np.int32) + rng.integers(-20, 20, ref.shape), 0, 1023).astype(np.uint16)

    def run(n: int) -> None:
        with vmaf_tune.Scorer("default,neg", threads=2, bitdepth=10) as s:
            for _ in range(n):
                s.push(ref, dis)
            s.finish()

    run(200)  # warm up allocators, thread pools, model caches
    gc.collect()
    before = rss_bytes()
    for _ in range(5):
        run(200)
    gc.collect()
    growth = rss_bytes() - before
    assert growth < 4 << 20, f"RSS grew by {growth / 2**20:.1f} MiB over 1000 frames"


@pytest.mark.skipif(
    "asan" in os.environ.get("LD_PRELOAD", ""),
    reason="AddressSanitizer quarantines freed memory, so RSS says nothing there (LeakSanitizer covers leaks)",
)
@pytest.mark.parametrize("planes_only", [False, True], ids=["decoded", "read-in-place"])
def test_decoded_y4m_frames_do_not_pile_up_in_the_heap(tmp_path, planes_only):
    """FFmpeg allocates one buffer per raw frame; glibc's adaptive mmap threshold used to put those
    in the heap, where they piled up (RSS grew with clip length: about 2.6 MB per 720p frame).
    Read without a decoder (what score does), a mapped file would keep every page read resident."""
    w, h, n = 640, 360, 200
    rng = np.random.default_rng(5)
    frame = rng.integers(16, 235, w * h * 3 // 2, dtype=np.uint8).tobytes()
    path = tmp_path / "clip.y4m"
    with open(path, "wb") as out:
        out.write(f"YUV4MPEG2 W{w} H{h} F25:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(n):
            out.write(b"FRAME\n" + frame)
    sizes = []
    with vmaf_tune.Scorer("v1", threads=1) as s:
        for i, pic in enumerate(vmaf_tune.frames.open_source(str(path), planes_only=planes_only)):
            s.push(pic, pic)
            if i in (30, n - 1):
                sizes.append(rss_bytes())
        s.finish()
    growth = sizes[1] - sizes[0]
    assert growth < 16 << 20, f"RSS grew by {growth / 2**20:.1f} MiB over {n - 31} frames"
