"""Rule files: value grammars, section headers and context rules, kept as data beside this module.

Every file is YAML or JSON, validated by pydantic when loaded; a broken file raises
`ConfigurationError` naming the file and the problem. Every rule has a stable id that travels with
each match into the evidence (`Evidence.rule`).

Grammar files (`Grammar`) hold regexes with named groups. A pattern may use `{NAME}` to include a
fragment defined once in the file's `fragments`. A fragment may give a second, OCR-tolerant form
(`ocr:`) that is used only on OCR pages (`NO` read as `N0`, `TIC` as `T1c`); the field code records
which characters it read differently on the evidence's `correction`.

Regexes run with the `regex` package and a time budget per page (`TIMEOUT_S`); a rule that runs
out of time is skipped for that page and logged by rule id only (never with record text).
"""

from __future__ import annotations

import json
import logging
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import regex
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from extract.alternatives import AlternativesScanner, top_level_branches
from extract.word_index import WORDS
from ingest.errors import ConfigurationError

RULES_DIR = Path(__file__).parent
#: Seconds one rule may spend on one page before it is abandoned for that page.
TIMEOUT_S = 2.0
RULE_ID = r"^[a-z0-9_]+(?:[.\-][a-z0-9_]+)+$"
_FLAGS = {"IGNORECASE": regex.IGNORECASE, "VERBOSE": regex.VERBOSE, "MULTILINE": regex.MULTILINE,
          "DOTALL": regex.DOTALL}
_FRAGMENT_REF = regex.compile(r"\{([A-Z][A-Z0-9_]*)\}")

log = logging.getLogger(__name__)


def read_data_file(path: Path) -> object:
    """Parse a YAML or JSON rule file; any failure becomes a ConfigurationError naming the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigurationError(f"Rule file {path} is missing; reinstall oncoguide.") from exc
    try:
        if path.suffix == ".json":
            return json.loads(text)
        return yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise ConfigurationError(f"Rule file {path} cannot be parsed: {exc}") from exc


def load_model(path: Path, model: type[BaseModel]) -> BaseModel:
    """Load and validate one rule file with `model`."""
    raw = read_data_file(path)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise ConfigurationError(f"Rule file {path} is invalid: {exc}") from exc


class Fragment(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str
    #: The OCR-tolerant form, used only on OCR pages.
    ocr: str | None = None


class GrammarRule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=RULE_ID)
    pattern: str
    description: str | None = None
    confidence: float = Field(0.9, ge=0, le=1)
    #: True: the rule is itself an OCR-tolerant variant and runs on OCR pages only.
    ocr_only: bool = False
    #: Free-form parameters read by the field code (e.g. which receptor a label names).
    params: dict[str, str | int | float | bool | list[str]] = Field(default_factory=dict)
    #: Lower-case words of which the page must contain at least one for the rule to run at all (a
    #: cheap prefilter for rules that rarely match; it must never exclude a possible match).
    requires: list[str] = Field(default_factory=list)
    #: Where the rule can match: near a match of `anchor` (see `Window`).
    window: "Window | None" = None


class Window(BaseModel):
    """The rule runs only on the text from `before` characters ahead of each match of `anchor` to
    `after` characters past it, rather than on the whole page: every match of the rule contains an
    anchor and reaches no further from it than that. A cheap literal anchor (a unit, a keyword)
    turns a scan that tries the full pattern at every character into a few short ones."""

    model_config = ConfigDict(extra="forbid")
    anchor: str
    before: int = Field(ge=0, le=2000)
    after: int = Field(ge=0, le=2000)


class GrammarFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str
    description: str | None = None
    flags: list[str] = Field(default_factory=lambda: ["IGNORECASE", "VERBOSE"])
    fragments: dict[str, Fragment | str] = Field(default_factory=dict)
    rules: list[GrammarRule]

    @field_validator("flags")
    @classmethod
    def _known_flags(cls, flags: list[str]) -> list[str]:
        unknown = [f for f in flags if f not in _FLAGS]
        if unknown:
            raise ValueError(f"unknown regex flags {unknown}; use {sorted(_FLAGS)}")
        return flags

    @model_validator(mode="after")
    def _check(self) -> "GrammarFile":
        ids = [r.id for r in self.rules]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate rule ids {dupes}")
        # Compile everything now so a bad pattern fails at load, not on a patient's record.
        for rule in self.rules:
            for ocr in (False, True):
                sources = [self.expand(rule.pattern, ocr=ocr, seen=())]
                if rule.window is not None:
                    anchor = self.expand(rule.window.anchor, ocr=ocr, seen=())
                    sources += [anchor, *top_level_branches(anchor)]  # anchors run branch by branch
                for source in sources:
                    try:
                        regex.compile(source, self.flag_bits())
                    except regex.error as exc:
                        raise ValueError(f"rule {rule.id!r} does not compile: {exc}") from exc
        return self

    def flag_bits(self) -> int:
        bits = 0
        for name in self.flags:
            bits |= _FLAGS[name]
        return bits

    def expand(self, pattern: str, *, ocr: bool, seen: tuple[str, ...]) -> str:
        """Replace `{NAME}` references by their fragments (recursively), as a non-capturing group."""

        def replace(match: regex.Match) -> str:
            name = match.group(1)
            if name in seen:
                raise ValueError(f"fragment {name!r} refers to itself")
            if name not in self.fragments:
                raise ValueError(f"unknown fragment {{{name}}}")
            frag = self.fragments[name]
            if isinstance(frag, str):
                body = frag
            else:
                body = frag.ocr if (ocr and frag.ocr is not None) else frag.text
            return "(?:" + self.expand(body, ocr=ocr, seen=(*seen, name)) + ")"

        return _FRAGMENT_REF.sub(replace, pattern)


GrammarRule.model_rebuild()
#: How far past a window's end a rule reads (its lookaheads after a match).
_WINDOW_TAIL = 160

_ANCHOR_CACHE: dict[tuple[int, int], tuple[str, list[tuple[int, int]]]] = {}


def scan(pattern: regex.Pattern | AlternativesScanner, text: str, pos: int = 0,
         endpos: int | None = None) -> list[regex.Match]:
    """`pattern.finditer(text, pos, endpos)` as a list, within the time budget (TimeoutError past it).

    The scan runs to its end before any match is used: the `regex` package's timeout counts the CPU
    time from the iterator's creation, the caller's work between matches included, so a long
    document whose matches each cost a ConText run made rules "run out of time" (and drop their
    later matches) by the consumer's cost, under load and not otherwise."""
    return list(pattern.finditer(text, pos, len(text) if endpos is None else endpos, timeout=TIMEOUT_S))


def forget_anchor_spans() -> None:
    """Forget the anchors found in the last pages (see `extract.text_caches`)."""
    _ANCHOR_CACHE.clear()


@lru_cache(maxsize=256)
def _anchor(source: str, bits: int) -> tuple[regex.Pattern, ...]:
    """One compiled anchor per distinct source (several rules share one, e.g. the size units), as
    its top-level alternatives: "measuring|diameter|ranging" scanned as one alternation tries every
    branch at every character, while each word alone is found by the engine's fast literal search
    (a third to a tenth of the time). The alternatives' matches together are the windows' anchors."""
    return tuple(regex.compile(branch, bits) for branch in top_level_branches(source))


def _anchor_spans(anchor: tuple[regex.Pattern, ...], text: str) -> list[tuple[int, int]]:
    """Where any of the anchor's alternatives matches in `text`, in order, remembered for the last
    few pages and anchors."""
    key = (id(text), id(anchor))
    hit = _ANCHOR_CACHE.get(key)
    if hit is not None and hit[0] is text:
        return hit[1]
    if len(_ANCHOR_CACHE) > 64:
        _ANCHOR_CACHE.clear()
    if len(anchor) == 1:
        spans = [m.span() for m in scan(anchor[0], text)]
    else:
        spans = sorted({m.span() for branch in anchor for m in scan(branch, text)})
    _ANCHOR_CACHE[key] = (text, spans)
    return spans


class CompiledRule:
    """One grammar rule compiled for text-layer pages and (when it differs) for OCR pages."""

    __slots__ = ("id", "confidence", "params", "ocr_only", "strict", "ocr", "requires", "window", "anchor_strict",
                 "anchor_ocr", "_scanners")

    def __init__(self, rule: GrammarRule, grammar: GrammarFile) -> None:
        bits = grammar.flag_bits()
        self.id = rule.id
        self.confidence = rule.confidence
        self.params = rule.params
        self.ocr_only = rule.ocr_only
        self.requires = frozenset(w.lower() for w in rule.requires)
        WORDS.register(self.requires)
        strict_src = grammar.expand(rule.pattern, ocr=False, seen=())
        ocr_src = grammar.expand(rule.pattern, ocr=True, seen=())
        self.strict = regex.compile(strict_src, bits)
        self.ocr = self.strict if ocr_src == strict_src else regex.compile(ocr_src, bits)
        # The rule's own scans go through its alternatives (see `extract.alternatives`).
        strict_scanner = AlternativesScanner(self.strict)
        self._scanners = (strict_scanner, strict_scanner if self.ocr is self.strict else AlternativesScanner(self.ocr))
        self.window = rule.window
        self.anchor_strict = self.anchor_ocr = None
        if rule.window is not None:
            self.anchor_strict = _anchor(grammar.expand(rule.window.anchor, ocr=False, seen=()), bits)
            self.anchor_ocr = _anchor(grammar.expand(rule.window.anchor, ocr=True, seen=()), bits)

    def pattern_for(self, is_ocr: bool) -> regex.Pattern | None:
        if self.ocr_only and not is_ocr:
            return None
        return self.ocr if is_ocr else self.strict

    def finditer(self, text: str, is_ocr: bool, pos: int = 0, endpos: int | None = None) -> Iterator[regex.Match]:
        """Matches of this rule in `text`, within the time budget; nothing more once it runs out."""
        pattern = self.pattern_for(is_ocr)
        if pattern is None:
            return
        if self.requires and WORDS.present(text).isdisjoint(self.requires):
            return
        end = len(text) if endpos is None else endpos
        try:
            matches = scan(self._scanners[is_ocr], text, pos, end) if self.window is None \
                else self._windowed(pattern, text, is_ocr, pos, end)
        except TimeoutError:
            log.warning("rule %s ran out of time on a page and was skipped", self.id)
            return
        yield from matches

    def _windowed(self, pattern: regex.Pattern, text: str, is_ocr: bool, pos: int, end: int) -> list[regex.Match]:
        """`scan(pattern, text, pos, end)`, run only on the windows around the anchors."""
        out: list[regex.Match] = []
        resume = pos
        scanner = self._scanners[is_ocr]
        for w0, w1 in self._windows(text, is_ocr, pos, end):
            limit = min(end, w1 + _WINDOW_TAIL)
            start = max(w0, resume)
            for m in scan(scanner, text, start, limit):
                if m.start() >= w1:
                    break  # past this window: the next one finds what starts there
                if limit < end:
                    # The limit reads as the end of the text ($, lookaheads): confirm the match on
                    # the whole text, searching from where this one was searched for (a match
                    # begun with \K starts after words it consumed, so it cannot be re-matched at
                    # its own start); if it differs, read on from there without windows.
                    full = pattern.search(text, start, end, timeout=TIMEOUT_S)
                    if full is None or full.span() != m.span():
                        return out + scan(pattern, text, start, end)
                    m = full
                out.append(m)
                resume = start = m.end()
        return out

    def _windows(self, text: str, is_ocr: bool, pos: int, end: int) -> list[tuple[int, int]]:
        """The merged [start, end) windows around the anchors found in text[pos:end]."""
        anchor = self.anchor_ocr if is_ocr else self.anchor_strict
        before, after = self.window.before, self.window.after
        out: list[tuple[int, int]] = []
        for a0, a1 in _anchor_spans(anchor, text):
            if a1 <= pos or a0 >= end:
                continue
            w0, w1 = max(pos, a0 - before), min(end, a1 + after)
            if out and w0 <= out[-1][1]:
                out[-1] = (out[-1][0], max(out[-1][1], w1))
            else:
                out.append((w0, w1))
        return out


class Grammar:
    """A loaded grammar file: its rules in file order, by id."""

    def __init__(self, name: str, spec: GrammarFile) -> None:
        self.name = name
        self.spec = spec
        self.rules = [CompiledRule(r, spec) for r in spec.rules]
        self._by_id = {r.id: r for r in self.rules}
        self._by_prefix: dict[str, tuple[CompiledRule, ...]] = {}

    def __getitem__(self, rule_id: str) -> CompiledRule:
        return self._by_id[rule_id]

    def with_prefix(self, prefix: str) -> tuple[CompiledRule, ...]:
        """The rules whose id starts with `prefix`, in file order (computed once per prefix: field
        code asks for them thousands of times a page)."""
        found = self._by_prefix.get(prefix)
        if found is None:
            found = self._by_prefix[prefix] = tuple(r for r in self.rules if r.id.startswith(prefix))
        return found

    def fragment(self, name: str, *, ocr: bool = False) -> regex.Pattern:
        """A fragment compiled on its own (for small checks in field code)."""
        return regex.compile(self.spec.expand("{" + name + "}", ocr=ocr, seen=()), self.spec.flag_bits())


def load_grammar_file(path: Path) -> Grammar:
    spec = load_model(path, GrammarFile)
    return Grammar(path.stem, spec)  # type: ignore[arg-type]


@lru_cache(maxsize=None)
def grammar(name: str) -> Grammar:
    """The packaged grammar `extract/rules/<name>.yaml`, loaded once per process."""
    return load_grammar_file(RULES_DIR / f"{name}.yaml")


def all_rules() -> list[CompiledRule]:
    """Every packaged grammar rule (for tests and benchmarks)."""
    out: list[CompiledRule] = []
    for path in sorted(RULES_DIR.glob("*.yaml")):
        try:
            out += grammar(path.stem).rules
        except ConfigurationError:  # not a grammar file (sections, context rules)
            continue
    return out


def windowed_rules() -> list[CompiledRule]:
    """Every packaged grammar rule that names a `window` (for tests and benchmarks)."""
    return [r for r in all_rules() if r.window is not None]


#: Letters OCR reads for digits: O/o for 0, I/l/| for 1. Only `ocr` fragments let them match, so
#: a text-layer page never reaches this with such a letter.
# "S" for 5 and "Z" for 2 only where a grammar's ocr fragment admits them (beside a real digit).
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1", "S": "5", "Z": "2"})
_OCR_NUMBER = regex.compile(r"[\dOoIl|SZ]+(?:\s?[.,]\s?[\dOoIl|SZ]+)?")


def ocr_number(read: str) -> tuple[str, str | None]:
    """A number matched by an `ocr` fragment with its digits restored, and the correction to record
    on the evidence: "9O" -> ("90", "9O->90"). Words ("one") and real digits come back unchanged.
    The grammar or the caller makes sure a real digit stands near (in the token, or the other
    side of its fraction: "O/3"), since a lone "I" or "O" is no number by itself."""
    token = read.strip()
    if not _OCR_NUMBER.fullmatch(token):
        return read, None
    fixed = token.translate(_OCR_DIGITS)
    return (fixed, None) if fixed == token else (fixed, f"{token}->{fixed}")
