"""Rules with a `window` run only around their anchors; they must find exactly what a scan of the
whole text finds."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.rules import grammar, load_grammar_file, windowed_rules
from ingest.errors import ConfigurationError

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "records"
WINDOWED = windowed_rules()


def _full(rule, text: str, is_ocr: bool, pos: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The rule's matches from a scan of the whole range (its `requires` filter applied as usual)."""
    pattern = rule.pattern_for(is_ocr)
    if pattern is None or (rule.requires and not any(w in text.lower() for w in rule.requires)):
        return []
    return [m.span() for m in pattern.finditer(text, pos, len(text) if end is None else end)]


def _windowed(rule, text: str, is_ocr: bool, pos: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    return [m.span() for m in rule.finditer(text, is_ocr, pos, end)]


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*/*.txt"))]
    for module in ("test_extract_pathology", "test_extract_pathology_staging"):
        table = __import__(f"tests.{module}", fromlist=["ROWS"])
        texts += [row[0] for row in getattr(table, "ROWS", [])]
    return texts


def test_some_rules_are_windowed() -> None:
    assert {rule.id for rule in WINDOWED} >= {"size.tumor-label", "grade.score", "nodes.part.x-of-y"}


@pytest.mark.parametrize("is_ocr", [False, True], ids=["text-layer", "ocr"])
def test_windows_find_what_a_whole_scan_finds_in_records(is_ocr: bool) -> None:
    texts = _texts()
    assert len(texts) > 100
    for rule in WINDOWED:
        for text in texts:
            assert _windowed(rule, text, is_ocr) == _full(rule, text, is_ocr), (rule.id, text[:80])


def test_windows_respect_the_callers_range() -> None:
    text = "Tumor size: 2.5 cm. Later: tumour size 1.1 cm and 3 of 12 lymph nodes."
    rule = grammar("tumor_size")["size.tumor-label"]
    for pos, end in [(0, len(text)), (5, 40), (20, len(text)), (30, 45)]:
        assert _windowed(rule, text, False, pos, end) == _full(rule, text, False, pos, end)


# Texts made of the words the windowed rules read, in any order and spacing.
_PIECES = st.sampled_from([
    "tumor size", "Tumour size:", "invasive", "carcinoma", "ductal", "measuring", "in greatest dimension",
    "2.5", "1.2 x 0.8", "cm", "mm", "CM", "ck", "em", "of", "3", "12", "twelve", "/", "lymph nodes", "node",
    "SLN", "l.n.", "positive", "negative", "grade", "Nottingham", "score", "+", "=", "7", "(", ")", ":", ".",
    ",", "\n", "  ", " ", "Size", "-", "forming a", "mass", "poorly differentiated", "T3", "P2", "M1", "9",
    "with a tumour", "tumour", "2,8x2,5x2", "x",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=60), st.booleans())
def test_windows_find_what_a_whole_scan_finds_in_any_text(pieces: list[str], is_ocr: bool) -> None:
    text = " ".join(pieces)
    for rule in WINDOWED:
        assert _windowed(rule, text, is_ocr) == _full(rule, text, is_ocr), rule.id


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=60), st.booleans())
def test_windows_find_what_a_whole_scan_finds_when_the_text_runs_on_past_them(pieces: list[str], is_ocr: bool) -> None:
    """Text long after the windows: each match is confirmed against the whole text."""
    text = " ".join(pieces) + " and the rest of the report follows here." * 8
    for rule in WINDOWED:
        assert _windowed(rule, text, is_ocr) == _full(rule, text, is_ocr), rule.id


def test_a_match_begun_with_words_it_consumes_is_confirmed_on_a_long_text() -> None:
    """`size.tumour-mass` consumes "with a" and starts its match after them (\\K): it used to be
    re-matched at its own start, fail, and be lost whenever the text ran on past its window."""
    text = ("Macroscopy: mammary gland 18x15x4 cm with a tumour 2,8x2,5x2 cm in the upper outer quadrant. "
            "Lymph nodes: in the axillary fatty tissue 11 lymph nodes were found, metastases in 3 of them. " * 3)
    rule = grammar("tumor_size")["size.tumour-mass"]
    assert _windowed(rule, text, False) == _full(rule, text, False) != []


def test_a_window_whose_anchor_does_not_compile_fails_at_load(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(
        'version: "x"\nrules:\n  - id: size.broken\n    pattern: \'\\d+ cm\'\n'
        "    window: {anchor: '(cm', before: 10, after: 2}\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="size.broken"):
        load_grammar_file(path)


def test_split_anchors_find_what_the_whole_alternation_finds() -> None:
    import regex

    from extract.rules import _anchor_spans

    texts = _texts()
    split = [r for r in WINDOWED if len(r.anchor_strict) > 1]
    assert split  # otherwise this checks nothing
    for rule in split:
        bits = rule.strict.flags
        for anchors in {rule.anchor_strict, rule.anchor_ocr}:
            whole = regex.compile("|".join(a.pattern for a in anchors), bits)
            for text in texts:
                assert _anchor_spans(anchors, text) == [m.span() for m in whole.finditer(text)], rule.id


@pytest.mark.parametrize("rule_id", ["tnm.t", "nodes.part.x-of-y"])
def test_the_time_budget_counts_the_scan_not_the_callers_work(monkeypatch, rule_id) -> None:
    """The `regex` package's timeout counts CPU time from the iterator's creation, the caller's work
    between matches included: a long page whose matches each cost a ConText run lost its later
    matches. A rule's budget is for its scan alone (whole page and windows)."""
    import time

    import extract.rules as rules

    monkeypatch.setattr(rules, "TIMEOUT_S", 0.2)
    rule = grammar("tnm" if rule_id.startswith("tnm") else "lymph_nodes")[rule_id]
    line = "pT2 N0 M0\n" if rule_id == "tnm.t" else "0/2 lymph nodes; "
    text = line * 30
    found = 0
    for _ in rule.finditer(text, False):
        spin = time.process_time() + 0.02  # the caller's work on each match: 30 x 20 ms > 0.2 s
        while time.process_time() < spin:
            pass
        found += 1
    assert found == 30
