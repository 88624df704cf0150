"""p04: ER-low (5%) breast cancer with HER2 IHC 2+ settled by FISH as not amplified (HER2-low), a
germline BRCA2 pathogenic variant, and treatment that is only planned so far."""

from samples.degrade import ScanSpec
from samples.layout import KV, Frame, Gap, Heading, Para, Row, Style, Table
from samples.patients.furniture import banner, footer, letterhead
from samples.spec import D, DocSpec, Patient, S, fields

HOSPITAL = "WESTBROOK COMMUNITY HOSPITAL"
PATIENT_ROW = ("Patient: Feldwick, Amara", "MRN: WCH 0650-2291 | DOB: 10/03/1982")

core = DocSpec(
    key="core",
    name="01-pathology-core-biopsy-2025-05-16",
    kind="pathology",
    date="2025-05-16",
    title="Pathology consultation report",
    style=Style(family="times", size=10.5, leading=13.5),
    frame=Frame(
        header=letterhead(HOSPITAL, "Department of Pathology | 18 Mill Lane, Westbrook, ME 04999")
        + banner(PATIENT_ROW, ("Pathology no.: WP25-2207", "Referring: Ingrid Solberg, MD")),
        footer=footer("Westbrook Community Hospital - Pathology"),
    ),
    blocks=(
        Heading("PATHOLOGY CONSULTATION REPORT", center=True),
        KV("Specimen:", "Right breast, 7 o'clock, stereotactic core biopsy (specimen A)"),
        KV("Date obtained:", "May 13, 2025"),
        KV("Date reported:", "May 16, 2025"),
        Heading("Diagnosis"),
        Para("Right breast, 7 o'clock, stereotactic core biopsy: invasive ductal carcinoma, no special type, "
             "Nottingham grade 3 (tubules 3, nuclear grade 3, mitoses 3; total 9). Associated high-grade ductal "
             "carcinoma in situ with comedonecrosis. Calcifications are present in both the invasive and the "
             "in situ carcinoma."),
        Heading("Hormone receptors and HER2"),
        Para("Estrogen receptor: LOW POSITIVE. Approximately 5% of invasive tumor cell nuclei show weak "
             "staining. Progesterone receptor: NEGATIVE (0%). Internal control: normal breast epithelium "
             "present and appropriately positive."),
        Para("Comment: ER expression in 1-10% of tumor cells is reported as Low Positive. The benefit of "
             "endocrine therapy for such tumors is uncertain, and their behavior can resemble that of "
             "ER-negative cancers."),
        Para("HER2 (IHC, 4B5): EQUIVOCAL (2+). Weak to moderate complete membrane staining in about 25% of "
             "invasive cells. Reflex HER2 FISH has been requested; results will follow in an addendum."),
        Para("Ki-67: 35%."),
        Gap(),
        Para("Beatrix Lund, MD - May 16, 2025"),
    ),
)

fish = DocSpec(
    key="fish",
    name="02-addendum-her2-fish-2025-05-20",
    kind="addendum",
    date="2025-05-20",
    title="Molecular pathology addendum",
    style=Style(family="helvetica", size=10, leading=13),
    frame=Frame(
        header=letterhead(HOSPITAL, "Molecular Pathology Addendum")
        + banner(PATIENT_ROW, ("Pathology no.: WP25-2207 (addendum 1)", "Issued: 20-May-2025")),
        footer=footer("Westbrook Community Hospital - Molecular Pathology"),
    ),
    blocks=(
        Heading("HER2 IN SITU HYBRIDIZATION (DUAL PROBE FISH)"),
        Para("Specimen A: right breast core biopsy obtained 13-May-2025; HER2 IHC 2+ (equivocal) on the "
             "original report."),
        Table(header=("Parameter", "Result"),
              rows=(("Invasive tumor cells scored", "60"),
                    ("Mean HER2 signals per cell", "3.1"),
                    ("Mean CEP17 signals per cell", "2.2"),
                    ("HER2/CEP17 ratio", "1.4"),
                    ("ISH group (ASCO/CAP 2018)", "Group 5"))),
        KV("Interpretation:", "NOT AMPLIFIED"),
        KV("Final HER2 status:", "NEGATIVE (IHC 2+, ISH not amplified)"),
        Para("Comment: this result is in the HER2-low range (IHC 2+ without gene amplification)."),
        Gap(),
        Para("Electronically signed: Beatrix Lund, MD, 20-May-2025"),
    ),
)

genetics = DocSpec(
    key="genetics",
    name="03-genetics-report-2025-06-10",
    kind="genetics",
    date="2025-06-10",
    title="Germline genetic test report",
    style=Style(family="helvetica", size=9.5, leading=12.5),
    frame=Frame(
        header=letterhead("QUILLFIELD GENOMICS LABORATORY", "Germline Genetic Test Report | CAP-accredited, CLIA-certified")
        + banner(("Patient: Amara Feldwick | DOB: 10/03/1982", "Accession: Q25-301877"),
                 ("Specimen: saliva, collected 05/27/2025", "Report date: 06/10/2025"),
                 ("Ordering provider: Ingrid Solberg, MD", "Indication: personal history of breast cancer")),
        footer=footer("Quillfield Genomics Laboratory"),
    ),
    blocks=(
        KV("Test:", "BRCA1 and BRCA2 full gene sequencing and deletion/duplication analysis"),
        Gap(0.5),
        Para("RESULT: POSITIVE - PATHOGENIC VARIANT IDENTIFIED", bold=True),
        Table(header=("Gene", "Variant", "Protein change", "Zygosity", "Classification"),
              rows=(("BRCA2", "c.5946del", "p.Ser1982Argfs*22", "Heterozygous", "Pathogenic"),)),
        Para("No pathogenic variants, likely pathogenic variants or variants of uncertain significance were "
             "detected in BRCA1."),
        Heading("Interpretation"),
        Para("This individual carries a germline pathogenic variant in BRCA2, which is associated with "
             "increased lifetime risks of breast, ovarian, pancreatic and prostate cancer and with melanoma. "
             "Each first-degree relative has a 50% chance of carrying the same variant; testing of relatives "
             "for this specific variant is recommended."),
        Heading("Methods and limitations"),
        Para("Next-generation sequencing of all coding exons and 20 bases of flanking intron, with copy-number "
             "analysis. Variants are classified according to ACMG/AMP 2015 criteria. Results must be interpreted "
             "together with the personal and family history."),
        Gap(),
        Para("Laboratory director: Osric Penhallow, PhD, FACMG"),
    ),
    scan=ScanSpec(quality="clean", max_skew=0.5, noise=5.0),
)

note = DocSpec(
    key="note",
    name="04-oncology-consult-2025-06-16",
    kind="clinic_note",
    date="2025-06-16",
    title="Oncology consultation",
    style=Style(family="helvetica", size=10, leading=13),
    frame=Frame(
        header=letterhead("WESTBROOK CANCER CARE", "Medical Oncology - New Patient Consultation")
        + banner(("Patient: Amara Feldwick | MRN: WCH 0650-2291", "Seen: June 16, 2025"),
                 ("Consultant: Ingrid Solberg, MD", "Referred by: Theo Pruitt, MD (Surgery)")),
        footer=footer("Westbrook Cancer Care"),
    ),
    blocks=(
        KV("Reason for visit:", "New diagnosis of right breast cancer."),
        Heading("History of present illness"),
        Para("Ms. Feldwick is a 42-year-old premenopausal woman (regular cycles, last menstrual period "
             "06/02/2025) who felt a lump in her right breast in April 2025. Diagnostic mammogram and "
             "ultrasound showed an irregular right breast mass at 7 o'clock with no suspicious axillary lymph "
             "nodes. Core biopsy on 05/13/2025 showed grade 3 invasive ductal carcinoma, ER low positive (5%, "
             "weak), PR negative, HER2 2+ by IHC with FISH not amplified (ratio 1.4), so HER2-negative "
             "(HER2-low). Ki-67 35%. Germline testing: BRCA2 pathogenic variant (c.5946del). Breast MRI showed a "
             "single enhancing mass and no other disease in either breast."),
        Heading("Family history"),
        Para("Mother diagnosed with breast cancer at age 45, alive at 70. Maternal aunt died of ovarian cancer at "
             "52. A maternal cousin tested positive for a BRCA2 variant in 2019."),
        Heading("Past medical history"),
        Para("Migraine. No prior cancer."),
        Heading("Medications"),
        Para("Sumatriptan 50 mg PO as needed for migraine. Stopped her oral contraceptive in May 2025."),
        Heading("Staging"),
        Para("Clinical stage: cT1c cN0 cM0."),
        Heading("Assessment and plan"),
        Para("42-year-old woman with a germline BRCA2 pathogenic variant and an ER-low, PR-negative, "
             "HER2-negative (HER2-low) grade 3 invasive ductal carcinoma of the right breast, cT1c cN0 cM0. "
             "Because ER is low, the tumor may behave more like triple-negative disease."),
        Para("1. Surgery: after discussing her BRCA2 result she is leaning toward bilateral mastectomy with "
             "sentinel node biopsy, scheduled for 07/08/2025 with Dr. Pruitt."),
        Para("2. Systemic therapy: plan adjuvant docetaxel 75 mg/m2 and cyclophosphamide 600 mg/m2 IV every 3 "
             "weeks for 4 cycles after surgery, with pegfilgrastim support. If residual disease or positive "
             "nodes are found at surgery, adjuvant olaparib for one year would be considered."),
        Para("3. Endocrine therapy: the expected benefit is uncertain with ER-low disease; to be revisited "
             "after chemotherapy."),
        Para("4. Genetics: referred to the high-risk clinic; discussed risk-reducing salpingo-oophorectomy by "
             "age 45 and testing for her sister."),
        Para("5. Fertility: referred to reproductive endocrinology before chemotherapy."),
        Gap(),
        Para("Ingrid Solberg, MD, Medical Oncology"),
    ),
)

PATIENT = Patient(
    id="p04",
    name="Amara Feldwick",
    summary=(
        "ER-low (5%, weak: low_positive), PR-negative, HER2 IHC 2+ settled by FISH as NOT amplified (ratio "
        "1.4, 3.1 copies, group 5: HER2-negative, category low) grade 3 invasive ductal carcinoma of the "
        "right breast, cT1c cN0 cM0 (stage group IA derived, not stated). Germline BRCA2 pathogenic variant "
        "in a lab report with a ruled result table (the clean scan), BRCA1 negative. Treatment is planned "
        "only (docetaxel/cyclophosphamide in mg/m2, pegfilgrastim). Distractors: olaparib only if residual "
        "disease is found, mother's breast cancer and aunt's ovarian cancer, '50% chance' for relatives, "
        "no tumour size stated, no performance status."
    ),
    documents=(core, fish, genetics, note),
    profile={
        "diagnosis": {
            "primary_site": S("breast", "core", "Right breast, 7 o'clock, stereotactic core biopsy"),
            "histology": S("invasive_ductal", "core", "invasive ductal carcinoma, no special type"),
            "histology_code": D("8500/3", "ICD-O-3 code of invasive ductal carcinoma"),
            "laterality": S("right", "core", "Right breast, 7 o'clock, stereotactic core biopsy"),
            "grade": S(3, "core", "Nottingham grade 3"),
            "date": S("2025-05-13", "core", "Date obtained: May 13, 2025"),
        },
        "receptors": {
            "er": fields("core", "Estrogen receptor: LOW POSITIVE. Approximately 5% of invasive tumor cell nuclei "
                                 "show weak staining", status="low_positive", percent=5, intensity="weak"),
            "pr": fields("core", "Progesterone receptor: NEGATIVE (0%)", status="negative", percent=0),
            "her2": {
                "status": S("negative", "fish", "Final HER2 status: NEGATIVE (IHC 2+, ISH not amplified)"),
                "ihc_score": S("2+", "core", "HER2 (IHC, 4B5): EQUIVOCAL (2+)"),
                "ish_ratio": S(1.4, "fish", "HER2/CEP17 ratio 1.4"),
                "ish_copy_number": S(3.1, "fish", "Mean HER2 signals per cell 3.1"),
                "ish_result": S("not_amplified", "fish", "Interpretation: NOT AMPLIFIED"),
                "category": D("low", "IHC 2+ with ISH not amplified -> HER2-low"),
            },
            "ki67_percent": S(35, "core", "Ki-67: 35%."),
        },
        "subtype": D("hr_positive_her2_negative", "ER low positive (>= 1%) counts as hormone receptor-positive; "
                                                  "HER2 negative"),
        "stage": {
            "clinical": fields("note", "Clinical stage: cT1c cN0 cM0.", t="T1c", n="N0", m="M0"),
            "group": D("IA", "AJCC 8th anatomic stage group of T1 N0 M0"),
            "metastatic": D(False, "cM0"),
        },
        "genomics": [
            S({"gene": "BRCA2", "result": "pathogenic", "variant": "c.5946del", "origin": "germline"},
              "genetics", "BRCA2 c.5946del p.Ser1982Argfs*22 Heterozygous Pathogenic"),
            S({"gene": "BRCA1", "result": "not_detected", "origin": "germline"},
              "genetics", "No pathogenic variants, likely pathogenic variants or variants of uncertain "
                          "significance were detected in BRCA1."),
        ],
        "menopausal_status": S("premenopausal", "note", "42-year-old premenopausal woman"),
        "medications": [
            {
                **fields("note", "plan adjuvant docetaxel 75 mg/m2 and cyclophosphamide 600 mg/m2 IV every 3 weeks "
                                 "for 4 cycles after surgery",
                         name="docetaxel", dose=75, unit="mg/m2", route="intravenous", frequency="every 3 weeks",
                         status="planned"),
            },
            {
                **fields("note", "plan adjuvant docetaxel 75 mg/m2 and cyclophosphamide 600 mg/m2 IV every 3 weeks "
                                 "for 4 cycles after surgery",
                         name="cyclophosphamide", dose=600, unit="mg/m2", route="intravenous",
                         frequency="every 3 weeks", status="planned"),
            },
            fields("note", "with pegfilgrastim support", name="pegfilgrastim", status="planned"),
        ],
    },
    absent=(
        "ecog",
        "diagnosis.tumor_size_mm",
        "stage.pathologic",
        "receptors.er.status=positive",
        "receptors.er.status=negative",
        "receptors.her2.status=equivocal",
        "receptors.her2.status=positive",
        "receptors.her2.category=positive",
        "genomics[gene=BRCA1].result=pathogenic",
        "medications[name=olaparib]",
        "medications[name=tamoxifen]",
        "stage.metastatic=true",
    ),
    optional_medications=("sumatriptan",),
    notes=(
        "ER 5% is reported as Low Positive: status low_positive. Subtype is hr_positive_her2_negative because "
        "ER >= 1% is hormone receptor-positive under ASCO/CAP; guidance should still treat ER-low with care. "
        "FISH settles the IHC 2+ as negative, category low. The stage group IA is derived from cT1c cN0 cM0 "
        "(no group is stated). No surgery has happened yet: there is no pathologic stage, node count or "
        "tumour size. Olaparib is conditional (hypothetical) and tamoxifen is never named as a plan."
    ),
)
