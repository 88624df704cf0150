"""Round 24c: value-keeping OCR and run-on damage in TCGA-form text, read as a careful reader would.

A probe damaged report texts the way OCR and the TCGA conversion do (a word cut at a printed line's
end and joined with ". ", a space inside a word, a speck read as a lone mark between words, one
letter misread in a word beside a value, a Nottingham component's word cut from its score) and
counted the values lost. Each row is one such damage the extractor now reads through, on an OCR
page; each distractor row is a leniency's limit (it must invent nothing). The rows run in
tests/test_extract_pathology.py with every round's phrasing and distractor rows.
"""

from __future__ import annotations


#: Long enough, and without a line break, for the page to read as run-on text (`extract.run_on`).
_PAD = "Report printed by the laboratory information system at the request of the treating clinic. " * 3

GEN24C_ROWS = [
    # a key word cut at its printed line's end and joined with ". " (a hyphen before the period)
    (_PAD + "CORE BIOPSY: INVASIVE DUCTAL CARCINOMA, GRADE 3. LYMPHOVASCULAR INVAS-. ION: NOT SEEN IN THE CORES.",
     "diagnosis.lvi", "absent", "LYMPHOVASCULAR INVAS-. ION: NOT SEEN", "ocr"),
    (_PAD + "VENOUS / LYMPHATIC INVASION: NOT IDENTIFIED. MARGINS NEGAT-. IVE. DISTANCE TO DEEP MARGIN 4 MM.",
     "diagnosis.margins", "negative", "MARGINS NEGAT-. IVE", "ocr"),
    (_PAD + "HER2 FISH (VYSIS): HER2/CEP17 RATIO 4.6; MEAN HER2 SIGNALS PER NUCLEUS 9.8. AMPL-. IFIED.",
     "receptors.her2.ish_result", "amplified",
     "HER2 FISH (VYSIS): HER2/CEP17 RATIO 4.6; MEAN HER2 SIGNALS PER NUCLEUS 9.8. AMPL-. IFIED", "ocr"),
    (_PAD + "PROGESTERONE RECEP-. TOR (1E2): NEGATIVE (0%). HER2: 1+, NEGATIVE.",
     "receptors.pr.status", "negative", "PROGESTERONE RECEP-. TOR (1E2): NEGATIVE", "ocr"),
    # ... with OCR's digit for a letter in a piece: the dash before the join is no "negative" ("ER-")
    (_PAD + "ER (DCIS): PO5I-. TIVE, 90%. COMMENT: HER2 TESTING IS NOT PERFORMED ON THE MICROINVASIVE FOCUS.",
     "receptors.er.status", "positive", "ER (DCIS): PO5I-. TIVE", "ocr"),
    (_PAD + "RECEPTOR DE ESTROGENO: POSITIVO. PROGESTERONE RECEPTOR: POS1T-. IVE (70%).",
     "receptors.pr.status", "positive", "PROGESTERONE RECEPTOR: POS1T-. IVE", "ocr"),
    # a space inside a word
    (_PAD + "IMMUNOHISTOCHEMISTRY (BLOCK A3): ESTROG EN RECEPTOR: POSITIVE (90%, STRONG).",
     "receptors.er.percent", 90.0, "ESTROG EN RECEPTOR: POSITIVE (90%", "ocr"),
    ("Left breast, lumpectomy: invasive duct al carcinoma, Nottingham grade 2, 1.4 cm.",
     "diagnosis.histology", "invasive_ductal", "invasive duct al carcinoma", "ocr"),
    # a speck read as a lone mark between two words
    (_PAD + "ESTROGEN ~ RECEPTOR: POSITIVE (99%). PROGESTERONE RECEPTOR: POSITIVE (95%).",
     "receptors.er.percent", 99.0, "ESTROGEN ~ RECEPTOR: POSITIVE (99%", "ocr"),
    (_PAD + "ER: Positive. Allred Score: 7. PR: ` Negative. Allred Score: 0 = Proportion Score 0 + Intensity Score 0.",
     "receptors.pr.status", "negative", "PR: ` Negative", "ocr"),
    # one letter misread in a word beside the value (words added to the respelled ones)
    ("Estrogen receptor: Positive (90%, strong). Progesterone receptor: Positive (5%, wcak).",
     "receptors.pr.intensity", "weak", "Progesterone receptor: Positive (5%, wcak", "ocr"),
    ("Lymph nodes: Sentinel lymph node. Lymph node 5tatus: Negative 0/5.",
     "lymph_nodes.examined", 5, "Lymph node 5tatus: Negative 0/5", "ocr"),
    ("NOTTINGHAM SCORE: 8/9 (TUBULES=3, MITOSES=2, NUCLE1=3). TUMOR SIZE: 3.1 CM.",
     "diagnosis.grade_nuclei", 3, "NUCLE1=3", "ocr"),
    ("Organ: Breast Slde: Left. Procedure: Mastectomy.",
     "diagnosis.laterality", "left", "Breast Slde: Left", "ocr"),
    ("B. Right sentinel lympli nodes: 0/2. Stage: pT2 pN0(sn).",
     "lymph_nodes.examined", 2, "lympli nodes: 0/2", "ocr"),
    ("Anatomic Site: Riglit Breast. Tumor location: Primary.",
     "diagnosis.laterality", "right", "Anatomic Site: Riglit Breast", "ocr"),
    ("RESIDUAL INFILTRATING DUCTAL CARCINOMA. RESIDUAL TUMOR SI2E: 2.5 X 2.0 X 1.5 CM.",
     "diagnosis.tumor_size_mm", 25.0, "RESIDUAL TUMOR SI2E: 2.5 X 2.0 X 1.5 CM", "ocr"),
    (_PAD + "ESTROGEN _ RECEPTOR: POSITIVE; 95% OF NUCLEI; INTENSITY STRONG; ALLRED 8/8.",
     "receptors.er.status", "positive", "ESTROGEN _ RECEPTOR: POSITIVE", "ocr"),
    # a Nottingham component's word cut from its score, or from the rest of its name
    (_PAD + "MODIFIED SBR GRADE: 2 (TUBULES 2, NUCLEI. 3, MITOSES. 1 = 6).",
     "diagnosis.grade_nuclei", 3, "TUBULES 2, NUCLEI. 3, MITOSES. 1 = 6", "ocr"),
    (_PAD + "NOTTINGHAM GRADE 2 (TUBULES 3, NUCLEAR. PLEOMORPHISM 2, MITOSES 1).",
     "diagnosis.grade_nuclei", 2, "NUCLEAR. PLEOMORPHISM 2", "ocr"),
    (_PAD + "INVASIVE DUCTAL CARCINOMA, NOS TYPE, HISTOLOGIC. GRADE. II/III. (MODERATE TUBULE FORMATION).",
     "diagnosis.grade", 2, "HISTOLOGIC. GRADE. II/III", "ocr"),
    # an invasion's kind cut from its noun: a "NO" after it is still its negation
    (_PAD + "MICROCALCIFICATIONS: PRESENT. VENOUS / LYMPHATIC. INVASION: NO DEFINITIVE EVIDENCE. MARGINS FREE.",
     "diagnosis.lvi", "absent", "VENOUS / LYMPHATIC. INVASION: NO DEFINITIVE EVIDENCE", "ocr"),
    (_PAD + "PR: POSITIVE. ALLRED. SCORE: 8 = PROPORTION SCORE 5 + INTENSITY SCORE 3.",
     "receptors.pr.allred", 8, "PR: POSITIVE. ALLRED. SCORE: 8", "ocr"),
]

GEN24C_DISTRACTOR_ROWS = [
    # "NO" as a word is no N0 outside a TNM string
    (_PAD + "NO LYMPH NODES ARE IDENTIFIED. NO EVIDENCE OF MALIGNANCY.", "stage.pathologic.n", "ocr"),
    # a sentence that ends on a component's word, and the next one that opens with a count
    (_PAD + "INVASIVE DUCTAL CARCINOMA WITH ENLARGED NUCLEI. 3 OF 12 LYMPH NODES ARE POSITIVE.",
     "diagnosis.grade_nuclei", "ocr"),
    # a lone I after a grade's word opens the next sentence ("I AGREE"), and is no grade I
    (_PAD + "THE SLIDES WERE SHOWN FOR NUCLEAR GRADE. I AGREE WITH THE OUTSIDE DIAGNOSIS OF CARCINOMA.",
     "diagnosis.grade", "ocr"),
    # a joined word is still a family member's, a hypothetical's, a control's
    (_PAD + "FAMILY HISTORY: MOTHER WITH ESTROG EN RECEPTOR POSITIVE BREAST CANCER.", "receptors.er.status", "ocr"),
    (_PAD + "IF ESTROGEN ~ RECEPTOR IS POSITIVE, ENDOCRINE THERAPY WILL BE CONSIDERED.", "receptors.er.status", "ocr"),
    (_PAD + "EXTERNAL CONTROL: PROGESTERONE RECEP-. TOR POSITIVE (TONSIL). THE TUMOR WAS NOT TESTED.",
     "receptors.pr.status", "ocr"),
    (_PAD + "IF THE PROGESTERONE RECEPTOR IS POS1T-. IVE ON THE EXCISION, ENDOCRINE THERAPY WILL BE DISCUSSED.",
     "receptors.pr.status", "ocr"),
    # a question put to the pathologist is no finding, with its word joined
    (_PAD + "CLINICAL QUESTION: RULE OUT LYMPHOVASCULAR INVAS-. ION.", "diagnosis.lvi", "ocr"),
    # two pieces that are words of their own are not joined; a mark before a number is no speck
    (_PAD + "TUMOR SIZE ~ 2 CM BY IMAGING; NO DE NOVO LESION.", "lymph_nodes.examined", "ocr"),
    # the respelled words are read on OCR pages only
    ("Estrogen receptor: Positive (90%, wcak).", "receptors.er.intensity", "text-layer"),
]
