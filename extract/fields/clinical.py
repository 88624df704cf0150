"""Clinical facts from notes: recurrence score, menopausal status, ECOG performance status.

Grammar: `rules/clinical.yaml`. Negated, hypothetical, family and possible mentions are not facts
("premenopausal women should ..." is general talk, "her mother was postmenopausal" is family);
KPS / Karnofsky is another scale and is never read as ECOG; "ECOG 0-1" gives no value.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator

from extract.analysis import AnalyzedPage
from extract.fields.statements import assertion_at, clinical_segments, names_relative, section_at, statement_at
from extract.findings import Finding
from extract.rules import CompiledRule, grammar

_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4}
_MENOPAUSE = {"pre": "premenopausal", "peri": "perimenopausal", "post": "postmenopausal"}
_NOT_FACT = {"negated", "hypothetical", "family", "possible"}
_SCORE_RANGES = {"oncotype_dx": (0, 100), "prosigna": (0, 100), "mammaprint": (-1, 1), "endopredict": (0, 6)}


def _about_patient(page: AnalyzedPage, start: int, end: int) -> bool:
    if section_at(page, start) == "family_history" or assertion_at(page, start, end) in _NOT_FACT:
        return False
    s_start, _ = statement_at(page, start)
    return not names_relative(page, s_start, start)


def _matches(page: AnalyzedPage, prefix: str) -> Iterator[tuple[CompiledRule, object]]:
    for rule in grammar("clinical").with_prefix(prefix):
        for start, end in clinical_segments(page):
            for m in rule.finditer(page.text, page.is_ocr, start, end):
                yield rule, m


def extract_recurrence_score(page: AnalyzedPage) -> Iterator[Finding]:
    for rule, m in _matches(page, "rs."):
        if not _about_patient(page, m.start(), m.end()):
            continue
        test = str(rule.params["test"])
        value = float(m.group("value").replace(" ", ""))
        low, high = _SCORE_RANGES[test]
        if not low <= value <= high:
            continue
        ev = page.evidence(m.start(), m.end(), rule.id)
        yield Finding(
            path="recurrence_score",
            value={"test": test, "value": int(value) if value.is_integer() and test not in ("mammaprint", "endopredict")
                   else value},
            evidence=[ev],
        )


def extract_menopausal_status(page: AnalyzedPage) -> Iterator[Finding]:
    found: list[tuple[bool, Finding]] = []
    seen: list[tuple[int, int]] = []
    for rule, m in _matches(page, "meno."):
        if any(s < m.end() and m.start() < e for s, e in seen):
            continue
        if not _about_patient(page, m.start(), m.end()):
            continue
        years = rule.params.get("min_years_ago")
        if years is not None and int(m.group("year")) > _dt.date.today().year - int(years):
            continue  # "LMP 2025": not long enough ago to say
        seen.append((m.start(), m.end()))
        status = m.groupdict().get("status") or rule.params["status"]
        found.append((bool(rule.params.get("fallback")), Finding(
            path="menopausal_status", value=_MENOPAUSE[str(status).lower()],
            evidence=[page.evidence(m.start(), m.end(), rule.id)])))
    # A fallback reading (a lab's range) counts only on a page that states no status in words.
    stated = [f for fallback, f in found if not fallback]
    yield from stated or [f for _, f in found]


def extract_ecog(page: AnalyzedPage) -> Iterator[Finding]:
    karnofsky = grammar("clinical")["ecog.exclude.karnofsky"]
    seen: list[tuple[int, int]] = []
    for rule, m in _matches(page, "ecog."):
        if rule.id == "ecog.exclude.karnofsky" or any(s < m.end() and m.start() < e for s, e in seen):
            continue
        if rule.id == "ecog.performance-status":
            # "performance status" alone is ECOG unless the clause names Karnofsky.
            s_start, s_end = statement_at(page, m.start())
            if next(iter(karnofsky.finditer(page.text, page.is_ocr, s_start, s_end)), None) is not None:
                continue
        if not _about_patient(page, m.start(), m.end()) and not _scored_past_negation(page, m.start(), m.end()):
            continue
        seen.append((m.start(), m.end()))
        raw = m.group("value").lower()
        value = _WORDS[raw] if raw in _WORDS else int(raw)
        yield Finding(path="ecog", value=value, evidence=[page.evidence(m.start(), m.end(), rule.id)])


#: A negation cue right before a score ("no ECOG 3 patients"): the score is negated.
_NEGATION_BEFORE = re.compile(r"\b(?:no|not|without|never)\b[^\n]{0,12}$", re.I)


def _scored_past_negation(page: AnalyzedPage, start: int, end: int) -> bool:
    """A score written with its number after a negated statement about something else ("Not a candidate
    for further chemotherapy (ECOG 3)"): measured, so a fact, unless the cue stands right before it."""
    if assertion_at(page, start, end) != "negated" or section_at(page, start) == "family_history":
        return False
    s_start, _ = statement_at(page, start)
    return not names_relative(page, s_start, start) and not _NEGATION_BEFORE.search(page.text, max(0, start - 20), start)


def extract_clinical(page: AnalyzedPage) -> Iterator[Finding]:
    """Recurrence score, menopausal status and ECOG (one registered extractor for the three)."""
    yield from extract_recurrence_score(page)
    yield from extract_menopausal_status(page)
    yield from extract_ecog(page)
