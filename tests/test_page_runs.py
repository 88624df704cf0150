"""A report read across its page breaks (`extract.page_runs`): a sentence, a section or a specimen
part that runs on to the next page is read as one text, and every evidence entry is cut back into
the page it came from. Snippets are our own, laid out as printed multi-page reports are (a running
header and a page footer on each page) and as OCR'd run-on text is (one line a page)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.document import read_document
from extract.models import Evidence
from extract.page_runs import RUN_CHARS, join_pages
from ingest.models import Document, Page

HEADER = "ST. ELSEWHERE HOSPITAL DEPARTMENT OF PATHOLOGY\nPatient: XXXX, XXXX   MRN: 0000000   Case: S10-04417\n\n"

RUN_ON_1 = ("SURGICAL PATHOLOGY REPORT. CLINICAL HISTORY: LEFT BREAST MASS. FINAL DIAGNOSIS: BREAST, LEFT, MODIFIED "
            "RADICAL. MASTECTOMY: INVASIVE DUCTAL. CARCINOMA, NOTTINGHAM GRADE 3. TUMOR SIZE 3.2 CM. MARGINS FREE OF. "
            "TUMOR. LYMPHOVASCULAR INVASION PRESENT. AXILLARY CONTENTS: METASTATIC CARCINOMA IN TWO OF")
RUN_ON_2 = "FOURTEEN LYMPH NODES. ESTROGEN RECEPTOR: POSITIVE (90%). HER2: NEGATIVE (1+)."


def _document(pages: list[str], source: str = "text-layer", sources: list[str] | None = None) -> Document:
    return Document(sha256="0" * 64, filename="r.txt", type="text", pages=[
        Page(number=i, text=t, source=(sources[i - 1] if sources else source)) for i, t in enumerate(pages, start=1)])


def _facts(pages: list[str], source: str = "text-layer") -> dict[str, tuple[object, list[tuple[int, str]]]]:
    """path -> (value, [(page, evidence text)]) of the first fact of each path; every evidence entry
    checked against its own page's text."""
    out: dict[str, tuple[object, list[tuple[int, str]]]] = {}
    for finding in read_document(_document(pages, source), "d1").findings:
        for evidence in [*finding.evidence, *(e for es in finding.leaf_evidence.values() for e in es)]:
            assert pages[evidence.page - 1][evidence.start:evidence.end] == evidence.text
        if finding.is_fact and finding.path not in out:
            out[finding.path] = (finding.value, [(e.page, e.text) for e in finding.evidence])
    return out


# (pages, source, path, value, [(page, evidence text), ...]): each needs both pages.
ACROSS = [
    # a specimen part on each page: the parts are added up, each count on its own page
    (["FINAL DIAGNOSIS:\nA. Lymph nodes, right axillary sentinel, excision:\n   Metastatic carcinoma in three of six "
      "lymph nodes (3/6).\n", "B. Lymph nodes, right axillary, dissection:\n   Metastatic carcinoma in two of thirteen "
      "lymph nodes (2/13).\n"], "text-layer", "lymph_nodes.examined", 19, [(1, "(3/6)"), (2, "(2/13)")]),
    (["FINAL DIAGNOSIS:\nA. Lymph nodes, right axillary sentinel, excision:\n   Metastatic carcinoma in three of six "
      "lymph nodes (3/6).\n", "B. Lymph nodes, right axillary, dissection:\n   Metastatic carcinoma in two of thirteen "
      "lymph nodes (2/13).\n"], "text-layer", "lymph_nodes.positive", 5, [(1, "(3/6)"), (2, "(2/13)")]),
    # run-on OCR text cut mid-sentence: the count's evidence is one entry on each page
    ([RUN_ON_1, RUN_ON_2], "ocr", "lymph_nodes.positive", 2, [(1, "TWO OF"), (2, "FOURTEEN LYMPH NODES")]),
    ([RUN_ON_1, RUN_ON_2], "ocr", "lymph_nodes.examined", 14, [(1, "TWO OF"), (2, "FOURTEEN LYMPH NODES")]),
    # two short run-on pages are run-on text together: the line-join period inside the type is read across
    ([RUN_ON_1, RUN_ON_2], "ocr", "diagnosis.histology", "invasive_ductal", [(1, "INVASIVE DUCTAL. CARCINOMA")]),
    ([RUN_ON_1, RUN_ON_2], "ocr", "diagnosis.laterality", "left", [(1, "LEFT BREAST")]),
    # a printed report: the label at the foot of page 1, its value under page 2's running header
    ([HEADER + "FINAL DIAGNOSIS:\nRight breast, lumpectomy: invasive lobular carcinoma, 2.4 cm.\nEstrogen receptor:\n\n"
      "Page 1 of 2", HEADER + "positive in 95% of tumour cells, strong intensity.\nHER2 (IHC): 3+ (positive).\n\nPage 2 of 2"],
     "text-layer", "receptors.er.percent", 95.0,
     [(1, "Estrogen receptor:\n\nPage 1 of 2"), (2, HEADER + "positive in 95%")]),
]


@pytest.mark.parametrize(("pages", "source", "path", "value", "evidence"), ACROSS)
def test_a_value_across_a_page_break_is_read_with_evidence_on_each_page(pages, source, path, value, evidence):
    got = _facts(pages, source)
    assert path in got, f"{path} not read"
    assert got[path] == (value, evidence)


def test_a_page_that_opens_mid_section_stays_in_that_section():
    # Page 2 continues page 1's family history: the aunt's result is no finding about the patient.
    pages = ["CLINIC NOTE\nHistory of present illness: here to discuss genetic testing.\nFamily history:\n"
             "Mother had breast cancer at 52. Her maternal aunt was tested and",
             "carries a BRCA2 pathogenic variant.\nAssessment and plan: germline testing ordered."]
    assert not any(path.startswith("genomics") for path in _facts(pages))


BANNER = "RIVERSIDE CANCER CENTRE\nPatient: XXXX, XXXX   MRN: 0000000\n\n"


def test_a_list_that_runs_on_to_the_next_page_keeps_its_heading():
    # a tumour board's recommendations start at the foot of page 1 and go on under page 2's banner
    pages = [BANNER + "MULTIDISCIPLINARY TEAM MEETING 14/11/2026\n\nHistory:\n- 2022: right breast IDC, ER 90% PR 20% "
             "HER2 1+.\n  Adjuvant chemotherapy, then tamoxifen 20 mg daily.\n\nDiscussion:\nEndocrine-sensitive relapse "
             "in the lung. ECOG 0.\n\nRecommendation:\n- Stop tamoxifen.\n\nPage 1 of 2",
             BANNER + "- Letrozole 2.5 mg daily with goserelin 3.6 mg SC every 4 weeks.\n- Ribociclib 600 mg daily, days "
             "1-21 of 28.\n\nPage 2 of 2"]
    found = [f for f in read_document(_document(pages), "d1").findings if f.path == "medications" and f.is_fact]
    status = {f.value["name"]: (f.value.get("status"), [(e.page, e.text) for e in f.leaf_evidence.get("status", [])])
              for f in found}
    assert status == {"tamoxifen": ("stopped", [(1, "Stop")]),
                      "letrozole": ("planned", [(1, "Recommendation")]),
                      "goserelin": ("planned", [(1, "Recommendation")]),
                      "ribociclib": ("planned", [(1, "Recommendation")])}


def test_a_heading_under_the_next_pages_banner_opens_its_section():
    # the blanked banner before it is no column gap: "Recommendation:" is a heading at the margin
    pages = [BANNER + "MULTIDISCIPLINARY TEAM MEETING 14/11/2026\n\nDiscussion:\nEndocrine-sensitive relapse in the "
             "lung. ECOG 0.\n\nPage 1 of 2",
             BANNER + "Recommendation:\n- Letrozole 2.5 mg daily with goserelin 3.6 mg SC every 4 weeks.\n\nPage 2 of 2"]
    found = [f for f in read_document(_document(pages), "d1").findings if f.path == "medications" and f.is_fact]
    assert {f.value["name"]: f.value.get("status") for f in found} == {"letrozole": "planned", "goserelin": "planned"}


def test_a_page_that_opens_as_the_first_page_starts_a_new_run():
    lines = LINED_REPORT.splitlines(keepends=True)
    first, rest = "".join(lines[:9]), "".join(lines[9:])
    pages = [Page(number=n, text=t, source="text-layer") for n, t in enumerate([first, rest, first, rest], start=1)]
    runs = join_pages(pages, [p.text for p in pages])
    assert [[p.number for p in run.pages] for run in runs] == [[1, 2], [3, 4]]
    # a page that restates text written further into the first page (a synoptic summary repeating
    # the diagnosis) opens no new run
    gross = ("GROSS DESCRIPTION:\nReceived fresh labelled with the patient's name is a simple mastectomy specimen "
             "with an ellipse of skin and nipple. Serial sectioning shows a firm grey-white stellate mass in the "
             "upper outer quadrant, 2.7 x 2.1 x 1.8 cm, 4 mm from the deep margin, which is inked black. The "
             "remaining breast tissue is fatty with scattered fibrous strands. Representative sections are "
             "submitted in cassettes A1 to A12 as follows: A1 nipple; A2 skin; A3 to A7 mass with the deep margin; "
             "A8 to A12 the four quadrants. Part B is received fresh, labelled sentinel node, and consists of three "
             "nodes, each bisected and entirely submitted.\n")
    pages = [Page(number=n, text=t, source="text-layer") for n, t in enumerate([gross + first, first + rest], start=1)]
    assert len(join_pages(pages, [p.text for p in pages])) == 1


def test_pages_of_different_sources_or_past_the_size_limit_are_separate_runs():
    runs = join_pages([Page(number=1, text="ER: positive\nPR: negative", source="text-layer"),
                       Page(number=2, text="HER2: 1+\nKi-67: 10%", source="ocr"),
                       Page(number=3, text="Grade 2\nNodes 0/3", source="ocr")],
                      ["ER: positive\nPR: negative", "HER2: 1+\nKi-67: 10%", "Grade 2\nNodes 0/3"])
    assert [[p.number for p in run.pages] for run in runs] == [[1], [2, 3]]
    assert runs[1].page.text == "HER2: 1+\nKi-67: 10%\nGrade 2\nNodes 0/3"
    long = "x" * (RUN_CHARS - 10) + "\nend"
    runs = join_pages([Page(number=i, text=long, source="ocr") for i in (1, 2)], [long, long])
    assert [[p.number for p in run.pages] for run in runs] == [[1], [2]]
    # a page that could not be read stands between pages 1 and 3: they are not one text
    runs = join_pages([Page(number=n, text="Grade 2\nNodes 0/3", source="ocr") for n in (1, 3)], ["Grade 2\nNodes 0/3"] * 2)
    assert [[p.number for p in run.pages] for run in runs] == [[1], [3]]
    # a run-on page (one line) and a page of lines are not joined: each keeps its own reading
    runs = join_pages([Page(number=1, text="A" * 400, source="ocr"), Page(number=2, text="B\nC", source="ocr")],
                      ["A" * 400, "B\nC"])
    assert len(runs) == 2


def test_evidence_across_three_pages_and_an_empty_span_map_back():
    pages = [Page(number=n, text=t, source="ocr") for n, t in ((4, "one two"), (5, "three"), (6, "four five"))]
    run = join_pages(pages, [p.text for p in pages])[0]
    assert run.page.text == "one two three four five"

    def ev(start: int, end: int) -> Evidence:
        return Evidence(document="d1", page=4, start=start, end=end, text=run.page.text[start:end], source="ocr",
                        rule="r")

    assert [(e.page, e.start, e.end, e.text) for e in run.to_page_evidence(ev(4, 18))] == [
        (4, 4, 7, "two"), (5, 0, 5, "three"), (6, 0, 4, "four")]
    assert [(e.page, e.start, e.end, e.text) for e in run.to_page_evidence(ev(7, 8))] == [(4, 7, 7, "")]
    assert [(e.page, e.start, e.end, e.text) for e in run.to_page_evidence(ev(14, 14))] == [(6, 0, 0, "")]


LINED_REPORT = """FINAL DIAGNOSIS:
A. Breast, left, simple mastectomy:
   Invasive ductal carcinoma, Nottingham grade 2 (tubules 3, nuclei 2, mitoses 1).
   Tumor size: 2.7 cm in greatest dimension.
   Margins negative; closest margin 4 mm (deep).
   Lymphovascular invasion: present.
B. Lymph nodes, left axillary sentinel, excision:
   Metastatic carcinoma in one of three lymph nodes (1/3), largest deposit 4 mm.
C. Lymph nodes, left axillary, dissection:
   Nine lymph nodes, negative for carcinoma (0/9).
Estrogen receptor: positive (95%, strong).
Progesterone receptor: positive (40%, moderate).
HER2 (IHC): 2+ (equivocal); HER2 FISH: not amplified, HER2/CEP17 ratio 1.3.
Ki-67: 18%.
Pathologic stage (AJCC 8th edition): pT2 pN1a.
"""


@pytest.mark.parametrize("banner", ["", HEADER])
def test_a_report_sent_twice_in_one_file_is_not_added_to_itself(banner):
    report = banner + LINED_REPORT
    got = _facts([report, report])
    assert got["lymph_nodes.examined"] == (12, [(1, "(1/3)"), (1, "(0/9)")])
    assert got["lymph_nodes.positive"] == (1, [(1, "(1/3)"), (1, "(0/9)")])


def _split(text: str, cuts: list[int]) -> list[str]:
    pages, at = [], 0
    for cut in sorted(set(cuts)):
        pages.append(text[at:cut])
        at = cut + 1  # the break stands where the line break or space was
    return [*pages, text[at:]]


def _values(pages: list[str], source: str) -> dict[str, object]:
    return {path: value for path, (value, _) in _facts(pages, source).items()}


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=LINED_REPORT.count("\n") - 2), min_size=1, max_size=3))
def test_a_report_broken_into_pages_at_line_ends_reads_as_on_one_page(line_numbers):
    ends = [i for i, c in enumerate(LINED_REPORT) if c == "\n"]
    # every page keeps two lines or more (a one-line page is read as run-on text)
    cuts = sorted({ends[n] for n in line_numbers})
    pages = _split(LINED_REPORT, cuts)
    if any("\n" not in page.strip() for page in pages):
        return
    assert _values(pages, "text-layer") == _values([LINED_REPORT], "text-layer")


RUN_ON_REPORT = " ".join([RUN_ON_1, RUN_ON_2, "PATHOLOGIC STAGE: PT2 PN1A. KI-67: 25%. PROGESTERONE RECEPTOR: "
                          "NEGATIVE (0%). BLOCK FOR FUTURE STUDIES: A3."])


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=len(RUN_ON_REPORT) - 2), min_size=1, max_size=3))
def test_a_run_on_report_broken_into_pages_at_spaces_reads_as_on_one_page(offsets):
    # cut at single spaces only: the break takes the space's place, so the run is the same text
    cuts = sorted({RUN_ON_REPORT.index(" ", at) for at in offsets if " " in RUN_ON_REPORT[at:]})
    cuts = [c for c in cuts if RUN_ON_REPORT[c - 1] != " " and RUN_ON_REPORT[c + 1] != " "]
    pages = _split(RUN_ON_REPORT, cuts)
    assert _values(pages, "ocr") == _values([RUN_ON_REPORT], "ocr")


def test_mixed_pages_keep_their_own_source_on_the_evidence():
    document = _document(["Estrogen receptor: positive (80%).\nProgesterone receptor: negative.",
                          "HER2 (IHC): 3+ positive.\nKi-67: 30%."], sources=["text-layer", "ocr"])
    found = {f.path: f for f in read_document(document, "d1").findings if f.is_fact}
    assert [(e.page, e.source) for e in found["receptors.er.percent"].evidence] == [(1, "text-layer")]
    assert [(e.page, e.source) for e in found["receptors.her2.ihc_score"].evidence] == [(2, "ocr")]
