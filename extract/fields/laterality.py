"""Laterality of the cancer, from `rules/laterality.yaml`.

Read from a stated laterality item, or from a side named with the organ ("left breast", "Rt.
breast", "right mastectomy", "left axillary") in a sentence or part that states a cancer: an
invasive carcinoma, or a word such as carcinoma, cancer, malignancy, tumour or a pT category that
is not negated and not part of an in-situ diagnosis (a benign right mastectomy, LCIS, or DCIS of
the right breast beside a left invasive cancer, does not make the cancer right-sided; in a report
of DCIS alone, the DCIS side is the cancer's side). Mentions in clinical
history count, with less confidence. A report with cancer in both breasts yields both sides; the
index cancer's side is put first (extract/specimens.py).
"""

from __future__ import annotations

from typing import Iterator

import regex

from extract.analysis import AnalyzedPage
from extract.fields.base import SKIPPED_SECTIONS, grid_values, make_finding, ocr_correction, scan
from extract.fields.histology import mentions, untyped_invasive
from extract.findings import FACTUAL, Finding
from extract.rules import grammar
from extract.specimens import listed_entry, listed_side, part_at, parts, side_of

_SIDES = {"left": "left", "lt": "left", "l": "left", "right": "right", "rt": "right", "r": "right",
          "bilateral": "bilateral", "sinistrae": "left", "dextrae": "right",
          # French, Spanish, Portuguese, Italian, Dutch, Swedish, Norwegian and Turkish side words
          "gauche": "left", "izquierda": "left", "sinistra": "left", "links": "left", "vänster": "left",
          "vanster": "left", "droit": "right", "droite": "right", "derecha": "right", "destra": "right",
          "rechts": "right", "höger": "right", "hoger": "right", "esquerda": "left", "direita": "right",
          "høyre": "right", "hoyre": "right", "venstre": "left",
          "sağ": "right", "sag": "right", "sol": "left",  # Turkish
          "lewa": "left", "lewy": "left", "prawa": "right", "prawy": "right",  # Polish ("PIERS LEWA")
          "dx": "right", "sin": "left",  # Latin "Mamma dx." / "Mamma sin." (only after the organ word)
          # German adjectives before the organ word ("RECHTE MAMMA", "der linken Brust")
          "rechte": "right", "rechten": "right", "rechter": "right", "rechtes": "right",
          "linke": "left", "linken": "left", "linker": "left", "linkes": "left"}


#: OCR's readings of a side word with one letter misread, or two swapped (`SIDE` in rules/laterality.yaml, OCR pages only).
_OCR_SIDES = {"rlght": "right", "r1ght": "right", "r|ght": "right", "lefl": "left", "lef1": "left", "lef|": "left",
              "lept": "left", "rigth": "right"}


def _side(raw: str) -> str | None:
    key = raw.lower().rstrip(".")
    return _SIDES.get(key) or _OCR_SIDES.get(key)


def _side_correction(raw: str) -> str | None:
    """"RlGHT->RIGHT" when the side word is one of OCR's misreadings, else None."""
    side = _OCR_SIDES.get(raw.lower())
    if side is None:
        return None
    return ocr_correction(raw, side.upper() if sum(c.isupper() for c in raw) > 1 else
                          side.capitalize() if raw[:1].isupper() else side)


def _invasive_in(page: AnalyzedPage, lo: int, hi: int) -> bool:
    """A stated (not negated or ruled-out) invasive carcinoma in text[lo:hi]."""
    return any(h.invasive and lo <= s < hi and page.assertion(s, e) in FACTUAL for s, e, h, _ in mentions(page))


def _invasive_page(page: AnalyzedPage) -> bool:
    cached = page.cache.get("laterality.invasive_page")
    if cached is None:
        cached = page.cache["laterality.invasive_page"] = _invasive_in(page, 0, len(page.text))
    return cached


def _cancer_in(page: AnalyzedPage, lo: int, hi: int) -> bool:
    """An invasive carcinoma, or a stated cancer word in text[lo:hi] that is not part of an LCIS
    diagnosis (not a cancer under AJCC 8th), nor of a DCIS diagnosis when the page states an
    invasive carcinoma elsewhere (the DCIS side is then not the index cancer's)."""
    if _invasive_in(page, lo, hi):
        return True
    in_situ = [(s, e) for s, e, h, _ in mentions(page)
               if not h.invasive and s < hi and lo < e and (h.value == "lcis" or _invasive_page(page))]
    for m in grammar("laterality")["laterality.tumor-word"].finditer(page.text, page.is_ocr, lo, hi):
        if any(s <= m.start() < e for s, e in in_situ):
            continue
        if page.assertion(m.start(), m.end()) in FACTUAL:
            return True
    return False


#: The cancer test, for other fields (a staging line after a benign part is not that part's).
cancer_in = _cancer_in


def _clauses(page: AnalyzedPage, offset: int) -> tuple[int, int]:
    """The sentence holding `offset`, with the clause before and after it when a ';' joins them
    ("palpable L breast mass; core biopsy shows carcinoma")."""
    s0, s1 = page.sentence_at(offset)
    text = page.text
    if text[s0:s1].rstrip().endswith(";") and s1 < len(text):
        s1 = page.sentence_at(s1 + len(text[s1:]) - len(text[s1:].lstrip()))[1]
    before = text[:s0].rstrip()
    if before.endswith(";"):
        s0 = page.sentence_at(len(before) - 1)[0]
    return s0, s1


def extract_laterality(page: AnalyzedPage) -> Iterator[Finding]:
    found = list(_stated_sides(page))
    if found and all(f.assertion == "historical" for f in found) and _present_cancer(page):
        # "PMH: Right breast cancer 2009" above a new cancer whose side is never written beside a
        # cancer word: the earlier cancer's side is not the index cancer's. The side read alone on
        # the page (history aside) is; the history is kept only beside it (an other tumour).
        sole = list(_sole_side(page))
        yield from sole
        if sole:
            yield from found
        else:
            # An oncology note's history of its own cancer ("Oncologic history: - 03/2024: Left breast
            # cancer, lumpectomy") names this cancer's side, kept as a historical reading.
            yield from (f for f in found if page.section_at(f.evidence[0].start) == "oncologic_history")
        return
    found = found or list(_grid_side(page))
    yield from found
    if not found:
        yield from _sole_side(page)


def _grid_side(page: AnalyzedPage) -> Iterator[Finding]:
    """A side whose label and value a grid puts apart ("Laterality" over "Right", or an OCR'd column
    of labels over its values): the value, with the label as a second span."""
    g = grammar("laterality")
    for m, (vs, _), label in grid_values(page, g["laterality.column-label"], g["laterality.column-value"]):
        yield make_finding(page, "diagnosis.laterality", m.group("side").lower(), (vs, vs + m.end("side")),
                           g["laterality.column-value"], extra_spans=[label])
        return


def _present_cancer(page: AnalyzedPage) -> bool:
    """The page states a carcinoma that is neither negated nor historical (a current diagnosis)."""
    cached = page.cache.get("laterality.present_cancer")
    if cached is None:
        cached = page.cache["laterality.present_cancer"] = any(
            page.assertion(s, e) == "present" for s, e, _, _ in mentions(page))
    return cached


def _sole_side(page: AnalyzedPage) -> Iterator[Finding]:
    """A page that states an invasive carcinoma and names one breast side only, never in the
    sentence of the cancer ("Specimen: RIGHT BREAST MASTECTOMY AND AXILLARY CLEARANCE" above
    "Invasive lobular carcinoma ..."): that side, with less confidence. Family, negated and
    hypothetical mentions do not count; two sides named give nothing. The gross description is
    read only when the rest of the page names no side. DCIS counts too (a complete
    response after neoadjuvant therapy leaves only DCIS), and so does an invasive carcinoma whose type is
    not stated; LCIS and benign findings do not."""
    found = mentions(page)
    g = grammar("laterality")
    if not (_invasive_page(page) or any(h.value == "dcis" and page.assertion(s, e) in FACTUAL for s, e, h, _ in found)
            or untyped_invasive(page, found)):
        yield from _tested_block_side(page)
        return
    # The gross description (a container "labeled 'L breast'") is read only when the rest of the
    # page names no side at all, with less confidence.
    for skip, rule, confidence in ((SKIPPED_SECTIONS, "laterality.sole-side", 0.7),
                                   (SKIPPED_SECTIONS - {"gross"}, "laterality.sole-side-gross", 0.6)):
        sides: dict[str, tuple[int, int]] = {}
        for m in scan(page, g["laterality.breast-side"], skip):
            side = _side(m.group("side"))
            assertion = page.assertion(m.start(), m.end())
            if side is None or assertion not in FACTUAL or assertion == "historical" and _present_cancer(page):
                continue
            if next(g["laterality.other-breast-before"].finditer(page.text, page.is_ocr, max(0, m.start() - 20),
                                                                 m.start()), None) is not None:
                continue  # "contralateral (left) breast - benign": the other breast
            sides.setdefault(side, (m.span(), _side_correction(m.group("side"))))
        if len(sides) == 1:
            side, (span, corr) = next(iter(sides.items()))
            if side != "bilateral":
                yield make_finding(page, "diagnosis.laterality", side, span, rule,
                                   confidence=confidence, laterality=side, correction=corr)
        if sides:
            return


def _tested_block_side(page: AnalyzedPage) -> Iterator[Finding]:
    """A receptor or ISH report that states no carcinoma, with one breast side named in its source line
    ("Source case: PATH-26-21144, block B4 (left breast, excision)"): the tested tumour's side, with
    less confidence (two sides named give nothing)."""
    g = grammar("laterality")
    if next(iter(scan(page, g["laterality.biomarker-test"])), None) is None:
        return
    source_line = g["laterality.source-line"].pattern_for(False)
    sides: dict[str, tuple[int, int]] = {}
    for m in scan(page, g["laterality.breast-side"]):
        side = _side(m.group("side"))
        if side is None or page.assertion(m.start(), m.end()) not in FACTUAL:
            continue
        if source_line.search(page.text, max(0, m.start() - 80), m.start()) is not None:
            sides.setdefault(side, m.span())
    if len(sides) == 1 and "bilateral" not in sides:
        side, span = next(iter(sides.items()))
        yield make_finding(page, "diagnosis.laterality", side, span, "laterality.tested-block", confidence=0.7,
                           laterality=side)


def _in_situ_part(page: AnalyzedPage, offset: int, side: str) -> bool:
    """`offset` is in a part of `side` that states an in-situ carcinoma and no invasive one while the
    page states one elsewhere (the "Laterality: Left" of a left-DCIS block beside a right invasive
    cancer): that side is the other tumour's (kept with its values under other_tumors)."""
    part = part_at(page, offset)
    if part is None or part.laterality != side or not _invasive_page(page):
        return False
    end = next((p.start for p in parts(page) if p.start > part.start and p.rule != "specimen.part-reference"),
               len(page.text))
    in_situ = any(not h.invasive and part.start <= s < end and page.assertion(s, e) in FACTUAL
                  for s, e, h, _ in mentions(page))
    return in_situ and not _invasive_in(page, part.start, end)


def _stated_sides(page: AnalyzedPage) -> Iterator[Finding]:
    g = grammar("laterality")
    for rule_id in ("laterality.label", "laterality.anatomic-site"):
        for m in scan(page, g[rule_id]):
            side = _side(m.group("side"))
            if side and not _in_situ_part(page, m.start(), side):
                yield make_finding(page, "diagnosis.laterality", side, m.span(), g[rule_id],
                                   laterality=side if side != "bilateral" else None,
                                   correction=_side_correction(m.group("side")))
    yield from _side_headings(page)
    # Breast parts whose text names an invasive carcinoma, or whose header or first sentence after
    # it states a cancer ("1. Ablated (left) breast sample with further invasive tumor components").
    all_parts = parts(page)
    for i, part in enumerate(all_parts):
        if part.site != "breast" or part.laterality is None or part.rule == "specimen.part-reference":
            continue  # a "(part B)" reference repeats its header's side, which is read at the header
        end = next((p.start for p in all_parts[i + 1:] if page.section_at(p.start) == page.section_at(part.start)),
                   len(page.text))
        # A part's text ends with its section: a synoptic block after the last part is not that part's.
        end = min(end, next((s for s, _ in page.sections() if s > part.end), end))
        first = min(end, page.sentence_at(min(part.end + 1, len(page.text) - 1))[1])
        if page.text[part.end:first].strip(" \t\n:.-–()") == "" and first < end:
            # The header's sentence ends at its colon ("BREAST, LEFT, CORE BIOPSY AT 3:00:\n - INVASIVE
            # CARCINOMA ..."): the first sentence after it is the one below.
            after = first + len(page.text[first:end]) - len(page.text[first:end].lstrip())
            first = min(end, page.sentence_at(min(after, len(page.text) - 1))[1])
        if _invasive_in(page, part.start, end) or _cancer_in(page, part.start, max(first, part.end)):
            listed = listed_side(page, part)
            if listed is not None:
                # The side is named only in the specimen list ("A. Left breast, lumpectomy"): cite it there.
                finding = make_finding(listed[0], "diagnosis.laterality", part.laterality, listed[1],
                                       "laterality.specimen-list", confidence=0.9, laterality=part.laterality)
                yield finding.model_copy(update={"specimen": part.label, "procedure": part.procedure})
                continue
            m = next(g["laterality.breast-side"].finditer(page.text, page.is_ocr, part.start, part.end), None)
            span = m.span() if m else (part.start, part.end)
            # "No residual invasive carcinoma" after the header's colon (a post-neoadjuvant specimen)
            # does not negate the side it names when no part states an invasive carcinoma: the treated
            # cancer was in that breast (beside another part's residual cancer it may be a prophylactic side).
            residual = not _invasive_page(page) and g["laterality.no-residual"].pattern_for(page.is_ocr).match(
                page.text, part.end) is not None
            finding = make_finding(page, "diagnosis.laterality", part.laterality, span, "laterality.specimen",
                                   confidence=0.92, laterality=part.laterality, negation_applies=not residual)
            if page.section_at(part.start) == "clinical_history" and _PAST_YEAR.search(page.text, part.end, first):
                # "Clinical details: Right breast: grade 1 NST carcinoma 2010 (pT1b N0) treated with WLE": an
                # earlier cancer the history recalls, not this specimen's.
                finding = finding.model_copy(update={"assertion": "historical"})
            yield finding
            yield from _listed_other_side(page, part)
    # A side with its organ in a sentence that states a cancer. Mentions inside a part header were
    # judged above, by what their part says.
    headers = [(p.start, p.end) for p in all_parts]
    for m in scan(page, g["laterality.breast-side"]):
        side = _side(m.group("side"))
        if side is None or any(a <= m.start() < b for a, b in headers):
            continue
        s0, s1 = _clauses(page, m.start())
        if not _cancer_in(page, s0, s1):
            continue
        finding = make_finding(page, "diagnosis.laterality", side, m.span(), g["laterality.breast-side"],
                               laterality=side if side != "bilateral" else None,
                               correction=_side_correction(m.group("side")))
        if _only_historical_cancer(page, s0, s1):
            # "Prior left breast IDC 2015 (pT1c pN0)": the side of an earlier cancer, not this specimen's.
            finding = finding.model_copy(update={"assertion": "historical"})
        yield finding


def _side_headings(page: AnalyzedPage) -> Iterator[Finding]:
    """A side that heads its line or sentence ("Right: invasive ductal carcinoma. Left: benign."), when
    its clause (to the sentence's end or the next side heading) states a cancer."""
    g = grammar("laterality")
    found = list(scan(page, g["laterality.side-heading"]))
    for i, m in enumerate(found):
        side = _side(m.group("side"))
        end = page.sentence_at(min(m.end(), len(page.text) - 1))[1]
        if i + 1 < len(found):
            end = min(end, found[i + 1].start())
        if side is None or not _cancer_in(page, m.end(), end):
            continue
        finding = make_finding(page, "diagnosis.laterality", side, m.span("side"), g["laterality.side-heading"],
                               laterality=side)
        if _only_historical_cancer(page, m.end(), end):
            finding = finding.model_copy(update={"assertion": "historical"})
        yield finding


#: A year in a history's sentence about a breast: the cancer it names was diagnosed then.
_PAST_YEAR = regex.compile(r"(?<![\d/.-])(?:19[6-9]\d|20[0-4]\d)(?![\d/.-])")


def _only_historical_cancer(page: AnalyzedPage, lo: int, hi: int) -> bool:
    """Every stated carcinoma in text[lo:hi] is a historical mention."""
    found = [page.assertion(s, e) for s, e, _, _ in mentions(page) if lo <= s < hi]
    found = [a for a in found if a in FACTUAL]
    return bool(found) and all(a == "historical" for a in found)


def _listed_other_side(page: AnalyzedPage, part) -> Iterator[Finding]:
    """A part that names its own side while the specimen list's entry of its label names the other
    ("A. Right breast, lumpectomy" listed, "A. LEFT BREAST, LUMPECTOMY: ..." diagnosed): the list's
    side too, so the disagreement reaches the navigator as a conflict (the part keeps its own side)."""
    entry = listed_entry(page, part)
    if entry is None:
        return
    source, (start, end) = entry
    side, _ = side_of(source.text[start:end])
    if side is None or side == part.laterality:
        return
    m = next((m for m in grammar("specimens")["specimen.side"].finditer(source.text, source.is_ocr, start, end)
              if _side(m.group("side")) == side), None)
    if m is not None:
        finding = make_finding(source, "diagnosis.laterality", side, m.span("side"), "laterality.specimen-list",
                               confidence=0.85, laterality=side)
        yield finding.model_copy(update={"specimen": part.label, "procedure": part.procedure})
