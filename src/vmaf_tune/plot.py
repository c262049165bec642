"""Rate-quality plots for compare (matplotlib, headless)."""

from __future__ import annotations

from .compare import CompareResult
from .errors import InputError
from .output import atomic_path

__all__ = ["plot_compare"]


def plot_compare(result: CompareResult, path: str) -> None:
    """One panel per metric (VMAF, VMAF NEG): quality against bitrate, a line per encoder."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        import matplotlib.ticker
    except ImportError:
        raise InputError("--plot needs matplotlib: pip install 'vmaf-tune[plot]'") from None
    fig, axes = plt.subplots(1, len(result.metrics), figsize=(6.5 * len(result.metrics), 4.8), squeeze=False)
    for ax, metric in zip(axes[0], result.metrics):
        for enc in result.encoders:
            pts = sorted(result.curve(enc, metric))
            label = enc
            if enc != result.anchor and result.bd_rate[enc][metric] is not None:
                label += f"  (BD-rate {result.bd_rate[enc][metric] * 100:+.1f} %)"
            ax.plot([p[0] / 1000 for p in pts], [p[1] for p in pts], marker="o", label=label)
        ax.set_xscale("log")
        ax.xaxis.set_major_formatter(matplotlib.ticker.ScalarFormatter())
        ax.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
        ax.set_xlabel("bitrate (kb/s, log scale)")
        ax.set_ylabel(metric)
        ax.set_title(f"{metric} against bitrate (anchor {result.anchor})")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(loc="lower right", fontsize=9)
    fig.tight_layout()
    try:
        with atomic_path(path) as tmp:
            fig.savefig(tmp, dpi=110)
    finally:
        plt.close(fig)
