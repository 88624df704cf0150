"""Periods that only mark where a printed line ended, in run-on OCR text.

The TCGA conversion (and other OCR exports that flatten a report) joins every printed line into one
with ". ": "INVASIVE DUCTAL. CARCINOMA", "GRADE III/III (SLIGHT. OR. NO TUBULE FORMATION)",
"recepteurs positifs,. HER2 amplifie". Such a period cuts a phrase (and a sentence) in two. On a
run-on page (long, without line breaks) the reading view blanks a period to a space where it cannot
end a sentence, from the rules of `rules/run_on.yaml`: after a comma, semicolon, opening parenthesis
or slash (not a dash: "HER2-." is a result); after a word that never ends an English sentence ("the",
"of", "with", ...); before a word in lower case in mixed-case text; inside a two-word term
("DUCTAL. CARCINOMA", "LYMPH. NODES"). Same length, so offsets stay those of the page text.
"""

from __future__ import annotations

from functools import lru_cache

import regex
from pydantic import BaseModel, ConfigDict, Field

from extract.rules import RULES_DIR, load_model


class Term(BaseModel):
    model_config = ConfigDict(extra="forbid")
    first: list[str] = Field(min_length=1)
    then: list[str] = Field(default_factory=list)
    #: The second word may be a grade's digit, 1 to 3, before a space, ",", ";", "/" or "(" ("GRADO
    #: HISTOLOGICO. 3 DE NOTTINGHAM"; never a numbered item's "3." or "3)"), or its Roman numeral II or III
    #: ("GRADE. II/III"; a lone I only before "/": "GRADE. I AGREE" is two sentences).
    grade_digit: bool = False
    #: The first word may carry its count in digits in parentheses before the period ("IN TWO OF
    #: EIGHTEEN (18). LYMPH NODES": the count ended its printed line, the nouns opened the next).
    count_in_parentheses: bool = False

    def then_pattern(self) -> str:
        # grouped, so the word end holds for every word, not only the last ("MODIFIED" is no "modifie")
        words = f"(?:{_words(self.then)})" + r"(?![\w-])" if self.then else "(?!)"
        # a score's digit before a comma or semicolon too ("NUCLEI. 3, MITOSES"; never an item's "3." or "3)"),
        # or a grade in Roman numerals ("GRADE. II/III", "GRADE. III (SLIGHT"; a lone I only before its "/")
        return words + (r"|[1-3](?=[ \t,;]|/|\()|I{2,3}(?=[ \t,;/(])|I(?=/)" if self.grade_digit else "")


class RunOnRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str
    #: A page this long or longer without a line break is run-on text.
    min_chars: int = Field(ge=1)
    #: Characters after which a period cannot end a sentence.
    before_punctuation: str = Field(min_length=1)
    #: Lower-case words after which a period cannot end a sentence.
    words: list[str] = Field(min_length=1)
    #: Two-word terms a period cannot split ("INVASIVE DUCTAL. CARCINOMA", "LYMPH. NODES"): in text
    #: in capitals, where the case of the next word does not tell.
    terms: list[Term] = Field(default_factory=list)


@lru_cache(maxsize=1)
def run_on_rules() -> RunOnRules:
    return load_model(RULES_DIR / "run_on.yaml", RunOnRules)  # type: ignore[return-value]


@lru_cache(maxsize=1)
def _join_period() -> regex.Pattern:
    rules = run_on_rules()
    punct = regex.escape(rules.before_punctuation)
    words = _words(rules.words)
    # the word in any case, but "A." and "I." in capitals are part labels and numerals
    word = rf"(?<![\w.])(?:(?i:{words})(?<!(?<![\w.])(?-i:[AI])))"
    terms = "".join(rf"|(?i:(?<=(?<![\w.-])(?:{_words(t.first)}){_COUNT if t.count_in_parentheses else ''}\.)"
                    rf"(?= (?:{t.then_pattern()})))" for t in rules.terms)
    # The period first, so the engine's literal search finds the candidates; then what is around it.
    # A lower-case letter is any script's ("patrón. clásico" in a Spanish report).
    return regex.compile(rf"\.(?= \S)(?:(?<=[{punct}]\.)|(?<={word}\.)|(?<=(?:[\p{{Ll}},;)]|\d)\.)(?= \p{{Ll}}+[\s,.;:)]){terms})")


#: A count in digits in parentheses after its word ("EIGHTEEN (18)"), optional.
_COUNT = r"(?:[ \t]?\([ \t]?\d{1,2}[ \t]?\))?"


def _words(words: list[str]) -> str:
    return "|".join(sorted(map(regex.escape, words), key=len, reverse=True))


def is_run_on(text: str) -> bool:
    return len(text) >= run_on_rules().min_chars and "\n" not in text


def without_join_periods(text: str) -> str:
    """`text` with its line-join periods blanked, on a run-on page; other pages as they are."""
    if not is_run_on(text):
        return text
    chars = None
    for m in _join_period().finditer(text):
        chars = chars or list(text)
        # ". " becomes " \t" (whitespace both; `extract.pipeline._caching` keeps spaCy's tokenizer
        # caching a page that holds a whitespace run).
        chars[m.start()], chars[m.start() + 1] = " ", "\t"
    return text if chars is None else "".join(chars)
