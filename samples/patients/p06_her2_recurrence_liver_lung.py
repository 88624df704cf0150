"""p06: HER2-positive breast cancer treated in 2019, recurring in 2025 in the liver and lungs with
loss of hormone receptors on the liver biopsy (a genuine receptor conflict), on trastuzumab
deruxtecan; old-style upper-case 2019 report with Mx; labs in K/uL with liver tests."""

from samples.degrade import ScanSpec
from samples.layout import KV, Frame, Gap, Heading, Para, Row, Style, Table
from samples.patients.furniture import banner, footer, letterhead
from samples.spec import D, DocSpec, Patient, S, fields, lab

HOSPITAL = "BRIGHTWATER GENERAL HOSPITAL"

resection_2019 = DocSpec(
    key="path2019",
    name="01-pathology-lumpectomy-2019-04-05",
    kind="pathology",
    date="2019-04-05",
    title="Surgical pathology report",
    style=Style(family="courier", size=9, leading=11.5, margin_left=50, margin_right=50),
    frame=Frame(
        header=letterhead(HOSPITAL, "DEPARTMENT OF PATHOLOGY", size=12)
        + banner(("PATIENT: TEMBE-GARVEY, ROSALIND", "MRN: BGH-3390-017 DOB: 01/17/1975"),
                 ("ACCESSION: BG19-S-02871", "DATE OF PROCEDURE: 04/02/2019"),
                 ("SURGEON: F. MALLORY, M.D.", "DATE SIGNED: 04/05/2019")),
        footer=footer("BRIGHTWATER GENERAL HOSPITAL - PATHOLOGY"),
    ),
    blocks=(
        Heading("SURGICAL PATHOLOGY REPORT"),
        Para("CLINICAL HISTORY: RIGHT BREAST INVASIVE DUCTAL CARCINOMA DIAGNOSED ON CORE BIOPSY 03/12/2019 "
             "(OUTSIDE). NO NEOADJUVANT THERAPY."),
        Para("SPECIMENS: A. RIGHT BREAST, LUMPECTOMY. B. RIGHT AXILLARY LYMPH NODES, LEVEL I-II DISSECTION."),
        Heading("FINAL DIAGNOSIS:"),
        Para("A. RIGHT BREAST, LUMPECTOMY: INFILTRATING DUCTAL CARCINOMA, MODIFIED BLOOM-RICHARDSON GRADE 3 "
             "(3+3+2=8). TUMOR SIZE: 2.3 X 1.9 X 1.7 CM. MARGINS FREE OF TUMOR; NEAREST (INFERIOR) 0.4 CM. "
             "LYMPHOVASCULAR INVASION PRESENT. DCIS, HIGH NUCLEAR GRADE, COMPRISING LESS THAN 10% OF THE TUMOR."),
        Para("B. RIGHT AXILLARY LYMPH NODES: METASTATIC CARCINOMA IN TWO OF FOURTEEN LYMPH NODES (2/14). LARGEST "
             "METASTASIS 0.8 CM. NO EXTRANODAL EXTENSION."),
        Para("PATHOLOGIC STAGE: PT2 PN1A (2/14) MX (AJCC 8TH EDITION)."),
        Heading("PROGNOSTIC MARKERS (BLOCK A3):"),
        Para("ESTROGEN RECEPTOR: POSITIVE (70%)"),
        Para("PROGESTERONE RECEPTOR: POSITIVE (30%)"),
        Para("HER2/NEU (HERCEPTEST): 3+ POSITIVE"),
        Para("KI-67: 25%"),
        Heading("GROSS DESCRIPTION:"),
        Para("A. RECEIVED FRESH LABELED RIGHT BREAST LUMPECTOMY, A 7.5 X 6.0 X 4.2 CM FIBROFATTY SPECIMEN WITH A "
             "FIRM TAN MASS 2.3 CM FROM THE INFERIOR MARGIN. B. RECEIVED IN FORMALIN, AXILLARY FAT 9 X 6 X 2 CM "
             "WITH FOURTEEN LYMPH NODES FROM 0.3 TO 1.6 CM."),
        Gap(),
        Para("PATHOLOGIST: EMRYS HOLT, M.D."),
    ),
    scan=ScanSpec(quality="degraded", max_skew=1.5, noise=18.0, blur=0.6, jpeg_quality=55, optical_dpi=150,
                  threshold=140),
)

imaging = DocSpec(
    key="ct",
    name="02-imaging-ct-2025-01-15",
    kind="imaging",
    date="2025-01-15",
    title="CT report",
    style=Style(family="helvetica", size=10, leading=13),
    frame=Frame(
        header=letterhead("BRIGHTWATER RADIOLOGY", "Brightwater General Hospital")
        + banner(("Patient: Rosalind Tembe-Garvey | MRN: BGH-3390-017", "DOB: 01/17/1975"),
                 ("Exam: CT CHEST ABDOMEN PELVIS WITH CONTRAST", "Date: 01/15/2025")),
        footer=footer("Brightwater Radiology | FINAL REPORT"),
    ),
    blocks=(
        KV("HISTORY:", "Breast cancer 2019, rising CA 15-3, right upper quadrant discomfort."),
        KV("COMPARISON:", "CT 06/2022."),
        Heading("FINDINGS:"),
        Para("CHEST: Three new pulmonary nodules: right upper lobe 9 mm (series 3, image 41), right lower lobe "
             "6 mm, left lower lobe 7 mm, suspicious for metastases. No pleural effusion. No mediastinal or hilar "
             "lymphadenopathy. Post-surgical changes in the right breast and axilla."),
        Para("ABDOMEN AND PELVIS: At least eight new hypoenhancing hepatic lesions, the largest 3.1 cm in segment "
             "VI (series 2, image 55), consistent with metastases. No biliary dilatation. Spleen, pancreas, "
             "adrenal glands and kidneys unremarkable. No ascites. No abdominal or pelvic lymphadenopathy."),
        Para("BONES: No evidence of osseous metastatic disease. Mild degenerative changes."),
        Heading("IMPRESSION:"),
        Para("1. New hepatic metastases (at least eight lesions, largest 3.1 cm in segment VI)."),
        Para("2. Three new pulmonary nodules, suspicious for metastases."),
        Para("3. No evidence of osseous metastatic disease."),
        Para("Recommend tissue sampling of a liver lesion to confirm recurrence and reassess receptor status."),
        Gap(),
        Para("Electronically signed: Oskar Lindqvist, MD, 01/15/2025 16:20"),
    ),
)

liver = DocSpec(
    key="liver",
    name="03-pathology-liver-biopsy-2025-01-31",
    kind="pathology",
    date="2025-01-31",
    title="Surgical pathology report",
    style=Style(family="helvetica", size=10, leading=13),
    frame=Frame(
        header=letterhead(HOSPITAL, "Department of Pathology")
        + banner(("Patient: Tembe-Garvey, Rosalind", "MRN: BGH-3390-017 | DOB: 01/17/1975"),
                 ("Accession: BG25-S-01176", "Collected: Jan 28, 2025"),
                 ("Ordering: Marisol Venn, MD", "Signed out: Jan 31, 2025")),
        footer=footer("Brightwater General Hospital - Pathology"),
    ),
    blocks=(
        Heading("SURGICAL PATHOLOGY REPORT", center=True),
        KV("Clinical history:", "50-year-old woman with a history of right breast cancer (2019, ER+/HER2+), now "
                                "with multiple new liver lesions and lung nodules on CT. CT-guided biopsy of a "
                                "segment VI liver lesion."),
        Heading("DIAGNOSIS"),
        Para("Liver, segment VI lesion, CT-guided core biopsy: metastatic carcinoma, consistent with breast "
             "primary (GATA3 positive, CK7 positive, CK20 negative, TTF-1 negative)."),
        Heading("BREAST MARKERS (block A1)"),
        KV("Estrogen receptor:", "NEGATIVE (0%); no internal control present, external control appropriate"),
        KV("Progesterone receptor:", "NEGATIVE (0%)"),
        KV("HER2 (IHC, 4B5):", "POSITIVE (3+): complete, intense, circumferential membrane staining in 90% of "
                               "tumor cells"),
        Para("Comment: compared with the 2019 primary tumor (ER 70%, PR 30%, HER2 3+), the metastasis has lost "
             "estrogen and progesterone receptor expression while HER2 remains positive. The receptor change has "
             "been reported to the treating oncologist."),
        Gap(),
        Para("Nadia Quarrington, MD, Pathologist"),
    ),
    scan=ScanSpec(quality="clean", rotations=(90,), max_skew=0.4, noise=4.0),
)

note = DocSpec(
    key="note",
    name="04-oncology-note-2025-03-13",
    kind="clinic_note",
    date="2025-03-13",
    title="Hematology/oncology progress note",
    style=Style(family="helvetica", size=10, leading=13),
    frame=Frame(
        header=letterhead("BRIGHTWATER ONCOLOGY ASSOCIATES", "Hematology/Oncology Progress Note")
        + banner(("Patient: Rosalind Tembe-Garvey", "MRN: BGH-3390-017"),
                 ("Date of visit: 03/13/2025", "Provider: Marisol Venn, MD")),
        footer=footer("Brightwater Oncology Associates"),
    ),
    blocks=(
        Heading("Diagnosis"),
        Para("Recurrent metastatic breast cancer to the liver and lungs, HER2-positive (IHC 3+), ER-negative and "
             "PR-negative on liver biopsy 01/28/2025 (receptor conversion from ER 70%, PR 30% in 2019). Now stage "
             "IV disease."),
        Heading("Oncologic history"),
        Para("- 03/12/2019: Right breast core biopsy: invasive ductal carcinoma."),
        Para("- 04/02/2019: Right lumpectomy and axillary dissection: pT2 pN1a (2/14), grade 3, ER 70%, PR 30%, "
             "HER2 3+."),
        Para("- 05/2019 to 09/2019: adjuvant TCHP (docetaxel, carboplatin, trastuzumab, pertuzumab) for 6 cycles, "
             "completed; then trastuzumab and pertuzumab to complete one year (completed 04/2020). Whole-breast "
             "radiation in 2019."),
        Para("- 04/2020 to 01/2025: tamoxifen 20 mg PO daily, discontinued at recurrence."),
        Para("- 01/2025: liver and lung metastases on CT; liver biopsy confirmed HER2-positive, ER/PR-negative "
             "metastatic breast carcinoma."),
        Para("- 02/20/2025: started fam-trastuzumab deruxtecan (Enhertu, T-DXd) 5.4 mg/kg IV every 3 weeks."),
        Heading("Interval history"),
        Para("She received cycle 1 of T-DXd on 02/20/2025 and returns for cycle 2. Grade 1 nausea for 3 days "
             "after the infusion, controlled with ondansetron and olanzapine. No cough, shortness of breath or "
             "fever. Intermittent frontal headaches for 2 weeks. Her periods stopped during chemotherapy in 2019 "
             "and have not returned; she is postmenopausal."),
        Heading("Current medications"),
        Table(header=("Medication", "Dose", "Route", "Schedule", "Status"),
              rows=(("Fam-trastuzumab deruxtecan (Enhertu)", "5.4 mg/kg", "IV", "Every 3 weeks", "Active since 02/20/2025"),
                    ("Ondansetron", "8 mg", "PO", "Every 8 h as needed", "Active"),
                    ("Olanzapine", "5 mg", "PO", "Nightly, days 1-4", "Active"),
                    ("Tamoxifen", "20 mg", "PO", "Daily", "Stopped 01/2025"))),
        Heading("Performance status"),
        Para("ECOG 1 (fatigue; independent in self-care, not working at present)."),
        Heading("Results"),
        Para("CBC and CMP from 03/13/2025 reviewed (separate report): mild anemia and grade 1 transaminase "
             "elevation. Echocardiogram 02/14/2025: LVEF 58%."),
        Heading("Assessment and plan"),
        Para("50-year-old postmenopausal woman with HER2-positive, hormone receptor-negative metastatic breast "
             "cancer with liver and lung metastases, on T-DXd; cycle 2 today."),
        Para("1. Continue T-DXd 5.4 mg/kg every 3 weeks. Restaging CT after cycle 4. If she develops a new cough "
             "or shortness of breath, T-DXd will be held and a CT chest obtained to rule out interstitial lung "
             "disease."),
        Para("2. Headaches: MRI brain with contrast ordered to rule out brain metastases."),
        Para("3. Transaminase elevation, grade 1, likely related to liver metastases; monitor."),
        Para("4. Echocardiogram every 3 months while on T-DXd."),
        Para("5. Goals of care discussed; she wishes to continue treatment."),
        Gap(),
        Para("Marisol Venn, MD"),
    ),
)

labs = DocSpec(
    key="labs",
    name="05-lab-cbc-cmp-2025-03-13",
    kind="lab",
    date="2025-03-13",
    title="CBC and comprehensive metabolic panel",
    style=Style(family="helvetica", size=9.5, leading=12.5),
    frame=Frame(
        header=letterhead("BRIGHTWATER CORE LABORATORY", "Brightwater General Hospital")
        + banner(("Patient: TEMBE-GARVEY, ROSALIND | MRN: BGH-3390-017", "DOB: 01/17/1975"),
                 ("Collected: 03/13/2025 07:52", "Reported: 03/13/2025 09:31")),
        footer=footer("Brightwater Core Laboratory"),
    ),
    blocks=(
        Heading("CBC"),
        Table(header=("Test", "Result", "Flag", "Reference range", "Units"),
              rows=(("WBC", "5.6", "", "4.0-11.0", "K/uL"),
                    ("Hemoglobin", "11.3", "L", "11.7-15.5", "g/dL"),
                    ("Platelets", "198", "", "150-400", "K/uL"),
                    ("ANC (absolute neutrophils)", "3.8", "", "1.5-7.8", "K/uL"),
                    ("Absolute lymphocytes", "1.2", "", "1.0-4.8", "K/uL"))),
        Heading("COMPREHENSIVE METABOLIC PANEL"),
        Table(header=("Test", "Result", "Flag", "Reference range", "Units"),
              rows=(("Sodium", "139", "", "135-145", "mmol/L"),
                    ("Potassium", "4.1", "", "3.5-5.1", "mmol/L"),
                    ("Creatinine", "0.72", "", "0.50-1.10", "mg/dL"),
                    ("ALT", "41", "H", "7-35", "U/L"),
                    ("AST", "38", "H", "10-35", "U/L"),
                    ("Alkaline phosphatase", "118", "", "40-129", "U/L"),
                    ("Total bilirubin", "0.7", "", "0.2-1.2", "mg/dL"),
                    ("Albumin", "3.9", "", "3.5-5.2", "g/dL"))),
    ),
)

DATE = "Collected: 03/13/2025"
PATIENT = Patient(
    id="p06",
    name="Rosalind Tembe-Garvey",
    summary=(
        "Right breast invasive ductal carcinoma treated in 2019 (old upper-case Courier report: pT2 pN1a "
        "(2/14) MX, ER 70%, PR 30%, HER2 3+; the degraded scan), recurring in 2025 with at least eight liver "
        "lesions and three lung nodules. The liver biopsy (scanned with its page turned 90 degrees) shows ER "
        "and PR negative, HER2 3+: a genuine receptor conflict where the later result wins. On trastuzumab "
        "deruxtecan; TCHP historical; tamoxifen stopped. Labs in K/uL with liver tests. Distractors: 'no "
        "evidence of osseous metastatic disease', MRI 'to rule out brain metastases', a hypothetical hold, "
        "the 2019 values quoted in 2025 documents, MX (not M0), LVEF 58%, CA 15-3."
    ),
    documents=(resection_2019, imaging, liver, note, labs),
    profile={
        "diagnosis": {
            "primary_site": S("breast", "path2019", "A. RIGHT BREAST, LUMPECTOMY: INFILTRATING DUCTAL CARCINOMA"),
            "histology": S("invasive_ductal", "path2019", "INFILTRATING DUCTAL CARCINOMA"),
            "histology_code": D("8500/3", "ICD-O-3 code of invasive ductal carcinoma"),
            "laterality": S("right", "path2019", "A. RIGHT BREAST, LUMPECTOMY"),
            "grade": S(3, "path2019", "MODIFIED BLOOM-RICHARDSON GRADE 3 (3+3+2=8)"),
            "tumor_size_mm": S(23, "path2019", "TUMOR SIZE: 2.3 X 1.9 X 1.7 CM"),
            "date": S("2019-03-12", "path2019", "DIAGNOSED ON CORE BIOPSY 03/12/2019"),
        },
        "receptors": {
            "er": fields("liver", "Estrogen receptor: NEGATIVE (0%)", status="negative", percent=0),
            "pr": fields("liver", "Progesterone receptor: NEGATIVE (0%)", status="negative", percent=0),
            "her2": {
                **fields("liver", "HER2 (IHC, 4B5): POSITIVE (3+)", status="positive", ihc_score="3+"),
                "category": D("positive", "IHC 3+ -> HER2-positive"),
            },
            "ki67_percent": S(25, "path2019", "KI-67: 25%"),
        },
        "subtype": D("hr_negative_her2_positive", "ER and PR negative (latest), HER2 positive"),
        "stage": {
            "pathologic": fields("path2019", "PATHOLOGIC STAGE: PT2 PN1A (2/14) MX", prefix="p", t="T2", n="N1a"),
            "group": S("IV", "note", "Now stage IV disease"),
            "metastatic": D(True, "metastatic sites present"),
            "metastatic_sites": [
                S("liver", "ct", "New hepatic metastases (at least eight lesions"),
                S("lung", "ct", "Three new pulmonary nodules, suspicious for metastases"),
            ],
            "oligometastatic": D(False, "more than 5 distant lesions counted (at least 8 liver, 3 lung)"),
        },
        "lymph_nodes": fields("path2019", "METASTATIC CARCINOMA IN TWO OF FOURTEEN LYMPH NODES (2/14)",
                              positive=2, examined=14),
        "menopausal_status": S("postmenopausal", "note", "she is postmenopausal"),
        "ecog": S(1, "note", "ECOG 1 (fatigue"),
        "medications": [
            {
                **fields("note", "Fam-trastuzumab deruxtecan (Enhertu) 5.4 mg/kg IV Every 3 weeks Active since "
                                 "02/20/2025",
                         name="fam-trastuzumab deruxtecan", brand="Enhertu", dose=5.4, unit="mg/kg",
                         route="intravenous", frequency="every 3 weeks", status="active", start="2025-02-20"),
            },
            {
                **fields("note", "Tamoxifen 20 mg PO Daily Stopped 01/2025",
                         name="tamoxifen", dose=20, unit="mg", route="oral", frequency="daily", status="stopped"),
            },
            *[fields("note", "adjuvant TCHP (docetaxel, carboplatin, trastuzumab, pertuzumab) for 6 cycles, "
                             "completed", name=name, status="historical")
              for name in ("docetaxel", "carboplatin", "trastuzumab", "pertuzumab")],
        ],
        "labs": [
            lab("labs", "ANC (absolute neutrophils) 3.8 1.5-7.8 K/uL", DATE,
                name="ANC", value=3.8, unit="10^9/L", date="2025-03-13"),
            lab("labs", "WBC 5.6 4.0-11.0 K/uL", DATE, name="WBC", value=5.6, unit="10^9/L", date="2025-03-13"),
            lab("labs", "Hemoglobin 11.3 L 11.7-15.5 g/dL", DATE,
                name="hemoglobin", value=11.3, unit="g/dL", date="2025-03-13", grade=1),
            lab("labs", "Platelets 198 150-400 K/uL", DATE,
                name="platelets", value=198, unit="10^9/L", date="2025-03-13"),
            lab("labs", "ALT 41 H 7-35 U/L", DATE, name="ALT", value=41, unit="U/L", date="2025-03-13", grade=1),
            lab("labs", "AST 38 H 10-35 U/L", DATE, name="AST", value=38, unit="U/L", date="2025-03-13", grade=1),
            lab("labs", "Total bilirubin 0.7 0.2-1.2 mg/dL", DATE,
                name="bilirubin", value=0.7, unit="mg/dL", date="2025-03-13"),
        ],
    },
    absent=(
        "stage.metastatic_sites=bone",
        "stage.metastatic_sites=brain",
        "stage.pathologic.m",
        "stage.oligometastatic=true",
        "receptors.er.status=positive",
        "receptors.er.percent=70",
        "medications[name=fam-trastuzumab deruxtecan].status=held",
        "medications[name=tamoxifen].status=active",
    ),
    expected_conflicts=("receptors.er.status", "receptors.er.percent", "receptors.pr.status",
                        "receptors.pr.percent"),
    optional_medications=("ondansetron", "olanzapine"),
    notes=(
        "Receptors: the 2025 liver biopsy (later) wins over the 2019 lumpectomy: ER and PR negative (0%), "
        "HER2 3+; the 2019 ER 70% / PR 30% must appear in conflicts. The 2019 values quoted in the liver "
        "report's comment and the note's history are historical mentions of the same 2019 results. Ki-67 "
        "(25%) is only stated in 2019. MX is not M0: there is no pathologic M. The diagnosis date is the "
        "2019 core biopsy date stated in the lumpectomy's clinical history. Stage IV is stated in the 2025 "
        "note. Historical TCHP drugs carry no doses; tamoxifen has month-only dates, so no start/end."
    ),
)
