"""The registry of field extractors.

A field extractor is `Callable[[AnalyzedPage], Iterable[Finding]]` (see `extract/analysis.py`): it
reads one analysed page and yields findings with evidence and assertion. `read_document` runs every
extractor in `FIELD_EXTRACTORS` over every page. To add one, import it below and append it: one
line per module.
"""

from __future__ import annotations

from typing import Callable, Iterable

from extract.analysis import AnalyzedPage
from extract.findings import Finding

FieldExtractor = Callable[[AnalyzedPage], Iterable[Finding]]

FIELD_EXTRACTORS: list[FieldExtractor] = []

# Pathology fields (pathology engineer).
from extract.fields.receptors import extract_receptors  # noqa: E402
from extract.fields.histology import extract_histology  # noqa: E402
from extract.fields.grade import extract_grade  # noqa: E402
from extract.fields.tumor_size import extract_tumor_size  # noqa: E402
from extract.fields.tnm import extract_tnm  # noqa: E402
from extract.fields.lymph_nodes import extract_lymph_nodes  # noqa: E402
from extract.fields.laterality import extract_laterality  # noqa: E402
from extract.fields.extras import extract_extras  # noqa: E402

FIELD_EXTRACTORS += [extract_receptors, extract_histology, extract_grade, extract_tumor_size, extract_tnm,
                     extract_lymph_nodes, extract_laterality, extract_extras]
# Clinical fields (clinical engineer): one import and registration line per module below.
from extract.fields.medications import extract_medications; FIELD_EXTRACTORS.append(extract_medications)  # noqa: E402,E702
from extract.fields.labs import extract_labs; FIELD_EXTRACTORS.append(extract_labs)  # noqa: E402,E702
from extract.fields.genomics import extract_genomics; FIELD_EXTRACTORS.append(extract_genomics)  # noqa: E402,E702
from extract.fields.clinical import extract_clinical; FIELD_EXTRACTORS.append(extract_clinical)  # noqa: E402,E702
from extract.fields.metastases import extract_metastases; FIELD_EXTRACTORS.append(extract_metastases)  # noqa: E402,E702
from extract.fields.diagnosis_date import extract_diagnosis_date; FIELD_EXTRACTORS.append(extract_diagnosis_date)  # noqa: E402,E702
