"""Writing results: atomically (never a half-written file), checked before long work starts."""

from __future__ import annotations

import json
import os
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import InputError

__all__ = ["JsonlLog", "Progress", "atomic_path", "check_writable", "discard", "read_jsonl", "temp_beside",
           "write_atomic"]


def check_writable(path: str | None) -> None:
    """Fails early (before any scoring) if ``path`` could not be written later."""
    if path is None or path == "-":
        return
    p = Path(path)
    parent = p.parent if str(p.parent) else Path(".")
    if p.is_dir():
        raise InputError(f"{path}: is a directory; give a file name")
    if not parent.is_dir():
        what = "is not a directory" if parent.exists() else "does not exist"
        raise InputError(f"{path}: directory {parent} {what}")
    if not os.access(parent, os.W_OK) or (p.exists() and not os.access(p, os.W_OK)):
        raise InputError(f"{path}: not writable")


def temp_beside(path: str, default_suffix: str = "") -> str:
    """An empty temporary file next to ``path`` (same file system, so a rename replaces it), with
    its extension: writers such as matplotlib and libavformat choose the format from it."""
    suffix = os.path.splitext(path)[1] or default_suffix
    try:
        fd, tmp = tempfile.mkstemp(prefix=".vmaf-tune-", suffix=suffix, dir=os.path.dirname(os.path.abspath(path)))
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    os.close(fd)
    return tmp


@contextmanager
def atomic_path(path: str, default_suffix: str = "") -> Iterator[str]:
    """A temporary file name to write ``path`` through: renamed over ``path`` when the block ends
    normally, removed when it raises (Ctrl-C included), so ``path`` is never half written."""
    tmp = temp_beside(path, default_suffix)
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException:
        discard(tmp)
        raise


def write_atomic(path: str, text: str) -> None:
    """Writes ``text`` to ``path`` via a temporary file and a rename; ``-`` means stdout."""
    if path == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    check_writable(path)
    try:
        with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None


def discard(tmp: str) -> None:
    """Removes a temporary file, if it is still there."""
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass


class Progress:
    """A one-line progress indicator on stderr; silent unless stderr is a TTY and not quiet."""

    def __init__(self, label: str, total: int | None = None, *, enabled: bool | None = None,
                 unit: str = "fps") -> None:
        self.label = label
        self.unit = unit
        self.total = total
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._start = time.monotonic()
        self._last = 0.0
        self._shown = False

    def update(self, done: int, extra: str = "") -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and (self.total is None or done < self.total):
            return
        self._last = now
        elapsed = max(now - self._start, 1e-9)
        rate = done / elapsed
        text = f"{self.label}: {done}"
        if self.total:
            text += f"/{self.total}"
            if elapsed >= 0.3 and done < self.total:
                text += f" ETA {max(self.total - done, 0) / rate:.0f}s"
        if elapsed >= 0.3:
            text += f" {rate:.1f} {self.unit}"
        if extra:
            text += f" {extra}"
        sys.stderr.write("\r\033[K" + text)
        sys.stderr.flush()
        self._shown = True

    def restart(self, label: str, total: int | None = None) -> None:
        """Starts counting a new piece of work on the same line."""
        self.close()
        self.label, self.total = label, total
        self._start = time.monotonic()
        self._last = 0.0

    def close(self) -> None:
        if self._shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
            self._shown = False


def read_jsonl(path: str) -> tuple[list[dict], int]:
    """The JSON objects of a JSON Lines file (none if it does not exist) and how many lines were
    not one (a line cut short by a killed run, or edited by hand); those are skipped."""
    if path == "-" or not os.path.exists(path):
        return [], 0
    rows: list[dict] = []
    bad = 0
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except ValueError:
                    bad += 1
                    continue
                if isinstance(row, dict):
                    rows.append(row)
                else:
                    bad += 1
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return rows, bad


class JsonlLog:
    """An append-only JSON Lines file: one object per line, each written whole and flushed as it
    comes (``-``: stdout). A line is written with Ctrl-C held back until it is complete, and a
    cut-off last line left by a killed run is removed when the file is opened, so the file is
    always valid JSON Lines."""

    def __init__(self, path: str) -> None:
        self.path = path
        if path == "-":
            self._fd = None
            return
        check_writable(path)
        try:
            self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
            self._repair_tail()
        except OSError as exc:
            raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None

    def _repair_tail(self) -> None:
        size = os.fstat(self._fd).st_size
        if not size:
            return
        with open(self.path, "rb") as fh:
            fh.seek(max(0, size - (1 << 20)))
            tail = fh.read()
        if tail.endswith(b"\n"):
            return
        cut = tail.rfind(b"\n")
        keep = size - len(tail) + cut + 1 if cut >= 0 else (0 if size <= len(tail) else size)
        os.truncate(self.path, keep)

    def write(self, row: dict) -> None:
        data = (json.dumps(row) + "\n").encode()
        if self._fd is None:
            sys.stdout.write(data.decode())
            sys.stdout.flush()
            return
        main = threading.current_thread() is threading.main_thread()
        if main:  # Ctrl-C waits until the line is whole
            old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(self._fd, view):]
        except OSError as exc:
            raise InputError(f"{self.path}: cannot write ({exc.strerror or exc})") from None
        finally:
            if main:
                signal.pthread_sigmask(signal.SIG_SETMASK, old)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> JsonlLog:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
