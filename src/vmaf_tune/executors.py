"""Where independent units of work run: this process, a process pool, or a Dask cluster."""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable, Iterator, Sequence

from .errors import InputError

__all__ = ["DEFAULT_EXECUTOR", "DEFAULT_LOCAL_WORKERS", "EXECUTORS", "check_executor", "iter_completed", "run_all"]

EXECUTORS = ("local", "process", "dask")
DEFAULT_EXECUTOR = "local"
DEFAULT_LOCAL_WORKERS = 2  # worker processes of the LocalCluster started when no scheduler is given


def check_executor(executor: str) -> None:
    """Fails before any work when ``executor`` is not one of EXECUTORS."""
    if executor not in EXECUTORS:
        raise InputError(f"unknown executor {executor!r} (choose from {', '.join(EXECUTORS)})")


def iter_completed(fn: Callable, calls: Sequence[tuple], executor: str = DEFAULT_EXECUTOR,
                   scheduler: str | None = None, workers: int | None = None) -> Iterator[tuple[int, object]]:
    """``(index, fn(*calls[index]))`` for every call, as each finishes (completion order), on the
    chosen executor. ``fn`` must be a module-level function and its arguments picklable for
    ``process`` and ``dask``. ``workers`` caps the process pool and sizes the LocalCluster that
    ``dask`` starts when no scheduler address is given (default DEFAULT_LOCAL_WORKERS; a cluster
    given by address keeps its own workers). Closing the iterator early (or Ctrl-C) cancels the
    calls that have not started."""
    check_executor(executor)
    if executor == "local":
        for index, args in enumerate(calls):
            yield index, fn(*args)
        return
    if executor == "process":
        pool = concurrent.futures.ProcessPoolExecutor(max_workers=workers)
        try:
            futures = {pool.submit(fn, *args): index for index, args in enumerate(calls)}
            for future in concurrent.futures.as_completed(futures):
                yield futures[future], future.result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        return
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise InputError("the dask executor needs: pip install 'vmaf-tune[distributed]'") from None
    cluster = None if scheduler else LocalCluster(n_workers=workers or DEFAULT_LOCAL_WORKERS, threads_per_worker=1,
                                                  processes=True)
    try:
        with Client(scheduler or cluster) as client:
            futures = {client.submit(fn, *args, pure=False): index for index, args in enumerate(calls)}
            try:
                for future in as_completed(list(futures)):
                    yield futures[future], future.result()
            finally:
                client.cancel([f for f in futures if not f.done()])
    finally:
        if cluster is not None:
            cluster.close()


def run_all(fn: Callable, calls: Sequence[tuple], executor: str = DEFAULT_EXECUTOR, scheduler: str | None = None,
            on_done: Callable[[int, object], None] | None = None, workers: int | None = None) -> list:
    """``[fn(*args) for args in calls]``, in order, on the chosen executor; ``on_done(index, result)``
    is called as each call finishes (in completion order). See :func:`iter_completed`."""
    results: list = [None] * len(calls)
    for index, result in iter_completed(fn, calls, executor, scheduler, workers):
        results[index] = result
        if on_done is not None:
            on_done(index, result)
    return results
