"""Page furniture inside the report text: values cut by a running header, footer or page break are
read across it, evidence keeps the real page text (furniture included), and furniture itself never
becomes a fact. Every snippet is our own, written the way OCR'd multi-page reports of different
laboratories carry their headers (with line breaks, and run-on with ". " where OCR joined lines).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.document import read_document
from extract.furniture import (FURNITURE_FILE, _compiled, furniture_rules, furniture_spans, reading_view, reading_views,
                               repeated_lines)
from ingest.errors import ConfigurationError
from ingest.models import Document, Page

# Headers and footers of several made-up laboratories.
BANNER = "SURGICAL PATHOLOGY REPORT Patient: [REDACTED] MRN: ####\nAccession #: S12-3456 Printed: 03/04/2012"
LAB = "NORTHFIELD REGIONAL LABORATORIES\nName: DOE, JANE A   DOB: 04/05/1961   Acct #: 88123401"
FOOT = "Printed on 11/02/2013 09:14 AM    Page 2 of 3"
RUNON = "Patient: XXXX MRN: XXXX. Case #: SP-13-T2214. Page 2 of 4."


def _findings(pages: list[str], source: str = "ocr"):
    document = Document(sha256="0" * 64, filename="r.txt", type="text",
                        pages=[Page(number=i, text=t, source=source) for i, t in enumerate(pages, start=1)])
    found = read_document(document, "d1").findings
    for finding in found:
        for evidence in finding.evidence:
            assert pages[evidence.page - 1][evidence.start:evidence.end] == evidence.text
    return found


def _first_fact(pages: list[str], path: str):
    return next((f for f in _findings(pages) if f.path == path and f.is_fact), None)


# (page texts, path, expected value, expected evidence text of the first fact)
CUT = [
    (["Invasive ductal carcinoma. The tumor measures 2.3\nPage 2 of 4\n" + BANNER + "\ncm in greatest dimension."],
     "diagnosis.tumor_size_mm", 23.0, "tumor measures 2.3\nPage 2 of 4\n" + BANNER + "\ncm"),
    ([LAB + "\nTUMOR SIZE: 1.8\n" + FOOT + "\n" + LAB + "\nCM"], "diagnosis.tumor_size_mm", 18.0,
     "TUMOR SIZE: 1.8\n" + FOOT + "\n" + LAB + "\nCM"),
    (["INVASIVE CARCINOMA, TUMOR SIZE 1.8. Page 2 of 3. CM. GRADE 2."], "diagnosis.tumor_size_mm", 18.0,
     "TUMOR SIZE 1.8. Page 2 of 3. CM"),
    (["Histologic grade: Nottingham\nCONTINUED ON NEXT PAGE ... Page 3\ngrade 2 (tubules 3, nuclei 2, mitoses 1)"],
     "diagnosis.grade", 2, "Nottingham\nCONTINUED ON NEXT PAGE ... Page 3\ngrade 2"),
    (["HISTOLOGIC GRADE:\n" + FOOT + "\n3"], "diagnosis.grade", 3, "HISTOLOGIC GRADE:\n" + FOOT + "\n3"),
    (["Pathologic stage: pT2 N1a\n" + BANNER + "\n(sn) M0"], "stage.pathologic.n", "N1a",
     "N1a\n" + BANNER + "\n(sn)"),
    (["Pathologic stage: pT2 N1a\n" + BANNER + "\n(sn) M0"], "stage.pathologic.t", "T2", "pT2"),
    (["LYMPH NODES: 2/\n" + BANNER + "\n14 POSITIVE FOR METASTATIC CARCINOMA"], "lymph_nodes.positive", 2,
     "LYMPH NODES: 2/\n" + BANNER + "\n14"),
    (["LYMPH NODES: 2/\n" + BANNER + "\n14 POSITIVE FOR METASTATIC CARCINOMA"], "lymph_nodes.examined", 14,
     "LYMPH NODES: 2/\n" + BANNER + "\n14"),
    (["ESTROGEN RECEPTOR:\nPage 1 of 3\nPOSITIVE (95%)"], "receptors.er.status", "positive",
     "ESTROGEN RECEPTOR:\nPage 1 of 3\nPOSITIVE"),
    (["ESTROGEN RECEPTOR:\nPage 1 of 3\nPOSITIVE (95%)"], "receptors.er.percent", 95.0,
     "ESTROGEN RECEPTOR:\nPage 1 of 3\nPOSITIVE (95%"),
    (["HER2 (IHC): Page 3 of 5 3+ POSITIVE"], "receptors.her2.ihc_score", "3+", "HER2 (IHC): Page 3 of 5 3+"),
    # A run of blanks (a banner blanked out) counts once among the receptor filler's 16 pieces.
    (["PROGESTERONE RECEPTOR: " + RUNON + " NEGATIVE (0%)."], "receptors.pr.status", "negative",
     "PROGESTERONE RECEPTOR: " + RUNON + " NEGATIVE"),
    (["PROGESTERONE RECEPTOR:\nPage 2 of 4.\nNEGATIVE (0%)."], "receptors.pr.status", "negative",
     "PROGESTERONE RECEPTOR:\nPage 2 of 4.\nNEGATIVE"),
    (["FINAL DIAGNOSIS: LEFT BREAST, MASTECTOMY: INVASIVE DUCTAL CARCINOMA, 2.5. " + RUNON + " CM."],
     "diagnosis.tumor_size_mm", 25.0, "CARCINOMA, 2.5. " + RUNON + " CM"),
    (["Four of fourteen\nPage 2 of 3\nlymph nodes are positive for metastatic carcinoma."],
     "lymph_nodes.positive", 4, "Four of fourteen\nPage 2 of 3\nlymph nodes"),
    (["Tumor size: 3.1\n- 2 -\ncm"], "diagnosis.tumor_size_mm", 31.0, "Tumor size: 3.1\n- 2 -\ncm"),
    (["Tumor size: 3.1\n(Page 2)\ncm"], "diagnosis.tumor_size_mm", 31.0, "Tumor size: 3.1\n(Page 2)\ncm"),
    (["Estrogen receptor: Page 2 of 2 positive, 80% of cells."], "receptors.er.status", "positive",
     "Estrogen receptor: Page 2 of 2 positive"),
    (["pT1c\n*** Continued on page 2 ***\npN0 (i-)"], "stage.pathologic.n", "N0", "pN0 (i-)"),
    (["Ki-67:\n" + FOOT + "\n25%"], "receptors.ki67_percent", 25.0, "Ki-67:\n" + FOOT + "\n25%"),
    (["Nottingham score:\nEND OF PAGE 1\n7/9 (grade 2)"], "diagnosis.grade", 2,
     "Nottingham score:\nEND OF PAGE 1\n7/9"),
    (["Tumor size: 2.2 Report Electronically Signed Out cm"], "diagnosis.tumor_size_mm", 22.0,
     "Tumor size: 2.2 Report Electronically Signed Out cm"),
    # A header repeated on each page of a document (no pattern knows it: repetition does).
    (["FINAL DIAGNOSIS:\nINVASIVE LOBULAR CARCINOMA\nST. ELSEWHERE HOSPITAL DEPARTMENT OF PATHOLOGY\n",
      "ST. ELSEWHERE HOSPITAL DEPARTMENT OF PATHOLOGY\nTUMOR SIZE: 4.2\nST. ELSEWHERE HOSPITAL DEPARTMENT OF PATHOLOGY\nCM"],
     "diagnosis.tumor_size_mm", 42.0, "TUMOR SIZE: 4.2\nST. ELSEWHERE HOSPITAL DEPARTMENT OF PATHOLOGY\nCM"),
    (["Accession #: S13-0042  MERCY GENERAL LAB SERVICES\nNodes: 0/\nMERCY GENERAL LAB SERVICES    Page 2\n12"],
     "lymph_nodes.examined", 12, "Nodes: 0/\nMERCY GENERAL LAB SERVICES    Page 2\n12"),
    (["Margins: negative. Tumor measures 14\nPrinted: 2013-02-11\nmm."],
     "diagnosis.tumor_size_mm", 14.0, "Tumor measures 14\nPrinted: 2013-02-11\nmm"),
    # lead, twentieth round: a bare "Case:" or "Accession:" label before its number
    (["Tumor size: 3.1\nPatient: XXXX, XXXX   MRN: 0000000   Case: S10-04417\ncm"], "diagnosis.tumor_size_mm", 31.0,
     "Tumor size: 3.1\nPatient: XXXX, XXXX   MRN: 0000000   Case: S10-04417\ncm"),
    (["LYMPH NODES: 2/\nAccession: S-12-3456   Page 2 of 2\n14 POSITIVE FOR METASTATIC CARCINOMA"],
     "lymph_nodes.examined", 14, "LYMPH NODES: 2/\nAccession: S-12-3456   Page 2 of 2\n14"),
    (["Estrogen receptor:\nCase: SP13-2214\npositive (95%)"], "receptors.er.percent", 95.0,
     "Estrogen receptor:\nCase: SP13-2214\npositive (95%"),
    # round 10: a running header whose first occurrence stands inside a line, between a label and its value
    (["FINAL DIAGNOSIS: INVASIVE DUCTAL CARCINOMA. ESTROGEN RECEPTOR: ST. ELSEWHERE HOSPITAL DEPARTMENT OF "
      "PATHOLOGY POSITIVE (95%).\n", "ST. ELSEWHERE HOSPITAL DEPARTMENT OF PATHOLOGY\nTUMOR SIZE: 2.2 CM\n",
      "ST. ELSEWHERE HOSPITAL DEPARTMENT OF PATHOLOGY\nNOTTINGHAM GRADE 2\n"], "receptors.er.status", "positive",
     "ESTROGEN RECEPTOR: ST. ELSEWHERE HOSPITAL DEPARTMENT OF PATHOLOGY POSITIVE"),
    # gen21: a footer's unlabelled case number and redaction gap beside its printed-on stamp and page number, on its
    # own line and where a run-on page joined it to the label before it
    (["Number of Lymph Nodes Examined:\nGL-S26-50999   [REDACTED]   Printed: 11/24/2026 08:02   Page 2 of 3\n   12\n"
      "Number of Lymph Nodes with Macrometastases: 2"], "lymph_nodes.examined", 12,
     "Number of Lymph Nodes Examined:\nGL-S26-50999   [REDACTED]   Printed: 11/24/2026 08:02   Page 2 of 3\n   12"),
    (["CANCER CASE SUMMARY. Estrogen Receptor (ER) Status: GL-S26-50999 [REDACTED] Printed: 11/24/2026 08:02 Page 3 of 3. "
      "Positive (95%). Progesterone Receptor: Negative (0%)."], "receptors.er.status", "positive",
     "Estrogen Receptor (ER) Status: GL-S26-50999 [REDACTED] Printed: 11/24/2026 08:02 Page 3 of 3. Positive"),
]


@pytest.mark.parametrize(("pages", "path", "value", "evidence"), CUT)
def test_a_value_cut_by_furniture_is_read_across_it(pages, path, value, evidence):
    fact = _first_fact(pages, path)
    assert fact is not None, path
    assert fact.value == value
    assert fact.evidence[0].text == evidence


# Furniture alone: nothing of it becomes a fact.
DISTRACTORS = [
    ("INVASIVE DUCTAL CARCINOMA\nPage 2 of 4\nSee synoptic report.", "lymph_nodes.positive"),
    ("INVASIVE DUCTAL CARCINOMA\nPage 2 of 4\nSee synoptic report.", "lymph_nodes.examined"),
    ("INVASIVE DUCTAL CARCINOMA. Page 3 of 14. Specimen received fresh.", "lymph_nodes.examined"),
    ("Accession #: ST2-3456\nINVASIVE DUCTAL CARCINOMA", "stage.pathologic.t"),
    ("Case #: SP-13-T2214 N1-0042\nINVASIVE DUCTAL CARCINOMA", "stage.pathologic.t"),
    ("Case #: SP-13-T2214\nINVASIVE DUCTAL CARCINOMA", "stage.pathologic.t"),
    ("Printed: 03/04/2012\nINVASIVE DUCTAL CARCINOMA", "diagnosis.date"),
    ("Printed on 11/02/2013 09:14 AM\nFINAL DIAGNOSIS: INVASIVE DUCTAL CARCINOMA", "diagnosis.date"),
    ("Patient: DOE, JANE  DOB: 04/05/1961\nFINAL DIAGNOSIS: INVASIVE DUCTAL CARCINOMA", "diagnosis.date"),
    ("MRN: 12345678 Page 1 of 2\nFINAL DIAGNOSIS: INVASIVE DUCTAL CARCINOMA", "diagnosis.tumor_size_mm"),
    # a bare "Case:" or "Accession:" label before an identifier (lead, twentieth round)
    ("Patient: XXXX, XXXX   MRN: 0000000   Case: T2-1004\nINVASIVE DUCTAL CARCINOMA", "stage.pathologic.t"),
    ("Accession: S-12-3456 Page 2 of 2\nINVASIVE DUCTAL CARCINOMA", "diagnosis.tumor_size_mm"),
    # gen21: a case number before a footer is no count or stage
    ("GL-S26-50999   [REDACTED]   Page 2 of 3\nINVASIVE DUCTAL CARCINOMA", "stage.pathologic.t"),
    ("GL-S26-50999   [REDACTED]   Page 2 of 3\nINVASIVE DUCTAL CARCINOMA", "lymph_nodes.examined"),
]


@pytest.mark.parametrize(("text", "path"), DISTRACTORS)
def test_furniture_alone_is_not_a_fact(text, path):
    assert _first_fact([text], path) is None


# No furniture: the reading view is the text itself and the results are today's.
PLAIN = [
    ("TUMOR SIZE: 2.3 CM", "diagnosis.tumor_size_mm", 23.0, "TUMOR SIZE: 2.3 CM"),
    ("ER: Positive (95%, strong)", "receptors.er.status", "positive", "ER: Positive"),
    ("Nottingham grade 2 (tubules 3, nuclei 2, mitoses 1)", "diagnosis.grade", 2, "Nottingham grade 2"),
    ("pT2 N1a (sn) M0", "stage.pathologic.n", "N1a", "N1a (sn)"),
    ("LYMPH NODES: 2/14 POSITIVE", "lymph_nodes.examined", 14, "LYMPH NODES: 2/14"),
    ("The patient was seen in clinic; please turn the page for the synoptic report.", "lymph_nodes.positive", None,
     None),
    ("Specimen labeled with the patient's name, MRN and \"left breast\". TUMOR SIZE: 1.2 CM.",
     "diagnosis.tumor_size_mm", 12.0, "TUMOR SIZE: 1.2 CM"),
    # "Case:" before words or a stage is no case number
    ("Case: 45-year-old woman with a left breast mass, 2.1 cm on ultrasound. TUMOR SIZE: 1.9 CM.",
     "diagnosis.tumor_size_mm", 19.0, "TUMOR SIZE: 1.9 CM"),
    ("Case: pT2 N1a, ER positive", "stage.pathologic.t", "T2", "pT2"),
]


@pytest.mark.parametrize(("text", "path", "value", "evidence"), PLAIN)
def test_text_without_furniture_is_read_as_before(text, path, value, evidence):
    assert reading_view(text) == text
    fact = _first_fact([text], path)
    if value is None:
        assert fact is None
    else:
        assert fact is not None and fact.value == value and fact.evidence[0].text == evidence


@pytest.mark.parametrize("text", ["Progress Note\nDate of visit: 11/24/2026\n\nLabs today: ANC 1.5 K/uL.\n",
                                  "TRIAL SCREENING NOTE\nScreening visit: 2026-11-04   Research nurse: M. T.\n"])
def test_a_visits_date_is_not_a_visit_number(text):
    # gen14-b: "Visit #: 99" is furniture; "Date of visit: 11/24/2026" dates the note and its "today" labs
    assert reading_view(text) == text


def test_a_banner_at_the_top_of_each_page_is_furniture_even_with_a_clinical_word():
    # lead, twentieth round: "CANCER" made a clinic's banner a clinical line that stayed in the text
    pages = ["RIVERSIDE CANCER CENTRE\nProgress note\nLetrozole 2.5 mg daily.\nBREAST CANCER CLINIC - CONFIDENTIAL",
             "RIVERSIDE CANCER CENTRE\nRibociclib 400 mg daily.\nBREAST CANCER CLINIC - CONFIDENTIAL"]
    views = reading_views(pages)
    assert views[0] == pages[0]  # the first occurrence of a running line stays
    assert [line.strip() for line in views[1].splitlines() if line.strip()] == ["Ribociclib 400 mg daily."]
    # a line repeated at the top of each page that holds a value, a label or a bullet stays
    for top in ("Tumour size: 2.2 cm", "ER POSITIVE 95 PERCENT", "- left breast invasive carcinoma"):
        pages = [top + "\nLetrozole 2.5 mg daily.", top + "\nRibociclib 400 mg daily."]
        assert [v.splitlines()[0] for v in reading_views(pages)] == [top, top]


def test_a_repeated_header_keeps_its_first_occurrence_and_a_repeated_clinical_line_stays():
    header = "ST. ELSEWHERE HOSPITAL DEPARTMENT OF PATHOLOGY"
    clinical = "INVASIVE DUCTAL CARCINOMA, GRADE 2"
    first, second = reading_views([f"{header}\nA. {clinical}\n", f"{header}\nB. {clinical}\n"])
    assert first.startswith(header)
    assert header.lower() not in second.lower()
    assert clinical in first and clinical in second


# round 10: letter-spaced result lines repeat their spaced status word ("P O S I T I V E"); a repeated
# value is no running header, so the second line is read too.
_SPACED = ("PROGNOSTIC MARKERS:\n   E R     P O S I T I V E     ( 9 5 % )\n"
           "   P R     P O S I T I V E     ( 6 0 % )\n   H E R 2     N E G A T I V E     ( 1 + )\n")


@pytest.mark.parametrize(("path", "value"), [("receptors.pr.status", "positive"), ("receptors.pr.percent", 60.0)])
def test_letter_spaced_result_lines_are_not_a_running_header(path, value):
    assert reading_view(_SPACED) == _SPACED
    fact = _first_fact([_SPACED], path)
    assert fact is not None and fact.value == value
    assert fact.evidence[0].text == "P R     P O S I T I V E     ( 6 0 % )"


def test_a_dated_sign_out_is_not_furniture_and_still_dates_the_report():
    text = "FINAL DIAGNOSIS: INVASIVE DUCTAL CARCINOMA\nElectronically signed out by Dr. Reyes on 03/05/2012"
    assert reading_view(text) == text


def test_every_rule_has_a_stable_id_and_its_example_matches():
    spec = furniture_rules()
    assert len({r.id for r in spec.rules}) == len(spec.rules)
    assert all(r.id.startswith("furniture.") for r in spec.rules)
    for example, rule in [("Page 2 of 4", "furniture.page-number"), ("Page or.", "furniture.page-number"),
                          ("MRN: ####", "furniture.record-number"), ("Accession #: S12-3456", "furniture.accession"),
                          ("Printed: 03/04/2012", "furniture.printed-stamp"), ("DOB: 1/2/50", "furniture.birth-date"),
                          ("CONTINUED ON NEXT PAGE", "furniture.continued-note"), ("(continued)", "furniture.continued-marker")]:
        assert [(f.rule, f.start, f.end) for f in furniture_spans(example)] == [(rule, 0, len(example))]


@pytest.mark.parametrize("broken", [
    "version: x\nrules: [{id: furniture.a, description: d, pattern: '(unclosed'}]\n"
    "banner_lines: {rules: [furniture.a]}\nrepeated_lines: {clinical_words: [cm]}\n",
    "version: x\nrules: [{id: furniture.a, description: d, pattern: 'a?'}]\n"
    "banner_lines: {rules: [furniture.a]}\nrepeated_lines: {clinical_words: [cm]}\n",
    "version: x\nrules: [{id: furniture.a, description: d, pattern: page}, {id: furniture.a, description: d, "
    "pattern: mrn}]\nbanner_lines: {rules: [furniture.a]}\nrepeated_lines: {clinical_words: [cm]}\n",
    "version: x\nrules: [{id: furniture.a, description: d, pattern: page}]\n"
    "banner_lines: {rules: [furniture.b]}\nrepeated_lines: {clinical_words: [cm]}\n",
    "version: x\nrules: [{id: BAD ID, description: d, pattern: page}]\n",
    "rules: [: this is not yaml",
])
def test_a_broken_furniture_file_raises_configuration_error(tmp_path: Path, broken: str):
    path = tmp_path / "furniture.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ConfigurationError):
        furniture_rules(path)
    assert furniture_rules(FURNITURE_FILE) is _compiled(FURNITURE_FILE).spec  # the real file still loads


_LINES = st.sampled_from([
    "Page 2 of 4", "Page 3 of.", "SURGICAL PATHOLOGY REPORT Patient: [REDACTED] MRN: ####", "Printed: 03/04/2012",
    "Accession #: S12-3456", "CONTINUED ON NEXT PAGE", "TUMOR SIZE: 2.3", "cm in greatest dimension",
    "ER: POSITIVE (95%)", "MERCY GENERAL LAB SERVICES", "LYMPH NODES: 2/14", "(continued)", "- 2 -", "",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_LINES, max_size=8).map("\n".join), min_size=1, max_size=3),
       st.sampled_from(["\n", ". ", " "]))
def test_blanking_keeps_every_offset(pages, joiner):
    pages = [p.replace("\n", joiner) for p in pages]
    repeated = repeated_lines(pages)
    seen: set[str] = set()
    for text, view in zip(pages, reading_views(pages), strict=True):
        assert len(view) == len(text)
        # Only lines that hold furniture change (a furniture line also loses its line break).
        spans = furniture_spans(text, repeated, seen)
        touched = {n for f in spans for n in range(text.count("\n", 0, f.start) - 1, text.count("\n", 0, f.end) + 1)}
        for i, (a, b) in enumerate(zip(text, view, strict=True)):
            assert b == a or b == " "  # furniture becomes spaces
            if b != a:
                assert text.count("\n", 0, i) in touched



@pytest.mark.parametrize(("text", "kept"), [
    # a count or a ratio label before a page number is no case number: it stays readable
    ("LYMPH NODES: 1/14 Page 2 of 3", "1/14"),
    ("HER2/CEP17 Page 2 of 3 ratio 2.3", "HER2/CEP17"),
    ("pT1CN0M0 Page 1 of 2", "pT1CN0M0"),
])
def test_gen21_values_before_a_footer_are_no_case_numbers(text, kept):
    assert kept in reading_view(text)
