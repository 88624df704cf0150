"""Metastatic disease: distant sites, metastatic statements, oligometastatic disease.

A site counts when a metastasis word and a distant site word share a clause ("osseous
metastases", "metastatic to the liver and lungs", "liver, biopsy: metastatic carcinoma"), neither
negated nor uncertain ("no liver lesions", "suspicious for bone metastasis"). Nodes of the breast's
own basin (axillary, sentinel, internal mammary, supraclavicular) and the breast's skin are
regional, never distant sites. "Metastatic breast cancer", "stage IV" and "distant metastasis"
state metastatic disease; "no evidence of metastatic disease" states its absence ("no new
metastases" does not). Oligometastatic: stated, or at most 5 distant lesions counted on the page
(rule `derived.metastases.lesion-count`); "innumerable" or "diffuse" lesions are not.

Sites: `extract/vocab/sites.json`; phrasing: `rules/metastases.yaml`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache

from pydantic import BaseModel, Field

from extract.analysis import AnalyzedPage
from extract.fields.statements import assertion_at, clinical_segments, statement_at
from extract.findings import Finding
from extract.models import Evidence, MetastaticSite
from extract.rules import Grammar, grammar
from extract.vocab import VOCAB_DIR, load_json

_NOT_FACT = {"negated", "hypothetical", "family", "possible"}
_CLAUSE_BREAK = re.compile(r";|\n\s*\n|\.(?:\s|$)|,?\s+(?:but|whereas|however|although)\s+", re.I)
_COUNT_WORDS = {"solitary": 1, "single": 1, "isolated": 1, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3,
                "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_OLIGO_MAX = 5
#: Evidence covering the site word and the metastasis word together when they are this close.
_JOIN = 80


class SiteWords(BaseModel):
    site: MetastaticSite
    words: list[str] = Field(min_length=1)


class SiteVocabulary(BaseModel):
    version: str
    sources: list[str] = Field(default_factory=list)
    comment: str = ""
    sites: list[SiteWords]
    regional_words: list[str]
    regional_skin_words: list[str]
    #: Phrases that begin with a site word but name no site ("skeletal muscle" is not bone).
    not_sites: list[str] = Field(default_factory=list)
    #: UICC site codes written after M1 ("cM1(OSS)") and the site each names.
    tnm_suffixes: dict[str, MetastaticSite] = Field(default_factory=dict)

    @cached_property
    def site_of(self) -> dict[str, str]:
        return {w.lower(): s.site for s in self.sites for w in s.words}

    @cached_property
    def site_re(self) -> re.Pattern[str]:
        return _words_re(list(self.site_of))

    @cached_property
    def regional_re(self) -> re.Pattern[str]:
        return _words_re(self.regional_words)

    @cached_property
    def regional_skin_re(self) -> re.Pattern[str]:
        return _words_re(self.regional_skin_words)

    @cached_property
    def not_site_re(self) -> re.Pattern[str] | None:
        return _words_re(self.not_sites) if self.not_sites else None


def _words_re(words: list[str]) -> re.Pattern[str]:
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    # "bone-only disease" names bone; other hyphenated words ("liver-type") do not.
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w]|-(?!only\b))", re.I)


@lru_cache(maxsize=1)
def site_vocabulary() -> SiteVocabulary:
    return load_json("sites.json", SiteVocabulary, VOCAB_DIR)  # type: ignore[return-value]


@dataclass(frozen=True)
class _Site:
    site: str
    start: int
    end: int
    evidence: list[Evidence]
    clause: tuple[int, int]


def _clause(page: AnalyzedPage, start: int, end: int) -> tuple[int, int]:
    s_start, s_end = statement_at(page, start)
    text = page.text
    c_start = s_start
    for m in _CLAUSE_BREAK.finditer(text, s_start, start):
        c_start = m.end()
    m = _CLAUSE_BREAK.search(text, end, s_end)
    return c_start, (m.start() if m else s_end)


def _after_label_no(page: AnalyzedPage, pos: int) -> bool:
    """"Brain: no metastatic disease": negated, although ConText's ": no" looks back only."""
    line_start = page.text.rfind("\n", 0, pos) + 1
    # A sentence wrapped over the line break ("CT head: no\nintracranial metastases") is read from
    # the start of the line it began on.
    sentence_start = page.sentence_at(pos)[0]
    if sentence_start < line_start:
        line_start = max(sentence_start, page.text.rfind("\n", 0, line_start - 1) + 1)
    rule = grammar("metastases")["met.exclude.label-no"]
    return next(iter(rule.finditer(page.text[line_start:pos].replace("\n", " "), page.is_ocr)), None) is not None


#: A specimen header line ending with ':' ("Liver, segment VI, core biopsy:") right above a statement.
_HEADER_MAX = 100


def _header_line(page: AnalyzedPage, start: int) -> tuple[int, int] | None:
    """The specimen header line right above a statement that opens its own line ("Liver, segment
    VI, core biopsy:" then "- Metastatic adenocarcinoma, consistent with breast primary"): the site
    it names is the site of the metastasis stated below it."""
    text = page.text
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip(" \t-*•") != "" or line_start == 0:
        return None
    prev_end = line_start - 1
    prev_start = text.rfind("\n", 0, prev_end) + 1
    line = text[prev_start:prev_end].rstrip()
    if not line.endswith(":") or len(line) > _HEADER_MAX:
        return None
    return prev_start, prev_start + len(line)


#: Kinds of record whose numbered lists are items of a plan or an MDT outcome, not specimen parts.
_NOTE_KINDS = ("clinic_note", "imaging")


def _in_lymph_node_part(page: AnalyzedPage, pos: int) -> bool:
    """Inside a pathology report's lymph node part ("B. Lymph nodes, axillary: metastatic
    carcinoma"); a clinic note's or MDT record's numbered item naming nodes ("1. Contralateral
    axillary nodal metastasis = M1") is no specimen part."""
    from extract.classify import classify_text
    from extract.specimens import part_at

    part = part_at(page, pos)
    # The page's own text (not its reading view), as the document is classified: one classification
    # serves both when the document has one page.
    return part is not None and part.site == "lymph_node" and classify_text(page.page.text) not in _NOTE_KINDS


#: How far from a skin word a chest wall, scar or breast word makes it local ("skin metastases on the
#: chest wall", "left chest wall skin"), within the clause.
_LOCAL_REACH = 40


def _local_skin(page: AnalyzedPage, site: str, start: int, end: int) -> bool:
    """"skin of the breast", "chest wall soft tissue", "cutaneous metastases of the chest wall":
    local disease (a chest wall recurrence is not M1), not a distant site; "skin metastases from
    breast cancer" names the primary, not the skin's place."""
    if site != "skin_soft_tissue":
        return False
    c_start, c_end = _clause(page, start, end)
    primary = grammar("metastases")["met.exclude.primary-named"].pattern_for(page.is_ocr)
    return any(primary.match(page.text, m.end()) is None for m in site_vocabulary().regional_skin_re.finditer(
        page.text, max(c_start, start - _LOCAL_REACH), min(c_end, end + _LOCAL_REACH)))


def _local_or_regional(page: AnalyzedPage, c_start: int, c_end: int) -> bool:
    """The clause names the breast's own nodes or skin and no distant site ("left chest wall skin:
    metastatic carcinoma", "supraclavicular node ... metastatic carcinoma")."""
    vocab = site_vocabulary()
    sites = list(vocab.site_re.finditer(page.text, c_start, c_end))
    if any(not _local_skin(page, vocab.site_of[re.sub(r"\s+", " ", s.group(0).lower())], s.start(), s.end())
           for s in sites):
        return False
    local = grammar("metastases")["met.local-site"].finditer(page.text, page.is_ocr, c_start, c_end)
    return bool(sites) or vocab.regional_re.search(page.text, c_start, c_end) is not None or \
        next(iter(local), None) is not None


#: How far back a biopsy's diagnosis ("... core biopsy: metastatic carcinoma consistent with breast
#: primary") looks on its line for the specimen it names ("palpable right supraclavicular node, 2 cm.").
_SPECIMEN_REACH = 200


def _evidence(page: AnalyzedPage, a: tuple[int, int], b: tuple[int, int], rule: str) -> list[Evidence]:
    lo, hi = min(a[0], b[0]), max(a[1], b[1])
    if hi - lo <= _JOIN and "\n" not in page.text[lo:hi].strip("\n"):
        return [page.evidence(lo, hi, rule)]
    return [page.evidence(*a, rule), page.evidence(*b, "met.word")]


#: A vertebral level ("L5", "T10") written as a number's part: "(4/l5)" is OCR's four of fifteen nodes.
_LEVEL = re.compile(r"[A-Za-z]\d{1,2}")
_FRACTION_BEFORE = re.compile(r"\d[ \t]?/[ \t]?$")
_FRACTION_AFTER = re.compile(r"[ \t]?/[ \t]?\d")


def _in_fraction(text: str, start: int, end: int) -> bool:
    return bool(_LEVEL.fullmatch(text, start, end)) and bool(
        _FRACTION_BEFORE.search(text[max(0, start - 4):start]) or _FRACTION_AFTER.match(text, end))


def _sites(page: AnalyzedPage) -> list[_Site]:
    vocab = site_vocabulary()
    g = grammar("metastases")
    words = [w for a, b in clinical_segments(page) for w in g["met.word"].finditer(page.text, page.is_ocr, a, b)
             if assertion_at(page, w.start(), w.end()) not in _NOT_FACT and not _in_lymph_node_part(page, w.start())
             and not _after_label_no(page, w.start())
             and not _matches(g["met.exclude.risk-of-words"], page, page.text[max(a, w.start() - 60):w.start()])]
    words += _followed_lesions(page, g, bool(words))
    found: list[_Site] = []
    for word in words:
        c_start, c_end = _clause(page, word.start(), word.end())
        spans = [(c_start, c_end)]
        header = _header_line(page, c_start)
        if header is not None:
            spans.append(header)
        for site in (m for a, b in spans for m in vocab.site_re.finditer(page.text, a, b)):
            if any(f.start == site.start() for f in found):
                continue
            if vocab.not_site_re is not None and vocab.not_site_re.match(page.text, site.start()):
                continue
            if _in_fraction(page.text, site.start(), site.end()):
                continue
            name = vocab.site_of[re.sub(r"\s+", " ", site.group(0).lower())]
            if assertion_at(page, site.start(), site.end()) in _NOT_FACT or _local_skin(page, name, site.start(), site.end()) \
                    or _after_label_no(page, site.start()):
                continue
            # The metastasis word of the clause nearest the site word.
            same_clause = [w for w in words if c_start <= w.start() < c_end]
            nearest = min(same_clause, key=lambda w: min(abs(w.start() - site.end()), abs(site.start() - w.end())))
            found.append(_Site(name, site.start(), site.end(),
                               _evidence(page, site.span(), nearest.span(), f"met.site.{name}"), (c_start, c_end)))
        for node in (m for a, b in spans for m in g["met.side-node"].finditer(page.text, page.is_ocr, a, b)):
            side = _SIDE_WORDS.get(node.group("side").lower())
            primary = _primary_side(page)
            if side is None or primary is None or side == primary or any(f.start == node.start() for f in found) \
                    or assertion_at(page, node.start(), node.end()) in _NOT_FACT:
                continue
            # the other breast's basin: distant nodes (AJCC 8th M1), not N3
            found.append(_Site("distant_lymph_nodes", node.start("side"), node.end(),
                               _evidence(page, (node.start("side"), node.end()), word.span(), "met.side-node"),
                               (c_start, c_end)))
    found += _target_rows(page, g, vocab, found)
    return found


def _target_rows(page: AnalyzedPage, g: Grammar, vocab: SiteVocabulary, found: list[_Site]) -> list[_Site]:
    """The sites a RECIST row names ("Target lesion 1: liver segment VII, 23 mm"): measured disease,
    unless the row says none ("Non-target: none") or calls the lesion benign ("simple cyst")."""
    rows: list[_Site] = []
    for label in (m for a, b in clinical_segments(page) for m in g["met.target-lesion"].finditer(page.text, page.is_ocr, a, b)):
        end = _row_end(page.text, label)
        if g["met.exclude.target-none"].pattern_for(page.is_ocr).match(page.text, label.end()) is not None \
                or _matches(g["met.exclude.benign-lesion"], page, page.text[label.end():end]):
            continue
        for site in vocab.site_re.finditer(page.text, label.end(), end):
            name = vocab.site_of[re.sub(r"\s+", " ", site.group(0).lower())]
            if any(f.start == site.start() for f in found + rows) or _local_skin(page, name, site.start(), site.end()) \
                    or vocab.not_site_re is not None and vocab.not_site_re.match(page.text, site.start()) \
                    or assertion_at(page, site.start(), site.end()) in _NOT_FACT:
                continue
            rows.append(_Site(name, site.start(), site.end(),
                              _evidence(page, site.span(), label.span("label"), "met.target-lesion"), (label.end(), end)))
    return rows


#: A line that opens with a label of its own ("Non-target lesions:", "New lesions: none").
_LABEL_LINE = re.compile(r"[ \t]*[A-Za-z][\w /()-]{0,30}:")
#: How far a RECIST list without row numbers may run over its wrapped lines (characters).
_ROW_REACH = 400


def _row_end(text: str, label: re.Match[str]) -> int:
    """The end of a RECIST row: its line; for a list label without a number ("Target lesions (RECIST
    1.1): (1) hepatic segment 4A ...; (2) right paratracheal node ..."), the lines after it up to a
    blank line or a line with a label of its own."""
    end = text.find("\n", label.end())
    end = len(text) if end < 0 else end
    if any(c.isdigit() for c in label.group("label")):
        return end
    while end < len(text) and end - label.end() < _ROW_REACH:
        nxt = text.find("\n", end + 1)
        nxt = len(text) if nxt < 0 else nxt
        if not text[end + 1:nxt].strip() or _LABEL_LINE.match(text, end + 1, nxt):
            break
        end = nxt
    return end


_SIDE_WORDS = {"left": "left", "lt": "left", "l": "left", "right": "right", "rt": "right", "r": "right"}


def _primary_side(page: AnalyzedPage) -> str | None:
    """The breast cancer's side: the one side the page names with the breast or its surgery (rule
    met.primary-side); None when it names both, "bilateral", or none."""
    key = "metastases.primary_side"
    if key not in page.cache:
        sides = {_SIDE_WORDS.get(m.group("side").lower(), "both")
                 for m in grammar("metastases")["met.primary-side"].finditer(page.text, page.is_ocr, 0, len(page.text))}
        page.cache[key] = sides.pop() if len(sides) == 1 and "both" not in sides else None
    return page.cache[key]


def _followed_lesions(page: AnalyzedPage, g: Grammar, metastatic_words: bool) -> list[re.Match[str]]:
    """Lesion words read as metastasis words (rule met.lesion-followed): on a page that states the
    disease is metastatic or names a metastasis (`metastatic_words`), in a clause that follows the
    lesion over time or describes it as metastases look, and does not call it benign."""
    lesions = [w for a, b in clinical_segments(page) for w in g["met.lesion-followed"].finditer(page.text, page.is_ocr, a, b)
               if assertion_at(page, w.start(), w.end()) not in _NOT_FACT and not _in_lymph_node_part(page, w.start())]
    if not lesions or not (metastatic_words or any(f.value is True for f in _statements(page))):
        return []
    out = []
    for w in lesions:
        c_start, c_end = _clause(page, w.start(), w.end())
        clause = page.text[c_start:c_end]
        if _matches(g["met.lesion-change"], page, clause) and not _matches(g["met.exclude.benign-lesion"], page, clause):
            out.append(w)
    return out


def extract_metastases(page: AnalyzedPage) -> Iterator[Finding]:
    sites = _sites(page)
    for site in sites:
        yield Finding(path="stage.metastatic_sites", value=site.site, evidence=site.evidence)
        yield Finding(path="stage.metastatic", value=True,
                      evidence=[ev.model_copy(update={"rule": "met.site-stated"}) for ev in site.evidence])
    yield from _suffix_sites(page)
    yield from _statements(page)
    yield from _oligometastatic(page, sites)


def _suffix_sites(page: AnalyzedPage) -> Iterator[Finding]:
    """Sites named by the UICC codes after M1 ("cM1(OSS, HEP)"), the whole expression as evidence."""
    suffixes = {code.lower(): site for code, site in site_vocabulary().tnm_suffixes.items()}
    rule = grammar("metastases")["met.site-suffix"]
    for m in (m for a, b in clinical_segments(page) for m in rule.finditer(page.text, page.is_ocr, a, b)):
        if assertion_at(page, m.start(), m.end()) in _NOT_FACT:
            continue
        evidence = [page.evidence(m.start(), m.end(), "met.site-suffix")]
        for code in re.finditer(r"[a-z]+", m.group("codes"), re.I):
            site = suffixes.get(code.group(0).lower())
            if site is not None:
                yield Finding(path="stage.metastatic_sites", value=site, evidence=evidence)
        yield Finding(path="stage.metastatic", value=True, evidence=evidence)


def _statements(page: AnalyzedPage) -> Iterator[Finding]:
    g = grammar("metastases")
    vocab = site_vocabulary()
    negations = list(m for a, b in clinical_segments(page)
                     for m in g["met.negated-statement"].finditer(page.text, page.is_ocr, a, b))
    for m in (m for a, b in clinical_segments(page) for m in g["met.statement"].finditer(page.text, page.is_ocr, a, b)):
        if assertion_at(page, m.start(), m.end()) in _NOT_FACT or _in_lymph_node_part(page, m.start()) \
                or _after_label_no(page, m.start()):
            continue
        if any(n.start() <= m.start() and m.end() <= n.end() for n in negations):
            continue  # inside "no\nevidence of distant metastases" (a line break ConText does not read across)
        after = page.text[m.end():m.end() + 40]
        before = page.text[max(0, m.start() - 30):m.start()]
        if _matches(g["met.exclude.not-a-statement"], page, after) or _matches(g["met.exclude.risk"], page, before):
            continue
        c_start, c_end = _clause(page, m.start(), m.end())
        if vocab.regional_re.search(page.text, c_start, c_end) and not vocab.site_re.search(page.text, c_start, c_end):
            continue  # "metastatic disease in 2 of 14 lymph nodes" is regional
        # "metastatic disease to the chest wall" is a local recurrence; a biopsy's diagnosis is
        # about the specimen its line names before it (a chest wall skin, a regional node).
        lo = max(page.text.rfind("\n", 0, m.start()) + 1, m.start() - _SPECIMEN_REACH) if m.group("biopsy") else c_start
        if _local_or_regional(page, min(c_start, lo), c_end):
            continue
        yield Finding(path="stage.metastatic", value=True, evidence=[page.evidence(m.start(), m.end(), "met.statement")])
    for m in negations:
        c_start, c_end = _clause(page, m.start(), m.end())
        clause = page.text[c_start:c_end]
        if next(iter(g["met.exclude.not-all"].finditer(clause, page.is_ocr)), None) is not None:
            continue
        if vocab.regional_re.search(clause) or vocab.site_re.search(page.text, m.end(), c_end):
            continue  # about the nodes, or about one site only
        if assertion_at(page, m.start(), m.end()) in ("hypothetical", "family", "possible"):
            continue
        yield Finding(path="stage.metastatic", value=False,
                      evidence=[page.evidence(m.start(), m.end(), "met.negated-statement")])


def _matches(rule, page: AnalyzedPage, text: str) -> bool:
    return next(iter(rule.finditer(text, page.is_ocr)), None) is not None


def _oligometastatic(page: AnalyzedPage, sites: list[_Site]) -> Iterator[Finding]:
    g = grammar("metastases")
    for m in (m for a, b in clinical_segments(page) for m in g["met.oligo.stated"].finditer(page.text, page.is_ocr, a, b)):
        assertion = assertion_at(page, m.start(), m.end())
        if assertion not in _NOT_FACT:
            yield Finding(path="stage.oligometastatic", value=True,
                          evidence=[page.evidence(m.start(), m.end(), "met.oligo.stated")])
        elif assertion == "negated":  # "visceral disease, not oligometastatic"
            yield Finding(path="stage.oligometastatic", value=False,
                          evidence=[page.evidence(m.start(), m.end(), "met.oligo.stated-not")])
    if not sites:
        return
    # Lesions counted per site: the largest count said about it; every site must be counted.
    counts: dict[str, tuple[int, list[Evidence]]] = {}
    for site in sites:
        c_start, c_end = site.clause
        many = next(iter(g["met.count.many"].finditer(page.text, page.is_ocr, c_start, c_end)), None)
        if many is not None:
            counts[site.site] = (_OLIGO_MAX + 1, [page.evidence(many.start(), many.end(), "met.count.many")])
            continue
        # A count phrase that names another site ("a 9 mm RUL nodule") does not count this one's lesions.
        numbers = [n for n in g["met.count.number"].finditer(page.text, page.is_ocr, c_start, c_end)
                   if not any(s.site != site.site and n.start() <= s.start < n.end() for s in sites)]
        if not numbers:
            continue
        # The count phrase nearest the site word ("two liver metastases and a single lung nodule").
        n = min(numbers, key=lambda n: 0 if n.start() <= site.start < n.end() else
                min(abs(n.start() - site.end), abs(site.start - n.end())))
        best = counts.get(site.site)
        if best is None or _count(n.group("count")) > best[0]:
            counts[site.site] = (_count(n.group("count")), [page.evidence(n.start(), n.end(), "met.count.number")])
    total = sum(c for c, _ in counts.values())
    if set(counts) != {s.site for s in sites} and total <= _OLIGO_MAX:
        return  # some site's lesions are not counted: no total (unless the counted ones are already too many)
    evidence = [ev.model_copy(update={"rule": "derived.metastases.lesion-count"}) for _, evs in counts.values() for ev in evs]
    yield Finding(path="stage.oligometastatic", value=total <= _OLIGO_MAX, evidence=evidence)


def _count(word: str) -> int:
    word = word.lower()
    return _COUNT_WORDS[word] if word in _COUNT_WORDS else int(word)
