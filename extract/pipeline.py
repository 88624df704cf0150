"""The spaCy pipelines, assembled in one visible place and built once per process.

Page pipeline (`build_nlp`), run once over every page:

    blank("en") tokenizer
    -> oncoguide_sentences   sentence starts at line breaks, bullets/numbered items and after
                             sentence-final punctuation (the plain sentencizer ignores newlines, so
                             synoptic "Label: value" lines would run together); a line that wraps
                             prose onto the next one ("resumed at 400 mg on\n03/18/2024") is not
                             a sentence end, and neither is the point of "Rt.", "Dr." or "e.g."
    -> oncoguide_abbreviations  scispaCy's abbreviation detector ("absolute neutrophil count
                             (ANC)", "ribociclib (RIB)"), run only on the parentheses that may
                             define one (`definition_candidates`; a page without any skips it);
                             the medication, lab and marker extractors resolve short forms the
                             vocabularies do not know through it (`extract.abbreviations`)
    -> oncoguide_sectionizer medspaCy's Sectionizer with the headers of rules/sections.yaml; each
                             header is its own sentence

Context pipeline (`build_context_nlp`), run lazily on the sentences that hold a finding:

    blank("en") tokenizer -> oncoguide_one_sentence -> medspacy_context
                             (medspaCy's default ConText rules + rules/context.yaml)

ConText's scope is the sentence, so running it per sentence gives what a whole-page run gives, at
a fraction of the cost (most sentences of a report hold no finding). Value grammars do not use
these tokens (tokenizers glue "):" in "HER2 (IHC): 2+"); they are regexes over the page text.

`build_nlp(sentences="pyrush")` swaps our sentence component for medspaCy's PyRuSH, for the
comparison in `bench/extract.py`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

import numpy
import regex
import spacy
from spacy.attrs import IDX, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from extract.context import (LINE_HEADER_PREFIX, apply_default_overrides, context_rules, medspacy_context_rules,
                             medspacy_section_rules, section_rules)
from extract.line_starts import line_starts, matches_at_line_starts
from extract.run_on import is_run_on
from ingest.errors import ConfigurationError

SentenceSplitter = Literal["rules", "pyrush"]


#: Where a sentence may start: after a line break (at the next non-space), or after '.', '?', '!'
#: or ';' and spaces (see `_sentence_starts` for the exceptions), or at a nested item of a list whose
#: line breaks were lost ("... mitosis 1) 2) Tumor size: 2.4 cm 3) Lymphovascular invasion: not
#: identified": a Korean report's "1) ... 2) ..." items, each a label and its value).
_BOUNDARY = re.compile(r"\n[ \t]*(?=\S)|(?<=[.?!;])[ \t]+(?=\S)|(?<=[\w)%][ \t])(?=\(?\d{1,2}\)[ \t]+[A-Z][^:.;()]{0,40}:)")
_CLOSING = frozenset(")]},.:;'\"!?")
#: A part label before the point ("A. BREAST, LEFT", "2. LYMPH NODES"): not a sentence end; a
#: grade or score ("grade 2. Lymphovascular invasion: not identified.", also after its label's colon:
#: "Invasive grade: 1. Lymphovascular invasion: NOT SEEN.", "Mitoses: 1. LVI: not seen") is a value
#: that ends one, and so is a number after a word ("Hgb 9.8, Plt 88. Blood cultures: no growth."), a
#: component after its scale ("Mitoses (1-3): 1. Vascular invasion: Not seen") and a grid's chosen
#: option ("Grade: 1 2 3 -> ringed: 2. Tubules ...").
_NOT_PART = (r"(?<!(?i:grade))(?<!(?i:score))(?<!(?i:grade:))(?<!(?i:score:))(?<!(?i:mitoses:))(?<![-–]3\):)"
             r"(?<!(?i:ringed:))(?<!(?i:circled:))")
_LABEL_BEFORE = re.compile(rf"(?:^|{_NOT_PART}[\s:(])[A-Za-z]\.$|(?:^|{_NOT_PART}(?<![\w,])[\s:(])\d{{1,2}}\.$")
#: Abbreviations whose point does not end a sentence ("Rt. breast", "Dr. Smith", "e.g. ER", "St. John's wort"), and the
#: dosage forms of Indian prescriptions ("on Tab. Metformin", "Inj. Zoledronic acid"), and the German
#: "Z.n." (status post: "Z.n. brusterhaltender Therapie rechts 2015").
_ABBREVIATION_BEFORE = re.compile(r"(?:^|[\s(])(?:[Rr]t|[Ll]t|RT|LT|[Dd]r|Mrs?|Ms|[Vv]s|approx|[Ee]\.g|[Ii]\.e|[Ff]ig|cf"
                                  r"|[Tt]ab|TAB|[Cc]ap|CAP|[Ii]nj|INJ|[Ss]yp|SYP|St|[Zz]\.[ ]?[Nn])\.$")

# Soft-wrapped prose: a line that continues on the next one. The line does not end in sentence
# punctuation, and either ends on a word that cannot end a sentence or the next line starts in
# lower case or with a digit. The next line must not be a bullet, numbered item or "Label:" line.
_LINE_ENDS = re.compile(r"[.;:!?]\s*$")
_OPEN_END = re.compile(r"(?:,|\(|-|\b(?:and|or|with|of|to|at|on|in|for|the|a|an|by|from|than|was|were|is|are|"
                       r"her|his|after|before|per|x))[ \t]*$", re.I)
_CONTINUES = re.compile(r"(?:[a-z0-9(]|mg\b|x10)")
_NEW_ITEM = re.compile(r"(?:[-•*]\s|\d{1,2}[.)]\s|[A-Z][A-Z /&]{2,}:|[A-Z][\w /&-]{0,40}:[ \t]*$)")
#: A row of a list of medicines: a name (and a bracketed brand), then a strength ("ondansetron 8 mg
#: tablet - Take 1 ...", "pegfilgrastim (NEULASTA ONPRO) 6 mg"). Two such rows at one indentation
#: are two items, even in lower case and without a point between them.
_LIST_ROW = re.compile(r"[ \t]*[A-Za-z][\w-]{2,}(?:[ \t]+\([^()\n]{1,40}\))?[ \t]+\d+(?:\.\d+)?[ \t]*(?:mg|mcg|g|units?|mL)\b")


def _wraps(text: str, line_start: int, break_at: int, next_start: int) -> bool:
    """Whether the line text[line_start:break_at] runs on into the line at next_start."""
    line = text[line_start:break_at]
    if not line.strip() or "\n" in line or _LINE_ENDS.search(line):
        return False  # a blank line before the break, or a sentence end
    if _NEW_ITEM.match(text, next_start):
        return False
    if _LIST_ROW.match(text, line_start) and _LIST_ROW.match(text, break_at + 1) and \
            next_start - break_at - 1 == len(line) - len(line.lstrip(" \t")):
        return False  # the next row of a medication list at the same indentation
    return bool(_CONTINUES.match(text, next_start) or _OPEN_END.search(line))


def _unlisted_number(text: str, point: int) -> bool:
    """Whether the number ending at text[point - 1] (its point) is two digits with no item of the number
    before it earlier on the page: a value in a grid's column ("G2. 24. Not identified."), not a list's
    tenth or later item ("10. Lymph node" follows a "9.")."""
    digits = text[max(0, point - 3):point - 1]
    if not (len(digits) == 2 and digits.isdigit()):
        return False
    return f"{int(digits) - 1}. " not in text[:point - 3]


def _sentence_starts(text: str) -> list[int]:
    """Character offsets where sentences start. Not before a closing mark, not inside an
    OCR-split decimal ("0. 8 cm"; not "G2. 24", a grade code's digit), not after a part label or an abbreviation, and not where a
    line of prose wraps onto the next."""
    out = []
    line_start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if text[m.start()] != "\n":
            nxt = text[end]
            if nxt in _CLOSING:
                continue
            if nxt.isdigit() and m.start() >= 2 and text[m.start() - 2].isdigit() and text[m.start() - 1] == "." \
                    and not (m.start() >= 3 and text[m.start() - 3].isalpha()):
                continue  # "0. 8 cm"; but "G2. 24. Not identified" (a code glued to its letter) ends at its point
            if _LABEL_BEFORE.search(text, max(0, m.start() - 4), m.start()) and not _unlisted_number(text, m.start()):
                continue
            if _ABBREVIATION_BEFORE.search(text, max(0, m.start() - 8), m.start()):
                continue
        else:
            previous_line, line_start = line_start, m.start() + 1
            if _wraps(text, previous_line, m.start(), end):
                continue
        out.append(end)
    return out


@Language.component("oncoguide_sentences")
def oncoguide_sentences(doc: Doc) -> Doc:
    """Sentence starts that respect line breaks, bullets and synoptic lines (see module docstring)."""
    if not len(doc):
        return doc
    flags = numpy.full((len(doc), 1), -1, dtype="int64")
    flags[0, 0] = 1
    offsets = doc.to_array(IDX)
    chars = _sentence_starts(doc_text(doc))
    if chars:
        idx = numpy.searchsorted(offsets, chars)
        flags[idx[idx < len(doc)], 0] = 1
    spaces = doc.to_array(IS_SPACE)
    flags[1:, 0][spaces[1:] == 1] = -1  # whitespace tokens never start a sentence
    doc.from_array([SENT_START], flags.astype("uint64"))  # spaCy reads -1 ("not a start") as uint64
    return doc


@Language.component("oncoguide_one_sentence")
def one_sentence(doc: Doc) -> Doc:
    """The context pipeline's input is one sentence."""
    if len(doc):
        flags = numpy.full((len(doc), 1), -1, dtype="int64")
        flags[0, 0] = 1
        doc.from_array([SENT_START], flags.astype("uint64"))
    return doc


#: A gutter: three or more blanks between text and a header on its line.
_GUTTER = 3


def _right_column_header(text: str, m: regex.Match) -> bool:
    """An inline header that ends its line after a column gutter: on a two-column page read line by line
    it heads the right-hand column only, so it opens no section for the left column's lines (a gross
    description heading beside the diagnosis labels would otherwise hide them)."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    if m.start() - line_start < 4:
        return False
    # Text, then the gutter, right before the header: the header stands in the right-hand column of
    # a two-column page ("Specimen type:      Macroscopic description"). (A regex searched the
    # whole line, the whole page on a run-on report, for this tail.)
    before = text[line_start:m.start()]
    text_before = before.rstrip(" \t")
    if len(before) - len(text_before) < _GUTTER or not text_before or text_before[-1].isspace():
        return False
    line_end = text.find("\n", m.end())
    return not text[m.end():len(text) if line_end < 0 else line_end].strip(" \t:")


#: What may stand before a header on its line when the header has no ':' or '.': indentation, a
#: bullet, an item number ("3. MICROSCOPIC EXAMINATION", "II) Gross description").
_HEADER_LINE_LEAD = re.compile(r"[ \t]*(?:[-*\u2022#]+|\(?(?:\d{1,2}|[A-Za-z]|[IVXivx]{1,4})[.)])?[ \t]*")
#: Marks of a sentence before a header on its line: a number, a comma or colon, a function word.
_PROSE_WORDS = r"\b(?:by|with|in|on|at|for|from|the|was|were|is|are|to|has|have|shows?)\b"
_PROSE_BEFORE = re.compile(r"\d|[,;:]|\bof\b|" + _PROSE_WORDS, re.IGNORECASE)
_PROSE_WORD_BEFORE = re.compile(_PROSE_WORDS, re.IGNORECASE)


def _header_in_prose(text: str, m: regex.Match) -> bool:
    """An inline header without its ':' that ends a line or sentence of prose: "Tumor size 2.8 cm by
    gross and microscopic examination" (or, on a run-on page, "... examination. Angiolymphatic
    invasion: present") is no MICROSCOPIC EXAMINATION header. Such a header stands alone on its line
    (see rules/sections.yaml) or ends a title line ("SURGICAL PATHOLOGY - ADDENDUM REPORT",
    "Anatomical Pathology Final Report")."""
    header = m.group().rstrip()
    if header.endswith(":"):
        return False
    line_start = text.rfind("\n", 0, m.start()) + 1
    if header.endswith("."):
        # Its sentence's words before it (a run-on page's printed line, which ends at a period or at
        # the tab that replaced a joining period, `extract.run_on`), numbers allowed: "Page 1 of 2".
        start = max(line_start, text.rfind(". ", line_start, m.start()) + 1, text.rfind("\t", line_start, m.start()) + 1)
        return _PROSE_WORD_BEFORE.search(text, start, m.start()) is not None
    lead = _HEADER_LINE_LEAD.match(text, line_start, m.start())
    return lead.end() < m.start() and _PROSE_BEFORE.search(text, lead.end(), m.start()) is not None


#: Line-start headers not looked for at a run-on page's sentence starts: a "NOTE:" inside a numbered
#: diagnosis ("(1/1) (SEE NOTE). NOTE: ... 2). LYMPH NODE ...") would run over the parts after it.
_LINE_ONLY_CATEGORIES = frozenset({"comment"})
#: Where a sentence starts in run-on text: after a period (or semicolon) and a space.
_SENTENCE_START = regex.compile(r"(?<=[.;])[ \t]+(?=\S)")


class HeaderMatcher:
    """Section-header matching for medspaCy's Sectionizer: each header regex runs once over the page
    text (with the `regex` package, whose literal prefilter makes 60 patterns cost ~1 ms a page) and
    overlapping headers keep the leftmost, then longest. medspaCy's own regex matcher recomputes the
    whole page text once per pattern, which cost 60 ms a page."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self._rules: list = []
        self.rule_map: dict = {}
        self._compiled: list[tuple[int, regex.Pattern]] = []
        #: Headers that must start a line (`line_patterns`), tried at line starts only.
        self._line_compiled: list[tuple[int, regex.Pattern]] = []
        #: The same without the line-start lead, for the sentence starts of a run-on page (whose
        #: printed lines were joined with ". ": "... 3,5 cm. Conclusion: 1) Invasive carcinoma").
        self._run_on_compiled: list[tuple[int, regex.Pattern]] = []

    @property
    def rules(self) -> list:
        return list(self._rules)

    @property
    def labels(self) -> set[str]:
        return {r.category for r in self._rules}

    def add(self, rules) -> None:
        for rule in rules:
            rule_id = f"{rule.category}_{len(self._rules)}"
            self.rule_map[rule_id] = rule
            self._rules.append(rule)
            key = self.nlp.vocab.strings.add(rule_id)
            compiled = regex.compile(rule.pattern)
            if rule.pattern.startswith(LINE_HEADER_PREFIX):
                self._line_compiled.append((key, compiled))
                if rule.category not in _LINE_ONLY_CATEGORIES:
                    self._run_on_compiled.append((key, regex.compile("(?i:" + rule.pattern[len(LINE_HEADER_PREFIX):])))
            else:
                self._compiled.append((key, compiled))

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        text = doc_text(doc)
        found = [(m.start(), m.end(), key) for key, pattern in self._compiled
                 for m in pattern.finditer(text)
                 if m.end() > m.start() and not _right_column_header(text, m) and not _header_in_prose(text, m)]
        if self._line_compiled and is_run_on(text):
            # Each header searched once over the page (a match at a sentence start kept): a third of
            # the time of trying every header at every sentence start.
            sentence_starts = {0, *(m.end() for m in _SENTENCE_START.finditer(text))}
            found += [(m.start(), m.end(), key) for key, pattern in self._run_on_compiled
                      for m in pattern.finditer(text) if m.start() in sentence_starts and m.end() > m.start()]
        elif self._line_compiled:
            starts = line_starts(text)
            found += [(m.start(), m.end(), key) for key, pattern in self._line_compiled
                      for m in matches_at_line_starts(pattern, text, starts) if m.end() > m.start()]
        found.sort(key=lambda f: (f[0], f[0] - f[1]))
        matches = []
        last_end = -1
        for start, end, key in found:
            if start < last_end:
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and len(span):
                matches.append((key, span.start, span.end))
                last_end = end
        return matches


#: Sections that, as a whole, turn facts off (a relative's history, an allergy list). They end at
#: the next line that looks like a header even when the header rules do not know it
#: ("Performance status"), so that "ECOG 0" under it is not read as family history.
_CLOSABLE_SECTIONS = frozenset({"family_history", "allergies", "clinical_history", "past_medical_history",
                                 "oncologic_history", "general_information"})
#: A past history ends at the next line that opens with a label ("PMH: ... \nNow: lump in other
#: breast", "PMH: ...\nHPI: ..."): the current story after it is not history.
_LABEL_LINE = re.compile(r"\n[ \t]*([A-Z][A-Za-z/&()-]{1,20}(?:[ \t][A-Za-z/&()-]{1,20}){0,2}:)")
_HEADING_LINE = re.compile(r"\n[ \t]*([A-Z][A-Za-z /&()-]{2,48}:?)[ \t]*(?=\n)")
#: The first line after a blank line.
_LINE_AFTER_BLANK = re.compile(r"\n[ \t]*\n\s*(\S[^\n]*?)[ \t]*(?=\n|$)")
#: A leaflet printed inside a note ends at a heading line or at the rule line that boxes it.
_HEADING_OR_RULE_LINE = re.compile(r"\n[ \t]*([A-Z][A-Za-z /&()-]{2,48}:?|[-=_*]{10,})[ \t]*(?=\n)")
#: A clinical history ends only at a heading in capitals after a blank line ("Clinical: ... core
#: showed ...\n\nRESIDUAL DISEASE ASSESSMENT"): its own lines may look like headings ("Left breast mass").
_CAPITALS_HEADING_AFTER_BLANK = re.compile(r"\n[ \t]*\n[ \t]*([A-Z][A-Z /&()-]{2,48}:?)[ \t]*(?=\n)")
#: A family history ends at a heading line, or at a paragraph that opens with a label not naming a
#: relative ("Family history: her sister ...\n\nTesting: we offered ..."; not "\n\nMother: breast at 45").
_FAMILY_END = re.compile(r"\n[ \t]*([A-Z][A-Za-z /&()-]{2,48}:?)[ \t]*(?=\n)|\n[ \t]*\n[ \t]*(?!(?i:maternal|paternal|mother|"
                         r"father|sisters?|brothers?|daughters?|sons?|aunts?|uncles?|cousins?|grand\w*|niece|nephew|"
                         r"siblings?|parents?|relatives?|family)\b)([A-Z][A-Za-z/&()-]{1,20}(?:[ \t][A-Za-z/&()-]{1,20}){0,2}:)")


class PageSectionizer:
    """medspaCy's Sectionizer with our header rules and HeaderMatcher, minus its per-token
    bookkeeping: `doc._.sections` is built as medspaCy builds it (header, body, category), but
    `token._.section` is not set on every token (3 ms a page; nothing here reads it). A family
    history or allergy section ends at the next header-like line, a clinical history at a heading
    in capitals after a blank line, a past history at a line opening with a label (see
    `_CLOSABLE_SECTIONS`)."""

    def __init__(self, nlp: Language) -> None:
        from medspacy.section_detection import Sectionizer

        self._inner = Sectionizer(nlp, rules=None, span_attrs=None, apply_sentence_boundary=True)
        self._inner._Sectionizer__matcher = HeaderMatcher(nlp)  # see HeaderMatcher
        self._inner.add(medspacy_section_rules(section_rules()))
        self._matcher: HeaderMatcher = self._inner._Sectionizer__matcher

    def __call__(self, doc: Doc) -> Doc:
        from medspacy.section_detection.section import Section

        matches = self._matcher(doc)
        sections = []
        if not matches or matches[0][1] != 0:
            sections.append(Section(None, 0, 0, 0, matches[0][1] if matches else len(doc)))
        for i, (key, start, end) in enumerate(matches):
            # A header is a sentence of its own, and so is the text after it.
            doc[start].is_sent_start = True
            if end < len(doc):
                doc[end].is_sent_start = True
            rule = self._matcher.rule_map[self._matcher.nlp.vocab.strings[key]]
            body_end = matches[i + 1][1] if i + 1 < len(matches) else len(doc)
            closing = self._closing_line(doc, end, body_end, rule.category) if rule.category in _CLOSABLE_SECTIONS \
                else None
            if closing is None:
                sections.append(Section(rule.category, start, end, end, body_end, None, rule))
            else:
                line_start, line_end = closing
                sections.append(Section(rule.category, start, end, end, line_start, None, rule))
                sections.append(Section(None, line_start, line_end, line_end, body_end))
        doc._.sections = sections
        return doc

    @staticmethod
    def _closing_line(doc: Doc, body_start: int, body_end: int, category: str) -> tuple[int, int] | None:
        """Token span of the first header-like line in a closable section's body, if any."""
        if body_start >= len(doc):
            return None
        lo = doc[body_start].idx
        text = doc_text(doc)
        hi = doc[body_end].idx if body_end < len(doc) else len(text)
        heading = {"clinical_history": _CAPITALS_HEADING_AFTER_BLANK, "past_medical_history": _LABEL_LINE,
                   "oncologic_history": _LABEL_LINE, "general_information": _HEADING_OR_RULE_LINE,
                   "family_history": _FAMILY_END}.get(category, _HEADING_LINE)
        m = heading.search(text, max(0, lo - 1), hi)
        if category == "allergies" and text[lo:text.find("\n", lo) % (len(text) + 1)].strip():
            # "Allergies: Penicillin (rash)" then a blank line: the list was the header's own line
            blank = _LINE_AFTER_BLANK.search(text, lo, hi)
            if blank is not None and (m is None or blank.start() < m.start()):
                m = blank
        if m is None:
            return None
        g = m.lastindex or 1  # (the group of the alternative that matched)
        span = doc.char_span(m.start(g), m.end(g), alignment_mode="expand")
        return (span.start, span.end) if span is not None and len(span) else None


@Language.factory("oncoguide_sectionizer")
def _sectionizer(nlp, name):  # no annotations: spaCy validates factory arguments from them
    return PageSectionizer(nlp)


#: Where scispaCy could find a definition: a parenthesised short form after its long form
#: ("absolute neutrophil count (ANC)": one to three words, the first starting with a letter), or a
#: parenthesised long form of four words or more after a short form ("RIB (ribociclib 600 mg
#: daily)"). Pages without either skip the detector. Bounded: no unbounded repeats.
_PARENTHESES = re.compile(r"\(([^()\n]{1,160})\)")
_SHORT_FORM_INSIDE = re.compile(r"[ \t]*[A-Za-z][^()\s]{1,9}(?:[ \t]+[^()\s]{1,9}){0,2}[ \t]*")
_SHORT_FORM_BEFORE = re.compile(r"(?:^|[^\w-])[A-Za-z][^\s()]{1,8}[ \t]*$")
#: scispaCy keeps parentheses of at most 8 inner tokens (more are never a definition).
_MAX_INNER_TOKENS = 8


def definition_candidates(text: str) -> list[tuple[int, int]]:
    """Character spans of the parentheses "( ... )" that may define an abbreviation, in order."""
    found = []
    for m in _PARENTHESES.finditer(text):
        inner = m.group(1)
        if _SHORT_FORM_INSIDE.fullmatch(inner) or (
                len(inner) >= 7 and len(inner.split()) >= 4
                and _SHORT_FORM_BEFORE.search(text, max(0, m.start() - 12), m.start())):
            found.append(m.span())
    return found


class _TextKeepingTokenizer:
    """The pipeline's tokenizer, keeping the text it was given on the doc (`doc_text`)."""

    def __init__(self, tokenizer) -> None:
        self.inner = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.inner(text)
        doc.user_data["oncoguide.text"] = text
        return doc

    def __getattr__(self, name: str):
        return getattr(self.inner, name)


def doc_text(doc: Doc) -> str:
    """`doc.text`, computed once per doc (spaCy joins every token's text on each call: about 0.5 ms
    for a 3,500-character page, and every component of the page pipeline reads it)."""
    text = doc.user_data.get("oncoguide.text")
    if text is None:
        text = doc.user_data["oncoguide.text"] = doc.text
    return text


class PageAbbreviations:
    """scispaCy's abbreviation detector (Schwartz & Hearst) over the candidate parentheses of a
    page (`definition_candidates`), not over every parenthesis the token matcher would pair: it
    sets `doc._.abbreviations` to the short form of each definition, with `span._.long_form`, and
    nothing when the page has no candidate.

    The detector's `find_matches_for` also runs a token matcher for every later use of each short
    form (a sixth of the page pipeline's time); `extract.abbreviations.uses` finds those itself, so
    the definitions are taken the way that method takes them, without the search for uses: each
    candidate through scispaCy's `find_abbreviation`, a long or short form defined twice kept once."""

    def __init__(self, nlp: Language) -> None:
        from scispacy.abbreviation import AbbreviationDetector

        # Not called (its matcher pairs every "(" with every later ")": quadratic, minutes on a page
        # of parentheses); built for the `doc._.abbreviations` and `span._.long_form` extensions.
        AbbreviationDetector(nlp)

    def __call__(self, doc: Doc) -> Doc:
        from scispacy.abbreviation import filter_matches, find_abbreviation

        doc._.abbreviations = []  # the extension's default list is shared by every doc: never append to it
        inner: list[tuple[int, int, int]] = []
        for start, end in definition_candidates(doc_text(doc)):
            span = doc.char_span(start, end, alignment_mode="expand")
            # spaCy's English exceptions keep the emoticon "):" one token ("(ER): positive").
            if span is None or span[0].text != "(" or span[-1].text not in (")", "):"):
                continue  # the tokenizer glued the parenthesis to a word: not a candidate
            if 1 <= len(span) - 2 <= _MAX_INNER_TOKENS:
                inner.append((0, span.start + 1, span.end - 1))  # the inner tokens, as scispaCy passes them
        if not inner:
            return doc
        seen_long: set[str] = set()
        seen_short: set[str] = set()
        definitions = []
        for long_candidate, short_candidate in filter_matches(inner, doc):
            short, long_form = find_abbreviation(long_candidate, short_candidate)
            if long_form is None or long_form.text in seen_long or short.text in seen_short:
                continue
            seen_long.add(long_form.text)
            seen_short.add(short.text)
            short._.long_form = long_form
            definitions.append(short)
        doc._.abbreviations = sorted(definitions, key=lambda s: s.start)
        return doc


@Language.factory("oncoguide_abbreviations")
def _abbreviations(nlp, name):  # no annotations: spaCy validates factory arguments from them
    return PageAbbreviations(nlp)


def _caching(tokenizer):
    """`tokenizer` without its special cases for a whitespace run ("\\n", "\\t", " ", no-break
    space). spaCy stops caching a text's words after the first special case it meets in that text
    (spaCy #1250), so every page with a line break had all its words split afresh, every time; a
    whitespace run is one token with or without the special case (the same tokens on the dev set and
    357 of our reports), and the page's tokenizing takes a quarter of the time."""
    tokenizer.rules = {text: case for text, case in tokenizer.rules.items() if not text.isspace()}
    return tokenizer


@lru_cache(maxsize=2)
def build_nlp(sentences: SentenceSplitter = "rules") -> Language:
    """The page pipeline (see module docstring); cached, so each process builds it once."""
    import medspacy  # noqa: F401  (registers the medspacy_* factories)
    import scispacy.abbreviation  # noqa: F401  (registers abbreviation_detector)

    nlp = spacy.blank("en")
    nlp.tokenizer = _TextKeepingTokenizer(_caching(nlp.tokenizer))
    if sentences == "pyrush":
        from loguru import logger

        logger.disable("PyRuSH")
        nlp.add_pipe("medspacy_pyrush")
    else:
        nlp.add_pipe("oncoguide_sentences")
    nlp.add_pipe("oncoguide_abbreviations")
    nlp.add_pipe("oncoguide_sectionizer")
    return nlp


@lru_cache(maxsize=1)
def build_context_nlp() -> Language:
    """The ConText pipeline, run on one sentence at a time (see module docstring)."""
    import medspacy  # noqa: F401

    nlp = spacy.blank("en")
    _caching(nlp.tokenizer)
    nlp.add_pipe("oncoguide_one_sentence")
    context = nlp.add_pipe("medspacy_context", config={"rules": "default", "span_attrs": None})
    try:
        context.add(medspacy_context_rules(context_rules()))
    except ValueError as exc:  # spaCy's MatchPatternError: a token pattern it cannot compile
        raise ConfigurationError(f"Rule file extract/rules/context.yaml has a token pattern spaCy cannot use: "
                                 f"{exc}. Fix the rule (quote YAML words such as 'on', 'no', 'yes').") from exc
    return nlp


_WORDS = re.compile(r"[a-z]+(?:[/'][a-z]+)*|n't")


def _rule_words(rule) -> frozenset[str] | None:
    """Words of which a text must hold one for `rule` to match in it: its most selective required
    token (the one whose shortest word is longest; for a phrase rule, its longest word). None when
    no such word can be named (a regex rule, or a token that may be punctuation)."""
    pattern = rule.pattern
    if isinstance(pattern, str):
        return None
    if pattern is None:
        found = _WORDS.findall(rule.literal.lower())
        return frozenset([max(found, key=len)]) if found else None
    best: list[str] = []
    for token in pattern:
        if token.get("OP") in ("?", "*"):
            continue
        value = token.get("LOWER", token.get("TEXT", token.get("ORTH")))
        values = value.get("IN", []) if isinstance(value, dict) else [value]
        words = [max(_WORDS.findall(str(v).lower()) or [""], key=len) for v in values if v is not None]
        if not values or not words or not all(words):
            continue  # an alternative without a word: this token guarantees nothing
        if not best or min(map(len, words)) > min(map(len, best)):
            best = words
    return frozenset(best) if best else None


@lru_cache(maxsize=1)
def _context_rules_by_word() -> tuple[tuple, dict[str, tuple[int, ...]], frozenset[str]]:
    """The loaded ConText rules; for every trigger word, the rules that need it; and the rules
    that need no particular word (always run)."""
    rules = tuple(apply_default_overrides(build_context_nlp().get_pipe("medspacy_context").rules, context_rules()))
    required = _regex_requires()
    by_word: dict[str, list[int]] = {}
    always: list[int] = []
    for i, rule in enumerate(rules):
        words = _rule_words(rule)
        if words is None:
            if rule.metadata and rule.metadata.get("id") in required:
                continue  # run when its strings occur (`_regex_rules_for`)
            always.append(i)
        else:
            for w in words:
                by_word.setdefault(w, []).append(i)
    return rules, {w: tuple(ix) for w, ix in by_word.items()}, frozenset(always)


@lru_cache(maxsize=1)
def _regex_requires() -> dict[str, tuple[str, ...]]:
    """Rule id -> the strings one of which a regex rule's text must hold (`requires` in context.yaml)."""
    return {r.id: tuple(r.requires) for r in context_rules().rules if r.requires}


@lru_cache(maxsize=1)
def _conditional_regex_rules() -> tuple[tuple[int, tuple[str, ...]], ...]:
    """(index, required strings) of the regex rules that run only when one of their strings occurs."""
    rules, _, _ = _context_rules_by_word()
    required = _regex_requires()
    return tuple((i, required[r.metadata["id"]]) for i, r in enumerate(rules)
                 if isinstance(r.pattern, str) and r.metadata and r.metadata.get("id") in required)


@lru_cache(maxsize=1)
def context_triggers() -> frozenset[str]:
    """Words of which a sentence must hold one for any ConText rule to match in it, so sentences
    without them skip ConText (most sentences of a report). Terminations and pseudo-triggers only
    act on other rules' matches, so their words do not count; a regex rule counts by the words of
    its literal."""
    rules, _, _ = _context_rules_by_word()
    words: set[str] = set()
    for rule in rules:
        if rule.direction.upper() in ("TERMINATE", "PSEUDO"):
            continue
        found = _rule_words(rule)
        if found is None:
            found = frozenset(_WORDS.findall(rule.literal.lower()))
        words.update(found)
    return frozenset(words)


def may_have_context(text: str) -> bool:
    """False when no ConText rule can match in `text` (see `context_triggers`)."""
    triggers = context_triggers()
    return any(w in triggers for w in _WORDS.findall(text.lower()))


@lru_cache(maxsize=2048)
def _context_component(rule_ids: frozenset[int]):
    """A ConText component holding only the given rules (built once per distinct set)."""
    from medspacy.context import ConText

    rules, _, _ = _context_rules_by_word()
    # spaCy's token matcher warns on every call when it holds no pattern: give it one. A rule whose
    # words are absent cannot match, so adding it changes nothing.
    if not any(isinstance(rules[i].pattern, list) for i in rule_ids):
        rule_ids = rule_ids | {next(i for i, r in enumerate(rules) if isinstance(r.pattern, list))}
    component = ConText(build_context_nlp(), name="oncoguide_context_subset", rules=None, span_attrs=None)
    # These token patterns were validated when the full ConText pipeline was built (a bad one
    # raises ConfigurationError there); validating them again took 70 % of building a subset.
    token_matcher = getattr(getattr(component, "_ConText__matcher", None), "_MedspacyMatcher__matcher", None)
    if token_matcher is not None:
        token_matcher.validate = False
    component.add([rules[i] for i in sorted(rule_ids)])
    return component


def run_context(text: str) -> Doc | None:
    """ConText over one sentence (or window) of text: the doc with `doc._.context_graph`, or None
    when no rule can match in it.

    Only the rules whose trigger word occurs in the text run (plus the regex rules whose `requires`
    strings occur, and those that need no particular word): a rule that cannot match changes nothing, so the modifiers found are those of the full
    rule set, while spaCy's matcher, whose cost grows with every rule it holds, runs a handful."""
    lowered = text.lower()
    words = set(_WORDS.findall(lowered))
    if not words & context_triggers():
        return None
    _, by_word, always = _context_rules_by_word()
    conditional = [i for i, strings in _conditional_regex_rules() if any(s in lowered for s in strings)]
    rule_ids = frozenset(always.union(conditional, *(by_word.get(w, ()) for w in words)))
    nlp = build_context_nlp()
    doc = one_sentence(nlp.make_doc(text))
    return _context_component(rule_ids)(doc)
