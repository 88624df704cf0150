"""Line-anchored document-kind cues are tried at line starts only (`extract.classify`): the scores
must be exactly those of running every cue's regex over the whole text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.classify import _header_end, kind_rules, kind_scores

# Lines that fire line-anchored and free-running cues of several kinds, plus filler and blanks.
LINES = [
    "ADDENDUM", "Addendum Report:", "TISSUE DIAGNOSIS", "Receptor status:", "Breast biomarker results",
    "HER2 FISH report", "FINAL DIAGNOSIS:", "DIAGNOSIS", "Microscopic description:", "Dear Dr. Smith,",
    "Oncology clinic note", "Follow-up visit", "S: feels well", "A/P: continue letrozole", "CBC with differential",
    "Laboratory report", "FINDINGS:", "Letrozole 2.5 mg daily", "MAR", "Estrogen receptor: positive (90%)",
    "pT2 pN1a", "left breast, lumpectomy", "   indented line", "", "\t", "random words here", "Ki-67 20%",
]


def _naive_scores(text: str) -> dict[str, float]:
    """Every cue's regex over the whole text, without its `requires` filter (which must only ever
    skip cues that cannot match)."""
    rules = kind_rules()
    header_end, scores = _header_end(text, rules), {}
    for rule in rules.kinds:
        score = 0.0
        for cue in rule.cues:
            for hits, m in enumerate(cue.regex.finditer(text), start=1):
                score += cue.weight * (rules.header_boost if cue.header_boost and m.start() < header_end else 1)
                if cue.max_hits is not None and hits >= cue.max_hits:
                    break
        scores[rule.kind] = score
    return scores


def test_some_cues_are_line_anchored():
    anchored = [cue.id for rule in kind_rules().kinds for cue in rule.cues if cue.line_anchored]
    assert len(anchored) >= 5  # otherwise the property below tests nothing


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LINES), min_size=0, max_size=25),
       st.sampled_from(["\n", "\r\n", "\n\n"]), st.booleans())
def test_line_start_scan_scores_as_finditer(lines, newline, leading_newline):
    text = ("\n" if leading_newline else "") + newline.join(lines)
    assert kind_scores(text) == _naive_scores(text)
