"""The local record of jobs submitted from this machine (SQLite in the user's data folder).

One row per submission: scheduler URL, login, job id, name, document, times, last status and
the summary once the job ended. Never a password. `PROACTIVE_LSP_DATA_DIR` overrides the folder
(tests use it). Every call opens its own connection, so threads may share a `JobRecords`.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

ENV_DATA_DIR = "PROACTIVE_LSP_DATA_DIR"
APP = "proactive-lsp"
DB_NAME = "jobs.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    url TEXT NOT NULL,
    job_id INTEGER NOT NULL,
    login TEXT,
    name TEXT NOT NULL,
    document TEXT,
    submitted_at REAL NOT NULL,
    status TEXT,
    finished_at REAL,
    summary TEXT,
    PRIMARY KEY (url, job_id)
)
"""


def data_dir() -> Path:
    """Where we keep our own files: `$PROACTIVE_LSP_DATA_DIR`, else the platform's data folder."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override).expanduser()
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / APP


@dataclass(frozen=True)
class JobRecord:
    url: str
    job_id: int
    login: str | None
    name: str
    document: str | None
    submitted_at: float
    status: str | None = None
    finished_at: float | None = None
    summary: str | None = None

    def line(self) -> str:
        when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(self.submitted_at))
        status = self.status or "submitted"
        return f"{self.job_id}\t{status}\t{self.name}\t{when}\t{self.url}\t{self.document or ''}"


class JobRecords:
    """The table of submitted jobs in `<data dir>/jobs.sqlite3`."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_dir() / DB_NAME
        self._lock = threading.Lock()
        self._ready = False

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if not self._ready:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(self.path, timeout=5.0)) as db:
                if not self._ready:
                    db.execute(_SCHEMA)
                    self._ready = True
                with db:
                    yield db

    def add(self, record: JobRecord) -> None:
        with self._db() as db:
            db.execute(
                "INSERT OR REPLACE INTO jobs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (record.url, record.job_id, record.login, record.name, record.document,
                 record.submitted_at, record.status, record.finished_at, record.summary),
            )

    def update(self, url: str, job_id: int, status: str, *, finished_at: float | None = None,
               summary: str | None = None) -> None:
        with self._db() as db:
            db.execute(
                "UPDATE jobs SET status = ?, finished_at = COALESCE(?, finished_at), "
                "summary = COALESCE(?, summary) WHERE url = ? AND job_id = ?",
                (status, finished_at, summary, url, job_id),
            )

    def all(self, limit: int = 100) -> list[JobRecord]:
        """Most recent first."""
        with self._db() as db:
            rows = db.execute(
                "SELECT * FROM jobs ORDER BY submitted_at DESC, rowid DESC LIMIT ?", (limit,)
            ).fetchall()
        return [JobRecord(*row) for row in rows]

    def find(self, job_id: int | None = None, url: str | None = None) -> JobRecord | None:
        """The latest record of this job id (and server); with no id, the last submitted job."""
        query, args = "SELECT * FROM jobs", list[object]()
        clauses: list[str] = []
        if job_id is not None:
            clauses.append("job_id = ?")
            args.append(job_id)
        if url is not None:
            clauses.append("url = ?")
            args.append(url)
        if clauses:
            query += " WHERE " + " AND ".join(clauses)
        query += " ORDER BY submitted_at DESC, rowid DESC LIMIT 1"
        with self._db() as db:
            row = db.execute(query, args).fetchone()
        return None if row is None else JobRecord(*row)
