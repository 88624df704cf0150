"""ConText and sections: a table of tricky sentences with the assertion each target gets, and rule
files that are broken on purpose fail loudly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.analysis import analyze_page
from extract.context import ContextRuleFile, SectionRuleFile, combine
from extract.fields.histology import HistologyVocabulary
from extract.rules import GrammarFile, load_grammar_file, load_model
from extract.vocab import load_json
from ingest.errors import ConfigurationError
from ingest.models import Page


def assertion_of(text: str, target: str) -> str:
    page = analyze_page("d1", Page(number=1, text=text, source="text-layer"))
    start = text.index(target)
    return page.assertion(start, start + len(target))


# (sentence, target, expected assertion)
CONTEXT_TABLE = [
    # pathology negation phrasing
    ("Lymphovascular invasion: not identified.", "Lymphovascular invasion", "negated"),
    ("Lymphovascular invasion is not seen.", "Lymphovascular invasion", "negated"),
    ("Ductal carcinoma in situ: absent.", "Ductal carcinoma in situ", "negated"),
    ("Ductal carcinoma in situ (DCIS): none identified.", "Ductal carcinoma in situ", "negated"),
    ("Negative for metastatic carcinoma.", "metastatic carcinoma", "negated"),
    ("No evidence of metastatic carcinoma in two lymph nodes.", "metastatic carcinoma", "negated"),
    ("No residual invasive carcinoma is present.", "invasive carcinoma", "negated"),
    ("The margins are free of invasive carcinoma.", "invasive carcinoma", "negated"),
    ("HER2 amplification was not detected.", "HER2 amplification", "negated"),
    ("Skin and nipple, no tumor seen; nipple uninvolved.", "tumor", "negated"),
    # a negation is scoped: it does not reach past a sentence end or a "but"
    ("No DCIS. Invasive lobular carcinoma, 1.2 cm.", "Invasive lobular carcinoma", "present"),
    ("No lymphovascular invasion, but invasive carcinoma involves the deep margin.", "invasive carcinoma",
     "present"),
    ("Invasive ductal carcinoma, no special type, grade 2.", "Invasive ductal carcinoma", "present"),
    ("Invasive carcinoma of no special type.", "Invasive carcinoma", "present"),
    # rule-out and uncertainty
    ("PRE-OPERATIVE DIAGNOSIS: r/o invasive carcinoma", "invasive carcinoma", "possible"),
    ("Rule out lobular carcinoma.", "lobular carcinoma", "possible"),
    ("Focal invasion cannot be excluded.", "Focal invasion", "possible"),
    ("Cannot rule out microinvasion on this core.", "microinvasion", "possible"),
    ("One area is suspicious for invasive micropapillary carcinoma.", "invasive micropapillary carcinoma",
     "possible"),
    # hypotheticals
    ("If ANC falls below 1.0, reduce ribociclib to 400 mg.", "reduce ribociclib to 400 mg", "hypothetical"),
    ("Should the tumor prove HER2 positive, trastuzumab would be added.", "HER2 positive", "hypothetical"),
    ("She is a candidate for adjuvant capecitabine.", "adjuvant capecitabine", "hypothetical"),
    ("In case of progression, fulvestrant is an option.", "progression", "hypothetical"),
    # family
    ("Her mother had breast cancer at 45.", "breast cancer", "family"),
    ("Breast cancer in her maternal aunt.", "Breast cancer", "family"),
    ("Sister is a BRCA1 carrier.", "BRCA1 carrier", "family"),
    ("FAMILY HISTORY:\nOvarian cancer, BRCA2 positive.", "BRCA2 positive", "family"),
    # history (a fact, with a past)
    ("History of right breast carcinoma treated in 2015.", "right breast carcinoma", "historical"),
    ("Status post left mastectomy for invasive carcinoma.", "left mastectomy", "historical"),
    # plain facts
    ("Invasive lobular carcinoma, classic type, 2.3 cm.", "Invasive lobular carcinoma", "present"),
    ("ER: negative (0%).", "ER: negative", "present"),
    ("Tumor cells are negative for estrogen receptor.", "negative for estrogen receptor", "present"),
    # "Label: none" negates its label only, not the run-on synoptic items before it
    ("Type of Procurement: Radical mastectomy Grade: 3. T Stage: 2 N Stage: 0 M Stage: 0 Treatment: none.",
     "Grade: 3", "present"),
    ("Lymphovascular invasion: none.", "Lymphovascular invasion", "negated"),
    # a drug name is not a family member ("fam" is a default FAMILY trigger)
    ("02/20/2025: started fam-trastuzumab deruxtecan 5.4 mg/kg IV every 3 weeks.", "trastuzumab deruxtecan",
     "present"),
    ("Fam-Trastuzumab deruxtecan (Enhertu): active.", "Trastuzumab deruxtecan", "present"),
    ("Her sister was treated with trastuzumab.", "trastuzumab", "family"),
    # an earlier result quoted as the starting point of a change is history
    ("ER-negative on liver biopsy (receptor conversion from ER 70%, PR 30% in 2019).", "ER 70%", "historical"),
    ("The tumor was originally ER positive (90%).", "ER positive", "historical"),
    ("At initial diagnosis the tumor was HER2 2+.", "HER2 2+", "historical"),
    ("Oncologic history\n- 04/02/2019: Right lumpectomy: pT2 pN1a (2/14), grade 3, ER 70%, PR 30%.", "ER 70%",
     "historical"),
    # "PR-negative on liver biopsy" is a value: it does not negate the value before it
    ("HER2-positive (IHC 3+), ER-negative and PR-negative on liver biopsy.", "ER-negative", "present"),
]


@pytest.mark.parametrize("text,target,expected", CONTEXT_TABLE)
def test_context_table(text, target, expected):
    assert assertion_of(text, target) == expected


def test_assertion_priority_negated_beats_family_and_history():
    assert combine(["HISTORICAL", "NEGATED_EXISTENCE"], None) == "negated"
    assert combine(["FAMILY", "HYPOTHETICAL"], None) == "family"
    assert combine([], "family_history") == "family"
    assert combine([], "final_diagnosis") == "present"


# -- sections -------------------------------------------------------------------------------------

SECTION_TABLE = [
    ("FINAL DIAGNOSIS: A. Breast, left: invasive carcinoma.", "invasive carcinoma", "final_diagnosis"),
    ("Final Pathologic Diagnosis.\nBreast, right: DCIS.", "DCIS", "final_diagnosis"),
    ("DIAGNOSIS: carcinoma. GROSS DESCRIPTION: a 3 cm mass.", "a 3 cm mass", "gross"),
    ("CLINICAL DIAGNOSIS AND HISTORY: left breast mass.", "left breast mass", "clinical_history"),
    ("PRE-OPERATIVE DIAGNOSIS: breast cancer.", "breast cancer", "preoperative_diagnosis"),
    ("ADDENDUM: HER2 by FISH is not amplified.", "HER2 by FISH", "addendum"),
    ("MICROSCOPIC DESCRIPTION: sheets of tumor cells.", "sheets of tumor cells", "microscopic"),
    ("SYNOPTIC REPORT - BREAST. Tumor size: 2 cm.", "Tumor size", "synoptic"),
    ("Assessment and Plan:\nContinue letrozole.", "Continue letrozole", "assessment_plan"),
    ("Medications:\nletrozole 2.5 mg daily", "letrozole", "medications"),
    ("Family History:\nmother with breast cancer", "mother", "family_history"),
    ("IMPRESSION: no suspicious lesion.", "no suspicious lesion", "impression"),
    ("Labs:\nANC 1.2", "ANC", "labs"),
    # a family history (or allergy list) ends at the next header-like line, known or not
    ("FAMILY HISTORY\nMother: breast cancer at 52.\nPerformance status\nECOG 1.", "ECOG 1", "performance_status"),
    ("Family history:\nSister with ovarian cancer.\nFunctional level\nECOG 0, fully active.", "ECOG 0", None),
    ("Family history:\nSister with ovarian cancer.\nStaging\npT2 pN1a M0", "pT2", "staging"),
    ("Family History:\nmother with breast cancer at 45, treated with tamoxifen.", "tamoxifen", "family_history"),
    # a word inside a sentence does not open a section
    ("The clinical diagnosis was confirmed. Plan is to follow up.", "Plan is", None),
    # nor does a header word after a reference or a preposition ("SEE COMMENT.", "ON INITIAL GROSS EXAMINATION.")
    ("DIAGNOSIS: FREE OF TUMOR. SEE COMMENT. 4. METASTATIC CARCINOMA IN 1 OF 6 LYMPH NODES.", "1 OF 6",
     "final_diagnosis"),
    ("DIAGNOSIS: THE SITE WAS NOT IDENTIFIED ON INITIAL GROSS EXAMINATION. RARE FOCI OF CARCINOMA.", "RARE FOCI",
     "final_diagnosis"),
    ("INTRAOPERATIVE CONSULTATION (FROZEN SECTION):\nA. Sentinel node #1: positive for carcinoma (1/1).\n"
     "FINAL DIAGNOSIS:\nA. Sentinel node: metastatic carcinoma (1/2).", "positive for", "frozen_section"),
    ("Intra-operative consultation (touch prep): negative.\nFINAL DIAGNOSIS: invasive carcinoma.", "negative",
     "frozen_section"),
    ("MACROSCOPIC: a firm lesion 22 mm.\nMICROSCOPIC / STRUCTURED REPORT (RCPA protocol)\nHistological type: NST",
     "Histological type", "synoptic"),
    ("GROSS DESCRIPTION: two cores.\nIMMUNOHISTOCHEMISTRY (block A4): ER 100 %, PR 80 %", "ER 100", "ancillary_studies"),
    # a header word that ends a line (or, run on, a sentence) of prose opens no section; a title line does
    ("DIAGNOSIS\nTumor size 2.8 cm by gross and microscopic examination\nAngiolymphatic invasion: present",
     "Angiolymphatic", "final_diagnosis"),
    ("DIAGNOSIS. Tumor size 2.8 cm by gross and microscopic examination. Angiolymphatic invasion: present.",
     "Angiolymphatic", "final_diagnosis"),
    ("DIAGNOSIS\nHER2 by FISH: pending; results will be reported in a subsequent addendum.\nMargins: negative",
     "Margins", "final_diagnosis"),
    ("DIAGNOSIS\nA. RIGHT BREAST LUMPECTOMY, A 7.5 X 6.0 X 4.2 CM FIBROFATTY SPECIMEN\nInvasive carcinoma",
     "Invasive", "final_diagnosis"),
    ("DIAGNOSIS: carcinoma.\nSURGICAL PATHOLOGY - ADDENDUM REPORT\nHER2 FISH: not amplified", "HER2 FISH", "addendum"),
    ("Anatomical Pathology Final Report\nInvasive carcinoma, grade 2", "Invasive", "final_diagnosis"),
    ("DIAGNOSIS: carcinoma.\n3. MICROSCOPIC EXAMINATION\nSheets of tumour cells", "Sheets", "microscopic"),
    ("COMMENT: discussed with Dr \ton \tat \tAMENDMENT. At the request of the clinician, HER2 was repeated.",
     "At the request", "addendum"),
]


@pytest.mark.parametrize("text,target,section", SECTION_TABLE)
def test_section_table(text, target, section):
    page = analyze_page("d1", Page(number=1, text=text, source="text-layer"))
    assert page.section_at(text.index(target)) == section


# -- broken rule files fail loudly ----------------------------------------------------------------


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("body,problem", [
    ("version: '1'\nrules:\n  - id: a.b\n    pattern: '(unclosed'\n", "does not compile"),
    ("version: '1'\nrules:\n  - id: a.b\n    pattern: 'x'\n  - id: a.b\n    pattern: 'y'\n", "duplicate rule ids"),
    ("version: '1'\nrules:\n  - id: Not An Id\n    pattern: 'x'\n", "String should match pattern"),
    ("version: '1'\nrules:\n  - id: a.b\n    pattern: '{MISSING}'\n", "unknown fragment"),
    ("version: '1'\nrules:\n  - id: a.b\n    pattern: 'x'\n    colour: red\n", "Extra inputs"),
    ("version: '1'\nrules: [\n", "cannot be parsed"),
])
def test_a_broken_grammar_file_raises_configuration_error(tmp_path, body, problem):
    path = _write(tmp_path, "broken.yaml", body)
    with pytest.raises(ConfigurationError) as info:
        load_grammar_file(path)
    assert problem in info.value.message
    assert "broken.yaml" in info.value.message


def test_a_missing_rule_file_says_to_reinstall(tmp_path):
    with pytest.raises(ConfigurationError, match="reinstall"):
        load_grammar_file(tmp_path / "absent.yaml")


def test_a_broken_context_rule_file_raises_configuration_error(tmp_path):
    path = _write(tmp_path, "context.yaml",
                  "version: '1'\nrules:\n  - id: c.x\n    literal: nope\n    category: MAYBE\n    direction: FORWARD\n")
    with pytest.raises(ConfigurationError, match="category"):
        load_model(path, ContextRuleFile)


def test_a_context_rule_with_an_unquoted_yaml_boolean_raises_configuration_error(tmp_path):
    # YAML reads a bare `on` as True; spaCy's matcher would reject the pattern much later.
    path = _write(tmp_path, "context.yaml",
                  "version: '1'\nrules:\n  - id: c.x\n    literal: negative on\n    category: NEGATED_EXISTENCE\n"
                  "    direction: PSEUDO\n    pattern:\n      - {LOWER: negative}\n      - {LOWER: {IN: [on, in]}}\n")
    with pytest.raises(ConfigurationError, match="quote words"):
        load_model(path, ContextRuleFile)


def test_a_context_rule_whose_regex_does_not_compile_raises_configuration_error(tmp_path):
    path = _write(tmp_path, "context.yaml",
                  "version: '1'\nrules:\n  - id: c.x\n    literal: broken\n    category: NEGATED_EXISTENCE\n"
                  "    direction: FORWARD\n    pattern: 'no(t'\n")
    with pytest.raises(ConfigurationError, match="does not compile"):
        load_model(path, ContextRuleFile)


@pytest.mark.parametrize("requires,pattern", [("[Mother]", "'(?i)x'"), ("[mother]", "[{LOWER: x}]"), ("['']", "'(?i)x'")])
def test_a_context_rule_with_bad_required_strings_raises_configuration_error(tmp_path, requires, pattern):
    path = _write(tmp_path, "context.yaml",
                  "version: '1'\nrules:\n  - id: c.x\n    literal: x\n    category: FAMILY\n"
                  f"    direction: FORWARD\n    pattern: {pattern}\n    requires: {requires}\n")
    with pytest.raises(ConfigurationError, match="requires"):
        load_model(path, ContextRuleFile)


@pytest.mark.parametrize("text,target,expected", [
    # The relative's regex rule runs where one of its strings occurs, inside a longer word or a slash pair too.
    ("Her grandmother had breast cancer at 60.", "breast cancer", "family"),
    ("Mother/sister with breast cancer, ER positive.", "ER positive", "family"),
    ("Her twin had DCIS.", "DCIS", "family"),
    ("The patient had breast cancer treated with surgery.", "breast cancer", "present"),
])
def test_the_relative_regex_rule_runs_only_where_a_relative_is_named(text, target, expected):
    assert assertion_of(text, target) == expected


def test_an_override_of_a_default_context_rule_that_does_not_exist_raises_configuration_error(tmp_path):
    from extract.context import apply_default_overrides
    from extract.pipeline import build_context_nlp

    path = _write(tmp_path, "context.yaml",
                  "version: '1'\nrules: []\ndefault_overrides:\n  - id: c.o\n    literal: 'no such trigger'\n"
                  "    category: NEGATED_EXISTENCE\n    max_scope: 3\n    why: test\n")
    spec = load_model(path, ContextRuleFile)
    with pytest.raises(ConfigurationError, match="names no loaded rule"):
        apply_default_overrides(build_context_nlp().get_pipe("medspacy_context").rules, spec)


def test_a_broken_section_rule_file_raises_configuration_error(tmp_path):
    path = _write(tmp_path, "sections.yaml",
                  "version: '1'\nend: ':'\nend_dot: '[:.]'\nrules:\n  - id: s.x\n    category: x\n    patterns: ['(']\n")
    with pytest.raises(ConfigurationError, match="does not compile"):
        load_model(path, SectionRuleFile)


def test_a_broken_histology_vocabulary_raises_configuration_error(tmp_path):
    good = json.loads((Path(__file__).parents[1] / "extract" / "vocab" / "histology.json").read_text())
    good["types"][0]["code"] = "85003"  # not an ICD-O-3 morphology code
    path = _write(tmp_path, "histology.json", json.dumps(good))
    with pytest.raises(ConfigurationError, match="histology.json"):
        load_json("histology.json", HistologyVocabulary, tmp_path)


def test_the_packaged_rule_files_load():
    for name in ("receptors", "grade", "tumor_size", "tnm", "lymph_nodes", "laterality", "specimens"):
        spec = load_grammar_file(Path(__file__).parents[1] / "extract" / "rules" / f"{name}.yaml").spec
        assert isinstance(spec, GrammarFile) and spec.rules
