"""`oncoguide serve`: the API, with a worker process beside it unless told otherwise."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys

import typer

from api.cli import app

log = logging.getLogger("oncoguide.serve")


def configure_logging() -> None:
    """Service logs at INFO; libraries that chatter at INFO (alembic) at WARNING."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)


class _Stop(Exception):
    """SIGTERM (a supervisor stopping the service), raised in the main thread like Ctrl-C."""


def _raise_stop(signum, frame) -> None:
    raise _Stop()


def start_worker_process(threads: int | None = None) -> subprocess.Popen:
    """`oncoguide worker` as a child process with the same environment.

    It runs in a process group of its own, so Ctrl-C in a terminal reaches only `serve`, which
    then stops it once, gracefully; and it ends when `serve` does, however `serve` ends (even
    killed with SIGKILL: see `api.lifeline`)."""
    cmd = [sys.executable, "-m", "api", "worker", "--exit-with-parent", str(os.getpid())]
    if threads:
        cmd += ["--threads", str(threads)]
    return subprocess.Popen(cmd, env=os.environ.copy(), process_group=0)


def stop_worker_process(proc: subprocess.Popen | None, timeout: float = 30.0) -> None:
    """SIGINT: Huey's consumer finishes the job in hand, then exits. If that takes longer than
    `timeout`, or the user interrupts again, a second SIGINT stops it at once (the job in hand is
    done again later, from its lease)."""
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=timeout)
        return
    except (subprocess.TimeoutExpired, KeyboardInterrupt, _Stop):
        pass
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def serve_app(host: str, port: int, *, worker: bool, threads: int | None = None) -> None:
    import uvicorn

    from api.app import create_app
    from api.services import Services
    from api.settings import load_settings

    configure_logging()
    # Settings, database (migrated) and pipeline are checked before anything starts.
    svc = Services.from_settings(load_settings())
    # uvicorn shuts down on SIGINT or SIGTERM, then raises the signal again: as KeyboardInterrupt
    # or `_Stop` here, so the worker is stopped below instead of the process just ending.
    previous = signal.signal(signal.SIGTERM, _raise_stop)
    proc = start_worker_process(threads) if worker else None
    try:
        uvicorn.run(create_app(services=svc), host=host, port=port, log_level="info")
    except (KeyboardInterrupt, _Stop):
        pass
    finally:
        stop_worker_process(proc)
        svc.close()
        signal.signal(signal.SIGTERM, previous)


@app.command("serve")
def serve(
    host: str = typer.Option("127.0.0.1", "--host"),
    port: int = typer.Option(8000, "--port"),
    worker: bool = typer.Option(True, "--worker/--no-worker", help="run a worker beside the API"),
    threads: int = typer.Option(0, "--threads", help="worker jobs at a time"),
) -> None:
    """Serve the API (and run a worker) with the settings from ONCOGUIDE_* variables."""
    serve_app(host, port, worker=worker, threads=threads or None)
