"""Which parts of an answer apply to whom: archetype profiles x answers, with expected decisions.

Columns are the profile archetypes in `ARCHETYPES` order; Y = applies, N = does not, ? = unknown.
Each row names an answer (library id or a foreign answer file) and the start of one block.
"""

import json
import re
from datetime import date
from functools import lru_cache
from pathlib import Path

import pytest

from personalize import library, tailor

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = date(2026, 11, 26)

ARCHETYPES = [
    "er_pos_her2_low_oligomet_ribociclib",      # A  ER+ HER2-low (IHC 1+), bone-only oligometastatic, ribociclib + letrozole
    "her2_pos_early_neoadjuvant",               # B  HR-/HER2+ stage IIA, planned TCHP, premenopausal
    "tnbc_early_brca1",                         # C  triple-negative stage IIB, germline BRCA1, pembrolizumab
    "hr_pos_early_tamoxifen_premeno",           # D  ER+ HER2-zero stage IA, tamoxifen, premenopausal
    "hr_pos_her2_low_stage3_abemaciclib",       # E  ER+ HER2-low (2+/ISH-) stage IIIA, anastrozole + abemaciclib
    "er_low_her2_zero_early",                   # F  ER-low (5 %) HER2-zero stage IIA, perimenopausal, no medicines listed
    "hr_pos_metastatic_pik3ca_alpelisib",       # G  ER+ HER2-zero metastatic (liver, bone), PIK3CA, alpelisib + fulvestrant
    "her2_pos_metastatic_tdxd",                 # H  ER+ HER2+ metastatic (brain, lung), T-DXd
    "pathology_only_minimal",                   # I  one OCR'd pathology report: ER+, HER2 negative, nothing else
    "empty",                                    # J  nothing known
    "her2_ultralow_metastatic_palbociclib_sjw",  # K  ER+ HER2-ultralow metastatic, palbociclib, St John's wort, ANC 0.4
    "locally_advanced_tamoxifen_paroxetine",    # L  ER+ HER2-low stage IIIB, tamoxifen + paroxetine, premenopausal
    "early_ribociclib_qtcf",                    # M  ER+ HER2-zero stage IIB, adjuvant ribociclib, QTcF 462 ms
]

CAR_T = "car-t-general-answer.txt"
TREATMENTS = "foreign-treatment-options.md"
LIFESTYLE = "foreign-lifestyle.txt"

MATRIX = [
    # answer            block starts with                                         A B C D E F G H I J K L M
    (CAR_T, "HER2-positive breast cancer: Clinical trials",                      "NYNNNNNYN?NNN"),
    (CAR_T, "ER-positive breast cancer: Researchers",                            "YNNYY?YYY?YYY"),
    ("car-t", "CAR-T trials in breast cancer almost always enroll",              "NYYYYYNN??NYY"),
    ("car-t", "Trials of HER2-directed CAR-T cells were mostly designed",        "YNNNYNNN??YYN"),
    ("treatment-overview", "Hormone therapy with a CDK4/6 inhibitor",            "YNNNNNYN??YNN"),
    ("treatment-overview", "For higher-risk cancers (over 2 cm, or with positive nodes), chemotherapy with pembrolizumab",
                                                                                 "NNYNN?NNN?NNN"),
    ("treatment-overview", "First treatment is usually a taxane",                "NNNNNNNYN?NNN"),
    ("side-effects", "Ribociclib can change the heart's",                       "YNNNN?NN??NNY"),
    ("side-effects", "Hot flashes are common. Tamoxifen",                        "NNNYN?NN??NYN"),
    ("pathology-report", "HER2-low: IHC 1+",                                     "YNNNYNNN??NYN"),
    ("pathology-report", "ER-low (1 to 10%",                                     "NNNNNYNNN?NNN"),
    ("endocrine-bone", "Tamoxifen alone, or ovarian suppression",                "NYYYNYNN??YYY"),
    ("endocrine-bone", "Hormone therapy does not work against cancers without",  "NYYNN?NNN?NNN"),
    ("genetics", "Your parents, brothers, sisters",                              "??Y??????????"),
    ("her2-low-adc", "Trastuzumab deruxtecan (Enhertu) is approved for HER2-low", "YNNNNNNN??NNN"),
    ("lifestyle", "Grapefruit and grapefruit juice can raise",                   "YNNNY?NN??YNY"),
    ("recurrence-scans", "When these types come back",                           "NYYNN?NYN?NNN"),
    (LIFESTYLE, "For women who are postmenopausal",                              "YNNNYNYY??NNN"),
    (TREATMENTS, "Ovarian suppression with goserelin",                           "NYYYNNNN??NYY"),
    (TREATMENTS, "Tell your doctor about any antidepressant",                    "NNNYN?NN??NYN"),
]
SYMBOL = {"yes": "Y", "no": "N", "unknown": "?"}


@lru_cache(maxsize=None)
def profile(name: str) -> dict:
    return json.loads((FIXTURES / "profiles" / f"{name}.json").read_text(encoding="utf-8"))


def answer(key: str):
    found = library().get(key)
    return found if found is not None else (FIXTURES / "answers" / key).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def guidance(name: str, key: str):
    return tailor(profile(name), answer(key), today=TODAY)


def test_matrix_covers_enough_archetypes_and_answers():
    assert len(ARCHETYPES) >= 8 and len({row[0] for row in MATRIX}) >= 8
    assert {CAR_T, TREATMENTS, LIFESTYLE} <= {row[0] for row in MATRIX}


@pytest.mark.parametrize("key, start, expected", MATRIX, ids=[f"{k}:{s[:30]}" for k, s, _ in MATRIX])
def test_expected_decisions(key, start, expected):
    got = ""
    for name in ARCHETYPES:
        blocks = [b for b in guidance(name, key).blocks if b.kind == "general" and b.text.startswith(start)]
        assert len(blocks) == 1, (key, start)
        got += SYMBOL[blocks[0].applies]
    assert got == expected, f"{key}: {start!r}\n  expected {expected}\n  got      {got}\n  columns  ABCDEFGHIJKLM"


def test_unknown_never_becomes_no_and_always_says_what_to_confirm():
    for name in ARCHETYPES:
        for key in [a.id for a in library().answers] + [CAR_T, TREATMENTS, LIFESTYLE]:
            g = guidance(name, key)
            unknown = [b for b in g.blocks if b.applies == "unknown"]
            assert not unknown or g.missing, (name, key)


def test_every_decision_carries_its_reasons_with_evidence():
    for name in ARCHETYPES:
        for key in ["treatment-overview", "side-effects", CAR_T]:
            for block in guidance(name, key).blocks:
                if block.applies == "no" or block.kind == "tailored":
                    assert block.because, (name, key, block.id)
                    assert all(b.evidence for b in block.because), (name, key, block.id)
                if block.applies == "no":
                    assert block.note and block.note.startswith("This part is about"), block


# -- an independent check: what the text says it is about vs. what the records say ------------------

HER2_POSITIVE_ONLY = re.compile(r"HER2[- ]?positive|HER2\+", re.IGNORECASE)
OTHER_HER2 = re.compile(r"HER2[- ]?(?:low|negative|zero|ultralow)|HER2\u2212|HER2-(?=\W|$)|ultralow|triple[- ]negative|"
                        r"not HER2[- ]?positive|non-HER2", re.IGNORECASE)
TRIPLE_NEGATIVE_ONLY = re.compile(r"triple[- ]negative|TNBC", re.IGNORECASE)
HR_POSITIVE = re.compile(r"hormone receptor[- ]positive|ER[- ]positive|HR\+|ER\+|ER-low|ER low", re.IGNORECASE)
METASTATIC_ONLY = re.compile(r"\bmetastatic|stage IV\b", re.IGNORECASE)
EARLY = re.compile(r"early|non-metastatic|stage I{1,3}\b|adjuvant|curative|oligo|locally|\blike\b|\bunlike\b", re.IGNORECASE)


def _text(block) -> str:
    return f"{block.heading or ''}\n{block.text}"


def _all_guidance():
    keys = [a.id for a in library().answers] + [CAR_T, TREATMENTS, LIFESTYLE]
    for name in ARCHETYPES:
        for key in keys:
            yield name, key, guidance(name, key)


def test_her2_positive_parts_never_apply_to_her2_negative_records():
    for name, key, g in _all_guidance():
        if profile(name)["profile"].get("receptors", {}).get("her2", {}).get("status") != "negative":
            continue
        for b in g.blocks:
            if b.kind == "general" and HER2_POSITIVE_ONLY.search(_text(b)) and not OTHER_HER2.search(_text(b)):
                assert b.applies != "yes", (name, key, b.text)


def test_triple_negative_parts_never_apply_to_hormone_receptor_positive_records():
    for name, key, g in _all_guidance():
        er = profile(name)["profile"].get("receptors", {}).get("er", {})
        if er.get("status") != "positive" or er.get("percent", 100) <= 10:
            continue
        for b in g.blocks:
            text = _text(b)
            if (b.kind == "general" and TRIPLE_NEGATIVE_ONLY.search(text) and not HR_POSITIVE.search(text)
                    and not HER2_POSITIVE_ONLY.search(text)):  # "triple-negative or HER2-positive" fits HER2+
                assert b.applies != "yes", (name, key, b.text)


def test_metastatic_only_parts_never_apply_to_early_stage_records():
    for name, key, g in _all_guidance():
        if profile(name)["profile"].get("stage", {}).get("metastatic") is not False:
            continue
        for b in g.blocks:
            if b.kind == "general" and METASTATIC_ONLY.search(_text(b)) and not EARLY.search(_text(b)):
                assert b.applies != "yes", (name, key, b.text)


def test_medicine_specific_parts_apply_only_to_people_taking_the_medicine():
    taking = re.compile(r"^If you (?:take|are taking|'re on|are on) (?:an? )?(\w+)", re.IGNORECASE)
    for name, key, g in _all_guidance():
        meds = profile(name)["profile"].get("medications")
        for b in g.blocks:
            m = taking.match(b.heading or "")
            if b.kind != "general" or m is None:
                continue
            word = m.group(1).lower()
            if meds is None:
                assert b.applies == "unknown", (name, key, b.heading)
            elif word in ("tamoxifen", "ribociclib", "abemaciclib", "fulvestrant", "olaparib", "pembrolizumab"):
                current = {x["name"] for x in meds if x.get("status") not in ("stopped", "historical")}
                assert (b.applies == "yes") == (word in current), (name, key, b.heading, b.applies)
