"""PDFs: text layer with word boxes, per-page choice of text layer vs OCR, partial success.
OCR is faked here (tests/test_ingest_ocr.py runs the real engine)."""

from __future__ import annotations

from io import BytesIO

import pypdfium2 as pdfium
import pytest
from PIL import Image
from reportlab.pdfgen import canvas

from ingest import FakeEngine, Limits, read
from ingest.errors import OcrUnavailable
from ingest.synth import image_pdf, mixed_pdf, report_pages, text_pdf

LINES = report_pages(pages=2, lines_per_page=10, seed=11)
SCAN = Image.new("L", (850, 1100), 255)  # a 100-DPI blank "scan"; the fake engine decides what it says
FAKE = FakeEngine(lambda image: "Estrogen receptor: Positive\nKi-67: 20%")


def test_text_layer_pages_keep_text_and_word_boxes() -> None:
    doc = read(text_pdf(LINES), "r.pdf", engine=FAKE)
    assert doc.type == "pdf" and len(doc.pages) == 2 and doc.text_source == "text-layer"
    page = doc.pages[0]
    assert page.text == "\n".join(" ".join(line.split()) for line in LINES[0])
    assert page.source == "text-layer" and page.confidence is None and page.dpi == 72
    assert (page.width, page.height) == (612, 792)
    for word in page.words:
        assert page.text[word.start : word.end] == word.text
        assert 0 <= word.x0 < word.x1 <= page.width and 0 <= word.y0 < word.y1 <= page.height
    # the first line is drawn at y=740 from the bottom: about 52 points from the top
    assert 40 < page.words[0].y0 < 55 and page.words[0].x0 == pytest.approx(60, abs=1)


def test_blank_line_marks_a_paragraph_gap() -> None:
    doc = read(text_pdf([["FINAL DIAGNOSIS:", "Invasive carcinoma of the breast.", "", "", "COMMENT: none here"]]),
               "r.pdf", engine=FAKE)
    assert doc.pages[0].text == "FINAL DIAGNOSIS:\nInvasive carcinoma of the breast.\n\nCOMMENT: none here"


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_word_boxes_sit_on_the_ink_of_the_displayed_page(rotation: int) -> None:
    buf = BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.setPageRotation(rotation)
    c.setFont("Helvetica", 14)
    c.drawString(72, 500, "Estrogen receptor positive in ninety percent")
    c.showPage()
    c.save()
    data = buf.getvalue()
    page = read(data, "r.pdf", engine=FAKE).pages[0]
    pdf = pdfium.PdfDocument(data)
    shown = pdf[0].render(scale=1, grayscale=True).to_pil()  # PDFium applies /Rotate when rendering
    pdf.close()
    assert (page.width, page.height) == shown.size
    ink = shown.point(lambda v: 255 if v < 128 else 0).getbbox()
    words = (min(w.x0 for w in page.words), min(w.y0 for w in page.words),
             max(w.x1 for w in page.words), max(w.y1 for w in page.words))
    assert words == pytest.approx(ink, abs=3)


def test_mixed_pdf_reports_the_source_of_each_page() -> None:
    doc = read(mixed_pdf(LINES[0], SCAN, dpi=100), "m.pdf", engine=FAKE)
    assert [p.source for p in doc.pages] == ["text-layer", "ocr"]
    assert doc.text_source == "mixed"
    assert doc.pages[1].text == "Estrogen receptor: Positive\nKi-67: 20%"
    assert doc.pages[1].confidence == pytest.approx(0.9)
    assert doc.pages[1].dpi == 300


def test_junk_invisible_ocr_layer_is_replaced_by_ocr() -> None:
    junk = [["~~ ;'l'l-.i __ ..,; ,'. I ; ,-' ~ '' ;; ,,, .:. -~-"] * 6]
    doc = read(image_pdf([SCAN], dpi=100, invisible_text=junk), "s.pdf", engine=FAKE)
    assert doc.pages[0].source == "ocr"
    assert "Estrogen" in doc.pages[0].text


def test_good_invisible_ocr_layer_is_used_without_ocr() -> None:
    def never(image: Image.Image) -> str:
        raise AssertionError("OCR must not run on a page with a good text layer")

    doc = read(image_pdf([SCAN], dpi=100, invisible_text=[LINES[0]]), "s.pdf", engine=FakeEngine(never))
    assert doc.pages[0].source == "text-layer"
    assert doc.pages[0].text.startswith(LINES[0][0])


def test_stamp_text_on_a_scan_does_not_hide_the_scan() -> None:
    doc = read(image_pdf([SCAN], dpi=100, invisible_text=[["Received by fax 05/12/2025 from clinic"]]),
               "s.pdf", engine=FAKE)
    assert doc.pages[0].source == "ocr"


def test_page_that_fails_is_a_partial_success_not_a_silent_one() -> None:
    pages = iter(["Estrogen receptor: Positive", None, "HER2: negative (1+)"])
    engine = FakeEngine(lambda image: next(pages))
    doc = read(image_pdf([SCAN, SCAN, SCAN], dpi=100), "s.pdf", engine=engine, limits=Limits(workers=1))
    assert doc.partial
    assert [p.error.code if p.error else None for p in doc.pages] == [None, "ocr_failed", None]
    assert [e.code for e in doc.errors] == ["ocr_failed"]
    assert doc.pages[0].text == "Estrogen receptor: Positive"


def test_oversized_page_fails_alone() -> None:
    buf = BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.drawString(72, 700, "Progesterone receptor negative, less than one percent of cells")
    c.showPage()
    c.setPageSize((200 * 72, 200 * 72))
    c.rect(10, 10, 500, 500, fill=1)  # no text: would need rendering for OCR
    c.showPage()
    c.save()
    doc = read(buf.getvalue(), "big.pdf", engine=FAKE)
    assert doc.pages[0].source == "text-layer"
    assert doc.pages[1].error is not None and doc.pages[1].error.code == "page_too_large"
    assert "200 x 200 inches" in doc.pages[1].error.message


def test_missing_ocr_engine_fails_only_the_scanned_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    def unavailable():
        raise OcrUnavailable()

    monkeypatch.setattr("ingest.pipeline.default_engine", unavailable)
    doc = read(mixed_pdf(LINES[0], SCAN, dpi=100), "m.pdf")
    assert doc.pages[0].source == "text-layer"
    assert doc.pages[1].error is not None and doc.pages[1].error.code == "ocr_unavailable"
    assert "apt-get install" in doc.pages[1].error.message
    with pytest.raises(OcrUnavailable):
        read(image_pdf([SCAN], dpi=100), "s.pdf")


def test_progress_reports_every_page_in_order_of_completion() -> None:
    calls: list[tuple[int, int]] = []
    read(text_pdf(report_pages(pages=4, lines_per_page=3)), "r.pdf", engine=FAKE,
         progress=lambda done, total: calls.append((done, total)))
    assert calls == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]


def test_at_most_workers_plus_one_page_images_are_alive() -> None:
    import gc
    import threading

    alive: list[int] = []
    lock = threading.Lock()

    def page_images() -> set[int]:
        gc.collect()
        return {id(o) for o in gc.get_objects() if isinstance(o, Image.Image) and o.size == (850, 1100)}

    before = page_images()  # images other tests left alive are not this read's

    def count(image: Image.Image) -> str:
        with lock:
            alive.append(len(page_images() - before))
        return "Ki-67: 10%"

    read(image_pdf([SCAN] * 8, dpi=100), "s.pdf", engine=FakeEngine(count),
         limits=Limits(ocr_dpi=100, workers=2))
    assert len(alive) == 8 and max(alive) <= 3  # workers + 1 queued


def test_scanned_page_image_is_taken_as_it_is_without_rendering(monkeypatch: pytest.MonkeyPatch) -> None:
    from ingest.synth import rasterize

    scan = rasterize(text_pdf([LINES[0]]), dpi=300)[0]
    seen: list[tuple[int, int]] = []
    engine = FakeEngine(lambda image: seen.append(image.size) or "Ki-67: 20%")

    def no_render(*args, **kwargs):
        raise AssertionError("a plain scanned page must not be rendered")

    monkeypatch.setattr(pdfium.PdfPage, "render", no_render)
    page = read(image_pdf([scan], invisible_text=[["~~ ;'l'l-.i __ ..,; ,'."]]), "s.pdf", engine=engine).pages[0]
    assert seen == [scan.size] and page.dpi == 300 and page.source == "ocr"


def test_low_resolution_scan_is_rendered_at_the_ocr_resolution() -> None:
    seen: list[tuple[int, int]] = []
    engine = FakeEngine(lambda image: seen.append(image.size) or "Ki-67: 20%")
    page = read(image_pdf([SCAN], dpi=100), "s.pdf", engine=engine).pages[0]  # 100 DPI: upsampled by rendering
    assert page.dpi == 300 and len(seen) == 1
    assert seen[0][0] == 2550 and abs(seen[0][1] - 3300) <= 1
