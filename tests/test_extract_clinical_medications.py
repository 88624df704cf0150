"""Medications from narrative notes and medication lists: a table of real-world phrasings.

Each row: the text, the drug (generic name), the leaves expected on its item, and for some leaves
the exact text their evidence must cover. Evidence spans are checked against the text in `run`.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from extract.fields.medications import extract_medications
from extract.rules import GrammarFile, load_model
from ingest.errors import ConfigurationError
from tests.clinical_helpers import check_item, item, run

D = dt.date

MED_TABLE_UK = ("Medication List\n"
                "Medication                 Dose        Start        End          Status\n"
                "Letrozole 2.5 mg tablet    2.5 mg OD   15/01/2021   23/06/2024\n"
                "Anastrozole 1 mg tablet    1 mg OD     24/06/2024\n"
                "Ribociclib 200 mg tablet   600 mg OD   15/07/2024   20/01/2026   Stopped\n")
MED_TABLE_EPIC = ("Current Outpatient Medications\n"
                  "Medication          Sig                             Start Date    End Date\n"
                  "tamoxifen 20 mg tab Take 1 tablet by mouth daily    03/04/2019    05/01/2024\n"
                  "letrozole 2.5 mg tab Take 1 tablet by mouth daily   05/02/2024\n"
                  "ondansetron 8 mg tab Take 1 tablet every 8 hours as needed   01/10/2024   02/15/2024\n")

MED_FAX = ("MEDICATION LIST (faxed)\nMed Name Dose Freq Start Stop\nAnastrozole 1mg daily 2019-04-02 2024-04-01\n"
           "Exemestane 25mg daily 2024-04-15\n")
TX_HISTORY = ("Treatment history\n2016-2017: neoadjuvant ddAC x4 -> weekly paclitaxel x12\n2017-2022: tamoxifen\n"
              "2023 - present: letrozole + abemaciclib (abemaciclib reduced to 100 mg BID 06/2023, then 50 mg BID "
              "09/2023 for diarrhoea)\n")

PHARMACY_REVIEW = ("ACTIVE ONCOLOGY MEDICATIONS\n"
                   "  1. ribociclib 200 mg tablets - take 2 tablets (400 mg) once daily days 1-21 q28d\n"
                   "     Dose history: started 2026-04-06 at 600 mg; reduced from 3 tablets to 2 tablets\n"
                   "     on 2026-07-13 (grade 3 neutropenia, ANC 0.6).\n"
                   "  2. letrozole 2.5 mg PO daily\n\n"
                   "INACTIVE / DISCONTINUED\n"
                   "  - tamoxifen 20 mg daily 2018-2023 (adjuvant, completed)\n"
                   "  - ribociclib 200 mg tablets, 3 tablets daily - discontinued 2026-07-13 (dose reduced)\n")
MED_LIST_PHONE = ("Med list verified:\n palbociclib (IBRANCE) 125 mg capsule - ON HOLD\n"
                  " fulvestrant (FASLODEX) 250 mg/5 mL inj - 500 mg IM q28 days\n"
                  " letrozole - discontinued 03/2026 (progression)\n ondansetron 8 mg PO q8h PRN nausea\n")

MED_PRINTOUT = ("Medication                          Sig                                 Start      End        Status\n"
                "palbociclib (IBRANCE) 100 MG        Take 1 tablet by mouth daily on     09/02/2026            Active\n"
                " tablet                             days 1-21 of each 28 day cycle\n"
                "palbociclib (IBRANCE) 125 MG        Take 1 tablet by mouth daily on     03/11/2026 09/01/2026 Discontinued\n"
                " tablet                             days 1-21 of each 28 day cycle\n"
                "fulvestrant (FASLODEX) 250 mg/5 mL  Inject 500 mg into the muscle       03/11/2026            Active\n"
                " injection                          every 28 days\n"
                "zoledronic acid (RECLAST) 5 mg/     Infuse 5 mg into a venous catheter  05/04/2026            On Hold\n"
                "100 mL infusion                     once a year\n")

ROWS = [
    # --- medication lists and tables ----------------------------------------------------------------
    ("MEDICATIONS:\n1. Ribociclib 600 mg PO daily, days 1-21 of 28\n", "ribociclib",
     {"dose": 600, "unit": "mg", "route": "oral", "frequency": "daily", "schedule": "days 1-21 of 28",
      "status": "active"}, {"dose": "600", "schedule": "days 1-21 of 28", "status": "Ribociclib"}),
    ("Current medications:\nLetrozole (Femara) 2.5 mg PO Daily Since 12/04/2023\n", "letrozole",
     {"brand": "Femara", "dose": 2.5, "start": D(2023, 12, 4), "status": "active"}, {"start": "12/04/2023"}),
    ("Medication | Dose | Route | Frequency | Status\nPalbociclib (Ibrance) | 100 mg | PO | daily, 3 weeks on / 1 week off | On hold\n",
     "palbociclib", {"brand": "Ibrance", "dose": 100, "schedule": "days 1-21 of 28", "status": "held"},
     {"status": "On hold"}),
    ("Current medications:\nDenosumab (Xgeva) 120 mg SC Every 4 weeks\n", "denosumab",
     {"route": "subcutaneous", "frequency": "every 4 weeks", "dose": 120}, {"route": "SC"}),
    ("Fulvestrant 500 mg IM on days 1, 15, 29, then monthly\n", "fulvestrant",
     {"route": "intramuscular", "schedule": "days 1, 15 and 29, then monthly", "dose": 500}, {}),
    ("Zoladex 3.6 mg subcut every 4 weeks\n", "goserelin",
     {"brand": "Zoladex", "route": "subcutaneous", "frequency": "every 4 weeks", "dose": 3.6}, {"brand": "Zoladex"}),
    ("Abemaciclib 150 mg BID continuously (started 02/01/2025)\n", "abemaciclib",
     {"frequency": "twice daily", "schedule": "continuous", "start": D(2025, 2, 1), "status": "active"},
     {"frequency": "BID"}),
    ("Capivasertib 400 mg twice daily, 4 days on, 3 days off\n", "capivasertib",
     {"schedule": "4 days on, 3 days off", "frequency": "twice daily"}, {}),
    ("Paclitaxel 80 mg/m2 IV weekly\n", "paclitaxel",
     {"dose": 80, "unit": "mg/m2", "route": "intravenous", "frequency": "weekly"}, {"unit": "mg/m2"}),
    ("Trastuzumab (Herceptin) 6 mg/kg IV every 3 weeks\n", "trastuzumab",
     {"unit": "mg/kg", "frequency": "every 3 weeks", "brand": "Herceptin"}, {}),
    ("Tamoxifen 20 mg PO Daily Stopped 01/2025\n", "tamoxifen", {"status": "stopped", "dose": 20}, {"status": "Stopped"}),
    ("Ribociclib (Kisqali) 400 mg PO Daily, days 1-21 of 28 From 600 mg 03/18/2024\n", "ribociclib",
     {"dose": 400, "changes": [{"from_dose": 600, "to_dose": 400, "date": D(2024, 3, 18)}]},
     {"dose": "400", "changes[0].from_dose": "600"}),
    ("Anastrozole 1 mg daily, started 2021-01-02\n", "anastrozole", {"start": D(2021, 1, 2), "status": "active"}, {}),
    ("Ribociclib 200 mg tablets x 3 (600 mg) daily days 1-21 q28 days\n", "ribociclib",
     {"schedule": "days 1-21 of 28"}, {}),
    # --- misspellings, brands, abbreviations ---------------------------------------------------------------
    ("She takes Ribocyclib 400mg daily.", "ribociclib", {"dose": 400, "status": "active"}, {"name": "Ribocyclib"}),
    ("Continue letrazole 2.5 mg daily.", "letrozole", {"dose": 2.5, "status": "active"}, {"name": "letrazole"}),
    ("On Kisquali 600 mg.", "ribociclib", {"dose": 600, "status": "active"}, {}),
    ("Started T-DXd 5.4 mg/kg IV every 3 weeks on 02/20/2025.", "fam-trastuzumab deruxtecan",
     {"dose": 5.4, "unit": "mg/kg", "start": D(2025, 2, 20), "status": "active"}, {"name": "T-DXd"}),
    ("Trastuzumab-dkst 6 mg/kg every 3 weeks.", "trastuzumab", {"frequency": "every 3 weeks"}, {}),
    ("Ibrence 125 mg daily for 21 days, 7 days off.", "palbociclib", {"dose": 125}, {"name": "Ibrence"}),
    ("Plan: adjuvant chemotherapy (dose-dense AC followed by paclitaxel) then radiotherapy, then abemaciclib.",
     "paclitaxel", {"status": "planned"}, {"status": "Plan"}),
    # --- narrative dose changes ----------------------------------------------------------------------------
    ("Cycle 3 delayed for grade 3 neutropenia (ANC 0.7); ribociclib reduced to 400 mg from cycle 4.", "ribociclib",
     {"dose": 400, "changes": [{"to_dose": 400, "unit": "mg", "reason": "neutropenia"}]},
     {"changes[0].reason": "neutropenia"}),
    ("Because of grade 3 diarrhoea, abemaciclib was reduced from 150 mg to 100 mg twice daily.", "abemaciclib",
     {"dose": 100, "changes": [{"from_dose": 150, "to_dose": 100, "unit": "mg", "reason": "diarrhea"}]}, {}),
    ("Ribociclib was held for grade 3 neutropenia and resumed at 400 mg on 03/18/2024. Ribociclib 600 mg "
     "daily had been started in December.", "ribociclib",
     {"dose": 400, "changes": [{"from_dose": 600, "to_dose": 400, "reason": "neutropenia"}]}, {}),
    ("Ribociclib 600 mg daily since 12/04/2023. Ribociclib was held for grade 3 neutropenia and resumed at "
     "400 mg on 03/18/2024.", "ribociclib",
     {"dose": 400, "status": "active",
      "changes": [{"date": D(2024, 3, 18), "from_dose": 600, "to_dose": 400, "unit": "mg", "reason": "neutropenia"}]},
     {"changes[0].to_dose": "400", "changes[0].reason": "neutropenia", "changes[0].date": "03/18/2024"}),
    ("Ribociclib dose reduced from 600 mg to 400 mg on 3/14/2026 due to neutropenia.", "ribociclib",
     {"dose": 400, "changes": [{"date": D(2026, 3, 14), "from_dose": 600, "to_dose": 400, "reason": "neutropenia"}]},
     {"changes[0].from_dose": "600", "changes[0].to_dose": "400"}),
    ("She started Kisqali 600 mg daily on 01/05/2026. On 3/14/2026 the dose was reduced to 400 mg because of "
     "grade 3 neutropenia.", "ribociclib",
     {"brand": "Kisqali", "start": D(2026, 1, 5), "dose": 400,
      "changes": [{"date": D(2026, 3, 14), "from_dose": 600, "to_dose": 400, "reason": "neutropenia"}]},
     {"start": "01/05/2026"}),
    ("Paclitaxel was reduced from 80 mg/m2 to 60 mg/m2 on May\n21, 2024 for grade 2 peripheral neuropathy.",
     "paclitaxel", {"dose": 60, "unit": "mg/m2",
                    "changes": [{"date": D(2024, 5, 21), "from_dose": 80, "to_dose": 60, "reason": "peripheral neuropathy"}]},
     {"changes[0].date": "May\n21, 2024"}),
    ("Palbociclib 100 mg (reduced from 125 mg) for thrombocytopenia.", "palbociclib",
     {"dose": 100, "changes": [{"from_dose": 125, "to_dose": 100, "reason": "thrombocytopenia"}]}, {}),
    ("Abemaciclib dose reduction from 150 to 100 mg for diarrhea.", "abemaciclib",
     {"dose": 100, "changes": [{"from_dose": 150, "to_dose": 100, "reason": "diarrhea"}]}, {}),
    ("Abemaciclib 150 → 100 mg BID after grade 3 diarrhea.", "abemaciclib",
     {"dose": 100, "changes": [{"from_dose": 150, "to_dose": 100}]}, {}),
    ("Alpelisib was decreased to 250 mg for hyperglycemia. Alpelisib 300 mg daily had been the starting dose.",
     "alpelisib", {"changes": [{"to_dose": 250, "reason": "hyperglycemia"}]}, {}),
    ("Ribociclib was restarted at the same dose of 600 mg.", "ribociclib", {"dose": 600, "changes": []}, {}),
    # --- status -------------------------------------------------------------------------------------------
    ("Hold ribociclib until ANC recovers, then resume at 400 mg.", "ribociclib", {"status": "held"}, {"status": "Hold"}),
    ("Ribociclib on hold since 3/1/2026 for ANC 0.7.", "ribociclib", {"status": "held"}, {"status": "on hold"}),
    ("Discontinued tamoxifen 20 mg daily in 2020; started anastrozole 1 mg daily 01/02/2021.", "tamoxifen",
     {"status": "stopped", "dose": 20}, {"status": "Discontinued"}),
    ("Discontinued tamoxifen 20 mg daily in 2020; started anastrozole 1 mg daily 01/02/2021.", "anastrozole",
     {"status": "active", "start": D(2021, 1, 2)}, {}),
    ("She has stopped taking ibuprofen.", "ibuprofen", {"status": "stopped"}, {"status": "stopped taking"}),
    ("Plan: start olaparib 300 mg twice daily.", "olaparib", {"status": "planned", "frequency": "twice daily"}, {}),
    ("Endocrine therapy: plan tamoxifen 20 mg daily after paclitaxel is completed.", "tamoxifen",
     {"status": "planned", "dose": 20}, {}),
    ("She will start zoledronic acid 4 mg IV every 6 months, first dose planned for 3 June 2025.",
     "zoledronic acid", {"status": "planned", "start": D(2025, 6, 3), "frequency": "every 6 months"}, {}),
    ("Plan adjuvant docetaxel 75 mg/m2 and cyclophosphamide 600 mg/m2 IV every 3 weeks for 4 cycles.",
     "docetaxel", {"status": "planned", "route": "intravenous", "frequency": "every 3 weeks", "dose": 75}, {}),
    ("Plan adjuvant docetaxel 75 mg/m2 and cyclophosphamide 600 mg/m2 IV every 3 weeks for 4 cycles.",
     "cyclophosphamide", {"status": "planned", "dose": 600}, {}),
    ("She completed 5 years of tamoxifen in 2019.", "tamoxifen", {"status": "historical"}, {}),
    ("Adjuvant TCHP (docetaxel, carboplatin, trastuzumab, pertuzumab) for 6 cycles, completed.", "carboplatin",
     {"status": "historical"}, {}),
    ("Pembrolizumab with doxorubicin and cyclophosphamide every 3 weeks for 4 cycles; completed.", "doxorubicin",
     {"status": "historical"}, {}),
    ("She is currently on letrozole 2.5 mg daily.", "letrozole", {"status": "active"}, {}),
    ("Continue paclitaxel 60 mg/m2 weekly, with trastuzumab 2 mg/kg weekly.", "trastuzumab",
     {"status": "active", "dose": 2, "unit": "mg/kg"}, {}),
    ("She began paclitaxel 80 mg/m2 IV weekly with trastuzumab 2 mg/kg IV weekly on April 2, 2024.", "trastuzumab",
     {"start": D(2024, 4, 2)}, {"start": "April 2, 2024"}),
    ("She has completed cycle 2 of ribociclib.", "ribociclib", {}, {}),
    ("She declined chemotherapy but continues letrozole 2.5 mg daily.", "letrozole", {"status": "active"}, {}),
    ("Tamoxifen was switched to letrozole in 2021.", "tamoxifen", {"status": "stopped"}, {"status": "switched"}),
    ("Tamoxifen was switched to letrozole in 2021.", "letrozole", {"status": "active"}, {}),
    ("Switched from tamoxifen to anastrozole 1 mg daily.", "anastrozole", {"status": "active", "dose": 1}, {}),
    ("Kisqali 600mg PO QD x21d q28d", "ribociclib", {"schedule": "days 1-21 of 28", "frequency": "daily"}, {}),
    ("Xeloda 1500 mg BID d1-14 q21d", "capecitabine", {"schedule": "days 1-14 of 21", "brand": "Xeloda"}, {}),
    ("Ibrance dose decreased to 100 mg due to neutropenia on 2/1/2025. Ibrance 125 mg had been started in 2024.",
     "palbociclib", {"dose": 100, "changes": [{"from_dose": 125, "to_dose": 100, "reason": "neutropenia"}]}, {}),
    # --- other institutions' formats (UK, India, order sheets) --------------------------------------------
    ("Current treatment: Letrozole 2.5mg od and Palbociclib 100mg od D1-21 q28d.", "palbociclib",
     {"frequency": "daily", "schedule": "days 1-21 of 28"}, {"frequency": "od", "schedule": "D1-21 q28d"}),
    ("Current treatment: Letrozole 2.5mg od and Palbociclib 100mg od D1-21 q28d.", "letrozole",
     {"frequency": "daily", "schedule": None}, {"frequency": "od"}),
    ("Palbociclib 125 mg d1-21 q28d", "palbociclib", {"schedule": "days 1-21 of 28", "frequency": None}, {}),
    ("Tab. Olaparib 300 mg BD - continue", "olaparib", {"frequency": "twice daily", "status": "active"},
     {"frequency": "BD"}),
    ("Inj. Zoledronic acid 4 mg IV 4 weekly", "zoledronic acid", {"frequency": "every 4 weeks"}, {"frequency": "4 weekly"}),
    ("Trastuzumab 600 mg SC 3-weekly", "trastuzumab", {"frequency": "every 3 weeks"}, {"frequency": "3-weekly"}),
    ("Denosumab 120 mg s/c four-weekly", "denosumab", {"frequency": "every 4 weeks"}, {}),
    ("Zoledronic acid 4 mg IV 6-monthly", "zoledronic acid", {"frequency": "every 6 months"}, {"frequency": "6-monthly"}),
    ("Anastrozole 1 mg mane", "anastrozole", {"frequency": "daily"}, {"frequency": "mane"}),
    ("Capecitabine 1000 mg/m2 b.d. days 1-14 of 21", "capecitabine",
     {"frequency": "twice daily", "schedule": "days 1-14 of 21"}, {"frequency": "b.d."}),
    ("Kisqali (ribociclib) 200 mg tab  take 3 tabs (600 mg) po daily d1-21 of 28   Active", "ribociclib",
     {"dose": 600, "unit": "mg", "schedule": "days 1-21 of 28", "status": "active"},
     {"dose": "600", "schedule": "d1-21 of 28"}),
    ("Abemaciclib HELD since 2/2/26 for grade 2 diarrhea", "abemaciclib", {"status": "held", "start": None}, {}),
    ("Plan: start ribociclib 600 mg daily 3 weeks on 1 week off with letrozole 2.5 mg daily, and goserelin is not "
     "needed.", "letrozole", {"status": "planned", "dose": 2.5}, {}),
    ("She completed five years of anastrozole in April 2024 and now presents with back pain and an MRI on "
     "03/28/2026 shows bone metastases.", "anastrozole", {"status": "historical", "end": None}, {}),
    ("Current Rx: lbrance 75mg daily 21/7, Faslodex 500mg IM monthly.", "palbociclib",
     {"schedule": "days 1-21 of 28", "frequency": "daily", "route": None}, {"schedule": "21/7", "name": "lbrance"}),
    ("Plan: cont Ibrance 75. RTC 4 wks.", "palbociclib", {"status": "active"}, {"status": "cont"}),
    ("- Goserelin 10.8mg SC 12-weekly", "goserelin", {"frequency": "every 3 months"}, {"frequency": "12-weekly"}),
    ("Review date: 21/02/2026\n- Anastrozole 1mg daily + ribociclib 400mg daily (3 weeks on/1 week off), commenced "
     "02/12/2025", "ribociclib", {"start": D(2025, 12, 2), "status": "active"}, {"start": "02/12/2025", "status": "commenced"}),
    ("Abemaciclib was stopped on 14/12/2025 because of grade 3 diarrhoea and will not be restarted.", "abemaciclib",
     {"status": "stopped", "end": D(2025, 12, 14)}, {"end": "14/12/2025"}),
    ("Trastuzumab deruxtecan (Enhertu) 5.4 mg/kg IV q3w - Cycle 6 Day 1 - GIVEN", "fam-trastuzumab deruxtecan",
     {"status": "active", "dose": 5.4, "frequency": "every 3 weeks"}, {"status": "GIVEN"}),
    ("Tamoxifen 20 mg PO OD since 2024-03-01. Held x 2 weeks for DVT workup, restarted 2026-01-05.", "tamoxifen",
     {"status": "active", "frequency": "daily", "start": D(2024, 3, 1)}, {"status": "restarted"}),
    ("Ribociclib held from 3/1/2026 to 3/15/2026 for ANC 0.8, resumed at 400 mg on 3/16/2026.", "ribociclib",
     {"status": "active", "end": None, "start": None}, {"status": "resumed"}),
    ("Kisqali 400mg once daily for 21 days then 7 days off", "ribociclib", {"schedule": "days 1-21 of 28"},
     {"schedule": "for 21 days then 7 days off"}),
    ("Kisqali 600 mg daily 21 days on 7 days off, currently cycle 5", "ribociclib", {"status": "active"},
     {"status": "currently cycle 5"}),
    ("Ogivri (trastuzumab-dkst) 6 mg/kg IV every 21 days", "trastuzumab",
     {"brand": "Ogivri", "dose": 6, "unit": "mg/kg", "frequency": "every 3 weeks"}, {}),
    # --- month-and-year dates: kept as a month, never given an invented day ----------------------------------
    ("She completed adjuvant letrozole in April 2024.", "letrozole",
     {"status": "historical", "end_month": "2024-04", "end": None}, {"end_month": "April 2024"}),
    ("Tamoxifen since 03/2023, stopped Jan '24.", "tamoxifen",
     {"status": "stopped", "start_month": "2023-03", "end_month": "2024-01", "start": None},
     {"start_month": "03/2023", "end_month": "Jan '24"}),
    ("Started Ibrance 125 mg Jan 2025, D1-21 q28d.", "palbociclib",
     {"start_month": "2025-01", "schedule": "days 1-21 of 28", "status": "active"}, {"start_month": "Jan 2025"}),
    ("Tamoxifen 20 mg PO Daily Stopped 01/2025\n", "tamoxifen", {"end_month": "2025-01"}, {"end_month": "01/2025"}),
    ("Anastrozole 1 mg daily, started 2021-01-02 (first prescribed January of 2021)", "anastrozole",
     {"start": D(2021, 1, 2), "start_month": None}, {"start": "2021-01-02"}),
    ("Letrozole 2.5 mg PO daily - start date: 2023-09\n", "letrozole", {"start_month": "2023-09"}, {}),
    ("Letrozole 2.5 mg daily; mammogram March 2025 was normal.", "letrozole", {"start_month": None, "end_month": None}, {}),
    ("Palbociclib held from March 2026 to April 2026 for neutropenia.", "palbociclib",
     {"start_month": None, "end_month": None, "status": "held"}, {}),
    ("Exemestane 25 mg daily, finished Sept. 2023.", "exemestane", {"end_month": "2023-09"}, {"end_month": "Sept. 2023"}),
    # --- day lists and cycles in weeks ------------------------------------------------------------------------
    ("Fulvestrant 500 mg IM D1, D15, D29 then q4w", "fulvestrant",
     {"schedule": "days 1, 15 and 29, then every 4 weeks"}, {"schedule": "D1, D15, D29 then q4w"}),
    ("Paclitaxel 80 mg/m2 days 1, 8 and 15 q28d.", "paclitaxel",
     {"schedule": "days 1, 8 and 15 of 28", "frequency": None}, {"schedule": "days 1, 8 and 15 q28d"}),
    ("Gemcitabine 1000 mg/m2 IV d1, d8 every 21 days", "gemcitabine", {"schedule": "days 1 and 8 of 21"}, {}),
    ("Capecitabine 1000 mg/m2 BID d1-14 q3w", "capecitabine",
     {"schedule": "days 1-14 of 21", "frequency": "twice daily"}, {"schedule": "d1-14 q3w"}),
    ("Xeloda 1500 mg bd days 1-14 every 3 weeks", "capecitabine", {"schedule": "days 1-14 of 21"}, {}),
    ("Ribociclib 600 mg daily d1-21 q4w", "ribociclib", {"schedule": "days 1-21 of 28"}, {}),
    ("Eribulin 1.23 mg/m2 IV on D1 and D8 of a 21-day cycle", "eribulin", {"schedule": "days 1 and 8 of 21"},
     {"schedule": "D1 and D8 of a 21-day cycle"}),
    # --- a brand switch within one drug keeps one item and its brand history ---------------------------------
    ("Trastuzumab (Herceptin) 6 mg/kg IV q3w, switched to Ogivri (trastuzumab-dkst) in 11/2025.", "trastuzumab",
     {"brand": "Ogivri", "dose": 6}, {"brand": "Ogivri", "brands": "Herceptin"}),
    ("Trastuzumab (Herceptin) 6 mg/kg every 3 weeks", "trastuzumab", {"brand": "Herceptin", "brands": None}, {}),
    # --- drugs written together, month starts, slot dosing, weekly after mg/m2 ------------------------------
    ("PD on CT 9/2025, so letrozole/ribociclib were stopped and she began Enhertu 5.4 mg/kg q21d on 10/06/2025.",
     "letrozole", {"status": "stopped"}, {"status": "stopped"}),
    ("Letrozole and ribociclib were discontinued for progression.", "letrozole", {"status": "stopped"},
     {"status": "discontinued"}),
    ("She started 1L letrozole + ribociclib in Aug 2023; ribociclib dose reduced to 400 mg in Oct 2023.",
     "letrozole", {"start_month": "2023-08", "status": "active"}, {"start_month": "Aug 2023"}),
    ("She started 1L letrozole + ribociclib in Aug 2023; ribociclib dose reduced to 400 mg in Oct 2023.",
     "ribociclib", {"start_month": "2023-08", "dose": 400}, {"start_month": "Aug 2023"}),
    ("Since 04/2024 tamoxifen 20 mg 1-0-0.", "tamoxifen", {"start_month": "2024-04", "frequency": "daily"},
     {"start_month": "04/2024", "frequency": "1-0-0"}),
    ("Metformin 500 mg 1-0-1", "metformin", {"frequency": "twice daily"}, {}),
    ("12x paclitaxel 80 mg/m2 weekly, completed 03/2024.", "paclitaxel",
     {"frequency": "weekly", "status": "historical", "end_month": "2024-03"}, {"frequency": "weekly"}),
    ("4) Denosumab 120 mg SC every 4 weeks - HELD (dental extraction planned)", "denosumab", {"status": "held"},
     {"status": "HELD"}),
    ("she then started tamoxifen in October 2025 and goserelin was added in November 2025 she reports hot flashes",
     "goserelin", {"status": "active", "start_month": "2025-11"}, {"status": "was added", "start_month": "November 2025"}),
    ("Palbociclib 125 mg PO daily x21d q28d — Day 1 given 01/03/2026", "palbociclib",
     {"status": "active", "schedule": "days 1-21 of 28", "start": None}, {"status": "given"}),
    ("Denosumab 120 mg SC — not given (awaiting dental review)", "denosumab", {"status": None}, {}),
    # --- medication summary tables: sig columns -----------------------------------------------------------
    ("Ibrance 125 mg capsule         Take 1 capsule daily x 21 days, off 7  Feb 2024    -", "palbociclib",
     {"schedule": "days 1-21 of 28", "dose": 125, "start": None}, {"schedule": "x 21 days, off 7"}),
    ("Faslodex 250 mg/5 mL syringe   Inject 500 mg IM every 28 days         02/2024     -", "fulvestrant",
     {"dose": 500, "unit": "mg", "frequency": "every 4 weeks"}, {"dose": "500"}),
    ("Verzenio 50 mg tablet: take 150 mg by mouth twice daily", "abemaciclib", {"dose": 150}, {"dose": "150"}),
    ("She started letrozole + ribociclib in Aug 2023; ribociclib dose reduced to 400 mg in Oct 2023 for neutropenia.",
     "ribociclib", {"changes": [{"date_month": "2023-10", "to_dose": 400, "reason": "neutropenia", "date": None}]},
     {"changes[0].date_month": "Oct 2023"}),
    # --- short forms, "was on", attributes of a referring sentence stay with their drug -----------------------
    ("- Fulv 500 mg IM q4wk, last given 2/26/26.", "fulvestrant",
     {"dose": 500, "route": "intramuscular", "frequency": "every 4 weeks", "start": None}, {"name": "Fulv"}),
    ("- Was on anastrozole + palbo 2021–4/2024 (PD).", "anastrozole", {"status": "historical"}, {"status": "Was on"}),
    ("- Was on anastrozole + palbo 2021–4/2024 (PD).", "palbociclib", {"status": "historical"}, {"name": "palbo"}),
    ("Abema 100 mg BID.", "abemaciclib", {"dose": 100, "frequency": "twice daily"}, {"name": "Abema"}),
    ("Ribociclib was on hold for neutropenia.", "ribociclib", {"status": "held"}, {}),
    ("On 2L fulvestrant + abemaciclib since 5/2024.\n- Abemaciclib dose reduced 150→100 mg BID 7/2024 for diarrhea.",
     "fulvestrant", {"frequency": None, "start_month": "2024-05"}, {}),
    # --- months that are not a drug's start or end ------------------------------------------------------------
    ("Completed paclitaxel in spring 2024.", "paclitaxel", {"status": "historical", "end_month": None, "end": None}, {}),
    ("Letrozole 2.5 mg daily. Next mammogram due May 2026.", "letrozole", {"start_month": None, "end_month": None}, {}),
    ("Ribociclib held Feb 2026 for neutropenia, resumed Mar 2026 at 400 mg.", "ribociclib",
     {"status": "active", "end_month": None, "start_month": None}, {}),
    ("Plan to start letrozole in May 2026.", "letrozole", {"status": "planned", "start_month": "2026-05"}, {}),
    ("2. Tab. Palbociclib 125 mg OD x 21 days, 7 days gap", "palbociclib",
     {"schedule": "days 1-21 of 28", "frequency": "daily"}, {"schedule": "x 21 days, 7 days gap"}),
    # --- tables with start / end columns: the dates are the item's start and end; a past end means stopped ------
    (MED_TABLE_UK, "letrozole", {"start": D(2021, 1, 15), "end": D(2024, 6, 23), "status": "stopped", "dose": 2.5,
                                 "changes": []},
     {"start": "15/01/2021", "end": "23/06/2024", "status": "23/06/2024"}),
    (MED_TABLE_UK, "anastrozole", {"start": D(2024, 6, 24), "end": None, "status": "active"}, {"start": "24/06/2024"}),
    (MED_TABLE_UK, "ribociclib", {"start": D(2024, 7, 15), "end": D(2026, 1, 20), "status": "stopped"},
     {"status": "Stopped", "end": "20/01/2026"}),
    (MED_TABLE_EPIC, "tamoxifen", {"start": D(2019, 3, 4), "end": D(2024, 5, 1), "status": "stopped", "dose": 20},
     {"start": "03/04/2019", "end": "05/01/2024"}),
    (MED_TABLE_EPIC, "letrozole", {"start": D(2024, 5, 2), "end": None, "status": "active", "frequency": "daily"},
     {"start": "05/02/2024"}),
    (MED_TABLE_EPIC, "ondansetron", {"start": D(2024, 1, 10), "end": D(2024, 2, 15), "status": "stopped"},
     {"start": "01/10/2024", "end": "02/15/2024"}),
    ("Drug | Dose | Started | Stopped | Reason\nExemestane | 25 mg daily | 2022-02-01 | 2023-08-15 | arthralgia\n",
     "exemestane", {"start": D(2022, 2, 1), "end": D(2023, 8, 15), "status": "stopped", "dose": 25},
     {"end": "2023-08-15"}),
    ("Medication               Start      Stop\nTamoxifen 20 mg daily    03/2015    06/2020\n", "tamoxifen",
     {"start_month": "2015-03", "end_month": "2020-06", "status": "stopped", "start": None, "end": None},
     {"start_month": "03/2015", "end_month": "06/2020"}),
    ("Medication                  Last filled    Start date\nAnastrozole 1 mg daily      02/01/2026     01/15/2024\n",
     "anastrozole", {"start": D(2024, 1, 15), "end": None}, {"start": "01/15/2024"}),
    # --- years only: kept as years, never as an invented date -----------------------------------------------------
    ("Tamoxifen 2015-2020.", "tamoxifen",
     {"status": "historical", "start_year": 2015, "end_year": 2020, "start": None, "end": None},
     {"start_year": "2015-2020", "status": "2015-2020"}),
    ("She has been on letrozole since 2021.", "letrozole", {"status": "active", "start_year": 2021, "start": None},
     {"start_year": "2021"}),
    ("Paclitaxel (2019), then capecitabine.", "paclitaxel", {"status": "historical", "year": 2019}, {"year": "2019"}),
    ("Anastrozole 1 mg daily 2020–2022, stopped for arthralgia.", "anastrozole",
     {"status": "stopped", "start_year": 2020, "end_year": 2022}, {"end_year": "2020–2022"}),
    ("Ribociclib 600 mg daily, started 2023.", "ribociclib", {"start_year": 2023, "status": "active"}, {}),
    ("Letrozole 2.5 mg daily since 03/2022 (first prescribed 2021).", "letrozole",
     {"start_month": "2022-03", "start_year": None}, {}),
    # --- chained changes in one sentence ---------------------------------------------------------------------------
    ("Ribociclib reduced to 400 mg in Nov 2023, then to 200 mg in Jan 2024 for recurrent neutropenia.", "ribociclib",
     {"dose": 200, "changes": [{"to_dose": 400, "date_month": "2023-11", "reason": "neutropenia"},
                               {"from_dose": 400, "to_dose": 200, "date_month": "2024-01", "reason": "neutropenia"}]},
     {"dose": "200", "changes[0].date_month": "Nov 2023", "changes[1].date_month": "Jan 2024",
      "changes[1].to_dose": "200"}),
    ("Abemaciclib was decreased from 150 mg to 100 mg on 02/03/2025 and then to 50 mg on 04/10/2025 due to diarrhea.",
     "abemaciclib",
     {"dose": 50, "changes": [{"from_dose": 150, "to_dose": 100, "date": D(2025, 2, 3), "reason": "diarrhea"},
                              {"from_dose": 100, "to_dose": 50, "date": D(2025, 4, 10), "reason": "diarrhea"}]},
     {"changes[1].date": "04/10/2025"}),
    ("Palbociclib was reduced to 100 mg, and later to 75 mg for thrombocytopenia.", "palbociclib",
     {"dose": 75, "changes": [{"to_dose": 100}, {"from_dose": 100, "to_dose": 75, "reason": "thrombocytopenia"}]}, {}),
    # --- labels, MARs, discharge lists ----------------------------------------------------------------------------
    ("BOOTS PHARMACY\nDispensed: 04/02/2026\nANASTROZOLE 1MG TABLETS\nTake ONE tablet daily\nQty: 28\n", "anastrozole",
     {"dose": 1, "frequency": "daily"}, {"frequency": "daily"}),
    ("PALBOCICLIB 125MG CAPSULE\nTAKE 1 CAPSULE BY MOUTH DAILY FOR 21 DAYS THEN 7 DAYS OFF\nQTY: 21\n", "palbociclib",
     {"schedule": "days 1-21 of 28", "route": "oral", "frequency": "daily"}, {"route": "BY MOUTH"}),
    ("Scheduled Medications           Dose      Route   Time\npaclitaxel in NS 250 mL  80 mg/m2  IV  09:30\n",
     "paclitaxel", {"dose": 80, "unit": "mg/m2", "route": "intravenous"}, {"dose": "80"}),
    ("Medications on discharge: Letrozole 2.5mg OD (unchanged).", "letrozole", {"status": "active", "dose": 2.5},
     {"status": "unchanged"}),
    ("Triptorelin (Decapeptyl) 3 mg IM every 4 weeks", "triptorelin",
     {"brand": "Decapeptyl", "frequency": "every 4 weeks", "route": "intramuscular"}, {}),
    ("dexamethasone tablet            8 mg      PO      08:00", "dexamethasone", {"dose": 8, "route": "oral"}, {}),
    (MED_TABLE_UK, "ribociclib", {"dose": 600, "unit": "mg"}, {"dose": "600"}),
    ("Order                          Details                      Order Status    Start              Stop\n"
     "capecitabine 500 mg tab        1,500 mg PO BID d1-14 q21d   Discontinued    1/5/2025 08:00     3/30/2025 09:12\n"
     "eribulin 1.4 mg/m2 IV          d1, d8 q21d                  Ordered         4/2/2025 10:00\n", "capecitabine",
     {"dose": 1500, "status": "stopped", "start": D(2025, 1, 5), "end": D(2025, 3, 30)},
     {"dose": "1,500", "status": "Discontinued"}),
    ("Order                          Details                      Order Status    Start              Stop\n"
     "eribulin 1.4 mg/m2 IV          d1, d8 q21d                  Ordered         4/2/2025 10:00\n", "eribulin",
     {"start": D(2025, 4, 2), "end": None}, {}),
    ("Drug                      Dosage              Last issued   Review date\n"
     "Tamoxifen 20mg tablets    ONE daily           14/01/2025    Discontinued 20/02/2025\n", "tamoxifen",
     {"status": "stopped", "end": D(2025, 2, 20), "start": None}, {"end": "20/02/2025"}),
    ("- Docetaxel/cyclophosphamide x4 cycles, 2012", "docetaxel", {"status": "historical", "year": 2012}, {}),
    ("- Docetaxel/cyclophosphamide x4 cycles, 2012", "cyclophosphamide", {"status": "historical", "year": 2012},
     {"year": "2012"}),
    ("Letrozole 2.5 mg tablet, take one daily", "letrozole", {"dose": 2.5}, {}),
    ("Pt 39F premenopausal on ovarian suppression (goserelin) + exemestane.", "goserelin", {"status": "active"},
     {"status": "on"}),
    ("Pt 39F premenopausal on ovarian suppression (goserelin) + exemestane.", "exemestane", {"status": "active"},
     {"status": "on"}),
    ("She is on letrozole and stopped tamoxifen in 2020.", "tamoxifen", {"status": "stopped"}, {"status": "stopped"}),
    # --- a header flattened to single spaces (faxed / OCR'd list) ------------------------------------------------
    (MED_FAX, "anastrozole", {"start": D(2019, 4, 2), "end": D(2024, 4, 1), "status": "stopped"}, {"end": "2024-04-01"}),
    (MED_FAX, "exemestane", {"start": D(2024, 4, 15), "end": None}, {"start": "2024-04-15"}),
    # --- year headings of a treatment history ----------------------------------------------------------------------
    (TX_HISTORY, "paclitaxel", {"start_year": 2016, "end_year": 2017, "status": "historical"}, {"start_year": "2016-2017"}),
    (TX_HISTORY, "tamoxifen", {"start_year": 2017, "end_year": 2022, "status": "historical"}, {"end_year": "2017-2022"}),
    (TX_HISTORY, "letrozole", {"start_year": 2023, "end_year": None}, {"start_year": "2023"}),
    (TX_HISTORY, "abemaciclib",
     {"dose": 50, "start_year": 2023,
      "changes": [{"to_dose": 100, "date_month": "2023-06"}, {"from_dose": 100, "to_dose": 50, "date_month": "2023-09",
                                                              "reason": "diarrhea"}]},
     {"changes[1].to_dose": "50"}),
    # Regimens written as letters: each drug of the regimen, the letters as its evidence.
    ("History: completed 4 cycles of ddAC in 2019, then weekly paclitaxel x12.", "doxorubicin",
     {"status": "historical", "year": 2019}, {"name": "ddAC", "status": "2019"}),
    ("History: completed 4 cycles of ddAC in 2019, then weekly paclitaxel x12.", "cyclophosphamide",
     {"status": "historical", "year": 2019}, {"name": "ddAC"}),
    ("History: completed 4 cycles of ddAC in 2019, then weekly paclitaxel x12.", "paclitaxel",
     {"frequency": "weekly"}, {"frequency": "weekly"}),
    ("Plan: TCHP x6 cycles, then trastuzumab to complete one year.", "pertuzumab", {"status": "planned"},
     {"name": "TCHP"}),
    ("Plan: TCHP x6 cycles, then trastuzumab to complete one year.", "carboplatin", {"status": "planned"},
     {"name": "TCHP"}),
    ("Adjuvant FEC-T 2015-2016.", "epirubicin", {"status": "historical", "start_year": 2015, "end_year": 2016},
     {"name": "FEC-T"}),
    ("Adjuvant FEC-T 2015-2016.", "fluorouracil", {"status": "historical"}, {"name": "FEC-T"}),
    ("Neoadjuvant chemotherapy: 4 cycles of TC (2021).", "docetaxel", {"status": "historical", "year": 2021},
     {"name": "TC"}),
    ("EC x4 followed by docetaxel, completed 03/2022.", "epirubicin", {}, {"name": "EC"}),
    # round 10: an arrow after a frequency word; "as planned" is no plan.
    ("MEDS\n- Verzenio (abemaciclib) 150mg BID -> 100 mg BID since 08/2025 for diarrhea grade 2\n", "abemaciclib",
     {"dose": 100, "frequency": "twice daily",
      "changes": [{"from_dose": 150, "to_dose": 100, "unit": "mg", "reason": "diarrhea"}]}, {}),
    ("Palbociclib 125 mg daily → 100 mg daily for neutropenia\n", "palbociclib",
     {"dose": 100, "changes": [{"from_dose": 125, "to_dose": 100, "reason": "neutropenia"}]}, {}),
    ("She took abemaciclib 150 mg twice daily, which was stopped in March 2026 after two years as planned.",
     "abemaciclib", {"status": "stopped"}, {"status": "stopped"}),
    # A mention in the past ("Prior fill", "previously on") does not override the current one after it.
    ("KISQALI 200 MG TABLET (ribociclib succinate)\nSIG: TAKE 2 TABLETS (400 MG) BY MOUTH ONCE DAILY ON DAYS 1-21 "
     "OF EACH 28-DAY CYCLE.\nPrior fill 08/2026: KISQALI 200 MG - TAKE 3 TABLETS (600 MG) DAILY DAYS 1-21.\n",
     "ribociclib", {"dose": 400, "schedule": "days 1-21 of 28"}, {"dose": "400"}),
    ("Ribociclib 400 mg daily, days 1-21. Previously on ribociclib 600 mg daily until neutropenia in May.",
     "ribociclib", {"dose": 400}, {"dose": "400"}),
    # lead, session 11: a patient's own list writes the dose without its unit; the number is the dose where it
    # is one of the drug's dose steps, and no unit is assumed. "3 weeks on 1 off" leaves out the second "week".
    ("MY MEDICATIONS (patient list)\n- Ibrance 125 daily 3 weeks on 1 off\n- Letrozole 2.5 every day\n", "palbociclib",
     {"dose": 125, "frequency": "daily", "schedule": "days 1-21 of 28", "status": "active"},
     {"dose": "125", "schedule": "3 weeks on 1 off"}),
    ("MY MEDICATIONS (patient list)\n- Ibrance 125 daily 3 weeks on 1 off\n- Letrozole 2.5 every day\n", "letrozole",
     {"dose": 2.5, "status": "active"}, {"dose": "2.5"}),
    ("Kisqali: 400 once a day, 21 days on 7 off", "ribociclib", {"dose": 400, "schedule": "days 1-21 of 28"},
     {"dose": "400"}),
    # A one-time loading dose gives way to the maintenance dose after it; alone, it is the dose.
    ("Plan: trastuzumab 8 mg/kg load then 6 mg/kg every 3 weeks.", "trastuzumab",
     {"dose": 6, "unit": "mg/kg", "frequency": "every 3 weeks"}, {"dose": "6", "unit": "mg/kg"}),
    ("Pertuzumab 840 mg IV loading dose, followed by 420 mg IV q3w.", "pertuzumab", {"dose": 420}, {"dose": "420"}),
    ("Trastuzumab 8 mg/kg loading dose given today (C1D1).", "trastuzumab", {"dose": 8}, {"dose": "8"}),
    ("Plan: TCHP (docetaxel 75 mg/m2, trastuzumab 8 mg/kg\nload then 6 mg/kg)", "trastuzumab", {"dose": 6}, {"dose": "6"}),
    # carboplatin's dose is a target area under the curve
    ("Carboplatin AUC 6 IV every 3 weeks", "carboplatin", {"dose": 6, "unit": "AUC", "frequency": "every 3 weeks"},
     {"dose": "6", "unit": "AUC"}),
    ("Carboplatin (AUC=5) day 1 q21d", "carboplatin", {"dose": 5, "unit": "AUC"}, {"dose": "5"}),
    # The reason told in a delay or hold sentence without a drug name, right before the change.
    ("Interval: Cycle 3 day 1 delayed by one week for grade 3 neutropenia (ANC 0.7 on 07/15/2026). Ribociclib was "
     "resumed at 400 mg daily from cycle 3.\nPrior: ribociclib 600 mg daily.", "ribociclib",
     {"dose": 400, "changes": [{"from_dose": 600, "to_dose": 400, "reason": "neutropenia"}]},
     {"changes[0].reason": "neutropenia"}),
    # gen11-b: an imperative "Start X" opening a list item, a line or a sentence is a plan; a plan
    # section's list item that opens with the therapy's setting plans its drugs.
    ("Plan:\n1. Continue elacestrant 345 mg OD.\n2. Start atorvastatin 20 mg nocte - letter to GP.\n", "atorvastatin",
     {"status": "planned", "dose": 20}, {"status": "Start"}),
    ("A/P: 58F with cT2N1M0 HR+/HER2- IDC.\n- Start letrozole 2.5 mg daily pending surgery date.\n", "letrozole",
     {"status": "planned", "dose": 2.5, "frequency": "daily"}, {"status": "Start"}),
    ("Tolerating well. Start exemestane 25 mg daily from next week.", "exemestane", {"status": "planned"}, {"status": "Start"}),
    ("OUTCOME / RECOMMENDATIONS:\n1. Neoadjuvant pembrolizumab + carboplatin/paclitaxel then surgery.\n", "carboplatin",
     {"status": "planned"}, {"status": "Neoadjuvant"}),
    ("Plan:\n- Adjuvant capecitabine 1000 mg/m2 BID d1-14 q21d x 6 months.\n", "capecitabine",
     {"status": "planned", "unit": "mg/m2"}, {"status": "Adjuvant"}),
    # gen11-b: a list line's closing status or interval is its own drug's, not the next line's; a
    # concentration is no dose; "on" before a second drug is that drug's; a parenthesised status after
    # the last drug is that drug's alone; an interval after the second drug's dose is not shared back.
    (MED_LIST_PHONE, "palbociclib", {"status": "held", "dose": 125}, {"status": "ON HOLD"}),
    (MED_LIST_PHONE, "fulvestrant", {"dose": 500, "unit": "mg", "frequency": "every 4 weeks", "route": "intramuscular"},
     {"dose": "500", "frequency": "q28 days"}),
    (MED_LIST_PHONE, "letrozole", {"status": "stopped"}, {"status": "discontinued"}),
    ("She has a past history of atrial fibrillation on apixaban 5 mg BID, type 2 diabetes on metformin 1000 mg twice "
     "daily, and osteoporosis previously treated with alendronate 70 mg weekly (stopped 2023 after 5 years).",
     "metformin", {"status": "active", "dose": 1000, "frequency": "twice daily"}, {"status": "on"}),
    ("She has a past history of atrial fibrillation on apixaban 5 mg BID, type 2 diabetes on metformin 1000 mg twice "
     "daily, and osteoporosis previously treated with alendronate 70 mg weekly (stopped 2023 after 5 years).",
     "alendronate", {"status": "stopped", "dose": 70, "frequency": "weekly"}, {"status": "stopped"}),
    ("- Continue anastrozole + goserelin 10.8 mg 3-monthly.", "goserelin", {"frequency": "every 3 months", "dose": 10.8},
     {"frequency": "3-monthly"}),
    # "Add X to Y" plans X only; a change in mg does not take its "from" from a dose in mg/m2; HFS.
    ("Current therapy: anastrozole 1 mg daily (started 04/15/2026).\nRECOMMENDATIONS:\n1. Add ribociclib 600 mg daily, "
     "3 weeks on / 1 week off, to anastrozole (first line).\n", "ribociclib", {"status": "planned", "dose": 600},
     {"status": "Add"}),
    ("Current therapy: anastrozole 1 mg daily (started 04/15/2026).\nRECOMMENDATIONS:\n1. Add ribociclib 600 mg daily, "
     "3 weeks on / 1 week off, to anastrozole (first line).\n", "anastrozole", {"status": "active"}, {"status": "started"}),
    ("08/2026 - started Capecitabine 1000 mg/m2 BD D1-14 q21d (1500 mg BD).\nPlan:\n- Capecitabine dose reduced to "
     "1150 mg BD (~75%) from C3 for HFS G2.", "capecitabine",
     {"dose": 1150, "unit": "mg",
      "changes": [{"to_dose": 1150, "unit": "mg", "from_dose": None, "reason": "hand-foot syndrome"}]},
     {"changes[0].reason": "HFS"}),
    # A "further reduced" clause after a ';' that names another drug ("despite loperamide") is still this
    # drug's second change.
    ("   - Abemaciclib 150 mg BD from 12/2025 (monarchE). Reduced to 100 mg BD 02/2026 for grade 3\n     diarrhoea; "
     "further reduced to 50 mg BD 06/2026 for diarrhoea despite loperamide.", "abemaciclib",
     {"dose": 50, "changes": [{"from_dose": 150, "to_dose": 100, "reason": "diarrhea"},
                              {"from_dose": 100, "to_dose": 50, "reason": "diarrhea"}]},
     {"dose": "50", "changes[1].to_dose": "50"}),
    # Indian intervals: "once in 4 weeks", "q12 weekly".
    ("DISCHARGE MEDICATIONS:\n4. Inj. Denosumab 120 mg SC once in 4 weeks (next due 20/07/2026)\n", "denosumab",
     {"frequency": "every 4 weeks", "dose": 120, "route": "subcutaneous"}, {"frequency": "once in 4 weeks"}),
    ("Plan:\n- Inj. Zoledronic acid 4 mg IV q12 weekly - continue.\n", "zoledronic acid",
     {"frequency": "every 3 months", "status": "active"}, {"frequency": "q12 weekly"}),
    # Regimen letters after a count ("4 x EC", "4 cycles AC") or before an epirubicin dose ("EC-90").
    ("Neoadjuvant: 4 x EC completed 03/2026, now on docetaxel 100 mg/m2 + Phesgo q3w.", "epirubicin",
     {"status": "historical"}, {"name": "EC"}),
    ("NACT: 4 cycles AC + 12 weekly Paclitaxel/Carboplatin - completed 15-12-2025.", "doxorubicin",
     {"status": "historical"}, {"name": "AC"}),
    ("Neoadjuvant chemotherapy: 4 cycles EC-90 (completed 08/2025) then docetaxel.", "cyclophosphamide",
     {"status": "historical"}, {"name": "EC"}),
    # "- Hold X" opening a list item; an imperative "restart X" after a ';' is a plan.
    ("Plan:\n- Hold exemestane until E2 suppressed; restart tamoxifen 20 mg daily in the interim.", "exemestane",
     {"status": "held"}, {"status": "Hold"}),
    ("Plan:\n- Hold exemestane until E2 suppressed; restart tamoxifen 20 mg daily in the interim.", "tamoxifen",
     {"status": "planned", "dose": 20}, {"status": "restart"}),
    # A line of therapy the disease progressed on is over; an instruction closed by "if" is no status.
    ("Recurred 2024 with liver and bone metastases; progressed on letrozole/abemaciclib and then on capecitabine.",
     "abemaciclib", {"status": "stopped"}, {"status": "progressed on"}),
    ("Disease progression on fulvestrant; now on capecitabine 1000 mg/m2 BD.", "fulvestrant", {"status": "stopped"},
     {"status": "progression on"}),
    ("CURRENT TX: fam-trastuzumab deruxtecan (Enhertu) 5.4 mg/kg IV q3w, C1D1 08/18/2026.\nA/P:\n2. ILD monitoring: CT "
     "q9 weeks; hold T-DXd and start steroids if any grade >= 2 pneumonitis.", "fam-trastuzumab deruxtecan",
     {"status": "active", "dose": 5.4}, {}),
    # --- gen13-b: what patients upload (portal exports, pharmacy labels, OPD cards, discharge letters) ------
    # a deferred cycle is a hold; "(pending approval)" is a plan; an OPD card's "Rx:" block is what is prescribed
    ("Cycle review\nRibociclib DEFER C4 - repeat FBC in 1 week.\n", "ribociclib", {"status": "held"},
     {"status": "DEFER C4"}),
    ("Paclitaxel C2D8 - DEFERRED (ANC 0.9), reschedule 11/09\n", "paclitaxel", {"status": "held"},
     {"status": "C2D8 - DEFERRED"}),
    ("Plan: Continue current therapy. Zoledronic acid (pending approval) 4 mg IV q12 weeks.", "zoledronic acid",
     {"status": "planned", "dose": 4, "frequency": "every 3 months"}, {"status": "pending approval"}),
    ("VERZENIO (abemaciclib) 150 mg tablet - take 1 tablet twice daily - pending prior auth", "abemaciclib",
     {"dose": 150, "status": "planned"}, {"status": "pending prior auth"}),
    ("Rx:\n1. Tab. Letrozole 2.5 mg OD x 5 yrs\n2. Inj. Zoledronic acid 4 mg IV 3-monthly (next due Dec)\n",
     "letrozole", {"status": "active", "dose": 2.5, "frequency": "daily"}, {"status": "Letrozole"}),
    ("Rx:\n1. Tab. Letrozole 2.5 mg OD x 5 yrs\n2. Inj. Zoledronic acid 4 mg IV 3-monthly (next due Dec)\n",
     "zoledronic acid", {"status": "active", "route": "intravenous", "frequency": "every 3 months"}, {}),
    ("Medications on discharge:\n  Fulvestrant 500 mg IM every 4 weeks\n", "fulvestrant", {"status": "active"}, {}),
    ("Repeat medication:\n  Exemestane 25mg tablets   one daily   last issued 01/10/2026\n", "exemestane",
     {"status": "active", "dose": 25}, {}),
    # the second drug of a month range, and a range joined by "till"
    ("Endocrine therapy: anastrozole 01/2020-06/2022 then exemestane 07/2022-\n", "anastrozole",
     {"start_month": "2020-01", "end_month": "2022-06", "status": "stopped"},
     {"start_month": "01/2020", "end_month": "06/2022", "status": "06/2022"}),
    ("Endocrine therapy: anastrozole 01/2020-06/2022 then exemestane 07/2022-\n", "exemestane",
     {"start_month": "2022-07", "end_month": None}, {"start_month": "07/2022"}),
    ("Endocrine therapy:\n  anastrozole 01/2020-06/2022, exemestane 07/2022 - present\n"
     "  Reason for switch: arthralgia on anastrozole.\n", "anastrozole", {"status": "stopped"}, {}),
    ("anastrozole 1mg - one every morning (since Jan 2020 till June 2022 - then swapped)\n", "anastrozole",
     {"start_month": "2020-01", "end_month": "2022-06", "status": "stopped"}, {"end_month": "June 2022"}),
    # a dose change in an advice block is a plan: the dose stays, the planned dose is kept beside it
    ("Tab. Ribociclib 600 mg OD D1-21 q28d\nAdvice: reduce ribociclib to 400 mg from next cycle.\n", "ribociclib",
     {"dose": 600, "planned_dose": 400, "planned_unit": "mg", "changes": []},
     {"dose": "600", "planned_dose": "400", "planned_unit": "mg"}),
    ("Plan: will lower palbociclib to 100 mg from cycle 5.", "palbociclib", {"planned_dose": 100, "changes": []}, {}),
    # antibiotics and co-medications: in the vocabulary with a class that is no cancer therapy
    ("Medications on discharge:\n  Amoxicillin-clavulanate 875/125 mg PO BD for 5 more days\n",
     "amoxicillin-clavulanate", {"drug_class": "antibiotic", "route": "oral", "frequency": "twice daily",
                                 "status": "active"}, {"name": "Amoxicillin-clavulanate"}),
    ("Augmentin 625 mg TDS x 5 days for the tooth abscess.", "amoxicillin-clavulanate",
     {"brand": "Augmentin", "dose": 625, "frequency": "three times daily"}, {"brand": "Augmentin"}),
    ("Tab. Ciprofloxacin 500 mg BD x 5 days (only if fever - contact hospital first)", "ciprofloxacin",
     {"drug_class": "antibiotic", "dose": 500, "frequency": "twice daily"}, {}),
    ("co-amoxiclav 625mg tds", "amoxicillin-clavulanate", {"dose": 625}, {"name": "co-amoxiclav"}),
    ("Premedication: Inj. Ondansetron 8 mg IV, Inj. Dexamethasone 8 mg IV, Inj. Famotidine 20 mg IV", "famotidine",
     {"drug_class": "supportive", "dose": 20, "route": "intravenous"}, {}),
    ("Shelcal 500 1 OD", "calcium and vitamin d", {"brand": "Shelcal", "frequency": "daily"}, {"brand": "Shelcal"}),
    # a strength and a tablet count make the dose (pharmacy labels, Indian prescriptions)
    ("KISQALI 200MG TAB\nTAKE 3 TABLETS BY MOUTH DAILY FOR 21 DAYS THEN 7 DAYS OFF\nQTY 63    REFILLS 2\n",
     "ribociclib", {"dose": 600, "unit": "mg", "schedule": "days 1-21 of 28", "route": "oral"},
     {"dose": "200", "unit": "MG"}),
    ("Rx:\n1. Tab. Ribociclib 200 mg 2 tab OD x 21 days, 7 days gap (dose reduced from 600 mg)\n", "ribociclib",
     {"dose": 400, "changes": [{"from_dose": 600, "to_dose": 400}]}, {"dose": "200", "changes[0].from_dose": "600"}),
    # After Visit Summary and patient-list headings give the rows under them their status
    ("Your medications\n  START taking these medications\n    calcium carbonate-vitamin D3 600 mg-10 mcg tablet\n"
     "  CONTINUE taking these medications\n    letrozole (FEMARA) 2.5 mg tablet   Take 1 tablet by mouth daily\n"
     "  STOP taking these medications\n    ibuprofen (ADVIL) 200 mg tablet\n", "ibuprofen", {"status": "stopped"},
     {"status": "STOP taking these medications"}),
    ("Your medications\n  START taking these medications\n    calcium carbonate-vitamin D3 600 mg-10 mcg tablet\n"
     "  CONTINUE taking these medications\n    letrozole (FEMARA) 2.5 mg tablet   Take 1 tablet by mouth daily\n",
     "calcium and vitamin d", {"status": "planned", "dose": 600}, {"status": "START taking these medications"}),
    ("Your medications\n  START taking these medications\n    calcium carbonate-vitamin D3 600 mg-10 mcg tablet\n"
     "  CONTINUE taking these medications\n    letrozole (FEMARA) 2.5 mg tablet   Take 1 tablet by mouth daily\n",
     "letrozole", {"status": "active"}, {"status": "CONTINUE taking these medications"}),
    ("MY MEDICINES\n- omeprazole 20 mg before breakfast\n\nStopped:\n- anastrazole - switched to letrozole\n",
     "omeprazole", {"status": "active"}, {}),
    ("MY MEDICINES\n- omeprazole 20 mg before breakfast\n\nStopped:\n- anastrazole (joint pain)\n",
     "anastrozole", {"status": "stopped"}, {"status": "Stopped"}),
    ("Today you received:\n  DOCEtaxel 75 mg/m2 IV - Cycle 1\n", "docetaxel", {"status": "active", "dose": 75},
     {"status": "Today you received"}),
    # routes, a frequency before the bracket of a change, "on Tab. X"
    ("Denosumab (XGEVA) 120 mg/1.7 mL injection   Inject 120 mg under the skin every 4 weeks", "denosumab",
     {"route": "subcutaneous", "dose": 120}, {"route": "under the skin"}),
    ("Zoladex 3.6 mg s/c 4 weekly", "goserelin", {"route": "subcutaneous"}, {"route": "s/c"}),
    ("She continues abemaciclib 100 mg\nbd (reduced from 150 mg bd in March for diarrhoea).", "abemaciclib",
     {"dose": 100, "changes": [{"from_dose": 150, "to_dose": 100, "reason": "diarrhea"}]}, {}),
    ("PMH: DM on Tab. Metformin 500 mg BD.", "metformin", {"status": "active"}, {"status": "on"}),
    # rows of a list at one indentation are separate statements: one row's "as needed" does not reach the next
    ("Your medication list\n  ondansetron 8 mg tablet - Take 1 tablet every 8 hours as needed for nausea\n"
     "  pegfilgrastim (NEULASTA ONPRO) 6 mg - on-body injector applied today\n", "pegfilgrastim",
     {"dose": 6, "brand": "Neulasta"}, {}),
    # a patient's own words: the change verb before the drug, a bare dose step, "my white count was low"
    ("Hi, just to let you know, my doctor lowered my Kisqali to 400 because my white count was low.", "ribociclib",
     {"dose": 400, "changes": [{"to_dose": 400, "reason": "neutropenia"}]},
     {"changes[0].to_dose": "400", "changes[0].reason": "white count was low"}),
    ("Dr Patel reduced Ibrance to 100 mg for neutropenia.", "palbociclib",
     {"changes": [{"to_dose": 100, "unit": "mg", "reason": "neutropenia"}]}, {}),
    # a sig's "2 times a day", a patient's "1 a day"
    ("calcium carbonate-vitamin D3 600 mg-10 mcg tablet   Take 1 tablet by mouth 2 times a day", "calcium and vitamin d",
     {"frequency": "twice daily", "dose": 600}, {"frequency": "2 times a day"}),
    ("- letrazole 2.5 mg 1 a day in the morning", "letrozole", {"frequency": "daily"}, {"frequency": "1 a day"}),
    ("Advice:\n - Continue T. Letrozole 2.5 mg OD\n", "letrozole", {"status": "active", "dose": 2.5}, {"status": "Continue"}),
    ("Your palbociclib dose was reduced from 125 mg to 100 mg on 13/10/2026 after your febrile\n"
     "neutropenia admission in September.", "palbociclib",
     {"changes": [{"from_dose": 125, "to_dose": 100, "reason": "febrile neutropenia"}]}, {}),
    ("Your next docetaxel (cycle 4) is DEFERRED by one week - the team will phone you.", "docetaxel",
     {"status": "held"}, {"status": "DEFERRED by one week"}),
    ("She takes St. John's wort 300 mg daily for low mood.", "st john's wort", {"dose": 300, "status": "active"}, {}),
    ("Hospital course: Received IV piperacillin-tazobactam x 48 h,\nthen switched to oral ciprofloxacin 500 mg BID.",
     "piperacillin-tazobactam", {"status": "stopped"}, {"status": "then switched to"}),
    ("Hospital course: Received IV piperacillin-tazobactam x 48 h,\nthen switched to oral ciprofloxacin 500 mg BID.",
     "ciprofloxacin", {"dose": 500, "frequency": "twice daily"}, {}),
    # a GP printout's acute courses are past
    ("Acute medication (last 6 months):\n  Amoxicillin 500mg capsules  one three times a day for 5 days\n",
     "amoxicillin", {"status": "historical", "drug_class": "antibiotic"}, {"status": "Acute medication (last 6 months)"}),
    # a negation closed by "so" does not reach the drug after it
    ("Doctor said no neutropenia on 8/12, ANC was fine so Kisqali restarted at 400 mg.", "ribociclib",
     {"dose": 400, "status": "active"}, {}),
    # gen14-b: the reason in a sentence of its own after the change; a change referred to by "it"
    ("Ribociclib reduced to 400 mg. This was due to grade 3 neutropenia.", "ribociclib",
     {"changes": [{"to_dose": 400, "reason": "neutropenia"}]}, {"changes[0].reason": "neutropenia"}),
    ("Ribociclib 600 mg daily. The dose was reduced to 400 mg on 3/14/2026. Due to recurrent grade 3 neutropenia.",
     "ribociclib", {"dose": 400, "changes": [{"from_dose": 600, "to_dose": 400, "reason": "neutropenia"}]},
     {"changes[0].reason": "neutropenia"}),
    ("Kisqali 600 mg daily. Kisqali was held on 3/2/2026. It was restarted at 400 mg on 3/16/2026 after ANC recovered.",
     "ribociclib", {"dose": 400, "status": "active",
                    "changes": [{"from_dose": 600, "to_dose": 400, "date": D(2026, 3, 16)}]},
     {"changes[0].to_dose": "400", "changes[0].date": "3/16/2026"}),
    # the cause told before the drug: ", so we lowered", "therefore" pointing back a sentence, a dash after the dose
    ("Kisqali 600 mg daily. Your white blood cell count was low today, so we lowered your Kisqali dose to 400 mg.",
     "ribociclib", {"dose": 400, "unit": "mg", "changes": [{"from_dose": 600, "to_dose": 400, "reason": "neutropenia"}]},
     {"changes[0].reason": "blood cell count was low", "changes[0].unit": "mg"}),
    ("Current treatment: Abemaciclib 150 mg bd since 02/2026. Mrs Pike has had grade 3 diarrhoea this cycle despite "
     "loperamide. I have therefore reduced the abemaciclib to 100 mg bd from today.", "abemaciclib",
     {"dose": 100, "changes": [{"from_dose": 150, "to_dose": 100, "reason": "diarrhea"}]},
     {"changes[0].reason": "diarrhoea"}),
    ("Tab. Ribociclib 200 mg 2 tab OD x 21 days, 7 days gap (dose reduced from 600 mg - G3 neutropenia)", "ribociclib",
     {"dose": 400, "changes": [{"from_dose": 600, "to_dose": 400, "reason": "neutropenia"}]},
     {"changes[0].reason": "neutropenia"}),
    # a route written right before a drug is that drug's, never the drug before's
    ("Continue letrozole 2.5 mg, IV zoledronic acid 4 mg q12 weeks.", "zoledronic acid",
     {"route": "intravenous", "frequency": "every 3 months"}, {"route": "IV"}),
    ("Current: fulvestrant 500 mg IM monthly, SC denosumab 120 mg q4w.", "denosumab",
     {"route": "subcutaneous", "dose": 120}, {"route": "SC"}),
    ("Letrozole 2.5 mg PO daily, PO ribociclib 600 mg daily d1-21 q28d.", "ribociclib",
     {"route": "oral", "schedule": "days 1-21 of 28"}, {"route": "PO"}),
    ("Letrozole 2.5 mg PO daily, PO ribociclib 600 mg daily d1-21 q28d.", "letrozole",
     {"route": "oral", "dose": 2.5}, {"route": "PO"}),
    # a reason in a sentence about someone else, or with no words tying it to the change, is not the change's
    ("Ribociclib 600 mg. Her mother had neutropenia on chemo. Ribociclib reduced to 400 mg.", "ribociclib",
     {"changes": [{"from_dose": 600, "to_dose": 400, "reason": None}]}, {}),
    ("Ribociclib 600 mg daily. Ribociclib reduced to 400 mg. Fatigue is better.", "ribociclib",
     {"changes": [{"to_dose": 400, "reason": None}]}, {}),
    # a PRN after a dosing interval: taken as needed
    ("ondansetron 8 mg PO q8h PRN nausea", "ondansetron", {"frequency": "as needed", "route": "oral"},
     {"frequency": "PRN"}),
    # the resume verb before the drug; the change verb and "from" before the drug, both doses after it
    ("Ribociclib 600 mg daily. Restarted ribociclib at 400 mg on 3/16/2026.", "ribociclib",
     {"dose": 400, "changes": [{"from_dose": 600, "to_dose": 400, "date": D(2026, 3, 16)}]},
     {"changes[0].to_dose": "400"}),
    ("Oct 12 - started Verzenio 150mg twice a day.\nOct 28 - restarted Verzenio but at 100mg twice a day.",
     "abemaciclib", {"dose": 100, "changes": [{"from_dose": 150, "to_dose": 100}]}, {"changes[0].to_dose": "100"}),
    ("Now switched over from palbociclib 125 to 100 mg from C8 as per protocol (dose level -1).", "palbociclib",
     {"dose": 100, "status": None, "changes": [{"from_dose": 125, "to_dose": 100}]},
     {"changes[0].from_dose": "125", "dose": "100"}),
    ("In September the abemaciclib was reduced by one dose level to 100 mg twice daily.", "abemaciclib",
     {"dose": 100, "changes": [{"to_dose": 100}]}, {"changes[0].to_dose": "100"}),
    # a list comment giving only the dose before; the strength's later dose after "from" is no dose taken
    ("Repeat medication:\n  * Abemaciclib 100mg tablets       one twice daily (hospital supply; reduced from 150mg twice\n"
     "                                    daily Aug 2026 for diarrhoea)\n", "abemaciclib",
     {"dose": 100, "status": "active", "changes": [{"from_dose": 150, "to_dose": 100, "reason": "diarrhea"}]},
     {"changes[0].from_dose": "150", "dose": "100"}),
    # a second change told in a sentence of its own: from the first change's dose, with its own reason
    ("Ribociclib history: started at 600 mg (2026-04-06). Dose reduced to 400 mg at cycle 3 due to\n"
     "QTc prolongation (QTcF 492 ms). Further reduced to 200 mg at cycle 6. This was because of\n"
     "recurrent grade 3 neutropenia. Currently on 200 mg once daily, 21 days on and 7 days off.", "ribociclib",
     {"dose": 200, "schedule": "days 1-21 of 28",
      "changes": [{"from_dose": 600, "to_dose": 400, "reason": "QT prolongation"},
                  {"from_dose": 400, "to_dose": 200, "reason": "neutropenia"}]},
     {"changes[1].from_dose": "400", "changes[1].reason": "neutropenia"}),
    # "switched from X 125 mg to Y": the second drug is the one now taken; "back on" ends a hold
    ("Switched from palbociclib 125 mg to ribociclib 600 mg.", "ribociclib", {"status": "active"}, {}),
    ("Ribociclib held for 1 week in October, then back on ribociclib 400 mg.", "ribociclib",
     {"status": "active"}, {"status": "back on"}),
    # a deferred cycle named before the drug is a hold, not a declined drug; a "Medicines" list
    ("Her neutrophils today were\n1.1 and we have therefore deferred cycle 3 of palbociclib by one week.",
     "palbociclib", {"status": "held"}, {"status": "deferred cycle 3"}),
    ("Medicines\n - Goserelin (Zoladex) 10.8 mg implant SC every 12 weeks - for ovarian suppression.\n",
     "goserelin", {"status": "active", "frequency": "every 3 months"}, {}),
    # a reduced dose level with its dose
    ("Abemaciclib 150 mg bd.\n18/10/2026  Abemaciclib restarted, dose level -1 = 100mg twice a day.", "abemaciclib",
     {"dose": 100, "status": "active", "changes": [{"from_dose": 150, "to_dose": 100}]}, {"changes[0].to_dose": "100"}),
    # a future resumption or reduction is no change and no status ("will be resumed", "will be reduced")
    ("Ribociclib 400 mg daily. Ribociclib has therefore been withheld from today. Once ALT is back to grade 1 or "
     "less, ribociclib will be resumed one dose level down at 200 mg daily.", "ribociclib",
     {"dose": 400, "status": "held", "changes": []}, {"status": "withheld"}),
    ("Ribociclib 600 mg daily. Dose will be reduced to 400 mg from cycle 5.", "ribociclib",
     {"dose": 600, "changes": []}, {"dose": "600"}),
    ("Cefuroxime 500 mg 1-0-1 x 3 days", "cefuroxime", {"dose": 500, "frequency": "twice daily"}, {}),
    ("Olanzapine 5 mg nightly x 3 nights was added by Dr Ahmad.", "olanzapine", {"dose": 5, "status": "active"}, {}),
    # "as needed" as UK and Indian notes write it; an OPD card's "Advice:" list is what was prescribed
    ("Tab. Tramadol 50 mg SOS for bone pain", "tramadol", {"frequency": "as needed", "dose": 50}, {"frequency": "SOS"}),
    ("Paracetamol 500mg tablets  two four times daily when required", "acetaminophen", {"frequency": "as needed"},
     {"frequency": "when required"}),
    ("Advice:\n1. Tab. Palbociclib 100 mg 1-0-0 x 21 days, 7 days gap (C8 from 10/11/2026)\n", "palbociclib",
     {"status": "active", "dose": 100, "schedule": "days 1-21 of 28"}, {"status": "Advice"}),
    # a reason in the sentence before, told as what complicated the course
    ("Her course has been complicated by diarrhoea. In September the abemaciclib was reduced by one dose level to "
     "100 mg twice daily.", "abemaciclib", {"changes": [{"to_dose": 100, "reason": "diarrhea"}]},
     {"changes[0].reason": "diarrhoea"}),
    # a hold with "stop taking it" in the same sentence is a hold; "Medications reviewed:" lists what is taken
    ("She is on palbociclib (Ibrance) 100 mg.\n * Palbociclib to be held for the rest of this cycle - patient told to "
     "stop taking it today.", "palbociclib", {"status": "held"}, {"status": "held"}),
    ("Oncologic history:\n- 2017 anastrozole 2017-2022.\nMedications reviewed: ribociclib 400 mg daily days 1-21.\n",
     "ribociclib", {"status": "active", "dose": 400}, {}),
    # both doses before the drug, the reason told as episodes; the dose before told in a sentence after the row
    ("After two episodes of grade 3 neutropenia we switched her from 600 to 400 mg of ribociclib at the start of "
     "cycle 4.", "ribociclib", {"dose": 400, "changes": [{"from_dose": 600, "to_dose": 400, "reason": "neutropenia"}]},
     {"changes[0].from_dose": "600", "changes[0].reason": "neutropenia"}),
    ("Medicines right now:\n- Abemaciclib (Verzenio) 100 mg - one tablet morning and night (1-0-1). Earlier it was "
     "150 mg\n  twice a day; reduced in Oct because of loose motions (diarrhoea).\n- Letrozole 2.5 mg\n", "abemaciclib",
     {"dose": 100, "status": "active", "frequency": "twice daily",
      "changes": [{"from_dose": 150, "to_dose": 100, "reason": "diarrhea"}]},
     {"changes[0].from_dose": "150", "changes[0].reason": "loose motions"}),
    ("Abemaciclib 100 mg bd. Initially the dose was 100 mg.", "abemaciclib", {"dose": 100, "changes": []}, {}),
    # an After Visit Summary: a row's "- HOLD this cycle" (its conditional restart is not yet), "into the muscle",
    # a brand in brackets on a row under "STOP taking these medications"
    ("Your medication list\nCHANGE how you take these medications:\n  palbociclib 100 mg capsule (IBRANCE) - HOLD this "
     "cycle. Restart on 11/27/2026 if labs are OK.\n", "palbociclib", {"status": "held", "dose": 100}, {"status": "HOLD"}),
    ("Your medication list\nCONTINUE taking these medications:\n  fulvestrant 250 mg/5 mL injection (FASLODEX) - Inject "
     "500 mg into the muscle every 28 days\n", "fulvestrant",
     {"route": "intramuscular", "dose": 500, "frequency": "every 4 weeks"}, {"route": "into the muscle"}),
    ("Your medication list\nSTOP taking these medications:\n  anastrozole 1 mg tablet (ARIMIDEX)\n", "anastrozole",
     {"status": "stopped"}, {"status": "STOP taking these medications"}),
    # a hold word at the end of a prose line wrapped before the drug
    ("Your white blood cell count was low today (absolute neutrophils 780 cells/uL). We are holding your\n"
     "Ibrance (palbociclib) this week.", "palbociclib", {"status": "held"}, {"status": "holding"}),
    # a patient's "Was 600 until August"; a dose history's "started <date> at 600 mg"; a reason told with a
    # change that gives no dose ("so we lowered your Kisqali dose"), for the one change the page gives elsewhere
    ("Cancer meds:\n- Kisquali 400 mg (2 pills) every day for 3 weeks then 1 week off. Was 600 until August,\n"
     "  Dr Patel lowered it because my white count was low.\n", "ribociclib",
     {"dose": 400, "changes": [{"from_dose": 600, "to_dose": 400, "reason": "neutropenia"}]},
     {"changes[0].from_dose": "600"}),
    ("Medication: Kisqali (ribociclib) 200 mg tablets - current dose 400 mg (2 tabs) once daily, days 1-21 of 28\n"
     "Dose history: started 11/06/2026 at 600 mg; decreased to 400 mg on 11/20/2026 for ANC 0.8 (grade 3).\n",
     "ribociclib", {"dose": 400, "changes": [{"from_dose": 600, "to_dose": 400, "date": D(2026, 11, 20)}]},
     {"changes[0].from_dose": "600", "changes[0].date": "11/20/2026"}),
    ("    ribociclib (KISQALI) 200 mg tablet   Take 2 tablets (400 mg total) by mouth daily\n"
     "      What changed: dose decreased from 600 mg to 400 mg\n\nYour white blood cell count was low today, so we "
     "lowered your Kisqali dose.", "ribociclib",
     {"changes": [{"from_dose": 600, "to_dose": 400, "reason": "neutropenia"}]}, {"changes[0].reason": "blood cell count was low"}),
    ("Tamoxifen 20 mg daily. The dose was 60 until recently, she says.", "tamoxifen", {"dose": 20, "changes": []}, {}),
    # a list of loading doses is no current dose; "on X <dose> (2 tabs) + Y": both taken
    ("24/11/2026  C2D1    Trastuzumab 6 mg/kg IV; Pertuzumab 420 mg IV\n"
     "- Cycle 1 completed 03/11 - 17/11/2026 (loading doses: trastuzumab 8 mg/kg, pertuzumab 840 mg on 03/11).\n",
     "pertuzumab", {"dose": 420}, {"dose": "420"}),
    ("Per patient: she has been on Kisqali 400 mg (2 tabs) + letrozole since May.", "letrozole", {"status": "active"},
     {"status": "on"}),
    # a sentence of prose wrapped in mid-sentence after a dose: one sentence (its dates and "grade 2-3" reason)
    ("Started abemaciclib 150 mg BID + letrozole 2.5 mg daily 02/2026. Abemaciclib reduced to 100 mg\n"
     "BID (04/2026) and then 50 mg BID (06/2026) for persistent grade 2-3 diarrhea despite loperamide.", "abemaciclib",
     {"dose": 50, "changes": [{"from_dose": 150, "to_dose": 100, "date_month": "2026-04", "reason": "diarrhea"},
                              {"from_dose": 100, "to_dose": 50, "date_month": "2026-06", "reason": "diarrhea"}]},
     {"changes[0].date_month": "04/2026", "changes[1].to_dose": "50"}),
    # a table row is no wrapped prose: the next row is its own
    ("Medication            Dose      Frequency       Status\nRibociclib 400 mg tablets    400 mg    daily  held\n"
     "Reviewed with pharmacist; 600 mg box returned.\n", "ribociclib", {"dose": 400, "status": "held"}, {}),
    # "q3 monthly"; a reason after "a second episode of"
    ("Inj. Zoledronic acid 4 mg IV q3 monthly.", "zoledronic acid", {"frequency": "every 3 months"},
     {"frequency": "q3 monthly"}),
    ("Ribociclib 600 mg OD since 08/2026. C4 onwards ribociclib reduced to 400 mg OD (dose level -1) after a second "
     "episode of grade 3 neutropenia.", "ribociclib",
     {"dose": 400, "changes": [{"from_dose": 600, "to_dose": 400, "reason": "neutropenia"}]},
     {"changes[0].reason": "neutropenia"}),
    # a combination product's parts spelled out in brackets are the product
    ("   Augmentin Duo Forte (amoxicillin 875 mg / clavulanic acid 125 mg) - 1 tablet twice a day for 7 days",
     "amoxicillin-clavulanate", {"dose": 875, "frequency": "twice daily", "brand": "Augmentin"}, {"dose": "875"}),
    # the end written after two drugs joined by "+" is each one's
    ("Systemic therapy: palbociclib + anastrozole from 2025-03 to 2026-07 (progression in bone).", "palbociclib",
     {"status": "stopped", "end_month": "2026-07", "start_month": "2025-03"}, {"end_month": "2026-07"}),
    # an infusion "completed 09:34" today is no past course
    ("Infusion: Enhertu 391 mg in D5W 100 mL IV over 30 min, started 09:02, completed 09:34. No reaction.",
     "fam-trastuzumab deruxtecan", {"status": "active", "route": "intravenous"}, {"status": "started"}),
    # a list row's strength is not the dose a later "reduced from" reduces; a "Current meds (...)" heading
    ("Current meds (from our list, may not be up to date):\n  Ribociclib 200 mg tabs - 2 tabs (400 mg) daily d1-21 "
     "q28d   (reduced from 600 mg 08/2026)\n", "ribociclib",
     {"dose": 400, "status": "active", "changes": [{"from_dose": 600, "to_dose": 400, "date_month": "2026-08"}]},
     {"dose": "400", "changes[0].to_dose": "400"}),
    # a planned restart does not end a hold; "still doing" is taking
    ("Yes, keep the palbociclib on hold until your appointment on the 18th; Dr Nguyen will probably restart at 100 mg.",
     "palbociclib", {"status": "held"}, {"status": "on hold"}),
    ("Still doing the Faslodex and Zoladex as usual.", "goserelin", {"status": "active"}, {}),
    ("Still doing the Faslodex and Zoladex as usual.", "fulvestrant", {"status": "active"}, {"status": "Still doing"}),
    # an Indian day-care sheet's "Chemotherapy given today: Cycle 2 AC" heads the rows given
    ("Chemotherapy given today: Cycle 2 AC\n  Inj. Doxorubicin 60 mg/m2 (96 mg) IV\n"
     "  Inj. Cyclophosphamide 600 mg/m2 (960 mg) IV\n", "cyclophosphamide",
     {"status": "active", "dose": 600, "unit": "mg/m2", "route": "intravenous"},
     {"status": "Chemotherapy given today: Cycle 2 AC"}),
    # "is on hold" is a hold, not "is on"
    ("Ribociclib 600 mg daily is on hold. OK to start cycle 4 if ANC > 1.0.", "ribociclib",
     {"status": "held"}, {"status": "on hold"}),
    # a negated restart is still a hold (and a tag question does not make the statement a question)
    ("I haven't restarted the Ibrance because the letter said not until I see Dr Nguyen - is that right?",
     "palbociclib", {"status": "held", "brand": "Ibrance"}, {"status": "haven't restarted", "brand": "Ibrance"}),
    ("Palbociclib has not yet been resumed; counts recovering.", "palbociclib", {"status": "held"},
     {"status": "has not yet been resumed"}),
    ("We did not restart Verzenio this week.", "abemaciclib", {"status": "held"}, {"status": "did not restart"}),
    # an antibiotic course finished is stopped (a past line of cancer therapy stays historical)
    ("Hi team, I'm home and finished the Augmentin yesterday. Temp normal since.", "amoxicillin-clavulanate",
     {"status": "stopped"}, {"status": "finished"}),
    ("Completed 4 cycles of docetaxel in 2021.", "docetaxel", {"status": "historical"}, {}),
    # a pharmacy label's fill line, a patient's own "Medicines I take" list: the rows are taken now
    ("RX# 6620193-04471          DATE FILLED: 09/22/2026\nDR. A MOREAU\n\nKISQALI 200MG TAB\n"
     "TAKE 3 TABLETS BY MOUTH DAILY FOR 21 DAYS THEN 7 DAYS OFF\n", "ribociclib",
     {"status": "active", "dose": 600}, {"status": "RX# 6620193-04471          DATE FILLED: 09/22/2026"}),
    ("RX# 6620193-04471          DATE FILLED: 09/22/2026                              \nKISQALI 200MG TAB\n",
     "ribociclib", {"status": "active"}, {"status": "RX# 6620193-04471          DATE FILLED: 09/22/2026"}),
    ("Medicines I take - written by me for the hospital\nexemestane 25 mg - one after breakfast\n"
     "Zometa drip every 6 months at the hospital (last one August)\n", "zoledronic acid",
     {"status": "active", "frequency": "every 6 months"},
     {"status": "Medicines I take - written by me for the hospital"}),
    ("Medicines I take - written by me for the hospital\nanastrozole 1mg - one every morning (stopped June 2022)\n",
     "anastrozole", {"status": "stopped"}, {"status": "stopped"}),
    # a request or a recommendation is not a hypothetical ("would like", "I would continue")
    ("Your ANC was 2.3, so she would like you to go back to the full dose of Verzenio starting with your next pack.",
     "abemaciclib", {"brand": "Verzenio"}, {"brand": "Verzenio"}),
    ("I would continue goserelin, anastrozole and abemaciclib 100 mg twice daily.", "goserelin",
     {"status": "active"}, {"status": "continue"}),
    ("I would continue abemaciclib, with denosumab 120 mg subcutaneously every 4 weeks for her bone disease "
     "(not yet started - dental clearance pending).", "denosumab", {"status": "planned", "dose": 120},
     {"status": "not yet started"}),
    ("I would also continue anastrozole and the zoledronic acid 4 mg every 12 weeks.", "zoledronic acid",
     {"status": "active", "dose": 4}, {"status": "continue"}),
    # a dose given at a 24-hour clock time; an infusion completed at one is not a past line of therapy
    ("Pre-medications given 0915: ondansetron 16 mg IV, dexamethasone 12 mg IV.", "ondansetron",
     {"status": "active", "dose": 16}, {"status": "given"}),
    ("Enhertu 367 mg in D5W 100 mL IV over 30 minutes, started 0940, completed 1012.", "fam-trastuzumab deruxtecan",
     {"status": "active"}, {}),
    # a patient's "on a break", "keep going with", "Things I take every day right now:", "haven't started back on"
    ("My tablets at the moment:\n  Verzenio (abemaciclib) 100mg - 1 morning, 1 night (on a break this week)\n",
     "abemaciclib", {"status": "held", "dose": 100}, {"status": "on a break"}),
    ("Keep going with Ibrance 125 + Faslodex shots.", "palbociclib", {"status": "active"},
     {"status": "Keep going with"}),
    ("Things I take every day right now:\n  Lisinopril 10 mg for blood pressure\n", "lisinopril",
     {"status": "active", "dose": 10}, {"status": "Things I take every day right now"}),
    ("Still haven't started back on the Ibrance - the 100 mg box came today.", "palbociclib", {"status": "held"},
     {"status": "haven't started back on"}),
    ("Current medicines (per patient):\n - Lansoprazole 30 mg\n", "lansoprazole", {"dose": 30}, {"dose": "30"}),
    # an indented label's directions line; the latest fill of a dispensing record is active
    ("Dispensed: 18/11/2026\n  FEMARA letrozole 2.5mg tablet  x30\n  Take ONE tablet daily\n\nDispensed: 02/07/2026\n"
     "  AUGMENTIN DUO FORTE tablet  x10\n  Take ONE tablet twice daily for 5 days\n", "letrozole",
     {"status": "active", "frequency": "daily"}, {"status": "Dispensed: 18/11/2026", "frequency": "daily"}),
    ("Letrozole was offered and she has decided to start it next week; she prefers not to have chemotherapy.",
     "letrozole", {}, {}),
    # a patient's "Had my Faslodex jabs" (right before the drug); a later stop still wins
    ("Sat 31 Oct\nHad my Faslodex jabs Thursday (both sides as usual).", "fulvestrant", {"status": "active"},
     {"status": "Had my"}),
    ("I had my letrozole stopped in May.", "letrozole", {"status": "stopped"}, {"status": "stopped"}),
    # a self-answered question's "No -" negates nothing after it
    ("She is now back on full dose? No - she has remained at 100 mg twice daily, with loperamide as needed.",
     "loperamide", {"frequency": "as needed"}, {"frequency": "as needed"}),
    # a risk word and a percent in another statement, or after a drug the patient takes, exclude nothing
    ("Her recurrence risk is 8% at 9 years. She started tamoxifen 20 mg daily on 3/1/2026.", "tamoxifen",
     {"dose": 20, "status": "active"}, {"dose": "20"}),
    ("She takes tamoxifen 20 mg daily to lower her 15% risk of recurrence.", "tamoxifen",
     {"dose": 20}, {"dose": "20"}),
    ("Treatment implications were discussed.\nPlan: start letrozole 2.5 mg daily.", "letrozole",
     {"dose": 2.5, "status": "planned"}, {"dose": "2.5"}),
    # a diary's "back on Kisqali 2 tablets (400mg)" after "3 tablets (600mg)": a change at the resumption
    ("Mon 5/10  Started cycle 1! Kisqali 3 tablets (600mg) with breakfast.\nFri 16/10 stop the Kisqali for now.\n"
     "Tue 27/10 back on Kisqali 2 tablets (400mg).", "ribociclib",
     {"dose": 400, "status": "active", "changes": [{"from_dose": 600, "to_dose": 400}]},
     {"changes[0].to_dose": "400"}),
    # gen16-b: a tumour board's "Recommendations:" list names drugs without a verb: planned
    ("MDT outcome 12/11/2026\nRecommendations: 1. Letrozole 2.5 mg daily 2. Ribociclib 600 mg d1-21 q28d "
     "3. Zoledronic acid q3 months\n", "ribociclib", {"status": "planned", "dose": 600, "schedule": "days 1-21 of 28"},
     {"status": "Recommendations"}),
    ("MDT outcome 12/11/2026\nRecommendations: 1. Letrozole 2.5 mg daily 2. Ribociclib 600 mg d1-21 q28d "
     "3. Zoledronic acid q3 months\n", "zoledronic acid", {"status": "planned", "frequency": "every 3 months"},
     {"status": "Recommendations", "frequency": "q3 months"}),
    ("Board recommendations:\n1. Stop tamoxifen.\n2. Inj. Leuprolide 3.75 mg IM every 28 days + Tab. Letrozole "
     "2.5 mg OD\n3. Inj. Zoledronic acid 4 mg IV every 12 weeks after dental clearance.\n", "letrozole",
     {"status": "planned", "dose": 2.5}, {"status": "Board recommendations"}),
    ("Tumour board recommendations:\n1. Letrozole 2.5 mg daily\n2. Ribociclib 600 mg d1-21 q28d\n", "letrozole",
     {"status": "planned"}, {"status": "Tumour board recommendations"}),
    # ... a reason or a frequency told in the next sentence, without the drug's name
    ("Palbociclib reduced to 100 mg on 3 Nov. Reason: febrile neutropenia.", "palbociclib",
     {"changes": [{"to_dose": 100, "reason": "febrile neutropenia"}]}, {"changes[0].reason": "febrile neutropenia"}),
    ("Ribociclib dose reduced from 600 mg to 400 mg. The reason was grade 3 neutropenia.", "ribociclib",
     {"changes": [{"from_dose": 600, "to_dose": 400, "reason": "neutropenia"}]}, {"changes[0].reason": "neutropenia"}),
    ("Fulvestrant 500 mg IM given today. Repeat every 28 days.", "fulvestrant",
     {"frequency": "every 4 weeks", "dose": 500}, {"frequency": "every 28 days"}),
    ("Denosumab 120 mg SC today. This is given monthly.", "denosumab", {"frequency": "monthly"},
     {"frequency": "monthly"}),
    # ... a diary's dose change entries below the drug's heading or its entry
    ("KISQALI (ribociclib) 600 mg - cycle 3\nDay 1: started cycle 3, 3 tablets with breakfast.\n"
     "Day 8: bloods at the practice nurse, all OK she said.\n"
     "Day 15: nurse rang - neutrophils 0.8, told to drop to 2 tablets (400 mg) from tomorrow.\n", "ribociclib",
     {"dose": 400, "changes": [{"from_dose": 600, "to_dose": 400}]}, {"changes[0].to_dose": "400"}),
    ("- 27/10 finished cycle 3 of ribociclib (600mg, 3 tablets). Tired.\n"
     "- 02/11 blood test. Nurse rang: neutrophils 0.7, so cycle 4 deferred a week.\n"
     "- 09/11 bloods again, neutrophils 1.3 - OK to start cycle 4 on the lower dose, 400mg (2 tablets).\n",
     "ribociclib", {"dose": 400, "changes": [{"from_dose": 600, "to_dose": 400}]}, {"changes[0].to_dose": "400"}),
    ("Abemaciclib reduced from 150 mg BID to 100 mg BID.", "abemaciclib",
     {"dose": 100, "changes": [{"from_dose": 150, "to_dose": 100}]}, {"changes[0].from_dose": "150"}),
    ("Abemaciclib (Verzenios) 100 mg tablets - ONE tablet twice daily.\n  Dose reduced from 150 mg twice daily to "
     "100 mg twice daily on 02/11/2026.\n  Reason: grade 3 diarrhoea (7-8 stools/day) despite loperamide.\n",
     "abemaciclib", {"changes": [{"from_dose": 150, "to_dose": 100, "reason": "diarrhea"}]},
     {"changes[0].reason": "diarrhoea"}),
    ("Original diagnosis 2018, adjuvant FEC-D and tamoxifen then anastrozole (2018-2024).", "tamoxifen",
     {"status": "historical"}, {"status": "2018-2024"}),
    ("Recommendation:\n\u2022 Tab Letrozole 2.5mg OM\n\u2022 Tab Ribociclib 600mg OM D1-21 q28d\n", "letrozole",
     {"frequency": "daily", "status": "planned"}, {"frequency": "OM"}),
    ("Pharmacist note: dose of Ibrance reduced from 125 mg to 100 mg on this script (Dr Tran phoned,\nneutropenia).",
     "palbociclib", {"changes": [{"from_dose": 125, "to_dose": 100, "reason": "neutropenia"}]},
     {"changes[0].reason": "neutropenia"}),
    ("Enhertu is therefore withheld. Given grade 2 ILD, I do not plan to restart trastuzumab deruxtecan.",
     "fam-trastuzumab deruxtecan", {"status": "stopped"}, {"status": "do not plan to restart"}),
    ("5. Zoledronic acid 4 mg IV every 12 weeks - due 12/2026, hold for now given creatinine 1.4.", "zoledronic acid",
     {"status": "held"}, {"status": "hold"}),
    ("HPI: palbociclib 125 mg daily d1-21 q28d plus letrozole 2.5 mg daily since 03/2023.\n\nRecommendations:\n"
     "1. Palbociclib on hold pending marrow evaluation.\n2. Letrozole 2.5 mg daily\n", "letrozole",
     {"status": "active"}, {"status": "03/2023"}),
    ("Background: Right breast cancer 2013 (mastectomy, FEC, tamoxifen 5 years). Metastatic relapse 2024.",
     "tamoxifen", {"status": "historical"}, {"status": "2013"}),
    ("HPI: breast cancer of the right breast (2015, lumpectomy,\nadjuvant anastrozole x 5 years), recurrence 2023.",
     "anastrozole", {"status": "historical"}, {"status": "2015"}),
    ("Tucatinib (Tukysa) 300 mg PO BID. Hold tucatinib until ALT 3 x ULN or less,\nthen resume at the next lower "
     "dose (250 mg BID).", "tucatinib", {"dose": 300, "planned_dose": 250, "status": "held"}, {"planned_dose": "250"}),
    # ... a class word's status is the one listed drug of that class's
    ("Paclitaxel 80 mg/m2 weekly with trastuzumab and pertuzumab.\nANC 0.6 at today's visit, so chemotherapy "
     "withheld; trastuzumab and pertuzumab given as planned.\n", "paclitaxel", {"status": "held", "frequency": "weekly"},
     {"status": "withheld"}),
    ("Ribociclib 600 mg daily d1-21 with letrozole 2.5 mg daily.\nANC 0.7. CDK4/6 inhibitor on hold until recovery; "
     "letrozole continues.\n", "ribociclib", {"status": "held"}, {"status": "on hold"}),
    ("Regimen: Capecitabine 1,500 mg PO twice daily, days 1-14 of a 21-day cycle.\n- Chemotherapy held for the rest "
     "of this cycle (stop capecitabine today, day 9).\n", "capecitabine", {"status": "held"}, {"status": "held"}),
    ("Zoledronic acid 4 mg IV 12-weekly (last 30/09/2026).\nPlan:\n- Bisphosphonate on hold until the extraction "
     "socket has healed (zoledronic acid due 23/12\n  cancelled); dental letter given.\n", "zoledronic acid",
     {"status": "held", "frequency": "every 3 months"}, {"status": "on hold"}),
    # (a class word cuts no drug's scope: the bracket after "chemo" is still pegfilgrastim's)
    ("You came in after your chemotherapy (docetaxel).\nFrom cycle 4 you will also have a pegfilgrastim injection "
     "the day after chemo (pending approval).", "pegfilgrastim", {"status": "planned"},
     {"status": "pending approval"}),
    # gen18-b: a drug asked about by its name and answered on its line; a dose change in a paragraph
    # naming no drug, of the one named drug whose dose steps hold it; a count of weekly chemotherapy doses
    ("Letrozole 2.5 mg - one every morning.\nZoladex? No - I don't get that any more, finished it at 56.\n",
     "goserelin", {"brand": "Zoladex", "status": "historical"}, {"name": "Zoladex", "status": "finished"}),
    ("Medicines check:\nZoladex? No - I don't get that any more.\n", "goserelin", {"status": "stopped"},
     {"status": "don't get that any more"}),
    ("Phone check-list:\n- Ibrance? yes, still taking it every morning.\n", "palbociclib",
     {"status": "active", "frequency": "daily"}, {"status": "taking"}),
    ("Tamoxifen 20 mg daily - she is not taking it any more.", "tamoxifen", {"status": "stopped"},
     {"status": "not taking it any more"}),
    ("PALBOCICLIB (Ibrance) 125 mg capsules - cycle 5\nDay 1: started cycle 5.\nDay 15: stopped early.\n\n"
     "Cycle 6 started Mon 16 Nov. Doctor changed me onto the 100 mg capsules now.\n", "palbociclib",
     {"dose": 100, "changes": [{"from_dose": 125, "to_dose": 100}]}, {"changes[0].to_dose": "100", "dose": "100"}),
    ("Abemaciclib 150 mg BID with fulvestrant.\n\nSeen in clinic: grade 3 diarrhoea; dose was reduced to 100 mg BID "
     "from 02/11.\n", "abemaciclib", {"dose": 100, "changes": [{"from_dose": 150, "to_dose": 100}]},
     {"changes[0].to_dose": "100"}),
    ("NACT 4 x AC (completed 05/2025) followed by 12 weekly paclitaxel - completed 09/2025.", "paclitaxel",
     {"frequency": "weekly", "status": "historical"}, {"frequency": "12 weekly"}),
    ("NACT: 4 cycles AC + 12 weekly Paclitaxel/Carboplatin - completed 15-12-2025.", "paclitaxel",
     {"frequency": "weekly"}, {"frequency": "12 weekly"}),
    # ... a reduced dose level after its dose is a reduction; a resumption takes the reason of the hold
    # a few sentences before it; an OPD card's WITHHOLD, a triage note's "STOP ... for now (hold)
    # starting tonight"; "while on" sets a time, no status; a taper's "then stop" is its planned end
    ("Grade 3 neutropenia on C5D15, so ribociclib was held from 10/28 through the end of the cycle. No fevers, no "
     "infections. Repeat CBC on 11/13/2026 showed recovery (ANC 1,640 cells/uL).\nRibociclib was resumed today at "
     "400 mg daily (dose level -1), days 1-21 of 28.", "ribociclib",
     {"dose": 400, "status": "active", "changes": [{"to_dose": 400, "reason": "neutropenia"}]},
     {"changes[0].to_dose": "400", "changes[0].reason": "neutropenia"}),
    ("Present Rx: Tab. Capecitabine 1500 mg BD D1-14 q21d - started 01-10-2026.\nAdvice:\n1. Tab. Capecitabine - "
     "WITHHOLD till HFS settles to grade 1.\n   Then restart at 75% dose: 1000 mg BD D1-14 q21d.\n", "capecitabine",
     {"dose": 1500, "status": "held"}, {"status": "WITHHOLD", "dose": "1500"}),
    ("Instructions given per Dr. Santos:\n - STOP olaparib for now (hold) starting tonight. Do not take the evening "
     "dose.\n", "olaparib", {"status": "held"}, {"status": "hold"}),
    ("Stop capecitabine for now and ring us on Monday.", "capecitabine", {"status": "held"}, {"status": "Stop"}),
    ("Palbociclib remains on hold until her count recovers above 1.0. The non-live vaccine (Shingrix) is fine "
     "while on palbociclib.", "palbociclib", {"status": "held"}, {"status": "on hold"}),
    ("Medicines on discharge:\n  Dexamethasone 4 mg orally once daily for 3 days, then 2 mg daily for 3 days, then "
     "stop\n", "dexamethasone", {"status": "active", "dose": 4}, {"status": "Dexamethasone"}),
    ("Her GP started clarithromycin 500 mg BD on 10/11 for a chest infection; it was ceased on 14/11.",
     "clarithromycin", {"dose": 500, "status": "stopped"}, {"name": "clarithromycin", "status": "ceased"}),
    ("Discharge medication:\n- Prednisone 60 mg daily for 14 days, then taper by 10 mg weekly\n", "prednisone",
     {"dose": 60, "frequency": "daily"}, {"name": "Prednisone", "dose": "60"}),
    # ... a diary's "only 2 tabs (400mg) from now" between entries naming the drug; a hold that a planned
    # next start does not end; a planned start at a reduced dose is no dose now; a class word for the one
    # antibiotic named before it; "to be given from C4" is a plan
    ("Kiskali (ribocyclib) 3 tabs = 600mg every morning\nNov 9 - told STOP kiskali till next blood test\n"
     "Nov 10 - still taking the letrazole\nNov 17 - Dr rang - start again but only 2 tabs (400mg) from now.\n"
     "Nov 18 - back on kiskali 2 tabs\n", "ribociclib",
     {"dose": 400, "changes": [{"from_dose": 600, "to_dose": 400}]}, {"changes[0].to_dose": "400"}),
    ("Regimen: Capecitabine 1650 mg PO BD days 1-14 every 21 days.\nCapecitabine remains on hold for the rest of "
     "cycle 2. Cycle 3 to start 08/12/2026 at a reduced dose of 1300 mg BD (dose level -1).\n", "capecitabine",
     {"dose": 1650, "status": "held", "changes": []}, {"status": "on hold", "dose": "1650"}),
    ("Started on Inj. Piperacillin-tazobactam 4.5 g IV 6 hourly. Fever settled in 48 h. Antibiotics stopped on "
     "18-11-2026 and switched to Tab. Cefuroxime 500 mg BD x 3 days.", "piperacillin-tazobactam",
     {"status": "stopped"}, {"status": "and switched to"}),
    ("Advice on discharge:\n- Next cycle due 29-11-2026 - with prophylactic Inj. Pegfilgrastim 6 mg SC on day 2\n"
     "  (to be given from C4 onwards).\n", "pegfilgrastim", {"status": "planned", "dose": 6},
     {"status": "to be given from"}),
    # ... a dose with "(dose reduced)" after it; tablets of two strengths that add up to a dose; a GP
    # record's "removed from repeats"; NSAIDs and QT-relevant antidepressants in the vocabulary
    ("Lynparza / olaparib 150mg tablets - 2 tabs morning, 2 tabs evening (300mg 2x a day)\nNov 19 - back on olaparib "
     "250mg 2x a day (dose reduced)\n         1 tab 150mg + 1 tab 100mg each time, new script\n", "olaparib",
     {"dose": 250, "changes": [{"from_dose": 300, "to_dose": 250}]}, {"dose": "250", "changes[0].to_dose": "250"}),
    ("Actions: omeprazole and amitriptyline removed from repeats; melatonin added.", "amitriptyline",
     {"status": "stopped"}, {"name": "amitriptyline", "status": "removed from repeats"}),
    ("Your prescription of diclofenac (Voltaren) for her knee: she had already stopped taking the diclofenac on Monday.",
     "diclofenac", {"status": "stopped"}, {"status": "stopped taking"}),
    ("Metformin withheld during admission and recommenced on discharge.", "metformin", {"status": "active"},
     {"status": "recommenced"}),
    # ... a check-list's question with the dose in it, answered "Yes" (taken) or "No" with what became of it
    ("Medication check-list:\n- Letrozole 2.5 mg daily? Yes, every night.\n", "letrozole",
     {"status": "active", "dose": 2.5}, {"status": "Yes"}),
    ("Medication check-list:\n- Xgeva? No - the dentist said to stop it before her implant; last shot in August.\n",
     "denosumab", {"status": "stopped"}, {"status": "stop"}),
    ("Script: Kisqali (ribociclib) 200 mg tabs - 2 tabs (400 mg) once daily days 1-21.\nDispensed today: Kisqali 200 mg "
     "x 42, Femara 2.5 mg x 30.\n", "ribociclib", {"dose": 400}, {"dose": "400"}),
    ("Dispensed today: Kisqali 200 mg x 42.\n", "ribociclib", {"dose": 200}, {"dose": "200"}),
    ("Kisqali (ribociclib) 200 mg tabs - 2 tabs (400 mg) once daily days 1-21, 7 days off", "ribociclib",
     {"schedule": "days 1-21 of 28"}, {"schedule": "days 1-21, 7 days off"}),
    ("Capecitabine 1500 mg BD days 1-14 then 7 days rest", "capecitabine", {"schedule": "days 1-14 of 21"},
     {"schedule": "days 1-14 then 7 days rest"}),
    ("Ribociclib was 600 mg (3 tabs) until cycle 5; reduced to 400 mg from cycle 6 (09/11/2026) because of QTcF "
     "492 ms on ECG.", "ribociclib", {"changes": [{"from_dose": 600, "to_dose": 400, "reason": "QT prolongation"}]},
     {"changes[0].reason": "QTcF 492 ms"}),
    # gen19-b: what a hold waits out is its reason ("HOLD X until diarrhea resolves"), and the reason of
    # the change it ends in; "continue X until progression" gives no reason to another drug's change.
    ("Plan: abemaciclib 150 mg BID.\n - HOLD abemaciclib until diarrhea resolves to grade 1 or less.\nAddendum: "
     "Verzenio restarted today at 100 mg twice daily.\n", "abemaciclib",
     {"dose": 100, "status": "active", "changes": [{"from_dose": 150, "to_dose": 100, "reason": "diarrhea"}]},
     {"changes[0].reason": "diarrhea"}),
    ("Ribociclib 600 mg daily since May; continue letrozole until progression. Ribociclib dose reduced from 600 mg "
     "to 400 mg in October.", "ribociclib", {"changes": [{"from_dose": 600, "to_dose": 400, "reason": None}]}, {}),
    # ... "chemo withheld" when one statement names the regimen's two chemotherapy drugs: both held (not
    # when they are named apart, one of them stopped)
    ("Regimen: Inj. Paclitaxel 80 mg/m2 IV weekly + Inj. Carboplatin AUC 2 IV weekly.\nPre-chemo CBC: ANC 900 "
     "/cumm. ANC < 1000 - chemo withheld today as per protocol.\n", "paclitaxel", {"status": "held"},
     {"status": "withheld"}),
    ("Regimen: Inj. Paclitaxel 80 mg/m2 IV weekly + Inj. Carboplatin AUC 2 IV weekly.\nPre-chemo CBC: ANC 900 "
     "/cumm. ANC < 1000 - chemo withheld today as per protocol.\n", "carboplatin", {"status": "held"},
     {"status": "withheld"}),
    ("Paclitaxel 80 mg/m2 IV weekly since May.\nCarboplatin AUC 2 was stopped after week 4 for thrombocytopenia.\n"
     "Chemo withheld today.\n", "carboplatin", {"status": "stopped"}, {"status": "stopped"}),
    # ... a pharmacy refill record: "Previous fill: ... 600 mg" then "New Rx: ... 400 mg" is a change
    ("Drug dispensed: KISQALI (ribociclib 200 mg tabs)\nPrevious fill (10/22/2026): ribociclib 600 mg/day (3 tabs) "
     "days 1-21.\nNew Rx (11/18/2026): ribociclib 400 mg/day (2 tabs) days 1-21 of 28-day cycle.\n", "ribociclib",
     {"dose": 400, "changes": [{"from_dose": 600, "to_dose": 400, "unit": "mg"}]},
     {"changes[0].from_dose": "600", "changes[0].to_dose": "400"}),
    ("Previous fill (10/22/2026): letrozole 2.5 mg daily.\nNew Rx (11/18/2026): letrozole 2.5 mg daily.\n", "letrozole",
     {"dose": 2.5, "changes": []}, {}),
    ("New Rx (11/18/2026): ribociclib 400 mg/day days 1-21.\n", "ribociclib", {"dose": 400, "changes": []}, {}),
    # ... a patient's adherence ("Never missed one") is taking the drug; "Shots every 4 weeks" after the
    # injection drug is its interval
    ("Letrozole 2.5 mg - one every morning. Never missed one.\nZoladex? No - I don't get that any more.\n", "letrozole",
     {"status": "active", "dose": 2.5}, {"status": "Never missed one"}),
    # ... "X was considered but Y + Z started": the "but" ends the weighing; Y and Z were started
    ("Current: capivasertib was considered but alpelisib + fulvestrant started 10/20/2026 for the\nPIK3CA H1047R.\n",
     "alpelisib", {"status": "active", "start": D(2026, 10, 20)}, {"status": "started", "start": "10/20/2026"}),
    ("Current: capivasertib was considered but alpelisib + fulvestrant started 10/20/2026 for the\nPIK3CA H1047R.\n",
     "fulvestrant", {"status": "active", "start": D(2026, 10, 20)}, {}),
    ("Keep going with Ibrance 125 + Faslodex shots.\nShots every 4 weeks, next one Nov 25.\n", "fulvestrant",
     {"frequency": "every 4 weeks", "brand": "Faslodex"}, {"frequency": "every 4 weeks"}),
    # gen20-b: a leaflet inside a treatment plan (its rule line ends it): the patient's own dose stands
    ("YOUR MEDICINES\n  Kisqali (ribociclib) 600 mg = 3 x 200 mg tablets, once a day, days 1 to 21\n"
     "----------------------------------------\nGENERAL INFORMATION ABOUT DOSE CHANGES\n\"Sandra\" started on 600 "
     "mg. In cycle 3 her doctor reduced Kisqali to 400 mg.\nYour doctor may reduce the dose to 400 mg and then "
     "200 mg if needed.\n----------------------------------------\nYour baseline bloods are normal.\n",
     "ribociclib", {"dose": 600, "changes": []}, {"dose": "600"}),
    # (a bare "General information" heading is no leaflet)
    ("General information\nRibociclib 600 mg daily, letrozole 2.5 mg daily.\n", "ribociclib", {"dose": 600},
     {"dose": "600"}),
    # gen20-b: a start told in a bracket after the stop is when the drug began; a pluperfect start too
    ("Her palbociclib and letrozole were therefore discontinued today for progression, after twenty-two months of "
     "treatment (first line, started January 2025).", "letrozole", {"status": "stopped", "start_month": "2025-01"},
     {"status": "discontinued"}),
    ("4. Stop domperidone (QT) - GP had started it for nausea; metoclopramide 10 mg TDS PRN instead.", "domperidone",
     {"status": "stopped"}, {"status": "Stop"}),
    # gen20-b: a drug joined to one that "progressed on" names shares that, not the sentence's head word
    ("Ruth continues on exemestane 25 mg daily with everolimus (progressed on letrozole + palbociclib in May 2026).",
     "palbociclib", {"status": "stopped"}, {"status": "progressed on"}),
    ("Ruth continues on exemestane 25 mg daily with everolimus (progressed on letrozole + palbociclib in May 2026).",
     "everolimus", {"status": "active"}, {"status": "continues"}),
    # gen20-b: an OPD card's "d/t Gr 3 neutropenia"; a cycle's "C11 to start" is no plan for the drug
    ("Palbociclib 125 -> 100 mg from C9 d/t Gr 3 neutropenia (ANC 780 cells/cumm on C8 D28)", "palbociclib",
     {"dose": 100, "changes": [{"from_dose": 125, "to_dose": 100, "reason": "neutropenia"}]},
     {"changes[0].reason": "neutropenia"}),
    ("Adv:\n  1. Tab Palbociclib 100 mg OD D1-D21, q28 days - C11 to start 19/11/2026\n", "palbociclib",
     {"dose": 100, "frequency": "daily"}, {"dose": "100"}),
    # gen20-b: "Allergies: Penicillin (rash)" then a blank line: the table under it is the patient's list
    ("Allergies: Penicillin (rash)\n\nMedicine       Dose     Route   Frequency   Start        Status\n"
     "Ribociclib     400 mg   PO      Daily       14-Jul-2026  Active\n", "ribociclib",
     {"dose": 400, "status": "active", "start": D(2026, 7, 14)}, {"dose": "400", "status": "Active"}),
    # gen20-b: an EHR printout: the last row's "On Hold" is that row's; an older strength's "Discontinued" row
    (MED_PRINTOUT, "fulvestrant", {"dose": 500, "status": "active"}, {"status": "Active"}),
    (MED_PRINTOUT, "palbociclib", {"dose": 100, "status": "active"}, {"status": "Active"}),
    (MED_PRINTOUT, "zoledronic acid", {"status": "held"}, {"status": "On Hold"}),
    # gen20-b: a change's reason told by the next sentence ("Reason for change per prescriber note: ...")
    ("Previous fill (10/22/2026): ribociclib 600 mg/day (3 tabs) days 1-21 + letrozole daily.\nNew Rx (11/18/2026): "
     "ribociclib 400 mg/day (2 tabs) days 1-21 of 28-day cycle; letrozole 2.5 mg\ndaily. Reason for change per "
     "prescriber note: dose reduced for QTc prolongation (QTcF 485 ms on\n11/17/2026).\n", "ribociclib",
     {"dose": 400, "changes": [{"from_dose": 600, "to_dose": 400, "reason": "QT prolongation"}]},
     {"changes[0].reason": "QTc prolongation"}),
    # gen20-b: "Course finished 17/11." right after the antibiotic's sentence, which names another drug
    ("- Interaction screen: GP prescribed ciprofloxacin 500 mg BD for a UTI on 12/11 -\n  QT-prolonging with "
     "ribociclib. Course finished 17/11. Advised patient to show this card to her GP.", "ciprofloxacin",
     {"status": "stopped"}, {"status": "finished"}),
    # gen20-b: a past year in the drug's own clause of a history bracket ("2011 treated with ... tamoxifen")
    ("Diagnosis: metastatic ER+ breast cancer\n(relapse 2025, original left breast cancer 2011 treated with surgery "
     "and tamoxifen for 5 years).", "tamoxifen", {"status": "historical"}, {"status": "2011"}),
    # gen20-b: ", and we will instead start denosumab": the plan after a refusal of another drug
    ("She declined zoledronic acid after reading about osteonecrosis of the jaw, and we will instead start "
     "denosumab next visit.", "denosumab", {"status": "planned"}, {"status": "will instead start"}),
    # gen20-b: the tablets' strength in a bracket is no dose; the reduction is still a plan
    ("Taking Kisqali 600 mg (3 tabs) daily.\nP: Then decrease ribociclib to 2 tabs daily (200 mg tablets) on "
     "restart.", "ribociclib", {"dose": 600, "changes": []}, {"dose": "600"}),
    # gen20-b: "only if" in another clause leaves the plan a plan
    ("Plan to start capecitabine; we will review only if her counts drop.", "capecitabine", {"status": "planned"},
     {"status": "Plan to start "}),
    # gen20-b: a GP list's comment column "reduced from 125mg 09/2026"
    ("Palbociclib 100mg capsules       1 daily days 1-21 of 28          reduced from 125mg 09/2026\n", "palbociclib",
     {"dose": 100, "changes": [{"from_dose": 125, "to_dose": 100, "date_month": "2026-09"}]},
     {"changes[0].from_dose": "125"}),
    # gen20-b: a dose-history table under its drug's heading: each row's dose that differs is a change, dated
    ("Dose history - Ribociclib:\n  14-Jul-2026  600 mg daily d1-21    commenced\n  06-Oct-2026  400 mg daily d1-21    "
     "reduced - neutropenia grade 3 (ANC 0.7)\n", "ribociclib",
     {"dose": 400, "changes": [{"from_dose": 600, "to_dose": 400, "date": D(2026, 10, 6), "reason": "neutropenia"}]},
     {"changes[0].date": "06-Oct-2026", "changes[0].from_dose": "600", "changes[0].reason": "neutropenia"}),
    ("Dose history - Ribociclib:\n  14-Jul-2026  600 mg daily d1-21    commenced\n  06-Oct-2026  600 mg daily d1-21    "
     "continued\nPlan: 400 mg if ANC < 1.0 next cycle.\n", "ribociclib", {"changes": []}, {}),
    # gen20-b: reduced, re-escalated, then restarted at the lower dose after a hold: three changes, not two
    ("Course of abemaciclib:\n  Tab. Abemaciclib 150 mg BD started 05/2026.\n  Reduced to 100 mg BD in 07/2026 due "
     "to Gr 2 diarrhoea.\n  Re-escalated to 150 mg BD from 09/2026 as diarrhoea settled.\n  Withheld on admission "
     "16/11/2026 - Gr 3 diarrhoea, AKI.\n  Restarted 21/11/2026 at 100 mg BD on discharge.\n", "abemaciclib",
     {"dose": 100, "changes": [{"from_dose": 150, "to_dose": 100, "reason": "diarrhea"}, {"from_dose": 100, "to_dose": 150},
                               {"from_dose": 150, "to_dose": 100}]}, {"dose": "100"}),
    # gen21-b: a pharmacy's new prescription "a continuation of the reduced dose" is active
    ("New prescription received 11/18/2026 for cycle 5: ribociclib 400 mg (2 x 200 mg tabs) daily,\ndays 1-21 - a "
     "continuation of the reduced dose; office confirmed no further change.\n", "ribociclib",
     {"dose": 400, "status": "active"}, {"status": "continuation"}),
    # gen21-b: a list row's comment wrapped onto the next line, the reason in brackets opening it
    ("Palbociclib 100mg capsules       1 daily days 1-21 of 28          reduced from 125mg 09/2026\n" + " " * 68 +
     "(neutropenia) - currently\n", "palbociclib",
     {"dose": 100, "changes": [{"from_dose": 125, "to_dose": 100, "reason": "neutropenia"}]},
     {"changes[0].reason": "neutropenia"}),
    # gen21-b: the reason in brackets after a result with its unit, before the hold (wrapped, and on one line)
    ("Alpelisib was started at\n300 mg once daily on 08/09/2026; in October her fasting glucose rose to 16.2 mmol/L\n"
     "(grade 3 hyperglycaemia) and the alpelisib was withheld for 5 days, then restarted at\n250 mg daily.\n",
     "alpelisib", {"dose": 250, "changes": [{"from_dose": 300, "to_dose": 250, "reason": "hyperglycemia"}]},
     {"changes[0].reason": "hyperglycaemia"}),
    ("Alpelisib 300 mg daily from 08/09/2026. In October her glucose rose to 16.2 mmol/L (grade 3 hyperglycaemia) "
     "and alpelisib was withheld, then restarted at 250 mg daily.", "alpelisib",
     {"dose": 250, "changes": [{"from_dose": 300, "to_dose": 250, "reason": "hyperglycemia"}]},
     {"changes[0].reason": "hyperglycaemia"}),
    # gen21-b: a neutrophil count under 1.5 given as the reason ("for ANC 0.7")
    ("Ribociclib 600 mg daily d1-21 q28d since 03/2026. C3 delayed one week for ANC 0.7 (grade 3); Kisqali "
     "restarted at dose level -1 (400 mg daily).", "ribociclib",
     {"dose": 400, "changes": [{"from_dose": 600, "to_dose": 400, "reason": "neutropenia"}]},
     {"changes[0].reason": "ANC 0.7"}),
    # gen21-b: a letter's "the dose came down to 100 mg"
    ("Her first two cycles of palbociclib at 125 mg were complicated by neutropenia (nadir 0.6) and the dose came "
     "down to 100 mg from cycle 3 onwards.", "palbociclib",
     {"dose": 100, "changes": [{"from_dose": 125, "to_dose": 100, "reason": "neutropenia"}]},
     {"changes[0].to_dose": "100", "changes[0].reason": "neutropenia"}),
    # gen21-b: "(first dose reduction, for the neutropenia)" after the dose given
    ("Sacituzumab govitecan 10 mg/kg IV days 1 and 8 q21 days. C2D1 of sacituzumab given 2026-11-26 at 7.5 mg/kg "
     "(first dose reduction, for the neutropenia).", "sacituzumab govitecan",
     {"dose": 7.5, "unit": "mg/kg", "changes": [{"from_dose": 10, "to_dose": 7.5, "reason": "neutropenia"}]},
     {"changes[0].to_dose": "7.5", "changes[0].reason": "neutropenia"}),
    # gen21-b: a bracket after the drug about another drug ("pembrolizumab rechallenge was considered") is not its own
    ("Started sacituzumab govitecan 10 mg/kg IV on 2026-11-05 (pembrolizumab rechallenge was considered but relapse "
     "within 12 months of completing it).", "sacituzumab govitecan", {"dose": 10}, {"dose": "10"}),
    # gen21-b: a dose history keyed by cycles instead of dates
    ("Dose history (Palbociclib):\n   C1-C3  125 mg           -\n   C4     125 -> 100 mg    Gr 3 neutropenia (ANC "
     "0.72) ; C4 delayed 1 wk\n   C5-C19 100 mg           tolerating\n", "palbociclib",
     {"dose": 100, "changes": [{"from_dose": 125, "to_dose": 100, "reason": "neutropenia"}]},
     {"changes[0].reason": "neutropenia"}),
    # gen21-b: a letter's "Ongoing medications:" list is current
    ("Ongoing medications:\n  Letrozole 2.5 mg daily\n  Pantoprazole 20 mg daily\n", "letrozole",
     {"dose": 2.5, "status": "active"}, {"status": "Letrozole"}),
    # gen21-b: an MDT form's bare "OUTCOME:" and a letter's "Recommendation of the multidisciplinary meeting:"
    (" OUTCOME:\n  1. MRI liver - urgent.\n  2. Provisional plan: neoadjuvant EC x4 -> weekly paclitaxel x12, then "
     "mastectomy, then adjuvant letrozole.\n", "paclitaxel", {"status": "planned"}, {"status": "OUTCOME"}),
    ("Recommendation of the multidisciplinary meeting:\n1. Adjuvant chemotherapy after fertility preservation.\n2. "
     "Then ovarian function suppression (goserelin 3.6 mg monthly) plus an aromatase inhibitor.\n", "goserelin",
     {"dose": 3.6, "status": "planned"}, {"status": "Recommendation of the multidisciplinary meeting"}),
    # gen21-b: "..., then start X" is a plan
    ("PLAN:\n1. SRS as above (Rad Onc), then start trastuzumab deruxtecan (Enhertu) 5.4 mg/kg IV every 3 weeks.\n",
     "fam-trastuzumab deruxtecan", {"dose": 5.4, "status": "planned"}, {"status": "start"}),
    # gen21-b: co-medications now known: a sulfonylurea; an opioid whose PRN is its own, not the drug's before it
    ("Diabetic on metformin 1 g bd and gliclazide 80 mg od.", "gliclazide", {"dose": 80, "frequency": "daily"},
     {"dose": "80"}),
    ("Current meds: pantoprazole 40 mg daily, oxycodone 5 mg q6h PRN.", "pantoprazole",
     {"dose": 40, "frequency": "daily"}, {"frequency": "daily"}),
    # gen21-b: a list row's strength, then its count after a comma that follows the form word
    (" - Ribociclib 200 mg tablets, 2 tablets daily days 1-21 of a 28-day cycle\n", "ribociclib", {"dose": 400},
     {"dose": "200"}),
    # gen21-b: "(400 mg instead of 600 mg)", back onto the drug after a break; "her counts have held up" is no hold
    ("After a one-week break she went back onto ribociclib but on two tablets a day (400 mg instead of 600 mg), and "
     "her counts have held up well since.", "ribociclib",
     {"dose": 400, "status": "active", "changes": [{"from_dose": 600, "to_dose": 400}]},
     {"status": "back onto", "changes[0].from_dose": "600"}),
    # lead, twenty-first round: the comparison's "rather than" before it negates the "three", not the change
    ("After a one-week break she went back onto ribociclib but on two tablets a day rather than three (400 mg "
     "instead of 600 mg), and her counts have held up well since.", "ribociclib",
     {"dose": 400, "status": "active", "changes": [{"from_dose": 600, "to_dose": 400}]},
     {"changes[0].from_dose": "600", "changes[0].to_dose": "400"}),
    # gen21-b: a bracket the statement's semicolon cut: its reason is still the change's
    (" Current Rx : Tab Palbociclib 125mg -> 100mg (from C5 ; Gr 3 neutropenia) + Tab Letrozole 2.5mg OD\n", "palbociclib",
     {"dose": 100, "changes": [{"from_dose": 125, "to_dose": 100, "reason": "neutropenia"}]},
     {"changes[0].reason": "neutropenia"}),
    # gen21-b: a refill form's "Previous: ... -> Current: ..." and its labelled reason two lines below, past a
    # "Date of change:" line, naming the drug that failed to help
    ("Medication: VERZENIO (abemaciclib) tablets\n  Current strength dispensed: 100 mg tablet, 1 tablet by mouth twice "
     "daily (#56)\n  Dose change since last fill: YES\n     Previous: 150 mg BID  ->  Current: 100 mg BID\n     Date of "
     "change: 11/10/2026\n     Reason (per prescriber office): grade 2 diarrhea not controlled with loperamide\n",
     "abemaciclib", {"dose": 100, "changes": [{"from_dose": 150, "to_dose": 100, "reason": "diarrhea"}]},
     {"changes[0].from_dose": "150", "changes[0].reason": "diarrhea"}),
    # gen21-b: a phone note's dose now ahead of its history in a bracket wrapped onto the next line ("DL-1", "DL-2"),
    # each step with its own reason
    ("Ribociclib dose: dose level -2 = 200 mg daily d1-21 q28d (started 600 mg 02/2026; DL-1 400 mg\nfrom C3 for "
     "neutropenia; DL-2 200 mg from C6 for ALT rise, grade 2)\n", "ribociclib",
     {"dose": 200, "changes": [{"from_dose": 600, "to_dose": 400, "reason": "neutropenia"},
                               {"from_dose": 400, "to_dose": 200, "reason": "elevated liver enzymes"}]},
     {"changes[0].from_dose": "600", "changes[1].reason": "ALT rise"}),
    # gen21-b: starting a cycle of a drug already taken is no plan
    ("Current therapy: ribociclib + letrozole 2.5 mg daily.\nInstructions given: start C8 ribociclib 200 mg (1 tab) daily "
     "on 2026-11-28 for 21 days.\n", "ribociclib", {"dose": 200, "status": "active"}, {"status": "Current"}),
    # gen21-b: a line of therapy with "(progressed 03/2026)" after it is over; a course "to 2021" is a past one
    ("Liver + bone recurrence 2024. First line palbociclib + fulvestrant (progressed 03/2026). Since 04/2026 exemestane "
     "25 mg daily + everolimus 10 mg daily.", "palbociclib", {"status": "stopped"}, {"status": "progressed"}),
    ("Left breast IDC 2014, lumpectomy, FEC x6, RT, then anastrozole to 2021.", "anastrozole",
     {"status": "historical", "end_year": 2021}, {"status": "2021"}),
    # gen21-b: "was on" a date is no past course ("her last infusion was on 02/11/2026")
    ("She continues zoledronic acid 4 mg every 12 weeks; her last infusion was on 02/11/2026.", "zoledronic acid",
     {"dose": 4, "status": "active"}, {"status": "continues"}),
    # gen21-b: a change by weight after another drug's short sentence is the drug dosed by weight
    ("Since last visit:\nStarted sacituzumab govitecan 10 mg/kg IV days 1 and 8 q21 days on 2026-11-05 (pembrolizumab\n"
     "rechallenge was considered but relapse within 12 months of completing it). C1D8 delayed by\none week for ANC 0.8; "
     "filgrastim added. C2D1 given 2026-11-26 at 7.5 mg/kg (first dose\nreduction, for the neutropenia) with primary "
     "G-CSF support.\n\nPlan:\n2. Filgrastim 300 mcg SC daily days 3-7 after each dose.\n", "sacituzumab govitecan",
     {"dose": 7.5, "changes": [{"from_dose": 10, "to_dose": 7.5, "reason": "neutropenia"}]},
     {"changes[0].to_dose": "7.5", "changes[0].reason": "neutropenia"}),
    # gen21-b: a cycle's late start is not the drug's start
    ("Treatment: Ribociclib + letrozole from 06/2026.\nHer neutrophils were 0.9 at the start of cycle 5, so we have "
     "reduced her ribociclib to 400 mg daily. Cycle 5\nstarted a week late on 23/11/2026 at this dose.", "ribociclib",
     {"dose": 400, "start": None, "start_month": "2026-06"}, {"start_month": "06/2026"}),
    # gen22-b: a hold or a break told in the drug's own sentence, before its change, makes the
    # sentence right before it (naming no drug) the reason; a count under 1.5 given as "were 0.7"
    ("Her neutrophil count fell to 0.6 x 10^9/L on day 15 of cycle 3 (grade 4 neutropenia, no fever). Ribociclib was "
     "withheld until recovery and restarted at the first dose level reduction, 600 mg -> 400 mg, with cycle 4.",
     "ribociclib", {"dose": 400, "changes": [{"from_dose": 600, "to_dose": 400, "reason": "neutropenia"}]},
     {"changes[0].reason": "neutropenia"}),
    ("Jessica is now on cycle 6 of ribociclib with letrozole. You will recall that her neutrophils were 0.7 at the start "
     "of cycle 3. After a one-week break she went back onto ribociclib but on two tablets a day rather than three "
     "(400 mg instead of 600 mg).", "ribociclib",
     {"dose": 400, "changes": [{"from_dose": 600, "to_dose": 400, "reason": "neutropenia"}]},
     {"changes[0].reason": "neutrophils were 0.7"}),
    # gen22-b: an OPD note's arrow from the reason to what was done; a reason past a bracket and a "despite"
    ("1) Tab. Letrozole 2.5 mg OD + Tab. Ribociclib 600 mg OD D1-21 q28d from 12/04/2026.\n2) C3 D15 (06/2026): ANC "
     "700/cumm, Gr 3 neutropenia -> Ribociclib withheld x 1 week,\n   restarted at 400 mg OD (dose level -1) from C4.",
     "ribociclib", {"dose": 400, "changes": [{"from_dose": 600, "to_dose": 400, "reason": "neutropenia"}]},
     {"changes[0].reason": "neutropenia"}),
    ("She started abemaciclib 150 mg twice daily on May 4, 2026. Over the summer she had grade 2 diarrhea (5-6 stools a "
     "day) despite regular loperamide, so from August 17 the abemaciclib dose was lowered to 100 mg twice daily.",
     "abemaciclib", {"dose": 100, "changes": [{"from_dose": 150, "to_dose": 100, "reason": "diarrhea"}]},
     {"changes[0].reason": "diarrhea"}),
    # gen22-b: the course before one that ended in a past year is past too
    ("Background:\nLeft breast IDC 2014 (pT2 pN1 M0, ER+ PR+ HER2-), lumpectomy, FEC x6, RT, tamoxifen then\n"
     "anastrozole to 2021. Recurrence 08/2025.", "tamoxifen", {"status": "historical"}, {"status": "2021"}),
    # gen22-b: a course counted in cycles, told in the past (a past verb or a year before it)
    ("She received TCHP x6 followed by surgery (residual 8 mm, ypT1b ypN0).", "docetaxel", {"status": "historical"},
     {"status": "x6"}),
    ("History:\n- 2024-03: right breast TNBC, right mastectomy 2024-09 with residual disease, adjuvant\n  capecitabine "
     "x 6 cycles.\n", "capecitabine", {"status": "historical"}, {"status": "x 6 cycles"}),
    # gen22-b: a change in a sentence naming no drug takes its own sentence's reason along
    ("Notes:\n- Abemaciclib on hold from 2026-11-18 by Dr. Singh: ALT 168 U/L (grade 2, baseline 24).\n  Previously "
     "reduced 150 mg -> 100 mg BID in 09/2026 for diarrhea. Restart plan to be\n  decided at review on 2026-11-25.",
     "abemaciclib", {"dose": 100, "status": "held",
                     "changes": [{"from_dose": 150, "to_dose": 100, "reason": "diarrhea"}]},
     {"changes[0].reason": "diarrhea", "changes[0].from_dose": "150"}),
    # gen22-b: a tablet count after a coated form's strength ("film-coated tablets   TWO tablets") makes the dose
    ("Repeat medication\nKisqali 200mg film-coated tablets     TWO tablets once daily days 1-21,   06/11/2026\n"
     "  (ribociclib) - hospital supplied\n", "ribociclib", {"dose": 400, "unit": "mg", "frequency": "daily"},
     {"dose": "200"}),
    # gen22-b: "do NOT start the next cycle of X": the next cycle is put off, the drug held (not a drug never taken)
    ("Message from Priya Raman, MD (11/21/2026):\nHi Tonya - your neutrophils are low at 0.9, so please do not start "
     "the next cycle of\nVerzenio (abemaciclib) on Monday.", "abemaciclib", {"status": "held"},
     {"status": "not start the next cycle"}),
    # gen23-b: an EHR list's stopped row at an older dose beside the active row: the active row's dose, status and
    # start stand, whichever row comes first; a change only where the stopped row says the dose was changed
    ("Documented Medications\n  Order                                  Status        Start          Stop\n"
     "  ribociclib 200 mg oral tablet          Discontinued  2026-01-12     2026-03-02\n"
     "    600 mg, PO, Daily, days 1-21 of 28-day cycle\n"
     "  ribociclib 200 mg oral tablet          Ordered       2026-03-02\n"
     "    400 mg, PO, Daily, days 1-21 of 28-day cycle\n", "ribociclib",
     {"dose": 400, "status": "active", "changes": []}, {"dose": "400", "status": "Ordered"}),
    ("Current Outpatient Medications\n"
     "Medication                     Sig                                   Start      Status\n"
     "palbociclib (IBRANCE) 100 MG   Take 1 capsule by mouth daily,        10/02/2026 Active\n"
     "  capsule                      days 1-21 of each 28-day cycle\n\nDiscontinued Medications (last 12 months)\n"
     "palbociclib (IBRANCE) 125 MG   Take 1 capsule by mouth daily,        03/15/2026 Discontinued\n"
     "  capsule                      days 1-21                                        10/02/2026\n"
     "  Reason: Dose reduced - neutropenia (ANC 0.8 on C7D1)\n", "palbociclib",
     {"dose": 100, "status": "active", "start": D(2026, 10, 2),
      "changes": [{"from_dose": 125, "to_dose": 100, "reason": "neutropenia"}]},
     {"dose": "100", "status": "Active", "changes[0].from_dose": "125", "changes[0].reason": "neutropenia"}),
    # gen23-b: a change told in tablets, with the strength of one tablet stated beside the drug
    ("Treatment: Ribociclib (Kisqali 200 mg tablets) + letrozole.\nProgress: At the start of cycle 4 her ALT was 168 U/L "
     "(grade 2), and the ribociclib was\ninterrupted for 8 days. Her liver tests normalised and the ribociclib dose was "
     "reduced from\n3 tablets to 2 tablets daily on 02/10/2026.", "ribociclib",
     {"dose": 400, "changes": [{"from_dose": 600, "to_dose": 400, "reason": "elevated liver enzymes"}]},
     {"changes[0].from_dose": "3", "changes[0].to_dose": "2", "changes[0].reason": "ALT was 168 U/L (grade 2"}),
    ("Repeat medication\nKisqali 200mg film-coated tablets     TWO tablets once daily days 1-21,   06/11/2026\n"
     "  (ribociclib) - hospital supplied    7 days off. (Dose reduced from\n"
     "                                      3 tabs 10/2026 - neutropenia)\n", "ribociclib",
     {"dose": 400, "changes": [{"from_dose": 600, "to_dose": 400, "reason": "neutropenia", "date_month": "2026-10"}]},
     {"changes[0].from_dose": "3", "changes[0].to_dose": "TWO", "changes[0].date_month": "10/2026"}),
    # ... in the sentence after another drug's mention ("despite loperamide. We reduced her to 2 tablets"), the
    # change of the drug whose dose steps hold it, its reason the graded toxicity in the sentence before
    ("Current treatment: abemaciclib 50 mg tablets + letrozole 2.5 mg daily (cycle 4).\n\nShe had ongoing grade 2 "
     "diarrhoea\non abemaciclib 150 mg twice daily despite loperamide. We reduced her to 2 tablets twice daily\nfrom 30 "
     "October (100 mg BD, dose level -1) and the diarrhoea has settled to grade 1.", "abemaciclib",
     {"dose": 100, "changes": [{"from_dose": 150, "to_dose": 100, "reason": "diarrhea"}]},
     {"changes[0].reason": "diarrhoea"}),
    # ... or in a clause closed by ";" right before the drug's
    ("Mdm Lim was seen today. In October she had grade 3\ndiarrhoea; abemaciclib was withheld for 4 days and then "
     "restarted at dose level -1 (100 mg twice\ndaily).", "abemaciclib",
     {"dose": 100, "changes": [{"to_dose": 100, "reason": "diarrhea"}]}, {"changes[0].reason": "diarrhoea"}),
    # gen23-b: a course's finish told in its own mention, the other mentions naming it only: historical
    ("History:\n- 2024-03: right breast cT2 cN1 TNBC, KEYNOTE-522 regimen (pembrolizumab + carboplatin/\n  paclitaxel then "
     "AC), adjuvant capecitabine x 6 cycles and pembrolizumab to complete one year (finished 2025-06).\n",
     "pembrolizumab", {"status": "historical", "end_month": "2025-06"}, {"status": "finished"}),
    # gen23-b: calcium and vitamin D written as parts with their strengths: the one supplement, no one dose
    ("3. Xgeva 120 mg SC q4 weeks - given today; calcium 600 mg + vitamin D 400 IU twice daily.", "calcium and vitamin d",
     {"dose": None, "frequency": "twice daily"}, {"name": "calcium 600 mg + vitamin D 400 IU"}),
    ("  calcium carbonate 500 mg, vitamin D 400 IU      Ordered       2026-01-20\n    1 tab, PO, BID with meals\n",
     "calcium and vitamin d", {"status": "active", "frequency": "twice daily"}, {"status": "Ordered"}),
    # gen23-b: a restart planned at a dose, on a condition, sets no dose; a stop until a planned restart is a hold
    ("3. Cap Palbociclib 125 mg - WITHHELD; do not restart until reviewed in clinic\n\nFollow-up: Oncology clinic "
     "28/11/2026 with FBC. Plan to restart palbociclib at 100 mg if ANC\n>= 1.0 on review.", "palbociclib",
     {"dose": 125, "status": "held"}, {"dose": "125"}),
    ("Ribociclib was stopped on admission.\n\nAdvice on discharge:\n1. Tab. Ribociclib 200 mg - restart from next cycle "
     "at 2 tabs OD (400 mg) D1-21.\n", "ribociclib", {"status": "held"}, {"status": "stopped"}),
    # gen23-b: restarted "at the reduced dose": a reduction whose dose before is not written
    ("Ribociclib was held from 10/28 to 11/04 for ANC 0.7 (grade 3) and restarted at the\nreduced dose of 400 mg "
     "(2 tablets).", "ribociclib", {"dose": 400, "changes": [{"to_dose": 400, "reason": "neutropenia"}]},
     {"changes[0].to_dose": "400"}),
    # gen23-b: a list row's indented comment line naming the dose level and the dose before; another treatment's route
    (" PALBOCICLIB (IBRANCE)      100 MG PO DAILY D1-21/28     11/24/26     HOLD\n   Comment: Dose level -1 since C4 "
     "(08/2026) for neutropenia; was 125 mg.\n FULVESTRANT (FASLODEX)     500 MG IM Q28 DAYS           11/12/26     "
     "CONTINUE\n\n ONCOLOGY COMMENT: Hold palbociclib while on IV\n antibiotics; if the infection resolves, restart at "
     "100 mg at discharge.\n", "palbociclib",
     {"dose": 100, "status": "held", "route": "oral", "changes": [{"from_dose": 125, "to_dose": 100, "reason": "neutropenia"}]},
     {"changes[0].from_dose": "125", "changes[0].reason": "neutropenia"}),
    ("INPATIENT ORDERS\n CEFAZOLIN 2 G IV Q8H - started 11/25/26 2210\n", "cefazolin",
     {"dose": 2, "unit": "g", "route": "intravenous", "status": "active"}, {"name": "CEFAZOLIN"}),
    # gen23-b: a pharmacist's review: "ACTIVE ONCOLOGY MEDICATIONS" heads the current list, "INACTIVE / DISCONTINUED"
    # the stopped rows; the older-dose row there does not override the active row or repeat its change
    (PHARMACY_REVIEW, "letrozole", {"status": "active", "dose": 2.5}, {"status": "letrozole"}),
    (PHARMACY_REVIEW, "ribociclib", {"status": "active", "dose": 400, "end": None,
                                     "changes": [{"from_dose": 600, "to_dose": 400, "reason": "neutropenia"}]},
     {"dose": "400", "changes[0].reason": "neutropenia"}),
    (PHARMACY_REVIEW, "tamoxifen", {"status": "historical"}, {}),
    # gen23-b: lines indented under a drug's row are its own (an After Visit Summary's directions, its "CHANGED:" note
    # giving the count before, its "Do not start your next cycle until ..."); "x 2 daily" after a tablet's strength
    ("CHANGE how you take these medications:\n  ribociclib (KISQALI) 200 mg tablet\n     Take 2 tablets (400 mg) by "
     "mouth once daily on days 1-21 of each 28-day cycle.\n     CHANGED: previously 3 tablets daily. Do not start your "
     "next cycle until Dr. Amundsen\n     checks your blood counts on 11/30/2026.\n\nCONTINUE taking these "
     "medications:\n  letrozole (FEMARA) 2.5 mg tablet - Take 1 tablet by mouth daily.\n", "ribociclib",
     {"dose": 400, "status": "held", "changes": [{"from_dose": 600, "to_dose": 400}]},
     {"changes[0].from_dose": "3", "status": "not start your next cycle"}),
    ("Medications: Kisqali 200 mg tablets x 2 daily (days 1-21), letrozole 2.5 mg daily.", "ribociclib",
     {"dose": 400, "unit": "mg"}, {"dose": "200"}),
    # ... the change verb before the drug, the counts after it, the strength in a bracket
    ("Her counts dropped after cycle 5 (neutrophils 0.9, grade 3) and we reduced the Kisqali to two\ntablets a day from "
     "three (each tablet is 200 mg).", "ribociclib",
     {"changes": [{"from_dose": 600, "to_dose": 400, "reason": "neutropenia"}]},
     {"changes[0].to_dose": "two", "changes[0].from_dose": "three"}),
    # gen23-b: a later "monthly" restating an exact "every 4 weeks" does not replace it
    ("She continues denosumab 120 mg subcutaneously every 4 weeks with calcium and vitamin D.\n\nPlan:\n2. Continue "
     "denosumab monthly.", "denosumab", {"frequency": "every 4 weeks", "dose": 120}, {"frequency": "every 4 weeks"}),
    # gen23-b: an Indian prescription's morning-noon-night counts ("200 mg 2-0-0" is 400 mg), "Tab. <drug> 200 mg" a
    # tablet's strength for a change told in tabs
    ("PRESENT ILLNESS: On Tab. Ribociclib 200 mg 3-0-0 (D1-21) + Tab. Letrozole 2.5 mg 1-0-0 since 06/2026.\n"
     "COURSE: Ribociclib withheld.\nMEDICATIONS ON DISCHARGE:\n5. Tab. Ribociclib 200 mg 2-0-0 (D1-21) - to restart "
     "with next cycle on 01/12/2026\n   after CBC (dose reduced from 3 tabs to 2 tabs due to febrile neutropenia)\n",
     "ribociclib", {"dose": 400, "status": "held",
                    "changes": [{"from_dose": 600, "to_dose": 400, "reason": "febrile neutropenia"}]},
     {"dose": "2", "changes[0].from_dose": "3"}),
    # gen23-b: a UK dose log's "150 mg BD -> 100 mg BD" and its reason column
    ("Dose modifications log:\n  12/10/2026   Abemaciclib 150 mg BD -> 100 mg BD   Grade 3 diarrhoea despite "
     "loperamide\n", "abemaciclib", {"dose": 100, "changes": [{"from_dose": 150, "to_dose": 100, "reason": "diarrhea"}]},
     {"changes[0].from_dose": "150", "changes[0].reason": "diarrhoea"}),
    # gen23-b: a drug named as background to what happened does not share the status told after the next drug
    ("She developed grade 3 diarrhoea in cycle 2 despite loperamide, and so abemaciclib was interrupted\nfor 5 days and "
     "restarted at 100 mg twice daily (dose level -1) on 14/08/2026.\n\nCurrent medication:\n  Loperamide 2 mg as "
     "required\n", "loperamide", {"status": "active", "dose": 2}, {"status": "Loperamide"}),
]

ABSENT = [
    # (text, drug): the drug must not be a medication item, or the leaf must not hold the value
    ("ALLERGIES: penicillin, tamoxifen (rash)", "tamoxifen", None),
    ("Allergic to letrozole (hives).", "letrozole", None),
    ("FAMILY HISTORY:\nMother had breast cancer, treated with tamoxifen.", "tamoxifen", None),
    ("Her mother took tamoxifen for 5 years.", "tamoxifen", None),
    ("We discussed adding ribociclib; she declined.", "ribociclib", None),
    ("She will not be taking ribociclib.", "ribociclib", None),
    # gen22-b: a drug not started at all stays negated (only "the next cycle" put off is a hold)
    ("She did not start letrozole.", "letrozole", None),
    # a comparison after a denial is no change (lead, twenty-first round)
    ("Ribociclib remains on hold: we did not go back to 400 mg rather than 600 mg this cycle.", "ribociclib",
     ("to_dose", 400)),
    ("Olaparib is not indicated because her germline testing is negative.", "olaparib", None),
    ("If residual disease is found at surgery, adjuvant olaparib would be considered.", "olaparib", None),
    ("Consider switching to fulvestrant 500 mg IM if progression.", "fulvestrant", None),
    ("No prior endocrine therapy; never took tamoxifen.", "tamoxifen", None),
    ("Dexamethasone 10 mg IV before each paclitaxel dose", "paclitaxel", None),
    ("Continue ribociclib 400 mg daily. If ANC falls below 1.0, reduce to 200 mg.", "ribociclib", ("dose", 200)),
    ("Continue ribociclib 400 mg daily. If ANC falls below 1.0 again, the dose would be reduced to 200 mg.",
     "ribociclib", ("dose", 200)),
    ("Continue trastuzumab 2 mg/kg weekly; after paclitaxel, trastuzumab every 3 weeks to complete one year.",
     "trastuzumab", ("frequency", "every 3 weeks")),
    ("Peripheral neuropathy, grade 2: if it progresses to grade 3, paclitaxel would be stopped.", "paclitaxel", None),
    ("If she develops a new cough, T-DXd will be held.", "fam-trastuzumab deruxtecan", None),
    ("Plan: start ribociclib with letrozole, and goserelin is not needed.", "goserelin", None),
    ("Ovarian suppression with goserelin (Zoladex) is not required as she is postmenopausal.", "goserelin", None),
    ("Stools 4-5/day on abemaciclib 150 mg.", "abemaciclib", ("frequency", "daily")),
    ("Ribociclib 400 mg daily. Dose modification guidance: if ANC is < 1.0 x 10^9/L, hold ribociclib until ANC >= 1.0, "
     "then resume at 200 mg.", "ribociclib", ("status", "held")),
    ("We discussed that alpelisib could be an option in future if a PIK3CA mutation is found.", "alpelisib", None),
    ("Phesgo 600/600 mg SC q3 weeks was discussed but not started.", "pertuzumab, trastuzumab, and hyaluronidase", None),
    ("Pegfilgrastim (Neulasta Onpro) 6 mg SC - not given, not indicated", "pegfilgrastim", None),
    ("Given her neutropenia, palbociclib 100 mg daily.", "palbociclib", ("status", "active")),
    ("Treatment history: letrozole + ribociclib 600 mg daily d1-21 q28d from 02/2024.", "letrozole",
     ("schedule", "days 1-21 of 28")),
    ("Plan: review in 4 weeks. Tamoxifen 20 mg daily.", "tamoxifen", ("status", "planned")),
    ("Palbociclib 125 mg daily; if counts drop, then to 100 mg.", "palbociclib", ("dose", 100)),
    ("Letrozole 2.5 mg daily; DEXA 2024 normal.", "letrozole", ("start_year", 2024)),
    ("Letrozole 2.5 mg daily; DEXA 2024 normal.", "letrozole", ("year", 2024)),
    ("Letrozole 2.5 mg daily. Bone scan 2023 clear.", "letrozole", ("status", "historical")),
    ("Ribociclib 400 mg daily, then to 200 mg if neutropenia recurs.", "ribociclib", ("dose", 200)),
    ("Medication                Start Date    End Date\nLetrozole 2.5 mg daily    01/15/2024\n", "letrozole", ("status", "stopped")),
    ("Medication                Start Date    End Date\nLetrozole 2.5 mg daily    01/15/2024\n", "letrozole", ("end", D(2024, 1, 15))),
    ("Paclitaxel 80 mg/m2 in 250 mL NS weekly", "paclitaxel", ("dose", 250)),
    (TX_HISTORY, "paclitaxel", ("end_year", 2022)),
    (TX_HISTORY, "letrozole", ("status", "historical")),
    ("Med Name Dose Freq Start Stop\nLetrozole 2.5mg daily 2023-01-05\n", "letrozole", ("end", D(2023, 1, 5))),
    # Regimen letters that are something else: before meals, total cholesterol, enteric-coated.
    ("Omeprazole 20 mg AC.", "doxorubicin", None),
    ("Lipids: LDL 2.1, TC 4.3 mmol/L.", "docetaxel", None),
    ("Aspirin EC 81 mg daily.", "epirubicin", None),
    ("Total cholesterol: TC-2 panel 4.3 mmol/L, 4 x daily checks.", "docetaxel", None),
    ("We agreed on FEC-T: 3 cycles of FEC followed by 3 cycles of docetaxel, with G-CSF support.", "epirubicin",
     ("status", "active")),
    ("If the tumour is HER2-positive we would offer TCHP.", "pertuzumab", None),
    # A frequency word is its own drug's, not the drug before it ("then weekly paclitaxel").
    ("Completed 4 cycles of ddAC, then weekly paclitaxel.", "doxorubicin", ("frequency", "weekly")),
    ("Denosumab 120 mg SC every 4 weeks with calcium and vitamin D.", "calcium and vitamin d", ("frequency", "every 4 weeks")),
    ("Letrozole 2.5 mg daily, continued as planned.", "letrozole", ("status", "planned")),
    ("Ribociclib 400 mg daily, days 1-21. Previously on ribociclib 600 mg daily until neutropenia in May.",
     "ribociclib", ("status", "historical")),
    ("Ribociclib 600 mg daily, 21 days on, 7 days off -> repeat CBC in 2 weeks.", "ribociclib", ("dose", 2)),
    # A unitless number that is not one of the drug's dose steps, or that counts something, is no dose.
    ("- Ibrance 3 weeks on 1 off", "palbociclib", ("dose", 3)),
    ("Tamoxifen 2015-2020 for DCIS.", "tamoxifen", ("dose", 20)),
    ("Letrozole 5 years planned.", "letrozole", ("dose", 5)),
    ("Ibrance 100 x 21 days", "palbociclib", ("dose", 100)),
    ("Xgeva 120 every 4 weeks", "denosumab", ("dose", 120)),
    (MED_LIST_PHONE, "fulvestrant", ("status", "held")),
    ("ILD monitoring: CT q9 weeks; hold T-DXd and start steroids if any grade >= 2 pneumonitis.",
     "fam-trastuzumab deruxtecan", ("status", "held")),
    (MED_LIST_PHONE, "fulvestrant", ("dose", 250)),
    (MED_LIST_PHONE, "letrozole", ("frequency", "every 4 weeks")),
    ("Faslodex 250 mg/5 mL prefilled syringe", "fulvestrant", ("dose", 5)),
    ("- Continue anastrozole + goserelin 10.8 mg 3-monthly.", "anastrozole", ("frequency", "every 3 months")),
    ("Medication        Start     End\nTamoxifen 20 mg daily   Start: 03/2019\n", "tamoxifen", ("status", "planned")),
    ("Oncologic history:\n- Neoadjuvant TCHP (docetaxel, carboplatin, trastuzumab, pertuzumab) 2024.\n", "carboplatin",
     ("status", "planned")),
    # gen13-b: a denied request, "not part of", another person's drug, a bad reaction, a planned change
    ("The request for fulvestrant 500 mg intramuscular injection was DENIED because the plan requires documentation.",
     "fulvestrant", None),
    ("Pegfilgrastim is NOT part of this regimen unless your doctor orders it.", "pegfilgrastim", None),
    ("She also reports her husband was prescribed Augmentin for a tooth infection - not for her.",
     "amoxicillin-clavulanate", None),
    ("My neighbour says her oncologist gave her Neulasta shots after every cycle.", "pegfilgrastim", None),
    ("I had a bad reaction to ciprofloxacin (tendon pain) in 2021 - please don't give it again.", "ciprofloxacin", None),
    ("Ribociclib deferred until after radiotherapy.", "ribociclib", None),
    ("Tab. Ribociclib 600 mg OD\nAdvice: reduce ribociclib to 400 mg from next cycle.\n", "ribociclib", ("dose", 400)),
    ("Palbociclib held from March 2026 to April 2026 for neutropenia.", "palbociclib", ("end_month", "2026-04")),
    ("so she will start zoledronic acid 4 mg IV every 6 months for two years", "zoledronic acid", ("dose", None)),
    ("My doctor lowered my Kisqali to 450 last week.", "ribociclib", ("dose", 450)),
    ("- 27/10 finished cycle 3 of ribociclib (600mg, 3 tablets). Tired.", "ribociclib", ("dose", 1800)),
    ("Tab. Ribociclib 200 mg 4 tab OD", "ribociclib", ("dose", 800)),
    ("Gran had breast cancer in the 1970s and took tamoxifen I think.", "tamoxifen", None),
    ("Patient asked about St. John's wort for mood -\nadvised NOT to take it (strong CYP3A inducer).", "st john's wort",
     None),
    ("Do NOT take ibuprofen while your counts are low; paracetamol 1 g up to 4 times a day is fine.", "ibuprofen", None),
    ("Continue letrozole and avoid St John's wort.", "st john's wort", None),
    (" - amoxicillin-clavulanate 875-125 mg PO BID x 4 days", "amoxicillin-clavulanate", ("dose", 125)),
    ("Ribociclib 600 mg daily; switched to the 200 mg tablets pack.", "ribociclib", ("status", "stopped")),
    ("Hospital course: IV piperacillin-tazobactam, then switched to oral ciprofloxacin 500 mg BID.", "ciprofloxacin",
     ("status", "stopped")),
    ("Radiotherapy deferred for now; continue letrozole.", "letrozole", ("status", None)),
    ("We lowered the room temperature to 20 for comfort; ribociclib 600 mg daily.", "ribociclib", ("dose", 20)),
    ("Tab. Letrozole 2.5 mg OD\nRx:\n  calcium carbonate-vitamin D3 600 mg-10 mcg tablet  Take 1 tablet twice daily\n",
     "calcium and vitamin d", ("dose", 10)),
    # gen14-b: a route before the next drug stays with it; a go-ahead on a condition is no start
    ("Continue letrozole 2.5 mg, IV zoledronic acid 4 mg q12 weeks.", "letrozole", ("route", "intravenous")),
    ("Continue letrozole 2.5 mg, IV zoledronic acid 4 mg q12 weeks.", "letrozole", ("frequency", "every 3 months")),
    ("Current: fulvestrant 500 mg IM monthly, SC denosumab 120 mg q4w.", "fulvestrant", ("route", "subcutaneous")),
    ("Letrozole 2.5 mg PO ribociclib 600 mg", "ribociclib", ("route", "oral")),
    ("Palbociclib 125 mg: OK to start cycle 4 if ANC > 1.0", "palbociclib", ("status", "planned")),
    # a trial's title line, a question, a list heading "Stopped / no longer taking" below the last row
    ("Protocol: NRG-BR-2291 (phase II, capivasertib + fulvestrant after CDK4/6 inhibitor)", "capivasertib", None),
    ("Study title: Fulvestrant with or without palbociclib in ESR1-mutant MBC", "fulvestrant", None),
    ("- Is it ok to take ibuprofen for my knee? (pharmacist said maybe not)", "ibuprofen", None),
    ("Could I switch to Ibrance?", "palbociclib", None),
    ("Tamoxifen 20 mg daily. She decided to stop taking tamoxifen in May.", "tamoxifen", ("status", "active")),
    ("Denosumab 120 mg SC every 4 weeks; see SOS card.", "denosumab", ("frequency", "as needed")),
    ("- Zoledronic acid is an option after dental review.", "zoledronic acid", None),
    ("Plan: restart palbociclib at 100 mg on Monday.", "palbociclib", ("status", "held")),
    ("   Augmentin Duo Forte (amoxicillin 875 mg / clavulanic acid 125 mg) - 1 tablet twice a day", "amoxicillin", None),
    ("Letrozole 2.5 mg daily - stopped\nAnastrozole 1 mg daily", "anastrozole", ("status", "stopped")),
    ("Lines: capecitabine 1000 mg/m2 BD d1-14 q21d (2025-08/2026, stopped for progression). Currently on no "
     "anticancer therapy - treatment break at patient's request.", "capecitabine", ("status", "active")),
    ("Repeat medication:\n  Adcal-D3 chewable tablets         one twice daily\n\nStopped / no longer taking:\n"
     "  Ibuprofen 400mg tablets  - stopped 2026\n", "calcium and vitamin d", ("status", "stopped")),
    # a negated start stays nothing; a real question stays a question; "would" of a hypothetical stays one
    ("She has not started letrozole.", "letrozole", None),
    ("Should I restart the Ibrance now?", "palbociclib", None),
    ("If her counts drop again we would stop abemaciclib.", "abemaciclib", None),
    ("Finished the Augmentin yesterday, and still on letrozole.", "amoxicillin-clavulanate", ("status", "historical")),
    ("Paclitaxel finished in 2019.", "paclitaxel", ("status", "stopped")),
    ("RX# 6620193-04471          DATE FILLED: 09/22/2026\nKISQALI 200MG TAB - STOPPED\n", "ribociclib",
     ("status", "active")),
    ("My daughter's medicines:\ntamoxifen 20 mg daily\n", "tamoxifen", ("status", "active")),
    ("Dispensed: 18/11/2026\n  FEMARA letrozole 2.5mg tablet  x30\n  Take ONE tablet daily\n\nDispensed: 02/07/2026\n"
     "  AUGMENTIN DUO FORTE tablet  x10\n  Take ONE tablet twice daily for 5 days\n", "amoxicillin-clavulanate",
     ("status", "active")),
    ("Home med reconciliation: vitamin B12 injection monthly at PCP.", "vitamin d3", None),
    ("Denosumab was offered but she prefers not to have it because of dental work planned.", "denosumab", None),
    ("Zoledronic acid was discussed but she does not want it.", "zoledronic acid", None),
    ("Any other medicines? No - no loperamide or codeine.", "loperamide", None),
    ("No, letrozole was never started.", "letrozole", None),
    ("Kisqali 2 tablets (400mg) daily. Tue 27/10 back on Kisqali 2 tablets (400mg).", "ribociclib",
     ("changes", [{"from_dose": 400, "to_dose": 400}])),
    ("Letrozole 2.5 mg daily - she is on a break from work this week.", "letrozole", ("status", "held")),
    ("Tamoxifen 20 mg daily given 2015.", "tamoxifen", ("status", "active")),
    # a genomic test's population statistic names a drug no one takes (lead, fifteenth round)
    ("Distant recurrence risk at 9 years: 8% (95% CI 6%-11%) with AI or tamoxifen alone", "tamoxifen", None),
    ("The 10-year risk of distant recurrence with tamoxifen alone is 12%.", "tamoxifen", None),
    ("Estimated benefit from chemotherapy: <1% absolute, for patients treated with tamoxifen", "tamoxifen", None),
    # a genomic report's drugs matched to alterations, and its trials
    ("GENOMIC FINDINGS\nPIK3CA H1047R VAF 6.2%\nTHERAPIES WITH CLINICAL RELEVANCE:\nPIK3CA H1047R - alpelisib, capivasertib",
     "alpelisib", None),
    ("FDA-Approved Therapies (in patient's tumor type):\nESR1 D538G - elacestrant", "elacestrant", None),
    ("Potential Clinical Trials:\nNCT05000000 - capivasertib + fulvestrant, phase III", "capivasertib", None),
    # gen16-b: a recommendation of a drug the page lists as taken is to go on with it; a progress note's
    # "Plan:" list is no board's recommendation; a next sentence without a frequency opener gives none;
    # a diary entry naming another drug keeps the change from it; a class with two listed drugs, or a
    # class in general, says nothing of either
    ("Medications: letrozole 2.5 mg daily\n\nRecommendations:\n1. Letrozole 2.5 mg daily\n", "letrozole",
     ("status", "planned")),
    ("Plan:\n1. Letrozole 2.5 mg daily\n", "letrozole", ("status", "planned")),
    ("Recommendations:\n1. Restaging CT in 3 months. Letrozole 2.5 mg daily to continue.\n", "letrozole",
     ("status", "planned")),
    ("Fulvestrant 500 mg IM given today. Next visit in 4 weeks with bloods.", "fulvestrant",
     ("frequency", "every 4 weeks")),
    ("Zoledronic acid 4 mg IV today. Then letrozole daily.", "zoledronic acid", ("frequency", "daily")),
    ("Day 1: Kisqali 600 mg started.\nDay 8: paracetamol 1 g for headache.\nDay 15: told to drop to 2 tablets (400 mg).\n",
     "acetaminophen", ("dose", 400)),
    ("Abemaciclib 150 mg BID from 2025 (palbociclib 125 mg before that).\n\nCDK4/6 inhibitor on hold since Monday.",
     "abemaciclib", ("status", "held")),
    ("Coverage for letrozole 2.5 mg daily does not require prior authorization. The plan requires documentation "
     "that the member has progressed on an aromatase inhibitor.", "letrozole", ("status", "stopped")),
    ("Capecitabine 1000 mg/m2 BD started 2026. Previous chemotherapy in 2015 was stopped.", "capecitabine",
     ("status", "stopped")),
    ("Capecitabine discussed, not yet decided. Exemestane continues.", "capecitabine", None),
    ("Denosumab 120 mg SC every 4 weeks - continue\n\nStopped: octreotide (inpatient only).", "denosumab",
     ("status", "stopped")),
    ("FULVESTRANT 500 MG ON DAY 1 AND DAY 15", "fulvestrant", ("frequency", "daily")),
    ("Palbociclib held. Will not restart palbociclib until counts recover.", "palbociclib", ("status", "stopped")),
    ("Letrozole 2.5 mg daily (2039 review planned).", "letrozole", ("status", "historical")),
    ("Now on anastrozole (2024, after tamoxifen).", "anastrozole", ("status", "historical")),
    ("Recommendations:\n1. Letrozole 2.5 mg daily from 01/2039\n", "letrozole", ("status", "active")),
    # gen18-b: a bare "No" answer is no drug taken; advice to avoid a drug she was taking is no stop
    # of it; a second drug with the same dose steps leaves an unnamed change to no one; 12-weekly bone
    # agents stay every 12 weeks
    ("Medicines check:\nZoladex? No.\n", "goserelin", None),
    ("Fosamax? No - never had that.", "alendronate", None),
    ("She has been taking over-the-counter ibuprofen for the tooth; advised to use paracetamol 1 g up to four "
     "times daily instead, and to avoid ibuprofen.", "ibuprofen", ("status", "stopped")),
    ("Palbociclib 125 mg daily d1-21; abemaciclib 150 mg BD before that (stopped for diarrhoea).\n\n"
     "Cycle 6: dose reduced to 100 mg.\n", "palbociclib", ("dose", 100)),
    ("Palbociclib 125 mg daily d1-21.\n\nIf ANC stays low the dose would be reduced to 100 mg.\n", "palbociclib",
     ("dose", 100)),
    ("Zoledronic acid 4 mg IV 12 weekly.", "zoledronic acid", ("frequency", "weekly")),
    ("Docetaxel 75 mg/m2 3 weekly x 6.", "docetaxel", ("frequency", "weekly")),
    ("Goserelin 10.8 mg q12 weekly.", "goserelin", ("frequency", "weekly")),
    # ... a plan's reduced dose level; a drug last in a list to avoid; a regimen considered
    ("Keep abemaciclib on hold until diarrhoea is grade 1 or less.\n - Then restart at 100 mg twice daily (dose "
     "level -1).", "abemaciclib", ("dose", 100)),
    ("Continue abemaciclib 100 mg BD. Avoid grapefruit and St John's wort.", "st john's wort", None),
    ("Please avoid prescribing clarithromycin or other strong CYP3A inhibitors with abemaciclib.", "clarithromycin",
     None),
    ("Oncology clinic 20/11/2026 to discuss next line (tucatinib + capecitabine + trastuzumab considered given brain "
     "disease).", "tucatinib", None),
    ("Oncology clinic 20/11/2026 to discuss next line (tucatinib + capecitabine + trastuzumab considered given brain "
     "disease).", "capecitabine", None),
    ("Letrozole 2.5 mg daily, then stop after 5 years.", "letrozole", ("status", "held")),
    ("Piperacillin-tazobactam 4.5 g IV q6h, then cefuroxime. Antibiotics stopped on 05/11/2026.", "cefuroxime",
     ("status", "stopped")),
    ("- If progression, plan fulvestrant; capecitabine is the alternative.", "capecitabine", None),
    ("Nov 9 - took only 2 tabs (400mg) today by mistake.\nKisqali 600 mg daily.\n", "ribociclib", ("dose", 400)),
    ("Olaparib 1 tab 150mg + 1 tab 150mg twice a day.", "olaparib", ("dose", 150)),
    ("Medication check-list:\n- Zometa? No.\n- Any St John's wort, grapefruit? No.\n", "zoledronic acid", None),
    ("Medication check-list:\n- Any St John's wort, grapefruit? No.\n", "st john's wort", None),
    ("Is letrozole 2.5 mg safe with my blood thinner? Yes, the pharmacist said.", "letrozole", None),
    ("QT-prolonging with ribociclib. Ondansetron avoided for the same reason - metoclopramide 10 mg TDS PRN instead.",
     "ondansetron", None),
    ("Citalopram 20 mg od - continue; the pharmacist removed the duplicate from the list.", "citalopram",
     ("status", "stopped")),
    # gen19-b: "chemo held" is no past regimen's status (its drugs named one after another)
    ("Prior: doxorubicin and cyclophosphamide then paclitaxel (2019), now capecitabine 1000 mg/m2 BD.\nChemo held this "
     "cycle for HFS.\n", "paclitaxel", ("status", "held")),
    ("Prior: doxorubicin and cyclophosphamide then paclitaxel (2019), now capecitabine 1000 mg/m2 BD.\nChemo held this "
     "cycle for HFS.\n", "doxorubicin", ("status", "held")),
    # gen19-b: a drug only considered; a condition's "but" does not end the condition
    ("Current: capivasertib was considered but alpelisib + fulvestrant started 10/20/2026.", "capivasertib", None),
    ("If ANC < 1.0, hold ribociclib but continue letrozole.", "letrozole", None),
    # gen20-b: a patient-education leaflet's worked example is nobody's change; a year after "since" is a start
    ("GENERAL INFORMATION ABOUT DOSE CHANGES (patient information)\n\"Sandra\" started on 600 mg. In cycle 3 her "
     "neutrophils were low, so her doctor reduced Kisqali to 400 mg.\n", "ribociclib", None),
    ("Metastatic relapse (first relapse, since 2025 treated with letrozole and ribociclib).", "letrozole",
     ("status", "historical")),
    # gen20-b: a start in a bracket after the stop, a pluperfect start, a cycle's start are no statuses
    ("Her palbociclib and letrozole were therefore discontinued today for progression, after twenty-two months of "
     "treatment (first line, started January 2025).", "letrozole", ("status", "active")),
    ("4. Stop domperidone (QT) - GP had started it for nausea.", "domperidone", ("status", "active")),
    ("1. Tab Palbociclib 100 mg OD D1-D21, q28 days - C11 to start 19/11/2026", "palbociclib", ("status", "planned")),
    # gen20-b: a refusal in the clause before ", and we ..." is not the plan's; a nearer "progressed on" wins
    ("She declined zoledronic acid after reading about osteonecrosis of the jaw, and we will instead start "
     "denosumab next visit.", "zoledronic acid", None),
    ("Ruth continues on exemestane 25 mg daily with everolimus (progressed on letrozole + palbociclib in May 2026).",
     "palbociclib", ("status", "active")),
    # gen20-b: the tablets' strength in a bracket is no dose; a last row's "On Hold" is its own row's
    ("Taking Kisqali 600 mg (3 tabs) daily.\nP: Then decrease ribociclib to 2 tabs daily (200 mg tablets) on "
     "restart.", "ribociclib", ("dose", 200)),
    (MED_PRINTOUT, "fulvestrant", ("status", "held")),
    # gen20-b: a plan that waits on a condition ("only if") is a contingency
    ("2. Metformin to be started by GP only if fasting glucose rises on alpelisib.", "metformin", None),
    # gen20-b: a group of patients named by the drug
    ("Note for ribociclib patients: per centre protocol, treatment is withheld when neutrophils are less than "
     "1.0 x10E3/uL.", "ribociclib", None),
    # gen20-b: another course's end is not the antibiotic's
    ("Ciprofloxacin 500 mg BD for a UTI on 12/11 - QT-prolonging with ribociclib. Radiotherapy course finished "
     "17/11.", "ciprofloxacin", ("status", "stopped")),
    # gen21-b: "came down to" a tumour marker's units is no dose change; a past "then started" is no plan
    ("The CA 15-3 came down to 30 units on letrozole 2.5 mg daily.", "letrozole", ("dose", 30)),
    ("She then started letrozole in 2021.", "letrozole", ("status", "planned")),
    ("Letrozole 2.5 mg daily; her counts have held up well.", "letrozole", ("status", "held")),
    # gen21-b: an option "to be finalised" is no plan yet
    ("2. Endocrine therapy: tamoxifen 20 mg daily vs OFS (leuprolide 11.25 mg 3-monthly) +\n    exemestane - to be "
     "finalised after RS; she wishes to preserve fertility.", "exemestane", None),
    # gen21-b: a dose by weight in a sentence after a drug dosed in mcg is another drug's change
    ("Since last visit:\nStarted sacituzumab govitecan 10 mg/kg IV days 1 and 8 q21 days on 2026-11-05 (pembrolizumab\n"
     "rechallenge was considered but relapse within 12 months of completing it). C1D8 delayed by\none week for ANC 0.8; "
     "filgrastim added. C2D1 given 2026-11-26 at 7.5 mg/kg (first dose\nreduction, for the neutropenia) with primary "
     "G-CSF support.\n\nPlan:\n2. Filgrastim 300 mcg SC daily days 3-7 after each dose.\n", "filgrastim", ("dose", 7.5)),

    # gen23-b: an offer refused in the next clause, an option discussed, a talk planned; an allergy table under a
    # dated or joined heading; a genomic report's therapies
    ("Comments:\n  Zoledronic acid offered 01/2026 for bone metastases; patient declined (dental work\n  pending).\n",
     "zoledronic acid", None),
    ("3. Everolimus + exemestane discussed as a later option.", "everolimus", None),
    ("She also declined\nzoledronic acid; we will re-discuss denosumab at the next visit.", "denosumab", None),
    ("Allergies (Reviewed 11/24/2026)\n  Allergen                  Reaction             Severity     Type\n"
     "  tamoxifen                 DVT (2015)           Severe       Intolerance\n", "tamoxifen", None),
    ("ALLERGIES / ADVERSE REACTIONS\nAmoxicillin - rash.  Tramadol - confusion.\n", "tramadol", None),
    ("SUMMARY OF DETECTED ALTERATIONS AND ASSOCIATED THERAPIES\n  Alteration            % cfDNA    Therapies\n"
     "  PIK3CA H1047R         5.8%       capivasertib + fulvestrant\n", "capivasertib", None),
    # gen23-b: tablets without a stated strength give no dose; "I ordered" is no status column
    ("The ribociclib was reduced to 2 tablets daily.", "ribociclib", ("dose", 2)),
    ("I ordered letrozole 2.5 mg daily today, to start next week.", "letrozole", ("status", "active")),
    # gen23-b: a stopped row at another dose that does not say the dose changed is no change
    ("Current Outpatient Medications\npalbociclib (IBRANCE) 100 MG   Take 1 capsule daily        10/02/2026 Active\n"
     "\nDiscontinued Medications\npalbociclib (IBRANCE) 125 MG   Take 1 capsule daily        03/15/2026 Discontinued\n"
     "  Reason: Insurance formulary change\n", "palbociclib", ("dose", 125)),
    # gen23-b: a past course ended by a stop word stays stopped; a dose taken now keeps its mention's status
    ("Pembrolizumab (KEYNOTE-522). Pembrolizumab stopped 2025-06 for colitis.", "pembrolizumab", ("status", "historical")),
    ("Olaparib is not appropriate while she is responding; we will keep it in mind for later lines.", "olaparib", None),
    ("PARP inhibitor (olaparib) eligibility does not apply.", "olaparib", None),
    # gen23-b: a pack count is no tablet count; a line indented under another drug's row is not this drug's
    ("Dispensed today: Kisqali 200 mg tablets x 42.", "ribociclib", ("dose", 400)),
    ("  letrozole 2.5 mg tablet\n     Take 1 tablet daily.\n  ribociclib (KISQALI) 200 mg tablet\n     Take 3 tablets "
     "daily.\n", "letrozole", ("dose", 600)),
    ("Denosumab 120 mg SC monthly.", "denosumab", ("frequency", "every 4 weeks")),
    ("Tab. Letrozole 2.5 mg 1-0-0 continue.", "letrozole", ("dose", 0)),
    # gen23-b: a dose level to resume at once the counts recover is a plan, no change made
    ("Kisqali (ribociclib) 200 mg tablet - 3 tablets daily.\nPer Dr. Feld: hold Kisqali starting tonight for 7 days; "
     "when ANC\nrecovers to >= 1.0, resume at dose level -1 (400 mg = 2 tablets daily).", "ribociclib", ("dose", 400)),
]


@pytest.mark.parametrize("text, drug, leaves, spans", ROWS, ids=[f"{r[1]}-{i}" for i, r in enumerate(ROWS)])
def test_medication_phrasings(text, drug, leaves, spans):
    check_item(item(run(extract_medications, text), "name", drug), drug, leaves, spans)


@pytest.mark.parametrize("text, drug, leaf", ABSENT, ids=[f"{r[1]}-{i}" for i, r in enumerate(ABSENT)])
def test_not_medications(text, drug, leaf):
    found = item(run(extract_medications, text), "name", drug)
    if leaf is None:
        assert found is None, found.value
    else:
        name, value = leaf
        assert found is not None
        assert found.value.get(name) != value
        assert all(c.get("to_dose") != value for c in found.value["changes"])


@pytest.mark.parametrize("text, brands", [
    ("Trastuzumab (Herceptin) 6 mg/kg IV q3w, switched to Ogivri (trastuzumab-dkst) in 11/2025.",
     ["Herceptin", "Ogivri"]),
    ("Herceptin 600 mg SC q3w. Changed to Kanjinti due to insurance.", ["Herceptin", "Kanjinti"]),
    ("Herceptin 6 mg/kg q3w; later Trazimera; Herceptin again.", ["Herceptin", "Trazimera"]),
])
def test_a_brand_switch_keeps_one_item_with_its_brand_history(text, brands):
    (finding,) = [f for f in run(extract_medications, text) if f.value["name"] == "trastuzumab"]
    assert finding.value["brands"] == brands
    assert finding.value["brand"] == brands[-1] or text.endswith("again.")
    assert [e.text for e in finding.leaf_evidence["brands"]] == brands


def test_a_brand_switch_across_documents_keeps_the_history():
    from extract.findings import DocumentFacts
    from extract.merge import merge_facts
    from extract.models import DocumentSummary

    def facts(doc: str, text: str, date: dt.date) -> DocumentFacts:
        summary = DocumentSummary(id=doc, filename=f"{doc}.txt", sha256="0" * 64, pages=1, kind="clinic_note",
                                  date=date, text_source="text-layer")
        return DocumentFacts(summary=summary, findings=run(extract_medications, text))

    report = merge_facts([facts("d1", "Herceptin 6 mg/kg IV every 3 weeks.", D(2025, 1, 5)),
                          facts("d2", "Ogivri 6 mg/kg IV every 3 weeks.", D(2025, 12, 1))])
    (med,) = report.profile.medications
    assert med.brand == "Ogivri"
    assert med.model_extra["brands"] == ["Herceptin", "Ogivri"]
    assert [e.text for e in report.evidence["medications[0].brands"]] == ["Herceptin", "Ogivri"]


def test_one_item_per_drug_on_a_page():
    text = ("MEDICATIONS:\nRibociclib 600 mg daily\nASSESSMENT AND PLAN:\nContinue ribociclib. Ribociclib was "
            "held for neutropenia and resumed at 400 mg.")
    findings = [f for f in run(extract_medications, text) if f.value["name"] == "ribociclib"]
    assert len(findings) == 1
    assert [e.text for e in findings[0].leaf_evidence["name"]] == ["Ribociclib", "ribociclib", "Ribociclib"]


@pytest.mark.parametrize("written, rule", [("Ribocyclib", "vocab.drugs.misspelling"), ("Ribociclibb", "vocab.drugs.fuzzy")])
def test_misspelling_is_recorded_as_a_correction(written, rule):
    (finding,) = run(extract_medications, f"{written} 400 mg daily")
    (evidence,) = finding.leaf_evidence["name"]
    assert evidence.rule == rule
    assert evidence.correction == f"{written}->ribociclib"
    (exact,) = run(extract_medications, "Kisqali 400 mg daily")
    assert exact.leaf_evidence["name"][0].correction is None


def test_ocr_zero_read_as_letter_o_in_a_dose():
    (finding,) = run(extract_medications, "Ribociclib 4OO mg daily", ocr=True)
    assert finding.value["dose"] == 400
    assert finding.leaf_evidence["dose"][0].correction == "4OO->400"
    (text_layer,) = run(extract_medications, "Ribociclib 4OO mg daily")
    assert "dose" not in text_layer.value  # tolerant readings are for OCR pages only


@pytest.mark.parametrize("text,leaves,spans", [
    # gen12: OCR reads the q of an hourly interval as g, and mcg as "meg" (OCR pages only)
    # (a PRN after the interval makes it "as needed", gen14-b: the interval is read alone here)
    ("- Ondansetron 8 mg PO g8h for nausea", {"frequency": "three times daily"}, {"frequency": "g8h"}),
    ("Dexamethasone 4 mg PO g12h", {"frequency": "twice daily"}, {"frequency": "g12h"}),
    ("Started on Inj. Filgrastim 300 meg SC OD.", {"dose": 300, "unit": "mcg"}, {"unit": "meg"}),
    # gen22-b: a worn scan's q of a weekly interval read as a, right before its digits
    (" 3  Denosumab 120 mg/1.7 mL 120 mg sc a4 weeks 2026-11-02 CONTINUE", {"frequency": "every 4 weeks"},
     {"frequency": "a4 weeks"}),
])
def test_ocr_forms_of_frequency_and_unit(text, leaves, spans):
    (finding,) = run(extract_medications, text, ocr=True)
    check_item(finding, text, leaves, spans)
    (text_layer,) = run(extract_medications, text)
    assert all(text_layer.value.get(leaf) != value for leaf, value in leaves.items())


def test_broken_medication_grammar_fails_loudly(tmp_path):
    from extract.rules import RULES_DIR

    bad = (RULES_DIR / "medications.yaml").read_text().replace("id: med.dose.amount", "id: Med Dose")
    (tmp_path / "medications.yaml").write_text(bad)
    with pytest.raises(ConfigurationError, match="medications.yaml is invalid"):
        load_model(tmp_path / "medications.yaml", GrammarFile)
    (tmp_path / "broken.yaml").write_text("rules: [ {id: med.x, pattern: '(unclosed'} ]\nversion: '1'\n")
    with pytest.raises(ConfigurationError, match="does not compile"):
        load_model(tmp_path / "broken.yaml", GrammarFile)


def test_drug_vocabulary_finds_mentions_without_overlaps():
    from extract.vocab import drugs

    text = "fam-trastuzumab deruxtecan-nxki (T-DXd), then trastuzumab; SG; AI; Patient"
    found = [(text[m.start:m.end], m.drug.name) for m in drugs().find(text)]
    assert found == [("fam-trastuzumab deruxtecan-nxki", "fam-trastuzumab deruxtecan"),
                     ("T-DXd", "fam-trastuzumab deruxtecan"), ("trastuzumab", "trastuzumab"),
                     ("SG", "sacituzumab govitecan")]
    assert json.dumps([m.term for m in drugs().find("sg ribbon letter")]) == "[]"


def test_a_regimen_naming_an_unknown_drug_or_sharing_a_token_fails_at_load():
    import json

    from pydantic import ValidationError

    from extract.vocab import VOCAB_DIR, DrugVocabulary

    raw = json.loads((VOCAB_DIR / "drugs.json").read_text(encoding="utf-8"))
    DrugVocabulary.model_validate(raw)  # as shipped
    unknown = json.loads(json.dumps(raw))
    unknown["regimens"]["items"][0]["drugs"].append("adriamycin-x")
    with pytest.raises(ValidationError, match="unknown drugs"):
        DrugVocabulary.model_validate(unknown)
    shared = json.loads(json.dumps(raw))
    shared["regimens"]["items"][1]["tokens"].append("ddAC")
    with pytest.raises(ValidationError, match="ddAC"):
        DrugVocabulary.model_validate(shared)


def test_a_hold_sentence_naming_another_drug_gives_no_reason_to_the_next_change():
    text = "Ribociclib 600 mg daily. Paclitaxel was held for grade 3 diarrhea. Ribociclib was reduced to 400 mg."
    ribociclib = item(run(extract_medications, text), "name", "ribociclib")
    assert [c["to_dose"] for c in ribociclib.value["changes"]] == [400]
    assert "reason" not in ribociclib.value["changes"][0]
    text = "Ribociclib 600 mg daily. Cycle 2 was held for grade 3 diarrhea. Ribociclib was reduced to 400 mg."
    assert item(run(extract_medications, text), "name", "ribociclib").value["changes"][0]["reason"] == "diarrhea"


def test_a_later_sentence_about_the_dose_changes_a_stepped_drug_only_to_one_of_its_steps():
    """"Cycle 6: dose reduced to 100 mg." after letrozole 2.5 mg is some other drug's dose (letrozole's
    only step is 2.5 mg); "the dose was reduced to 400 mg" after ribociclib 600 mg is ribociclib's."""
    text = "Current medications:\nLetrozole 2.5 mg daily.\n\nCycle 6: dose reduced to 100 mg.\n"
    letrozole = item(run(extract_medications, text), "name", "letrozole")
    assert letrozole.value["dose"] == 2.5 and not letrozole.value.get("changes")
    text = "Ribociclib 600 mg daily days 1-21. On 3/14/2026 the dose was reduced to 400 mg for neutropenia."
    ribociclib = item(run(extract_medications, text), "name", "ribociclib")
    assert [c["to_dose"] for c in ribociclib.value["changes"]] == [400] and ribociclib.value["dose"] == 400


@pytest.mark.parametrize("text, drug, leaves, spans", [
    # gen20-b: OCR's l for 1 at a number's start ("l0 mg", "l00 mg BD"), on OCR pages only
    ("Everolimus l0 mg daily was paused on 3/11 for grade 2 stomatitis and resumed at 5 mg daily on 17/11.",
     "everolimus", {"dose": 5, "changes": [{"from_dose": 10, "to_dose": 5, "reason": "mucositis"}]},
     {"changes[0].from_dose": "l0", "changes[0].reason": "stomatitis"}),
    ("Tab. Abemaciclib l50 mg BD started 05/2026. Reduced to l00 mg BD in 07/2026 due to Gr 2 diarrhoea.",
     "abemaciclib", {"dose": 100, "changes": [{"from_dose": 150, "to_dose": 100, "reason": "diarrhea"}]},
     {"dose": "l00"}),
])
def test_ocr_letter_l_read_as_one_in_a_dose(text, drug, leaves, spans):
    check_item(item(run(extract_medications, text, ocr=True), "name", drug), drug, leaves, spans)
    # (never on a text layer)
    assert item(run(extract_medications, text), "name", drug).value.get("changes") != leaves["changes"]


def test_a_reason_in_the_next_sentence_only_when_that_sentence_names_no_drug_and_explains_a_change():
    base = "Previous fill: ribociclib 600 mg/day.\nNew Rx: ribociclib 400 mg/day. "
    for after in ("Ondansetron was reduced for QTc prolongation.", "Her QTc prolongation resolved.",
                  "Her husband's statin was stopped for QTc prolongation last year."):
        ribociclib = item(run(extract_medications, base + after), "name", "ribociclib")
        assert [c["to_dose"] for c in ribociclib.value["changes"]][:1] == [400]
        assert "reason" not in ribociclib.value["changes"][0], after


def test_a_graded_toxicity_explains_a_change_only_in_a_statement_naming_the_drug_and_no_other_cancer_drug():
    """gen23-b: "grade 3 diarrhoea on paclitaxel; abemaciclib was restarted at dose level -1" is paclitaxel's toxicity."""
    for text in ("She had grade 3 diarrhoea on paclitaxel; abemaciclib was restarted at dose level -1 (100 mg twice "
                 "daily).", "She had grade 3 diarrhoea last month. Abemaciclib was restarted at dose level -1 (100 mg "
                 "twice daily)."):
        abemaciclib = item(run(extract_medications, text), "name", "abemaciclib")
        assert [c["to_dose"] for c in abemaciclib.value["changes"]] == [100], text
        assert "reason" not in abemaciclib.value["changes"][0], text


def test_a_bracketed_reason_after_a_result_or_opening_a_line_explains_only_a_change_it_stands_by():
    """gen21-b: "(anaemia, chronic)" after a later sentence's result, and a low ANC without words that make it
    the reason, give no reason to the change before them."""
    for text in ("Ribociclib was reduced to 400 mg in May. Hb 9.1 g/dL (anaemia, chronic).",
                 "Ribociclib 600 mg daily. Reduced to 400 mg in May. Labs today: ANC 0.7."):
        ribociclib = item(run(extract_medications, text), "name", "ribociclib")
        assert [c["to_dose"] for c in ribociclib.value["changes"]] == [400], text
        assert "reason" not in ribociclib.value["changes"][0], text


@pytest.mark.parametrize("text, drug", [
    # gen22-b: no hold in the drug's sentence, or the sentence before names another drug: no reason
    ("Her neutrophil count fell to 0.6 on day 15 of cycle 3 (grade 4 neutropenia). Ribociclib was restarted at "
     "400 mg, 600 mg -> 400 mg, with cycle 4.", "ribociclib"),
    ("She had grade 3 diarrhoea on abemaciclib. Ribociclib was withheld and restarted at 400 mg (600 mg -> 400 mg).",
     "ribociclib"),
])
def test_a_hold_links_the_sentence_before_only_when_it_names_no_drug(text, drug):
    found = item(run(extract_medications, text), "name", drug)
    assert [c.get("reason") for c in found.value["changes"]] == [None]


@pytest.mark.parametrize("text, drug, status", [
    # gen22-b: an end in the future says nothing of the course before; a counted course in a plan is
    # planned, one given today runs, and a count of days is a duration, not a past course
    ("Tamoxifen then anastrozole until 2031.", "tamoxifen", None),
    ("Plan: TCHP x6 then surgery.", "docetaxel", "planned"),
    ("Regimen: TCHP x6, cycle 3 given today.", "docetaxel", "active"),
    ("She received ondansetron 8 mg x 5 days after cycle 1.", "ondansetron", None),
])
def test_a_past_course_needs_a_past_end_or_a_counted_course_told_in_the_past(text, drug, status):
    assert item(run(extract_medications, text), "name", drug).value.get("status") == status


def test_ocr_twelve_of_a_twelve_weekly_interval_and_a_route_read_as_a_drug_short_form():
    # gen22-b: OCR's "ql2 weeks" (l for 1) and "3.75 mg SG" (SC read as sacituzumab govitecan's "SG")
    text = "3) Inj. Zoledronic acid 4 mg IV ql2 weeks - last dose 20-10-2026.\n4) Inj. Leuprolide 3.75 mg SG - due 28-11-2026"
    found = run(extract_medications, text, ocr=True)
    check_item(item(found, "name", "zoledronic acid"), "zoledronic acid", {"frequency": "every 3 months"},
               {"frequency": "ql2 weeks"})
    assert item(found, "name", "sacituzumab govitecan") is None
    assert item(run(extract_medications, text), "name", "zoledronic acid").value.get("frequency") is None
    # a short form after another word still names the drug on an OCR page
    assert item(run(extract_medications, "Started SG 10 mg/kg D1,8 q21d.", ocr=True), "name", "sacituzumab govitecan")
