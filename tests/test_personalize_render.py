"""Markdown and HTML renderings for patients."""

import json
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from personalize import guide, tailor

FIXTURES = Path(__file__).parent / "fixtures"
PROFILE = json.loads((FIXTURES / "profiles" / "er_pos_her2_low_oligomet_ribociclib.json").read_text(encoding="utf-8"))
CAR_T = (FIXTURES / "answers" / "car-t-general-answer.txt").read_text(encoding="utf-8")
TODAY = date(2026, 11, 26)


def test_markdown_collapses_what_does_not_apply_to_one_line_with_the_record_line():
    md = guide(PROFILE, answer_text=CAR_T, today=TODAY).to_markdown()
    lines = [ln for ln in md.splitlines() if ln.startswith("- _Not about your situation:_")]
    assert len(lines) == 1
    assert "HER2-positive cancer" in lines[0] and "\u201cHER2 (IHC): 1+\u201d" in lines[0]
    assert "pathology report of 2025-03-02 (d1), page 1" in lines[0]
    assert "Clinical trials are testing CAR-T cells targeting HER2" not in md  # the collapsed text itself


def test_markdown_shows_tailored_notes_with_their_records_sources_dates_and_disclaimer():
    g = guide(PROFILE, question="How does CAR-T cell therapy work for breast cancer?", today=TODAY)
    md = g.to_markdown()
    assert "## Important for you now" in md and "## Notes from your records" in md
    assert "_Based on your records: your lab report of 2026-11-20 (d3), page 1._" in md
    assert "(Source: Enhertu (fam-trastuzumab deruxtecan) US prescribing information" in md
    assert "Guidance made on 2026-11-26" in md and "General answer written 2026-11-26, due for review 2027-05-26." in md
    assert g.disclaimer in md
    assert "## What your records do not say" in md and "## Questions to ask your oncologist" in md


def test_unknown_parts_say_they_may_or_may_not_apply():
    empty = json.loads((FIXTURES / "profiles" / "empty.json").read_text(encoding="utf-8"))
    md = guide(empty, question="How is my type of breast cancer treated?", today=TODAY).to_markdown()
    assert "(May or may not apply to you:" in md
    assert "Your records do not yet state your cancer's receptors, stage or medicines." in md


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def test_html_escapes_answer_text_and_profile_values():
    hostile = CAR_T + "\n<script>alert('x')</script>\n<img src=x onerror=alert(1)>\n"
    data = json.loads(json.dumps(PROFILE))
    data["profile"]["medications"][1]["name"] = "letrozole<b onclick=alert(2)>"
    html = tailor(data, hostile, today=TODAY).to_html()
    parser = _Collect()
    parser.feed(html)
    tags = {t for t, _ in parser.tags}
    assert "script" not in tags and "img" not in tags and "b" not in tags
    assert not any(k.startswith("on") for _, attrs in parser.tags for k in attrs)
    assert "&lt;script&gt;" in html and "letrozole&lt;b onclick=alert(2)&gt;" in html


def test_html_collapses_blocks_that_do_not_apply_and_keeps_the_disclaimer():
    g = guide(PROFILE, answer_text=CAR_T, today=TODAY)
    html = g.to_html()
    assert html.count('<details class="not-for-you">') == 1
    assert "<summary>Not about your situation: This part is about HER2-positive cancer" in html
    assert 'class="critical"' in html and "<footer>" in html
    assert "Based on your records:" in html


def test_a_quote_held_inside_another_quote_of_the_page_is_not_repeated():
    """A site's evidence and the longer statement around it (the same words cut at several
    lengths) are quoted once: the outermost span, in page order."""
    profile = json.loads(json.dumps(PROFILE))
    text = "Metastatic recurrence 09/2024 to bone (T7, L2, right iliac bone)"
    spans = [(0, 37), (0, 41), (0, 45), (0, len(text) - 1), (22, 29)]
    profile["evidence"]["stage.metastatic_sites"] = [
        {"document": "d2", "page": 1, "start": 500 + a, "end": 500 + b, "text": text[a:b], "source": "text-layer",
         "confidence": 0.9, "rule": "met.site.bone"} for a, b in spans]
    md = guide(profile, question="Can I join a clinical trial?", today=TODAY).to_markdown()
    quoted = [ln for ln in md.splitlines() if "early-stage" in ln and "_Not about your situation:_" in ln]
    assert quoted, md
    assert quoted[0].count("\u201cMetastatic recurrence") == 1
    assert "\u201cMetastatic recurrence 09/2024 to bone (T7, L2, right iliac bone\u201d" in quoted[0]
    assert "\u201c09/2024\u201d" not in quoted[0]
