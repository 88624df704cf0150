"""Vocabularies kept as data files beside this module, validated when loaded.

One set of vocabularies serves the records (extract) and general answers (personalize).
A broken file raises `ConfigurationError` naming the file and the problem.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError, model_validator
from rapidfuzz import fuzz, process

from ingest.errors import ConfigurationError

VOCAB_DIR = Path(__file__).parent


def load_json(name: str, model: type[BaseModel], directory: Path = VOCAB_DIR) -> BaseModel:
    """Load `directory/name` and validate it with `model`; fail loudly on any problem."""
    path = directory / name
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return model.model_validate(raw)
    except FileNotFoundError as exc:
        raise ConfigurationError(f"Vocabulary file {path} is missing.") from exc
    except json.JSONDecodeError as exc:
        raise ConfigurationError(f"Vocabulary file {path} is not valid JSON: {exc}") from exc
    except ValidationError as exc:
        raise ConfigurationError(f"Vocabulary file {path} is invalid: {exc}") from exc


class DrugClass(BaseModel):
    id: str
    label: str
    synonyms: list[str] = Field(default_factory=list)


class Drug(BaseModel):
    name: str = Field(description="generic name, lower case")
    drug_class: str = Field(alias="class")
    brands: list[str] = Field(default_factory=list)
    abbreviations: list[str] = Field(default_factory=list)
    misspellings: list[str] = Field(default_factory=list)
    oncology: bool = True
    flags: list[str] = Field(default_factory=list)

    model_config = {"populate_by_name": True}

    @model_validator(mode="after")
    def _lower_case_generic(self) -> "Drug":
        if self.name != self.name.lower():
            raise ValueError(f"generic name {self.name!r} must be lower case")
        return self


#: Biosimilar and nonproprietary suffixes stripped before lookup ("trastuzumab-dkst").
_SUFFIX = re.compile(r"-[a-z]{4}\b", re.IGNORECASE)
#: Terms this short are matched case-sensitively and whole ("SG", "T-DM1"), never fuzzily.
_SHORT = 4
#: Words that look like a misspelt drug to a fuzzy matcher but are ordinary record words.
_NOT_DRUGS = frozenset({"letter", "patient", "patients", "ribbon", "taxonomy", "carbon"})


@dataclass(frozen=True)
class DrugMention:
    """A drug named in a text: where, as which written term, and how sure the match is."""

    drug: "Drug"
    start: int
    end: int
    term: str  # the vocabulary term it matched, lower case
    score: float  # 100 for an exact term, else the fuzzy score

    @property
    def fuzzy(self) -> bool:
        return self.score < 100.0


class DrugVocabulary(BaseModel):
    version: str
    sources: list[str] = Field(default_factory=list)
    classes: list[DrugClass]
    drugs: list[Drug]

    @model_validator(mode="after")
    def _check(self) -> "DrugVocabulary":
        class_ids = {c.id for c in self.classes}
        seen: dict[str, str] = {}
        for drug in self.drugs:
            if drug.drug_class not in class_ids:
                raise ValueError(f"drug {drug.name!r} names unknown class {drug.drug_class!r}")
            for term in self.terms_of(drug):
                key = term.lower()
                if key in seen and seen[key] != drug.name:
                    raise ValueError(f"term {term!r} names both {seen[key]!r} and {drug.name!r}")
                seen[key] = drug.name
        return self

    @staticmethod
    def terms_of(drug: Drug) -> list[str]:
        return [drug.name, *drug.brands, *drug.abbreviations, *drug.misspellings]

    def model_post_init(self, _context: object) -> None:
        self._by_term = {t.lower(): d for d in self.drugs for t in self.terms_of(d)}
        self._by_name = {d.name: d for d in self.drugs}
        self._classes = {c.id: c for c in self.classes}
        self._fuzzy_keys = [k for k in self._by_term if len(k) >= 5]
        terms = sorted({t for d in self.drugs for t in self.terms_of(d)}, key=len, reverse=True)

        def alternation(words: list[str]) -> str:
            return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)

        # Long terms any case, with an optional biosimilar suffix; short ones exactly as written.
        self._long_re = re.compile(
            rf"(?<![\w-])(?:{alternation([t for t in terms if len(t) > _SHORT])})(?:-[a-z]{{4}})?(?![\w-])",
            re.IGNORECASE)
        self._short_re = re.compile(rf"(?<![\w-])(?:{alternation([t for t in terms if len(t) <= _SHORT])})(?![\w-])")
        self._word_re = re.compile(r"(?<![\w-])[A-Za-z][A-Za-z'-]{4,}(?![\w-])")
        self._fuzzy_cache: dict[str, tuple[Drug, str, float] | None] = {}

    def get(self, name: str) -> Drug | None:
        return self._by_name.get(name)

    def drug_class(self, class_id: str) -> DrugClass | None:
        return self._classes.get(class_id)

    def lookup(self, word: str, min_score: float = 85.0) -> tuple[Drug, str, float] | None:
        """Find the drug a word names: exact term, then a fuzzy match for misspellings.

        Returns (drug, matched_term, score 0-100) or None. Short words (< 5 letters) are matched
        exactly only, so "AI" or "SG" never match by accident of spelling.
        """
        key = _SUFFIX.sub("", word.strip()).lower()
        if key in self._by_term:
            return self._by_term[key], key, 100.0
        if len(key) < 5:
            return None
        hit = process.extractOne(key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=min_score)
        if hit is None:
            return None
        term, score, _ = hit
        return self._by_term[term], term, float(score)


    def find(self, text: str, fuzzy: bool = True) -> list[DrugMention]:
        """Every drug named in `text`, left to right, without overlaps: vocabulary terms first
        (longest wins: "trastuzumab deruxtecan" is not "trastuzumab"), then single words that a
        fuzzy match names ("Ribocyclib"), which must start with the same letter as the term."""
        found: list[DrugMention] = []
        taken: list[tuple[int, int]] = []
        for regex in (self._long_re, self._short_re):
            for m in regex.finditer(text):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                hit = self.lookup(m.group(0), min_score=100.0)
                if hit is None:
                    continue
                found.append(DrugMention(hit[0], m.start(), m.end(), hit[1], 100.0))
                taken.append((m.start(), m.end()))
        if fuzzy:
            for m in self._word_re.finditer(text):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                word = m.group(0).lower()
                if word in _NOT_DRUGS:
                    continue
                if word not in self._fuzzy_cache:
                    hit = self.lookup(word)
                    self._fuzzy_cache[word] = hit if hit and hit[1][:1] == word[:1] else None
                hit = self._fuzzy_cache[word]
                if hit is not None:
                    found.append(DrugMention(hit[0], m.start(), m.end(), hit[1], hit[2]))
        found.sort(key=lambda d: d.start)
        return found


@lru_cache(maxsize=1)
def drugs() -> DrugVocabulary:
    return load_json("drugs.json", DrugVocabulary)  # type: ignore[return-value]
