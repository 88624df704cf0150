"""Context: whether a mention is a fact about this patient (ConText) and which section it sits in.

Two rule files feed the spaCy pipeline (`extract/pipeline.py`):
- `rules/context.yaml`: our ConText rules, added to medspaCy's default English rules (pathology
  negation such as "not identified" and "absent", rule-out "r/o" and "cannot be excluded",
  hypotheticals, family members, history);
- `rules/sections.yaml`: section headers of pathology reports and clinic notes for the Sectionizer.

`assertion_of(...)` turns the ConText modifiers whose scope covers a span, and the section the span
sits in, into one `extract.findings.Assertion`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from extract.alternatives import literal_led, split_alternatives
from extract.findings import Assertion
from extract.rules import RULE_ID, RULES_DIR, load_model
from ingest.errors import ConfigurationError

ContextCategory = Literal[
    "NEGATED_EXISTENCE", "POSSIBLE_EXISTENCE", "HISTORICAL", "HYPOTHETICAL", "FAMILY", "TERMINATE",
]
Direction = Literal["FORWARD", "BACKWARD", "BIDIRECTIONAL", "TERMINATE", "PSEUDO"]

#: ConText category -> assertion, strongest first: a mention both negated and in a family member's
#: history is not a fact either way, and "negated" explains it best.
CATEGORY_ASSERTION: dict[str, Assertion] = {
    "NEGATED_EXISTENCE": "negated",
    "FAMILY": "family",
    "HYPOTHETICAL": "hypothetical",
    "POSSIBLE_EXISTENCE": "possible",
    "HISTORICAL": "historical",
}
_PRIORITY: list[Assertion] = ["negated", "family", "hypothetical", "possible", "historical"]

#: Sections whose content is, as a whole, not about the patient's current state.
SECTION_ASSERTION: dict[str, Assertion] = {
    "family_history": "family",
    "past_medical_history": "historical",
    "oncologic_history": "historical",
    # a patient-education leaflet's worked examples and general advice (gen20-b)
    "general_information": "hypothetical",
}


class ContextRuleSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=RULE_ID)
    literal: str = Field(min_length=1)
    category: ContextCategory
    direction: Direction
    pattern: list[dict[str, Any]] | str | None = None
    max_scope: int | None = Field(None, gt=0)
    allowed_types: list[str] | None = None
    #: For a regex `pattern`: lower-case strings of which the text must hold one for the pattern to
    #: match (a fast filter: a regex rule otherwise runs on every sentence ConText reads).
    requires: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _token_words(self) -> "ContextRuleSpec":
        if self.requires and not isinstance(self.pattern, str):
            raise ValueError(f"context rule {self.id!r}: 'requires' is for regex patterns only")
        if any(w != w.lower() or not w for w in self.requires):
            raise ValueError(f"context rule {self.id!r}: 'requires' holds lower-case, non-empty strings")
        # YAML reads a bare on/off/yes/no as a boolean, which spaCy's matcher rejects later.
        if isinstance(self.pattern, list) and any(isinstance(v, bool) for v in _token_values(self.pattern)):
            raise ValueError(f"context rule {self.id!r} has a boolean where a word is expected; quote words "
                             "such as 'on', 'no' and 'yes'")
        if isinstance(self.pattern, str):
            try:
                re.compile(self.pattern)  # medspaCy compiles it later, raising re.error mid-build
            except re.error as exc:
                raise ValueError(f"context rule {self.id!r} has a pattern that does not compile: {exc}") from exc
        return self


def _token_values(pattern: list[dict[str, Any]]):
    for token in pattern:
        for value in token.values():
            if isinstance(value, dict):
                for inner in value.values():
                    yield from (inner if isinstance(inner, list) else [inner])
            else:
                yield value


class DefaultRuleOverride(BaseModel):
    """A change to one of medspaCy's default ConText rules, named by its literal and category."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=RULE_ID)
    literal: str = Field(min_length=1)
    category: ContextCategory
    max_scope: int = Field(gt=0)
    why: str


class ContextRuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str
    rules: list[ContextRuleSpec]
    default_overrides: list[DefaultRuleOverride] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> "ContextRuleFile":
        ids = [r.id for r in self.rules]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate rule ids {dupes}")
        return self


#: A header word after these words is prose or a reference, not a header ("SEE COMMENT.", "NOT
#: IDENTIFIED ON INITIAL GROSS EXAMINATION.", "per the final diagnosis").
#: OCR'd run-on text ends each printed line with a period ("SEE. COMMENT."), which the reading view
#: blanks to a space after these words (`extract.run_on`): "SEE  COMMENT."
_NOT_AFTER_PROSE = "".join(rf"(?<!\b{w}\s)(?<!\b{w}\s\s)" for w in ("see", "per", "on", "initial", "the", "in", "of",
                                                                      "for", "by", "a", "to", "with", "this", "our",
                                                                      "no")) + r"(?<!\bsee\.\s)"


class SectionRuleSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=RULE_ID)
    category: str = Field(pattern=r"^[a-z_]+$")
    patterns: list[str] = Field(default_factory=list)
    line_patterns: list[str] = Field(default_factory=list)
    #: Also accept a header that ends with '.' (see the file's `end_dot`).
    dot: bool = False

    @model_validator(mode="after")
    def _some_pattern(self) -> "SectionRuleSpec":
        if not self.patterns and not self.line_patterns:
            raise ValueError(f"section rule {self.id!r} has no patterns")
        return self


_LINE_LEAD = r"(?:^|(?<=\n))[ \t]*"
#: How every line-start header regex begins (`header_regexes`): it can only match at a line start.
LINE_HEADER_PREFIX = "(?i:" + _LINE_LEAD


class SectionRuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str
    end: str
    end_dot: str
    rules: list[SectionRuleSpec]
    #: A result label that only the microscopic reading states ("Histological grade:"); where one opens
    #: a sentence inside a gross section, the gross section ends there (see `extract.analysis`).
    gross_ends: str | None = None

    @field_validator("end", "end_dot", "gross_ends")
    @classmethod
    def _compiles(cls, end: str | None) -> str | None:
        try:
            re.compile(end or "")
        except re.error as exc:
            raise ValueError(f"'end' does not compile: {exc}") from exc
        return end

    @model_validator(mode="after")
    def _patterns_compile(self) -> "SectionRuleFile":
        self.header_regexes()
        return self

    def header_regexes(self) -> list[tuple[str, str, str]]:
        """(rule id, category, full header regex) for every pattern, compiled-checked."""
        out = []
        for rule in self.rules:
            for pat, line in [(p, False) for p in rule.patterns for p in _literal_alternatives(p)] + \
                    [(p, True) for p in rule.line_patterns]:
                # Inline headers: the header words are looked for (a lookahead) before the prose
                # words that may not precede them, so those lookbehinds run only where a header is.
                lead = _LINE_LEAD if line else rf"(?<![\w\-/])(?=(?:{pat})){_NOT_AFTER_PROSE}"
                source = f"(?i:{lead}(?:{pat}){self.end_dot if rule.dot else self.end})"
                try:
                    re.compile(source)
                except re.error as exc:
                    raise ValueError(f"section rule {rule.id!r} pattern does not compile: {exc}") from exc
                out.append((rule.id, rule.category, source))
        return out


def _literal_alternatives(pattern: str) -> list[str]:
    """An inline header pattern as its alternatives when each opens with a literal (see
    `extract.alternatives`): the engine finds each by string search, where the alternation in the
    header's lookahead was tried at every character. Where two alternatives match at one place the
    header matcher keeps the longer, as it does across patterns (the whole pattern took the first)."""
    alternatives = split_alternatives(pattern)
    return alternatives if len(alternatives) <= 12 and all(literal_led(a) for a in alternatives) else [pattern]


@lru_cache(maxsize=None)
def context_rules(path: Path = RULES_DIR / "context.yaml") -> ContextRuleFile:
    return load_model(path, ContextRuleFile)  # type: ignore[return-value]


@lru_cache(maxsize=None)
def section_rules(path: Path = RULES_DIR / "sections.yaml") -> SectionRuleFile:
    return load_model(path, SectionRuleFile)  # type: ignore[return-value]


@lru_cache(maxsize=1)
def gross_end_regex() -> re.Pattern[str] | None:
    """The compiled `gross_ends` of rules/sections.yaml (case-insensitive), if any."""
    source = section_rules().gross_ends
    return re.compile(source, re.IGNORECASE) if source else None


def medspacy_context_rules(spec: ContextRuleFile):
    """Our context rules as medspaCy `ConTextRule`s (the rule id is kept in the metadata)."""
    from medspacy.context import ConTextRule

    rules = []
    for r in spec.rules:
        rules.append(ConTextRule(
            literal=r.literal,
            category=r.category,
            pattern=r.pattern,
            direction=r.direction,
            max_scope=r.max_scope,
            allowed_types=set(r.allowed_types) if r.allowed_types else None,
            metadata={"id": r.id},
        ))
    return rules


def apply_default_overrides(rules: list, spec: ContextRuleFile) -> list:
    """The loaded ConText rules with `default_overrides` applied (each must name a loaded rule)."""
    import copy

    out = list(rules)
    for override in spec.default_overrides:
        hits = [i for i, r in enumerate(out) if r.literal == override.literal and r.category == override.category]
        if not hits:
            raise ConfigurationError(f"Context rule override {override.id!r} names no loaded rule "
                                     f"({override.literal!r}, {override.category}); fix extract/rules/context.yaml.")
        for i in hits:
            changed = copy.copy(out[i])
            changed.max_scope = override.max_scope
            out[i] = changed
    return out


def medspacy_section_rules(spec: SectionRuleFile):
    from medspacy.section_detection import SectionRule

    return [SectionRule(literal=rule_id, category=category, pattern=source)
            for rule_id, category, source in spec.header_regexes()]


def combine(categories: list[str], section: str | None) -> Assertion:
    """One assertion from the ConText categories that modify a span and the span's section."""
    found: set[Assertion] = {CATEGORY_ASSERTION[c] for c in categories if c in CATEGORY_ASSERTION}
    if section in SECTION_ASSERTION:
        found.add(SECTION_ASSERTION[section])
    for assertion in _PRIORITY:
        if assertion in found:
            return assertion
    return "present"
