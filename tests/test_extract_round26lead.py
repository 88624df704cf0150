"""Round 26 (lead): phrasings read from three blind sets written by writers who never saw the extractor
(docs/benchmarks.md, "twenty-third round"): a benign part's text that runs on into the report's receptors,
run-on line ends inside labels, foreign labels, totals stated as such, and a numbered part's bracket."""

from tests.clinical_helpers import ocr_report_profile as _profile

LEAD26_ROWS = [
    # sizes: a German label with its umlaut dropped, a largest focus after a run-on line end, a Russian
    # "tumour node" with a line end after it, a quadrant then ", size", what a specimen contains
    ('HISTOLOGIE / DIAGNOSIS: INVASIVE LOBULAR CARCINOMA. TUMORGROSSE (SIZE): 4.2 X 3.1 X 2.5 CM. BEGLEITENDES LCIS.',
     'diagnosis.tumor_size_mm', 42.0, 'TUMORGROSSE (SIZE): 4.2 X 3.1 X 2.5 CM', 'ocr'),
    ('DIAGNOSIS: RIGHT BREAST - MULTIFOCAL INVASIVE CARCINOMA NST, GRADE 3, LARGEST. 32 MM. AXILLA: 5/18.',
     'diagnosis.tumor_size_mm', 32.0, 'MULTIFOCAL INVASIVE CARCINOMA NST, GRADE 3, LARGEST. 32 MM', 'ocr'),
    ('RESULT: INVASIVE DUCTAL CARCINOMA G3 OF THE LEFT MAMMARY GLAND, TUMOUR NODE. 5.5 CM WITH FOCI OF NECROSIS.',
     'diagnosis.tumor_size_mm', 55.0, 'TUMOUR NODE. 5.5 CM', 'ocr'),
    ('Gross description: Tumour at upper outer quadrant, size 2.8 x 2.0 cm. Microscopic: invasive carcinoma.',
     'diagnosis.tumor_size_mm', 28.0, 'Tumour at upper outer quadrant, size 2.8 x 2.0 cm', 'text-layer'),
    ('FINAL DIAGNOSIS: THE SPECIMEN LABELLED RIGHT BREAST WIDE LOCAL EXCISION CONTAINS A 1.2 CM INVASIVE DUCTAL '
     'CARCINOMA, GRADE 1.', 'diagnosis.tumor_size_mm', 12.0, '1.2 CM INVASIVE DUCTAL CARCINOMA', 'ocr'),
    ('Histopathological diagnosis:. Carcinoma ductale infiltrans (NST), G2. Wielkosc guza (tumour size): 26 mm.',
     'diagnosis.tumor_size_mm', 26.0, 'Wielkosc guza (tumour size): 26 mm', 'ocr'),
    ('I. Mamma rechts: invasief lobulair carcinoom, graad 2 (Bloom en Richardson),. maximale diameter 4,5 cm. LCIS.',
     'diagnosis.tumor_size_mm', 45.0,
     'carcinoom, graad 2 (Bloom en Richardson),. maximale diameter 4,5 cm', 'ocr'),
    ('1. RIGHT BREAST: INVASIVE DUCTAL CARCINOMA, NOTTINGHAM GRADE 3. (SCORE 8: 3/3/2), 1.6 CM. DCIS, HIGH GRADE.',
     'diagnosis.tumor_size_mm', 16.0, 'CARCINOMA, NOTTINGHAM GRADE 3. (SCORE 8: 3/3/2), 1.6 CM', 'ocr'),
    ('3. LEFT BREAST, LUMPECTOMY: INFILTRATING DUCTAL CARCINOMA, MODIFIED. BLOOM-RICHARDSON GRADE 2 (7/9), 2.6 CM.',
     'diagnosis.tumor_size_mm', 26.0, 'CARCINOMA, MODIFIED. BLOOM-RICHARDSON GRADE 2 (7/9), 2.6 CM', 'ocr'),
    ('Diagnostico:. Mama esquerda: carcinoma lobular invasivo, multifocal (4 focos). Maior. foco: 1.3 cm. Grau 2.',
     'diagnosis.tumor_size_mm', 13.0, 'Maior. foco: 1.3 cm', 'ocr'),
    # receptors: a ligand assay's value cut by a run-on line end, Vietnamese words split likewise, a French
    # abbreviation glossed in English, quoted plus signs, a Spanish label split after "de"
    ('HORMONE RECEPTORS (LIGAND BINDING ASSAY): ESTROGEN RECEPTOR 142. FM0L/MG PROTEIN - POSITIVE.',
     'receptors.er.status', 'positive', 'ESTROGEN RECEPTOR 142. FM0L/MG PROTEIN - POSITIVE', 'ocr'),
    ('HOA MO MIEN DICH (IHC): ER AM TINH (NEGATIVE). PR AM TINH (NEGATIVE). HER2 DUONG. TINH 3 + (POSITIVE).',
     'receptors.her2.ihc_score', '3+', 'HER2 DUONG. TINH 3 +', 'ocr'),
    ("Recepteurs hormonaux: RE (estrogen receptor) positif, score d'Allred 7 (proportion 5, intensite 2).",
     'receptors.er.status', 'positive', 'RE (estrogen receptor) positif', 'text-layer'),
    ("RP (progesterone receptor) positif, score d'Allred 3 (proportion 2, intensite 1).",
     'receptors.pr.status', 'positive', 'RP (progesterone receptor) positif', 'text-layer'),
    ('IMMUNOHISTOCHEMISTRY: ESTROGEN RECEPTORS: "+++" (STRONG NUCLEAR. STAINING IN 80% OF CELLS).',
     'receptors.er.percent', 80.0,
     'ESTROGEN RECEPTORS: "+++" (STRONG NUCLEAR. STAINING IN 80%', 'ocr'),
    ('INMUNOHISTOQUIMICA: RECEPTORES DE ESTROGENOS: NEGATIVO (0%). RECEPTORES DE. PROGESTERONA: NEGATIVO (0%).',
     'receptors.pr.status', 'negative', 'RECEPTORES DE. PROGESTERONA: NEGATIVO', 'ocr'),
    # node counts
    ('PATHOLOGY DIAGNOSIS: INVASIVE DUCTAL CARCINOMA. TUMOR SIZE 3.5 CM. LYMPH NODE. METASTASIS 2/10. STAGING: PT2.',
     'lymph_nodes.examined', 10, 'LYMPH NODE. METASTASIS 2/10', 'ocr'),
    ('III. Okselklierdissectie rechts: 1/7 klieren met metastase. Totaal 2/8. pT2 N1a (TNM 7e editie).',
     'lymph_nodes.examined', 8, 'Totaal 2/8', 'ocr'),
    ('CONCLUSION: (1) INVASIVE DUCTAL CARCINOMA OF LEFT BREAST, G3. (2) NINE LYMPH NODES WITHOUT METASTASES (O/9). '
     '(3). BREAST TISSUE WITH FIBROSIS.', 'lymph_nodes.examined', 9, '(O/9)', 'ocr'),
    ('B. LEVEL III NODES: METASTATIC CARCINOMA IN 1 OF 2. TOTAL NODAL STATUS: 12 POSITIVE OF 18 (l2/18). PT3 PN3A.',
     'lymph_nodes.positive', 12, 'NODAL STATUS: 12 POSITIVE OF 18', 'ocr'),
    ('- GANGLIOS LINFATICOS: METASTASIS EN 3 DE 22 GANGLIOS (3/2 2), SIN EXTENSION EXTRACAPSULAR.',
     'lymph_nodes.examined', 22, 'METASTASIS EN 3 DE 22 GANGLIOS', 'ocr'),
    ('SUMMARY: TOTAL OF 3 OF 15 LYMPH NODES POSITIVE (SENTINEL 1/1; NON-SENTINEL. 2/14). PT2 PN1a.',
     'lymph_nodes.examined', 15, 'TOTAL OF 3 OF 15 LYMPH NODES', 'ocr'),
    ('2. Sentinel lymph node: tumour-free (0/1). 3. Axillary dissection: eleven tumour-free lymph nodes (0/11). '
     'TNM (UICC 7. Auflage): pT1b, pN0 (0/12; sn 0/1), L0, V0, R0, G1.', 'lymph_nodes.examined', 12, 'pN0 (0/12', 'ocr'),
    ('| Margins | All margins free |. | Lymph nodes | 0/18 (no metastasis) |. | pTNM (AJCC 8th) | pT3 N0 |.',
     'lymph_nodes.examined', 18, 'Lymph nodes | 0/18', 'ocr'),
    ('DIAGNOSIS: LEFT BREAST: INVASIVE DUCTAL CARCINOMA, GRADE 3; AXILLARY LYMPH NODES. 8/13 POSITIVE. PT4 B PN2A.',
     'lymph_nodes.positive', 8, 'AXILLARY LYMPH NODES. 8/13', 'ocr'),
    # grades: "Bloom and Richardson", a long bracketed system name in Spanish
    ('MICROSCOPIE: THE AREA MEASURES 60 MM (EXTENT; NOT THE TUMOUR SIZE). BLOOM AND RICHARDSON GRADE II.',
     'diagnosis.grade', 2, 'BLOOM AND RICHARDSON GRADE II', 'ocr'),
    ('- Tipo histologico: Carcinoma ductal infiltrante. - Grado histologico (Scarff-Bloom-Richardson modificado): 3 '
     '(formacion tubular 3, pleomorfismo 3, mitosis 2; total 8).', 'diagnosis.grade', 3,
     'Grado histologico (Scarff-Bloom-Richardson modificado): 3', 'text-layer'),
    # histology: a mixed type named in words, and in Latin
    ('Rozpoznanie (diagnosis):. Carcinoma mammae sinistrae: invasive carcinoma of mixed type - ductal NST (approx. '
     '60%) and lobular (approx. 40%).', 'diagnosis.histology', 'mixed_ductal_lobular',
     'invasive carcinoma of mixed type - ductal NST (approx. 60%) and lobular', 'ocr'),
    ('Rozpoznanie: carcinoma ductale et lobulare invasivum mammae sinistrae.', 'diagnosis.histology',
     'mixed_ductal_lobular', 'carcinoma ductale et lobulare invasivum', 'text-layer'),
    # round 26 j/k: an Allred total with its parts, a Russian label and its points, a word split in three
    ('Tumor markers (block A5):. ER  Allred total score 7/8 (PS 4 + IS 3)  - positive. PR  Allred total score 3/8.',
     'receptors.er.allred', 7, 'ER  Allred total score 7/8', 'text-layer'),
    ('Иммуногистохимия (IHC):. РЭ (ER): 6 баллов Allred (PS 4 + IS 2) - positive. HER2/neu: 3+ (positive).',
     'receptors.er.status', 'positive', 'РЭ (ER): 6 баллов Allred (PS 4 + IS 2) - positive', 'text-layer'),
    ('RECEPTORS (BLOCK 1C):. OESTROGEN RECEPTOR: POSITIVE, H-SCORE 240. PROGE STER ONE RECEPTOR: NEGATIVE, H-SCORE 0.',
     'receptors.pr.status', 'negative', 'PROGE STER ONE RECEPTOR: NEGATIVE', 'ocr'),
    # a status in the report's language before its English one; French adverbs and the (ER) gloss
    ('IMUNOHISTOCHEMINIS TYRIMAS: ER NEIGIAMAS/NEGATIVE (0%); PR NEIGIAMAS/NEGATIVE (0%); HER2 1+.',
     'receptors.er.percent', 0.0, 'ER NEIGIAMAS/NEGATIVE (0%', 'ocr'),
    ("Marqueurs / Biomarkers:. Recepteurs d'oestrogenes (ER): faiblement positif / LOW POSITIVE, 3% des cellules.",
     'receptors.er.percent', 3.0, "Recepteurs d'oestrogenes (ER): faiblement positif / LOW POSITIVE, 3%", 'text-layer'),
    # a ratio with OCR's l for its 1 (and not the criteria's range after it)
    ('HER2 FISH  HER2/CEP17 RATIO l.9; AVERAGE HER2 COPY NUMBER 4.6 PER CELL. INTERPRETATION: EQUIVOCAL (ASCO/CAP 2007 '
     'CRITERIA, RATIO 1.8-2.2).', 'receptors.her2.ish_ratio', 1.9,
     'HER2/CEP17 RATIO l.9', 'ocr'),
    # nodes: "0UT" for out and a run-on inside "LYMPH. NODES", a letter for a digit after a real one,
    # a bar table's pair of labels, leader dots of a CAP checklist
    ('6) LYMPH NODE METASTASIS: METASTASIS IN 2 0UT OF 4 SENTINEL LYMPH. NODES (SLN #1 1.1 CM), PERINODAL EXTENSION: '
     'ABSENT.', 'lymph_nodes.examined', 4, '2 0UT OF 4 SENTINEL LYMPH. NODES', 'ocr'),
    ('DIAGNOSIS: INFILTRATING DUCT CARCINOMA, NOS, GRADE Il. TUMOUR SIZE: 3.8 CM. LYMPH NODES: 3/1l POSITIVE.',
     'lymph_nodes.examined', 11, 'LYMPH NODES: 3/1l', 'ocr'),
    ('| Histologic grade | 2 |. | Tumor size (cm) | 2.1 |. | Lymph nodes positive / examined | 0 / 3 |.',
     'lymph_nodes.examined', 3, 'Lymph nodes positive / examined | 0 / 3', 'ocr'),
    ('| Histologic grade | 2 |. | Tumor size (cm) | 2.1 |. | Lymph nodes positive / examined | 0 / 3 |.',
     'diagnosis.tumor_size_mm', 21.0, 'Tumor size (cm) | 2.1', 'ocr'),
    ('| Histologic grade | 2 |. | Tumor size (cm) | 2.1 |. | Lymph nodes positive / examined | 0 / 3 |.',
     'diagnosis.grade', 2, 'Histologic grade | 2', 'ocr'),
    ('SYNOPTIC REPORT - Breast. Lymph Node Sampling .............. Sentinel lymph node(s). Lymph Nodes Examined '
     '............. 2     Sentinel: 2.', 'lymph_nodes.examined', 2, 'Lymph Nodes Examined ............. 2', 'text-layer'),
    # a Swedish diagnosis header with its gloss opens the diagnosis (the values were read as gross description)
    ('MAKROSKOPI: 1. RESECTION 75 X 55 X 30 MM. PAD (DIAGNOSIS):. 1. INVASIVE BREAST CANCER OF NO SPECIAL TYPE '
     '(DUCTAL), NHG 1. TUMOUR SIZE 13 MM.', 'diagnosis.histology', 'invasive_ductal',
     'BREAST CANCER OF NO SPECIAL TYPE', 'ocr'),
    # round 26 m: a Canadian "Diagnosis summary:" header, Vietnamese and Polish labels, three qualifiers before a
    # largest focus, a tumour node's quadrant, OCR's CN for cm, nodes "of which" are involved, a pN's count
    ('Clinical: Multifocal right breast carcinoma on MRI. Diagnosis summary: Invasive ductal carcinoma (NST), right '
     'breast. Sentinel lymph nodes: 0/3 (negative).', 'lymph_nodes.examined', 3, 'lymph nodes: 0/3', 'text-layer'),
    ('KET LUAN: CARCINOMA ONG TUYEN XAM NHAP (INVASIVE DUCTAL CARCINOMA). KICH THUOC U 3.0 CM. HACH NACH: 3/9 HA CH DI '
     'CAN.', 'diagnosis.tumor_size_mm', 30.0, 'KICH THUOC U 3.0 CM', 'ocr'),
    ('KET LUAN: CARCINOMA ONG TUYEN XAM NHAP (INVASIVE DUCTAL CARCINOMA). KICH THUOC U 3.0 CM. HACH NACH: 3/9 HA CH DI '
     'CAN.', 'lymph_nodes.examined', 9, 'HACH NACH: 3/9', 'ocr'),
    ('ROZPOZNANIE: CARCINOMA DUCTALE INVASIVUM (NST), G3. WEZLY CHLONNE WARTOWNICZE: 0/3 (BEZ PRZERZUTOW).',
     'lymph_nodes.examined', 3, 'WEZLY CHLONNE WARTOWNICZE: 0/3', 'ocr'),
    ('MATERIAL: PIERS LEWA - KWADRANTEKTOMIA. ROZPOZNANIE: CARCINOMA DUCTALE INVASIVUM (NST), G3.',
     'diagnosis.laterality', 'left', 'PIERS LEWA', 'ocr'),
    ('MICROSCOPIC: RESIDUAL TUMOUR: INFILTRATING DUCT CARCINOMA, GRADE III. LARGEST CONTIGUOUS RESIDUAL INVASIVE FOCUS: '
     '3.2 CM (YPT2).', 'diagnosis.tumor_size_mm', 32.0, 'LARGEST CONTIGUOUS RESIDUAL INVASIVE FOCUS: 3.2 CM', 'ocr'),
    ('MACRO: TUMOUR NODE IN UPPER OUTER QUADRANT, 3.4 X 3.0 X 2.8 CM, GREY-WHITE, STELLATE. MICRO: INFILTRATIVE '
     'DUCTAL CARCINOMA.', 'diagnosis.tumor_size_mm', 34.0, 'TUMOUR NODE IN UPPER OUTER QUADRANT, 3.4 X 3.0 X 2.8 CM',
     'ocr'),
    ('(1) RIGHT BREAST, EXCISION: INFILTRATING LOBULAR CARCINOMA, CLASSIC TYPE. MAXIMUM DIMENSION OF TUMOR 2.5 CN. '
     'MARGINS CLEAR.', 'diagnosis.tumor_size_mm', 25.0, 'MAXIMUM DIMENSION OF TUMOR 2.5 CN', 'ocr'),
    ('MASTECTOMY SPECIMEN 20 X 16 X 7 CM WITH ULCERATED SKIN 4 X 3 CM OVERLYING A FIRM TUMOUR 6.2 X 5.0 X 4.5 CM. '
     'MICROSCOPY: INVASIVE DUCTAL CARCINOMA.', 'diagnosis.tumor_size_mm', 62.0, 'TUMOUR 6.2 X 5.0 X 4.5 CM', 'ocr'),
    ('SEVENTEEN LYMPH NODES WERE IDENTIFIED IN THE AXILLARY CLEARANCE, OF WHICH FOUR CONTAIN METASTATIC CARCINOMA, '
     'THE LARGEST DEPOSIT 9 MM.', 'lymph_nodes.positive', 4,
     'SEVENTEEN LYMPH NODES WERE IDENTIFIED IN THE AXILLARY CLEARANCE, OF WHICH FOUR CONTAIN METASTATIC CARCINOMA',
     'ocr'),
    ('MICROSCOPY: LYMPHOVASCULAR INVASION PRESENT. SEVEN (7) OF THIRTEEN (l3) AXILLARY LYMPH NODES SHOW METASTATIC '
     'CARCINOMA.', 'lymph_nodes.examined', 13, 'SEVEN (7) OF THIRTEEN (l3) AXILLARY LYMPH NODES', 'ocr'),
    ('FINAL DIAGNOSIS: RIGHT BREAST, POST-NACT: NO RESIDUAL INVASIVE CARCINOMA IN BREAST (YPTO). RESIDUAL NODAL '
     'DISEASE: 1/16 (YPN1A).', 'lymph_nodes.examined', 16, 'RESIDUAL NODAL DISEASE: 1/16', 'ocr'),
    ('Diagnosis: pT1c. Regional lymph nodes: 2 with macro/micro metastasis of 4 examined. pN: pN1a.',
     'lymph_nodes.examined', 4, 'lymph nodes: 2 with macro/micro metastasis of 4 examined', 'text-layer'),
    ('DIAGNOSE: DIE RESEKTION ZEIGT EIN REIN LOBULAERES KARZINOM (E-CADHERIN NEGATIV).', 'diagnosis.histology',
     'invasive_lobular', 'REIN LOBULAERES KARZINOM', 'ocr'),
    ('PROGESTERONREZEPTOR: IRS 2 (SCHWACH POSITIV).', 'receptors.pr.status', 'positive',
     'PROGESTERONREZEPTOR: IRS 2 (SCHWACH POSITIV', 'ocr'),
    # a fraction whose examined count OCR read with an l for its 1 (and no count of 4 of 4 from "4/l7 NODES")
    ('SUMMARY: RIGHT BREAST, GRADE 3 INVASIVE DUCTAL CARCINOMA, 32 MM, 4/l7 NODES POSITIVE.', 'lymph_nodes.examined',
     17, '4/l7 NODES', 'ocr'),
    # a clinical staging string called so in the bracket after it
    ('PREVIOUS CLINICAL STAGING BEFORE. SURGERY: T2 NO M0 (CLINICAL, NOT CONFIRMED). IMMUNOHISTOCHEMISTRY: ER +.',
     'stage.clinical.n', 'N0', 'NO', 'ocr'),
]

LEAD26_DISTRACTOR_ROWS = [
    # that clinical string is no pathologic category
    ('PREVIOUS CLINICAL STAGING BEFORE. SURGERY: T2 NO M0 (CLINICAL, NOT CONFIRMED). IMMUNOHISTOCHEMISTRY: ER +.',
     'stage.pathologic.n', 'ocr'),
    # a specimen's own measure is still no tumour size
    ('GROSS: THE SPECIMEN LABELLED LEFT BREAST CONTAINS A 12 X 8 X 3 CM PORTION OF FATTY TISSUE.',
     'diagnosis.tumor_size_mm', 'ocr'),
    # a German "cannot be safely excluded" hedges the type before it
    ('ANMERKUNG: IM VORBEFUND WAR EIN INVASIV-DUKTALES KARZINOM NICHT SICHER AUSZUSCHLIESSEN.', 'diagnosis.histology',
     'ocr'),
    # a numbered part's bracket is not a count of nodes
    ('CONCLUSION: (2) LYMPH NODE TISSUE, SEE COMMENT.', 'lymph_nodes.examined', 'ocr'),
]




def test_lead26_receptors_after_a_benign_part_are_the_reports():
    # The last part (a prophylactic mastectomy of the other breast) holds no cancer; the stage and receptor
    # results the report gives after it are the index cancer's, not an "other tumour" of that side.
    text = ("SPECIMEN: A. LEFT BREAST, SIMPLE MASTECTOMY. B. RIGHT BREAST, PROPHYLACTIC SIMPLE MASTECTOMY. "
            "FINAL DIAGNOSIS:. A. BREAST, LEFT, SIMPLE MASTECTOMY: METAPLASTIC CARCINOMA, HISTOLOGIC GRADE 3. "
            "SIZE 4.5 CM. B. BREAST, RIGHT, PROPHYLACTIC MASTECTOMY: FIBROCYSTIC CHANGE, NO ATYPIA OR. MALIGNANCY. "
            "NO CARCINOMA IS IDENTIFIED. STAGE: PT2 PNO(SN) MX. ANCILLARY: ER NEGATIVE (0%), PR NEGATIVE (0%), "
            "HER2 NEGATIVE (IHC 0).")
    profile = _profile(text)
    assert profile["diagnosis"]["laterality"] == "left"
    assert profile["receptors"]["er"]["status"] == "negative"
    assert profile["receptors"]["her2"]["ihc_score"] == "0"
    assert "other_tumors" not in profile


def test_lead26_a_second_cancer_keeps_its_own_receptors():
    # Both breasts hold a carcinoma: the right part's receptors stay the right breast's.
    text = ("FINAL DIAGNOSIS:. A. BREAST, LEFT, MASTECTOMY: INVASIVE DUCTAL CARCINOMA, GRADE 3, 4.5 CM. "
            "ER NEGATIVE (0%). B. BREAST, RIGHT, EXCISION: INVASIVE LOBULAR CARCINOMA, GRADE 1, 0.8 CM. "
            "ER POSITIVE (95%).")
    profile = _profile(text)
    assert profile["receptors"]["er"]["status"] == "negative"
    assert profile["other_tumors"][0]["receptors"]["er"]["status"] == "positive"


def test_lead26_remaining_nodes_beside_a_node_with_isolated_cells_are_not_added():
    text = ("FINAL DIAGNOSIS: A. Left breast, lumpectomy: Invasive ductal carcinoma, grade 3, 2.2 cm. "
            "B. Sentinel lymph nodes (3): isolated tumor cells (cluster 0.15 mm) in one node detected on keratin "
            "immunostain only; the remaining two nodes negative.")
    profile = _profile(text)
    assert profile["lymph_nodes"]["examined"] == 3
    assert profile["lymph_nodes"]["positive"] == 0


def test_lead26_a_material_list_names_each_numbered_parts_side():
    text = ("MATERIAL: 1. MAMMA LINKS, SEGMENT  2. SLN LINKS (2)  3. MAMMA RECHTS, SEGMENT  4. SLN RECHTS (1). "
            "DIAGNOSE:. 1. INVASIVE CARCINOMA OF NO SPECIAL TYPE (NST), G2 (3+2+2), 28 MM. "
            "2. SENTINEL NODES LEFT: MACROMETASTASIS IN 1 OF 2 NODES (1/2). TNM LINKS (UICC 8): PT2 PN1A(SN). "
            "3. INVASIVE LOBULAR CARCINOMA, CLASSIC, G2, 7 MM. 4. SENTINEL NODE RIGHT: TUMOUR-FREE (0/1). "
            "TNM RECHTS (UICC 8): PT1B PN0(SN).")
    profile = _profile(text)
    assert profile["diagnosis"]["laterality"] == "left"
    assert profile["diagnosis"]["tumor_size_mm"] == 28.0


def test_lead26_a_past_cancer_under_a_history_side_header_is_not_the_index_side():
    text = ("Clinical details: 58F. Right breast: grade 1 NST carcinoma 2010 (pT1b N0, ER+) treated with WLE and "
            "radiotherapy. New left breast mass. Microscopy:. 3. An invasive carcinoma, mixed NST and lobular, "
            "grade 2. SUMMARY / RCPath DATASET:. Side: Left. Invasive size: 29 mm.")
    assert _profile(text)["diagnosis"]["laterality"] == "left"


def test_lead26_a_minor_component_of_a_metaplastic_carcinoma_is_not_its_type():
    text = ("Microscopy: A. Malignant neoplasm of spindle cells merging with a minor component of high grade invasive "
            "carcinoma NST. Conclusion: METAPLASTIC CARCINOMA (spindle cell and squamous), high grade.")
    assert _profile(text)["diagnosis"]["histology"] == "metaplastic"
    # named alone, the same words are the type
    assert _profile("Microscopy: a minor component of high grade invasive carcinoma NST.")["diagnosis"][
        "histology"] == "invasive_ductal"


def test_lead26_a_history_header_in_spanish_keeps_an_earlier_cancers_side_out():
    text = ("ANTECEDENTES: FEMENINA 55 ANOS. CARCINOMA DUCTAL DE MAMA IZQUIERDA EN 2004. "
            "ESPECIMEN: MASTECTOMIA RADICAL MODIFICADA DERECHA. DIAGNOSTICO:. MAMA DERECHA, MASTECTOMIA RADICAL "
            "MODIFICADA:. - CARCINOMA DUCTAL INFILTRANTE, GRADO HISTOLOGICO 3. - TAMANO TUMORAL: 5.2 CM.")
    assert _profile(text)["diagnosis"]["laterality"] == "right"


def test_lead26_receptors_after_a_part_not_submitted_are_the_reports():
    text = ("SPECIMEN: LEFT BREAST - RADICAL MASTECTOMY BY MADDEN. HISTOLOGICAL CONCLUSION: INFILTRATING LOBULAR CANCER "
            "OF THE LEFT BREAST,. TUMOUR 2. 4 CM, GRADE II. METASTASES OF LOBULAR CANCER IN 1 OF 8 LYMPH NODES. OF "
            "AXILLARY FAT (l/8). SKIN, NIPPLE WITHOUT TUMOUR. RIGHT BREAST: NOT. SUBMITTED. RECEPTORS (IHC): ER "
            "POSITIVE (+++), PR POSITIVE (++), HER2 NEGATIVE (0). TNM: T2 Nl MO")
    profile = _profile(text)
    assert profile["receptors"]["er"]["status"] == "positive"
    assert profile["receptors"]["her2"]["status"] == "negative"
    assert "other_tumors" not in profile
