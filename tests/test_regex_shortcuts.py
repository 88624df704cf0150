"""Shortcuts that make a regex scan cheaper must find exactly what the plain scan finds:
line-anchored patterns tried at line starts only (`extract.line_starts`, used by the section
header matcher and the document-kind cues), and the initials lookahead put in front of word-list
patterns (`extract.initials`, used by the date, date-label and lab-name patterns)."""

from __future__ import annotations

import re

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.context import LINE_HEADER_PREFIX, section_rules
from extract.dates import date_rules
from extract.fields.labs import lab_vocabulary
from extract.initials import initials_lookahead
from extract.line_starts import line_starts, matches_at_line_starts
from extract.pipeline import HeaderMatcher, build_nlp

HEADER_LINES = [
    "FINAL DIAGNOSIS:", "Plan:", "  A/P: continue", "Notes", "Gross description:", "Comment:",
    "Microscopic", "ASSESSMENT AND PLAN", "Results:", "plan: see below", "Clinical history:",
    "Family history: mother with breast cancer", "Left breast, lumpectomy:", "random words", "", "\t",
    "Addendum", "Medications:", "Labs:", "Impression:", "DIAGNOSIS (continued):",
]
WORDS = ["neutrophils", "ANC", "Hb", "hemoglobin", "WBC", "platelets", "Collected", "date of service",
         "03/14/2026", "14 March 2026", "March 2024", "Jan '24", "2026-03-14", "seen on", "ca 15-3",
         "CEA", "x", "9", "-", "/", "(", "ſ", "K", "é", "mar", "Apr.", "on"]


def test_line_starts():
    assert line_starts("") == [0]
    assert line_starts("a\nbc\n\nd") == [0, 2, 5, 6]
    assert line_starts("x\n") == [0, 2]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(HEADER_LINES), max_size=20), st.sampled_from(["\n", "\r\n", "\n\n"]))
def test_line_header_patterns_at_line_starts_match_as_finditer(lines, newline):
    text = newline.join(lines)
    starts = line_starts(text)
    line_patterns = [regex.compile(s) for _, _, s in section_rules().header_regexes() if s.startswith(LINE_HEADER_PREFIX)]
    assert len(line_patterns) >= 10  # otherwise this tests nothing
    for pattern in line_patterns:
        assert [m.span() for m in matches_at_line_starts(pattern, text, starts)] == [m.span() for m in pattern.finditer(text)]


LONG_LINES = [
    "Family history " * 50,  # a 750-character line: the match is looked for within the reach
    "Plan" + " " * 380 + ":",  # a header whose match ends near the reach: tried again over the whole text
    " " * 450, "Medications" + "\n" * 3 + " " * 300 + ":", "Labs:", "Impression", "words " * 120,
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(HEADER_LINES + LONG_LINES), min_size=5, max_size=40))
def test_line_header_patterns_on_long_pages_match_as_finditer(lines):
    # `matches_at_line_starts` tries each line within `REACH` characters first (line_starts.py)
    text = "\n".join(lines)
    starts = line_starts(text)
    for _, _, source in section_rules().header_regexes():
        if source.startswith(LINE_HEADER_PREFIX):
            pattern = regex.compile(source)
            assert [m.span() for m in matches_at_line_starts(pattern, text, starts)] == [
                m.span() for m in pattern.finditer(text)]


def test_header_matcher_splits_line_and_inline_headers():
    # The sectionizer's matcher tries every line header at line starts, every other one everywhere.
    found = _header_matchers(build_nlp())
    assert found, "the page pipeline has a section header matcher"
    for m in found:
        assert m._line_compiled and m._compiled
        assert all(p.pattern.startswith(LINE_HEADER_PREFIX) for _, p in m._line_compiled)
        assert not any(p.pattern.startswith(LINE_HEADER_PREFIX) for _, p in m._compiled)


def _header_matchers(nlp):
    import gc

    return [o for o in gc.get_objects() if isinstance(o, HeaderMatcher) and o.nlp is nlp]


def test_initials_lookahead():
    assert initials_lookahead(fold_case=["mar", "Apr"], extra="0-9") == "(?=[0-9AMam])"
    assert initials_lookahead(exact_case=["ANC", "x"]) == "(?=[Ax])"
    assert initials_lookahead(fold_case=["-x", "(y"]) == "(?=[\\(\\-])"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=25), st.lists(st.sampled_from([" ", "\n", ": ", ", ", ""]), max_size=25))
def test_initials_change_no_match(words, seps):
    text = "".join(w + (seps[i] if i < len(seps) else " ") for i, w in enumerate(words))
    rules, labs = date_rules(), lab_vocabulary()
    for pattern in (rules.date_re, rules.month_year_re, rules.label_re, labs.name_re):
        assert pattern.pattern.startswith("(?=[")
        plain = re.compile(pattern.pattern[pattern.pattern.index("])") + 2:], pattern.flags)
        assert [(m.span(), m.groupdict()) for m in pattern.finditer(text)] == \
            [(m.span(), m.groupdict()) for m in plain.finditer(text)]


# --- the one-pass word index behind every `requires` filter (`extract.word_index`) ---------------

from extract.word_index import WordIndex  # noqa: E402

FILTER_WORDS = ["her", "er", "mar", "summary", "history of present", "node", "nodes", "pt", "ki", "b1",
                "\\bher", "\\bmar", "\\bpt", "\\bnode", "\\b1"]


def _occurs(word: str, text: str) -> bool:
    """The reference: a substring search; a `\\b` word at a start of a word only."""
    text = text.lower()
    if not word.startswith("\\b"):
        return word in text
    bare = word[2:]
    return any(text.startswith(bare, i) and (i == 0 or not text[i - 1].isalnum()) for i in range(len(text)))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("herMARsumypistonfdkb1PT- \n_é")), max_size=80))
def test_word_index_finds_what_substring_search_finds(text):
    index = WordIndex()
    index.register(FILTER_WORDS)
    assert index.present(text) == {w for w in FILTER_WORDS if _occurs(w, text)}


def test_word_start_words_are_told_from_substrings():
    index = WordIndex()
    index.register(["\\bct", "ct", "\\banc"])
    assert index.present("Section of the duct; cancer") == {"ct"}
    assert index.present("CT chest: clear. ANC 1.2") == {"ct", "\\bct", "\\banc"}
    assert index.present("PET/CT") == {"ct", "\\bct"}


def test_word_index_forgets_answers_when_words_are_added():
    index, text = WordIndex(), "Summary of nodes"
    assert index.present(text) == frozenset()
    index.register(["summary"])
    assert index.present(text) == {"summary"}
    index.register(["nodes", ""])
    assert index.present(text) == {"summary", "nodes"}


def test_every_rule_and_cue_filter_word_is_indexed():
    from extract.classify import kind_rules
    from extract.rules import RULES_DIR, grammar
    from extract.word_index import WORDS

    kind_words = {w for rule in kind_rules().kinds for cue in rule.cues for w in cue.requires}
    grammar_words = {w for path in RULES_DIR.glob("*.yaml") if path.stem not in ("context", "sections", "furniture", "run_on", "ocr_respell")
                     for r in grammar(path.stem).rules for w in r.requires}
    from extract.fields.histology import histology_vocabulary

    histology_words = {w for htype in histology_vocabulary().types for w in htype.requires}
    assert kind_words and grammar_words and histology_words
    words = kind_words | grammar_words | histology_words
    assert WORDS.present(" | ".join(sorted(w.removeprefix("\\b") for w in words))) == words


# A `requires` filter may only skip a rule that cannot match. Run on the sample records and on
# copies whose spaces are line breaks or double spaces (OCR breaks lines inside phrases): wherever
# a rule or cue matches, one of its words is present. Multi-word filters ("blood count" for
# `blood\s+count`) failed this.
def _filtered_patterns():
    from extract.classify import kind_rules
    from extract.fields.histology import histology_vocabulary
    from extract.rules import RULES_DIR, grammar

    for rule in kind_rules().kinds:
        for cue in rule.cues:
            if cue.requires:
                yield cue.id, cue.regex, cue.requires
    for path in sorted(RULES_DIR.glob("*.yaml")):
        if path.stem in ("context", "sections", "furniture", "run_on", "ocr_respell"):
            continue
        for r in grammar(path.stem).rules:
            if r.requires:
                yield r.id, r.ocr, r.requires
    for htype in histology_vocabulary().types:
        if htype.requires:
            for scanner, _ in htype.compiled(True):
                yield htype.id, scanner.whole, htype.requires


def test_requires_filters_never_skip_a_match():
    from pathlib import Path

    records = sorted((Path(__file__).parent.parent / "samples" / "records").glob("*/*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in records]
    assert len(texts) >= 10
    variants = [v for t in texts for v in (t, t.replace(" ", "\n"), t.replace(" ", "  "))]
    unsound = []
    for rule_id, pattern, requires in _filtered_patterns():
        index = WordIndex()
        index.register(requires)
        hit = next((m.group(0) for v in variants if not index.present(v) for m in [pattern.search(v)] if m), None)
        if hit is not None:
            unsound.append((rule_id, hit))
    assert unsound == []
