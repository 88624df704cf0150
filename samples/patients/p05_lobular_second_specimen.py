"""p05: invasive lobular carcinoma of the left breast with a second specimen (contralateral
risk-reducing mastectomy showing LCIS only), Allred scores, HER2-ultralow, an Oncotype DX score,
and a declined CDK4/6 inhibitor. British spelling and dd-Mon-yyyy dates."""

from samples.degrade import ScanSpec
from samples.layout import KV, Frame, Gap, Heading, PageBreak, Para, Row, Style, Table
from samples.patients.furniture import banner, footer, letterhead
from samples.spec import D, DocSpec, Patient, S, fields

HOSPITAL = "FERNCASTLE HOSPITAL"
PATIENT_ROW = ("Patient: MARCHBANKS, Ilse (Mrs)", "Hospital no: FCH-118-4420 | DOB: 02-Dec-1959")

core = DocSpec(
    key="core",
    name="01-pathology-core-biopsy-2025-02-18",
    kind="pathology",
    date="2025-02-18",
    title="Histopathology report",
    style=Style(family="helvetica", size=9.5, leading=12.5),
    frame=Frame(
        header=letterhead(HOSPITAL, "Pathology Services - Cellular Pathology")
        + banner(PATIENT_ROW, ("Lab no: FH25/02114", "Sample taken: 14-Feb-2025"),
                 ("Requested by: Mr A. Quigley, Breast Surgeon", "Authorised: 18-Feb-2025")),
        footer=footer("Ferncastle Hospital Pathology Services"),
    ),
    blocks=(
        Heading("HISTOPATHOLOGY REPORT"),
        KV("Specimen:", "Left breast 2 o'clock core biopsy x3 (ultrasound guided)"),
        KV("Clinical details:", "Screen-detected left breast architectural distortion. Right breast normal. "
                                "?lobular"),
        Heading("Microscopy"),
        Para("The cores are infiltrated by discohesive tumour cells in single files and a targetoid pattern, "
             "with mild to moderate nuclear pleomorphism and low mitotic activity. E-cadherin is negative in "
             "tumour cells (positive internal control), supporting lobular phenotype."),
        Heading("Conclusion"),
        Para("Left breast, 2 o'clock, core biopsy: invasive lobular carcinoma, classic type, provisional grade 2 "
             "(3+2+1). B5b.", bold=True),
        Heading("Receptors (block A1)"),
        KV("ER:", "POSITIVE (3+, 95%) - Allred score 8/8"),
        KV("PR:", "POSITIVE (2+, 60%) - Allred score 6/8"),
        KV("HER2 (IHC):", "Score 0: faint, barely perceptible, incomplete membrane staining in approximately 5% of "
                          "tumour cells (more than 0% and no more than 10%)"),
        KV("Ki67:", "10%"),
        Gap(),
        Para("Reported by Dr Philippa Ardmore, Consultant Histopathologist, 18-Feb-2025"),
    ),
)

TAB = 170
resection = DocSpec(
    key="resection",
    name="02-pathology-mastectomies-synoptic-2025-03-26",
    kind="pathology",
    date="2025-03-26",
    title="Histopathology report with synoptic",
    style=Style(family="helvetica", size=9.5, leading=12.5),
    frame=Frame(
        header=letterhead(HOSPITAL, "Pathology Services - Cellular Pathology")
        + banner(PATIENT_ROW, ("Lab no: FH25/03871", "Sample taken: 19-Mar-2025"),
                 ("Requested by: Mr A. Quigley, Breast Surgeon", "Authorised: 26-Mar-2025")),
        footer=footer("Ferncastle Hospital Pathology Services"),
    ),
    blocks=(
        Heading("SPECIMENS"),
        Para("A. Left breast, simple mastectomy. B. Left axillary sentinel lymph nodes (3). C. Right breast, "
             "contralateral risk-reducing mastectomy."),
        Heading("SUMMARY DIAGNOSIS"),
        Para("A. Left breast, mastectomy: invasive lobular carcinoma, classic type, 32 mm, grade 2. Margins clear."),
        Para("B. Left axillary sentinel lymph nodes: metastatic lobular carcinoma in 2 of 3 nodes (2/3); largest "
             "deposit 4.5 mm; no extranodal extension."),
        Para("C. Right breast, risk-reducing mastectomy: classic lobular carcinoma in situ (LCIS), focal. No "
             "invasive carcinoma identified."),
        Heading("SYNOPTIC REPORT - PART A (LEFT BREAST)"),
        KV("Procedure:", "Total (simple) mastectomy", tab=TAB),
        KV("Specimen laterality:", "Left", tab=TAB),
        KV("Tumour site:", "Upper outer quadrant", tab=TAB),
        KV("Histological type:", "Invasive lobular carcinoma, classic", tab=TAB),
        KV("Invasive tumour size:", "32 mm (32 x 25 x 20 mm)", tab=TAB),
        KV("Histological grade:", "2 (tubules 3, pleomorphism 2, mitoses 1; score 6/9)", tab=TAB),
        KV("Multifocality:", "No", tab=TAB),
        KV("Lymphovascular invasion:", "Not identified", tab=TAB),
        KV("Associated in situ disease:", "Classic LCIS", tab=TAB),
        KV("Margins:", "Clear (table below)", tab=TAB),
        Gap(0.5),
        Table(header=("Margin", "Distance to invasive tumour", "Status"),
              rows=(("Deep", "3 mm", "Clear"), ("Superficial (skin)", "5 mm", "Clear"),
                    ("Superior", "14 mm", "Clear"), ("Inferior", "22 mm", "Clear"),
                    ("Medial", "30 mm", "Clear"), ("Lateral", "11 mm", "Clear"))),
        KV("Sentinel nodes (part B):", "2 positive / 3 examined (macrometastases 2; largest 4.5 mm)", tab=TAB),
        KV("Pathological staging:", "pT2 pN1a(sn) (TNM 8th edition)", tab=TAB),
        KV("Receptors:", "See core biopsy FH25/02114 (ER Allred 8, PR Allred 6, HER2 score 0)", tab=TAB),
        PageBreak(),
        Heading("SYNOPTIC REPORT - PART C (RIGHT BREAST)"),
        KV("Procedure:", "Total mastectomy, risk-reducing (contralateral)", tab=TAB),
        KV("Specimen laterality:", "Right", tab=TAB),
        KV("Findings:", "Classic lobular carcinoma in situ, single 3 mm focus, upper inner quadrant", tab=TAB),
        KV("Invasive carcinoma:", "Not identified", tab=TAB),
        KV("Margins:", "Not applicable (no invasive carcinoma)", tab=TAB),
        KV("Receptors:", "Not performed", tab=TAB),
        Gap(0.5),
        Para("Comment: the right-sided LCIS is an incidental, non-invasive finding and is not staged (AJCC 8th "
             "edition). The index invasive cancer is in the left breast. Discussed at the breast "
             "multidisciplinary meeting on 02-Apr-2025."),
        Gap(),
        Para("Reported by Dr Philippa Ardmore, Consultant Histopathologist, 26-Mar-2025"),
    ),
    scan=ScanSpec(quality="clean", rotations=(0, 180), max_skew=0.5, noise=5.0),
)

letter = DocSpec(
    key="letter",
    name="03-oncology-clinic-letter-2025-05-13",
    kind="clinic_note",
    date="2025-05-13",
    title="Oncology clinic letter",
    style=Style(family="times", size=11, leading=14.5, margin_left=70, margin_right=70),
    frame=Frame(
        header=letterhead("FERNCASTLE BREAST UNIT", "Department of Oncology | Ferncastle Hospital"),
        footer=footer("Ferncastle Breast Unit - clinic letter"),
    ),
    blocks=(
        Row("Clinic date: 2025-05-13", "Typed: 2025-05-14"),
        Row("Re: Mrs Ilse Marchbanks, DOB 02-Dec-1959, Hospital no FCH-118-4420"),
        Gap(0.5),
        KV("Diagnosis:", "Left breast invasive lobular carcinoma, pT2 (32 mm) pN1a (2/3 sentinel nodes), grade 2, "
                         "ER positive (Allred 8), PR positive (Allred 6), HER2 negative (IHC 0). M0: staging CT "
                         "on 11-Mar-2025 showed no distant metastases. Incidental right breast LCIS."),
        KV("Oncotype DX:", "Recurrence Score 18 (reported 15-Apr-2025)"),
        KV("Performance status:", "ECOG 0"),
        KV("Menopausal status:", "Postmenopausal (last period at age 52)"),
        Gap(0.5),
        Para("Dear Dr Halvorsen,"),
        Para("I saw Mrs Marchbanks today. She has recovered well from her left mastectomy, sentinel node biopsy "
             "and right risk-reducing mastectomy on 19 March 2025. We discussed her Oncotype DX Recurrence Score "
             "of 18: for postmenopausal women with one to three involved nodes, chemotherapy adds no clear "
             "benefit at this score, so we recommended endocrine therapy alone."),
        Para("She started anastrozole 1 mg orally once daily on 6 May 2025 and has had mild morning joint "
             "stiffness only. We also discussed adding ribociclib for three years; after considering the side "
             "effects and the monitoring involved she declined, and she will not be taking ribociclib."),
        Para("She has been referred for post-mastectomy radiotherapy to the left chest wall and axilla. Her DEXA "
             "scan shows osteopenia (T-score -1.8), so she will start zoledronic acid 4 mg IV every 6 months for "
             "two years as adjuvant bone therapy, first dose planned for 3 June 2025."),
        Para("She has no family history of breast or ovarian cancer."),
        KV("Current medication:", "anastrozole 1 mg daily; colecalciferol 800 units daily; amlodipine 5 mg daily"),
        Gap(0.5),
        Para("Yours sincerely,"),
        Para("Dr Ruairi Costigan, Consultant Medical Oncologist"),
    ),
)

PATIENT = Patient(
    id="p05",
    name="Ilse Marchbanks",
    summary=(
        "Invasive lobular carcinoma (classic, grade 2, 32 mm) of the LEFT breast, pT2 pN1a (2/3), M0; "
        "ER 95% Allred 8 written as 'POSITIVE (3+, 95%)' (3+ is intensity), PR 60% Allred 6, HER2 score 0 "
        "with faint staining in 5% of cells (category ultralow), Oncotype DX 18, anastrozole started, "
        "zoledronic acid planned. The second specimen is a RIGHT risk-reducing mastectomy with LCIS only: "
        "it must not change laterality, histology or size of the index cancer. The two-page synoptic "
        "report is scanned with page 2 upside down (180 degrees). Distractors: ribociclib discussed and "
        "declined, a 3 mm LCIS focus, negated family history, British spelling and dd-Mon-yyyy dates."
    ),
    documents=(core, resection, letter),
    profile={
        "diagnosis": {
            "primary_site": S("breast", "resection", "A. Left breast, mastectomy: invasive lobular carcinoma"),
            "histology": S("invasive_lobular", "resection", "Histological type: Invasive lobular carcinoma, classic"),
            "histology_code": D("8520/3", "ICD-O-3 code of invasive lobular carcinoma"),
            "laterality": S("left", "resection", "Specimen laterality: Left"),
            "grade": S(2, "resection", "Histological grade: 2 (tubules 3, pleomorphism 2, mitoses 1; score 6/9)"),
            "tumor_size_mm": S(32, "resection", "Invasive tumour size: 32 mm"),
            "date": S("2025-02-14", "core", "Sample taken: 14-Feb-2025"),
        },
        "receptors": {
            "er": fields("core", "ER: POSITIVE (3+, 95%) - Allred score 8/8",
                         status="positive", percent=95, intensity="strong", allred=8),
            "pr": fields("core", "PR: POSITIVE (2+, 60%) - Allred score 6/8",
                         status="positive", percent=60, intensity="moderate", allred=6),
            "her2": {
                **fields("core", "HER2 (IHC): Score 0: faint, barely perceptible, incomplete membrane staining in "
                                 "approximately 5% of tumour cells", status="negative", ihc_score="0"),
                "category": D("ultralow", "IHC 0 with faint incomplete staining in >0 to <=10% of cells"),
            },
            "ki67_percent": S(10, "core", "Ki67: 10%"),
        },
        "subtype": D("hr_positive_her2_negative", "ER positive, HER2 negative"),
        "stage": {
            "clinical": {"m": S("M0", "letter", "M0: staging CT on 11-Mar-2025 showed no distant metastases")},
            "pathologic": fields("resection", "Pathological staging: pT2 pN1a(sn)", prefix="p", t="T2", n="N1a"),
            "group": D("IIB", "AJCC 8th anatomic stage group of T2 N1 M0"),
            "metastatic": D(False, "M0"),
        },
        "lymph_nodes": fields("resection", "Sentinel nodes (part B): 2 positive / 3 examined",
                              positive=2, examined=3),
        "recurrence_score": fields("letter", "Oncotype DX: Recurrence Score 18", test="oncotype_dx", value=18),
        "menopausal_status": S("postmenopausal", "letter", "Menopausal status: Postmenopausal"),
        "ecog": S(0, "letter", "Performance status: ECOG 0"),
        "medications": [
            {
                **fields("letter", "She started anastrozole 1 mg orally once daily on 6 May 2025",
                         name="anastrozole", dose=1, unit="mg", route="oral", frequency="daily",
                         status="active", start="2025-05-06"),
            },
            {
                **fields("letter", "she will start zoledronic acid 4 mg IV every 6 months for two years as "
                                   "adjuvant bone therapy, first dose planned for 3 June 2025",
                         name="zoledronic acid", dose=4, unit="mg", route="intravenous",
                         frequency="every 6 months", status="planned", start="2025-06-03"),
            },
        ],
    },
    absent=(
        "medications[name=ribociclib]",
        "diagnosis.histology=lcis",
        "diagnosis.laterality=right",
        "diagnosis.laterality=bilateral",
        "diagnosis.tumor_size_mm=3",
        "receptors.her2.category=zero",
        "receptors.her2.ihc_score=3+",
        "stage.metastatic=true",
        "stage.metastatic_sites",
    ),
    optional_medications=("colecalciferol", "amlodipine"),
    notes=(
        "The index cancer is the left invasive lobular carcinoma; the right breast (part C) has LCIS only, "
        "which is not staged and must not make laterality 'right' or 'bilateral'. 'POSITIVE (3+, 95%)' next to "
        "ER is intensity (strong), not a HER2 score. HER2 score 0 with faint staining in 5% of cells is "
        "category ultralow. pN1a(sn) is given as N1a. The stage group IIB is derived from pT2 pN1a M0 (no "
        "group is stated). Zoledronic acid's start is the planned first dose."
    ),
)
