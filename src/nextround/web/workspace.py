"""Where the web app keeps each request's files: one temporary folder per request, private to
the browser session that made it, removed an hour after its last use (and when the server
stops). Files are looked up by the names the server gave them, never by a path from a user.
"""

from __future__ import annotations

import multiprocessing
import secrets
import shutil
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..batch import ROWS_PER_WORKER, warm_up

JOB_SECONDS = 3600.0  # a job's files live this long after their last use


@dataclass
class Job:
    id: str
    owner: str  # the browser session that made it
    folder: Path
    kind: str  # "handouts" or "batch"
    used: float = field(default_factory=time.monotonic)
    files: list[str] = field(default_factory=list)  # names in folder/files
    pages: list[str] = field(default_factory=list)  # paths relative to folder
    busy: bool = False  # a batch still running: never swept
    state: dict[str, Any] = field(default_factory=dict)  # a batch's progress and results


class Workspace:
    def __init__(self, job_seconds: float = JOB_SECONDS, workers: int = 1):
        self.root = Path(tempfile.mkdtemp(prefix="nextround-serve-"))
        self.job_seconds = job_seconds
        self.jobs: dict[str, Job] = {}
        self.lock = threading.Lock()
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    # -- jobs -----------------------------------------------------------------------------

    def new_job(self, owner: str, kind: str) -> Job:
        self.sweep()
        job_id = secrets.token_urlsafe(16)
        folder = self.root / job_id
        folder.mkdir()
        job = Job(job_id, owner, folder, kind)
        with self.lock:
            self.jobs[job_id] = job
        return job

    def job(self, job_id: str, owner: str, kind: str) -> Job | None:
        """The job, if it exists and belongs to this session: another session's id is as
        unknown as a made-up one."""
        with self.lock:
            job = self.jobs.get(job_id)
        if job is None or job.kind != kind or not secrets.compare_digest(job.owner, owner):
            return None
        job.used = time.monotonic()
        return job

    def drop(self, job: Job) -> None:
        with self.lock:
            self.jobs.pop(job.id, None)
        shutil.rmtree(job.folder, ignore_errors=True)

    def sweep(self) -> None:
        """Remove the jobs unused for job_seconds."""
        now = time.monotonic()
        with self.lock:
            old = [j for j in self.jobs.values()
                   if not j.busy and now - j.used >= self.job_seconds]
        for job in old:
            self.drop(job)

    def scratch(self) -> Path:
        """A temporary folder for one request that keeps nothing (the API): the caller
        removes it."""
        return Path(tempfile.mkdtemp(prefix="request-", dir=self.root))

    # -- rendering ------------------------------------------------------------------------

    def pool(self) -> ProcessPoolExecutor:
        with self.lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    max_workers=self.workers, initializer=warm_up,
                    mp_context=multiprocessing.get_context("spawn"),
                    max_tasks_per_child=ROWS_PER_WORKER)
            return self._pool

    def reset_pool(self) -> None:
        with self.lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)  # no process or thread left behind
        shutil.rmtree(self.root, ignore_errors=True)
