"""Page furniture: running headers and footers, page numbers and "continued" markers inside the text.

A multi-page report printed and OCR'd (or read from a PDF's text layer) carries each page's header
and footer in the middle of the report text, often inside a sentence ("the tumor measures 2.3
<Page 2 of 4> <patient / accession line> cm") or a synoptic line ("LYMPH NODES: 2/ <header> 14").

    reading_view(text) -> str                 one page read alone
    reading_views(texts) -> list[str]         the pages of one document (repeated lines across pages)
    furniture_spans(text, repeated=()) -> [Furniture]   what was found, with the rule id

The reading view is the page text with the furniture replaced by spaces: the same length, and the
same characters everywhere else, so every offset into it is an offset into the page text. The
sentence splitter, sectionizer and value grammars read the view (a value cut by a header reads
across it, and the header itself can never become a fact); evidence is always cut from the real
page text, so a value whose span crosses furniture keeps the whole span, furniture included.

Furniture is found by the patterns of `rules/furniture.yaml` (page numbers, continued markers,
printed-on stamps, patient / accession / MRN / DOB fields) and by repetition: a line of 15+
characters written twice or more in a document, holding no clinical word, is a running header or
footer (every occurrence after the first is blanked). A line that is all furniture is blanked with
the line break before it, so the lines either side join as they would without the page break.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import regex
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from extract.rules import RULE_ID, RULES_DIR, load_model
from extract.run_on import without_join_periods

FURNITURE_FILE = RULES_DIR / "furniture.yaml"
#: What may stand between furniture pieces on a line that is all furniture ("Page 2 of 4 | Printed ...").
_SEPARATORS = frozenset(" \t\r|.,:;-–—_*#()[]/\\'’\"")


class FurnitureRule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=RULE_ID)
    description: str
    pattern: str
    #: Lower-case strings of which the text must hold one for the rule to run (a fast filter).
    requires: list[str] = Field(min_length=1)
    #: True: every match starts with one of `requires`, so the pattern is only tried where one is
    #: written (a scan of the whole page costs ~0.2 ms a rule; most pages name these words rarely).
    anchored: bool = False
    #: True: a match is furniture only right after other furniture (part of the same banner).
    after_furniture: bool = False
    #: Characters before a `requires` word where a match may start: the rule is searched only
    #: around those words (for a rule whose match ends, rather than starts, with its word).
    before: int = Field(0, ge=0, le=200)

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        try:
            compiled = regex.compile(pattern, regex.IGNORECASE)
        except regex.error as exc:
            raise ValueError(f"pattern does not compile: {exc}") from exc
        if compiled.search(""):
            raise ValueError("pattern matches the empty text")
        return pattern


class RepeatedLines(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min_chars: int = Field(15, ge=8)
    min_count: int = Field(2, ge=2)
    #: Lower-case words; a repeated line holding one is report content, not furniture.
    clinical_words: list[str] = Field(min_length=1)


class BannerLines(BaseModel):
    model_config = ConfigDict(extra="forbid")
    #: Rule ids whose match makes its line a patient banner.
    rules: list[str] = Field(min_length=1)
    max_rest_chars: int = Field(80, ge=0)
    #: An unlabelled case number or de-identification gap ("GL-S26-50999", "[REDACTED]"): a line holding
    #: other furniture and, besides it, only these is a banner ("GL-S26-50999  [REDACTED]  Printed: ... Page 1 of 2").
    id_token: str | None = None

    @field_validator("id_token")
    @classmethod
    def _id_token_compiles(cls, pattern: str | None) -> str | None:
        return None if pattern is None else FurnitureRule._compiles(pattern)


class FurnitureFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str
    rules: list[FurnitureRule] = Field(min_length=1)
    banner_lines: BannerLines
    repeated_lines: RepeatedLines

    @model_validator(mode="after")
    def _known_banner_rules(self) -> "FurnitureFile":
        unknown = set(self.banner_lines.rules) - {r.id for r in self.rules}
        if unknown:
            raise ValueError(f"banner_lines names unknown rule ids: {sorted(unknown)}")
        return self

    @field_validator("rules")
    @classmethod
    def _unique_ids(cls, rules: list[FurnitureRule]) -> list[FurnitureRule]:
        seen: set[str] = set()
        for rule in rules:
            if rule.id in seen:
                raise ValueError(f"rule id {rule.id!r} is used twice")
            seen.add(rule.id)
        return rules


@dataclass(frozen=True)
class Furniture:
    start: int
    end: int
    rule: str  # a furniture.yaml rule id, or "furniture.repeated-line"


class _Compiled:
    """The rules compiled (each its own pattern: `regex` skips ahead to a rule's literal words, which
    one alternation of all rules cannot), with the words that let a page skip them."""

    def __init__(self, spec: FurnitureFile) -> None:
        self.spec = spec
        self.rules = [(rule.id, regex.compile(rule.pattern, regex.IGNORECASE), tuple(rule.requires), rule.anchored,
                       rule.before) for rule in spec.rules]
        self.after_furniture = frozenset(rule.id for rule in spec.rules if rule.after_furniture)
        # A clinical word starts a word ("node", "nodes"; not "part" in "department").
        self.clinical = regex.compile(
            "(?<![a-z])(?:" + "|".join(regex.escape(w) for w in spec.repeated_lines.clinical_words) + ")")
        token = spec.banner_lines.id_token
        #: A line's rest made only of case numbers and de-identification gaps, between separators.
        self.id_rest = None if token is None else regex.compile(
            r"[\s|.,:;\-–—_*#()/\\'’\"]*(?:(?:" + token + r")[\s|.,:;\-–—_*#()/\\'’\"]*)+")
        #: Such tokens right before a furniture piece on its line (also a run-on page's joined line).
        self.id_before = None if token is None else regex.compile(
            r"(?<![\w/-])(?:(?:" + token + r")[ \t|,;]*)+\Z")


@lru_cache(maxsize=4)
def _compiled(path: Path = FURNITURE_FILE) -> _Compiled:
    return _Compiled(load_model(path, FurnitureFile))  # type: ignore[arg-type]


def furniture_rules(path: Path = FURNITURE_FILE) -> FurnitureFile:
    """The validated furniture file (a broken file raises ConfigurationError)."""
    return _compiled(path).spec


def _normal(line: str) -> str:
    return " ".join(line.split()).lower()


@lru_cache(maxsize=1)
def _section_header() -> regex.Pattern:
    """A line that opens a report section (rules/sections.yaml) is never a running header."""
    from extract.context import section_rules

    return regex.compile("|".join(f"(?:{source})" for _, _, source in section_rules().header_regexes()),
                         regex.IGNORECASE)


@lru_cache(maxsize=16)
def _pattern_spans(text: str, spec: _Compiled) -> tuple[Furniture, ...]:
    """Matches of the furniture patterns; pieces of one banner ("Patient: XXXX. MRN: XXXX. Page 2")
    are joined over the separators between them, and a piece takes the point OCR put after it."""
    lowered = text.lower()
    same_offsets = len(lowered) == len(text)  # lower() can lengthen a few characters ("İ")
    found: list[tuple[int, int, str]] = []
    for rule_id, pattern, requires, anchored, before in spec.rules:
        if not any(word in lowered for word in requires):
            continue
        if (anchored or before) and same_offsets:
            for at in sorted({i for word in requires for i in _positions(lowered, word)}):
                if before:
                    ms = pattern.finditer(text, max(0, at - before), min(len(text), at + 40))
                    found.extend((m.start(), m.end(), rule_id) for m in ms if m.end() > m.start())
                    continue
                m = pattern.match(text, at)
                if m is not None and m.end() > m.start():
                    found.append((m.start(), m.end(), rule_id))
        else:
            found.extend((m.start(), m.end(), rule_id) for m in pattern.finditer(text) if m.end() > m.start())
    if spec.id_before is not None and found:
        # a banner's unlabelled case number and redaction gap before its first labelled piece
        found = [(_id_start(text, start, spec.id_before), end, rule_id) for start, end, rule_id in found]
    found.sort(key=lambda f: (f[0], -f[1]))
    out: list[Furniture] = []
    for start, end, rule_id in found:
        if end < len(text) and text[end] == "." and (end + 1 == len(text) or text[end + 1].isspace()):
            end += 1
        if rule_id in spec.after_furniture and not (
                out and all(c in _SEPARATORS or c == "\n" for c in text[out[-1].end:start])):
            continue
        if out and (start <= out[-1].end or all(c in _SEPARATORS for c in text[out[-1].end:start])):
            out[-1] = Furniture(out[-1].start, max(out[-1].end, end), out[-1].rule)
        else:
            out.append(Furniture(start, end, rule_id))
    return tuple(out)


def _id_start(text: str, start: int, id_before: regex.Pattern) -> int:
    """Where the case numbers and redaction gaps written right before text[start] on its line begin."""
    lo = max(text.rfind("\n", 0, start) + 1, start - 60)
    m = id_before.search(text, lo, start)
    return m.start() if m else start


def _positions(text: str, word: str) -> list[int]:
    out = []
    at = text.find(word)
    while at >= 0:
        out.append(at)
        at = text.find(word, at + 1)
    return out


def _blanked(text: str, spans: Sequence[Furniture]) -> str:
    """`text` with the spans' characters (line breaks kept) replaced by spaces."""
    chars = list(text)
    for f in spans:
        for i in range(f.start, f.end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


#: Where OCR joined a report's lines into one run-on line (a point and a space: "REPORT. Patient:"),
#: or where blanked furniture or a column gap stands.
_JOINED = regex.compile(r"(?<=\.)[ \t]+|[ \t]{2,}")


def _units(text: str, spec: _Compiled) -> list[tuple[int, int, str, str]]:
    """(start, end, key, written) of each line of `text` and, inside lines, of each piece between
    OCR's line joins (". ") and gaps; the key is normalised, without its pattern furniture ("MERCY
    LAB   Page 2" and "MERCY LAB   Page 3" are one running header)."""
    blanked = _blanked(text, _pattern_spans(text, spec))
    out = []
    pos = 0
    for line in blanked.split("\n"):
        out.append((pos, pos + len(line), _normal(line), line))
        cuts = [m.end() for m in _JOINED.finditer(line)]
        if cuts:
            for a, b in zip([0, *cuts], [*cuts, len(line)]):
                out.append((pos + a, pos + b, _normal(line[a:b]), line[a:b]))
        pos += len(line) + 1
    return out


#: A word of four letters or more written in lower case, or a word that only prose uses: not a title.
_LOWER_WORD = regex.compile(r"(?<![\w-])[a-z][a-z]{3,}|(?<![\w-])(?i:is|are|was|were|be|been|will|and|an|as|in|"
                            r"with|for|to|by|on|at|who|which|that|this|these|than|or|not|no)(?![\w-])")


#: A space between two single letters of a letter-spaced word ("P O S I T I V E").
_LETTER_SPACE = regex.compile(r"(?<=(?<![\w])\w) (?=\w(?![\w]))")


def _may_be_header(written: str, spec: _Compiled) -> bool:
    """A running header or footer is title-like: no digit, no bullet, no word of four letters or
    more in lower case and no word only prose uses ("In toto in one cassette", "RESULTS WILL BE
    REPORTED" are repeated sentences), no clinical word, also when letter-spaced ("P O S I T I V E"
    of two result lines is a value, not a header)."""
    body = written.strip()
    words = regex.sub(r"[^\w%]+", " ", _LETTER_SPACE.sub("", body).lower()) + " "
    return (_without_digit_or_bullet(body)
            and not _LOWER_WORD.search(body)
            and not spec.clinical.search(words)
            and not _section_header().match(body))


def repeated_lines(texts: Sequence[str], path: Path = FURNITURE_FILE) -> frozenset[str]:
    """Normalised lines that are running headers or footers of the document made of `texts`."""
    spec = _compiled(path)
    rules = spec.spec.repeated_lines
    counts: Counter[str] = Counter()
    # The first and the last line of each page: a line repeated there is the page's banner even
    # with a clinical word in it ("RIVERSIDE CANCER CENTRE", "Breast Cancer Clinic - confidential").
    edges: Counter[str] = Counter()
    written: dict[str, str] = {}
    for text in texts:
        units = _units(text, spec)
        for _, _, key, piece in units:
            if len(key) >= rules.min_chars:
                counts[key] += 1
                written.setdefault(key, piece)
        lines = [key for start, end, key, _ in units if key and (start == 0 or text[start - 1] == "\n")
                 and (end == len(text) or text[end] == "\n")]
        edges.update({*lines[:1], *lines[-1:]})
    return frozenset(key for key, count in counts.items() if count >= rules.min_count and (
        _may_be_header(written[key], spec) or (edges[key] >= rules.min_count and _banner_like(written[key]))))


def _banner_like(written: str) -> bool:
    """A page's top or bottom line that may be a banner: words without a digit, a bullet or a
    label's colon."""
    body = written.strip()
    return _without_digit_or_bullet(body) and ":" not in body


def _without_digit_or_bullet(body: str) -> bool:
    return not any(c.isdigit() for c in body) and not body.startswith(("-", "•", "*"))


def furniture_spans(text: str, repeated: frozenset[str] = frozenset(), seen: set[str] | None = None,
                    path: Path = FURNITURE_FILE) -> list[Furniture]:
    """The furniture of one page, in text order. `repeated` lines are blanked after their first
    occurrence; `seen` carries the lines already met on earlier pages of the document."""
    spec = _compiled(path)
    found = list(_pattern_spans(text, spec))
    if repeated:
        # Every occurrence of a running header, also where it cuts a run-on line mid-sentence
        # ("HISTOLOGIC GRADE: <header> 3."); the first of the document stays unless it stands
        # inside a line, between text on both sides.
        seen = set() if seen is None else seen
        blanked = _blanked(text, found)
        hits = sorted((m.start(), m.end(), key) for key in repeated for m in _occurrences(key).finditer(blanked))
        for start, end, key in hits:
            if key in seen or _inside_line(blanked, start, end):
                found.append(Furniture(start, end, "furniture.repeated-line"))
            seen.add(key)
        found = _joined(text, sorted(found, key=lambda f: f.start))
    return found


def _inside_line(text: str, start: int, end: int) -> bool:
    """Text other than separators stands both before and after text[start:end] on its line: a
    header written there (its first occurrence too) cuts a value ("ER: <header> positive")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    after = text[end:len(text) if line_end < 0 else line_end]
    return not _all_furniture(text[line_start:start]) and not _all_furniture(after)


@lru_cache(maxsize=512)
def _occurrences(key: str) -> regex.Pattern:
    """Where a normalised repeated line is written, whatever its spacing and case."""
    return regex.compile(r"(?<!\w)" + r"\s+".join(map(regex.escape, key.split())) + r"(?!\w)", regex.IGNORECASE)


def _joined(text: str, spans: list[Furniture]) -> list[Furniture]:
    """Overlapping spans, and spans with only separators between them on one line, as one."""
    out: list[Furniture] = []
    for f in spans:
        if out and (f.start <= out[-1].end or all(c in _SEPARATORS for c in text[out[-1].end:f.start])):
            last = out[-1]
            out[-1] = Furniture(last.start, max(last.end, f.end), last.rule)
        else:
            out.append(f)
    return out


def _blank(text: str, spans: list[Furniture], spec: _Compiled) -> str:
    blanked = _blanked(text, spans)
    chars = list(blanked)
    banner_rules = set(spec.spec.banner_lines.rules)
    lines: dict[int, bool] = {}  # line number -> holds a banner field
    for f in spans:
        first, last = text.count("\n", 0, f.start), text.count("\n", 0, f.end)
        for n in range(first, last + 1):
            lines[n] = lines.get(n, False) or f.rule in banner_rules
    starts = [0, *(i + 1 for i in _positions(text, "\n"))]
    for n, banner in lines.items():
        line_start = starts[n]
        line_end = starts[n + 1] - 1 if n + 1 < len(starts) else len(text)
        rest = blanked[line_start:line_end]
        if not (_all_furniture(rest) or banner and _banner_rest(rest, spec)
                or spec.id_rest is not None and spec.id_rest.fullmatch(rest)):
            continue
        # The whole line is furniture: blank it with the line break before it (after it, on the
        # first line), so the lines either side join as they would without the page break.
        for i in range(line_start, line_end):
            chars[i] = " "
        if n > 0:
            chars[line_start - 1] = " "
        elif line_end < len(text):
            chars[line_end] = " "
    return "".join(chars)


def _all_furniture(rest: str) -> bool:
    return all(c in _SEPARATORS for c in rest)


def _banner_rest(rest: str, spec: _Compiled) -> bool:
    """What is left of a line holding a patient-identity field is a banner title ("SURGICAL
    PATHOLOGY REPORT", a hospital name): no digit, no clinical word, not long."""
    rest = " ".join(rest.split())
    return (len(rest) <= spec.spec.banner_lines.max_rest_chars and not any(c.isdigit() for c in rest)
            and not spec.clinical.search(rest.lower() + " "))


def reading_view(text: str, repeated: frozenset[str] | None = None, seen: set[str] | None = None) -> str:
    """The page text with its furniture blanked to spaces (same length, same offsets), a form's
    fill-in rules glued to words (`_unglued`), on a run-on page the periods that only mark a
    printed line's end (`extract.run_on`), and full-width punctuation read as ASCII (`_half_width`)."""
    if repeated is None:
        repeated = repeated_lines([text])
    spans = furniture_spans(text, repeated, seen)
    return _half_width(without_join_periods(_unglued(_blank(text, spans, _compiled()) if spans else text)))


#: The full-width punctuation of Chinese and Japanese reports, as ASCII ("ER（+，约90%）" reads as "ER(+,约90%)");
#: one character for one, so offsets hold.
_FULL_WIDTH = str.maketrans("（）：，；％＋－／", "():,;%+-/")


def _half_width(text: str) -> str:
    return text if text.isascii() else text.translate(_FULL_WIDTH)


#: A run of two or more underscores glued to a word or number ("______Invasive ductal carcinoma",
#: "Grade ___2___"): a scanned form's fill-in rule. A ticked box written with underscores ("__X__")
#: is left as it is.
_GLUED_RULE = regex.compile(r"_{2,}(?=[^\W_])|(?<=[^\W_])_{2,}")
_UNDERSCORE_TICK = regex.compile(r"(?<![^\W_])_+[xX]_+(?![^\W_])")


def _unglued(text: str) -> str:
    """`text` with the fill-in rules glued to words blanked to spaces, so that the words are read
    as words ("______Invasive" has no word start before its I)."""
    if "__" not in text:
        return text
    ticks = [m.span() for m in _UNDERSCORE_TICK.finditer(text)]
    chars = None
    for m in _GLUED_RULE.finditer(text):
        if any(a <= m.start() < b for a, b in ticks):
            continue
        chars = chars or list(text)
        chars[m.start():m.end()] = " " * (m.end() - m.start())
    return text if chars is None else "".join(chars)


def reading_views(texts: Sequence[str]) -> list[str]:
    """Reading views of the pages of one document, a header repeated across pages included."""
    repeated = repeated_lines(texts)
    seen: set[str] = set()
    return [reading_view(text, repeated, seen) for text in texts]
