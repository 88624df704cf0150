"""Parts named once in a specimen list and referred to by label only in the diagnosis.

Each row: a report, the diagnosis parts to check (a marker text inside the part, the side and
site `part_at` must give there) and the laterality the whole profile must state (None: none).
"""

from __future__ import annotations

import pytest

from extract.analysis import AnalyzedPage, analyze_page
from extract.specimens import listed_entry, listed_side, part_at, specimen_lists
from ingest.models import Page
from tests.test_extract_pathology_staging import profile, value

L, R = "left", "right"
B, N, O = "breast", "lymph_node", "other"

ROWS = [
    # -- the side comes from the list -----------------------------------------------------------
    ("letters-run-on",
     "SPECIMEN(S): A. Left breast, lumpectomy  B. Left axillary sentinel lymph node #1\n"
     "FINAL DIAGNOSIS: A. INVASIVE DUCTAL CARCINOMA, GRADE 2, 1.8 CM. B. ONE LYMPH NODE, NEGATIVE (0/1).",
     [("INVASIVE DUCTAL", L, B), ("NEGATIVE (0/1)", L, N)], L),
    ("numbers-sp-prefix",
     "Specimens Submitted: 1: SP: Sentinel node #1 2: SP: Sentinel node #2 3: SP: Wide excision of tumor right breast\n"
     "DIAGNOSIS: 1). SENTINEL LYMPH NODE #1, EXCISION: ONE LYMPH NODE NEGATIVE (0/1). 2). SENTINEL LYMPH NODE #2: "
     "METASTATIC CARCINOMA IN ONE LYMPH NODE (1/1). 3). BREAST, WIDE EXCISION: INVASIVE LOBULAR CARCINOMA, 2.2 CM.",
     [("NEGATIVE (0/1)", None, N), ("LOBULAR", R, B)], R),
    ("parts-core",
     "PARTS: A) RIGHT BREAST MASS, CORE BX\nDIAGNOSIS: PART A: INVASIVE DUCTAL CARCINOMA, NOTTINGHAM GRADE 3.",
     [("NOTTINGHAM", R, B)], R),
    ("colon-labels-newlines",
     "SPECIMEN:\nA: LEFT BREAST, MASTECTOMY\nB: LEFT AXILLARY CONTENTS\n\nFINAL DIAGNOSIS:\n"
     "A. INFILTRATING DUCTAL CARCINOMA, 3.1 CM, NOTTINGHAM GRADE 2.\n"
     "B. METASTATIC CARCINOMA IN TWO OF FOURTEEN LYMPH NODES (2/14).",
     [("INFILTRATING", L, B), ("(2/14)", L, N)], L),
    ("lowercase-lt-abbrev",
     "Specimen: A. Lt breast lumpectomy with needle localization B. Lt sentinel node\n"
     "Final Diagnosis: A. Invasive lobular carcinoma, classic type, 1.4 cm. B. One node, negative (0/1).",
     [("classic type", L, B), ("negative (0/1)", L, N)], L),
    ("rt-period-abbrev",
     "SPECIMENS RECEIVED: 1. Rt. breast, partial mastectomy 2. Rt. axilla, sentinel node\n"
     "DIAGNOSIS:\n1. INVASIVE MAMMARY CARCINOMA, DUCTAL TYPE, 12 MM.\n2. ONE LYMPH NODE WITH MICROMETASTASIS (1/1).",
     [("MAMMARY", R, B), ("MICROMETASTASIS", R, N)], R),
    ("ocr-run-on",
     "Specimen #: Race: . Physician (s) : SPECIMEN: A: LEFT BREAST WIRE LOCALIZED EXCISION B: SENTINEL NODE #1. "
     "FINAL DIAGNOSIS: A. INFILTRATING DUCTAL CARCINOMA, MODERATELY. DIFFERENTIATED, 1.6 CM. B. ONE LYMPH NODE "
     "NEGATIVE FOR TUMOR (0/1).",
     [("INFILTRATING", L, B), ("NEGATIVE FOR TUMOR", None, N)], L),
    ("part-word-in-diagnosis",
     "SPECIMENS: A. Right breast, 10:00, ultrasound-guided core biopsy\n"
     "DIAGNOSIS:\nPART A: Invasive ductal carcinoma, grade 1. ER positive.",
     [("grade 1", R, B)], R),
    ("bracket-labels",
     "Source of specimen: A) Left breast, skin-sparing mastectomy B) Left axillary sentinel nodes\n"
     "Diagnosis:\nA) Invasive carcinoma with lobular features, 4.2 cm.\nB) Two lymph nodes, negative (0/2).",
     [("lobular features", L, B), ("negative (0/2)", L, N)], L),
    ("dash-items",
     "SPECIMEN(S):\nA - Right breast, total mastectomy\nB - Right axillary dissection\n"
     "FINAL DIAGNOSIS:\nA. Invasive ductal carcinoma, 2.9 cm.\nB. Seventeen lymph nodes, negative (0/17).",
     [("2.9 cm", R, B), ("(0/17)", R, N)], R),
    ("supraclavicular-entry",
     "SPECIMEN: A: LEFT BREAST, MASTECTOMY B: LEFT SUPRACLAVICULAR LYMPH NODE\n"
     "FINAL DIAGNOSIS: A. INVASIVE DUCTAL CARCINOMA, 2.5 CM. B. METASTATIC CARCINOMA IN ONE LYMPH NODE (1/1).",
     [("2.5 CM", L, B), ("(1/1)", L, N)], L),
    ("part-word-list",
     "SPECIMENS: PART A: LEFT BREAST, MASTECTOMY PART B: LEFT AXILLA, LEVEL I-II DISSECTION\n"
     "DIAGNOSIS:\nPART A: INVASIVE LOBULAR CARCINOMA, 6.1 CM, MULTIFOCAL.\n"
     "PART B: METASTATIC CARCINOMA IN NINE OF TWENTY LYMPH NODES (9/20).",
     [("MULTIFOCAL", L, B), ("(9/20)", L, N)], L),
    ("inherit-header-with-site-no-side",
     "SPECIMEN: A. LEFT BREAST, LUMPECTOMY B. LEFT AXILLARY SENTINEL NODE\n"
     "FINAL DIAGNOSIS: A. BREAST, LUMPECTOMY: INVASIVE DUCTAL CARCINOMA, 1.1 CM. "
     "B. LYMPH NODE, SENTINEL, EXCISION: ONE NODE NEGATIVE (0/1).",
     [("1.1 CM", L, B), ("ONE NODE", L, N)], L),
    # -- bilateral cases: each part keeps its own list side ---------------------------------------
    ("bilateral-benign-other-side",
     "SPECIMEN: A: LEFT BREAST LUMPECTOMY B: RIGHT BREAST REDUCTION.\n"
     "FINAL DIAGNOSIS: A. INFILTRATING DUCTAL CARCINOMA, 1.2 CM. B. BENIGN BREAST TISSUE, NO MALIGNANCY.",
     [("1.2 CM", L, B), ("BENIGN BREAST", R, B)], L),
    ("bilateral-cancer-right-index",
     "SPECIMENS: A. Right breast, mastectomy B. Right sentinel node C. Left breast, mastectomy D. Left sentinel node\n"
     "FINAL DIAGNOSIS:\nA. Invasive ductal carcinoma, 3.4 cm, grade 3.\nB. One node with metastatic carcinoma (1/1).\n"
     "C. Invasive lobular carcinoma, 0.6 cm.\nD. One node, negative (0/1).",
     [("3.4 cm", R, B), ("metastatic carcinoma (1/1)", R, N), ("0.6 cm", L, B), ("negative (0/1)", L, N)], R),
    ("bilateral-nodes-sum-right",
     "SPECIMEN: A. RIGHT SENTINEL NODE #1 B. RIGHT SENTINEL NODE #2 C. LEFT SENTINEL NODE #1 D. RIGHT BREAST\n"
     "FINAL DIAGNOSIS: A. METASTATIC CARCINOMA IN ONE LYMPH NODE (1/1). B. ONE LYMPH NODE, NEGATIVE (0/1). "
     "C. ONE LYMPH NODE, NEGATIVE (0/1). D. INVASIVE DUCTAL CARCINOMA, 2.1 CM.",
     [("(1/1)", R, N), ("2.1 CM", R, B)], R),
    ("re-excision-part",
     "SPECIMEN(S): A. Left breast, lumpectomy B. Left breast, additional superior margin (re-excision)\n"
     "FINAL DIAGNOSIS: A. Invasive ductal carcinoma, 1.9 cm, margins negative. "
     "B. Residual invasive ductal carcinoma, 0.3 cm; new margin negative.",
     [("1.9 cm", L, B), ("Residual", L, B)], L),
    ("margin-part-other-site",
     "SPECIMEN: A: RIGHT BREAST LUMPECTOMY B: NEW ANTERIOR MARGIN\n"
     "FINAL DIAGNOSIS: A. INVASIVE LOBULAR CARCINOMA, 2.0 CM. B. BENIGN FIBROFATTY TISSUE.",
     [("LOBULAR", R, B), ("FIBROFATTY", None, O)], R),
    # -- the part keeps its own words ---------------------------------------------------------------
    ("own-side-beats-list",
     "SPECIMEN: A. LEFT BREAST, LUMPECTOMY\n"
     "FINAL DIAGNOSIS: A. RIGHT BREAST, LUMPECTOMY: INVASIVE DUCTAL CARCINOMA, 1.5 CM.",
     [("1.5 CM", R, B)], R),
    ("own-side-in-bare-header",
     "SPECIMEN: A. Breast tissue, left B. Sentinel node\n"
     "DIAGNOSIS: A. Invasive ductal carcinoma of the right breast, 1.0 cm. B. One node, negative (0/1).",
     [("1.0 cm", R, B)], R),
    # -- rows that must give NO side ----------------------------------------------------------------
    ("entry-without-side",
     "SPECIMEN: A. Breast, lumpectomy B. Sentinel lymph node\n"
     "FINAL DIAGNOSIS: A. INVASIVE DUCTAL CARCINOMA, 1.3 CM. B. ONE NODE, NEGATIVE (0/1).",
     [("1.3 CM", None, B), ("NEGATIVE (0/1)", None, N)], None),
    ("label-not-in-list",
     "SPECIMEN: A. Left sentinel node\n"
     "FINAL DIAGNOSIS: A. ONE NODE, NEGATIVE (0/1). B. INVASIVE DUCTAL CARCINOMA, 1.7 CM.",
     [("NEGATIVE (0/1)", L, N), ("1.7 CM", None, None)], None),
    ("entry-names-both-sides",
     "SPECIMEN: A. Right breast and left axilla, excision\n"
     "FINAL DIAGNOSIS: A. INVASIVE DUCTAL CARCINOMA, 2.2 CM.",
     [("2.2 CM", None, B)], None),
    ("bilateral-entry",
     "SPECIMEN: A. Bilateral breast reduction\nFINAL DIAGNOSIS: A. INVASIVE LOBULAR CARCINOMA, 0.4 CM.",
     [("0.4 CM", None, B)], None),
    ("no-list-bare-letter",
     "FINAL DIAGNOSIS: A. INVASIVE DUCTAL CARCINOMA, 1.8 CM, GRADE 2.",
     [("1.8 CM", None, None)], None),
    ("site-mismatch-no-inherit",
     "SPECIMEN: A. Left breast, lumpectomy\n"
     "FINAL DIAGNOSIS: A. LYMPH NODE, SENTINEL, EXCISION: ONE NODE, NEGATIVE (0/1).",
     [("ONE NODE", None, N)], None),
    # (the profile's side here comes from the one breast the page names, not from a part)
    ("letters-vs-numbers",
     "SPECIMEN: A. Left breast, lumpectomy\nFINAL DIAGNOSIS: 1. INVASIVE DUCTAL CARCINOMA, 1.2 CM.",
     [("1.2 CM", None, None)], L),
    ("doctor-initial",
     "SPECIMEN: A. Left sentinel node B. Left breast\n"
     "FINAL DIAGNOSIS: A. ONE NODE, NEGATIVE (0/1). Discussed with Dr. B. Jones. Fibrocystic change only.",
     [("Fibrocystic", L, N)], None),
    ("parameters-after-last-part",
     "SPECIMEN: A. Right breast, excision B. Right sentinel node C. Left breast, excision\n"
     "FINAL DIAGNOSIS: A. BENIGN BREAST TISSUE. B. ONE NODE, NEGATIVE (0/1). "
     "C. INVASIVE DUCTAL CARCINOMA, 2.0 CM. Parameters. A. Gross measurement: 2.0 cm.",
     [("BENIGN BREAST", R, B), ("Gross measurement", L, B)], L),
    ("jump-in-numbers",
     "Specimens Submitted: 1: SP: Left breast 2: SP: Left axilla 3: SP: x 4: SP: x 5: SP: x 6: SP: Right breast\n"
     "DIAGNOSIS: 1. INVASIVE DUCTAL CARCINOMA, 2.4 CM. THE TUMOR IS GRADE 2. 6. DUCT ECTASIA.",
     [("GRADE 2. 6", L, B)], L),
    ("dcis-only-other-side-benign",
     "SPECIMEN: A. Right breast, excision B. Left breast, excision\n"
     "FINAL DIAGNOSIS: A. FIBROADENOMA. B. FIBROCYSTIC CHANGE, NO CARCINOMA.",
     [("FIBROADENOMA", R, B), ("FIBROCYSTIC", L, B)], None),
    # round 9 (extent): a synoptic block heading right under a part list heads its own block
    ("block-heading-under-part-list",
     "A. Right breast, total mastectomy\nB. Left breast, total mastectomy\nSYNOPTIC REPORT - RIGHT BREAST\n"
     "Histologic type: Invasive lobular carcinoma\nTumor size: 1.2 cm\n\nSYNOPTIC REPORT - LEFT BREAST\n"
     "Histologic type: Invasive ductal carcinoma\nTumor size: 3.4 cm\n",
     [("lobular", R, B), ("ductal", L, B)], L),
]


def _page(text: str, number: int = 1) -> AnalyzedPage:
    return analyze_page("d1", Page(number=number, text=text, source="text-layer"))


def _text(name: str) -> str:
    return next(r[1] for r in ROWS if r[0] == name)


def _at(page: AnalyzedPage, marker: str):
    offset = page.text.index(marker)
    return part_at(page, offset)


@pytest.mark.parametrize("name,text,checks,laterality", ROWS, ids=[r[0] for r in ROWS])
def test_diagnosis_parts_take_their_side_from_the_specimen_list(name, text, checks, laterality):
    page = _page(text)
    for marker, side, site in checks:
        part = _at(page, marker)
        if site is None:
            assert part is None or (part.laterality is None and part.rule != "specimen.listed-part"), (marker, part)
            continue
        assert part is not None, marker
        assert (part.laterality, part.site) == (side, site), (marker, part)
    report = profile(text)  # also checks every evidence span against the text
    assert value(report, "diagnosis.laterality") == laterality


def test_a_list_on_page_one_gives_the_side_to_page_two():
    from extract.document import read_document
    from ingest.models import Document

    first = "SPECIMEN(S): A. Right breast, segmental mastectomy B. Right axillary sentinel node #1\n"
    second = "FINAL DIAGNOSIS:\nA. Invasive ductal carcinoma, 2.3 cm, grade 2.\nB. One node, negative (0/1).\n"
    document = Document(filename="r.txt", sha256="0" * 64, type="text",
                        pages=[Page(number=1, text=first, source="text-layer"),
                               Page(number=2, text=second, source="text-layer")])
    facts = read_document(document, "d1")
    sides = [f for f in facts.findings if f.path == "diagnosis.laterality"]
    assert sides and sides[0].value == "right"
    evidence = sides[0].evidence[0]
    assert (evidence.page, evidence.text) == (1, "Right")
    assert first[evidence.start:evidence.end] == evidence.text


def test_the_laterality_evidence_is_the_list_entry_words():
    report = profile(_text("letters-run-on"))
    evidence = report.evidence["diagnosis.laterality"]
    assert [(e.text, e.rule) for e in evidence][:1] == [("Left", "laterality.specimen-list")]


def test_list_entries_are_split_in_sequence_only():
    page = _page("Specimens Submitted: 1: SP: Sentinel node #1, level 1 2: SP: Left breast, 2:00, core biopsy\n"
                 "DIAGNOSIS: 1. ONE NODE (0/1).")
    (only,) = specimen_lists(page)
    assert list(only.entries) == ["1", "2"]
    assert page.text[only.entries["1"].start:only.entries["1"].end].strip() == "SP: Sentinel node #1, level 1"
    assert only.entries["2"].laterality == "left" and only.entries["2"].procedure == "core_biopsy"


def test_a_node_part_finds_its_site_words_in_the_list():
    page = _page(_text("supraclavicular-entry"))
    part = _at(page, "(1/1)")
    where = listed_entry(page, part)
    assert where is not None and "SUPRACLAVICULAR" in where[0].text[where[1][0]:where[1][1]]
    side = listed_side(page, part)
    assert side is not None and side[0].text[side[1][0]:side[1][1]] == "LEFT"


NODE_ROWS = [
    # (row name, positive, examined, pN): node parts summed across parts, on the index cancer's side.
    ("numbers-sp-prefix", 1, 2, "N1"),
    ("colon-labels-newlines", 2, 14, "N1"),
    ("supraclavicular-entry", 1, 1, "N3"),  # the list names the node supraclavicular: N3, not axillary N1
    ("bilateral-cancer-right-index", 1, 1, "N1"),  # the left sentinel node is the other axilla's
    ("bilateral-nodes-sum-right", 1, 2, "N1"),
    ("dash-items", 0, 17, "N0"),
]


@pytest.mark.parametrize("name,positive,examined,pn", NODE_ROWS, ids=[r[0] for r in NODE_ROWS])
def test_node_parts_named_in_the_list_are_counted_on_their_side(name, positive, examined, pn):
    text = _text(name)
    report = profile(text)
    assert (value(report, "lymph_nodes.positive"), value(report, "lymph_nodes.examined")) == (positive, examined)
    assert value(report, "stage.pathologic.n") == pn


# -- round 6 ------------------------------------------------------------------------------------


def test_a_part_whose_own_side_disagrees_with_the_list_keeps_it_and_the_disagreement_is_a_conflict():
    text = ("SPECIMENS:\nA. Right breast, lumpectomy\nB. Right axillary sentinel lymph node\n\nFINAL DIAGNOSIS:\n"
            "A. LEFT BREAST, LUMPECTOMY: INFILTRATING DUCTAL CARCINOMA, NOTTINGHAM GRADE 2, 1.4 CM.\n"
            "B. ONE LYMPH NODE, NEGATIVE FOR CARCINOMA (0/1).\n")
    report = profile(text)
    assert value(report, "diagnosis.laterality") == "left"
    conflict = next(c for c in report.conflicts if c.field == "diagnosis.laterality")
    assert conflict.values == ["left", "right"]
    assert [(e.text, e.rule) for e in conflict.evidence] == [("LEFT BREAST", "laterality.specimen"),
                                                                    ("Right", "laterality.specimen-list")]


def test_a_part_that_agrees_with_the_list_gives_no_conflict():
    report = profile("SPECIMENS:\nA. Left breast, lumpectomy\n\nFINAL DIAGNOSIS:\n"
                     "A. LEFT BREAST, LUMPECTOMY: INFILTRATING DUCTAL CARCINOMA, 1.4 CM.\n")
    assert value(report, "diagnosis.laterality") == "left"
    assert not [c for c in report.conflicts if c.field == "diagnosis.laterality"]
