"""Profile + general answer -> Guidance: the steps of tailoring in one place.

    analyze the answer    blocks with headings, concepts and scope (cached for library answers)
    decide each block     applies yes / no / unknown, because, missing   (applicability.py)
    add overlays          tailored notes from rules/overlays.yaml whose topics fit the answer
    add questions         from rules/questions.yaml, filled with the patient's values
    summarise             what the records say, in plain words
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from extract.concepts import ConceptMatch, concept_matcher
from extract.models import ProfileReport
from personalize.applicability import Decider, Scope, scope_of
from personalize.blocks import AnswerBlock, ParsedAnswer, parse_answer
from personalize.conditions import evaluate
from personalize.display import join, number
from personalize.errors import InvalidAnswer
from personalize.library import LibraryAnswer, library
from personalize.models import Because, Block, EvidenceRef, Guidance, MissingItem, QuotedFact, RecordRef
from personalize.profile_view import ProfileView, Resolved
from personalize.rules import OverlayRule, RuleSet, rules

_SEVERITY_ORDER = {"critical": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class AnalyzedAnswer:
    title: str | None
    blocks: tuple[AnswerBlock, ...]
    scopes: tuple[Scope, ...]
    topics: frozenset[str]
    source: str
    written: date | None = None
    review_by: date | None = None
    sources: tuple[str, ...] = ()


def _analyze(parsed: ParsedAnswer) -> tuple[tuple[Scope, ...], dict[str, list[ConceptMatch]]]:
    """Scopes of every block, from one concept pass over all headings and block texts."""
    matcher = concept_matcher()
    headings = list(dict.fromkeys(h for b in parsed.blocks for h in b.headings))
    pieces = headings + [b.text for b in parsed.blocks]
    offsets, pos = [], 0
    for piece in pieces:
        offsets.append(pos)
        pos += len(piece) + 2
    found = matcher.find("\n\n".join(pieces), topics=False)
    per_piece: list[list[ConceptMatch]] = [[] for _ in pieces]
    k = 0
    for m in found:  # ordered by start
        while k + 1 < len(offsets) and offsets[k + 1] <= m.start:
            k += 1
        if m.end <= offsets[k] + len(pieces[k]):
            per_piece[k].append(m)
    heading_scope = {
        h: scope_of(h, per_piece[i], matcher, heading=True, offset=offsets[i]) for i, h in enumerate(headings)
    }
    scopes = []
    for j, block in enumerate(parsed.blocks):
        scope = Scope()
        for h in block.headings:
            scope = scope.override(heading_scope[h])
        n = len(headings) + j
        scopes.append(scope.add_open(scope_of(block.text, per_piece[n], matcher, heading=False, offset=offsets[n])))
    return tuple(scopes), {h: per_piece[i] for i, h in enumerate(headings)}


def _text_topics(title: str | None, headings: list[str]) -> set[str]:
    """A foreign answer's topics: those of the library answer its title fits, and those its title
    and headings name. Mentions in the body are too incidental to steer which notes are added."""
    topics = set(library().topics_for_title(title))
    named = "\n".join([title or "", *headings])
    topics.update(t for m in concept_matcher().find(named) for t in m.topics)
    return topics


_LIBRARY_ANALYSES: dict[tuple[str, str], AnalyzedAnswer] = {}


def analyze_library_answer(answer: LibraryAnswer) -> AnalyzedAnswer:
    """Library answers are analyzed once per process (keyed by id and text)."""
    key = (answer.id, answer.body)
    if key not in _LIBRARY_ANALYSES:
        scopes, _ = _analyze(answer.parsed)
        meta = answer.meta
        _LIBRARY_ANALYSES[key] = AnalyzedAnswer(meta.title, answer.parsed.blocks, scopes, frozenset(meta.topics),
                                                answer.source, meta.written, meta.review_by, tuple(meta.sources))
    return _LIBRARY_ANALYSES[key]


def analyze_text(text: str) -> AnalyzedAnswer:
    """A general answer written elsewhere (Markdown or plain text)."""
    if not isinstance(text, str) or not text.strip():
        raise InvalidAnswer()
    parsed = parse_answer(text)
    if not parsed.blocks:
        raise InvalidAnswer("The answer text has a title but no paragraphs or bullets to tailor. Give the whole answer.")
    scopes, heading_matches = _analyze(parsed)
    topics = _text_topics(parsed.title, list(heading_matches))
    return AnalyzedAnswer(parsed.title, parsed.blocks, scopes, frozenset(topics), "text")


# -- building the guidance ------------------------------------------------------------------------

def _because(resolved: list[Resolved]) -> list[Because]:
    out, seen = [], set()
    for r in resolved:
        if r.path in seen:
            continue
        seen.add(r.path)
        value = r.value
        if isinstance(value, dict):
            value = {k: v for k, v in value.items() if not isinstance(v, (list, dict))}
        out.append(Because(field=r.path, value=value, evidence=[EvidenceRef(**e) for e in r.evidence]))
    return out


class _Missing:
    def __init__(self) -> None:
        self.items: dict[str, str] = {}

    def add(self, field: str, why: str) -> None:
        self.items.setdefault(field, why)

    def out(self) -> list[MissingItem]:
        return [MissingItem(field=f, why=w) for f, w in self.items.items()]


def _overlay_block(rule: OverlayRule, view: ProfileView, rs: RuleSet, used: list[Resolved], n: int) -> Block | None:
    display = rs.texts.display()
    sentences = []
    for template in rule.templates():
        text, filled = template.render(view, rule.bind, display)
        if text is not None:
            sentences.append(text)
            used = used + filled
    if not sentences:
        return None
    text = " ".join(sentences)
    if text.endswith(";"):  # a list of items whose last ones were not in the records
        text = text[:-1] + "."
    return Block(
        id=f"t{n}", kind="tailored", rule=rule.id, severity=rule.severity, text=text,
        applies="yes", because=_because(used),
        facts=[QuotedFact(text=f, source=rule.source, revised=rule.revised) for f in rule.facts],
    )


def _overlays(view: ProfileView, topics: set[str], rs: RuleSet, missing: _Missing) -> list[Block]:
    blocks: list[Block] = []
    for rule in sorted(rs.overlays.rules, key=lambda r: _SEVERITY_ORDER[r.severity]):
        if not rule.applies_to(topics):
            continue
        relevant: list[Resolved] = []
        if rule.relevant_when is not None:
            guard = evaluate(rule.relevant_when, view, rule.bind)
            if guard.value is not True:
                continue
            relevant = guard.used
        outcome = evaluate(rule.when, view, rule.bind)
        if outcome.value is None:
            if rule.if_unknown is not None:
                missing.add(rule.if_unknown.field, rule.if_unknown.why)
            continue
        if outcome.value:
            block = _overlay_block(rule, view, rs, relevant + outcome.used, len(blocks) + 1)
            if block is not None:
                blocks.append(block)
    return blocks


def _questions(view: ProfileView, topics: set[str], rs: RuleSet) -> list[str]:
    out: list[str] = []
    display = rs.texts.display()
    for rule in rs.questions.rules:
        if not rule.applies_to(topics):
            continue
        if rule.relevant_when is not None and evaluate(rule.relevant_when, view, rule.bind).value is not True:
            continue
        if evaluate(rule.when, view, rule.bind).value is True:
            text, _ = rule.template().render(view, rule.bind, display)
            if text and text not in out:
                out.append(text)
    return out


def profile_summary(view: ProfileView, decider: Decider) -> str:
    """What the records say, in plain words, using only profile values."""
    receptors = ", ".join(s for s in (decider.facet("hr").shown, decider.facet("her2").shown) if s)
    setting = decider.facet("setting").shown or ""
    genes = [decider.facet(d).shown for d in ("brca", "pik3ca", "esr1") if decider.facet(d).possible in ({"carrier"}, {"altered"})]
    meds = []
    for item in view.data.get("medications", []):
        if item.get("status") in ("stopped", "historical"):
            continue
        dose = f" {number(item['dose'])}" if item.get("dose") is not None else ""
        unit = item.get("unit") if dose else None
        # carboplatin's dose is a target, written before its number ("AUC 6")
        meds.append(f"{item['name']} AUC{dose}" if unit == "AUC" else f"{item['name']}{dose}{f' {unit}' if unit else ''}")
    parts = [p for p in (receptors, setting, join([g for g in genes if g]), f"current medicines: {join(meds)}" if meds else "") if p]
    if not parts:
        return "Your records do not yet state your cancer's receptors, stage or medicines."
    return "Your records: " + "; ".join(parts) + "."


def _records(view: ProfileView) -> list[RecordRef]:
    return [RecordRef(document=d.id, kind=d.kind, date=d.date) for d in view.report.documents]


def tailor(
    profile: dict | ProfileReport,
    answer: LibraryAnswer | AnalyzedAnswer | str,
    *,
    question: str | None = None,
    today: date | None = None,
) -> Guidance:
    """Tailor a general answer (a library answer, or any answer text) to a PROFILE.md profile."""
    today = today or date.today()
    view = ProfileView(profile)
    rs = rules()
    if isinstance(answer, LibraryAnswer):
        analyzed = analyze_library_answer(answer)
    elif isinstance(answer, AnalyzedAnswer):
        analyzed = answer
    else:
        analyzed = analyze_text(answer)
    decider = Decider(view, rs.texts.display(), rs.texts.er_low_note, rs.texts.about)
    missing = _Missing()
    blocks: list[Block] = []
    for n, (block, scope) in enumerate(zip(analyzed.blocks, analyzed.scopes, strict=True), start=1):
        decision = decider.decide(scope)
        for dim in decision.unknown_dims:
            text = rs.texts.dimensions[dim]
            missing.add(text.field, text.why)
        blocks.append(Block(
            id=f"b{n}", kind="general", heading=block.heading, role=block.role, text=block.text,  # type: ignore[arg-type]
            applies=decision.applies, because=_because(decision.because), note=decision.note, about=decision.about,  # type: ignore[arg-type]
        ))
    topics = set(analyzed.topics)
    blocks += _overlays(view, topics, rs, missing)
    return Guidance(
        question=question or analyzed.title,
        answer_source=analyzed.source,
        answer_title=analyzed.title,
        answer_written=analyzed.written,
        answer_review_by=analyzed.review_by,
        review_overdue=bool(analyzed.review_by and today > analyzed.review_by),
        answer_sources=list(analyzed.sources),
        generated=today,
        profile_summary=profile_summary(view, decider),
        blocks=blocks,
        missing=missing.out(),
        questions_to_ask=_questions(view, topics, rs),
        records=_records(view),
        disclaimer=rs.texts.disclaimer,
    )
