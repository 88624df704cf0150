"""Safety of tailored text: only the patient's own values, quoted facts with sources, no dosing
instructions, and dates with a review flag."""

import json
import re
from datetime import date
from functools import lru_cache
from pathlib import Path

import pytest

from extract.concepts import find_concepts
from personalize import library, tailor
from personalize.rules import rules

FIXTURES = Path(__file__).parent / "fixtures"
PROFILES = sorted((FIXTURES / "profiles").glob("*.json"))
FOREIGN = sorted((FIXTURES / "answers").glob("*.*"))
TODAY = date(2026, 11, 26)


@lru_cache(maxsize=None)
def profile(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def answers():
    return [a for a in library().answers] + [p.read_text(encoding="utf-8") for p in FOREIGN]


@lru_cache(maxsize=None)
def all_guidance():
    return [(p.stem, profile(p), tailor(profile(p), a, today=TODAY)) for p in PROFILES for a in answers()]


def value_at(data: dict, path: str):
    """The value at a PROFILE.md path such as 'labs[1].value', read straight from the JSON."""
    node = data["profile"]
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        node = node[int(part[1:-1])] if part.startswith("[") else node[part]
    return node


# -- extracting what a text presents as values ----------------------------------------------------

UNITS = re.compile(r"×\s*10⁹/L|x?10\^9/L|K/µL")
IDENTIFIER = re.compile(r"\b[A-Za-z][A-Za-z\-]*\d[\w/\-]*")  # HER2, CDK4/6, BRCA1, PIK3CA, NRG-BR002, T-DM1
DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
NUMBER = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)(\s*%|\+)?")


def presented_values(text: str) -> tuple[list[str], list[float], list[str]]:
    """Dates, numbers (with % and IHC '1+' forms) and drug generic names a text states."""
    dates = DATE.findall(text)
    rest = IDENTIFIER.sub(" ", UNITS.sub(" ", DATE.sub(" ", text)))
    numbers = [m.group(1) + (m.group(2) or "").strip() for m in NUMBER.finditer(rest)]
    drugs = [m.drug for m in find_concepts(text) if m.kind == "drug"]
    return dates, numbers, drugs


def _flatten(value) -> list:
    if isinstance(value, dict):
        return [x for v in value.values() for x in _flatten(v)]
    if isinstance(value, list):
        return [x for v in value for x in _flatten(v)]
    return [value]


def _matches(token: str, values: list) -> bool:
    for v in values:
        if isinstance(v, bool):
            continue
        if isinstance(v, str) and token in [m.group(1) for m in NUMBER.finditer(v)] + DATE.findall(v):
            return True  # a number inside a stated text value ("days 1-21 of 28")
        if isinstance(v, (int, float)) and re.fullmatch(r"\d+(?:\.\d+)?%?", token):
            if float(token.rstrip("%")) == float(v):
                return True
        if str(v) == token:
            return True
    return False


def test_value_extractor_sees_numbers_percentages_scores_dates_and_drugs():
    dates, numbers, drugs = presented_values(
        "ANC 0.8 × 10⁹/L on 2026-11-20; ER 95%; HER2 IHC 1+; ribociclib 400 mg (CDK4/6, NRG-BR002).")
    assert dates == ["2026-11-20"] and numbers == ["0.8", "95%", "1+", "400"] and drugs == ["ribociclib"]


def test_tailored_text_states_only_values_from_the_profile():
    mentions = {r.id: set(r.mentions) for r in rules().overlays.rules}
    checked = 0
    for name, data, g in all_guidance():
        meds = {m["name"] for m in data["profile"].get("medications", [])}
        for block in g.blocks:
            if block.kind != "tailored":
                continue
            because_values = [v for b in block.because for v in _flatten(b.value)]
            for b in block.because:  # each reason is the profile's own value, at the path it names
                assert value_at(data, b.field) == b.value or isinstance(b.value, dict), (name, block.rule, b.field)
                for ev in b.evidence:
                    assert ev.end - ev.start == len(ev.text)
            dates, numbers, drugs = presented_values(block.text)
            for token in dates + numbers:
                assert _matches(token, because_values), (name, block.rule, token, block.text)
                checked += 1
            for drug in drugs:
                assert drug in meds or drug in mentions[block.rule], (name, block.rule, drug)
    assert checked > 100


def test_questions_summaries_and_notes_state_only_profile_values():
    question_mentions = {d for q in rules().questions.rules for d in q.mentions}
    for name, data, g in all_guidance():
        values = _flatten(data["profile"])
        meds = {m["name"] for m in data["profile"].get("medications", [])}
        # A note's "This part is about X" names the block's subject; what follows is the patient's.
        notes = [b.note[b.note.find("your records"):] for b in g.blocks if b.note and "your records" in b.note]
        texts = [*g.questions_to_ask, g.profile_summary, *notes]
        for text in texts:
            dates, numbers, drugs = presented_values(text)
            for token in dates + numbers:
                assert _matches(token, values), (name, token, text)
            for drug in drugs:
                assert drug in meds or drug in question_mentions, (name, drug, text)


def test_quoted_label_and_guideline_facts_carry_their_source():
    for rule in rules().overlays.rules:
        assert rule.source and (rule.revised or rule.revised_note), rule.id
    for _, _, g in all_guidance():
        for block in g.blocks:
            if block.kind == "tailored":
                assert block.severity in ("info", "warning", "critical") and block.rule
                assert block.facts and all(f.source for f in block.facts), block.rule
                assert block.because and all(b.evidence for b in block.because), block.rule


# -- no text tells the reader to start, stop or change a dose -------------------------------------

VERBS = r"take|stop|start|increase|decrease|reduce|lower|raise|double|halve|skip|change|adjust|cut|switch|resume|restart|hold|pause|discontinue|continue|keep taking"
OBJECTS = re.compile(r"\b(?:dose|doses|dosage|mg|tablets?|pills?|capsules?|medicines?|medications?|drugs?|injections?|treatment)\b", re.IGNORECASE)
IMPERATIVE = re.compile(rf"^(?:please\s+|now\s+|then\s+)?(?:{VERBS})\b|\byou\s+(?:should|must|need\s+to|can|may\s+want\s+to|ought\s+to)\s+(?:{VERBS})\b", re.IGNORECASE)
NEGATIVE = re.compile(r"^(?:do not|don't|never|avoid)\b", re.IGNORECASE)


def dose_instructions(text: str) -> list[str]:
    found = []
    for sentence in re.split(r"(?<=[.!?;:])\s+|\n+", text):
        s = sentence.strip(" -*•\"'")
        if not s or NEGATIVE.match(s):
            continue
        names_medicine = OBJECTS.search(s) or any(m.kind in ("drug", "drug_class") for m in find_concepts(s))
        if IMPERATIVE.search(s) and names_medicine:
            found.append(s)
    return found


@pytest.mark.parametrize("text", [
    "Take 400 mg of ribociclib daily.", "Stop your tamoxifen before surgery.", "You should lower the dose to 200 mg.",
    "Reduce the dose if your counts drop.", "Please skip the next Kisqali tablet.", "You can restart letrozole tomorrow.",
])
def test_dose_instruction_detector_catches_instructions(text):
    assert dose_instructions(text)


@pytest.mark.parametrize("text", [
    "The label says your team may pause Kisqali until counts recover.", "Do not stop on your own: tell your team.",
    "Never start, stop or change a medicine or a dose because of this guidance.", "Start lower and build up if that is too much.",
])
def test_dose_instruction_detector_lets_label_facts_and_warnings_through(text):
    assert not dose_instructions(text)


def _all_template_texts() -> list[str]:
    texts = []
    r = rules()
    for rule in r.overlays.rules:
        texts += rule.text + rule.facts
    texts += [q.text for q in r.questions.rules]
    texts += [r.texts.disclaimer, r.texts.foreign_answer_note, r.texts.overdue_note, r.texts.er_low_note]
    texts += [d.why for d in r.texts.dimensions.values()]
    texts += [rule.if_unknown.why for rule in r.overlays.rules if rule.if_unknown]
    for a in library().answers:
        texts += [b.text for b in a.parsed.blocks] + list({h for b in a.parsed.blocks for h in b.headings})
    return texts


def test_no_template_or_library_text_tells_the_reader_to_change_a_dose():
    offending = [s for text in _all_template_texts() for s in dose_instructions(text)]
    assert offending == []


def test_no_output_tells_the_reader_to_change_a_dose():
    for name, _, g in all_guidance()[:: 7]:  # every 7th profile x answer pair keeps this quick
        own = [b.text for b in g.blocks if b.kind == "tailored"] + [f.text for b in g.blocks for f in b.facts]
        own += g.questions_to_ask + [m.why for m in g.missing] + [g.profile_summary, g.disclaimer]
        assert [s for text in own for s in dose_instructions(text)] == [], name


# -- dates and the review flag ---------------------------------------------------------------------

def test_library_guidance_carries_dates_and_flags_an_overdue_review():
    data = profile(PROFILES[0])
    answer = library().get("car-t")
    fresh = tailor(data, answer, today=date(2027, 5, 26))
    assert fresh.generated == date(2027, 5, 26) and fresh.answer_written == date(2026, 11, 26)
    assert fresh.answer_review_by == date(2027, 5, 26) and not fresh.review_overdue
    stale = tailor(data, answer, today=date(2027, 5, 27))
    assert stale.review_overdue
    assert "Review overdue" in stale.to_markdown() and "Review overdue" in stale.to_html()
    assert "due for review 2027-05-26" in stale.to_markdown()


def test_foreign_answers_are_marked_as_undated():
    g = tailor(profile(PROFILES[0]), FOREIGN[0].read_text(encoding="utf-8"), today=TODAY)
    assert g.answer_source == "text" and g.answer_written is None and not g.review_overdue
    assert "its date is not known" in g.to_markdown()
