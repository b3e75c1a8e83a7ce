"""The job queue's broker, chosen by ``MIA_JOB_QUEUE`` (read by the settings).

- empty (the default): a SQLite file of its own in the data folder, so ``make run`` needs no
  extra service and a queued job survives a restart; the queue never takes the write lock of
  the application's database;
- ``redis://host:port/db``: Redis, for production with several app servers;
- ``postgres://…``: huey's own tables in PostgreSQL (LISTEN/NOTIFY wakes the worker);
- ``immediate``: no queue at all, a job runs in the process that starts it (tests).

Plain module without Django imports: the settings import it.
"""

from __future__ import annotations

from pathlib import Path

from huey import MemoryHuey, PostgresHuey, RedisHuey, SqliteHuey

QUEUE_NAME = "mia"


def make_huey(setting: str, data_dir: Path):
    setting = setting.strip()
    if setting == "immediate":
        return MemoryHuey(QUEUE_NAME, immediate=True, results=False)
    if setting.startswith(("redis://", "rediss://", "unix://")):
        return RedisHuey(QUEUE_NAME, url=setting, results=False)
    if setting.startswith(("postgres://", "postgresql://")):
        return PostgresHuey(QUEUE_NAME, dsn=setting, results=False)
    if setting in ("", "sqlite"):
        return SqliteHuey(QUEUE_NAME, filename=str(data_dir / "jobs.sqlite3"), results=False, timeout=20)
    raise ValueError(f"MIA_JOB_QUEUE must be empty, 'immediate', a redis:// or a postgres:// address, got {setting!r}")
