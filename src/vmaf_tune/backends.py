"""Scoring backends behind one session interface: the built-in engine and a user's libvmaf.

A session scores one sequence of one geometry: ``push(ref, dis)`` per frame (``peek()`` gives the
model scores so far, where the backend can), then ``finish()`` returns per-frame values (on the
subsample grid) by libvmaf's log names, model scores included, and the clip-level aggregates
libvmaf prints (APSNR); ``close()`` releases it early.
:class:`~vmaf_tune.score.Scorer` picks the backend once.
"""

from __future__ import annotations

import collections
import os
import threading
from collections.abc import Callable, Hashable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from ._native import KERNELS, Kernel
from ._native.libvmaf import LibvmafSession, load_libvmaf
from .errors import FrameSizeError, InputError
from .features import EXTRACTORS, Extractor, FeatureRef, OptionValue
from .frames import Picture
from .models import Model, libvmaf_request

__all__ = ["BACKENDS", "REFERENCE_CACHE_BUDGET", "BuiltinSession", "LibvmafBackendSession", "Plan", "ReferenceCache",
           "Session"]

# Bytes of reference-only extractor state a ReferenceCache keeps. Measured on a bisect of bikes
# (640x272, 250 frames, 4 probes; AVX2): CPU 10.79 s without states, 10.46 s with 256 MiB, 10.28 s
# with 1 GiB, for a peak RSS of 189, 443 and 930 MB: past this much, memory buys little time.
REFERENCE_CACHE_BUDGET = 256 << 20

Variant = tuple[tuple[str, OptionValue], ...]  # an extractor's full option set: (libvmaf option name, value)


class Session(Protocol):
    def __init__(self, models: Sequence[Model], features: Sequence[FeatureRef], width: int, height: int,
                 bpc: int, *, threads: int, subsample: int, worker_nice: int = 0,
                 chroma: tuple[int, int] | None = None, reference_cache: ReferenceCache | None = None) -> None: ...

    @staticmethod
    def check(models: Sequence[Model], features: Sequence[FeatureRef]) -> None:
        """Fails now, with a clear message, if this backend cannot compute these."""

    def push(self, ref: Picture, dis: Picture, key: Hashable | None = None) -> None: ...

    def peek(self) -> dict[str, np.ndarray] | None:
        """Per-frame model scores of the frames pushed so far, by model name, the session going
        on; None where the backend has them only when it finishes."""

    def finish(self) -> tuple[dict[str, np.ndarray], dict[str, float]]:
        """Per-frame values by log name (model scores included) and clip-level aggregates."""

    def close(self) -> None: ...


@dataclass(frozen=True)
class Plan:
    """Which extractors the models and requested features need, each with the option variants
    computed in one pass."""

    steps: tuple[tuple[Extractor, tuple[Variant, ...]], ...]
    users: tuple[tuple[str, ...], ...]  # per step: the models and features that read it, for messages
    # per step: None, or the (step, variant) whose rows are this step's (Extractor.same_as), so
    # that it is not computed twice (VMAF's motion and VMAF v1's motion_v1 share one SAD)
    copies: tuple[tuple[int, int] | None, ...] = ()

    @classmethod
    def for_request(cls, models: Sequence[Model], features: Sequence[FeatureRef] = ()) -> Plan:
        wanted: dict[Extractor, set[Variant]] = {}
        users: dict[Extractor, list[str]] = {}
        for owner, refs in [*((m.name, m.features) for m in models), *((f.log_name, (f,)) for f in features)]:
            for ref in refs:
                wanted.setdefault(ref.spec, set()).add(ref.variant)
                if owner not in users.setdefault(ref.spec, []):
                    users[ref.spec].append(owner)
        order = list(EXTRACTORS)
        steps = [(ex, tuple(sorted(wanted[ex], reverse=True))) for ex in sorted(wanted, key=lambda e: order.index(e.name))]
        copies: list[tuple[int, int] | None] = [None] * len(steps)
        for s, (ex, variants) in enumerate(steps):
            if ex.same_as is None or len(variants) != 1:
                continue
            name, options = ex.same_as
            for t, (other, theirs) in enumerate(steps):
                match = [v for v, variant in enumerate(theirs) if set(options) <= set(variant)]
                if other.name == name and match and (other.prev_refs > 0 or not ex.prev_refs):  # computed as often
                    copies[s] = (t, match[0])
                    users[other] += [u for u in users[ex] if u not in users[other]]  # for its messages
        return cls(tuple(steps), tuple(tuple(users[ex]) for ex, _ in steps), tuple(copies))

    def kernels(self, width: int, height: int, bpc: int, chroma: tuple[int, int] | None) -> list[Kernel | None]:
        """One kernel per step (None for a step that copies another's rows); a frame an extractor
        cannot take is a FrameSizeError naming the models (or features) that need it."""
        out: list[Kernel | None] = []
        copies = self.copies or (None,) * len(self.steps)
        for (ex, variants), users, copy in zip(self.steps, self.users, copies):
            if copy is not None:
                out.append(None)
                continue
            try:
                out.append(KERNELS[ex.name](width, height, bpc,
                                            [{o.key: dict(v)[o.name] for o in ex.options} for v in variants],
                                            chroma=chroma))
            except FrameSizeError as exc:
                raise FrameSizeError(f"{', '.join(users)}: {exc}") from None
        return out


class ReferenceCache:
    """The reference-only work of the extractors that have some (ADM's wavelet decomposition and
    pooled reference detail; the whole output of those that read the reference alone, motion),
    kept per reference frame and reused by every distorted frame scored against it: bisect's
    probes of one input all score against the same reference samples. The numbers are the same
    bits as without it. ``key`` names a reference frame's pixels (the caller
    promises that one key always means the same pixels); states beyond ``budget`` bytes are not
    kept (those frames are computed as usual). Safe to share between threads."""

    def __init__(self, budget: int = REFERENCE_CACHE_BUDGET) -> None:
        self.budget = budget
        self.bytes = 0
        self.hits = self.misses = 0  # reference states
        self.outputs_reused = self.outputs_kept = 0  # whole outputs of reference-only kernels
        self._states: dict[tuple, object] = {}
        self._outputs: dict[tuple, np.ndarray] = {}
        self._lock = threading.Lock()

    def output(self, kernel: Kernel, key: Hashable, compute: Callable[[], np.ndarray]) -> np.ndarray:
        """The output of a kernel that reads the reference alone (motion) for the reference frame
        ``key``: computed once, then the same array for every distorted frame scored against it.
        Such outputs also read the previous reference frames, so here ``key`` promises the same
        pixels and the same frames before them (true of bisect's probes: each scores the same
        reference frames in the same order)."""
        k = (kernel.identity, key)
        with self._lock:
            found = self._outputs.get(k)
            if found is not None:
                self.outputs_reused += 1
                return found
        value = compute()
        with self._lock:
            if self.bytes + value.nbytes > self.budget:
                return value
            if k not in self._outputs:
                self._outputs[k] = value
                self.bytes += value.nbytes
                self.outputs_kept += 1
            return self._outputs[k]

    def state(self, kernel: Kernel, key: Hashable, ref: Picture) -> object | None:
        """``kernel``'s state for the reference frame ``key`` (computed now if new and within
        the budget), or None when the kernel keeps none or the budget is spent."""
        size = kernel.reference_bytes
        if not size:
            return None
        k = (kernel.name, kernel.width, kernel.height, kernel.bpc, key)
        with self._lock:
            found = self._states.get(k)
            if found is not None:
                self.hits += 1
                return found
            if self.bytes + size > self.budget:
                return None
            self.bytes += size  # reserved now, so threads together stay within the budget
            self.misses += 1
        try:
            state = kernel.reference(ref.planes)
        except BaseException:
            with self._lock:
                self.bytes -= size
            raise
        with self._lock:
            self._states.setdefault(k, state)
        return state


def _renice_thread(increment: int) -> None:
    """Raises the calling thread's niceness (Linux renices single threads by their id)."""
    if not increment:
        return
    try:
        tid = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, tid, min(19, os.getpriority(os.PRIO_PROCESS, tid) + increment))
    except (AttributeError, OSError):
        pass


class BuiltinSession:
    """The built-in engine: frames are scored on a bounded pool of threads (the engine releases
    the GIL), one set of kernels per thread, so memory does not grow with clip length."""

    def __init__(self, models: Sequence[Model], features: Sequence[FeatureRef], width: int, height: int,
                 bpc: int, *, threads: int, subsample: int, worker_nice: int = 0,
                 chroma: tuple[int, int] | None = None, reference_cache: ReferenceCache | None = None) -> None:
        self.models = tuple(models)
        self.reference_cache = reference_cache
        self.plan = Plan.for_request(self.models, features)
        self.geometry = (width, height, bpc, chroma)
        self._local = threading.local()
        # The caller's thread makes the first set of kernels: a frame size or option an extractor
        # refuses is reported here, once, before any worker starts; the first worker takes it.
        self._spare = [self.plan.kernels(*self.geometry)]
        self.threads = threads
        self.subsample = subsample
        self._pool = (
            ThreadPoolExecutor(threads, thread_name_prefix="vmaf-tune", initializer=_renice_thread,
                               initargs=(worker_nice,))
            if threads > 1
            else None
        )
        self._pending: collections.deque[Future] = collections.deque()
        self._results: dict[int, list[np.ndarray | None]] = {}
        self._prevs: tuple[np.ndarray, ...] = ()  # previous reference lumas, most recent first
        self._depth = max((ex.prev_refs for ex, _ in self.plan.steps), default=0)
        self._count = 0

    @staticmethod
    def check(models: Sequence[Model], features: Sequence[FeatureRef]) -> None:
        """Frame sizes and options are checked when the first frame arrives (Plan.kernels)."""

    def push(self, ref: Picture, dis: Picture, key: Hashable | None = None) -> None:
        index, prevs = self._count, self._prevs
        spatial = index % self.subsample == 0
        self._prevs = (ref.luma, *prevs)[: self._depth]
        self._count += 1
        if self._pool is None:
            self._results[index] = self._compute(ref, dis, prevs, spatial, key)
            return
        while len(self._pending) >= 2 * self.threads:
            self._collect(self._pending.popleft())
        fut = self._pool.submit(self._compute, ref, dis, prevs, spatial, key)
        fut.index = index  # type: ignore[attr-defined]
        self._pending.append(fut)

    def _compute(self, ref: Picture, dis: Picture, prevs: tuple[np.ndarray, ...], spatial: bool,
                 key: Hashable | None = None) -> list[np.ndarray | None]:
        kernels = getattr(self._local, "kernels", None)
        if kernels is None:
            try:
                kernels = self._spare.pop()
            except IndexError:
                kernels = self.plan.kernels(*self.geometry)
            self._local.kernels = kernels
        cache = self.reference_cache if key is not None else None
        out: list[np.ndarray | None] = []
        for k, (ex, _) in zip(kernels, self.plan.steps):
            if k is None or not (spatial or ex.prev_refs):
                out.append(None)
                continue
            if cache is not None and k.reference_only:
                out.append(cache.output(k, key, lambda: k.compute(ref.planes, dis.planes, prevs[: ex.prev_refs])))
                continue
            state = cache.state(k, key, ref) if cache is not None else None
            if state is None:
                out.append(k.compute(ref.planes, dis.planes, prevs[: ex.prev_refs]))
            else:
                out.append(k.compute_with(state, ref.planes, dis.planes, prevs[: ex.prev_refs]))
        for step, copy in enumerate(self.plan.copies):
            if copy is not None and out[copy[0]] is not None:
                out[step] = out[copy[0]][copy[1] : copy[1] + 1]
        return out

    def _collect(self, fut: Future) -> None:
        self._results[fut.index] = fut.result()  # type: ignore[attr-defined]

    def peek(self) -> dict[str, np.ndarray]:
        """The model scores of the frames pushed so far (waiting for them); pushing goes on."""
        metrics, _ = self.finish()
        return {m.name: metrics[m.name] for m in self.models}

    def finish(self) -> tuple[dict[str, np.ndarray], dict[str, float]]:
        while self._pending:
            self._collect(self._pending.popleft())
        n = self._count
        grid = np.arange(0, n, self.subsample)
        metrics: dict[str, np.ndarray] = {}
        aggregates: dict[str, float] = {}
        values: dict[FeatureRef, np.ndarray] = {}
        for step, (ex, variants) in enumerate(self.plan.steps):
            frames = range(n) if ex.prev_refs else grid
            rows = np.stack([self._results[i][step] for i in frames])  # (frames, variants, outputs)
            for v, variant in enumerate(variants):
                series = {out.name: rows[:, v, k] for k, out in enumerate(ex.outputs)}
                if ex.derive is not None:
                    series.update(ex.derive(series, dict(variant)))
                for out in ex.outputs + ex.derived:
                    ref = FeatureRef.make(ex.name, out.name, dict(variant))
                    arr = series[out.name][grid] if ex.prev_refs else series[out.name]
                    if not out.printed or np.isnan(arr).all():  # an intermediate, or not computed
                        continue
                    name = ref.log_name
                    if name in metrics and not np.array_equal(metrics[name], arr, equal_nan=True):
                        raise InputError(f"two requests of {ex.name} with different options both print {name} "
                                         "(options libvmaf does not show in names); ask for one")
                    values[ref] = metrics[name] = arr
                if ex.aggregate is not None:
                    aggregates.update(ex.aggregate(series, dict(variant), self.geometry[2]))
        for model in self.models:
            metrics[model.name] = model.predict(values)
        return metrics, aggregates

    def close(self) -> None:
        for fut in self._pending:
            fut.cancel()
        self._pending.clear()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)


class LibvmafBackendSession:
    """A user's libvmaf, asked for the same models and features under the same names."""

    def __init__(self, models: Sequence[Model], features: Sequence[FeatureRef], width: int, height: int,
                 bpc: int, *, threads: int, subsample: int, worker_nice: int = 0,
                 chroma: tuple[int, int] | None = None, reference_cache: ReferenceCache | None = None) -> None:
        specs, reads = libvmaf_request(models)
        self._chroma = any(f.spec.chroma for m in models for f in m.features)
        self._lv = LibvmafSession(specs, reads, width, height, bpc, threads=threads, subsample=subsample)

    @staticmethod
    def check(models: Sequence[Model], features: Sequence[FeatureRef]) -> None:
        if features:
            raise InputError("the libvmaf backend scores models only; compute extra features with the builtin backend")
        load_libvmaf()
        libvmaf_request(models)

    def push(self, ref: Picture, dis: Picture, key: Hashable | None = None) -> None:
        if self._chroma:
            if ref.chroma is None or dis.chroma is None:
                raise InputError("gray input has no chroma; VMAF v1's SpEED chroma feature needs colour (YUV) input")
            self._lv.push(ref.planes, dis.planes)
        else:
            self._lv.push((ref.luma,), (dis.luma,))

    def peek(self) -> None:
        """libvmaf gives scores only when it finishes."""
        return None

    def finish(self) -> tuple[dict[str, np.ndarray], dict[str, float]]:
        return self._lv.finish(), {}

    def close(self) -> None:
        self._lv.close()


BACKENDS: dict[str, type[Session]] = {"builtin": BuiltinSession, "libvmaf": LibvmafBackendSession}
