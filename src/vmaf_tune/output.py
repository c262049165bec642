"""Writing results: atomically (never a half-written file), checked before long work starts."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import InputError

__all__ = ["Progress", "atomic_path", "check_writable", "discard", "temp_beside", "write_atomic"]


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
