"""Vocabularies kept as data files beside this module, validated when loaded.

One set of vocabularies serves the records (extract) and general answers (personalize).
A broken file raises `ConfigurationError` naming the file and the problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, Field, model_validator
from rapidfuzz import fuzz, process

from ingest import datafiles

VOCAB_DIR = Path(__file__).parent


def load_json(name: str, model: type[BaseModel], directory: Path = VOCAB_DIR) -> BaseModel:
    """Load `directory/name` and validate it with `model` (`ingest.datafiles.load_json`, with the
    vocabulary directory as default); a broken file raises `ConfigurationError`."""
    return datafiles.load_json(name, model, directory)


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
    #: The doses in mg the drug is given at (its label's start dose and reduction steps): a number
    #: written right after the name without a unit ("Ibrance 125" on a patient's list) is read as
    #: the dose only when it is one of these; the unit stays unwritten.
    dose_steps: list[float] = Field(default_factory=list)

    model_config = {"populate_by_name": True}

    @model_validator(mode="after")
    def _lower_case_generic(self) -> "Drug":
        if self.name != self.name.lower():
            raise ValueError(f"generic name {self.name!r} must be lower case")
        if any(step <= 0 for step in self.dose_steps):
            raise ValueError(f"dose steps of {self.name!r} must be positive")
        return self


#: Biosimilar and nonproprietary suffixes stripped before lookup ("trastuzumab-dkst").
_SUFFIX = re.compile(r"-[a-z]{4}\b", re.IGNORECASE)
#: Terms this short are matched case-sensitively and whole ("SG", "5-FU"), never fuzzily.
_SHORT = 4
#: Words and single punctuation marks: terms and texts are compared token by token.
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]")
_SUFFIX_WORD = re.compile(r"[a-z]{4}")
_WORD_RE = re.compile(r"(?<![\w-])[A-Za-z][A-Za-z'-]{4,}(?![\w-])")
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


class Regimen(BaseModel):
    """A chemotherapy regimen written as letters ("ddAC", "TCHP") and the drugs it stands for."""

    name: str
    drugs: list[str] = Field(min_length=2)
    #: Written forms matched anywhere (whole, case-sensitive).
    tokens: list[str] = Field(default_factory=list)
    #: Written forms that are also other things ("AC" before meals): only next to chemotherapy words.
    tokens_in_context: list[str] = Field(default_factory=list)


class Regimens(BaseModel):
    comment: str = ""
    items: list[Regimen] = Field(default_factory=list)


@dataclass(frozen=True)
class RegimenMention:
    regimen: Regimen
    start: int
    end: int


#: What makes an ambiguous regimen token a regimen: a count or chemotherapy word after it, or
#: "cycles of" before it.
# (also "EC-90", "4 x EC", "4 cycles AC": an epirubicin dose after the letters, a count before them)
_REGIMEN_AFTER = re.compile(r"\s*(?:[xX×]\s*\d|(?:chemo(?:therapy)?|regimen|cycles?|followed\s+by|then)\b|->|→|\(\d{4}\))"
                            r"|-(?:75|90|100|120)\b")
_REGIMEN_BEFORE = re.compile(r"(?:(?:cycles?|courses?|doses?)(?:\s+of)?|dose[\s-]dense|adjuvant|neoadjuvant|\b\d\s*[xX×])\s+$",
                             re.I)


class DrugVocabulary(BaseModel):
    version: str
    sources: list[str] = Field(default_factory=list)
    classes: list[DrugClass]
    drugs: list[Drug]
    regimens: Regimens = Field(default_factory=Regimens)

    @model_validator(mode="after")
    def _check(self) -> "DrugVocabulary":
        class_ids = {c.id for c in self.classes}
        seen: dict[str, str] = {}
        for drug in self.drugs:
            if drug.drug_class not in class_ids:
                raise ValueError(f"drug {drug.name!r} names unknown class {drug.drug_class!r}")
            repeated = {m.lower() for m in drug.misspellings} & {t.lower() for t in (drug.name, *drug.brands)}
            if repeated:
                raise ValueError(f"drug {drug.name!r} lists {sorted(repeated)} as a misspelling of itself")
            for term in self.terms_of(drug):
                key = term.lower()
                if key in seen and seen[key] != drug.name:
                    raise ValueError(f"term {term!r} names both {seen[key]!r} and {drug.name!r}")
                seen[key] = drug.name
        names = {d.name for d in self.drugs}
        tokens: dict[str, str] = {}
        for regimen in self.regimens.items:
            unknown = [d for d in regimen.drugs if d not in names]
            if unknown:
                raise ValueError(f"regimen {regimen.name!r} names unknown drugs {unknown}")
            for token in (*regimen.tokens, *regimen.tokens_in_context):
                if token in tokens:
                    raise ValueError(f"regimen token {token!r} is in both {tokens[token]!r} and {regimen.name!r}")
                tokens[token] = regimen.name
        return self

    @staticmethod
    def terms_of(drug: Drug) -> list[str]:
        return [drug.name, *drug.brands, *drug.abbreviations, *drug.misspellings]

    def find_regimens(self, text: str) -> list[RegimenMention]:
        """Regimens written as letters in `text` ("4 cycles of ddAC", "TCHP x6"), left to right."""
        out: list[RegimenMention] = []
        for m in self._regimen_re.finditer(text):
            token = m.group(0)
            regimen, needs_context = self._regimen_of[token]
            if needs_context and not (_REGIMEN_AFTER.match(text, m.end())
                                      or _REGIMEN_BEFORE.search(text, max(0, m.start() - 30), m.start())):
                continue
            out.append(RegimenMention(regimen, m.start(), m.end()))
        return out

    def model_post_init(self, _context: object) -> None:
        self._regimen_of = {t: (r, False) for r in self.regimens.items for t in r.tokens}
        self._regimen_of |= {t: (r, True) for r in self.regimens.items for t in r.tokens_in_context}
        body = "|".join(re.escape(t) for t in sorted(self._regimen_of, key=len, reverse=True)) or "(?!)"
        self._regimen_re = re.compile(rf"(?<![\w-])(?:{body})(?!\w|-[^\W\d])")  # "EC-90" names EC, "EC-X" nothing
        self._by_term = {t.lower(): d for d in self.drugs for t in self.terms_of(d)}
        self._by_name = {d.name: d for d in self.drugs}
        self._classes = {c.id: c for c in self.classes}
        self._fuzzy_keys = [k for k in self._by_term if len(k) >= 5]
        # The same keys by first letter (`lookup(..., same_initial=True)`).
        self._fuzzy_keys_by_initial: dict[str, list[str]] = {}
        for k in self._fuzzy_keys:
            self._fuzzy_keys_by_initial.setdefault(k[0], []).append(k)
        # Terms as token sequences ("t - dxd", "st john ' s wort") for matching words, not characters.
        self._by_tokens: dict[tuple[str, ...], tuple[Drug, str]] = {}
        for drug in self.drugs:
            for term in self.terms_of(drug):
                self._by_tokens[tuple(_TOKEN.findall(term.lower()))] = (drug, term)
        # The token counts of the terms that start with each word, longest first.
        self._lengths_by_first: dict[str, list[int]] = {}
        for key in self._by_tokens:
            self._lengths_by_first.setdefault(key[0], []).append(len(key))
        for lengths in self._lengths_by_first.values():
            lengths.sort(reverse=True)
        # The longest word of each term: a text holding none of them names no term ("5" starts
        # "5-FU" and is on most pages; "fu" is not).
        self._key_words = frozenset(max(key, key=len) for key in self._by_tokens)
        self._fuzzy_cache: dict[str, tuple[Drug, str, float] | None] = {}

    def get(self, name: str) -> Drug | None:
        return self._by_name.get(name)

    def forget_lookups(self) -> None:
        """Forget the misspellings looked up so far (see `extract.text_caches`)."""
        self._fuzzy_cache.clear()

    def drug_class(self, class_id: str) -> DrugClass | None:
        return self._classes.get(class_id)

    def lookup(self, word: str, min_score: float = 85.0, same_initial: bool = False) -> tuple[Drug, str, float] | None:
        """Find the drug a word names: exact term, then a fuzzy match for misspellings.

        Returns (drug, matched_term, score 0-100) or None. Short words (< 5 letters) are matched
        exactly only, so "AI" or "SG" never match by accident of spelling. `same_initial`: only
        terms that start with the word's letter ("Ribocyclib" is ribociclib; a page's "carcinoma"
        is not a misspelt "barasertib"), a seventh of the comparisons.
        """
        key = _SUFFIX.sub("", word.strip()).lower()
        if key in self._by_term:
            return self._by_term[key], key, 100.0
        if len(key) < 5:
            return None
        keys = self._fuzzy_keys_by_initial.get(key[0], ()) if same_initial else self._fuzzy_keys
        hit = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=min_score)
        if hit is None:
            return None
        term, score, _ = hit
        if term.startswith(key + " "):
            return None  # the first word of a longer name ("vitamin" of "vitamin d"; "vitamin B12"), not a misspelling
        if term.startswith(key) and len(term) - len(key) >= 2:
            return None  # a word that a name merely begins with (the Spanish "margen" of "margenza"), not a misspelling
        return self._by_term[term], term, float(score)

    def find(self, text: str, fuzzy: bool = True) -> list[DrugMention]:
        """Every drug named in `text`, left to right, without overlaps.

        Vocabulary terms are matched word by word, longest first ("trastuzumab deruxtecan" is not
        "trastuzumab"), with an optional biosimilar suffix ("-dkst"); terms of up to 4 letters only
        as written ("SG", not "sg"). Then single words a fuzzy match names ("Ribocyclib"), which
        must start with the letter of the term they match."""
        lowered = text.lower()
        source = lowered if len(lowered) == len(text) else text
        found: list[DrugMention] = []
        starts = self._lengths_by_first
        # Most pages name no drug: when no term's longest word is there, skip the word-by-word walk.
        present = _TOKEN.findall(source)
        if self._key_words.isdisjoint(present if source is lowered else (w.lower() for w in present)):
            tokens, words = [], []
        else:
            tokens = list(_TOKEN.finditer(source))
            words = [t.group(0).lower() for t in tokens]
        i = 0
        while i < len(tokens):
            hit = self._term_at(text, tokens, words, i) if words[i] in starts else None
            if hit is None:
                i += 1
                continue
            drug, term, j = hit
            end = tokens[j - 1].end()
            # a biosimilar or nonproprietary suffix: "trastuzumab-dkst", "deruxtecan-nxki"
            if j + 1 < len(tokens) and words[j] == "-" and tokens[j].start() == end and _SUFFIX_WORD.fullmatch(words[j + 1]):
                end, j = tokens[j + 1].end(), j + 2
            found.append(DrugMention(drug, tokens[i].start(), end, term.lower(), 100.0))
            i = j
        if fuzzy:
            found += self._fuzzy_mentions(text, found)
            found.sort(key=lambda d: d.start)
        return found

    def _term_at(self, text: str, tokens: list, words: list[str], i: int) -> tuple[Drug, str, int] | None:
        for n in self._lengths_by_first.get(words[i], ()):
            if i + n > len(tokens):
                continue
            entry = self._by_tokens.get(tuple(words[i:i + n]))
            if entry is None:
                continue
            drug, term = entry
            written = text[tokens[i].start():tokens[i + n - 1].end()]
            if _joined_like(written, term) and (len(term) > _SHORT or written == term):
                return drug, term, i + n
        return None

    def _fuzzy_mentions(self, text: str, exact: list[DrugMention]) -> list[DrugMention]:
        # Each distinct word is looked up once (remembered across pages); the page is walked
        # again only when one of them names a drug.
        named = False
        for word in {w.lower() for w in _WORD_RE.findall(text)}:
            if word in _NOT_DRUGS:
                continue
            if word not in self._fuzzy_cache:
                self._fuzzy_cache[word] = self.lookup(word, same_initial=True)
            named = named or self._fuzzy_cache[word] is not None
        if not named:
            return []
        covered = bytearray(len(text))
        for m in exact:
            covered[m.start:m.end] = b"\x01" * (m.end - m.start)
        out = []
        for m in _WORD_RE.finditer(text):
            if any(covered[m.start():m.end()]):
                continue
            word = m.group(0).lower()
            if word in _NOT_DRUGS:
                continue
            if word not in self._fuzzy_cache:
                self._fuzzy_cache[word] = self.lookup(word, same_initial=True)
            hit = self._fuzzy_cache[word]
            if hit is not None:
                out.append(DrugMention(hit[0], m.start(), m.end(), hit[1], hit[2]))
        return out


def _joined_like(written: str, term: str) -> bool:
    """Words of a term may be spaced differently ("Kisqali  Femara"), but a hyphen or slash written
    without spaces in the term must be written without spaces in the text ("T-DXd", not "T - DXd")."""
    return bool(re.fullmatch(r"\s*".join(re.escape(p) for p in re.split(r"\s+", term)), written, re.IGNORECASE)) or \
        re.sub(r"\s+", " ", written).lower() == term.lower()


@lru_cache(maxsize=1)
def drugs() -> DrugVocabulary:
    return load_json("drugs.json", DrugVocabulary)  # type: ignore[return-value]
