"""One CPU budget: how many cores a command may use, and how they are shared between parallel
jobs."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from .errors import InputError

__all__ = ["Budget", "available_cores", "check_threads", "clamp_threads"]


def available_cores() -> int:
    """The cores this process may run on (its affinity mask; all cores where there is none)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - non-Linux
        return max(1, os.cpu_count() or 1)


def check_threads(threads: int | None) -> None:
    """None (all cores) or an integer >= 1."""
    if threads is not None and (isinstance(threads, bool) or not isinstance(threads, int) or threads < 1):
        raise InputError(f"threads must be an integer >= 1, got {threads!r}")


def clamp_threads(threads: int | None, notice: Callable[[str], None] | None = None) -> int:
    """``threads`` (None: every core) limited to the cores there are. Asking for more only costs
    memory and switching (each scoring thread holds its own buffers), so more is cut to the core
    count, with a notice."""
    check_threads(threads)
    cores = available_cores()
    if threads is None:
        return cores
    if threads > cores:
        if notice is not None:
            notice(f"notice: --threads {threads} is more than the {cores} cores available; using {cores}")
        return cores
    return threads


@dataclass(frozen=True)
class Budget:
    """``total`` threads shared by ``jobs`` jobs running at once: each job's encoder and scorer
    get ``per_job`` threads each, so the jobs together keep ``total`` cores busy and no more; the
    scoring threads run at a lower priority than the encoder's and fill the cores while its
    pipeline waits (see probe.measure). A lone job keeps the encoder's automatic thread count, as
    a single run and the ffmpeg CLI do (x264: 1.5 per core); jobs in parallel each get their share
    instead of every one starting a thread per core. x264's output depends on its thread count
    (measured: VMAF 90.110 against 90.119 at the same CRF), so a batch whose jobs share the cores
    can differ from single runs by that much; ``encoder_threads`` (``--encoder-threads``) pins
    the count everywhere, and rows then equal single runs with it bit for bit. A lone job with no
    total given keeps the scorer's default (every core)."""

    total: int
    jobs: int
    explicit: bool

    @classmethod
    def plan(cls, threads: int | None, tasks: int, max_jobs: int | None = None,
             notice: Callable[[str], None] | None = None) -> Budget:
        """The budget for ``tasks`` independent tasks: as many parallel jobs as there are tasks,
        cores in the budget and ``max_jobs`` (None: no other limit)."""
        total = clamp_threads(threads, notice)
        jobs = max(1, min(tasks, total, max_jobs if max_jobs is not None else total))
        return cls(total, jobs, threads is not None)

    @classmethod
    def for_executor(cls, threads: int | None, tasks: int, executor: str, scheduler: str | None = None,
                     notice: Callable[[str], None] | None = None) -> Budget | None:
        """The local budget of ``tasks`` tasks on ``executor`` (``local`` runs one at a time);
        None for a Dask scheduler given by address, whose workers have their own cores
        (``threads`` is then per task)."""
        if executor == "dask" and scheduler:
            return None
        return cls.plan(threads, max(tasks, 1), max_jobs=1 if executor == "local" else None, notice=notice)

    @property
    def per_job(self) -> int:
        return max(1, self.total // self.jobs)

    @property
    def encoder_threads(self) -> int | None:
        """Encoder threads per job; None keeps the encoder's automatic count."""
        return self.per_job if self.jobs > 1 else None

    @property
    def scoring_threads(self) -> int | None:
        """Scoring threads per job; None keeps the scorer's default (every core)."""
        return self.per_job if (self.explicit or self.jobs > 1) else None
