"""Page images for display through ingest's PDFium lock (PDFium is not thread-safe), and the
validated data-file loader every stage shares."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

from ingest.datafiles import load_data, load_json
from ingest.errors import ConfigurationError, CorruptFile, PageTooLarge
from ingest.render import PDFIUM_LOCK, render_page_image
from ingest.synth import report_pages, text_pdf

PDF = text_pdf(report_pages(pages=2, lines_per_page=8, seed=4))


def test_render_page_image_at_the_asked_resolution() -> None:
    image = render_page_image(PDF, 2, dpi=72, max_pixels=10_000_000, gray=True)
    assert image.size == (612, 792) and image.mode == "L"
    assert image.getextrema()[0] < 100  # text was drawn
    small = render_page_image(PDF, 1, dpi=150, max_pixels=100_000)
    assert small.width * small.height <= 100_000 and small.mode == "RGB"


@pytest.mark.parametrize("number", [0, 3])
def test_no_such_page_is_an_index_error(number: int) -> None:
    with pytest.raises(IndexError):
        render_page_image(PDF, number, dpi=72, max_pixels=10_000_000)


def test_damaged_pdf_and_sliver_page() -> None:
    with pytest.raises(CorruptFile):
        render_page_image(b"%PDF-1.4\n" + bytes(300), 1, dpi=72, max_pixels=10_000_000)
    from reportlab.pdfgen import canvas
    import io

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(72, 5000 * 72))
    c.showPage()
    c.save()
    with pytest.raises(PageTooLarge):
        render_page_image(buf.getvalue(), 1, dpi=150, max_pixels=1_000_000)


def test_rendering_waits_for_the_pdfium_lock() -> None:
    done = threading.Event()
    with PDFIUM_LOCK:
        worker = threading.Thread(target=lambda: (render_page_image(PDF, 1, dpi=36, max_pixels=10**7), done.set()))
        worker.start()
        assert not done.wait(0.3)  # blocked while another thread holds PDFium
    worker.join(10)
    assert done.is_set()


def test_service_page_images_go_through_the_lock(tmp_path: Path) -> None:
    from api.storage import BlobStore, PageImages

    blobs = BlobStore(tmp_path / "blobs")
    digest = blobs.put(PDF)
    images = PageImages(blobs, tmp_path / "cache", dpi=36, max_pixels=10**7)
    done = threading.Event()
    with PDFIUM_LOCK:
        worker = threading.Thread(target=lambda: (images.png(digest, 1, "pdf"), done.set()))
        worker.start()
        assert not done.wait(0.3)
    worker.join(10)
    assert done.is_set()


def test_renders_and_reads_in_many_threads_agree() -> None:
    from ingest import NullEngine, read

    expected = render_page_image(PDF, 1, dpi=50, max_pixels=10**7, gray=True).tobytes()
    text = read(PDF, "r.pdf", engine=NullEngine()).pages[0].text
    errors: list[BaseException] = []

    def render() -> None:
        try:
            for _ in range(10):
                assert render_page_image(PDF, 1, dpi=50, max_pixels=10**7, gray=True).tobytes() == expected
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    def ingest_pdf() -> None:
        try:
            for _ in range(10):
                assert read(PDF, "r.pdf", engine=NullEngine()).pages[0].text == text
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=f) for f in (render, render, ingest_pdf, ingest_pdf)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []


class Rules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str
    ids: list[str]


@pytest.mark.parametrize(("name", "content"), [("rules.json", json.dumps({"version": "1", "ids": ["a.b"]})),
                                               ("rules.yaml", "version: '1'\nids:\n  - a.b\n")])
def test_json_and_yaml_data_files_load(tmp_path: Path, name: str, content: str) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    assert load_json(name, Rules, tmp_path) == Rules(version="1", ids=["a.b"])


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("rules.json", "{ not json", "is not valid JSON"),
        ("rules.yaml", "version: [unclosed", "is not valid YAML"),
        ("rules.json", json.dumps({"version": "1", "ids": "a.b", "extra": 1}), "is invalid"),
        ("rules.yaml", "- a list\n- not a mapping\n", "is invalid"),
        ("rules.json", b"\xff\xfe\x00 not utf-8", "cannot be read"),
    ],
)
def test_broken_data_files_raise_configuration_error_naming_the_file(tmp_path: Path, name: str, content, says: str) -> None:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(ConfigurationError) as caught:
        load_data(path, Rules)
    assert str(path) in caught.value.message and says in caught.value.message


def test_missing_data_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="missing"):
        load_json("absent.json", Rules, tmp_path)


def test_vocabularies_load_through_the_same_loader(tmp_path: Path) -> None:
    from extract.vocab import DrugVocabulary, drugs, load_json as vocab_load_json

    assert drugs().lookup("ribociclib") is not None  # the packaged vocabulary, default directory
    (tmp_path / "drugs.json").write_text("{ not json")
    with pytest.raises(ConfigurationError, match="is not valid JSON"):
        vocab_load_json("drugs.json", DrugVocabulary, tmp_path)
