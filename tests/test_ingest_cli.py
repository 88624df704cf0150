"""`oncoguide ingest`: text and JSON output, exit codes from the taxonomy, 3 for partial success."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from api.cli import main
from ingest.synth import image_pdf, mixed_pdf, text_pdf
from PIL import Image


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, Path]:
    out = {
        "report.pdf": text_pdf([["FINAL DIAGNOSIS: invasive lobular carcinoma", "ER positive (90%)"]]),
        "note.txt": b"Ki-67: 20%\nHER2 1+ (negative)",
        "archive.zip": b"PK\x03\x04" + bytes(60),
        "mixed.pdf": mixed_pdf(["HER2 negative, score 1+, in the invasive tumor"], Image.new("L", (850, 1100), 255),
                               dpi=100),
    }
    paths = {}
    for name, data in out.items():
        paths[name] = tmp_path / name
        paths[name].write_bytes(data)
    return paths


def test_prints_pages_with_their_source(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", str(files["report.pdf"]), str(files["note.txt"])]) == 0
    out = capsys.readouterr().out
    assert "-- page 1: text-layer" in out
    assert "FINAL DIAGNOSIS: invasive lobular carcinoma\nER positive (90%)" in out
    assert "HER2 1+ (negative)" in out


def test_json_output_is_the_document(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", "--json", str(files["note.txt"])]) == 0
    [entry] = json.loads(capsys.readouterr().out)
    page = entry["document"]["pages"][0]
    assert page["source"] == "text-layer" and page["text"].startswith("Ki-67: 20%")
    assert page["words"][0] == {"text": "Ki-67:", "start": 0, "end": 6, "x0": 0.0, "y0": 0.0, "x1": 6.0,
                                "y1": 1.0, "confidence": None}


def test_exit_code_is_the_first_errors(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["ingest", "--json", "--no-words", str(files["report.pdf"]), str(files["archive.zip"])])
    assert code == 11  # unsupported_type
    captured = capsys.readouterr()
    entries = json.loads(captured.out)
    assert entries[1]["error"]["code"] == "unsupported_type"
    assert "words" not in entries[0]["document"]["pages"][0]
    assert "error [unsupported_type]" in captured.err


def test_partial_success_exits_3(files: dict[str, Path], monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    from ingest.errors import OcrUnavailable

    def unavailable():
        raise OcrUnavailable()

    monkeypatch.setattr("ingest.pipeline.default_engine", unavailable)
    assert main(["ingest", str(files["mixed.pdf"])]) == 3
    out = capsys.readouterr().out
    assert "-- page 2: error [ocr_unavailable]" in out


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["ingest", str(tmp_path / "absent.pdf")]) == 2
