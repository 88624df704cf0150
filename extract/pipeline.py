"""The spaCy pipeline, assembled in one visible place and built once per process.

    blank("en") tokenizer
    -> oncoguide_sentences   sentence starts at line breaks, bullets, numbered items and after
                             sentence-final punctuation (the plain sentencizer ignores newlines, so
                             synoptic "Label: value" lines would run together)
    -> abbreviation_detector scispaCy: "invasive ductal carcinoma (IDC)" defines IDC
    -> medspacy_sectionizer  section headers from rules/sections.yaml; each header is its own sentence
    -> medspacy_context      medspaCy's default ConText rules plus rules/context.yaml

Value grammars do not use this pipeline's tokens (tokenizers glue "):" in "HER2 (IHC): 2+"); they
run as regexes over the page text. The Doc gives sentences, sections and context.

`build_nlp(sentences="pyrush")` swaps our sentence component for medspaCy's PyRuSH, for the
comparison in `bench/extract.py` (PyRuSH was slower and no better on our sentence table).
"""

from __future__ import annotations

import warnings
from functools import lru_cache
from typing import Literal

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from extract.context import context_rules, medspacy_context_rules, medspacy_section_rules, section_rules

SentenceSplitter = Literal["rules", "pyrush"]

_FINAL_PUNCT = frozenset({".", "?", "!", ";"})
#: Tokens that close what came before rather than open a sentence.
_CLOSING = frozenset({")", "]", "}", ".", ",", ":", ";", "'", '"', "!", "?"})


@Language.component("oncoguide_sentences")
def oncoguide_sentences(doc: Doc) -> Doc:
    """Sentence starts that respect line breaks, bullets and synoptic lines (see module docstring)."""
    line_start = True
    prev_final = False
    for token in doc:
        text = token.text
        if token.i == 0:
            token.is_sent_start = True
        elif line_start and not token.is_space:
            token.is_sent_start = True
        elif prev_final and not token.is_space and text not in _CLOSING and not _continues(token):
            token.is_sent_start = True
        else:
            token.is_sent_start = False
        if token.is_space:
            if "\n" in text:
                line_start = True
            continue
        # A bullet at a line start opens a sentence and the text after it stays in it.
        line_start = False
        prev_final = text in _FINAL_PUNCT
    return doc


def _continues(token) -> bool:
    """A token after '.' that does not start a sentence: a decimal tail or a lower-case word after
    an abbreviation such as "approx." ("0. 8 cm" OCR splits and "e.g. slides" stay together)."""
    text = token.text
    if text[:1].isdigit() and token.i >= 2 and token.doc[token.i - 2].text[-1:].isdigit():
        return True
    return False


def _add_sectionizer(nlp: Language) -> None:
    sectionizer = nlp.add_pipe(
        "medspacy_sectionizer",
        config={"rules": None, "span_attrs": None, "apply_sentence_boundary": True},
    )
    sectionizer.add(medspacy_section_rules(section_rules()))


def _add_context(nlp: Language) -> None:
    # ConText runs with no targets: it finds the modifiers and their scopes once per doc, and
    # AnalyzedPage.assertion() asks them about any span later.
    context = nlp.add_pipe("medspacy_context", config={"rules": "default", "span_attrs": None})
    context.add(medspacy_context_rules(context_rules()))


@lru_cache(maxsize=2)
def build_nlp(sentences: SentenceSplitter = "rules") -> Language:
    """The pipeline (see module docstring); cached, so each process builds it once."""
    import medspacy  # noqa: F401  (registers the medspacy_* factories)
    import scispacy.abbreviation  # noqa: F401  (registers abbreviation_detector)

    nlp = spacy.blank("en")
    if sentences == "pyrush":
        from loguru import logger

        logger.disable("PyRuSH")
        nlp.add_pipe("medspacy_pyrush")
    else:
        nlp.add_pipe("oncoguide_sentences")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nlp.add_pipe("abbreviation_detector")
    _add_sectionizer(nlp)
    _add_context(nlp)
    return nlp
