"""`oncoguide profile FILE... [--json]` and `oncoguide profile --each FILE...`.

Without `--each`, all files are one patient's records: they are read, merged into one profile and
printed as the PROFILE.md JSON (`--json`) or as a readable summary with where each value was read.
With `--each`, every file is profiled on its own and printed as one JSON line
`{"file": ..., <the PROFILE.md object>}` (or `{"file": ..., "error": {...}}`), with a progress bar
on stderr. Plain-text files are read as text (no OCR).

Exit code: 0 when every file was read completely; the first failing file's code from the taxonomy
otherwise; 3 when every file was read but some pages failed (partial success).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from tqdm import tqdm

from api.cli import app
from extract import build_profile
from extract.merge import profile_leaves
from extract.models import ProfileReport
from ingest import Document, read
from ingest.errors import OncoguideError

PARTIAL_SUCCESS = 3


@app.command("profile")
def profile_command(
    files: Annotated[list[Path], typer.Argument(help="One patient's records: PDF, image or text files.",
                                                exists=True, dir_okay=False, readable=True)],
    as_json: Annotated[bool, typer.Option("--json", help="Print the PROFILE.md JSON instead of a summary.")] = False,
    each: Annotated[bool, typer.Option("--each", help="Profile every file on its own; one JSON line per file.")] = False,
) -> None:
    """Extract a patient's profile (with the evidence of every value) from their records."""
    if each:
        raise typer.Exit(_profile_each(files))
    documents = [_read(path) for path in files]
    report = build_profile(documents)
    if as_json:
        typer.echo(json.dumps(report.to_json_dict(), ensure_ascii=False, indent=1))
    else:
        typer.echo(summary(report))
    if any(d.partial for d in documents):
        raise typer.Exit(PARTIAL_SUCCESS)


def _read(path: Path) -> Document:
    try:
        data = path.read_bytes()
    except OSError as exc:  # vanished or unreadable after the argument check
        raise typer.BadParameter(f"cannot read {path}: {exc.strerror}") from exc
    return read(data, path.name)


def _profile_each(files: list[Path]) -> int:
    exit_code = 0
    partial = False
    for path in tqdm(files, desc="profiling", unit="file", file=sys.stderr, disable=None):
        try:
            document = _read(path)
            line: dict[str, Any] = {"file": str(path), **build_profile([document]).to_json_dict()}
            partial = partial or document.partial
        except OncoguideError as exc:
            line = {"file": str(path), "error": exc.to_dict()}
            exit_code = exit_code or exc.exit_code
        typer.echo(json.dumps(line, ensure_ascii=False))
    return exit_code or (PARTIAL_SUCCESS if partial else 0)


# --------------------------------------------------------------------------- the readable summary


def summary(report: ProfileReport) -> str:
    """A plain-text reading of a profile: each value with the document and page it came from."""
    data = report.to_json_dict()
    lines = ["Documents:"]
    for doc in data["documents"]:
        lines.append(f"  {doc['id']}  {doc['kind']:<15} {doc.get('date', 'no date'):<10}  "
                     f"{doc['pages']} page(s), {doc['text_source']}")
    lines.append("Profile:")
    leaves = list(profile_leaves(data["profile"]))
    if not leaves:
        lines.append("  (nothing found)")
    for path, value in leaves:
        lines.append(f"  {path} = {_show(value)}{_where(data['evidence'].get(path, []))}")
    if data["conflicts"]:
        lines.append("Conflicts (for a navigator to settle):")
        for conflict in data["conflicts"]:
            values = " vs ".join(_show(v) for v in conflict["values"])
            lines.append(f"  {conflict['field']}: {values} -> kept {_show(conflict['values'][0])} "
                         f"({conflict['resolution']})")
    return "\n".join(lines)


def _show(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_show(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _where(evidence: list[dict]) -> str:
    if not evidence:
        return ""
    places = sorted({f"{e['document']} p{e['page']}" for e in evidence})
    rule = evidence[0]["rule"]
    return f"   [{', '.join(places[:3])}{' ...' if len(places) > 3 else ''}; {rule}]"
