"""A profile in plain words for its patient ("My profile"), from the wording in `facts.yaml`.

Every sentence is made only of values the profile holds; each carries links to the pages its
evidence is on, says whether the care team corrected or checked it, and whether the records
disagree about it. What the records do not say is listed from the facts' `missing` texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import TemplateSyntaxError, Undefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from api import profile_paths as paths
from api.errors import InvalidRequest
from api.web import evidence as ev
from ingest.datafiles import load_data
from personalize.display import join, number

FACTS_FILE = Path(__file__).with_name("facts.yaml")
_ENV = SandboxedEnvironment(autoescape=True, undefined=Undefined, trim_blocks=True, lstrip_blocks=True)
_INDEX = re.compile(r"\[\d+\]")


def _compile(source: str):
    try:
        return _ENV.from_string(source)
    except TemplateSyntaxError as exc:
        raise ValueError(f"template {source[:60]!r} does not compile: {exc.message}") from exc


def _check_path(path: str) -> str:
    try:
        paths.parse(path)
    except InvalidRequest as exc:
        raise ValueError(f"{path!r} is not a profile path") from exc
    return path


class Fact(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    fields: list[str] = Field(min_length=1)
    each: str | None = None
    text: str = Field(min_length=1)
    missing: str | None = None
    _template: Any = PrivateAttr(None)

    @field_validator("fields")
    @classmethod
    def _paths(cls, value: list[str]) -> list[str]:
        return [_check_path(p) for p in value]

    @model_validator(mode="after")
    def _templates(self) -> "Fact":
        if self.each is not None:
            _check_path(self.each)
        self._template = _compile(self.text)
        return self


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    title: str
    facts: list[Fact] = Field(min_length=1)


class Summary(BaseModel):
    model_config = ConfigDict(extra="forbid")
    lead: str
    parts: list[str] = Field(min_length=1)
    empty: str
    _templates: list[Any] = PrivateAttr(default_factory=list)

    @model_validator(mode="after")
    def _compile_parts(self) -> "Summary":
        self._templates = [_compile(p) for p in self.parts]
        return self


class FactsConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str
    labels: dict[str, dict[str, str]] = Field(default_factory=dict)
    names: dict[str, str] = Field(default_factory=dict)
    summary: Summary
    sections: list[Section] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> "FactsConfig":
        ids = [f"{s.id}.{f.id}" for s in self.sections for f in s.facts]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"fact ids used twice: {dupes}")
        return self


def load_facts(path: Path = FACTS_FILE) -> FactsConfig:
    """The wording file, validated; a broken file raises `ConfigurationError` naming the problem."""
    return load_data(path, FactsConfig)


@lru_cache(maxsize=1)
def facts() -> FactsConfig:
    return load_facts()


# --- values in words -------------------------------------------------------------------------------


def generic(path: str) -> str:
    return _INDEX.sub("", path)


def words(config: FactsConfig, path: str, value: Any) -> Any:
    """A profile value in words: labels for codes, numbers without trailing zeros; lists and
    objects keep their shape with their parts in words."""
    table = config.labels.get(generic(path), {})
    if isinstance(value, bool):
        return table.get(str(value).lower(), "yes" if value else "no")
    if isinstance(value, (int, float)):
        return number(value)
    if isinstance(value, str):
        return table.get(value, value.replace("_", " ") if value.isidentifier() else value)
    if isinstance(value, dict):
        return {k: words(config, f"{path}.{k}", v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        if all(isinstance(v, dict) for v in value):
            return [words(config, path, v) for v in value]
        return join([str(words(config, path, v)) for v in value])
    return str(value)


def field_name(config: FactsConfig, path: str) -> str:
    """'receptors.her2.ihc_score' -> 'Receptors › HER2 › IHC score' (list items numbered from 1)."""
    out = []
    for part in paths.parse(path):
        if isinstance(part, int):
            out[-1] = f"{out[-1]} {part + 1}"
        else:
            out.append(config.names.get(part, part.replace("_", " ")))
    return " › ".join(s[:1].upper() + s[1:] for s in out)


# --- the page's view ---------------------------------------------------------------------------------


@dataclass
class FactView:
    id: str
    text: Markup
    links: list[ev.EvidenceLink]
    reviewed: str | None = None  # "corrected" | "checked" | "settled": a navigator's entry
    disputed: bool = False
    ocr: bool = False
    fields: list[str] = field(default_factory=list)  # the profile paths it says


@dataclass
class SectionView:
    id: str
    title: str
    facts: list[FactView] = field(default_factory=list)


@dataclass
class OtherDetail:
    label: str
    value: str
    links: list[ev.EvidenceLink]


@dataclass
class PlainProfile:
    summary: Markup
    sections: list[SectionView]
    missing: list[str]
    other: list[OtherDetail]
    review: dict


_REVIEW_WORDS = {"navigator.correct": "corrected", "navigator.accept": "checked",
                 "navigator.settle_conflict": "settled", "navigator.not_stated": "corrected"}


def _present(value: Any) -> bool:
    return value is not None and value != [] and value != {} and value != ""


def plain_profile(report: dict, config: FactsConfig | None = None) -> PlainProfile:
    config = config or facts()
    profile = report.get("profile", {}) or {}
    evidence: dict[str, list] = report.get("evidence", {}) or {}
    documents = ev.documents_by_id(report)
    # Once a navigator has confirmed the profile, the disagreements it lists have been seen.
    confirmed = (report.get("review") or {}).get("status") == "confirmed"
    conflict_fields = set() if confirmed else {c.get("field") for c in report.get("conflicts", []) if c.get("field")}
    covered: set[str] = set()
    sections, missing = [], []

    def view(fact: Fact, present: dict[str, Any], keys: list[str], prefix: str | None) -> FactView:
        entries = [e for k in keys for e in evidence.get(k, [])]
        reviewed = next((_REVIEW_WORDS.get(e.get("rule", "")) for e in reversed(entries)
                         if e.get("source") == "navigator"), None)
        found = ev.links(entries, documents, keys[0] if keys else None)
        disputed = any(f in keys or bool(prefix and f.startswith(prefix + ".")) for f in conflict_fields)
        text = Markup(fact._template.render(f=present).strip())
        return FactView(fact.id, text, found, reviewed, disputed, any(link.ocr for link in found), keys)

    for section in config.sections:
        out = SectionView(section.id, section.title)
        for fact in section.facts:
            if fact.each:
                items = paths.get(profile, paths.parse(fact.each)) or []
                for i, item in enumerate(items if isinstance(items, list) else []):
                    base = f"{fact.each}[{i}]"
                    present = {n: words(config, f"{fact.each}.{n}", item[n]) for n in fact.fields
                               if isinstance(item, dict) and _present(item.get(n))}
                    if not present:
                        continue
                    keys = sorted((k for k in evidence if k == base or k.startswith(base + ".")),
                                  key=lambda k: _field_order(k, base, fact.fields))
                    covered.update(k for k in paths.flatten(profile) if k == base or k.startswith(base + "."))
                    out.facts.append(view(fact, present, keys, base))
                if not items and fact.missing:
                    missing.append(fact.missing)
                continue
            values = {p: paths.get(profile, paths.parse(p)) for p in fact.fields}
            present = {p.rsplit(".", 1)[-1]: words(config, p, v) for p, v in values.items() if _present(v)}
            if not present:
                if fact.missing:
                    missing.append(fact.missing)
                continue
            keys = [p for p in fact.fields if _present(values[p])]
            covered.update(keys)
            out.facts.append(view(fact, present, keys, None))
        if out.facts:
            sections.append(out)

    other = []
    for path, value in paths.flatten(profile).items():
        if path in covered:
            continue
        other.append(OtherDetail(field_name(config, path), str(words(config, path, value)),
                                 ev.links(evidence.get(path, []), documents, path, limit=1)))
    return PlainProfile(summary(report, config), sections, missing, other, report.get("review", {}) or {})


def fact_about(report: dict, path: str) -> Markup | None:
    """The sentence of "My profile" that says the field at `path`, if any."""
    for section in plain_profile(report).sections:
        for fact in section.facts:
            if path in fact.fields:
                return fact.text
    return None


def _field_order(key: str, base: str, fields: list[str]) -> int:
    name = key[len(base) + 1:].split(".", 1)[0].split("[", 1)[0]
    return fields.index(name) if name in fields else len(fields)


def summary(report: dict, config: FactsConfig | None = None) -> Markup:
    """'Your cancer is ER-positive (95 %), PR-positive (30 %), HER2-low (IHC 1+) and stage IV.'"""
    config = config or facts()
    flat = {p: words(config, p, v) for p, v in paths.flatten(report.get("profile", {}) or {}).items()}
    parts = [str(t.render(f=flat)).strip() for t in config.summary._templates]
    parts = [p for p in parts if p]
    if not parts:
        return Markup.escape(config.summary.empty)
    # The parts are rendered with autoescape; the lead is our own wording.
    return Markup(f"{Markup.escape(config.summary.lead)} {join(parts)}.")
