"""Where independent units of work run: this process, a process pool, or a Dask cluster."""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable, Sequence

from .errors import InputError

__all__ = ["DEFAULT_EXECUTOR", "EXECUTORS", "check_executor", "run_all"]

EXECUTORS = ("local", "process", "dask")
DEFAULT_EXECUTOR = "local"


def check_executor(executor: str) -> None:
    """Fails before any work when ``executor`` is not one of EXECUTORS."""
    if executor not in EXECUTORS:
        raise InputError(f"unknown executor {executor!r} (choose from {', '.join(EXECUTORS)})")


def run_all(fn: Callable, calls: Sequence[tuple], executor: str = DEFAULT_EXECUTOR, scheduler: str | None = None,
            on_done: Callable[[int, object], None] | None = None) -> list:
    """``[fn(*args) for args in calls]``, in order, on the chosen executor; ``on_done(index, result)``
    is called as each call finishes (in completion order). ``fn`` must be a module-level function
    and its arguments picklable for ``process`` and ``dask``. With ``dask`` and no scheduler
    address, a LocalCluster of 2 worker processes is started for the call."""
    check_executor(executor)
    results: list = [None] * len(calls)

    def done(index: int, result) -> None:
        results[index] = result
        if on_done is not None:
            on_done(index, result)

    if executor == "local":
        for index, args in enumerate(calls):
            done(index, fn(*args))
        return results
    if executor == "process":
        with concurrent.futures.ProcessPoolExecutor() as pool:
            futures = {pool.submit(fn, *args): index for index, args in enumerate(calls)}
            for future in concurrent.futures.as_completed(futures):
                done(futures[future], future.result())
        return results
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise InputError("the dask executor needs: pip install 'vmaf-tune[distributed]'") from None
    cluster = None if scheduler else LocalCluster(n_workers=2, threads_per_worker=1, processes=True)
    try:
        with Client(scheduler or cluster) as client:
            futures = {client.submit(fn, *args, pure=False): index for index, args in enumerate(calls)}
            for future in as_completed(list(futures)):
                done(futures[future], future.result())
        return results
    finally:
        if cluster is not None:
            cluster.close()
