"""Labs: ANC, WBC, platelets, hemoglobin, ALT, AST, bilirubin, creatinine, QTcF, glucose, HbA1c.

Each value is stored in one unit per lab (`extract/vocab/labs.json`; ANC, WBC and platelets in
10^9/L, converted from cells/µL, /mm³, K/µL, 10^3/µL), with the flag (L/H) and reference range
when printed, the date of the result, and the CTCAE v5.0 grade where one applies. A value with no
unit gets the unit its size implies, marked by the rule `derived.lab.unit-inferred`. Values in
rules and thresholds ("hold if ANC < 1.0", "ANC ≥ 1.5 required") are not results.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from typing import Any

from pydantic import BaseModel, Field, model_validator

from extract.abbreviations import Abbreviation, defined_terms, uses
from extract.analysis import AnalyzedPage
from extract.dates import find_dates, labelled_dates
from extract.fields.statements import assertion_at, clinical_segments, names_relative, section_at, statement_at
from extract.findings import Finding
from extract.initials import initials_lookahead
from extract.line_starts import line_end as _line_end
from extract.models import Evidence
from extract.rules import grammar, ocr_number
from extract.vocab import VOCAB_DIR, load_json
from extract.word_trie import word_tree

_SHORT = 3  # names this short match case-sensitively ("Cr" is creatinine, "CR" is not)
_NOT_FACT = {"negated", "hypothetical", "family", "possible"}
_TAIL_RULES = ("lab.tail.flag", "lab.tail.unit", "lab.tail.range", "lab.tail.range-upper")
_FLAGS = {"l": "L", "low": "L", "ll": "LL", "h": "H", "high": "H", "hh": "HH", "crit": "critical",
          "critical": "critical", "abnormal": "A", "a": "A", "lo": "L", "hi": "H", "↓": "L", "↑": "H", "↓↓": "LL",
          "↑↑": "HH", "critical low": "critical", "critical high": "critical", "crit low": "critical",
          "crit high": "critical"}


class UnitlessRule(BaseModel):
    min: float
    max: float
    unit: str
    factor: float


class Grade(BaseModel):
    grade: int = Field(ge=0, le=5)
    below: float | None = None
    above: float | None = None
    at_most: float | None = None
    below_lln: bool = False
    at_least_lln: bool = False
    above_uln_times: float | None = None
    at_most_uln: bool = False


_DECIMAL = re.compile(r"\d[.,]\d")

class LabSpec(BaseModel):
    name: str
    names: list[str] = Field(min_length=1)
    #: Written forms that name this lab only when one of its units is printed with the value.
    names_with_unit: list[str] = Field(default_factory=list)
    #: Forms OCR makes of a name ("pits" for plts), read as the name on OCR pages only.
    ocr_names: list[str] = Field(default_factory=list)
    #: ...or when the value has decimals and is at most this ("neutrophils 2.3" in a UK letter is a
    #: count in the lab's unit; a differential percentage is written "62" or "62 %").
    decimal_count_max: float | None = None
    unit: str
    units: dict[str, float]
    unitless: list[UnitlessRule] = Field(default_factory=list)
    plausible: tuple[float, float]
    grades: list[Grade] = Field(default_factory=list)
    #: CTCAE adverse-event terms graded on this lab ("neutropenia" for ANC): a grade stated with
    #: one of them ("grade 3 neutropenia") is the value's grade.
    ae_terms: list[str] = Field(default_factory=list)

    @cached_property
    def unit_factors(self) -> dict[str, float]:
        return {_unit_key(u): f for u, f in self.units.items()}


def _names_body(names: list[str]) -> str:
    """The names as one group: the long ones in any case, the short ones as written ("Cr" is
    creatinine, "CR" is not), each list a prefix tree, longest first (`extract.word_trie`: a fifth
    of the time of the plain alternation)."""
    long_names = word_tree([n for n in names if len(n) > _SHORT], fold_case=True)
    short_names = word_tree([n for n in names if len(n) <= _SHORT])
    return rf"(?:(?i:{long_names})|{short_names})"


class LabVocabulary(BaseModel):
    version: str
    sources: list[str] = Field(default_factory=list)
    comment: str = ""
    labs: list[LabSpec]

    @model_validator(mode="after")
    def _check(self) -> "LabVocabulary":
        seen: dict[str, str] = {}
        for lab in self.labs:
            if lab.unit not in lab.units and lab.unit != "%":
                raise ValueError(f"lab {lab.name!r}: stored unit {lab.unit!r} is not among its units")
            for name in [*lab.names, *lab.names_with_unit, *lab.ocr_names]:
                key = name if len(name) <= _SHORT else name.lower()
                if key in seen and seen[key] != lab.name:
                    raise ValueError(f"lab name {name!r} names both {seen[key]!r} and {lab.name!r}")
                seen[key] = lab.name
        return self

    @cached_property
    def by_written_name(self) -> dict[str, LabSpec]:
        out = {}
        for lab in self.labs:
            for name in [*lab.names, *lab.names_with_unit]:
                out[name if len(name) <= _SHORT else name.lower()] = lab
        return out

    @cached_property
    def by_ocr_name(self) -> dict[str, LabSpec]:
        return {name if len(name) <= _SHORT else name.lower(): lab for lab in self.labs for name in lab.ocr_names}

    @cached_property
    def needs_unit(self) -> frozenset[str]:
        """Written names (lower-case) that name a lab only with a unit printed."""
        return frozenset(n.lower() for lab in self.labs for n in lab.names_with_unit)

    @cached_property
    def name_body(self) -> str:
        return _names_body(list(self.by_written_name))

    @cached_property
    def name_re(self) -> re.Pattern[str]:
        return self._name_re(self.by_written_name)

    @cached_property
    def name_re_ocr(self) -> re.Pattern[str]:
        """`name_re` with the OCR forms of names, for OCR pages."""
        return self._name_re({**self.by_written_name, **self.by_ocr_name})

    @staticmethod
    def _name_re(written: dict[str, LabSpec]) -> re.Pattern[str]:
        names = list(written)
        # The initials first: most characters of a page cannot start a name (see `extract.initials`).
        initials = initials_lookahead(fold_case=[n for n in names if len(n) > _SHORT],
                                      exact_case=[n for n in names if len(n) <= _SHORT])
        return re.compile(rf"{initials}(?<![\w/-]){_names_body(names)}(?![\w/-])")

    @cached_property
    def name_before_re(self) -> re.Pattern[str]:
        """A name ending where the search ends (the first of two names joined by a slash)."""
        return re.compile(rf"(?<![\w/-]){self.name_body}[ \t]*$")

    @cached_property
    def name_after_re(self) -> re.Pattern[str]:
        """A name starting where the match starts (the second of two names joined by a slash)."""
        return re.compile(rf"[ \t]*(?P<name>{self.name_body})(?![\w/-])")

    def spec_of(self, written: str) -> LabSpec:
        written = re.sub(r"\s+", " ", written)
        found = self.by_written_name.get(written) or self.by_written_name.get(written.lower())
        return found or self.by_ocr_name.get(written) or self.by_ocr_name[written.lower()]


def _unit_key(unit: str) -> str:
    key = re.sub(r"\s+", "", unit).lower().replace("µ", "u").replace("×", "x").replace("mcl", "ul")
    key = key.replace("⁹", "^9").replace("³", "^3")
    # "10^9", "10*9", "10E9", "10(9)" and OCR's flattened "10 9" are one exponent.
    # OCR's "10A9", "1049" and "10°9" (a caret read as A, 4 or a degree sign) too; the grammar accepts
    # them on OCR pages only.
    return re.sub(r"10(?:\^|\*|e|a|°|4(?=[39]/))?\(?([39])\)?(?=/)", r"10^\1", key)


@lru_cache(maxsize=1)
def lab_vocabulary() -> LabVocabulary:
    return load_json("labs.json", LabVocabulary, VOCAB_DIR)  # type: ignore[return-value]


_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")


def _number(text: str) -> tuple[float, str | None]:
    """A value as read, thousands separators dropped ("1,350"), a decimal comma read as a point
    ("0,8"), OCR letters in digits restored."""
    plain = text.replace(",", ".") if _DECIMAL_COMMA.fullmatch(text) else text.replace(",", "")
    fixed, correction = ocr_number(plain)
    return float(fixed), correction


def extract_labs(page: AnalyzedPage) -> Iterator[Finding]:
    vocab = lab_vocabulary()
    g = grammar("labs")
    after_name = g["lab.value.after-name"]
    text = page.text
    taken_until = -1
    names = [_Name(m.start(), m.end(), vocab.spec_of(m.group(0)))
             for a, b in clinical_segments(page)
             for m in (vocab.name_re_ocr if page.is_ocr else vocab.name_re).finditer(text, a, b)]
    defined = _defined_names(page)
    if defined:
        names = sorted(names + [d for d in defined if not any(n.start < d.end and d.start < n.end for n in names)],
                       key=lambda n: n.start)
    found: list[Finding] = list(_pairs(page))
    for name in names:
        if name.start < taken_until:
            continue
        line_end = _line_end(text, name.end)
        if line_end < len(text) and _WRAPPED_VERB.search(text, name.end, line_end):
            line_end = _line_end(text, line_end + 1)  # "Her neutrophils today were\n1.1": a sentence wrapped after its verb
        hit = next(iter(after_name.finditer(text, page.is_ocr, name.end, line_end)), None)
        if hit is None and line_end < len(text) and _wraps_after_name(text, name.end, line_end):
            # "FBC: neutrophils\n2.4, Hb 121": prose wrapped right after the name, the value opening the next line
            hit = next(iter(after_name.finditer(text, page.is_ocr, line_end + 1, _line_end(text, line_end + 1))), None)
        if hit is None:
            row = _flowsheet_values(page, name)
            if row:
                taken_until = _line_end(text, name.end)
                found += row
            continue
        finding = _read_value(page, name, hit)
        if finding is not None:
            taken_until = hit.end()
            found.append(finding)
    _apply_stated_grades(page, found)
    yield from found


#: A line of running prose (long, no column gaps) that ends with a lab's name, and a next line that
#: opens with a number and goes on as prose (a comma, a semicolon, a unit or a word after it), not a
#: table's header row of names above its row of values.
_PROSE_LINE = re.compile(r"(?![^\n]*\S(?: {2,}|\t)\S)[^\n]{60,}")
_VALUE_OPENS_PROSE = re.compile(r"[ \t]*\d+(?:[.,]\d+)?(?:[ \t]*[,;]|[ \t]+[A-Za-z(x×*])")


def _wraps_after_name(text: str, name_end: int, line_end: int) -> bool:
    line_start = text.rfind("\n", 0, name_end) + 1
    return (not text[name_end:line_end].strip() and _PROSE_LINE.fullmatch(text, line_start, line_end) is not None
            and _VALUE_OPENS_PROSE.match(text, line_end + 1) is not None)


#: A line ending with the verb between a lab's name and its value.
_WRAPPED_VERB = re.compile(r"\b(?:was|were|are|is|on|at)[ \t]*$", re.I)  # (and "ANC on\ndischarge 1,850 /cumm")


@lru_cache(maxsize=1)
def _stated_grade_res() -> dict[str, re.Pattern[str]]:
    """Per lab, "grade 3 neutropenia", "neutropenia grade 3", "G3 neutropenia", "neutropenia (CTCAE grade 3)"."""
    out = {}
    for spec in lab_vocabulary().labs:
        if not spec.ae_terms:
            continue
        terms = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in sorted(spec.ae_terms, key=len, reverse=True))
        grade = r"(?:CTCAE\s+(?:v(?:ersion)?\s*\d(?:\.\d+)?\s+)?)?(?:grade|gr\.?|G)\s*(?P<{g}>[1-4])\b"
        out[spec.name] = re.compile(
            rf"\b{grade.format(g='before')}\s+(?:\w+\s+)?(?P<term>{terms})\b"
            rf"|\b(?P<term2>{terms})\s*(?:[,:(]\s*)?(?:\(\s*)?{grade.format(g='after')}", re.IGNORECASE)
    return out


@lru_cache(maxsize=1)
def _defining_res() -> dict[str, re.Pattern[str]]:
    """Per lab, its adverse-event term right before a bracket ("Neutropenia (" before "ANC < 1000/cumm)")."""
    out = {}
    for spec in lab_vocabulary().labs:
        if spec.ae_terms:
            terms = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in sorted(spec.ae_terms, key=len, reverse=True))
            out[spec.name] = re.compile(rf"\b(?:{terms})[ \t]*\([ \t]*$", re.IGNORECASE)
    return out


def _stated_grades(page: AnalyzedPage, name: str, start: int, end: int) -> list[tuple[int, re.Match[str]]]:
    pattern = _stated_grade_res().get(name)
    if pattern is None:
        return []
    out = []
    for m in pattern.finditer(page.text, start, end):
        term = "term" if m.group("term") else "term2"
        if assertion_at(page, m.start(term), m.end(term)) in _NOT_FACT:
            continue  # "no grade 3 neutropenia", "if grade 3 neutropenia recurs"
        out.append((int(m.group("before") or m.group("after")), m))
    return out


def _apply_stated_grades(page: AnalyzedPage, found: list[Finding]) -> None:
    """A CTCAE grade the record states for a value ("grade 3 neutropenia with ANC of 0.7") is its
    grade, in place of the one read from the CTCAE bands: in the value's sentence, or, for the only
    value of a lab on the page, in a line of the page that states grades ("CTCAE: neutropenia grade 4")."""
    by_name: dict[str, list[Finding]] = {}
    for f in found:
        if isinstance(f.value, dict) and f.value.get("name"):
            by_name.setdefault(f.value["name"], []).append(f)
    for name, findings in by_name.items():
        if name not in _stated_grade_res():
            continue
        page_wide = None
        for f in findings:
            pos = f.evidence[0].start
            s_start, s_end = statement_at(page, pos)
            stated = {g: m for g, m in _stated_grades(page, name, s_start, s_end)}
            rule = "lab.grade.stated"
            if not stated and len(findings) == 1:
                if page_wide is None:
                    page_wide = {g: m for g, m in _stated_grades(page, name, 0, len(page.text))
                                 if _GRADE_LINE.match(page.text, _line_start(page.text, m.start()), m.start())}
                stated, rule = page_wide, "lab.grade.stated-on-page"
            if len(stated) != 1:
                continue  # none, or two grades for one lab in one sentence: the bands decide
            grade, m = next(iter(stated.items()))
            f.value["grade"] = grade
            f.leaf_evidence["grade"] = [page.evidence(m.start(), m.end(), rule)]


#: A line that states toxicity grades ("CTCAE: ...", "Toxicity: ...", "Adverse events: ...").
_GRADE_LINE = re.compile(r"\W*(?:CTCAE(?:\s+v?\d(?:\.\d+)?)?|toxicit(?:y|ies)|adverse\s+events?|AEs?)\s*(?:grade|grading)?\s*[:\-]", re.I)


class _PairHit:
    """One value of a slash pair, read like a single value hit (`lab.value.pair`)."""

    rule_id = "lab.value.pair"

    def __init__(self, m, which: int) -> None:
        self._m, self._g = m, f"v{which}"

    def group(self, name: str):
        return self._m.group(self._g) if name == "value" else None

    def start(self, name: str = "value") -> int:
        return self._m.start(self._g)

    def end(self, name: str | None = None) -> int:
        return self._m.end(self._g)


def _pairs(page: AnalyzedPage) -> Iterator[Finding]:
    vocab = lab_vocabulary()
    rule = grammar("labs")["lab.value.pair"]
    text = page.text
    for a, b in clinical_segments(page):
        # "AST/ALT 88/102": look for names only around a slash between letters (few on a page).
        for slash in _LETTER_SLASH.finditer(text, a, b):
            second = vocab.name_after_re.match(text, slash.end(), b)  # anchored: cheap, so first
            if second is None:
                continue
            first = vocab.name_before_re.search(text, max(a, slash.start() - _LONGEST_NAME), slash.start())
            if first is None:
                continue
            m = next(iter(rule.finditer(text, page.is_ocr, second.end(), _line_end(text, second.end()))), None)
            if m is None:
                continue
            spans = ((first.start(), first.end()), second.span("name"))
            for which, (start, end) in enumerate(spans, 1):
                written = text[start:end].rstrip()
                name = _Name(start, start + len(written), vocab.spec_of(written))
                finding = _read_value(page, name, _PairHit(m, which))
                if finding is not None:
                    yield finding


class _ColumnHit:
    """One value cell of a flowsheet row, read like a single value hit (`lab.value.flowsheet`)."""

    rule_id = "lab.value.flowsheet"

    def __init__(self, m) -> None:
        self._m = m

    def group(self, name: str):
        return self._m.group("value") if name == "value" else None

    def start(self, name: str = "value") -> int:
        return self._m.start("value")

    def end(self, name: str | None = None) -> int:
        return self._m.end("value")


_CELL = re.compile(r"(?<!\S)(?P<value>\d+(?:\.\d+)?)(?:[ \t]*\(?\*?(?:LL|HH|L|H)\*?\)?)?(?!\S)")
#: How many lines above a flowsheet row its header of dates may stand.
_HEADER_REACH = 12


def _flowsheet_values(page: AnalyzedPage, name: "_Name") -> list[Finding]:
    """An EHR flowsheet row ("ANC  1.5 - 8.0 K/uL  0.9 (L)  1.2 (L)  1.6") under a header of dates:
    the reference range comes first, then one cell per date; each cell is a result dated by its
    column's header."""
    text = page.text
    g = grammar("labs")
    end = _line_end(text, name.end)
    # (the unit may come before the range: "WBC   x10^9/L   4.0 - 11.0   4.1   2.4 L   3.0 L")
    unit_first = next(iter(g["lab.tail.unit"].finditer(text, page.is_ocr, name.end, end)), None)
    rng = next(iter(g["lab.tail.range"].finditer(text, page.is_ocr, unit_first.end() if unit_first else name.end, end)), None)
    if rng is None or text[unit_first.end() if unit_first else name.end:rng.start()].strip(" \t:|"):
        return []
    unit = unit_first or next(iter(g["lab.tail.unit"].finditer(text, page.is_ocr, rng.end(), end)), None)
    cells = list(_CELL.finditer(text, max(unit.end() if unit is not None else 0, rng.end()), end))
    header = _date_header(text, _line_start(text, name.start))
    if not cells or header is None:
        return []
    out = [_flowsheet_cell(page, name, rng, unit, cell, d)
           for cell, d in zip(cells, _cell_dates(page, name, cells, header))]
    return [f for f in out if f is not None]


def _cell_dates(page: AnalyzedPage, name: "_Name", cells: list[re.Match[str]], header) -> list:
    """The header date of each cell's column. As many cells as dates: one a date, in order (OCR and
    PDF text layers join words with one space, so characters no longer line up in columns). Else
    the date whose words stand nearest across the page (a cell left blank), or, for plain text
    without word boxes, the date nearest in characters from the line's start."""
    header_start, dates = header
    if len(cells) == len(dates):
        return list(dates)
    cell_x = [_across(page, c.start("value")) for c in cells]
    date_x = [_across(page, d.start) for d in dates]
    if None not in cell_x and None not in date_x:
        return [dates[min(range(len(dates)), key=lambda i: abs(date_x[i] - x))] for x in cell_x]
    line_start = _line_start(page.text, name.start)
    return [min(dates, key=lambda d: min(abs(d.start - header_start - col), abs(d.end - header_start - col)))
            for col in (c.start("value") - line_start for c in cells)]


def _across(page: AnalyzedPage, offset: int) -> float | None:
    """The middle, across the page, of the word holding `offset`; None without word boxes (plain
    text, or pages read together as one run)."""
    words = page.page.words
    if not words:
        return None
    starts = page.cache.get("labs.word_starts")
    if starts is None:
        starts = page.cache["labs.word_starts"] = [w.start for w in words]  # words are in text order
    i = bisect_right(starts, offset) - 1
    if i < 0 or not words[i].start <= offset < words[i].end:
        return None
    return (words[i].x0 + words[i].x1) / 2


def _flowsheet_cell(page: AnalyzedPage, name: "_Name", rng, unit, cell, d) -> Finding | None:
    text = page.text
    finding = _read_value(page, name, _ColumnHit(cell), unit)
    if finding is None:
        return None
    value, leaves = finding.value, finding.leaf_evidence
    spec = name.spec
    factor = spec.unit_factors.get(_unit_key(unit.group("unit"))) if unit is not None else None
    if unit is not None:
        if factor is None:
            return None  # "%": a differential row
        raw = _number(cell.group("value"))[0]
        value["value"] = round(raw * factor, 4)
        if not spec.plausible[0] <= value["value"] <= spec.plausible[1]:
            return None
        leaves["unit"] = [page.evidence(unit.start("unit"), unit.end("unit"), "lab.tail.unit")]
    factor = factor or 1.0
    low = round(_number(rng.group("low"))[0] * factor, 4)
    high = round(_number(rng.group("high"))[0] * factor, 4)
    value["reference_low"], value["reference_high"] = low, high
    leaves["reference_low"] = [page.evidence(rng.start("low"), rng.end("low"), "lab.tail.range")]
    leaves["reference_high"] = [page.evidence(rng.start("high"), rng.end("high"), "lab.tail.range")]
    value["date"] = d.value
    leaves["date"] = [page.evidence(d.start, d.end, "lab.date.column")]
    grade = ctcae_grade(spec, value["value"], low, high)
    value.pop("grade", None)
    leaves.pop("grade", None)
    if grade is not None:
        value["grade"] = grade
        inputs = leaves["value"] + leaves["reference_low"] + leaves["reference_high"]
        leaves["grade"] = [ev.model_copy(update={"rule": f"derived.ctcae.{spec.name.lower()}"}) for ev in inputs]
    return finding


def _date_header(text: str, line_start: int):
    """The nearest line above holding two or more dates (a flowsheet's column header): its start and dates."""
    pos = line_start
    for _ in range(_HEADER_REACH):
        if pos <= 0:
            return None
        start = text.rfind("\n", 0, pos - 1) + 1
        dates = find_dates(text, start, pos - 1)
        if len(dates) >= 2:
            return start, dates
        pos = start
    return None


_LETTER_SLASH = re.compile(r"(?<=[A-Za-z)])[ \t]*/(?=[ \t]*[A-Za-z])")
_LONGEST_NAME = 40


@dataclass(frozen=True)
class _Name:
    """A lab's name as written on the page; `abbreviation` when it is a short form the document
    defines ("absolute neutrophil count (ANEU) ... ANEU 0.9")."""

    start: int
    end: int
    spec: LabSpec
    abbreviation: Abbreviation | None = None

    def evidence(self, page: AnalyzedPage) -> Evidence:
        if self.abbreviation is None:
            return page.evidence(self.start, self.end, "lab.name")
        return page.evidence(self.start, self.end, "lab.name.defined-abbreviation",
                             correction=self.abbreviation.correction)


def _lab_of(abbreviation: Abbreviation) -> LabSpec | None:
    """The lab a definition's long form names, unless its short form is already a lab name."""
    vocab = lab_vocabulary()
    if vocab.name_re.fullmatch(abbreviation.short):
        return None
    if vocab.name_re.fullmatch(abbreviation.long):
        return vocab.spec_of(abbreviation.long)
    return None


def _defined_names(page: AnalyzedPage) -> list[_Name]:
    return [_Name(s, e, spec, abbreviation) for abbreviation, spec in defined_terms(page, _lab_of)
            for a, b in clinical_segments(page) for s, e in uses(page, abbreviation, a, b)]


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _is_result(page: AnalyzedPage, name: "_Name", hit) -> bool:
    """Not a threshold or a rule ("if ANC < 1.0", "ANC ≥ 1.5 required"), not negated or hypothetical."""
    assertion = assertion_at(page, hit.start("value"), hit.end("value"))
    s_start, _ = statement_at(page, name.start)
    if assertion in _NOT_FACT and not (assertion == "negated" and _measured_past_negation(page, s_start, name.start)):
        return False
    if names_relative(page, s_start, name.start):
        return False  # "her mother's platelets"
    clause_start = max([s_start] + [i + 1 for i in _clause_breaks(page.text, s_start, name.start)])
    before = page.text[clause_start:hit.start("value")]
    if next(iter(grammar("labs")["lab.exclude.threshold"].finditer(before, page.is_ocr)), None) is not None:
        return False
    if hit.group("cmp") and _WRAPPED_CONDITION.search(page.text, max(0, name.start - 40), name.start):
        return False  # "hold parameters per oncology (hold if\nANC < 1.0 x10(3)/mcL)": the condition wrapped above
    close = re.compile(r"[;\n]|\.(?:\s|$)").search(page.text, hit.end())
    after = page.text[hit.end():close.start() if close else len(page.text)]
    if hit.group("cmp") and next(iter(grammar("labs")["lab.exclude.compared-action"].finditer(after, page.is_ocr)), None):
        return False  # "ANC < 1000 - chemo withheld as per protocol"
    if hit.group("cmp") and (defines := _defining_res().get(name.spec.name)) is not None \
            and defines.search(page.text, max(0, name.start - 40), name.start):
        return False  # "Interpretation: Neutropenia (ANC < 1000/cumm)": the term's definition
    return next(iter(grammar("labs")["lab.exclude.threshold-after"].finditer(after, page.is_ocr)), None) is None


#: A condition word closing the line right above a value written with a comparator ("(hold if\nANC < 1.0").
_WRAPPED_CONDITION = re.compile(r"\b(?:if|unless|until|till|below|under)[ \t]*\n[ \t]*$", re.I)
#: A negation cue that stands in the lab name's own clause ("no ANC reported").
_NEGATION_CUE = re.compile(r"\b(?:no|not|without|denies|negative\s+for)\b", re.I)


def _measured_past_negation(page: AnalyzedPage, s_start: int, name_start: int) -> bool:
    """A value whose negation comes from a clause before its own ("no anaemia, Hb 12.5"): a
    measured value is a result; the cue negated the condition named before the comma."""
    text = page.text
    clause_start = max([s_start] + [i + 1 for i in range(s_start, name_start) if text[i] in ",;\n"])
    return clause_start > s_start and _NEGATION_CUE.search(text, clause_start, name_start) is None


#: A bracket opening with the value measured now ("ANC must be >= 1.5 (today ANC 1.3)"): a clause of its own.
_NOW_BRACKET = re.compile(r"\((?=[ \t]*(?:today|now|currently|latest|this\s+morning)\b)", re.I)


def _clause_breaks(text: str, start: int, end: int) -> list[int]:
    return [i for i in range(start, end) if text[i] in ";\n"] + [m.start() for m in _NOW_BRACKET.finditer(text, start, end)]


def _read_tail(page: AnalyzedPage, pos: int, end: int) -> dict[str, Any]:
    """Flag, unit and reference range after a value, in whatever order the table prints them."""
    g = grammar("labs")
    found: dict[str, Any] = {}
    progress = True
    while progress and pos < end:
        progress = False
        for rule_id in _TAIL_RULES:
            key = rule_id.rsplit(".", 1)[1]
            key = "range" if key.startswith("range") else key
            if key in found:
                continue
            m = next(iter(g[rule_id].finditer(page.text, page.is_ocr, pos, end)), None)
            if m is None:
                continue
            found[key] = (rule_id, m)
            pos = m.end()
            progress = True
            break
    return found


def _read_value(page: AnalyzedPage, name: _Name, hit, unit: re.Match[str] | None = None) -> Finding | None:
    """The finding of `hit`'s value; `unit`: a flowsheet row's unit, printed before its cells."""
    if not _is_result(page, name, hit):
        return None
    spec = name.spec
    text = page.text
    raw, correction = _number(hit.group("value"))
    tail = _read_tail(page, hit.end(), _line_end(text, hit.end()))
    if unit is not None and "unit" not in tail:
        tail["unit"] = ("lab.tail.unit", unit)
    leaves: dict[str, list[Evidence]] = {"name": [name.evidence(page)]}
    value: dict[str, Any] = {"name": spec.name}
    value_ev = page.evidence(hit.start("value"), hit.end("value"), getattr(hit, "rule_id", "lab.value.after-name"),
                             correction=correction)

    if "unit" in tail:
        rule_id, um = tail["unit"]
        factor = spec.unit_factors.get(_unit_key(um.group("unit")))
        if factor is None:
            return None  # "Neutrophils 62 %" is a differential, not a count; a unit of another lab
        leaves["unit"] = [page.evidence(um.start("unit"), um.end("unit"), rule_id)]
    elif re.sub(r"\s+", " ", text[name.start:name.end]).lower() in lab_vocabulary().needs_unit:
        if not (spec.decimal_count_max is not None and _DECIMAL.search(hit.group("value"))
                and raw <= spec.decimal_count_max):
            return None  # "Neutrophils 62": a differential percentage as often as a count
        factor = 1.0
        leaves["unit"] = [value_ev.model_copy(update={"rule": "derived.lab.unit-inferred",
                                                      "note": f"no unit printed; a decimal count read as {spec.unit}"})]
    else:
        rule = next((r for r in spec.unitless if r.min <= raw <= r.max), None)
        if rule is None:
            return None  # a number no unit of this lab explains
        factor = rule.factor
        leaves["unit"] = [value_ev.model_copy(update={"rule": "derived.lab.unit-inferred",
                                                      "note": f"no unit printed; read as {rule.unit}"})]
    stored = round(raw * factor, 4)
    if not spec.plausible[0] <= stored <= spec.plausible[1]:
        return None
    value["value"] = stored
    value["unit"] = spec.unit
    leaves["value"] = [value_ev]
    if hit.group("cmp"):
        value["comparator"] = hit.group("cmp")
        leaves["comparator"] = [page.evidence(hit.start("cmp"), hit.end("cmp"), "lab.value.after-name")]

    low = high = None
    if "range" in tail:
        rule_id, rm = tail["range"]
        if rm.groupdict().get("low"):
            low = round(_number(rm.group("low"))[0] * factor, 4)
            value["reference_low"] = low
            leaves["reference_low"] = [page.evidence(rm.start("low"), rm.end("low"), rule_id)]
        high = round(_number(rm.group("high"))[0] * factor, 4)
        value["reference_high"] = high
        leaves["reference_high"] = [page.evidence(rm.start("high"), rm.end("high"), rule_id)]
    if "flag" in tail:
        rule_id, fm = tail["flag"]
        flag = _FLAGS.get(fm.group("flag").strip("()*").lower())
        if flag:
            value["flag"] = flag
            leaves["flag"] = [page.evidence(fm.start("flag"), fm.end("flag"), rule_id)]

    when = _date_of(page, name.start, hit.end())
    if when is not None:
        value["date"] = when[0]
        leaves["date"] = [when[1]]

    grade = ctcae_grade(spec, stored, low, high)
    if grade is not None:
        value["grade"] = grade
        inputs = leaves["value"] + leaves.get("reference_low", []) + leaves.get("reference_high", [])
        leaves["grade"] = [ev.model_copy(update={"rule": f"derived.ctcae.{spec.name.lower()}"}) for ev in inputs]
    return Finding(path="labs", value=value, evidence=leaves["value"], leaf_evidence=leaves)


def ctcae_grade(spec: LabSpec, value: float, low: float | None, high: float | None) -> int | None:
    """The CTCAE grade of a value, or None when the bands need a reference range that is missing."""
    for band in spec.grades:
        if band.below is not None and value < band.below:
            return band.grade
        if band.above is not None and value > band.above:
            return band.grade
        if band.at_most is not None and value <= band.at_most:
            return band.grade
        if band.below_lln and low is not None and value < low:
            return band.grade
        if band.at_least_lln and low is not None and value >= low:
            return band.grade
        if band.above_uln_times is not None and high is not None and value > band.above_uln_times * high:
            return band.grade
        if band.at_most_uln and high is not None and value <= high:
            return band.grade
    return None


def _date_of(page: AnalyzedPage, start: int, end: int) -> tuple[Any, Evidence] | None:
    """The date of a result: on its own line, else the nearest labelled or heading date above it in
    the same section, else the page's collection or report date."""
    text = page.text
    line_start = text.rfind("\n", 0, start) + 1
    s_start, s_end = statement_at(page, start)
    in_sentence = [d for d in find_dates(text, max(s_start, line_start), min(s_end, _line_end(text, end)))
                   if not _NEXT_DATE_LEAD.search(text, max(0, d.start - 30), d.start)]
    if not in_sentence:
        # the sentence wrapped right after the value, its date opening the next line ("ANC 2.1 x 10^3/uL\non 23/11/2026.")
        in_sentence = [d for d in find_dates(text, end, min(s_end, end + _WRAP_REACH))
                       if _WRAPPED_DATE_LEAD.fullmatch(text, end, d.start)]
    if in_sentence:
        # A date written right before the test's name is its own ("08/16/2026 ANC 1.6, 08/17/2026 ANC 3.4").
        leading = [d for d in in_sentence if d.end <= start and not text[d.end:start].strip(" \t:-")]
        d = leading[-1] if leading else min(in_sentence, key=lambda d: abs(d.start - end))
        return d.value, page.evidence(d.start, d.end, "lab.date.same-sentence")
    yearless = _yearless_line_date(page, line_start, start)
    if yearless is not None:
        return yearless
    labelled = labelled_dates(text)
    # (a cue before the value only: "Neutrophils 1.4 (previous 0.9)" is today's 1.4)
    near = (max(s_start, line_start, start - 60), end)
    if _EARLIER.search(text, *near) and not _TODAY.search(text, near[0], min(s_end, _line_end(text, end))):
        return None  # "two delayed cycles for neutrophils of 0.9 and 0.8": an earlier result, not the page's date
    if _TODAY.search(text, max(s_start, line_start), min(s_end, _line_end(text, end))) or \
            _today_heading_above(text, line_start):
        # "ECG today", "CBC today": the date of the visit the note records (a "Results today:" line over the row too).
        for kind in ("visit", "letter", "reported"):
            found = next((ld.mention for ld in labelled if ld.kind == kind), None)
            if found is not None:
                return found.value, page.evidence(found.start, found.end, "lab.date.today")
        # a dated entry above: a portal thread's "---- 11/27/2026 4:15 PM  From: ..." over "your CBC from this morning"
        entries = [d for d in find_dates(text, 0, line_start) if _ENTRY_LEAD.fullmatch(text, _line_start(text, d.start), d.start)]
        if entries:
            return entries[-1].value, page.evidence(entries[-1].start, entries[-1].end, "lab.date.entry")
        return None
    section = section_at(page, start)
    headings = [d for d in find_dates(text, 0, line_start)
                if section_at(page, d.start) == section and _is_heading_date(text, d.start)]
    labelled = [ld for ld in labelled if ld.kind in ("collected", "reported", "received")]
    above = [ld for ld in labelled if ld.mention.start < start and section_at(page, ld.mention.start) == section]
    # The nearest line above wins; on one line ("Date Collected: ... Date Reported: ..."), the
    # collection date, which is when the blood was drawn.
    candidates = [((_line_start(text, d.start), 0, d.start), d, "lab.date.heading") for d in headings] + [
        ((_line_start(text, ld.mention.start), ld.kind == "collected", ld.mention.start), ld.mention, "lab.date.labelled")
        for ld in above]
    if candidates:
        key, d, rule = max(candidates, key=lambda c: c[0])
        # A report's header block giving both ("Collected: 12-Mar-2026" over "Reported: 14-Mar-2026"):
        # the result is the sample's, not the report's.
        if rule == "lab.date.labelled" and not key[1]:
            header = [ld for ld in above if ld.kind == "collected"
                      and key[0] - _HEADER_BLOCK <= _line_start(text, ld.mention.start) <= key[0]]
            if header:
                d = header[-1].mention
        return d.value, page.evidence(d.start, d.end, rule)
    collected = [ld for ld in labelled if ld.kind == "collected"] or [ld for ld in labelled if ld.kind == "reported"]
    if collected:
        d = collected[0].mention
        return d.value, page.evidence(d.start, d.end, "lab.date.page")
    return None


#: How far (days) a year-less day and month may lie from the page's full date that lends it its year.
_YEARLESS_REACH = 62


def _yearless_line_date(page: AnalyzedPage, line_start: int, start: int) -> tuple[Any, Evidence] | None:
    """A day and month opening the result's line ("20/11: S.Creatinine 0.9"), dated by the year of the
    page's nearest full date (day first or month first, whichever lies nearer; none within reach: None)."""
    m = grammar("labs")["lab.date.yearless-line"].pattern_for(page.is_ocr).match(page.text, line_start, start)
    if m is None:
        return None
    a, b = int(m.group("a")), int(m.group("b"))
    best = None
    for full in find_dates(page.text):
        for year in (full.value.year - 1, full.value.year, full.value.year + 1):
            for month, day in ((b, a), (a, b)):
                try:
                    value = date(year, month, day)
                except ValueError:
                    continue
                gap = abs((value - full.value).days)
                if gap <= _YEARLESS_REACH and (best is None or gap < best[0]):
                    best = (gap, value)
    if best is None:
        return None
    return best[1], page.evidence(m.start("a"), m.end("b"), "lab.date.yearless-line")


#: A heading line of today's results over their rows ("Results today:", "Bloods this morning:").
_TODAY_HEADING = re.compile(r"[ \t]*(?:(?:blood\s+)?results|bloods|labs|blood\s+tests?|tests|FBC|CBC)[ \t]+"
                            r"(?:today|this\s+morning)[ \t]*:[ \t]*", re.I)


def _today_heading_above(text: str, line_start: int) -> bool:
    """The line right above the result's is a heading of today's results."""
    if line_start == 0:
        return False
    above = text.rfind("\n", 0, line_start - 1) + 1
    return _TODAY_HEADING.fullmatch(text, above, line_start - 1) is not None


#: Between a value (and its unit) ending its line and its date opening the next ("2.1 x 10^3/uL\non 23/11/2026"),
#: and how far.
_WRAPPED_DATE_LEAD = re.compile(r"[^\n,;]{0,24}\n[ \t]*(?:on|dated)[ \t]+", re.I)
_WRAP_REACH = 60
#: Words before a date that make it a later test's, not this result's ("(today ANC 1.3 - repeat 2026-11-11)").
#: (and a cycle's start: "she will start cycle 9 on 22/11/2026 at 100 mg")
_NEXT_DATE_LEAD = re.compile(r"\b(?:repeat(?:ed)?|recheck|re-check|next|due|until|review(?:ed)?\s+on|follow[- ]?up|"
                             r"appointment)\b[^\d\n]{0,12}$"
                             r"|\b(?:start|begin|restart|resume)\w*[ \t]+(?:cycle|C)[ \t]*\d{1,2}[ \t]+(?:on[ \t]+)?$", re.I)
#: How far (characters) above a report date its collection date may stand in one header block.
_HEADER_BLOCK = 160
#: What may open a dated entry's line before its date ("---- 11/27/2026 4:15 PM  From: ...").
_ENTRY_LEAD = re.compile(r"[ \t]*[-=*#>]*[ \t]*")
#: A result the sentence places before the page's visit ("last cycle", "previously", "two delayed cycles for ...",
#: "At the start of cycle 4 her ALT was 168 U/L").
_EARLIER = re.compile(r"\b(?:previous(?:ly)?|earlier|last[ \t]+(?:cycle|time|month|week|visit)|weeks?[ \t]+ago|"
                      r"(?:at|on|before)[ \t]+(?:the[ \t]+)?start[ \t]+of[ \t]+(?:cycle|C)[ \t]*\d{1,2}|"
                      r"months?[ \t]+ago|delayed[ \t]+cycles?|(?:cycles?|doses?)[ \t]+(?:were|was)[ \t]+delayed)\b", re.I)
_TODAY = re.compile(r"\b(?:today|today's|this\s+morning|this\s+a\.?m\b\.?|this\s+visit|at\s+this\s+visit)", re.I)
_HEADING = re.compile(r"[ \t]*(?:(?:(?:recent|latest|last|outside|external)[ \t]+)?"
                      r"(?:labs?|laboratory(?:\s+results)?|results?|investigations?|cbc|fbc|full\s+blood\s+count|bloods|bloodwork|"
                      r"blood\s+work|ha?ematology|u\s?&\s?e|lfts?|cmp|bmp)\b"
                      # (a few words before the bracket: "Recent labs from outside lab (11/18/2026):",
                      # "Bloods on discharge (20/11/2026):")
                      r"(?:[ \t]+(?:from|at|by|on|outside|external|the|a|our|lab|laboratory|discharge|admission)){0,4}[ \t]*"
                      r"(?:\(|on|from|dated|drawn|collected)?[ \t:]*)?", re.I)


def _is_heading_date(text: str, pos: int) -> bool:
    """A date that heads lab lines: at a line start, or after "Labs", "Labs on", "CBC (" ..."""
    line_start = text.rfind("\n", 0, pos) + 1
    return _HEADING.fullmatch(text, line_start, pos) is not None
