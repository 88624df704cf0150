"""Extras beyond the profile's floor (PROFILE.md allows new keys): lymphovascular invasion
(`diagnosis.lvi`: present / absent) and margin status (`diagnosis.margins`: negative / close /
positive), from `rules/extras.yaml`. A stated absence ("No lymphovascular invasion",
"LVI: not identified") is a fact: the value "absent"."""

from __future__ import annotations

from typing import Iterator

from extract.analysis import AnalyzedPage
from extract.fields.base import grid_values, label_columns, make_finding, ocr_correction, scan
from extract.findings import Finding
from extract.rules import grammar

_MARGIN = {"negative": "negative", "neg": "negative", "free": "negative", "clear": "negative", "uninvolved": "negative",
           "positive": "positive", "involved": "positive", "close": "close"}


def extract_extras(page: AnalyzedPage) -> Iterator[Finding]:
    g = grammar("extras")
    for m in scan(page, g["lvi.label-value"]):
        # Whitespace folded: a value wrapped over a line ("not\nidentified") reads as "not identified".
        word = " ".join((m.group("value") or "").lower().split())
        if not word and g["lvi.uncertain"].pattern_for(page.is_ocr).match(page.text, m.end()):
            continue
        if not word and (g["lvi.label-column"].pattern_for(page.is_ocr).match(page.text, m.start())
                         or any(ls == m.start() for (ls, _), _ in label_columns(page))):
            continue  # a bare label in a column of labels, or a grid's heading: its value stands elsewhere
        label_end = m.start("value") if word else m.end()
        # The sentence around the label decides first: "No lymphovascular invasion is identified".
        around = page.assertion(m.start(), label_end)
        if around in ("possible", "hypothetical", "family"):
            continue
        if word.startswith(("not ", "absent", "none", "neg", "no ", "-", "nil")) or (
                around == "negated" and not m.group("ticked")):  # an unticked "[ ] Not seen" negates nothing
            value = "absent"
        else:
            value = "present"
        yield make_finding(page, "diagnosis.lvi", value, m.span(), g["lvi.label-value"], negation_applies=False)
    # a grid's label, its value apart from it (an OCR'd column of labels, or a row of headings)
    for m, span, label in grid_values(page, g["lvi.column-label"], g["lvi.column-value"]):
        word = " ".join(m.group("value").lower().split())
        value = "absent" if word.startswith(("not ", "absent", "none", "neg")) else "present"
        yield make_finding(page, "diagnosis.lvi", value, span, g["lvi.column-value"], extra_spans=[label],
                           negation_applies=False)
    for m in scan(page, g["lvi.tnm-descriptor"]):
        digit = m.group("l").replace("O", "0")  # OCR's O for 0 ("LO VO"), recorded on the evidence
        yield make_finding(page, "diagnosis.lvi", "present" if digit == "1" else "absent", m.span(),
                           g["lvi.tnm-descriptor"], negation_applies=False,
                           correction=ocr_correction(m.group(0), "L" + digit))
    for m in scan(page, g["margins.close"]):
        yield make_finding(page, "diagnosis.margins", "close", m.span(), g["margins.close"])
    for m in scan(page, g["margins.label-value"]):
        value = _MARGIN.get(m.group("value").lower().split()[-1])
        if value:
            yield make_finding(page, "diagnosis.margins", value, m.span(), g["margins.label-value"],
                               negation_applies=False)
