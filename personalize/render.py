"""Guidance rendered for patients, as Markdown or HTML (Jinja2; HTML autoescaped).

Blocks that apply are shown under their headings; blocks that do not apply collapse to one line
saying why, with the record line that decided it; blocks that may or may not apply say what to
confirm. Tailored notes show "Based on your records: <document, page>" and the source of any
label or guideline fact they quote. Dates, the review flag and the disclaimer are always shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from personalize.models import Block, Guidance

TEMPLATES = Path(__file__).parent / "templates"
_KIND_WORDS = {
    "pathology": "pathology report", "addendum": "pathology addendum", "clinic_note": "clinic note",
    "lab": "lab report", "imaging": "imaging report", "genetics": "genetics report",
    "medication_list": "medication list", "other": "document",
}
_SEVERITY_WORDS = {"critical": "Important now", "warning": "Please note", "info": "For your information"}


@dataclass
class Citation:
    where: str
    quotes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return self.where + (": " + "; ".join(f"\u201c{q}\u201d" for q in self.quotes) if self.quotes else "")


@dataclass
class Item:
    block: Block
    citations: list[Citation]
    #: Markdown needs a blank line around paragraphs, none between bullets of one list.
    blank_before: bool = False
    #: Further parts that do not apply for the same reason, folded into this one line.
    more: list[Block] = field(default_factory=list)

    @property
    def count(self) -> int:
        return 1 + len(self.more)


@dataclass
class Section:
    heading: str | None
    items: list[Item] = field(default_factory=list)


def _citations(block: Block, guidance: Guidance, quotes: bool) -> list[Citation]:
    records = {r.document: r for r in guidance.records}
    by_place: dict[tuple[str, int], Citation] = {}
    spans: dict[tuple[str, int], set[tuple[int, int, str]]] = {}
    for because in block.because:
        for ev in because.evidence:
            key = (ev.document, ev.page)
            if key not in by_place:
                rec = records.get(ev.document)
                what = _KIND_WORDS.get(rec.kind, "document") if rec and rec.kind else "document"
                when = f" of {rec.date.isoformat()}" if rec and rec.date else ""
                by_place[key] = Citation(f"your {what}{when} ({ev.document}), page {ev.page}")
                spans[key] = set()
            spans[key].add((ev.start, ev.end, ev.text))
    if quotes:
        for key, citation in by_place.items():
            citation.quotes = _outermost(spans[key])
    return list(by_place.values())


def _outermost(spans: set[tuple[int, int, str]]) -> list[str]:
    """The texts of the spans no other span of the page holds, in page order (a site's evidence
    and the longer statement around it are quoted once), each text once."""
    out: list[str] = []
    for start, end, text in sorted(spans, key=lambda s: (s[0], -s[1])):
        if any(o0 <= start and end <= o1 and (o0, o1) != (start, end) for o0, o1, _ in spans):
            continue
        if text not in out:
            out.append(text)
    return out


def view_model(guidance: Guidance) -> dict:
    sections: list[Section] = []
    for block in guidance.blocks:
        if block.kind != "general":
            continue
        if not sections or sections[-1].heading != block.heading:
            sections.append(Section(block.heading))
        items = sections[-1].items
        if block.applies == "no" and items and items[-1].block.applies == "no" and items[-1].block.note == block.note:
            items[-1].more.append(block)  # several parts left out for one reason: one line
            continue
        paragraph = block.role != "bullet" and block.applies != "no"
        previous_paragraph = bool(items) and items[-1].block.role != "bullet" and items[-1].block.applies != "no"
        blank = bool(items) and (paragraph or previous_paragraph)
        items.append(Item(block, _citations(block, guidance, quotes=block.applies == "no"), blank))
    tailored = [Item(b, _citations(b, guidance, quotes=False)) for b in guidance.blocks if b.kind == "tailored"]
    from personalize.rules import rules

    texts = rules().texts
    return {
        "g": guidance,
        "title": guidance.answer_title or guidance.question or "Guidance",
        "sections": sections,
        "critical": [i for i in tailored if i.block.severity == "critical"],
        "notes": [i for i in tailored if i.block.severity != "critical"],
        "severity_words": _SEVERITY_WORDS,
        "foreign": guidance.answer_source == "text",
        "foreign_note": texts.foreign_answer_note,
        "overdue_note": texts.overdue_note,
    }


@lru_cache(maxsize=2)
def _environment(html: bool) -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=html) if html else False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_markdown(guidance: Guidance) -> str:
    return _environment(False).get_template("guidance.md.j2").render(**view_model(guidance))


def render_html(guidance: Guidance) -> str:
    return _environment(True).get_template("guidance.html.j2").render(**view_model(guidance))
