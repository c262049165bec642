"""Rate-quality plots for compare (matplotlib, headless)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from .compare import CompareResult
from .errors import InputError
from .output import atomic_path

__all__ = ["MAX_COLUMNS", "log_ticks", "plot_compare"]

MAX_COLUMNS = 3  # panels per row
_MANTISSAS = ((1,), (1, 2, 5), (1, 2, 3, 5, 7), (1, 1.5, 2, 3, 4, 5, 6, 7, 8, 9),
              (1, 1.25, 1.5, 1.75, 2, 2.5, 3, 3.5, 4, 4.5, 5, 6, 7, 8, 9))
_MAX_TICKS = 9


def log_ticks(lo: float, hi: float) -> list[float]:
    """Labelled ticks for a log axis from ``lo`` to ``hi``: the densest of 1, 1-2-5, 1-2-3-5-7, ...
    per decade that stays within ``_MAX_TICKS`` labels, so a span of less than a decade (say 140
    to 900 kb/s) still gets several readable labels, and a wide one does not get crowded."""
    if not (lo > 0 and hi >= lo):
        return []
    best: list[float] = []
    for mantissas in _MANTISSAS:
        ticks = []
        for e in range(math.floor(math.log10(lo)) - 1, math.ceil(math.log10(hi)) + 1):
            for m in mantissas:
                v = float(f"{m * 10.0 ** e:.6g}")
                if lo <= v <= hi and v not in ticks:
                    ticks.append(v)
        ticks.sort()
        if len(ticks) > _MAX_TICKS and len(best) >= 2:
            break
        best = ticks
        if len(ticks) >= 4:
            break
    if len(best) < 3:  # a span far below a decade: five values spaced evenly in log, rounded
        best = sorted({float(f"{lo * (hi / lo) ** (k / 4):.3g}") for k in range(5)} | set(best))
        best = [v for v in best if lo <= v <= hi]
    return best


def _label(v: float, _pos=None) -> str:
    return f"{v:,.0f}" if v >= 10 else f"{v:g}"


def plot_compare(result: CompareResult, path: str, metrics: Sequence[str] | None = None) -> None:
    """One panel per metric (every model scored: VMAF, VMAF NEG, VMAF v1, ...): quality against
    bitrate on a log axis labelled across its span, a line per encoder with its BD-rate."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        import matplotlib.ticker
    except ImportError:
        raise InputError("--plot needs matplotlib: pip install 'vmaf-tune[plot]'") from None
    names = list(metrics or result.metrics)
    cols = min(MAX_COLUMNS, len(names))
    rows = math.ceil(len(names) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(6.5 * cols, 4.8 * rows), squeeze=False)
    rates = [p.bitrate / 1000 for p in result.points if p.bitrate > 0]
    lo, hi = (min(rates), max(rates)) if rates else (1.0, 10.0)
    ticks = log_ticks(lo / 1.05, hi * 1.05)
    for i, ax in enumerate(axes.flat):
        if i >= len(names):
            ax.set_visible(False)
            continue
        metric = names[i]
        for enc in result.encoders:
            pts = sorted(result.curve(enc, metric))
            label = enc
            if enc != result.anchor and result.bd_rate[enc][metric] is not None:
                label += f"  (BD-rate {result.bd_rate[enc][metric] * 100:+.1f} %)"
            ax.plot([p[0] / 1000 for p in pts], [p[1] for p in pts], marker="o", label=label)
        ax.set_xscale("log")
        ax.xaxis.set_major_locator(matplotlib.ticker.FixedLocator(ticks))
        ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(_label))
        ax.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
        ax.set_xlabel("bitrate (kb/s, log scale)")
        ax.set_ylabel(metric)
        ax.set_title(f"{metric} against bitrate (anchor {result.anchor})")
        ax.grid(True, which="major", alpha=0.35)
        ax.grid(True, which="minor", alpha=0.12)
        ax.legend(loc="lower right", fontsize=9)
    fig.tight_layout()
    try:
        with atomic_path(path) as tmp:
            fig.savefig(tmp, dpi=110)
    finally:
        plt.close(fig)
