"""Specimens (parts) of a report, and which one each finding belongs to.

Reports list parts ("A. BREAST, LEFT, LUMPECTOMY:", "B. LYMPH NODE, SENTINEL #1, EXCISION:"); a
value read inside a part belongs to that part's specimen, side and procedure. `part_at(page,
offset)` finds the part header that governs an offset; `order_findings` puts each path's findings
best first (facts, then the index cancer's specimen, then this report's own results before those
quoted from a prior specimen, then the more reliable section) so that a second specimen or the
other breast never silently replaces the index cancer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from extract.findings import Finding, Procedure
from extract.rules import grammar

if TYPE_CHECKING:
    from extract.analysis import AnalyzedPage

Side = Literal["left", "right"]
_SIDE = {"left": "left", "lt": "left", "l": "left", "right": "right", "rt": "right", "r": "right"}
_LYMPH = ("lymph", "node", "sentinel", "axill", "sln", "l. n.", "l.n.")


@dataclass(frozen=True)
class Part:
    start: int
    end: int  # end of the header text
    label: str | None
    site: Literal["breast", "lymph_node", "other"]
    laterality: Side | None
    bilateral: bool
    procedure: Procedure | None
    rule: str


def side_of(text: str) -> tuple[Side | None, bool]:
    """The side a phrase names: (left|right|None, bilateral?)."""
    sides = set()
    bilateral = False
    for match in grammar("specimens")["specimen.side"].finditer(text, False):
        word = match.group("side").lower()
        if word == "bilateral":
            bilateral = True
        else:
            sides.add(_SIDE[word])
    if len(sides) == 1 and not bilateral:
        return next(iter(sides)), False  # type: ignore[return-value]
    return None, bilateral or len(sides) > 1


def procedure_of(text: str) -> Procedure | None:
    """The procedure a phrase names, most specific first (a core biopsy before a plain 'biopsy')."""
    g = grammar("specimens")
    for rule_id in ("specimen.procedure.core", "specimen.procedure.fna", "specimen.procedure.resection",
                    "specimen.procedure.excision"):
        rule = g[rule_id]
        for _ in rule.finditer(text, False):
            return rule.params["procedure"]  # type: ignore[return-value]
    return None


def _site_of(text: str) -> Literal["breast", "lymph_node", "other"]:
    low = text.lower()
    if "breast" in low and not any(k in low.split("breast")[0] for k in _LYMPH):
        return "breast"
    if any(k in low for k in _LYMPH):
        return "lymph_node"
    if any(k in low for k in ("mastectomy", "lumpectomy", "quadrant", "areola", "nipple")):
        return "breast"
    return "other"


def parts(page: "AnalyzedPage") -> list[Part]:
    """Every part header on the page, in order (cached on the page)."""
    cached = page.cache.get("parts")
    if cached is not None:
        return cached
    g = grammar("specimens")
    found: list[Part] = []
    taken: list[tuple[int, int]] = []
    for rule_id in ("specimen.part-header", "specimen.site-header"):
        for m in (m for a, b in _segments(page) for m in g[rule_id].finditer(page.text, page.is_ocr, a, b)):
            start, end = m.span()
            if any(s < end and start < e for s, e in taken):
                continue
            site_text = m.group("site")
            side, bilateral = side_of(site_text)
            label = m.groupdict().get("label")
            found.append(Part(
                start=start, end=end,
                label=_clean_label(label) if label else None,
                site=_site_of(site_text),
                laterality=side, bilateral=bilateral,
                procedure=procedure_of(site_text),
                rule=rule_id,
            ))
            taken.append((start, end))
    found.sort(key=lambda p: p.start)
    found = _merge_lists(page, _in_sequence(page, found))
    found = sorted(found + _references(page, found), key=lambda p: p.start)
    page.cache["parts"] = found
    return found


def _references(page: "AnalyzedPage", headers: list[Part]) -> list[Part]:
    """"(part B)" in a summary line: that line is about part B (its side, site and procedure)."""
    out = []
    rule = grammar("specimens")["specimen.part-reference"]
    for m in (m for a, b in _segments(page) for m in rule.finditer(page.text, page.is_ocr, a, b)):
        label = m.group("label").upper()
        target = next((p for p in reversed(headers) if p.start < m.start() and p.label == label), None)
        if target is None:
            continue
        line_start = page.text.rfind("\n", 0, m.start()) + 1
        start = max(line_start, page.sentence_at(m.start())[0])
        out.append(Part(start=start, end=m.end(), label=target.label, site=target.site,
                        laterality=target.laterality, bilateral=target.bilateral, procedure=target.procedure,
                        rule="specimen.part-reference"))
    return out


def _merge_lists(page: "AnalyzedPage", found: list[Part]) -> list[Part]:
    """A list of parts ("Specimens: A: LEFT BREAST ... B: LEFT AXILLA. C: ...") governs the text
    after it as one part: the side they share (if they share one) and the first procedure."""
    out: list[Part] = []
    run: list[Part] = []

    def flush() -> None:
        if len(run) == 1:
            out.append(run[0])
        elif run:
            sides = {p.laterality for p in run if p.laterality}
            out.append(Part(
                start=run[0].start, end=run[-1].end,
                label="-".join(p.label or "?" for p in (run[0], run[-1])),
                site="breast" if any(p.site == "breast" for p in run) else run[0].site,
                laterality=next(iter(sides)) if len(sides) == 1 else None,  # type: ignore[arg-type]
                bilateral=len(sides) > 1 or any(p.bilateral for p in run),
                procedure=next((p.procedure for p in run if p.procedure), None),
                rule=run[0].rule,
            ))
        run.clear()

    for part in found:
        if run and (part.start - run[-1].end > 4 or page.text[run[-1].end:part.start].strip(" .,;\n") != ""):
            flush()
        run.append(part)
    flush()
    return out


def _segments(page: "AnalyzedPage") -> list[tuple[int, int]]:
    from extract.fields.base import segments

    return segments(page)


def _in_sequence(page: "AnalyzedPage", found: list[Part]) -> list[Part]:
    """Keep labelled headers that continue their section's sequence (A, B, C... or 1, 2, 3...).

    Numbers inside a part ("3. Margins", "(2 of 9) right axillary nodes") look like part headers;
    a real part list starts at A or 1 (or continues upwards) within one section.
    """
    kept: list[Part] = []
    last: dict[tuple[str | None, str], int] = {}
    for part in found:
        if part.label is None:
            kept.append(part)
            continue
        section = page.section_at(part.start)
        kind = "number" if part.label.isdigit() else "letter"
        value = int(part.label) if kind == "number" else ord(part.label[0]) - ord("A") + 1
        prev = last.get((section, kind), 0)
        if value != 1 and (value <= prev or value > prev + 3):
            continue  # a list restarts at A or 1; otherwise it only goes up, by small steps
        if kind == "number" and (section, "letter") in last:
            continue  # numbered items inside lettered parts are the parts' own lists
        last[(section, kind)] = value
        kept.append(part)
    return kept


def _clean_label(label: str) -> str:
    label = label.strip().lstrip("#").strip()
    if label.lower().startswith("part"):
        label = label[4:].strip()
    return label.upper()


#: Sections that continue the part before them when they name none of their own (a synoptic
#: block's "Findings:" or "Comment:" line is about the part the block describes).
_CONTINUING_SECTIONS = frozenset({"findings", "comment", "ancillary_studies", "staging"})


def _parts_with_sections(page: "AnalyzedPage") -> list[tuple[Part, str | None]]:
    cached = page.cache.get("parts_with_sections")
    if cached is None:
        cached = page.cache["parts_with_sections"] = [(p, page.section_at(p.start)) for p in parts(page)]
    return cached


def part_at(page: "AnalyzedPage", offset: int) -> Part | None:
    """The part header governing `offset`: the nearest one before it in the same section (or, in
    a findings/comment section without one, in the section before). A "(part B)" reference
    governs its own line only."""
    section = page.section_at(offset)
    best = None
    previous = None
    for part, part_section in _parts_with_sections(page):
        if part.start > offset:
            break
        if part.rule == "specimen.part-reference" and page.text.find("\n", part.end, offset) >= 0:
            continue  # a reference on an earlier line
        if part_section == section:
            best = part
        else:
            previous = part
    if best is None and section in _CONTINUING_SECTIONS and previous is not None:
        start = max((s for s, _ in page.sections() if s <= offset), default=0)
        if page.section_at(max(0, start - 1)) == page.section_at(previous.start):
            return _named_side_part(page, offset, previous)
    return _named_side_part(page, offset, best) if best is not None and best.end <= offset else best


def _named_side_part(page: "AnalyzedPage", offset: int, inherited: Part) -> Part | None:
    """A sentence after a part's header that names the other breast (a comment or a receptor line
    after the last part: "Right breast tumour (A3): ER negative") belongs to the one breast part of
    that side, or to no part, not to the part it follows."""
    if inherited.laterality is None:
        return inherited
    s0, s1 = page.sentence_at(offset)
    side, _ = side_of(page.text[max(s0, inherited.end):s1])
    if side is None or side == inherited.laterality:
        return inherited
    same_side = [p for p in parts(page) if p.site == "breast" and p.laterality == side]
    return same_side[0] if len(same_side) == 1 else None


#: How much a section's statements are trusted for pathology values (times the rule's confidence).
SECTION_WEIGHT: dict[str | None, float] = {
    "final_diagnosis": 1.0, "synoptic": 1.0, "addendum": 1.0, "ancillary_studies": 0.95,
    "microscopic": 0.95, "comment": 0.9, None: 0.9, "impression": 0.9, "findings": 0.85,
    "assessment_plan": 0.85, "staging": 0.95, "frozen_section": 0.6, "clinical_history": 0.6,
    "past_medical_history": 0.6, "preoperative_diagnosis": 0.5, "specimen": 0.85, "gross": 0.5,
}


def section_weight(section: str | None) -> float:
    return SECTION_WEIGHT.get(section, 0.8)


# -- ordering ----------------------------------------------------------------------------------

_SIZE_PATHS = ("diagnosis.tumor_size_mm",)


def index_side(findings: list[Finding]) -> str | None:
    """The side of the index cancer: the side with the largest invasive tumour (or the higher pT)."""
    best: tuple[float, str] | None = None
    for f in findings:
        if not f.is_fact or f.laterality is None:
            continue
        if f.path in _SIZE_PATHS and isinstance(f.value, (int, float)):
            score = float(f.value)
        elif f.path == "stage.pathologic.t" and isinstance(f.value, str):
            score = _t_rank(f.value)
        else:
            continue
        if best is None or score > best[0]:
            best = (score, f.laterality)
    return best[1] if best else None


def _t_rank(t: str) -> float:
    # Rough size equivalent in mm so pT and sizes compare (T4 is ranked above any size).
    table = {"T0": 0, "TIS": 0.5, "T1MI": 1, "T1A": 5, "T1B": 10, "T1C": 20, "T1": 15, "T2": 50,
             "T3": 60, "T4": 1000}
    key = t.upper()
    for k in sorted(table, key=len, reverse=True):
        if key.startswith(k):
            return table[k]
    return 0


def _confidence(f: Finding) -> float:
    values = [e.confidence for e in f.evidence if e.confidence is not None]
    return max(values) if values else 0.5


def order_findings(findings: list[Finding]) -> list[Finding]:
    """Findings grouped by path (first appearance), each group best first (see module docstring)."""
    side = index_side(findings)
    order: dict[str, int] = {}
    for f in findings:
        order.setdefault(f.path, len(order))

    def key(item: tuple[int, Finding]):
        i, f = item
        on_index = side is None or f.laterality is None or f.laterality == side
        # A result quoted from an earlier specimen, or a historical mention ("receptor conversion
        # from ER 70 % in 2019"), comes after this report's own current result.
        return (order[f.path], not f.is_fact, not on_index, f.specimen == "prior", f.assertion == "historical",
                -_confidence(f), i)

    return [f for _, f in sorted(enumerate(findings), key=key)]
