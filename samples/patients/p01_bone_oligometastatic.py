"""p01: the guide's worked example. De novo ER-positive, HER2-low (IHC 1+) breast cancer with
bone-only oligometastatic disease, on ribociclib reduced 600 -> 400 mg for neutropenia, a low
neutrophil count on the latest CBC, and no performance status recorded anywhere."""

from samples.degrade import PhotoSpec, ScanSpec
from samples.layout import KV, Frame, Gap, Heading, Para, Row, Style, Table
from samples.patients.furniture import banner, footer, letterhead
from samples.spec import D, DocSpec, Patient, S, fields, lab

PATIENT_BANNER = ("Patient: QUELLWOOD, HARRIET", "MRN: CV-0048812 | DOB: 08/19/1957 | Sex: F")

path_style = Style(family="helvetica", size=9.5, leading=12.5)
pathology = DocSpec(
    key="path",
    name="01-pathology-core-biopsy-2023-11-17",
    kind="pathology",
    date="2023-11-17",
    title="Surgical pathology report",
    style=path_style,
    frame=Frame(
        header=letterhead("CALDER VALLEY MEDICAL CENTER",
                          "Department of Anatomic Pathology | 2200 Riverside Parkway, Calder Falls, OR 97412")
        + banner(PATIENT_BANNER,
                 ("Accession: CS23-18842", "Collected: 11/14/2023 09:40"),
                 ("Ordering: Lena Marsh, MD (Breast Surgery)", "Reported: 11/17/2023 16:22")),
        footer=footer("CONFIDENTIAL: contains protected health information"),
    ),
    blocks=(
        Heading("SURGICAL PATHOLOGY REPORT", center=True),
        Heading("CLINICAL HISTORY:"),
        Para("66-year-old postmenopausal woman with a palpable left breast mass at 2 o'clock, BI-RADS 5 on "
             "ultrasound, and an enlarged left axillary lymph node."),
        Heading("SPECIMENS:"),
        Para("A. Left breast, 2 o'clock, 6 cm from nipple, ultrasound-guided core needle biopsy (14-gauge, 4 cores)."),
        Para("B. Left axilla, lymph node, ultrasound-guided core needle biopsy."),
        Heading("FINAL DIAGNOSIS:"),
        Para("A. BREAST, LEFT, 2 O'CLOCK, CORE NEEDLE BIOPSY:"),
        Para("- INVASIVE DUCTAL CARCINOMA (INVASIVE CARCINOMA OF NO SPECIAL TYPE), NOTTINGHAM GRADE 2 "
             "(TUBULE FORMATION 3, NUCLEAR PLEOMORPHISM 2, MITOTIC COUNT 1; TOTAL SCORE 6/9).", indent=12),
        Para("- DUCTAL CARCINOMA IN SITU, CRIBRIFORM TYPE, INTERMEDIATE NUCLEAR GRADE, PRESENT.", indent=12),
        Para("- LYMPHOVASCULAR INVASION: NOT IDENTIFIED.", indent=12),
        Para("- BREAST BIOMARKER RESULTS: SEE BELOW.", indent=12),
        Para("B. LYMPH NODE, LEFT AXILLA, CORE NEEDLE BIOPSY:"),
        Para("- METASTATIC CARCINOMA, CONSISTENT WITH BREAST PRIMARY.", indent=12),
        Heading("BREAST BIOMARKER STUDIES (PERFORMED ON BLOCK A1):"),
        KV("Estrogen receptor (ER):", "POSITIVE, 95% of tumor nuclei, strong intensity"),
        KV("Progesterone receptor (PR):", "POSITIVE, 30% of tumor nuclei, moderate intensity"),
        KV("HER2 (IHC, clone 4B5):", "NEGATIVE (score 1+): faint, incomplete membrane staining in 40% of "
                                     "invasive tumor cells"),
        KV("Ki-67 (MIB-1):", "15%"),
        Para("Internal and external controls stained appropriately. ER and PR are interpreted per the ASCO/CAP "
             "2020 guideline and HER2 per the ASCO/CAP 2018 guideline and its 2023 update. Cold ischemia time "
             "under 1 hour; fixation in 10% neutral buffered formalin for 6 to 72 hours."),
        Heading("COMMENT:"),
        Para("The HER2 result (1+) is negative by ASCO/CAP criteria. We note the score because the difference "
             "between 0 and 1+ may now matter for treatment choices. Results discussed with Dr. Marsh on "
             "11/17/2023."),
        Heading("GROSS DESCRIPTION:"),
        Para("A. Received in formalin, labeled with the patient's name and \"left breast 2:00\", are four tan-white "
             "cores of tissue, 1.2 to 1.8 cm in length and 0.1 cm in diameter, entirely submitted in cassette A1. "
             "B. Received in formalin, labeled \"left axillary node\", are two tan cores, 0.9 and 1.1 cm in "
             "length, entirely submitted in cassette B1."),
        Heading("MICROSCOPIC DESCRIPTION:"),
        Para("The breast cores show an infiltrating carcinoma in nests and cords with moderate nuclear "
             "pleomorphism and rare mitoses; no tubules are formed. The lymph node cores are largely replaced "
             "by carcinoma of similar appearance."),
        Gap(),
        Para("Electronically signed by: Tobias Renwick, MD, Pathologist, 11/17/2023 16:22"),
    ),
    scan=ScanSpec(quality="clean", max_skew=0.4, noise=4.0),
)

imaging = DocSpec(
    key="imaging",
    name="02-imaging-ct-bone-scan-2023-11-29",
    kind="imaging",
    date="2023-11-29",
    title="CT and bone scan report",
    style=Style(family="helvetica", size=10, leading=13),
    frame=Frame(
        header=letterhead("CALDER VALLEY MEDICAL CENTER", "Department of Radiology and Nuclear Medicine")
        + banner(PATIENT_BANNER, ("Accession: RAD-23-771204", "Exam date: Nov 29, 2023")),
        footer=footer("Calder Valley Radiology | Report status: FINAL"),
    ),
    blocks=(
        KV("EXAM:", "CT CHEST, ABDOMEN AND PELVIS WITH IV CONTRAST; NM BONE SCAN, WHOLE BODY"),
        KV("CLINICAL INDICATION:", "Newly diagnosed left breast invasive ductal carcinoma with biopsy-proven "
                                   "axillary nodal metastasis. Staging."),
        KV("COMPARISON:", "None."),
        KV("TECHNIQUE:", "Contrast-enhanced CT of the chest, abdomen and pelvis after 100 mL of iohexol 350. "
                         "Whole-body planar bone scintigraphy 3 hours after IV injection of 25.1 mCi Tc-99m MDP."),
        Heading("FINDINGS:"),
        Para("CHEST: Known left breast malignancy with a biopsy marker clip at 2 o'clock. Enlarged left "
             "axillary lymph nodes, the largest with cortical thickening to 9 mm. No internal mammary or "
             "supraclavicular adenopathy. Lungs: no suspicious pulmonary nodules or masses. No pleural effusion."),
        Para("ABDOMEN AND PELVIS: Liver: normal size, no focal hepatic lesion; no evidence of hepatic "
             "metastases. Spleen, pancreas, adrenal glands and kidneys are unremarkable. No retroperitoneal or "
             "pelvic lymphadenopathy. No ascites."),
        Para("BONES: Sclerotic lesion in the T9 vertebral body measuring 1.4 cm, without pathologic fracture "
             "or epidural extension. Mixed sclerotic lesion in the right iliac wing measuring 2.1 cm. "
             "Degenerative changes of the lumbar spine."),
        Para("BONE SCAN: Focal increased radiotracer uptake in the T9 vertebral body and the right iliac wing, "
             "corresponding to the CT lesions. No other foci of abnormal uptake. Physiologic renal and bladder "
             "activity."),
        Heading("IMPRESSION:"),
        Para("1. Two osseous metastases (T9 vertebral body and right iliac wing), compatible with "
             "oligometastatic, bone-only disease."),
        Para("2. Left axillary nodal disease. No evidence of hepatic, pulmonary or other visceral metastases."),
        Para("3. No pathologic fracture."),
        Gap(),
        Para("Dictated and signed by: Imogen Sallow, MD, 11/29/2023 17:48"),
    ),
)

cbc = DocSpec(
    key="cbc",
    name="03-lab-cbc-2024-03-04",
    kind="lab",
    date="2024-03-04",
    title="Complete blood count",
    style=Style(family="helvetica", size=9.5, leading=12.5, margin_left=54, margin_right=54),
    frame=Frame(
        header=letterhead("TRI-COUNTY REFERENCE LABORATORIES", "Client: Calder Valley Cancer Center",
                          size=12)
        + banner(("Patient: QUELLWOOD, HARRIET", "DOB: 08/19/1957 | Sex: F"),
                 ("Lab ID: TC-55120934 | MRN: CV-0048812", "Ordering: W. Achterberg, MD"),
                 ("Collected: 03/04/2024 08:15", "Reported: 03/04/2024 10:02")),
        footer=footer("Tri-County Reference Laboratories, CLIA 38D0000000"),
    ),
    blocks=(
        Heading("HEMATOLOGY - COMPLETE BLOOD COUNT WITH DIFFERENTIAL"),
        Row("Specimen: whole blood (EDTA)"),
        Gap(0.5),
        Table(
            header=("Test", "Result", "Flag", "Units", "Reference range"),
            rows=(
                ("WBC", "2.4", "L", "x10^9/L", "4.0 - 11.0"),
                ("RBC", "4.02", "", "x10^12/L", "3.80 - 5.20"),
                ("Hemoglobin", "12.6", "", "g/dL", "12.0 - 15.5"),
                ("Hematocrit", "37.9", "", "%", "36.0 - 46.0"),
                ("MCV", "94.3", "", "fL", "80.0 - 100.0"),
                ("Platelets", "171", "", "x10^9/L", "150 - 400"),
                ("Neutrophils %", "34.2", "L", "%", "40.0 - 75.0"),
                ("Lymphocytes %", "51.3", "H", "%", "20.0 - 45.0"),
                ("Monocytes %", "11.7", "", "%", "2.0 - 12.0"),
                ("Eosinophils %", "2.1", "", "%", "0.0 - 6.0"),
                ("Basophils %", "0.7", "", "%", "0.0 - 2.0"),
                ("Neutrophils, absolute (ANC)", "0.82", "L", "x10^9/L", "1.80 - 7.70"),
                ("Lymphocytes, absolute", "1.23", "", "x10^9/L", "1.00 - 4.80"),
                ("Monocytes, absolute", "0.28", "", "x10^9/L", "0.20 - 1.00"),
            ),
            ruled=False,
        ),
        Gap(),
        Para("Critical value policy: an ANC below 0.50 x10^9/L is telephoned to the ordering provider. "
             "No critical values on this specimen."),
        Para("Verified by: R. Okafor, MLS(ASCP)"),
    ),
    photo=PhotoSpec(page=1, exif_orientation=6),
)

note_style = Style(family="times", size=10.5, leading=13.5, margin_left=64, margin_right=64)
note = DocSpec(
    key="note",
    name="04-oncology-note-2024-03-25",
    kind="clinic_note",
    date="2024-03-25",
    title="Medical oncology follow-up note",
    style=note_style,
    frame=Frame(
        header=letterhead("CALDER VALLEY CANCER CENTER", "Medical Oncology | 2250 Riverside Parkway, Suite 300")
        + banner(("Patient: Harriet Quellwood | MRN: CV-0048812", "DOB: 08/19/1957"),
                 ("Date of service: 03/25/2024", "Provider: Wendell Achterberg, MD")),
        footer=footer("Calder Valley Cancer Center | Medical Oncology"),
    ),
    blocks=(
        Heading("MEDICAL ONCOLOGY FOLLOW-UP NOTE", center=True),
        Heading("Diagnosis:"),
        Para("De novo metastatic invasive ductal carcinoma of the left breast, ER-positive (95%), PR-positive "
             "(30%), HER2-negative (IHC 1+, HER2-low), cT2 cN1 M1 (bone), stage IV. Oligometastatic, bone-only "
             "disease (T9 vertebral body and right iliac wing). Diagnosed 11/14/2023."),
        Heading("Oncologic history:"),
        Para("- 11/14/2023: Left breast and left axillary node core biopsies (CS23-18842): invasive ductal "
             "carcinoma, grade 2, ER 95%, PR 30%, HER2 1+, Ki-67 15%."),
        Para("- 11/29/2023: CT chest/abdomen/pelvis and bone scan: two sclerotic bone lesions; no visceral disease."),
        Para("- 12/04/2023: Started ribociclib 600 mg daily (days 1-21 of 28) with letrozole 2.5 mg daily, and "
             "denosumab 120 mg every 4 weeks."),
        Para("- 03/04/2024: Cycle 4 day 1 labs showed ANC 0.82 x10^9/L (grade 3 neutropenia); ribociclib held."),
        Para("- 03/18/2024: Ribociclib resumed at 400 mg daily (dose level -1)."),
        Heading("Interval history:"),
        Para("Ms. Quellwood returns for cycle 5 day 1. Ribociclib was held for grade 3 neutropenia and resumed "
             "at 400 mg on 03/18/2024, which she is tolerating well. She denies fever, chills, mouth sores or "
             "infections. Mild fatigue in the afternoons. Back pain at the T9 level has improved to 2/10 and "
             "she has stopped taking ibuprofen. No new bone pain. Appetite good, weight stable."),
        Heading("Current medications:"),
        Table(
            header=("Medication", "Dose", "Route", "Frequency", "Comment"),
            rows=(
                ("Ribociclib (Kisqali)", "400 mg", "PO", "Daily, days 1-21 of 28", "From 600 mg 03/18/2024"),
                ("Letrozole (Femara)", "2.5 mg", "PO", "Daily", "Since 12/04/2023"),
                ("Denosumab (Xgeva)", "120 mg", "SC", "Every 4 weeks", "Since 12/04/2023"),
                ("Calcium-vitamin D3", "600 mg-400 IU", "PO", "Twice daily", ""),
                ("Ondansetron", "8 mg", "PO", "Every 8 hours PRN", "Nausea"),
            ),
            ruled=False,
        ),
        Heading("Allergies:"),
        Para("Sulfa drugs (rash)."),
        Heading("Family history:"),
        Para("Mother had breast cancer at 45, treated with mastectomy and tamoxifen; she died at 78 of heart "
             "disease. Father had prostate cancer in his 70s. No known ovarian or pancreatic cancer in the family."),
        Heading("Social history:"),
        Para("Retired school librarian. Never smoker. One glass of wine a week."),
        Heading("Review of systems:"),
        Para("Negative for fever, night sweats, cough, shortness of breath, palpitations, headache, visual change, "
             "abdominal pain, diarrhea or rash. Positive for mild fatigue."),
        Heading("Physical examination:"),
        Para("BP 128/76, pulse 74, temperature 36.7 C, weight 68.4 kg. Alert and comfortable. Left breast: firm "
             "mass at 2 o'clock, smaller than at baseline. No palpable axillary adenopathy. No spinal "
             "tenderness. Lungs clear. No edema."),
        Heading("Data reviewed:"),
        Para("CBC 03/04/2024: WBC 2.4, ANC 0.82 (L), hemoglobin 12.6 g/dL, platelets 171. Liver function tests "
             "within normal limits. ECG today: sinus rhythm, QTcF 438 ms."),
        Heading("Assessment and plan:"),
        Para("66-year-old postmenopausal woman with ER-positive, HER2-low (IHC 1+) metastatic breast cancer with "
             "bone-only oligometastatic disease, on first-line ribociclib and letrozole since 12/04/2023, now "
             "at ribociclib 400 mg after a dose reduction for neutropenia."),
        Para("1. Metastatic breast cancer: continue ribociclib 400 mg daily, days 1-21 of a 28-day cycle, with "
             "letrozole 2.5 mg daily. Restaging CT and bone scan due in April 2024. We discussed that "
             "radiotherapy to the two bone lesions is being studied in clinical trials."),
        Para("2. Neutropenia: recovered. If ANC falls below 1.0 again, the dose would be reduced to 200 mg. "
             "Repeat CBC in 2 weeks and on day 1 of each cycle. Fever precautions reviewed."),
        Para("3. Bone metastases: continue denosumab 120 mg SC every 4 weeks with calcium and vitamin D. "
             "Dental evaluation completed in December 2023."),
        Para("4. QTc: QTcF 438 ms today, within normal limits; continue ECG monitoring."),
        Para("5. Genetics: germline genetic testing ordered today given her mother's history; results pending."),
        Para("Return to clinic in 4 weeks with CBC and liver function tests."),
        Gap(),
        Para("Wendell Achterberg, MD | Medical Oncology | electronically signed 03/25/2024 15:10"),
    ),
)

PATIENT = Patient(
    id="p01",
    name="Harriet Quellwood",
    summary=(
        "The guide's worked example (CAR-T question). De novo metastatic ER-positive, HER2-low (IHC 1+) "
        "invasive ductal carcinoma of the left breast with two bone metastases (oligometastatic, bone-only). "
        "On ribociclib + letrozole + denosumab; ribociclib held for grade 3 neutropenia and resumed at "
        "400 mg (600 -> 400). The CBC (a ruled table in x10^9/L, also the phone photo) shows ANC 0.82. "
        "No ECOG or performance status anywhere. Distractors: hypothetical 200 mg reduction, mother's "
        "breast cancer treated with tamoxifen, negated liver and lung metastases, core lengths and "
        "'6 cm from nipple' (no tumour size is stated), the lab's critical-value policy (ANC 0.50)."
    ),
    documents=(pathology, imaging, cbc, note),
    profile={
        "diagnosis": {
            "primary_site": S("breast", "path", "BREAST, LEFT, 2 O'CLOCK, CORE NEEDLE BIOPSY"),
            "histology": S("invasive_ductal", "path", "INVASIVE DUCTAL CARCINOMA (INVASIVE CARCINOMA OF NO SPECIAL TYPE)"),
            "histology_code": D("8500/3", "ICD-O-3 code of invasive ductal carcinoma"),
            "laterality": S("left", "path", "BREAST, LEFT, 2 O'CLOCK"),
            "grade": S(2, "path", "NOTTINGHAM GRADE 2"),
            "date": S("2023-11-14", "path", "Collected: 11/14/2023 09:40"),
        },
        "receptors": {
            "er": {
                "status": S("positive", "path", "Estrogen receptor (ER): POSITIVE"),
                "percent": S(95, "path", "POSITIVE, 95% of tumor nuclei, strong intensity"),
                "intensity": S("strong", "path", "95% of tumor nuclei, strong intensity"),
            },
            "pr": {
                "status": S("positive", "path", "Progesterone receptor (PR): POSITIVE"),
                "percent": S(30, "path", "POSITIVE, 30% of tumor nuclei, moderate intensity"),
                "intensity": S("moderate", "path", "30% of tumor nuclei, moderate intensity"),
            },
            "her2": {
                "status": S("negative", "path", "HER2 (IHC, clone 4B5): NEGATIVE (score 1+)"),
                "ihc_score": S("1+", "path", "NEGATIVE (score 1+)"),
                "category": D("low", "IHC 1+ -> HER2-low"),
            },
            "ki67_percent": S(15, "path", "Ki-67 (MIB-1): 15%"),
        },
        "subtype": D("hr_positive_her2_negative", "ER positive, HER2 negative"),
        "stage": {
            "clinical": {
                "t": S("T2", "note", "cT2 cN1 M1 (bone), stage IV"),
                "n": S("N1", "note", "cT2 cN1 M1 (bone), stage IV"),
                "m": S("M1", "note", "cT2 cN1 M1 (bone), stage IV"),
            },
            "group": S("IV", "note", "cT2 cN1 M1 (bone), stage IV"),
            "metastatic": D(True, "M1 / metastatic sites present"),
            "metastatic_sites": [S("bone", "imaging", "Two osseous metastases (T9 vertebral body and right iliac wing)")],
            "oligometastatic": S(True, "note", "Oligometastatic, bone-only disease"),
        },
        "menopausal_status": S("postmenopausal", "note", "66-year-old postmenopausal woman"),
        "medications": [
            {
                **fields("note", "Ribociclib (Kisqali) 400 mg PO Daily, days 1-21 of 28",
                         name="ribociclib", brand="Kisqali", dose=400, unit="mg", route="oral",
                         frequency="daily", schedule="days 1-21 of 28"),
                "status": S("active", "note", "continue ribociclib 400 mg daily"),
                "start": S("2023-12-04", "note", "12/04/2023: Started ribociclib 600 mg daily"),
                "changes": [S({"date": "2024-03-18", "from_dose": 600, "to_dose": 400, "unit": "mg",
                               "reason": "neutropenia"},
                              "note", "Ribociclib was held for grade 3 neutropenia and resumed at 400 mg on "
                                      "03/18/2024")],
            },
            {
                **fields("note", "Letrozole (Femara) 2.5 mg PO Daily Since 12/04/2023",
                         name="letrozole", brand="Femara", dose=2.5, unit="mg", route="oral",
                         frequency="daily", start="2023-12-04"),
                "status": S("active", "note", "with letrozole 2.5 mg daily. Restaging"),
            },
            {
                **fields("note", "Denosumab (Xgeva) 120 mg SC Every 4 weeks Since 12/04/2023",
                         name="denosumab", brand="Xgeva", dose=120, unit="mg", route="subcutaneous",
                         frequency="every 4 weeks", start="2023-12-04"),
                "status": S("active", "note", "continue denosumab 120 mg SC every 4 weeks"),
            },
        ],
        "labs": [
            lab("cbc", "Neutrophils, absolute (ANC) 0.82 L x10^9/L 1.80 - 7.70", "Collected: 03/04/2024",
                name="ANC", value=0.82, unit="10^9/L", date="2024-03-04", grade=3),
            lab("cbc", "WBC 2.4 L x10^9/L 4.0 - 11.0", "Collected: 03/04/2024",
                name="WBC", value=2.4, unit="10^9/L", date="2024-03-04", grade=2),
            lab("cbc", "Hemoglobin 12.6 g/dL 12.0 - 15.5", "Collected: 03/04/2024",
                name="hemoglobin", value=12.6, unit="g/dL", date="2024-03-04"),
            lab("cbc", "Platelets 171 x10^9/L 150 - 400", "Collected: 03/04/2024",
                name="platelets", value=171, unit="10^9/L", date="2024-03-04"),
            lab("note", "ECG today: sinus rhythm, QTcF 438 ms", "Date of service: 03/25/2024",
                name="QTcF", value=438, unit="ms", date="2024-03-25"),
        ],
    },
    absent=(
        "ecog",
        "diagnosis.tumor_size_mm",
        "medications[name=ribociclib].dose=200",
        "medications[name=ribociclib].dose=600",
        "medications[name=tamoxifen]",
        "stage.metastatic_sites=liver",
        "stage.metastatic_sites=lung",
        "labs[name=ANC].value=0.5",
        "genomics",
    ),
    optional_medications=("calcium and vitamin d", "ondansetron", "ibuprofen"),
    notes=(
        "No performance status is stated in any document: ecog must stay absent. The only tumour "
        "measurements in the records are core lengths, the distance from the nipple and bone lesion sizes, "
        "so diagnosis.tumor_size_mm is absent. Ribociclib's current dose is 400 mg; 600 mg is the start dose "
        "(in the change) and 200 mg only a hypothetical. The node core biopsy is not a node count, so "
        "lymph_nodes is not asserted either way. Labs: the CBC's values are repeated in the note; "
        "hematocrit, RBC, MCV and the differential are not contract lab names and are not asserted."
    ),
)
