"""The answer library: general answers in `personalize/answers/*.md`, and matching a question to one.

Each answer is Markdown with YAML front matter (id, title, questions in several phrasings,
topics, written and review-by dates, sources by name), validated when loaded.

Matching ranks answers with BM25 (rank-bm25) over their title and question phrasings, their
section headings and their text (weights in rules/matching.yaml), plus a bonus for each concept
the question names (CAR-T, trials, genetics, a drug ...) in proportion to how many of an answer's
own phrasings name it: word overlap alone let "Is there a CAR T option for me?" go to the
treatment overview, whose phrasings share "option". An answer is chosen only when
the question names something from breast-cancer care (a concept the concept matcher knows, or a
domain word) and the best score reaches `min_score`; otherwise `NoMatchingAnswer` is raised
instead of forcing an answer on "what's the weather?".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from rank_bm25 import BM25Okapi

from ingest.errors import ConfigurationError
from personalize.blocks import ParsedAnswer, parse_answer
from personalize.errors import NoMatchingAnswer
from personalize.rules import TOPICS, load_yaml, yaml_text

ANSWERS_DIR = Path(__file__).parent / "answers"

_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
_WORD = re.compile(r"[a-z0-9]+")
_CAR_T = re.compile(r"\bcar[\s\-\u2010\u2011]?t\b")
_STAGE_NUMBER = re.compile(r"\bstage\s+([1-4])\b")
_ROMAN = {"1": "i", "2": "ii", "3": "iii", "4": "iv"}
#: A TNM category ("T2", "pN1a", "M0") stands for staging as a whole.
_TNM = re.compile(r"^(?:yp|p|c)?(?:t(?:is|x|[0-4][a-d]?(?:mi)?)|n(?:x|[0-3][a-c]?(?:mi)?)|m[01x])$")


class MatchingConfig(BaseModel):
    """personalize/rules/matching.yaml: the words and weights of question matching."""

    model_config = ConfigDict(extra="forbid")
    version: str
    domain_words: list[str] = Field(min_length=10)
    synonyms: dict[str, str] = Field(default_factory=dict)
    stopwords: list[str] = Field(default_factory=list)
    heading_weight: float = Field(gt=0, le=1)
    body_weight: float = Field(gt=0, le=1)
    concept_weight: float = Field(default=0.0, ge=0)
    min_score: float = Field(ge=0)

    @model_validator(mode="after")
    def _lower(self) -> "MatchingConfig":
        words = [*self.domain_words, *self.synonyms, *self.synonyms.values(), *self.stopwords]
        bad = [w for w in words if not _WORD.fullmatch(w)]
        if bad:
            raise ValueError(f"matching words must be lower-case letters and digits: {bad[:5]}")
        return self


@lru_cache(maxsize=1)
def matching_config() -> MatchingConfig:
    return load_yaml("matching.yaml", MatchingConfig)  # type: ignore[return-value]


def raw_words(text: str) -> list[str]:
    text = _CAR_T.sub("cart", text.lower())
    text = _STAGE_NUMBER.sub(lambda m: "stage " + _ROMAN[m.group(1)], text)
    return _WORD.findall(text)


def tokens(text: str, config: MatchingConfig | None = None) -> list[str]:
    """Content words of a text, with patients' words mapped to the library's and plurals folded."""
    config = config or matching_config()
    synonyms, stop = config.synonyms, set(config.stopwords)
    out = []
    for word in raw_words(text):
        word = "tnm" if _TNM.match(word) else synonyms.get(word, word)
        if word in stop:
            continue
        if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = synonyms.get(word[:-1], word[:-1])
        out.append(_fold(word))
    return out


def _fold(word: str) -> str:
    """A light stemmer: 'treatment', 'treated' and 'treating' all become 'treat'."""
    if len(word) > 5:
        for suffix in ("ment", "ing", "ed"):
            if word.endswith(suffix):
                return word[: -len(suffix)]
    return word


class AnswerMeta(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    title: str = Field(min_length=5)
    questions: list[str] = Field(min_length=3)
    topics: list[str] = Field(min_length=1)
    written: date
    review_by: date
    sources: list[str] = Field(min_length=1)
    audience: str = "patients"

    @model_validator(mode="after")
    def _check(self) -> "AnswerMeta":
        unknown = [t for t in self.topics if t not in TOPICS]
        if unknown:
            raise ValueError(f"unknown topics {unknown}")
        if self.review_by <= self.written:
            raise ValueError("review_by must come after written")
        return self


@dataclass(frozen=True)
class LibraryAnswer:
    meta: AnswerMeta
    body: str
    parsed: ParsedAnswer

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def source(self) -> str:
        return f"library:{self.meta.id}"

    def overdue(self, today: date) -> bool:
        return today > self.meta.review_by


def read_answer(path: Path) -> LibraryAnswer:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigurationError(f"Answer file {path} cannot be read: {exc}") from exc
    m = _FRONT.match(text)
    if m is None:
        raise ConfigurationError(f"Answer file {path} has no YAML front matter between '---' lines.")
    try:
        meta = AnswerMeta.model_validate(yaml_text(m.group(1)))
    except yaml.YAMLError as exc:
        raise ConfigurationError(f"Answer file {path}: front matter is not valid YAML: {exc}") from exc
    except ValidationError as exc:
        raise ConfigurationError(f"Answer file {path}: front matter is invalid: {exc}") from exc
    if meta.id != path.stem:
        raise ConfigurationError(f"Answer file {path}: id {meta.id!r} must match the file name.")
    body = text[m.end():]
    parsed = parse_answer(body)
    if len(parsed.blocks) < 3:
        raise ConfigurationError(f"Answer file {path}: the answer needs at least 3 paragraphs or bullets.")
    return LibraryAnswer(meta, body, parsed)


@dataclass(frozen=True)
class Match:
    answer: LibraryAnswer
    score: float


class Library:
    def __init__(self, answers: list[LibraryAnswer]) -> None:
        ids = [a.id for a in answers]
        dupes = {i for i in ids if ids.count(i) > 1}
        if dupes:
            raise ConfigurationError(f"Answer ids used twice: {sorted(dupes)}")
        self.answers = answers
        self._by_id = {a.id: a for a in answers}

    def get(self, answer_id: str) -> LibraryAnswer | None:
        return self._by_id.get(answer_id)

    def __iter__(self):
        """Each answer as a plain dict (id, title, questions, topics, dates), e.g. for the API."""
        for a in self.answers:
            yield {"id": a.id, "title": a.meta.title, "questions": list(a.meta.questions), "topics": list(a.meta.topics),
                   "written": a.meta.written.isoformat(), "review_by": a.meta.review_by.isoformat()}

    def __len__(self) -> int:
        return len(self.answers)

    def questions(self) -> list[tuple[str, str]]:
        return [(a.id, q) for a in self.answers for q in a.meta.questions]

    # -- matching -----------------------------------------------------------------------------

    @cached_property
    def _index(self) -> tuple[BM25Okapi, list[tuple[int, float]]]:
        config = matching_config()
        docs: list[list[str]] = []
        owner: list[tuple[int, float]] = []  # (answer, weight): headings and body count less
        for n, answer in enumerate(self.answers):
            headings = sorted({h for b in answer.parsed.blocks for h in b.headings})
            body = " ".join(b.text for b in answer.parsed.blocks)
            texts = [(t, 1.0) for t in (answer.meta.title, *answer.meta.questions)]
            texts += [(h, config.heading_weight) for h in headings] + [(body, config.body_weight)]
            for text, weight in texts:
                toks = tokens(text, config)
                if toks:
                    docs.append(toks)
                    owner.append((n, weight))
        return BM25Okapi(docs), owner

    @cached_property
    def _concept_shares(self) -> list[dict[str, float]]:
        """Per answer: the share of its title and question phrasings that name each concept."""
        from extract.concepts import find_concepts

        shares = []
        for answer in self.answers:
            phrasings = (answer.meta.title, *answer.meta.questions)
            counts: dict[str, int] = {}
            for text in phrasings:
                for concept in {c.concept for c in find_concepts(text)}:
                    counts[concept] = counts.get(concept, 0) + 1
            shares.append({c: n / len(phrasings) for c, n in counts.items()})
        return shares

    def in_domain(self, question: str) -> bool:
        """Does the question name anything from breast-cancer care (a known concept or domain word)?"""
        from extract.concepts import find_concepts

        config = matching_config()
        words = set(raw_words(question)) | set(tokens(question, config))
        domain = set(config.domain_words) | {_fold(w) for w in config.domain_words}
        if words & domain or {config.synonyms.get(w, w) for w in words} & domain:
            return True
        return bool(find_concepts(question))

    def rank(self, question: str) -> list[Match]:
        """Answers ordered by BM25 fit to the question, best first."""
        bm25, owner = self._index
        query = tokens(question)
        if not query:
            return []
        scores = bm25.get_scores(query)
        best: dict[int, float] = {}
        for doc, score in enumerate(scores):
            n, weight = owner[doc]
            best[n] = max(best.get(n, 0.0), float(score) * weight)
        weight = matching_config().concept_weight
        if weight:
            from extract.concepts import find_concepts

            named = {c.concept for c in find_concepts(question)}
            for n, shares in enumerate(self._concept_shares):
                bonus = sum(shares.get(c, 0.0) for c in named)
                if bonus:
                    best[n] = best.get(n, 0.0) + weight * bonus
        ranked = [Match(self.answers[n], score) for n, score in best.items()]
        ranked.sort(key=lambda m: m.score, reverse=True)
        return ranked

    def match(self, question: str) -> Match | None:
        """The library answer that fits the question, or None when none does."""
        if not self.in_domain(question):
            return None
        ranked = self.rank(question)
        if not ranked or ranked[0].score < matching_config().min_score:
            return None
        return ranked[0]

    def best(self, question: str) -> LibraryAnswer:
        found = self.match(question)
        if found is None:
            raise NoMatchingAnswer()
        return found.answer

    @lru_cache(maxsize=256)  # noqa: B019 -- the library lives for the process
    def topics_for_title(self, title: str | None) -> frozenset[str]:
        """Topics of the library answer whose questions a foreign answer's title fits (or none)."""
        found = self.match(title) if title else None
        return frozenset(found.answer.meta.topics) if found else frozenset()


def load_library(directory: Path = ANSWERS_DIR) -> Library:
    paths = sorted(directory.glob("*.md"))
    if not paths:
        raise ConfigurationError(f"The answer library {directory} has no answers (*.md).")
    return Library([read_answer(p) for p in paths])


@lru_cache(maxsize=1)
def library() -> Library:
    return load_library()
