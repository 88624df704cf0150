"""OCR engine set-up without Tesseract: a missing engine says how to install it."""

from __future__ import annotations

import pytest

from ingest.errors import OcrUnavailable
from ingest.ocr.pytesseract_engine import PytesseractEngine
from ingest.ocr.tesserocr_engine import TesserocrEngine, find_tessdata
from ingest.ocr.tsv import parse_tsv


def test_missing_language_data_gives_the_install_hint(tmp_path) -> None:
    with pytest.raises(OcrUnavailable) as caught:
        TesserocrEngine(tessdata=str(tmp_path) + "/")
    assert "apt-get install -y tesseract-ocr" in caught.value.message


def test_tessdata_prefix_is_honoured(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "eng.traineddata").write_bytes(b"")
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))
    assert find_tessdata() == str(tmp_path) + "/"


def test_missing_tesseract_binary_gives_the_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    with pytest.raises(OcrUnavailable) as caught:
        PytesseractEngine()
    assert "apt-get install -y tesseract-ocr" in caught.value.message


def test_tsv_rows_become_lines_and_paragraphs() -> None:
    rows = [
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
        "5\t1\t1\t1\t1\t1\t10\t10\t50\t20\t96.5\tER:",
        "5\t1\t1\t1\t1\t2\t70\t10\t80\t20\t91\tpositive",
        "4\t1\t1\t1\t2\t0\t10\t40\t200\t20\t-1\t",
        "5\t1\t1\t1\t2\t1\t10\t40\t50\t20\t88\tPR:",
        "5\t1\t1\t1\t2\t2\t70\t40\t50\t20\t-1\t ",
        "5\t1\t2\t1\t1\t1\t10\t200\t50\t20\t90\tKi-67",
    ]
    lines = parse_tsv("\n".join(rows))
    assert [[w.text for w in line.words] for line in lines] == [["ER:", "positive"], ["PR:"], ["Ki-67"]]
    assert [line.paragraph_start for line in lines] == [False, False, True]
    assert lines[0].words[0].confidence == pytest.approx(0.965)
    assert (lines[0].words[1].x0, lines[0].words[1].x1) == (70, 150)
