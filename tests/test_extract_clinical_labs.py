"""Lab values: names, units (converted to the stored unit), flags, ranges, dates, CTCAE grades."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from extract.fields.labs import LabVocabulary, extract_labs
from extract.vocab import VOCAB_DIR, load_json
from ingest.errors import ConfigurationError
from tests.clinical_helpers import check_item, item, run

D = dt.date

ROWS = [
    # (text, lab name, expected leaves, evidence texts)
    ("Neutrophils, absolute (ANC)  0.82  L  x10^9/L  1.80 - 7.70", "ANC",
     {"value": 0.82, "unit": "10^9/L", "flag": "L", "reference_low": 1.8, "grade": 3},
     {"value": "0.82", "unit": "x10^9/L", "flag": "L", "name": "Neutrophils, absolute"}),
    ("Absolute neutrophils 1,350 cells/uL 1,500-7,800 L", "ANC",
     {"value": 1.35, "unit": "10^9/L", "reference_low": 1.5, "reference_high": 7.8, "grade": 2},
     {"value": "1,350", "unit": "cells/uL"}),
    ("ANC today 850 cells/µL.", "ANC", {"value": 0.85, "grade": 3}, {"unit": "cells/µL"}),
    ("ANC: 1.2 K/uL", "ANC", {"value": 1.2, "grade": 2}, {"unit": "K/uL"}),
    ("ANC 1200/mm3", "ANC", {"value": 1.2}, {"unit": "/mm3"}),
    ("ANC 0.4 x 10^9/L (grade 4)", "ANC", {"value": 0.4, "grade": 4}, {}),
    ("ANC 1.6 x10E3/uL", "ANC", {"value": 1.6}, {}),
    ("ANC 2.1 10^3/µL", "ANC", {"value": 2.1}, {}),
    # lab names in Spanish, Portuguese, French, Italian, German and Dutch reports (lead, fifteenth round)
    ("Neutrófilos abs ...... 0.90  x10^3/uL   (1.8-7.7)", "ANC", {"value": 0.9, "grade": 3, "reference_low": 1.8},
     {"name": "Neutrófilos abs", "value": "0.90"}),
    ("Neutrofilos  1.1  x10^9/L", "ANC", {"value": 1.1, "grade": 2}, {"name": "Neutrofilos"}),
    ("Leucocitos .... 2.8 x10^3/uL (4.5-11.0)", "WBC", {"value": 2.8, "reference_low": 4.5}, {"name": "Leucocitos"}),
    ("Plaquetas 205 x10^3/uL", "platelets", {"value": 205}, {"name": "Plaquetas"}),
    ("Hemoglobina 12.1 g/dL", "hemoglobin", {"value": 12.1}, {"name": "Hemoglobina"}),
    ("Polynucléaires neutrophiles 0,8 G/L", "ANC", {"value": 0.8}, {"name": "Polynucléaires neutrophiles"}),
    ("Leukozyten 3,2 /nl", "WBC", {"value": 3.2}, {"name": "Leukozyten"}),
    ("TGP (ALT) 45 U/L", "ALT", {"value": 45}, {"name": "TGP"}),
    ("Abs neut 0.45", "ANC", {"value": 0.45, "grade": 4}, {}),
    ("Absolute Neutrophil Count ......... 0.9 L", "ANC", {"value": 0.9, "flag": "L", "grade": 3}, {}),
    ("Neut Abs 1.1 K/uL", "ANC", {"value": 1.1}, {}),
    ("Neutrophils, Abs     950  L    cells/uL     1800-7700", "ANC",
     {"value": 0.95, "flag": "L", "reference_low": 1.8, "reference_high": 7.7, "grade": 3},
     {"value": "950", "unit": "cells/uL", "name": "Neutrophils, Abs"}),
    ("Neutrophils (Absolute) 1.7 x10E3/uL 1.4-7.0", "ANC", {"value": 1.7}, {"name": "Neutrophils (Absolute)"}),
    ("ANC was 850.", "ANC", {"value": 0.85}, {"unit": "850"}),  # no unit: inferred from size, marked derived
    ("ANC (absolute neutrophils) 3.8 1.5-7.8 K/uL", "ANC", {"value": 3.8, "reference_low": 1.5}, {}),
    ("WBC 2.4 L x10^9/L 4.0 - 11.0", "WBC", {"value": 2.4, "grade": 2, "flag": "L"}, {}),
    ("White blood cell count 3.4 x10E3/uL 4.0-10.5 L", "WBC", {"value": 3.4, "grade": 1}, {}),
    ("Platelets 171 x10^9/L 150 - 400", "platelets", {"value": 171}, {}),
    ("Platelet count 45,000/uL", "platelets", {"value": 45, "grade": 3}, {}),
    ("plt 180", "platelets", {"value": 180}, {}),
    ("Hemoglobin 11.1 g/dL 12.0-15.5 L", "hemoglobin", {"value": 11.1, "grade": 1}, {}),
    ("Hgb 7.6 g/dL", "hemoglobin", {"value": 7.6, "grade": 3}, {}),
    ("Hb 105 g/L", "hemoglobin", {"value": 10.5}, {"unit": "g/L"}),
    ("ALT 41 H 7-35 U/L", "ALT", {"value": 41, "grade": 1, "flag": "H", "reference_high": 35}, {}),
    ("ALT (SGPT) 160 H U/L 7-35", "ALT", {"value": 160, "grade": 2}, {}),
    ("AST 38 H 10-35 U/L", "AST", {"value": 38, "grade": 1}, {}),
    ("Total bilirubin 0.7 0.2-1.2 mg/dL", "bilirubin", {"value": 0.7}, {}),
    ("Bilirubin, total 34 umol/L (3-21)", "bilirubin", {"value": 1.9883, "grade": 2}, {}),
    ("Creatinine 0.72 mg/dL 0.50-1.10", "creatinine", {"value": 0.72}, {}),
    ("QTcF 462 ms on ECG 3/2/2026.", "QTcF", {"value": 462, "grade": 1, "date": D(2026, 3, 2)}, {"date": "3/2/2026"}),
    ("QTc (Fridericia) 503 msec", "QTcF", {"value": 503, "grade": 3}, {}),
    ("HbA1c 6.1%", "HbA1c", {"value": 6.1, "unit": "%"}, {}),
    ("Fasting glucose 132 mg/dL", "glucose", {"value": 132}, {}),
    ("Glucose 7.0 mmol/L", "glucose", {"value": 126.112}, {}),
    # dates
    ("LABORATORY REPORT\nCollected: 03/14/2026 08:10\nWBC 2.1 L K/uL 4.0-11.0", "WBC",
     {"date": D(2026, 3, 14)}, {"date": "03/14/2026"}),
    ("Labs 3/1/2026: ANC 1.2, plt 180, Hgb 11.2.", "platelets", {"date": D(2026, 3, 1), "value": 180}, {}),
    ("Date of service: 03/25/2024\nECG today: sinus rhythm, QTcF 438 ms.", "QTcF",
     {"date": D(2024, 3, 25), "value": 438}, {"date": "03/25/2024"}),
    # gen22-b: a trend written with its earlier value ("has come down from 64 to 31"): the value now
    ("Her CA 15-3 has come down from 64 to 31 U/mL.", "CA 15-3", {"value": 31, "unit": "U/mL"}, {"value": "31"}),
    # gen22-b: a "Results today:" line over the result rows dates them with the visit
    ("Clinic date: 27/11/2026\nResults today:\n  Neutrophils 1.3 x10^9/L | WBC 2.9 | Hb 124 g/L | Platelets 198\n",
     "ANC", {"date": D(2026, 11, 27), "value": 1.3}, {"date": "27/11/2026"}),
    # other institutions' formats: UK FBC, Indian reports, LabCorp
    ("Her full blood count today showed neutrophils 0.9 x10^9/L, Hb 118 g/L.", "ANC",
     {"value": 0.9, "grade": 3}, {"name": "neutrophils", "unit": "x10^9/L"}),
    ("Neutrophil count     0.6    x10^9/L    (2.0 - 7.5)   L", "ANC",
     {"value": 0.6, "flag": "L", "reference_low": 2.0, "grade": 3}, {"flag": "L"}),
    ("Hb 9.2 gm%, TLC 3200/cumm, ANC 1500, Platelets 1.2 lakhs", "platelets", {"value": 120}, {"unit": "lakhs"}),
    ("Hb 9.2 gm%, TLC 3200/cumm, ANC 1500, Platelets 1.2 lakhs", "WBC", {"value": 3.2}, {"name": "TLC", "unit": "/cumm"}),
    ("Hb 9.2 gm%, TLC 3200/cumm", "hemoglobin", {"value": 9.2, "grade": 2}, {"unit": "gm%"}),
    ("Platelet count: 2.5 lakh/cumm", "platelets", {"value": 250}, {"unit": "lakh/cumm"}),
    ("WCC 3.1 x10^9/L (4.0-11.0)", "WBC", {"value": 3.1, "reference_low": 4.0}, {"name": "WCC"}),
    ("Total leucocyte count 4,200 /cmm", "WBC", {"value": 4.2}, {"unit": "/cmm"}),
    ("Specimen ID: 1-2-3     Date Collected: 01/22/2026     Date Reported: 01/23/2026\n"
     "Neutrophils (Absolute)       1.1         Low      x10E3/uL       1.4-7.0", "ANC",
     {"date": D(2026, 1, 22), "flag": "L"}, {"date": "01/22/2026"}),
    ("  WHITE BLOOD CELL COUNT                 2.9 L         3.8-10.8 Thousand/uL   EN", "WBC",
     {"value": 2.9, "flag": "L", "reference_low": 3.8}, {"unit": "Thousand/uL"}),
    ("Her recent FBC showed Hb 121, Plt 198.", "hemoglobin", {"value": 12.1, "unit": "g/dL"}, {"value": "121"}),
    ("PT: XXXXX   MRN: 0000   COLL: 2026-02-14 0700\nABS NEUT          0.35    LL    1.8-7.7        10*3/UL",
     "ANC", {"value": 0.35, "flag": "LL", "grade": 4, "date": D(2026, 2, 14)}, {"unit": "10*3/UL", "date": "2026-02-14"}),
    ("Bloods today: Hb 131 g/L, WCC 4.8, neutrophils 2.9 x10^9/L, plt 244, bilirubin 9 umol/L.", "bilirubin",
     {"value": 0.5263}, {"unit": "umol/L"}),
    ("AST/ALT 88/102 (grade 1).", "AST", {"value": 88, "unit": "U/L"}, {"value": "88", "name": "AST"}),
    ("AST/ALT 88/102 (grade 1).", "ALT", {"value": 102}, {"value": "102", "name": "ALT"}),
    ("ALT/AST: 40/35 U/L", "AST", {"value": 35, "unit": "U/L"}, {"unit": "U/L"}),
    ("Hemoglobin stable at 10.2.", "hemoglobin", {"value": 10.2}, {"value": "10.2"}),
    ("Total bili 2.1 mg/dL.", "bilirubin", {"value": 2.1}, {"name": "Total bili"}),
    ("Cr 72 µmol/L | ALT 40 U/L | Bili 14 µmol/L", "bilirubin", {"value": 0.8187}, {"name": "Bili", "unit": "µmol/L"}),
    ("Neutrophils 0.9 (1.8-7.5) x10 9/L", "ANC", {"value": 0.9, "reference_low": 1.8, "grade": 3}, {"unit": "x10 9/L"}),
    ("Neutrophil Absolute Count    0.95   10^3/mcL   (1.56-6.13)  Low", "ANC", {"value": 0.95, "flag": "L"},
     {"name": "Neutrophil Absolute Count"}),
    ("WBC 3.2 4.0-11.0 K/uL L ANC 1.1 1.5-8.0 K/uL L PLT 140 150-400 K/uL L", "ANC",
     {"value": 1.1, "flag": "L", "reference_low": 1.5}, {"value": "1.1"}),
    ("WBC 3.2 4.0-11.0 K/uL L ANC 1.1 1.5-8.0 K/uL L PLT 140 150-400 K/uL L", "platelets",
     {"value": 140, "flag": "L", "reference_low": 150}, {"name": "PLT"}),
    # --- Epic / Cerner / UK result tables: flags written other ways --------------------------------------
    ("WBC                      1.8 Lo    3.4-10.8       x10E3/uL", "WBC", {"value": 1.8, "flag": "L", "grade": 3},
     {"flag": "Lo"}),
    ("Hemoglobin               9.8 ↓     11.1-15.9      g/dL", "hemoglobin", {"value": 9.8, "flag": "L", "grade": 2},
     {"flag": "↓"}),
    ("ALT 140 ↑ (7-35) U/L", "ALT", {"value": 140, "flag": "H", "grade": 2}, {"flag": "↑"}),
    ("Glucose 254 mg/dL Hi", "glucose", {"value": 254, "flag": "H"}, {"flag": "Hi"}),
    ("Neutrophils Absolute     0.45      1.40-7.00      x10*3/uL   Critical Low", "ANC",
     {"value": 0.45, "grade": 4, "flag": "critical", "reference_low": 1.4}, {"flag": "Critical Low"}),
    ("PLATELET COUNT         42 *L      x10(3)/mcL  140-400       Final", "platelets",
     {"value": 42, "flag": "L", "grade": 3}, {"flag": "*L"}),
    ("Plt ct 56 K/cumm", "platelets", {"value": 56, "grade": 2}, {"name": "Plt ct", "unit": "K/cumm"}),
    ("Haemoglobin           96 g/L        [115 - 165]  L", "hemoglobin", {"value": 9.6, "flag": "L", "grade": 2},
     {"unit": "g/L"}),
    ("Neutrophils           0.7 x10^9/L   [2.0 - 7.5]  LL", "ANC", {"value": 0.7, "flag": "LL", "grade": 3}, {}),
    ("Bilirubin 21 umol/L (0-21)", "bilirubin", {"value": 1.2281}, {"unit": "umol/L"}),
    ("Bili 0.9, ALT 30", "bilirubin", {"value": 0.9, "unit": "mg/dL"}, {}),
    # A bare neutrophil value with decimals is a count (UK letters); a whole number may be a percentage.
    ("Her recent FBC showed Neut 1.3.", "ANC", {"value": 1.3, "unit": "10^9/L"}, {"value": "1.3", "name": "Neut"}),
    ("Bloods today: Hb 118 g/L, WCC 4.1, neutrophils 2.3, platelets 245.", "ANC", {"value": 2.3, "unit": "10^9/L"},
     {"value": "2.3", "unit": "2.3", "name": "neutrophils"}),
    ("ABS NEUTROPHIL CT    0.6 (LL)  10*3/uL    1.5-8.0", "ANC", {"value": 0.6, "flag": "LL", "grade": 3},
     {"name": "ABS NEUTROPHIL CT", "flag": "(LL)"}),
    ("ANC 0.8 (L)", "ANC", {"value": 0.8, "flag": "L", "grade": 3}, {"flag": "(L)"}),
    ("Neut# 1.1", "ANC", {"value": 1.1, "unit": "10^9/L"}, {"name": "Neut#"}),
    ("Neutrophils Abs    1.2       L       1.8 - 7.7      K/uL", "ANC",
     {"value": 1.2, "flag": "L", "reference_low": 1.8, "reference_high": 7.7}, {"reference_low": "1.8"}),
    ("Neut        0.9 x10^9/L (2.0-7.5)  L", "ANC", {"value": 0.9, "reference_low": 2.0, "flag": "L"}, {}),
    # lead, session 11: a UK panel heading ("FBC 16/06/2026:") dates the rows under it; a date right
    # before the test's name is its own, not the next result's
    ("Wt 71.2 kg\n\nFBC 16/06/2026:\n  Hb 104 g/L (L)\n  Neutrophils 1.2 x10^9/L (L)\n", "ANC",
     {"value": 1.2, "date": D(2026, 6, 16)}, {"date": "16/06/2026"}),
    ("ANC recovered: 08/16/2026 ANC 1.6, 08/17/2026 WBC 5.1.", "ANC", {"value": 1.6, "date": D(2026, 8, 16)},
     {"date": "08/16/2026"}),
    # a number after a word ends its sentence ("Plt 88. Blood cultures: no growth."): the culture's "no"
    # does not reach back to the counts
    ("Admission labs: WBC 0.9 / ANC 100 (grade 4), Hgb 9.8, Plt 88. Blood cultures: no growth.", "platelets",
     {"value": 88}, {"value": "88"}),
    # OCR reads the l of "Plt" as i
    ("Labs drawn: WBC 2.0, ANC 0.9, Hgb 10.4, Pit 118.", "platelets", {"value": 118}, {"name": "Pit"}),
    # gen13-b: "are" before the value; a measured value after a negated condition in the clause before it
    ("Her neutrophils are 1.9. She is postmenopausal.", "ANC", {"value": 1.9, "unit": "10^9/L"},
     {"value": "1.9", "name": "neutrophils"}),
    ("Labs: no anaemia, Hb 12.5; ANC 1.2", "hemoglobin", {"value": 12.5}, {"value": "12.5"}),
    ("No neutropenia, ANC 2.3 today.", "ANC", {"value": 2.3}, {"value": "2.3"}),
    ("Labs: WBC 2.1. ANC 0.8. Hb 9.9. Plt 88. No fever.", "platelets", {"value": 88}, {"value": "88"}),
    ("CBC: no neutropenia. ANC 2.3", "ANC", {"value": 2.3}, {"value": "2.3"}),
    # tumour markers from a lab portal, kept as written (no CTCAE grade)
    ("CANCER ANTIGEN 15-3             62.4     H      0.0-25.0            U/mL", "CA 15-3",
     {"value": 62.4, "unit": "U/mL", "flag": "H", "reference_high": 25.0}, {"name": "CANCER ANTIGEN 15-3", "unit": "U/mL"}),
    ("Tumour markers: CA 15-3 88 U/mL (<31), CEA 6.2 ug/L (H).", "CEA", {"value": 6.2, "unit": "ng/mL", "flag": "H"},
     {"name": "CEA", "unit": "ug/L"}),
    ("CA 27.29: 45", "CA 27.29", {"value": 45, "unit": "U/mL"}, {"value": "45"}),
    ("Total Leucocyte Count        3200 L      /cumm          4000 - 10000\n"
     "Absolute Neutrophil Count    1088 L      /cumm          2000 - 7000", "ANC",
     {"value": 1.088, "unit": "10^9/L", "flag": "L"}, {"value": "1088"}),
    # gen14-b: the decision a result led to is no threshold; a UK export's sample date is the result's
    ("ANC 1.2 - OK to treat.", "ANC", {"value": 1.2, "unit": "10^9/L"}, {"value": "1.2"}),
    ("Neutrophils 1.3 today - OK to start cycle 4.", "ANC", {"value": 1.3}, {"value": "1.3"}),
    ("HAEMATOLOGY REPORT\nSample: 12-Mar-2026 09:14   Reported: 13-Mar-2026 16:02\n"
     "Neutrophils  0.9  (2.0 - 7.5) x10^9/L  L\n", "ANC", {"value": 0.9, "date": D(2026, 3, 12), "flag": "L"},
     {"date": "12-Mar-2026"}),
    ("Collected: 12-Mar-2026\nReported: 14-Mar-2026\nNeutrophils 1.1 x10^9/L\n", "ANC",
     {"value": 1.1, "date": D(2026, 3, 12)}, {"date": "12-Mar-2026"}),
    # a date between the name and its verb; a sentence wrapped after its verb; a bracket of today's value
    ("Her ANC on November 10, 2026 was 1.6 x 10^9/L and ALT 19 U/L.", "ANC",
     {"value": 1.6, "date": D(2026, 11, 10)}, {"value": "1.6", "date": "November 10, 2026"}),
    ("ANC on 11/10/2026: 1.6", "ANC", {"value": 1.6, "date": D(2026, 11, 10)}, {"value": "1.6"}),
    ("Admitted with fever. ANC on admission 200 /cumm.", "ANC", {"value": 0.2, "unit": "10^9/L"}, {"value": "200"}),
    ("Afebrile from day 2. ANC on\ndischarge 1,850 /cumm.", "ANC", {"value": 1.85, "unit": "10^9/L"}, {"value": "1,850"}),
    ("Recent labs from outside lab (11/18/2026):\n  ANC ........ 0.9  (L)   [1.8-7.7 K/uL]\n", "ANC",
     {"value": 0.9, "flag": "L", "date": D(2026, 11, 18)}, {"date": "11/18/2026"}),
    ("Her neutrophils today were\n1.1 and we have therefore deferred cycle 3.", "ANC", {"value": 1.1}, {"value": "1.1"}),
    ("Visit date: 2026-11-04\nANC must be >= 1.5 x10^9/L at baseline (today ANC 1.3 x10^9/L - repeat 2026-11-11).",
     "ANC", {"value": 1.3, "date": D(2026, 11, 4)}, {"value": "1.3", "date": "2026-11-04"}),
    # gen18-b: a value told by its change ("has fallen to", "had recovered to")
    ("Her CA 15-3 has fallen to 38 U/mL (from 61 in August).", "CA 15-3", {"value": 38}, {"value": "38"}),
    ("By day 22 the ANC had recovered to 1.6 x10^9/L.", "ANC", {"value": 1.6}, {"value": "1.6"}),
    ("Nov 9 - nurse Priya rang, neutrofils 0.7, told STOP kiskali", "ANC", {"value": 0.7}, {"name": "neutrofils"}),
    # gen19-b: prose wrapped right after the name, the value opening the next line
    ("Follow-up 26/11/2026 10:15 (Day Unit, Dr Osei): stools settled to 2/day. FBC: neutrophils\n2.4, Hb 121, "
     "plts 198.", "ANC", {"value": 2.4, "unit": "10^9/L"}, {"value": "2.4", "name": "neutrophils"}),
    # gen20-b: "this morning" in a portal thread's entry: the entry's date
    ("---- 11/20/2026 8:02 AM  From: patient ----\nMy labs came back.\n\n---- 11/27/2026 4:15 PM  From: Megan Ruiz, RN "
     "----\nHi Lisa, your CBC from this morning looks better: WBC 3.3, ANC 1.4, hemoglobin 11.8.\n", "ANC",
     {"value": 1.4, "date": D(2026, 11, 27)}, {"date": "11/27/2026"}),
    # gen20-b: a discharge summary's "Bloods on discharge (20/11/2026):" dates the lines under it
    ("Bloods on discharge (20/11/2026):\n  Hb 109 g/L (115-160) L    WCC 11.8 x10^9/L (4.0-11.0) H\n", "hemoglobin",
     {"value": 10.9, "date": D(2026, 11, 20), "flag": "L"}, {"value": "109", "date": "20/11/2026"}),
    # gen21-b: a day and month opening a discharge summary's line of results, the year the page's nearest date's
    ("Restarted 21/11/2026 at 100 mg BD.\nInvestigations:\n  16/11: Urea 68, K 3.1\n  20/11: "
     "S.Creatinine 0.9 mg/dl, K 3.9\n", "creatinine", {"value": 0.9, "date": D(2026, 11, 20)},
     {"value": "0.9", "date": "20/11"}),
    # gen21-b: an OPD card's "Investigations (22/11/2026):" dates the line under it
    ("Date: 24/11/2026\n Investigations (22/11/2026):\n   Hb 10.9 g/dl   TLC 3200/cumm   ANC 1450/cumm\n", "ANC",
     {"value": 1.45, "date": D(2026, 11, 22)}, {"date": "22/11/2026"}),
]

STATED_GRADES = [
    # (text, lab, grade stated by the record, evidence text, rule)
    ("Today grade 3 neutropenia with ANC of 0.7, ribociclib held.", "ANC", 3, "grade 3 neutropenia", "lab.grade.stated"),
    ("Grade 2 neutropenia last cycle (ANC 1.2).", "ANC", 2, "Grade 2 neutropenia", "lab.grade.stated"),
    ("ABS NEUTROPHIL CT    0.6 (LL)  10*3/uL\nCTCAE: neutropenia grade 4, AST increased grade 1.", "ANC", 4,
     "neutropenia grade 4", "lab.grade.stated-on-page"),
    ("Platelets 48, G3 thrombocytopenia.", "platelets", 3, "G3 thrombocytopenia", "lab.grade.stated"),
    ("ALT 260 U/L (CTCAE grade 3 ALT increased).", "ALT", 3, "CTCAE grade 3 ALT increased", "lab.grade.stated"),
    # not stated for this value: the CTCAE bands decide
    ("ANC 0.7; no grade 4 neutropenia so far.", "ANC", 3, "0.7", "derived.ctcae.anc"),
    ("ANC 0.7 today.\nANC 1.6 last week.\nCTCAE: neutropenia grade 4", "ANC", 3, "0.7", "derived.ctcae.anc"),
    ("ANC 0.9. If grade 4 neutropenia occurs, hold.", "ANC", 3, "0.9", "derived.ctcae.anc"),
]


@pytest.mark.parametrize("text, name, grade, span, rule", STATED_GRADES)
def test_a_stated_ctcae_grade_is_the_values_grade(text, name, grade, span, rule):
    found = [f for f in run(extract_labs, text) if f.value["name"] == name][0]
    assert found.value["grade"] == grade
    assert found.leaf_evidence["grade"][0].text == span
    assert found.leaf_evidence["grade"][0].rule == rule


def test_a_neutrophil_percentage_with_a_wbc_gives_no_anc():
    found = run(extract_labs, "Labs today: WBC 2.9, neutrophils 35%, Hb 11.2, plt 160. ANC not reported.")
    assert item(found, "name", "ANC") is None
    assert item(found, "name", "WBC").value["value"] == 2.9

NOT_RESULTS = [
    "Note: patient on palbociclib. CTCAE v5 grade 3 neutropenia (ANC 500 - <1000/cumm). Kindly correlate clinically.",
    "If ANC falls below 1.0, hold ribociclib.",
    "ANC >= 1.5 required to start cycle 2.",
    "Hold for ANC < 1000/mm3.",
    "Critical value policy: an ANC below 0.50 x10^9/L is telephoned to the provider.",
    "Neutrophils % 34.2 L % 40.0 - 75.0",
    "Her mother's platelets were 40.",
    "Goal platelets at least 50 before the procedure.",
    "Neutrophils                  41                   %              Not Estab.",
    "Labs: WBC 4.1, neutrophils 62, lymphocytes 28.",
    "Neutrophils 8 (low).",
    "Neutrophils 55.2",
    "Neutrophils 2.3%",
    "Platelets 1.2",
    "Dose modification guidance: if ANC is < 1.0 x 10^9/L, hold ribociclib until ANC >= 1.0, then resume at 200 mg.",
    "NEUT %           19.4     L     40-75          %",
    "Her mother's AST/ALT were 88/102.",
    "ANC 500-1000 expected at nadir",
    "Seg Neutrophils 45 %",
    "Neutrophils %            18.2      40.0-75.0      %          Low",
    # gen13-b: the negation cue in the value's own clause still negates it
    "Counts pending, no ANC result 0.9 to report yet.",
    # gen14-b: a go-ahead on a condition is a threshold
    "OK to start cycle 4 if ANC > 1.0.",
    "Fine to treat if neutrophils 1.0 x10^9/L or more on Monday.",
    # a protocol's action tied to a compared value
    "ANC < 1000 - chemo withheld today as per protocol.",
    "ANC >= 1.5 and platelets >= 100: proceed.",
    # gen19-b: a table's header row of names above its row of values is no wrapped sentence
    "Date         Hb      Plt     Neutrophils\n11.2   150   1.8\n",
    "Repeat bloods next week with a particular eye on the ANC and neutrophils\n1. Continue letrozole.\n",
    # gen20-b: an interpretive comment's definition of the term; what a hold waits for; a leaflet's worked example
    "Interpretation: Neutropenia (ANC < 1000/cumm) - kindly correlate with ongoing palbociclib therapy.",
    "Keep ribociclib on hold until the ANC is 1.0 x10^9/L or more.",
    "GENERAL INFORMATION ABOUT DOSE CHANGES\n\"Sandra\" had neutrophils of 0.8 x10^9/L in cycle 3.\n",
    # gen23-b: a condition wrapped onto the line above a compared value; a laboratory's alert that a limit was crossed
    "COMMENT: Patient on palbociclib per order comment; hold parameters per oncology (hold if\nANC < 1.0 x10(3)/mcL).",
    "Comment: Neutrophils < 1.0 x10*9/L - result phoned to Oncology Day Unit (staff nurse J.\nBoyd) 25/11/2026 11:05.",
]


@pytest.mark.parametrize("text, name, leaves, spans", ROWS, ids=[f"{r[1]}-{i}" for i, r in enumerate(ROWS)])
def test_lab_phrasings(text, name, leaves, spans):
    found = item(run(extract_labs, text), "name", name)
    check_item(found, name, leaves, spans)
    if "grade" in found.value:
        assert all(ev.rule.startswith("derived.ctcae.") for ev in found.leaf_evidence["grade"])


FLOWSHEET = ("Recent Labs\n"
             "Component      Latest Ref Rng    2/24/2026    3/3/2026     3/10/2026\n"
             "ANC            1.5 - 8.0 K/uL    0.9 (L)      1.2 (L)      1.6\n"
             "PLT            150 - 400 K/uL    98 (L)       110 (L)      142 (L)\n")


def test_a_flowsheet_row_gives_one_result_per_date_column_never_the_range():
    found = run(extract_labs, FLOWSHEET)
    anc = sorted(((f.value["date"], f.value["value"], f.value.get("grade"), f.value.get("flag"))
                  for f in found if f.value["name"] == "ANC"))
    assert anc == [(D(2026, 2, 24), 0.9, 3, "L"), (D(2026, 3, 3), 1.2, 2, "L"), (D(2026, 3, 10), 1.6, None, None)]
    plt = {f.value["date"]: f for f in found if f.value["name"] == "platelets"}
    assert plt[D(2026, 2, 24)].value["value"] == 98 and plt[D(2026, 2, 24)].value["reference_low"] == 150
    assert plt[D(2026, 2, 24)].leaf_evidence["date"][0].text == "2/24/2026"
    assert plt[D(2026, 2, 24)].leaf_evidence["value"][0].text == "98"
    assert plt[D(2026, 2, 24)].leaf_evidence["unit"][0].text == "K/uL"


# gen20-b: a cumulative report writes the unit before the range ("WBC  x10^9/L  4.0 - 11.0  4.1  2.4 L  3.0 L"),
# and a chemistry row's cells are in umol/L
CUMULATIVE = ("Test            Units        Ref range       28/10/2026   11/11/2026   25/11/2026\n"
              "-----------------------------------------------------------------------------------\n"
              "Neutrophils     x10^9/L      2.0 - 7.5       2.2          0.9 LL       1.4 L\n"
              "Creatinine      umol/L       49 - 90         66           70           68\n")


def test_a_cumulative_row_with_its_unit_before_the_range_gives_one_result_per_date():
    found = run(extract_labs, CUMULATIVE)
    anc = sorted((f.value["date"], f.value["value"], f.value.get("flag"), f.value.get("grade"))
                 for f in found if f.value["name"] == "ANC")
    assert anc == [(D(2026, 10, 28), 2.2, None, None), (D(2026, 11, 11), 0.9, "LL", 3), (D(2026, 11, 25), 1.4, "L", 2)]
    latest = [f for f in found if f.value["name"] == "ANC" and f.value["date"] == D(2026, 11, 25)][0]
    assert latest.leaf_evidence["unit"][0].text == "x10^9/L" and latest.value["reference_low"] == 2.0
    creatinine = {f.value["date"]: f.value["value"] for f in found if f.value["name"] == "creatinine"}
    assert abs(creatinine[D(2026, 11, 25)] - 68 * 0.01131) < 1e-3
    assert not [f for f in found if f.value["name"] == "ANC" and f.value["value"] in (2.0, 7.5)]


def test_a_result_at_an_earlier_cycles_start_or_beside_a_later_cycles_date_is_not_so_dated():
    """gen23-b: "At the start of cycle 4 her ALT was 168" is an earlier result (undated); a value in a sentence that
    dates the next cycle's start ("she will start cycle 9 on 22/11/2026") is dated by the page, not that start."""
    text = ("Date: 24th November 2026\nProgress: At the start of cycle 4 her ALT was 168 U/L (grade 2), and the "
            "ribociclib was\ninterrupted for 8 days.\n")
    assert item(run(extract_labs, text), "name", "ALT").value.get("date") is None
    text = ("Clinic date: 20 November 2026\nNeutrophils of 1.1 are acceptable and she will start cycle 9 on 22/11/2026 "
            "at 100 mg.\n")
    found = item(run(extract_labs, text), "name", "ANC")
    assert found.value["value"] == 1.1 and found.value.get("date") != D(2026, 11, 22)


def test_a_letterheads_right_set_date_dates_todays_results():
    """gen23-b: "The Mall, Sligo      25 November 2026" (the date after a gutter at the letterhead's line end) is the
    letter's date, and dates "Today: neutrophils 1.4"; a labelled line's date at its end is not a letterhead's."""
    text = ("SLIGO-STYLE UNIVERSITY HOSPITAL - Medical Oncology Day Unit\nThe Mall, Sligo                     "
            "25 November 2026\n\nDear Niamh,\nToday: neutrophils 1.4 x10^9/L, Hb 12.5 g/dL.\n")
    assert item(run(extract_labs, text), "name", "ANC").value["date"] == D(2026, 11, 25)
    text = ("Oncology clinic\nToday: neutrophils 1.4 x10^9/L.\nLine two.\nLine three.\nLine four.\nLine five.\n"
            "Line six.\nSigned by the registrar on call                    12/12/2026\n")
    assert item(run(extract_labs, text), "name", "ANC").value.get("date") is None


def test_a_date_opening_the_line_after_a_wrapped_result_is_its_date():
    """gen23-b: "ANC 2.1 x 10^3/uL\non 23/11/2026." (the sentence wrapped after the value); not a date after a comma."""
    text = "COURSE: Fever settled in 48 hrs. ANC 2.1 x 10^3/uL\non 23/11/2026.\n"
    assert item(run(extract_labs, text), "name", "ANC").value["date"] == D(2026, 11, 23)


def test_an_earlier_result_in_a_letter_is_not_dated_by_the_letter():
    text = ("Date of clinic: 19 November 2026\nShe had two delayed cycles for neutrophils of 0.9 and 0.8. Today her "
            "neutrophils are 1.1 x10^9/L.\nANC today 1.3 (previously 0.7).\nHb 11.2 (previous 10.9).")
    found = {f.value["value"]: f.value.get("date") for f in run(extract_labs, text) if f.value["name"] == "ANC"}
    assert found == {0.9: None, 1.1: D(2026, 11, 19), 1.3: D(2026, 11, 19)}
    assert item(run(extract_labs, text), "name", "hemoglobin").value["date"] == D(2026, 11, 19)


def test_a_trend_gives_the_value_now_not_the_earlier_one():
    found = [f.value["value"] for f in run(extract_labs, "Her CA 15-3 has come down from 64 to 31 U/mL.")]
    assert found == [31]


def test_a_result_under_another_heading_is_not_dated_by_a_today_heading():
    # gen22-b: only the line right above the row counts ("Results today:"); a row under an earlier heading does not
    text = ("Clinic date: 27/11/2026\nResults today:\n  Neutrophils 1.3 x10^9/L\n\nCycle 3 nadir:\n  Neutrophils 0.6 "
            "x10^9/L\n")
    found = {f.value["value"]: f.value.get("date") for f in run(extract_labs, text) if f.value["name"] == "ANC"}
    assert found == {1.3: D(2026, 11, 27), 0.6: None}


def test_a_value_a_hold_waits_for_is_no_result():
    found = run(extract_labs, "P: 1. Withheld ribociclib today until QTcF < 481 ms (repeat ECG 27/11).\nECG: QTcF 482 ms.")
    assert [f.value["value"] for f in found if f.value["name"] == "QTcF"] == [482]


def test_a_range_first_row_without_a_date_header_gives_nothing():
    assert run(extract_labs, "ANC            1.5 - 8.0 K/uL    0.9 (L)\n") == []


def test_a_bare_bilirubin_too_high_for_mg_per_dl_is_not_guessed():
    # UK letters write bilirubin in umol/L without a unit; 15 mg/dL would be a grade 4 value.
    found = run(extract_labs, "FBC 12/01/2026: Hb 98, WCC 3.2, Plts 145. Bili 15, ALT 62 (H).")
    assert item(found, "name", "bilirubin") is None
    assert item(found, "name", "ALT").value["flag"] == "H"
    assert item(found, "name", "platelets").value["value"] == 145


@pytest.mark.parametrize("text", NOT_RESULTS)
def test_thresholds_and_differentials_are_not_results(text):
    assert [f.value for f in run(extract_labs, text) if f.value["name"] in ("ANC", "platelets")] == []


# gen12 (scans read back through Tesseract): OCR's "pits" for plts and "x10A9/L", "x1049/L" for x10^9/L,
# read on OCR pages only. (text, lab name, expected leaves, evidence texts)
OCR_ROWS = [
    ("Labs 01/05/2026: Hb 121 g/L, WCC 7.4, neutrophils 5.2, pits 318, LFTs normal.", "platelets",
     {"value": 318, "unit": "10^9/L"}, {"name": "pits", "value": "318"}),
    ("Labs today: WBC 3.1 / ANC 1100, Hb 11.6, pit 162. ALT 28", "platelets", {"value": 162},
     {"name": "pit", "value": "162"}),
    ("Neutrophils 1.2 x10A9/L (L)", "ANC", {"value": 1.2, "unit": "10^9/L", "flag": "L"},
     {"unit": "x10A9/L", "flag": "(L)"}),
    ("Platelets 198 x1049/L", "platelets", {"value": 198, "unit": "10^9/L"}, {"unit": "x1049/L"}),
    # gen20-b: l for 1 in a value ("Neut l.6", "Hb ll.4", "ANC 4.l")
    ("FBC: Hb 12.2 g/dL, WCC 3.9, Neut l.6 x10^9/L, Plt 189.", "ANC", {"value": 1.6}, {"value": "l.6"}),
    ("Bloods 24/11: Hb ll.4 g/dL, WCC 4.2", "hemoglobin", {"value": 11.4}, {"value": "ll.4"}),
    ("20/11: S.Creatinine 0.9 mg/dl, Hb 11.9 g/dl, ANC 4.l x10^3/uL", "ANC", {"value": 4.1}, {"value": "4.l"}),
    # gen22-b: a worn scan's "Alt" for ALT (its LT read lower case)
    ("Results today:\nAlt 36 U/l) AST<30- U/l bilirubin: 8 umol/t", "ALT", {"value": 36}, {"name": "Alt", "value": "36"}),
    # lead23 (phone photos): a flag run onto the value, as a photo's OCR loses the space ("1.4L", "0.9LL")
    ("FULL BLOOD COUNT 26/11/26 12/11/26 Units\nNeutrophils 1.4L 0.8L x10*9/L 2.0 - 7.5", "ANC",
     {"value": 1.4, "unit": "10^9/L", "flag": "L"}, {"value": "1.4", "flag": "L"}),
    ("Neutrophils 0.9LL x10*9/L 2.0 - 7.5", "ANC", {"value": 0.9, "flag": "LL"}, {"value": "0.9", "flag": "LL"}),
    ("Haemoglobin 10.4H g/dL", "hemoglobin", {"value": 10.4, "flag": "H"}, {"value": "10.4"}),
    ("Neutrophils 0.8 L x10°9/L 2.0 - 7.5", "ANC", {"value": 0.8, "unit": "10^9/L"}, {"unit": "x10°9/L"}),
]


@pytest.mark.parametrize("text,name,leaves,spans", OCR_ROWS)
def test_ocr_forms_of_lab_names_and_units(text, name, leaves, spans):
    check_item(item(run(extract_labs, text, ocr=True), "name", name), name, leaves, spans)


def test_ocr_forms_of_lab_names_and_units_are_not_read_on_text_layers():
    assert item(run(extract_labs, "Labs: Hb 121 g/L, pits 318."), "name", "platelets") is None
    assert item(run(extract_labs, "Alt 36 U/l, AST 30 U/l"), "name", "ALT") is None
    assert item(run(extract_labs, "Neutrophils 1.2 x10A9/L (L)"), "name", "ANC").value.get("flag") is None
    degree = item(run(extract_labs, "Neutrophils 1.2 x10°9/L"), "name", "ANC")
    assert degree is None or degree.leaf_evidence["unit"][0].text != "x10°9/L"
    found = item(run(extract_labs, "Platelets 198 x1049/L"), "name", "platelets")
    assert found.leaf_evidence["unit"][0].text != "x1049/L"


def test_a_value_run_into_letters_that_are_no_flag_is_not_read_on_ocr_pages():
    """"1.5cm", "1.4Lx": a decimal followed by letters other than a flag is no lab value; nor does
    a capital L stand for a digit (the page once failed on float("1.4L"))."""
    assert item(run(extract_labs, "ANC 1.5cm x10^9/L", ocr=True), "name", "ANC") is None
    assert item(run(extract_labs, "ANC 1.4Lx x10^9/L", ocr=True), "name", "ANC") is None
    assert item(run(extract_labs, "ANC L.4 x10^9/L", ocr=True), "name", "ANC") is None


def test_ocr_lab_name_forms_need_a_value():
    # "pit" is a word: without a value after it, nothing (and never on text-layer pages).
    assert item(run(extract_labs, "Small pit on the nail; pits seen on the cornea.", ocr=True), "name", "platelets") is None
    assert item(run(extract_labs, "Use the Alt key; alt days dosing.", ocr=True), "name", "ALT") is None


def test_a_value_inside_the_normal_range_has_no_grade():
    found = item(run(extract_labs, "Hemoglobin 12.6 g/dL 12.0 - 15.5"), "name", "hemoglobin")
    assert "grade" not in found.value
    found = item(run(extract_labs, "ANC 1.9"), "name", "ANC")
    assert "grade" not in found.value  # >= 1.5 and no reference range: grade 1 cannot be told


def test_inferred_unit_is_marked_as_derived():
    found = item(run(extract_labs, "ANC 850"), "name", "ANC")
    (unit_evidence,) = found.leaf_evidence["unit"]
    assert unit_evidence.rule == "derived.lab.unit-inferred"
    assert found.value["value"] == 0.85


def test_broken_lab_vocabulary_fails_loudly(tmp_path):
    raw = json.loads((VOCAB_DIR / "labs.json").read_text())
    raw["labs"][0]["unit"] = "furlongs"
    (tmp_path / "labs.json").write_text(json.dumps(raw))
    with pytest.raises(ConfigurationError, match="stored unit"):
        load_json("labs.json", LabVocabulary, tmp_path)


def test_a_year_less_day_and_month_dates_a_line_only_near_a_full_date_on_the_page():
    """gen21-b: "16/11:" without any full date on the page, or months away from the only one, dates nothing."""
    for text in ("Investigations:\n  16/11: S.Creatinine 2.1 mg/dl\n",
                 "Letter date 03/02/2026.\nInvestigations:\n  16/11: S.Creatinine 2.1 mg/dl\n"):
        found = item(run(extract_labs, text), "name", "creatinine")
        assert found is not None and found.value.get("date") != D(2026, 11, 16), text


# lead23 (photos and PDFs of cumulative reports): OCR and text layers join words with one space, so a
# flowsheet's cells no longer stand under their dates in characters.
def test_flowsheet_cells_take_their_dates_in_order_when_each_date_has_one():
    text = ("Test Units Ref range 28/10/2026 11/11/2026 25/11/2026\n"
            "Haemoglobin g/dL 12.0 - 15.0 12.6 11.9 L 12.1\n")
    found = [f for f in run(extract_labs, text, ocr=True) if f.value["name"] == "hemoglobin"]
    dated = sorted((str(f.value["date"]), f.value["value"]) for f in found)
    assert dated == [("2026-10-28", 12.6), ("2026-11-11", 11.9), ("2026-11-25", 12.1)]
    assert {f.leaf_evidence["date"][0].text for f in found} == {"28/10/2026", "11/11/2026", "25/11/2026"}


def test_flowsheet_cells_take_the_date_above_them_on_the_page_when_one_is_blank():
    """A blank cell (no result on 28/10): the two results are dated by where their words stand across
    the page, under 11/11 and 25/11 (counted in characters, the last fell under 11/11)."""
    from extract.analysis import analyze_page
    from ingest.layout import Line, RawWord, compose
    from ingest.models import Page

    def line(*words):
        return Line([RawWord(text, x0, 0, x1, 10) for text, x0, x1 in words])

    text, words = compose([
        line(("Test", 0, 40), ("28/10/2026", 300, 380), ("11/11/2026", 400, 480), ("25/11/2026", 500, 580)),
        line(("Haemoglobin", 0, 90), ("g/dL", 100, 130), ("12.0", 150, 180), ("-", 185, 190), ("15.0", 195, 225),
             ("11.9", 420, 450), ("12.1", 520, 550)),
    ])
    page = analyze_page("d1", Page(number=1, text=text, source="ocr", words=words))
    found = [f for f in extract_labs(page) if f.value["name"] == "hemoglobin"]
    assert sorted((str(f.value["date"]), f.value["value"]) for f in found) == [("2026-11-11", 11.9), ("2026-11-25", 12.1)]
