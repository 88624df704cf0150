"""Benchmarks, one module per area (`python -m bench.<name>`); `python -m bench` runs them all.

Figures go to docs/benchmarks.md, each area under its own heading. Timed tests are not used:
the machine is shared, so numbers come from here, with the load noted.
"""

from pathlib import Path

BENCHMARKS_DOC = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"


def write_section(heading: str, text: str, doc: Path = BENCHMARKS_DOC) -> None:
    """Replace the `heading` section (a "## " line up to the next one) of docs/benchmarks.md with
    `text`, or append it; every other section is left as it is."""
    doc.parent.mkdir(exist_ok=True)
    current = doc.read_text(encoding="utf-8") if doc.exists() else "# Benchmarks\n"
    start = current.find(heading + "\n")
    if start < 0:
        current = current.rstrip("\n") + "\n\n" + text.rstrip("\n") + "\n"
    else:
        end = current.find("\n## ", start + len(heading))
        current = current[:start] + text.rstrip("\n") + "\n" + (current[end:] if end >= 0 else "")
    doc.write_text(current, encoding="utf-8")
