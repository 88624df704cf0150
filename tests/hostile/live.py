"""A real oncoguide on loopback for the hardening tests and the load benchmark (no tests here).

`Clinic` runs `python -m api serve --no-worker` and, apart, `python -m api worker`, so each can be
killed on its own (kill -9) and restarted on the same data directory and database. Output of both
goes to log files the tests search afterwards. Users and patients are created in-process on the
same database before or while the server runs. Nothing here reads ../shared.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
FINAL = ("done", "partial", "failed")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate: Callable[[], object], timeout: float, what: str, every: float = 0.1):
    """The predicate's first truthy answer, or AssertionError after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = predicate()
        except (httpx.HTTPError, OSError):
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(every)


@dataclass
class Proc:
    """One oncoguide process with its own log file."""

    args: list[str]
    env: dict[str, str]
    log_path: Path
    popen: subprocess.Popen | None = None

    def start(self) -> "Proc":
        log = open(self.log_path, "ab")
        self.popen = subprocess.Popen([sys.executable, "-m", "api", *self.args], cwd=ROOT, env=self.env,
                                      stdout=log, stderr=subprocess.STDOUT)
        log.close()
        return self

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def kill9(self) -> None:
        if self.alive():
            self.popen.send_signal(signal.SIGKILL)
            self.popen.wait(10)

    def stop(self, timeout: float = 30) -> int | None:
        """SIGINT (finish what is in hand, then exit); SIGKILL after `timeout`."""
        if not self.alive():
            return self.popen.returncode if self.popen else None
        self.popen.send_signal(signal.SIGINT)
        try:
            return self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            return self.popen.wait(10)

    def rss(self) -> int:
        import psutil

        try:
            return psutil.Process(self.pid).memory_info().rss if self.alive() else 0
        except psutil.Error:
            return 0


@dataclass
class Clinic:
    """A data directory, a database, an API process and zero or more worker processes."""

    data_dir: Path
    database_url: str | None = None
    redis_url: str | None = None
    settings: dict[str, str] = field(default_factory=dict)
    port: int = field(default_factory=free_port)
    api: Proc | None = None
    workers: list[Proc] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.logs_dir = self.data_dir.parent / f"{self.data_dir.name}-logs"
        self.logs_dir.mkdir(exist_ok=True)
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("ONCOGUIDE_")},
            "ONCOGUIDE_DATA_DIR": str(self.data_dir),
            "ONCOGUIDE_DATABASE_URL": self.database_url or "",
            "ONCOGUIDE_REDIS_URL": self.redis_url or "",
            "ONCOGUIDE_ENVIRONMENT": "test",
            "ONCOGUIDE_RATE_LIMIT_PER_MINUTE": "100000",
            "ONCOGUIDE_RATE_LIMIT_BURST": "100000",
            "OMP_THREAD_LIMIT": "1",
            "PYTHONPATH": str(ROOT),
            **self.settings,
        }
        self._engine = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # --- processes ----------------------------------------------------------------------------------

    def start_api(self, wait: float = 90) -> Proc:
        self.api = Proc(["serve", "--no-worker", "--port", str(self.port)], self.env,
                        self.logs_dir / "api.log").start()
        wait_for(lambda: self.healthy() or not self.api.alive(), wait, "the API to answer /healthz")
        assert self.api.alive(), "the API exited at start:\n" + self.log_text()[-3000:]
        return self.api

    def start_worker(self, threads: int = 1) -> Proc:
        worker = Proc(["worker", "--threads", str(threads)], self.env,
                      self.logs_dir / f"worker-{len(self.workers) + 1}.log").start()
        self.workers.append(worker)
        return worker

    def healthy(self) -> bool:
        try:
            return httpx.get(self.url + "/healthz", timeout=5).status_code == 200
        except httpx.HTTPError:
            return False

    def stop(self) -> None:
        for proc in [*self.workers, self.api]:
            if proc is not None:
                proc.stop()
        if self._engine is not None:
            self._engine.dispose()

    def rss(self) -> int:
        """Resident memory of the API and the live workers, in bytes."""
        return sum(p.rss() for p in [self.api, *self.workers] if p is not None)

    def log_text(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in sorted(self.logs_dir.glob("*.log")))

    # --- the clinic's people ------------------------------------------------------------------------

    @property
    def engine(self):
        if self._engine is None:
            from api.db import open_database
            from api.settings import Settings

            url = self.database_url or Settings(data_dir=self.data_dir).resolved_database_url
            self._engine = open_database(url)
        return self._engine

    def patient(self, name: str, navigator_email: str | None = None) -> str:
        from sqlmodel import select

        from api.auth import assign_navigator
        from api.db import Patient, User, session_scope

        with session_scope(self.engine) as s:
            patient = Patient(name=name)
            s.add(patient)
            s.flush()
            if navigator_email:
                nav = s.exec(select(User).where(User.email == navigator_email)).one()
                assign_navigator(s, nav, patient.id)
            return patient.id

    def user(self, email: str, role: str, patient_id: str | None = None, password: str | None = None) -> str:
        """Create a user; return the bearer token."""
        from api.auth import create_user
        from api.db import session_scope

        with session_scope(self.engine) as s:
            return create_user(s, email, role, patient_id=patient_id, password=password)[1]

    def token(self, email: str) -> str:
        """A new bearer token for an existing user."""
        from sqlmodel import select

        from api.auth import issue_token
        from api.db import User, session_scope

        with session_scope(self.engine) as s:
            return issue_token(s, s.exec(select(User).where(User.email == email)).one())

    def client(self, token: str | None = None, timeout: float = 120) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=timeout)


class PrivatePostgres:
    """A throwaway PostgreSQL cluster in `root`, on its own port, that can be stopped and started
    (the shared test database is left alone). Without `durable`, fsync is off (tests); the server
    runs as the postgres user when we are root, so `root` must be reachable by it."""

    def __init__(self, root: Path, *, durable: bool = False) -> None:
        self.root, self.port, self.durable = root, free_port(), durable
        self.bindir = Path(subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True,
                                          check=True).stdout.strip())
        self.data = root / "pgdata"
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, *args: str) -> None:
        subprocess.run([*self.as_user, *args], check=True, capture_output=True, timeout=120)

    def init(self) -> "PrivatePostgres":
        self.root.mkdir(parents=True, exist_ok=True)
        if self.as_user:
            shutil.chown(self.root, "postgres")
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "oncoguide",
                  "--no-sync")
        return self

    def start(self) -> None:
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-w", "-l", str(self.root / "pg.log"),
                  "-o", f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c max_connections=200"
                  + ("" if self.durable else " -c fsync=off"), "start")

    def stop(self, mode: str = "immediate") -> None:
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-w", "-m", mode, "stop")

    @property
    def url(self) -> str:
        return f"postgresql+psycopg2://oncoguide@127.0.0.1:{self.port}/postgres"


class RedisServer:
    """A throwaway redis-server on a free loopback port, without persistence."""

    def __init__(self) -> None:
        self.port = free_port()
        self.proc = subprocess.Popen(["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                                      "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        import redis

        def ping() -> bool:
            try:
                return redis.Redis(port=self.port).ping()
            except redis.RedisError:
                return False

        wait_for(ping, 10, "redis-server to start")

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


def wait_final(client: httpx.Client, document_id: str, timeout: float = 180) -> dict:
    """The document once its processing has ended (done, partial or failed)."""

    def final():
        doc = client.get(f"/api/documents/{document_id}").json()
        return doc if doc.get("status") in FINAL else None

    return wait_for(final, timeout, f"document {document_id} to be processed", every=0.2)


class MemorySampler:
    """Samples `clinic.rss()` in a thread; `peak` and `samples` (seconds since start, bytes)."""

    def __init__(self, clinic: Clinic, every: float = 0.1) -> None:
        import threading

        self.clinic, self.every = clinic, every
        self.samples: list[tuple[float, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "MemorySampler":
        self._t0 = time.monotonic()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(5)

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.samples.append((time.monotonic() - self._t0, self.clinic.rss()))

    @property
    def peak(self) -> int:
        return max((b for _, b in self.samples), default=0)
