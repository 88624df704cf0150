"""Domain words handed to Tesseract's dictionary (ingest/rules/ocr_words.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.errors import ConfigurationError
from ingest.ocr import words as ocr_words
from ingest.ocr.page import OcrJob, ocr_page
from ingest.ocr.pytesseract_engine import PytesseractEngine
from ingest.ocr.tesserocr_engine import TesserocrEngine
from ingest.synth import rasterize, text_pdf

STAGING_LINES = ["ypT1b ypN0 cM0 after neoadjuvant therapy.", "Margins are negative."]


def test_staging_codes_are_expanded_with_every_prefix() -> None:
    expanded = ocr_words.load_ocr_words().expanded()
    for word in ("cM0", "ypN1a", "pT1mi", "rpT2", "N0", "HER2", "Ki-67"):
        assert word in expanded
    assert len(expanded) == len(set(expanded))
    assert not any(c.isspace() for w in expanded for c in w)


@pytest.mark.parametrize("body", [
    'version: "x"\ntnm: {prefixes: [p], categories: [T1]}\nwords: ["two words"]\n',
    'version: "x"\nwords: [HER2]\n',
    'version: "x"\ntnm: {prefixes: [], categories: [T1]}\n',
])
def test_a_broken_word_file_fails_loudly(tmp_path: Path, body: str) -> None:
    path = tmp_path / "ocr_words.yaml"
    path.write_text(body, encoding="utf-8")
    ocr_words.load_ocr_words.cache_clear()
    try:
        with pytest.raises(ConfigurationError, match="ocr_words.yaml"):
            ocr_words.load_ocr_words(path)
    finally:
        ocr_words.load_ocr_words.cache_clear()


def test_the_words_file_holds_the_list_and_a_stale_copy_is_rewritten() -> None:
    ocr_words.user_words_file.cache_clear()
    path = Path(ocr_words.user_words_file())
    expected = "\n".join(ocr_words.load_ocr_words().expanded()) + "\n"
    assert path.read_text(encoding="utf-8") == expected
    path.write_text("stale\n", encoding="utf-8")
    ocr_words.user_words_file.cache_clear()
    assert Path(ocr_words.user_words_file()).read_text(encoding="utf-8") == expected


def test_the_in_process_engine_loads_the_words() -> None:
    engine = TesserocrEngine()
    try:
        with engine._api() as api:
            assert api.GetVariableAsString("user_words_file") == ocr_words.user_words_file()
    finally:
        engine.close()


@pytest.mark.parametrize("make_engine", [TesserocrEngine, PytesseractEngine], ids=["tesserocr", "pytesseract"])
def test_a_staging_code_the_dictionary_lacks_reads_right(make_engine) -> None:
    """Without the words Tesseract reads this clean line's 'cM0' as 'cMO' (checked when the list
    was added); with them it reads the code as printed."""
    image = rasterize(text_pdf([STAGING_LINES]), dpi=300)[0]
    engine = make_engine()
    try:
        page = ocr_page(engine, OcrJob(1, image, 300))
    finally:
        engine.close()
    assert "cM0 after" in page.text
