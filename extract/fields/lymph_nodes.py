"""Lymph node counts (positive / examined) from `rules/lymph_nodes.yaml`.

A stated total wins ("Total number examined: 23", "SUMMARY OF LYMPH NODES: 3/26"). Without one,
each part's count is read once and the parts are added up ("A. ... (0/1)", "B. ... 18 OF 20
EXAMINED LYMPH NODES"): the sum's evidence lists every count it added. Isolated tumour cells count
as examined, not positive. Frozen-section, gross and clinical-history text is not counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import regex

from extract.analysis import AnalyzedPage
from extract.fields.base import make_finding, number, scan
from extract.findings import Finding
from extract.rules import grammar
from extract.specimens import part_at

_SKIP_SECTIONS = {"gross", "frozen_section", "clinical_history", "preoperative_diagnosis", "comment", "microscopic"}
_POSITIVE = regex.compile(r"positive|involved|with\s|containing|replaced|show|metasta", regex.I)


@dataclass
class Count:
    pos: int | None
    ex: int
    start: int
    end: int
    part: str | None
    rule: str


def _g():
    return grammar("lymph_nodes")


def _itc_near(page: AnalyzedPage, start: int, end: int) -> bool:
    s0, s1 = page.sentence_at(start)
    lo, hi = min(s0, start), max(s1, end + 60)
    return any(True for _ in _g()["nodes.part.itc"].finditer(page.text, page.is_ocr, lo, min(hi, len(page.text))))


def _counted(page: AnalyzedPage, offset: int) -> bool:
    return page.section_at(offset) not in _SKIP_SECTIONS


def _totals(page: AnalyzedPage) -> Iterator[Finding]:
    g = _g()
    found_ex = found_pos = False
    macro_micro: list[regex.Match] = []
    for m in scan(page, g["nodes.total.synoptic-examined"]):
        if not _counted(page, m.start()) or found_ex:
            continue
        found_ex = True
        yield make_finding(page, "lymph_nodes.examined", int(m.group("ex")), m.span(), g["nodes.total.synoptic-examined"],
                           negation_applies=False)
    for m in scan(page, g["nodes.total.synoptic-positive"]):
        if not _counted(page, m.start()):
            continue
        kind = (m.group("kind") or "").lower()
        if kind.startswith(("macro", "micro")):
            macro_micro.append(m)
        elif not kind.startswith("isolated") and not found_pos:
            found_pos = True
            yield make_finding(page, "lymph_nodes.positive", int(m.group("pos")), m.span(),
                               g["nodes.total.synoptic-positive"], negation_applies=False)
    if macro_micro and not found_pos:
        found_pos = True
        total = sum(int(m.group("pos")) for m in macro_micro)
        first, rest = macro_micro[0], macro_micro[1:]
        yield make_finding(page, "lymph_nodes.positive", total, first.span(), "nodes.total.macro-plus-micro",
                           extra_spans=[m.span() for m in rest], confidence=0.95, negation_applies=False)
    for rule_id in ("nodes.total.positive-of-examined", "nodes.total.fraction", "nodes.total.summary-line"):
        if found_ex and found_pos:
            break
        for m in scan(page, g[rule_id]):
            if not _counted(page, m.start()):
                continue
            count = _count_of(page, m, rule_id)
            if count is None:
                continue
            if not found_ex:
                yield make_finding(page, "lymph_nodes.examined", count.ex, m.span(), g[rule_id], negation_applies=False)
                found_ex = True
            if not found_pos and count.pos is not None:
                yield make_finding(page, "lymph_nodes.positive", count.pos, m.span(), g[rule_id], negation_applies=False)
                found_pos = True
            break
    page.cache["node_totals"] = (found_ex, found_pos)


def _count_of(page: AnalyzedPage, m: regex.Match, rule_id: str) -> Count | None:
    groups = m.groupdict()
    ex = number(groups.get("ex") or groups.get("ex2") or "")
    if ex is None or ex > 99:
        return None
    pos_text = groups.get("pos")
    polarity = (groups.get("polarity") or groups.get("polarity0") or "").lower()
    if pos_text:
        pos = number(pos_text)
        if pos is None:
            return None
        if polarity and not _POSITIVE.match(polarity):
            pos = ex - pos if pos <= ex else None  # "one of two lymph nodes negative"
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
    if pos and _itc_near(page, m.start(), m.end()):
        pos = 0
    return Count(pos, ex, m.start(), m.end(), None, rule_id)


def _part_counts(page: AnalyzedPage) -> list[Count]:
    g = _g()
    counts: list[Count] = []
    taken: list[tuple[int, int]] = []
    for rule_id in ("nodes.part.single-of", "nodes.part.x-of-y", "nodes.part.in-count", "nodes.part.count-polarity", "nodes.part.count-after",
                    "nodes.part.fraction"):
        for m in scan(page, g[rule_id]):
            s, e = m.span()
            if not _counted(page, s) or any(a < e and s < b for a, b in taken):
                continue
            if rule_id == "nodes.part.fraction":
                before = page.text[max(0, s - 120):s]
                if not g["nodes.part.node-context"].pattern_for(False).search(before) or regex.search(
                        r"(?:score|grade|nottingham|g\d)\W{0,12}$", before, regex.I):
                    continue
            count = _count_of(page, m, rule_id)
            if count is None:
                continue
            part = part_at(page, s)
            count.part = part.label if part else None
            taken.append((s, e))
            counts.append(count)
    counts.sort(key=lambda c: c.start)
    # One count per statement: a sentence and its "(0/1)", or two readings of one sentence.
    merged: list[Count] = []
    for c in counts:
        prev = merged[-1] if merged else None
        if prev and prev.part == c.part and prev.ex == c.ex and (
                c.start - prev.end < 60 or page.sentence_at(c.start) == page.sentence_at(prev.start)):
            if prev.rule != "nodes.part.fraction" and c.rule == "nodes.part.fraction":
                merged[-1] = c  # the explicit fraction is the better evidence
            continue
        # The same count restated (a summary line, "see specimen #1") is not more nodes: identical
        # counts within a part, or of three or more nodes anywhere on the page, are read once.
        if any(o.pos == c.pos and o.ex == c.ex and (o.part == c.part or c.ex >= 3) for o in merged):
            continue
        merged.append(c)
    return merged


def extract_lymph_nodes(page: AnalyzedPage) -> Iterator[Finding]:
    yield from _totals(page)
    found_ex, found_pos = page.cache.get("node_totals", (False, False))
    if found_ex and found_pos:
        return
    counts = _part_counts(page)
    if not counts:
        return
    first, rest = counts[0], counts[1:]
    extra = [(c.start, c.end) for c in rest]
    rule = "nodes.sum-of-parts" if rest else first.rule
    if not found_ex:
        yield make_finding(page, "lymph_nodes.examined", sum(c.ex for c in counts), (first.start, first.end), rule,
                           extra_spans=extra, confidence=0.85, negation_applies=False)
    if not found_pos and all(c.pos is not None for c in counts):
        yield make_finding(page, "lymph_nodes.positive", sum(c.pos or 0 for c in counts), (first.start, first.end),
                           rule, extra_spans=extra, confidence=0.85, negation_applies=False)
