"""Scoring many frames does not grow memory: contexts are reused, frames released."""

from __future__ import annotations

import gc
import os

import numpy as np
import pytest

import vmaf_tune


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
