"""OCR's one-letter slips in label words, read as the word on OCR pages: "tumor diarneter: 7 cm".

A report's grammars anchor on label words ("diameter", "measuring", "size", "from", "grade"); one
OCR confusion in such a word ("rn" for m, "cl" for d, c for e, 0 for o, 5 for s, 1 for l) loses the
value beside it. On an OCR page the reading view (what the extractors read) holds the word as
spelled, padded with spaces to the misreading's length so every offset stays the page's; evidence
is cut from the page text (what was printed, the whole misread word: `mended_span`) with the reading
on its correction ("diarneter->diameter"). The words and confusions are data
(`rules/ocr_respell.yaml`); OCR's "°/o" for % is mended the same way (`GLYPHS`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field, field_validator

from extract.rules import RULES_DIR, load_model

#: Glyph sequences OCR reads for a sign or a letter ("80°/o" is 80 %; "pT 1¢" is pT1c: Tesseract's cent
#: sign for a c, which no report of ours prints).
GLYPHS = {"°/o": "%", "°/0": "%", "º/o": "%", "º/0": "%", "¢": "c"}
_GLYPH = re.compile("|".join(re.escape(g) for g in GLYPHS))
_WORD = re.compile(r"(?<![\w°º])[A-Za-z0-9][A-Za-z0-9]{3,}(?![\w])")
#: A word of two or three letters with a digit among them ("0F", "0NE", "TW0"): short key words are
#: respelled only from such misreadings, never from letters alone ("arc" may be a word).
_SHORT = re.compile(r"(?<![\w°º])(?=[A-Za-z]{0,2}\d)(?=\d{0,2}[A-Za-z])[A-Za-z0-9]{2,3}(?![\w])")
#: A key word in two pieces: cut at a printed line's end and joined ("CARCI-. NOMA", "INVAS- ION") or
#: split by a space ("Duct al", "ESTROG EN"). The second piece is looked ahead, so every word is a first
#: piece once. A piece may hold OCR's digit for a letter ("POS1T-. IVE"), never open with one.
_PIECES = re.compile(r"(?<![\w°º-])([A-Za-z][A-Za-z0-9]+)(-\.?[ \t]|[ \t])(?=([A-Za-z][A-Za-z0-9]*)(?![\w-]))")
#: A speck read as a lone mark between two words ("ESTROGEN ~ RECEPTOR", "RECEPTOR: ` POSITIVE"): read as a
#: blank. Never before a number ("~ 2 cm" is approximately 2 cm).
_SPECK = re.compile(r"(?<=[A-Za-z:,] )[~`'^_](?= [A-Za-z])")
#: Letters a key word must have to be read from its pieces (no "NO DE" for node).
_PIECES_MIN = 5


def _each_matching(words: list[str], pattern: str, rule: str) -> list[str]:
    for word in words:
        if not re.fullmatch(pattern, word):
            raise ValueError(f"{word!r}: {rule}")
    return words


class RespellRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str
    words: list[str] = Field(min_length=1)
    #: (printed, read) pairs: OCR printed the first where the word has the second.
    confusions: list[tuple[str, str]] = Field(min_length=1)
    #: Misreadings that are words of their own (another language's: "histologie") and stay as written.
    real_words: set[str] = Field(default_factory=set)
    #: Key words of two or three letters ("of", "one"), read only from a misreading with a digit in it.
    short_words: list[str] = Field(default_factory=list)

    @field_validator("words")
    @classmethod
    def _lower_letters(cls, words: list[str]) -> list[str]:
        return _each_matching(words, r"[a-z]{4,}", "a key word is four or more lower-case letters")

    @field_validator("short_words")
    @classmethod
    def _short_letters(cls, words: list[str]) -> list[str]:
        return _each_matching(words, r"[a-z]{2,3}", "a short key word is two or three lower-case letters")

    @field_validator("confusions")
    @classmethod
    def _not_shorter(cls, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
        for printed, read in pairs:
            if len(printed) < len(read) or printed == read:
                raise ValueError(f"{printed!r} for {read!r}: a misreading must be as long as the letters or longer")
        return pairs


@lru_cache(maxsize=1)
def _rules() -> RespellRules:
    return load_model(RULES_DIR / "ocr_respell.yaml", RespellRules)  # type: ignore[return-value]


@lru_cache(maxsize=1)
def _misreadings() -> dict[str, str]:
    """Lower-case misreading -> key word, one confusion each; misreadings that are key words, or
    that two key words share, are left out."""
    rules = _rules()
    words = set(rules.words) | set(rules.short_words)
    found: dict[str, set[str]] = {}
    for word in words:
        for printed, read in rules.confusions:
            at = word.find(read)
            while at >= 0:
                misread = word[:at] + printed + word[at + len(read):]
                if len(word) >= 4 or any(c.isdigit() for c in misread):
                    found.setdefault(misread, set()).add(word)
                at = word.find(read, at + 1)
    return {m: next(iter(ws)) for m, ws in found.items()
            if len(ws) == 1 and m not in words and m not in rules.real_words}


def _in_case_of(word: str, written: str) -> str:
    # OCR's l (or i) for an I inside a word in capitals ("RlGHT") leaves it a word in capitals
    letters = [c for c in written if c.isalpha() and c not in "li"]
    if letters and all(c.isupper() for c in letters):
        return word.upper()
    if written[:1].isupper():
        return word.capitalize()
    return word


@lru_cache(maxsize=1)
def _key_words() -> frozenset[str]:
    return frozenset(w for w in _rules().words if len(w) >= _PIECES_MIN)


@lru_cache(maxsize=1)
def _key_prefixes() -> frozenset[str]:
    """Every proper prefix of a key word: two pieces that make one may have a third piece after them."""
    return frozenset(w[:i] for w in _key_words() for i in range(2, len(w)))


#: The third piece of a key word split twice ("PROGE STER ONE RECEPTOR"), after the second.
_THIRD = re.compile(r"[ \t]([A-Za-z][A-Za-z0-9]*)(?![\w-])")


def _pieces(text: str) -> list[tuple[int, int, str, str]]:
    """A key word in two pieces (or three), none of them a key word itself ("Duct al", "LYMPHOVASCULAR
    INVAS-. ION", "PROGE STER ONE")."""
    words, table, out, after = _key_words(), _misreadings(), [], -1
    for m in _PIECES.finditer(text):
        first, second = m.group(1), m.group(3)
        joined = (first + second).lower()
        # the pieces may make a misreading of the word ("PO5I-. TIVE", "POS1T-. IVE": positive)
        word = joined if joined in words else table.get(joined) if len(joined) >= _PIECES_MIN else None
        third = None
        if word is None and joined in _key_prefixes() and m.start() >= after and (
                t := _THIRD.match(text, m.end() + len(second))):
            joined3 = joined + t.group(1).lower()
            if joined3 in words and t.group(1).lower() not in words:
                word, third = joined3, t
        if m.start() < after or word is None or first.lower() in words or second.lower() in words:
            continue
        if third is not None:
            second = text[m.end():third.end()]  # both later pieces with the blank between them
        after = m.end() + len(second)
        # the reading stands at the piece's end (padded before it): "INVAS-. ION:" reads "   INVASION:"
        out.append((m.start(), after, text[m.start():after],
                    _in_case_of(word, first + second).rjust(after - m.start())))
    return out


def mends(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, printed, read) of every glyph sequence, misread key word and key word in two
    pieces of an OCR page."""
    out = ([(m.start(), m.end(), m.group(), GLYPHS[m.group()]) for m in _GLYPH.finditer(text)]
           if "/" in text or "¢" in text else [])
    out += _pieces(text)
    if "~" in text or "`" in text or "'" in text or "^" in text or " _ " in text:
        out += [(m.start(), m.end(), m.group(), " ") for m in _SPECK.finditer(text)]
    taken = [(s, e) for s, e, _, _ in out]
    table = _misreadings()
    for pattern in (_WORD, _SHORT):
        for m in pattern.finditer(text):
            word = table.get(m.group().lower())
            if word is not None and not any(s < m.end() and m.start() < e for s, e in taken):
                out.append((m.start(), m.end(), m.group(), _in_case_of(word, m.group())))
    return sorted(out)


def mended(reading: str, found: list[tuple[int, int, str, str]]) -> str:
    """The reading with each mend's reading in its place, padded with spaces (same length)."""
    if not found:
        return reading
    parts, at = [], 0
    for start, end, _, read in found:
        parts += [reading[at:start], read.ljust(end - start)]
        at = end
    return "".join(parts) + reading[at:]


def mended_span(found: list[tuple[int, int, str, str]], starts: list[int], start: int,
                end: int) -> tuple[int, int, str | None]:
    """[start, end) grown over every mend it touches (a reading's end inside its padding), and the
    readings made ("diarneter->diameter"), if any. `starts`: the mends' start offsets."""
    readings = []
    i = max(0, bisect_right(starts, start) - 1)
    while i < len(found) and found[i][0] < end:
        m_start, m_end, printed, read = found[i]
        if m_end > start:
            start, end = min(start, m_start), max(end, m_end)
            readings.append(f"{printed}->{read.strip() or '(blank)'}")
        i += 1
    return start, end, "; ".join(dict.fromkeys(readings)) or None
