"""Pathologic and clinical TNM, stated stage group and prognostic stage, from `rules/tnm.yaml`.

A staging string ("pT2 NO (i+) Mx", "pT4b(mult)N3aL1V0R0", "T2, pN1a, MX") is read from its T
token onwards; N and M tokens written on their own count when they carry a prefix (pN2, cM0) or
follow a staging label ("Regional Lymph Nodes: pN2"). A category without prefix is pathologic when
another token of its string is (pT2 ... N1), or a label says so ("PTNM CLASSIFICATION: T3 N1 MX");
clinical when the text says clinical or cTNM; otherwise it follows the section (clinical history
and plans are clinical, a pathology diagnosis pathologic).

Values: T and N without prefix ("T1c", "Tis", "N0(i+)", "N1mi", "N2a", a stated "NX"), M as
"M0"/"M1"; "MX" (obsolete) never becomes M0: it is kept as `stage.<kind>.m_raw` and M stays
unknown. Node counts inside a pN ("pN0(0/13)") become lymph_nodes findings. Stage groups are kept
only when they are in the AJCC 8th vocabulary (0, IA ... IV); "clinical stage IIB", "cStage IIA"
and a bare group after a clinical string ("cT2 cN1 cM0, IIB") go to `stage.clinical.group`.
A statement that the specimen follows neoadjuvant therapy ("status post neoadjuvant chemotherapy",
"residual cancer burden") is `treatment.neoadjuvant`.
"""

from __future__ import annotations

from typing import Iterator

import regex

from extract.analysis import AnalyzedPage
from extract.classify import classify_text
from extract.fields.base import make_finding, ocr_correction, scan
from extract.findings import Finding
from extract.rules import grammar

STAGE_GROUPS = {"0", "IA", "IB", "IIA", "IIB", "IIIA", "IIIB", "IIIC", "IV"}
_CLINICAL_SECTIONS = {"clinical_history", "preoperative_diagnosis", "assessment_plan", "impression",
                      "past_medical_history", "oncologic_history", "findings"}
#: Kinds of record whose staging strings without a prefix are clinical.
_CLINICAL_KINDS = {"clinic_note", "imaging"}
_OCR_DIGIT = str.maketrans({"O": "0", "o": "0", "I": "1", "i": "1", "l": "1", "|": "1", "t": "1", "Z": "2"})
_ARABIC = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def _t_value(m: regex.Match) -> str | None:
    raw = m.group("t")
    t = regex.sub(r"\s+", "", raw)
    if t.lower().startswith("is"):
        return "Tis"
    if t.upper() == "X":
        return None
    digit = t[0].translate(_OCR_DIGIT)
    rest = t[1:].lower()
    if rest.startswith("mi"):
        rest = "mi"
    return f"T{digit}{rest}"


def _n_value(m: regex.Match) -> str | None:
    n = regex.sub(r"\s+", "", m.group("n"))
    if n.upper() == "X":
        return "NX"  # stated: the regional nodes cannot be assessed (none removed)
    digit = n[0].translate(_OCR_DIGIT)
    rest = "" if digit == "0" else n[1:].lower()  # (a scan's doubled zero: "pNO0")
    if rest.startswith("mi"):
        rest = "mi"
    suffix = regex.sub(r"\s+", "", m.group("nsuf") or "").lower().replace("−", "-")
    if "(mi)" in suffix and digit == "1":
        rest = "mi"
    if regex.search(r"i\)?\+|\(i\+", suffix) and "mol" not in suffix:
        return f"N{digit}{rest}(i+)"
    if "mol+" in suffix:
        return f"N{digit}{rest}(mol+)"
    return f"N{digit}{rest}"


def _n_category(m: regex.Match) -> str | None:
    """The N category a token states: NX states none (for the prefix of a staging string)."""
    value = _n_value(m)
    return None if value == "NX" else value


#: Right after "pNX": the category is declared not to apply ("pNX not applicable").
_NOT_APPLICABLE = regex.compile(r"[\s:,(-]*(?:not\s+applicable|n/a)\b", regex.IGNORECASE)


def _m_value(m: regex.Match) -> str | None:
    raw = regex.sub(r"\s+", "", m.group("m"))
    if raw.upper() == "X":
        return None
    digit = raw[0].translate(_OCR_DIGIT)
    return f"M{digit}(i+)" if "i+" in raw.lower() else f"M{digit}"


def _prefix(m: regex.Match, group: str) -> str | None:
    p = m.group(group)
    return p.lower() if p else None


def _read_token(m: regex.Match, group: str) -> str:
    return regex.sub(r"\s+", "", m.group(0)[m.start(group) - m.start():])


def _correction(m: regex.Match, group: str, normal: str, page: AnalyzedPage) -> str | None:
    if not page.is_ocr:
        return None
    raw = regex.sub(r"\s+", "", m.group(group))
    norm = normal[1:].split("(")[0]
    if raw.lower() == norm.lower() or raw.lower().startswith("is"):
        return None  # "Tis (DCIS)" is read as written
    if raw[:1] in "OoIil|tZ" or raw[1:2] == "O" or raw[:2] == "00":  # ... or a doubled zero ("M0O", "pN00")
        return ocr_correction(raw, norm)
    return None


def _kind(page: AnalyzedPage, start: int, prefixes: list[str | None], end: int | None = None) -> str:
    """'pathologic' or 'clinical' for a staging string (see module docstring)."""
    g = grammar("tnm")
    if any(p in ("p", "yp", "rp", "a", "y") for p in prefixes):
        return "pathologic"
    if any(p in ("c", "yc", "rc") for p in prefixes):
        return "clinical"
    before = page.text[max(0, start - 50):start]
    if g["tnm.context.clinical"].pattern_for(False).search(before):
        return "clinical"
    if end is not None and g["tnm.context.clinical-after"].pattern_for(False).match(page.text, end):
        return "clinical"
    if g["tnm.context.pathologic"].pattern_for(False).search(before):
        return "pathologic"
    if page.section_at(start) in _CLINICAL_SECTIONS:
        return "clinical"
    # A clinic letter's or MDT summary's bare "T2N1M0" is the clinical staging; a pathology
    # report's is pathologic. The whole document is classified: a letter's second page has no title.
    pages = page.document_pages if len(page.document_pages) > 1 else [page]
    return "clinical" if classify_text("\n".join(p.text for p in pages)) in _CLINICAL_KINDS else "pathologic"


def _staging_context(page: AnalyzedPage, start: int) -> bool:
    before = page.text[max(0, start - 50):start]
    return bool(grammar("tnm")["tnm.context.staging"].pattern_for(False).search(before))


def extract_tnm(page: AnalyzedPage) -> Iterator[Finding]:
    """TNM, stage group and neoadjuvant findings; a staging line after a benign breast part is
    the report's own, not that part's ("C. RIGHT BREAST, REDUCTION: BENIGN ..." then
    "Pathologic stage: ypT1b ypN1a").

    A page that states both T0 and Tis of one tumour ("ypT0 ypN0" in the synoptic, "ypTis" in a
    comment on residual DCIS) means Tis: in-situ disease only is Tis (AJCC), so the T0 is dropped
    rather than set against it as a conflict."""
    found = list(_extract_tnm(page))
    tis = {(f.path, f.laterality) for f in found if f.is_fact and f.path.endswith(".t") and f.value == "Tis"}
    for f in found:
        if tis and f.value == "T0" and (f.path, f.laterality) in tis:
            continue
        if f.specimen is not None and f.path.startswith(("stage.", "lymph_nodes.")) and _benign_part_before(
                page, f.evidence[0].start):
            f.specimen = f.laterality = f.procedure = None
        yield f


def _benign_part_before(page: AnalyzedPage, offset: int) -> bool:
    """The breast part governing `offset` states no cancer (nor any carcinoma, in situ included)
    between its header and `offset`."""
    from extract.fields.histology import mentions
    from extract.fields.laterality import cancer_in
    from extract.specimens import part_at

    part = part_at(page, offset)
    if part is None or part.site != "breast":
        return False
    # Up to the staging sentence: its own pT is no cancer of the part ("pT1c pN1mi").
    s0 = page.sentence_at(offset)[0]
    stop = s0 if part.end <= s0 < offset else offset
    if any(part.start <= s < stop for s, _, _, _ in mentions(page)):
        return False
    return not cancer_in(page, part.start, stop)


def _grade_components(page: AnalyzedPage, start: int, end: int) -> bool:
    """An unprefixed "T3 N2 M1" that is a grade's components (tubules, nuclei, mitoses): inside
    the parenthesis of a grade or score, or followed by their sum ("T3 N3 M2 = 8")."""
    g = grammar("tnm")
    line = page.text.rfind("\n", 0, start) + 1
    if g["tnm.exclude.grade-components"].pattern_for(page.is_ocr).search(page.text, max(line, start - 60), start):
        return True
    return bool(g["tnm.exclude.grade-sum"].pattern_for(page.is_ocr).match(page.text, end))


def _extract_tnm(page: AnalyzedPage) -> Iterator[Finding]:
    g = grammar("tnm")
    text, ocr = page.text, page.is_ocr
    t_rule, n_rule, m_rule = g["tnm.t"], g["tnm.n"], g["tnm.m"]
    between = g["tnm.between"].pattern_for(ocr)
    counts_rule = g["tnm.node-counts"].pattern_for(ocr)
    consumed: list[tuple[int, int]] = []
    components: list[tuple[int, int]] = []  # grade components written T/N/M, never staging
    clinical_ends: list[int] = []  # where clinical T N M strings end (a stage group right after is clinical)

    header = g["tnm.page-header"].pattern_for(ocr)

    def chain_from(pos: int):
        b = between.match(text, pos)
        pos = b.end() if b else pos
        h = header.match(text, pos)  # a page header cutting the string in two
        if h and h.end() > pos:
            b = between.match(text, h.end())
            pos = b.end() if b else h.end()
        return pos

    for tm in scan(page, t_rule):
        pos = chain_from(tm.end())
        nm = n_rule.pattern_for(ocr).match(text, pos)
        counts = None
        mm = None
        if nm:
            counts = counts_rule.match(text, nm.end())
            pos = chain_from(counts.end() if counts else nm.end())
            mm = m_rule.pattern_for(ocr).match(text, pos)
        tpre = _prefix(tm, "tpre")
        npre = _prefix(nm, "npre") if nm else None
        if tpre is None and _grade_components(page, tm.start(), (mm or counts or nm or tm).end()):
            # Its M (and N) are components too: the whole parenthesis is not a staging string.
            close = text.find(")", tm.start(), tm.start() + 40)
            components.append((tm.start(), max(close + 1, (mm or counts or nm or tm).end())))
            continue
        # Without a prefix, a T needs its N or a staging label ("T1 weighted" is MRI, not TNM).
        if tpre is None and nm is None and not _staging_context(page, tm.start()):
            continue
        # OCR's "pr2"/"pic" (the T misread) count only with their N chained after them.
        if nm is None and tm.group("tword").upper() != "T":
            continue
        # OCR's "TIC"/"TO" need a prefix or a chained N to count.
        if tpre is None and nm is None and tm.group("t")[:1] in "OoIil|":
            continue
        kind = _kind(page, tm.start(), [tpre, npre, _prefix(mm, "mpre") if mm else None], (mm or counts or nm or tm).end())
        consumed.append((tm.start(), (mm or counts or nm or tm).end()))
        yield from _emit(page, kind, tm, nm, mm, counts, [tpre, npre])
        if mm is not None:
            yield from _group_after(page, kind, mm.end())
            if kind == "clinical":
                clinical_ends.append(mm.end())

    for nm in scan(page, n_rule):
        if any(a <= nm.start() < b for a, b in consumed + components):
            continue
        npre = _prefix(nm, "npre")
        if npre is None and not _staging_context(page, nm.start()):
            continue
        if npre is None and nm.group("n")[:1] in "OoIil|":
            continue
        counts = counts_rule.match(text, nm.end())
        # Its M ("pN1a MX" after a T the page header cut off).
        mm = m_rule.pattern_for(ocr).match(text, chain_from((counts or nm).end()))
        mpre = _prefix(mm, "mpre") if mm else None
        if mm and mpre is None and mm.group("m")[:1] in "Oo" and npre is None:
            mm = None
        kind = _kind(page, nm.start(), [npre, mpre], (mm or counts or nm).end())
        consumed.append((nm.start(), (mm or counts or nm).end()))
        yield from _emit(page, kind, None, nm, mm, counts, [npre])

    for mm in scan(page, m_rule):
        if any(a <= mm.start() < b for a, b in consumed + components):
            continue
        mpre = _prefix(mm, "mpre")
        if mpre is None and not (_staging_context(page, mm.start()) or (
                mm.group("m")[:1] in "01" and _after_tnm(consumed, mm.start()))):
            continue
        if mm.group("m")[:1] in "Oo" and mpre is None:
            continue
        kind = _kind(page, mm.start(), [mpre])
        yield from _emit(page, kind, None, None, mm, None, [mpre])

    yield from _biobank(page)
    yield from _stage_groups(page, clinical_ends)
    yield from _t4_features(page)
    yield from _neoadjuvant(page)


def _group_after(page: AnalyzedPage, kind: str, end: int) -> Iterator[Finding]:
    """A bare stage group right after a whole T N M string ("cT2 cN1 cM0, IIB"): the string's kind
    says whether it is the clinical group."""
    rule = grammar("tnm")["stage.after-tnm"]
    m = rule.pattern_for(page.is_ocr).match(page.text, end)
    if m is None:
        return
    value, corr = normalise_group(m.group("group"))
    if value in STAGE_GROUPS:
        path = "stage.clinical.group" if kind == "clinical" else "stage.group"
        yield make_finding(page, path, value, m.span("group"), rule, correction=corr)


def _neoadjuvant(page: AnalyzedPage) -> Iterator[Finding]:
    """A statement that the specimen follows neoadjuvant therapy (`treatment.neoadjuvant`), which
    gives a pN derived from node counts its yp prefix (extract/derive.py)."""
    rule = grammar("tnm")["stage.neoadjuvant"]
    for m in scan(page, rule):
        yield make_finding(page, "treatment.neoadjuvant", True, m.span(), rule)


def _t4_features(page: AnalyzedPage) -> Iterator[Finding]:
    """Extension that makes a tumour T4 whatever its size (so T is never derived from size then)."""
    rule = grammar("tnm")["t4.feature"]
    for m in scan(page, rule):
        kind = "skin" if m.group("skin") else ("chest_wall" if m.group("wall") else "inflammatory")
        yield make_finding(page, "stage.t4_feature", kind, m.span(), rule)


def _after_tnm(consumed: list[tuple[int, int]], start: int) -> bool:
    """An M written shortly after a T/N string ("pT2 (32 mm) pN1a (2/3 nodes), grade 2 ... M0: ...")."""
    return any(0 <= start - b <= 200 for _, b in consumed)


def _y_modifier(page: AnalyzedPage, before: int):
    """A synoptic form's "Modified Classification: y" shortly before a p-prefixed category (its pT
    and pN are then ypT and ypN), or None."""
    return next((m for m in scan(page, grammar("tnm")["stage.modified-y"]) if 0 <= before - m.end() <= 200), None)


def _emit(page: AnalyzedPage, kind: str, tm, nm, mm, counts, prefixes) -> Iterator[Finding]:
    """Findings of one staging string; a token with its own c/p prefix goes where it says
    ("pT1c pN1a cM0": the M is clinical)."""
    g = grammar("tnm")
    first_token = next(x for x in (tm, nm, mm) if x is not None)
    label = g["tnm.context.side"].pattern_for(False).search(page.text, max(0, first_token.start() - 30),
                                                           first_token.start())
    side = label.group("side").lower() if label else None  # else the part's side (make_finding)

    def where(m, group: str) -> str:
        own = _prefix(m, group)
        if own in ("c", "yc"):
            return "stage.clinical"
        if own in ("p", "yp"):
            return "stage.pathologic"
        if group == "mpre" and _m_value(m) in ("M0", "M0(i+)"):
            return "stage.clinical"  # M0 is a clinical category (AJCC has no pM0)
        return f"stage.{kind}"

    if tm is not None:
        value = _t_value(tm)
        if value:
            corr = _correction(tm, "t", value, page)
            if tm.group("tword").upper() != "T":  # "pr2" -> pT2, "pic" -> pT1c
                corr = ocr_correction(regex.sub(r"\s+", "", tm.group(0)), (tm.group("tpre") or "") + value)
            yield make_finding(page, f"{where(tm, 'tpre')}.t", value, tm.span(), g["tnm.t"],
                               correction=corr, negation_applies=False, laterality=side)
    if nm is not None:
        value = _n_value(nm)
        if value == "NX" and _NOT_APPLICABLE.match(page.text, nm.end()):
            value = None  # "(pNX not applicable)": no category is given
        if value:
            yield make_finding(page, f"{where(nm, 'npre')}.n", value, nm.span(), g["tnm.n"],
                               correction=_correction(nm, "n", value, page), negation_applies=False, laterality=side)
    if mm is not None:
        value = _m_value(mm)
        base = where(mm, "mpre")
        if value:
            yield make_finding(page, f"{base}.m", value, mm.span(), g["tnm.m"],
                               correction=_correction(mm, "m", value, page), negation_applies=False, laterality=side)
        else:
            yield make_finding(page, f"{base}.m_raw", "MX", mm.span(), g["tnm.m"], negation_applies=False,
                               laterality=side)
    if kind == "pathologic":
        prefix = next((p for p in prefixes if p in ("p", "yp")), None)
        # The prefix of the first token that states a category: a chain of "pNX" or "pMX" alone
        # ("No lymph nodes are present (pNX not applicable)") stages nothing.
        first, rule = next(((m, g[r]) for m, r, read in ((tm, "tnm.t", _t_value), (nm, "tnm.n", _n_category),
                                                         (mm, "tnm.m", _m_value)) if m is not None and read(m)),
                           (None, None))
        ymod = _y_modifier(page, first.start()) if prefix == "p" and first is not None else None
        if ymod is not None:
            # "Modified Classification: y" above a form's "pT Category: pT2": the pT/pN are ypT/ypN
            yield make_finding(page, "stage.pathologic.prefix", "yp", ymod.span(), g["stage.modified-y"],
                               negation_applies=False, laterality=side)
        elif prefix and first is not None:
            yield make_finding(page, "stage.pathologic.prefix", prefix, first.span(), rule, negation_applies=False,
                               laterality=side)
    if counts is not None:
        raw_pos, raw_ex = counts.group("pos"), counts.group("ex")
        pos, ex = int(raw_pos.translate(_OCR_DIGIT)), int(raw_ex.translate(_OCR_DIGIT))
        fixed = [c for c in (ocr_correction(raw_pos, str(pos)), ocr_correction(raw_ex, str(ex))) if c]
        corr = "; ".join(fixed) or None
        if pos <= ex:
            span = (nm.start(), counts.end())
            yield make_finding(page, "lymph_nodes.positive", pos, span, "tnm.node-counts", confidence=0.9,
                               negation_applies=False, correction=corr, laterality=side)
            yield make_finding(page, "lymph_nodes.examined", ex, span, "tnm.node-counts", confidence=0.9,
                               negation_applies=False, correction=corr, laterality=side)


def _labelled_n(raw: str) -> str:
    """"X" -> NX, "1a" -> N1a, "0 (i+)" -> N0(i+), "0(i-)" -> N0 (as `_n_value` reads a token's suffix)."""
    n = regex.sub(r"\s+", "", raw.lower())
    if n == "x":
        return "NX"
    base, _, suffix = n.partition("(")
    return f"N{base}({suffix}" if suffix in ("i+)", "mol+)") else f"N{base}"


def _biobank(page: AnalyzedPage) -> Iterator[Finding]:
    """Categories written as labels with their numbers ("T Stage: 2 N Stage: 1a", "pT = 2; pN = 0");
    clinical when a prefix or a label before them says so ("Clinical staging: T: 2, N: 1")."""
    rule = grammar("tnm")["tnm.biobank"]
    for m in scan(page, rule):
        t, n, mv = m.group("t"), m.group("n"), m.group("m")
        label = page.text[m.start("tl"):m.start("t")]
        # A bare "T: 1, N: 0" needs a staging label before it (in run-on text "STAGING:. T: 2"; a
        # parenthesis between them is skipped: "Pathological staging (AJCC 8a ed.): T: 3"), or its M
        # label after it: a whole "T: 2  N: 0  M: 0" chain is a staging.
        before = regex.sub(r"\([^()]{0,30}\)", "", page.text[max(0, m.start() - 60):m.start()].replace(":.", ":"))
        if not (m.group("tpre") or mv or regex.search(r"[a-z]{3}", label, regex.I)
                or grammar("tnm")["tnm.context.staging"].pattern_for(False).search(before)):
            continue
        base = f"stage.{_kind(page, m.start(), [_prefix(m, 'tpre'), _prefix(m, 'npre')])}"
        if t and t.upper() != "X":
            value = "Tis" if t.lower() == "is" else f"T{_labelled_digit(t).lower()}"
            yield make_finding(page, f"{base}.t", value, m.span("tl"), rule, negation_applies=False,
                               correction=ocr_correction(t[:1], value[1:2]))
        if n:
            value = _labelled_n(_labelled_digit(n))
            yield make_finding(page, f"{base}.n", value, m.span("nl"), rule, negation_applies=False,
                               correction=ocr_correction(n[:1], value[1:2]))
        if mv and mv.upper() != "X":
            value = f"M{_labelled_digit(mv)}"
            yield make_finding(page, f"{base}.m", value, m.span("ml"), rule, negation_applies=False,
                               correction=ocr_correction(mv[:1], value[1:2]))


def _labelled_digit(raw: str) -> str:
    """A labelled category's number with OCR's letter for its digit read ("O" -> "0", "l" -> "1"; the
    grammar takes such letters on OCR pages only)."""
    return raw[:1].translate(_OCR_DIGIT) + raw[1:]


def normalise_group(raw: str) -> tuple[str, str | None]:
    """("IIB", correction) from "II b", "|IB", "llA", "2B"."""
    compact = regex.sub(r"[\s-]+", "", raw).upper()
    letter = compact[-1] if compact[-1:] in "ABC" else ""
    numeral = compact[: len(compact) - len(letter)]
    fixed = numeral.replace("|", "I").replace("L", "I")
    if "I" in fixed and set(fixed) <= {"I", "1"}:
        fixed = fixed.replace("1", "I")  # OCR's 1 for a stroke of a roman numeral ("1IB", "I1IA")
    if fixed in _ARABIC:
        fixed = _ARABIC[fixed]
    elif fixed == "1V":
        fixed = "IV"
    value = fixed + letter
    corr = ocr_correction(numeral, fixed) if numeral != fixed and not numeral.isdigit() else None
    return value, corr


#: "cStage IIA" (Japanese reports): the c before the label.
_C_PREFIX = regex.compile(r"(?<![\w-])y?c$")


#: What may stand between a T N M string and the stage group that follows it ("T3N2aM0, stage IIIA").
_GROUP_JOIN = " \t,;:-–"


def _stage_groups(page: AnalyzedPage, clinical_ends: list[int]) -> Iterator[Finding]:
    """Stated stage groups; clinical when a label or prefix says so ("clinical stage", "cStage"), or
    when they follow a clinical T N M string."""
    g = grammar("tnm")
    for rule_id in ("stage.prognostic", "stage.group"):
        rule = g[rule_id]
        for m in scan(page, rule):
            value, corr = normalise_group(m.group("group"))
            if rule_id == "stage.prognostic":
                if value in STAGE_GROUPS:
                    yield make_finding(page, "stage.prognostic_group", value, m.span(), rule, correction=corr)
                continue
            if "prognostic" in page.text[max(0, m.start() - 25):m.start()].lower():
                continue
            if value not in STAGE_GROUPS:
                continue
            label = g["stage.context.clinical-label"].pattern_for(False)
            after_clinical = any(e <= m.start() and not page.text[e:m.start()].strip(_GROUP_JOIN)
                                 for e in clinical_ends)
            clinical = m.group("clin") or after_clinical or \
                _C_PREFIX.search(page.text, max(0, m.start() - 3), m.start()) or \
                "clinical" in page.text[max(0, m.start() - 30):m.start()].lower() or \
                label.search(page.text, max(0, m.start() - 160), m.start())
            path = "stage.clinical.group" if clinical else "stage.group"
            yield make_finding(page, path, value, m.span(), rule, correction=corr)
