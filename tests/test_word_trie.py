"""A word list as a prefix tree (`extract.word_trie`) matches what the longest-first alternation of
the same words matches, in whatever pattern it stands."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.fields.labs import lab_vocabulary
from extract.word_trie import word_tree


def _alternation(words: list[str], space: str = r"\s+") -> str:
    return "|".join(re.escape(w).replace(r"\ ", space) for w in sorted(words, key=len, reverse=True))


def test_the_tree_shares_prefixes_and_tries_the_longer_word_first() -> None:
    assert word_tree(["neutrophil", "neutrophils", "neutrophils absolute"]) == r"neutrophil(?:s(?:\s+absolute)?)?"
    assert word_tree(["ANC", "AST", "ALT"]) == "A(?:NC|ST|LT)"
    assert word_tree(["Hb", "HB", "hb"]) == "(?:H(?:b|B)|hb)"
    assert word_tree(["WBC", "wbc"], fold_case=True) == "wbc"
    assert word_tree(["a.b", "a+b"]) == r"a(?:\.b|\+b)"
    assert word_tree([]) == "(?!)"


def test_a_word_that_ends_where_a_longer_one_goes_on_is_kept() -> None:
    pattern = re.compile(rf"(?<!\w)(?:{word_tree(['plt', 'plts', 'platelets'])})(?!\w)")
    assert [m.group() for m in pattern.finditer("plt 120, plts 130, platelets 140, pl 3, pltsx")] == [
        "plt", "plts", "platelets"]


# Few letters, so that words share prefixes and one word goes on past another's end ("a" and "a b").
_WORDS = st.lists(st.text(alphabet="aAb -", min_size=1, max_size=5).filter(lambda w: w.strip() == w),
                  min_size=1, max_size=8, unique=True)


@settings(max_examples=500, deadline=None)
@given(words=_WORDS, text=st.text(alphabet="aAb -\t.", max_size=40), fold=st.booleans())
def test_the_tree_finds_what_the_alternation_finds(words: list[str], text: str, fold: bool) -> None:
    # The lab names' setting: a word boundary on each side, so that which word is taken matters.
    flags = re.IGNORECASE if fold else 0
    old = re.compile(rf"(?<![\w/-])(?:{_alternation(words)})(?![\w/-])", flags)
    new = re.compile(rf"(?<![\w/-])(?:{word_tree(words, fold_case=fold)})(?![\w/-])", flags)
    assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]


def test_the_lab_names_read_as_before_on_a_page() -> None:
    vocab = lab_vocabulary()
    text = ("Absolute neutrophil count 0.9 x10^9/L (grade 3 neutropenia); ANC 900/mm3; WBC 2.1; "
            "Neutrophils, absolute 1.2 K/uL; plts 98; Hb 10.1; ALT 40; creatinine 0.8; Cr 0.9; CR 0.9")
    written = vocab.by_written_name
    long_names = [n for n in written if len(n) > 3]
    short_names = [n for n in written if len(n) <= 3]
    old = re.compile(rf"(?<![\w/-])(?:(?i:{_alternation(long_names)})|{_alternation(short_names)})(?![\w/-])")
    found = [m.group() for m in vocab.name_re.finditer(text)]
    assert found == [m.group() for m in old.finditer(text)]
    assert "Absolute neutrophil count" in found and "ANC" in found and "CR" not in found


def test_a_space_that_may_match_nothing_is_refused() -> None:
    with pytest.raises(ValueError, match="empty string"):
        word_tree(["PIK3 CA", "PIK3CA"], space=r"[\s-]?")
