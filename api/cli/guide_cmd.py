"""`oncoguide guide`: tailored guidance for a profile, from a question or a general answer text."""

from __future__ import annotations

import json
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from api.cli import app
from ingest.errors import ConfigurationError
from personalize.errors import InvalidAnswer, InvalidProfile


class Format(str, Enum):
    json = "json"
    markdown = "markdown"
    html = "html"


def _load_profile(paths: list[Path]) -> dict:
    """A PROFILE.md JSON file, or record files read and extracted first."""
    if len(paths) == 1 and paths[0].suffix.lower() == ".json":
        try:
            return json.loads(paths[0].read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InvalidProfile(
                "The --profile file is not valid JSON. Give the output of `oncoguide profile FILE... --json`, "
                "or the record files themselves."
            ) from exc
    try:
        import ingest
        from extract import build_profile

        read = ingest.read  # type: ignore[attr-defined]
    except (ImportError, AttributeError) as exc:
        raise ConfigurationError(
            "Reading record files needs the ingest and extract stages, which this installation lacks. "
            "Pass a PROFILE.md JSON file to --profile instead."
        ) from exc
    documents = [read(p.read_bytes(), p.name) for p in paths]
    return build_profile(documents).to_json_dict()


@app.command("guide")
def guide_command(
    profile: Optional[list[Path]] = typer.Option(  # noqa: UP007 (typer needs Optional)
        None, "--profile", exists=True, dir_okay=False, readable=True,
        help="PROFILE.md JSON, or the patient's record files (PDF, images, text), repeatable.",
    ),
    question: Optional[str] = typer.Option(None, "--question", help="A question; the best library answer is tailored."),
    answer_file: Optional[Path] = typer.Option(
        None, "--answer-file", exists=True, dir_okay=False, readable=True,
        help="A general answer (Markdown or plain text) to tailor instead of a library answer.",
    ),
    fmt: Format = typer.Option(Format.json, "--format", help="json (GUIDANCE.md), markdown or html."),
    today: Optional[str] = typer.Option(None, "--today", help="Date to judge review dates by (YYYY-MM-DD); default today."),
    list_questions: bool = typer.Option(False, "--list", help="List the library's answers and questions, then stop."),
) -> None:
    """Tailor a general answer to a patient's profile: what applies, what does not and why."""
    from personalize import guide, library

    if list_questions:
        for answer in library().answers:
            typer.echo(f"{answer.id}\t{answer.meta.title}")
            for q in answer.meta.questions:
                typer.echo(f"\t{q}")
        return
    if not profile:
        raise InvalidProfile("Give the patient's profile with --profile PROFILE.json (or their record files).")
    if (question is None) == (answer_file is None):
        raise InvalidAnswer("Give exactly one of --question TEXT or --answer-file FILE.")
    try:
        day = date.fromisoformat(today) if today else None
    except ValueError as exc:
        raise InvalidAnswer("--today must be a date written YYYY-MM-DD, for example 2026-11-26.") from exc
    answer_text = None
    if answer_file is not None:
        try:
            answer_text = answer_file.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidAnswer("The --answer-file is not UTF-8 text. Save it as plain text or Markdown (UTF-8).") from exc
    result = guide(_load_profile(profile), question=question, answer_text=answer_text, today=day)
    if fmt is Format.json:
        typer.echo(json.dumps(result.to_json_dict(), indent=2, ensure_ascii=False))
    elif fmt is Format.markdown:
        typer.echo(result.to_markdown(), nl=False)
    else:
        typer.echo(result.to_html(), nl=False)
