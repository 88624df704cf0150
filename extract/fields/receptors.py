"""ER, PR (status, percent, intensity, Allred), HER2 (IHC score, ISH result/ratio/copy number,
status) and Ki-67, from `rules/receptors.yaml`.

Every marker label on the page opens a window that runs to the next label of another marker; a
value must follow its label with only filler between, and details are read in the window. Values
written before their label ("negative for ER and PR") have their own rules. Guideline text quoted
in reports ("ER/PR positive is defined as an Allred score > 2") never yields a value.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Generator, Iterator

import regex

from extract.abbreviations import Abbreviation, defined_terms, uses
from extract.analysis import AnalyzedPage
from extract.fields.base import decimal, make_finding, number, scan, segments
from extract.fields.histology import mentions as histology_mentions, untyped_invasive_in_document
from extract.findings import FACTUAL, Finding
from extract.line_starts import line_end as _line_end
from extract.table_rows import row_cells
from extract.word_index import WORDS
from extract.rules import TIMEOUT_S, CompiledRule, grammar, ocr_number
from extract.run_on import is_run_on
from extract.specimens import side_of

_WINDOW = 170  # characters of details read after a label
_MAX_MEAN_COPIES = 40.0
#: How far after an ISH result a hedge of it is looked for (characters).
_CAVEAT_REACH = 800
_INTENSITY = {"weak": "weak", "faint": "weak", "moderate": "moderate", "intermediate": "moderate", "medium": "moderate",
              "strong": "strong", "intense": "strong",
              # French, Italian, Spanish and Dutch words, accents removed (`_plain`).
              "forte": "strong", "fortes": "strong", "fuerte": "strong", "fuertes": "strong", "fraca": "weak",
              "fraco": "weak", "intensa": "strong", "intenso": "strong", "sterk": "strong",
              "sterke": "strong", "moderee": "moderate", "moderees": "moderate", "moderata": "moderate",
              "moderato": "moderate", "moderada": "moderate", "moderado": "moderate", "matig": "moderate",
              "matige": "moderate", "faible": "weak", "faibles": "weak", "debole": "weak", "debil": "weak",
              "zwak": "weak", "zwakke": "weak", "moderat": "moderate", "mattlig": "moderate", "kraftig": "strong",
              "svag": "weak"}
_INTENSITY_SCORE = {"1": "weak", "2": "moderate", "3": "strong"}


@dataclass(frozen=True)
class Anchor:
    kind: str  # er, pr, both, her2, ki67, other
    start: int
    end: int


def _g():
    return grammar("receptors")


def _kind(m: regex.Match) -> str:
    return next(k for k in ("both", "her2", "er", "pr", "ki67", "other") if m.group(k))


def anchors(page: AnalyzedPage) -> list[Anchor]:
    cached = page.cache.get("marker_anchors")
    if cached is not None:
        return cached
    out = [Anchor(_kind(m), m.start(), m.end()) for m in scan(page, _g()["marker.anchor"])]
    defined = _defined_anchors(page, out)
    if defined:
        out = sorted(out + defined, key=lambda a: a.start)
    page.cache["marker_anchors"] = out
    return out


#: What may follow a marker's name in a long form: "Oestrogen receptor-alpha (ERa)".
_LONG_FORM_TAIL = regex.compile(r"[\s-]*(?:alpha|α|beta|β)?", regex.IGNORECASE)


def _marker_of(abbreviation: Abbreviation) -> str | None:
    """The marker (er, pr, her2, ki67 or both) a definition's long form names, unless its short
    form is already a marker label."""
    pattern = _g()["marker.anchor"].pattern_for(False)
    if pattern.fullmatch(abbreviation.short):
        return None
    m = pattern.match(abbreviation.long)
    if m is None or not _LONG_FORM_TAIL.fullmatch(abbreviation.long, m.end()):
        return None
    kind = _kind(m)
    return kind if kind != "other" else None


def _defined_anchors(page: AnalyzedPage, known: list[Anchor]) -> list[Anchor]:
    """Labels written as a short form the document defines ("Estrogen receptor (ESR) ... ESR:
    positive"); their expansions are remembered for the evidence (`_with_expansions`)."""
    out = []
    expansions: dict[tuple[int, int], Abbreviation] = {}
    for abbreviation, kind in defined_terms(page, _marker_of):
        for a, b in segments(page):
            for s, e in uses(page, abbreviation, a, b):
                if not any(k.start < e and s < k.end for k in known):
                    out.append(Anchor(kind, s, e))
                    expansions[(s, e)] = abbreviation
    page.cache["marker_expansions"] = expansions
    return out


def _with_expansions(page: AnalyzedPage, findings: Iterator[Finding]) -> Iterator[Finding]:
    """Each finding whose evidence holds a defined short form records the expansion in the
    evidence's `correction` ("ESR->Estrogen receptor")."""
    for f in findings:
        expansions = page.cache.get("marker_expansions")
        yield _with_evidence(f, [_expanded(ev, expansions) for ev in f.evidence]) if expansions else f


def _with_evidence(f: Finding, evidence: list) -> Finding:
    """`f` with `evidence` in place of its own: a copy when any entry changed (a page's findings
    are cached, and another page of the document reads them too)."""
    return f if all(a is b for a, b in zip(evidence, f.evidence)) else f.model_copy(update={"evidence": evidence})


def _expanded(ev, expansions: dict[tuple[int, int], Abbreviation]):
    if ev.correction is not None:
        return ev
    inside = [a for (s, e), a in expansions.items() if ev.start <= s and e <= ev.end]
    if not inside:
        return ev
    return ev.model_copy(update={"correction": "; ".join(dict.fromkeys(a.correction for a in inside))})


def _window_end(page: AnalyzedPage, items: list[Anchor], i: int, limit: int = _WINDOW) -> int:
    a = items[i]
    end = min(len(page.text), a.end + limit)
    for b in items[i + 1:]:
        if b.start >= end:
            break
        if b.kind != a.kind:
            return b.start
    return end


#: From a result's end to a reference text inside the bracket that opens right after the result.
_OWN_BRACKET = regex.compile(r"[ \t]*\([^()\n]{0,24}")


def _is_reference_text(page: AnalyzedPage, start: int, end: int) -> bool:
    s0, s1 = page.sentence_at(start)
    lo, hi = max(s0, start - 40), min(max(s1, end), end + 25)
    rule = _g()["marker.reference-text"]
    # a cut-off in the bracket right after the result is the result's own ("145 FMOL/MG - POSITIVE (POSITIVE >
    # 10 FMOL/MG)"), not quoted guideline text
    found = [m.span() for m in rule.finditer(page.text, page.is_ocr, lo, hi)
             if not (m.start() >= end and _OWN_BRACKET.fullmatch(page.text, end, m.start()))]
    if not found:
        return False
    groups = [m.span() for m in _g()["marker.ish-group-definition"].finditer(page.text, page.is_ocr, max(lo - 40, 0), hi)]
    return any(not any(g0 <= m0 and m1 <= g1 for g0, g1 in groups) for m0, m1 in found)


def _in_reference(page: AnalyzedPage, m: regex.Match) -> bool:
    """A percent that is part of quoted reference text itself (">=1% NUCLEAR STAINING = POSITIVE",
    a result table's reference column), not merely near some."""
    at = m.start("pct")
    if not regex.search(r"[<>≥≤]\s*=?\s*$", page.text[max(0, at - 6):at]):
        return False  # the reference text it can be part of opens with a comparison
    if _g()["marker.reference-cutoff"].pattern_for(page.is_ocr).match(page.text, m.end(), timeout=TIMEOUT_S):
        return True  # a reference column's cut-off closing its line (">=1% positive")
    return any(r.start() <= at < r.end() for r in _g()["marker.reference-text"].finditer(
        page.text, page.is_ocr, max(0, at - 12), min(len(page.text), m.end() + 48)))


def _in_hscore_breakdown(page: AnalyzedPage, m: regex.Match) -> bool:
    """A percent inside an H-score's breakdown by intensity ("H-score 240 (strong 70%, moderate 20%)")."""
    at = m.start()
    return any(b.start() < at < b.end() for b in _g()["receptor.detail.hscore-breakdown"].finditer(
        page.text, page.is_ocr, max(0, at - 80), min(len(page.text), m.end() + 160)))


def _first(rule: CompiledRule, page: AnalyzedPage, pos: int, end: int) -> regex.Match | None:
    for m in rule.finditer(page.text, page.is_ocr, pos, end):
        return m
    return None


def _stop(page: AnalyzedPage, pos: int, end: int) -> int:
    m = _first(_g()["receptor.detail.stop"], page, pos, end)
    return m.start() if m else end


def _read_pct(token: str) -> tuple[str, str | None]:
    """A percent's number as digits ("seventy" -> "70"), with any OCR reading to record ("9S->95")."""
    if token[:1].isalpha() and token.strip().lower() not in ("o", "l", "i"):
        words = number(token)
        if words is not None:
            return str(words), None
    if "B" in token.strip() and any(c.isdigit() for c in token):
        # "B" read for 8 beside a real digit ("B0%", "9B%"; the OCR `PCT` fragment admits it)
        plain = token.strip()
        digits = ocr_number(plain.replace("B", "8"))[0]
        return digits, f"{plain}->{digits}"
    return ocr_number(token)


def _ocr_read(m: regex.Match, group: str) -> str | None:
    """The correction to record when OCR letters in `group` were read as digits ("9O->90")."""
    return _read_pct(m.group(group) or "")[1]


def _percent(m: regex.Match) -> tuple[float | None, str | None]:
    """(percent, how it was written). A range gives its lower bound; "<1%" gives 0; other
    "less than" values give none (the value is not known)."""
    pct = decimal(_read_pct(m.group("pct"))[0])
    if pct is None or pct > 100:
        return None, None
    cmp = (m.groupdict().get("cmp") or "").lower().replace(" ", "")
    if cmp.startswith(("<", "≤", "lessthan", "under")):
        return (0.0, "<") if pct <= 1 else (None, "<")
    if cmp.startswith((">", "≥", "greaterthan", "morethan", "over")):
        return pct, ">"
    return pct, None


def _plain(word: str) -> str:
    """`word` in lower case without accents ("Négatifs" -> "negatifs", "modérée" -> "moderee")."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))


#: A line-end hyphen inside a word and the blanks after it ("MODE-\nRATE", "POSI-\ntive").
_LINE_HYPHEN = regex.compile(r"-[ \t]*\n[ \t]*")


def _intensity_word(word: str) -> str | None:
    """The intensity a word names ("strong to moderate" -> strong; "modérée" -> moderate; "MODE-\nRATE"
    -> moderate; on OCR pages "STR0NG" -> strong, the only words the grammar lets hold a 0)."""
    return _INTENSITY.get(_plain(_LINE_HYPHEN.sub("", word)).split()[0].split("-")[0].replace("0", "o"))


def _intensity_read(word: str) -> str | None:
    """The OCR reading of an intensity word with 0 for o, for the evidence ("STR0NG->strong")."""
    w = _LINE_HYPHEN.sub("", word).strip().lower()
    return f"{w}->{w.replace('0', 'o')}" if "0" in w else None


#: The Vietnamese status words without their accents, and the Polish ones (`STATUS` in rules/receptors.yaml).
_FOREIGN_STATUS = {"duong tinh": "positive", "am tinh": "negative", "dodatni": "positive", "dodatnie": "positive",
                   "dodatnia": "positive", "ujemny": "negative", "ujemne": "negative", "ujemna": "negative"}


def _status_word(word: str) -> str | None:
    w = regex.sub(r"\s+", " ", _plain(_LINE_HYPHEN.sub("", word)))
    if w.endswith("ve") and w[:1] in "+-\u2212":  # "+ve" / "-ve"
        return "positive" if w[0] == "+" else "negative"
    if "low" in w and "pos" in w:
        return "low_positive"
    if w in _FOREIGN_STATUS:
        return _FOREIGN_STATUS[w]
    if "reactive" in w:  # "reactive" / "immunoreactive"; "non-reactive", "unreactive"
        return "negative" if w.startswith(("non", "un", "not ")) else "positive"
    if w.startswith(("not ", "no ")) or w == "absent" or "neg" in w or w.startswith(("n3", "nega")):
        return "negative"
    if "equivoc" in w or "quivoque" in w or "indeterminate" in w:  # also "equívoco", "équivoque"
        return "equivocal"
    if w.startswith(("weakly", "strongly", "focally", "diffusely", "patchy")) or "pos" in w or w.startswith("p"):
        return "positive"
    return None


def _status_from_allred(allred: int) -> str | None:
    """The status an Allred (Quick) score alone gives, by the scale's own convention (see
    ../shared/reference/breast-oncology.md): a total of 0 or 2 is negative, 3 or more positive. The
    total does not tell the percent, so it never gives `low_positive`; a stated percent or status
    beside it is read as well and a disagreement goes to conflicts."""
    return "negative" if allred <= 2 else "positive"


#: The highest H-score (300: every cell staining strongly).
_MAX_HSCORE = 300


def _status_from_hscore(hscore: int) -> str | None:
    """The status an H-score alone settles. It sums each stained cell's intensity (1-3) over 100
    cells, so at least H/3 % of cells stain: 0 is negative (no cell stains), above 30 more than
    10 % stain (positive). 1-30 may be under 1 %, 1-10 % or more, so it settles nothing."""
    if hscore == 0:
        return "negative"
    return "positive" if hscore > 30 else None


def _hscore_findings(page: AnalyzedPage, names: list[str], label_start: int, pos: int, end: int) -> list[Finding]:
    """The H-score in a label's window, kept as `receptors.<er|pr>.h_score` (never a percent)."""
    m = _first(_g()["receptor.detail.hscore"], page, pos, end)
    if m is None or int(m.group("hscore")) > _MAX_HSCORE:
        return []
    return [make_finding(page, f"receptors.{n}.h_score", int(m.group("hscore")), (label_start, m.end()),
                         "receptor.detail.hscore") for n in names]


def _hscore_only(page: AnalyzedPage, a: Anchor, end: int) -> list[Finding]:
    """An H-score as a label's only result ("PR: H score 0"): the score, and the status it settles."""
    rule = _g()["receptor.hscore-value"]
    m = rule.pattern_for(page.is_ocr).match(page.text, a.end, end, timeout=TIMEOUT_S)
    if m is None or int(m.group("hscore")) > _MAX_HSCORE:
        return []
    hscore = int(m.group("hscore"))
    found = []
    for n in _names(a.kind):
        found.append(make_finding(page, f"receptors.{n}.h_score", hscore, (a.start, m.end()), rule))
        status = _status_from_hscore(hscore)
        if status:
            found.append(make_finding(page, f"receptors.{n}.status", status, (a.start, m.end()),
                                      "receptor.status-from-hscore", confidence=0.8))
    return found


#: The status an Allred proportion score states: 0-1 none or under 1 % of cells, 2 1-10 %, 3-5 over 10 %.
_STATUS_FROM_PROPORTION = {0: "negative", 1: "negative", 2: "low_positive", 3: "positive", 4: "positive", 5: "positive"}


def _allred_row(page: AnalyzedPage, a: Anchor, end: int) -> list[Finding]:
    """An Allred (Quick) score table's row, the label then its proportion, intensity and total apart
    by gaps ("ER      5      3      8"): read only when the total is the sum of the two parts. The
    total is the Allred score, the proportion settles the status, the intensity score its word."""
    rule = _g()["receptor.allred-row"]
    m = rule.pattern_for(page.is_ocr).match(page.text, a.end, end, timeout=TIMEOUT_S)
    if m is None:
        return []
    ps, intensity, total = int(m.group("ps")), int(m.group("is")), int(m.group("total"))
    if ps + intensity != total or (ps == 0) != (intensity == 0):
        return []
    found = []
    for n in _names(a.kind):
        found.append(make_finding(page, f"receptors.{n}.allred", total, (a.start, m.end()), rule))
        found.append(make_finding(page, f"receptors.{n}.status", _STATUS_FROM_PROPORTION[ps], (a.start, m.end()), rule))
        if intensity:
            found.append(make_finding(page, f"receptors.{n}.intensity", _INTENSITY_SCORE[str(intensity)],
                                      (a.start, m.end()), rule))
    return found


def _tag_prior(findings: list[Finding], page: AnalyzedPage, start: int, limit: int) -> list[Finding]:
    """Results quoted from an earlier specimen belong to that specimen (and usually a core biopsy).

    Looks from 160 characters before the label (within its sentence: "Biomarkers (from core biopsy
    S1, previously reported): ER ..., HER2 ...") to 60 after the last value read (not past `limit`),
    within the sentence of the values: a prior specimen named in the next sentence is about
    something else, unless the values' sentence leaves a parenthesis open ("(95%, FROM. PREVIOUS
    BIOPSY" in OCR text)."""
    if not findings:
        return findings
    end = max(e.end for f in findings for e in f.evidence)
    hi = min(len(page.text), limit, end + 60)
    s0, s1 = page.sentence_at(max(start, end - 1))
    if s1 < hi and page.text.count("(", start, s1) <= page.text.count(")", start, s1):
        hi = max(end, s1)
    # Values inside a parenthesis are read to its close: "(ER negative, PR negative, HER2 3+ on
    # prior core biopsy)" quotes all three from the prior specimen.
    if page.text.count("(", s0, end) > page.text.count(")", s0, end):
        close = page.text.find(")", end, min(len(page.text), end + 150))
        hi = max(hi, close) if close >= 0 else hi
    m = _first(_g()["receptor.prior-specimen"], page, max(0, start - 160, min(start, _with_line_label(page, page.sentence_at(start)[0]))), hi)
    if m and m.start() >= end and _NEW_STATEMENT.search(page.text, end, m.start()) and \
            page.text.count("(", s0, end) <= page.text.count(")", s0, end):
        m = None  # "HER2 0. Pre-tx core: ER 30%": the earlier specimen's own statement comes after
    if m:
        core = "core" in m.group(0).lower() or "biops" in m.group(0).lower() or "bx" in m.group(0).lower()
        for f in findings:
            f.specimen = "prior"
            f.procedure = "core_biopsy" if core else f.procedure
            # The part the line sits under is not the specimen the result came from, nor its side.
            f.laterality = None
    elif page.section_at(start) in _HISTORY_SECTIONS:
        # A pathology report's clinical history restates results of an earlier specimen
        # ("CLINICAL HISTORY: ... ER+ PR+ HER2- on core biopsy").
        for f in findings:
            f.specimen = "prior"
    return findings


#: A short label that opens a line and ends in a colon ("OUTSIDE REPORT: ", "Prior biopsy: ").
_LINE_LABEL = regex.compile(r"(?:^|\n)[ \t]*[^\n:.;]{2,40}:[ \t]*\Z")


def _with_line_label(page: AnalyzedPage, s0: int) -> int:
    """Where a sentence starts, moved back over the "LABEL: " that opens its line: the label
    names whose results the line gives ("OUTSIDE REPORT: invasive ductal carcinoma, ER positive")."""
    m = _LINE_LABEL.search(page.text, max(0, s0 - 48), s0)
    return m.start() if m else s0


#: A statement's end: a full stop or semicolon before a space (not a decimal point).
_NEW_STATEMENT = regex.compile(r"[.;]\s")
#: Sections whose receptor results are quoted from an earlier specimen, not read on this one.
_HISTORY_SECTIONS = frozenset({"clinical_history", "preoperative_diagnosis"})


def _marker_of_path(path: str) -> str:
    """"receptors.her2.ish_ratio" -> "her2"; "receptors.ki67_percent" -> "ki67"."""
    return path.split(".")[1].split("_")[0]


def _current_over_prior(findings: list[Finding], others: list[Finding] = ()) -> list[Finding]:
    """Results quoted from an earlier specimen give way to this specimen's own on the page. A quoted
    value goes where the page states its own for the same path, and a quoted status where the page
    states anything of its own for that marker (its status follows from it). For ER and PR all
    quoted details go too (one specimen's percent beside another's status describes neither);
    HER2's quoted IHC score stands beside an ISH result of the page's own (an ISH addendum cites the
    IHC of the original report). With nothing of the page's own for a marker, its quoted results stand.
    One exception: a quoted ER/PR percent stays beside a page status of the same reading, and the
    page states nothing else of that marker (a consultation quoting "core biopsy showed ER 0%" and
    assessing "ER negative" states one result twice).
    `others`: the findings of the document's other pages, whose own results count as the page's."""
    # A "triple-negative" summary restates a status; it measures nothing that would replace details.
    own = [f for f in [*findings, *others]
           if f.specimen != "prior" and f.is_fact and f.evidence[0].rule != "receptor.triple-negative"]
    own_paths = {f.path for f in own}
    own_markers = {_marker_of_path(f.path) for f in own}
    agreeing = {marker for marker in ("er", "pr") if _percent_agrees(marker, findings, own)}

    def superseded(f: Finding) -> bool:
        marker = _marker_of_path(f.path)
        if f.path in own_paths:
            return True
        if marker in agreeing and f.path.endswith((".percent", ".percent_qualifier")):
            return False
        return marker in own_markers and (f.path.endswith(".status") or marker in ("er", "pr"))

    return [f for f in findings if f.specimen != "prior" or not superseded(f)]


def _percent_agrees(marker: str, findings: list[Finding], own: list[Finding]) -> bool:
    """Is the one quoted percent of `marker` of the same reading as the page's only statement of
    that marker, a status (under 1 % negative, else positive or low positive)?"""
    quoted = {f.value for f in findings
              if f.specimen == "prior" and f.is_fact and f.path == f"receptors.{marker}.percent"}
    mine = [f for f in own if _marker_of_path(f.path) == marker]
    if len(quoted) != 1 or not mine or any(f.path != f"receptors.{marker}.status" for f in mine):
        return False
    pct = next(iter(quoted))
    reading = "negative" if pct < 1 else "positive"
    return all(("negative" if f.value == "negative" else "positive") == reading for f in mine)


# -- ER / PR ----------------------------------------------------------------------------------


def _receptor_details(page: AnalyzedPage, names: list[str], label_start: int, pos: int, end: int,
                      have_percent: bool) -> tuple[list[Finding], int]:
    """Percent, intensity, Allred for `names` in text[pos:end]; returns findings and the last end."""
    g = _g()
    out: list[Finding] = []
    last = pos
    if not have_percent:
        m = next((m for m in g["receptor.detail.percent"].finditer(page.text, page.is_ocr, pos, end)
                  if not ((m.group("cmp") or m.group("pct_hi")) and g["receptor.detail.category-text"].pattern_for(
                      page.is_ocr).match(page.text, m.end())) and not _in_reference(page, m)
                  and not _in_hscore_breakdown(page, m)), None)
        row = _first(g["receptor.detail.percent-row"], page, pos, end)
        if row and (m is None or row.start() < m.start()):
            m = row  # "% CELLS STAINING   80": a table row's number after its words
        if m:
            pct, how = _percent(m)
            if pct is not None:
                for n in names:
                    out.append(make_finding(page, f"receptors.{n}.percent", pct, (label_start, m.end()),
                                            "receptor.detail.percent", correction=_ocr_read(m, "pct")))
                    if how == ">":
                        out.append(make_finding(page, f"receptors.{n}.percent_qualifier", ">",
                                                (label_start, m.end()), "receptor.detail.percent"))
                last = max(last, m.end())
    m = _first(g["receptor.detail.intensity"], page, pos, end)
    if m:
        value = None
        if m.group("intensity"):
            value = _intensity_word(m.group("intensity"))
        elif m.group("intensity_score"):
            value = _INTENSITY_SCORE.get(m.group("intensity_score"))
        elif m.group("intensity_plus"):
            value = _INTENSITY_SCORE.get(m.group("intensity_plus")[0])
        elif m.group("intensity_signs"):  # "(+++)"
            value = _INTENSITY_SCORE.get(str(len(m.group("intensity_signs"))))
        if value:
            read = _intensity_read(m.group("intensity")) if m.group("intensity") else None
            for n in names:
                out.append(make_finding(page, f"receptors.{n}.intensity", value, (label_start, m.end()),
                                        "receptor.detail.intensity", correction=read))
            last = max(last, m.end())
    m = _first(g["receptor.detail.allred"], page, pos, end)
    if m:
        for n in names:
            out.append(make_finding(page, f"receptors.{n}.allred", int(ocr_number(m.group("allred"))[0]),
                                    (label_start, m.end()), "receptor.detail.allred",
                                    correction=_ocr_read(m, "allred")))
        last = max(last, m.end())
    return out, last


_RANGE_END = regex.compile(r"(?:-|–|to)\s*(\d{1,3})\s*(?:%|percent)$", regex.IGNORECASE)


def _refine_low(page: AnalyzedPage, found: list[Finding], label_start: int, value_end: int,
                end: int) -> list[Finding]:
    """A stated "positive" whose own label window says 1-10 % ("ER weakly positive (5%)", "ER:
    positive, low (1-10%)") or "low" ("PR: positive, low") is ER/PR-low: the status is
    low_positive on one evidence reaching the percent, never a "positive" beside it."""
    statuses = [f for f in found if f.path.endswith(".status") and f.value == "positive"]
    if not statuses:
        return found
    reach = None
    low = _g()["receptor.low-after-status"].pattern_for(page.is_ocr).match(page.text, value_end, end)
    if low:
        reach = low.end()
    for f in found:
        if not f.path.endswith(".percent") or f.value is None or not 1 <= f.value <= 10:
            continue
        if any(q.path == f.path + "_qualifier" for q in found):
            continue
        hi = _RANGE_END.search(f.evidence[0].text)
        if hi and float(hi.group(1)) > 10:
            continue
        reach = max(reach or 0, f.evidence[0].end)
    if reach is None:
        return found
    out = [f for f in found if f not in statuses]
    for f in statuses:
        refined = make_finding(page, f.path, "low_positive", (label_start, reach), _g()["receptor.label-value"])
        refined.specimen, refined.laterality, refined.procedure = f.specimen, f.laterality, f.procedure
        refined.assertion = f.assertion
        out.insert(0, refined)
    return out


def _hr_summary(page: AnalyzedPage, a: Anchor) -> bool:
    """A hormone-receptor summary label ("HR+", "hormone receptor positive"): ER and/or PR."""
    return a.kind == "both" and bool(_g()["receptor.hr-summary"].pattern_for(page.is_ocr).match(
        page.text, a.start, a.end))


def _negative_summary(m: regex.Match) -> bool:
    """Only a negative hormone-receptor summary states both receptors ("HR-negative", "HR-")."""
    if m.group("status"):
        return _status_word(m.group("status")) == "negative"
    if m.group("sign"):
        return "-" in m.group("sign") or "−" in m.group("sign")
    return False


def _names(kind: str) -> list[str]:
    return ["er", "pr"] if kind == "both" else [kind]


def _says_for(page: AnalyzedPage, start: int, end: int) -> bool:
    """A cheap test before `receptor.status-for-label` is searched: its "for" is in the text."""
    return "for" in page.text[max(0, start):end].lower()


def _values_before(page: AnalyzedPage, items: list[Anchor], taken: list[tuple[int, int]]) -> Iterator[Finding]:
    """Values written before their label: "negative for ER and PR", "80% of tumor cells ... for ER".
    A label read this way is not read again forwards (its window holds the next statement)."""
    g = _g()
    status_before = g["receptor.status-for-label"].pattern_for(page.is_ocr)
    percent_before = g["receptor.percent-for-label"].pattern_for(page.is_ocr)
    and_next = g["receptor.and-next-label"].pattern_for(page.is_ocr)
    for i, a in enumerate(items):
        if a.kind not in ("er", "pr", "both") or any(s <= a.start < e for s, e in taken):
            continue
        names = _names(a.kind)
        if a.kind == "er" and i + 1 < len(items) and items[i + 1].kind == "pr" and and_next.match(
                page.text, a.end, items[i + 1].start):
            names, end = ["er", "pr"], items[i + 1].end  # "ER and PR"
        else:
            end = a.end
        m = status_before.search(page.text, max(0, a.start - 70), a.start, timeout=TIMEOUT_S) \
            if _says_for(page, a.start - 70, a.start) else None
        if m and not _is_reference_text(page, m.start(), end):
            status = _status_word(m.group("status"))
            if status in ("positive", "low_positive") and _hr_summary(page, a):
                continue
            if status in ("positive", "negative", "low_positive"):
                found = [make_finding(page, f"receptors.{n}.status", status, (m.start(), end),
                                      g["receptor.status-for-label"]) for n in names]
                after = g["receptor.percent-after-status-label"].pattern_for(page.is_ocr).match(
                    page.text, end, min(len(page.text), end + 60), timeout=TIMEOUT_S)
                # "positive for estrogen receptor (approximately 95%)", "Negative for ER (0%) and PR (<1%)"
                for n, label_end in zip(names, (a.end, end) if len(names) == 2 else (end,)):
                    after = g["receptor.percent-after-status-label"].pattern_for(page.is_ocr).match(
                        page.text, label_end, min(len(page.text), label_end + 60), timeout=TIMEOUT_S)
                    pct = _percent(after)[0] if after else None
                    if pct is not None:
                        found.append(make_finding(page, f"receptors.{n}.percent", pct, (m.start(), after.end()),
                                                  g["receptor.percent-after-status-label"],
                                                  correction=_ocr_read(after, "pct")))
                taken.append((m.start(), end))
                yield from _tag_prior(found, page, m.start(), end + 60)
                continue
        m = percent_before.search(page.text, max(0, a.start - 160), a.start, timeout=TIMEOUT_S)
        if m:
            pct, _ = _percent(m)
            if pct is None:
                continue
            start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            found = [make_finding(page, f"receptors.{n}.percent", pct, (start, end),
                                  g["receptor.percent-for-label"], correction=_ocr_read(m, "pct")) for n in names]
            inten = _first(g["receptor.detail.intensity"], page, m.end("value"), m.end())
            if inten and inten.group("intensity"):
                value = _intensity_word(inten.group("intensity"))
                if value:
                    found += [make_finding(page, f"receptors.{n}.intensity", value, (start, end),
                                           g["receptor.percent-for-label"],
                                           correction=_intensity_read(inten.group("intensity"))) for n in names]
            taken.append((start, end))
            yield from _tag_prior(found, page, start, end + 60)


def _listed_status(page: AnalyzedPage, items: list[Anchor], i: int) -> tuple[str, int] | None:
    """A status written once after a list of labels that takes in label `i` ("ER, PR and HER2
    (ultralow): not identified", "HER2, ER and PR: negative"): (status, where it ends)."""
    g = _g()
    join = g["receptor.list-join"].pattern_for(page.is_ocr)
    j = i
    while j + 1 < len(items) and items[j + 1].kind in ("er", "pr", "both", "her2") and join.match(
            page.text, items[j].end, items[j + 1].start, timeout=TIMEOUT_S):
        j += 1
    if j == i:
        return None
    m = g["receptor.list-value"].pattern_for(page.is_ocr).match(
        page.text, items[j].end, min(len(page.text), items[j].end + 60), timeout=TIMEOUT_S)
    if not m or _is_reference_text(page, m.start("status"), m.end()):
        return None
    status = _status_word(m.group("status"))
    return (status, m.end()) if status in ("positive", "negative") else None


def _list_start(page: AnalyzedPage, items: list[Anchor], i: int) -> bool:
    """Whether label `i` is the first of a list (no list label joined before it)."""
    join = _g()["receptor.list-join"].pattern_for(page.is_ocr)
    return i == 0 or items[i - 1].kind not in ("er", "pr", "both", "her2") or not join.match(
        page.text, items[i - 1].end, items[i].start, timeout=TIMEOUT_S)


def _listed_findings(page: AnalyzedPage, items: list[Anchor], i: int, kinds: tuple[str, ...]) -> list[Finding]:
    """The status of every label of kind in `kinds` in the list that label `i` (its first) opens."""
    listed = _listed_status(page, items, i)
    if listed is None:
        return []
    status, end = listed
    rule = _g()["receptor.list-value"]
    out = []
    for a in items[i:]:
        if a.start >= end:
            break
        if a.kind in kinds:
            out += [make_finding(page, f"receptors.{n}.status", status, (items[i].start, end), rule)
                    for n in _names(a.kind)]
    return _tag_prior(out, page, items[i].start, end)


def _own_statement_end(page: AnalyzedPage, items: list[Anchor], i: int, value_end: int, end: int) -> int:
    """Where an ER/PR label's details end: where the window stops, or at the same receptor's label
    in a later sentence or with a value of its own ("ER positive breast cancer at 50. Earlier
    biopsy reported ER 5%"), whose details are its own."""
    end = _stop(page, value_end, end)
    sentence = page.sentence_at(max(value_end - 1, 0))[1]
    rule = _g()["receptor.label-value"].pattern_for(page.is_ocr)
    for b in items[i + 1:]:
        if b.start >= end:
            break
        if b.kind in ("er", "pr", "both") and (b.start >= sentence or rule.match(page.text, b.end, end,
                                                                                 timeout=TIMEOUT_S)):
            return b.start
    return end


def _by_mrna(page: AnalyzedPage, a: Anchor, end: int) -> bool:
    """The label's result is an mRNA one (TargetPrint, RT-PCR), not IHC or ISH, or a control
    tissue's ("External positive control ER positive", a line or table row that opens with a
    control's name: "External control:   ER  Positive   PR  Positive   HER2 3+")."""
    g = _g()
    line_start = page.text.rfind("\n", 0, a.start) + 1
    if is_run_on(page.text):  # a run-on page's printed lines end with ". "
        line_start = max(line_start, page.text.rfind(". ", 0, a.start) + 2)
    return bool(g["receptor.exclude.control-before"].pattern_for(page.is_ocr).search(
                    page.text, max(line_start, a.start - 40), a.start, timeout=TIMEOUT_S)
                or g["receptor.exclude.control-line"].pattern_for(page.is_ocr).match(
                    page.text, line_start, a.start, timeout=TIMEOUT_S)
                # inside a control's bracket, which may have opened on the line before
                or g["receptor.exclude.control-bracket"].pattern_for(page.is_ocr).search(
                    page.text, max(0, a.start - 80), a.start, timeout=TIMEOUT_S)
                or g["receptor.exclude.mrna-before"].pattern_for(page.is_ocr).search(
                    page.text, max(line_start, a.start - 80), a.start, timeout=TIMEOUT_S)
                or g["receptor.exclude.mrna-after"].pattern_for(page.is_ocr).match(
                    page.text, a.end, min(end, a.end + 60), timeout=TIMEOUT_S))


def _cell_kind(cell: str) -> str:
    """What a flattened table cell opens with: a status word, a percent or an IHC score; or "" for an
    empty cell (a test not done on that column's specimen)."""
    c = cell.lstrip("(<> \t")
    if c.lower().startswith(("not ", "n/a", "pending")):
        return ""
    return "percent" if "%" in c.split()[0] else ("score" if c[:1].isdigit() or c[:1] in "lI|" else "status")


def _cell_kinds(cells: list[str]) -> set[str]:
    return {_cell_kind(c) for c in cells} - {""}


def _column_cells(page: AnalyzedPage, label_end: int, end: int, found: list[Finding]) -> list[Finding]:
    """`found` for a label whose row of a flattened comparison table holds one cell per column
    (`receptor.column-cells`, run-on pages): as read where the cells agree; only the status where
    they share it and differ in details ("POSITIVE (90%). POSITIVE (95%)"); nothing where they
    differ, since which column is which specimen is gone with the layout."""
    if not found or not is_run_on(page.text):
        return found
    m = _g()["receptor.column-cells"].pattern_for(page.is_ocr).match(page.text, label_end, end, timeout=TIMEOUT_S)
    if m is None:
        return found
    cells = [" ".join(c.upper().split()) for c in m.captures("cell")]
    if len(_cell_kinds(cells)) != 1 or len(set(cells)) == 1:
        return found  # the columns of one result ("POSITIVE. 95%."), or cells that agree
    statuses = {_status_word(c) for c in cells if _cell_kind(c)} if _cell_kinds(cells) == {"status"} else {None}
    if len(statuses) == 1 and None not in statuses:
        return [f for f in found if f.path.endswith(".status")]
    return []


#: A printed line of run-on text: up to the ". " that joined it to the next ("09.12.2026" stays whole).
_RUN_ON_PIECE = regex.compile(r"(?:[^.]|\.(?!\s))+?(?=\.(?:\s|$))")


def _row_windows(page: AnalyzedPage, items: list[Anchor], i: int, end: int) -> list[tuple[int, int, str | None]] | None:
    """Where to read label `i`'s row of a comparison table flattened by the run-on conversion, one
    column per specimen: a row whose cells each took a printed line (`receptor.column-cells`: "ER.
    POSITIVE (90%). POSITIVE (95%).", under "MARKER. CORE BIOPSY (S-1). EXCISION (THIS SPECIMEN).") or
    a row on one printed line ("ER Positive 8/8 Positive 7/8.", under "2017 WLE 2026 mastectomy (this
    specimen)."). Every cell with its column's side where each column names one side ("RIGHT BREAST.
    LEFT BREAST."), else the cell of the column named as the current specimen (as in
    `specimen_column_cells`: "this specimen", a revision, the latest date, a recurrence); [] (nothing)
    for a one-line row whose header names no current column. None when the label opens no such row,
    or a one-cell-a-line row's header names no current column: then `_column_cells` reads what its cells
    agree on."""
    if not is_run_on(page.text):
        return None
    g, text, a = _g(), page.text, items[i]
    m = g["receptor.column-cells"].pattern_for(page.is_ocr).match(text, a.end, end, timeout=TIMEOUT_S)
    cells = [" ".join(c.upper().split()) for c in m.captures("cell")] if m else []
    if m is None:
        return _line_row_windows(page, items, i, end)
    if len(set(cells)) == 1 or len(_cell_kinds(cells)) != 1:
        return None
    head = None
    for h in g["receptor.column-header"].pattern_for(page.is_ocr).finditer(text, max(0, a.start - 600), a.start):
        head = h
    if head is None:
        return None
    first = next((b.start for b in items if b.start >= head.end()), a.start)
    cols = []
    for piece in _RUN_ON_PIECE.finditer(text[head.end():first]):
        s0 = head.end() + piece.start()
        s0 += len(piece.group(0)) - len(piece.group(0).lstrip())
        cols.append((s0, head.end() + piece.end()))
    if len(cols) != len(cells):
        return None
    return _column_choice(page, cols, m.spans("cell")) or None  # no current column: what the cells agree on


def _column_choice(page: AnalyzedPage, cols: list[tuple[int, int]],
                   cells: list[tuple[int, int]]) -> list[tuple[int, int, str | None]]:
    """The cells to read under header columns `cols`: each with its side when every column names one
    side, else the current column's cell, else none."""
    sides = [side_of(page.text[s:e]) for s, e in cols]
    if all(side and not both for side, both in sides) and len({side for side, _ in sides}) == len(cols):
        return [(s, e, side) for (s, e), (side, _) in zip(cells, sides)]
    now = _current_column(page, cols)
    return [(*cells[now], None)] if now is not None else []


#: The sides a one-line header names, one a column ("Marker Left breast Right breast").
_SIDE_WORD = regex.compile(r"(?<![\w])(?:left|right)(?![\w])", regex.IGNORECASE)


def _line_row_windows(page: AnalyzedPage, items: list[Anchor], i: int, end: int) -> list[tuple[int, int, str | None]] | None:
    """`_row_windows` for a row on one printed line: its header is the printed line above its table's
    rows (lines that open with a marker label, or a bar table's rule), read as `_specimen_columns` reads
    a header (or by its side words), and its cells as `_column_values` reads a row."""
    text, a = page.text, items[i]
    row0 = text.rfind(". ", 0, a.start) + 2 if text.rfind(". ", 0, a.start) >= 0 else 0
    if text[row0:a.start].strip(" \t|"):
        return None  # the label does not open its printed line
    row1 = text.find(". ", a.end)
    row1 = len(text) if row1 < 0 else row1
    starts = {b.start for b in items if b.kind != "other"}
    h1 = row0 - 2
    for _ in range(_TABLE_ROWS + 2):  # up over the table's other rows and rules to its header
        if h1 <= 0:
            return None
        h0 = text.rfind(". ", 0, h1) + 2 if text.rfind(". ", 0, h1) >= 0 else 0
        piece = text[h0:h1]
        lead = h0 + len(piece) - len(piece.lstrip(" \t|"))
        if lead in starts or set(piece) <= set("-_=+|: \t"):
            h1 = h0 - 2
            continue
        break
    else:
        return None
    bars = text.count("|", row0, row1) >= 2
    cols = _specimen_columns(page, h0, h1, bars)
    if not cols:
        sides = [w.start() for w in _SIDE_WORD.finditer(text, h0, h1)]
        if len(sides) < 2:
            return None
        cols = [(s, e) for s, e in zip(sides, [*sides[1:], h1])]
    if bars:
        row = row_cells(text, row0, row1, bars_only=True)
        values = row[1:] if len(row) == len(cols) + 1 else []
    else:
        values = _value_cells(page, a.end, row1, len(cols))
    if not values or len({" ".join(text[s:e].upper().split()) for s, e in values}) == 1:
        return None  # no cell a column, or cells that agree: read as written
    return _column_choice(page, cols, values)


def _sided(found: list[Finding], side: str | None) -> list[Finding]:
    """`found` read in a side's column: that side's (the other breast's values go to its own tumour)."""
    if side:
        for f in found:
            f.laterality = side  # type: ignore[assignment]
    return found


def _dash_reading(page: AnalyzedPage, items: list[Anchor], i: int, end: int) -> str | None:
    """How "HER2-. POSITIVE" on a run-on page reads (`her2.dash-line-end`): "sign" (HER2 negative)
    when an ER or PR label just before carries a sign, "status" when the positive word stands alone
    on its printed line, else None (nothing is read)."""
    g = _g()
    sign = g["her2.dash-sign"].pattern_for(page.is_ocr)
    a = items[i]
    if any(b.kind in ("er", "pr", "both") and a.start - b.end <= 60 and sign.match(page.text, b.end, a.start)
           for b in items[max(0, i - 3):i]):
        return "sign"
    if g["her2.dash-status-alone"].pattern_for(page.is_ocr).match(page.text, a.end, end, timeout=TIMEOUT_S):
        return "status"
    return None


def hormone_receptors(page: AnalyzedPage) -> Iterator[Finding]:
    """ER and PR findings on the page."""
    g = _g()
    items = anchors(page)
    taken: list[tuple[int, int]] = []
    yield from _values_before(page, items, taken)
    for i, a in enumerate(items):
        if a.kind not in ("er", "pr", "both") or any(s <= a.start < e for s, e in taken) or _in_table_header(page, a) \
                or _second_grid_label(page, items, i):
            continue
        end = _window_end(page, items, i)
        if g["receptor.exclude.rt-pcr-score"].pattern_for(page.is_ocr).match(page.text, a.end, end) or _by_mrna(page, a, end):
            continue
        windows = _row_windows(page, items, i, end)  # a flattened comparison row: the cells to read
        for value_from, end, side in windows if windows is not None else [(a.end, end, None)]:
            m = g["receptor.label-value"].pattern_for(page.is_ocr).match(page.text, value_from, end, timeout=TIMEOUT_S)
            hscore = (_hscore_only(page, a, end) or _allred_row(page, a, end)) if not m else []
            if hscore:
                taken.append((a.start, hscore[0].evidence[0].end))
                yield from _tag_prior(hscore, page, a.start, end)
                continue
            if not m and _list_start(page, items, i):
                listed = _listed_findings(page, items, i, ("er", "pr", "both", "her2"))
                taken.extend((f.evidence[0].start, f.evidence[0].end) for f in listed)
                yield from listed
                continue
            if not m or _is_reference_text(page, m.start("value"), m.end("value")):
                continue
            names = _names(a.kind)
            found: list[Finding] = []
            rule = g["receptor.label-value"]
            if _hr_summary(page, a) and not _negative_summary(m):
                continue
            have_percent = False
            if m.group("status"):
                status = _status_word(m.group("status"))
                second = g["receptor.respective-status"].pattern_for(page.is_ocr).match(page.text, m.end(), end) \
                    if len(names) == 2 else None
                if second and status in ("positive", "negative", "low_positive"):
                    # "ER/PR: positive/negative": one status each, in the order of the labels.
                    other = _status_word(second.group("status"))
                    found.append(make_finding(page, "receptors.er.status", status, (a.start, m.end()), rule))
                    if other in ("positive", "negative", "low_positive"):
                        found.append(make_finding(page, "receptors.pr.status", other, (a.start, second.end()), rule))
                    names = ["er"]
                elif status in ("positive", "negative", "low_positive"):
                    for n in names:
                        found.append(make_finding(page, f"receptors.{n}.status", status, (a.start, m.end()), rule))
            elif m.group("pct_value"):
                pct, how = _percent(m)
                have_percent = True
                second = g["receptor.respective-percent"].pattern_for(page.is_ocr).match(page.text, m.end(), end) \
                    if len(names) == 2 and pct is not None else None
                other = decimal(second.group("pct")) if second else None
                # "ER/PR: <1%/80%" holds two readings this grammar does not take apart: neither is read.
                if second and how is None and other is not None and other <= 100:
                    # "ER/PR: 90%/70%": one percent each, in the order of the labels.
                    found.append(make_finding(page, "receptors.er.percent", pct, (a.start, m.end()), rule,
                                              correction=_ocr_read(m, "pct")))
                    found.append(make_finding(page, "receptors.pr.percent", other, (a.start, second.end()),
                                              g["receptor.respective-percent"]))
                    names = ["er"]
                elif pct is not None and not second:
                    for n in names:
                        found.append(make_finding(page, f"receptors.{n}.percent", pct, (a.start, m.end()), rule,
                                                  correction=_ocr_read(m, "pct")))
                        if m.group("pre_intensity"):  # "ER 3+ 90%": the intensity written before the percent
                            found.append(make_finding(page, f"receptors.{n}.intensity",
                                                      _INTENSITY_SCORE[m.group("pre_intensity")], (a.start, m.end()), rule))
                        if how == ">":
                            found.append(make_finding(page, f"receptors.{n}.percent_qualifier", ">", (a.start, m.end()), rule))
                if how == "<" and pct == 0.0 and not second:
                    for n in names:
                        found.append(make_finding(page, f"receptors.{n}.status", "negative", (a.start, m.end()), rule))
            elif m.group("allred_value"):
                allred = int(ocr_number(m.group("allred"))[0])
                status = _status_from_allred(allred)
                stated = g["receptor.status-after-score"].pattern_for(page.is_ocr).match(page.text, m.end(), end)
                if stated and _status_word(stated.group("status")) in ("positive", "negative", "low_positive"):
                    # "Allred score 3 (PS 2 + IS 1) - POSITIVE, low": the stated status, not one derived
                    for n in names:
                        found.append(make_finding(page, f"receptors.{n}.status", _status_word(stated.group("status")),
                                                  (a.start, stated.end()), g["receptor.status-after-score"]))
                    found = _refine_low(page, found, a.start, stated.end(), end)
                    status = None
                for n in names:
                    found.append(make_finding(page, f"receptors.{n}.allred", allred, (a.start, m.end()), rule,
                                              correction=_ocr_read(m, "allred")))
                    if status:
                        found.append(make_finding(page, f"receptors.{n}.status", status, (a.start, m.end()),
                                                  "receptor.status-from-allred", confidence=0.8))
            elif m.group("sign"):
                status = "positive" if "+" in m.group("sign") else "negative"
                for n in names:
                    found.append(make_finding(page, f"receptors.{n}.status", status, (a.start, m.end()), rule,
                                              target=(a.start, a.end)))
            elif m.group("zero"):  # "ER 0 (H-score 0)": no staining, whatever the scale
                found += [make_finding(page, f"receptors.{n}.status", "negative", (a.start, m.end()), rule) for n in names]
            elif m.group("signs"):  # "Estrogen receptors: +++": positive, and "++"/"+++" is the staining intensity
                pluses = m.group("signs").count("+")
                for n in names:
                    found.append(make_finding(page, f"receptors.{n}.status", "positive", (a.start, m.end()), rule,
                                              target=(a.start, a.end)))
                    if pluses > 1:
                        found.append(make_finding(page, f"receptors.{n}.intensity", _INTENSITY_SCORE[str(pluses)],
                                                  (a.start, m.end()), rule, target=(a.start, a.end)))
            if not found:
                continue
            details, _ = _receptor_details(page, names, a.start, m.end(), _own_statement_end(page, items, i, m.end(), end),
                                           have_percent)
            found.extend(details)
            found.extend(_hscore_findings(page, names, a.start, a.end, end))
            if m.group("status"):
                found = _refine_low(page, found, a.start, m.end(), end)
            taken.append((a.start, m.end()))
            yield from _tag_prior(_sided(found, side) if windows is not None else _column_cells(page, a.end, end, found), page,
                                  a.start, end)

    for m in scan(page, g["receptor.triple-negative"]):
        for path in ("receptors.er.status", "receptors.pr.status", "receptors.her2.status"):
            yield make_finding(page, path, "negative", m.span(), g["receptor.triple-negative"])


# -- HER2 -------------------------------------------------------------------------------------


def _score(m: regex.Match) -> str | None:
    for name in ("score", "score_paren", "score_word", "score_zero"):
        value = m.group(name)
        if value:
            digit = ocr_number(value.strip()[0])[0]  # "l+" on an OCR page is 1+
            return "0" if digit == "0" else f"{digit}+"
    return None


def _score_correction(m: regex.Match) -> str | None:
    """The OCR reading of an IHC score digit ("l->1"), for the evidence."""
    for name in ("score", "score_word", "score_zero"):
        value = m.groupdict().get(name)
        if value:
            return ocr_number(value.strip()[0])[1]
    return None


def her2(page: AnalyzedPage) -> Iterator[Finding]:
    """HER2 IHC score, ISH result/ratio/copy number and stated status."""
    g = _g()
    items = anchors(page)
    for i, a in enumerate(items):
        if a.kind != "her2" or _in_table_header(page, a) or _second_grid_label(page, items, i):
            continue
        end = _window_end(page, items, i, limit=200)
        if g["her2.exclude.rt-pcr-score"].pattern_for(page.is_ocr).match(page.text, a.end, end) or _by_mrna(page, a, end):
            continue
        if is_run_on(page.text) and g["her2.dash-line-end"].pattern_for(page.is_ocr).match(page.text, a.end, end):
            reading = _dash_reading(page, items, i, end)
            if reading == "sign":
                yield from _tag_prior([make_finding(page, "receptors.her2.status", "negative", (a.start, a.end + 1),
                                                    g["her2.dash-sign"])], page, a.start, end)
            if reading != "status":
                continue
        windows = _row_windows(page, items, i, end)  # a flattened comparison row: the cells to read
        for value_from, end, side in windows if windows is not None else [(a.end, end, None)]:
            found: list[Finding] = []
            m = g["her2.label-value"].pattern_for(page.is_ocr).match(page.text, value_from, end, timeout=TIMEOUT_S)
            syn = None
            if not m:
                syn = _first(g["her2.synoptic"], page, a.end, end)
                if syn is None or _is_reference_text(page, syn.start(), syn.end()):
                    found = _her2_status_before(page, a, end) or _ish_line(page, a, end) or _ish_before(page, a, end)
                    if not found and _list_start(page, items, i):
                        yield from _listed_findings(page, items, i, ("her2",))
                        continue
                    if found:
                        yield from _tag_prior(found, page, found[0].evidence[0].start, end)
                    continue
                status = _status_word(syn.group("status"))
                if status:
                    found.append(make_finding(page, "receptors.her2.status", status, (a.start, syn.end()),
                                              g["her2.synoptic"]))
                    # An ISH report's interpretation ("INTERPRETATION: NEGATIVE (NOT AMPLIFIED)"): its
                    # result, read only when the label's line or window names ISH and the window not IHC.
                    r = _first(g["her2.detail.ish-result"], page, syn.end(), min(end, syn.end() + 30))
                    if r and _first(g["her2.detail.ish-method"], page, page.text.rfind("\n", 0, a.start) + 1, syn.start()) \
                            and not _first(g["her2.detail.ihc-method"], page, a.start, syn.end()):
                        value = _ish_value(r)
                        found.append(make_finding(page, "receptors.her2.ish_result", value, (a.start, r.end()),
                                                  "her2.detail.ish-result"))
                if syn.group("score"):
                    found.append(make_finding(page, "receptors.her2.ihc_score",
                                              "0" if syn.group("score") == "0" else f"{syn.group('score')}+",
                                              (a.start, syn.end()), g["her2.synoptic"]))
                yield from _tag_prior(found, page, a.start, end)
                continue
            if _is_reference_text(page, m.start("value"), m.end("value")):
                continue
            if m.group("score"):
                # "negative for HER2 (score 1+)": the status written before the label, with its score.
                found = _her2_status_before(page, a, end)
                if found:
                    yield from _tag_prior(found, page, found[0].evidence[0].start, end)
                    continue
            found = list(_her2_window(page, a, m, _next_statement(page, items, i, m.end(), end)))
            yield from _tag_prior(_sided(found, side) if windows is not None else _column_cells(page, a.end, end, found), page,
                                  a.start, end)


def _next_statement(page: AnalyzedPage, items: list[Anchor], i: int, value_end: int, end: int) -> int:
    """Where a HER2 label's details end: at a later sentence's HER2 label that states its own value
    ("HER2 negative (0). If HER2 is amplified on repeat testing ..."), whose context is its own."""
    rule = _g()["her2.label-value"].pattern_for(page.is_ocr)
    sentence = page.sentence_at(max(value_end - 1, 0))[0]
    for b in items[i + 1:]:
        if b.start >= end:
            break
        if b.kind == "her2" and page.sentence_at(b.start)[0] > sentence and rule.match(
                page.text, b.end, end, timeout=TIMEOUT_S):
            return b.start
    return end


def _ish_value(m: regex.Match) -> str:
    """The ISH result a `her2.detail.ish-result` match states."""
    return "not_amplified" if m.group("not_amp") else ("amplified" if m.group("amp") else "equivocal")


def _ratio_read(m: regex.Match) -> tuple[float | None, str | None]:
    """The ISH ratio of a `her2.detail.ratio` match, with OCR's reading of it ("l.9" is 1.9)."""
    read, corr = ocr_number(m.group("ratio") or m.groupdict().get("ratio2") or "")
    return decimal(read), corr


def _ish_line(page: AnalyzedPage, a: Anchor, end: int) -> list[Finding]:
    """An ISH line whose label is followed by its measures rather than a value ("HER2 FISH (dual
    probe): RATIO 2.6, MEAN HER2 COPY NUMBER 6.3. AMPLIFIED."): its ratio and result, read to the
    line's end. Copy numbers are read by `her2_copy_statements`."""
    g = _g()
    method = _first(g["her2.detail.ish-method"], page, a.end, min(end, a.end + 24))
    if method is None:
        # The ISH result straight after the label: "HER2 (gene) amplification not identified by FISH".
        method = _first(g["her2.detail.ish-result"], page, a.end, min(end, a.end + 60))
        if method is None or method.start() > a.end + 12:
            return []
    line_end = page.text.find("\n", a.end)
    stop = _stop(page, a.end, min(end, line_end if line_end >= 0 else end))
    result = _first(g["her2.detail.ish-result"], page, method.start(), stop)
    # an IHC method before the ISH result makes no ISH line; after it, an IHC statement of its own
    # ("HER2 by SISH: ratio 1.6 (not amplified); HER2 IHC was 2+")
    if _first(g["her2.detail.ihc-method"], page, a.end, result.start() if result else stop):
        return []
    found = []
    r = _first(g["her2.detail.ratio"], page, method.end(), stop)
    if r is not None and not _is_reference_text(page, r.start(), r.end()):
        ratio, corr = _ratio_read(r)
        if ratio is not None and ratio < 30:
            found.append(make_finding(page, "receptors.her2.ish_ratio", ratio, (a.start, r.end()), "her2.detail.ratio",
                                      correction=corr))
    r = result
    # not a result a conditional supposes ("ISH is recommended; if amplified, ...")
    if r is not None and not _is_reference_text(page, r.start(), r.end()) \
            and page.assertion(r.start(), r.end()) != "hypothetical":
        value = _ish_value(r)
        found.append(make_finding(page, "receptors.her2.ish_result", value, (a.start, r.end()),
                                  "her2.detail.ish-result"))
    return found


def _ish_before(page: AnalyzedPage, a: Anchor, end: int) -> list[Finding]:
    """An ISH result written before the HER2 label, its sentence's words ("CISH: no amplification of
    HER2", "FISH: no evidence of HER2 gene amplification", "FISH demonstrates HER2 amplification"); not a
    control's ("control ... no amplification of HER2") nor quoted guideline text."""
    g = _g()
    lo = max(page.sentence_at(a.start)[0], a.start - 60)
    m = g["her2.ish-result-before-label"].pattern_for(page.is_ocr).search(page.text, lo, a.start, timeout=TIMEOUT_S)
    if not m:
        return []
    after = g["her2.ish-result-before-label.after"].pattern_for(page.is_ocr).match(page.text, a.end, end)
    if m.group("not_amp"):
        value, stop = "not_amplified", a.end
    elif m.group("no_evidence") and after and after.group("amp_word"):
        value, stop = "not_amplified", after.end()
    elif m.group("amp") and after and after.group("present"):
        value, stop = "amplified", after.end()
    elif m.group("shows") and after and after.group("amp_word"):
        value, stop = "amplified", after.end()
    else:
        return []
    if g["her2.exclude.control-score"].pattern_for(page.is_ocr).search(page.text, lo, m.start()) \
            or _is_reference_text(page, m.start(), stop):
        return []
    return [make_finding(page, "receptors.her2.ish_result", value, (m.start(), stop), g["her2.ish-result-before-label"])]


def _her2_status_before(page: AnalyzedPage, a: Anchor, end: int) -> list[Finding]:
    """A status written before the HER2 label ("... and negative for Her-2 by immunohistochemistry"),
    with an IHC score written just after it ("negative for HER2 (score 1+)")."""
    g = _g()
    m = g["receptor.status-for-label"].pattern_for(page.is_ocr).search(page.text, max(0, a.start - 70), a.start,
                                                                     timeout=TIMEOUT_S) \
        if _says_for(page, a.start - 70, a.start) else None
    if not m or _is_reference_text(page, m.start(), a.end):
        return []
    status = _status_word(m.group("status"))
    if status not in ("positive", "negative"):
        return []
    found = [make_finding(page, "receptors.her2.status", status, (m.start(), a.end), g["receptor.status-for-label"])]
    score = _first(g["her2.detail.ihc-score"], page, a.end, min(end, a.end + 40))
    if score and _score(score) and not _is_reference_text(page, score.start(), score.end()):
        found.append(make_finding(page, "receptors.her2.ihc_score", _score(score), (m.start(), score.end()),
                                  "her2.detail.ihc-score", correction=_score_correction(score)))
    return found


def _her2_window(page: AnalyzedPage, a: Anchor, m: regex.Match, end: int) -> Iterator[Finding]:
    g = _g()
    rule = g["her2.label-value"]
    stop = _stop(page, m.end(), end)
    details_end = max(stop, m.end())
    filler = m.group("filler") or ""
    ish_before = bool(_first(g["her2.detail.ish-method"], page, a.start, m.start("value")))
    ihc_before = bool(_first(g["her2.detail.ihc-method"], page, a.start, m.start("value")))
    target = None

    status_word = m.group("status")
    if (status_word or m.group("sign")) and g["her2.exclude.provisional"].pattern_for(page.is_ocr).match(
            page.text, m.end(), min(len(page.text), m.end() + 20)):
        status_word = None  # "HER2-negative pending ISH": a provisional status is no result
    elif status_word:
        status = _status_word(status_word)
        weakly = status_word.lower().startswith("weakly")
        if ish_before and not ihc_before and status in ("positive", "negative", "equivocal"):
            value = {"positive": "amplified", "negative": "not_amplified"}.get(status, "equivocal")
            yield make_finding(page, "receptors.her2.ish_result", value, (a.start, m.end()), rule, target=target)
            if status == "equivocal":  # "HER2 by FISH: equivocal" leaves the status equivocal too
                yield make_finding(page, "receptors.her2.status", status, (a.start, m.end()), rule, target=target)
        elif status and not weakly:
            # "Negative by FISH": the ISH result and the stated final status.
            after = page.text[m.end():m.end() + 12].lower()
            if regex.match(r"\s*by\.?\s+(?:fish|ish|cish|sish)", after) and status in ("positive", "negative"):
                yield make_finding(page, "receptors.her2.ish_result",
                                   "amplified" if status == "positive" else "not_amplified",
                                   (a.start, m.end() + len(regex.match(r"\s*by\.?\s+\w+", after).group(0))),
                                   rule, target=target)
            yield make_finding(page, "receptors.her2.status", status, (a.start, m.end()), rule, target=target)
    elif m.group("category"):  # "HER2-low (IHC 1+)", "HER2-ultralow": the category as stated
        word = regex.sub(r"[\s-]", "", m.group("category").lower())
        yield make_finding(page, "receptors.her2.category", word, (a.start, m.end()), rule, target=target)
    elif m.group("score"):
        score, correction = ocr_number(m.group("score").replace(" ", "")[0])
        # A score 0 is itself the absence of staining: "HER2 (0): not identified" restates it.
        yield make_finding(page, "receptors.her2.ihc_score", "0" if score == "0" else f"{score}+",
                           (a.start, m.end()), rule, target=target, correction=correction,
                           negation_applies=score != "0")
        # "HER2 (IHC): 3+, POSITIVE": the final status stated after the score.
        stated = g["receptor.status-after-score"].pattern_for(page.is_ocr).match(page.text, m.end(), details_end)
        if stated and not g["her2.exclude.provisional"].pattern_for(page.is_ocr).match(
                page.text, stated.end(), min(len(page.text), stated.end() + 20)):
            status = _status_word(stated.group("status"))
            # "2+ (weakly positive, equivocal)": the older wording of a 2+ stain, no positive result; only a
            # 3+ is positive, and a 3+ is never negative.
            if status in ("positive", "negative", "equivocal") and (status == "positive") == (score == "3") \
                    or status == "equivocal":
                yield make_finding(page, "receptors.her2.status", status, (a.start, stated.end()),
                                   g["receptor.status-after-score"], target=target)
    elif m.group("score_signs"):  # "HER2/neu: +++" is IHC 3+
        yield make_finding(page, "receptors.her2.ihc_score", f"{m.group('score_signs').count('+')}+",
                           (a.start, m.end()), rule, target=target)
    elif m.group("ish"):
        word = m.group("ish").lower()
        # "amplification: detected", Dutch "geamplificeerd"; every "not" form starts with its negation
        # (on OCR pages "ampl1fied", its i read as 1, l, I or |)
        value = "amplified" if word.startswith(("amplif", "geamplif")) or regex.match(r"ampl[il1|]f", word) \
            else "not_amplified"
        yield make_finding(page, "receptors.her2.ish_result", value, (a.start, m.end()), rule, target=target)
    elif m.group("sign"):  # shorthand "ER+/PR+/HER2-", "HER2 (+)"
        status = "positive" if "+" in m.group("sign") else "negative"
        yield make_finding(page, "receptors.her2.status", status, (a.start, m.end()), rule, target=target)
    elif m.group("ratio_first"):
        ratio = decimal(m.group("ratio_first"))
        if ratio is not None and (ish_before or "ratio" in filler.lower()):
            yield make_finding(page, "receptors.her2.ish_ratio", ratio, (a.start, m.end()), rule, target=target)

    # Details in the rest of the window.
    pos = m.end()
    if not m.group("score"):
        s = _first(g["her2.detail.ihc-score"], page, pos, details_end)
        score_range = _first(g["her2.detail.score-range"], page, pos, details_end)
        if score_range and not (s and s.group("score_word") and s.start() >= score_range.end()):
            s = None  # "0/1+" is not one score; an explicit "score 1" after the range still is
        if s and g["her2.exclude.control-score"].pattern_for(page.is_ocr).search(
                page.text, max(pos, s.start() - 40), s.start(), timeout=TIMEOUT_S):
            s = None  # a control tissue's score ("HER2 negative. On-slide control (3+) seen.")
        if s and not _is_reference_text(page, s.start(), s.end()):
            score = _score(s)
            if score:
                yield make_finding(page, "receptors.her2.ihc_score", score, (a.start, s.end()),
                                   "her2.detail.ihc-score", target=target, correction=_score_correction(s))
    if not m.group("ish"):
        r = _first(g["her2.detail.ish-result"], page, pos, details_end)
        # Not a result a conditional names after the score ("HER2 2+; if FISH is amplified, ...").
        if r and not _is_reference_text(page, r.start(), r.end()) and page.assertion(r.start(), r.end()) != "hypothetical" \
                and not (status_word and regex.match(r"\s*by\.?\s+(?:fish|ish)", page.text[m.end():m.end() + 12], regex.I)):
            value = _ish_value(r)
            yield make_finding(page, "receptors.her2.ish_result", value, (a.start, r.end()),
                               "her2.detail.ish-result", target=target)
    if not m.group("ratio_first"):
        r = _first(g["her2.detail.ratio"], page, pos, details_end) or _bare_ratio(page, m, details_end)
        if r is not None and not _is_reference_text(page, r.start(), r.end()):
            ratio, corr = _ratio_read(r)
            if ratio is not None and ratio < 30:
                yield make_finding(page, "receptors.her2.ish_ratio", ratio, (a.start, r.end()),
                                   "her2.detail.ratio", target=target, correction=corr)
    copy_rule = g["her2.detail.copy-number"]
    c = _first(copy_rule, page, a.start, details_end)
    if c is None:  # "(ratio 1.5, 3.6 copies/nucleus)": the number before its unit, in this label's details
        copy_rule = g["her2.detail.copies-after-number"]
        c = _first(copy_rule, page, a.start, details_end)
    if c and not _is_reference_text(page, c.start(), c.end()):
        copies = _copies(c.group("copies"))
        if copies is not None:
            yield make_finding(page, "receptors.her2.ish_copy_number", copies, (a.start, c.end()),
                               copy_rule.id, target=target)
    for rule_id, value in (("her2.detail.ultralow", "ultralow"), ("her2.detail.null", "null")):
        u = _first(g[rule_id], page, a.start, details_end)
        if u:
            yield make_finding(page, "receptors.her2.ihc_detail", value, (a.start, u.end()), rule_id, target=target)
            break


def _bare_ratio(page: AnalyzedPage, m: regex.Match, end: int) -> regex.Match | None:
    """A decimal right after an ISH result word: "Non-amplified (1.02)"."""
    r = _first(_g()["her2.detail.ish-result"], page, m.start("value"), end)
    if r is None:
        return None
    return _g()["her2.detail.bare-ratio"].pattern_for(page.is_ocr).match(page.text, r.end(), end)


def her2_ratio_statements(page: AnalyzedPage) -> Iterator[Finding]:
    """Ratios written under their own label ("HER2/CEP17 ratio: 1.05"), away from a HER2 label window."""
    g = _g()
    rule = g["her2.detail.ratio"]
    covered = page.cache.get("her2_ratio_spans", [])
    for m in scan(page, rule):
        # A bare "ratio 1.79" counts after the CEP17 signals it divides by, on its line ("average CEP17 signals
        # per nucleus 1.9, ratio 1.79").
        text = m.group("ratio") or (m.group("ratio2") if g["her2.detail.ratio-after-cep17"].pattern_for(
            page.is_ocr).search(page.text, max(0, m.start() - 100), m.start(), timeout=TIMEOUT_S) else None)
        if not text or any(s <= m.start() < e for s, e in covered):
            continue
        if _is_reference_text(page, m.start(), m.end()):
            continue
        read, corr = ocr_number(text)  # OCR's "l.9" is 1.9
        ratio = decimal(read)
        if ratio is not None and ratio < 30:
            yield make_finding(page, "receptors.her2.ish_ratio", ratio, m.span(), rule, correction=corr)


def her2_copy_statements(page: AnalyzedPage, found: list[Finding]) -> Iterator[Finding]:
    """Average HER2 copy number written under its own label ("Average HER2 copy number per cell: 5.8")."""
    if any(f.path == "receptors.her2.ish_copy_number" for f in found):
        return
    rule = _g()["her2.detail.copy-number"]
    for m in scan(page, rule):
        copies = _copies(m.group("copies"))
        if copies is not None and not _is_reference_text(page, m.start(), m.end()):
            yield make_finding(page, "receptors.her2.ish_copy_number", copies, m.span(), rule)
            return


#: How far back from an ISH block's result line its method is looked for (characters).
_ISH_BLOCK_REACH = 400
_BLANK_LINE = regex.compile(r"\n[ \t]*\n")


def her2_ish_block_result(page: AnalyzedPage, found: list[Finding]) -> Iterator[Finding]:
    """The "Result: AMPLIFIED" line that closes a block of ISH measures (under an ISH heading, or
    after a HER2/CEP17 ratio), when no ISH result was read at a HER2 label (the block's lines hold
    measures, not the result)."""
    if any(f.path == "receptors.her2.ish_result" for f in found):
        return
    g = _g()
    for m in scan(page, g["her2.ish-result-line"]):
        lo = max(0, m.start() - _ISH_BLOCK_REACH)
        # The block reaches back over one blank line: a result line set apart below its measures.
        blanks = list(_BLANK_LINE.finditer(page.text, lo, m.start()))
        lo = blanks[-2].end() if len(blanks) > 1 else lo
        ish = _first(g["her2.detail.ish-method"], page, lo, m.start()) or _first(g["her2.detail.ratio"], page, lo, m.start())
        if ish and not _is_reference_text(page, m.start(), m.end()):
            yield make_finding(page, "receptors.her2.ish_result", _ish_value(m), m.span(), g["her2.ish-result-line"])
            return


def _copies(text: str) -> float | None:
    """A mean HER2 copy number; a larger figure is a signal total ("HER2 signals: 84")."""
    copies = decimal(text)
    return copies if copies is not None and copies <= _MAX_MEAN_COPIES else None


def her2_copy_range(page: AnalyzedPage) -> Iterator[Finding]:
    """HER2 copies per nucleus in ISCN nomenclature ("nuc ish(D17Z1x2,HER2x3-5)"): a range, kept
    apart from the mean copy number (`receptors.her2.ish_copy_number_range`, [low, high])."""
    rule = _g()["her2.detail.copy-number-iscn"]
    for m in scan(page, rule):
        low = _copies(m.group("copies"))
        high = _copies(m.group("copies_hi")) if m.group("copies_hi") else low
        if low is not None and high is not None and low <= high:
            yield make_finding(page, "receptors.her2.ish_copy_number_range", [low, high], m.span(), rule)
            return


def her2_ish_caveat(page: AnalyzedPage, found: list[Finding]) -> Iterator[Finding]:
    """A hedge of the ISH result in the text after it ("this result may not reflect true HER2
    amplification"): the stated "amplified" is then not a clean positive (extract/derive.py)."""
    ish = [f.evidence[0].start for f in found if f.path.startswith("receptors.her2.ish_") and f.is_fact]
    if not ish:
        return
    rule = _g()["her2.detail.ish-caveat"]
    lo = min(ish)
    for m in rule.finditer(page.text, page.is_ocr, lo, min(len(page.text), max(ish) + _CAVEAT_REACH)):
        yield make_finding(page, "receptors.her2.ish_caveat", True, m.span(), rule)
        return


# -- receptor tables --------------------------------------------------------------------------

_TABLE_ROWS = 6  # data rows read under one header


@dataclass(frozen=True)
class TableCell:
    """A marker column's header label and the cell under it in one data row."""
    label: Anchor
    start: int
    end: int


#: What may stand between the marker names of an OCR'd header line besides them (blanks, slashes, bars;
#: the words of a leading specimen or date column: "Specimen Date ER PR HER2 Ki-67").
_OUTSIDE_LABELS = regex.compile(r"[\s/|,;:.]+|(?i:\b(?:specimens?|date|blocks?|samples?)\b)")
#: The longest line read as an OCR'd header of marker names alone (characters).
_NAMES_LINE = 80


def _line_bounds(text: str, pos: int, run_on: bool) -> tuple[int, int]:
    """The printed line around `pos`: [start, end) between line breaks or, on a run-on page, also between
    the ". " that mark where printed lines ended ("ER PR HER2 Ki67. 95% 0% 1+ 15%.")."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    if run_on:
        start = max(start, text.rfind(". ", start, pos + 1) + 2)
        cut = text.find(". ", pos, end)
        end = end if cut < 0 else cut
        end = end - 1 if end == len(text) and text.endswith(".") else end
    return start, end


def table_cells(page: AnalyzedPage) -> list[TableCell]:
    """Cells of a receptor table whose header row names two or more markers ("| Block | ER | PR |
    HER2 (IHC) | Ki-67 |") and whose next rows give one value per column ("| A5 | 90% | 10% | 1+ |
    25% |"); columns are matched by their order in the row (bars, or gaps of two spaces)."""
    cached = page.cache.get("marker_table_cells")
    if cached is not None:
        return cached
    out: list[TableCell] = []
    text = page.text
    run_on = is_run_on(text)  # a header row and its value rows flattened into one line ("ER PR. 95% 0%.")
    by_line: dict[tuple[int, int], list[Anchor]] = {}
    for a in anchors(page):
        if a.kind != "other":
            by_line.setdefault(_line_bounds(text, a.start, run_on), []).append(a)
    header_values = _g()["receptor.table-header-value"].pattern_for(page.is_ocr)
    for (line_start, line_end), labels in by_line.items():
        if len(labels) < 2:
            continue
        bars = text.count("|", line_start, line_end) >= 2
        spaced = bars or "  " in text[line_start:line_end] or "\t" in text[line_start:line_end]
        # On an OCR page a line of marker names alone, its gaps closed to one space ("ER PR HER2").
        names_only = not spaced and page.is_ocr and line_end - line_start <= _NAMES_LINE and not _OUTSIDE_LABELS.sub(
            "", "".join(text[e:s] for (_, e), (s, _) in zip([(line_start, line_start), *[(a.start, a.end) for a in labels]],
                                                            [*[(a.start, a.end) for a in labels], (line_end, line_end)])))
        if not spaced and not names_only:
            continue
        if header_values.search(text, line_start, line_end, timeout=TIMEOUT_S):
            continue  # a line of results ("ER  positive  PR  negative"), not a header
        header = [(a.start, a.end) for a in labels] if names_only else row_cells(text, line_start, line_end, bars_only=bars)
        columns = {}
        for a in labels:
            i = next((i for i, (s, e) in enumerate(header) if s <= a.start < e), None)
            if i is None or i in columns:
                break
            columns[i] = a
        else:
            row_start = line_end + 1
            for _ in range(_TABLE_ROWS):
                if row_start >= len(text):
                    break
                row_start, row_end = _line_bounds(text, row_start, run_on)
                row = row_cells(text, row_start, row_end, bars_only=bars)
                if bars and (row or page.is_ocr) and all(set(text[s:e]) <= set("-_:=+ ") for s, e in row):
                    # a rule under the header: "|----|----|", "-----+-----" (on OCR pages a blank line)
                    row_start = row_end + 1
                    continue
                if names_only and len(row) != len(header):  # its results' gaps closed too: cut at each value
                    row = _value_cells(page, row_start, row_end, len(header))
                if len(row) != len(header) or any(row[0][0] <= a.start < row_end for a in anchors(page)):
                    break
                out.extend(TableCell(a, *row[i]) for i, a in columns.items())
                row_start = row_end + 1
    page.cache["marker_table_cells"] = out
    return out


def row_table_percents(page: AnalyzedPage, found: list[Finding]) -> Iterator[Finding]:
    """ER/PR (and Ki-67) percents of a table with one marker a row and a percent column ("| Marker | Clone |
    Result | % cells | Intensity |" over "| ER | SP1 | Positive | 90 | Strong |"): the row's number
    under the percent header, when its own reading gave no percent. Tables ruled with bars, tables
    whose columns are gaps of two or more spaces (the cell that stands under the header cell, as a
    text export or an OCR of a ruled table lays it out), and comma- or tab-separated exports."""
    text = page.text
    labels = [a for a in anchors(page) if a.kind in ("er", "pr", "both", "ki67")]
    if not labels:
        return
    g = _g()
    header_cell = g["receptor.row-table-percent-header"].pattern_for(page.is_ocr)
    value_cell = g["receptor.row-table-percent-cell"].pattern_for(page.is_ocr)
    have = {f.path for f in found if f.path.endswith((".percent", "ki67_percent"))}
    run_on = is_run_on(text)
    markers = [a for a in anchors(page) if a.kind != "other"]
    done = 0
    for hit in _PERCENT_WORD.finditer(text):  # a header's percent cell names "%" or "percent"
        if hit.start() < done:
            continue
        line_start = text.rfind("\n", 0, hit.start()) + 1
        line_end = text.find("\n", hit.start())
        line_end = len(text) if line_end < 0 else line_end
        joined = run_on and page.is_ocr
        if joined:
            # the header is the printed line (". " ends it) that holds the percent word; its rows are the
            # next printed lines, read as an OCR'd table's (no column layout survives the joins), unless
            # the table is ruled with bars, whose cells survive them ("| ER | SP1 | Positive | 90 |. | PR |")
            line_start, line_end = _run_on_line(text, hit.start())
            if text.count("|", line_start, line_end) < 3:
                done = yield from _ocr_row_table_percents(page, line_start, line_end, labels, have)
                continue
            layout = "bars"
        else:
            layout = _row_table_layout(text, line_start, line_end)
        done = line_end + 1
        if layout is None and page.is_ocr:
            done = yield from _ocr_row_table_percents(page, line_start, line_end, labels, have)
            continue
        header = _table_row(text, line_start, line_end, layout) if layout else []
        column = next((i for i, (s, e) in enumerate(header)
                       if s < e and header_cell.fullmatch(text, s, e, timeout=TIMEOUT_S)), None)
        if column is None:
            continue
        step = 2 if joined else 1  # a run-on page's printed lines end with ". "
        row_start = line_end + step
        for _ in range(_TABLE_ROWS):
            row_end = _row_end(text, row_start, joined)
            if joined:
                row_end -= row_end == len(text) and text.endswith(".")  # the page's last line keeps its point
            row = _table_row(text, row_start, row_end, layout)
            if row and all(set(text[s:e]) <= set("-_:=+ ") for s, e in row):
                row_start = row_end + step  # a rule under the header
                continue
            if layout == "spaces":
                # The cell under the header cell, by its place on the line.
                hs, he = header[column][0] - line_start, header[column][1] - line_start
                at = [c for c in row if c[0] - row_start < he + 2 and c[1] - row_start > hs - 2]
                cell_span = at[0] if len(at) == 1 else None
                if not row or not any(row[0][0] <= a.start < row[0][1] for a in markers):
                    break
            else:
                if len(row) != len(header):
                    break
                cell_span = row[column]
            label = next((a for a in labels if row[0][0] <= a.start < (cell_span or row[0])[0]), None)
            cell = value_cell.fullmatch(text, *cell_span, timeout=TIMEOUT_S) if cell_span else None
            if label and cell:
                pct = decimal(cell.group("pct"))
                for path in (["receptors.ki67_percent"] if label.kind == "ki67" else
                             [f"receptors.{n}.percent" for n in _names(label.kind)]):
                    if pct is not None and pct <= 100 and path not in have:
                        f = make_finding(page, path, pct, cell_span, "receptor.row-table-percent-cell")
                        f.evidence.append(page.evidence(label.start, label.end, f.evidence[0].rule, None,
                                                        f.evidence[0].confidence))
                        yield f
            row_start = row_end + step
        done = row_start


def _ocr_row_table_percents(page: AnalyzedPage, line_start: int, line_end: int, labels: list[Anchor],
                            have: set[str]) -> Generator[Finding, None, int]:
    """The percents of an OCR'd row table whose column gaps became one space: under a header whose
    result column precedes the percent column ("Receptor Result % cells Intensity"), each next row
    with a marker label gives the number after its status word ("Estrogen Receptor Positive 90 3+",
    "S26-44120 A A3 ER POSITIVE 85 MODERATE"). Returns where the table ends."""
    g = _g()
    text = page.text
    if _first(g["receptor.row-table-ocr-header"], page, line_start, line_end) is None:
        return line_end + 1
    run_on = is_run_on(text)
    row_start = line_end + (2 if run_on else 1)
    for _ in range(_TABLE_ROWS):
        if run_on:  # a run-on page's rows end with ". "
            row_end = _run_on_line(text, row_start)[1]
        else:
            row_end = text.find("\n", row_start)
            row_end = len(text) if row_end < 0 else row_end
        label = next((a for a in anchors(page) if a.kind != "other" and row_start <= a.start < row_end), None)
        if label is None:
            break  # the table ends at a row without a marker
        if run_on and label.end > row_end:  # the point of a label's abbreviation ("Progesterone Rec. Positive 15")
            row_end = _run_on_line(text, label.end)[1]
        if label not in labels:
            row_start = row_end + (2 if run_on else 1)
            continue
        m = g["receptor.row-table-ocr-status-percent"].pattern_for(page.is_ocr).match(
            text, label.end, row_end, timeout=TIMEOUT_S)
        pct = decimal(_read_pct(m.group("pct"))[0]) if m else None
        for path in (["receptors.ki67_percent"] if label.kind == "ki67" else
                     [f"receptors.{n}.percent" for n in _names(label.kind)]):
            if pct is not None and pct <= 100 and path not in have:
                yield make_finding(page, path, pct, (label.start, m.end()), g["receptor.row-table-ocr-status-percent"],
                                   correction=_ocr_read(m, "pct"))
        row_start = row_end + (2 if run_on else 1)
    return row_start


def _run_on_line(text: str, pos: int) -> tuple[int, int]:
    """The printed line around `pos` of a run-on page (its lines joined with ". "): (start, end), the
    end before its ". " or at the page's end."""
    start, end = text.rfind(". ", 0, pos), text.find(". ", pos)
    return 0 if start < 0 else start + 2, len(text) if end < 0 else end


def _row_end(text: str, row_start: int, joined: bool) -> int:
    """Where the table row starting at `row_start` ends: its printed line's ". " on a run-on page whose
    lines were joined (`joined`), else its newline."""
    return _run_on_line(text, row_start)[1] if joined else _line_end(text, row_start)


_PERCENT_WORD = regex.compile(r"%|percent", regex.IGNORECASE)
#: A header row of a comma-separated export: four commas or more and no blank gaps.
_CSV_HEADER = regex.compile(r"[^,\n]*(?:,[^,\n]*){4,}")


def _row_table_layout(text: str, start: int, end: int) -> str | None:
    """How a table line's cells are set apart: "bars" (three or more), "commas" (a CSV export),
    "tabs" (a tab-delimited export) or "spaces" (gaps of two or more); None for a line that is no
    table row."""
    if text.count("|", start, end) >= 3:
        return "bars"
    if text.count(",", start, end) >= 4 and "  " not in text[start:end] and _CSV_HEADER.fullmatch(text, start, end):
        return "commas"
    if text.count("\t", start, end) >= 3:
        return "tabs"
    return "spaces" if text.count("  ", start, end) >= 2 else None


def _table_row(text: str, start: int, end: int, layout: str) -> list[tuple[int, int]]:
    """The cells of one table line as (start, end) spans; a CSV or tab-delimited row keeps its empty
    cells so that columns line up by their index."""
    if layout in ("commas", "tabs"):
        sep = "," if layout == "commas" else "\t"
        out, pos = [], start
        for i in range(start, end + 1):
            if i == end or text[i] == sep:
                cell = text[pos:i]
                lead = len(cell) - len(cell.lstrip())
                out.append((pos + lead, pos + len(cell.rstrip()) if cell.strip() else pos + lead))
                pos = i + 1
        return out
    return row_cells(text, start, end, bars_only=layout == "bars")


#: What stands between two labels of an OCR'd grid's heading row ("ER:   PR:"): the first label's colon alone.
_BARE_LABEL_GAP = regex.compile(r"[ \t]*(?:\([^()\n]{0,30}\)[ \t]*)?(?:status[ \t]*)?:[ \t]*", regex.I)
#: The colon that makes a marker name a label.
_LABEL_COLON = regex.compile(r"[ \t]*(?:\([^()\n]{0,30}\)[ \t]*)?(?:status[ \t]*)?:", regex.I)


def _second_grid_label(page: AnalyzedPage, items: list[Anchor], i: int) -> bool:
    """A marker label right after another marker's bare label on its line, two values after it ("ER:   PR:"
    over "Negative (0%)   Positive (40%)", a grid of two columns; in run-on text "ER: PR: Negative (0%)
    Positive (40%)"): the value after it is the first column's, so it reads none (the first label, its next
    word a label, reads none either). A heading before a label ("ER/PR/HER2 (block A2): ER: positive") is no grid."""
    if i == 0 or items[i - 1].kind == "other":
        return False
    prev, a = items[i - 1], items[i]
    colon = _LABEL_COLON.match(page.text, a.end)
    return bool(colon and _BARE_LABEL_GAP.fullmatch(page.text, prev.end, a.start)
                and _first(_g()["receptor.grid-two-cells"], page, colon.end(), min(len(page.text), colon.end() + 80)))


def _in_table_header(page: AnalyzedPage, a: Anchor) -> bool:
    labels = page.cache.get("marker_table_labels")
    if labels is None:
        by_column = specimen_column_cells(page)
        # Every marker name in a specimen-column table's label cell ("Ki-67 (MIB-1)") is that row's label.
        label_cells = {(_line_span(page.text, c.label.start)[0], c.start) for c in by_column}
        labels = page.cache["marker_table_labels"] = frozenset(
            [c.label.start for c in table_cells(page)]
            + [b.start for b in anchors(page) for line, first in label_cells if line <= b.start < first])
    return a.start in labels


#: A table row's first word and the blanks after it (an OCR'd row whose column gaps are one space).
_FIRST_WORD = regex.compile(r"[ \t]*(?P<cell>[^\s]+)[ \t]+")


def result_first_cells(page: AnalyzedPage) -> list[TableCell]:
    """Cells of a table whose rows give the result before the marker's name, under a header such as
    "Result   Marker   Comment" ("2+     HER2 (4B5)     equivocal"): each row's first cell, with the
    marker label in its second cell (columns are gaps of two spaces or more)."""
    header = _g()["receptor.result-first-header"]
    out: list[TableCell] = []
    text = page.text
    joined = page.is_ocr and is_run_on(text)  # rows are printed lines ended by ". " ("2+ HER2 (4B5) equivocal.")
    step = 2 if joined else 1
    for h in header.finditer(text, page.is_ocr):
        row_start = _run_on_line(text, h.start())[1] + 2 if joined else text.find("\n", h.end()) + 1
        for _ in range(_TABLE_ROWS):
            if row_start <= 0 or row_start >= len(text):
                break
            row_end = _row_end(text, row_start, joined)
            row = row_cells(text, row_start, row_end)
            if (row or page.is_ocr) and all(set(text[s:e]) <= set("-_=+ ") for s, e in row):
                row_start = row_end + step  # a rule under the header (on OCR pages a blank line)
                continue
            label = next((a for a in anchors(page) if a.kind != "other" and len(row) > 1
                          and row[1][0] <= a.start < row[1][1]), None)
            cell = row[0] if label else None
            first = _FIRST_WORD.match(text, row_start, row_end) if label is None and page.is_ocr else None
            if first:
                # OCR collapses the column gap to one space: the row's first word, then the label.
                label = next((a for a in anchors(page) if a.kind != "other" and a.start == first.end()), None)
                cell = first.span("cell")
            if label is None or cell is None:
                break
            out.append(TableCell(label, *cell))
            row_start = row_end + step
    return out


def _line_span(text: str, pos: int) -> tuple[int, int]:
    """The line holding `pos`: (start, end without its newline)."""
    end = text.find("\n", pos)
    return text.rfind("\n", 0, pos) + 1, len(text) if end < 0 else end


#: A year in a table header cell, with its month when written "03/2026" ("2019 primary", "(02/2026)").
_YEAR = regex.compile(r"(?<![\d/])(?:(\d{1,2})/)?((?:19|20)\d{2})(?!\d)")
#: Where an OCR'd header's column starts at its date ("04/2021 lumpectomy 10/2026 core (A1)").
_YEAR_COLUMN = regex.compile(r"(?<![\d/])(?:\d{1,2}/)?(?:19|20)\d{2}(?!\d)")


def specimen_column_cells(page: AnalyzedPage) -> dict[TableCell, bool]:
    """Cells of a table with one marker a row and one specimen or date a column ("Marker | 2019 primary
    (core) | 2026 recurrence (liver)", "Marker   Original report   Amended report"): each cell to
    whether it gives an earlier specimen's (or a superseded report's) result. The current column is the
    one its header names as current or as a revision (rule receptor.specimen-column-current), else
    the one with the latest date (year, then month), else the one naming a later specimen (a recurrence beside its
    primary); with none of these, every column is an earlier one's (none is taken silently as the
    current tumour's). On OCR pages, whose column gaps may be one space, the header's columns start at
    its years (or specimen words) and a row's cells at its values ("ER 90% strong <1%")."""
    cached = page.cache.get("specimen_column_cells")
    if cached is not None:
        return cached
    out: dict[TableCell, bool] = {}
    page.cache["specimen_column_cells"] = out
    text = page.text
    rows: dict[int, Anchor] = {}  # line start -> the marker label that opens the line
    for a in anchors(page):
        if a.kind != "other":
            line = _line_span(text, a.start)[0]
            if not text[line:a.start].strip(" \t|") and line not in rows:
                rows[line] = a
    headers: dict[int, list[tuple[int, int]] | None] = {}  # line start -> its result columns ([] when none;
    # None for a line of results)
    for line, a in rows.items():
        line_end = _line_span(text, line)[1]
        bars = text.count("|", line, line_end) >= 2
        up, junk = line - 1, 0
        for _ in range(_TABLE_ROWS + 2):  # up over the other marker rows and rules to the header
            if up <= 0:
                break
            h0 = text.rfind("\n", 0, up) + 1
            if h0 in rows or set(text[h0:up]) <= set("-_=+|: \t"):
                up = h0 - 1
                continue
            if h0 not in headers:
                # a line that names a marker inside it ("Receptors (core S-1988, 05/2026): ER negative")
                # states results: no header, though its numbers read as dates
                labelled = any(h0 <= b.start < up and b.kind != "other" for b in anchors(page))
                headers[h0] = None if labelled else _specimen_columns(page, h0, up, bars)
            cols = headers[h0]
            if cols is None:
                break
            if not cols and junk == 0 and page.is_ocr:
                up, junk = h0 - 1, 1  # an OCR'd rule read as letters ("seesecsseeseese|pscteee")
                continue
            values = _column_values(page, a, line_end, bars, len(cols)) if cols else []
            if values:
                now = _current_column(page, cols)
                for i, (s, e) in enumerate(values):
                    out[TableCell(a, s, e)] = i != now
            break
    return out


def _specimen_columns(page: AnalyzedPage, start: int, end: int, bars: bool) -> list[tuple[int, int]]:
    """The result columns of a header line text[start:end] whose columns each name a specimen, a report
    or a date (its first cell, "Marker", may be blank); [] when it is no such header."""
    g, text = _g(), page.text
    column = g["receptor.specimen-column"].pattern_for(page.is_ocr)
    head = row_cells(text, start, end, bars_only=bars)
    for cols in (head, head[1:]):
        if len(cols) >= 2 and all(column.search(text, s, e) for s, e in cols):
            return cols
    if not page.is_ocr:
        return []
    # OCR closed the gaps: the columns start at the header's specimen words, or else at its dates.
    starts = [m.start() for m in g["receptor.specimen-column-start"].pattern_for(True).finditer(text, start, end)]
    if len(starts) < 2:  # "Pre-treatment core (02/2026) Residual tumour (08/2026)": its words, not its dates
        starts = [m.start() for m in _YEAR_COLUMN.finditer(text, start, end)]
    if len(starts) < 2:
        return []
    ends = [*starts[1:], end]
    return [(s, s + len(text[s:e].rstrip())) for s, e in zip(starts, ends)]


def _column_values(page: AnalyzedPage, a: Anchor, line_end: int, bars: bool, count: int) -> list[tuple[int, int]]:
    """A marker row's `count` result cells: the cells after its label cell, or on an OCR page whose gaps
    are one space, the spans from each value's start to the next ("90% strong <1%")."""
    text = page.text
    line = _line_span(text, a.start)[0]
    row = row_cells(text, line, line_end, bars_only=bars)
    if len(row) == count + 1:
        return row[1:]
    return _value_cells(page, a.end, line_end, count) if page.is_ocr else []


#: Where a result's number starts inside a status-first cell ("pos 40%", "negative (<1%").
_CELL_NUMBER = regex.compile(r"[<>\d]")


def _value_cells(page: AnalyzedPage, start: int, end: int, count: int) -> list[tuple[int, int]]:
    """An OCR'd row's `count` result cells in text[start:end] when its column gaps closed to one space:
    each from a value's start (rule receptor.column-value-start) to the next; [] when the row holds
    another number of values."""
    text = page.text
    found = list(_g()["receptor.column-value-start"].pattern_for(True).finditer(text, start, end))
    starts = [m.start() for m in found]
    if len(starts) != count:
        # cells that give the percent first, its status after it ("95% pos 40% pos 1+ 10%"): a status
        # word straight after a percent is that percent's
        merged = []
        for m, prev in zip(found, [None, *found]):
            if prev is not None and prev.group(0).endswith("%") and m.group(0)[:1].isalpha() \
                    and not text[prev.end():m.start()].strip():
                number = _CELL_NUMBER.search(m.group(0))  # "pos 40%": the next cell opens at its number
                if number:
                    merged.append(m.start() + number.start())
                continue
            merged.append(m.start())
        if len(merged) != count:
            return []
        starts = merged
    ends = [*starts[1:], end]
    return [(s, s + len(text[s:e].rstrip(" \t|"))) for s, e in zip(starts, ends)]


def _current_column(page: AnalyzedPage, cols: list[tuple[int, int]]) -> int | None:
    """The index of the header's current column (see specimen_column_cells), or None."""
    g, text = _g(), page.text
    now = [i for i, (s, e) in enumerate(cols) if g["receptor.specimen-column-current"].pattern_for(
        page.is_ocr).search(text, s, e)]
    if len(now) == 1:
        return now[0]
    years = [max((int(y) * 100 + int(mo or 0) for mo, y in _YEAR.findall(text, s, e)), default=0) for s, e in cols]
    latest = max(years)
    if latest and years.count(latest) == 1 and all(years):
        return years.index(latest)
    # undated: a recurrence or metastasis follows the primary it is set beside
    now = [i for i, (s, e) in enumerate(cols) if g["receptor.specimen-column-later"].pattern_for(
        page.is_ocr).search(text, s, e)]
    return now[0] if len(now) == 1 else None


def table_findings(page: AnalyzedPage) -> Iterator[Finding]:
    """Each receptor table cell's value, read as if written after its column's label; the
    evidence is the cell, with the header label as a second span."""
    g = _g()
    cells = table_cells(page)
    prior_rows = _prior_table_rows(page, cells)
    by_column = specimen_column_cells(page)
    for c in [*cells, *result_first_cells(page), *by_column]:
        if c.start == c.end:
            continue
        found: list[Finding] = []
        cell = Anchor(c.label.kind, c.start, c.start)
        if c.label.kind in ("er", "pr", "both"):
            found = _table_receptor(page, cell, c.end)
        elif c.label.kind == "her2" and (measure := _row_measure(page, c)):
            found = measure
        elif c.label.kind == "her2":
            m = g["her2.label-value"].pattern_for(page.is_ocr).match(page.text, c.start, c.end, timeout=TIMEOUT_S)
            if m:
                found = list(_her2_window(page, cell, m, c.end))
            elif c in by_column:
                found = _cell_ish(page, c)
        elif c.label.kind == "ki67":
            m = g["ki67.label-value"].pattern_for(page.is_ocr).match(page.text, c.start, c.end, timeout=TIMEOUT_S)
            pct = _percent(m)[0] if m else None
            if pct is not None:
                found = [make_finding(page, "receptors.ki67_percent", pct, (c.start, m.end()), g["ki67.label-value"],
                                      correction=_ocr_read(m, "pct"))]
        for f in found:
            f.evidence.append(page.evidence(c.label.start, c.label.end, f.evidence[0].rule, None,
                                            f.evidence[0].confidence))
            if _row_start(page, c.start) in prior_rows or by_column.get(c):
                f.specimen = "prior"
        yield from _tag_prior(found, page, c.start, c.end)


def _row_measure(page: AnalyzedPage, c: TableCell) -> list[Finding]:
    """A bare number in a HER2 row whose label cell names the measure ("HER2 ISH ratio | 2.3 | 1.7",
    "HER2 copies / cell | 4.8 | 3.9"): the ISH ratio or the mean copy number."""
    text, g = page.text, _g()
    gaps = (text.find("|", c.label.end, c.start), text.find("  ", c.label.end, c.start))
    label_end = min([c.start, *(i for i in gaps if i >= 0)])
    named = g["receptor.table-row-measure"].pattern_for(page.is_ocr).search(text, c.label.start, label_end)
    number = _BARE_MEASURE.fullmatch(text, c.start, c.end) if named else None
    if number is None:
        return []
    path, rule = (("receptors.her2.ish_ratio", "her2.detail.ratio") if named.group("ratio")
                  else ("receptors.her2.ish_copy_number", "her2.detail.copy-number"))
    return [make_finding(page, path, float(number.group(1)), (c.start, c.end), g[rule])]


def _cell_ish(page: AnalyzedPage, c: TableCell) -> list[Finding]:
    """An ISH cell of a specimen-column table that opens with its measures, not a value ("ratio 2.4,
    HER2 5.1 signals/cell, AMPLIFIED"): its ratio, mean copy number and result, each within the cell (a
    "not done" in the row's other cell negates none of them)."""
    g, found = _g(), []
    r = _first(g["her2.detail.ratio"], page, c.start, c.end)
    ratio, corr = _ratio_read(r) if r else (None, None)
    if ratio is not None and ratio < 30:
        found.append(make_finding(page, "receptors.her2.ish_ratio", ratio, (c.start, r.end()), "her2.detail.ratio",
                                  negation_applies=False, correction=corr))
    copies = _first(g["her2.detail.copies-after-number"], page, c.start, c.end)
    if copies and _copies(copies.group("copies")) is not None:
        found.append(make_finding(page, "receptors.her2.ish_copy_number", _copies(copies.group("copies")),
                                  (c.start, copies.end()), "her2.detail.copies-after-number", negation_applies=False))
    result = _first(g["her2.detail.ish-result"], page, c.start, c.end)
    if found and result:
        found.append(make_finding(page, "receptors.her2.ish_result", _ish_value(result), (c.start, result.end()),
                                  "her2.detail.ish-result", negation_applies=False))
    return found


#: A table cell holding a bare decimal measure ("2.3", "4.8").
_BARE_MEASURE = regex.compile(r"(\d{1,2}(?:\.\d{1,2})?)")


def _row_start(page: AnalyzedPage, pos: int) -> int:
    """Where the printed line holding `pos` starts (on a run-on page after the ". " that joined it)."""
    return _line_bounds(page.text, pos, is_run_on(page.text))[0]


def _prior_table_rows(page: AnalyzedPage, cells: list[TableCell]) -> set[int]:
    """Line starts of a marker table's rows that give an earlier specimen's results: a row whose
    label names one ("Original core (2019)"), or, where a row is labelled as the current specimen
    ("Pleural biopsy (current)"), every other row ("Primary (left breast, 2018)")."""
    g = _g()
    rows: dict[int, int] = {}  # line start -> where the row's first marker cell starts
    for c in cells:
        line = _row_start(page, c.start)
        rows[line] = min(rows.get(line, c.start), c.start)
    prior = {line for line, first in rows.items() if _first(g["receptor.prior-specimen"], page, line, first)}
    current = {line for line, first in rows.items() if _first(g["receptor.table-row-current"], page, line, first)}
    return prior | (set(rows) - current if current else set())


def _table_receptor(page: AnalyzedPage, cell: Anchor, end: int) -> list[Finding]:
    """ER/PR from one table cell: "Positive", "90%, strong", "Allred 8/8"."""
    g = _g()
    rule = g["receptor.label-value"]
    m = rule.pattern_for(page.is_ocr).match(page.text, cell.start, end, timeout=TIMEOUT_S)
    if not m:
        return []
    names = _names(cell.kind)
    found: list[Finding] = []
    have_percent = False
    if m.group("status"):
        status = _status_word(m.group("status"))
        if status in ("positive", "negative", "low_positive"):
            found += [make_finding(page, f"receptors.{n}.status", status, (cell.start, m.end()), rule) for n in names]
    elif m.group("pct_value"):
        pct, how = _percent(m)
        have_percent = True
        if pct is not None and how != ">":
            found += [make_finding(page, f"receptors.{n}.percent", pct, (cell.start, m.end()), rule,
                                   correction=_ocr_read(m, "pct")) for n in names]
    elif m.group("allred_value"):
        allred = int(ocr_number(m.group("allred"))[0])
        found += [make_finding(page, f"receptors.{n}.allred", allred, (cell.start, m.end()), rule,
                               correction=_ocr_read(m, "allred")) for n in names]
        status = _status_from_allred(allred)  # as in prose: a cell of "8/8" or "0/8" alone settles it
        if status:
            found += [make_finding(page, f"receptors.{n}.status", status, (cell.start, m.end()),
                                   "receptor.status-from-allred", confidence=0.8) for n in names]
    if not found:
        return []
    details, _ = _receptor_details(page, names, cell.start, m.end(), end, have_percent)
    return found + details


# -- Ki-67 ------------------------------------------------------------------------------------


def ki67(page: AnalyzedPage) -> Iterator[Finding]:
    g = _g()
    items = anchors(page)
    for i, a in enumerate(items):
        if a.kind != "ki67" or _in_table_header(page, a):
            continue
        end = _window_end(page, items, i, limit=80)
        windows = _row_windows(page, items, i, end)  # a flattened comparison row: the cells to read
        for value_from, end, side in windows if windows is not None else [(a.end, end, None)]:
            rule = g["ki67.label-value"]
            m = rule.pattern_for(page.is_ocr).match(page.text, value_from, end, timeout=TIMEOUT_S)
            if m is None:  # "Ki67 (%): 40": the label names the unit
                rule = g["ki67.percent-unit-label"]
                m = rule.pattern_for(page.is_ocr).match(page.text, value_from, end, timeout=TIMEOUT_S)
            if not m or _is_reference_text(page, m.start("value"), m.end("value")):
                continue
            pct, how = _percent(m)
            if pct is None:
                continue
            found = [make_finding(page, "receptors.ki67_percent", pct, (a.start, m.end()), rule,
                                  target=(a.start, a.end), correction=_ocr_read(m, "pct"))]
            yield from _tag_prior(_sided(found, side) if windows is not None else _column_cells(page, a.end, end, found), page,
                                  a.start, end)


def extract_receptors(page: AnalyzedPage) -> Iterator[Finding]:
    """All receptor findings: ER, PR, HER2, Ki-67."""
    found = _page_findings(page)
    others: list[Finding] = []
    if any(f.specimen == "prior" for f in found):
        # Page 1 restates an earlier specimen's results ("CLINICAL HISTORY: ... ER+ PR+ HER2 3+")
        # while page 2 gives this specimen's: the other pages' own results supersede them too.
        others = [f for other in page.document_pages if other is not page for f in _page_findings(other)]
    findings = _with_expansions(page, iter(_current_over_prior(found, others)))
    yield from (_with_label_readings(findings) if page.is_ocr else findings)


#: A receptor's long name with "0" read for "o" on an OCR page ("ESTROGEN RECEPT0R").
_ZERO_IN_LABEL = regex.compile(r"\b(?=\w*0)(?:[o0]?estr[o0]gen|pr[o0]gester[o0]ne|recept[o0]rs?)\b", regex.IGNORECASE)


def _with_label_readings(findings: Iterator[Finding]) -> Iterator[Finding]:
    """Each finding whose label was read with "0" for "o" records the reading on its evidence."""
    for f in findings:
        yield _with_evidence(f, [_label_read(ev) for ev in f.evidence])


def _label_read(ev):
    if "0" not in ev.text:
        return ev
    readings = [f"{w}->{w.replace('0', 'O' if w.isupper() else 'o')}"
                for w in dict.fromkeys(m.group(0) for m in _ZERO_IN_LABEL.finditer(ev.text))]
    if not readings:
        return ev
    # each reading once: the respelling of the reading view may have recorded it already
    known = ev.correction.split("; ") if ev.correction else []
    return ev.model_copy(update={"correction": "; ".join(dict.fromkeys(known + readings))})


def slash_triples(page: AnalyzedPage) -> Iterator[Finding]:
    """"ER/PR/HER2: +/+/-": each label's result, read respectively, the whole phrase as evidence."""
    rule = _g()["receptor.slash-triple"]
    for m in scan(page, rule):
        for name in ("er", "pr", "her2"):
            word = m.group(name).strip("() ")
            status = "positive" if word == "+" else "negative" if word in ("-", "−") else _status_word(word)
            if status in ("positive", "negative"):
                yield make_finding(page, f"receptors.{name}.status", status, m.span(), rule)


def letter_spaced(page: AnalyzedPage) -> Iterator[Finding]:
    """Results in letter-spaced capitals ("E R  P O S I T I V E  ( 9 0 % )"), a heading style
    that OCR and some report systems give whole lines."""
    rule = _g()["receptor.letter-spaced"]
    for m in scan(page, rule):
        kind = next(k for k in ("er", "pr", "her2", "ki67") if m.group(k))
        digits = (m.group("pct") or m.group("ki_pct") or "").replace(" ", "")
        if kind == "ki67":
            if m.group("ki_pct"):
                yield make_finding(page, "receptors.ki67_percent", float(digits), m.span(), rule)
            continue
        if not m.group("status"):
            continue
        status = "positive" if m.group("status").startswith("P") else "negative"
        yield make_finding(page, f"receptors.{kind}.status", status, m.span(), rule)
        if digits and kind != "her2" and int(digits) <= 100:
            yield make_finding(page, f"receptors.{kind}.percent", float(digits), m.span(), rule)
        if m.group("score") and kind == "her2":
            score = m.group("score")
            yield make_finding(page, "receptors.her2.ihc_score", "0" if score == "0" else f"{score}+", m.span(), rule)


def _page_findings(page: AnalyzedPage) -> list[Finding]:
    """The page's receptor findings, computed once (another page of the document may ask for them)."""
    cached = page.cache.get("receptor_findings")
    if cached is None:
        cached = page.cache["receptor_findings"] = _in_situ_component(page, list(_receptor_findings(page)))
    return cached


# -- results of the in-situ component ---------------------------------------------------------

#: How many lines of marker results may stand between a result and the heading it sits under.
_HEADING_LINES = 6
_BULLET = regex.compile(r"[ \t]*(?:[-*•][ \t]*)?")
_CLAUSE_END = regex.compile(r"[.;](?!\d)")


def _in_situ_component(page: AnalyzedPage, findings: list[Finding]) -> list[Finding]:
    """Results labelled as the in-situ component's ("ER (DCIS): positive", "DCIS component:" over
    its lines of results, "Immunohistochemistry on the DCIS: ER negative") are not the invasive
    tumour's: when the document states an invasive carcinoma (or a treated one: "no residual
    invasive carcinoma") they move to `receptors.in_situ.<path>`. In a DCIS-only document they are
    the index disease's results and stay."""
    if not findings or WORDS.present(page.text).isdisjoint(_g()["receptor.in-situ.after-label"].requires):
        return findings
    labelled = {id(f) for f in findings if _labelled_in_situ(page, f)}
    if not labelled or not _invasive_in_document(page):
        return findings
    return [f.model_copy(update={"path": "receptors.in_situ." + f.path.split(".", 1)[1]}) if id(f) in labelled else f
            for f in findings]


def _labelled_in_situ(page: AnalyzedPage, f: Finding) -> bool:
    """The finding's label names the in-situ component: right after it ("ER (DCIS)"), as the test's
    object earlier in its sentence ("repeated on the residual DCIS: ER ..."), at the start of its
    clause ("; DCIS ER 80%") or as a heading over it ("DCIS component:")."""
    g = _g()
    ev = f.evidence[0]
    label = next((a for a in anchors(page) if ev.start <= a.start < ev.end and a.kind != "other"), None)
    start, end = (label.start, label.end) if label else (ev.start, ev.start)
    if g["receptor.in-situ.after-label"].pattern_for(page.is_ocr).match(page.text, end, min(len(page.text), end + 60),
                                                                       timeout=TIMEOUT_S):
        return True
    s0 = max(page.sentence_at(start)[0], start - 160)
    if _first(g["receptor.in-situ.before-label"], page, s0, start):
        return True
    clause = max(page.text.rfind(c, s0, start) for c in ";.\n") + 1 or s0
    if g["receptor.in-situ.clause"].pattern_for(page.is_ocr).fullmatch(page.text, max(clause, s0), start,
                                                                      timeout=TIMEOUT_S):
        return True  # "...; DCIS ER 80%, PR 10%"
    return _under_in_situ_heading(page, start)


def _under_in_situ_heading(page: AnalyzedPage, pos: int) -> bool:
    """The result at `pos` follows an in-situ heading on its own line ("DCIS component: ER 60%"),
    or sits in the block of marker lines under one ("DCIS component:" / "ER (DCIS): ..." / "PR ...")."""
    text = page.text
    heading = _g()["receptor.in-situ.heading"].pattern_for(page.is_ocr)
    line_start = text.rfind("\n", 0, pos) + 1
    m = heading.match(text, line_start, pos, timeout=TIMEOUT_S)
    if m and not _CLAUSE_END.search(text, m.end(), pos):
        return True  # not "DCIS: present, cribriform. ER positive": a new statement
    starts = {a.start for a in anchors(page)}
    for _ in range(_HEADING_LINES):
        if line_start == 0:
            return False
        prev = text.rfind("\n", 0, line_start - 1) + 1
        m = heading.match(text, prev, line_start, timeout=TIMEOUT_S)
        if m and not text[m.end():line_start].strip():
            return True
        if _BULLET.match(text, prev).end() not in starts:
            return False  # a line that is neither the heading nor another marker's result
        line_start = prev
    return False


def _invasive_in_document(page: AnalyzedPage) -> bool:
    """The page's document states an invasive carcinoma (typed or not), or words that make its
    in-situ disease the remainder of a treated one ("residual", "ypT", "neoadjuvant")."""
    pages = page.document_pages or [page]
    for other in pages:
        if any(h.invasive and other.assertion(s, e) in FACTUAL for s, e, h, _ in histology_mentions(other)):
            return True
        if _first(_g()["receptor.in-situ.invasive-context"], other, 0, len(other.text)):
            return True
    return untyped_invasive_in_document(page)


def _receptor_findings(page: AnalyzedPage) -> Iterator[Finding]:
    hormone = list(hormone_receptors(page)) + list(table_findings(page))
    yield from hormone
    proliferation = list(ki67(page))
    yield from row_table_percents(page, hormone + proliferation)
    yield from letter_spaced(page)
    triples = list(slash_triples(page))
    yield from triples
    # "ER/PR/HER2: NEG/NEG/POS": HER2's label-value reading of the first status is the triple's ER result.
    inside_triple = [(f.evidence[0].start, f.evidence[0].end) for f in triples]
    her2_findings = [f for f in her2(page) if f.path != "receptors.her2.status"
                     or not any(a <= f.evidence[0].start < b for a, b in inside_triple)]
    page.cache["her2_ratio_spans"] = [(f.evidence[0].start, f.evidence[0].end) for f in her2_findings
                                      if f.path == "receptors.her2.ish_ratio"]
    yield from her2_findings
    ratios = list(her2_ratio_statements(page))
    yield from ratios
    copies = list(her2_copy_statements(page, her2_findings)) + list(her2_copy_range(page))
    yield from copies
    block = list(her2_ish_block_result(page, her2_findings))
    yield from block
    yield from her2_ish_caveat(page, her2_findings + ratios + copies + block)
    yield from proliferation
