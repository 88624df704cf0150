"""Shared helpers of the pathology field extractors: findings from matches, numbers, OCR readings."""

from __future__ import annotations

from typing import Any, Iterator

import regex

from extract.analysis import AnalyzedPage
from extract.findings import Finding
from extract.models import Evidence
from extract.rules import CompiledRule
from extract.specimens import focus_at, focus_tag, is_revision, line_date, part_at, section_weight, synoptic_procedure, states_no_cancer
from extract.table_rows import header_row_pairs, label_column_pairs

_NUMBER_WORDS = {
    "no": 0, "none": 0, "nil": 0, "zero": 0, "a": 1, "an": 1, "single": 1, "one": 1, "two": 2, "three": 3,
    "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}


def number(text: str) -> int | None:
    """An integer written in digits or words ("14", "fourteen", "twenty-three", "twenty thre")."""
    t = " ".join(text.strip().lower().replace("(", "").replace(")", "").split())
    if t.isdigit():
        return int(t)
    if t in ("a single", "single", "a", "an"):
        return 1
    if t in ("hundred", "a hundred", "one hundred"):
        return 100
    total = 0
    for word in t.replace("-", " ").split():
        word = {"thre": "three", "theree": "three", "fourty": "forty"}.get(word, word)
        if word == "a" and total:
            return None
        if word not in _NUMBER_WORDS:
            return None
        total += _NUMBER_WORDS[word]
    return total if t else None


def decimal(text: str) -> float | None:
    """A decimal number, tolerating OCR's space after the point ("3. 5") and a comma ("3,5")."""
    t = text.replace(" ", "").replace(",", ".")
    try:
        return float(t)
    except ValueError:
        return None


#: Sections that never hold the pathology values (a specimen's gross description measures the
#: specimen; medication, lab and exam sections belong to clinic notes).
SKIPPED_SECTIONS = frozenset({"gross", "medications", "allergies", "labs", "social_history", "physical_exam"})


def segments(page: AnalyzedPage, skip: frozenset[str] = SKIPPED_SECTIONS) -> list[tuple[int, int]]:
    """(start, end) of the page's text outside the `skip` sections, cached per page."""
    key = ("segments", skip)
    cached = page.cache.get(key)
    if cached is not None:
        return cached
    bounds = page.sections() or [(0, None)]
    if bounds[0][0] > 0:
        bounds = [(0, None), *bounds]
    out: list[tuple[int, int]] = []
    for i, (start, name) in enumerate(bounds):
        end = bounds[i + 1][0] if i + 1 < len(bounds) else len(page.text)
        if name in skip or end <= start:
            continue
        if out and out[-1][1] == start:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    page.cache[key] = out
    return out


def scan(page: AnalyzedPage, rule: CompiledRule, skip: frozenset[str] = SKIPPED_SECTIONS):
    """Matches of `rule` in the page text outside the `skip` sections."""
    for start, end in segments(page, skip):
        yield from rule.finditer(page.text, page.is_ocr, start, end)


def rule_id(rule: CompiledRule | str) -> str:
    return rule if isinstance(rule, str) else rule.id


#: An empty checkbox right before a value (CAP checklists after OCR: "[ ] pT2", "( ) Grade 3", "___ Right").
_EMPTY_BOX = regex.compile(r"(?:\[[ \t]?\]|\([ \t]?\)|(?<![\w])_{2,})[ \t]*$")

_TICKED_BOX = regex.compile(r"(?:\[[ \t]?[xX][ \t]?\]|\([ \t]?[xX][ \t]?\)|_+[xX]_+)[ \t]*$")


def ticked_before(page: AnalyzedPage, start: int) -> bool:
    """A ticked checkbox right before `start` ("[X] Grade 2"): the checklist states the value."""
    return bool(_TICKED_BOX.search(page.text, max(0, start - 8), start))


#: Paths that describe one focus of a multifocal tumour (see `extract.specimens.foci`).
_FOCUS_PATHS = ("diagnosis.grade", "diagnosis.nottingham_score", "diagnosis.tumor_size_mm", "diagnosis.histology",
                "receptors.")


#: Results measured on a carcinoma: never of a part that holds none (`extract.specimens.states_no_cancer`).
_TUMOUR_RESULT_PATHS = ("receptors.", "stage.")


def make_finding(
    page: AnalyzedPage,
    path: str,
    value: Any,
    span: tuple[int, int],
    rule: CompiledRule | str,
    *,
    target: tuple[int, int] | None = None,
    correction: str | None = None,
    confidence: float | None = None,
    extra_spans: list[tuple[int, int]] | None = None,
    laterality: str | None = None,
    negation_applies: bool = True,
) -> Finding:
    """A finding for `value` read at `span`, tagged with its specimen part, side and procedure.

    `target` is the span ConText judges; it defaults to `span`. `negation_applies=False` for
    values that a nearby "no" cannot negate (a staging category "pN0: No regional lymph node
    metastasis", a node count "no malignancy in 17 lymph nodes (0/17)"): they stay facts unless
    hypothetical, family or uncertain.
    """
    start, end = span
    base = confidence if confidence is not None else (rule.confidence if isinstance(rule, CompiledRule) else 0.9)
    conf = round(base * section_weight(page.section_at(start)), 3)
    evidence: list[Evidence] = [page.evidence(start, end, rule_id(rule), correction, conf)]
    for s, e in extra_spans or []:
        evidence.append(page.evidence(s, e, rule_id(rule), None, conf))
    ts, te = target or span
    assertion = page.assertion(ts, te)
    if assertion == "negated" and not negation_applies:
        assertion = "present"
    if _EMPTY_BOX.search(page.text, max(0, start - 8), start):
        assertion = "negated"  # an option left unticked on a checklist: "[ ] Invasive lobular carcinoma"
    part = part_at(page, start)
    if part is not None and path.startswith(_TUMOUR_RESULT_PATHS) and states_no_cancer(page, part, start):
        part = None  # a benign part's text runs on into the report's receptors or stage
    specimen = part.label if part else None
    if path.startswith(_FOCUS_PATHS) and (focus := focus_at(page, start)) is not None:
        specimen = focus_tag(specimen, focus)
    return Finding(
        path=path,
        value=value,
        evidence=evidence,
        assertion=assertion,
        specimen=specimen,
        laterality=laterality if laterality else (part.laterality if part else None),
        # A synoptic block outside any part: the procedure its "Procedure:" line names.
        procedure=part.procedure if part else (
            synoptic_procedure(page, start) if page.section_at(start) == "synoptic" else None),
        revises=is_revision(page, start, end),
        line_date=line_date(page, start),
    )


def ocr_correction(read: str, normal: str) -> str | None:
    """"NO->N0" when OCR characters were read as something else, else None."""
    return None if read == normal else f"{read}->{normal}"


def label_columns(page: AnalyzedPage) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The page's (label span, value span) pairs of a grid whose labels and values stand apart: an OCR'd
    column of labels over a column of values (`extract.table_rows.label_column_pairs`), or rows of
    headings over rows of values (`header_row_pairs`); computed once per page."""
    pairs = page.cache.get("label_column_pairs")
    if pairs is None:
        pairs = page.cache["label_column_pairs"] = label_column_pairs(page.text) + header_row_pairs(page.text)
    return pairs


def grid_values(page: AnalyzedPage, label: CompiledRule, value: CompiledRule
                ) -> Iterator[tuple[regex.Match, tuple[int, int], tuple[int, int]]]:
    """Each pair of `label_columns` whose label the rule `label` reads whole and whose value line the
    rule `value` reads from its start: (value match, value span, label span). The match is of the
    value line alone (its offsets count from the line's start)."""
    label_re, value_re = label.pattern_for(page.is_ocr), value.pattern_for(page.is_ocr)
    for (ls, le), (vs, ve) in label_columns(page):
        if label_re.match(page.text[ls:le]):
            m = value_re.match(page.text[vs:ve])
            if m:
                yield m, (vs, ve), (ls, le)
