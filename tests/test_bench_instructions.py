"""The instruction-count benchmark: its parsing of valgrind's summary, its inner reading run and
its message when valgrind is missing (the counted runs themselves take minutes: `bench/`)."""

from __future__ import annotations

import pytest

from bench import extract_instructions


def test_instruction_refs_are_read_from_cachegrinds_summary() -> None:
    out = "==123== \n==123== I   refs:      29,639,153,195\n==123== \n"
    assert extract_instructions.instruction_refs(out) == 29_639_153_195
    with pytest.raises(ValueError):
        extract_instructions.instruction_refs("==123== ERROR SUMMARY: 0 errors")


def test_the_inner_run_reads_reports(monkeypatch) -> None:
    read = []
    import extract.document

    real = extract.document.read_document
    monkeypatch.setattr(extract.document, "read_document", lambda doc, doc_id: read.append((doc.sha256, real(doc, doc_id))))
    # The run that counts reads the measured reports twice; the base run reads them once.
    assert extract_instructions.main(["--inner", "2", "2"]) == 0
    shas = [sha for sha, _ in read]
    assert len(shas) == extract_instructions.WARM_UP + 4 and shas[-2:] == shas[-4:-2]
    read.clear()
    assert extract_instructions.main(["--inner", "0", "2"]) == 0
    assert len(read) == extract_instructions.WARM_UP + 2


def test_without_valgrind_it_says_what_to_install(monkeypatch, capsys) -> None:
    monkeypatch.setattr(extract_instructions.shutil, "which", lambda name: None)
    assert extract_instructions.main(["--reports", "2"]) == 2
    assert "apt-get install valgrind" in capsys.readouterr().err
