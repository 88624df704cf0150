"""`oncoguide eval DATASET [--json] [--show-disagreements N] [--check]`: the extractor against labels."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from api.cli import app


def _pct(value: float | None) -> str:
    return "   -  " if value is None else f"{value * 100:5.1f}%"


@app.command("eval")
def eval_command(
    dataset: Path = typer.Argument(..., help="JSON-lines labelled records (tcga-brca-dev.jsonl format), or samples/expected"),
    as_json: bool = typer.Option(False, "--json", help="Print the results as JSON."),
    show_disagreements: int = typer.Option(10, "--show-disagreements", min=0,
                                           help="How many disagreements to list per field."),
    check: bool = typer.Option(False, "--check", help="Exit with status 1 when a field misses its floor."),
) -> None:
    """Run the extractor over labelled records and print per-field coverage and accuracy."""
    from tqdm import tqdm

    from extract.eval import evaluate, load_dataset

    records = load_dataset(dataset)
    with tqdm(total=len(records), desc="eval", unit="record", file=sys.stderr, disable=as_json or None) as bar:
        result = evaluate(records, dataset.name, progress=bar.update)
    if as_json:
        typer.echo(json.dumps(result.to_dict(), indent=2, default=str))
    else:
        typer.echo(f"{result.dataset}: {result.records} records; evidence entries not matching their page text: "
                   f"{result.evidence_mismatches}")
        typer.echo(f"{'field':34} {'labelled':>8} {'covered':>8} {'coverage':>9} {'correct':>8} {'accuracy':>9}  floor")
        for f in result.fields:
            floor = "" if f.floor is None else f"{f.floor:.2f}" + (f" (coverage {f.coverage_floor:.2f})" if f.coverage_floor else "")
            mark = {True: " ok", False: " BELOW", None: ""}[f.meets_floor]
            typer.echo(f"{f.name:34} {f.labelled:8} {f.covered:8} {_pct(f.coverage):>9} {f.correct:8} "
                       f"{_pct(f.accuracy):>9}  {floor}{mark}")
        for f in result.fields:
            if not f.disagreements or not show_disagreements:
                continue
            typer.echo(f"\n{f.name}: {len(f.disagreements)} disagreement(s)")
            for d in f.disagreements[:show_disagreements]:
                ev = "; ".join(f"{e['rule']}: {e['text']!r}" for e in d.evidence[:2])
                typer.echo(f"  {d.record}: expected {d.truth!r}, got {d.predicted!r}  [{ev}]")
    if check and (any(f.meets_floor is False for f in result.fields) or result.evidence_mismatches):
        raise typer.Exit(1)
