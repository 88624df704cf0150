"""`oncoguide patient add|assign|list`."""

from __future__ import annotations

import typer

from api.cli import app
from api.db import open_database, session_scope
from api.settings import load_settings

patient_app = typer.Typer(help="Manage patient records.", no_args_is_help=True)
app.add_typer(patient_app, name="patient")


def _navigator(s, email: str):
    from sqlmodel import select

    from api.db import User
    from api.errors import NotFound

    user = s.exec(select(User).where(User.email == email.strip().lower(), User.role == "navigator")).first()
    if user is None:
        raise NotFound("No navigator has this email; create one with 'oncoguide user add EMAIL --role navigator'.")
    return user


@patient_app.command("add")
def add(
    name: str = typer.Argument(..., help="the patient's name"),
    navigator: str | None = typer.Option(None, "--navigator", help="assign this navigator (email)"),
) -> None:
    """Create a patient record and print its id."""
    from api.auth import assign_navigator
    from api.db import Patient
    from api.errors import InvalidRequest

    if not name.strip() or len(name) > 200:
        raise InvalidRequest("Give the patient's name (1 to 200 characters).")
    engine = open_database(load_settings().resolved_database_url)
    with session_scope(engine) as s:
        patient = Patient(name=name.strip())
        s.add(patient)
        s.flush()
        if navigator:
            assign_navigator(s, _navigator(s, navigator), patient.id)
        typer.echo(patient.id)


@patient_app.command("assign")
def assign(patient_id: str = typer.Argument(...), navigator: str = typer.Argument(..., help="navigator email")) -> None:
    """Assign a navigator to a patient."""
    from api.auth import assign_navigator
    from api.db import Patient
    from api.errors import NotFound

    engine = open_database(load_settings().resolved_database_url)
    with session_scope(engine) as s:
        if s.get(Patient, patient_id) is None:
            raise NotFound("No patient has this id.")
        assign_navigator(s, _navigator(s, navigator), patient_id)


@patient_app.command("list")
def list_() -> None:
    """Print patient ids (no names: they would end up in terminal logs)."""
    from sqlmodel import Session, select

    from api.db import Patient

    engine = open_database(load_settings().resolved_database_url)
    with Session(engine) as s:
        for patient in s.exec(select(Patient).order_by(Patient.created_at)):
            typer.echo(patient.id)
