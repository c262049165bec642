"""Probe cache: SQLite in the user cache dir. Never fatal: a corrupt database is rebuilt, a locked
or read-only one is bypassed, each with one warning on stderr."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path

__all__ = ["ProbeCache", "cache_dir"]

_SCHEMA = "CREATE TABLE IF NOT EXISTS probes (key TEXT PRIMARY KEY, value TEXT NOT NULL, created REAL NOT NULL)"


def cache_dir() -> Path:
    env = os.environ.get("VMAF_TUNE_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "vmaf-tune"


class ProbeCache:
    """Key -> JSON value store shared safely by several processes (SQLite WAL, short transactions)."""

    def __init__(self, path: Path | None = None, *, enabled: bool = True,
                 warn: Callable[[str], None] | None = None) -> None:
        self.path = path or cache_dir() / "probes.sqlite3"
        self._warn = warn or (lambda msg: print(f"vmaf-tune: warning: {msg}", file=sys.stderr))
        self._db: sqlite3.Connection | None = None
        self._warned = False
        self._writable = True
        if enabled:
            self._open()

    def _warn_once(self, msg: str) -> None:
        if not self._warned:
            self._warned = True
            self._warn(msg)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=5.0, isolation_level=None)
        db.execute("PRAGMA busy_timeout=5000")
        try:
            db.execute("PRAGMA journal_mode=WAL")
        except sqlite3.OperationalError:
            pass  # read-only media: keep the default journal
        db.execute(_SCHEMA)
        db.execute("SELECT count(*) FROM probes").fetchone()
        return db

    def _open(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = self._connect()
        except sqlite3.DatabaseError as exc:
            if _is_corrupt(exc):
                self._rebuild(exc)
            else:
                self._warn_once(f"probe cache {self.path} unavailable ({exc}); continuing without it")
                self._db = None
        except OSError as exc:
            self._warn_once(f"probe cache {self.path} unavailable ({exc.strerror or exc}); continuing without it")
            self._db = None

    def _rebuild(self, exc: Exception) -> None:
        self._warn_once(f"probe cache {self.path} was corrupt ({exc}); rebuilding it")
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
        try:
            for suffix in ("", "-wal", "-shm"):
                p = Path(str(self.path) + suffix)
                if p.exists():
                    p.unlink()
            self._db = self._connect()
        except (OSError, sqlite3.Error):
            self._db = None

    @property
    def enabled(self) -> bool:
        return self._db is not None

    def get(self, key: str) -> dict | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT value FROM probes WHERE key = ?", (key,)).fetchone()
        except sqlite3.DatabaseError as exc:
            if _is_corrupt(exc):
                self._rebuild(exc)
            else:
                self._warn_once(f"probe cache {self.path} not readable now ({exc}); skipping it")
            return None
        if row is None:
            return None
        try:
            value = json.loads(row[0])
        except ValueError:
            return None
        return value if isinstance(value, dict) else None

    def put(self, key: str, value: dict) -> None:
        if self._db is None or not self._writable:
            return
        try:
            self._db.execute(
                "INSERT OR REPLACE INTO probes (key, value, created) VALUES (?, ?, ?)",
                (key, json.dumps(value, sort_keys=True), time.time()),
            )
        except sqlite3.DatabaseError as exc:
            if _is_corrupt(exc):
                self._rebuild(exc)
            else:  # locked by another process for longer than the busy timeout, or read-only
                self._writable = False
                self._warn_once(f"probe cache {self.path} not writable now ({exc}); results are not cached")

    def close(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            finally:
                self._db = None


def _is_corrupt(exc: Exception) -> bool:
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text or "file is encrypted" in text or "corrupt" in text
