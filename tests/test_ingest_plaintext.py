"""Plain-text records: one-line reports (as the TCGA pathology texts are), Windows and old Mac line
ends, Latin-1 and Windows-1252 text, and files cut inside a character; every word's offsets exact."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest import Limits, read
from ingest.errors import UnsupportedType

# A one-line report in the TCGA style (invented text): no line breaks, a few non-ASCII characters.
SENTENCES = [
    "SPECIMEN: A. LEFT BREAST, MASTECTOMY; B. SENTINEL LYMPH NODE #1.",
    "DIAGNOSIS: INVASIVE DUCTAL CARCINOMA, NOTTINGHAM GRADE 2 (TUBULES 3, NUCLEI 2, MITOSES 1).",
    "TUMOR SIZE 2.3 CM; MARGINS FREE, CLOSEST 0.4 CM (DEEP).",
    "ER POSITIVE (95%), PR POSITIVE (40%), HER2 NEGATIVE (1+) BY IHC.",
    "LYMPH NODES: 1 OF 3 POSITIVE (MACROMETASTASIS 6 MM), NO EXTRANODAL EXTENSION.",
    "PATHOLOGIC STAGE: pT2 pN1a. Gross description per Dr. Pérez; ThinPrep® slides; ¿artifact?; fee £0.",
]


def one_line_report(chars: int, seed: int = 0) -> str:
    rnd = random.Random(seed)
    parts: list[str] = []
    while sum(len(p) + 1 for p in parts) < chars:
        parts.append(rnd.choice(SENTENCES))
    return " ".join(parts)


def assert_offsets_exact(doc) -> None:
    for page in doc.pages:
        assert page.words == [] or page.words[0].start >= 0
        assert [w.text for w in page.words] == page.text.split()
        for word in page.words:
            assert page.text[word.start:word.end] == word.text


@pytest.mark.parametrize("encoding", ["utf-8", "latin-1", "cp1252", "utf-16"])
def test_a_one_line_report_is_one_page_with_exact_offsets(encoding: str) -> None:
    text = one_line_report(12_400)
    doc = read(text.encode(encoding), "report.txt")
    assert [p.text for p in doc.pages] == [text]
    assert_offsets_exact(doc)
    pound = doc.pages[0].text.index("£0")
    word = next(w for w in doc.pages[0].words if w.start == pound)
    assert word.text == "£0." and word.y0 == 0  # one line: every word on line 0


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"], ids=["windows", "old mac", "unix"])
def test_line_ends_become_newlines_and_offsets_stay_exact(newline: str) -> None:
    lines = ["FINAL DIAGNOSIS:", "  Invasive lobular carcinoma, classic type.", "", "Ki-67: 15%"]
    doc = read(newline.join(lines).encode("utf-8"), "note.txt")
    page = doc.pages[0]
    assert page.text == "\n".join(lines)
    assert_offsets_exact(doc)
    ki = next(w for w in page.words if w.text == "Ki-67:")
    assert (ki.x0, ki.y0) == (0, 3)  # column 0 of the fourth line, whatever the line ends were


def test_mixed_line_ends_and_form_feeds() -> None:
    doc = read(b"Page one\r\nsecond line\rthird\n\x0cPage two\r\n", "note.txt")
    assert [p.text for p in doc.pages] == ["Page one\nsecond line\nthird\n", "Page two\n"]
    assert_offsets_exact(doc)


def test_latin1_bytes_windows_1252_leaves_undefined_decode() -> None:
    text = "Patiente: Zoë Fictiva. Récepteurs: positifs à 95 %; taille 2,3 cm; µ \x81 ±"
    doc = read(text.encode("latin-1"), "note.txt")
    assert doc.pages[0].text == text
    assert_offsets_exact(doc)


def test_utf8_cut_inside_its_last_character_keeps_the_rest_as_utf8() -> None:
    data = "Zoë Fictiva: HER2 négatif, naïve".encode("utf-8") + "é".encode("utf-8")[:1]
    assert read(data, "note.txt").pages[0].text == "Zoë Fictiva: HER2 négatif, naïve"


def test_a_line_longer_than_a_page_is_cut_between_words_losing_nothing() -> None:
    text = one_line_report(70_000, seed=3)
    doc = read(text.encode("utf-8"), "report.txt", limits=Limits(max_page_chars=30_000))
    assert len(doc.pages) == 3 and all(len(p.text) <= 30_000 for p in doc.pages)
    assert "".join(p.text for p in doc.pages) == text
    assert all(p.text.endswith(" ") for p in doc.pages[:-1])  # cut after a space, never inside a word
    assert_offsets_exact(doc)


PRINTED = st.characters(blacklist_categories=("Cs", "Cc"))  # what a text record holds (no control bytes)


@given(st.lists(st.tuples(st.text(alphabet=PRINTED, max_size=40), st.sampled_from(["\r\n", "\r", "\n"])),
                min_size=1, max_size=12))
def test_any_line_ends_give_the_same_text_and_exact_offsets(lines: list[tuple[str, str]]) -> None:
    raw = "".join(line + end for line, end in lines)
    if not raw.strip():
        return
    try:
        doc = read(raw.encode("utf-8"), "note.txt")
    except UnsupportedType as exc:  # text that opens like markup ("<svg", "<html") is refused as such
        assert "<" in raw and "web page (HTML) or markup" in str(exc)
        return
    # Each "\r\n" or lone "\r" is one line end ("\r" then an empty line's "\n" is one "\r\n").
    assert "".join(p.text for p in doc.pages) == raw.replace("\r\n", "\n").replace("\r", "\n")
    assert_offsets_exact(doc)
