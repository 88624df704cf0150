"""Is a PDF page's text layer real text, or garbage that OCR should replace?

The rules (thresholds, common words) live in `rules/text_quality.json`, each with a stable id that
names the reason a layer was rejected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ingest.datafiles import load_data

RULES_DIR = Path(__file__).parent / "rules"
#: A usable text layer this short on a page mostly covered by an image (this share of the page) is a
#: stamp or header on a scan: the scan is what holds the record, so the page is read with OCR.
THIN_TEXT_CHARS = 200
SCAN_COVERAGE = 0.5


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z_]+\.[a-z_]+$")
    description: str


class MinCharsRule(_Rule):
    min_chars: int = Field(ge=0)


class MaxRatioRule(_Rule):
    max_ratio: float = Field(ge=0, le=1)


class MinRatioRule(_Rule):
    min_ratio: float = Field(ge=0, le=1)
    min_tokens: int = Field(1, ge=1, description="fewer tokens than this are too few to judge")


class CommonWordsRule(MinRatioRule):
    words: frozenset[str] = Field(min_length=50)

    @field_validator("words")
    @classmethod
    def _lower_case_letters(cls, words: frozenset[str]) -> frozenset[str]:
        bad = sorted(w for w in words if not re.fullmatch(r"[a-z]+", w))
        if bad:
            raise ValueError(f"common words must be lower-case letters only: {bad[:5]}")
        return words


class TextQualityRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str
    description: str
    too_little_text: MinCharsRule
    bad_characters: MaxRatioRule
    letters_and_digits: MinRatioRule
    word_shapes: MinRatioRule
    common_words: CommonWordsRule


def load_rules(path: Path = RULES_DIR / "text_quality.json") -> TextQualityRules:
    """Load and validate the rules; a broken file raises `ConfigurationError` naming it."""
    return load_data(path, TextQualityRules)


@lru_cache(maxsize=1)
def default_rules() -> TextQualityRules:
    return load_rules()


@dataclass(frozen=True, slots=True)
class Verdict:
    usable: bool
    #: id of the rule that rejected the layer, None when usable
    rule: str | None
    chars: int
    bad_char_ratio: float
    alnum_ratio: float
    word_shape_ratio: float
    common_word_ratio: float


_CID = re.compile(r"\(cid:\d+\)")
_EDGE_PUNCT = "\"'`.,;:!?()[]{}<>*•·-–—/\\|_~"
# Words (with inner hyphens/apostrophes), numbers, measurements and codes such as pT2, S25-01234, 95%.
_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
_CODE = re.compile(r"[A-Za-z]{0,6}[0-9][A-Za-z0-9.,:/%+×x#-]*")
_VOWELS = frozenset("aeiouyAEIOUY")
_SHORT_PUNCT = re.compile(r"[-–—:;,.()/*•#&+=%]{1,3}")


# Controls (but not tab/newline/CR/FF), surrogates, private-use glyphs, non-characters, U+FFFD.
_BAD_CHAR = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\uf8ff\ufdd0-\ufdef\ufffe\uffff\ufffd"
                       "\U000f0000-\U0010ffff]")
_SPACE = re.compile(r"\s")
_ALNUM = re.compile(r"[^\W_]")


def _word_shaped(token: str) -> bool:
    core = token.strip(_EDGE_PUNCT)
    if not core:
        return False
    # Plain ASCII words (most tokens) are checked with string methods; the regexes handle the rest.
    if (core.isascii() and core.isalpha()) or _WORD.fullmatch(core):
        # A long all-consonant run is not a word; a mix like "lIlI" of l/I is OCR junk.
        if len(core) >= 4 and _VOWELS.isdisjoint(core):
            return core.isupper() and len(core) <= 6  # abbreviations such as CBC, HPF
        return len(core) == 1 or bool(core.strip("lI1|"))
    return bool(_CODE.fullmatch(core))


def judge(text: str, rules: TextQualityRules | None = None) -> Verdict:
    """Judge a text layer; `usable` is False when it should be replaced by OCR."""
    rules = rules or default_rules()
    cid_chars = sum(len(m) for m in _CID.findall(text))
    chars = len(text) - len(_SPACE.findall(text))
    bad = cid_chars + len(_BAD_CHAR.findall(text))
    bad_ratio = bad / chars if chars else 0.0
    alnum_ratio = len(_ALNUM.findall(text)) / chars if chars else 1.0

    tokens = [t for t in text.split() if not _SHORT_PUNCT.fullmatch(t)]
    shaped = sum(1 for t in tokens if _word_shaped(t))
    shape_ratio = shaped / len(tokens) if tokens else 1.0

    alpha = [t.strip(_EDGE_PUNCT).lower() for t in tokens]
    alpha = [t for t in alpha if len(t) >= 2 and t.isalpha()]
    common = rules.common_words.words
    common_ratio = sum(1 for t in alpha if t in common) / len(alpha) if alpha else 1.0

    def verdict(rule: str | None) -> Verdict:
        return Verdict(rule is None, rule, chars, bad_ratio, alnum_ratio, shape_ratio, common_ratio)

    if chars < rules.too_little_text.min_chars:
        return verdict(rules.too_little_text.id)
    if bad_ratio > rules.bad_characters.max_ratio:
        return verdict(rules.bad_characters.id)
    if alnum_ratio < rules.letters_and_digits.min_ratio:
        return verdict(rules.letters_and_digits.id)
    if len(tokens) >= rules.word_shapes.min_tokens and shape_ratio < rules.word_shapes.min_ratio:
        return verdict(rules.word_shapes.id)
    if len(alpha) >= rules.common_words.min_tokens and common_ratio < rules.common_words.min_ratio:
        return verdict(rules.common_words.id)
    return verdict(None)
