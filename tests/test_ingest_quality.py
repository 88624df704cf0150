"""The text-layer quality rules: a data file validated at load, and a table of real and garbage layers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.errors import ConfigurationError
from ingest.quality import RULES_DIR, default_rules, judge, load_rules

REAL = [
    "FINAL DIAGNOSIS: Left breast, core biopsy: invasive ductal carcinoma, Nottingham grade 2. "
    "Estrogen receptor positive (95%), progesterone receptor negative (<1%). HER2 (IHC) 2+; FISH not amplified.",
    "MEDICATIONS: ribociclib 400 mg daily days 1-21; letrozole 2.5 mg daily. Dose reduced from 600 mg "
    "for grade 3 neutropenia. Absolute neutrophil count 0.8 x10^9/L.",
    "WBC 3.2 K/uL (4.0-11.0) L\nANC 0.9 K/uL (1.5-8.0) L\nHemoglobin 11.2 g/dL (12.0-16.0) L\n"
    "Platelets 182 K/uL (150-400)\nCollected 05/12/2025 08:14",
    "Page 2 of 3. Report continued from the previous page.",
]
GARBAGE = [
    ("text_layer.bad_characters", "(cid:3)(cid:4)(cid:5)(cid:6) (cid:7)(cid:8)(cid:9) (cid:10)(cid:11)(cid:12)"),
    ("text_layer.bad_characters", "\ue001\ue002\ue003 \ue004\ue005 \ue006\ue007\ue008\ue009 \ue00a\ue00b" * 3),
    ("text_layer.letters_and_digits", "~~ ;'l'l-.i __ ..,; ,'. I ; ,-' ~ '' ;; ,,, .:. -~- '|' ,; ~~ ;'"),
    ("text_layer.letters_and_digits", "Ã¨Ã© ÃÂ¤Ã¶ ÂµÂ¿ Ã±Ã§ Ã¨Ã¨Ã© ÃÂ¤Ã¶ ÂµÂ¿ Ã±Ã§ Ã¨Ã© ÃÂ¤Ã¶"),
    ("text_layer.word_shapes", "xQzKpW tRbNmk lIlIl PqWzXc 1l1l1l KjHgFd ZxCvBn QwRtYp"),
    ("text_layer.common_words",  # letters shifted by a font without a character map
     "Ilqdo gldjqrvlv: Ohiw euhdvw, fruh elrsvb: lqydvlyh gxfwdo fduflqrpd, Qrwwlqjkdp judgh 2. "
     "Hvwurjhq uhfhswru srvlwlyh (95%), surjhvwhurqh uhfhswru qhjdwlyh. KHU2 (LKF) 2+; ILVK qrw dpsolilhg."),
    ("text_layer.too_little_text", "  12  "),
]


@pytest.mark.parametrize("text", REAL)
def test_real_text_layers_are_used(text: str) -> None:
    verdict = judge(text)
    assert verdict.usable, verdict


@pytest.mark.parametrize(("rule", "text"), GARBAGE, ids=[g[0] for g in GARBAGE])
def test_garbage_layers_are_rejected_by_the_named_rule(rule: str, text: str) -> None:
    verdict = judge(text)
    assert not verdict.usable
    assert verdict.rule == rule


def test_packaged_rules_load_with_stable_ids() -> None:
    rules = default_rules()
    ids = [rules.too_little_text.id, rules.bad_characters.id, rules.letters_and_digits.id,
           rules.word_shapes.id, rules.common_words.id]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("text_layer.") for i in ids)


def _broken(tmp_path: Path, mutate) -> Path:
    raw = json.loads((RULES_DIR / "text_quality.json").read_text())
    mutate(raw)
    path = tmp_path / "text_quality.json"
    path.write_text(json.dumps(raw))
    return path


@pytest.mark.parametrize(
    "mutate",
    [
        lambda r: r.pop("word_shapes"),
        lambda r: r["bad_characters"].update(max_ratio=3),
        lambda r: r["common_words"].update(words=["Carcinoma"] * 60),
        lambda r: r["common_words"].update(words=["the"]),
        lambda r: r["too_little_text"].update(id="no dots or spaces allowed"),
        lambda r: r.update(unexpected=True),
    ],
    ids=["missing rule", "ratio above 1", "upper-case word", "too few words", "bad id", "unknown key"],
)
def test_broken_rules_file_raises_configuration_error(tmp_path: Path, mutate) -> None:
    with pytest.raises(ConfigurationError) as caught:
        load_rules(_broken(tmp_path, mutate))
    assert "text_quality.json" in caught.value.message


def test_unparseable_and_missing_rules_files(tmp_path: Path) -> None:
    bad = tmp_path / "text_quality.json"
    bad.write_text("{ not json")
    with pytest.raises(ConfigurationError):
        load_rules(bad)
    with pytest.raises(ConfigurationError):
        load_rules(tmp_path / "absent.json")
