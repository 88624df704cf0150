"""`oncoguide storage encrypt`: encrypt the originals stored before ONCOGUIDE_ENCRYPTION_KEY was
set, or move them to a new key (see docs/security.md)."""

from __future__ import annotations

import typer

from api.cli import app

storage_app = typer.Typer(help="Manage the stored originals.", no_args_is_help=True)
app.add_typer(storage_app, name="storage")


@storage_app.command("encrypt")
def encrypt() -> None:
    """Write every stored original again under the first key of ONCOGUIDE_ENCRYPTION_KEY."""
    from api.errors import InvalidRequest
    from api.settings import load_settings
    from api.storage import BlobStore

    settings = load_settings()
    if not settings.encryption_key:
        raise InvalidRequest("Set ONCOGUIDE_ENCRYPTION_KEY first (the new key first, then any older keys, "
                             "separated by commas).")
    count = BlobStore(settings.originals_dir, settings.encryption_key).reseal_all()
    typer.echo(f"{count} original(s) stored under the current key", err=True)
