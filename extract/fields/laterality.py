"""Laterality of the cancer, from `rules/laterality.yaml`.

Read from a stated laterality item, or from a "left/right breast" mention in a sentence or part
that names an invasive carcinoma (a benign right mastectomy does not make a left cancer right).
Mentions in clinical history count, with less confidence. A report with cancer in both breasts
yields both sides; the index cancer's side is put first (extract/specimens.py).
"""

from __future__ import annotations

from typing import Iterator

from extract.analysis import AnalyzedPage
from extract.fields.base import make_finding, scan
from extract.fields.histology import mentions
from extract.findings import Finding
from extract.rules import grammar
from extract.specimens import part_at, parts

_SIDES = {"left": "left", "lt": "left", "right": "right", "rt": "right", "bilateral": "bilateral"}


def _side(raw: str) -> str | None:
    return _SIDES.get(raw.lower().rstrip("."))


def _invasive_in(page: AnalyzedPage, lo: int, hi: int) -> bool:
    return any(h.invasive and lo <= s < hi for s, _, h, _ in mentions(page))


def extract_laterality(page: AnalyzedPage) -> Iterator[Finding]:
    g = grammar("laterality")
    for rule_id in ("laterality.label", "laterality.anatomic-site"):
        for m in scan(page, g[rule_id]):
            side = _side(m.group("side"))
            if side:
                yield make_finding(page, "diagnosis.laterality", side, m.span(), g[rule_id],
                                   laterality=side if side != "bilateral" else None)
    # Breast parts whose text names an invasive carcinoma.
    all_parts = parts(page)
    for i, part in enumerate(all_parts):
        if part.site != "breast" or part.laterality is None:
            continue
        end = next((p.start for p in all_parts[i + 1:] if page.section_at(p.start) == page.section_at(part.start)),
                   len(page.text))
        if _invasive_in(page, part.start, end):
            m = next(g["laterality.breast-side"].finditer(page.text, page.is_ocr, part.start, part.end), None)
            span = m.span() if m else (part.start, part.end)
            yield make_finding(page, "diagnosis.laterality", part.laterality, span, "laterality.specimen",
                               confidence=0.92, laterality=part.laterality)
    # "left breast" in a sentence that names an invasive carcinoma (or in the clinical history).
    for m in scan(page, g["laterality.breast-side"]):
        side = _side(m.group("side"))
        if side is None:
            continue
        s0, s1 = page.sentence_at(m.start())
        part = part_at(page, m.start())
        near = _invasive_in(page, s0, s1) or (part is not None and part.start <= m.start() < part.end
                                              and _invasive_in(page, part.end, part.end + 200))
        if not near and "cancer" not in page.text[s0:s1].lower() and "carcinoma" not in page.text[s0:s1].lower():
            continue
        yield make_finding(page, "diagnosis.laterality", side, m.span(), g["laterality.breast-side"],
                           laterality=side if side != "bilateral" else None)
