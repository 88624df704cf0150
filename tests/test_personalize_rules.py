"""Rules as data: selectors, three-valued conditions, templates, and broken rule files."""

import json
import shutil
from pathlib import Path

import pytest
import yaml

from ingest.errors import ConfigurationError
from personalize.conditions import Condition, evaluate
from personalize.display import Display
from personalize.profile_view import ProfileView
from personalize.rules import RULES_DIR, Template, load_rules, rules

PROFILES = Path(__file__).parent / "fixtures" / "profiles"


def profile(name: str) -> dict:
    return json.loads((PROFILES / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def ribo() -> ProfileView:
    return ProfileView(profile("er_pos_her2_low_oligomet_ribociclib"))


@pytest.fixture(scope="module")
def empty() -> ProfileView:
    return ProfileView(profile("empty"))


# -- selectors ------------------------------------------------------------------------------------

def test_selectors_find_values_and_their_evidence(ribo):
    her2 = ribo.resolve("receptors.her2.ihc_score")
    assert her2.value == "1+" and her2.evidence[0]["text"] == "HER2 (IHC): 1+"
    anc = ribo.resolve("labs[name=ANC].value")
    assert anc.path == "labs[1].value" and anc.value == 0.8
    change = ribo.resolve("meds[name=ribociclib].changes[-1].to_dose")
    assert change.path == "medications[0].changes[0].to_dose" and change.value == 400
    assert ribo.resolve("meds[drug_class=aromatase_inhibitor].name").value == "letrozole"


def test_unstated_values_resolve_to_none(ribo, empty):
    assert ribo.resolve("ecog") is None
    assert ribo.resolve("meds[name=tamoxifen]") is None
    assert empty.resolve("receptors.her2.category") is None


def test_stopped_medicines_are_not_current():
    view = ProfileView(profile("hr_pos_metastatic_pik3ca_alpelisib"))
    assert view.resolve("meds[name=palbociclib]") is None
    assert view.resolve("medications[0].name").value == "palbociclib"


def test_vocabulary_flags_pick_interacting_medicines():
    view = ProfileView(profile("locally_advanced_tamoxifen_paroxetine"))
    assert view.resolve("meds[flag=cyp2d6_inhibitor].name").value == "paroxetine"


@pytest.mark.parametrize("written, name", [("Wellbutrin XL 150 mg daily", "bupropion"), ("duloxetine 60 mg once daily", "duloxetine")])
def test_other_cyp2d6_blockers_are_flagged_too(written, name):
    """Bupropion (strong) and duloxetine (moderate) block CYP2D6 as paroxetine does."""
    data = profile("locally_advanced_tamoxifen_paroxetine")
    meds = data["profile"]["medications"]
    paroxetine = next(m for m in meds if m["name"] == "paroxetine")
    from extract.vocab import drugs

    found = drugs().find(written)
    assert [d.drug.name for d in found] == [name]
    paroxetine["name"] = found[0].drug.name
    assert ProfileView(data).resolve("meds[flag=cyp2d6_inhibitor].name").value == name


def test_counts_in_another_unit_than_the_contracts_are_not_compared():
    data = profile("er_pos_her2_low_oligomet_ribociclib")
    data["profile"]["labs"][1]["unit"] = "cells/mm3"
    assert ProfileView(data).resolve("labs[name=ANC].value") is None


# -- three-valued conditions ----------------------------------------------------------------------

def cond(spec) -> Condition:
    return Condition.model_validate(spec)


@pytest.mark.parametrize(
    "spec, on_ribo, on_empty",
    [
        ({"path": "labs[name=ANC].value", "lt": 1.0}, True, None),
        ({"path": "labs[name=ANC].value", "ge": 1.0}, False, None),
        ({"path": "receptors.her2.category", "eq": "low"}, True, None),
        ({"path": "receptors.her2.category", "in": ["zero", "ultralow"]}, False, None),
        ({"path": "meds[name=ribociclib]", "exists": True}, True, None),     # no medicine list: unknown
        ({"path": "meds[name=tamoxifen]", "exists": True}, False, None),
        ({"path": "ecog", "exists": True}, False, False),                     # a plain field is stated or not
        ({"path": "stage.metastatic_sites", "contains": "bone"}, True, None),
        ({"path": "stage.metastatic_sites", "only": ["bone"]}, True, None),
        ({"all": [{"path": "ecog", "le": 1}, {"path": "receptors.her2.category", "eq": "zero"}]}, False, None),
        ({"all": [{"path": "ecog", "le": 1}, {"path": "receptors.her2.category", "eq": "low"}]}, None, None),
        ({"any": [{"path": "ecog", "le": 1}, {"path": "receptors.her2.category", "eq": "low"}]}, True, None),
        ({"any": [{"path": "ecog", "le": 1}, {"path": "receptors.her2.category", "eq": "zero"}]}, None, None),
        ({"not": {"path": "ecog", "le": 1}}, None, None),
        ({"not": {"path": "receptors.her2.category", "eq": "low"}}, False, None),
    ],
)
def test_three_valued_logic(spec, on_ribo, on_empty, ribo, empty):
    assert evaluate(cond(spec), ribo).value is on_ribo
    assert evaluate(cond(spec), empty).value is on_empty


def test_unknown_outcomes_name_the_missing_selectors(ribo):
    outcome = evaluate(cond({"path": "ecog", "le": 1}), ribo)
    assert outcome.value is None and outcome.unknown == ["ecog"]


def test_true_outcomes_carry_the_values_used(ribo):
    outcome = evaluate(cond({"path": "anc.value", "lt": 1.0}), ribo, {"anc": "labs[name=ANC]"})
    assert [r.path for r in outcome.used] == ["labs[1].value"]


@pytest.mark.parametrize(
    "spec",
    [
        {"path": "ecog"},                                   # no operator
        {"path": "ecog", "lt": 1, "gt": 0},                 # two operators
        {"all": []},
        {"path": "meds[name]", "exists": True},             # filter without a value
        {"path": "ecog", "lt": 1, "all": [{"path": "ecog", "lt": 1}]},
        {"path": "ecog", "approximately": 1},
    ],
)
def test_malformed_conditions_are_rejected(spec):
    with pytest.raises(ValueError):
        cond(spec)


# -- templates ------------------------------------------------------------------------------------

def test_templates_fill_only_profile_values_and_drop_what_is_missing(ribo):
    display = rules().texts.display()
    text, used = Template("ANC {anc.value}[ {anc.unit|unit}][ on {anc.date}][ grade {anc.missing}].").render(
        ribo, {"anc": "labs[name=ANC]"}, display)
    assert text == "ANC 0.8 × 10⁹/L on 2026-11-20."
    assert [u.path for u in used] == ["labs[1].value", "labs[1].unit", "labs[1].date"]
    assert Template("ECOG {ecog}.").render(ribo, {}, display) == (None, [])


@pytest.mark.parametrize("source", ["{unclosed", "a ] b", "[a [b]]", "{ecog|shout}", "{meds[name]}", "x } y"])
def test_broken_templates_are_rejected(source):
    with pytest.raises(ValueError):
        Template(source)


def test_display_drops_trailing_zeros_and_uses_labels():
    display = Display({"menopausal_status": {"postmenopausal": "after menopause"}}, {"10^9/L": "× 10⁹/L"})
    assert display.format("x", 400.0) == "400" and display.format("x", 2.5) == "2.5"
    assert display.format("menopausal_status", "postmenopausal") == "after menopause"
    assert display.format("x", "ribociclib", "drug") == "ribociclib (Kisqali)"


# -- rule files fail loudly -----------------------------------------------------------------------

def test_packaged_rules_load():
    loaded = load_rules()
    assert len(loaded.overlays.rules) >= 30 and len(loaded.questions.rules) >= 15
    ids = {r.id for r in loaded.overlays.rules}
    for needed in ("overlay.ribociclib.anc_grade3", "overlay.palbociclib.anc", "overlay.abemaciclib.diarrhea",
                   "overlay.aromatase_inhibitor.bone_joints", "overlay.tamoxifen.clots", "overlay.fulvestrant.injections",
                   "overlay.oral_serd.how_taken", "overlay.her2_antibody.heart", "overlay.tdm1.checks", "overlay.tdxd.lung",
                   "overlay.pi3k_akt.glucose", "overlay.parp.blood_counts", "overlay.immunotherapy.immune_effects",
                   "overlay.ribociclib.qtcf", "overlay.neutropenia.fever_risk", "overlay.subtype.her2_low",
                   "overlay.subtype.er_low", "overlay.subtype.triple_negative", "overlay.subtype.her2_positive",
                   "overlay.setting.oligometastatic", "overlay.setting.early", "overlay.integrative.st_johns_wort",
                   "overlay.integrative.grapefruit", "overlay.integrative.estrogenic_supplements"):
        assert needed in ids, needed


def _copy_rules(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(RULES_DIR, target)
    return target


def _edit(path: Path, change) -> None:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    change(data)
    path.write_text(yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True),
                    encoding="utf-8")


@pytest.mark.parametrize(
    "file, change, message",
    [
        ("overlays.yaml", lambda d: d["rules"][0].update(severity="urgent"), "severity"),
        ("overlays.yaml", lambda d: d["rules"][0].update(topics=["weather"]), "unknown topics"),
        ("overlays.yaml", lambda d: d["rules"].append(dict(d["rules"][0])), "used twice"),
        ("overlays.yaml", lambda d: d["rules"][0].update(when={"path": "ecog"}), "operator"),
        ("overlays.yaml", lambda d: d["rules"][0].update(text=["ANC {anc.value"]), "without"),
        ("overlays.yaml", lambda d: d["rules"][0].update(facts=["Your ANC is {anc.value}"]), "take no placeholders"),
        ("overlays.yaml", lambda d: d["rules"][0].pop("revised"), "revision date"),
        ("overlays.yaml", lambda d: d["rules"][0].update(revised="last spring"), "YYYY"),
        ("overlays.yaml", lambda d: d["rules"][0].update(id="ribociclib"), "id"),
        ("overlays.yaml", lambda d: d["rules"][0].update(mentions=["unobtainium"]), "drug vocabulary"),
        ("overlays.yaml", lambda d: d["rules"][0].update(bind={"anc": "labs[name]"}), "binding anc"),
        ("questions.yaml", lambda d: d["rules"][0].update(text="My HER2 is {cat"), "without"),
        ("texts.yaml", lambda d: d.pop("disclaimer"), "disclaimer"),
        ("texts.yaml", lambda d: d["dimensions"].pop("her2"), "dimensions need a text"),
    ],
)
def test_broken_rule_files_raise_configuration_error(tmp_path, file, change, message):
    directory = _copy_rules(tmp_path)
    _edit(directory / file, change)
    with pytest.raises(ConfigurationError, match=message):
        load_rules(directory)


def test_unreadable_or_missing_rule_files_fail_loudly(tmp_path):
    directory = _copy_rules(tmp_path)
    (directory / "overlays.yaml").write_text("rules: [unclosed", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="not valid YAML"):
        load_rules(directory)
    (directory / "overlays.yaml").unlink()
    with pytest.raises(ConfigurationError, match="missing"):
        load_rules(directory)
