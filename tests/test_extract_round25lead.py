"""Round 25 (lead): a ligand-binding assay's value before the status it states, and a status in brackets
right after its label."""

import pytest

from tests.test_extract_pathology import first_fact

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
]

LEAD25_DISTRACTOR_ROWS = [
    # an assay value with no status stated: no status is derived from a cut-off the report does not give
    ('ER: 145 fmol/mg. PR: 4 fmol/mg.', 'receptors.er.status', 'ocr'),
    # a bracket that is about a control or a plan, not the result
    ('ER: (positive control shows expected staining)', 'receptors.er.status', 'text-layer'),
    ('PR: (if positive, consider endocrine therapy)', 'receptors.pr.status', 'text-layer'),
]


@pytest.mark.parametrize("text,path,value,evidence,source", LEAD25_ROWS)
def test_lead25_phrasings_are_read_with_their_evidence(text, path, value, evidence, source):
    f = first_fact(text, path, source=source)
    assert f is not None and (f.value, f.evidence[0].text) == (value, evidence)


@pytest.mark.parametrize("text,path,source", LEAD25_DISTRACTOR_ROWS)
def test_lead25_distractors_yield_nothing(text, path, source):
    assert first_fact(text, path, source=source) is None
