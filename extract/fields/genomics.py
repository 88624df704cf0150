"""Genomic results: gene, result (pathogenic / detected / not_detected / vus), variant, origin.

Genes come from `extract/vocab/genes.json`, cues from `rules/genomics.yaml`. A result is read in
the clause that holds the gene (a table row is one clause); "BRCA1/2" names both genes. Origin is
germline or somatic only when the clause, or else the page, says which (a tumor-only BRCA finding
is somatic, never germline); genes whose breast-cancer alterations are always acquired (PIK3CA,
ESR1, AKT1) are somatic by `derived.genomics.origin-by-gene`. A family member's result is never
the patient's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from extract.analysis import AnalyzedPage
from extract.fields.statements import assertion_at, names_relative, section_at, statement_at
from extract.findings import Finding
from extract.initials import initials_lookahead
from extract.models import Evidence
from extract.rules import grammar
from extract.vocab import VOCAB_DIR, load_json

Origin = Literal["germline", "somatic"]
_NOT_FACT = {"family", "hypothetical", "possible"}  # negation is a result here, not a reason to drop
#: Clause boundaries inside a sentence: a result after "; " or ", but" is another gene's.
_CLAUSE_BREAK = re.compile(r";|\.(?:\s|$)|,?\s+(?:but|whereas|while|however)\s+", re.I)
#: At least this many genes listed together with no result of their own name a panel.
_PANEL_MIN = 3


class Gene(BaseModel):
    symbol: str = Field(pattern=r"^[A-Z0-9]+$")
    aliases: list[str] = Field(default_factory=list)
    origin_by_gene: Origin | None = None


class GeneVocabulary(BaseModel):
    version: str
    sources: list[str] = Field(default_factory=list)
    comment: str = ""
    genes: list[Gene]

    @model_validator(mode="after")
    def _unique(self) -> "GeneVocabulary":
        seen: set[str] = set()
        for gene in self.genes:
            for term in (gene.symbol, *gene.aliases):
                if term.upper() in seen:
                    raise ValueError(f"gene term {term!r} is listed twice")
                seen.add(term.upper())
        return self

    @cached_property
    def by_term(self) -> dict[str, Gene]:
        return {re.sub(r"[\s-]", "", t).upper(): g for g in self.genes for t in (g.symbol, *g.aliases)}

    @cached_property
    def mention_re(self) -> re.Pattern[str]:
        terms = sorted({t for g in self.genes for t in (g.symbol, *g.aliases)}, key=len, reverse=True)
        body = "|".join(re.escape(t).replace(r"\ ", r"[\s-]?") for t in terms)
        # "BRCA1/2", "BRCA 1 and 2", "BRCA1/BRCA2": a second number after the gene names its sibling.
        # The initials first: most characters of a page cannot start a gene's name (half the time).
        # (a germline or tumour prefix is no part of the name: "gBRCA2 carrier", "tBRCA testing")
        initials = initials_lookahead(exact_case=[*terms, "BRCA"])
        return re.compile(rf"(?:{initials}|(?=[gts]BRCA))(?<![\w-])(?:[gts](?=BRCA))?(?:(?P<gene>{body})(?:\s*(?:/|and|&|or)\s*(?P<sibling>[12])(?![\w.]))?|(?P<brca>BRCA))(?![\w-])")


@lru_cache(maxsize=1)
def gene_vocabulary() -> GeneVocabulary:
    return load_json("genes.json", GeneVocabulary, VOCAB_DIR)  # type: ignore[return-value]


@dataclass(frozen=True)
class _GeneMention:
    gene: Gene
    start: int
    end: int


def _mentions(text: str) -> list[_GeneMention]:
    vocab = gene_vocabulary()
    out = []
    for m in vocab.mention_re.finditer(text):
        if m.group("brca"):  # "BRCA negative": both genes
            out += [_GeneMention(vocab.by_term[g], m.start(), m.end()) for g in ("BRCA1", "BRCA2")]
            continue
        gene = vocab.by_term[re.sub(r"[\s-]", "", m.group("gene")).upper()]
        out.append(_GeneMention(gene, m.start("gene"), m.end("gene")))
        if m.group("sibling") and gene.symbol.startswith("BRCA"):
            sibling = vocab.by_term.get(f"BRCA{m.group('sibling')}")
            if sibling is not None and sibling is not gene:
                out.append(_GeneMention(sibling, m.start("sibling"), m.end("sibling")))
    return out


def _clause(page: AnalyzedPage, pos: int) -> tuple[int, int]:
    s_start, s_end = statement_at(page, pos)
    text = page.text
    start = s_start
    for m in _CLAUSE_BREAK.finditer(text, s_start, pos):
        start = m.end()
    m = _CLAUSE_BREAK.search(text, pos, s_end)
    return start, (m.start() if m else s_end)


def extract_genomics(page: AnalyzedPage) -> Iterator[Finding]:
    text = page.text
    mentions = _mentions(text)
    if not mentions:
        return
    g = grammar("genomics")
    page_origins = {rule.params["value"] for rule in g.with_prefix("gene.origin.")
                    if next(iter(rule.finditer(text, page.is_ocr)), None) is not None}
    unresolved: list[_GeneMention] = []
    resolved: set[str] = set()
    for mention in mentions:
        own = None
        if section_at(page, mention.start) == "family_history":
            s_start, s_end = statement_at(page, mention.start)
            # (from its sentence's start: "Patient germline\nBRCA1/2 negative", whose statement may begin at the gene)
            lead = max(text.rfind(". ", 0, mention.start) + 2, mention.start - _OWN_REACH)
            own = next(iter(g["gene.self-in-family"].finditer(text, page.is_ocr, min(s_start, lead), s_end)), None)
            if own is None:
                continue  # (a relative's result; not "Claire herself was tested ...": the patient's own)
        c_start, c_end = _clause(page, mention.start)
        assertion = assertion_at(page, mention.start, mention.end)
        if assertion == "family" and own is not None and own.end() <= mention.start \
                and not names_relative(page, own.start(), mention.start):
            assertion = "present"  # (the family section's ConText cue, not a relative named before the gene)
        if assertion == "possible" and _likely_is_a_class(page, c_start, c_end):
            assertion = "present"
        if assertion in _NOT_FACT:
            continue
        if names_relative(page, c_start, c_end):
            continue
        if next(iter(g["gene.exclude.protein-assay"].finditer(text, page.is_ocr, c_start, c_end)), None) is not None:
            continue  # a receptor test (IHC, ISH), not a sequencing result
        result = _result(page, mention, mentions, c_start, c_end) or _named_variant(page, mention, c_end, page_origins)
        if result is None or int(result[0].params.get("strength", 1)) < 2:
            result = _result_heading(page, mention.start) or _called_benign(page, mention) or result
        if result is not None and mention.gene.symbol in resolved and next(iter(g["gene.unless-listed"].finditer(
                text, page.is_ocr, result[1].start(), c_end)), None) is not None:
            continue  # "(negative for pathogenic variants unless listed above): ..., CHEK2, ...": CHEK2's own result stands
        if result is None:
            unresolved.append(mention)
            continue
        resolved.add(mention.gene.symbol)
        yield _finding(page, mention, mentions, result, c_start, c_end, page_origins)
    yield from _panel(page, unresolved, resolved, page_origins)


#: How far (characters) before a gene in a family history the words making it the patient's own may stand.
_OWN_REACH = 60
def _called_benign(page: AnalyzedPage, mention: _GeneMention):
    """A benign call after the gene in its sentence, or in the clause after the sentence's ";" ("A BRCA2 variant
    c.9976A>T was also seen; this is a common low-penetrance variant classed as benign"), or None."""
    rule = grammar("genomics")["gene.benign"]
    s_start, s_end = statement_at(page, mention.start)
    if page.text[s_start:s_end].rstrip().endswith(";") and s_end + 1 < len(page.text):
        s_end = statement_at(page, s_end + 1)[1]
    m = next(iter(rule.finditer(page.text, page.is_ocr, mention.end, s_end)), None)
    if m is None or _mentions(page.text[mention.end:m.start()]):
        return None  # (not past another gene: it is that gene's call)
    return rule, m


#: How many lines above a gene a result heading may stand (a table's rows, up to a blank line).
_RESULT_HEADING_LINES = 8


def _result_heading(page: AnalyzedPage, pos: int):
    """The result a table heading above the gene's row gives ("VARIANTS OF UNCERTAIN SIGNIFICANCE" over "ATM
    R2034Q 0.4%"), the rows running up to it without a blank line; or None."""
    rule = grammar("genomics")["gene.result-heading.vus"]
    for start, end in _lines_above(page.text, pos, _RESULT_HEADING_LINES):
        if not page.text[start:end].strip():
            return None
        m = rule.pattern_for(page.is_ocr).fullmatch(page.text, start, end)
        if m is not None:
            return rule, m
    return None


def _lines_above(text: str, pos: int, count: int) -> Iterator[tuple[int, int]]:
    """(start, end) of up to `count` lines above the line holding `pos`, nearest first."""
    end = text.rfind("\n", 0, pos)
    for _ in range(count):
        if end < 0:
            return
        start = text.rfind("\n", 0, end) + 1
        yield start, end
        end = start - 1


def _likely_is_a_class(page: AnalyzedPage, start: int, end: int) -> bool:
    """The clause's "likely" is the ACMG class "likely pathogenic", and no other doubt word is there."""
    rule = grammar("genomics")["gene.classification.likely"]
    classes = list(rule.finditer(page.text, page.is_ocr, start, end))
    if not classes:
        return False
    rest = page.text[start:end]
    for m in reversed(classes):
        rest = rest[:m.start() - start] + rest[m.end() - start:]
    return not re.search(r"\b(?:possible|possibly|probable|probably|suspected|suspicious|may|might|likely|cannot\s+be\s+excluded|query|\?)", rest, re.I)


def _named_variant(page: AnalyzedPage, mention: _GeneMention, c_end: int, page_origins: set[str]):
    """"ESR1 D538G" with no result word in the clause: the variant was detected (tumour results only)."""
    rule = grammar("genomics")["gene.named-variant.detected"]
    lead = re.compile(r"[ \t:(-]*").match(page.text, mention.end, c_end)
    m = next(iter(rule.finditer(page.text, page.is_ocr, lead.end() if lead else mention.end, c_end)), None)
    if m is None or _origin(page, mention, *_clause(page, mention.start), page_origins)[0] == "germline":
        return None
    if _NEGATION_BEFORE.search(page.text, _clause(page, mention.start)[0], mention.start):
        return None  # "No ESR1 Y537S or E380Q was seen": that variant is absent, which says nothing of the gene
    return rule, m


#: A negation before the gene in its clause ("No ESR1 Y537S ... was seen"; not one after it that is
#: another gene's: "PIK3CA H1047R (0.8%), ESR1 not detected").
_NEGATION_BEFORE = re.compile(r"\b(?:no|not|without|negative\s+for|absence\s+of)\b", re.I)


def _panel(page: AnalyzedPage, unresolved: list[_GeneMention], resolved: set[str], page_origins: set[str]) -> Iterator[Finding]:
    """"Hereditary panel, 8 genes (ATM, BRCA1, ...)" then "Result: NEGATIVE - no pathogenic
    variants were identified": a panel-wide negative result holds for each listed gene that has
    no result of its own on the page."""
    listed = _listed_together(page, unresolved)
    if len(listed) < _PANEL_MIN:
        return
    rule = grammar("genomics")["gene.panel.result-negative"]
    others = grammar("genomics")["gene.panel.other-genes"]
    for m in rule.finditer(page.text, page.is_ocr):
        s_start, s_end = statement_at(page, m.start())
        if assertion_at(page, m.start(), m.end()) in _NOT_FACT:
            continue
        if _mentions(page.text[s_start:s_end]) and next(iter(others.finditer(page.text, page.is_ocr, s_start, s_end)), None) is None:
            continue  # a statement naming a gene is that gene's result, not the panel's (unless it adds "nor in the other genes")
        cue = (rule, m)
        done: set[str] = set()
        for mention in listed:
            if mention.gene.symbol in resolved or mention.gene.symbol in done:
                continue
            done.add(mention.gene.symbol)
            c_start, c_end = _clause(page, mention.start)
            yield _finding(page, mention, [], cue, c_start, c_end, page_origins, rule_id="gene.panel.listed")
        return


def _listed_together(page: AnalyzedPage, mentions: list[_GeneMention]) -> list[_GeneMention]:
    """The longest run of genes separated only by commas, "and", "or" or slashes."""
    best: list[_GeneMention] = []
    run: list[_GeneMention] = []
    for mention in mentions:
        if run and re.fullmatch(r"[\s,/&]*(?:and|or)?[\s,/&]*", page.text[run[-1].end:mention.start], re.I):
            run.append(mention)
        else:
            run = [mention]
        if len(run) > len(best):
            best = list(run)
    return best


def _result(page: AnalyzedPage, mention: _GeneMention, mentions: list[_GeneMention], c_start: int, c_end: int):
    """The result cue nearest the gene in its clause (a stronger cue on a tie), or None."""
    g = grammar("genomics")
    cues = []
    for rule in g.with_prefix("gene.result."):
        for m in rule.finditer(page.text, page.is_ocr, c_start, c_end):
            if any(o.start <= m.start() < o.end for o in mentions):
                continue
            cues.append((rule, m))
    # Overlapping cues: the longer one ("no pathogenic variants" over "pathogenic").
    cues.sort(key=lambda c: (c[1].start(), -(c[1].end() - c[1].start())))
    kept = []
    for cue in cues:
        if kept and cue[1].start() < kept[-1][1].end():
            continue
        kept.append(cue)
    # A cue written right after another gene and before a comma ("ESR1 not detected, PIK3CA H1047R
    # detected") is that gene's result, not this one's.
    kept = [c for c in kept if not _belongs_to_gene_before(page.text, mention, mentions, c[1])]
    if not kept:
        return None

    def distance(cue) -> tuple[int, int]:
        m = cue[1]
        gap = m.start() - mention.end if m.start() >= mention.end else mention.start - m.end()
        # Another gene between the cue and this gene: the cue is that gene's, unless it is a list.
        between = [o for o in mentions if o is not mention and min(m.start(), mention.start) < o.start < max(m.end(), mention.end)
                   and not _JOINED.fullmatch(page.text, min(o.end, mention.end), max(o.start, mention.start))]
        if between and not _is_list(page.text, mention, between, m):
            gap += 1000
        return gap, -int(cue[0].params["strength"])

    # A negation that reaches this gene only past another gene is that gene's ("ESR1 Y537S
    # detected, PIK3CA not detected").
    # A classification in the gene's clause ("a variant of uncertain significance was identified in
    # the CHEK2 gene") outweighs a bare "identified"/"detected" nearer the gene.
    if any(int(c[0].params["strength"]) > 1 and distance(c)[0] < 1000 for c in kept):
        kept = [c for c in kept if int(c[0].params["strength"]) > 1]
    negated = [c for c in kept if c[0].params["value"] == "not_detected" and distance(c)[0] < 1000]
    attached = [c for c in kept if c[0].params["value"] == "vus" and c[1].start() >= mention.end
                and not page.text[mention.end:c[1].start()].strip(" \t:-(")]
    if attached and negated and all(c[1].end() <= mention.start for c in negated):
        # "negative for BRCA1/2, PALB2 VUS": the class written right after the gene is its own
        return attached[0]
    if negated and assertion_at(page, mention.start, mention.end) == "negated":
        # "No pathogenic variants, likely pathogenic variants or VUS were detected in BRCA1"
        kept = negated
    best = min(kept, key=distance)
    # Every cue is another gene's ("PIK3CA H1047R (0.8%), ESR1 not detected"): none is this gene's.
    return None if distance(best)[0] >= 1000 else best


#: Between a gene and its sibling written with it ("BRCA1/2", "BRCA1 and 2"): one name, not another gene.
_JOINED = re.compile(r"\s*(?:/|and|&|or)?\s*")
_OWN_CUE_GAP = re.compile(r"[ \t:(-]*(?:[\w.>*]+[ \t]+)?")
_CLAUSE_COMMA = re.compile(r"\s*[,;]\s*")


def _belongs_to_gene_before(text: str, mention: _GeneMention, mentions: list[_GeneMention], cue) -> bool:
    """The cue follows another gene directly (at most a variant between) and a comma or semicolon
    parts it from this gene: "ESR1 not detected, PIK3CA ..." (not a list: "ESR1, PIK3CA: not detected")."""
    if cue.end() > mention.start or not _CLAUSE_COMMA.fullmatch(text, cue.end(), mention.start):
        return False
    return any(o is not mention and o.end <= cue.start() and _OWN_CUE_GAP.fullmatch(text, o.end, cue.start())
               for o in mentions)


def _is_list(text: str, mention: _GeneMention, between: list[_GeneMention], cue) -> bool:
    """"negative for BRCA1, BRCA2 and PALB2": the genes between share the cue; an item may name
    what was looked for ("Not detected: AKT1, ERBB2 mutation, BRCA1")."""
    lo = min(mention.start, *(b.start for b in between), cue.start())
    hi = max(mention.end, *(b.end for b in between), cue.end())
    span = text[lo:hi]
    # (a list closed by "and others" in a bracket, or by "and all remaining genes", before its result: "(BRCA1,
    # PALB2, ... BARD1 and others): no reportable variants", "BRCA1, BRCA2, ... CDH1 and all remaining genes: negative")
    residue = re.sub(r"[A-Z0-9]{2,}|[\s,/&]|\band\b|\bor\b|\bin\b|\bfor\b|\bgenes?\b"
                     r"|\b(?:all\s+)?(?:the\s+)?(?:others|other|remaining)\b\)?:?"
                     r"|(?i:\b(?:mutations?|variants?|alterations?|amplifications?|fusions?|rearrangements?)\b)", "",
                     span[cue.end() - lo:] if cue.start() < mention.start else span[:cue.start() - lo])
    return len(residue.strip()) <= 3


def _finding(page: AnalyzedPage, mention: _GeneMention, mentions: list[_GeneMention], result, c_start: int, c_end: int,
             page_origins: set[str], rule_id: str = "vocab.genes") -> Finding:
    text = page.text
    rule, cue = result
    gene_ev = page.evidence(mention.start, mention.end, rule_id)
    leaves: dict[str, list[Evidence]] = {"gene": [gene_ev]}
    value: dict[str, Any] = {"gene": mention.gene.symbol}

    origin, origin_ev = _origin(page, mention, c_start, c_end, page_origins)
    outcome = rule.params["value"]
    if outcome == "detected" and origin == "germline":
        outcome = "pathogenic"  # a germline "mutation" or "carrier" in a report is a pathogenic variant
    value["result"] = outcome
    leaves["result"] = [page.evidence(cue.start(), cue.end(), rule.id)]
    if origin is not None:
        value["origin"] = origin
        leaves["origin"] = [origin_ev]

    if outcome != "not_detected":
        nxt = min([o.start for o in mentions if o.start > mention.end] + [c_end])
        variant = _variant(page, mention.end, nxt)
        if variant is not None:
            start, end = variant
            value["variant"] = text[start:end]
            leaves["variant"] = [page.evidence(start, end, "gene.variant")]
    return Finding(path="genomics", value=value, evidence=[gene_ev], leaf_evidence=leaves)


def _variant(page: AnalyzedPage, start: int, end: int) -> tuple[int, int] | None:
    g = grammar("genomics")
    for rule_id in ("gene.variant.hgvs", "gene.variant.protein-short"):
        m = next(iter(g[rule_id].finditer(page.text, page.is_ocr, start, end)), None)
        if m is not None:
            s, e = m.span()
            if page.text[e - 1] == ")" and "(" not in page.text[s:e]:
                e -= 1
            return s, e
    return None


#: How many lines above a gene a table's heading may stand ("Somatic - Biologically Relevant" over its rows).
_HEADING_LINES = 12
#: A heading is a short line.
_HEADING_MAX = 80


def _origin_heading(page: AnalyzedPage, pos: int):
    """The origin named at the start of the nearest short line above `pos` that opens with an origin
    cue: a report's table heading ("Somatic - Potentially Actionable", "Germline findings"), or None."""
    g = grammar("genomics")
    text = page.text
    for start, end in _lines_above(text, pos, _HEADING_LINES):
        line = text[start:end]
        first = start + len(line) - len(line.lstrip())
        if line.strip() and len(line.strip()) <= _HEADING_MAX:
            for rule in g.with_prefix("gene.origin."):
                m = next(iter(rule.finditer(text, page.is_ocr, first, end)), None)
                if m is not None and m.start() == first:
                    return rule.params["value"], page.evidence(m.start(), m.end(), f"{rule.id}.heading")
    return None


#: How many lines above a gene's statement its list item or paragraph may begin.
_ITEM_LINES = 6
#: A line that opens a list item ("- Germline testing ...", "2. ctDNA ...").
_ITEM_OPENS = re.compile(r"[ \t]*(?:[-*•]|\d{1,2}[.)])[ \t]")


def _origin_earlier_in_item(page: AnalyzedPage, s_start: int):
    """The origin named last before `s_start` in the same list item or paragraph, for a statement
    that names none: "- Germline testing (blood): BRCA1 pathogenic variant ... No pathogenic variant
    in BRCA2, PALB2." (the second sentence reports the same test). The item ends upward at a blank
    line or at the line that opens it with a bullet or a number."""
    text = page.text
    start = text.rfind("\n", 0, s_start) + 1
    for _ in range(_ITEM_LINES):
        if _ITEM_OPENS.match(text, start) or start == 0:
            break
        above = text.rfind("\n", 0, start - 1) + 1
        if not text[above:start - 1].strip():
            break  # a blank line above: the paragraph starts here
        start = above
    else:
        return None
    found = [(m.start(), rule, m) for rule in grammar("genomics").with_prefix("gene.origin.")
             for m in rule.finditer(text, page.is_ocr, start, s_start)]
    if not found:
        return None
    _, rule, m = max(found, key=lambda f: f[0])
    return rule.params["value"], page.evidence(m.start(), m.end(), f"{rule.id}.item")


def _origin_title(page: AnalyzedPage):
    """The origin the page's title names: its first line, when it opens with an origin cue ("LIQUID
    BIOPSY REPORT - CIRCULATING TUMOR DNA", "HEREDITARY CANCER GENETIC TEST REPORT"), or None."""
    text = page.text
    first = len(text) - len(text.lstrip())
    end = text.find("\n", first)
    end = len(text) if end < 0 else end
    if end - first > _HEADING_MAX:
        return None
    for rule in grammar("genomics").with_prefix("gene.origin."):
        m = next(iter(rule.finditer(text, page.is_ocr, first, end)), None)
        if m is not None and m.start() == first:
            return rule.params["value"], page.evidence(m.start(), m.end(), f"{rule.id}.title")
    return None


def _origin(page: AnalyzedPage, mention: _GeneMention, c_start: int, c_end: int, page_origins: set[str]):
    """Origin stated in the clause, else in the sentence, else earlier in its list item or paragraph,
    else in a table heading above or the page's title, else on the page (when only one is named)."""
    g = grammar("genomics")
    s_start, s_end = statement_at(page, mention.start)
    windows = [(c_start, c_end), (s_start, s_end)]
    if page.text[s_start:s_end].rstrip().endswith(";"):
        # "... loss of PTEN through a homozygous deletion; both are somatic tumour alterations.": the
        # sentence's next clause may say it for the whole sentence
        windows.append(statement_at(page, s_end + 1) if s_end + 1 < len(page.text) else (s_end, s_end))
    for start, end in windows:
        found = []
        for rule in g.with_prefix("gene.origin."):
            for m in rule.finditer(page.text, page.is_ocr, start, end):
                found.append((abs(m.start() - mention.start), rule, m))
        if found:
            _, rule, m = min(found, key=lambda f: f[0])
            return rule.params["value"], page.evidence(m.start(), m.end(), rule.id)
    item = _origin_earlier_in_item(page, s_start)
    if item is not None:
        return item
    heading = _origin_heading(page, mention.start) or _origin_title(page)
    if heading is not None:
        return heading
    if len(page_origins) == 1:
        origin = next(iter(page_origins))
        rule = g[f"gene.origin.{origin}"]
        m = next(iter(rule.finditer(page.text, page.is_ocr)))
        return origin, page.evidence(m.start(), m.end(), f"{rule.id}.page")
    if mention.gene.origin_by_gene:
        return mention.gene.origin_by_gene, page.evidence(mention.start, mention.end, "derived.genomics.origin-by-gene")
    return None, None
