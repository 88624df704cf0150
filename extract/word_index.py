"""Which of many filter words occur in a text, found in one pass.

Grammar rules, document-kind cues and histology types name `requires` words: lower-case strings of which the text
must hold one for the rule to be tried (a page without them skips the scan). Asked rule by rule
(`word in text`), the 300 words cost a report 0.8 ms of substring searches; an Aho-Corasick
automaton over all of them finds every one that occurs (as a substring, overlapping or not, as
`in` does) in about a tenth of that.

A word written with a leading `\\b` ("\\bct") must start a word: the character before it is not a
letter or digit. Short words are substrings of many others ("ct" of "section", "anc" of "cancer",
"mar" of "summary"): a rule whose pattern holds the word after a word boundary names it so and is
not tried on every page.
"""

from __future__ import annotations

from collections.abc import Iterable

import ahocorasick


#: The mark of a word that must start a word.
WORD_START = "\\b"

#: Texts at least this long are remembered: a page's words are asked for again and again, while a
#: stream of short phrases (a part header's site words) would push the page out of the cache.
_CACHED_LENGTH = 400


class WordIndex:
    """Words registered by the rules that filter on them; `present(text)` is remembered for the
    last few texts (rules ask about the same page many times)."""

    def __init__(self) -> None:
        self._words: set[str] = set()
        self._automaton: ahocorasick.Automaton | None = None
        self._cache: dict[int, tuple[str, frozenset[str]]] = {}

    def register(self, words: Iterable[str]) -> None:
        new = {w for w in words if w.removeprefix(WORD_START)} - self._words
        if new:
            self._words |= new
            self._automaton = None
            self._cache.clear()

    def forget(self) -> None:
        """Forget the answers for the last texts (see `extract.text_caches`)."""
        self._cache.clear()

    def present(self, text: str) -> frozenset[str]:
        """The registered words that occur in `text.lower()` (a `\\b` word: at the start of a word)."""
        hit = self._cache.get(id(text))
        if hit is not None and hit[0] is text:
            return hit[1]
        if self._automaton is None:
            self._automaton = self._build()
        found = frozenset(self._found(text.lower())) if self._words else frozenset()
        if len(text) >= _CACHED_LENGTH:  # pages, not the phrases rules are also asked about
            if len(self._cache) > 8:
                self._cache.clear()
            self._cache[id(text)] = (text, found)
        return found

    def _found(self, lowered: str) -> set[str]:
        found: set[str] = set()
        for end, (anywhere, word_start, length) in self._automaton.iter(lowered):
            if anywhere is not None:
                found.add(anywhere)
            if word_start is not None:
                start = end - length + 1
                if start == 0 or not lowered[start - 1].isalnum():
                    found.add(word_start)
        return found

    def _build(self) -> ahocorasick.Automaton:
        """An automaton over the bare words; each key's value: (the word as registered without the
        mark or None, the word as registered with it or None, the key's length)."""
        keys: dict[str, list] = {}
        for word in self._words:
            bare = word.removeprefix(WORD_START)
            entry = keys.setdefault(bare, [None, None, len(bare)])
            entry[0 if bare == word else 1] = word
        automaton = ahocorasick.Automaton()
        for key, entry in keys.items():
            if key:
                automaton.add_word(key, tuple(entry))
        if keys:
            automaton.make_automaton()
        return automaton


#: The index every rule registers its `requires` words with.
WORDS = WordIndex()
