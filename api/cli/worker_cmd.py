"""`oncoguide worker`: process uploads from the queue (run several, on several machines with
PostgreSQL and Redis)."""

from __future__ import annotations

import typer

from api.cli import app


@app.command("worker")
def worker(
    threads: int = typer.Option(0, "--threads", help="jobs at a time (default ONCOGUIDE_WORKER_THREADS)"),
    parent: int = typer.Option(0, "--exit-with-parent", hidden=True,
                               help="process id of `oncoguide serve`: stop when it ends"),
) -> None:
    """Run a worker until interrupted."""
    if parent:
        from api.lifeline import exit_with_parent

        exit_with_parent(parent)
    from api.cli.serve_cmd import configure_logging
    from api.jobs import run_worker
    from api.services import Services
    from api.settings import load_settings

    configure_logging()
    settings = load_settings()
    svc = Services.from_settings(settings)
    run_worker(svc, threads or settings.worker_threads)
