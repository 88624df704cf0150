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
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

import regex

from extract.dates import find_dates, find_month_years, find_years
from extract.findings import Finding, Procedure
from extract.rules import grammar

if TYPE_CHECKING:
    from extract.analysis import AnalyzedPage

Side = Literal["left", "right"]
_SIDE = {"left": "left", "lt": "left", "l": "left", "right": "right", "rt": "right", "r": "right",
         # after "mama", "mamma", "mammella", "sein" (rules/specimens.yaml: specimen.side)
         "derecha": "right", "izquierda": "left", "direita": "right", "esquerda": "left", "destra": "right",
         "sinistra": "left", "droit": "right", "droite": "right", "gauche": "left", "links": "left",
         "rechts": "right", "dx": "right", "sin": "left"}
#: Words that make a part a lymph node's; also the Spanish, Portuguese, Italian, Dutch, Scandinavian, Polish,
#: Czech, Hungarian and Indonesian node words ("Ganglio centinela No. 2", "Linfonodo sentinela", "Wezel wartowniczy").
_LYMPH = ("lymph", "node", "sentinel", "axill", "sln", "l. n.", "l.n.", "ganglio", "gânglio", "linfonod", "klier",
          "lymfk", "lymfeknu", "węzł", "wezl", "wezeł", "wezel", "uzlin", "nyirok", "kelenjar")


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
    #: Where the side came from when the header took it from a specimen list (see
    #: `specimen_list`): (page number, start, end) of the side's words in the list entry.
    listed: tuple[int, int, int] | None = None
    #: The list entry of the same label it was matched with: (page number, start, end).
    entry: tuple[int, int, int] | None = None


@lru_cache(maxsize=1024)
def side_of(text: str) -> tuple[Side | None, bool]:
    """The side a phrase names: (left|right|None, bilateral?). Remembered: each finding in a
    sentence asks about the same sentence."""
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


def synoptic_procedure(page: "AnalyzedPage", offset: int) -> Procedure | None:
    """The procedure the "Procedure:" line of the synoptic block holding `offset` names (for values
    of a block outside any part), cached per block."""
    start = max((s for s, _ in page.sections() if s <= offset), default=0)
    key = ("specimens.synoptic-procedure", start)
    if key not in page.cache:
        end = next((s for s, _ in page.sections() if s > start), len(page.text))
        m = next(grammar("specimens")["specimen.procedure-line"].finditer(page.text, page.is_ocr, start, end), None)
        page.cache[key] = procedure_of(m.group("what")) if m else None
    return page.cache[key]


def _site_of(text: str) -> Literal["breast", "lymph_node", "other"]:
    low = text.lower()
    if "breast" in low and not any(k in low.split("breast")[0] for k in _LYMPH):
        return "breast"
    if any(k in low for k in _LYMPH):
        return "lymph_node"
    if any(k in low for k in ("mastectomy", "lumpectomy", "quadrant", "areola", "nipple")):
        return "breast"
    if regex.match(r"[\W_]*(?:mama|mamma|mammella|sein)\s", low):  # "Mama esquerda, biópsia ..." (specimen.site-header)
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
    for rule_id in ("specimen.part-header", "specimen.site-header", "specimen.block-header"):
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
    found = _with_listed_parts(page, found)
    found = sorted(found + _references(page, found), key=lambda p: p.start)
    page.cache["parts"] = found
    return found


def _references(page: "AnalyzedPage", headers: list[Part]) -> list[Part]:
    """"(part B)" in a summary line: that line is about part B (its side, site and procedure)."""
    out = []
    rule = grammar("specimens")["specimen.part-reference"]
    for m in (m for a, b in _segments(page) for m in rule.finditer(page.text, page.is_ocr, a, b)):
        if m.group("label"):
            label = m.group("label").upper()
            target = next((p for p in reversed(headers) if p.start < m.start() and p.label == label), None)
        else:  # a results heading naming a side: the last breast part of that side
            side = m.group("side").lower()
            target = next((p for p in reversed(headers) if p.start < m.start() and p.laterality == side
                           and p.site == "breast" and p.label is not None), None)
        if target is None:
            continue
        line_start = page.text.rfind("\n", 0, m.start()) + 1
        start = max(line_start, page.sentence_at(m.start())[0])
        out.append(Part(start=start, end=m.end(), label=target.label, site=target.site,
                        laterality=target.laterality, bilateral=target.bilateral, procedure=target.procedure,
                        rule="specimen.part-reference", listed=target.listed, entry=target.entry))
    return out


_BLOCK_RULE = "specimen.block-header"


def _merge_lists(page: "AnalyzedPage", found: list[Part]) -> list[Part]:
    """A list of parts ("Specimens: A: LEFT BREAST ... B: LEFT AXILLA. C: ...") governs the text
    after it as one part: the side they share (if they share one) and the first procedure."""
    out: list[Part] = []
    run: list[Part] = []

    def flush() -> None:
        if len(run) == 1 or (run and _each_listed(page, run)):
            out.extend(run)
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
        # A synoptic block's heading ("SYNOPTIC REPORT - RIGHT BREAST") heads its own block, never
        # one item of a list of parts right above it.
        block = _BLOCK_RULE in (part.rule, run[-1].rule if run else None)
        if run and (block or part.start - run[-1].end > 4 or page.text[run[-1].end:part.start].strip(" .,;\n") != ""):
            flush()
        run.append(part)
    flush()
    return out


def _each_listed(page: "AnalyzedPage", run: list[Part]) -> bool:
    """Headers one after another that a specimen list before them names each ("A. METASTATIC
    CARCINOMA IN ONE LYMPH NODE (1/1). B. ONE LYMPH NODE, NEGATIVE (0/1).") are parts of their own,
    not a list of parts."""
    source = _list_before(page, run[0].start)
    return source is not None and all(p.label in source[0].entries for p in run)


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
        # "[1] Breast, right ..." and "[2] Breast, left ..." number the parts; "1." and "2." inside them the
        # parts' own items (a Korean report's "[1] ... 1. ... 1) ..."): a sequence of its own.
        kind = "bracket" if page.text.startswith("[", part.start) else "number" if part.label.isdigit() else "letter"
        value = ord(part.label[0]) - ord("A") + 1 if kind == "letter" else int(part.label)
        prev = last.get((section, kind), 0)
        if value != 1 and (value <= prev or value > prev + 3):
            continue  # a list restarts at A or 1; otherwise it only goes up, by small steps
        if kind == "number" and ((section, "letter") in last or (section, "bracket") in last):
            continue  # numbered items inside lettered (or bracketed) parts are the parts' own lists
        last[(section, kind)] = value
        kept.append(part)
    return kept


def _clean_label(label: str) -> str:
    label = label.strip().lstrip("#").strip()
    if label.lower().startswith("part"):
        label = label[4:].strip()
    return label.upper()


# -- specimen lists ----------------------------------------------------------------------------
# Many reports name each part once, in a list ("SPECIMEN(S): A. Left breast, lumpectomy  B. Left
# axillary sentinel lymph node #1"), and the diagnosis then gives the label only ("A. INVASIVE
# DUCTAL CARCINOMA ..."). Such a header takes its side (and, when it names none, its site and
# procedure) from the entry of the same label in the nearest list before it on the page, or on an
# earlier page. Only an entry that names exactly one side gives a side; a label missing from the
# list gives nothing; a header that names its own side keeps it.

#: Sections whose label-only lines are part headers ("A. INVASIVE DUCTAL CARCINOMA").
_DIAGNOSIS_SECTIONS = frozenset({"final_diagnosis", "microscopic", "addendum", None})
#: How far a list runs when no section header ends it.
_LIST_SPAN = 800


@dataclass(frozen=True)
class ListedPart:
    """One entry of a specimen list: its label, its text's span and what that text names."""
    label: str
    start: int
    end: int
    site: Literal["breast", "lymph_node", "other"]
    laterality: Side | None
    procedure: Procedure | None
    side_span: tuple[int, int] | None


@dataclass(frozen=True)
class SpecimenList:
    start: int  # the opener ("SPECIMEN(S):")
    end: int  # end of the last entry
    entries: dict[str, ListedPart]


def _label_value(label: str) -> int:
    return int(label) if label.isdigit() else ord(label) - ord("A") + 1


def specimen_lists(page: "AnalyzedPage") -> list[SpecimenList]:
    """The specimen lists on the page, in order (cached on the page). Entries are taken in strict
    sequence (A, B, C... or 1, 2, 3...), so a "#1" or "2:00" inside an entry does not split it."""
    cached = page.cache.get("specimen_lists")
    if cached is not None:
        return cached
    g = grammar("specimens")
    text = page.text
    out: list[SpecimenList] = []
    for opener in g["specimen.list-opener"].finditer(text, page.is_ocr):
        if out and opener.start() < out[-1].end:
            continue
        stop = min((s for s, _ in page.sections() if s > opener.start()), default=len(text))
        stop = min(stop, opener.end() + _LIST_SPAN)
        labels: list[tuple[str, int, int]] = []
        for m in g["specimen.list-item"].finditer(text, page.is_ocr, opener.end(), stop):
            label = m.group("label").upper()
            if not labels:
                if text[opener.end():m.start()].strip() or _label_value(label) != 1:
                    break  # a list starts right after its opener, at A or 1
            elif label.isdigit() != labels[0][0].isdigit() or _label_value(label) != _label_value(labels[-1][0]) + 1:
                continue
            labels.append((label, m.start(), m.end()))
        if not labels:
            continue
        entries: dict[str, ListedPart] = {}
        for i, (label, _, head_end) in enumerate(labels):
            end = labels[i + 1][1] if i + 1 < len(labels) else _entry_end(text, head_end, stop)
            entries[label] = _entry(page, label, head_end, end)
        out.append(SpecimenList(opener.start(), max(e.end for e in entries.values()), entries))
    page.cache["specimen_lists"] = out
    return out


def _entry_end(text: str, start: int, stop: int) -> int:
    """The last entry runs to the end of its line or sentence ("... C: LEFT BREAST. FINAL ...")."""
    ends = [i for i in (text.find("\n", start, stop), text.find(". ", start, stop)) if i >= 0]
    return min(ends, default=stop)


def _entry(page: "AnalyzedPage", label: str, start: int, end: int) -> ListedPart:
    text = page.text[start:end]
    side, _ = side_of(text)
    span = None
    if side is not None:
        m = next(m for m in grammar("specimens")["specimen.side"].finditer(page.text, page.is_ocr, start, end)
                 if _SIDE.get(m.group("side").lower()) == side)
        span = m.span("side")
    return ListedPart(label, start, end, _site_of(text), side, procedure_of(text), span)


def _list_before(page: "AnalyzedPage", offset: int) -> tuple[SpecimenList, int] | None:
    """The nearest list before `offset` on this page, else the last list of an earlier page, with
    the number of the page that holds it."""
    here = [sl for sl in specimen_lists(page) if sl.end <= offset]
    if here:
        return here[-1], page.page.number
    earlier = [p for p in page.document_pages if p.page.number < page.page.number]
    for other in reversed(earlier):
        lists = specimen_lists(other)
        if lists:
            return lists[-1], other.page.number
    return None


def _compatible(a: str, b: str) -> bool:
    """A node part and a breast part are not the same specimen (the list is then not about
    these labels); any other pairing may be."""
    return a == b or "other" in (a, b)


def _with_listed_parts(page: "AnalyzedPage", found: list[Part]) -> list[Part]:
    """Headers after a specimen list take what they do not name from its entries, and label-only
    headers in the diagnosis ("A. INVASIVE DUCTAL CARCINOMA") become parts."""
    if not specimen_lists(page) and not any(specimen_lists(p) for p in page.document_pages
                                            if p.page.number < page.page.number):
        return found
    inside = [(sl.start, sl.end) for sl in specimen_lists(page)]
    out: list[Part] = []
    for part in found:
        source = _list_before(page, part.start)
        entry = source[0].entries.get(part.label or "") if source else None
        if (entry is None or any(a <= part.start < b for a, b in inside) or part.rule != "specimen.part-header"
                or not _compatible(part.site, entry.site)):
            out.append(part)
            continue
        inherit = part.laterality is None and not part.bilateral and entry.laterality is not None
        # A header whose words name neither breast nor node ("A. Invasive carcinoma, margins
        # negative") is the list's breast or node part.
        out.append(Part(
            start=part.start, end=part.end, label=part.label, site=entry.site if part.site == "other" else part.site,
            laterality=entry.laterality if inherit else part.laterality, bilateral=part.bilateral,
            procedure=part.procedure or entry.procedure, rule=part.rule,
            listed=(source[1], *entry.side_span) if inherit and source and entry.side_span else None,
            entry=(source[1], entry.start, entry.end) if source else None,
        ))
    return sorted(out + _bare_parts(page, out, inside), key=lambda p: p.start)


def _bare_parts(page: "AnalyzedPage", found: list[Part], inside: list[tuple[int, int]]) -> list[Part]:
    text = page.text
    taken = [(p.start, max(p.end, p.start + 1)) for p in found]
    out: list[Part] = []
    for m in (m for a, b in _segments(page) for m in grammar("specimens")["specimen.bare-part"].finditer(
            text, page.is_ocr, a, b)):
        start, end = m.span("head")
        section = page.section_at(start)
        if section not in _DIAGNOSIS_SECTIONS or any(a <= start < b for a, b in inside + taken):
            continue
        source = _list_before(page, start)
        label = m.group("label").upper()
        entry = source[0].entries.get(label) if source else None
        if source is None:
            continue
        # Labels only go up within a section, by small steps: "A. Gross measurement" in a
        # parameters list after part E is not part A, nor "11. THE INVASIVE CARCINOMA ..." inside
        # part 4 part 11.
        kind = label.isdigit()
        before = [_label_value(p.label) for p in found + out if p.label and "-" not in p.label
                  and p.label.isdigit() == kind and p.start < start and page.section_at(p.start) == section]
        if max(before, default=0) >= _label_value(label) or _label_value(label) > max(before, default=0) + 3:
            continue
        if entry is None:
            # A label the list does not name, next in sequence ("B." after "A."): a part of
            # which nothing is known, so the text after it is not part A's.
            if before and _label_value(label) == max(before) + 1:
                out.append(Part(start=start, end=end, label=label, site="other", laterality=None, bilateral=False,
                                procedure=None, rule="specimen.unlisted-part"))
            continue
        # The header's own words name a side: that side, not the list's.
        s1 = page.sentence_at(end)[1]
        colon = text.find(":", end, s1)
        own_side, own_bilateral = side_of(text[end:colon if colon >= 0 else s1])
        side = own_side if own_side or own_bilateral else entry.laterality
        listed = (source[1], *entry.side_span) if source and side and side == entry.laterality and not own_side \
            and entry.side_span else None
        out.append(Part(start=start, end=end, label=label, site=entry.site, laterality=side,
                        bilateral=own_bilateral, procedure=entry.procedure, rule="specimen.listed-part",
                        listed=listed, entry=(source[1], entry.start, entry.end) if source else None))
    return out


def _on_page(page: "AnalyzedPage", where: tuple[int, int, int] | None):
    if where is None:
        return None
    number, start, end = where
    source = next((p for p in [page, *page.document_pages] if p.page.number == number), None)
    return (source, (start, end)) if source is not None else None


def listed_side(page: "AnalyzedPage", part: Part) -> tuple["AnalyzedPage", tuple[int, int]] | None:
    """The page and span of the list words a part took its side from (None if its own)."""
    return _on_page(page, part.listed)


def listed_entry(page: "AnalyzedPage", part: Part) -> tuple["AnalyzedPage", tuple[int, int]] | None:
    """The page and span of the list entry a part was matched with ("C. Left supraclavicular
    lymph node"), for what its header does not say."""
    return _on_page(page, part.entry)


#: Sections that continue the part before them when they name none of their own (a synoptic
#: block's "Findings:" or "Comment:" line is about the part the block describes).
_CONTINUING_SECTIONS = frozenset({"findings", "comment", "ancillary_studies", "staging"})


def _parts_with_sections(page: "AnalyzedPage") -> list[tuple[Part, str | None]]:
    cached = page.cache.get("parts_with_sections")
    if cached is None:
        cached = page.cache["parts_with_sections"] = [(p, page.section_at(p.start)) for p in parts(page)]
    return cached


#: What may stand before a history line's date: indentation, a bullet or an item number.
_LINE_LEAD = regex.compile(r"[ \t]*(?:[-*\u2022\u00b7]+|\(?\d{1,2}[.)])?[ \t]*")
#: What follows a history line's date: a colon or a dash ("2019: ...", "07/15/2026 - ...").
_AFTER_LINE_DATE = regex.compile(r"[ \t]*[:\-\u2013\u2014]")


def line_date(page: "AnalyzedPage", offset: int) -> str | None:
    """The date the line of `offset` opens with, when it opens a dated history entry ("- 06/2026:
    back pain", "07/15/2026: CT-guided biopsy"), as an ISO prefix; None otherwise. A range of years
    ("2015-2020:") is not one date."""
    text = page.text
    lead = _LINE_LEAD.match(text, text.rfind("\n", 0, offset) + 1).end()
    if lead >= offset:
        return None
    window = min(offset, lead + 20)
    found = [*((m, m.value.isoformat()) for m in find_dates(text, lead, window)),
             *((m, m.iso) for m in find_month_years(text, lead, window)),
             *((m, f"{m.first:04d}") for m in find_years(text, lead, window) if m.last is None)]
    return next((iso for m, iso in found if m.start == lead and _AFTER_LINE_DATE.match(text, m.end)), None)


def _date_rank(f: Finding) -> tuple[int, ...]:
    """Undated readings first (the note's own statements), then dated history lines, latest first."""
    if f.line_date is None:
        return (0,)
    return (1, *(-int(part) for part in f.line_date.split("-")))


def is_revision(page: "AnalyzedPage", offset: int, end: int | None = None) -> bool:
    """Is the value at `offset` stated as a revision (rule specimen.revision in the 60 characters
    of its sentence before it, or specimen.revision-label in its own span up to `end` within its
    sentence: "HER2 IHC (4B5), repeat: 2+")?"""
    g = grammar("specimens")
    s0, s1 = page.sentence_at(offset)
    start = max(s0, offset - 60)
    if next(g["specimen.revision"].finditer(page.text, page.is_ocr, start, offset), None) is not None:
        return True
    hi = min(end, s1) if end is not None else offset
    if hi <= offset:
        return False
    label = g["specimen.revision-label"]
    on_page = page.cache.get("specimens.revision-label")
    if on_page is None:  # most pages state no revision label: their findings skip the search
        on_page = page.cache["specimens.revision-label"] = next(label.finditer(page.text, page.is_ocr), None) is not None
    return on_page and next(label.finditer(page.text, page.is_ocr, offset, hi), None) is not None


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
        if part.rule == "specimen.part-reference" and page.text.find("\n", part.end, offset) >= 0 \
                and not _heads_lines(page.text, part.end, offset):
            continue  # a reference on an earlier line
        if part_section == section:
            best = part
        else:
            previous = part
    if best is None and section in _CONTINUING_SECTIONS and previous is not None:
        start = max((s for s, _ in page.sections() if s <= offset), default=0)
        if page.section_at(max(0, start - 1)) == page.section_at(previous.start):
            return _named_side_part(page, offset, previous)
    if best is None:
        return _block_at(page, offset) or _sentence_side(page, offset)
    return _named_side_part(page, offset, best) if best.end <= offset else best


#: A cancer named in a part's text (`states_no_cancer`): its own "no carcinoma" statements blanked first.
_CANCER_WORD = regex.compile(r"carcinom|sarcom|lymphoma|malignant\b", regex.IGNORECASE)


def states_no_cancer(page: "AnalyzedPage", part: Part, offset: int) -> bool:
    """Whether the part's text before `offset` says the part holds no cancer and names none
    (`specimen.no-cancer`): a tumour's result read there is the report's, not this part's."""
    if part.end > offset:
        return False
    rule = grammar("specimens")["specimen.no-cancer"]
    text = page.text[part.end:offset]
    found = list(rule.finditer(text, page.is_ocr))
    if not found:
        return False
    for m in reversed(found):
        text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    return _CANCER_WORD.search(text) is None


def _heads_lines(text: str, end: int, offset: int) -> bool:
    """A part reference that ends its line ("Specimen 1 (right):" over rows of results) heads the
    lines under it, up to a blank line; one whose row of results wraps at a column bar ("ER: negative
    (0%) | PR: negative (0%) |" then "HER2: 0 | Ki-67: 85%") heads the next line too."""
    line_end = text.find("\n", end)
    if text[end:line_end].strip():
        return text[end:line_end].rstrip().endswith("|") and text.find("\n", line_end + 1, offset) < 0
    return _FOCUS_GAP.search(text, end, offset) is None


#: Sections that end one breast's synoptic block (`specimen.block-header`); its own label lines
#: ("Specimen:", "Pathologic Staging:") open other sections that do not.
_BLOCK_ENDS = frozenset({"synoptic", "final_diagnosis", "addendum", "comment", "gross", "microscopic",
                         "clinical_history"})


def _block_at(page: "AnalyzedPage", offset: int) -> Part | None:
    """The synoptic block heading ("SYNOPTIC REPORT - LEFT BREAST") whose block holds `offset`."""
    block = None
    for part, _ in _parts_with_sections(page):
        if part.start > offset:
            break
        if part.rule == "specimen.block-header":
            block = part
    if block is None or any(block.end <= s <= offset and name in _BLOCK_ENDS for s, name in page.sections()):
        return None
    return block


def _sentence_side(page: "AnalyzedPage", offset: int) -> Part | None:
    """Outside any part, on a page whose parts name a side: a sentence naming the other breast
    ("the patient's 2006 contralateral (right) breast carcinoma was ER negative") is about that
    breast (see `_named_side_part`)."""
    sided = {p.laterality for p in parts(page) if p.site == "breast" and p.laterality}
    if len(sided) != 1:
        return None
    s0, s1 = page.sentence_at(offset)
    side, _ = side_of(page.text[s0:s1])
    if side is None or side in sided or "breast" not in page.text[s0:s1].lower():
        return None
    return Part(start=s0, end=s0, label=None, site="breast", laterality=side, bilateral=False, procedure=None,
                rule="specimen.sentence-side")


#: A semicolon closing the clause before a sentence's start (searched up to that start).
_CLAUSE_BREAK = regex.compile(r";\s*\Z")


def _named_side_part(page: "AnalyzedPage", offset: int, inherited: Part) -> Part | None:
    """A sentence after a part's header that names the other breast (a comment or a receptor line
    after the last part: "Right breast tumour (A3): ER negative") belongs to the one breast part of
    that side, or to no part, not to the part it follows."""
    if inherited.laterality is None:
        return inherited
    s0, s1 = page.sentence_at(offset)
    # a clause after a semicolon is still its sentence's: "Receptors (right tumour): ER positive; PR negative"
    while s0 > inherited.end and (semicolon := _CLAUSE_BREAK.search(page.text, inherited.end, s0)):
        s0 = page.sentence_at(semicolon.start())[0]
    side, _ = side_of(page.text[max(s0, inherited.end):s1])
    if side is None or side == inherited.laterality:
        return inherited
    same_side = [p for p in parts(page) if p.site == "breast" and p.laterality == side]
    if len(same_side) == 1:
        return same_side[0]
    if same_side:
        return None
    # No part of that side: the sentence is about the other breast all the same ("The patient had
    # a left breast lumpectomy in 2002 for a 1.2 cm carcinoma" after right-sided parts), so its
    # values are tied to that side, never to the index cancer.
    return Part(start=s0, end=s0, label=None, site="breast", laterality=side, bilateral=False, procedure=None,
                rule="specimen.sentence-side")


# -- foci of a multifocal tumour ------------------------------------------------------------
# "Focus 1: ... grade 2 ... 2.1 cm. Focus 2: ... grade 3 ... 0.6 cm": each focus's values are
# tagged with it (`Finding.specimen` "A/focus 2"), and `order_findings` puts the largest focus's
# values first, so the profile describes the largest focus and the others' values go to conflicts.

_FOCUS_TAG = "focus "
#: Where the last focus's text ends: a sentence end, a new bullet or blank line, a "LABEL:" line.
_FOCUS_END = regex.compile(r"\.(?=\s|$)|;|\n[ \t]*(?:[-•*]|\n)|\n(?=[ \t]*[A-Z][A-Za-z /()]{2,40}:)")
_FOCUS_GAP = regex.compile(r"\n[ \t]*\n")
_SENTENCE_END = regex.compile(r"\.(?=\s|$)|\n")
_FOCUS_WORDS = {"one": "1", "two": "2", "three": "3", "first": "1", "second": "2", "third": "3"}


def foci(page: "AnalyzedPage") -> list[tuple[str, int, int]]:
    """(label, start, end) of each focus's text when the page names two or more foci (cached)."""
    cached = page.cache.get("foci")
    if cached is not None:
        return cached
    found = [m for a, b in _segments(page)
             for m in grammar("specimens")["specimen.focus-header"].finditer(page.text, page.is_ocr, a, b)]
    heads = [(_FOCUS_WORDS.get(m.group("label").lower(), m.group("label").lower()), m.start(), m.end()) for m in found]
    # A label's bracket naming its focus ("Receptors (tumour 2):") governs its own sentence only.
    sentence_only = {m.start() for m in found if m.group("ref")}
    out: list[tuple[str, int, int]] = []
    if len({label for label, _, _ in heads}) >= 2:
        # A focus's text ends at the next section or part header too ("B. SENTINEL LYMPH NODES: ..." after
        # "Tumour 2 (1 o'clock): 1.1 cm" on a run-on page, where no blank line closes the foci).
        section_starts = [s for s, _ in page.sections()] + [
            p.start for p in parts(page) if p.rule in ("specimen.part-header", "specimen.site-header")]
        for i, (label, start, end) in enumerate(heads):
            stop = heads[i + 1][1] if i + 1 < len(heads) else len(page.text)
            stop = min([stop, *(s for s in section_starts if s > end)])
            # A focus's text never runs past a blank line (a summary or a results table below the foci).
            gap = _FOCUS_GAP.search(page.text, end, stop)
            stop = gap.start() if gap else stop
            if i + 1 == len(heads) or start in sentence_only:
                m = (_SENTENCE_END if start in sentence_only else _FOCUS_END).search(page.text, end, stop)
                stop = m.start() if m else stop
            out.append((label, start, stop))
    page.cache["foci"] = out
    return out


def focus_at(page: "AnalyzedPage", offset: int) -> str | None:
    """The label of the focus whose text holds `offset` (None outside the foci)."""
    return next((label for label, start, end in foci(page) if start <= offset < end), None)


def focus_tag(part_label: str | None, focus: str) -> str:
    return f"{part_label}/{_FOCUS_TAG}{focus}" if part_label else f"{_FOCUS_TAG}{focus}"


def _index_focus(findings: list[Finding]) -> str | None:
    """The focus with the largest stated invasive size."""
    sized = [f for f in findings if f.is_fact and f.path in _SIZE_PATHS and f.specimen and _FOCUS_TAG in f.specimen
             and isinstance(f.value, (int, float))]
    return max(sized, key=lambda f: f.value).specimen if sized else None


def without_other_foci_details(findings: list[Finding]) -> list[Finding]:
    """Receptor details of a focus other than the index (largest) one, for a marker that the index
    focus has results of, but not for that path: "Block A3 (tumour 1): ER 0 %" and "Block A7
    (tumour 2): ER 85 %, moderate": tumour 2's intensity beside tumour 1's percent describes
    neither. A path both foci state stays (the other focus's value is a conflict)."""
    focus = _index_focus(findings)
    if focus is None:
        return findings

    def marker(f: Finding) -> str | None:
        parts = f.path.split(".")
        return parts[1] if parts[0] == "receptors" and len(parts) == 3 and parts[1] in ("er", "pr", "her2") else None

    index_label = focus.split(_FOCUS_TAG, 1)[1]

    def other_focus(f: Finding) -> bool:
        # By the focus's label: a results block after the diagnosis may be read as another part.
        return bool(f.specimen) and _FOCUS_TAG in f.specimen and f.specimen.split(_FOCUS_TAG, 1)[1] != index_label

    index_paths = {f.path for f in findings if f.is_fact and marker(f) and not other_focus(f)}
    index_markers = {marker(f) for f in findings if f.path in index_paths}
    return [f for f in findings if not (other_focus(f) and marker(f) in index_markers and f.path not in index_paths)]


#: How much a section's statements are trusted for pathology values (times the rule's confidence).
SECTION_WEIGHT: dict[str | None, float] = {
    "final_diagnosis": 1.0, "synoptic": 1.0, "addendum": 1.0, "ancillary_studies": 0.95,
    "microscopic": 0.95, "comment": 0.9, None: 0.9, "impression": 0.9, "findings": 0.85,
    "assessment_plan": 0.85, "staging": 0.95, "frozen_section": 0.6, "clinical_history": 0.6,
    "past_medical_history": 0.6, "oncologic_history": 0.6, "preoperative_diagnosis": 0.5, "specimen": 0.85, "gross": 0.5,
}


def section_weight(section: str | None) -> float:
    return SECTION_WEIGHT.get(section, 0.8)


# -- ordering ----------------------------------------------------------------------------------

_SIZE_PATHS = ("diagnosis.tumor_size_mm",)


def index_side(findings: list[Finding]) -> str | None:
    """The side of the index cancer: the side with the largest invasive tumour (or the higher pT)."""
    best: tuple[float, str] | None = None
    for f in findings:
        if not f.is_fact or f.laterality is None or f.assertion == "historical":
            continue  # an earlier cancer's size or pT ("PMH: right breast cancer 2009, pT1c") is not the index's
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


#: The sizes (mm, lower bound exclusive, upper inclusive) of the pT categories that a size settles.
_PT_SIZE_MM = {"T1mi": (0.0, 1.0), "T1a": (1.0, 5.0), "T1b": (5.0, 10.0), "T1c": (10.0, 20.0), "T2": (20.0, 50.0),
               "T3": (50.0, 1000.0)}


def _stated_pt_range(findings: list[Finding], side: str | None) -> tuple[float, float] | None:
    """The size range of the one pT category the page states for the index tumour, if it states one."""
    stated = {f.value for f in findings if f.path == "stage.pathologic.t" and f.is_fact
              and f.assertion != "historical" and (side is None or f.laterality in (None, side))}
    return _PT_SIZE_MM.get(next(iter(stated))) if len(stated) == 1 else None


def order_findings(findings: list[Finding]) -> list[Finding]:
    """Findings grouped by path (first appearance), each group best first (see module docstring)."""
    side = index_side(findings)
    focus = _index_focus(findings)
    # Two sizes of the tumour ("0.6 cm in the excision", "Tumor size: 14 mm (taken from the core biopsy)"):
    # the one the report's own pT category matches is the staged size.
    pt_range = _stated_pt_range(findings, side)
    order: dict[str, int] = {}
    for f in findings:
        order.setdefault(f.path, len(order))

    def key(item: tuple[int, Finding]):
        i, f = item
        on_index = side is None or f.laterality is None or f.laterality == side
        # Another focus of a multifocal tumour than the largest.
        on_index = on_index and (focus is None or not f.specimen or _FOCUS_TAG not in f.specimen or f.specimen == focus)
        # A result quoted from an earlier specimen, or a historical mention ("receptor conversion
        # from ER 70 % in 2019"), comes after this report's own current result.
        # A stated revision outranks the report's first reading ("Revised stage: pN0(i+)" after "pN0(sn)").
        # An in-situ lesion's pTis beside an invasive tumour's pT is the other lesion's (AJCC stages the
        # invasive one): it comes after.
        in_situ_t = f.path.endswith((".pathologic.t", ".clinical.t")) and f.value == "Tis"
        off_pt = pt_range is not None and f.path in _SIZE_PATHS and isinstance(f.value, (int, float)) and \
            not pt_range[0] < f.value <= pt_range[1]
        return (order[f.path], not f.is_fact, not on_index, f.specimen == "prior", f.assertion == "historical",
                in_situ_t, off_pt, not f.revises, _date_rank(f), -_confidence(f), i)

    return [f for _, f in sorted(enumerate(findings), key=key)]
