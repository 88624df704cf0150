"""p03: triple-negative breast cancer treated with neoadjuvant chemo-immunotherapy (ypT1a ypN1a),
a negative germline panel with a sister's BRCA1 variant as a family distractor, and a CBC in mixed
units (x10E3/uL and cells/uL)."""

from samples.degrade import ScanSpec
from samples.layout import KV, Frame, Gap, Heading, Para, Row, Style, Table
from samples.patients.furniture import banner, footer, letterhead
from samples.spec import D, DocSpec, Patient, S, fields, lab

PATIENT_ROW = ("PATIENT: BRISK, TEODORA", "MRN: NRH-00391847 | DOB: 06/09/1985")

core = DocSpec(
    key="core",
    name="01-pathology-core-biopsy-2024-04-25",
    kind="pathology",
    date="2024-04-25",
    title="Surgical pathology report",
    style=Style(family="courier", size=9, leading=12, margin_left=54, margin_right=54),
    frame=Frame(
        header=letterhead("NORTHMERE REGIONAL HOSPITAL", "LABORATORY MEDICINE AND PATHOLOGY", size=12)
        + banner(PATIENT_ROW, ("CASE: NS24-04417", "COLLECTED: 04/22/2024"),
                 ("PHYSICIAN: R. OYELARAN", "REPORTED: 04/25/2024")),
        footer=footer("NORTHMERE REGIONAL HOSPITAL - PATHOLOGY"),
    ),
    blocks=(
        Heading("SURGICAL PATHOLOGY REPORT"),
        Heading("CLINICAL DATA:"),
        Para("38 Y/O F WITH 2.8 CM LEFT BREAST MASS AT 1 O'CLOCK AND ABNORMAL LEFT AXILLARY NODE ON ULTRASOUND."),
        Heading("SPECIMENS:"),
        Para("A. LEFT BREAST 1:00, US-GUIDED CORE BIOPSY"),
        Para("B. LEFT AXILLARY LYMPH NODE, US-GUIDED CORE BIOPSY"),
        Heading("FINAL DIAGNOSIS:"),
        Para("A. LEFT BREAST, 1:00, CORE BIOPSY: INVASIVE DUCTAL CARCINOMA, POORLY DIFFERENTIATED (NOTTINGHAM "
             "GRADE 3; TUBULES 3, NUCLEI 3, MITOSES 2 = 8/9). STROMAL TUMOR-INFILTRATING LYMPHOCYTES: 30%."),
        Para("B. LEFT AXILLARY LYMPH NODE, CORE BIOPSY: METASTATIC CARCINOMA CONSISTENT WITH BREAST PRIMARY."),
        Heading("IMMUNOHISTOCHEMISTRY (BLOCK A1):"),
        Para("ESTROGEN RECEPTOR: NEGATIVE (0% NUCLEAR STAINING)"),
        Para("PROGESTERONE RECEPTOR: NEGATIVE (0%)"),
        Para("HER2 (IHC): NEGATIVE, SCORE 0 (NO MEMBRANE STAINING OBSERVED)"),
        Para("KI-67: 70%"),
        Heading("COMMENT:"),
        Para("THE TUMOR IS NEGATIVE FOR ER, PR AND HER2 (TRIPLE-NEGATIVE PHENOTYPE). NORMAL DUCTS IN THE CORES "
             "SHOW APPROPRIATE ER AND PR STAINING (INTERNAL CONTROL)."),
        Gap(),
        Para("PATHOLOGIST: ANSEL VORHEES, M.D. 04/25/2024"),
    ),
)

surgery = DocSpec(
    key="surgery",
    name="02-pathology-post-neoadjuvant-2024-10-11",
    kind="pathology",
    date="2024-10-11",
    title="Surgical pathology report",
    style=Style(family="times", size=10.5, leading=13.5),
    frame=Frame(
        header=letterhead("NORTHMERE REGIONAL HOSPITAL", "Laboratory Medicine and Pathology")
        + banner(("Patient: Brisk, Teodora", "MRN: NRH-00391847 | DOB: 06/09/1985"),
                 ("Case: NS24-11893", "Collected: 10/08/2024"),
                 ("Surgeon: Calla Wingate, MD", "Reported: 10/11/2024")),
        footer=footer("Northmere Regional Hospital - Pathology"),
    ),
    blocks=(
        Heading("SURGICAL PATHOLOGY REPORT", center=True),
        KV("Clinical history:", "39-year-old woman with left breast triple-negative invasive ductal carcinoma "
                                "(NS24-04417), cT2 cN1, status post neoadjuvant pembrolizumab, carboplatin and "
                                "paclitaxel, then doxorubicin and cyclophosphamide."),
        KV("Procedure:", "Left partial mastectomy and targeted axillary dissection (sentinel nodes and clipped node)."),
        Heading("FINAL DIAGNOSIS"),
        Para("A. Left breast, partial mastectomy:"),
        Para("- Residual invasive ductal carcinoma, 4 mm in greatest dimension, with marked treatment effect.",
             indent=12),
        Para("- Tumor bed 22 x 18 mm with residual cellularity of approximately 5%.", indent=12),
        Para("- Margins negative; closest margin (posterior) 6 mm.", indent=12),
        Para("B. Left axillary sentinel lymph nodes and clipped node, excision:"),
        Para("- Metastatic carcinoma in 1 of 3 lymph nodes (1/3), largest deposit 3 mm, with treatment effect; "
             "biopsy clip identified in the positive node.", indent=12),
        Para("- No extranodal extension.", indent=12),
        Heading("Post-neoadjuvant summary"),
        KV("Residual cancer burden (RCB):", "1.82, class II"),
        KV("Pathologic stage (AJCC 8th):", "ypT1a ypN1a"),
        KV("Biomarkers:", "Not repeated; see pre-treatment core biopsy NS24-04417 (ER 0%, PR 0%, HER2 0, "
                          "Ki-67 70%)."),
        Gap(),
        Para("Ansel Vorhees, MD - signed 10/11/2024"),
    ),
    scan=ScanSpec(quality="degraded", max_skew=1.8, noise=16.0, blur=0.9, jpeg_quality=45, optical_dpi=110),
)

genetics = DocSpec(
    key="genetics",
    name="03-genetics-letter-2024-05-20",
    kind="genetics",
    date="2024-05-20",
    title="Genetic test result letter",
    style=Style(family="times", size=11, leading=14.5, margin_left=72, margin_right=72),
    frame=Frame(
        header=letterhead("NORTHMERE CANCER INSTITUTE", "Cancer Genetics Program | 40 Harbour Road, Northmere"),
        footer=footer("Northmere Cancer Institute - Cancer Genetics Program"),
    ),
    blocks=(
        Row("May 20, 2024"),
        Gap(0.5),
        Row("Ms. Teodora Brisk | DOB 06/09/1985 | MRN NRH-00391847"),
        Gap(),
        Para("Dear Ms. Brisk,"),
        Para("Thank you for meeting with our cancer genetics team on May 2, 2024. This letter explains the "
             "results of the germline (inherited) genetic test done on your blood sample by Quillfield Genomics "
             "Laboratory (report Q24-558120, issued May 16, 2024)."),
        KV("Test:", "Hereditary breast cancer panel, 8 genes (ATM, BRCA1, BRCA2, CDH1, CHEK2, PALB2, PTEN, "
                    "TP53): full sequencing and deletion/duplication analysis."),
        Para("Result: NEGATIVE - no pathogenic or likely pathogenic variants were identified.", bold=True),
        Para("The BRCA1 variant c.5266dupC that was found in your sister was not detected in your sample. "
             "You did not inherit your family's BRCA1 variant."),
        Para("One variant of uncertain significance (VUS) was reported: ATM c.4388T>G (p.Phe1463Cys). A VUS is "
             "a change in a gene whose effect on cancer risk is not known. It should not be used to make "
             "medical decisions, and most such variants are later reclassified as harmless. The laboratory "
             "will tell us if this changes."),
        Para("What this means for you: your treatment can be planned on the basis of your tumor and your own "
             "history. Your sister's BRCA1 variant still matters for your other relatives, who may wish to be "
             "tested. Family history reviewed: sister diagnosed with breast cancer at 41 (BRCA1 carrier); "
             "paternal grandmother with ovarian cancer in her 50s."),
        Gap(),
        Para("With best wishes,"),
        Para("Maud Ellery, MS, CGC, Licensed Genetic Counselor"),
    ),
)

note = DocSpec(
    key="note",
    name="04-oncology-note-2024-12-03",
    kind="clinic_note",
    date="2024-12-03",
    title="Medical oncology clinic note",
    style=Style(family="helvetica", size=10, leading=13),
    frame=Frame(
        header=letterhead("NORTHMERE CANCER INSTITUTE", "Medical Oncology Clinic")
        + banner(("Patient: Teodora Brisk | MRN: NRH-00391847", "Date: 2024-12-03"),
                 ("Attending: Hollis Garrow, MD", "Visit: follow-up")),
        footer=footer("Northmere Cancer Institute"),
    ),
    blocks=(
        Heading("Medical Oncology Clinic Note"),
        Heading("Oncologic summary"),
        Para("Left breast invasive ductal carcinoma, triple-negative (ER 0%, PR 0%, HER2 IHC 0), grade 3, Ki-67 "
             "70%, clinical stage IIB (cT2 cN1 cM0) at diagnosis in April 2024. Germline 8-gene panel negative "
             "(ATM variant of uncertain significance)."),
        Para("Neoadjuvant KEYNOTE-522 regimen from 05/07/2024 to 09/10/2024: pembrolizumab 200 mg IV every 3 "
             "weeks with weekly paclitaxel and carboplatin for 12 weeks, then pembrolizumab with doxorubicin and "
             "cyclophosphamide (AC) every 3 weeks for 4 cycles; completed. Left partial mastectomy and targeted "
             "axillary dissection on 10/08/2024: ypT1a ypN1a, RCB-II. Adjuvant pembrolizumab restarted on "
             "11/12/2024 (9 cycles planned). Radiation to the left breast and regional nodes to start in "
             "January 2025."),
        Heading("Interval history"),
        Para("Here for adjuvant pembrolizumab cycle 2. Mild fatigue. No diarrhea, rash, cough or shortness of "
             "breath. She is premenopausal; her periods returned in November. She first presented with a "
             "palpable 2.8 cm left breast mass."),
        Heading("Family history"),
        Para("Sister with breast cancer at 41, BRCA1 carrier. Paternal grandmother with ovarian cancer. The "
             "patient's own germline testing did not find the familial variant."),
        Heading("Current medications"),
        Para("- Pembrolizumab (Keytruda) 200 mg IV every 3 weeks"),
        Para("- Ondansetron 8 mg PO every 8 hours as needed for nausea"),
        Para("- Levothyroxine 50 mcg PO daily (immune-related hypothyroidism, since August 2024)"),
        Para("- Sertraline 50 mg PO daily"),
        Heading("Performance status"),
        Para("ECOG 0"),
        Heading("Laboratory"),
        Para("CBC today (separate report): absolute neutrophils 1,350 cells/uL, grade 2 neutropenia, acceptable "
             "for immunotherapy. TSH 2.1 mIU/L on levothyroxine."),
        Heading("Assessment and plan"),
        Para("39-year-old premenopausal woman with stage IIB triple-negative breast cancer and residual disease "
             "after neoadjuvant chemo-immunotherapy (ypT1a ypN1a)."),
        Para("1. Continue adjuvant pembrolizumab 200 mg every 3 weeks; cycle 2 of 9 today."),
        Para("2. Residual disease: we discussed adjuvant capecitabine; she prefers to decide after radiation. "
             "Olaparib is not indicated because her germline testing is negative."),
        Para("3. Immune-related hypothyroidism: continue levothyroxine; TSH every 6 weeks."),
        Para("4. Radiation oncology follow-up in January."),
        Gap(),
        Para("Hollis Garrow, MD"),
    ),
)

cbc = DocSpec(
    key="cbc",
    name="05-lab-cbc-2024-12-03",
    kind="lab",
    date="2024-12-03",
    title="Complete blood count",
    style=Style(family="helvetica", size=9.5, leading=12.5),
    frame=Frame(
        header=letterhead("NORTHMERE REGIONAL HOSPITAL LABORATORY", "Hematology")
        + banner(("Patient: BRISK, TEODORA", "MRN: NRH-00391847 | DOB: 06/09/1985"),
                 ("Collected: 12/03/2024 08:40", "Resulted: 12/03/2024 09:55")),
        footer=footer("Northmere Regional Hospital Laboratory"),
    ),
    blocks=(
        Heading("CBC WITH AUTOMATED DIFFERENTIAL"),
        Table(header=("Test", "Result", "Units", "Reference interval", "Flag"),
              rows=(("White blood cell count", "3.4", "x10E3/uL", "4.0-10.5", "L"),
                    ("Red blood cell count", "3.91", "x10E6/uL", "3.90-5.20", ""),
                    ("Hemoglobin", "11.1", "g/dL", "12.0-15.5", "L"),
                    ("Hematocrit", "33.6", "%", "35.0-46.0", "L"),
                    ("Platelet count", "162", "x10E3/uL", "150-400", ""),
                    ("Absolute neutrophils", "1,350", "cells/uL", "1,500-7,800", "L"),
                    ("Absolute lymphocytes", "1,470", "cells/uL", "850-3,900", ""),
                    ("Absolute monocytes", "420", "cells/uL", "200-950", ""),
                    ("Absolute eosinophils", "130", "cells/uL", "15-500", ""),
                    ("Absolute basophils", "30", "cells/uL", "0-200", ""))),
        Gap(),
        Para("Results verified. Reference intervals are for adult females."),
    ),
)

DATE = "Collected: 12/03/2024"
PATIENT = Patient(
    id="p03",
    name="Teodora Brisk",
    summary=(
        "Triple-negative (ER 0%, PR 0%, HER2 IHC 0 with no staining: category zero) grade 3 invasive ductal "
        "carcinoma of the left breast, clinical stage IIB (cT2 cN1 cM0), neoadjuvant KEYNOTE-522 then "
        "surgery: ypT1a ypN1a (1/3), residual 4 mm, RCB-II. Upper-case Courier core biopsy report, a "
        "post-neoadjuvant report (the degraded scan), a genetics letter with a negative 8-gene panel plus "
        "an ATM variant of uncertain significance, a clinic note on adjuvant pembrolizumab, and a ruled CBC "
        "table in mixed units (x10E3/uL, cells/uL with thousands separators). Distractors: sister's BRCA1 "
        "variant, tumour bed 22 mm and 2.8 cm clinical size against the 4 mm residual, TILs 30%, residual "
        "cellularity 5%, capecitabine discussed but not started, olaparib 'not indicated'."
    ),
    documents=(core, surgery, genetics, note, cbc),
    profile={
        "diagnosis": {
            "primary_site": S("breast", "core", "A. LEFT BREAST, 1:00, CORE BIOPSY"),
            "histology": S("invasive_ductal", "core", "INVASIVE DUCTAL CARCINOMA, POORLY DIFFERENTIATED"),
            "histology_code": D("8500/3", "ICD-O-3 code of invasive ductal carcinoma"),
            "laterality": S("left", "core", "A. LEFT BREAST, 1:00, CORE BIOPSY"),
            "grade": S(3, "core", "NOTTINGHAM GRADE 3"),
            "tumor_size_mm": S(4, "surgery", "Residual invasive ductal carcinoma, 4 mm in greatest dimension"),
            "date": S("2024-04-22", "core", "COLLECTED: 04/22/2024"),
        },
        "receptors": {
            "er": fields("core", "ESTROGEN RECEPTOR: NEGATIVE (0% NUCLEAR STAINING)", status="negative", percent=0),
            "pr": fields("core", "PROGESTERONE RECEPTOR: NEGATIVE (0%)", status="negative", percent=0),
            "her2": {
                **fields("core", "HER2 (IHC): NEGATIVE, SCORE 0 (NO MEMBRANE STAINING OBSERVED)",
                         status="negative", ihc_score="0"),
                "category": D("zero", "IHC 0 with no membrane staining -> HER2-zero"),
            },
            "ki67_percent": S(70, "core", "KI-67: 70%"),
        },
        "subtype": D("triple_negative", "ER negative, PR negative, HER2 negative"),
        "stage": {
            "clinical": fields("note", "clinical stage IIB (cT2 cN1 cM0)", t="T2", n="N1", m="M0"),
            "pathologic": fields("surgery", "Pathologic stage (AJCC 8th): ypT1a ypN1a", prefix="yp", t="T1a", n="N1a"),
            "group": S("IIB", "note", "clinical stage IIB (cT2 cN1 cM0)"),
            "metastatic": D(False, "cM0"),
        },
        "lymph_nodes": fields("surgery", "Metastatic carcinoma in 1 of 3 lymph nodes (1/3)", positive=1, examined=3),
        "genomics": [
            S({"gene": "ATM", "result": "vus", "variant": "c.4388T>G", "origin": "germline"},
              "genetics", "One variant of uncertain significance (VUS) was reported: ATM c.4388T>G"),
            *[S({"gene": gene, "result": "not_detected", "origin": "germline"}, "genetics",
                "Result: NEGATIVE - no pathogenic or likely pathogenic variants were identified.")
              for gene in ("BRCA1", "BRCA2", "CDH1", "CHEK2", "PALB2", "PTEN", "TP53")],
        ],
        "menopausal_status": S("premenopausal", "note", "She is premenopausal"),
        "ecog": S(0, "note", "Performance status ECOG 0"),
        "medications": [
            {
                **fields("note", "Pembrolizumab (Keytruda) 200 mg IV every 3 weeks",
                         name="pembrolizumab", brand="Keytruda", dose=200, unit="mg", route="intravenous",
                         frequency="every 3 weeks"),
                "status": S("active", "note", "Continue adjuvant pembrolizumab 200 mg every 3 weeks"),
            },
            *[fields("note", quote, name=name, status="historical") for name, quote in (
                ("paclitaxel", "with weekly paclitaxel and carboplatin for 12 weeks"),
                ("carboplatin", "with weekly paclitaxel and carboplatin for 12 weeks"),
                ("doxorubicin", "then pembrolizumab with doxorubicin and cyclophosphamide (AC) every 3 weeks "
                                "for 4 cycles; completed"),
                ("cyclophosphamide", "then pembrolizumab with doxorubicin and cyclophosphamide (AC) every 3 "
                                     "weeks for 4 cycles; completed"),
            )],
        ],
        "labs": [
            lab("cbc", "Absolute neutrophils 1,350 cells/uL 1,500-7,800 L", DATE,
                name="ANC", value=1.35, unit="10^9/L", date="2024-12-03", grade=2),
            lab("cbc", "White blood cell count 3.4 x10E3/uL 4.0-10.5 L", DATE,
                name="WBC", value=3.4, unit="10^9/L", date="2024-12-03", grade=1),
            lab("cbc", "Hemoglobin 11.1 g/dL 12.0-15.5 L", DATE,
                name="hemoglobin", value=11.1, unit="g/dL", date="2024-12-03", grade=1),
            lab("cbc", "Platelet count 162 x10E3/uL 150-400", DATE,
                name="platelets", value=162, unit="10^9/L", date="2024-12-03"),
        ],
    },
    absent=(
        "genomics[gene=BRCA1].result=pathogenic",
        "medications[name=olaparib]",
        "medications[name=capecitabine]",
        "diagnosis.tumor_size_mm=28",
        "diagnosis.tumor_size_mm=22",
        "receptors.her2.category=ultralow",
        "receptors.her2.category=low",
        "receptors.ki67_percent=30",
        "stage.metastatic=true",
        "stage.metastatic_sites",
    ),
    optional_medications=("ondansetron", "levothyroxine", "sertraline"),
    notes=(
        "Stage group IIB is stated (clinical, at diagnosis); a group derived from ypT1a ypN1a would be IIA, "
        "so the stated value wins. Tumour size is the 4 mm residual invasive carcinoma of the resection; "
        "2.8 cm (clinical) and the 22 x 18 mm tumour bed are not invasive tumour size. Pembrolizumab's start "
        "is not asserted (neoadjuvant start 05/07/2024, adjuvant restart 11/12/2024). The neoadjuvant "
        "chemotherapy drugs are historical; their doses are not stated. The genetics panel lists 8 genes: "
        "ATM has a VUS, the other 7 are not detected (germline). ANC 1,350 cells/uL = 1.35 x 10^9/L."
    ),
)
