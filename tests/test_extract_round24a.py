"""Round 24a: breast pathology reports from institutions and countries not yet imitated (US community and
academic reports of 1996-2013, Canadian, Polish, Russian, Ukrainian, Vietnamese, Nigerian, Brazilian,
Colombian, Turkish, Korean, Chinese-English, Pakistani, Saudi, Egyptian, Indian, Filipino and Kenyan reports
in English, some with own-language labels; a tissue bank's procurement summary; CAP checklists of several
vintages; a reference laboratory's result table with its legend)."""

import pytest

from tests.report_forms import report_profile

GEN24A_ROWS = [
    # a reference laboratory's result table: the row's interpretation column, not the legend under it
    ('TEST                       RESULT           INTERPRETATION\nHER2 (HercepTest)          3+               POSITIVE\n'
     '\nHER2: 0-1+ negative, 2+ equivocal, 3+ positive.\n', 'receptors.her2.status', 'positive',
     'HER2 (HercepTest)          3+               POSITIVE', 'text-layer'),
    # ... while a result written as a score range with its status, no scale after it, stays a result
    ('HER2 (IHC): 0-1+ negative', 'receptors.her2.status', 'negative', 'HER2 (IHC): 0-1+ negative', 'text-layer'),
    # leader dots between a label and its value (a community hospital's summary block)
    ('Tumor type ........................ Infiltrating ductal carcinoma\nHistologic grade .................. modified '
     'Scarff-Bloom-Richardson 2 of 3 (score 7)\n', 'diagnosis.grade', 2,
     'grade .................. modified Scarff-Bloom-Richardson 2 of 3', 'text-layer'),
    ('Tumor type ... Infiltrating ductal carcinoma. Histologic grade ... modified Scarff-Bloom-Richardson 2 of 3 '
     '(score 7).', 'diagnosis.grade', 2, 'grade ... modified Scarff-Bloom-Richardson 2 of 3', 'ocr'),
    ('Tumor type ........................ Infiltrating ductal carcinoma\nLymph nodes ....................... 12 '
     'nodes, 1 positive\n', 'lymph_nodes.positive', 1, 'Lymph nodes ....................... 12 nodes, 1 positive',
     'text-layer'),
    ('Tumor type ........................ Infiltrating ductal carcinoma\nLymph nodes ....................... 12 '
     'nodes, 1 positive\n', 'lymph_nodes.examined', 12, 'Lymph nodes ....................... 12 nodes, 1 positive',
     'text-layer'),
    ('Infiltrating ductal carcinoma.\nTNM ............................... T:2 N:1 M:X\n', 'stage.pathologic.n', 'N1',
     'N:1', 'text-layer'),
    ('Infiltrating ductal carcinoma. TNM ... T:2 N:1 M:X.', 'stage.pathologic.t', 'T2', 'T:2', 'ocr'),
    # a tissue bank's summary of the originating report
    ('Diagnosis: Infiltrating lobular carcinoma, pleomorphic variant\n Tumor size: 5.5 cm\n Lymph nodes: 3 sentinel '
     'nodes, 0 positive\n', 'lymph_nodes.examined', 3, 'Lymph nodes: 3 sentinel nodes, 0 positive', 'text-layer'),
    ('DIAGNOSIS: INFILTRATING LOBULAR CARCINOMA, PLEOMORPHIC VARIANT. TUMOR SIZE: 5.5 CM. LYMPH NODES: 3 SENTINEL '
     'NODES, 0 POSITIVE.', 'lymph_nodes.positive', 0, 'LYMPH NODES: 3 SENTINEL NODES, 0 POSITIVE', 'ocr'),
    # a node label, the state, then "in x of y" and its bracketed restatement with a plus
    ('Right breast, modified radical mastectomy:\n- Infiltrating duct carcinoma, moderately differentiated.\n'
     '- Axillary lymph nodes: metastatic carcinoma in 2 of 11 (2+/11), level I-II.\n', 'lymph_nodes.positive', 2,
     'Axillary lymph nodes: metastatic carcinoma in 2 of 11 (2+/11)', 'text-layer'),
    ('RIGHT BREAST, MODIFIED RADICAL MASTECTOMY:. - INFILTRATING DUCT CARCINOMA. - AXILLARY LYMPH NODES: '
     'METASTATIC CARCINOMA IN 2 OF 11 (2+/11), LEVEL I-II.', 'lymph_nodes.examined', 11,
     'AXILLARY LYMPH NODES: METASTATIC CARCINOMA IN 2 OF 11 (2+/11)', 'ocr'),
    # a Chinese-English report: the site after the node label's colon, an own-language word before it
    ('(左乳) 浸润性导管癌, II级 (Left breast) invasive ductal carcinoma, grade II.\n淋巴结 Lymph nodes: 腋窝 axillary 3/21 '
     '转移 (metastasis in 3 of 21).\n', 'lymph_nodes.examined', 21, 'Lymph nodes: 腋窝 axillary 3/21', 'text-layer'),
    ('Left breast: invasive ductal carcinoma, grade II. Lymph nodes: axillary 3/21.', 'lymph_nodes.positive', 3,
     'Lymph nodes: axillary 3/21', 'ocr'),
    # a Brazilian "do tipo não especial" (of the no-special type)
    (' - Carcinoma invasivo do tipo não especial (ductal invasivo), grau histológico 2 (Nottingham 2+2+2),\n',
     'diagnosis.histology', 'invasive_ductal', 'Carcinoma invasivo do tipo não especial', 'text-layer'),
    (' - CARCINOMA INVASIVO DO TIPO NÃO ESPECIAL (DUCTAL INVASIVO), GRAU HISTOLÓGICO 2 (NOTTINGHAM 2+2+2).',
     'diagnosis.grade', 2, 'GRAU HISTOLÓGICO 2', 'ocr'),
    # Quebec's bilingual labels
    ('Carcinome canalaire infiltrant / Infiltrating ductal carcinoma\n - Grade histologique (Nottingham): 1 (score '
     '5/9)\n - Dimension / Size: 1,3 cm\n', 'diagnosis.grade', 1, 'Grade histologique (Nottingham): 1', 'text-layer'),
    ('Carcinome canalaire infiltrant / Infiltrating ductal carcinoma\n - Grade histologique (Nottingham): 1 (score '
     '5/9)\n - Dimension / Size: 1,3 cm\n', 'diagnosis.tumor_size_mm', 13.0, 'Size: 1,3 cm', 'text-layer'),
    ('CARCINOME CANALAIRE INFILTRANT / INFILTRATING DUCTAL CARCINOMA. - GRADE HISTOLOGIQUE (NOTTINGHAM): 1 (SCORE '
     '5/9). - DIMENSION / SIZE: 1,3 CM.', 'diagnosis.tumor_size_mm', 13.0, 'SIZE: 1,3 CM', 'ocr'),
    # a Turkish size label glossed in English in brackets
    ('İnvaziv duktal karsinom (invasive ductal carcinoma, NOS)\n Tümör çapı (tumour size): 2,4 cm\n',
     'diagnosis.tumor_size_mm', 24.0, 'Tümör çapı (tumour size): 2,4 cm', 'text-layer'),
    # a tumour's size glossed in brackets (Vietnamese), or after a comma (India)
    ('Đại thể / Gross: khối u 3,0 x 2,5 cm (tumour 3.0 x 2.5 cm).\n\nChẩn đoán / Diagnosis:\nUng thư biểu mô ống xâm '
     'nhập (invasive ductal carcinoma, NST), độ mô học III (grade 3).\n', 'diagnosis.tumor_size_mm', 30.0,
     'tumour 3.0 x 2.5 cm', 'text-layer'),
    ('Left MRM:\n * Infiltrating duct carcinoma, grade III (modified Bloom-Richardson), tumour 4.0 x 3.2 x 3.0 cm.\n',
     'diagnosis.tumor_size_mm', 40.0, 'tumour 4.0 x 3.2 x 3.0 cm', 'text-layer'),
    # Polish receptor labels; a Turkish percent first in its bracket
    ('Immunohistochemia:\n Receptory estrogenowe (ER): 70% komórek, reakcja umiarkowana (moderate) - dodatni '
     '(positive)\n', 'receptors.er.percent', 70.0, 'Receptory estrogenowe (ER): 70%', 'text-layer'),
    ('IMMUNOHISTOCHEMIA:. RECEPTORY PROGESTERONOWE (PGR): 5% KOMÓREK, REAKCJA SŁABA (WEAK) - DODATNI (POSITIVE).',
     'receptors.pr.percent', 5.0, 'RECEPTORY PROGESTERONOWE (PGR): 5%', 'ocr'),
    ('ER: Pozitif (%95, güçlü); PR: Pozitif (%50, orta); HER2: Negatif (skor 0)', 'receptors.er.percent', 95.0,
     'ER: Pozitif (%95', 'text-layer'),
    ('ER: POZITIF (%95, GÜÇLÜ); PR: POZITIF (%50, ORTA); HER2: NEGATIF (SKOR 0)', 'receptors.pr.percent', 50.0,
     'PR: POZITIF (%50', 'ocr'),
    # a Polish diameter; a Chinese word before the English size label
    ('Rozpoznanie:\nCarcinoma ductale invasivum (NST), G3, średnica 26 mm.\n', 'diagnosis.tumor_size_mm', 26.0,
     'średnica 26 mm', 'text-layer'),
    ('(右乳) Right breast, modified radical mastectomy:\n 浸润性小叶癌 Invasive lobular carcinoma, 肿块大小 size 3.0 x 2.5 x '
     '2.0 cm.\n', 'diagnosis.tumor_size_mm', 30.0, 'size 3.0 x 2.5 x 2.0 cm', 'text-layer'),
    # a counted group of nodes that holds isolated tumour cells only: examined, none positive
    ('A. LEFT BREAST: INVASIVE DUCTAL CARCINOMA, 1.1 CM.\nB. LEFT AXILLARY SENTINEL LYMPH NODES (2): ISOLATED TUMOR '
     'CELLS IN ONE NODE; OTHER NODE NEGATIVE.\n', 'lymph_nodes.examined', 2, 'LYMPH NODES (2): ISOLATED TUMOR CELLS',
     'text-layer'),
    ('A. LEFT BREAST: INVASIVE DUCTAL CARCINOMA, 1.1 CM. B. LEFT AXILLARY SENTINEL LYMPH NODES (2): ISOLATED TUMOR '
     'CELLS IN ONE NODE; OTHER NODE NEGATIVE.', 'lymph_nodes.positive', 0, 'LYMPH NODES (2): ISOLATED TUMOR CELLS',
     'ocr'),
    # a biospecimen bank's quality-control form quoting the source site's report
    ('Histologic type (per source site report): Infiltrating ductal carcinoma\nTumor size per report: 2.2 cm\n',
     'diagnosis.tumor_size_mm', 22.0, 'Tumor size per report: 2.2 cm', 'text-layer'),
    ('Histologic type (per source site report): Infiltrating ductal carcinoma\nNottingham grade per report: 2\n',
     'diagnosis.grade', 2, 'Nottingham grade per report: 2', 'text-layer'),
    ('Histologic type (per source site report): Infiltrating ductal carcinoma. ER per report: positive; PR per '
     'report: positive; HER2 per report: negative (IHC 1+).', 'receptors.her2.ihc_score', '1+',
     'HER2 per report: negative (IHC 1+', 'ocr'),
    ('Histologic type (per source site report): Infiltrating ductal carcinoma\nER per report: positive; PR per '
     'report: positive\n', 'receptors.pr.status', 'positive', 'PR per report: positive', 'text-layer'),
]


GEN24A_DISTRACTOR_ROWS = [
    # a reference laboratory's legend under its result table
    ('ER/PR: positive if >=1% of tumor nuclei stain.', 'receptors.er.status', 'text-layer'),
    ('ER/PR: positive if >=1% of tumor nuclei stain.', 'receptors.pr.status', 'text-layer'),
    ('HER2: 0-1+ negative, 2+ equivocal, 3+ positive.', 'receptors.her2.status', 'text-layer'),
    ('HER2: 0-1+ NEGATIVE, 2+ EQUIVOCAL, 3+ POSITIVE.', 'receptors.her2.ihc_score', 'ocr'),
    ('HER2 is reported negative if 0 or 1+ and positive if 3+.', 'receptors.her2.status', 'text-layer'),
    # a nuclear or DCIS grade after leader dots
    ('Invasive ductal carcinoma.\nNuclear grade ......... 2\n', 'diagnosis.grade', 'text-layer'),
    ('Invasive ductal carcinoma.\nDCIS grade ......... 3\n', 'diagnosis.grade', 'text-layer'),
    # leader dots before a temperature; a date after a node site; blocks, not nodes, after leader dots
    ('Vital signs ........ T: 36.8 N: 1 P: 72', 'stage.pathologic.n', 'text-layer'),
    ('Invasive ductal carcinoma, grade 2.\nLymph nodes: axillary 12/03/2025 ultrasound negative.',
     'lymph_nodes.positive', 'text-layer'),
    ('Lymph nodes ....... 14 blocks, 2 positive for tumour', 'lymph_nodes.examined', 'text-layer'),
    # a tumour's distance from a margin; a tumour bed; a specimen's size under a bilingual-looking label
    ('Invasive ductal carcinoma, tumour 3 mm from the deep margin.', 'diagnosis.tumor_size_mm', 'text-layer'),
    ('Invasive ductal carcinoma after neoadjuvant chemotherapy (tumour bed 3.0 x 2.5 cm).', 'diagnosis.tumor_size_mm',
     'text-layer'),
    ('Invasive ductal carcinoma.\n - Specimen / Size: 12 x 8 x 4 cm\n', 'diagnosis.tumor_size_mm', 'text-layer'),
    ('INVASIVE DUCTAL CARCINOMA. - SPECIMEN / SIZE: 12 X 8 X 4 CM.', 'diagnosis.tumor_size_mm', 'ocr'),
    # a percent sign with no number in its bracket; a Polish label with no result
    ('PR: Pozitif (%, see comment)', 'receptors.pr.percent', 'text-layer'),
    ('Receptory estrogenowe (ER): nie wykonano (not done).', 'receptors.er.status', 'text-layer'),
    # a lymph node's diameter in Polish; a specimen's or a DCIS's value "per report"; a result still to come
    ('Invasive ductal carcinoma, G2. Przerzut w węźle chłonnym, średnica węzła 12 mm.', 'diagnosis.tumor_size_mm',
     'text-layer'),
    ('Invasive ductal carcinoma.\nSpecimen size per report: 12 x 8 x 4 cm\n', 'diagnosis.tumor_size_mm', 'text-layer'),
    ('Invasive ductal carcinoma, 1.1 cm.\nDCIS grade per report: 3\n', 'diagnosis.grade', 'text-layer'),
    ('ER per report: pending; PR per report: pending', 'receptors.er.status', 'text-layer'),
]


# A Russian report translated into English keeps its own-language headings before the English ones
# ("Заключение / Conclusion:"): the conclusion is no part of the gross description before it.
_GEN24A_RUSSIAN = ("PATHOLOGY REPORT (English translation of the protocol)\n\n"
                   "Материал / Material: Right breast, radical mastectomy (Madden), axillary tissue.\n"
                   "Макроскопия / Gross: Tumour node 3.5 x 3.0 x 2.8 cm in the upper outer quadrant.\n\n"
                   "Заключение / Conclusion:\n"
                   "Invasive ductal carcinoma of the right breast, grade II (Bloom-Richardson), size 3.5 cm.\n"
                   "Metastases of carcinoma in 3 of 12 axillary lymph nodes.\n"
                   "pT2N1aM0\n\n"
                   "Иммуногистохимия / Immunohistochemistry:\n"
                   "Estrogen receptors (ER): positive, Allred score 7 (PS 4, IS 3)\n")

# A reference laboratory's result table with its legend: the legend gives no result.
_GEN24A_REFERENCE_LAB = ("Specimen: Left breast, lumpectomy\n"
                         "Diagnosis at referring facility: Infiltrating ductal carcinoma, 1.5 cm, grade 2\n\n"
                         "TEST                       RESULT           INTERPRETATION\n"
                         "Estrogen Receptor (SP1)    92%, 3+          POSITIVE\n"
                         "Progesterone Receptor      0%               NEGATIVE\n"
                         "HER2 (HercepTest)          3+               POSITIVE\n\n"
                         "ER/PR: positive if >=1% of tumor nuclei stain. HER2: 0-1+ negative, 2+ equivocal, 3+ "
                         "positive.\n")


@pytest.mark.parametrize("run_on", [False, True])
def test_gen24a_a_bilingual_conclusion_heading_ends_the_gross_description(run_on):
    p = report_profile(_GEN24A_RUSSIAN, run_on)
    assert (p.diagnosis.histology, p.diagnosis.grade, p.receptors.er.status, p.receptors.er.allred) == \
        ("invasive_ductal", 2, "positive", 7)
    assert (p.lymph_nodes.positive, p.lymph_nodes.examined, p.stage.pathologic.n) == (3, 12, "N1a")


@pytest.mark.parametrize("run_on", [False, True])
def test_gen24a_a_reference_labs_legend_gives_no_result(run_on):
    p = report_profile(_GEN24A_REFERENCE_LAB, run_on)
    assert (p.receptors.er.status, p.receptors.pr.status, p.receptors.pr.percent) == ("positive", "negative", 0.0)
    assert (p.receptors.her2.status, p.receptors.her2.ihc_score) == ("positive", "3+")
