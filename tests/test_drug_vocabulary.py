"""The drug vocabulary: generic names, brands, abbreviations, biosimilar suffixes, misspellings."""

import json

import pytest

from extract.vocab import DrugVocabulary, drugs, load_json
from ingest.errors import ConfigurationError


@pytest.mark.parametrize(
    "written, generic",
    [
        ("ribociclib", "ribociclib"),
        ("Kisqali", "ribociclib"),
        ("Ribocyclib", "ribociclib"),
        ("kisquali", "ribociclib"),
        ("palbocyclib", "palbociclib"),
        ("Ibrance", "palbociclib"),
        ("anastrazole", "anastrozole"),
        ("letrazole", "letrozole"),
        ("Femara", "letrozole"),
        ("T-DXd", "fam-trastuzumab deruxtecan"),
        ("Enhertu", "fam-trastuzumab deruxtecan"),
        ("T-DM1", "ado-trastuzumab emtansine"),
        ("trastuzumab-dkst", "trastuzumab"),
        ("Ogivri", "trastuzumab"),
        ("tamoxifin", "tamoxifen"),
        ("fulvestrent", "fulvestrant"),
        ("Lynparza", "olaparib"),
        ("ribociclibb", "ribociclib"),  # fuzzy, not listed
    ],
)
def test_lookup_finds_the_generic_name(written, generic):
    hit = drugs().lookup(written)
    assert hit is not None, written
    assert hit[0].name == generic


@pytest.mark.parametrize("word", ["AI", "patient", "negative", "carcinoma", "ribbon",
                                  "margen"])  # gen27q: the Spanish "margin" only begins "Margenza"
def test_lookup_does_not_invent_drugs(word):
    assert drugs().lookup(word) is None


def test_at_least_forty_breast_cancer_drugs():
    assert sum(d.oncology for d in drugs().drugs) >= 40


def test_broken_vocabulary_fails_loudly(tmp_path):
    good = json.loads((__import__("extract.vocab", fromlist=["x"]).VOCAB_DIR / "drugs.json").read_text())
    good["drugs"][0]["class"] = "no_such_class"
    (tmp_path / "drugs.json").write_text(json.dumps(good))
    with pytest.raises(ConfigurationError, match="unknown class"):
        load_json("drugs.json", DrugVocabulary, tmp_path)
    (tmp_path / "drugs.json").write_text("{not json")
    with pytest.raises(ConfigurationError, match="not valid JSON"):
        load_json("drugs.json", DrugVocabulary, tmp_path)


@pytest.mark.parametrize("text,names", [
    # "5" starts "5-FU" and is on most pages: the walk is skipped only when no term can be there
    ("Tumor 5 cm; 5 of 12 nodes; grade 2.", []),
    ("Previously treated with 5-FU and Kisqali 600 mg.", ["fluorouracil", "ribociclib"]),
    ("Ribocyclib was held.", ["ribociclib"]),
    ("No drug words here at all.", []),
])
def test_find_names_every_drug_on_a_page_and_nothing_on_a_page_without_one(text, names):
    assert [m.drug.name for m in drugs().find(text)] == names


@pytest.mark.parametrize("written, generic, drug_class", [
    # gen13-b: antibiotics and common co-medications are known, with a class that is no cancer therapy
    ("Augmentin", "amoxicillin-clavulanate", "antibiotic"),
    ("co-amoxiclav", "amoxicillin-clavulanate", "antibiotic"),
    ("ciprofloxacin", "ciprofloxacin", "antibiotic"),
    ("Bactrim", "trimethoprim-sulfamethoxazole", "antibiotic"),
    ("Zosyn", "piperacillin-tazobactam", "antibiotic"),
    ("famotidine", "famotidine", "supportive"),
    ("Adcal-D3", "calcium and vitamin d", "supportive"),
    # gen21-b: an Indian brand of levothyroxine, a UK sulfonylurea, an antihistamine, an anticonvulsant
    ("Thyronorm", "levothyroxine", "supportive"),
    ("gliclazide", "gliclazide", "supportive"),
    ("cetirizine", "cetirizine", "supportive"),
    ("Keppra", "levetiracetam", "supportive"),
])
def test_co_medications_have_a_class_that_is_not_cancer_therapy(written, generic, drug_class):
    found = drugs().lookup(written)
    assert found is not None and found[0].name == generic
    assert found[0].drug_class == drug_class and not found[0].oncology
