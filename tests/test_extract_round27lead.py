"""Round 27 (lead): phrasings read from blind sets written by writers who never saw the extractor
(docs/benchmarks.md, "twenty-fourth round"): a marker named alone after a hormone-receptor label, a
diagnosis header split by OCR, node tables ruled with bars, sizes and grades in table cells and in
more languages, OCR's letter for a digit inside a node fraction."""

from extract.fields.lymph_nodes import extract_lymph_nodes
from tests.clinical_helpers import ocr_report_profile as _profile
from tests.clinical_helpers import run

LEAD27_ROWS = [
    # receptors: the marker's name alone with its result after a hormone-receptor label
    ('HORMONE RECEPTORS (IHC): ESTROGEN NEGATIVE; PROGESTERONE NEGATIVE.',
     'receptors.pr.status', 'negative', 'PROGESTERONE NEGATIVE', 'ocr'),
    ('Hormone receptors: estrogen positive (90%), progesterone positive (40%).',
     'receptors.er.percent', 90.0, 'estrogen positive (90%', 'text-layer'),
    ('RECEPTORES HORMONALES (INMUNOHISTOQUIMICA): ESTROGENOS NEGATIVO; PROGESTERONA NEGATIVO.',
     'receptors.er.status', 'negative', 'ESTROGENOS NEGATIVO', 'ocr'),
    # receptors: Czech, Hungarian, Romanian and Turkish labels and status words
    ('Imunohistochemie: estrogenove receptory pozitivni v 70 % jader, progesteronove receptory pozitivni v 30 % jader.',
     'receptors.pr.percent', 30.0, 'progesteronove receptory pozitivni v 30 %', 'text-layer'),
    ('HER2/neu negativni (skore 1+).', 'receptors.her2.status', 'negative', 'HER2/neu negativni', 'text-layer'),
    ('Immunhisztokemia: Osztrogen receptor (ER): 100 % pozitiv; Progeszteron receptor (PR): 80 % pozitiv.',
     'receptors.er.percent', 100.0, 'Osztrogen receptor (ER): 100 %', 'text-layer'),
    ('Receptori estrogenici: negativ (0%). Receptori progesteronici: negativ (0%). HER2: pozitiv, scor 3+.',
     'receptors.er.status', 'negative', 'Receptori estrogenici: negativ', 'ocr'),
    ('Ostrojen reseptoru: %80 pozitif, kuvvetli boyanma. Progesteron reseptoru: %20 pozitif.',
     'receptors.er.percent', 80.0, 'Ostrojen reseptoru: %80', 'text-layer'),
    # grade: a Nottingham score over nine is no grade
    ('Carcinoma ductal infiltrante, bien diferenciado, grado histologico 1 (Nottingham 3/9: 1+1+1), de 1,0 cm.',
     'diagnosis.grade', 1, 'grado histologico 1', 'text-layer'),
    ('Carcinoma ductal infiltrante (Nottingham 3/9).', 'diagnosis.grade', 1, 'Nottingham 3/9', 'text-layer'),
    # sizes: a tumour "found measuring"; Norwegian, Romanian, Hungarian labels; Portuguese and Czech after the size
    ('GROSS: RECEIVED MASTECTOMY SPECIMEN 20 X 16 X 5 CM. ON CUTTING A TUMOUR IS FOUND MEASURING 4,0 X 3,2 X 2,8 CM.',
     'diagnosis.tumor_size_mm', 40.0, 'TUMOUR IS FOUND MEASURING 4,0 X 3,2 X 2,8 CM', 'ocr'),
    ('Mikroskopi: Storste diameter invasiv tumor: 22 mm. Histologisk grad (Nottingham): 3.',
     'diagnosis.tumor_size_mm', 22.0, 'Storste diameter invasiv tumor: 22 mm', 'text-layer'),
    ('DIAGNOSTIC HISTOPATOLOGIC: CARCINOM DUCTAL INVAZIV NST, G3, DIMENSIUNE 62 MM.',
     'diagnosis.tumor_size_mm', 62.0, 'DIMENSIUNE 62 MM', 'ocr'),
    ('Jobb emlo: Mucinosus carcinoma, a daganat legnagyobb atmeroje 32 mm.',
     'diagnosis.tumor_size_mm', 32.0, 'legnagyobb atmeroje 32 mm', 'text-layer'),
    ('DIAGNOSTICO: CARCINOMA DUCTAL INVASIVO, GRAU 3, COM 4,5 CM DE MAIOR DIMENSAO.',
     'diagnosis.tumor_size_mm', 45.0, '4,5 CM DE MAIOR DIMENSAO', 'ocr'),
    ('ZAVER: HVEZDICOVITY TUMOR 1,5 CM V NEJVETSIM ROZMERU. INVAZIVNI DUKTALNI KARCINOM.',
     'diagnosis.tumor_size_mm', 15.0, '1,5 CM V NEJVETSIM ROZMERU', 'ocr'),
    # receptors and grade: the Spanish and Turkish abbreviation of immunohistochemistry, a Danish grade label
    ('HER2: IHQ 2+ (equivoco); hibridacion in situ (DISH) pendiente.', 'receptors.her2.ihc_score', '2+', 'HER2: IHQ 2+',
     'text-layer'),
    ('Konklusion: Invasivt lobulaert karcinom. Malignitetsgrad (modificeret Elston-Ellis) II. Ingen karinvasion.',
     'diagnosis.grade', 2, 'Malignitetsgrad (modificeret Elston-Ellis) II', 'text-layer'),
    # nodes: a number word's bracketed digits with OCR's letter for a digit
    ('FINAL DIAGNOSIS: METASTATIC CARCINOMA IN SIXTEEN (l6) OF TWENTY (20) AXILLARY LYMPH NODES.',
     'lymph_nodes.positive', 16, 'SIXTEEN (l6) OF TWENTY (20) AXILLARY LYMPH NODES', 'ocr'),
    # set p: sizes in a gross description, a Polish label with its gloss, a Spanish axis, a Dutch focus
    ('Gross description: In the upper inner quadrant there is an ill defined firm gray-tan area measuring 3.2 x 2.5 '
     'x 2.0 cm which comes within 1.1 cm of the deep margin.', 'diagnosis.tumor_size_mm', 32.0,
     'area measuring 3.2 x 2.5 x 2.0 cm', 'text-layer'),
    ('Wielkosc guza w badaniu mikroskopowym (size, microscopic): 17 mm. Stopien zlosliwosci: G3.',
     'diagnosis.tumor_size_mm', 17.0, 'Wielkosc guza w badaniu mikroskopowym (size, microscopic): 17 mm', 'text-layer'),
    ('GROSS: TUMOUR IN CENTRAL / UPPER OUTER REGION MEASURING 5.5 X 4.0 X 3.5 CM, 1.5 CM BENEATH SKIN.',
     'diagnosis.tumor_size_mm', 55.0, 'TUMOUR IN CENTRAL / UPPER OUTER REGION MEASURING 5.5 X 4.0 X 3.5 CM', 'ocr'),
    ('DIAGNOSTICO: EN CUADRANTE SUPERIOR EXTERNO NEOPLASIA DE 4.2 CM EN SU EJE MAYOR (4.2 X 3.5 X 3.0 CM).',
     'diagnosis.tumor_size_mm', 42.0, '4.2 CM EN SU EJE MAYOR', 'ocr'),
    ('CONCLUSIE: multifocaal invasief lobulair carcinoom, twee haarden, grootste haard 45 mm, kleinere 12 mm.',
     'diagnosis.tumor_size_mm', 45.0, 'grootste haard 45 mm', 'text-layer'),
    # grade: a table's cells, a bare "nuclear" component, a score in points
    ('| Histological grade | Grade 3 (Modified Bloom Richardson, score 9/9) |',
     'diagnosis.grade', 3, 'Histological grade | Grade 3', 'text-layer'),
    ('MICROSCOPY: SBR GRADE |I (TUBULES 3, NUCLEAR 2, MITOSIS 1 = 6 POINTS).',
     'diagnosis.grade', 2, 'TUBULES 3, NUCLEAR 2, MITOSIS 1', 'ocr'),
    ('GRAU HISTOLOGICO: |I (BLOOM-RICHARDSON MODIFICADO, 7 PONTOS). GRAU NUCLEAR: 3.',
     'diagnosis.grade', 2, '7 PONTOS', 'ocr'),
    # histology: a mixed type named in an English gloss in brackets
    ('Histologic type: invasief carcinoom, gemengd ductaal (NST) en lobulair type (mixed ductal and lobular).',
     'diagnosis.histology', 'mixed_ductal_lobular', '(mixed ductal and lobular)', 'text-layer'),
    # receptors: a ligand assay's result with its cut-off in the bracket after it
    ('ESTROGEN RECEPTOR 145 FMOL/MG CYTOSOL PROTEIN - POSITIVE (POSITIVE > 10 FMOL/MG; BORDERLINE 3-10).',
     'receptors.er.status', 'positive', 'ESTROGEN RECEPTOR 145 FMOL/MG CYTOSOL PROTEIN - POSITIVE', 'ocr'),
    # set t: a French marker name alone, a French side with its English gloss, a main tumour's size, a Latin type
    # split by OCR
    ('RECEPTEURS HORMONAUX (IHC): OESTROGENES POSITIFS (70%), PROGESTERONE POSITIFS (50%).',
     'receptors.er.percent', 70.0, 'OESTROGENES POSITIFS (70%', 'ocr'),
    ('RAPPORT DE PATHOLOGIE. COTE / SIDE: DROIT (RIGHT). SPECIMEN: SEGMENTECTOMY AND AXILLARY DISSECTION.',
     'diagnosis.laterality', 'right', 'SIDE: DROIT (RIGHT', 'ocr'),
    ('DIAGNOSIS: INVASIVE DUCTAL CARCINOMA, G3. SIZE OF MAIN TUMOUR: 3.6 X 3.0 X 2.7 CM. A SATELLITE FOCUS 0.5 CM.',
     'diagnosis.tumor_size_mm', 36.0, 'SIZE OF MAIN TUMOUR: 3.6 X 3.0 X 2.7 CM', 'ocr'),
    ('ROZPOZNANIE (DIAGNOSIS): CARCINOMA DUC TALE INVASIVUM MAMMAE DEXTRAE, G3.',
     'diagnosis.histology', 'invasive_ductal', 'CARCINOMA DUC TALE INVASIVUM', 'ocr'),
    # receptors: "low positive" abbreviated
    ('PROGESTERONE RECEPTOR: LOW POS. (5%). HER2: NEGATIVE (1+).', 'receptors.pr.status', 'low_positive',
     'PROGESTERONE RECEPTOR: LOW POS.', 'ocr'),
    # receptors: both markers' status in one word
    ('Estrogen and progesterone receptors by immunohistochemistry: both positive.', 'receptors.pr.status', 'positive',
     'Estrogen and progesterone receptors by immunohistochemistry: both positive', 'text-layer'),
    # nodes: the next line's label after a count; foreign "x of y" wordings
    ('ORGAN: BREAST  SIDE: LEFT. DIAGNOSIS: INVASIVE LOBULAR CARCINOMA. NODES POSITIVE: 2. NODES EXAMINED: 11. ER: POS.',
     'lymph_nodes.examined', 11, 'NODES EXAMINED: 11', 'ocr'),
    ('DIAGNOSTICO: Linfonodo sentinela: 1 de 2 com macrometastase (0,4 cm), sem extensao extranodal.',
     'lymph_nodes.examined', 2, 'Linfonodo sentinela: 1 de 2', 'text-layer'),
    ('Okselklierdissectie links: metastasen van lobulair carcinoom in 3 van de 11 lymfeklieren, geen kapseldoorbraak.',
     'lymph_nodes.positive', 3, 'metastasen van lobulair carcinoom in 3 van de 11 lymfeklieren', 'text-layer'),
    ('Kelenjar getah bening: metastasis pada 5 dari 12 kelenjar (5/12).',
     'lymph_nodes.examined', 12, 'metastasis pada 5 dari 12 kelenjar', 'text-layer'),
]

LEAD27_DISTRACTOR_ROWS = [
    # a hormone level in a lab line is no receptor result
    ('LABS: Estrogen 45 pg/mL, FSH 60 IU/L (postmenopausal range).', 'receptors.er.status', 'text-layer'),
    # an older report's "weakly positive" beside a 2+ stain is no positive HER2 result
    ('HER2/NEU IMMUNOHISTOCHEMISTRY: 2+ (WEAKLY POSITIVE, EQUIVOCAL). FISH PENDING.', 'receptors.her2.status', 'ocr'),
    # a reference range quoted after a result is still no result of its own
    ('ER POSITIVE IF >1% OF CELLS STAIN.', 'receptors.er.status', 'ocr'),
    # an area of fibrosis is not the tumour
    ('GROSS: A FIRM WHITE AREA OF FIBROSIS MEASURING 1.0 CM IS NOTED.', 'diagnosis.tumor_size_mm', 'ocr'),
]




def test_lead27_a_diagnosis_header_split_by_ocr_opens_the_diagnosis():
    # "DIAGNOST ICO:" is the Spanish diagnosis header with a blank read into it: what follows is the
    # diagnosis, not more of the gross description.
    text = ("INFORME ANATOMOPATOLOGICO N. 00-4817. PROCEDIMIENTO: MASTECTOMIA RADICAL MODIFICADA DERECHA. "
            "DESCRIPCION MACROSCOPICA: PIEZA DE 19 X 15 X 5 CM; TUMOR DE 3,5 X 3 X 2,5 CM. "
            "DIAGNOST ICO: CARCINOMA DUCTAL INFILTRANTE POBREMENTE DIFERENCIADO, GRADO III DE "
            "SCARFF-BLOOM-RICHARDSON, DE 3,5 CM. GANGLIOS AXILARES: 4 DE 15 GANGLIOS CON METASTASIS (4/l5).")
    profile = _profile(text)
    assert profile["diagnosis"]["histology"] == "invasive_ductal"
    assert profile["diagnosis"]["grade"] == 3
    assert profile["diagnosis"]["laterality"] == "right"
    # "l5" in the node fraction is fifteen, not the fifth lumbar vertebra
    assert profile["stage"].get("metastatic") is not True


def _nodes(text: str, source: str = "text-layer") -> dict[str, int]:
    return {f.path: f.value for f in run(extract_lymph_nodes, text, ocr=source == "ocr") if f.is_fact}


def test_lead27_a_node_table_is_read_from_its_total_row():
    text = ("FINAL DIAGNOSIS: Invasive ductal carcinoma, grade 3.\nLymph node status:\n"
            "| Level | Nodes examined | Nodes positive |\n| Level I | 14 | 6 |\n| Level II | 5 | 2 |\n"
            "| Level III (apical) | 2 | 0 |\n| Total | 21 | 8 |\nPerinodal extension present in 3 nodes.")
    assert _nodes(text) == {"lymph_nodes.examined": 21, "lymph_nodes.positive": 8}


def test_lead27_a_node_table_without_a_total_row_is_added_up_in_its_column_order():
    text = ("DIAGNOSIS: Invasive carcinoma.\n| Station | Positive | Examined |\n| Sentinel | 1 | 2 |\n"
            "| Level I | 3 | 12 |\n")
    assert _nodes(text) == {"lymph_nodes.examined": 14, "lymph_nodes.positive": 4}


def test_lead27_a_run_on_node_table_is_read():
    # TCGA's conversion joins the printed rows with ". "
    text = ("FINAL DIAGNOSIS: INVASIVE DUCTAL CARCINOMA. LYMPH NODE STATUS:. | LEVEL | NODES EXAMINED | NODES POSITIVE |. "
            "| LEVEL I | 14 | 6 |. | LEVEL II | 5 | 2 |. | TOTAL | 19 | 8 |. NIPPLE: FREE.")
    assert _nodes(text, "ocr") == {"lymph_nodes.examined": 19, "lymph_nodes.positive": 8}


def test_lead27_a_node_table_with_a_row_of_words_is_not_added_up():
    text = ("DIAGNOSIS: Invasive carcinoma.\n| Station | Nodes examined | Nodes positive |\n| Sentinel | 2 | 1 |\n"
            "| Level I | not submitted | not submitted |\n")
    assert _nodes(text) == {}


def test_lead27_a_receptor_table_is_no_node_table():
    text = "DIAGNOSIS: Invasive carcinoma.\n| Marker | Result | Percent |\n| ER | Positive | 90 |\n| PR | Positive | 40 |\n"
    assert _nodes(text) == {}


def test_lead27_an_isolated_cells_node_far_from_its_part_label_is_still_counted():
    # the part's node word stands more than 120 characters before the count
    text = ("DIAGNOSTICO:. A) GANGLIO CENTINELA NO. 1: MICROMETASTASIS DE CARCINOMA (1.2 MM) EN UN GANGLIO LINFATICO "
            "(1/1). B) GANGLIO CENTINELA NO. 2: CELULAS TUMORALES AISLADAS (ISOLATED TUMOUR CELLS, 0.15 MM) "
            "IDENTIFICADAS POR INMUNOHISTOQUIMICA; NO SE CUENTA COMO POSITIVO (0/1). C) MAMA DERECHA: CARCINOMA.")
    nodes = _nodes(text, "ocr")
    assert (nodes["lymph_nodes.examined"], nodes["lymph_nodes.positive"]) == (2, 1)


def test_lead27_a_receptor_line_naming_the_other_breast_holds_for_each_clause():
    # The last part is the left breast's DCIS; the receptor line after it names the right tumour once, and
    # every result after a semicolon is still the right tumour's.
    text = ("Specimens: 1. Right wide local excision. 2. Right sentinel node. 3. Left breast wire guided excision. "
            "Diagnosis:. 1. Right breast WLE: invasive ductal carcinoma, grade 2, 11 mm. 2. Right sentinel node: "
            "isolated tumour cells only, pN0(i+) (0/1). 3. Left breast: DCIS, low grade, 9 mm (pTis). Right breast "
            "stage: pT1c pN0(i+)(sn). Receptors (right tumour, from core GW12-28410): ER positive 100% strong; PR "
            "negative 0%; HER2 IHC 0 (negative).")
    profile = _profile(text)
    assert profile["diagnosis"]["laterality"] == "right"
    assert (profile["receptors"]["pr"]["status"], profile["receptors"]["her2"]["ihc_score"]) == ("negative", "0")


def test_lead27_receptor_lines_named_for_their_tumour_stay_with_it():
    # Two tumours of one breast; each receptor line names its tumour in a bracket. The larger tumour's PR
    # (positive) is the profile's, the smaller's (negative) does not replace it.
    text = ("Makroskopie (gross): Mastectomy specimen left, 21 x 18 x 5 cm. Mikroskopie / Befund: Tumour 1 (upper "
            "outer quadrant): invasive ductal carcinoma (NST), G2, max. diameter 2.2 cm. Tumour 2 (lower inner "
            "quadrant): invasive lobular carcinoma, classical type, G2, 0.9 cm. Hormonrezeptoren (tumour 1): ER "
            "positive, IRS 12 (90% strongly stained nuclei); PR positive, IRS 8 (60%). Hormonrezeptoren (tumour 2): "
            "ER positive IRS 12; PR negative IRS 0; HER2 score 0.")
    profile = _profile(text)
    assert profile["diagnosis"]["histology"] == "invasive_ductal"
    assert (profile["receptors"]["pr"]["status"], profile["receptors"]["pr"]["percent"]) == ("positive", 60.0)


def test_lead27_a_node_table_with_a_blank_cell_keeps_its_columns():
    # a blank comment column at the end of each row: the counts are still read from their columns, and the
    # evidence is the total row as printed
    text = ("DIAGNOSIS: Invasive carcinoma.\n| Level | Nodes examined | Nodes positive | Comment |\n"
            "| Level I | 12 | 3 |   |\n| Total | 12 | 3 |   |\n")
    found = [f for f in run(extract_lymph_nodes, text) if f.is_fact]
    assert {f.path: f.value for f in found} == {"lymph_nodes.examined": 12, "lymph_nodes.positive": 3}
    assert found[0].evidence[0].text.startswith("Total | 12 | 3")
