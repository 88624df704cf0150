"""Lymph node counts (positive / examined) from `rules/lymph_nodes.yaml`.

A stated total wins ("Total number examined: 23", "SUMMARY OF LYMPH NODES: 3/26"). Without one,
each part's count is read once and the parts are added up ("A. ... (0/1)", "B. ... 18 OF 20
EXAMINED LYMPH NODES"): the sum's evidence lists every count it added. A synoptic summary's count
of a part (or side) is that part's total: the diagnosis lines it restates are not added to it. Isolated tumour cells count
as examined, not positive. Frozen-section, gross and clinical-history text is not counted.

Counts are added up per side: in a bilateral report each breast's axilla gives its own totals,
tagged with that side (the merge keeps the other breast's apart). For the N category derived from
counts (extract/derive.py), a count also records where its nodes are and what they hold:
- nodes named supraclavicular, infraclavicular or internal mammary, or outside the regional basins,
  are not axillary: when a side has such nodes, `lymph_nodes.axillary_positive` and
  `.axillary_examined` give its axillary (with sentinel, intramammary and unnamed regional) nodes
  alone, and `lymph_nodes.supraclavicular_positive` (also infraclavicular) or
  `.internal_mammary_positive` say that such a node holds a metastasis;
- `lymph_nodes.micrometastases`: how many positive nodes hold micrometastases only (a synoptic
  count, or counts whose statement names a micrometastasis and no macrometastasis);
- `lymph_nodes.isolated_tumor_cells`: a node holds isolated tumour cells (counted negative), stated
  next to its count or as the page's type of nodal metastasis ("Type of metastasis: ITC");
- `lymph_nodes.workup_pending`: recuts or stains of counted nodes are still to be reported (their
  count of 0 is not yet an N0).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from extract.analysis import AnalyzedPage
from extract.fields.base import grid_values, make_finding, number, scan
from extract.fields.node_tables import table_counts
from extract.findings import Finding
from extract.rules import grammar, ocr_number
from extract.specimens import listed_entry, part_at, side_of

_NODE_NUMBER = regex.compile(r"\bnodes?\s*(?:\#|no\.?|number)\s?(\d{1,2})\b", regex.IGNORECASE)
_SKIP_SECTIONS = {"gross", "frozen_section", "clinical_history", "preoperative_diagnosis", "comment", "microscopic"}
#: A polarity word that makes the counted nodes positive (also a macro- or micrometastasis named first, and
#: OCR's "rn" for m: "rnetastatic carcinorna, 1 of 1").
_POSITIVE = regex.compile(r"positive|pos\b|involved|with\s|containing|replaced|show|(?:m|rn)etasta|(?:m|rn)acro|"
                          r"(?:m|rn)icro", regex.I)
_SITES = ("nodes.site.supraclavicular", "nodes.site.infraclavicular", "nodes.site.internal-mammary",
          "nodes.site.distant")
#: Sites whose positive node makes the N category N3 whatever the axillary count.
_N3_SITES = {"supraclavicular": "lymph_nodes.supraclavicular_positive",
             "infraclavicular": "lymph_nodes.infraclavicular_positive"}


@dataclass
class Count:
    pos: int | None
    ex: int
    start: int
    end: int
    part: str | None
    rule: str
    side: str | None = None
    #: "axillary" (also sentinel, intramammary and unnamed regional nodes), "supraclavicular",
    #: "infraclavicular", "internal_mammary" or "other".
    site: str = "axillary"
    itc: bool = False
    micro: bool = False
    #: Further work-up of these nodes (recuts, stains) is still to be reported.
    pending: bool = False
    #: OCR letters read as digits in the count ("O/3" as 0/3: "O->0").
    correction: str | None = None
    #: The node number its line names ("sentinel lymph node #2"): two identical counts of nodes
    #: numbered apart are two nodes, not one restated.
    node_number: str | None = None


def _g():
    return grammar("lymph_nodes")


def _itc_near(page: AnalyzedPage, start: int, end: int) -> bool:
    s0, s1 = page.sentence_at(start)
    lo, hi = min(s0, start), max(s1, end + 60)
    besides = _g()["nodes.exclude.itc-additional"].pattern_for(False)
    return any(not besides.search(page.text, max(0, m.start() - 30), m.start())
               for m in _g()["nodes.part.itc"].finditer(page.text, page.is_ocr, lo, min(hi, len(page.text))))


def _itc_type(page: AnalyzedPage) -> bool:
    """The page names isolated tumour cells as its type of nodal metastasis ("Type of metastasis: ITC")."""
    cached = page.cache.get("nodes.itc-type")
    if cached is None:
        cached = page.cache["nodes.itc-type"] = any(
            page.assertion(m.start(), m.end()) != "negated" for m in scan(page, _g()["nodes.itc-type"]))
    return cached


#: Sections that state the result a microscopic description restates.
_RESULT_SECTIONS = {"final_diagnosis", "synoptic", "addendum"}


#: Sections of a pathology report: a page with none of them is a clinic document.
_REPORT_SECTIONS = _RESULT_SECTIONS | {"gross", "microscopic", "specimen", "frozen_section"}


#: A word for lymph nodes in a result section (`_results_name_nodes`).
_NODE_WORD = regex.compile(r"(?i)\bnod(?:e|es|al)\b|\blymph|(?-i:\b[AS]?LNs?\b)")


def _results_name_nodes(page: AnalyzedPage) -> bool:
    """Does a result section of the page (`_RESULT_SECTIONS`) name lymph nodes? (cached on the page)"""
    cached = page.cache.get("lymph_nodes.results_name_nodes")
    if cached is None:
        sections = page.sections()
        ends = [start for start, _ in sections[1:]] + [len(page.text)]
        cached = page.cache["lymph_nodes.results_name_nodes"] = any(
            name in _RESULT_SECTIONS and _NODE_WORD.search(page.text, start, end) is not None
            for (start, name), end in zip(sections, ends))
    return cached


def _counted(page: AnalyzedPage, offset: int) -> bool:
    section = page.section_at(offset)
    if section == "microscopic":
        # A microscopic description restates the diagnosis' counts; in a report without a
        # diagnosis section ("Microscopy: ... Lymph nodes: 4/18 ..."), or whose diagnosis names no
        # node ("Microscopy: ... Axillary nodes: 2/9. Diagnosis: Invasive ductal carcinoma, pT2 N1a"),
        # it is the result itself.
        return not _results_name_nodes(page)
    if section == "clinical_history":
        # A pathology report's clinical history restates earlier findings; a clinic note's history
        # ("Reason for referral: ... Sentinel nodes: 1/3 SLN+ with ECE") is where it states them.
        return not any(name in _REPORT_SECTIONS for _, name in page.sections())
    return section not in _SKIP_SECTIONS


def _found(rule_id: str, page: AnalyzedPage, lo: int, hi: int) -> bool:
    return next(iter(_g()[rule_id].finditer(page.text, page.is_ocr, lo, hi)), None) is not None


def _describe(page: AnalyzedPage, count: Count) -> None:
    """Side, site and micrometastasis of a count, from its part header and its sentence."""
    part = part_at(page, count.start)
    s0, _ = page.sentence_at(count.start)
    header = (part.start, part.end) if part else (count.start, count.start)
    statement = (min(s0, count.start), count.end)
    count.part = part.label if part else None
    line_start = page.text.rfind("\n", 0, count.start) + 1
    number_m = None
    for number_m in _NODE_NUMBER.finditer(page.text, line_start, count.start):
        pass  # the last node number before the count on its line ("... node #1: (1/1). ... node #2: (0/1)")
    count.node_number = number_m.group(1) if number_m else None
    side, _ = side_of(page.text[statement[0]:statement[1]])
    count.side = side or (part.laterality if part else None) or _side_before(page, count.start)
    spans = [(page, statement), (page, header)]
    entry = listed_entry(page, part) if part else None  # the specimen list's words for a label-only header
    for src, (lo, hi) in spans + ([entry] if entry else []):
        site = next((str(_g()[r].params["site"]) for r in _SITES if _found(r, src, lo, hi)), None)
        if site:
            count.site = site
            break
    s_end = page.sentence_at(max(count.start, count.end - 1))[1]
    count.pending = _found("nodes.pending", page, count.start, min(len(page.text), s_end + 200))
    if count.pos:
        # The count's sentence and the next one ("... (1/3). The deposit is a micrometastasis.").
        s_end = page.sentence_at(max(count.start, count.end - 1))[1]
        lo = max(s0, count.start - 200)
        hi = min(page.sentence_at(s_end)[1] if s_end < len(page.text) else s_end, count.end + 250)
        count.micro = _stated("nodes.micrometastasis", page, lo, hi) and not _stated("nodes.macrometastasis", page, lo, hi)


def _side_before(page: AnalyzedPage, start: int) -> str | None:
    """The side of the nearest "left axilla" / "right breast" in the 150 characters before a count
    (a part header that the OCR text lost its label for)."""
    found = None
    for m in grammar("laterality")["laterality.breast-side"].finditer(page.text, page.is_ocr, max(0, start - 150),
                                                                      start):
        found = m
    if found is None:
        return None
    side, _ = side_of(found.group(0))
    return side


def _stated(rule_id: str, page: AnalyzedPage, lo: int, hi: int) -> bool:
    """A mention of the rule in text[lo:hi] that is not negated ("no macrometastasis")."""
    return any(page.assertion(m.start(), m.end()) != "negated"
               for m in _g()[rule_id].finditer(page.text, page.is_ocr, lo, hi))


def _count(m: regex.Match) -> int:
    """A synoptic count, an OCR "O" read as its zero (the COUNT fragment admits it on OCR pages only)."""
    return int(ocr_number(m.group("pos"))[0])


_TOTAL_LABEL = regex.compile(r"total\b|summary\b", regex.IGNORECASE)


def _totals(page: AnalyzedPage) -> tuple[list[Finding], bool, bool]:
    """Findings of stated totals, and whether an examined / a positive total was found."""
    g = _g()
    out: list[Finding] = []
    found_ex = found_pos = False
    kinds: dict[str, list[regex.Match]] = {"macro": [], "micro": [], "isolated": []}
    #: A kind counted again restates the block ("PREVIOUSLY ISSUED DIAGNOSIS", a second tumour's synoptic
    #: block of the same axilla): the first block's lines are the count, the rest are not added to it.
    restated = False
    for m in scan(page, g["nodes.total.synoptic-examined"]):
        if not _counted(page, m.start()) or found_ex or _other_column_value(page.text, m.start(), m.start("ex"), m.end("ex")):
            continue
        found_ex = True
        examined, correction = ocr_number(m.group("ex"))  # "l2" on an OCR page (OCREX) is 12
        out.append(make_finding(page, "lymph_nodes.examined", int(examined), m.span(),
                                g["nodes.total.synoptic-examined"], negation_applies=False, correction=correction))
    for m in scan(page, g["nodes.total.synoptic-positive"]):
        if not _counted(page, m.start()) or _other_column_value(page.text, m.start(), m.start("pos"), m.end("pos")):
            continue
        kind = (m.group("kind") or "").lower()
        if kind.startswith(("macro", "micro", "isolated")):
            key = kind[:5] if kind.startswith("m") else "isolated"
            restated = restated or bool(kinds[key])
            if not restated:
                kinds[key].append(m)
        elif not found_pos:
            found_pos = True
            out.append(make_finding(page, "lymph_nodes.positive", _count(m), m.span(),
                                    g["nodes.total.synoptic-positive"], negation_applies=False,
                                    correction=ocr_number(m.group("pos"))[1]))
    found_ex, found_pos = _block_totals(page, out, found_ex, found_pos)
    if not found_ex and not found_pos and "|" in page.text:
        found_ex = found_pos = _table_totals(page, out)
    macro_micro = kinds["macro"] + kinds["micro"]
    if macro_micro and not found_pos:
        found_pos = True
        total = sum(_count(m) for m in macro_micro)
        first, rest = macro_micro[0], macro_micro[1:]
        out.append(make_finding(page, "lymph_nodes.positive", total, first.span(), "nodes.total.macro-plus-micro",
                                extra_spans=[m.span() for m in rest], confidence=0.95, negation_applies=False,
                                correction="; ".join(c for m in macro_micro if (c := ocr_number(m.group("pos"))[1]))
                                or None))
    micro = sum(_count(m) for m in kinds["micro"])
    if micro and kinds["macro"] and not any(_count(m) for m in kinds["macro"]):
        m = kinds["micro"][0]
        out.append(make_finding(page, "lymph_nodes.micrometastases", micro, m.span(),
                                g["nodes.total.synoptic-positive"], negation_applies=False))
    itc = next((m for m in kinds["isolated"] if _count(m)), None)
    if itc is not None:
        out.append(make_finding(page, "lymph_nodes.isolated_tumor_cells", True, itc.span(),
                                g["nodes.total.synoptic-positive"], negation_applies=False))
    for rule_id in ("nodes.total.combined-prior", "nodes.total.positive-of-examined", "nodes.total.examined-and-positive",
                    "nodes.total.number-positive", "nodes.total.fraction", "nodes.total.heading-fraction",
                    "nodes.total.summary-line"):
        if found_ex and found_pos:
            break
        matches = list(scan(page, g[rule_id]))
        if rule_id == "nodes.total.fraction":
            # A count labelled as the total comes before a group's ("Sentinel lymph nodes: 1 of 3
            # positive ... Non-sentinel nodes: 0 of 6 ... Total: 1 of 9 lymph nodes positive").
            matches.sort(key=lambda m: _TOTAL_LABEL.match(m.group()) is None)
        for m in matches:
            if not _counted(page, m.start()):
                continue
            count = _count_of(page, m, rule_id)
            if count is None:
                continue
            if _statement_names("nodes.site.intramammary", page, m.start(), m.start()):
                continue  # an intramammary node's count, added to the axillary total below
            if not found_ex:
                out.append(make_finding(page, "lymph_nodes.examined", count.ex, m.span(), g[rule_id],
                                        correction=count.correction, negation_applies=False))
                found_ex = True
            if not found_pos and count.pos is not None:
                out.append(make_finding(page, "lymph_nodes.positive", count.pos, m.span(), g[rule_id],
                                        correction=count.correction, negation_applies=False))
                found_pos = True
            if count.itc:
                out.append(make_finding(page, "lymph_nodes.isolated_tumor_cells", True, m.span(), g[rule_id],
                                        negation_applies=False))
            break
    _add_intramammary(page, out)
    return out, found_ex, found_pos


def _table_totals(page: AnalyzedPage, out: list[Finding]) -> bool:
    """A bar-ruled table's count (`extract.fields.node_tables`), the first one counted."""
    g = _g()
    for count in table_counts(page.text, g["nodes.table.examined-heading"], g["nodes.table.positive-heading"],
                              g["nodes.table.total-row"], page.is_ocr):
        if not _counted(page, count.span[0]):
            continue
        # Rows added up (no total row) are tagged "nodes.table.levels-sum".
        rule = "nodes.table.levels-sum" if count.summed else g["nodes.table.total-row"]
        confidence = 0.9 if count.summed else None
        for path, value in (("lymph_nodes.examined", count.examined), ("lymph_nodes.positive", count.positive)):
            out.append(make_finding(page, path, value, count.span, rule, confidence=confidence, negation_applies=False))
        return True
    return False


#: One more bare cell after a value, then its printed line's end ("3 2." of "grade: nodes positive: 3 2.").
_NEXT_CELL = regex.compile(r"[ \t]+[^\s:.][^\s:]{0,20}(?:\.(?=\s|$)|$)")


def _other_column_value(text: str, label_start: int, value_start: int, value_end: int) -> bool:
    """A label that ends its line beside another label ("Tumor size:   Lymph nodes examined:"), its value
    read from the next line: that line's first value is the other column's ("27 mm   4"), as an OCR'd
    grid of two columns gives them, so the label's own value cannot be told. So too where a run-on page
    joined those lines ("Histologic grade: Lymph nodes positive: 3 2."): a label right after another
    label's colon whose value one more bare cell follows on its printed line."""
    colon = text.rfind(":", label_start, value_start)
    if "\n" not in text[max(colon, label_start):value_start]:
        # (the value on its label's line; a label wrapped before its colon, "Total number\nwith metastasis : 2",
        # is one label, not a column's)
        return text[max(0, label_start - 4):label_start].rstrip().endswith(":") and \
            _NEXT_CELL.match(text, value_end) is not None
    line_start = text.rfind("\n", 0, label_start) + 1
    return ":" in text[line_start:label_start]


def _block_totals(page: AnalyzedPage, out: list[Finding], found_ex: bool, found_pos: bool) -> tuple[bool, bool]:
    """A node block's bare total lines ("Total examined: 14", "Total positive: 2", "Total number of
    nodes: 14"), for the totals not yet found; a line that names no node counts only after a node word
    in the 300 characters before it."""
    g = _g()
    rule = g["nodes.total.block-count"]
    for m in scan(page, rule):
        if found_ex and found_pos:
            break
        if not _counted(page, m.start()):
            continue
        if not m.group("named") and not _found("nodes.total.block-context", page, max(0, m.start() - 300), m.start()):
            continue
        if m.group("pos_word"):
            if not found_pos:
                found_pos = True
                out.append(make_finding(page, "lymph_nodes.positive", int(m.group("n")), m.span(), rule,
                                        negation_applies=False))
        elif not found_ex:
            found_ex = True
            out.append(make_finding(page, "lymph_nodes.examined", int(m.group("n")), m.span(), rule,
                                    negation_applies=False))
    return found_ex, found_pos


def _statement_names(rule_id: str, page: AnalyzedPage, start: int, end: int) -> bool:
    """`rule_id` matches in the statement of text[start:end] (its line, at most 80 characters back
    and not before a full stop: "Total number 2; Number positive 0" is one statement, "Sentinel
    lymph node. Lymph node status: 0/5" two) up to `end`."""
    lo = max(page.text.rfind("\n", 0, start) + 1, start - 80)
    stop = page.text.rfind(". ", lo, start)
    return _found(rule_id, page, lo if stop < 0 else stop + 2, end)


#: Rules that read an intramammary node's count on its line ("Intramammary lymph node: (1/1)",
#: "One intramammary lymph node, no tumor seen (0/1)").
_INTRAMAMMARY_COUNTS = ("nodes.total.fraction", "nodes.part.x-of-y", "nodes.part.fraction")


def _intramammary_counts(page: AnalyzedPage) -> list[Count]:
    """The count on the line of each intramammary node named, read from the name on."""
    out: list[Count] = []
    for m in scan(page, _g()["nodes.site.intramammary"]):
        if not _counted(page, m.start()) or page.assertion(m.start(), m.end()) == "negated":
            continue
        line_end = page.text.find("\n", m.end())
        hi = min(len(page.text) if line_end < 0 else line_end, m.end() + 120)
        for rule_id in _INTRAMAMMARY_COUNTS:
            hit = next(iter(_g()[rule_id].finditer(page.text, page.is_ocr, m.start(), hi)), None)
            count = _count_of(page, hit, rule_id) if hit else None
            if count is None:
                continue
            # The same node restated (in the diagnosis and the synoptic) counts once.
            if not any((c.pos, c.ex) == (count.pos, count.ex) for c in out):
                out.append(count)
            break
    return out


def _add_intramammary(page: AnalyzedPage, totals: list[Finding]) -> None:
    """Add intramammary node counts to the axillary totals their lines name ("Axillary lymph nodes
    (sentinel): Total number 2; Number positive 0" and "Intramammary lymph node: (1/1)" are 1/3):
    AJCC counts intramammary nodes as axillary nodes. A total whose statement already mentions the
    intramammary node, or names no axillary or sentinel nodes (a grand total), is kept as stated."""
    if not totals:
        return
    extra = _intramammary_counts(page)
    for f in totals:
        if not extra or f.path not in ("lymph_nodes.examined", "lymph_nodes.positive"):
            continue
        ev = f.evidence[0]
        if not _statement_names("nodes.total.axillary-only", page, ev.start, ev.end) or \
                _found("nodes.total.includes-intramammary", page, ev.start, page.sentence_at(ev.start)[1]):
            continue
        field = "ex" if f.path.endswith("examined") else "pos"
        added = [c for c in extra if getattr(c, field) is not None]
        f.value += sum(getattr(c, field) for c in added)
        f.evidence += [page.evidence(c.start, c.end, "nodes.site.intramammary", None, ev.confidence) for c in added]


def _sentinel_examined(page: AnalyzedPage) -> Iterator[Finding]:
    """"Number of sentinel nodes examined: 2", on a page that states no other node count (the
    sentinel nodes are then all the nodes examined)."""
    rule = _g()["nodes.total.sentinel-examined"]
    m = next((m for m in scan(page, rule) if _counted(page, m.start())), None)
    if m is not None:
        yield make_finding(page, "lymph_nodes.examined", int(m.group("ex")), m.span(), rule, negation_applies=False)


def _ocr_count(page: AnalyzedPage, groups: dict) -> tuple[str, str | None, str | None]:
    """(examined text, positive text, correction) with OCR letters read as digits ("O/3", "l/12"),
    on OCR pages and when the fraction holds a real digit; "I/II" stays unread."""
    ex_text, pos_text = groups.get("ex") or groups.get("ex2") or "", groups.get("pos")
    if not page.is_ocr or not pos_text or not any(c.isdigit() for c in ex_text + pos_text):
        return ex_text, pos_text, None
    ex_text, ex_corr = ocr_number(ex_text)
    pos_text, pos_corr = ocr_number(pos_text)
    return ex_text, pos_text, "; ".join(c for c in (pos_corr, ex_corr) if c) or None


def _count_of(page: AnalyzedPage, m: regex.Match, rule_id: str) -> Count | None:
    groups = m.groupdict()
    ex_text, pos_text, correction = _ocr_count(page, groups)
    ex = number(ex_text)
    if not ex or ex > 99:
        return None  # no nodes counted ("Lymph nodes: 0 positive / 21 total" is read by its total)
    polarity = (groups.get("polarity") or groups.get("polarity0") or "").lower()
    if pos_text:
        pos = number(pos_text)
        if pos is None:
            return None
        if polarity and not _POSITIVE.match(polarity) and pos:
            # "one of two lymph nodes negative"; a zero stays zero: "0 of 2 negative" is 0 involved
            pos = ex - pos if pos <= ex else None
    elif polarity:
        pos = ex if _POSITIVE.match(polarity) else 0
    elif rule_id == "nodes.part.single-of":
        pos = 1
    elif rule_id == "nodes.part.in-count":
        pos = ex
    else:
        return None
    if pos is not None and pos > ex:
        return None
    itc = _itc_near(page, m.start(), m.end()) or _itc_type(page)
    if pos and itc:
        pos = 0
    return Count(pos, ex, m.start(), m.end(), None, rule_id, itc=itc and pos == 0, correction=correction)


def _part_counts(page: AnalyzedPage) -> list[Count]:
    g = _g()
    counts: list[Count] = []
    taken: list[tuple[int, int]] = []
    for rule_id in ("nodes.part.single-of", "nodes.part.x-of-y", "nodes.part.nodes-metastases-in", "nodes.part.label-of",
                    "nodes.part.label-fraction", "nodes.part.foreign-label-fraction", "nodes.part.foreign-metastases-in",
                    "nodes.part.of-which",
                    "nodes.part.paren-label-fraction",
                    "nodes.part.none-in", "nodes.part.positive-of", "nodes.part.out-of-first", "nodes.part.count-label-positive",
                    "nodes.part.in-count", "nodes.part.fraction-metastasis", "nodes.part.fraction-itc",
                    "nodes.part.label-count",
                    "nodes.part.count-polarity", "nodes.part.count-after", "nodes.part.procedure-fraction",
                    "nodes.part.fraction", "nodes.part.paren-of", "nodes.part.level"):
        for m in scan(page, g[rule_id]):
            s, e = m.span()
            if not _counted(page, s) or any(a < e and s < b for a, b in taken):
                continue
            if rule_id == "nodes.part.fraction":
                before = page.text[max(0, s - 160):s]
                # or the fraction closes the statement of a lymph-node part ("B. SENTINEL LYMPH NODE #1, LEFT
                # AXILLA: TWO LYMPH NODES; ONE WITH ISOLATED TUMOR CELLS (...) DETECTED BY CYTOKERATIN
                # IMMUNOHISTOCHEMISTRY ONLY; NO METASTATIC CARCINOMA BY H&E (0/2)")
                part = part_at(page, s)
                node_part = part is not None and part.site == "lymph_node" and s - part.end <= 300
                if not (node_part or g["nodes.part.node-context"].pattern_for(False).search(before)) or regex.search(
                        r"(?:score|grade|nottingham|g\d)(?:\s+(?:[IVl|]{1,3}|[1-3]))?\W{0,12}$", before, regex.I):
                    # a grade's score ("GRADE III (9/9)"), not a node count
                    continue
            if rule_id == "nodes.part.paren-of" and not _paren_of_count(page, m):
                continue
            count = _count_of(page, m, rule_id)
            if count is None:
                continue
            _describe(page, count)
            taken.append((s, e))
            counts.append(count)
    counts.sort(key=lambda c: c.start)
    # One count per statement: a sentence and its "(0/1)", or two readings of one sentence.
    merged: list[Count] = []
    for c in counts:
        prev = merged[-1] if merged else None
        # "3 axillary lymph nodes with metastatic carcinoma (3/21)": the prose names only the positive
        # nodes, its fraction counts them among all examined.
        same = prev is not None and (prev.ex == c.ex or (
            c.rule == "nodes.part.fraction" and prev.rule != c.rule and prev.pos == prev.ex == c.pos))
        if same and prev.part == c.part and prev.node_number == c.node_number and (
                c.start - prev.end < 60 or page.sentence_at(c.start) == page.sentence_at(prev.start)):
            if prev.rule != "nodes.part.fraction" and c.rule == "nodes.part.fraction":
                c.micro, c.itc = c.micro or prev.micro, c.itc or prev.itc
                merged[-1] = c  # the explicit fraction is the better evidence
            else:
                prev.micro, prev.itc = prev.micro or c.micro, prev.itc or c.itc
            continue
        # The same count restated (a summary line, "see specimen #1") is not more nodes: identical
        # counts within a part, or of three or more nodes on the same side, are read once.
        if any(o.pos == c.pos and o.ex == c.ex and ((o.part == c.part and o.node_number == c.node_number) or (
                c.ex >= 3 and (o.side == c.side or None in (o.side, c.side)))) for o in merged):
            continue
        merged.append(c)
    return _without_breakdown(page, _without_restated(page, _without_remaining(page, _without_part_summed(merged))))


def _paren_of_count(page: AnalyzedPage, m: regex.Match) -> bool:
    """A bracketed "(13 of 15)" is a node count when the statement right before it names nodes and
    what they hold (or the bracket says what they hold: "Sentinel nodes (2 of 3 positive)"), or in a
    lymph-node part, what they hold alone ("A. LEFT SENTINEL LYMPH NODE #1 -. POSITIVE FOR METASTATIC
    CARCINOMA (1 of 1)"), and no slide, page or block word stands just before it."""
    start = m.start()
    lo = max(page.sentence_at(start)[0], start - 160)
    g = _g()
    if g["nodes.part.paren-of-exclude"].pattern_for(False).search(page.text, max(0, start - 40), start):
        return False
    context = g["nodes.part.node-context" if m.group("polarity") else "nodes.part.paren-of-context"]
    if context.pattern_for(False).search(page.text, lo, start):
        return True
    part = part_at(page, start)
    return part is not None and part.site == "lymph_node" and \
        g["nodes.part.paren-of-holds"].pattern_for(False).search(page.text, lo, start) is not None


def _without_remaining(page: AnalyzedPage, counts: list[Count]) -> list[Count]:
    """Counts without "the remaining N nodes" of a count given before it in the same part whose
    other nodes they are: its examined minus its positives ("A single (of 12) ... is positive. The
    remaining 11 ... are negative" is 1 of 12; "Sentinel lymph nodes (3): isolated tumor cells ... in one node;
    the remaining two nodes negative" is 0 of 3, the node with isolated cells not positive). Remaining nodes that do not make up such a total
    ("sentinel node 1/3 ... the remaining 11 axillary nodes") are more nodes and are added."""
    remaining = _g()["nodes.remaining"].pattern_for(False)
    out: list[Count] = []
    for c in counts:
        if c.pos in (None, 0) and remaining.search(page.text, max(0, c.start - 30), c.start) and any(
                o.part == c.part and o.pos is not None and o.ex - o.pos - (1 if o.itc else 0) == c.ex for o in out):
            continue
        out.append(c)
    return out


#: How far after a count its breakdown may follow ("Axillary lymph nodes: metastatic carcinoma
#: (4/17). Group 1 lymph nodes (0/3), Group 2 lymph nodes (4/14).").
_BREAKDOWN_REACH = 250


#: A group of a breakdown names its level or group ("Level II (1/5)", "Group 2 lymph nodes (4/14)").
_GROUP_WORD = regex.compile(r"\b(?:levels?|groups?|stations?|tiers?|(?:non-?)?sentinel|apical)\b", regex.I)


def _without_part_summed(counts: list[Count]) -> list[Count]:
    """Counts without those a part's closing fraction sums up: "ISOLATED TUMOR CELLS IN ONE NODE, TWO
    NODES NEGATIVE. pN0(i+)(sn); 0/3 WITH METASTASIS" are 3 nodes, not 5 (the part's earlier counts
    account for no more nodes, examined and positive, than the fraction stated after them)."""
    dropped: set[int] = set()
    for i, total in enumerate(counts):
        if total.rule != "nodes.part.fraction-metastasis" or total.part is None:
            continue
        earlier = [c for c in counts[:i] if c.part == total.part and id(c) not in dropped]
        if earlier and sum(c.ex for c in earlier) <= total.ex and sum(c.pos or 0 for c in earlier) <= (total.pos or 0):
            dropped.update(id(c) for c in earlier)
            total.itc = total.itc or any(c.itc for c in earlier)
            total.micro = total.micro or any(c.micro for c in earlier)
    return [c for c in counts if id(c) not in dropped] if dropped else counts


def _without_breakdown(page: AnalyzedPage, counts: list[Count]) -> list[Count]:
    """Counts without the breakdown of a total: two or more counts of the same part right after a
    count, each naming its level or group, that add up to it exactly (examined and positive)
    restate it by group (separate parts that happen to add up are still added)."""
    dropped: set[int] = set()
    for i, total in enumerate(counts):
        if id(total) in dropped or total.pos is None:
            continue
        run: list[Count] = []
        for c in counts[i + 1:]:
            if c.part != total.part or c.start - total.end > _BREAKDOWN_REACH or c.pos is None or \
                    not _GROUP_WORD.search(page.text, (run[-1] if run else total).end, c.end):  # "Level I: 5/14" names its own
                break
            run.append(c)
            if len(run) >= 2 and sum(r.ex for r in run) == total.ex and sum(r.pos or 0 for r in run) == total.pos:
                dropped.update(id(r) for r in run)
                break
    return [c for c in counts if id(c) not in dropped] if dropped else counts


#: Sections that summarise a case's parts (CAP-style synoptic parameters, "Tumor summary", a
#: "Conclusion:" after the microscopy that restates its counts).
_SUMMARY_SECTIONS = frozenset({"synoptic", "impression"})


def _without_restated(page: AnalyzedPage, counts: list[Count]) -> list[Count]:
    """Counts without those a synoptic summary restates.

    A summary's count is the total of the nodes it summarises: "Fourteen nodes, negative (0/14)" in
    part A's diagnosis and "one of fifteen nodes positive (1/15)" in part A's synoptic parameters
    (which adds an earlier sentinel node) are 15 nodes, not 29. A summary count covers the counts
    outside summaries of its part (or, when it names no part, of its side) when it accounts for at
    least as many nodes, examined and positive, as they add up to; those are then not added. A
    summary count equal to one of them restates that one and is read once."""
    summary = [c for c in counts if page.section_at(c.start) in _SUMMARY_SECTIONS]
    if not summary or len(summary) == len(counts):
        return counts
    in_summary = {id(c) for c in summary}
    groups: dict[tuple[str | None, str | None], list[Count]] = {}
    for c in summary:
        groups.setdefault((c.part, None if c.part else c.side), []).append(c)
    dropped: set[int] = set()
    for (part, side), group in groups.items():
        covered = [c for c in counts if id(c) not in in_summary and (
            c.part == part if part else (side is None or c.side in (None, side)))]
        if not covered:
            continue
        positives_covered = all(c.pos is not None for c in covered + group) and \
            sum(c.pos or 0 for c in group) >= sum(c.pos or 0 for c in covered)
        if positives_covered and sum(c.ex for c in group) >= sum(c.ex for c in covered):
            dropped.update(id(c) for c in covered)
            continue
        # The summary restates one part's count ("Sentinel nodes: 0/2" of part B): read it once.
        dropped.update(id(g) for g in group if any(c.pos == g.pos and c.ex == g.ex for c in covered))
    return [c for c in counts if id(c) not in dropped]


def _by_side(counts: list[Count]) -> list[tuple[str | None, list[Count]]]:
    """Counts grouped by the side of their axilla. Counts without a side go with the one side the
    others name; when both sides are named, they stay a group of their own."""
    sides = sorted({c.side for c in counts if c.side})
    if len(sides) <= 1:
        return [(sides[0] if sides else None, counts)]
    groups = [(side, [c for c in counts if c.side == side]) for side in sides]
    unsided = [c for c in counts if c.side is None]
    return groups + ([(None, unsided)] if unsided else [])


def _sum_findings(page: AnalyzedPage, counts: list[Count], side: str | None, prefix: str,
                  examined: bool = True, positive: bool = True) -> Iterator[Finding]:
    first, rest = counts[0], counts[1:]
    extra = [(c.start, c.end) for c in rest]
    rule = "nodes.sum-of-parts" if rest else first.rule
    correction = "; ".join(dict.fromkeys(c.correction for c in counts if c.correction)) or None
    if examined:
        yield make_finding(page, f"{prefix}examined", sum(c.ex for c in counts), (first.start, first.end), rule,
                           extra_spans=extra, correction=correction, confidence=0.85, negation_applies=False,
                           laterality=side)
    if positive and all(c.pos is not None for c in counts):
        yield make_finding(page, f"{prefix}positive", sum(c.pos or 0 for c in counts), (first.start, first.end),
                           rule, extra_spans=extra, correction=correction, confidence=0.85, negation_applies=False,
                           laterality=side)


def _side_findings(page: AnalyzedPage, side: str | None, counts: list[Count], found_ex: bool,
                   found_pos: bool) -> Iterator[Finding]:
    """Totals of one side's counts, and what the N category from counts needs (module docstring)."""
    if not (found_ex and found_pos):
        yield from _sum_findings(page, counts, side, "lymph_nodes.", not found_ex, not found_pos)
    axillary = [c for c in counts if c.site == "axillary"]
    if axillary and len(axillary) < len(counts):
        yield from _sum_findings(page, axillary, side, "lymph_nodes.axillary_")
    for c in counts:
        path = _N3_SITES.get(c.site) or ("lymph_nodes.internal_mammary_positive" if c.site == "internal_mammary"
                                         else None)
        if path and c.pos:
            yield make_finding(page, path, True, (c.start, c.end), c.rule, negation_applies=False, laterality=side)
    positive = [c for c in axillary if c.pos]
    if positive and all(c.micro for c in positive):
        yield make_finding(page, "lymph_nodes.micrometastases", sum(c.pos or 0 for c in positive),
                           (positive[0].start, positive[0].end), "nodes.micrometastasis",
                           extra_spans=[(c.start, c.end) for c in positive[1:]], negation_applies=False,
                           laterality=side)
    itc = next((c for c in axillary if c.itc), None)
    if itc is not None:
        yield make_finding(page, "lymph_nodes.isolated_tumor_cells", True, (itc.start, itc.end), "nodes.part.itc",
                           negation_applies=False, laterality=side)
    pending = next((c for c in counts if c.pending), None)
    if pending is not None:
        yield make_finding(page, "lymph_nodes.workup_pending", True, (pending.start, pending.end), "nodes.pending",
                           negation_applies=False, laterality=side)


def _grid_counts(page: AnalyzedPage) -> Iterator[Finding]:
    """A count whose label and value an OCR'd grid puts lines apart ("Sentinel nodes:" ... "1/2
    (macrometastasis 3 mm)"): the value line's fraction, with the label as a second span."""
    g = _g()
    for m, (vs, _), label in grid_values(page, g["nodes.column-label"], g["nodes.column-value"]):
        if int(m.group("pos")) <= int(m.group("ex")):
            span = (vs, vs + m.end("ex"))
            yield make_finding(page, "lymph_nodes.examined", int(m.group("ex")), span, g["nodes.column-value"],
                               extra_spans=[label], negation_applies=False)
            yield make_finding(page, "lymph_nodes.positive", int(m.group("pos")), span, g["nodes.column-value"],
                               extra_spans=[label], negation_applies=False)
            return


def extract_lymph_nodes(page: AnalyzedPage) -> Iterator[Finding]:
    totals, found_ex, found_pos = _totals(page)
    yield from totals
    counts = _part_counts(page)
    if not counts:
        if not found_ex and not found_pos:
            grid = list(_grid_counts(page))  # an OCR'd grid: "Sentinel nodes:" ... "1/2 (macrometastasis)"
            yield from grid
            found_ex = bool(grid)
        if not found_ex:
            # A synoptic form of a sentinel biopsy that counts only its sentinel nodes.
            yield from _sentinel_examined(page)
        return
    groups = _by_side(counts)
    if len(groups) == 1:
        # A stated total covers the page; the parts still say where the nodes are.
        stated = {t.path for t in totals}
        yield from (f for f in _side_findings(page, groups[0][0], counts, found_ex, found_pos)
                    if f.path not in stated)
        return
    # Both sides: a total stated inside one side's part is that side's total only.
    for side, group in groups:
        stated = {t.path for t in totals if t.laterality == side}
        yield from (f for f in _side_findings(page, side, group, "lymph_nodes.examined" in stated,
                                              "lymph_nodes.positive" in stated) if f.path not in stated)
