"""`oncoguide version`."""

from importlib.metadata import version

import typer

from api.cli import app


@app.command("version")
def version_command() -> None:
    """Print oncoguide's version."""
    typer.echo(version("oncoguide"))
