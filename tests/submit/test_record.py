"""The local record of submitted jobs."""

from __future__ import annotations

import threading
from pathlib import Path

from proactive_lsp.submit.record import DB_NAME, JobRecord, JobRecords, data_dir


def test_data_dir_override(private_env: Path) -> None:
    assert data_dir() == private_env
    assert JobRecords().path == private_env / DB_NAME


def test_add_update_find_and_list(tmp_path: Path) -> None:
    records = JobRecords(tmp_path / "jobs.sqlite3")
    assert records.find() is None and records.all() == []
    records.add(JobRecord("http://a:1", 1, "admin", "first", "/x/flow.py", 100.0, "Submitted"))
    records.add(JobRecord("http://b:2", 1, "admin", "other", None, 200.0, "Submitted"))
    records.update("http://a:1", 1, "Finished", finished_at=150.0, summary="done")

    assert [r.name for r in records.all()] == ["other", "first"]
    assert records.find().name == "other"  # type: ignore[union-attr]
    first = records.find(1, "http://a:1")
    assert first is not None and (first.status, first.summary) == ("Finished", "done")
    assert "password" not in (tmp_path / "jobs.sqlite3").read_bytes().decode("latin-1").lower()


def test_threads_share_a_record(tmp_path: Path) -> None:
    records = JobRecords(tmp_path / "jobs.sqlite3")
    threads = [
        threading.Thread(target=records.add, args=(JobRecord("u", i, None, f"j{i}", None, i),))
        for i in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert len(records.all()) == 8
