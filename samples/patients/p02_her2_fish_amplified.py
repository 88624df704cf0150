"""p02: HER2 IHC 2+ settled by FISH (amplified), hormone receptor-positive, upfront surgery with a
CAP-style synoptic report and ruled tables, adjuvant paclitaxel with a dose reduction for
neuropathy, and a Ki-67 that differs between core and excision."""

from samples.degrade import ScanSpec
from samples.layout import KV, Frame, Gap, Heading, Para, Row, Style, Table
from samples.patients.furniture import banner, footer, letterhead
from samples.spec import D, DocSpec, Patient, S, fields

HOSPITAL = "ST. ALDWYN UNIVERSITY HOSPITAL"
PATIENT_ROW = ("Name: OKONKWO-REYES, SUNNIVA", "MRN: SAU-7720194 | DOB: 1976-02-28 | F")

core = DocSpec(
    key="core",
    name="01-pathology-core-biopsy-2024-02-08",
    kind="pathology",
    date="2024-02-08",
    title="Surgical pathology report",
    style=Style(family="times", size=10.5, leading=13.5),
    frame=Frame(
        header=letterhead(HOSPITAL, "Division of Surgical Pathology | 1 Aldwyn Square, Marbury, MA 01999")
        + banner(PATIENT_ROW, ("Accession: SP24-01532", "Procedure date: Feb 6, 2024"),
                 ("Submitting physician: Dr. Hanne Voss", "Signed out: Feb 8, 2024")),
        footer=footer("St. Aldwyn University Hospital | Surgical Pathology"),
    ),
    blocks=(
        Heading("SURGICAL PATHOLOGY", center=True),
        KV("Procedure:", "Ultrasound-guided core needle biopsy, right breast, 10 o'clock"),
        KV("Clinical information:", "47-year-old woman with a 1.5 cm irregular mass in the right breast at "
                                    "10 o'clock on screening mammogram (BI-RADS 5). Axillary ultrasound negative."),
        Heading("DIAGNOSIS"),
        Para("Right breast, 10 o'clock, core needle biopsy:"),
        Para("- Invasive ductal carcinoma, Nottingham grade 3 of 3 (tubules 3, nuclei 3, mitoses 3; score 9).",
             indent=10),
        Para("- No ductal carcinoma in situ identified.", indent=10),
        Para("- Lymphovascular invasion: not identified.", indent=10),
        Heading("PROGNOSTIC MARKERS (block A2)"),
        KV("Estrogen receptor:", "Positive (80%, strong staining)"),
        KV("Progesterone receptor:", "Positive (20%, moderate staining)"),
        KV("HER2/neu (IHC, 4B5):", "Equivocal (2+). Complete, weak to moderate membrane staining in about 30% "
                                   "of invasive tumor cells. HER2 FISH has been ordered on block A2 and will be "
                                   "reported in an addendum."),
        KV("Ki-67 proliferation index:", "30%"),
        Para("Fixation: 10% neutral buffered formalin, 8 hours. Controls appropriate."),
        Gap(),
        Para("Cornelius Abara, MD, Pathologist - Feb 8, 2024"),
    ),
)

addendum = DocSpec(
    key="fish",
    name="02-addendum-her2-fish-2024-02-13",
    kind="addendum",
    date="2024-02-13",
    title="Addendum: HER2 FISH",
    style=Style(family="helvetica", size=10, leading=13),
    frame=Frame(
        header=letterhead(HOSPITAL, "Molecular Pathology Laboratory")
        + banner(PATIENT_ROW, ("Original accession: SP24-01532", "Addendum date: 2024-02-13")),
        footer=footer("St. Aldwyn University Hospital | Molecular Pathology"),
    ),
    blocks=(
        Heading("ADDENDUM REPORT", center=True),
        Para("Specimen: right breast, 10 o'clock, core needle biopsy (collected 2024-02-06)."),
        Heading("HER2 GENE AMPLIFICATION BY FLUORESCENCE IN SITU HYBRIDIZATION (FISH)"),
        KV("Probe set:", "Dual-probe HER2/CEP17 (PathVysion)"),
        KV("Block tested:", "A2"),
        KV("Invasive tumor cells counted:", "40"),
        KV("Average HER2 copy number per cell:", "5.8"),
        KV("Average CEP17 copy number per cell:", "2.2"),
        KV("HER2/CEP17 ratio:", "2.6"),
        KV("Result:", "AMPLIFIED (ASCO/CAP 2018 group 1: ratio >= 2.0 and average HER2 copy number >= 4.0 "
                      "signals per cell)"),
        KV("Final HER2 status:", "POSITIVE (IHC 2+, FISH amplified)"),
        Gap(0.5),
        Para("Interpretation: HER2 gene amplification is present. Together with the equivocal (2+) "
             "immunohistochemistry reported on 2024-02-08, the tumor is HER2-positive."),
        Gap(),
        Para("Addendum signed by: Cornelius Abara, MD, 2024-02-13 11:47"),
    ),
    scan=ScanSpec(quality="clean", max_skew=0.6, noise=5.0),
)

TAB = 200
excision = DocSpec(
    key="excision",
    name="03-pathology-excision-synoptic-2024-03-08",
    kind="pathology",
    date="2024-03-08",
    title="Surgical pathology report with synoptic",
    style=Style(family="helvetica", size=9.5, leading=12.5, margin_left=56, margin_right=56),
    frame=Frame(
        header=letterhead(HOSPITAL, "Division of Surgical Pathology")
        + banner(PATIENT_ROW, ("Accession: SP24-03318", "Procedure date: Mar 4, 2024"),
                 ("Surgeon: Dr. Hanne Voss", "Signed out: Mar 8, 2024")),
        footer=footer("St. Aldwyn University Hospital | Surgical Pathology"),
    ),
    blocks=(
        Heading("FINAL DIAGNOSIS"),
        Para("A. Right breast, wire-localized partial mastectomy:"),
        Para("- Invasive ductal carcinoma, grade 3, 1.6 cm; margins negative (see synoptic report).", indent=10),
        Para("- Biopsy site changes.", indent=10),
        Para("B. Right axillary sentinel lymph nodes #1 and #2, excision:"),
        Para("- Two lymph nodes, negative for metastatic carcinoma (0/2).", indent=10),
        Heading("INVASIVE CARCINOMA OF THE BREAST: RESECTION (CAP protocol, AJCC 8th edition)"),
        KV("Procedure:", "Excision (less than total mastectomy)", tab=TAB),
        KV("Specimen Laterality:", "Right", tab=TAB),
        KV("Tumor Site:", "Upper outer quadrant, 10 o'clock", tab=TAB),
        KV("Histologic Type:", "Invasive carcinoma of no special type (ductal)", tab=TAB),
        KV("Tumor Size:", "Greatest dimension of largest invasive focus: 16 mm (additional dimensions 14 x 11 mm)",
           tab=TAB),
        KV("Histologic Grade (Nottingham):", "Grade 3 (glandular differentiation 3, nuclear pleomorphism 3, "
                                             "mitotic rate 2; total score 8)", tab=TAB),
        KV("Tumor Focality:", "Single focus of invasive carcinoma", tab=TAB),
        KV("Ductal Carcinoma In Situ:", "Not identified", tab=TAB),
        KV("Lymphovascular Invasion:", "Not identified", tab=TAB),
        KV("Treatment Effect:", "No known presurgical therapy", tab=TAB),
        KV("Margins:", "All margins negative for invasive carcinoma (table below)", tab=TAB),
        Gap(0.5),
        Table(header=("Margin", "Status", "Distance from invasive carcinoma"),
              rows=(("Anterior", "Negative", "6 mm"), ("Posterior", "Negative", "4 mm"),
                    ("Superior", "Negative", "9 mm"), ("Inferior", "Negative", "12 mm"),
                    ("Medial", "Negative", "15 mm"), ("Lateral", "Negative", "7 mm"))),
        KV("Number of Lymph Nodes Examined:", "2", tab=TAB),
        KV("Number of Sentinel Nodes Examined:", "2", tab=TAB),
        KV("Nodes with Macrometastases:", "0", tab=TAB),
        KV("Nodes with Micrometastases:", "0", tab=TAB),
        KV("Nodes with Isolated Tumor Cells:", "0", tab=TAB),
        Heading("Pathologic Stage Classification (pTNM, AJCC 8th Edition)", size=9.5),
        KV("TNM Descriptors:", "Not applicable", tab=TAB),
        KV("Primary Tumor (pT):", "pT1c", tab=TAB),
        KV("Regional Lymph Nodes (pN):", "pN0(sn)", tab=TAB),
        KV("Distant Metastasis (pM):", "Not applicable - cannot be determined from the submitted specimens",
           tab=TAB),
        Heading("BIOMARKER STUDIES"),
        Table(header=("Biomarker", "Result", "Specimen"),
              rows=(("Estrogen receptor", "Positive, 80%, strong", "SP24-01532 (core biopsy)"),
                    ("Progesterone receptor", "Positive, 20%, moderate", "SP24-01532 (core biopsy)"),
                    ("HER2 IHC", "Equivocal (2+)", "SP24-01532 (core biopsy)"),
                    ("HER2 FISH", "Amplified, ratio 2.6", "SP24-01532 addendum"),
                    ("Ki-67", "40%", "SP24-03318, block A4 (this specimen)"))),
        Para("Comment: ER, PR and HER2 were not repeated on the excision; the results above are quoted from the "
             "core biopsy. Ki-67 was repeated on the excision at the request of the treating oncologist (core "
             "biopsy: 30%)."),
        Gap(),
        Para("Cornelius Abara, MD, Pathologist - electronically signed Mar 8, 2024"),
    ),
    scan=ScanSpec(quality="clean", max_skew=0.5, noise=5.0),
)

note = DocSpec(
    key="note",
    name="04-oncology-note-2024-05-28",
    kind="clinic_note",
    date="2024-05-28",
    title="Breast medical oncology progress note",
    style=Style(family="helvetica", size=10, leading=13),
    frame=Frame(
        header=letterhead("ALDWYN BREAST ONCOLOGY CLINIC", "St. Aldwyn University Hospital, Floor 4")
        + banner(("Patient: Sunniva Okonkwo-Reyes", "MRN: SAU-7720194"),
                 ("Visit date: May 28, 2024", "Clinician: Priya Dallimore, MD")),
        footer=footer("Aldwyn Breast Oncology Clinic"),
    ),
    blocks=(
        Heading("BREAST MEDICAL ONCOLOGY - PROGRESS NOTE"),
        KV("Chief complaint:", "Week 9 of adjuvant weekly paclitaxel and trastuzumab."),
        Heading("History of present illness"),
        Para("Ms. Okonkwo-Reyes is a 48-year-old perimenopausal woman with stage IA (pT1c pN0(sn) cM0), grade 3, "
             "ER-positive (80%), PR-positive (20%), HER2-positive (IHC 2+, FISH amplified, ratio 2.6) invasive "
             "ductal carcinoma of the right breast, status post right partial mastectomy and sentinel node "
             "biopsy on March 4, 2024. She began adjuvant paclitaxel 80 mg/m2 IV weekly for 12 weeks with "
             "trastuzumab 2 mg/kg IV weekly on April 2, 2024."),
        Para("Over the past two weeks she developed numbness and tingling in the fingertips and toes that makes "
             "buttoning clothes difficult (grade 2 peripheral neuropathy). Paclitaxel was reduced from 80 mg/m2 "
             "to 60 mg/m2 on May 21, 2024 for grade 2 peripheral neuropathy. Symptoms have been stable since the "
             "reduction. No fevers. Her periods have become irregular; the last one was about 3 months ago."),
        Heading("Medications"),
        Para("- Paclitaxel 60 mg/m2 IV weekly (reduced 05/21/2024)"),
        Para("- Trastuzumab (Herceptin) 2 mg/kg IV weekly"),
        Para("- Dexamethasone 10 mg IV before each paclitaxel dose"),
        Para("- Loratadine 10 mg PO daily"),
        Heading("Family history"),
        Para("Maternal aunt with breast cancer in her 60s. No ovarian cancer."),
        Heading("Performance status"),
        Para("ECOG 0."),
        Heading("Results"),
        Para("CBC and comprehensive metabolic panel today within normal limits. Echocardiogram 03/27/2024: LVEF 62%."),
        Heading("Assessment and plan"),
        Para("Stage IA HER2-positive, hormone receptor-positive breast cancer on adjuvant paclitaxel and "
             "trastuzumab."),
        Para("1. Continue paclitaxel 60 mg/m2 weekly to complete 12 doses (4 remaining), with trastuzumab 2 mg/kg "
             "weekly; after paclitaxel, trastuzumab every 3 weeks to complete one year."),
        Para("2. Peripheral neuropathy, grade 2: if it progresses to grade 3, paclitaxel would be stopped."),
        Para("3. Endocrine therapy: plan tamoxifen 20 mg daily after paclitaxel is completed, given her "
             "perimenopausal status; ovarian function suppression to be discussed."),
        Para("4. Cardiac: repeat echocardiogram in 3 months."),
        Para("5. Radiation oncology referral for whole-breast radiation after paclitaxel."),
        Gap(),
        Para("Priya Dallimore, MD - signed May 28, 2024 17:05"),
    ),
)

PATIENT = Patient(
    id="p02",
    name="Sunniva Okonkwo-Reyes",
    summary=(
        "HER2 IHC 2+ on the core biopsy, settled by FISH as AMPLIFIED (ratio 2.6, 5.8 copies) in an "
        "addendum: HER2-positive, hormone receptor-positive invasive ductal carcinoma of the right breast. "
        "Upfront surgery with a CAP-style synoptic report (fixed-column Label: value lines, ruled margin and "
        "biomarker tables; receptors quoted from the core). Ki-67 is 30% on the core and 40% on the "
        "excision (a genuine conflict; the later value wins). Adjuvant paclitaxel reduced 80 -> 60 mg/m2 "
        "for neuropathy (narrative), trastuzumab weekly, tamoxifen planned. Distractors: imaging size on "
        "the core (1.5 cm) against 16 mm on the excision, LVEF 62%, formalin 10%, a hypothetical stop."
    ),
    documents=(core, addendum, excision, note),
    profile={
        "diagnosis": {
            "primary_site": S("breast", "core", "Right breast, 10 o'clock, core needle biopsy"),
            "histology": S("invasive_ductal", "excision", "Invasive carcinoma of no special type (ductal)"),
            "histology_code": D("8500/3", "ICD-O-3 code of invasive ductal carcinoma"),
            "laterality": S("right", "excision", "Specimen Laterality: Right"),
            "grade": S(3, "excision", "Grade 3 (glandular differentiation 3, nuclear pleomorphism 3"),
            "tumor_size_mm": S(16, "excision", "Greatest dimension of largest invasive focus: 16 mm"),
            "date": S("2024-02-06", "core", "Procedure date: Feb 6, 2024"),
        },
        "receptors": {
            "er": fields("core", "Estrogen receptor: Positive (80%, strong staining)",
                         status="positive", percent=80, intensity="strong"),
            "pr": fields("core", "Progesterone receptor: Positive (20%, moderate staining)",
                         status="positive", percent=20, intensity="moderate"),
            "her2": {
                "status": S("positive", "fish", "Final HER2 status: POSITIVE (IHC 2+, FISH amplified)"),
                "ihc_score": S("2+", "core", "HER2/neu (IHC, 4B5): Equivocal (2+)"),
                "ish_ratio": S(2.6, "fish", "HER2/CEP17 ratio: 2.6"),
                "ish_copy_number": S(5.8, "fish", "Average HER2 copy number per cell: 5.8"),
                "ish_result": S("amplified", "fish", "Result: AMPLIFIED"),
                "category": D("positive", "ISH amplified (group 1) -> HER2-positive"),
            },
            "ki67_percent": S(40, "excision", "Ki-67 40% SP24-03318, block A4 (this specimen)"),
        },
        "subtype": D("hr_positive_her2_positive", "ER positive, HER2 positive"),
        "stage": {
            "clinical": {"m": S("M0", "note", "stage IA (pT1c pN0(sn) cM0)")},
            "pathologic": {
                "prefix": S("p", "excision", "Primary Tumor (pT): pT1c"),
                "t": S("T1c", "excision", "Primary Tumor (pT): pT1c"),
                "n": S("N0", "excision", "Regional Lymph Nodes (pN): pN0(sn)"),
            },
            "group": S("IA", "note", "stage IA (pT1c pN0(sn) cM0)"),
            "metastatic": D(False, "cM0"),
        },
        "lymph_nodes": {
            "positive": S(0, "excision", "Two lymph nodes, negative for metastatic carcinoma (0/2)"),
            "examined": S(2, "excision", "Number of Lymph Nodes Examined: 2"),
        },
        "menopausal_status": S("perimenopausal", "note", "48-year-old perimenopausal woman"),
        "ecog": S(0, "note", "ECOG 0."),
        "medications": [
            {
                **fields("note", "Paclitaxel 60 mg/m2 IV weekly (reduced 05/21/2024)",
                         name="paclitaxel", dose=60, unit="mg/m2", route="intravenous", frequency="weekly"),
                "status": S("active", "note", "Continue paclitaxel 60 mg/m2 weekly"),
                "start": S("2024-04-02", "note", "She began adjuvant paclitaxel 80 mg/m2 IV weekly for 12 weeks "
                                                 "with trastuzumab 2 mg/kg IV weekly on April 2, 2024"),
                "changes": [S({"date": "2024-05-21", "from_dose": 80, "to_dose": 60, "unit": "mg/m2",
                               "reason": "peripheral neuropathy"},
                              "note", "Paclitaxel was reduced from 80 mg/m2 to 60 mg/m2 on May 21, 2024 for "
                                      "grade 2 peripheral neuropathy")],
            },
            {
                **fields("note", "Trastuzumab (Herceptin) 2 mg/kg IV weekly",
                         name="trastuzumab", brand="Herceptin", dose=2, unit="mg/kg", route="intravenous",
                         frequency="weekly"),
                "status": S("active", "note", "with trastuzumab 2 mg/kg weekly"),
                "start": S("2024-04-02", "note", "trastuzumab 2 mg/kg IV weekly on April 2, 2024"),
            },
            {
                **fields("note", "plan tamoxifen 20 mg daily after paclitaxel is completed",
                         name="tamoxifen", dose=20, unit="mg", frequency="daily", status="planned"),
            },
        ],
    },
    absent=(
        "receptors.her2.status=equivocal",
        "receptors.her2.category=low",
        "receptors.ki67_percent=30",
        "diagnosis.tumor_size_mm=15",
        "medications[name=paclitaxel].dose=80",
        "medications[name=paclitaxel].status=stopped",
        "stage.metastatic=true",
        "stage.metastatic_sites",
    ),
    expected_conflicts=("receptors.ki67_percent",),
    optional_medications=("dexamethasone", "loratadine"),
    notes=(
        "FISH settles the IHC 2+: HER2 status is positive and category positive; the core biopsy's "
        "'Equivocal (2+)' is the IHC score, not a final status (a conflict listing it is allowed, not "
        "required). Ki-67 30% (core) vs 40% (excision, later): a genuine conflict, 40 wins. Tumour size is "
        "16 mm from the excision; the 1.5 cm on the core is the mammogram's. pN0(sn) is given as N0 (the "
        "sentinel suffix may be kept under an extra key). The planned switch of trastuzumab to every "
        "3 weeks after paclitaxel is not a dose change. Tamoxifen is planned, no route stated."
    ),
)
