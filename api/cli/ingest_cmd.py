"""`oncoguide ingest FILE... [--json]`: read records and print their pages' text.

Exit code: 0 when every file was read completely, the first failing file's code from the taxonomy
otherwise, or 3 when files were read but some pages failed (partial success).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from tqdm import tqdm

from api.cli import app
from ingest import Document, read
from ingest.errors import OncoguideError

PARTIAL_SUCCESS = 3


@app.command("ingest")
def ingest_command(
    files: Annotated[list[Path], typer.Argument(help="PDF, PNG, JPEG, TIFF, WebP, HEIC or text files.",
                                                exists=True, dir_okay=False, readable=True)],
    as_json: Annotated[bool, typer.Option("--json", help="Print the documents as JSON (pages, words, boxes).")] = False,
    words: Annotated[bool, typer.Option("--words/--no-words", help="Include word boxes in --json output.")] = True,
) -> None:
    """Read records and print each page's text, its source (text layer or OCR) and OCR confidence."""
    results: list[dict] = []
    exit_code = 0
    partial = False
    bar = _ProgressBar(enabled=len(files) > 1)
    for index, path in enumerate(files, start=1):
        bar.start_file(index, len(files))
        try:
            document = read(_read_bytes(path), path.name, progress=bar.update)
        except OncoguideError as exc:
            bar.clear()
            typer.echo(f"{path}: error [{exc.code}]: {exc.message}", err=True)
            results.append({"file": str(path), "error": exc.to_dict()})
            exit_code = exit_code or exc.exit_code
            continue
        bar.clear()
        partial = partial or document.partial
        if as_json:
            results.append({"file": str(path), "document": document.model_dump(mode="json", exclude=_exclude(words))})
        else:
            _print_document(path, document)
    bar.close()
    if as_json:
        typer.echo(json.dumps(results, ensure_ascii=False, indent=1))
    if exit_code == 0 and partial:
        exit_code = PARTIAL_SUCCESS
    if exit_code:
        raise typer.Exit(exit_code)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:  # vanished or unreadable after the argument check
        raise typer.BadParameter(f"cannot read {path}: {exc.strerror}") from exc


def _exclude(words: bool) -> dict | None:
    return None if words else {"pages": {"__all__": {"words"}}}


def _print_document(path: Path, document: Document) -> None:
    typer.echo(f"== {path} ({document.type}, {len(document.pages)} page(s), sha256 {document.sha256[:12]})")
    for page in document.pages:
        if page.error is not None:
            typer.echo(f"-- page {page.number}: error [{page.error.code}]: {page.error.message}")
            continue
        confidence = f", confidence {page.confidence:.2f}" if page.confidence is not None else ""
        turned = f", turned {page.rotation}°" if page.rotation else ""
        typer.echo(f"-- page {page.number}: {page.source}{confidence}{turned}")
        typer.echo(page.text)


class _ProgressBar:
    """A tqdm bar on stderr, shown only for multi-page or multi-file work."""

    def __init__(self, *, enabled: bool) -> None:
        self._multi_file = enabled
        self._bar: tqdm | None = None
        self._label = ""

    def start_file(self, index: int, count: int) -> None:
        self._label = f"file {index}/{count}" if count > 1 else "pages"

    def update(self, done: int, total: int) -> None:
        if self._bar is None:
            if total <= 1 and not self._multi_file:
                return
            self._bar = tqdm(total=total, desc=self._label, unit="page", file=sys.stderr, leave=False,
                             disable=None)
        self._bar.total = total
        self._bar.n = done
        self._bar.refresh()

    def clear(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def close(self) -> None:
        self.clear()
