"""Histologic (Nottingham) grade of the invasive carcinoma, its score and components, from
`rules/grade.yaml`.

Rules are tried most specific first and a span claimed by one is not read again. Differentiation
words ("poorly differentiated") count only in a sentence that names an invasive carcinoma. DCIS
nuclear grade, LIN/DIN grades and CTCAE grades are never the tumour grade. The score and the three
components are extra keys (`diagnosis.nottingham_score`, `diagnosis.grade_tubules`,
`diagnosis.grade_nuclei`, `diagnosis.grade_mitoses`); a grade computed from them is a separate
finding, so a stated grade that disagrees with its components shows up as a conflict.
"""

from __future__ import annotations

from typing import Iterator

import regex

from extract.analysis import AnalyzedPage
from extract.fields.base import grid_values, make_finding, ocr_correction, scan, ticked_before
from extract.fields.histology import mentions
from extract.findings import Finding
from extract.rules import grammar
from extract.specimens import focus_at, foci

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "1": 1, "2": 2, "3": 3, "l": 1, "ll": 2, "lll": 3, "il": 2, "li": 2}
_NOT_TUMOUR_GRADE = regex.compile(
    r"(?:nuclear|dcis|in[\s-]situ|intraductal|\bdin\b|\blin\b|comedo|neutropenia|toxicity|nuclear\s+grade)[^.;]{0,25}$",
    regex.IGNORECASE)


def _words_grade(words: str) -> int | None:
    w = words.lower()
    if "poorly" in w or "oorly" in w or w.startswith("high"):
        return 3
    if "moderately" in w or w.startswith("intermediate"):
        return 2
    if "well" in w or "ell" in w or w.startswith("low"):
        return 1 if "moderately" not in w else 2
    return None


#: OCR readings of a component score (1-3) accepted on OCR pages only (see the CV fragment).
_OCR_COMPONENT = {"l": "1", "I": "1", "|": "1", "Z": "2"}


def _component(raw: str) -> tuple[int, str | None]:
    """A component score and, when OCR read it as a letter ("l", "Z"), that reading."""
    digit = _OCR_COMPONENT.get(raw, raw)
    return int(digit), ocr_correction(raw, digit)


def _corrections(raws: list[str]) -> str | None:
    fixed = [c for c in (_component(r)[1] for r in raws) if c]
    return "; ".join(fixed) or None


def grade_from_score(score: int) -> int:
    return 1 if score <= 5 else (2 if score <= 7 else 3)


def _g_value(m: regex.Match) -> tuple[int | None, str | None]:
    raw = m.groupdict().get("g2") or m.groupdict().get("g")
    if not raw:
        return None, None
    roman = raw.lower().replace("l", "i").replace("|", "i").replace("!", "i")  # OCR's "Ill", "lIl", "|", "I!"
    if len(roman) > 1 and "i" in roman:
        roman = roman.replace("1", "i")  # OCR's 1 for a stroke beside an I: "I1I" (the G fragment, OCR pages)
    value = _ROMAN.get(roman)
    if value is None:
        return None, None
    # OCR reads roman I as a lower-case l ("lll", "Il"), a bar ("|"), "!" ("I!") or 1 beside an I ("I1I";
    # those OCR pages only).
    corr = ocr_correction(raw, "I" * value) if any(c in raw for c in "l|!1") and raw not in ("1", "2", "3") else None
    return value, corr


def _invasive_nearby(page: AnalyzedPage, start: int, end: int, whole_page: bool = False) -> bool:
    """An invasive carcinoma is named near `start` (or anywhere on the page): a histology mention,
    or an invasive carcinoma named without a type (`grade.context.invasive`, not negated)."""
    s0, s1 = page.sentence_at(start)
    # A grade on its own bullet names the carcinoma of the bullet before ("- Metaplastic carcinoma
    # with squamous and spindle cell differentiation.\n - Grade 3 (poorly differentiated)."): the
    # sentence before counts too.
    before = page.sentence_at(max(0, s0 - 2))[0] if s0 > 0 else s0
    lo, hi = (0, len(page.text)) if whole_page else (max(0, min(before, start - 60)),
                                                     min(len(page.text), max(s1, end + 60)))
    if focus_at(page, start) is not None:
        # A focus of a multifocal tumour: the sentence that introduces the foci names the carcinoma.
        first = foci(page)[0][1]
        lo = min(lo, page.sentence_at(max(0, len(page.text[:first].rstrip()) - 1))[0])
    if any(h.invasive and lo <= s <= hi for s, _, h, _ in mentions(page)):
        return True
    return any(page.assertion(m.start(), m.end()) != "negated"
               for m in grammar("grade")["grade.context.invasive"].finditer(page.text, page.is_ocr, lo, hi))


#: What may follow a bare grade that stands as a form's field: its sentence's end, a bracket.
_FIELD_END = regex.compile(r"[ \t]*(?:\([^()\n]{0,40}\)[ \t]*)?(?:[.;]|$)", regex.MULTILINE)
#: A sentence about an in-situ or other non-invasive lesion, just before a field.
_IN_SITU_SENTENCE = regex.compile(r"dcis|in[\s-]situ|intraductal|lobular\s+neoplasia|\blcis\b|atypi", regex.IGNORECASE)


def _field_alone(page: AnalyzedPage, start: int, end: int) -> bool:
    """A bare "Grade 2" that is a form's whole field ("Grade 2." or a line "Grade 2", "Type of
    Procurement surgery Grade 2. T Stage 2" without colons), not after a sentence about an in-situ
    lesion: it grades the invasive carcinoma the page names anywhere."""
    if not _FIELD_END.match(page.text, end):
        return False
    s0 = page.sentence_at(start)[0]
    line_start = page.text.rfind("\n", 0, start) + 1
    if page.text[s0:start].strip() and page.text[line_start:start].strip():
        return False  # words before it in its sentence and on its line
    before = page.sentence_at(max(0, s0 - 2))[0] if s0 > 0 else s0
    return not _IN_SITU_SENTENCE.search(page.text, before, start)


def extract_grade(page: AnalyzedPage) -> Iterator[Finding]:
    g = grammar("grade")
    text = page.text
    taken: list[tuple[int, int]] = []
    anchors: list[int] = []
    for rule_id in ("grade.system-label", "grade.system-words", "grade.system-level", "grade.system-no-word", "grade.japanese-hg", "grade.g-number",
                    "grade.words"):
        rule = g[rule_id]
        for m in scan(page, rule):
            s, e = m.span()
            if any(a < e and s < b for a, b in taken):
                continue
            before = text[max(0, s - 30):s]
            if rule_id in ("grade.g-number", "grade.words") and _NOT_TUMOUR_GRADE.search(before):
                continue
            if rule_id == "grade.g-number" and m.group(0)[:1] in "Gg" and (
                    g["grade.exclude.block-name"].pattern_for(False).search(before)
                    or g["grade.exclude.block-range"].pattern_for(False).match(text, e)):
                continue
            if rule_id in ("grade.words", "grade.g-number") and g["grade.exclude.in-situ-after"].pattern_for(
                    False).match(text, e):
                continue
            if rule_id == "grade.g-number" and (g["grade.exclude.response-before"].pattern_for(False).search(before)
                                                or g["grade.exclude.response-after"].pattern_for(False).match(text, e)):
                continue  # a grade of response to neoadjuvant therapy (Sinn, Miller-Payne), not of the tumour
            value, corr = _g_value(m)
            if value is None and m.groupdict().get("words"):
                value = _words_grade(m.group("words"))
            if value is None:
                continue
            if rule_id == "grade.words" and not _invasive_nearby(page, s, e):
                continue
            # "Grade 3/3" (a grade out of its scale) in a summary line counts when the page names an
            # invasive carcinoma anywhere; a bare "grade 2" (or clinic shorthand "gr 2") needs one nearby;
            # a labelled one ("Grade: 2", "Grade - 2", "Grade = 2") does not.
            if rule_id == "grade.g-number" and m.group(0).lower().startswith(("grade", "gr")) and not (
                    _invasive_nearby(page, s, e, whole_page="/" in m.group(0) or " of" in m.group(0).lower()
                                     or _field_alone(page, s, e))
                    or ":" in m.group(0) or "=" in m.group(0) or " - " in m.group(0) or ticked_before(page, s)):
                continue
            taken.append((s, e))
            anchors.append(s)
            yield make_finding(page, "diagnosis.grade", value, (s, e), rule, correction=corr)

    yield from _grid_grade(page, taken)

    for rule, m in [(g[r], m) for r in ("grade.score", "grade.score-points") for m in scan(page, g[r])]:
        s, e = m.span()
        found = m.groupdict()
        # "3+2+2=7", "(3+2+2)" or the UK "T3 P2 M1 = 6/9" (tubules, pleomorphism, mitoses).
        suffix = next((k for k in ("", "2", "3") if found.get("a" + k)), "2")
        raws = [found.get(k + suffix) for k in ("a", "b", "c")]
        parts = [_component(r)[0] for r in raws] if all(raws) else []
        corr = _corrections(raws) if parts else None
        stated_sum = found.get("sum") or found.get("sum3")
        if found.get("score"):
            score = int(found["score"])
        elif stated_sum:
            score = int(stated_sum)
        elif parts:
            score = sum(parts)
        else:
            continue
        if parts and stated_sum and sum(parts) != score:
            continue  # an arithmetic slip in the text (or an OCR letter read wrongly): read neither
        if corr and not stated_sum:
            continue  # an OCR letter among the parts is read only when the stated sum confirms it
        anchors.append(s)
        yield make_finding(page, "diagnosis.nottingham_score", score, (s, e), rule, correction=corr)
        yield make_finding(page, "diagnosis.grade", grade_from_score(score), (s, e), "grade.from-score",
                           confidence=0.85, correction=corr)
        for name, value in zip(("tubules", "nuclei", "mitoses"), parts):
            yield make_finding(page, f"diagnosis.grade_{name}", value, (s, e), rule, correction=corr)

    # A grading heading whose value only its components give ("Nottingham histologic grade:").
    anchors.extend(m.start() for m in scan(page, g["grade.component-heading"]))
    yield from _components(page, anchors)


def _grid_grade(page: AnalyzedPage, taken: list[tuple[int, int]]) -> Iterator[Finding]:
    """A grade whose label and value an OCR'd grid puts lines apart ("Grade (Elston-Ellis):" ... "G2"):
    the value line, with the label as a second span."""
    g = grammar("grade")
    for m, (vs, ve), label in grid_values(page, g["grade.column-label"], g["grade.column-value"]):
        grade, corr = _g_value(m)
        if grade is not None and not any(a < ve and vs < b for a, b in taken):
            yield make_finding(page, "diagnosis.grade", grade, (vs, ve), g["grade.column-value"], extra_spans=[label],
                               correction=corr)


def _components(page: AnalyzedPage, anchors: list[int]) -> Iterator[Finding]:
    """Tubules / nuclei / mitoses scores written out near a grade or score."""
    g = grammar("grade")
    for anchor in sorted(set(anchors)):
        # CAP synoptic forms list the components above their "Overall Grade" line.
        lo, hi = max(0, anchor - 240), min(len(page.text), anchor + 320)
        found = {}
        for name in ("tubules", "nuclei", "mitoses"):
            for m in g[f"grade.component.{name}"].finditer(page.text, page.is_ocr, lo, hi):
                found[name] = m
                break
        if len(found) < 3:
            continue
        start = min(m.start() for m in found.values())
        end = max(m.end() for m in found.values())
        read = {k: _component(m.group("v")) for k, m in found.items()}
        for name, (value, corr) in read.items():
            yield make_finding(page, f"diagnosis.grade_{name}", value, found[name].span(), f"grade.component.{name}",
                               correction=corr)
        yield make_finding(page, "diagnosis.grade", grade_from_score(sum(v for v, _ in read.values())), (start, end),
                           "grade.from-components", confidence=0.85,
                           correction=_corrections([m.group("v") for m in found.values()]))
        break
