"""Tailoring rules kept as data: overlays, questions for the oncologist, and display texts.

Files in `personalize/rules/` (YAML), validated by the models below when loaded; a broken file
raises `ConfigurationError` naming the file and the problem.

An overlay rule adds a tailored block when its condition holds for the profile:

    id: overlay.ribociclib.anc_grade3        stable id, travels into the guidance
    topics: [side_effects, neutropenia]      answers it belongs to ("*": every answer)
    severity: warning                        info | warning | critical
    bind: {drug: "meds[name=ribociclib]", anc: "labs[name=ANC]"}
    relevant_when: {path: drug, exists: true}        unless true, the rule stays silent
    when: {all: [{path: anc.value, ge: 0.5}, {path: anc.value, lt: 1.0}]}
    if_unknown: {field: anc, why: "..."}             when `when` is unknown: a missing entry
    text: ["Your records list {drug.name} and an ANC of {anc.value}[ {anc.unit|unit}] on {anc.date}."]
    facts: ["The Kisqali label says ..."]    quoted label/guideline text, never patient values
    source: Kisqali (ribociclib) US prescribing information
    revised: "2024-09"                       label revision date (or revised_note when not recorded)
    mentions: []                             drugs the text names as topics, not as the patient's

Templates: `{selector}` or `{selector|filter}` is filled only from the profile; a sentence with
an unresolved placeholder is left out, and `[...]` marks an optional part dropped on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Generic, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from extract.vocab import drugs
from ingest.errors import ConfigurationError
from personalize.conditions import Condition, expand
from personalize.display import FILTERS, Display
from personalize.profile_view import ProfileView, Resolved, SelectorError, parse_selector

#: libyaml's parser when installed (about 10 times faster), else the pure-Python one.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def yaml_text(text: str):
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 -- a safe loader


RULES_DIR = Path(__file__).parent / "rules"

TOPICS = frozenset({
    "treatment", "side_effects", "neutropenia", "trials", "immunotherapy", "lifestyle", "integrative",
    "pathology", "stage", "her2_low", "adc", "endocrine", "bone_health", "genetics", "fertility",
    "sexual_health", "menopause", "recurrence", "coping", "eligibility",
})
Severity = Literal["info", "warning", "critical"]
_REVISED = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


# -- templates ------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Placeholder:
    selector: str
    filter: str | None


class Template:
    """A sentence with {placeholders} filled from the profile and [optional parts]."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.parts = self._parse(source)

    @staticmethod
    def _parse(source: str) -> list:
        parts: list = []
        stack: list[list] = [parts]
        i = 0
        literal = ""
        while i < len(source):
            ch = source[i]
            if ch == "{":
                end = source.find("}", i)
                if end < 0:
                    raise ValueError(f"template {source!r}: '{{' without '}}'")
                if literal:
                    stack[-1].append(literal)
                    literal = ""
                body = source[i + 1:end]
                selector, _, filt = body.partition("|")
                filt = filt or None
                if filt is not None and filt not in FILTERS:
                    raise ValueError(f"template {source!r}: unknown filter {filt!r}")
                try:
                    parse_selector(selector)
                except SelectorError as exc:
                    raise ValueError(f"template {source!r}: {exc}") from exc
                stack[-1].append(_Placeholder(selector.strip(), filt))
                i = end + 1
                continue
            if ch == "[":
                if len(stack) > 1:
                    raise ValueError(f"template {source!r}: optional parts cannot nest")
                if literal:
                    stack[-1].append(literal)
                    literal = ""
                group: list = []
                stack[-1].append(group)
                stack.append(group)
            elif ch == "]":
                if len(stack) == 1:
                    raise ValueError(f"template {source!r}: ']' without '['")
                if literal:
                    stack[-1].append(literal)
                    literal = ""
                stack.pop()
            elif ch == "}":
                raise ValueError(f"template {source!r}: '}}' without '{{'")
            else:
                literal += ch
            i += 1
        if len(stack) > 1:
            raise ValueError(f"template {source!r}: '[' without ']'")
        if literal:
            parts.append(literal)
        return parts

    def placeholders(self) -> list[_Placeholder]:
        out = []
        for part in self.parts:
            if isinstance(part, _Placeholder):
                out.append(part)
            elif isinstance(part, list):
                out += [p for p in part if isinstance(p, _Placeholder)]
        return out

    def render(self, view: ProfileView, bindings: dict[str, str], display: Display) -> tuple[str | None, list[Resolved]]:
        """The filled sentence and the profile values used, or (None, []) when a value is missing."""
        used: list[Resolved] = []
        out: list[str] = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
            elif isinstance(part, _Placeholder):
                filled = self._fill(part, view, bindings, display)
                if filled is None:
                    return None, []
                out.append(filled[0])
                used.append(filled[1])
            else:
                pieces, group_used = [], []
                for sub in part:
                    if isinstance(sub, str):
                        pieces.append(sub)
                        continue
                    filled = self._fill(sub, view, bindings, display)
                    if filled is None:
                        break
                    pieces.append(filled[0])
                    group_used.append(filled[1])
                else:
                    out.extend(pieces)
                    used.extend(group_used)
        return "".join(out), used

    @staticmethod
    def _fill(ph: _Placeholder, view: ProfileView, bindings: dict[str, str], display: Display):
        resolved = view.resolve(expand(ph.selector, bindings))
        if resolved is None:
            return None
        return display.format(resolved.path, resolved.value, ph.filter), resolved


# -- rule models ----------------------------------------------------------------------------------

class MissingSpec(BaseModel):
    """A `missing` entry: the profile field to confirm, and why it matters (for the patient)."""

    model_config = ConfigDict(extra="forbid")
    field: str
    why: str = Field(min_length=20)


class _RuleBase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    topics: list[str] = Field(min_length=1)
    bind: dict[str, str] = Field(default_factory=dict)
    relevant_when: Condition | None = None
    when: Condition
    mentions: list[str] = Field(default_factory=list)

    @field_validator("topics")
    @classmethod
    def _known_topics(cls, value: list[str]) -> list[str]:
        unknown = [t for t in value if t != "*" and t not in TOPICS]
        if unknown:
            raise ValueError(f"unknown topics {unknown}; known: {sorted(TOPICS)} or '*'")
        return value

    @field_validator("bind")
    @classmethod
    def _bindings_parse(cls, value: dict[str, str]) -> dict[str, str]:
        for name, selector in value.items():
            if not re.match(r"^[a-z][a-z0-9_]*$", name):
                raise ValueError(f"binding name {name!r} must be lower-case letters, digits, _")
            try:
                parse_selector(selector)
            except SelectorError as exc:
                raise ValueError(f"binding {name}: {exc}") from exc
        return value

    @field_validator("mentions")
    @classmethod
    def _known_drugs(cls, value: list[str]) -> list[str]:
        unknown = [d for d in value if drugs().get(d) is None]
        if unknown:
            raise ValueError(f"mentions name drugs missing from the drug vocabulary: {unknown}")
        return value

    def applies_to(self, topics: set[str]) -> bool:
        return "*" in self.topics or bool(topics.intersection(self.topics))


class OverlayRule(_RuleBase):
    id: str = Field(pattern=r"^overlay\.[a-z0-9_]+(\.[a-z0-9_]+)+$")
    severity: Severity
    if_unknown: MissingSpec | None = None
    text: list[str] = Field(min_length=1)
    facts: list[str] = Field(default_factory=list)
    source: str = Field(min_length=5)
    revised: str | None = None
    revised_note: str | None = None

    @model_validator(mode="after")
    def _check(self) -> "OverlayRule":
        for sentence in self.text:
            Template(sentence)  # raises ValueError on a broken template
        for fact in self.facts:
            if "{" in fact or "}" in fact:
                raise ValueError(f"{self.id}: facts are quoted text and take no placeholders")
        if self.revised is None and not self.revised_note:
            raise ValueError(f"{self.id}: give the source's revision date (revised) or say why it is not recorded (revised_note)")
        if self.revised is not None and not _REVISED.match(self.revised):
            raise ValueError(f"{self.id}: revised must be YYYY, YYYY-MM or YYYY-MM-DD")
        return self

    def templates(self) -> list[Template]:
        return _templates(tuple(self.text))


class QuestionRule(_RuleBase):
    id: str = Field(pattern=r"^question\.[a-z0-9_]+(\.[a-z0-9_]+)*$")
    text: str

    @model_validator(mode="after")
    def _check(self) -> "QuestionRule":
        Template(self.text)
        return self

    def template(self) -> Template:
        return _templates((self.text,))[0]


@lru_cache(maxsize=512)
def _templates(sources: tuple[str, ...]) -> list[Template]:
    return [Template(s) for s in sources]


RuleT = TypeVar("RuleT", OverlayRule, QuestionRule)


class RuleFile(BaseModel, Generic[RuleT]):
    """overlays.yaml or questions.yaml: a version and rules with unique ids."""

    model_config = ConfigDict(extra="forbid")
    version: str
    rules: list[RuleT]

    @model_validator(mode="after")
    def _unique_ids(self) -> "RuleFile":
        seen: set[str] = set()
        for rule in self.rules:
            if rule.id in seen:
                raise ValueError(f"rule id {rule.id!r} is used twice")
            seen.add(rule.id)
        return self


OverlayFile = RuleFile[OverlayRule]
QuestionFile = RuleFile[QuestionRule]


class Texts(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str
    disclaimer: str = Field(min_length=80)
    foreign_answer_note: str
    overdue_note: str
    er_low_note: str
    #: Per dimension: the field to confirm and why, when the records do not settle it.
    dimensions: dict[str, MissingSpec]
    values: dict[str, dict[str, str]] = Field(default_factory=dict)
    units: dict[str, str] = Field(default_factory=dict)
    #: What a block "about" a dimension value is called in notes ("HER2-positive cancer").
    about: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _dims(self) -> "Texts":
        needed = {"her2", "hr", "setting", "menopause", "brca", "pik3ca", "pi3k_pathway", "esr1", "medication"}
        missing = needed - set(self.dimensions)
        if missing:
            raise ValueError(f"dimensions need a text for {sorted(missing)}")
        return self

    def display(self) -> Display:
        return Display(self.values, self.units)


# -- loading --------------------------------------------------------------------------------------

def load_yaml(name: str, model: type[BaseModel], directory: Path = RULES_DIR) -> BaseModel:
    path = directory / name
    try:
        raw = yaml_text(path.read_text(encoding="utf-8"))
        return model.model_validate(raw)
    except FileNotFoundError as exc:
        raise ConfigurationError(f"Rule file {path} is missing.") from exc
    except yaml.YAMLError as exc:
        raise ConfigurationError(f"Rule file {path} is not valid YAML: {exc}") from exc
    except ValidationError as exc:
        raise ConfigurationError(f"Rule file {path} is invalid: {exc}") from exc


@dataclass(frozen=True)
class RuleSet:
    overlays: OverlayFile
    questions: QuestionFile
    texts: Texts


def load_rules(directory: Path = RULES_DIR) -> RuleSet:
    return RuleSet(
        overlays=load_yaml("overlays.yaml", OverlayFile, directory),  # type: ignore[arg-type]
        questions=load_yaml("questions.yaml", QuestionFile, directory),  # type: ignore[arg-type]
        texts=load_yaml("texts.yaml", Texts, directory),  # type: ignore[arg-type]
    )


@lru_cache(maxsize=1)
def rules() -> RuleSet:
    return load_rules()
