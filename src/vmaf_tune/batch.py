"""Many inputs per call: a bisect per input (``bisect_many``) or a score per reference/distorted
pair (``score_many``), on the chosen executor, within one CPU budget, yielding each result as it
finishes and optionally appending it to a resumable JSON Lines file.

A failing input becomes a result with its error and does not stop the others. Each row carries a
hash of the settings that decide its numbers; with the same JSONL file, inputs already recorded
under the same settings are skipped (``force`` runs them again)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ._version import __version__
from .backends import REFERENCE_CACHE_BUDGET
from .budget import Budget, check_threads
from .errors import EXIT_ERROR, EXIT_TARGET_NOT_MET, InputError, VmafTuneError
from .executors import DEFAULT_EXECUTOR, check_executor, iter_completed
from .features import FeatureRef
from .models import Model, resolve_models
from .options import DEFAULT_CRF_STEP, DEFAULT_ENCODER, DEFAULT_SAMPLE_SECONDS, CrfRange, EncoderConfig, Sampling
from .output import JsonlLog, check_writable, read_jsonl
from .score import DEFAULT_BACKEND, DEFAULT_POOL, Scorer, ScoreResult, check_pool_method, score
from .search import DEFAULT_TARGET, BisectResult, bisect, check_target

__all__ = [
    "STATUSES",
    "STATUS_ERROR",
    "STATUS_NOT_MET",
    "STATUS_OK",
    "BisectItem",
    "Pair",
    "PairResult",
    "bisect_many",
    "pairs_csv",
    "read_inputs",
    "read_pairs",
    "score_many",
]

STATUS_OK = "ok"
STATUS_NOT_MET = "not_met"  # bisect: the target is not reachable in the CRF range (the best CRF is reported)
STATUS_ERROR = "error"
STATUSES = (STATUS_OK, STATUS_NOT_MET, STATUS_ERROR)
PAIR_COLUMNS = ("reference", "distorted")
PAIR_OPTIONAL = ("width", "height", "pix_fmt")


# -- results --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BisectItem:
    """One input of :func:`bisect_many`: its bisect result, or the error that stopped it."""

    input: str
    status: str
    settings: str  # hash of the settings that decide the answer (see bisect_many)
    result: BisectResult | None = None
    error: str | None = None
    exit_code: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status == STATUS_OK

    def as_dict(self) -> dict:
        """The single run's JSON fields (when there is a result), then ``input``, ``status``,
        ``error``, ``exit_code``, ``settings`` and ``seconds``."""
        return {
            **(self.result.as_dict() if self.result is not None else {}),
            "input": self.input,
            "status": self.status,
            "error": self.error,
            "exit_code": self.exit_code,
            "settings": self.settings,
            "seconds": round(self.seconds, 3),
        }


@dataclass(frozen=True)
class Pair:
    """A reference and a distorted video to score; ``width``/``height``/``pix_fmt`` for raw YUV."""

    reference: str
    distorted: str
    width: int | None = None
    height: int | None = None
    pix_fmt: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "reference", str(self.reference))  # paths as given, str or Path
        object.__setattr__(self, "distorted", str(self.distorted))

    @classmethod
    def of(cls, item) -> Pair:
        if isinstance(item, Pair):
            return item
        if isinstance(item, Mapping):
            return cls(**{k: item.get(k) for k in (*PAIR_COLUMNS, *PAIR_OPTIONAL)})
        return cls(*item)


@dataclass(frozen=True)
class PairResult:
    """One pair of :func:`score_many`: pooled scores of every model (and feature), or an error."""

    reference: str
    distorted: str
    status: str
    settings: str
    pooled: Mapping[str, Mapping[str, float]] = field(default_factory=dict)  # name -> min/max/mean/harmonic_mean
    aggregate: Mapping[str, float] = field(default_factory=dict)  # clip-level values (APSNR), as score --json
    models: tuple[str, ...] = ()
    features: tuple[str, ...] = ()
    frames: int = 0
    width: int = 0
    height: int = 0
    bitdepth: int = 0
    error: str | None = None
    exit_code: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status == STATUS_OK

    @classmethod
    def of(cls, pair: Pair, settings: str, result: ScoreResult, seconds: float) -> PairResult:
        names = (*result.models, *result.features)
        return cls(pair.reference, pair.distorted, STATUS_OK, settings,
                   pooled={n: result.pooled[n].as_dict() for n in names},
                   aggregate=result.as_dict()["aggregate_metrics"], models=result.models,
                   features=result.features, frames=result.frames, width=result.width, height=result.height,
                   bitdepth=result.bitdepth, seconds=seconds)

    def as_dict(self) -> dict:
        """``pooled_metrics`` as ``score --json`` writes them (libvmaf's rounding), for the models
        and features asked for."""
        return {
            "reference": self.reference,
            "distorted": self.distorted,
            "status": self.status,
            "error": self.error,
            "exit_code": self.exit_code,
            "models": list(self.models),
            "features": list(self.features),
            "frames": self.frames,
            "width": self.width,
            "height": self.height,
            "bitdepth": self.bitdepth,
            "pooled_metrics": {k: dict(v) for k, v in self.pooled.items()},
            "aggregate_metrics": dict(self.aggregate),
            "settings": self.settings,
            "seconds": round(self.seconds, 3),
        }


def pairs_csv(rows: Iterable[dict]) -> str:
    """Rows of :meth:`PairResult.as_dict` as CSV: one line per pair, ``NAME`` (the mean) and
    ``NAME_min``/``NAME_max``/``NAME_harmonic_mean`` for every model and feature."""
    rows = list(rows)
    names: list[str] = []
    for row in rows:
        names.extend(n for n in row.get("pooled_metrics", {}) if n not in names)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    stats = ("min", "max", "harmonic_mean")
    writer.writerow(["reference", "distorted", "status", "frames", "width", "height", "bitdepth",
                     *(c for n in names for c in (n, *(f"{n}_{s}" for s in stats))), "error"])
    for row in rows:
        pooled = row.get("pooled_metrics", {})
        cells = []
        for n in names:
            p = pooled.get(n, {})
            cells += [p.get("mean", ""), *(p.get(s, "") for s in stats)]
        geometry = [row.get(k, "") if row.get("status") == STATUS_OK else "" for k in ("frames", "width", "height",
                                                                                      "bitdepth")]
        writer.writerow([row["reference"], row["distorted"], row["status"], *geometry, *cells, row.get("error") or ""])
    return out.getvalue()


# -- lists of inputs ------------------------------------------------------------------------------


def _open_list(path: str):
    if path == "-":
        return sys.stdin
    try:
        return open(path, encoding="utf-8", newline="")
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def read_inputs(path: str) -> list[str]:
    """Input paths, one per line (``-``: standard input); blank lines and ``#`` comments are skipped."""
    fh = _open_list(path)
    try:
        lines = [line.strip() for line in fh]
    finally:
        if fh is not sys.stdin:
            fh.close()
    return [line for line in lines if line and not line.startswith("#")]


def read_pairs(path: str) -> list[Pair]:
    """A CSV manifest with a header: ``reference,distorted``, optionally ``width,height,pix_fmt``
    (for raw YUV); ``-`` reads standard input."""
    fh = _open_list(path)
    try:
        reader = csv.DictReader(fh)
        header = [h.strip() for h in reader.fieldnames or []]
        missing = [c for c in PAIR_COLUMNS if c not in header]
        if missing:
            raise InputError(f"{path}: the manifest needs the columns reference,distorted (missing {','.join(missing)})")
        unknown = [c for c in header if c not in (*PAIR_COLUMNS, *PAIR_OPTIONAL)]
        if unknown:
            raise InputError(f"{path}: unknown column(s) {','.join(unknown)} (known: "
                             f"{','.join((*PAIR_COLUMNS, *PAIR_OPTIONAL))})")
        pairs = []
        for line, raw in enumerate(reader, start=2):
            row = {(k or "").strip(): (v or "").strip() for k, v in raw.items()}
            if not any(row.values()):
                continue
            if not row["reference"] or not row["distorted"]:
                raise InputError(f"{path}:{line}: needs both a reference and a distorted path")
            size = {}
            for key in ("width", "height"):
                if row.get(key):
                    if not row[key].isdigit() or int(row[key]) < 1:
                        raise InputError(f"{path}:{line}: {key} must be a positive integer, got {row[key]!r}")
                    size[key] = int(row[key])
            pairs.append(Pair(row["reference"], row["distorted"], pix_fmt=row.get("pix_fmt") or None, **size))
    except csv.Error as exc:
        raise InputError(f"{path}: not a CSV manifest ({exc})") from None
    finally:
        if fh is not sys.stdin:
            fh.close()
    if not pairs:
        raise InputError(f"{path}: the manifest lists no pairs")
    return pairs


# -- settings and resume --------------------------------------------------------------------------


def _file_digest(path) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
    except OSError:
        return "unreadable"


def _models_key(models, neg: bool, model_paths: Iterable) -> list:
    """What the models were asked as: variant names (``auto`` stays ``auto``), model files by
    content, Model objects by name and SVM."""
    items = [models] if isinstance(models, (str, Model, Path)) or models is None else list(models)
    out: list = []
    for m in items:
        if isinstance(m, Model):
            sv = hashlib.sha256(m.svm.sv.tobytes() + m.svm.coef.tobytes()).hexdigest()[:16]
            out.append(["model", m.name, sv])
        elif isinstance(m, Path) or (isinstance(m, str) and m.endswith(".json")):
            out.append(["file", _file_digest(m)])
        elif m is not None:
            out.extend(part.strip().lower() for part in str(m).split(",") if part.strip())
    out.extend(["file", _file_digest(p)] for p in model_paths)
    return [out, bool(neg)]


def _digest(obj) -> str:
    return hashlib.sha256(json.dumps(obj, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _recorded(jsonl: str | None, key: Callable[[dict], tuple], force: bool, retry_errors: bool,
              notice: Callable[[str], None]) -> dict[tuple, dict]:
    """The rows already in ``jsonl`` that a run with these settings skips, by key."""
    if jsonl is None or jsonl == "-" or force:
        return {}
    rows, bad = read_jsonl(jsonl)
    if bad:
        notice(f"notice: {jsonl}: skipped {bad} line(s) that are not JSON objects")
    done: dict[tuple, dict] = {}
    for row in rows:
        try:
            k = key(row)
        except (KeyError, TypeError):
            continue
        if retry_errors and row.get("status") == STATUS_ERROR:
            continue
        done[k] = row
    return done


def _error_fields(exc: BaseException) -> tuple[str, int]:
    message = " ".join(str(exc).split())
    if isinstance(exc, VmafTuneError):
        return message, exc.exit_code
    return f"{exc.__class__.__name__}: {message}", EXIT_ERROR


def _unique(items: Iterable, key: Callable, notice: Callable[[str], None], what: str) -> list:
    seen: set = set()
    out = []
    for item in items:
        k = key(item)
        if k in seen:
            notice(f"notice: {what} {k} is listed more than once; running it once")
            continue
        seen.add(k)
        out.append(item)
    return out


def _quiet(_msg: str) -> None:
    pass


# -- bisect_many ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _BisectJob:
    """What every input is tuned with; picklable, for process and Dask workers."""

    target: float
    config: EncoderConfig
    crfs: CrfRange
    sampling: Sampling
    models: object
    neg: bool
    model_paths: tuple[str, ...]
    pool_method: str
    threads: int | None
    backend: str
    score_bitdepth: int | None
    use_cache: bool
    settings: str
    reference_memory: int = REFERENCE_CACHE_BUDGET
    exact_probes: bool = False

    def run(self, path: str, warn: Callable[[str], None] | None = None) -> BisectItem:
        start = time.perf_counter()
        try:
            result = bisect(path, self.target, encoder=self.config, min_crf=self.crfs.min_crf,
                            max_crf=self.crfs.max_crf, crf_step=self.crfs.step, pool_method=self.pool_method,
                            models=self.models, neg=self.neg, model_paths=self.model_paths, sampling=self.sampling,
                            use_cache=self.use_cache, exact_probes=self.exact_probes, threads=self.threads,
                            backend=self.backend,
                            score_bitdepth=self.score_bitdepth, reference_memory=self.reference_memory, warn=warn)
        except Exception as exc:  # the input's row says what went wrong; the others go on
            message, code = _error_fields(exc)
            return BisectItem(path, STATUS_ERROR, self.settings, error=message, exit_code=code,
                              seconds=time.perf_counter() - start)
        seconds = time.perf_counter() - start
        if not result.met:
            message = (f"target {result.target:g} not reachable with {result.encoder} in the CRF range; "
                       f"best was crf {result.crf:g} at {result.vmaf:.3f}")
            return BisectItem(path, STATUS_NOT_MET, self.settings, result, message, EXIT_TARGET_NOT_MET, seconds)
        return BisectItem(path, STATUS_OK, self.settings, result, seconds=seconds)


def _bisect_one(job: _BisectJob, path: str) -> BisectItem:
    return job.run(path)


def bisect_many(
    inputs: Iterable[str],
    target: float = DEFAULT_TARGET,
    *,
    encoder: str | EncoderConfig = DEFAULT_ENCODER,
    preset: str | None = None,
    encoder_options: Mapping[str, str] | None = None,
    min_crf: float | None = None,
    max_crf: float | None = None,
    crf_step: float = DEFAULT_CRF_STEP,
    pool_method: str = DEFAULT_POOL,
    models=None,
    neg: bool = False,
    model_paths: Iterable[str] = (),
    samples: int | None = None,
    sample_seconds: float = DEFAULT_SAMPLE_SECONDS,
    full: bool = False,
    sampling: Sampling | None = None,
    use_cache: bool = True,
    exact_probes: bool = False,
    threads: int | None = None,
    backend: str = DEFAULT_BACKEND,
    pix_fmt: str | None = None,
    score_bitdepth: int | None = None,
    encoder_threads: int | None = None,
    executor: str = DEFAULT_EXECUTOR,
    scheduler: str | None = None,
    jsonl: str | None = None,
    force: bool = False,
    retry_errors: bool = False,
    on_result: Callable[[BisectItem], None] | None = None,
    on_skip: Callable[[str, dict], None] | None = None,
    notice: Callable[[str], None] | None = None,
) -> Iterator[BisectItem]:
    """Bisects every input as :func:`vmaf_tune.bisect` would (same options), yielding a
    :class:`BisectItem` per input as each finishes; a failing input is an item with its error.

    ``threads`` is the CPU budget of the whole call (default: every core; more than the cores is
    cut to them, see :class:`~vmaf_tune.budget.Budget`): the ``process`` executor runs as many
    inputs at once as the budget allows, each on its share. With ``jsonl``, each item is appended
    to that file as it finishes (see :class:`~vmaf_tune.output.JsonlLog`), and inputs already
    recorded there under the same settings are skipped (``on_skip(input, row)``) unless
    ``force``; ``retry_errors`` runs those recorded with status ``error`` again. The generator
    does its work as it is iterated; ``on_result(item)`` is called for each item first."""
    notice = notice or _quiet
    check_executor(executor)
    check_writable(jsonl)
    check_target(target)
    check_threads(threads)
    check_pool_method(pool_method)
    config = EncoderConfig.of(encoder, preset, encoder_options, pix_fmt, encoder_threads)
    crfs = CrfRange(min_crf, max_crf, crf_step)
    crfs.grid(config.spec)
    sampling = sampling or Sampling(samples, sample_seconds, full)
    Scorer("default", score_bitdepth=score_bitdepth).close()  # a bad depth fails before any work
    model_paths = tuple(str(p) for p in model_paths)
    if not _has_auto(models):  # a bad model or a target outside its range fails before any work
        check_target(target, resolve_models(models, neg=neg, model_paths=model_paths)[0])
    paths = _unique((str(p) for p in inputs), lambda p: p, notice, "input")
    if not paths:
        raise InputError("no inputs given")
    settings = _digest({
        "command": "bisect", "target": float(target), "encoder": config.encoder, "preset": config.effective_preset,
        "options": dict(config.options), "prefilter": config.prefilter, "pix_fmt": config.pix_fmt,
        "score_bitdepth": score_bitdepth, "crfs": [crfs.min_crf, crfs.max_crf, crfs.step],
        "sampling": [sampling.samples, sampling.sample_seconds, sampling.full], "pool": pool_method,
        "models": _models_key(models, neg, model_paths), "backend": backend, "version": __version__,
        **({"encoder_threads": config.threads} if config.threads else {}),
    })
    done = _recorded(jsonl, lambda row: (row["input"], row["settings"]), force, retry_errors, notice)
    todo = []
    for path in paths:
        if (path, settings) in done:
            if on_skip:
                on_skip(path, done[(path, settings)])
        else:
            todo.append(path)
    return _run_bisects(todo, threads, executor, scheduler, jsonl, on_result, notice, target=float(target),
                        config=config, crfs=crfs, sampling=sampling, models=models, neg=neg,
                        model_paths=model_paths, pool_method=pool_method, backend=backend,
                        score_bitdepth=score_bitdepth, use_cache=use_cache, exact_probes=exact_probes,
                        settings=settings)


def _has_auto(models) -> bool:
    """Whether a variant is chosen per input (``auto``, ``v1-auto``)."""
    items = [models] if isinstance(models, str) else (models or ())
    return any(isinstance(m, str) and any(p.strip().lower().endswith("auto") for p in m.split(",")) for m in items)


def _run_bisects(todo: list[str], threads: int | None, executor: str, scheduler: str | None, jsonl: str | None,
                 on_result, notice, **job) -> Iterator[BisectItem]:
    budget = Budget.for_executor(threads, len(todo), executor, scheduler, notice)
    job["config"] = job["config"].within(budget)
    spec = _BisectJob(threads=budget.scoring_threads if budget else threads,
                      reference_memory=REFERENCE_CACHE_BUDGET // (budget.jobs if budget else 1), **job)
    log = JsonlLog(jsonl) if jsonl is not None else None
    try:
        if executor == "local":  # cache warnings reach the caller directly
            results = ((i, spec.run(path, warn=notice)) for i, path in enumerate(todo))
        else:
            results = iter_completed(_bisect_one, [(spec, p) for p in todo], executor, scheduler,
                                     budget.jobs if budget else None)
        for _, item in results:
            if log is not None:
                log.write(item.as_dict())
            if on_result:
                on_result(item)
            yield item
    finally:
        if log is not None:
            log.close()


# -- score_many -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _ScoreJob:
    models: object
    neg: bool
    model_paths: tuple[str, ...]
    threads: int | None
    subsample: int
    shortest: bool
    backend: str
    features: tuple
    overrides: Mapping | None
    score_bitdepth: int | None
    fps: float | None
    settings: str

    def run(self, pair: Pair, notice: Callable[[str], None] | None = None) -> PairResult:
        start = time.perf_counter()
        try:
            result = score(pair.reference, pair.distorted, self.models, neg=self.neg, model_paths=self.model_paths,
                           threads=self.threads, subsample=self.subsample, shortest=self.shortest,
                           width=pair.width, height=pair.height, pix_fmt=pair.pix_fmt, backend=self.backend,
                           features=self.features, overrides=self.overrides, score_bitdepth=self.score_bitdepth,
                           fps=self.fps, notice=notice or _quiet)
        except Exception as exc:  # the pair's row says what went wrong; the others go on
            message, code = _error_fields(exc)
            return PairResult(pair.reference, pair.distorted, STATUS_ERROR, self.settings, error=message,
                              exit_code=code, seconds=time.perf_counter() - start)
        return PairResult.of(pair, self.settings, result, time.perf_counter() - start)


def _score_one(job: _ScoreJob, pair: Pair) -> PairResult:
    return job.run(pair)


def score_many(
    pairs: Iterable,
    models: str | Model | Iterable[str | Model] | None = None,
    *,
    neg: bool = False,
    model_paths: Iterable[str] = (),
    threads: int | None = None,
    subsample: int = 1,
    shortest: bool = False,
    backend: str = DEFAULT_BACKEND,
    features: Iterable[str | FeatureRef] = (),
    overrides: Mapping[str, Mapping[str, object]] | None = None,
    score_bitdepth: int | None = None,
    fps: float | None = None,
    executor: str = DEFAULT_EXECUTOR,
    scheduler: str | None = None,
    jsonl: str | None = None,
    force: bool = False,
    retry_errors: bool = False,
    on_result: Callable[[PairResult], None] | None = None,
    on_skip: Callable[[Pair, dict], None] | None = None,
    notice: Callable[[str], None] | None = None,
) -> Iterator[PairResult]:
    """Scores every pair as :func:`vmaf_tune.score` would (same options), yielding a
    :class:`PairResult` per pair as each finishes; a failing pair is a result with its error.
    ``pairs``: :class:`Pair` objects, ``(reference, distorted)`` tuples or mappings with the
    manifest's columns. ``threads``, ``executor``, ``jsonl``, ``force``, ``retry_errors`` and the
    callbacks work as in :func:`bisect_many`."""
    notice = notice or _quiet
    check_executor(executor)
    check_writable(jsonl)
    check_threads(threads)
    features = tuple(features)
    model_paths = tuple(str(p) for p in model_paths)
    # Models, features, options and backend checked once, before any work (``auto`` is chosen per pair).
    Scorer("default" if _has_auto(models) else models, neg=neg, model_paths=model_paths, backend=backend,
           features=features, overrides=overrides, subsample=subsample, score_bitdepth=score_bitdepth).close()
    items = _unique((Pair.of(p) for p in pairs), lambda p: (p.reference, p.distorted), notice, "pair")
    if not items:
        raise InputError("no pairs given")
    settings = _digest({
        "command": "score", "models": _models_key(models, neg, model_paths), "subsample": subsample,
        "shortest": shortest, "backend": backend, "features": [str(f) for f in features],
        "overrides": {k: dict(v) for k, v in (overrides or {}).items() if v}, "score_bitdepth": score_bitdepth,
        "fps": fps, "version": __version__,
    })
    done = _recorded(jsonl, lambda row: (row["reference"], row["distorted"], row["settings"]), force, retry_errors,
                     notice)
    todo = []
    for pair in items:
        key = (pair.reference, pair.distorted, settings)
        if key in done:
            if on_skip:
                on_skip(pair, done[key])
        else:
            todo.append(pair)
    return _run_scores(todo, threads, executor, scheduler, jsonl, on_result, notice, models=models, neg=neg,
                       model_paths=model_paths, subsample=subsample, shortest=shortest, backend=backend,
                       features=features, overrides=overrides, score_bitdepth=score_bitdepth, fps=fps,
                       settings=settings)


def _run_scores(todo: list[Pair], threads: int | None, executor: str, scheduler: str | None, jsonl: str | None,
                on_result, notice, **job) -> Iterator[PairResult]:
    budget = Budget.for_executor(threads, len(todo), executor, scheduler, notice)
    spec = _ScoreJob(threads=budget.scoring_threads if budget else threads, **job)
    log = JsonlLog(jsonl) if jsonl is not None else None
    try:
        if executor == "local":
            results = ((i, spec.run(pair, notice)) for i, pair in enumerate(todo))
        else:
            results = iter_completed(_score_one, [(spec, p) for p in todo], executor, scheduler,
                                     budget.jobs if budget else None)
        for _, item in results:
            if log is not None:
                log.write(item.as_dict())
            if on_result:
                on_result(item)
            yield item
    finally:
        if log is not None:
            log.close()
