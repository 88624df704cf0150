"""Medications: one item per drug per page, with dose, schedule, status, dates and dose changes.

Drug names come from the drug vocabulary (`extract/vocab/drugs.json`: exact terms and fuzzy
misspellings); everything around them from `rules/medications.yaml`.

How a page is read:
1. Each drug mention that is about this patient's treatment (not an allergy, not declined or
   negated, not a family member's, not in a conditional clause) gets a scope: the part of its
   sentence that belongs to it (up to the next drug; a few words right before it are its own:
   "stopped tamoxifen"). A following sentence with no drug of its own that talks about "the dose"
   or "it" ("On 3/14/2026 the dose was reduced to 400 mg") joins the scope of the drug before it.
2. The scope gives the dose (its first plain dose), dose changes said to have happened (past
   tense: "reduced from 600 mg to 400 mg", "resumed at 400 mg"; "reduce to" and "will resume
   at" are plans), frequency, schedule, route, status words, reasons and dates.
3. Drugs named together in one sentence share what the sentence says of all of them: the status
   word at its head ("plan docetaxel and cyclophosphamide"), a trailing "; completed", a start
   date ("began paclitaxel ... with trastuzumab ... on April 2, 2024"), and a route or frequency
   written once after drugs joined by "and".
4. Per drug, later statements on the page win; the status is the last explicit status word (a
   section such as "Current medications" only supplies a default); the current dose is the last
   dose stated or changed to.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import regex

from extract.abbreviations import Abbreviation, defined_terms, uses
from extract.analysis import AnalyzedPage
import datetime as _dt

from extract.dates import find_dates, find_month_years, find_years
from extract.fields.statements import assertion_at, clinical_segments, names_relative, section_at, statement_at
from extract.findings import Finding
from extract.line_starts import line_end as _line_end
from extract.table_rows import row_cells
from extract.models import Evidence
from extract.rules import CompiledRule, grammar, ocr_number
from extract.vocab import DrugMention, drugs

#: Sentences of their own that refer back to the drug named just before.
_REFERS_BACK = re.compile(r"\b(?:dose|doses|dosing|it|this|therapy|treatment|medication|drug|pills?|tablets?|capsules?)\b", re.I)
#: A sentence opening with a status verb and no subject is about the drug before it ("Tamoxifen 20 mg
#: daily. Held x 2 weeks for DVT workup, restarted 2026-01-05."; "...; further reduced to 50 mg";
#: a diary's "Letrozole 2.5 mg - one every morning. Never missed one.").
_SUBJECTLESS = re.compile(r"[\W\d]*(?:(?:further|then|later|subsequently|again)\s+)?"
                          r"(?:held|restarted|resumed|stopped|discontinued|paused|interrupted|"
                          r"dose[-\s]reduced|reduced|decreased|increased|currently\s+(?:on|taking|at)(?=\s+\d)|never\s+(?:once\s+)?missed)\b"
                          r"(?![ \t]*:)", re.I)  # (not a label: "Stopped: octreotide (inpatient only)")
#: How far before its drug a tablet's strength may be stated (characters; a wrapped list row's line above).
_STRENGTH_REACH = 160
#: Between a tablet's strength and its drug: another drug's name or a sentence end puts them apart.
_STRENGTH_APART = re.compile(r"[.;]\s")
#: A directions line of its own under a drug (pharmacy labels, GP printouts, Epic "Sig:").
_SIG_LINE = re.compile(r"[ \t]*(?:sig\s*:\s*|directions?\s*:\s*)?(?:take|inject|give|use|apply|swallow|chew|dissolve)\s+"
                       r"(?:\d+|one|two|three|four|half|a|an|the|1/2)\b", re.I)
#: How far before its drug a change rule read around the drug may start (characters).
_AROUND_REACH = 80
#: How far (characters) a referring sentence may be from its drug.
_REFER_WINDOW = 300
#: A status word this close before a drug is about that drug ("discontinued tamoxifen").
_PRE_CUE_WINDOW = 30
#: A cue introduced like this is background inside its sentence ("resumed after being held").
_BACKGROUND = re.compile(r"\b(?:after|following|since|despite)\s+(?:being\s+|having\s+been\s+|a\s+|an\s+|the\s+)?\w*\s*$", re.I)
# (not "agreed on FEC-T", "decided on", "based on", "depends on": a choice or a reason, not a drug taken)
_ON_DRUG = re.compile(r"(?<!\bagreed\s)(?<!\bdecided\s)(?<!\bsettled\s)(?<!\bbased\s)(?<!\bdepends\s)(?<!\bdepending\s)"
                      # (and a dosage form before the name: "DM on Tab. Metformin")
                      r"\bon\s+(?:(?:adjuvant|neoadjuvant|first-line|second-line|maintenance|oral|weekly|daily"
                      r"|(?:tab|cap|inj)\.?)\s+)*$"
                      # "on ovarian suppression (goserelin)": a class named, then the drug in brackets
                      r"|\bon\s+(?:[a-z][\w/-]*\s+){1,3}\(\s*$", re.I)
#: Before an "on <drug>" that only sets the time of something else ("fine while on palbociclib").
_WHILE_ON = re.compile(r"\b(?:while|whilst|when)\s+$", re.I)
#: A plan's words before a dose ("Cycle 3 to start 08/12/2026 at a reduced dose of 1300 mg BD").
_FUTURE_LEAD = re.compile(r"\b(?:to|will|would|shall)\s+(?:be\s+)?(?:start|begin|restart|resume|continue|given|reduced)\b[^.;\n]*$", re.I)
#: Between a status word and the drug it governs ("stopped taking tamoxifen", "plan adjuvant docetaxel").
_LEADS_TO_DRUG = re.compile(r"\s*(?:(?:taking|using|the|her|his|adjuvant|neoadjuvant|oral|IV|on|with|to)\s+)*", re.I)
_CLAUSE_END = re.compile(r";|\.\s")
#: What may stand between two drugs that share a route or frequency written after the second.
_JOINED = re.compile(r"^[\s,]*(?:and|&|plus|\+)?[\s,]*$", re.I)
_DATE_THEN_COLON = re.compile(r"\s*[:\-–]\s*")
_LIST_LEAD = re.compile(r"[\s\-•*\d.)]*")
_STARTED = re.compile(r"\b(?:started|starting|initiated|began|begun|commenced|added)\b", re.I)
_PLANNED_START = re.compile(r"\b(?:will\s+start|to\s+start|plan(?:s|ned)?|scheduled)\b", re.I)
_ENDED = re.compile(r"\b(?:stopped|discontinued|completed|finished|d/c'?d)\b", re.I)
#: Sections whose drugs are current unless the text says otherwise; and historical ones.
_SECTION_STATUS = {"medications": "active", "past_medical_history": "historical", "oncologic_history": "historical"}
#: A line that opens with a plan label: its drugs without a status word of their own are planned.
_SENTENCE_END = re.compile(r"[.!?]\s")
_PLAN_LABEL = re.compile(r"\s*(?:\d+[.)]\s*)?(plan|recommendations?|proposed\s+treatment)\s*:", re.I)
#: A list item of a plan section that opens with the therapy's setting ("1. Neoadjuvant pembrolizumab +
#: carboplatin/paclitaxel", "- Adjuvant capecitabine x 6 months"): its drugs are planned.
_PLAN_ITEM = re.compile(r"[ \t]*(?:\d{1,2}[.)]|[-*•])[ \t]*((?:neo-?)?adjuvant)\b[^.\n]*", re.I)
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
#: A planned dose that changes the dose ("reduce ribociclib to 400 mg", "will lower to 100 mg"), not a
#: planned restart at the same dose: kept as `planned_dose` beside the current dose, never as a change.
_PLANNED_CHANGE = re.compile(r"\b(?:reduce|decrease|lower|increase|escalate|de-?escalate|titrate|change|adjust)\b",
                             re.I)
_SHARED_ATTRIBUTES = ("route", "frequency", "schedule")
#: A frequency that restates a more exact one less exactly: the exact one stands.
_LOOSER_FREQUENCY = {"monthly": "every 4 weeks"}
#: A restart or resume verb right before the drug ("to restart palbociclib at 100 mg"): the dose after it is planned.
_RESTART_BEFORE = re.compile(r"\b(?:re-?start|resume)\s+(?:the\s+|her\s+|his\s+)?$", re.I)


@dataclass
class _Leaf:
    value: Any
    evidence: list[Evidence]
    pos: int  # where it was read, for "the later statement wins"


@dataclass
class _Change:
    to_dose: _Leaf
    unit: _Leaf | None
    pos: int
    span: tuple[int, int]
    from_dose: _Leaf | None = None
    date: _Leaf | None = None
    reason: _Leaf | None = None
    resumption: bool = False
    date_month: _Leaf | None = None  # "reduced to 400 mg in Oct 2023": the month, no day
    from_only: bool = False  # told by its starting dose alone ("started 11/06/2026 at 600 mg": not its date)


@dataclass
class _Read:
    """What one drug mention's scope says."""

    mention: DrugMention
    pre_start: int
    end: int
    sentence: tuple[int, int]
    leaves: dict[str, _Leaf] = field(default_factory=dict)
    dose: tuple[_Leaf, _Leaf] | None = None
    earlier_dose: bool = False  # the statement is about a dose before a change ("had been started at")
    pack_strength: bool = False  # the dose is a dispensed pack's strength ("Kisqali 200 mg x 42")
    changes: list[_Change] = field(default_factory=list)
    statuses: list[_Leaf] = field(default_factory=list)  # explicit status words
    default_status: _Leaf | None = None  # from the section or the mention's context
    reasons: list[_Leaf] = field(default_factory=list)
    attributes_end: int = 0  # end of the last dose/route/frequency/schedule read in the scope
    year_status: _Leaf | None = None  # "tamoxifen 2015-2020", "AC-T (2019)": a course in past years


def _rules(prefix: str) -> tuple[CompiledRule, ...]:
    return grammar("medications").with_prefix(prefix)


def _rule(rule_id: str) -> CompiledRule:
    return grammar("medications")[rule_id]


def _first_match(rule: CompiledRule, page: AnalyzedPage, text: str):
    return next(iter(rule.finditer(text, page.is_ocr)), None)


def _number(text: str) -> tuple[float, str | None]:
    """A number as read; OCR letters inside digits ("4OO") are restored and reported as a correction."""
    fixed, correction = ocr_number(text)
    return float(fixed.replace(",", "")), correction


def _unit(text: str) -> str:
    unit = re.sub(r"\s+", "", text).lower().replace("µg", "mcg").replace("ug", "mcg")
    unit = unit.replace("m²", "m2").replace("m^2", "m2")
    # "meg": OCR's mcg (the grammar reads it on OCR pages only)
    return {"unit": "units", "iu": "units", "ml": "mL", "auc": "AUC", "meg": "mcg"}.get(unit, unit)


def extract_medications(page: AnalyzedPage) -> Iterator[Finding]:
    mentions = [m for m in _drug_mentions(page) if _counts(page, m)]
    if not mentions:
        return
    reads = []
    for m, (pre_start, end) in zip(mentions, _scopes(page, mentions), strict=True):
        reads.append(_read(page, m, pre_start, end))
        # A regimen's other drugs read the same scope ("4 cycles of ddAC (2019)": both historical).
        reads += [_read(page, partner, pre_start, end) for partner in _regimen_partners(page, m)]
    # A class word's scope ends at the next drug; it cuts no drug's own scope ("a pegfilgrastim
    # injection the day after chemo (pending approval)").
    partners: dict[int, list[DrugMention]] = {}
    by_class = [m for m in _class_mentions(page, mentions, partners) if _counts(page, m)]
    if by_class:
        every = sorted(mentions + by_class, key=lambda m: m.start)
        for m, (pre_start, end) in zip(every, _scopes(page, every), strict=True):
            if m in by_class and (r := _class_read(_read(page, m, pre_start, end))) is not None:
                reads.append(r)
                # (the other drugs of the regimen the class word stands for read the same)
                reads += [dataclasses.replace(r, mention=p, changes=list(r.changes), statuses=list(r.statuses),
                                              reasons=list(r.reasons), leaves=dict(r.leaves))
                          for p in partners.get(m.start, [])]
        reads.sort(key=lambda r: r.mention.start)
    _share_within_sentences(page, reads)
    _course_finished_after(page, reads)
    _unclaimed_changes(page, reads)
    _per_body_changes_to_their_drug(page, reads)
    _referred_changes_to_stepped_drug(page, reads)
    by_drug: dict[str, list[_Read]] = {}
    for r in reads:
        by_drug.setdefault(r.mention.drug.name, []).append(r)
    for name, drug_reads in by_drug.items():
        yield _finding(page, name, drug_reads)


#: How far (characters) before a change the hold whose reason it takes may stand.
_HOLD_REACH = 600


def _hold_before(reads: list[_Read], change: _Change) -> _Leaf | None:
    """The drug's last hold told before `change` (within _HOLD_REACH), when no other change of the drug
    stands between them."""
    holds = [s for r in reads for s in r.statuses if s.value == "held" and change.pos - _HOLD_REACH <= s.pos < change.pos]
    if not holds:
        return None
    hold = max(holds, key=lambda s: s.pos)
    between = any(hold.pos < c.pos < change.pos for r in reads for c in r.changes)
    return None if between else hold


#: A sentence about an antibiotic course, by its opening ("Course finished 17/11.", "The antibiotic course is complete").
_COURSE = re.compile(r"(?:(?:the|her|his|this|that|antibiotic)[ \t]+)*(?:course|antibiotics?)\b", re.I)


def _course_finished_after(page: AnalyzedPage, reads: list[_Read]) -> None:
    """A short drug-less sentence about a course ("Course finished 17/11.") right after the sentence
    of an antibiotic with no status of its own ("ciprofloxacin 500 mg BD for a UTI on 12/11 -
    QT-prolonging with ribociclib."): the antibiotic's course is over."""
    text = page.text
    rule = _rule("med.status.course-finished")
    for r in reads:
        if r.statuses or r.mention.drug.drug_class not in rule.params["classes"]:
            continue
        n_start, n_end = page.sentence_at(_skip_space(text, r.sentence[1]))
        if n_start < r.sentence[1] or n_end - n_start > 60 or not _COURSE.match(text, n_start, n_end) \
                or drugs().find(text[n_start:n_end]):
            continue
        m = next(iter(rule.finditer(text, page.is_ocr, n_start, n_end)), None)
        if m is not None:
            r.statuses.append(_Leaf(rule.params["value"], [page.evidence(m.start(), m.end(), rule.id)], m.start()))


def _unclaimed_changes(page: AnalyzedPage, reads: list[_Read]) -> None:
    """A dose change told in a sentence that names no drug and lies outside every drug's scope (a
    diary's paragraph under its "PALBOCICLIB 125 mg" heading: "Doctor changed me onto the 100 mg
    capsules now.") is the change of the drug the page is about: the one drug named before it whose
    dose steps (extract/vocab/drugs.json) hold the new dose (and the old one, when written), in mg;
    the reasons its sentence gives come along. When two named drugs could take it, or none, it is no one's."""
    stepped = [r for r in reads if r.mention.drug.dose_steps]
    if not stepped:
        return  # (most pages: no drug with dose steps, nothing to scan)
    text = page.text
    scopes = [(r.pre_start, r.end) for r in reads]
    for rule in _rules("med.change."):
        if rule.params.get("around_drug") or rule.params.get("from_only") or rule.params.get("chained"):
            continue
        for a, b in clinical_segments(page):
            for m in rule.finditer(text, page.is_ocr, a, b):
                if any(s <= m.start() < e for s, e in scopes) or _unit(m.groupdict().get("unit") or "") != "mg":
                    continue
                to = _number(m.group("to"))[0]
                start = m.groupdict().get("from") and _number(m.group("from"))[0]
                owners = {r.mention.drug.name for r in stepped if r.mention.start < m.start()
                          and to in r.mention.drug.dose_steps and (not start or start in r.mention.drug.dose_steps)}
                if len(owners) != 1 or assertion_at(page, m.start(), m.end()) in ("hypothetical", "negated"):
                    continue
                s_start, s_end = statement_at(page, m.start())
                if drugs().find(text[s_start:s_end]):
                    continue  # a sentence naming a drug tells its own drug's change
                owner = max((r for r in stepped if r.mention.drug.name in owners and r.mention.start < m.start()),
                            key=lambda r: r.mention.start)
                owner.changes.append(_change_of(page, rule, m))
                scopes.append(m.span())
                # its own sentence's reason ("Previously reduced 150 mg -> 100 mg BID in 09/2026 for diarrhea")
                _read_reasons(page, owner, s_start, s_end)


def _referred_changes_to_stepped_drug(page: AnalyzedPage, reads: list[_Read]) -> None:
    """A change told in a sentence after a drug without dose steps, which joined that drug's scope by referring back
    ("... diarrhoea on abemaciclib 150 mg twice daily despite loperamide. We reduced her to 2 tablets twice daily
    (100 mg BD, dose level -1)"), is the change of the one drug named before it whose dose steps hold its doses."""
    stepped = [r for r in reads if r.mention.drug.dose_steps]
    if not stepped:
        return
    for r in reads:
        if r.mention.drug.dose_steps:
            continue
        for change in [c for c in r.changes if c.pos >= r.sentence[1]]:
            held = [o for o in stepped if o.mention.start < change.pos and change.to_dose.value in o.mention.drug.dose_steps
                    and (change.from_dose is None or change.from_dose.value in o.mention.drug.dose_steps)]
            if len({o.mention.drug.name for o in held}) != 1:
                continue
            _move_change(page, change, r, max(held, key=lambda o: o.mention.start))


#: A dose unit by body weight or area ("mg/kg", "mg/m2").
_PER_BODY = re.compile(r"/\s*(?:kg|m)", re.I)


def _per_body_changes_to_their_drug(page: AnalyzedPage, reads: list[_Read]) -> None:
    """A change to a dose by weight or area read in the scope of a drug dosed only in plain amounts
    ("Started sacituzumab govitecan 10 mg/kg ... filgrastim added. C2D1 given at 7.5 mg/kg (first dose
    reduction, for the neutropenia)") is the change of the drug named last before it with a dose in that
    unit; it takes the reasons of its own sentence along."""
    for r in reads:
        for change in [c for c in r.changes if c.unit is not None and _PER_BODY.search(c.unit.value)]:
            if any(o.mention.drug.name == r.mention.drug.name and o.dose and o.dose[1] is not None
                   and _PER_BODY.search(o.dose[1].value) for o in reads):
                continue  # (the drug's own dose is by weight or area: its change)
            owners = [o for o in reads if o.mention.start < change.pos and o.mention.drug.name != r.mention.drug.name
                      and o.dose and o.dose[1] is not None and o.dose[1].value == change.unit.value]
            if not owners:
                continue
            _move_change(page, change, r, max(owners, key=lambda o: o.mention.start))


def _move_change(page: AnalyzedPage, change: _Change, source: _Read, owner: _Read) -> None:
    """`change`, read in `source`'s scope, is `owner`'s; the reasons of its own statement come along."""
    source.changes.remove(change)
    owner.changes.append(change)
    s_start, s_end = statement_at(page, change.pos)
    owner.reasons += [x for x in source.reasons if s_start <= x.pos < s_end and x not in owner.reasons]
    owner.reasons.sort(key=lambda x: x.pos)


#: What a drug named by its class says of the drug (rules med.class-word.*).
_CLASS_STATUSES = frozenset({"held", "stopped", "active"})


def _class_mentions(page: AnalyzedPage, mentions: list[DrugMention],
                    partners: dict[int, list[DrugMention]]) -> list[DrugMention]:
    """Class words ("chemotherapy", "CDK4/6 inhibitor") read as the one drug of their classes the page
    names ("Paclitaxel 80 mg/m2 weekly ... chemotherapy withheld this cycle"); none when it names two,
    unless the rule reads a regimen (params.regimen) and one statement names them all ("Paclitaxel
    80 mg/m2 weekly + Carboplatin AUC 2 weekly ... chemo withheld today"): then the word is each of
    them, the first returned and the others put in `partners` under the word's start."""
    named: dict[str, dict[str, DrugMention]] = {}
    for m in mentions:
        named.setdefault(m.drug.drug_class, {}).setdefault(m.drug.name, m)
    out: list[DrugMention] = []
    for rule in _rules("med.class-word."):
        listed = [m for c in rule.params["classes"] for m in named.get(c, {}).values()]
        back = bool(rule.params.get("named_before"))
        regimen = rule.params.get("regimen") and len(listed) > 1 and _named_together(page, listed)
        if len(listed) != 1 and not (back and listed) and not regimen:
            continue
        for a, b in clinical_segments(page):
            for w in rule.finditer(page.text, page.is_ocr, a, b):
                if any(x.start < w.end() and w.start() < x.end for x in mentions) or _first_match(
                        _rule("med.exclude.class-indefinite"), page, page.text[max(a, w.start() - 12):w.start()]) is not None:
                    continue
                # (a class word that refers back: the one drug of its class named before it, "IV
                # piperacillin-tazobactam ... Antibiotics stopped on 18/11 and switched to cefuroxime")
                drug = listed[0].drug if len(listed) == 1 else None
                if back:
                    before = {m.drug.name: m.drug for m in mentions
                              if m.drug.drug_class in rule.params["classes"] and m.start < w.start()}
                    drug = next(iter(before.values())) if len(before) == 1 else None
                if regimen and not back:
                    drug = listed[0].drug
                    partners[w.start()] = [DrugMention(x.drug, w.start(), w.end(), w.group(0).lower(), 100.0)
                                           for x in listed[1:]]
                if drug is not None:
                    out.append(DrugMention(drug, w.start(), w.end(), w.group(0).lower(), 100.0))
    return sorted(out, key=lambda m: m.start)


def _named_together(page: AnalyzedPage, listed: list[DrugMention]) -> bool:
    """Whether one statement of the page names every drug of `listed` as one regimen: joined by "+",
    "plus", "with", "and" or "/" ("Paclitaxel 80 mg/m2 weekly + Carboplatin AUC 2"), not one after
    another ("AC-T then capecitabine")."""
    names = {m.drug.name for m in listed}
    for m in listed:
        s_start, s_end = statement_at(page, m.start)
        found = drugs().find(page.text[s_start:s_end])
        if not names <= {x.drug.name for x in found}:
            continue
        ours = [x for x in found if x.drug.name in names]
        gaps = [page.text[s_start + a.end:s_start + b.start] for a, b in zip(ours, ours[1:])]
        if all(_REGIMEN_JOIN.search(g) and not _SEQUENCE.search(g) for g in gaps):
            return True
    return False


_REGIMEN_JOIN = re.compile(r"\+|/|\b(?:plus|with|and)\b", re.I)
_SEQUENCE = re.compile(r"\b(?:then|followed\s+by|after|before|prior)\b|->|→|;", re.I)


def _class_read(r: _Read) -> _Read | None:
    """A class word's read keeps only what it says of the drug's state now (held, stopped, going on)
    and its changes; its words are no name, dose or date of the drug."""
    statuses = [s for s in r.statuses if s.value in _CLASS_STATUSES]
    if not statuses and not r.changes:
        return None
    return _Read(r.mention, r.pre_start, r.end, r.sentence, changes=r.changes, statuses=statuses,
                 reasons=r.reasons if r.changes else [])


def _drug_mentions(page: AnalyzedPage) -> list[DrugMention]:
    """Drugs named in the page text the clinical extractors scan (offsets into the page): the
    vocabulary's terms, and short forms the document defines for a drug ("ribociclib (RIB)")."""
    out: list[DrugMention] = []
    for start, end in clinical_segments(page):
        out += [dataclasses.replace(m, start=m.start + start, end=m.end + start)
                for m in drugs().find(page.text[start:end])]
    out = _combinations_written_apart(page, _without_components(page, _with_regimens(page, out)))
    defined = _defined_drug_mentions(page)
    if not defined:
        return out
    # A defined short form wins over a fuzzy reading of the same word; a vocabulary term over both.
    exact = [m for m in out if not m.fuzzy]
    kept = [m for m in defined if not any(x.start < m.end and m.start < x.end for x in exact)]
    fuzzy = [m for m in out if m.fuzzy and not any(x.start < m.end and m.start < x.end for x in kept)]
    return sorted(exact + fuzzy + kept, key=lambda m: m.start)


#: How far before its last part a combination written as its parts may begin (characters).
_COMBINATION_REACH = 40


def _combinations_written_apart(page: AnalyzedPage, mentions: list[DrugMention]) -> list[DrugMention]:
    """A combination product named as its parts with their strengths ("calcium 600 mg + vitamin D 400 IU", rule
    med.combination.written-apart): one mention of the product, over the parts and their strengths."""
    rule = _rule("med.combination.written-apart")
    part = rule.params["part"]
    if not any(m.drug.name == part for m in mentions):
        return mentions
    out: list[DrugMention] = []
    for m in mentions:
        if m.drug.name == part:
            line_start = page.text.rfind("\n", 0, m.start) + 1
            found = next((c for c in rule.finditer(page.text, page.is_ocr, max(line_start, m.start - _COMBINATION_REACH),
                                                   _line_end(page.text, m.end)) if c.start("part") == m.start), None)
            if found is not None:
                m = DrugMention(drugs().get(rule.params["drug"]), found.start(), found.end(),
                                page.text[found.start():found.end()].lower(), 100.0)
        out.append(m)
    return out


#: Between a combination product's name and the bracket that spells out its parts ("Augmentin Duo Forte (").
_COMPONENTS_OPEN = re.compile(r"[ \t]*(?:[A-Za-z][\w-]*[ \t]+){0,3}\([^()\n]{0,40}")


def _without_components(page: AnalyzedPage, mentions: list[DrugMention]) -> list[DrugMention]:
    """A combination product's parts spelled out in brackets after it ("Augmentin Duo Forte (amoxicillin
    875 mg / clavulanic acid 125 mg)") are the product, not drugs of their own: the bracket is its scope."""
    out: list[DrugMention] = []
    for m in mentions:
        host = out[-1] if out else None
        if host is not None and host.drug.name != m.drug.name and m.drug.name in host.drug.name \
                and _COMPONENTS_OPEN.fullmatch(page.text, host.end, m.start):
            continue
        out.append(m)
    return out


def _with_regimens(page: AnalyzedPage, mentions: list[DrugMention]) -> list[DrugMention]:
    """`mentions` and the regimens written as letters ("ddAC", "TCHP") where no drug is named:
    each regimen is one mention of its first drug, its other drugs remembered on the page (read
    with the same scope, see `extract_medications`) and its letters as every drug's evidence."""
    vocab = drugs()
    regimens: dict[tuple[int, int], tuple[str, list[DrugMention]]] = {}
    found: list[DrugMention] = []
    for start, end in clinical_segments(page):
        for r in vocab.find_regimens(page.text[start:end]):
            s, e = r.start + start, r.end + start
            if any(m.start < e and s < m.end for m in mentions):
                continue
            term = page.text[s:e].lower()
            each = [DrugMention(vocab.get(name), s, e, term, 100.0) for name in r.regimen.drugs]
            found.append(each[0])
            regimens[(s, e)] = (page.text[s:e], each[1:])
    page.cache["medications.regimens"] = regimens
    return sorted(mentions + found, key=lambda m: m.start) if found else mentions


def _regimen_partners(page: AnalyzedPage, mention: DrugMention) -> list[DrugMention]:
    hit = page.cache.get("medications.regimens", {}).get((mention.start, mention.end))
    return hit[1] if hit is not None else []


def _drug_of(abbreviation: Abbreviation):
    """The drug a definition's long form names ("ribociclib", "Kisqali"), unless its short form is
    already a vocabulary term."""
    if drugs().find(abbreviation.short, fuzzy=False):
        return None
    found = drugs().find(abbreviation.long, fuzzy=False)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(abbreviation.long):
        return found[0]
    return None


def _defined_drug_mentions(page: AnalyzedPage) -> list[DrugMention]:
    """Uses of the document's short forms for drugs, remembered on the page for their evidence."""
    out: list[DrugMention] = []
    defined: dict[tuple[int, int], Abbreviation] = {}
    for abbreviation, named in defined_terms(page, _drug_of):
        for start, end in clinical_segments(page):
            for s, e in uses(page, abbreviation, start, end):
                out.append(DrugMention(named.drug, s, e, named.term, 100.0))
                defined[(s, e)] = abbreviation
    page.cache["medications.defined_abbreviations"] = defined
    return out


# --------------------------------------------------------------------------- which mentions count


#: A statement closed by a tag question ("I haven't restarted the Ibrance ... - is that right?"):
#: the statement stands; only the tag asks.
_TAG_QUESTION = re.compile(r"(?:\s[-–]|,)\s*(?:is\s+that|was\s+that|am\s+I|is\s+this)\s+(?:right|correct|ok|okay|alright)\s*\?\s*$", re.I)


#: A drug named as its own question and answered on the same line, as a patient's list or a phone
#: check-list writes it ("Zoladex? No - I don't get that any more", "Ibrance? yes, still taking it").
_ANSWERED = re.compile(r"(?:\)|[ \t]*\([^()\n]{1,30}\))?[^?\n()]{0,25}\?[ \t]*(?:[-–:,][ \t]*)?(?P<answer>yes|yep|yeah|no|nope)\b[ \t]*[-–:,.]?", re.I)


def _answer(page: AnalyzedPage, mention: DrugMention) -> re.Match | None:
    """The answer to a drug asked about by its name (and its dose) on a list line, when it is "Yes"
    (the drug is taken: "- Letrozole 2.5 mg daily? Yes, every night.") or its line says what became of
    the drug, a status or a change word ("Zoladex? No - I don't get that any more"); None otherwise
    ("Zoladex? No." alone is a drug not taken; "Is it ok to take ibuprofen? No..." asks a question)."""
    text = page.text
    line_start = text.rfind("\n", 0, mention.start) + 1
    lead = text[line_start:mention.start]
    if len(lead) > 12 or not _LIST_LEAD.fullmatch(lead):
        return None  # (the name does not open its list line)
    m = _ANSWERED.match(text, mention.end)
    if m is None or _is_yes(m):
        return m
    return m if _mentions_change_or_status(page, m.end(), _line_end(text, m.end())) else None


def _is_yes(answer: re.Match) -> bool:
    return answer.group("answer").lower() in ("yes", "yep", "yeah")


#: After a drug not to be restarted: a condition that makes it a hold ("will not restart palbociclib
#: until counts recover").
_NOT_YET = re.compile(r"\b(?:until|unless|if|before|till)\b", re.I)


def _counts(page: AnalyzedPage, mention: DrugMention) -> bool:
    """A mention about a drug this patient takes, took or will take."""
    text = page.text
    if section_at(page, mention.start) in ("allergies", "family_history", "biomarker_therapies"):
        return False
    s_start, s_end = statement_at(page, mention.start)
    assertion = assertion_at(page, mention.start, mention.end)
    # ConText's family trigger also fires inside drug names ("fam-trastuzumab"): a relative must be named.
    if assertion == "negated" and _first_match(_rule("med.status.not-restarting"), page,
                                               text[max(s_start, mention.start - _PRE_CUE_WINDOW):mention.start]) \
            and not _NOT_YET.search(text, mention.end, min(s_end, mention.end + 60)):
        assertion = "present"  # "I do not plan to restart trastuzumab deruxtecan": a hold made final, a stop
    if assertion in ("negated", "hypothetical", "possible") or names_relative(page, s_start, mention.start):
        return False
    if _first_match(_rule("med.exclude.allergy"), page, text[s_start:mention.start]):
        return False
    line_start = text.rfind("\n", 0, mention.start) + 1
    if _rule("med.exclude.population").pattern_for(page.is_ocr).match(text, mention.end):
        return False  # "Note for ribociclib patients: ..."
    if len(mention.term) <= 3 and _first_match(_rule("med.exclude.ocr-route-misread"), page,
                                                text[max(line_start, mention.start - 20):mention.start]):
        return False  # OCR's "3.75 mg SG": the route SC, not a drug's short form
    if _rule("med.exclude.study-title").pattern_for(page.is_ocr).match(text, line_start, mention.start):
        return False  # "Protocol: ... capivasertib + fulvestrant after CDK4/6 inhibitor": the trial's drugs
    if text[mention.end:s_end].rstrip().endswith("?") and "\n" not in text[mention.end:s_end].rstrip() and \
            not _TAG_QUESTION.search(text, mention.end, s_end) and _answer(page, mention) is None:
        return False  # "Is it ok to take ibuprofen for my knee?": a question, not a drug taken
    c_start, c_end = _clause_around(text, s_start, s_end, mention.start)
    declined = _first_match(_rule("med.exclude.declined"), page, text[c_start:c_end])
    if declined and not _in_other_drugs_bracket(text, mention, c_start + declined.start()):
        return False  # "she declined ribociclib", "olaparib is not indicated" (in the drug's own clause)
    if _first_match(_rule("med.exclude.only-if"), page, text[mention.end:c_end]) and \
            _first_match(_rule("med.status.planned"), page, text[c_start:c_end]):
        return False  # "Metformin to be started by GP only if fasting glucose rises"
    if _first_match(_rule("med.exclude.not-needed"), page, text[mention.end:min(s_end, mention.end + 80)]):
        return False  # "goserelin is not needed"
    if _rule("med.exclude.offered-declined").pattern_for(page.is_ocr).match(text, mention.end, mention.end + 120):
        return False  # "Zoledronic acid offered 01/2026 ...; patient declined"
    if _first_match(_rule("med.exclude.advised-against"), page, text[max(s_start, mention.start - 40):mention.start]):
        return False  # "Do NOT take ibuprofen while your counts are low"
    if _first_match(_rule("med.exclude.temporal-anchor"), page, text[max(s_start, mention.start - 40):mention.start]):
        return False  # "after paclitaxel", "before each paclitaxel dose": a point in time, not a statement
    if _is_estimate(page, min(s_start, line_start), mention):
        return False  # "recurrence risk at 9 years: 8% with AI or tamoxifen alone": a statistic
    if _conditional_from(page, s_start, mention.start) is not None:
        return False  # "if progression, would switch to fulvestrant"
    if _first_match(_rule("med.exclude.after-clause"), page, text[s_start:mention.start]) and \
            not _first_match(_rule("med.exclude.past-tense"), page, text[mention.end:s_end]):
        return False  # "after paclitaxel, trastuzumab every 3 weeks": a later plan
    return True


def _in_other_drugs_bracket(text: str, mention: DrugMention, pos: int) -> bool:
    """`pos` lies in a bracket after the drug that names another drug before it ("Started sacituzumab
    govitecan ... on 2026-11-05 (pembrolizumab rechallenge was considered ...)"): the other drug's words."""
    opened = text.rfind("(", mention.end, pos)
    if opened < 0 or ")" in text[opened:pos]:
        return False
    return any(m.drug.name != mention.drug.name for m in drugs().find(text[opened + 1:pos], fuzzy=False))


def _is_estimate(page: AnalyzedPage, start: int, mention: DrugMention) -> bool:
    """A drug inside a population estimate ("risk ... 8% with tamoxifen alone", "risk of recurrence
    with tamoxifen alone is 12%"), read from `start` (the line's start when it comes first: a label's
    colon may open the statement)."""
    text = page.text
    before = text[start:mention.start]
    if _first_match(_rule("med.exclude.risk-estimate"), page, before):
        return True
    return bool(_first_match(_rule("med.exclude.risk-before"), page, before)) and \
        bool(_first_match(_rule("med.exclude.alone-statistic"), page, text[mention.end:mention.end + 80]))


# (and ", and we ...": a new subject opens a clause of its own: "She declined zoledronic acid ..., and we
# will instead start denosumab next visit")
_CLAUSE_BREAK = re.compile(r";|\.\s|,?\s+(?:but|however|whereas|although)\s+|,\s+and\s+(?=(?:we|I|she|he|they)\s)", re.I)


def _clause_around(text: str, start: int, end: int, pos: int) -> tuple[int, int]:
    """The clause of [start, end) that holds `pos` (split at ';', '. ' and 'but')."""
    c_start = max([start] + [m.end() for m in _CLAUSE_BREAK.finditer(text, start, pos)])
    m = _CLAUSE_BREAK.search(text, pos, end)
    return c_start, (m.start() if m else end)


def _conditional_from(page: AnalyzedPage, start: int, pos: int) -> int | None:
    """Start of a conditional clause that is still open at `pos` (searching from `start`)."""
    opened = None
    for m in _rule("med.exclude.conditional").finditer(page.text, page.is_ocr, start, pos):
        opened = m
    if opened is None:
        return None
    if _CLAUSE_END.search(page.text, opened.start(), pos):
        return None
    # "capivasertib was considered but alpelisib + fulvestrant started": a "but" ends a weighing of
    # options (not a condition: "if ANC < 1.0, hold ribociclib but continue letrozole")
    if _WEIGHED.match(opened.group(0)) and _BUT.search(page.text, opened.end(), pos):
        return None
    return opened.start()


_WEIGHED = re.compile(r"consider|discussed|candidate|option", re.I)
_BUT = re.compile(r",?\s+but\s+", re.I)


# --------------------------------------------------------------------------- scopes


def _scopes(page: AnalyzedPage, mentions: list[DrugMention]) -> list[tuple[int, int]]:
    """(pre-cue start, scope end) of each mention (the scope itself starts at the mention).

    Between two drugs of one statement, the status words right before the second drug are its
    own ("... and stopped tamoxifen"); everything else between them belongs to the first."""
    ends: list[int] = []
    for i, m in enumerate(mentions):
        s_start, s_end = statement_at(page, m.start)
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if nxt is not None and nxt.start < s_end:
            ends.append(_own_words_start(page, m.end, nxt.start))
        else:
            ends.append(_extend_to_referring_sentences(page, m, s_end, nxt))
        ends[-1] = _through_open_bracket(page.text, m.start, ends[-1], nxt.start if nxt is not None else len(page.text))
    out = []
    for i, m in enumerate(mentions):
        s_start, _ = statement_at(page, m.start)
        s_start = _wrapped_start(page.text, s_start, m.start)
        prev_end = ends[i - 1] if i and mentions[i - 1].end > s_start else s_start
        out.append((min(m.start, max(prev_end, m.start - _PRE_CUE_WINDOW, _table_row_start(page.text, m.start))), ends[i]))
    return out


#: How far (characters) past a scope's end the close of a bracket it opened may stand.
_BRACKET_REACH = 240


def _through_open_bracket(text: str, start: int, end: int, limit: int) -> int:
    """A scope that ends inside a bracket it opened (a statement cut at a semicolon: "Tab Palbociclib
    125mg -> 100mg (from C5 ; Gr 3 neutropenia)", a dose history wrapped onto the next line: "(started 600 mg
    02/2026; DL-1 400 mg\nfrom C3 for neutropenia; DL-2 200 mg from C6 for ALT rise, grade 2)") runs on to the
    bracket's close, within the paragraph."""
    opened = text.rfind("(", start, end)
    if opened < 0 or text.find(")", opened, end) >= 0:
        return end
    reach = min(limit, end + _BRACKET_REACH)
    blank = text.find("\n\n", end, reach)
    close = text.find(")", end, blank if blank >= 0 else reach)
    return close + 1 if close >= 0 and "(" not in text[end:close] else end


#: A line of running prose wrapped in mid-sentence: long, ending in a word or a number ("We are holding
#: your", "Abemaciclib reduced to 100 mg").
#: (not a table row, with its runs of spaces, nor a line before a list item)
_WRAPPED_LINE = re.compile(r"(?![^\n]*\S(?: {2,}|\t)\S)[^\n]{60,}[a-z0-9][ \t]*\n[ \t]*(?![-*•]|\d{1,2}[.)]\s)", re.I)
#: A line that opens with a label ("Labs: ...", "ECOG: 1"): not the wrapped rest of the line before.
_LABEL_OPENS = re.compile(r"[ \t]*[\w][\w /&-]{0,25}:")


def _wrapped_start(text: str, s_start: int, drug_start: int) -> int:
    """A statement that opens with the drug on a line of its own after prose wrapped in mid-sentence
    ("... We are holding your\nIbrance (palbociclib) this week."): its pre-cue may reach back into the
    line before (the pre-cue window still applies)."""
    if s_start != drug_start or s_start == 0 or text[s_start - 1] != "\n":
        return s_start
    prev_start = text.rfind("\n", 0, s_start - 1) + 1
    return prev_start if _WRAPPED_LINE.fullmatch(text, prev_start, s_start) else s_start


_TABLE_GAP = re.compile(r"\S(?: {2,}|\t|[ \t]*\|[ \t]*)\S")


def _table_row_start(text: str, pos: int) -> int:
    """The start of the line at `pos` when the line before it is a table's (cells apart by runs of
    spaces, tabs or pipes): a header's "Stop" column is no status word of the first row's drug."""
    line_start = text.rfind("\n", 0, pos) + 1
    if line_start == 0:
        return 0
    prev_start = text.rfind("\n", 0, line_start - 1) + 1
    return line_start if _TABLE_GAP.search(text, prev_start, line_start - 1) else 0


def _for_class(rules: Iterable[CompiledRule], drug_class: str | None) -> list[CompiledRule]:
    """The rules that read for a drug of `drug_class` (a rule's `classes` param limits it; with no
    class known, such a rule is left out)."""
    return [r for r in rules if not isinstance(r.params.get("classes"), list) or drug_class in r.params["classes"]]


def _frequency_right_before(page: AnalyzedPage, start: int, drug_start: int,
                            prefix: str = "med.frequency.", drug_class: str | None = None) -> tuple[CompiledRule, regex.Match] | None:
    """The frequency word (or, with `prefix` "med.route.", the route) that ends where the drug's
    name begins (spaces between only): "then weekly paclitaxel", not "every 4 weeks with calcium";
    "IV zoledronic acid", "SC denosumab" (a route right after a dose is that dose's drug's:
    "letrozole 2.5 mg PO letrozole" never gives PO to the second)."""
    for rule in _for_class(_rules(prefix), drug_class):
        for m in rule.finditer(page.text, page.is_ocr, start, drug_start):
            # (not across a line break: "... IM q28 days" closes a list line, the next drug opens one)
            if not page.text[m.end():drug_start].strip() and "\n" not in page.text[m.end():drug_start] \
                    and not (prefix == "med.route." and _AFTER_DOSE.search(page.text, start, m.start())):
                return rule, m
    return None


#: The end of a dose ("2.5 mg ", "600 "): a route written right after it is the dose's.
_AFTER_DOSE = re.compile(r"(?:\d|\b(?:mg|mcg|g|units?|mL|m2|kg|tabs?|tablets?|caps?|capsules?))[ \t]*$", re.I)


#: A status column closing a list line ("palbociclib 125 mg capsule - ON HOLD" and the next drug on
#: the next line): the text before the status word on its line ends in a separator.
_ENDS_LIST_LINE = re.compile(r"\S[ \t]*(?:[-–:|]|\t|[ ]{2,})[ \t]*$")


def _own_words_start(page: AnalyzedPage, after: int, drug_start: int) -> int:
    """Where the words that belong to the drug at `drug_start` begin: a status word right before
    it ("stopped tamoxifen", "plan tamoxifen") or a frequency word touching it ("then weekly
    paclitaxel"), else the drug itself."""
    start = max(after, drug_start - _PRE_CUE_WINDOW)
    best = drug_start
    for rule in _rules("med.status."):
        if rule.params.get("after_only"):
            continue  # "then switched to" is the drug before's
        for m in rule.finditer(page.text, page.is_ocr, start, drug_start):
            if _LEADS_TO_DRUG.fullmatch(page.text, m.end(), drug_start) and m.start() < best \
                    and not ("\n" in page.text[m.end():drug_start] and _ENDS_LIST_LINE.search(
                        page.text, page.text.rfind("\n", 0, m.start()) + 1, m.start())):
                best = m.start()
    # "... apixaban 5 mg BID, type 2 diabetes on metformin": the "on" is the second drug's.
    on = _ON_DRUG.search(page.text, start, drug_start)
    if on is not None:
        best = min(best, on.start())
    for prefix in ("med.frequency.", "med.route."):
        touching = _frequency_right_before(page, start, drug_start, prefix)
        if touching is not None:
            best = min(best, touching[1].start())
    return best


#: A diary entry's opening: "Day 15:", "D8 -", "09/11", "- 02/11/2026", "Mon 3 Nov", "3rd Nov:".
_DIARY_ENTRY = re.compile(r"[ \t]*(?:[-*•][ \t]*)?(?:day[ \t]*\d{1,2}|D\d{1,2}|\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?"
                          r"|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?[ \t]+\d{1,2}(?:st|nd|rd|th)?(?:[ \t]+[a-z]{3,9})?"
                          r"|\d{1,2}(?:st|nd|rd|th)?[ \t]+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6})"
                          r"(?![\w/.-]\d)", re.I)
#: How far below its drug a diary's dose change may stand (characters).
_DIARY_REACH = 800
#: The longest line that heads a diary's entries ("KISQALI (ribociclib) 600 mg - cycle 3").
_DIARY_HEADING = 70


def _diary_reach(page: AnalyzedPage, m: DrugMention, limit: int) -> int | None:
    """The end of the last entry of a diary that changes the dose without naming a drug, when the drug
    heads the entries or opens one of them ("KISQALI (ribociclib) 600 mg - cycle 3" ... "Day 15: told to
    drop to 2 tablets (400 mg)"); None otherwise. The entries run on without a blank line."""
    text = page.text
    line_start = text.rfind("\n", 0, m.start) + 1
    line_end = text.find("\n", m.end)
    if line_end < 0:
        return None
    opens_entry = _DIARY_ENTRY.match(text, line_start) is not None
    heads = not opens_entry and line_end - line_start <= _DIARY_HEADING and _DIARY_ENTRY.match(text, line_end + 1) is not None
    if not heads and not opens_entry:
        return None
    reach = None
    pos = line_end + 1
    while pos < min(limit, m.end + _DIARY_REACH) and _DIARY_ENTRY.match(text, pos) is not None:
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        if end > limit:
            break
        if any(_diary_change(m, heads, found) for rule in _rules("med.change.")
               if not rule.params.get("around_drug") and not rule.params.get("from_only")
               for found in rule.finditer(text, page.is_ocr, pos, end)):
            reach = end
        pos = end + 1
    return reach


def _diary_change(m: DrugMention, heads: bool, found: regex.Match) -> bool:
    """A change in a diary entry is the drug's when its dose is one of the drug's dose steps; for a
    drug without dose steps, only under the drug's own heading (not "Day 8: paracetamol 1 g" above
    "Day 15: told to drop to 2 tablets (400 mg)")."""
    steps = m.drug.dose_steps
    return _number(found.group("to"))[0] in steps if steps else heads


def _extend_to_referring_sentences(page: AnalyzedPage, m: DrugMention, end: int, nxt: DrugMention | None) -> int:
    text = page.text
    section = section_at(page, m.start)
    limit = nxt.start if nxt is not None else len(text)
    diary = _diary_reach(page, m, limit)
    if diary is not None and diary > end:
        return diary
    answer = _answer(page, m) if text[m.end:end].rstrip().endswith("?") else None
    answered = _line_end(text, answer.end()) if answer is not None else None
    if answered is not None and answered <= limit:
        return answered  # "Zoladex? No - I don't get that any more": the answer is the drug's
    line_start = text.rfind("\n", 0, m.start) + 1
    entry = _DIARY_ENTRY.match(text, line_start) is not None and text[line_start:m.start].strip() != ""
    # (a drug opening its row, after its indent, a bullet or its generic name: "  ribociclib (KISQALI) 200 mg tablet")
    row_indent = _indent_at(text, m.start) if _ROW_LEAD.fullmatch(text, line_start, m.start) else -1
    while end < limit and end - m.end < _REFER_WINDOW:
        s_start, s_end = statement_at(page, _skip_space(text, end))
        row_comment = _ROW_COMMENT.match(text, s_start)
        if s_start >= end and text.count("\n", end - 1, s_start) <= 1 \
                and (row_comment is not None and _indent_at(text, s_start) > 0
                     or _indent_at(text, s_start) > _indent_at(text, m.start) >= 0 and row_indent >= 0):
            # a list row's indented "Comment:" line under it ("   Comment: Dose level -1 since C4 ...; was 125 mg."), or
            # a line indented deeper under a drug's row ("  ribociclib (KISQALI) 200 mg tablet" over "     Take 2 tablets
            # ..." and "     CHANGED: previously 3 tablets daily. Do not start your next cycle until ...")
            end = min(s_end, limit)
            continue
        if s_start < end or section_at(page, s_start) != section:
            break
        if _wrapped_start(text, s_start, s_start) < s_start and not _LABEL_OPENS.match(text, s_start, s_end) \
                and text.count("\n", len(text[:s_start].rstrip()), s_start) == 1:
            # "Abemaciclib reduced to 100 mg\nBID (04/2026) and then 50 mg ...": one sentence wrapped
            if s_end > limit:
                end = _own_words_start(page, s_start, limit)
                break
            end = s_end
            continue
        if s_end > limit:
            # "...; further reduced to 50 mg BD for diarrhoea despite loperamide": the next drug named
            # inside the statement ends the scope there, after this drug's own change.
            if _SUBJECTLESS.match(text, s_start, limit) and _mentions_change_or_status(page, s_start, limit):
                end = _own_words_start(page, s_start, limit)
            elif _REASON_OPENS.match(text, s_start, limit) and _states_reason(page, s_start, limit):
                end = _own_words_start(page, s_start, limit)  # "Reason: grade 3 diarrhoea despite loperamide."
            break
        words_end = end
        while words_end > m.end and text[words_end - 1] in " \t\n":
            words_end -= 1  # (an indented label's statement ends after the next line's indent)
        if _SIG_LINE.match(text, s_start, s_end) and "\n" in text[max(0, words_end - 1):s_start + 1]:
            end = s_end  # a label's or list's directions line under the drug ("Take ONE tablet daily")
            continue
        if _FREQUENCY_OPENS.match(text, s_start, s_end) and _states_frequency(page, s_start, s_end):
            end = s_end  # "Fulvestrant 500 mg IM given today. Repeat every 28 days."
            continue
        if entry and text[s_start - 1:s_start] == "\n" and _DIARY_ENTRY.match(text, s_start) is not None:
            break  # the next diary entry is an event of its own ("Day 8: paracetamol 1 g" / "Day 15: told to drop ...")
        refers = _REFERS_BACK.search(text, s_start, s_end) or _SUBJECTLESS.match(text, s_start, s_end) \
            or _REASON_OPENS.match(text, s_start, s_end)
        if not refers or not (_mentions_change_or_status(page, s_start, s_end) or _states_reason(page, s_start, s_end)):
            break
        end = s_end
    return end


#: What may stand before a drug that opens a list row: an indent, a bullet or number, its generic name and a bracket.
_ROW_LEAD = re.compile(r"[ \t]*(?:(?:[-*•]|\d{1,2}[.)])[ \t]*)?(?:[A-Za-z][\w-]*[ \t]*\([ \t]*)?")


def _indent_at(text: str, pos: int) -> int:
    """The indent (spaces and tabs) that opens the line holding `pos`."""
    line_start = text.rfind("\n", 0, pos) + 1
    line = text[line_start:pos]
    return len(line) - len(line.lstrip(" \t"))


#: A list row's own comment line, indented under it.
_ROW_COMMENT = re.compile(r"(?:comments?|notes?)[ \t]*:", re.I)


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


#: A sentence of its own that opens with a reason ("Due to grade 3 neutropenia.").
#: ("Reason: febrile neutropenia.", "The reason for this was grade 3 neutropenia.")
_REASON_OPENS = re.compile(r"[\W\d]*(?:due\s+to|because\s+of|secondary\s+to|owing\s+to|(?:the\s+)?reasons?)\b", re.I)


#: A sentence of its own that tells how often the drug before it is given ("Repeat every 28 days.",
#: "Given every 4 weeks.", "This is given monthly.", "Thereafter 3-weekly.", a diary's "Shots every 4 weeks.").
_FREQUENCY_OPENS = re.compile(r"[\W\d]*(?:(?:it|this|these|they|which|the\s+(?:injections?|infusions?|doses?))\s+(?:is|are|will\s+be)"
                              r"\s+(?:then\s+)?(?:given|repeated|due|administered)|(?:to\s+be\s+)?(?:repeat(?:ed)?|given|administered)"
                              r"|then|thereafter|and\s+then|subsequent\s+doses|next\s+doses"
                              r"|(?:(?:the|my|her|his|your)\s+)?(?:shots?|injections?|jabs?|infusions?)(?=\s+(?:every|once|monthly|weekly|q\s?\d)))\b", re.I)


def _states_frequency(page: AnalyzedPage, start: int, end: int) -> bool:
    """The sentence holds a frequency (med.frequency.*) and names no drug."""
    return any(next(iter(rule.finditer(page.text, page.is_ocr, start, end)), None) is not None
               for rule in _rules("med.frequency.")) and not drugs().find(page.text[start:end])


def _states_reason(page: AnalyzedPage, start: int, end: int) -> bool:
    """A sentence that gives a reason ("This was due to grade 3 neutropenia."): a reason term with
    its introducing words (med.reason.intro) right before it."""
    text = page.text
    intro = _rule("med.reason.intro")
    return any(_first_match(intro, page, text[max(start, m.start() - 60):m.start()])
               for rule in _rules("med.reason.") if rule.id != "med.reason.intro"
               for m in rule.finditer(text, page.is_ocr, start, end))


def _mentions_change_or_status(page: AnalyzedPage, start: int, end: int) -> bool:
    return any(next(iter(rule.finditer(page.text, page.is_ocr, start, end)), None) is not None
               for rule in (*_rules("med.change."), *_rules("med.status.")) if not rule.params.get("before_only"))


# --------------------------------------------------------------------------- reading one scope


def _read(page: AnalyzedPage, mention: DrugMention, pre_start: int, end: int) -> _Read:
    text = page.text
    info = mention.drug
    r = _Read(mention, pre_start, end, statement_at(page, mention.start))
    name = _name_evidence(page, mention)
    r.leaves["name"] = _Leaf(info.name, [name], mention.start)
    expansion = name.correction if name.rule == "med.name.defined-abbreviation" else None
    r.leaves["drug_class"] = _Leaf(info.drug_class, [page.evidence(mention.start, mention.end, "vocab.drugs.class",
                                                                   correction=expansion)], mention.start)
    brand = next((b for b in info.brands if b.lower() == mention.term), None)
    if brand:
        r.leaves["brand"] = _Leaf(brand, [page.evidence(mention.start, mention.end, "vocab.drugs.brand")], mention.start)

    blocked = _blocked_spans(page, mention.start, end)

    answer = _answer(page, mention)

    def usable(s: int, e: int) -> bool:
        if any(bs <= s < be for bs, be in blocked):
            return False
        # (an answer's "No - the dentist said to stop it": the "No" answers the question, it negates nothing after it)
        return assertion_at(page, s, e) not in (("hypothetical",) if answer is not None and s >= answer.end()
                                                else ("hypothetical", "negated"))

    body = mention.end
    # Dose changes first: their numbers are not plain dose statements.
    from_only: list[tuple[CompiledRule, regex.Match]] = []
    for rule in _rules("med.change."):
        around = rule.params.get("around_drug")
        # (the words before the drug may be longer than its pre-cue: "switched her from 600 to 400 mg of ribociclib")
        for m in rule.finditer(text, page.is_ocr, max(r.sentence[0], mention.start - _AROUND_REACH) if around else body, end):
            if rule.params.get("from_only"):
                from_only.append((rule, m))  # read once the row's own dose is known (below)
                continue
            if around and (m.start("drug") != mention.start or not m.group("unit") and
                           _number(m.group("to"))[0] not in info.dose_steps):
                continue  # "lowered my Kisqali to 400": this drug, and a bare number only at a dose step
            if m.start() >= r.sentence[1] and info.dose_steps and _number(m.group("to"))[0] not in info.dose_steps:
                continue  # a later sentence about "the dose" ("Cycle 6: dose reduced to 100 mg") is not
                #           letrozole's (2.5 mg): a drug with dose steps takes only a change to one of them
            if ((usable(m.start(), m.end()) or rule.params.get("contrast") and _negated_by_contrast_only(page, r.sentence[0], m))
                    and not any(c.span[0] < m.end() and m.start() < c.span[1] for c in r.changes)):
                if rule.params.get("chained") and not any(c.pos < m.start() for c in r.changes):
                    continue  # "then to 200 mg" continues a change told before it
                lead = text[max(r.pre_start, m.start() - 50):m.start()]
                if rule.params.get("unless_planned") and (_first_match(_rule("med.exclude.planned-dose"), page, lead)
                                                          or _FUTURE_LEAD.search(lead)):
                    continue  # "then restart at 100 mg twice daily (dose level -1)", "Cycle 3 to start ... at": a plan
                r.changes.append(_change_of(page, rule, m))
    planned = _rule("med.exclude.planned-dose")
    # (not a change's own count: "told to drop to 2 tablets (400 mg)")
    total = _first(page, [_rule("med.dose.total"), _rule("med.dose.sig")], body, end, lambda a, b: usable(a, b) and not any(
        c.span[0] <= a < c.span[1] for c in r.changes))
    amounts = [total[1]] if total else _rule("med.dose.amount").finditer(text, page.is_ocr, body, end)
    dose_rule = total[0].id if total else "med.dose.amount"
    candidates = [m for m in amounts
                  if usable(m.start(), m.end()) and not any(c.span[0] <= m.start() < c.span[1] for c in r.changes)
                  and not _in_strength_sum(page, m)]
    first = None if total else next((m for m in _rule("med.dose.amount").finditer(text, page.is_ocr, body, end)
                                     if usable(m.start(), m.end())), None)
    counted = _counted_dose(page, first, end, usable, info.dose_steps) if first is not None else None
    if counted is not None:
        candidates = []  # "200MG TAB / TAKE 3 TABLETS": the strength times the count is the dose
        r.dose, r.attributes_end = counted
        for change in r.changes:  # "200 mg 2 tab OD (dose reduced from 600 mg)": reduced to 400 mg
            if change.to_dose.evidence[0].start == r.dose[0].evidence[0].start:
                change.to_dose, change.unit = r.dose
        r.earlier_dose = bool(_first_match(_rule("med.dose.earlier"), page, text[r.sentence[0]:r.sentence[1]]))
    # A one-time loading dose is the dose only when no maintenance dose follows it.
    loading = [m for m in candidates
               if _first_match(_rule("med.exclude.loading-dose"), page, text[m.end():m.end() + 40])]
    for m in [m for m in candidates if m not in loading] + loading:
        # (a change verb before the drug too: "reduce ribociclib to 400 mg from next cycle")
        change_verb = _PLANNED_CHANGE.search(text, max(r.pre_start, m.start() - 60), m.start())
        # (a restart verb right before the drug: "Plan to restart palbociclib at 100 mg if ANC >= 1.0")
        lead_start = r.pre_start if _RESTART_BEFORE.search(text, r.pre_start, mention.start) else body
        if _first_match(planned, page, text[max(lead_start, m.start() - 50):m.start()]) or change_verb and _first_match(
                planned, page, text[max(r.pre_start, m.start() - 50):m.start()]):
            if "planned_dose" not in r.leaves and change_verb:
                r.leaves["planned_dose"] = _Leaf(_number(m.group("dose"))[0], [page.evidence(
                    m.start("dose"), m.end("dose"), "med.change.planned")], m.start())
                r.leaves["planned_unit"] = _Leaf(_unit(m.group("unit")), [page.evidence(
                    m.start("unit"), m.end("unit"), "med.change.planned")], m.start())
            continue  # "resume at 400 mg", "will lower to 100 mg": a plan, not the dose now
        if m.group("unit").lower() == "ml" and _first_match(_rule("med.exclude.diluent"), page,
                                                            text[max(body, m.start() - 40):m.start()]):
            continue  # "in NS 250 mL": the infusion bag's volume
        m = _dose_after_strength(page, m, end, lambda a, b: usable(a, b) and not any(
            c.span[0] <= a < c.span[1] for c in r.changes))
        value, fix = _number(m.group("dose"))
        r.dose = (_Leaf(value, [page.evidence(m.start("dose"), m.end("dose"), dose_rule, correction=fix)], m.start()),
                  _Leaf(_unit(m.group("unit")), [page.evidence(m.start("unit"), m.end("unit"), dose_rule)], m.start()))
        r.attributes_end = m.end()
        r.earlier_dose = bool(_first_match(_rule("med.dose.earlier"), page, text[r.sentence[0]:r.sentence[1]]))
        # "Dispensed today: Kisqali 200 mg x 42": a pack's strength and count, the dose only when nothing else is said
        # (and a strength named with its plural form: "decrease ribociclib to 2 tabs daily (200 mg tablets)")
        r.pack_strength = bool(info.dose_steps) and (_PACK_COUNT.match(text, m.end()) is not None
                                                     or _PLURAL_FORM.match(text, m.end()) is not None)
        break  # the first plain dose of a scope is its dose ("400 mg ... From 600 mg" is a change)
    if r.dose is None and info.dose_steps:
        r.dose = _bare_dose(page, mention, lambda a, b: usable(a, b) and not any(
            c.span[0] <= a < c.span[1] for c in r.changes))  # (not "from palbociclib 125 to 100 mg")
        if r.dose is not None:
            r.attributes_end = r.dose[0].evidence[0].end
    _tablet_changes(page, r, body, end, usable)
    for rule, m in from_only:
        # "100mg tablets one twice daily (hospital supply; reduced from 150mg ...)": from 150 mg to the row's dose
        if r.dose is not None and r.dose[0].pos < m.start() and usable(m.start(), m.end()) \
                and not any(c.span[0] < m.end() and m.start() < c.span[1] for c in r.changes):
            from_value, fix = _number(m.group("from"))
            if not m.group("from_unit") and from_value not in info.dose_steps:
                continue  # "Was 600 until August": a bare number only at a dose step
            if from_value != r.dose[0].value:
                r.changes.append(_Change(to_dose=r.dose[0], unit=r.dose[1], pos=m.start(), span=m.span(), from_only=True,
                                         from_dose=_Leaf(from_value, [page.evidence(m.start("from"), m.end("from"),
                                                                                    rule.id, correction=fix)], m.start())))

    for prefix, leaf in (("med.frequency.", "frequency"), ("med.route.", "route"), ("med.schedule.", "schedule")):
        hit = _first(page, _for_class(_rules(prefix), info.drug_class), body, end, usable)
        if hit is None and leaf in ("frequency", "route"):  # "weekly paclitaxel", "IV zoledronic acid"
            hit = _frequency_right_before(page, r.pre_start, r.mention.start, prefix, info.drug_class)
            if hit is not None and not usable(hit[1].start(), hit[1].end()):
                hit = None
        if hit:
            rule, m = hit
            value = _schedule_of(rule, m) if leaf == "schedule" else rule.params["value"]
            r.leaves[leaf] = _Leaf(value, [page.evidence(m.start(), m.end(), rule.id)], m.start())
            r.attributes_end = max(r.attributes_end, m.end())
    if "frequency" in r.leaves and r.leaves["frequency"].value != "as needed":
        # "8 mg PO q8h PRN nausea": a dose allowed every 8 hours, taken only when needed
        prn = _first(page, [_rule("med.frequency.as-needed")], body, end, usable)
        if prn is not None and not _SENTENCE_END.search(text, r.leaves["frequency"].pos, prn[1].start()):
            r.leaves["frequency"] = _Leaf("as needed", [page.evidence(prn[1].start(), prn[1].end(), prn[0].id)],
                                          prn[1].start())
    frequency, schedule = r.leaves.get("frequency"), r.leaves.get("schedule")
    if frequency and schedule and schedule.pos <= frequency.pos < schedule.pos + len(schedule.evidence[0].text):
        del r.leaves["frequency"]  # "d1-21 q28d": the cycle's length, not how often a dose is taken

    _read_statuses(page, r, usable)
    # A reason may come before the drug is named, in the same sentence or a clause before a
    # semicolon ("Cycle 3 delayed for grade 3 neutropenia; ribociclib reduced to 400 mg"): it counts
    # only for a change of this drug.
    reasons_from = _cause_sentence_start(page, _clause_start(page.text, min(body, r.sentence[0])))
    linked = _linked_cause_start(page, r)
    _read_reasons(page, r, min(reasons_from, linked) if linked is not None else reasons_from, end,
                  free_until=r.sentence[0] if linked is not None else None)
    _read_dates(page, r)
    _read_dose_history(page, r)
    return r


#: A heading line that names a drug's dose history ("Dose history - Ribociclib:").
_DOSE_HISTORY = re.compile(r"\b(?:dose|dosing|dosage)[ \t]+history\b", re.I)
#: A dose history row keyed by its cycles instead of a date ("C4     125 -> 100 mg    Gr 3 neutropenia").
_CYCLE_ROW = re.compile(r"[ \t]*(?:C|cycles?[ \t]*)\d{1,2}(?:[ \t]*[-–][ \t]*C?\d{1,2})?(?![\w/])", re.I)


def _read_dose_history(page: AnalyzedPage, r: _Read) -> None:
    """The rows under a "Dose history - <drug>:" heading, each a date (or its cycles, "C4") and a dose
    ("06-Oct-2026  400 mg daily d1-21  reduced - neutropenia grade 3"): each dose that differs from the row
    above is a change, dated by its row, its reason any reason term the row names after the dose."""
    text = page.text
    line_start = text.rfind("\n", 0, r.mention.start) + 1
    line_end = text.find("\n", r.mention.end)
    if line_end < 0 or not _DOSE_HISTORY.search(text, line_start, line_end):
        return
    amount = _rule("med.dose.amount")
    reasons = [rule for rule in _rules("med.reason.") if rule.id not in ("med.reason.intro", "med.reason.consequence")]
    before: _Leaf | None = None
    pos = line_end + 1
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        dates = find_dates(text, pos, end)
        dose = next(iter(amount.finditer(text, page.is_ocr, pos, end)), None)
        if not (dates or _CYCLE_ROW.match(text, pos, end)) or dose is None or dose.group("unit") is None:
            return  # (the rows end at the first line without a date or cycles, and a dose)
        value, fix = _number(dose.group("dose"))
        leaf = _Leaf(value, [page.evidence(dose.start("dose"), dose.end("dose"), "med.change.dose-history", correction=fix)],
                     dose.start())
        if before is not None and value != before.value:
            change = _Change(to_dose=leaf, unit=_Leaf(_unit(dose.group("unit")), [page.evidence(
                dose.start("unit"), dose.end("unit"), "med.change.dose-history")], dose.start()), pos=dose.start(),
                span=(pos, end), from_dose=before,
                date=_Leaf(dates[0].value, [page.evidence(dates[0].start, dates[0].end, "med.change.dose-history")],
                           dates[0].start) if dates else None)
            found = min(((m.start(), rule, m) for rule in reasons
                         for m in [next(iter(rule.finditer(text, page.is_ocr, dose.end(), end)), None)] if m is not None),
                        default=None, key=lambda f: f[0])
            if found is not None:
                _, rule, m = found
                change.reason = _Leaf(rule.params["value"], [page.evidence(m.start(), m.end(), rule.id)], m.start())
            r.changes.append(change)
        before = leaf
        pos = end + 1


def _count(text: str) -> int:
    return _WORD_NUMBERS.get(text.lower()) or int(text)


def _tablet_strength(page: AnalyzedPage, r: _Read, end: int) -> regex.Match | None:
    """The strength of one tablet of the drug: in its scope, or before it on its line or its wrapped list row's
    line above ("Kisqali 200mg film-coated tablets ... \n  (ribociclib) ... (Dose reduced from 3 tabs"), with no
    other drug and no sentence end between."""
    text = page.text
    start = text.rfind("\n", 0, r.mention.start) + 1
    if text[start:r.mention.start].strip(" \t(") == "" and start > 0:
        start = text.rfind("\n", 0, start - 1) + 1  # a wrapped row: its first line
    start = max(start, r.mention.start - _STRENGTH_REACH)
    for m in _rule("med.tablet-strength").finditer(text, page.is_ocr, start, end):
        between = text[min(m.end(), r.mention.start):max(m.start(), r.mention.end)]
        if m.end() <= r.mention.start and (_STRENGTH_APART.search(between) or any(
                d.drug.name != r.mention.drug.name for d in drugs().find(between))):
            continue
        return m
    # (stated with another mention of the drug: "Treatment: Ribociclib (Kisqali 200 mg tablets) + letrozole")
    for other in _drug_mentions(page):
        if other.drug.name == r.mention.drug.name and other.start != r.mention.start:
            line_end = _line_end(text, other.end)
            found = next((m for m in _rule("med.tablet-strength").finditer(text, page.is_ocr, other.end,
                                                                           min(line_end, other.end + 40))
                          if not _STRENGTH_APART.search(text, other.end, m.start())), None)
            if found is not None:
                return found
    return None


def _tablet_changes(page: AnalyzedPage, r: _Read, body: int, end: int, usable: Callable[[int, int], bool]) -> None:
    """Changes told in tablets (rules med.tablet-change.*): each count times the tablet's strength; a change
    giving only the count before goes to the row's dose now (its counted dose), one giving only the count after
    comes from the dose before it (read in `_finding`)."""
    text = page.text
    around = max(r.sentence[0], r.mention.start - _AROUND_REACH)
    hits = [(rule, m) for rule in _rules("med.tablet-change.")
            for m in rule.finditer(text, page.is_ocr, around if rule.params.get("around_drug") else body, end)
            if (not rule.params.get("around_drug") or m.start("drug") == r.mention.start)
            and usable(m.start(), m.end()) and not any(c.span[0] < m.end() and m.start() < c.span[1] for c in r.changes)]
    if not hits:
        return
    strength = _tablet_strength(page, r, end)
    if strength is None:
        return
    per_tablet, fix = _number(strength.group("dose"))
    steps = r.mention.drug.dose_steps
    unit = _Leaf(_unit(strength.group("unit")), [page.evidence(strength.start("unit"), strength.end("unit"),
                                                                "med.tablet-strength")], strength.start())

    def dose(m: regex.Match, group: str, rule_id: str) -> _Leaf | None:
        value = round(per_tablet * _count(m.group(group)), 3)
        if steps and value not in steps:
            return None
        return _Leaf(value, [page.evidence(m.start(group), m.end(group), rule_id),
                             page.evidence(strength.start("dose"), strength.end("dose"), "med.tablet-strength",
                                           correction=fix)], m.start())

    for rule, m in sorted(hits, key=lambda h: h[1].start()):
        groups = m.groupdict()
        from_dose = dose(m, "from_count", rule.id) if groups.get("from_count") else None
        if groups.get("to_count"):
            to_dose = dose(m, "to_count", rule.id)
        elif r.dose is not None and r.dose[0].pos < m.start():
            to_dose = r.dose[0]  # "TWO tablets once daily ... (Dose reduced from 3 tabs ...)"
        else:
            counted = [c for c in _rule("med.dose.count").finditer(text, page.is_ocr, strength.start(), m.start())
                       if c.start() == strength.start()]
            to_dose = dose(counted[-1], "count", "med.dose.count") if counted else None
        if to_dose is None or groups.get("from_count") and (from_dose is None or from_dose.value == to_dose.value):
            continue
        r.changes.append(_Change(to_dose=to_dose, unit=unit, pos=m.start(), span=m.span(), from_dose=from_dose,
                                 from_only=not groups.get("to_count")))


def _in_strength_sum(page: AnalyzedPage, m: regex.Match) -> bool:
    """A tablet's strength inside a sum of tablets that makes one dose ("1 tab 150mg + 1 tab 100mg each
    time"): a part, not the dose (rule med.exclude.strength-sum, read on the line around it)."""
    text = page.text
    if "+" not in text[max(0, m.start() - 30):m.end() + 30]:
        return False
    line_start = text.rfind("\n", 0, m.start()) + 1
    return any(s.start() <= m.start() and m.end() <= s.end()
               for s in _rule("med.exclude.strength-sum").finditer(text, page.is_ocr, line_start, _line_end(text, m.end())))


def _counted_dose(page: AnalyzedPage, first: regex.Match | None, end: int, usable: Callable[[int, int], bool],
                  first_drug_steps: list[float]) -> tuple[tuple[_Leaf, _Leaf], int] | None:
    """A product strength followed by how many tablets make one dose (rule med.dose.count), read
    only at the scope's first dose: (dose, unit) leaves citing the strength and the count, and
    where the reading ends."""
    if first is None:
        return None
    m = _rule("med.dose.count").pattern_for(page.is_ocr).match(page.text, first.start(), end)
    if m is None or not usable(m.start(), m.end()):
        return None
    strength, fix = _number(m.group("dose"))
    count = _WORD_NUMBERS.get(m.group("count").lower()) or int(m.group("count"))
    steps = first_drug_steps
    if steps and round(strength * count, 3) not in steps:
        return None  # "600mg 3 tablets" of ribociclib: 600 is already the dose
    evidence = [page.evidence(m.start("dose"), m.end("dose"), "med.dose.count", correction=fix),
                page.evidence(m.start("count"), m.end("count"), "med.dose.count")]
    dose = _Leaf(round(strength * count, 3), evidence, m.start())
    unit = _Leaf(_unit(m.group("unit")), [page.evidence(m.start("unit"), m.end("unit"), "med.dose.count")], m.start())
    return (dose, unit), m.end()


def _bare_dose(page: AnalyzedPage, mention: DrugMention, usable: Callable[[int, int], bool]):
    """A dose written right after the drug's name without a unit ("Ibrance 125 daily" on a patient's
    list): the number is the dose when it is one of the drug's dose steps; no unit is assumed."""
    m = next(iter(_rule("med.dose.bare").finditer(page.text, page.is_ocr, mention.end, mention.end + 12)), None)
    if m is None or m.start() != mention.end or not usable(m.start("dose"), m.end("dose")):
        return None
    value, fix = _number(m.group("dose"))
    if value not in mention.drug.dose_steps:
        return None
    evidence = page.evidence(m.start("dose"), m.end("dose"), "med.dose.bare", correction=fix)
    return (_Leaf(value, [evidence.model_copy(update={"note": "no unit written"})], m.start("dose")), None)


#: A product's dosage form right after its strength ("200 mg tablet", "500 mg tab").
_FORM_AFTER = re.compile(r"[ \t]*(?:film[-\s]coated[ \t]+)?(?:tabs?|tablets?|caps?|capsules?|inj(?:ection)?|syringe|vial|pen|"
                         r"prefilled[ \t]+syringe|oral[ \t]+(?:tablet|capsule)s?)\b", re.I)


#: A strength named with its plural form ("(200 mg tablets)"): the product's, not a day's dose.
_PLURAL_FORM = re.compile(r"[ \t]*(?:tabs|tablets|caps|capsules)\b", re.I)
#: A pack count right after a strength ("200 mg x 42", "200 mg tabs #42"): what was dispensed, not a day's dose.
_PACK_COUNT = re.compile(r"[ \t]*(?:tabs?|tablets?|caps?|capsules?)?[ \t]*(?:x|×|#)[ \t]*\d{2,3}\b"
                         r"(?![ \t]*(?:days?|d\b|weeks?|wks?|doses?|cycles?|months?))", re.I)
#: An order's detail line, indented under its product line, opening with the dose ("    600 mg, PO, Daily, ...").
_ORDER_DETAIL_LINE = re.compile(r"[ \t]{2,}\d[\d.,]*[ \t]*(?:mg|mcg|g|units?|IU)\b", re.I)
#: Words right before a dose that make it an earlier one ("100mg tablets ... reduced from 150mg").
_EARLIER_DOSE_LEAD = re.compile(r"\b(?:from|previously|formerly|was|prior)[ \t]*$", re.I)


def _dose_after_strength(page: AnalyzedPage, m: regex.Match, end: int, usable: Callable[[int, int], bool]) -> regex.Match:
    """A list row naming the product's strength, then the dose taken ("Ribociclib 200 mg tablet
    600 mg OD", "capecitabine 500 mg tab  1,500 mg PO BID"): the dose taken, in the same unit, on
    the same line."""
    text = page.text
    if not _FORM_AFTER.match(text, m.end()):
        return m
    line_end = text.find("\n", m.end())
    line_end = end if line_end < 0 else min(end, line_end)
    sig = _ORDER_DETAIL_LINE.match(text, line_end + 1, end) if line_end < end else None
    if sig is not None and not _first_match(_rule("med.dose.amount"), page, text[m.end():line_end]):
        # a Cerner order's detail line under the product ("ribociclib 200 mg oral tablet ... Ordered\n    400 mg, PO,
        # Daily"): the dose opening it
        line_end = sig.end()
    for later in _rule("med.dose.amount").finditer(text, page.is_ocr, m.end(), line_end):
        if _unit(later.group("unit")) == _unit(m.group("unit")) and usable(later.start(), later.end()) \
                and not _first_match(_rule("med.exclude.planned-dose"), page, text[m.end():later.start()]) \
                and not _EARLIER_DOSE_LEAD.search(text, m.end(), later.start()):
            return later
        break
    return m


def _name_evidence(page: AnalyzedPage, m: DrugMention) -> Evidence:
    """The drug's name as written; a misspelling (listed or fuzzy) is recorded as a correction, and
    so is the expansion of a short form the document defines ("RIB->ribociclib")."""
    regimen = page.cache.get("medications.regimens", {}).get((m.start, m.end))
    if regimen is not None:
        return page.evidence(m.start, m.end, "vocab.drugs.regimen", correction=f"{regimen[0]}->{m.drug.name}",
                             confidence=0.85)
    abbreviation = page.cache.get("medications.defined_abbreviations", {}).get((m.start, m.end))
    if abbreviation is not None:
        return page.evidence(m.start, m.end, "med.name.defined-abbreviation", correction=abbreviation.correction,
                             confidence=0.9)
    listed = m.term in {w.lower() for w in m.drug.misspellings}
    rule = "vocab.drugs.fuzzy" if m.fuzzy else ("vocab.drugs.misspelling" if listed else "vocab.drugs.exact")
    correction = f"{page.text[m.start:m.end]}->{m.drug.name}" if (m.fuzzy or listed) else None
    return page.evidence(m.start, m.end, rule, correction=correction, confidence=round(m.score / 100, 2))


def _blocked_spans(page: AnalyzedPage, start: int, end: int) -> list[tuple[int, int]]:
    """Conditional clauses inside [start, end): from the cue to the clause's end."""
    spans = []
    for m in _rule("med.exclude.conditional").finditer(page.text, page.is_ocr, start, end):
        close = _CLAUSE_END.search(page.text, m.end(), end)
        spans.append((m.start(), close.start() if close else end))
    return spans


def _first(page: AnalyzedPage, rules: Iterable[CompiledRule], start: int, end: int,
           usable: Callable[[int, int], bool]) -> tuple[CompiledRule, regex.Match] | None:
    best = None
    for rule in rules:
        for m in rule.finditer(page.text, page.is_ocr, start, end):
            if usable(m.start(), m.end()):
                if best is None or m.start() < best[1].start():
                    best = (rule, m)
                break
    return best


def _schedule_of(rule: CompiledRule, m: regex.Match) -> str:
    g = m.groupdict()
    if rule.id == "med.schedule.days-of-cycle":
        cycle = int(g["cycle"]) * (7 if g.get("weeks") else 1)
        return f"days {int(g['first'])}-{int(g['last'])} of {cycle}"
    if rule.id == "med.schedule.days-x-every":
        return f"days 1-{int(g['last'] or g['last2'])} of {int(g['cycle'])}"
    if rule.id == "med.schedule.weeks-on-off":
        on = _WORD_NUMBERS.get(g["on"].lower()) or int(g["on"])
        off = _WORD_NUMBERS.get(g["off"].lower()) or int(g["off"])
        return f"days 1-{7 * on} of {7 * (on + off)}"
    if rule.id in ("med.schedule.days-on-off", "med.schedule.days-slash", "med.schedule.days-then-off",
                   "med.schedule.days-x-then-off", "med.schedule.days-x-gap", "med.schedule.days-range-then-off"):
        on, off = int(g["on"]), int(g["off"])
        if on + off >= 14:  # a cycle ("21 days on, 7 off"), not a weekly pattern ("4 on, 3 off")
            return f"days 1-{on} of {on + off}"
        return f"{on} days on, {off} days off"
    if rule.id == "med.schedule.day-list":
        days = [int(d) for d in re.findall(r"\d+", g["days"])]
        out = "days " + ", ".join(str(d) for d in days[:-1]) + f" and {days[-1]}"
        weeks = g.get("qweeks") or g.get("qw")
        cycle = int(g["cycle"] or g["qdays"] or 0) or (7 * int(weeks) if weeks else 0)
        if cycle:
            out += f" of {cycle}"
        if g.get("then"):
            then = re.sub(r"\s+", " ", g["then"].lower())
            out += ", then " + ("every 4 weeks" if then.startswith("q") else then)
        return out
    return str(rule.params.get("value", re.sub(r"\s+", " ", m.group(0).lower())))


#: A comparison's words, whose negation ConText extends over the rest of the sentence ("on two tablets a day
#: rather than three (400 mg instead of 600 mg)"), and the words of a denial, which no comparison excuses.
_CONTRAST = regex.compile(r"\b(?:rather\s+than|instead\s+of|in\s+place\s+of)\b", regex.IGNORECASE)
_DENIAL = regex.compile(r"\b(?:not|no|never|without|declined|denie[sd]|refused)\b|n't\b", regex.IGNORECASE)


def _negated_by_contrast_only(page: AnalyzedPage, sentence_start: int, m: regex.Match) -> bool:
    """A change stated as a contrast ("400 mg instead of 600 mg") is negated only by a comparison's
    own words before it in its sentence, and by no denial."""
    if assertion_at(page, m.start(), m.end()) != "negated":
        return False
    lead = page.text[sentence_start:m.start()]
    return bool(_CONTRAST.search(lead)) and not _DENIAL.search(lead)


#: In a resumption's words, a dose called reduced ("restarted at the reduced dose of 400 mg").
_REDUCED_DOSE = re.compile(r"\b(?:lower|reduced|decreased)\s+dose\b", re.I)


def _change_of(page: AnalyzedPage, rule: CompiledRule, m: regex.Match) -> _Change:
    g = m.groupdict()
    to_value, fix = _number(g["to"])
    change = _Change(
        to_dose=_Leaf(to_value, [page.evidence(m.start("to"), m.end("to"), rule.id, correction=fix)], m.start()),
        unit=_Leaf(_unit(g["unit"]), [page.evidence(m.start("unit"), m.end("unit"), rule.id)], m.start())
        if g.get("unit") else None,
        pos=m.start(),
        span=m.span(),
        # ("restarted at the reduced dose of 400 mg": a reduction, even where the dose before is not written)
        resumption=bool(rule.params.get("resumption")) and not _REDUCED_DOSE.search(m.group(0)),
    )
    if g.get("from"):
        from_value, fix = _number(g["from"])
        change.from_dose = _Leaf(from_value, [page.evidence(m.start("from"), m.end("from"), rule.id, correction=fix)],
                                 m.start())
    return change


#: A plain "stop" ("stop taking it"), which a hold in the same sentence explains.
_PLAIN_STOP = re.compile(r"stop(?:s|ped)?\b", re.I)
_THEN = re.compile(r"\b(?:then|and\s+then|thereafter)[ \t]+$", re.I)
#: Right after a drug an instruction stops: the stop is for a time ("Stop olaparib for now").
_FOR_NOW = re.compile(r"[ \t]+(?:for[ \t]+(?:now|the[ \t]+(?:moment|time[ \t]+being)|(?:this|one|a|the[ \t]+next)[ \t]+(?:week|cycle|few[ \t]+days))|until|till|pending)\b", re.I)
#: A start word that tells when a hold or stop begins ("(hold) starting tonight", "stop from today").
_WHEN_IT_BEGINS = re.compile(r"(?:starting|from)[ \t]+(?:tonight|today|tomorrow|now|immediately|this[ \t]+(?:evening|morning))\b", re.I)
#: A go-ahead before a start word ("OK to start", "fine to proceed"): with a condition after it, a
#: treatment threshold ("OK to start cycle 4 if ANC > 1.0"), not a plan (unlike "to start ... if HER2 negative").
_OK_TO = re.compile(r"\b(?:ok|okay|fine|cleared|safe|fit)[ \t]+(?:to[ \t]+)?$", re.I)
#: A restart (the drug was given before): with a condition after it, the drug is not taken yet.
_RESTART_WORD = re.compile(r"\b(?:re-?start|resume)\b", re.I)
#: A pluperfect right before a start word ("GP had started it"): a start before the stop told first.
_HAD = re.compile(r"\bhad[ \t]+(?:been[ \t]+)?$", re.I)
#: A past-tense start in a bracketed aside after a stop or hold: when the drug began, not a restart.
_STARTED_ASIDE = re.compile(r"(?:started|commenced|began|begun|initiated)\b", re.I)


def _in_bracket_after(text: str, after: int, pos: int) -> bool:
    """`pos` is inside a bracket opened after `after` and not closed before `pos`."""
    opened = text.rfind("(", after, pos)
    return opened >= 0 and ")" not in text[opened:pos]

#: Status words that start or restart a drug.
_START_WORD = re.compile(r"\b(?:re-?)?(?:start|begin|initiate|resume|proceed)\b", re.I)


def _conditioned_after(page: AnalyzedPage, pos: int, end: int) -> bool:
    """The clause from `pos` closes on a condition ("... cycle 4 if ANC > 1.0")."""
    close = _CLAUSE_END.search(page.text, pos, end)
    return _first_match(_rule("med.exclude.conditional"), page, page.text[pos:close.start() if close else end]) is not None


def _read_statuses(page: AnalyzedPage, r: _Read, usable: Callable[[int, int], bool]) -> None:
    text = page.text
    mention = r.mention
    found: list[tuple[int, CompiledRule, regex.Match]] = []
    # "hold T-DXd and start steroids if any grade >= 2 pneumonitis": a verb before the drug whose
    # clause closes on a condition is an instruction for a case, not a status.
    close = _CLAUSE_END.search(text, mention.end, r.sentence[1])
    conditioned = _first_match(_rule("med.exclude.conditional"), page,
                               text[mention.end:close.start() if close else r.sentence[1]]) is not None
    for rule in _rules("med.status."):
        classes = rule.params.get("classes")
        if isinstance(classes, list) and mention.drug.drug_class not in classes:
            continue  # a cue for some classes only ("finished the Augmentin": a course stopped)
        regions = [(r.pre_start, mention.start)] if rule.params.get("before_only") else \
            [(mention.end, r.end)] if rule.params.get("after_only") else \
            [(r.pre_start, mention.start), (mention.end, r.end)]
        for region_start, region_end in regions:
            for m in rule.finditer(text, page.is_ocr, region_start, region_end):
                if not usable(m.start(), m.end()):
                    continue
                if _heading_of_line(page, m.start()) is not None:
                    continue  # a "Stopped:" heading names the list under it (read by _list_heading)
                if conditioned and m.start() < mention.start:
                    continue
                if m.start() > mention.start and _START_WORD.search(m.group(0)) and (
                        _OK_TO.search(text, max(0, m.start() - 20), m.start()) or _RESTART_WORD.search(m.group(0))) \
                        and _conditioned_after(page, m.end(), r.end):
                    continue  # "OK to start cycle 4 if ANC > 1.0", "Restart on 11/27 if labs are OK": not yet
                if rule.id == "med.status.not-restarting" and _NOT_YET.search(text, m.end(), min(r.sentence[1], m.end() + 80)):
                    continue  # "will not restart palbociclib until counts recover": still a hold
                if rule.params["value"] == "stopped" and any(c.span[0] <= m.start() < c.span[1] for c in r.changes):
                    continue  # "switched over from palbociclib 125 to 100 mg": the dose changed, not the drug
                if _BACKGROUND.search(text, max(region_start, m.start() - 40), m.start()):
                    continue  # "resumed after being held": the hold is background
                found.append((m.start(), rule, m))
    # Overlapping cues: the longer one ("temporarily stopped" is a hold, not a stop).
    found.sort(key=lambda f: (f[0], -(f[2].end() - f[2].start())))
    covered = -1
    for pos, rule, m in found:
        if pos < covered or r.statuses and pos < r.statuses[-1].pos + len(r.statuses[-1].evidence[0].text):
            continue
        if rule.params["value"] == "stopped" and _PLAIN_STOP.match(m.group(0)) and any(
                s.value == "held" and _same_sentence(text, s.pos, pos) for s in r.statuses):
            covered = m.end()
            continue  # "to be held for the rest of this cycle - told to stop taking it today": the hold's stop
        if rule.params["value"] == "active" and r.statuses and r.statuses[-1].value in ("held", "stopped") \
                and _WHEN_IT_BEGINS.match(text, m.start()) and _same_sentence(text, r.statuses[-1].pos, pos) \
                and pos - r.statuses[-1].pos < 60:
            continue  # "STOP olaparib for now (hold) starting tonight": when the hold begins
        if rule.params["value"] == "active" and r.statuses and r.statuses[-1].value in ("held", "stopped") \
                and _STARTED_ASIDE.match(m.group(0)) and _same_sentence(text, r.statuses[-1].pos, pos) \
                and (_in_bracket_after(text, r.statuses[-1].pos, pos) or _HAD.search(text, max(0, pos - 12), pos)):
            # "discontinued today for progression (first line, started January 2025)", "Stop domperidone (QT) -
            # GP had started it for nausea": when it began
            continue
        if rule.params["value"] == "stopped" and m.group(0).lower() == "stop" and _THEN.search(text, max(0, pos - 12), pos):
            continue  # "4 mg daily for 3 days, then 2 mg daily for 3 days, then stop": a taper's planned end
        value = rule.params["value"]
        if value == "stopped" and m.end() <= mention.start and _PLAIN_STOP.match(m.group(0)) \
                and _FOR_NOW.match(text, mention.end):
            value = "held"  # "Stop capecitabine for now", "stop olaparib until Hb recovers": a hold
        r.statuses.append(_Leaf(value, [page.evidence(m.start(), m.end(), rule.id)], pos))
    yes = _answer(page, mention) if not r.statuses else None
    if yes is not None and _is_yes(yes):  # "Letrozole 2.5 mg daily? Yes, every night."
        r.statuses.append(_Leaf("active", [page.evidence(yes.start("answer"), yes.end("answer"), "med.status.answered-yes")],
                                yes.start("answer")))
    on = _ON_DRUG.search(text, r.pre_start, mention.start)
    if on is not None and _WHILE_ON.search(text, max(0, on.start() - 12), on.start()):
        on = None  # "the non-live vaccine is fine while on palbociclib": a circumstance, not a status
    if not r.statuses and on is not None:
        r.statuses.append(_Leaf("active", [page.evidence(on.start(), on.start() + 2, "med.status.on-drug")], mention.start))
    assertion = assertion_at(page, mention.start, mention.end)
    default = "historical" if assertion == "historical" else _SECTION_STATUS.get(section_at(page, mention.start) or "")
    heading = _list_heading(page, mention) if assertion != "historical" else None
    if heading is not None:
        r.default_status = heading
    elif default:
        rule_id = "med.status.context-historical" if assertion == "historical" else f"med.status.section-{default}"
        r.default_status = _Leaf(default, [page.evidence(mention.start, mention.end, rule_id)], mention.start)
    else:
        line_start = text.rfind("\n", 0, mention.start) + 1
        label = _PLAN_LABEL.match(text, line_start, mention.start)
        if label is not None and not _SENTENCE_END.search(text, label.end(), mention.start):
            # "Plan: adjuvant AC followed by paclitaxel, then abemaciclib"
            r.default_status = _Leaf("planned", [page.evidence(label.start(1), label.end(1), "med.status.plan-label")],
                                     mention.start)
        elif section_at(page, mention.start) == "assessment_plan" and (
                item := _PLAN_ITEM.fullmatch(text, line_start, mention.start)) is not None:
            r.default_status = _Leaf("planned", [page.evidence(item.start(1), item.end(1), "med.status.plan-item")],
                                     mention.start)
        elif (listed := _recommendation_item(page, mention.start)) is not None:
            r.default_status = listed
        elif (done := _counted_past_course(page, r)) is not None:
            r.default_status = done


def _counted_past_course(page: AnalyzedPage, r: _Read) -> _Leaf | None:
    """Historical for a course counted in cycles and told in the past ("She received TCHP x6
    followed by surgery"; rules med.course-count, med.course-count-past)."""
    text, mention = page.text, r.mention
    count = next(_rule("med.course-count").finditer(text, page.is_ocr, mention.end, r.sentence[1]), None)
    past = _rule("med.course-count-past")
    if count is None or next(past.finditer(text, page.is_ocr, r.sentence[0], mention.start), None) is None:
        return None
    return _Leaf("historical", [page.evidence(count.start() + len(count.group()) - len(count.group().lstrip()),
                                              count.end(), "med.course-count")], count.start())


#: A list item's opening ("2. ", "- " at a line start; " 2. " inside a line that runs its items on).
_ITEM_OPEN = re.compile(r"(?:^|(?<=\n)|(?<=[:\s]))[ \t]*(?:\d{1,2}[.)]|(?<![^\n])[ \t]*[-*•])[ \t]+(?=[A-Za-z])")
#: A sentence end inside a list item (not a dosage form's dot: "Tab. Letrozole", "Inj. Leuprolide").
_ITEM_SENTENCE_END = re.compile(r"(?<!\b(?:tab|inj|cap|syp))(?<!\b(?:tabs|caps))[.!?]\s", re.I)
#: How far before the drug its list item may open (a wrapped item: characters).
_ITEM_REACH = 200


def _recommendation_item(page: AnalyzedPage, pos: int) -> _Leaf | None:
    """Planned, with the header as evidence, for a drug in the first sentence of a list item under a
    tumour board's "Recommendations:" header (rule med.plan-list-heading): "2. Inj. Leuprolide 3.75 mg
    IM every 28 days + Tab. Letrozole 2.5 mg OD" names what the board advises, not what runs."""
    if section_at(page, pos) != "assessment_plan":
        return None
    text = page.text
    start = _skip_space(text, max(s for s, _ in page.sections() if s <= pos))  # ("\n\n OUTCOME:")
    colon = text.find(":", start, min(pos, start + 60))
    pattern = _rule("med.plan-list-heading").pattern_for(page.is_ocr)
    if colon < 0 or pattern is None or pattern.fullmatch(text, start, colon) is None:
        return None
    item = None
    for item in _ITEM_OPEN.finditer(text, max(colon + 1, pos - _ITEM_REACH), pos + 1):
        pass  # the last item opening before the drug
    if item is None or _ITEM_SENTENCE_END.search(text, item.end(), pos):
        return None
    return _Leaf("planned", [page.evidence(start, colon, "med.plan-list-heading")], pos)


#: What may stand before a drug at the start of a list line ("- ", "2. ", "Tab. ", "Inj. ").
#: (also a brand in brackets after the generic name: "letrozole (FEMARA)")
_LIST_LINE_LEAD = re.compile(r"[ \t]*(?:(?:\d{1,2}[.)]|[-*•])[ \t]*)?(?:(?:tab|tabs|cap|caps|inj|syp|syr)\.?[ \t]+)?"
                             r"(?:[\w-]+[ \t]*\([ \t]*)?", re.I)
#: How far above a list line its heading may stand (characters).
_HEADING_REACH = 1500


def _heading_of_line(page: AnalyzedPage, pos: int) -> tuple[CompiledRule, int, int] | None:
    """The list-heading rule (med.heading.*) that the whole line holding `pos` matches, with the
    line's bounds; None for any other line."""
    text = page.text
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    while end > start and text[end - 1] in " \t":
        end -= 1  # a line padded with blanks (a masked name on a pharmacy label) is as long as its words
    if end - start > 60:
        return None
    for rule in _rules("med.heading."):
        pattern = rule.pattern_for(page.is_ocr)
        if pattern is not None and pattern.fullmatch(text, start, end):
            return rule, start, end
    return None


#: A row's text up to a bracket: "anastrozole 1 mg tablet (" before "ARIMIDEX)".
_BRACKET_LEAD = re.compile(r"[^\n()]{1,60}\([ \t]*")


def _bracketed_on_own_row(page: AnalyzedPage, mention: DrugMention, line_start: int) -> bool:
    """A brand in brackets on a list row that opens with the same drug ("anastrozole 1 mg tablet (ARIMIDEX)")."""
    if not _BRACKET_LEAD.fullmatch(page.text, line_start, mention.start):
        return False
    first = next(iter(drugs().find(page.text[line_start:mention.start])), None)
    return first is not None and first.drug.name == mention.drug.name and \
        _LIST_LINE_LEAD.fullmatch(page.text, line_start, line_start + first.start) is not None


def _older_than_latest(page: AnalyzedPage, rule: CompiledRule, start: int, end: int) -> bool:
    """The heading line's date is before the latest date of the page's lines under the same rule."""
    key = f"medications.latest.{rule.id}"
    if key not in page.cache:
        lines = (m.span() for m in rule.finditer(page.text, page.is_ocr, 0, len(page.text)))
        page.cache[key] = max((d.value for s, e in lines for d in find_dates(page.text, s, e)), default=None)
    latest = page.cache[key]
    return latest is not None and any(d.value < latest for d in find_dates(page.text, start, end))


def _list_heading(page: AnalyzedPage, mention: DrugMention) -> _Leaf | None:
    """The status a list heading above the drug's line gives it ("STOP taking these medications",
    "Stopped:"): the nearest heading line above, within the drug's section, when the drug opens its
    line (a list row, not a sentence)."""
    text = page.text
    line_start = text.rfind("\n", 0, mention.start) + 1
    if _LIST_LINE_LEAD.fullmatch(text, line_start, mention.start) is None and not _bracketed_on_own_row(page, mention, line_start):
        return None
    floor = max([line_start - _HEADING_REACH] + [s for s, _ in page.sections() if s <= line_start])
    pos = line_start - 1
    while pos > floor:
        heading = _heading_of_line(page, pos)
        if heading is not None:
            rule, start, end = heading
            if rule.params.get("latest_only") and _older_than_latest(page, rule, start, end):
                return None  # "Dispensed: 02/07/2026" below a later fill: an old supply says nothing of now
            body = text[start:end].strip()
            lead = start + text[start:end].index(body)
            return _Leaf(rule.params["value"], [page.evidence(lead, lead + len(body.rstrip(":").rstrip()), rule.id)],
                         mention.start)
        pos = text.rfind("\n", 0, pos)
    return None


def _clause_start(text: str, start: int) -> int:
    """Where the sentence holding `start` begins, counting a clause before a semicolon as part of it."""
    before = text[:start].rstrip()
    if not before.endswith(";"):
        return start
    return max(before.rfind(". ", 0, len(before) - 1) + 1, before.rfind("\n", 0, len(before) - 1) + 1, start - 200)


def _cause_sentence_start(page: AnalyzedPage, start: int) -> int:
    """`start`, or the start of the sentence right before it in the same paragraph when that
    sentence tells of a delay or hold without naming a drug (rule med.cause-sentence)."""
    text = page.text
    before = text[:start].rstrip()
    if not before.endswith("."):
        return start
    prev_start = max(before.rfind(". ", 0, len(before) - 1) + 2, before.rfind(".\n", 0, len(before) - 1) + 2,
                     text.rfind("\n\n", 0, len(before)) + 2, start - 240)
    sentence = text[prev_start:start]
    if _first_match(_rule("med.cause-sentence"), page, sentence) is None or drugs().find(sentence):
        return start
    return prev_start


#: Words in a drug's sentence, before the drug, that make the sentence before it the cause
#: ("Grade 3 diarrhoea this cycle despite loperamide. I have therefore reduced the abemaciclib ...").
_THEREFORE = re.compile(r"\b(?:therefore|hence|consequently|as\s+a\s+result|because\s+of\s+this|for\s+this\s+reason)\b", re.I)


def _linked_cause_start(page: AnalyzedPage, r: _Read) -> int | None:
    """The start of the sentence right before the drug's, in the same paragraph, when the drug's
    sentence says "therefore" before the drug; else None."""
    text = page.text
    s_start = r.sentence[0]
    if not _THEREFORE.search(text, s_start, r.mention.start) and not _hold_before_change(page, r):
        return None
    before = text[:s_start].rstrip()
    if not before.endswith(".") or "\n\n" in text[len(before):s_start]:
        return None
    prev_start, _ = statement_at(page, len(before) - 1)
    return prev_start if s_start - prev_start <= 240 else None


def _hold_before_change(page: AnalyzedPage, r: _Read) -> bool:
    """The drug's sentence tells of a hold or a break before its first change (rule
    med.cause-linked-hold), and the sentence before it names no drug."""
    if not r.changes:
        return False
    s_start = r.sentence[0]
    first = min(c.pos for c in r.changes)
    hold = _rule("med.cause-linked-hold")
    if first <= s_start or next(hold.finditer(page.text, page.is_ocr, s_start, first), None) is None:
        return False
    before = page.text[:s_start].rstrip()
    prev_start, _ = statement_at(page, max(len(before) - 1, 0))
    return not drugs().find(page.text[prev_start:s_start])


def _read_reasons(page: AnalyzedPage, r: _Read, start: int, end: int, free_until: int | None = None) -> None:
    """Reasons in [start, end): a reason term after its introducing words ("due to", "for"), or
    before ", so"; before `free_until` (a sentence the drug's "therefore" points back to) any reason term."""
    text = page.text
    intro = _rule("med.reason.intro")
    consequence = _rule("med.reason.consequence").pattern_for(page.is_ocr)
    for rule in _rules("med.reason."):
        if rule.id in ("med.reason.intro", "med.reason.consequence"):
            continue
        for m in rule.finditer(text, page.is_ocr, start, end):
            if not _first_match(intro, page, text[max(start, m.start() - 60):m.start()]) and \
                    not (m.end() <= r.mention.start and consequence.match(text, m.end(), r.mention.start)) and \
                    not (free_until is not None and m.end() <= free_until):
                continue
            if any(x.pos <= m.start() < x.pos + len(x.evidence[0].text) for x in r.reasons):
                continue
            r.reasons.append(_Leaf(rule.params["value"], [page.evidence(m.start(), m.end(), rule.id)], m.start()))
    r.reasons.sort(key=lambda x: x.pos)


def _read_dates(page: AnalyzedPage, r: _Read) -> None:
    """Dates in the scope: a change's date, a start or end date. A date just before the drug
    counts only as a list heading ("12/04/2023: Started ribociclib")."""
    text = page.text
    consumed = _read_column_dates(page, r)
    candidates: list[tuple[str, str, Any]] = []
    for found in find_dates(text, r.pre_start, r.end):
        if found.start in consumed:
            continue
        if found.start < r.mention.start and not (_DATE_THEN_COLON.match(text, found.end) and _LIST_LEAD.fullmatch(
                text, max(r.sentence[0], text.rfind("\n", 0, found.start) + 1), found.start)):
            continue
        change = _nearest_change([c for c in r.changes if c.date is None and c.date_month is None
                                  and not (c.from_only and c.span[0] <= found.start < c.span[1])
                                  and _near(found.start, found.end, c, text)], found.start, found.end)
        if change is not None:
            change.date = _Leaf(found.value, [page.evidence(found.start, found.end, "med.change.date")], found.start)
            continue
        before = text[max(r.pre_start, found.start - 30):found.start]
        if _first_match(_rule("med.date.hold-span"), page, text[max(r.pre_start, found.start - 50):found.start]):
            continue  # "held from 3/1/2026 to 3/15/2026": the hold's dates, not the drug's
        leaf, rule = _start_or_end(page, r, before, found.start, found.end)
        if leaf:
            candidates.append((leaf, rule, found))
    # A date with its own word right before it ("Discontinued 20/02/2025") wins over one read from
    # a status word after it ("14/01/2025   Discontinued 20/02/2025").
    for leaf, rule, found in sorted(candidates, key=lambda c: "-by-status" in c[1]):
        if leaf not in r.leaves:
            r.leaves[leaf] = _Leaf(found.value, [page.evidence(found.start, found.end, rule)], found.start)
    _read_month_dates(page, r, consumed)
    _read_years(page, r, consumed)
    if r.year_status is None and not any(k in r.leaves for k in ("start", "start_month", "start_year", "end", "end_month",
                                                                  "end_year", "year")):
        _bracket_year(page, r)


def _start_or_end(page: AnalyzedPage, r: _Read, before: str, d_start: int, d_end: int) -> tuple[str | None, str]:
    """Whether a date is the drug's start or end (and the rule that says so): the words right
    before it ("since", "stopped"), else the status word of its clause."""
    for rule_id, name in (("med.date.start", "start"), ("med.date.end", "end")):
        if _first_match(_rule(rule_id), page, before):
            return name, rule_id
    leaf = _dated_by_status(r, page.text, d_start, d_end)
    return leaf, f"med.date.{leaf}-by-status"


def _read_month_dates(page: AnalyzedPage, r: _Read, consumed: set[int] = frozenset()) -> None:
    """A start or end written as a month and year ("completed April 2024", "since 03/2023"): the
    profile's `start`/`end` are full dates, so the month goes to `start_month`/`end_month`
    ("2024-04"), never to a date with an invented day."""
    text = page.text
    months = find_month_years(text, r.pre_start, r.end)
    ranged = _month_ranges(page, r, months)
    for found in months:
        if found.start in consumed:
            continue
        if found.start in ranged and not any(
                c.date is None and c.date_month is None and 0 <= found.start - c.span[1] <= 3
                and not text[c.span[1]:found.start].strip() for c in r.changes):
            # (not a change's month right after it: "Dose reduced from 3 tabs 10/2026 - neutropenia")
            leaf, rule = ranged[found.start]
            if f"{leaf}_month" not in r.leaves and leaf not in r.leaves:
                r.leaves[f"{leaf}_month"] = _Leaf(found.iso, [page.evidence(found.start, found.end, rule)], found.start)
            continue
        if found.start < r.mention.start and text[found.end:r.mention.start].strip(" \t:-,"):
            continue  # before the drug only right before it ("Since 04/2024 tamoxifen 20 mg")
        change = _nearest_change([c for c in r.changes if c.date is None and c.date_month is None
                                  and not (c.from_only and c.span[0] <= found.start < c.span[1])
                                  and _near(found.start, found.end, c, text)], found.start, found.end)
        if change is not None and found.start > r.mention.start:
            change.date_month = _Leaf(found.iso, [page.evidence(found.start, found.end, "med.change.date")], found.start)
            continue
        before = text[max(r.pre_start, found.start - 30):found.start]
        if found.start < r.mention.start:
            line_start = text.rfind("\n", 0, found.start) + 1
            before = text[max(line_start, found.start - 30):found.start]
        if _first_match(_rule("med.date.hold-span"), page, text[max(r.pre_start, found.start - 50):found.start]):
            continue
        leaf, rule = _start_or_end(page, r, before, found.start, found.end)
        if leaf and leaf not in r.leaves and f"{leaf}_month" not in r.leaves:
            r.leaves[f"{leaf}_month"] = _Leaf(found.iso, [page.evidence(found.start, found.end, rule)], found.start)


def _month_ranges(page: AnalyzedPage, r: _Read, months: list) -> dict[int, tuple[str, str]]:
    """Months after the drug that bound its course ("anastrozole 01/2020-06/2022", "exemestane
    07/2022-"): {month start: ("start" | "end", rule id)}."""
    text = page.text
    joined = _rule("med.date.range").pattern_for(page.is_ocr)
    open_end = _rule("med.date.open-range").pattern_for(page.is_ocr)
    out: dict[int, tuple[str, str]] = {}
    after = [m for m in months if m.start > r.mention.start]
    hold = _rule("med.date.hold-span")
    for first, second in zip(after, after[1:] + [None]):
        if first.start in out or _first_match(hold, page, text[max(r.pre_start, first.start - 50):first.start]):
            continue  # "held from March 2026 to April 2026": the hold's months
        if second is not None and joined.fullmatch(text, first.end, second.start):
            out[first.start] = ("start", "med.date.range")
            out[second.start] = ("end", "med.date.range")
        elif open_end.match(text, first.end, r.end if r.end > first.end else len(text)):
            out[first.start] = ("start", "med.date.open-range")
    return out


#: How far before a date its status word may stand ("started ribociclib 600 mg daily with letrozole on ...").
_STATUS_DATE_REACH = 80
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


#: A cycle named right before a status word, its subject ("Cycle 5 started ...", "C3D1 given ...").
_CYCLE_SUBJECT = re.compile(r"\b(?:cycle|C)[ \t]?\d{1,2}(?:[ \t]?D\d{1,2})?[ \t\n]*$", re.I)


def _dated_by_status(r: _Read, text: str, d_start: int, d_end: int) -> str | None:
    """"start" or "end" when the status word of the date's clause starts or stops the drug
    ("started ... on 01/05/2026", "12/04/2023: Started ribociclib", "first dose planned for ...")."""
    clause_start = max([r.pre_start] + [m.end() for m in _CLAUSE_END.finditer(text, r.pre_start, d_start)])
    before = [s for s in r.statuses if clause_start <= s.pos < d_start]
    after = [s for s in r.statuses if d_end <= s.pos <= d_end + 6]
    cue = before[-1] if before else (after[0] if after else None)
    if cue is None or cue.pos < d_start - _STATUS_DATE_REACH:
        return None  # a run-on sentence's later date is another event's
    if cue.pos < d_start and _YEAR.search(text, cue.pos, d_start):
        return None  # "completed in April 2024 and ... an MRI on 03/28/2026": the status has its own date
    word = cue.evidence[0].text
    if _CYCLE_SUBJECT.search(text, max(clause_start, cue.pos - 40), cue.pos):
        return None  # "Cycle 5 started a week late on 23/11/2026": a cycle's start, not the drug's
    if _STARTED.search(word) or _PLANNED_START.search(word):
        return "start"
    if _ENDED.search(word):
        return "end"
    return None


def _status_from_dates(leaves: dict[str, _Leaf], reads: list[_Read], default: _Leaf | None) -> _Leaf | None:
    """Without a status word: an end date in the past means stopped ("End 03/06/2024" in a list);
    a course written in past years ("tamoxifen 2015-2020", "AC-T (2019)") is historical."""
    today = _dt.date.today()
    end = leaves.get("end")
    end_month = leaves.get("end_month")
    if end is not None and end.value <= today or \
            end is None and end_month is not None and end_month.value < today.strftime("%Y-%m"):
        leaf = end if end is not None else end_month
        return _Leaf("stopped", [ev.model_copy(update={"rule": "med.status.end-date-past"}) for ev in leaf.evidence],
                     leaf.pos)
    years = [r.year_status for r in reads if r.year_status is not None]
    if years and (default is None or default.value != "active" or "end_year" in leaves):
        return years[-1]
    end_year = leaves.get("end_year")
    if default is None and end is None and end_month is None and end_year is not None and end_year.value < today.year:
        # "tamoxifen then anastrozole to 2021": a course that ended in a past year
        return _Leaf("historical", [ev.model_copy(update={"rule": "med.status.end-year-past"}) for ev in end_year.evidence],
                     end_year.pos)
    return default


def _nearest_change(changes: list[_Change], d_start: int, d_end: int) -> _Change | None:
    """Of the changes a date may belong to, the closest ("reduced to 400 mg in Nov 2023, then to
    200 mg in Jan 2024": each month is its own change's)."""
    def gap(c: _Change) -> int:
        return max(0, d_start - c.span[1], c.span[0] - d_end)
    # A date after its change is the usual order ("reduced to 400 mg in Nov 2023"); one before
    # ("On 3/14/2026 the dose was reduced") only when no change precedes it.
    return min(changes, key=lambda c: (c.span[1] > d_start, gap(c))) if changes else None


def _near(d_start: int, d_end: int, change: _Change, text: str) -> bool:
    """A date in the same clause as a change, right before or after it."""
    c_start, c_end = change.span
    if d_start >= c_end:
        gap = text[c_end:d_start]
    elif d_end <= c_start:
        gap = text[d_end:c_start]
    else:
        return True
    gap_start = c_end if d_start >= c_end else d_end
    if "\n" in gap:
        # one line break of prose wrapped in mid-sentence ("reduced to 100 mg\nBID (04/2026)")
        newline = text.index("\n", gap_start)
        wrapped = _WRAPPED_LINE.match(text, text.rfind("\n", 0, newline) + 1)
        if gap.count("\n") > 1 or wrapped is None or wrapped.end() <= newline:
            return False
    return len(gap) <= 40 and not re.search(r";|\.\s", gap) and not re.search(
        r"\b(?:started|since|began|initiated|held|stopped|discontinued)\b", gap, re.I)


# --------------------------------------------------------------------------- drugs named together


def _share_within_sentences(page: AnalyzedPage, reads: list[_Read]) -> None:
    groups: dict[tuple[int, int], list[_Read]] = {}
    for r in reads:
        groups.setdefault(r.sentence, []).append(r)
    for sentence, group in groups.items():
        if len(group) > 1:
            _share_switch(page, group)
            _share_head_status(page, group)
            _share_joined_status(page, group)
            _share_attributes_backwards(page, group)
        _share_trailing_status(page, sentence, group, reads)
        _share_start_date(page, sentence, group)


_SWITCHED_TO = re.compile(r"\s*(?:(?:was|were|has\s+been|had\s+been)\s+)?(?P<verb>switched|changed|transitioned|converted)"
                          r"\s+(?:over\s+)?to\s+", re.I)


def _share_switch(page: AnalyzedPage, group: list[_Read]) -> None:
    """"Tamoxifen was switched to letrozole": the first drug stopped, the second is active."""
    for earlier, later in zip(group, group[1:]):
        m = _SWITCHED_TO.fullmatch(page.text, earlier.mention.end, later.mention.start)
        if m is None:
            # "switched from tamoxifen to anastrozole"
            head = [s for s in earlier.statuses if s.pos < earlier.mention.start
                    and s.evidence[0].text.lower().startswith(("switched", "changed"))]
            if head and _SWITCH_GAP.fullmatch(page.text, earlier.mention.end, later.mention.start):
                later.statuses.append(_Leaf("active", head[-1].evidence, later.mention.start))
            continue
        cue = [page.evidence(m.start("verb"), m.end("verb"), "med.status.switched")]
        if not any(s.pos > earlier.mention.start for s in earlier.statuses):
            earlier.statuses.append(_Leaf("stopped", cue, m.start("verb")))
        later.statuses.append(_Leaf("active", cue, later.mention.start))


#: Between the drugs of "switched from tamoxifen to anastrozole", "switched from palbociclib 125 mg to ribociclib".
_SWITCH_GAP = re.compile(r"\s*(?:\d[\d.,]*\s*(?:mg|mcg|g|units?|mg/m2|mg/kg)?\s*(?:daily|od|bid|bd)?\s*)?to\s+", re.I)


_ADDED_TO = re.compile(r"\bto\s+(?:(?:her|the|current|ongoing)\s+)?$", re.I)


def _share_head_status(page: AnalyzedPage, group: list[_Read]) -> None:
    """"plan docetaxel ... and cyclophosphamide": the first drug's status word before it (not to the
    drug an "add" joins: "Add ribociclib 600 mg ... to anastrozole" plans ribociclib only)."""
    head = [s for s in group[0].statuses if s.pos < group[0].mention.start]
    if not head:
        return
    adding = head[-1].evidence[0].text.strip().lower().startswith("add")
    for prev, r in zip(group, group[1:]):
        if adding and _ADDED_TO.search(page.text, max(0, r.mention.start - 20), r.mention.start):
            continue
        if r.statuses:
            continue
        # "continues on exemestane ... (progressed on letrozole + palbociclib)": a nearer word before the
        # drug joined to this one is this one's too, not the sentence's head
        nearer = [s for s in prev.statuses if head[-1].pos < s.pos < prev.mention.start]
        if nearer and _SLASH_JOINED.fullmatch(page.text, max(prev.mention.end, prev.attributes_end), r.mention.start):
            r.statuses.append(nearer[-1])
        else:
            r.statuses.append(head[-1])


_ON_JOINED = re.compile(r"\)?(?:\s*\([^()\n]{1,30}\))?\s*(?:/|\+|&|\band\b|\bplus\b|\bwith\b)\s*", re.I)
_SLASH_JOINED = re.compile(r"\s*(?:/|\+|&|,|\band\b|\bplus\b)\s*", re.I)
_THEN_JOINED = re.compile(r"\s*,?\s*(?:then|followed\s+by|->|→)\s*", re.I)


def _share_joined_status(page: AnalyzedPage, group: list[_Read]) -> None:
    """"letrozole/ribociclib were stopped", "letrozole and ribociclib were stopped": drugs written
    right next to each other share the status word and the start date after the last of them."""
    for earlier, later in zip(group[:-1], group[1:]):
        # "on goserelin + exemestane", "on ovarian suppression (goserelin) + exemestane": both are taken.
        on = [s for s in earlier.statuses if s.evidence[0].rule == "med.status.on-drug"]
        # (also after the first drug's dose: "on Kisqali 400 mg (2 tabs) + letrozole")
        if on and not later.statuses and _ON_JOINED.fullmatch(page.text, max(earlier.mention.end, earlier.attributes_end),
                                                              later.mention.start):
            later.statuses.append(_Leaf("active", on[-1].evidence, later.mention.start))
    for earlier, later in zip(reversed(group[:-1]), reversed(group[1:])):
        if _THEN_JOINED.fullmatch(page.text, earlier.mention.end, later.mention.start):
            # "tamoxifen then anastrozole (2018-2024)": a sequence in past years is past as a whole
            if later.year_status is not None and earlier.year_status is None and not earlier.statuses:
                earlier.year_status = later.year_status
            elif earlier.year_status is None and not earlier.statuses and not _END_LEAVES.intersection(earlier.leaves):
                # "tamoxifen then anastrozole to 2021": the course before one that ended is past too
                ended = _past_end(later)
                if ended is not None:
                    earlier.year_status = _Leaf("historical", [ev.model_copy(update={"rule": "med.status.sequence-ended"})
                                                               for ev in ended.evidence], ended.pos)
            continue
        if not _SLASH_JOINED.fullmatch(page.text, earlier.mention.end, later.mention.start):
            continue
        after = [s for s in later.statuses if s.pos > later.mention.start]
        if after and not any(s.pos > earlier.mention.start for s in earlier.statuses):
            earlier.statuses.append(after[0])

        # "fulvestrant + abemaciclib since 5/2024": the start written after both is each one's; and so is
        # the end ("palbociclib + anastrozole from 2025-03 to 2026-07").
        for kind in ("start", "end"):
            for leaf in (kind, f"{kind}_month"):
                item = later.leaves.get(leaf)
                if item is not None and later.mention.end <= item.pos < later.sentence[1] \
                        and kind not in earlier.leaves and f"{kind}_month" not in earlier.leaves:
                    earlier.leaves[leaf] = item
        # "docetaxel/cyclophosphamide x4 cycles, 2012": the years written after both are each one's.
        if not any(k in earlier.leaves for k in ("start", "start_month", "start_year", "end", "end_month", "year")):
            for leaf in ("start_year", "end_year", "year"):
                item = later.leaves.get(leaf)
                if item is not None and later.mention.end <= item.pos < later.sentence[1]:
                    earlier.leaves[leaf] = item
            if later.year_status is not None and earlier.year_status is None:
                earlier.year_status = later.year_status


_END_LEAVES = frozenset({"end", "end_month", "end_year"})


def _past_end(r: _Read) -> _Leaf | None:
    """The end written after the drug, in its sentence, when it is in the past ("... anastrozole to 2021")."""
    today = _dt.date.today()
    for key, past in (("end", lambda v: v <= today), ("end_month", lambda v: v < today.strftime("%Y-%m")),
                      ("end_year", lambda v: v < today.year)):
        leaf = r.leaves.get(key)
        if leaf is not None and r.mention.end <= leaf.pos < r.sentence[1] and past(leaf.value):
            return leaf
    return None


def _share_attributes_backwards(page: AnalyzedPage, group: list[_Read]) -> None:
    """"docetaxel 75 mg/m2 and cyclophosphamide 600 mg/m2 IV every 3 weeks": the route and
    frequency written after the last of drugs joined by "and" belong to each of them."""
    for earlier, later in zip(reversed(group[:-1]), reversed(group[1:])):
        gap = page.text[max(earlier.attributes_end, earlier.mention.end):later.mention.start]
        if not _JOINED.match(gap):
            continue
        if "frequency" in earlier.leaves:
            continue  # a sig of its own ("ibrance 75mg daily 21/7, Faslodex 500mg IM monthly"): the rest is the next drug's
        for leaf in _SHARED_ATTRIBUTES:
            # Only what the shared sentence says: not a later sentence that refers back to the second drug.
            if leaf not in earlier.leaves and leaf in later.leaves and later.leaves[leaf].pos < later.sentence[1]:
                if leaf in ("schedule", "frequency") and earlier.dose is None and later.dose is not None \
                        and later.dose[0].pos < later.leaves[leaf].pos:
                    # "letrozole + ribociclib 600 mg daily d1-21 q28d": the cycle is ribociclib's;
                    # "anastrozole + goserelin 10.8 mg 3-monthly": so is the interval after a dose
                    continue
                earlier.leaves[leaf] = later.leaves[leaf]


def _row_opened(text: str, pos: int) -> int | None:
    """The start of the line that `pos` opens (after spaces, a bullet or an item number), if it does."""
    line_start = text.rfind("\n", 0, pos) + 1
    return line_start if not text[line_start:pos].strip(" \t-*•0123456789.)") else None


#: Right before a drug named as background to what happened ("despite loperamide").
_DESPITE = re.compile(r"\b(?:despite|in\s+spite\s+of|even\s+with)\s+(?:(?:the|her|his|regular|daily)\s+)?$", re.I)
#: Between two drugs, the words that make what follows a consequence ("..., and so abemaciclib was interrupted").
_SO = re.compile(r"\b(?:so|therefore|hence|thus|consequently)\b", re.I)


def _share_trailing_status(page: AnalyzedPage, sentence: tuple[int, int], group: list[_Read], reads: list[_Read]) -> None:
    """A status word after the last of several drugs is about all of them ("TCHP (docetaxel,
    carboplatin, trastuzumab, pertuzumab) for 6 cycles, completed"), and so is a short drug-less
    sentence after a ';' ("... cyclophosphamide every 3 weeks for 4 cycles; completed.")."""
    text = page.text
    last = group[-1]
    # (not a status in a parenthesis after the last drug's own words: "..., and alendronate 70 mg
    # weekly (stopped 2023)" is about alendronate alone)
    after = [s for s in last.statuses if s.pos > last.mention.start
             and text.rfind("(", last.mention.end, s.pos) <= text.rfind(")", last.mention.end, s.pos)]
    if after and len(group) > 1:
        # (not to the rows above in a list whose rows each open with a drug: "... 05/04/2026  On Hold"
        # closes the zoledronic acid row only)
        rows = {_row_opened(text, g.mention.start) for g in group} - {None}
        last_row = text.rfind("\n", 0, last.mention.start) + 1
        last_row = last_row if last_row in rows else None
        for r in group[:-1]:
            if not r.statuses and not (len(rows) > 1 and last_row is not None and r.mention.start < last_row) \
                    and not _DESPITE.search(text, max(0, r.mention.start - 30), r.mention.start) \
                    and not _SO.search(text, r.mention.end, last.mention.start):
                # (not a drug named as background, or a clause that led to what the last drug's status tells:
                # "grade 3 diarrhoea despite loperamide, and so abemaciclib was interrupted")
                r.statuses.append(after[0])
    s_start, s_end = sentence
    if not text[s_start:s_end].rstrip().endswith(";"):
        return
    n_start, n_end = statement_at(page, _skip_space(text, s_end))
    if n_start < s_end or n_end - n_start > 60 or any(n_start <= r.mention.start < n_end for r in reads):
        return
    for rule in _rules("med.status."):
        if rule.params.get("before_only") or rule.params.get("classes"):
            continue  # (a cue for some drug classes only is read at each drug: _read_statuses)
        m = next(iter(rule.finditer(text, page.is_ocr, n_start, n_end)), None)
        if m is not None:
            cue = _Leaf(rule.params["value"], [page.evidence(m.start(), m.end(), rule.id)], m.start())
            for r in group:
                r.statuses.append(cue)
            return


def _share_start_date(page: AnalyzedPage, sentence: tuple[int, int], group: list[_Read]) -> None:
    """"She began paclitaxel ... with trastuzumab ... on April 2, 2024": the one date of a
    sentence that starts drugs is each drug's start."""
    head = [s for s in group[0].statuses if s.pos < group[0].mention.start and _STARTED.search(s.evidence[0].text)]
    if not head:
        return
    used = {c.date.pos for r in group for c in r.changes if c.date is not None}
    dates = [d for d in find_dates(page.text, head[-1].pos, sentence[1]) if d.start not in used]
    if len(dates) == 1:
        d = dates[0]
        for r in group:
            if "start" not in r.leaves:
                r.leaves["start"] = _Leaf(d.value, [page.evidence(d.start, d.end, "med.date.start-of-sentence")], d.start)
        return
    # "She started letrozole + ribociclib in Aug 2023": the month the drugs started, up to the clause's end.
    if dates or len(group) < 2:
        return
    clause = _CLAUSE_END.search(page.text, group[-1].mention.end, sentence[1])
    months = find_month_years(page.text, head[-1].pos, clause.start() if clause else sentence[1])
    if len(months) != 1:
        return
    m = months[0]
    for r in group:
        if "start" not in r.leaves and "start_month" not in r.leaves:
            r.leaves["start_month"] = _Leaf(m.iso, [page.evidence(m.start, m.end, "med.date.start-of-sentence")], m.start)


# --------------------------------------------------------------------------- one finding per drug

_CHANGE_LEAVES = ("date", "date_month", "from_dose", "to_dose", "unit", "reason")


def _fold_changes(changes: list[_Change]) -> list[_Change]:
    """Changes to the same dose whose dates and starting doses do not disagree are one change;
    the first telling keeps its place (unless other changes follow it before the next telling and it
    says no starting dose: a summary of the dose now), the others fill in what it lacks."""
    folded: list[_Change] = []
    for change in changes:
        same = next((f for f in folded if f.to_dose.value == change.to_dose.value
                     and _agree(f.date, change.date) and _agree(f.date_month, change.date_month)
                     and _agree(f.from_dose, change.from_dose)), None)
        if same is not None and change.resumption and any(
                f.to_dose.value != change.to_dose.value for f in folded[folded.index(same) + 1:]):
            # "reduced to 100 mg ... re-escalated to 150 mg ... restarted at 100 mg": a new step down
            same = None
        if same is None:
            folded.append(change)
            continue
        if same is not folded[-1] and same.from_dose is None:
            # "dose level -2 = 200 mg (started 600 mg; DL-1 400 mg ...; DL-2 200 mg ...)": the first telling
            # was the dose now, ahead of its history; the history's telling keeps the place
            folded.remove(same)
            folded.append(change)
            same, change = change, same
        for key in ("date", "date_month", "from_dose", "reason", "unit"):
            if getattr(same, key) is None and getattr(change, key) is not None:
                setattr(same, key, getattr(change, key))
        same.resumption = same.resumption and change.resumption
        same.span = (same.span[0], max(same.span[1], change.span[1]))
    return folded


_DATE_LEAVES = ("start", "start_month", "start_year", "end", "end_month", "end_year")
#: A list row's comment that the row was stopped for a change of dose ("Reason: Dose reduced - neutropenia").
_ROW_DOSE_CHANGED = re.compile(r"\b(?:dose[-\s]+)?(?:reduced|decreased|lowered|increased|changed|reduction|adjusted)\b", re.I)
#: How many lines a stopped row's comment may run under its drug.
_ROW_COMMENT_LINES = 3


def _same_line(text: str, a: int, b: int) -> bool:
    return "\n" not in text[min(a, b):max(a, b)]


def _stopped_row_change(page: AnalyzedPage, stopped: _Read, active: _Read) -> _Change | None:
    """A list's stopped row at another dose whose own comment says the dose was changed ("palbociclib 125 MG ...
    Discontinued / Reason: Dose reduced - neutropenia" beside "palbociclib 100 MG ... Active"): a change from the
    stopped row's dose to the active row's, its reason the comment's. A stopped row that does not say so is no
    change (an old prescription, a switch of brand)."""
    text = page.text
    end = stopped.mention.end
    for _ in range(_ROW_COMMENT_LINES):
        nxt = text.find("\n", end + 1)
        if nxt < 0:
            end = len(text)
            break
        end = nxt
    others = [m.start for m in drugs().find(text[stopped.mention.end:end])
              if m.drug.name != stopped.mention.drug.name]
    if others:
        end = stopped.mention.end + min(others)
    said = _ROW_DOSE_CHANGED.search(text, stopped.mention.end, end)
    if said is None or stopped.dose is None or active.dose is None:
        return None
    to_dose, unit = active.dose
    change = _Change(to_dose=to_dose, unit=unit, pos=max(stopped.dose[0].pos, active.dose[0].pos), span=said.span(),
                     from_dose=_Leaf(stopped.dose[0].value,
                                     [ev.model_copy(update={"rule": "med.change.stopped-row"}) for ev in stopped.dose[0].evidence],
                                     stopped.dose[0].pos))
    probe = dataclasses.replace(stopped, reasons=[])
    _read_reasons(page, probe, said.start(), end, free_until=end)
    if probe.reasons:
        change.reason = probe.reasons[0]
    return change


def _agree(a: _Leaf | None, b: _Leaf | None) -> bool:
    return a is None or b is None or a.value == b.value



def _brand_history(reads: list[_Read]) -> _Leaf | None:
    """Brands of one drug named in turn ("Herceptin ... switched to Ogivri (trastuzumab-dkst)"):
    the brands in text order, each once, when there is more than one; `brand` is the last."""
    named = sorted((r.leaves["brand"] for r in reads if "brand" in r.leaves), key=lambda x: x.pos)
    order: list[str] = []
    evidence: list[Evidence] = []
    for leaf in named:
        if leaf.value not in order:
            order.append(leaf.value)
            evidence += leaf.evidence
    if len(order) < 2:
        return None
    return _Leaf(order, evidence, named[-1].pos)


#: A dose in a sentence ("200 mg", "2 tabs").
_A_DOSE = re.compile(r"\d[ \t]*(?:mg|mcg|tabs?|tablets?)\b", re.I)
#: A sentence that explains a change told before it: "Reason for change per prescriber note: ...".
_EXPLAINS = re.compile(r"\breasons?\b|\b(?:lowered|reduced|decreased|cut|dropped|dose[-\s]reduced)\b", re.I)


def _reason_in_next_sentence(page: AnalyzedPage, reads: list[_Read], change: _Change) -> _Leaf | None:
    """The reason told by the sentence right after the change's, when that sentence names no drug and
    explains a change ("New Rx: ribociclib 400 mg/day ... Reason for change per prescriber note: dose
    reduced for QTc prolongation")."""
    owner = next((r for r in reads if any(c is change for c in r.changes)), None)
    if owner is None:
        return None
    text = page.text
    end = page.sentence_at(change.span[1])[1]
    # (past one short sentence about another drug: "...; letrozole 2.5 mg daily. Reason for change: ...", or a
    # label line of a form: "Date of change: 11/10/2026" then "Reason (per prescriber office): grade 2 diarrhea
    # not controlled with loperamide", a labelled reason that may name the drug that failed to help)
    for _ in range(3):
        n_start, n_end = page.sentence_at(_skip_space(text, end))
        if n_start < end or n_end - n_start > 240:
            return None
        named = [] if _REASON_OPENS.match(text, n_start, n_end) else drugs().find(text[n_start:n_end])
        if not named:
            if _A_DOSE.search(text, n_start, n_end):
                return None  # (a sentence with a dose tells a change of its own)
            if not _EXPLAINS.search(text, n_start, n_end) and _LABEL_OPENS.match(text, n_start, n_end):
                end = n_end
                continue
            break
        if any(m.drug.name == owner.mention.drug.name for m in named) or _EXPLAINS.search(text, n_start, n_end):
            return None
        end = n_end
    else:
        return None
    if not _EXPLAINS.search(text, n_start, n_end):
        return None
    probe = dataclasses.replace(owner, reasons=[])
    _read_reasons(page, probe, n_start, n_end)
    return probe.reasons[0] if probe.reasons else None


#: How far (characters) before a graded reason term its grade may stand ("grade 2 diarrhoea").
_GRADE_REACH = 12


def _graded_reason_before(page: AnalyzedPage, change: _Change, name: str) -> _Leaf | None:
    """A toxicity told with its grade in the sentence before the change's (in its paragraph) or earlier in the
    change's own sentence, where the drug is named and no other cancer drug ("She had ongoing grade 2 diarrhoea on
    abemaciclib 150 mg ... despite loperamide. We reduced her to 2 tablets"; "her ALT was 168 U/L (grade 2), and
    the ribociclib was interrupted ... the dose was reduced"): the last such term before the change; else one after
    the change on its own log row ("12/10/2026   Abemaciclib 150 mg BD -> 100 mg BD   Grade 3 diarrhoea"). (A
    sentence naming no drug, or another cancer drug, tells no reason: "She had grade 3 diarrhoea on abemaciclib.
    Ribociclib was withheld ...")"""
    text = page.text
    s_start = page.sentence_at(change.span[0])[0]
    before = text[:s_start].rstrip()
    start = s_start
    if before.endswith((".", ";")) and "\n\n" not in text[len(before):s_start]:
        start = max(page.sentence_at(len(before) - 1)[0], s_start - 300)
    grade = _rule("med.graded-toxicity")
    found: list[_Leaf] = []
    # (and a log row's reason column after the change on its line: "12/10/2026   Abemaciclib 150 mg BD -> 100 mg BD
    # Grade 3 diarrhoea despite loperamide")
    row_end = _line_end(text, change.span[1])
    for rule in _rules("med.reason."):
        if rule.id in ("med.reason.intro", "med.reason.consequence"):
            continue
        for m in [*rule.finditer(text, page.is_ocr, start, change.span[0]),
                  *rule.finditer(text, page.is_ocr, change.span[1], row_end)]:
            near = text[max(start, m.start() - _GRADE_REACH):m.end()]
            if _first_match(grade, page, near) is None:
                continue
            # (its sentence names the drug, and no other cancer drug; a clause closed by ";" runs on into the next:
            # "In October she had grade 3 diarrhoea; abemaciclib was withheld ... and then restarted at dose level -1")
            t_start, t_end = page.sentence_at(m.start())
            while text[t_start:t_end].rstrip().endswith(";") and t_end < change.span[0]:
                t_end = page.sentence_at(_skip_space(text, t_end))[1]
            if m.start() >= change.span[1]:
                t_start, t_end = text.rfind("\n", 0, change.span[0]) + 1, row_end  # (the row's own line)
            named = drugs().find(text[t_start:min(t_end, change.span[0])] if m.start() < change.span[1]
                                 else text[t_start:t_end])
            if any(d.drug.name == name for d in named) and not any(d.drug.name != name and d.drug.oncology for d in named):
                found.append(_Leaf(rule.params["value"], [page.evidence(m.start(), m.end(), rule.id)], m.start()))
    before = [x for x in found if x.pos < change.span[0]]
    return max(before, key=lambda x: x.pos) if before else min(found, key=lambda x: x.pos) if found else None


#: A change told without its doses ("we lowered your Kisqali dose").
_CHANGE_VERB = re.compile(r"\b(?:lowered|reduced|decreased|cut|dropped|increased|dose[-\s]reduced)\b", re.I)


def _same_sentence(text: str, a: int, b: int) -> bool:
    return not _SENTENCE_END.search(text, min(a, b), max(a, b))


def _about_the_past(r: _Read) -> bool:
    """The mention's own last status word puts it in the past ("Prior fill 08/2026: KISQALI 200 MG -
    TAKE 3 TABLETS (600 MG)", "previously on ribociclib 600 mg")."""
    return bool(r.statuses) and max(r.statuses, key=lambda s: s.pos).value == "historical"


def _latest_leaves(reads: list[_Read]) -> dict[str, _Leaf]:
    """Each leaf as the last of `reads` (in text order) states it."""
    leaves: dict[str, _Leaf] = {}
    for r in reads:
        for leaf, item in r.leaves.items():
            if leaf not in leaves or item.pos >= leaves[leaf].pos:
                leaves[leaf] = item
    return leaves


def _finding(page: AnalyzedPage, name: str, reads: list[_Read]) -> Finding:
    # Text order, later statements winning; but where the page speaks of the drug both in the past
    # and otherwise, the other statements win whatever their order, and the past ones' doses are
    # earlier doses (a change's "from" when the change does not say it).
    past = [r for r in reads if _about_the_past(r)]
    if len(past) == len(reads):
        past = []
    in_past = {id(r) for r in past}
    now = [r for r in reads if id(r) not in in_past]
    leaves = {**_latest_leaves(past), **_latest_leaves(now)}
    if "frequency" in leaves and leaves["frequency"].value in _LOOSER_FREQUENCY:
        # "denosumab 120 mg SC every 4 weeks ... Continue denosumab monthly": the same interval told less exactly
        exact = [r.leaves["frequency"] for r in now if r.leaves.get("frequency") is not None
                 and r.leaves["frequency"].value == _LOOSER_FREQUENCY[leaves["frequency"].value]]
        if exact:
            leaves["frequency"] = exact[-1]

    for leaf in ("start", "end"):
        if leaf in leaves:
            leaves.pop(f"{leaf}_month", None)  # a full date says more than its month
        if leaf in leaves or f"{leaf}_month" in leaves:
            leaves.pop(f"{leaf}_year", None)  # and a month more than its year
    brands = _brand_history(reads)
    if brands is not None:
        leaves["brands"] = brands

    # The same change told twice (history list, narrative, list comment) is one change.
    changes = _fold_changes(sorted((c for r in reads for c in r.changes), key=lambda c: c.pos))
    plain = sorted(((r.dose[0].pos, r.dose[0], r.dose[1]) for r in reads if r.dose), key=lambda s: s[0])
    # A change to a dose by weight or area for a drug whose every stated dose is a plain amount ("filgrastim
    # 300 mcg daily" and a sentence after it: "C2D1 given at 7.5 mg/kg"): another drug's change.
    if plain and all(unit is not None and not _PER_BODY.search(unit.value) for _, _, unit in plain):
        changes = [c for c in changes if c.unit is None or not _PER_BODY.search(c.unit.value)]
    earlier = [d for r in reads if r.dose and (r.earlier_dose or id(r) in in_past) for d in r.dose[:1]]
    reasons = sorted((x for r in reads for x in r.reasons), key=lambda x: x.pos)
    for change in changes:
        if change.from_dose is None:
            # The dose before the change: the last plain dose stated before it that differs, or a
            # dose the page says came earlier ("had been started at 125 mg") wherever it is written.
            # (in the change's unit: "1000 mg/m2 BD ... reduced to 1150 mg BD" does not say the mg before)
            before = [d for pos, d, unit in plain if pos < change.pos and d.value != change.to_dose.value
                      and (change.unit is None or unit is None or unit.value == change.unit.value)] or \
                     [d for d in earlier if d.value != change.to_dose.value]
            # "reduced to 400 mg ..., then to 200 mg", "... Further reduced to 200 mg": the change before it.
            chained = [c.to_dose for c in changes if c.pos < change.pos and c.to_dose.value != change.to_dose.value]
            if chained and (not before or before[-1].pos < chained[-1].pos):
                before = chained
            if before:
                prior = before[-1]
                change.from_dose = _Leaf(prior.value, [ev.model_copy(update={"rule": "med.change.from-previous-dose"})
                                                       for ev in prior.evidence], prior.pos)
        if change.reason is None:
            # The reason stated with the change, or the reason of the hold just before it (not one an
            # earlier change already took: "reduced to 400 mg due to QTc prolongation. Further reduced ...").
            # (a reason in another sentence that a change of its own sentence took)
            taken = {id(c.reason) for c in changes if c is not change and c.reason is not None
                     and _same_sentence(page.text, c.pos, c.reason.pos)}
            near = [x for x in reasons if change.pos - 200 <= x.pos <= change.span[1] + 80
                    and (id(x) not in taken or _same_sentence(page.text, change.pos, x.pos))]
            if near:
                # (on a tie, the reason after the change: "DL-1 400 mg from C3 for neutropenia; DL-2 200 mg from C6
                # for ALT rise")
                change.reason = min(near, key=lambda x: (x.pos - change.span[1], 0) if x.pos >= change.span[1]
                                    else (change.pos - x.pos, 1))
            elif (hold := _hold_before(reads, change)) is not None:
                # "... grade 3 neutropenia, so ribociclib was held ... [a sentence or two] ... resumed today at
                # 400 mg (dose level -1)": the hold's reason, when no change came between
                by_hold = [x for x in reasons if hold.pos - 200 <= x.pos <= hold.pos + 80 and id(x) not in taken]
                if by_hold:
                    change.reason = min(by_hold, key=lambda x: abs(x.pos - hold.pos))
        if change.reason is None:
            change.reason = _reason_in_next_sentence(page, reads, change)
        if change.reason is None:
            change.reason = _graded_reason_before(page, change, name)
    # "Your white count was low today, so we lowered your Kisqali dose" (no dose of its own): the reason of
    # the one change that has none ("What changed: dose decreased from 600 mg to 400 mg", told elsewhere).
    told = [x for r in reads if not r.changes and _CHANGE_VERB.search(page.text, *r.sentence)
            for x in r.reasons if r.sentence[0] <= x.pos < r.sentence[1]]
    unexplained = [c for c in changes if c.reason is None and not c.resumption]
    if len(unexplained) == 1 and len({x.value for x in told}) == 1:
        unexplained[0].reason = told[0]
    # Current dose: the last dose stated or changed to, in text order; an earlier dose only when
    # nothing else is stated.
    packs = [r.dose[0] for r in reads if r.dose and r.pack_strength]
    current = [p for p in plain if p[1] not in earlier and p[1] not in packs] + [(c.pos, c.to_dose, c.unit) for c in changes]
    statements = sorted(current or plain, key=lambda s: s[0])
    if statements:
        _, dose, unit = statements[-1]
        leaves["dose"] = dose
        if unit is not None:
            leaves["unit"] = unit
    # A resumption at the dose it had before (or at an unknown one) is no change.
    changes = [c for c in changes if not (c.resumption and (c.from_dose is None or c.from_dose.value == c.to_dose.value))]

    explicit = [s for r in now for s in r.statuses]
    if not explicit and not any(r.default_status is not None or r.dose or r.changes for r in now):
        # "KEYNOTE-522 regimen (pembrolizumab + ...) ... pembrolizumab to complete one year (finished 2025-06)": the
        # other mentions name the drug and say nothing more (no dose taken now: "Ribociclib 400 mg daily. Previously
        # on ribociclib 600 mg"), so the past mention's word is the status (not its end date's)
        explicit = [s for r in past for s in r.statuses]
    # "Chemotherapy held for the rest of this cycle (stop capecitabine today)": the hold's stop, told by
    # another mention of the drug in the sentence (a class word)
    held = [s.pos for s in explicit if s.value == "held"]
    explicit = [s for s in explicit if not (s.value == "stopped" and _PLAIN_STOP.match(s.evidence[0].text) and any(
        h < s.pos and _same_sentence(page.text, h, s.pos) for h in held))]
    if any(s.value == "held" for s in explicit):
        # "keep the palbociclib on hold until your appointment; Dr Nguyen will probably restart at 100 mg":
        # a planned restart does not end the hold
        # (and "Capecitabine remains on hold ... Cycle 3 to start 08/12/2026 at a reduced dose": the next start)
        explicit = [s for s in explicit if not (s.value == "planned" and _START_WORD.search(s.evidence[0].text)
                                                and any(h < s.pos for h in held))] or explicit
    defaults = [r.default_status for r in now if r.default_status is not None]
    # a board's recommendation of a drug the page lists elsewhere as taken ("Medications: letrozole")
    # is to go on with it
    defaults = [d for d in defaults if d.evidence[0].rule != "med.plan-list-heading"] or defaults
    status = max(explicit, key=lambda s: s.pos) if explicit else (max(defaults, key=lambda s: s.pos) if defaults else None)
    if status is not None and status.value == "planned" and _RESTART_WORD.search(status.evidence[0].text):
        # "Ribociclib was stopped on admission ... Tab. Ribociclib 200 mg - restart from next cycle at 2 tabs": a stop
        # until a planned restart is a hold
        stops = [s for s in explicit if s.value == "stopped" and s.pos < status.pos]
        if stops:
            status = _Leaf("held", [ev.model_copy(update={"rule": "med.status.stopped-until-restart"})
                                    for ev in stops[-1].evidence + status.evidence], status.pos)
    if not explicit:
        status = _status_from_dates(leaves, reads, status)
    elif all(s.evidence[0].rule == "med.status.on-drug" for s in explicit):
        # "arthralgia on anastrozole" says less than a course that ended ("anastrozole 01/2020-06/2022")
        dated = _status_from_dates(leaves, reads, None)
        if dated is not None and dated.value == "stopped":
            status = dated
    if status is not None and status.value == "stopped" and "dose" in leaves:
        # a list's "palbociclib 125 MG ... Discontinued" row under its "palbociclib 100 MG ... Active" row:
        # the old strength stopped, not the drug
        # (the row's read that gives its dose: "palbociclib (IBRANCE) 125 MG" is read twice, name and brand)
        owner = next((r for r in now if r.dose and any(x.pos == status.pos for x in r.statuses)), None)
        if owner is not None:
            rows = [(x, r) for r in now if r.dose and r.dose[0].value != owner.dose[0].value
                    and "\n" in page.text[min(r.mention.start, owner.mention.start):max(r.mention.start, owner.mention.start)]
                    for x in r.statuses if x.value == "active"]
            if rows and owner.dose[0].value == leaves["dose"].value \
                    and not any(c.to_dose.value == owner.dose[0].value for c in changes):
                # (the stopped row written last: the active row's dose is the dose now, and its dates)
                active_row = rows[-1][1]
                leaves["dose"], unit = active_row.dose
                if unit is not None:
                    leaves["unit"] = unit
                row_dates = {k: v for r in now if _same_line(page.text, r.mention.start, active_row.mention.start)
                             for k, v in r.leaves.items() if k in _DATE_LEAVES}
                if row_dates:
                    for k in _DATE_LEAVES:
                        leaves.pop(k, None)
                    leaves.update(row_dates)
                row_change = _stopped_row_change(page, owner, active_row)
                if row_change is not None and not any(c.to_dose.value == row_change.to_dose.value for c in changes):
                    changes.append(row_change)
            rows = [(x, r) for x, r in rows if r.dose[0].value == leaves["dose"].value]
            if rows:
                status = max((x for x, _ in rows), key=lambda x: x.pos)
    if status is not None and status.evidence[0].rule == "med.plan-list-heading":
        # "palbociclib ... plus letrozole 2.5 mg daily since 03/2023" above a board's "3. Letrozole 2.5 mg
        # daily": a drug started before the note runs, the recommendation is to go on with it
        today = _dt.date.today()
        started = next((leaves[k] for k, past in (("start", lambda v: v <= today),
                                                  ("start_month", lambda v: v < today.strftime("%Y-%m")),
                                                  ("start_year", lambda v: v < today.year))
                        if k in leaves and past(leaves[k].value)), None)
        if started is not None and not any(k in leaves for k in ("end", "end_month", "end_year")):
            status = _Leaf("active", [ev.model_copy(update={"rule": "med.status.started-before"})
                                      for ev in started.evidence], started.pos)
    if status is not None:
        leaves["status"] = status

    value: dict[str, Any] = {leaf: item.value for leaf, item in leaves.items()}
    leaf_evidence: dict[str, list[Evidence]] = {leaf: item.evidence for leaf, item in leaves.items()}
    value["changes"] = []
    for i, change in enumerate(changes):
        entry: dict[str, Any] = {}
        for key in _CHANGE_LEAVES:
            item: _Leaf | None = getattr(change, key)
            if item is not None:
                entry[key] = item.value
                leaf_evidence[f"changes[{i}].{key}"] = item.evidence
        value["changes"].append(entry)
    name_evidence = [_name_evidence(page, r.mention) for r in reads]
    leaf_evidence["name"] = name_evidence
    return Finding(path="medications", value=value, evidence=name_evidence, leaf_evidence=leaf_evidence)


#: How far above a row its table's header may stand (characters, lines).
_HEADER_REACH, _HEADER_LINES = 2500, 25
#: How far (characters) a date may sit from its header cell's left edge when rows and header
#: have different numbers of cells.
_COLUMN_SLACK = 6


def _table_header(page: AnalyzedPage, line_start: int) -> tuple[int, list[tuple[int, int, str | None]], bool] | None:
    """The header line of the table holding the row at `line_start`, when it names a start or end
    date column ("Medication  Dose  Start  End  Status"): (its start, its cells with their kind:
    "start", "end", "date" for other date columns, None for the rest)."""
    cache = page.cache.setdefault("medications.table_headers", {})
    if line_start in cache:
        return cache[line_start]
    text = page.text
    found = None
    pos = line_start
    for _ in range(_HEADER_LINES):
        if pos <= 0 or line_start - pos > _HEADER_REACH:
            break
        h_start = text.rfind("\n", 0, pos - 1) + 1
        h_end = pos - 1
        pos = h_start
        cells = row_cells(text, h_start, h_end)
        if len(cells) < 2 and _WORD_HEADER.match(text, h_start, h_end):
            # A header flattened to single spaces ("Med Name Dose Freq Start Stop"): its words.
            cells = [(m.start(), m.end()) for m in _HEADER_WORD.finditer(text, h_start, h_end)]
            kinds = [_column_kind(text[a:b]) for a, b in cells]
            if "start" in kinds or "end" in kinds:
                found = (h_start, [(a, b, k) for (a, b), k in zip(cells, kinds, strict=True) if k], True)
                break
            continue
        if len(cells) < 2 or find_dates(text, h_start, h_end):
            continue
        kinds = [_column_kind(text[s:e]) for s, e in cells]
        if "start" in kinds or "end" in kinds:
            found = (h_start, [(s, e, k) for (s, e), k in zip(cells, kinds, strict=True)], False)
            break
    cache[line_start] = found
    return found


#: A header line written with single spaces: no digits, naming the drug column.
#: (not a heading that ends with a colon: "Current meds (from our list, may not be up to date):")
_WORD_HEADER = re.compile(r"(?=[^\d\n]{10,120}$)(?![^\n]*:[ \t]*$)[^\n]*\b(?:med(?:ication)?s?|drugs?|name|dose|dosage)\b",
                          re.I)
_HEADER_WORD = re.compile(r"\b(?:start|stop|end|date)\s+(?:date|dt)\b|\b[\w/']+", re.I)


def _column_kind(cell: str) -> str | None:
    cell = re.sub(r"\s+", " ", cell.strip(" :*#.")).strip()
    for rule_id in ("med.column.start", "med.column.end", "med.column.date"):
        rule = _rule(rule_id)
        if rule.strict.fullmatch(cell):
            return rule.params.get("value", "date")
    return None


def _read_column_dates(page: AnalyzedPage, r: _Read) -> set[int]:
    """Dates in the start / end columns of a medication table row ("Letrozole 2.5 mg  12/01/2021
    03/06/2024" under "Medication  Dose  Start  End"): the drug's start and end (a full date, a
    month or a year). Returns the starts of the dates read (also those of other date columns)."""
    text = page.text
    line_start = text.rfind("\n", 0, r.mention.start) + 1
    line_end = text.find("\n", r.mention.end)
    line_end = len(text) if line_end < 0 else line_end
    header = _table_header(page, line_start)
    if header is None:
        return set()
    h_start, columns, by_words = header
    found: list[tuple[int, int, str, Any]] = []  # start, end, precision, value
    found += [(d.start, d.end, "", d.value) for d in find_dates(text, r.mention.end, line_end)]
    found += [(m.start, m.end, "_month", m.iso) for m in find_month_years(text, r.mention.end, line_end)]
    found += [(y.start, y.end, "_year", y.first) for y in find_years(text, r.mention.end, line_end) if y.last is None]
    if not found:
        return set()
    found.sort()
    by_order = len(found) == len([c for c in columns if c[2] is not None])
    row = row_cells(text, line_start, line_end)
    dated_columns = [c for c in columns if c[2] is not None]
    consumed: set[int] = set()
    for d_start, d_end, precision, value in found:
        kind = None
        if by_words:
            if by_order:
                kind = dated_columns[found.index((d_start, d_end, precision, value))][2]
            elif len(found) == 1 and dated_columns and dated_columns[0][2] == "start":
                kind = "start"  # a row that leaves its later date cells empty
        elif by_order and len(row) != len(columns):
            kind = dated_columns[found.index((d_start, d_end, precision, value))][2]
        elif len(row) == len(columns):
            index = next((i for i, (s, e) in enumerate(row) if s <= d_start < e), None)
            kind = columns[index][2] if index is not None else None
        else:
            x = d_start - line_start
            near = min(columns, key=lambda c: abs(c[0] - h_start - x))
            if abs(near[0] - h_start - x) <= _COLUMN_SLACK:
                kind = near[2]
        if kind is None:
            continue
        consumed.add(d_start)
        if kind not in ("start", "end"):
            continue
        if any(f"{kind}{p}" in r.leaves for p in ("", "_month", "_year")):
            continue
        r.leaves[f"{kind}{precision}"] = _Leaf(value, [page.evidence(d_start, d_end, f"med.date.column-{kind}")], d_start)
    return consumed


#: After a year: it heads a list line ("2017-2022: tamoxifen"); or it opens a course still going.
_YEAR_HEADING = re.compile(r"[ \t]*(?::|[-–][ \t])")
_OPEN_ENDED = re.compile(r"[ \t]*(?:-|–|—|to|until)[ \t]*(?:present|current|now|ongoing|date|today)\b", re.I)


#: A past year that opens a bracket, or stands right before it: "(2015, lumpectomy, adjuvant anastrozole
#: x 5 years)", "Right breast cancer 2013 (mastectomy, FEC, tamoxifen 5 years)".
_YEAR_IN_BRACKET = re.compile(r"\(\s*((?:19|20)\d\d)\b")
_YEAR_BEFORE_BRACKET = re.compile(r"\b((?:19|20)\d\d)\s*$")
#: Later in the bracket, a past year in the drug's own clause before a treatment word: "(relapse 2025,
#: original left breast cancer 2011 treated with surgery and tamoxifen for 5 years)".
_YEAR_TREATED_WITH = re.compile(r"(?<!\bsince\s)(?<!\bfrom\s)(?<!\buntil\s)\b((?:19|20)\d\d)\b[^,;()\n]{0,40}?\b(?:treated|managed|received|given)\b[^,;()]{0,60}$")


def _bracket_year(page: AnalyzedPage, r: _Read) -> None:
    """A drug inside a bracket of a past course's history, the bracket opened by (or after) a past year:
    historical (the year is the history's, not the drug's own: no year leaf)."""
    text = page.text
    # (the bracket may open on the line before: "(2015, lumpectomy,\nadjuvant anastrozole x 5 years)")
    line_start = text.rfind("\n", 0, max(0, text.rfind("\n", 0, r.mention.start))) + 1
    opening = text.rfind("(", line_start, r.mention.start)
    if opening < 0 or ")" in text[opening:r.mention.start] or "\n\n" in text[opening:r.mention.start]:
        return
    found = _YEAR_IN_BRACKET.match(text, opening) or _YEAR_BEFORE_BRACKET.search(text, max(line_start, opening - 12), opening) \
        or _YEAR_TREATED_WITH.search(text, opening, r.mention.start)
    if found is not None and int(found.group(1)) < _dt.date.today().year:
        r.year_status = _Leaf("historical", [page.evidence(found.start(1), found.end(1), "med.date.bracket-year")],
                              found.start(1))


def _read_years(page: AnalyzedPage, r: _Read, consumed: set[int]) -> None:
    """A course written with years only: "tamoxifen 2015-2020" (start and end years, historical),
    "on letrozole since 2021" (the start year), "AC-T (2019)", "docetaxel in 2019" (the year it was
    given: historical unless the text says otherwise). The profile's dates are full dates, so
    the years go to `start_year` / `end_year` / `year`, never to an invented date."""
    text = page.text
    this_year = _dt.date.today().year
    line_start = text.rfind("\n", 0, r.mention.start) + 1
    for found in find_years(text, min(r.pre_start, line_start), r.end):
        if found.start in consumed:
            continue
        heading = _YEAR_HEADING.match(text, found.end)
        if found.start < r.mention.start:
            # "2017-2022: tamoxifen": a year heading its line is the line's drugs'
            if not (heading and found.start >= line_start and _LIST_LEAD.fullmatch(text, line_start, found.start)):
                continue
        elif heading and _LIST_LEAD.fullmatch(text, text.rfind("\n", 0, found.start) + 1, found.start):
            break  # the next line's heading: not this drug's
        if _OPEN_ENDED.match(text, found.end) and found.last is None:
            r.leaves.setdefault("start_year", _Leaf(found.first, [page.evidence(found.start, found.end, "med.date.year-to-present")],
                                                    found.start))
            return  # "2023 - present": started that year, still taken
        if any(f"{leaf}{p}" in r.leaves for leaf in ("start", "end") for p in ("", "_month")):
            return  # a fuller date says more
        before = text[max(r.pre_start, found.start - 30):found.start]
        if _first_match(_rule("med.date.hold-span"), page, text[max(r.pre_start, found.start - 50):found.start]):
            continue
        if any(c.span[0] <= found.start < c.span[1] + 30 for c in r.changes):
            continue  # "reduced to 400 mg in 2023": the change's year
        evidence = [page.evidence(found.start, found.end, "med.date.year-range" if found.last else "med.date.year")]
        if found.last is not None:
            r.leaves.setdefault("start_year", _Leaf(found.first, evidence, found.start))
            r.leaves.setdefault("end_year", _Leaf(found.last, evidence, found.start))
            if found.last < this_year and r.year_status is None:
                r.year_status = _Leaf("historical", evidence, found.start)
            return
        leaf, rule = _start_or_end(page, r, before, found.start, found.end)
        if leaf:
            r.leaves.setdefault(f"{leaf}_year", _Leaf(found.first, [page.evidence(found.start, found.end, rule)],
                                                      found.start))
            return
        # A bare year right after the drug, in brackets or after "in" ("AC-T (2019)", "docetaxel in 2019").
        gap = text[r.mention.end:found.start]
        if re.fullmatch(r"[^.;\n]{0,40}?(?:\(\s*|\bin\s+|,\s*)", gap) and found.first < this_year:
            r.leaves.setdefault("year", _Leaf(found.first, evidence, found.start))
            if r.year_status is None:
                r.year_status = _Leaf("historical", evidence, found.start)
            return
