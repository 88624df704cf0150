"""Tailored guidance (GUIDANCE.md JSON) arranged for the patient's page.

General blocks are grouped under their headings in order; a block that does not apply keeps its
place, collapsed with the reason. Tailored notes are split into "important now" (critical) and
the rest. Every decision's `because` becomes "based on your records" links to the pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from api.web import evidence as ev

SEVERITY_WORDS = {"critical": "Important now", "warning": "Please note", "info": "For your information"}


@dataclass
class BlockView:
    block: dict
    links: list[ev.EvidenceLink]

    @property
    def applies(self) -> str:
        return self.block.get("applies", "unknown")


@dataclass
class SectionView:
    heading: str | None
    blocks: list[BlockView] = field(default_factory=list)


@dataclass
class GuidanceView:
    g: dict
    title: str
    sections: list[SectionView]
    critical: list[BlockView]
    notes: list[BlockView]


def _links(block: dict, documents: dict[str, dict]) -> list[ev.EvidenceLink]:
    out: list[ev.EvidenceLink] = []
    seen: set[str] = set()
    for because in block.get("because", []) or []:
        for made in ev.links(because.get("evidence", []) or [], documents, because.get("field"), limit=2):
            if made.where not in seen:
                seen.add(made.where)
                out.append(made)
    return out


def guidance_view(guidance: dict) -> GuidanceView:
    # `records` names each document of the profile by kind and date.
    documents = {r.get("document"): r for r in guidance.get("records", []) or [] if isinstance(r, dict)}
    sections: list[SectionView] = []
    critical, notes = [], []
    for block in guidance.get("blocks", []) or []:
        item = BlockView(block, _links(block, documents))
        if block.get("kind") == "tailored":
            (critical if block.get("severity") == "critical" else notes).append(item)
            continue
        if not sections or sections[-1].heading != block.get("heading"):
            sections.append(SectionView(block.get("heading")))
        sections[-1].blocks.append(item)
    title = guidance.get("answer_title") or guidance.get("question") or "Your answer"
    return GuidanceView(guidance, title, sections, critical, notes)
