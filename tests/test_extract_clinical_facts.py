"""Recurrence score, menopausal status, ECOG, metastatic disease, dates and document kinds."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from extract.classify import KindRules, classify_document, classify_text
from extract.dates import document_date, find_dates, labelled_dates, parse_date
from extract.fields.clinical import extract_clinical
from extract.fields.metastases import extract_metastases
from extract.rules import RULES_DIR
from extract.vocab import load_json
from ingest.errors import ConfigurationError
from ingest.models import Document, Page
from tests.clinical_helpers import run

D = dt.date

CLINICAL = [
    # (text, path, value, evidence text) -- value None: nothing for that path
    ("Oncotype DX Recurrence Score: 18.", "recurrence_score", {"test": "oncotype_dx", "value": 18},
     "Oncotype DX Recurrence Score: 18"),
    ("Oncotype DX: Recurrence Score 18 (reported 15-Apr-2025)", "recurrence_score",
     {"test": "oncotype_dx", "value": 18}, "Oncotype DX: Recurrence Score 18"),
    ("21-gene assay returned a recurrence score of 31.", "recurrence_score", {"test": "oncotype_dx", "value": 31}, None),
    ("Oncotype DX score was 9, low risk.", "recurrence_score", {"test": "oncotype_dx", "value": 9}, None),
    ("MammaPrint: Low Risk (+0.345)", "recurrence_score", {"test": "mammaprint", "value": 0.345}, None),
    ("Oncotype DX was ordered; result pending.", "recurrence_score", None, None),
    # gen11-b: a later "label: no" in the sentence negates its own label only.
    ("Oncotype DX Breast Recurrence Score: 17 (node-positive, post-menopausal: no chemotherapy benefit per\nRxPONDER).",
     "recurrence_score", {"test": "oncotype_dx", "value": 17}, "Oncotype DX Breast Recurrence Score: 17"),
    ("She is a 52-year-old postmenopausal woman.", "menopausal_status", "postmenopausal", "postmenopausal"),
    ("Menopausal status: Premenopausal", "menopausal_status", "premenopausal", "Menopausal status: Premenopausal"),
    ("48-year-old perimenopausal woman", "menopausal_status", "perimenopausal", None),
    ("Post-menopausal since age 51.", "menopausal_status", "postmenopausal", None),
    # gen11-b: a referral letter's "grateful if you could" is courtesy, not a condition; a status "at
    # diagnosis" before its value is what it was; UK letters' bare "PS 0".
    ("I would be grateful if you could see this 72 year old woman, post-menopausal since her 50s, with a newly "
     "diagnosed left breast cancer.", "menopausal_status", "postmenopausal", "post-menopausal"),
    ("Menopausal status at diagnosis: perimenopausal. Now post-menopausal (amenorrhoeic since chemo).",
     "menopausal_status", "postmenopausal", "post-menopausal"),
    ("Menopausal status at diagnosis: perimenopausal.", "menopausal_status", None, None),
    ("Examination: healed scars, no lymphoedema. PS 0.", "ecog", 0, "PS 0"),
    ("PD-L1 22C3 CPS 15. PS: see below.", "ecog", None, None),
    ("LMP 3 years ago.", "menopausal_status", "postmenopausal", "LMP 3 years ago"),
    ("Her mother was postmenopausal at diagnosis.", "menopausal_status", None, None),
    # lead, session 11: premenopausal at diagnosis and on a GnRH agonist now is still premenopausal
    ("Menstrual status: premenopausal at diagnosis; on goserelin.", "menopausal_status", "premenopausal",
     "premenopausal at diagnosis; on goserelin"),
    ("Premenopausal at diagnosis; goserelin was discussed.", "menopausal_status", None, None),
    ("No palpable mass. Post-\nmenopausal.", "menopausal_status", "postmenopausal", "Post-\nmenopausal"),
    # "not needed (reason)": the need is negated, its reason is a fact.
    ("Letrozole and denosumab 120 mg sc every 4 weeks; goserelin not needed (postmenopausal).", "menopausal_status",
     "postmenopausal", "postmenopausal"),
    ("Ovarian suppression not required (postmenopausal since 2019).", "menopausal_status", "postmenopausal", None),
    ("She is not postmenopausal.", "menopausal_status", None, None),
    ("Aromatase inhibitors are used in postmenopausal women.", "menopausal_status", None, None),
    ("She is not postmenopausal.", "menopausal_status", None, None),
    ("ECOG 1.", "ecog", 1, "ECOG 1"),
    ("ECOG performance status: 0", "ecog", 0, "ECOG performance status: 0"),
    ("Performance status 2", "ecog", 2, "Performance status 2"),
    ("ECOG PS of one", "ecog", 1, None),
    ("Zubrod 1", "ecog", 1, None),
    # gen16-b: the visit's own moment between the label and the value
    ("ECOG at discharge 2. Follow-up: oncology clinic 03/12/2026.", "ecog", 2, "ECOG at discharge 2"),
    ("Performance status\nECOG 0.\nResults", "ecog", 0, "ECOG 0"),
    ("KPS 80%; performance status 80", "ecog", None, None),
    ("Karnofsky performance status 90.", "ecog", None, None),
    ("ECOG 0-1", "ecog", None, None),
    ("Family history:\nMother with breast cancer.\nPerformance status\nECOG 1 (fatigue).", "ecog", 1, None),
    ("Her Oncotype from 2019 was 18 and her Karnofsky is 80 percent.", "recurrence_score",
     {"test": "oncotype_dx", "value": 18}, "Oncotype from 2019 was 18"),
    ("Oncotype DX (2021): 24", "recurrence_score", {"test": "oncotype_dx", "value": 24}, None),
    ("Oncotype DX performed in 2023.", "recurrence_score", None, None),
    ("WHO PS 0-1.", "ecog", None, None),
    ("Oncotype DX not performed.", "recurrence_score", None, None),
    ("Premenopausal at diagnosis; now postmenopausal after BSO.", "menopausal_status", "postmenopausal", "postmenopausal"),
    ("Perimenopausal prior to chemo, now amenorrhoeic on goserelin.", "menopausal_status", None, None),
    ("She had a bilateral salpingo-oophorectomy in 2019.", "menopausal_status", "postmenopausal",
     "had a bilateral salpingo-oophorectomy"),
    ("Risk-reducing BSO was discussed.", "menopausal_status", None, None),
    ("PS (ECOG) 1", "ecog", 1, "PS (ECOG) 1"),
    ("Performance status: WHO 1", "ecog", 1, "Performance status: WHO 1"),
    ("ECOG performance status is currently 1", "ecog", 1, None),
    ("ECOG 1 -> 2 since last visit.", "ecog", None, None),
    ("Oncotype DX Breast Recurrence Score® 22", "recurrence_score", {"test": "oncotype_dx", "value": 22}, None),
    ("Menstrual history: LMP 2 years ago.", "menopausal_status", "postmenopausal", "LMP 2 years ago"),
    ("She is s/p BSO in 2019.", "menopausal_status", "postmenopausal", "s/p BSO"),
    ("Premenopausal woman, on goserelin for ovarian suppression.", "menopausal_status", "premenopausal", None),
    ("She continues Zoladex 3.6 mg monthly for ovarian suppression.", "menopausal_status", "premenopausal",
     "continues Zoladex 3.6 mg monthly for ovarian suppression"),
    ("Ovarian function suppression with leuprolide since 2024.", "menopausal_status", "premenopausal",
     "Ovarian function suppression with leuprolide"),
    # never premenopausal (ConText's "not" also reaches "postmenopausal" here: no value at all)
    ("Ovarian suppression with goserelin (Zoladex) is not required as she is postmenopausal.", "menopausal_status",
     None, None),
    ("Ovarian suppression with goserelin was discussed.", "menopausal_status", None, None),
    ("If premenopausal, she would need goserelin for ovarian suppression.", "menopausal_status", None, None),
    ("s/p TAH-BSO 2012.", "menopausal_status", "postmenopausal", "s/p TAH-BSO"),
    ("Last menstrual period 18 months ago.", "menopausal_status", "postmenopausal", None),
    ("LMP 6 months ago.", "menopausal_status", None, None),
    ("Her sister is on goserelin for ovarian suppression.", "menopausal_status", None, None),
    ("Recurrence Score Result: 26", "recurrence_score", {"test": "oncotype_dx", "value": 26}, "Recurrence Score Result: 26"),
    ("EndoPredict EPclin 3.8 (high risk)", "recurrence_score", {"test": "endopredict", "value": 3.8},
     "EndoPredict EPclin 3.8"),
    ("EndoPredict (2021): EPclin 3.1", "recurrence_score", {"test": "endopredict", "value": 3.1}, "EPclin 3.1"),
    ("EndoPredict was requested.", "recurrence_score", None, None),
    ("EPclin score of 12", "recurrence_score", None, None),
    # lead, fifteenth round: Prosigna's result under its own name on a line of its own
    ("Prosigna Breast Cancer Assay\nIntrinsic subtype: Luminal A\nROR score: 38 (range 0-100)", "recurrence_score",
     {"test": "prosigna", "value": 38}, "ROR score: 38"),
    ("Risk of Recurrence (ROR) score: 61, high risk", "recurrence_score", {"test": "prosigna", "value": 61},
     "Risk of Recurrence (ROR) score: 61"),
    ("The error score: 12", "recurrence_score", None, None),
    # gen14-b: a GnRH agonist with "(ovarian suppression)"; "post-BSO"; an LMP year long past; WHO in brackets
    ("She is on goserelin (ovarian suppression) with exemestane.", "menopausal_status", "premenopausal",
     "on goserelin (ovarian suppression"),
    # gen15-b: perimenopausal and on a GnRH agonist without the words "ovarian suppression": suppressed
    ("Perimenopausal at diagnosis 2023; on goserelin since.", "menopausal_status", "premenopausal",
     "Perimenopausal at diagnosis 2023; on goserelin"),
    ("Menstrual history: irregular cycles. Perimenopausal.\nStarted on Inj. Leuprolide 3.75 mg IM monthly.",
     "menopausal_status", "premenopausal", "Perimenopausal.\nStarted on Inj. Leuprolide"),
    ("Perimenopausal; not on goserelin.", "menopausal_status", "perimenopausal", "Perimenopausal"),
    ("Perimenopausal. Goserelin was discussed but is not needed.", "menopausal_status", "perimenopausal",
     "Perimenopausal"),
    ("Menstrual status: post-BSO (2021).", "menopausal_status", "postmenopausal", "post-BSO"),
    ("Menstrual history: LMP 2019.", "menopausal_status", "postmenopausal", "LMP 2019"),
    ("LMP: March 2018, no bleeding since.", "menopausal_status", "postmenopausal", "LMP: March 2018"),
    ("LMP 2026, cycles regular.", "menopausal_status", None, None),
    ("Her mother's LMP 2010.", "menopausal_status", None, None),
    ("Performance status (WHO): 0", "ecog", 0, "Performance status (WHO): 0"),
    ("KPS 90%.", "ecog", None, None),
    ("Not a candidate for further chemotherapy (ECOG 3).", "ecog", 3, "ECOG 3"),
    ("2. Periods: I still get periods but irregular, last one about 2 months ago.", "menopausal_status", "perimenopausal",
     "Periods: I still get periods but irregular"),
    ("Irregular heartbeat noted; periods regular.", "menopausal_status", None, None),
    ("Her sister has irregular periods.", "menopausal_status", None, None),
    ("No ECOG 2 patients were enrolled.", "ecog", None, None),
    # gen19-b: "(perimenopausal at that time)" says what it was
    ("Your Oncotype DX Breast Recurrence Score(R) result is 31. Your sister's score was 11.", "recurrence_score",
     {"test": "oncotype_dx", "value": 31}, "Oncotype DX Breast Recurrence Score(R) result is 31"),
    ("Oncotype DX result was 14 (low).", "recurrence_score", {"test": "oncotype_dx", "value": 14}, None),
    ("The Oncotype DX result is pending.", "recurrence_score", None, None),
    # gen19-b: hyphenated and bracketed ECOG labels, a dash before the value; "had a TAH-BSO"; "Menopause
    # status:"; "Oncotype DX: RS = 26"
    ("Allgemeinzustand: WHO-Performance-Status 2.", "ecog", 2, "WHO-Performance-Status 2"),
    ("ECOG performance status - 1", "ecog", 1, "ECOG performance status - 1"),
    ("ECOG (PS) 1", "ecog", 1, "ECOG (PS) 1"),
    ("ECOG performance status - 1 to 2", "ecog", None, None),
    ("She had a TAH-BSO in 2015.", "menopausal_status", "postmenopausal", "had a TAH-BSO"),
    ("Her mother had a TAH-BSO in 2015.", "menopausal_status", None, None),
    ("Menopause status: post.", "menopausal_status", "postmenopausal", None),
    ("Oncotype DX: RS = 26 (high)", "recurrence_score", {"test": "oncotype_dx", "value": 26}, "Oncotype DX: RS = 26"),
    ("Oncotype DX: RS pending", "recurrence_score", None, None),
    ("Per TAILORx, a Recurrence Score of 25 or less means no benefit.", "recurrence_score", None, None),
    ("EPclin score 3.3 or higher is high risk.", "recurrence_score", None, None),
    ("MammaPrint index 0.000 or below is high risk.", "recurrence_score", None, None),
    # gen21-b: the index after a bracket of the lab and date; a pending result after one gives nothing
    ("MammaPrint (Agendia, reported 18/11/2026): HIGH RISK, index -0.212.", "recurrence_score",
     {"test": "mammaprint", "value": -0.212}, "MammaPrint (Agendia, reported 18/11/2026): HIGH RISK, index -0.212"),
    ("MammaPrint (Agendia, sent 18/11/2026): result pending.", "recurrence_score", None, None),
    ("2019: tamoxifen (perimenopausal at that time), switched to anastrozole.", "menopausal_status", None, None),
    ("FSH 64 - postmenopausal range, but age 44, so treated as perimenopausal per our protocol.", "menopausal_status",
     "perimenopausal", "perimenopausal"),
    ("Her oestradiol level is in the premenopausal range, so she is NOT postmenopausal.", "menopausal_status",
     "premenopausal", "premenopausal range"),
    ("Then tamoxifen (perimenopausal at that time). Now postmenopausal (amenorrhoea since 2022).", "menopausal_status",
     "postmenopausal", "postmenopausal"),
    # gen23-b: a GnRH agonist for ovarian suppression joined to her other drugs by "+"
    ("On Tab. Ribociclib 200 mg 3-0-0 (D1-21) + Tab. Letrozole 2.5 mg 1-0-0 +\nInj. Leuprolide 3.75 mg monthly (ovarian "
     "function suppression) since 06/2026.", "menopausal_status", "premenopausal",
     "+\nInj. Leuprolide 3.75 mg monthly (ovarian function suppression"),
    # gen23-b: what she was before a treatment, then what she is now
    ("Reports hot flushes (perimenopausal symptoms before starting letrozole; now postmenopausal by FSH 2025).",
     "menopausal_status", "postmenopausal", "postmenopausal"),
    # gen23-b: a score then and the score now; a MammaPrint index on its labelled line, never its cut-off
    ("Palbociclib was withheld on admission. ECOG 2 on admission, 1 at discharge.", "ecog", 1,
     "ECOG 2 on admission, 1 at discharge"),
    ("ECOG 2 at admission.", "ecog", 2, "ECOG 2"),
    ("MAMMAPRINT RESULT\n  Index:   -0.214\n  Result:  HIGH RISK  (High 1)\n  Interpretation: MammaPrint High Risk "
     "(index <= 0.000).", "recurrence_score", {"test": "mammaprint", "value": -0.214}, "MAMMAPRINT RESULT\n  Index:   -0.214"),
    ("Interpretation: MammaPrint High Risk (index <= 0.000).", "recurrence_score", None, None),
]

METASTASES = [
    # (text, expected sites, metastatic, oligometastatic)
    ("IMPRESSION: Multiple new lytic lesions in the spine and pelvis consistent with osseous metastases. "
     "No evidence of liver metastases.", ["bone"], True, None),
    ("Metastatic breast cancer to bone, liver and lungs.", ["bone", "liver", "lung"], True, None),
    ("No evidence of metastatic disease.", [], False, None),
    ("No evidence of new metastatic disease.", [], None, None),
    ("Metastatic carcinoma in 2 of 14 axillary lymph nodes.", [], None, None),
    ("B. SENTINEL LYMPH NODE #1, EXCISION:\n   Metastatic breast carcinoma, 3 mm.", [], None, None),
    ("Bone scan to evaluate for metastases.", [], None, None),
    ("Suspicious for hepatic metastasis.", [], None, None),
    ("MRI brain with contrast ordered to rule out brain metastases.", [], None, None),
    ("Solitary T10 bone metastasis, treated with SBRT. Oligometastatic disease.", ["bone"], True, True),
    ("Two liver metastases and a single lung nodule consistent with metastasis.", ["liver", "lung"], True, True),
    ("At least eight new hypoenhancing hepatic lesions, consistent with metastases.", ["liver"], True, False),
    ("Innumerable hepatic metastases.", ["liver"], True, False),
    ("Stage IV ER+ breast cancer, de novo.", [], True, None),
    ("Her mother had metastatic breast cancer.", [], None, None),
    ("Carcinoma involves the skin of the breast with metastatic deposits.", [], None, None),
    ("Liver, core biopsy: metastatic carcinoma consistent with breast primary.", ["liver"], True, None),
    ("BONES: No evidence of osseous metastatic disease.", [], None, None),
    ("Malignant pleural effusion with metastatic carcinoma.", ["pleura"], True, None),
    ("Metastases to mediastinal lymph nodes and adrenal gland.", ["distant_lymph_nodes", "other"], True, None),
    ("58 yo F w/ HR+/HER2- MBC (liver, bone) on fulvestrant.", ["bone", "liver"], True, None),
    ("Oestrogen receptor positive breast cancer, oligometastatic to a single sternal lesion (SBRT 11/2025).",
     ["bone"], True, True),
    ("No evidence of disease recurrence on CT 2/2026. No bone metastases.", [], None, None),
    ("cM1 (bone)", ["bone"], True, None),
    ("Stage IV (M1, bone-only)", ["bone"], True, None),
    ("Bone-only metastatic disease.", ["bone"], True, None),
    ("M1 macrophage infiltrate noted in the liver.", [], None, None),
    ("pT2 pN1a M0", [], None, None),
    ("Metastatic sites: solitary T8 lesion.", ["bone"], True, True),
    ("Bone-only disease.", ["bone"], True, None),
    ("Disease remains bone only, stable on letrozole.", ["bone"], True, None),
    ("No visceral disease.", [], None, None),
    ("Sites of disease: 2 liver lesions.", ["liver"], True, True),
    ("Distant disease: liver and lung.", ["liver", "lung"], True, None),
    ("Oligometastatic disease: 3 bone lesions, no visceral involvement.", ["bone"], True, True),
    ("Known metastases at L2 and L4, treated with SBRT.", ["bone"], True, None),
    # gen27q: OCR's "l5" for 15 in a node fraction is not the fifth lumbar vertebra; a level pair is
    ("GANGLIOS AXILARES: 4 DE 15 GANGLIOS CON METASTASIS (4/l5), EL MAYOR DE 1,5 CM.", [], None, None),
    ("Known metastases at L4/L5, treated with SBRT.", ["bone"], True, None),
    ("IMAGING: CT C/A/P shows 2 liver lesions, largest 1.4 cm.", [], None, None),
    ("T2 hyperintense lesion in the liver, likely hemangioma.", [], None, None),
    ("Evaluate for bone-only disease.", [], None, None),
    ("Her sister has bone-only disease.", [], None, None),
    ("If she develops bone-only disease, consider denosumab.", [], None, None),
    ("Degenerative change at L4-L5; no metastatic disease.", [], False, None),
    # round 10: a recurrence or relapse in a distant site is metastatic; a local one, or a risk, is not.
    ("2025 biopsy-proven recurrence in R lung and mediastinal LN; liver clear.", ["lung", "distant_lymph_nodes"], True, None),
    ("She relapsed in the liver in 2024.", ["liver"], True, None),
    ("Recurrence in the left breast 2024 treated with mastectomy.", [], None, None),
    ("Local recurrence in the axilla, resected.", [], None, None),
    ("No recurrence in the liver or lungs on CT.", [], None, None),
    ("If recurrence in the liver is suspected we would biopsy.", [], None, None),
    ("Her mother had a recurrence in the liver.", [], None, None),
    ("The risk of recurrence in the bones is low.", [], None, None),
    ("Risk of bone metastasis is low with this score.", [], None, None),
    ("Rates of distant brain metastases are higher in HER2-positive disease.", [], None, None),
    ("Metastatic to bone (sacrum, L3) and a 9 mm RUL nodule, biopsy-proven.", ["bone", "lung"], True, None),
    ("Metastatic disease: 3 lung nodules, largest 8 mm.", ["lung"], True, True),
    ("Solitary 12 mm liver metastasis.", ["liver"], True, True),
    ("Two liver metastases, 1.4 cm and 2.2 cm.", ["liver"], True, True),
    ("Ca left breast with skeletal metastases (D10, L2 vertebrae) - Stage IV", ["bone"], True, None),
    # "Skeletal muscle" is the chest wall's muscle, not bone.
    ("Metastatic carcinoma involving skeletal muscle of the chest wall.", [], None, None),
    ("Ribociclib D1 to D21, review at L2 clinic.", [], None, None),
    # "Label: no ...": medspaCy's ": no" negates only the label before it
    ("MRI brain: no intracranial metastatic disease.", [], None, None),
    ("Brain: no metastatic disease.", [], False, None),
    ("CT: no hepatic metastatic disease.", [], None, None),
    ("Impression: metastatic disease to bone.", ["bone"], True, None),
    ("Liver: 2 metastases, no new lesions.", ["liver"], True, True),
    ("3 brain mets, largest 6 mm.", ["brain"], True, True),
    # UICC site codes after M1 (../shared/reference/breast-oncology.md section 5)
    ("Staging: cT2 cN1 cM1(oss), ER positive.", ["bone"], True, None),
    ("AJCC 8th: pT2 pN1a pM1 (PUL, HEP)", ["lung", "liver"], True, None),
    ("ycT1 ycN0 M1(BRA)", ["brain"], True, None),
    ("If PET shows cM1(OSS), we would change the plan.", [], None, None),
    ("cM1 (per CT report)", [], None, None),
    # gen11-b: an imaging summary's FDG-avid lesions; "bone-only" closing a clause; "no distant mets";
    # a list of symptoms to report is no recurrence.
    ("PET-CT 03/2025: FDG-avid T8 and left iliac lesions, no visceral disease.", ["bone"], True, None),
    ("64 y.o. woman with de novo stage IV HR+/HER2- breast cancer (L breast), bone-only, diagnosed 2025-03.",
     ["bone"], True, None),
    ("Imaging: nil since baseline staging (CT CAP/bone scan 02/2025 - no distant mets).", [], False, None),
    ("Signs of recurrence to report: new lumps, bone pain, persistent cough, headaches.", [], None, None),
    ("PET/CT: FDG-avid left breast primary and left axillary nodes; no FDG-avid distant lesions.", [], None, None),
    # ... and negations wrapped over a line break.
    # gen13-b: an ICD-10 title on an insurance letter or a portal problem list
    ("Diagnosis on request: C50.412 Malignant neoplasm of upper-outer quadrant of left female breast; "
     "C79.51 Secondary malignant neoplasm of bone.", ["bone"], True, None),
    ("No secondary deposits in the liver. Risk of a secondary neoplasm of the blood is low.", [], None, None),
    ("Staging CT 2026-06-02: no\nevidence of distant metastases on CT; bone scan degenerative only.", [], False, None),
    ("CT showed three liver metastases and several lung nodules up to 9 mm. CT head: no\nintracranial metastases.",
     ["liver", "lung"], True, None),
    # gen14-b: the sites of "Stage IV (bone + liver)"; mediastinal-type distant nodes; lesions too small to characterise
    ("Dx: Ca Left Breast, HR+ / HER2 neu negative, Stage IV (bone + liver) - de novo, Mar 2026.",
     ["bone", "liver"], True, None),
    ("Two hypermetabolic right paratracheal nodes (biopsy confirmed ER+ HER2- metastatic carcinoma).",
     ["distant_lymph_nodes"], True, None),
    ("Two tiny liver lesions are too small to characterise and are probably cysts.", [], None, None),
    ("Stage IV (T2 N1 M1).", [], True, None),
    # gen15-b: lesions followed on a page that states metastatic disease are disease sites; not benign ones
    ("Metastatic breast cancer, on abemaciclib. CT 09/2026: liver lesions smaller.", ["liver"], True, None),
    ("Metastatic ER+ breast cancer. CT: sclerotic lesions in T8 and L2 unchanged, no new lesions.", ["bone"], True,
     None),
    ("CT: liver lesions smaller.", [], None, None),
    ("Metastatic breast cancer to bone. CT: two liver lesions too small to characterise, unchanged.", ["bone"], True,
     None),
    ("Metastatic breast cancer. CT: hepatic cysts unchanged; liver lesion stable, likely haemangioma.", [], True, None),
    # gen16-b: a node of the other breast's basin is distant (M1, AJCC 8th); the same side's stays regional
    ("Ca right breast, cT3N2M0.\nFNAC left SCF node: metastatic carcinoma, consistent with breast primary.",
     ["distant_lymph_nodes"], True, None),
    ("Left breast cancer. New contralateral supraclavicular nodal metastases.", ["distant_lymph_nodes"], True, None),
    ("Ca right breast, cT3N2M0.\nFNAC right SCF node: metastatic carcinoma, consistent with breast primary.",
     [], None, None),
    ("Right breast cancer 2019. Left breast cancer 2024.\nLeft axillary node metastasis.", [], None, None),
    ("Left breast cancer 2021, left WLE. Right breast clinically normal; no primary in the right breast.\n"
     "Core biopsy right axillary node: metastatic carcinoma consistent with breast primary.",
     ["distant_lymph_nodes"], True, None),
    # ... RECIST rows of an imaging report name measured disease; not a row of none, nor a simple cyst
    ("RECIST 1.1\nTarget lesion 1: liver segment VII, 23 mm (baseline 31 mm)\n"
     "Target lesion 2: left external iliac lymph node, short axis 16 mm\nNon-target lesions: none\n"
     "Target lesion 3: left kidney simple cyst 12 mm\n", ["liver", "distant_lymph_nodes"], True, None),
    ("TL1 | Mediastinal node (4R) | 14 mm SA\nNon-target: none\nNew lesions: No\n", ["distant_lymph_nodes"], True, None),
    ("Non-target lesions: none.\nOther: simple hepatic cyst segment II.\n", [], None, None),
    ("Target lesions (RECIST 1.1): (1) hepatic segment 4A lesion 1.8 cm (baseline 2.9 cm);\n(2) right paratracheal "
     "lymph node 1.1 cm short axis; (3) left lower lobe\npulmonary nodule 0.9 cm.\nNew lesions: None.\n",
     ["distant_lymph_nodes", "liver", "lung"], True, None),
    ("Target lesions (RECIST 1.1): (1) hepatic segment 4A lesion 1.8 cm.\n\nLungs: 4 mm nodule right lower lobe, "
     "likely benign.\n", ["liver"], True, None),
    # gen19-b: a stated "not oligometastatic" is false
    ("1. Metastatic recurrence, liver and bone (visceral disease, not oligometastatic).", ["bone", "liver"], True, False),
    ("Oligometastatic disease cannot be excluded; further imaging advised.", [], None, None),
    # ... on a metastatic page, avid nodes at a distant station are disease (not reactive ones)
    ("Widespread metastatic recurrence in the liver. Chest: FDG-avid mediastinal nodes at stations 4R and 7 (SUVmax "
     "up to 7.2).", ["distant_lymph_nodes", "liver"], True, False),
    ("Metastatic breast cancer to bone. Chest: mildly FDG-avid hilar and subcarinal nodes, likely reactive.",
     ["bone"], True, None),
    ("No evidence of distant metastatic disease. Symmetric mildly avid hilar nodes.", [], False, None),
    # ... a trial checklist's RECIST line names measured disease; a segment's number is no count of lesions
    ("Inclusion/exclusion:\n - Measurable disease (RECIST): YES - liver segment 8 lesion 2.2 cm; also bone (T6).\n",
     ["bone", "liver"], True, None),
    ("Inclusion/exclusion:\n - Measurable disease (RECIST): No.\n - Prior chemotherapy for liver disease: none.\n",
     [], None, None),
    ("Metastatic breast cancer: liver metastasis in segment 7 lesion 2.0 cm.", ["liver"], True, None),
    # ... innumerable lesions at one site are more than five whatever the other sites hold
    ("History: HER2-positive metastatic breast cancer (liver, bone).\nImpression: innumerable new brain metastases "
     "(>20).", ["bone", "brain", "liver"], True, False),
    ("History: metastatic breast cancer (liver, bone).\nImpression: two new brain metastases.", ["bone", "brain", "liver"],
     True, None),
    # ... a malignant pleural effusion and a peritoneal carcinomatosis are metastatic sites
    ("Malignant pleural effusion (cytology positive).", ["pleura"], True, None),
    ("CT: peritoneal carcinomatosis with ascites.", ["other"], True, None),
    ("No malignant pleural effusion.", [], None, None),
    ("Pleural effusion; rule out malignant pleural effusion.", [], None, None),
    # gen21-b: an effusion whose cytology is positive for carcinoma is a pleural metastasis; negative cytology is not
    ("2026-10: dyspnea; CT showed a moderate left pleural effusion; thoracentesis cytology positive for carcinoma, ER 0 "
     "PR 0 HER2 0.", ["pleura"], True, None),
    ("Moderate left pleural effusion; thoracentesis cytology negative for malignant cells.", [], None, None),
    # gen21-b: distant sites written before the recurrence word; a local or regional recurrence names none
    ("Background: ER+ HER2- breast cancer 2016 (pT1c pN0), letrozole adjuvant to 2021. Liver +\nbone recurrence 2024.",
     ["bone", "liver"], True, None),
    ("Chest wall recurrence 2024, excised; no distant disease.", [], None, None),
    # gen22-b: a distant relapse listing its sites after a colon (a local one, or none, names no site)
    ("Diagnosis\n  Recurrent ER+ HER2-negative breast cancer, first diagnosed 2015 (right, pT1c pN0).\n  Distant relapse "
     "02/2026: bone (sternum, L2) and mediastinal lymph nodes.\n", ["bone", "distant_lymph_nodes"], True, None),
    ("Local relapse 02/2026: left chest wall nodule, excised.", [], None, None),
    ("No distant relapse: restaging CT and bone scan clear.", [], None, None),
    ("Axillary nodal recurrence 2023, treated with ALND.", [], None, None),
    # ... a bone lesion's "soft tissue component" is no soft-tissue site
    ("Impression: FDG avid lytic-sclerotic lesion in D10 vertebral body with soft tissue component - a solitary "
     "skeletal metastasis.", ["bone"], True, True),
    # gen23-b: what a test cannot show is no site
    ("Head/neck: Physiologic brain uptake; PET is insensitive for brain metastases. Skeleton: FDG-avid lytic lesion in "
     "the right 8th rib, consistent with osseous metastases.", ["bone"], True, None),
    # gen23-b: ovarian suppression is a treatment, no ovarian site
    ("52 y/o woman on ovarian suppression with goserelin, with ER+ HER2-negative MBC (bone-only).", ["bone"], True, None),
    ("Metastatic breast cancer to the ovaries and peritoneum.", ["other"], True, None),
]


@pytest.mark.parametrize("text, path, value, span", CLINICAL, ids=[f"{r[1]}-{i}" for i, r in enumerate(CLINICAL)])
def test_clinical_phrasings(text, path, value, span):
    found = [f for f in run(extract_clinical, text) if f.path == path and f.is_fact]
    if value is None:
        assert found == [], [f.value for f in found]
        return
    assert found, f"no {path}"
    assert found[0].value == value
    if span is not None:
        assert found[0].evidence[0].text == span


@pytest.mark.parametrize("text, sites, metastatic, oligo", METASTASES, ids=[f"met-{i}" for i in range(len(METASTASES))])
def test_metastatic_phrasings(text, sites, metastatic, oligo):
    findings = [f for f in run(extract_metastases, text) if f.is_fact]
    assert sorted({f.value for f in findings if f.path == "stage.metastatic_sites"}) == sorted(sites)
    flags = {f.value for f in findings if f.path == "stage.metastatic"}
    assert flags == (set() if metastatic is None else {metastatic})
    oligos = {f.value for f in findings if f.path == "stage.oligometastatic"}
    assert oligos == (set() if oligo is None else {oligo})


def test_a_followed_lesion_cites_its_site_and_lesion_word():
    findings = run(extract_metastases, "Metastatic breast cancer, on abemaciclib. CT 09/2026: liver lesions smaller.")
    site = next(f for f in findings if f.path == "stage.metastatic_sites")
    assert [(e.text, e.rule) for e in site.evidence] == [("liver lesions", "met.site.liver")]


def test_a_contralateral_node_and_a_recist_row_cite_their_words():
    findings = run(extract_metastases, "Ca right breast.\nFNAC left SCF node: metastatic carcinoma.")
    site = next(f for f in findings if f.path == "stage.metastatic_sites")
    assert [(e.text, e.rule) for e in site.evidence] == [("left SCF node: metastatic", "met.side-node")]
    findings = run(extract_metastases, "Target lesion 1: liver segment VII, 23 mm\n")
    site = next(f for f in findings if f.path == "stage.metastatic_sites")
    assert [(e.text, e.rule) for e in site.evidence] == [("Target lesion 1: liver", "met.target-lesion")]


def test_counted_oligometastatic_status_is_derived_from_the_counts():
    findings = run(extract_metastases, "Two osseous metastases (T9 vertebral body and right iliac wing).")
    (oligo,) = [f for f in findings if f.path == "stage.oligometastatic"]
    assert oligo.value is True
    assert [e.text for e in oligo.evidence] == ["Two osseous metastases"]
    assert all(e.rule == "derived.metastases.lesion-count" for e in oligo.evidence)


DATES = [
    ("03/14/2026", D(2026, 3, 14)), ("3/4/26", D(2026, 3, 4)), ("2026-03-14", D(2026, 3, 14)),
    ("14/03/2026", D(2026, 3, 14)), ("March 14, 2026", D(2026, 3, 14)), ("Mar. 14th, 2026", D(2026, 3, 14)),
    ("14 March 2026", D(2026, 3, 14)), ("14-Mar-2026", D(2026, 3, 14)), ("14-MAR-26", D(2026, 3, 14)),
    ("Sept 3 2025", D(2025, 9, 3)), ("2/30/2026", None), ("May 2025", None), ("1-21", None), ("1.5.25", None),
    ("12.01.2026", D(2026, 1, 12)), ("05.11.2025", D(2025, 11, 5)), ("2026.01.12", D(2026, 1, 12)),
    ("7  Feb 2024", None),  # a table's number column, then a month column: no date
    ("21st March, 2025", D(2025, 3, 21)), ("3\nMay 2024", D(2024, 5, 3)),
    # gen20-b: an Indian lab report's "25/Nov/2026"
    ("25/Nov/2026", D(2026, 11, 25)), ("25/NOV/26", D(2026, 11, 25)), ("25/Nov", None),
]


@pytest.mark.parametrize("text, value", DATES)
def test_date_formats(text, value):
    assert parse_date(text) == value


@pytest.mark.parametrize("text, value", [
    ("Review date: 21/02/2026, started 02/12/2025", D(2025, 12, 2)),  # the text writes the day first
    ("Seen 03/28/2026, started 02/12/2025", D(2025, 2, 12)),  # ... the month first
    ("Started 02/12/2025", D(2025, 2, 12)),  # nothing says otherwise: US order
    ("Seen 21/02/2026 and 03/28/2026; started 02/12/2025", D(2025, 2, 12)),  # mixed: US order
    # Words only day-first countries write settle an ambiguous date; a month-first date overrules them.
    ("St Mary's NHS Trust. Collected 12/03/2026", D(2026, 3, 12)),
    ("FULL BLOOD COUNT\nHaemoglobin 102 g/L, sample 04/05/2026", D(2026, 5, 4)),
    ("Tumour board 03/28/2026; started 02/12/2025", D(2025, 2, 12)),
    ("Hemoglobin 10.2 g/dL, collected 04/05/2026", D(2026, 4, 5)),
    ("Breast MDT outcome 12/03/2026", D(2026, 3, 12)),
    # Indian records: counts per cumm or in lakhs, Hb in gm%, "Inj."/"Tab." before the drug.
    ("DOA: 03-09-2026  Hb 9.8 gm%, Platelets 2.1 lakhs/cumm", D(2026, 9, 3)),
    ("Inj. Trastuzumab 440 mg IV on 04-09-2026 (Cycle 1)", D(2026, 9, 4)),
    ("TLC 6,800/cumm on 05/10/2026", D(2026, 10, 5)),
    ("Tab. Letrozole 2.5 mg OD since 11/03/2025", D(2025, 3, 11)),
    ("Tablet letrozole 2.5 mg since 11/03/2025", D(2025, 11, 3)),  # nothing Indian about it: US order
])
def test_a_texts_own_dates_say_whether_it_writes_the_day_first(text, value):
    assert find_dates(text)[-1].value == value


MONTH_YEARS = [
    ("completed April 2024", ["2024-04"]), ("since 03/2023", ["2023-03"]), ("started Jan '24", ["2024-01"]),
    ("January of 2024", ["2024-01"]), ("Sept. 2023", ["2023-09"]), ("start date: 2023-09", ["2023-09"]),
    ("14 March 2026", []), ("March 14, 2026", []), ("3/4/26", []), ("Jan 24", []), ("1-21", []),
    ("S2024-04-11", []), ("13/2024", []), ("spring 2024", []),
    # gen13-b: two months joined by a hyphen are a range, both read; a day after the hyphen is no month
    ("anastrozole 01/2020-06/2022 then exemestane 07/2022-", ["2020-01", "2022-06", "2022-07"]),
    ("1/2020-6/2021", ["2020-01", "2021-06"]), ("03/2023-04", []), ("12-2020-3", []),
]


@pytest.mark.parametrize("text, months", MONTH_YEARS)
def test_month_and_year_without_a_day(text, months):
    from extract.dates import find_month_years

    assert [m.iso for m in find_month_years(text)] == months


YEARS = [
    ("tamoxifen 2015-2020", [(2015, 2020)]), ("AC-T (2019)", [(2019, None)]), ("since 2021.", [(2021, None)]),
    ("2015 – 2020", [(2015, 2020)]), ("from 2015 to 2020", [(2015, 2020)]),
    ("2024-04", []), ("acc S2019-12345", []), ("12/2020", []), ("Jan 2020", []), ("1/2/2020", []),
    ("2020-2015", []), ("14 March 2026", []),
]


@pytest.mark.parametrize("text, years", YEARS)
def test_years_without_a_month(text, years):
    from extract.dates import find_years

    assert [(y.first, y.last) for y in find_years(text)] == years


def test_a_discharge_summary_is_dated_by_its_discharge_date():
    text = "DISCHARGE SUMMARY\nAdmission date: 02/01/2026   Discharge date: 02/05/2026\nDiagnosis: neutropenic fever."
    assert document_date([text], "clinic_note")[1].value == D(2026, 2, 5)


def test_an_indian_discharge_summarys_doa_and_dod():
    """gen23-b: "DOA: 21/11/2026   DOD: 24/11/2026": a discharge summary is dated by its discharge."""
    text = "DISCHARGE SUMMARY\nName: Mrs. A. Menon     DOA: 21/11/2026     DOD: 24/11/2026\nDIAGNOSIS: febrile neutropenia\n"
    assert document_date([text], "clinic_note")[1].value == D(2026, 11, 24)


def test_an_admission_date_does_not_date_a_medication_reconciliation():
    """gen23-b: a pharmacist's admission reconciliation is dated when it was reconciled, not by "ADMIT DATE:"."""
    text = (" RUN: 11/26/26-0815        ** ADMISSION MEDICATION RECONCILIATION **\n ADMIT DATE: 11/25/26   REASON: "
            "Cellulitis\n HOME MEDICATIONS\n PALBOCICLIB (IBRANCE)  100 MG PO DAILY\n RECONCILED BY: Gomez,Teresa PharmD"
            "  11/26/26 0810\n")
    assert document_date([text], "medication_list")[1].value == D(2026, 11, 26)
    assert document_date([" ADMIT DATE: 11/25/26\n Reason: cellulitis\n"], "medication_list")[1].value == D(2026, 11, 25)


def test_another_visits_date_does_not_date_a_note():
    # gen13-b: "since last visit: ... held from 20/10/2026" is not the visit this note records
    text = ("MEDICAL ONCOLOGY OPD - FOLLOW UP\nPatient: Mrs. K. D.   54 Y / F      Date: 09/11/2026\n"
            "History since last visit: ribociclib HELD from 20/10/2026 for ANC 700.\nNext visit 07/12/2026.")
    assert document_date([text], "clinic_note")[1].value == D(2026, 11, 9)


def test_a_later_visit_named_with_a_word_between_does_not_date_a_note():
    # gen14-b: "next in-person visit", "consent visit"; "Appointment:" is the visit's own label
    text = ("Telephone Follow-up\nDate: 2026-11-23\nPlan: bloods in 3 weeks.\nNext in-person visit 2026-12-14.\n")
    assert document_date([text], "clinic_note")[1].value == D(2026, 11, 23)
    text = "NURSE-LED CLINIC\nAppointment: 17/11/2026 (telephone)\nBloods (sample 16/11/2026): neut 1.05\n"
    assert document_date([text], "clinic_note")[1].value == D(2026, 11, 17)


def test_foreign_date_labels_date_a_lab_report():
    # lead, fifteenth round: "Fecha:", "Date de prélèvement :", "Entnahmedatum:" (a collection date wins for a lab)
    assert document_date(["HEMOGRAMA\nFecha: 2026-08-19\nLeucocitos 2.8"], "lab")[1].value == D(2026, 8, 19)
    text = "NFS\nÉdité le 14/10/2026\nDate de prélèvement : 12/10/2026\nLeucocytes 3,1 G/L"
    assert document_date([text], "lab")[1].value == D(2026, 10, 12)
    assert document_date(["Blutbild\nBefunddatum: 13.10.2026\nEntnahmedatum: 12.10.2026"], "lab")[1].value == \
        D(2026, 10, 12)


def test_a_german_birth_date_and_examination_date():
    # gen19-b: "geb. 22.10.1955" is a birth date; "Untersuchungsdatum:" dates an imaging report
    text = "SKELETTSZINTIGRAPHIE - Befundbericht\nPatientin: Frau U. Becker, geb. 22.10.1955\nUntersuchungsdatum: 12.11.2026\n"
    assert document_date([text], "imaging")[1].value == D(2026, 11, 12)


def test_a_booked_visit_and_a_discharge_line_date_a_note_as_written():
    # gen16-b: "Clinic visit booked 2026-11-30" is a visit to come; "Discharged:" dates a discharge summary
    text = ("ONCOLOGY NURSING TELEPHONE ASSESSMENT\nDate/time: 2026-11-23 10:15\nRN: M. Okonkwo-Fraser\n"
            "Patient repeated the plan back. Clinic visit booked 2026-11-30 with CBC and chemistry.\n")
    assert document_date([text], "clinic_note")[1].value == D(2026, 11, 23)
    text = "INPATIENT DISCHARGE SUMMARY\nAdmitted: 09/11/2026   Discharged: 13/11/2026   Consultant: Dr A. Raza\n"
    assert document_date([text], "clinic_note")[1].value == D(2026, 11, 13)
    text = "DISCHARGE SUMMARY (Ward 6 North)\nAdmission: 16/11/2026   Discharge: 22/11/2026   SMO: Dr T. Hohaia\n"
    assert document_date([text], "clinic_note")[1].value == D(2026, 11, 22)


def test_a_month_alone_never_dates_a_document():
    assert document_date(["Clinic letter\nMarch 2026\nDear Dr Smith,"], "clinic_note") is None


def test_a_letters_date_line_dates_a_genetics_letter():
    text = "CANCER GENETICS PROGRAM\nMay 20, 2024\nDear Ms. Brisk,\n(report Q24-558120, issued May 16, 2024)"
    assert document_date([text], "genetics")[1].value == D(2024, 5, 20)


def test_birth_dates_never_date_a_record():
    text = "DOB: 01/02/1960\nReport Date: March 3, 2026\nCollected: 02/27/2026"
    assert [d.value for d in find_dates(text)] == [D(1960, 1, 2), D(2026, 3, 3), D(2026, 2, 27)]
    assert {ld.kind: ld.mention.value for ld in labelled_dates(text)} == {"reported": D(2026, 3, 3),
                                                                          "collected": D(2026, 2, 27)}
    assert document_date([text], "pathology")[1].value == D(2026, 3, 3)
    assert document_date([text], "lab")[1].value == D(2026, 2, 27)
    assert document_date(["Patient: X | DOB: 08/19/1957"], "other") is None


TELEPHONE_ENCOUNTER = (
    "Telephone Encounter\nHem/Onc Nurse Triage - Riverbend-style Cancer Center           Encounter Date: 11/25/2026\n"
    "Reason for call: Lab results / dose question\n\nCall documentation (RN):\nSpoke with patient, identity verified "
    "x2. Reviewed CBC drawn this morning:\n  WBC 2.6 (L) K/uL, ANC 0.88 (L) K/uL, Hgb 12.0 g/dL, Plt 181 K/uL.\nPer "
    "Dr. Feld: hold Kisqali starting tonight for 7 days, recheck CBC 12/02/2026.\nPatient verbalized understanding.\n\n"
    "Medications reviewed:\n  Kisqali (ribociclib) 200 mg tablet - 3 tablets daily days 1-21 (ON HOLD per above)\n"
    "  letrozole 2.5 mg tablet - 1 daily\n\nDisposition: Advice given; CBC 12/02/2026.\n")

KINDS = [
    ("SURGICAL PATHOLOGY REPORT\nFINAL DIAGNOSIS: invasive ductal carcinoma\nGROSS DESCRIPTION: cores", "pathology"),
    ("ADDENDUM REPORT\nHER2 FISH: amplified, ratio 2.6", "addendum"),
    ("MEDICAL ONCOLOGY FOLLOW-UP NOTE\nDate of service: 03/25/2024\nInterval history: well.\nAssessment and plan: continue.",
     "clinic_note"),
    ("HEMATOLOGY - COMPLETE BLOOD COUNT WITH DIFFERENTIAL\nTest Result Flag Units Reference range\nWBC 2.4 L", "lab"),
    ("EXAM: CT CHEST, ABDOMEN AND PELVIS\nTECHNIQUE: contrast\nFINDINGS:\nIMPRESSION: no disease", "imaging"),
    ("NM WHOLE BODY BONE SCAN    12/02/2026\nHistory: breast ca, bone pain.\nFindings: Focal increased uptake in the right "
     "6th rib.\nImpression: No evidence of bone metastases.", "imaging"),
    ("Bone scintigraphy 12/02/2026\nNo scintigraphic evidence of osseous metastatic disease.", "imaging"),
    ("Oncology telehealth visit - 2026-08-14\nSubjective: Doing OK on Enhertu.\nHER2 IHC 1+ on liver bx 2024 (HER2-low). "
     "ER 70%.\nPlan: continue T-DXd.", "clinic_note"),
    ("Telephone follow-up 2026-08-14\nPathology from the core biopsy: invasive ductal carcinoma, ER 90%, HER2 1+.",
     "clinic_note"),
    ("Germline Genetic Test Report\nBRCA1 and BRCA2 full gene sequencing\nRESULT: POSITIVE - PATHOGENIC VARIANT", "genetics"),
    ("NEXT-GENERATION SEQUENCING REPORT (tumor tissue)\nDate: 03/04/2026\nPIK3CA H1047R detected", "genetics"),
    ("Tumour sequencing results\nSpecimen: liver biopsy\nESR1 Y537S detected", "genetics"),
    ("MEDICATION LIST\nDrug Dose Sig: take one daily\nletrozole 2.5 mg", "medication_list"),
    ("WESTBROOK HOSPITAL\nMolecular Pathology Addendum\nPathology no.: WP25-2207 (addendum 1) Issued: 20-May-2025\n"
     "HER2 IN SITU HYBRIDIZATION\nInterpretation: NOT AMPLIFIED", "addendum"),
    ("BREAST UNIT\nClinic date: 2025-05-13\nDiagnosis: Left breast invasive lobular carcinoma, pT2 pN1a, grade 2.\n"
     "Dear Dr Halvorsen,\nI saw Mrs Marchbanks today.", "clinic_note"),
    ("Breast, left, wide local excision: Infiltrating ductal carcinoma, Nottingham grade III (of III) forming a "
     "3 x 3 x 2.5 cm mass. No vascular invasion is identified.", "pathology"),
    ("Dear friend, thank you for your letter.", "other"),
    # gen15-b: a nurse-led monitoring clinic with its bloods is a clinic note, not a lab report
    ("NURSE-LED CDK4/6 MONITORING CLINIC\nThe Christie NHS Foundation Trust, Manchester\nAppointment: 17/11/2026  "
     "(telephone)     CNS: Sarah Whitworth\nBloods (sample 16/11/2026): neut 1.05, Hb 124, plt 176, ALT 41 (H), "
     "bili 9. ECG 16/11: QTcF 438 ms.\nCurrent dose: ribociclib 400 mg od d1-21.", "clinic_note"),
    ("Breast CNS toxicity clinic - telephone review\nFBC: Hb 112 g/L, WCC 3.1, neutrophils 1.2, platelets 180\n"
     "ALT 30, creatinine 64", "clinic_note"),
    ("CLINIC ROAD LABORATORY\nFULL BLOOD COUNT\nHaemoglobin 98 g/L (115 - 165) L\nNeutrophil count 0.6 x10^9/L",
     "lab"),
    # Pathology reports without a "pathology report" title: section labels and staging words.
    ("MACROSCOPIC: Labelled \"R breast\".\nMICROSCOPIC:\nDIAGNOSIS: Right breast, mastectomy: invasive breast "
     "carcinoma of no special type, Grade 3, maximum size 32mm.\nReceptor status: ER negative (<1%), PR negative (<1%).",
     "pathology"),
    ("Histopathological findings: Breast, left, segmentectomy.\nInvasive carcinoma of no special type (NST), G2.\n"
     "ICD-O: 8500/3\nTNM (UICC 8th ed.): pT2 (m) pN0 (0/3 sn) L0 V0 R0", "pathology"),
    # A title is a short leading line: genetics words in the first sentence of a note are not one.
    ("Oncology Follow-up\n\nPatient is a 58 yo postmenopausal woman with ER+/PR+/HER2- metastatic breast cancer, "
     "diagnosed 2022. Her sister carries a BRCA2 mutation; her own germline testing (Invitae) was negative.\n"
     "Current regimen: letrozole 2.5 mg daily.\nECOG 1.", "clinic_note"),
    ("PATHOLOGY - HAEMATOLOGY          NHS Trust\nSample taken: 05-Feb-2026\nFULL BLOOD COUNT\n"
     "Haemoglobin 98 g/L (115 - 165) L\nNeutrophil count 0.6 x10^9/L (2.0 - 7.5) L", "lab"),
    ("DEPARTMENT OF MEDICAL ONCOLOGY\nOPD Follow up   Date: 12.01.2026\nMrs. S. Rao, 46 yrs, k/c/o Ca left breast.\n"
     "Genetic testing: BRCA1 pathogenic variant c.68_69delAG detected (germline).\nRx:\nTab. Olaparib 300 mg BD",
     "clinic_note"),
    ("CONSULTATION\nDate of service 04/07/2026\nThis 67-year-old woman presents with back pain. Tumor NGS "
     "(FoundationOne CDx) showed a PIK3CA mutation; her germline panel was negative.\nPlan: start ribociclib.",
     "clinic_note"),
    ("HEMATOLOGY/ONCOLOGY PROGRESS NOTE\nDOS: 2/9/2026\nS: on fulvestrant. Liquid biopsy: ESR1 detected.\n"
     "A/P: continue.", "clinic_note"),
    ("PROBLEM LIST\n1. Metastatic breast cancer, HR+/HER2-low - bone-only disease\n   - Current: elacestrant 345 mg PO "
     "daily\n   - ESR1 mutation (Y537N) on ctDNA 09/2025\n2. Germline genetics: ATM VUS only\nPerformance status: ECOG 1",
     "clinic_note"),
    ("Cancer Centre - Systemic Therapy Clinic        Visit: 2026-01-19\nHgb 104 g/L | WBC 3.3 x 10E9/L\n"
     "Tamoxifen 20 mg PO OD since 2024-03-01.\nECOG: 0.", "clinic_note"),
    # Discharge summaries, MARs, pharmacy labels, UK FBC printouts
    ("DISCHARGE SUMMARY\nAdmission date: 02/01/2026   Discharge date: 02/05/2026\nDiagnosis: febrile neutropenia on "
     "docetaxel.\nDischarge medications:\n1. Filgrastim 300 mcg SC daily\nLabs on discharge: ANC 1.6, WBC 3.2",
     "clinic_note"),
    ("St Mary's Hospital NHS Trust\nINPATIENT DISCHARGE SUMMARY\nDate of admission: 03/02/2026\nReason for admission: "
     "neutropenic sepsis.\nHospital course: IV antibiotics.", "clinic_note"),
    ("MAR - Medication Administration\nScheduled Medications   Dose   Route   Time   Given by\n"
     "ondansetron (ZOFRAN) injection  8 mg  IV  08:00  RN KL", "medication_list"),
    ("BOOTS PHARMACY\nDispensed: 04/02/2026\nANASTROZOLE 1MG TABLETS\nTake ONE tablet daily\nQty: 28    Mrs J SMITH\n"
     "Keep out of reach of children", "medication_list"),
    ("CVS/pharmacy #1234\nRx# 4455667   Filled: 02/14/2026\nPALBOCICLIB 125MG CAPSULE\nTAKE 1 CAPSULE BY MOUTH DAILY",
     "medication_list"),
    ("FULL BLOOD COUNT\nSample collected: 12/03/2026 09:14\nTest  Result  Units  Ref range  Flag\n"
     "Haemoglobin  102  g/L  115-165  L\nNeutrophils  0.8  x10^9/L  2.0-7.5  L", "lab"),
    ("REPEAT MEDICATION\nDrug                    Dosage              Last issued\n"
     "Letrozole 2.5mg tablets  ONE to be taken daily  02/03/2026", "medication_list"),
    ("Medication Orders\nOrder            Details              Order Status   Start\n"
     "eribulin 1.4 mg/m2 IV   d1, d8 q21d   Ordered   4/2/2025", "medication_list"),
    ("Discharge planning was discussed at the oncology follow-up visit.\nInterval history: well.\n"
     "Assessment and plan: continue letrozole.", "clinic_note"),
    # Telegraphic pathology without a title or section labels: abbreviations and receptor shorthand.
    ("R breast US core x2: ILC, MBR 5/9. LCIS adjacent. ER+ (80%), PR- (<1%), Her2 neg (0).", "pathology"),
    ("Core bx 10:00 L: IDC w/ DCIS, LVI absent. ER+ PR+ HER2-.", "pathology"),
    # ... which a clinic note also writes, under its own title.
    ("Breast oncology clinic note\nDate of service: 03/02/2026\n61F with ER+ PR+ HER2- IDC of the left breast, "
     "pT1c N0. Doing well on letrozole.", "clinic_note"),
    ("Haematology report   Sample taken: 11/02/2026\nHaemoglobin  110 g/L  [115 - 165]  L\n"
     "Neutrophils  1.1 x10^9/L  [2.0 - 7.5]  L", "lab"),
    ("Discharge medications:\n1) Letrozole 2.5 mg PO daily - continue\n2) Ribociclib 400 mg PO daily d1-21 - "
     "dose reduced", "medication_list"),
    ("Patient medication summary (printed 02/02/2026)\nMedication          Sig                 Start\n"
     "Tamoxifen 20 mg tab  1 tab daily      01/06/2025", "medication_list"),
    # gen11-b: clinic documents titled as a telephone encounter, a navigator intake, a survivorship care
    # plan or a nurse-led pre-chemotherapy assessment, full of pathology shorthand and counts.
    ("TELEPHONE ENCOUNTER\nLakeshore Oncology Associates   Encounter date: 10/06/2026\nCaller: patient\n"
     "Pt with HR+/HER2- MBC on palbociclib 125 mg.\nLabs: WBC 2.0, ANC 0.9, Hgb 10.4, Plt 118.", "clinic_note"),
    ("NURSE NAVIGATOR INTAKE - BREAST HEALTH PROGRAM\nReferral source: radiology - BI-RADS 6 after core bx\n"
     "Diagnosis per outside path: triple negative IDC, grade 3. ER <1%, PR <1%, HER2 0. Ki-67 85%.", "clinic_note"),
    ("SURVIVORSHIP CARE PLAN & TREATMENT SUMMARY\nDIAGNOSIS\nLeft breast invasive lobular carcinoma, grade 2, "
     "24 mm, ER 90% strong, PR 60%, HER2 negative (IHC 0). pT2 pN1a (1/3 SLN+ with ECE).", "clinic_note"),
    ("Chemotherapy Day Unit - Pre-treatment Assessment (Nurse-led)\nDiagnosis: R breast IDC grade 3, ER negative, "
     "PR negative, HER2 positive (IHC 3+). cT2 cN0.\nFBC: Hb 104 g/L, Neutrophils 1.2 x10^9/L", "clinic_note"),
    ("HIGHLAND PARK CANCER CENTER\nMedical Oncology - Second Opinion Consultation\nDate: 04/27/2026\n"
     "LEFT breast: 4.1 cm ILC, grade 2, ER 90% / PR 50% / HER2 1+, Ki67 10%.\nRIGHT breast: 0.8 cm IDC, grade 1, "
     "ER 100% / PR 95% / HER2 0.", "clinic_note"),
    ("BREAST CANCER TUMOR BOARD - CASE SUMMARY\nLakeview University Hospital   Date of conference: 03/19/2026\n"
     "Pathology (L breast core): invasive ductal carcinoma, grade 3. ER 95%, PR 5% (low), HER2 IHC 2+ (equivocal); "
     "reflex ISH: HER2/CEP17 ratio 1.8.", "clinic_note"),
    # gen13-b: an Indian OPD card whose imaging words (USG, BIRADS, PET-CT) outnumber its clinic words
    ("CITY ONCO CARE, CHENNAI - OPD\nDate: 02/11/2026\nPMH: Ca left breast 2012 - BCS + RT.\n"
     "Now: lump in other breast. USG: 2.1 cm BIRADS 5 lesion. PET-CT: no distant mets.\nPlan: await FISH.",
     "clinic_note"),
    # gen14-b: a UK trust's cumulative blood report headed "Pathology"
    ("BARTS HEALTH NHS TRUST - PATHOLOGY CUMULATIVE REPORT\nClinical details: Ribociclib C6D1 check.\n"
     "Sample: 03-Nov-2026 09:20     Reported: 03-Nov-2026 13:55\n  Neutrophils          0.8   L   x10^9/L    (2.0-7.5)",
     "lab"),
    # lead, fifteenth round: a Spanish blood count, a French one, a German one
    ("LABORATORIO CLINICO SAN RAFAEL    Fecha: 2026-08-19\nPaciente: M. G.   Medico: Dra. L. Ortiz (Oncologia)\n"
     "HEMOGRAMA COMPLETO\nLeucocitos ........... 2.8   x10^3/uL   (4.5-11.0)   *\nPlaquetas ............ 205   x10^3/uL", "lab"),
    ("Numération formule sanguine\nDate de prélèvement : 12/10/2026\nLeucocytes 3,1 G/L\nPolynucléaires neutrophiles 1,2 G/L",
     "lab"),
    ("Kleines Blutbild\nEntnahmedatum: 12.10.2026\nLeukozyten 3,2 /nl\nThrombozyten 210 /nl", "lab"),
    # a haematology department's full blood count requested by an oncology clinic
    ("Haematology Department - Royal County Hospital NHS Trust\nFULL BLOOD COUNT                Sample taken 14-Oct-2026 09:20\n"
     "Requested by: Breast Oncology Clinic (Dr P Hughes)\n\nHaemoglobin  118  g/L  (115 - 165)\nNeutrophils  1.2  x10^9/L  "
     "(2.0 - 7.5)  LOW", "lab"),
    # genomic assay reports; a short clinic note that names testing labs is still a clinic note
    ("Oncotype DX Breast Recurrence Score(R) Report\nGenomic Health / Exact Sciences   Report date: 07/22/2026\n"
     "Specimen: S26-4411 B2 (left breast, lumpectomy)\nSubmitting diagnosis: invasive ductal carcinoma\n"
     "Recurrence Score(R) Result: 23", "genetics"),
    ("Agendia MammaPrint(R) + BluePrint(R) Report\nReport date: 15 April 2026   Pathology accession: BX26-1180\n"
     "Clinical information: IDC grade 2, ER 90%\nMammaPrint Result: LOW RISK   MammaPrint Index: +0.245", "genetics"),
    ("Breast Oncology Follow-up   Date of visit: 10/03/2026\n62 year old woman with metastatic breast cancer to bone.\n"
     "Germline testing (Myriad MyRisk, 2024): negative, no pathogenic variants in BRCA1/2.\n"
     "Guardant360 (09/2026): ESR1 Y537S detected.\nPlan: consider elacestrant.", "clinic_note"),
    # gen16-b: a nurse's telephone assessment under a cancer centre's protocol
    ("JURAVINSKI CANCER CENTRE\nONCOLOGY NURSING TELEPHONE ASSESSMENT (COSTaRS protocol)\nDate/time: 2026-11-23 10:15\n"
     "Regimen: Capecitabine 1,500 mg PO twice daily, days 1-14 of a 21-day cycle.\nAssessment: grade 2 hand-foot "
     "syndrome. Temp 36.8.", "clinic_note"),
    ("THE CHRISTIE - 24 HOUR HOTLINE / ACUTE ONCOLOGY\nUKONS TRIAGE TELEPHONE LOG\nCall received: 21/11/2026\n"
     "Presenting problem: diarrhoea grade 3. Creatinine 98.", "clinic_note"),
    # gen19-b: a nuclear medicine / PET-CT department's report, a German bone scintigraphy
    ("DEPARTMENT OF NUCLEAR MEDICINE & PET-CT\nReg. No: NM/PET/26/5521  Date: 17/11/2026\nClinical details: K/c/o Ca "
     "right breast 2021. For restaging.\nSkeleton: FDG avid lytic lesion in D10 vertebral body.\nImpression: suggest "
     "HPE correlation.", "imaging"),
    ("Radiology Department - Kingsmead University Hospital\nCT THORAX, ABDOMEN AND PELVIS (CONTRAST ENHANCED)\n"
     "Clinical details: Left breast cancer 2021 (pT2 pN0, ER+).\nBiopsy: metastatic carcinoma consistent with breast "
     "primary, ER 90%.\nCONCLUSION: solitary pulmonary metastasis.\nReported by: Dr T. Adeyemi, Consultant Radiologist",
     "imaging"),
    # ... a genetics service's result letter; a clinic letter that refers to the service
    ("All Wales Medical Genomics Service - Cancer Genetics\nOur ref: CG/26/4471\nDear Dr Evans,\nResult: no pathogenic "
     "variants were detected in BRCA1, BRCA2 or PALB2.\nYours sincerely,", "genetics"),
    ("Breast Oncology Clinic\nDate: 12/11/2026\nDear Dr Lee,\nI reviewed Mrs Tan today. ECOG 0.\nPlan: letrozole; "
     "referred to the cancer genetics clinic.\nYours sincerely,", "clinic_note"),
    ("Klinik für Nuklearmedizin\nSKELETTSZINTIGRAPHIE - Befundbericht\nFragestellung: Mammakarzinom links (ED 2018, "
     "pT2 pN1a, G2, HR+), Knochenmetastasen?\nBefund: multiple foci of increased uptake.", "imaging"),
    ("SINGAPORE GENERAL HOSPITAL - MULTIDISCIPLINARY BREAST TUMOUR BOARD\nDate of meeting: 05/11/2026\n"
     "- 2022: Right breast IDC, pT2N1a(2/18), G3, ER 90% PR 20% HER2 1+. Right MRM + ALND.\n"
     "- CT-guided biopsy L2: metastatic carcinoma, ER 80%, PR 5%, HER2 0.", "clinic_note"),
    # gen21-b: a private oncologist's "CLINICAL NOTE" over a pathology-heavy background; a hereditary cancer
    # program's letter
    ("CLINICAL NOTE                                                        Date: 2026/11/23\nBackground:\nLeft breast "
     "IDC 2014 (pT2 pN1 M0, ER+ PR+ HER2-), lumpectomy, FEC x6, RT.\nRecurrence 08/2025: pleural effusion - cytology "
     "positive, ER 80%, HER2 0.", "clinic_note"),
    ("HEREDITARY CANCER PROGRAM\nProvincial Health Services - Genetics Clinic\n\nDear Dr. Tessier,\nThank you for "
     "referring Ms. Lee with left breast cancer (ER+/PR+/HER2-, clinical stage IIB).\nRESULTS\n  BRCA2     c.5946del     "
     "PATHOGENIC - heterozygous", "genetics"),
    # gen21-b: a letter-spaced title ("D I S C H A R G E   S U M M A R Y") over a list of discharge medications
    ("APOLLO-STYLE HOSPITALS, CHENNAI            DEPARTMENT OF MEDICAL ONCOLOGY\n                     D I S C H A R G E   "
     "S U M M A R Y\nName: Mrs. F. Begum   Age: 49 yrs\nDischarge medications:\n  1. Tab. Abemaciclib 100 mg BD - continue\n"
     "  2. Inj. Fulvestrant 500 mg IM monthly\n  3. Tab. Loperamide 2 mg SOS\n", "clinic_note"),
    # gen21-b: a medical oncology second opinion over a pathology-heavy summary
    (" MANIPAL-STYLE COMPREHENSIVE CANCER CENTRE, BENGALURU\n SECOND OPINION - BREAST MEDICAL ONCOLOGY   Date: 27/11/2026\n"
     " Surgery: Left BCS + SLNB - IDC NST, grade 2, 19 mm, LVI absent, margins clear, SLN 0/2. ER 80%, PR 40%, HER2 2+ "
     "(FISH not amplified), Ki-67 25%.\n pT1c pN0(sn), pathological prognostic stage IA.", "clinic_note"),
    # gen21-b: an oncologist's letter to a GP greeted by first name, with a germline result in it
    ("Medical Oncology\n20 November 2026\nDr Michael O'Brien\n\nDear Michael,\n\nJessica is now on cycle 6 of "
     "ribociclib. Her germline panel (Invitae, 06/2026) showed no pathogenic variants in BRCA1 or BRCA2.", "clinic_note"),
    # gen23-b: a nurse's telephone encounter reading out a blood count is a clinical contact, not a lab report
    (TELEPHONE_ENCOUNTER, "clinic_note"),
    # gen23-b: a pharmacist's best possible medication history
    ("FRASER-STYLE CANCER AGENCY - ONCOLOGY PHARMACY                  Medication Review (BPMH)\nPatient: CHAN, Wai Ling"
     "        Date: 2026-11-24\nPrescriber: Dr. M. Roy          Protocol: BRAVRIBO (ribociclib + AI)\nSources: "
     "PharmaNet profile, patient interview, clinic note 2026-11-10.\n\nACTIVE ONCOLOGY MEDICATIONS\n  1. ribociclib "
     "200 mg tablets - take 2 tablets (400 mg) once daily days 1-21 q28d\n  2. letrozole 2.5 mg PO daily\n"
     "Interactions reviewed: ribociclib + ondansetron (QTc) - ECG 2026-11-10 QTcF 437 ms, acceptable.\n",
     "medication_list"),
]


@pytest.mark.parametrize("text, kind", KINDS)
def test_document_kinds(text, kind):
    assert classify_text(text) == kind


def test_classify_document_gives_kind_and_date():
    document = Document(sha256="0" * 64, filename="x.txt", type="text", pages=[
        Page(number=1, text="CT REPORT\nExam date: Nov 29, 2023\nTECHNIQUE: contrast\nIMPRESSION: two lesions",
             source="text-layer")])
    assert classify_document(document) == ("imaging", D(2023, 11, 29))


def test_broken_kind_rules_fail_loudly(tmp_path):
    raw = json.loads((RULES_DIR / "document_kinds.json").read_text())
    raw["kinds"][0]["cues"][0]["pattern"] = "(unclosed"
    (tmp_path / "document_kinds.json").write_text(json.dumps(raw))
    with pytest.raises(ConfigurationError, match="not a valid regex"):
        load_json("document_kinds.json", KindRules, tmp_path)


@pytest.mark.parametrize("text, value, span", [
    ("Date of diagnosis: 03/12/2019", D(2019, 3, 12), "03/12/2019"),
    ("Dx 3/12/19, s/p lumpectomy and radiation.", D(2019, 3, 12), "3/12/19"),
    ("Diagnosis date - 2019-03-12", D(2019, 3, 12), "2019-03-12"),
    ("Diagnosed on core biopsy 03/12/2019.", D(2019, 3, 12), "03/12/2019"),
    ("Rx 3/12/19: letrozole.", None, None),
    ("Her mother's date of diagnosis: 03/12/1999.", None, None),
    ("Her sister was diagnosed on 04/02/2015.", None, None),
])
def test_diagnosis_date_phrasings(text, value, span):
    from extract.fields.diagnosis_date import extract_diagnosis_date

    found = [f for f in run(extract_diagnosis_date, text) if f.is_fact]
    assert [f.value for f in found] == ([] if value is None else [value])
    if span is not None:
        assert found[0].evidence[0].text == span
