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


def start_worker_process(threads: int | None = None) -> subprocess.Popen:
    """`oncoguide worker` as a child process with the same environment."""
    cmd = [sys.executable, "-m", "api", "worker"]
    if threads:
        cmd += ["--threads", str(threads)]
    return subprocess.Popen(cmd, env=os.environ.copy())


def stop_worker_process(proc: subprocess.Popen | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGINT)  # Huey's consumer finishes the job in hand, then exits
    try:
        proc.wait(timeout=30)
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
    proc = start_worker_process(threads) if worker else None
    try:
        uvicorn.run(create_app(services=svc), host=host, port=port, log_level="info")
    finally:
        stop_worker_process(proc)
        svc.close()


@app.command("serve")
def serve(
    host: str = typer.Option("127.0.0.1", "--host"),
    port: int = typer.Option(8000, "--port"),
    worker: bool = typer.Option(True, "--worker/--no-worker", help="run a worker beside the API"),
    threads: int = typer.Option(0, "--threads", help="worker jobs at a time"),
) -> None:
    """Serve the API (and run a worker) with the settings from ONCOGUIDE_* variables."""
    serve_app(host, port, worker=worker, threads=threads or None)
