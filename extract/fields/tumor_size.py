"""Tumour size in mm (largest dimension of the invasive tumour), from `rules/tumor_size.yaml`.

"2.5 X 2.0 X 1.5 CM" gives 25 mm (the largest dimension); a list of foci ("THREE TUMORS MEASURING
2.2, 1.0 AND 1.0 CM") gives the largest. Sizes of nodal metastases, DCIS, specimens, margins and
biopsy cavities are skipped. OCR pages accept "3. 5 cm", "1.5 ck" and letters read for digits
("l.8 CM", "2.O cm"), each reading recorded on the evidence.
"""

from __future__ import annotations

from typing import Iterator

import regex

from extract.analysis import AnalyzedPage
from extract.fields.base import SKIPPED_SECTIONS, decimal, grid_values, make_finding, scan
from extract.findings import Finding
from extract.rules import grammar, ocr_number

_RULES = ("size.invasive-label", "size.microscopic", "size.tumor-label", "size.unit-label", "size.wrapped-label",
          "size.foreign-label", "size.tumour-mass", "size.maximum-dimension", "size.largest-focus", "size.focus-line",
          "size.list", "size.forming-mass", "size.after-histology", "size.histology-shorthand", "size.shorthand-before",
          "size.before-histology",
          "size.measuring-dimension", "size.line-label", "size.sentence-label", "size.after-pt",
          "size.after-grade-score")
#: Rules whose match names the tumour itself: only the text before the match can make it another size.
_LABELLED = ("size.invasive-label", "size.microscopic", "size.tumor-label", "size.unit-label", "size.wrapped-label",
             "size.foreign-label", "size.tumour-mass", "size.maximum-dimension", "size.after-pt", "size.gross-mass")
#: A gross description's lesion with its size, read only there and only without a size elsewhere.
_GROSS_RULES = _RULES + ("size.gross-mass",)
_NUM = regex.compile(r"\d{1,3}(?:\s?[.,]\s?\d{1,2})?")
#: A size label that names a microinvasion ("microinvasion (0.6 mm)", "Microinvasive carcinoma: 0.8 mm").
_MICRO = regex.compile(r"micro-?invasi", regex.IGNORECASE)
_IN_SITU = regex.compile(r"dcis|in[\s-]situ|intraductal", regex.IGNORECASE)


def _dimensions(m: regex.Match) -> str:
    """The measurement of a size match (not the words before it: "grade 3, 6.2 cm" has no spaced point)."""
    start = m.start("d1") if m.groupdict().get("d1") is not None else m.start("list")
    return m.string[start:m.end()]


#: Units as OCR reads them (OCR pages only, see rules/tumor_size.yaml; "ck" and "em" on any page).
_OCR_UNITS = {"ck": "cm", "em": "cm", "crn": "cm", "cn": "cm", "rnrn": "mm", "rnm": "mm", "mrn": "mm"}


def to_mm(value: float, unit: str) -> float:
    u = unit.lower()
    return round(value * 10, 1) if u.startswith(("c", "e")) else round(value, 1)


#: A frozen section's size is an intraoperative estimate that the permanent sections settle.
_SKIPPED = SKIPPED_SECTIONS | {"frozen_section"}


def extract_tumor_size(page: AnalyzedPage) -> Iterator[Finding]:
    found = list(_sizes(page, _SKIPPED))
    if not found:
        # Only a gross description gives a size: read it there (its findings weigh less).
        found = list(_sizes(page, _SKIPPED - {"gross"}, _GROSS_RULES))
        masses = [f for f in found if f.evidence[0].rule == "size.gross-mass"]
        if len({f.value for f in masses}) > 1 or (masses and len(masses) < len(found)):
            # Two lesions described, or a mass beside another size reading: which is the
            # invasive tumour is not stated; the mass sizes are left out.
            found = [f for f in found if f not in masses]
    yield from _largest_focus(found or list(_grid_size(page)))


def _grid_size(page: AnalyzedPage) -> Iterator[Finding]:
    """A size whose label and value an OCR'd grid puts lines apart ("Tumour size (mm):" ... "24"): the
    value line, with the label as a second span; the unit from the label or the value."""
    g = grammar("tumor_size")
    label_rule = g["size.column-label"].pattern_for(page.is_ocr)
    for m, span, (ls, le) in grid_values(page, g["size.column-label"], g["size.column-value"]):
        unit = m.group("unit") or label_rule.match(page.text[ls:le]).group("unit")
        number, corr = ocr_number(m.group("d1")) if unit else (None, None)
        mm = to_mm(decimal(number), unit) if number is not None and decimal(number) is not None else None
        if mm is not None and 0 < mm <= 300:
            yield make_finding(page, "diagnosis.tumor_size_mm", mm, span, g["size.column-value"],
                               extra_spans=[(ls, le)], correction=corr)


def _largest_focus(found: list[Finding]) -> list[Finding]:
    """Of the lines of a multifocal tumour ("Focus 1: 2.6 cm", "Focus 2: 0.7 cm"), the largest."""
    foci = [f for f in found if f.evidence[0].rule == "size.focus-line"]
    if len(foci) < 2:
        return found
    largest = max(foci, key=lambda f: f.value)
    return [f for f in found if f not in foci or f is largest]


def _sizes(page: AnalyzedPage, skip: frozenset[str], rules: tuple[str, ...] = _RULES) -> Iterator[Finding]:
    g = grammar("tumor_size")
    exclude = g["size.exclude.context"].pattern_for(False)
    re_excision = g["size.exclude.re-excision-residual"].pattern_for(False)
    invasive_after = g["size.exclude.invasive-after"].pattern_for(False)
    core_extent = g["size.exclude.core-extent"].pattern_for(False)
    has_re_excision = "excision" in page.text.lower() or "margin" in page.text.lower()
    taken: list[tuple[int, int]] = []
    for rule_id in rules:
        rule = g[rule_id]
        for m in scan(page, rule, skip):
            s, e = m.span()
            if rule_id == "size.gross-mass" and page.section_at(s) != "gross":
                continue
            if any(a < e and s < b for a, b in taken):
                continue
            # The exclusions' words within 60 characters of the size (a DCIS's 160: see the rule).
            before = page.text[max(0, s - 160):s] if rule_id in _LABELLED else \
                page.text[max(0, s - 160):m.start("unit")]
            # "DCIS ..., with a single focus of microinvasion (0.6 mm)": the label names the invasion
            # itself, so the DCIS words before it are what it invades, not another lesion's size.
            if rule_id == "size.invasive-label" and _MICRO.match(m.group(0)):
                before = _IN_SITU.sub(lambda w: " " * len(w.group(0)), before)
            if exclude.search(before):
                continue
            if rule_id != "size.invasive-label" and invasive_after.match(page.text, e):
                continue  # the whole lesion's size, its invasive part's size right after it
            if core_extent.match(page.text, e):
                continue  # the length of a needle core the carcinoma spans
            if has_re_excision and re_excision.search(page.text, max(0, s - 300), e):
                continue
            unit = m.group("unit")
            ocr_read: list[str] = []
            if m.groupdict().get("list"):
                numbers = [decimal(x) for x in _NUM.findall(m.group("list"))]
            else:
                read = [ocr_number(m.group(k)) for k in ("d1", "d2", "d3") if m.groupdict().get(k)]
                numbers = [decimal(x) for x, _ in read]
                ocr_read = [c for _, c in read if c]
            numbers = [n for n in numbers if n is not None]
            if not numbers or unit.lower() == "ck" and not page.is_ocr:
                continue
            mm = to_mm(max(numbers), unit)
            if not 0 < mm <= 300:
                continue
            taken.append((s, e))
            corr = None
            if unit.lower() in _OCR_UNITS:
                corr = f"{unit}->{_OCR_UNITS[unit.lower()]}"
            elif regex.search(r"\d\s[.,]\s?\d|\d[.,]\s\d", _dimensions(m)):
                corr = "spaced decimal point"
            corr = "; ".join(c for c in (*ocr_read, corr) if c) or None
            yield make_finding(page, "diagnosis.tumor_size_mm", mm, (s, e), rule, correction=corr)
