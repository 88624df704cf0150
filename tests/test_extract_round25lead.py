"""Round 25 (lead): a ligand-binding assay's value before the status it states, and a status in brackets
right after its label."""



LEAD25_ROWS = [
    # the dextran-charcoal assays of the 1980s-90s: fmol/mg, then the status (with the cut-off in the bracket)
    ('ESTROGEN RECEPTOR: 145 FMOL/MG (POSITIVE; >10 FMOL/MG IS POSITIVE). PROGESTERONE RECEPTOR: 4 FMOL/MG '
     '(NEGATIVE).', 'receptors.er.status', 'positive', 'ESTROGEN RECEPTOR: 145 FMOL/MG (POSITIVE', 'ocr'),
    ('ESTROGEN RECEPTOR: 145 FMOL/MG (POSITIVE; >10 FMOL/MG IS POSITIVE). PROGESTERONE RECEPTOR: 4 FMOL/MG '
     '(NEGATIVE).', 'receptors.pr.status', 'negative', 'PROGESTERONE RECEPTOR: 4 FMOL/MG (NEGATIVE', 'ocr'),
    ('Estrogen receptor assay: 145 fmol/mg protein, positive.', 'receptors.er.status', 'positive',
     'Estrogen receptor assay: 145 fmol/mg protein, positive', 'text-layer'),
    ('ER: 3 fmol/mg (negative; 10 fmol/mg or more is positive)', 'receptors.er.status', 'negative',
     'ER: 3 fmol/mg (negative', 'text-layer'),
    # a status in brackets right after its label
    ('ER: (positive). PR: (negative).', 'receptors.pr.status', 'negative', 'PR: (negative', 'text-layer'),
    ('HER2: (negative)', 'receptors.her2.status', 'negative', 'HER2: (negative', 'text-layer'),
    # a bilingual header with its gloss in brackets opens its section (it was read as part of the gross description)
    ('Macroscopie: Ablatio 19 x 17 x 5 cm. Tumor 35 x 30 x 25 mm. Conclusie (conclusion):. Mamma links, ablatio: '
     'invasief carcinoom NST, graad III. ER: negatief (0%).', 'receptors.er.status', 'negative', 'ER: negatief', 'ocr'),
    ('Macroscopie: Ablatio 19 x 17 x 5 cm. Tumor 35 x 30 x 25 mm. Conclusie (conclusion):. Mamma links, ablatio: '
     'invasief carcinoom NST, graad III. ER: negatief (0%).', 'diagnosis.grade', 3, 'graad III', 'ocr'),
    # Polish status words beside their English gloss
    ('ER: DODATNI (POSITIVE) 95%. PGR: DODATNI (POSITIVE) 60%. HER2: UJEMNY (NEGATIVE), 0.', 'receptors.her2.status',
     'negative', 'HER2: UJEMNY', 'ocr'),
    ('ER: DODATNI (POSITIVE) 95%. PGR: DODATNI (POSITIVE) 60%.', 'receptors.pr.percent', 60.0,
     'PGR: DODATNI (POSITIVE) 60%', 'ocr'),
    # OCR's 0 for the o of fmol
    ('ESTROGEN RECEPTOR 145 FM0L/MG PROTEIN (POSITIVE; GREATER THAN 10 FMOL/MG IS. POSITIVE).', 'receptors.er.status',
     'positive', 'ESTROGEN RECEPTOR 145 FM0L/MG PROTEIN (POSITIVE', 'ocr'),
    # a stain's control that is absent negates nothing about the result before it
    ('PROGESTERONE RECEPTOR: NEGATIVE, 0% (INTERNAL CONTROL NOT PRESENT;. EXTERNAL CONTROL APPROPRIATE).',
     'receptors.pr.status', 'negative', 'PROGESTERONE RECEPTOR: NEGATIVE', 'ocr'),
    # sizes
    ('Invasive tumour type: No special type (ductal NST). Whole size of invasive tumour: 23 mm. Invasive grade: 2',
     'diagnosis.tumor_size_mm', 23.0, 'Whole size of invasive tumour: 23 mm', 'text-layer'),
    ('INFILTRATING DUCTAL CARCINOMA. HISTOLOGICAL GRADE | G3 (POORLY DIFFERENTIATED). TUMOR SIZE | 45 X 35 X 30 MM. '
     'MARGINS | FREE.', 'diagnosis.tumor_size_mm', 45.0, 'TUMOR SIZE | 45 X 35 X 30 MM', 'ocr'),
    ('Conclusie: invasief carcinoom NST (ductaal), graad III volgens modified Bloom-Richardson (3+3+2 = 8), grootste '
     'diameter 28 mm.', 'diagnosis.tumor_size_mm', 28.0, 'grootste diameter 28 mm', 'text-layer'),
    ('INFILTRATING DUCTAL CARCINOMA, MODERATELY DIFFERENTIATED (MODIFIED SCARFF-BLOOM-RICHARDSON GRADE 2, SCORE 6), '
     '2.7 X 2.0 X 1.8 CM, LOWER INNER QUADRANT.', 'diagnosis.tumor_size_mm', 27.0,
     'CARCINOMA, MODERATELY DIFFERENTIATED (MODIFIED SCARFF-BLOOM-RICHARDSON GRADE 2, SCORE 6), 2.7 X 2.0 X 1.8 CM',
     'ocr'),
    ('LEFT BREAST, MRM: INVASIVE DUCTAL CARCINOMA, POORLY DIFFERENTIATED. (NOTTINGHAM GRADE 3), 4.1 CM, WITH EMBOLI',
     'diagnosis.tumor_size_mm', 41.0, 'CARCINOMA, POORLY DIFFERENTIATED. (NOTTINGHAM GRADE 3), 4.1 CM', 'ocr'),
    ('MO TA DAI THE (GROSS): U KICH THUOC 3.0 X 2.5 X 2.0 CM, MAT CAT TRANG XAM.', 'diagnosis.tumor_size_mm', 30.0,
     'KICH THUOC 3.0 X 2.5 X 2.0 CM', 'ocr'),
    ('MACROSCOPY: RIGHT MASTECTOMY SPECIMEN 25 X 20 X 8 CM. CUT SECTION: GREY WHITE TUMOUR 8.0 X 7.0 X 6.5 CM '
     'INFILTRATING THE DERMIS.', 'diagnosis.tumor_size_mm', 80.0, 'TUMOUR 8.0 X 7.0 X 6.5 CM', 'ocr'),
    ('GROSS: MRM SPECIMEN 22 X 16 X 5 CM WITH SKIN ELLIPSE 18 X 7 CM. GROWTH IN UPPER OUTER QUADRANT 4.5 X 4.0 X 3.5 '
     'CM, GREY WHITE, GRITTY.', 'diagnosis.tumor_size_mm', 45.0, 'GROWTH IN UPPER OUTER QUADRANT 4.5 X 4.0 X 3.5 CM',
     'ocr'),
    # node totals qualified by their state or side
    ('E. Axillary dissection: metastatic carcinoma in 2 of 15 lymph nodes. Total positive nodes: 4 of 17. Stage: pT2.',
     'lymph_nodes.positive', 4, 'Total positive nodes: 4 of 17', 'text-layer'),
    ('D. RIGHT AXILLARY DISSECTION: 0/8 LYMPH NODES POSITIVE. TOTAL RIGHT NODES: 0 OF 11. PATHOLOGIC STAGE: PT2 PN0.',
     'lymph_nodes.examined', 11, 'TOTAL RIGHT NODES: 0 OF 11', 'ocr'),
    # German side adjectives before the organ word
    ('DIAGNOSE: INVASIVES LOBULÄRES MAMMAKARZINOM (INVASIVE LOBULAR CARCINOMA) DER RECHTEN MAMMA, G2.',
     'diagnosis.laterality', 'right', 'RECHTEN MAMMA', 'ocr'),
    # a slash triple's last status is HER2's, not the first one the HER2 label is followed by
    ('ER/PR/HER2: NEG/NEG/POS. TISSUE: FFPE.', 'receptors.her2.status', 'positive', 'ER/PR/HER2: NEG/NEG/POS', 'ocr'),
    # an ISH mean copy number with its noun left out, or cut from it by a run-on join (the ratio and the mean then
    # settle an IHC 2+: both had stayed equivocal)
    ('Addendum (dual ISH): HER2/CEP17 = 1.6; average HER2 copy 3.9/cell: NEGATIVE (group 5)',
     'receptors.her2.ish_copy_number', 3.9, 'average HER2 copy 3.9', 'text-layer'),
    ('FISH HER2: HER2/CEN17 RATIO 1.3, MEAN HER2 COPY. NUMBER 2.6 PER NUCLEUS: NOT AMPLIFIED.',
     'receptors.her2.ish_copy_number', 2.6, 'MEAN HER2 COPY. NUMBER 2.6', 'ocr'),
]

LEAD25_DISTRACTOR_ROWS = [
    # an assay value with no status stated: no status is derived from a cut-off the report does not give
    ('ER: 145 fmol/mg. PR: 4 fmol/mg.', 'receptors.er.status', 'ocr'),
    # a bracket that is about a control or a plan, not the result
    ('ER: (positive control shows expected staining)', 'receptors.er.status', 'text-layer'),
    ('PR: (if positive, consider endocrine therapy)', 'receptors.pr.status', 'text-layer'),
    # a control statement in Dutch or German is about the control tissue
    ('Opmerking: de interne controle voor ER is positief in normaal klierweefsel.', 'receptors.er.status', 'ocr'),
    ('Kommentar: die interne Kontrolle für ER ist positiv.', 'receptors.er.status', 'text-layer'),
    # a whole tumour's size (with its in-situ part) is not the invasive size
    ('Whole tumour size: 30 mm.', 'diagnosis.tumor_size_mm', 'text-layer'),
    # a scar is still no tumour
    ('Biopsy scar 2.1 cm, no residual carcinoma.', 'diagnosis.tumor_size_mm', 'text-layer'),
    # a count glued to a letter is unreadable, not a count of its digits ("2L", "1L" for 21 and 11)
    ('LYMPH NODES: 6 OUT OF 2L LYMPH NODES SHOW METASTATIC DEPOSITS WITH PERINODAL EXTENSION.', 'lymph_nodes.positive',
     'ocr'),
    ('TOTAL RIGHT NODES: 0 OF 1L. PATHOLOGIC STAGE (RIGHT): PT2 PNO PMX.', 'lymph_nodes.examined', 'ocr'),
    # no growth, no size
    ('No residual growth in upper outer quadrant 2 cm from margin', 'diagnosis.tumor_size_mm', 'text-layer'),
]


def test_lead25_a_numbered_parts_list_ends_the_clinical_history():
    """ "CLINICAL DIAGNOSIS AND HISTORY: ... PARTS: 1 - LEFT BREAST ..." : the node counts of the parts after it are
    the report's, not history."""
    from tests.test_extract_pathology import findings

    text = ("SURGICAL PATHOLOGY NO: S02-30119  DATE OF SURGERY: 10/04/2002. CLINICAL DIAGNOSIS AND HISTORY: LEFT BREAST "
            "CARCINOMA, DIAGNOSED ON STEREOTACTIC BIOPSY. PATIENT IS 47. PARTS: 1 - LEFT BREAST, TOTAL MASTECTOMY. 2 - "
            "LEFT AXILLARY CONTENTS. PART 1: LEFT BREAST, TOTAL MASTECTOMY:. A. INFILTRATING DUCTAL CARCINOMA, "
            "MEASURING 1.4 CM. PART 2: LEFT AXILLARY CONTENTS: EIGHTEEN LYMPH NODES, NO METASTATIC CARCINOMA "
            "IDENTIFIED (0/18). PART 3: LEVEL III LYMPH NODE: ONE LYMPH NODE, NEGATIVE FOR CARCINOMA (0/1). TOTAL: "
            "0/19 LYMPH NODES. PATHOLOGIC STAGE: T1C N0 MX.")
    examined = [f for f in findings(text, "ocr") if f.path == "lymph_nodes.examined" and f.is_fact]
    assert examined and examined[0].value == 19


def test_lead25_microscopy_counts_are_the_result_when_the_diagnosis_names_no_node():
    from tests.test_extract_pathology import first_fact  # (that module imports this one's tables)

    text = ("Gross: u kich thuoc 3,5 x 3 x 2,5 cm (tumour 3.5 x 3.0 x 2.5 cm). Microscopy: Carcinom tuyen vu xam nhap "
            "(invasive ductal carcinoma, NST), Nottingham grade 3. Hach nach / Axillary nodes: di can 2/9 hach (2 of 9 "
            "nodes positive). Chan doan / Diagnosis: Invasive ductal carcinoma of right breast, grade 3, pT2 N1a.")
    f = first_fact(text, "lymph_nodes.positive", source="ocr")
    assert f is not None and f.value == 2
    # ... and a microscopy section restating a diagnosis that states the nodes is not counted twice
    restated = ("Microscopy: Axillary nodes: 2/9 positive. Diagnosis: Invasive ductal carcinoma, grade 3. Lymph nodes: "
                "metastatic carcinoma in 2 of 9.")
    f = first_fact(restated, "lymph_nodes.examined", source="ocr")
    assert f is not None and f.value == 9


def test_lead25_a_bare_synoptic_block_ends_the_last_part():
    """The last part (a benign prophylactic side) does not run into the synoptic block after it, whose carcinoma
    words made it look like a cancer's side."""
    from tests.test_extract_pathology import findings

    text = ("DIAGNOSIS: 3. Left breast: Invasive lobular carcinoma, classic type, 4.1 cm. 4. Right breast: Fibrocystic "
            "changes. No atypia, in-situ or invasive carcinoma identified. SYNOPTIC (CAP Breast Invasive Resection "
            "4.8): Tumor laterality: Left. Histologic type: Invasive lobular carcinoma. Tumor size: 41 mm.")
    sides = {f.value for f in findings(text, "ocr") if f.path == "diagnosis.laterality" and f.is_fact}
    assert sides == {"left"}


def test_lead25_a_cancer_treated_in_a_past_year_is_history():
    from tests.test_extract_pathology import findings

    text = ("Material: Mama esquerda - setorectomia (left breast segmentectomy). Historia: Paciente com carcinoma de mama "
            "direita tratado em 2009 (right breast cancer treated 2009, lobular). Diagnostico: Carcinoma invasivo de "
            "tipo nao especial, left, grau 2.")
    right = [f for f in findings(text, "ocr") if f.path == "diagnosis.laterality" and f.value == "right"]
    assert right and all(f.assertion == "historical" for f in right)
