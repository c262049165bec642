"""Where independent units of work run: this process, a process pool, or a Dask cluster."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .errors import InputError

__all__ = ["EXECUTORS", "run_all"]

EXECUTORS = ("local", "process", "dask")


def run_all(fn: Callable, calls: Sequence[tuple], executor: str = "local", scheduler: str | None = None) -> list:
    """``[fn(*args) for args in calls]``, in order, on the chosen executor. ``fn`` must be a
    module-level function and its arguments picklable for ``process`` and ``dask``. With ``dask``
    and no scheduler address, a LocalCluster of 2 worker processes is started for the call."""
    if executor not in EXECUTORS:
        raise InputError(f"unknown executor {executor!r} (choose from {', '.join(EXECUTORS)})")
    if executor == "local":
        return [fn(*args) for args in calls]
    if executor == "process":
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor() as pool:
            futures = [pool.submit(fn, *args) for args in calls]
            return [f.result() for f in futures]
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise InputError("the dask executor needs: pip install 'vmaf-tune[distributed]'") from None
    cluster = None if scheduler else LocalCluster(n_workers=2, threads_per_worker=1, processes=True)
    try:
        with Client(scheduler or cluster) as client:
            return client.gather([client.submit(fn, *args, pure=False) for args in calls])
    finally:
        if cluster is not None:
            cluster.close()
