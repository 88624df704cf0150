"""`oncoguide user add|revoke|token`: accounts and bearer tokens (printed once, stored hashed)."""

from __future__ import annotations

import sys

import typer

from api.cli import app
from api.db import open_database, session_scope
from api.settings import load_settings

user_app = typer.Typer(help="Manage users and their tokens.", no_args_is_help=True)
app.add_typer(user_app, name="user")


@user_app.command("add")
def add(
    email: str = typer.Argument(..., help="the user's email address"),
    role: str = typer.Option(..., "--role", help="patient, navigator or admin"),
    patient: str | None = typer.Option(None, "--patient", help="patient id (role patient)"),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="read a web password from standard input"),
) -> None:
    """Create a user and print a bearer token once."""
    from api.auth import create_user

    password = None
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if len(password) < 8:
            from api.errors import InvalidRequest

            raise InvalidRequest("The password must have at least 8 characters.")
    engine = open_database(load_settings().resolved_database_url)
    with session_scope(engine) as s:
        _, token = create_user(s, email, role, patient_id=patient, password=password)
    typer.echo(token)


@user_app.command("revoke")
def revoke(email: str = typer.Argument(..., help="the user's email address")) -> None:
    """Revoke every token of the user at once."""
    from api.auth import revoke_tokens

    engine = open_database(load_settings().resolved_database_url)
    with session_scope(engine) as s:
        count = revoke_tokens(s, email)
    typer.echo(f"revoked {count} token(s)", err=True)


@user_app.command("token")
def token(email: str = typer.Argument(..., help="the user's email address")) -> None:
    """Issue a new token for an existing user and print it once."""
    from sqlmodel import select

    from api.auth import issue_token
    from api.db import User
    from api.errors import NotFound

    engine = open_database(load_settings().resolved_database_url)
    with session_scope(engine) as s:
        user = s.exec(select(User).where(User.email == email.strip().lower())).first()
        if user is None:
            raise NotFound("No user has this email.")
        typer.echo(issue_token(s, user))
