"""Properties: arbitrary bytes either ingest or raise the project's own error, and every word's
span points at itself in the page text."""

from __future__ import annotations

from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from ingest import Document, FakeEngine, Limits, read
from ingest.errors import OncoguideError
from ingest.synth import image_bytes, image_pdf, text_pdf

# OCR is faked (fixed words) and pages render at 72 DPI: the property is about control flow.
ENGINE = FakeEngine(lambda image: "HER2 (IHC): 2+\nKi-67: 25%")
LIMITS = Limits(ocr_dpi=72, max_image_pixels=4_000_000, max_pages=20)


@lru_cache(maxsize=1)
def seeds() -> list[bytes]:
    """Small valid files of every accepted type, to be cut and flipped."""
    small = Image.effect_noise((64, 48), 40)
    return [
        text_pdf([["ER: positive (95%)", "PR: negative"], ["Page two"]]),
        image_pdf([small.resize((200, 260))], dpi=72),
        image_bytes(small, "PNG"),
        image_bytes(small, "JPEG", quality=70),
        image_bytes(small, "TIFF", save_all=True, append_images=[small]),
        image_bytes(small, "WEBP"),
        "Estrogen receptor: positive\fPage 2 – café\n".encode("utf-8"),
    ]


def check(data: bytes) -> None:
    try:
        doc = read(data, "upload", limits=LIMITS, engine=ENGINE)
    except OncoguideError:
        return
    assert isinstance(doc, Document)
    assert doc.pages, "a document is never returned without pages"
    assert any(p.text.strip() for p in doc.pages if p.error is None)
    assert (len(doc.errors) > 0) == doc.partial
    for page in doc.pages:
        for word in page.words:
            assert page.text[word.start : word.end] == word.text
            assert word.text and not any(ch.isspace() for ch in word.text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096))
def test_arbitrary_bytes_ingest_or_raise_our_error(data: bytes) -> None:
    check(data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(min_value=0, max_value=6),
    cut=st.floats(min_value=0.05, max_value=1.0),
    flips=st.lists(st.tuples(st.floats(min_value=0, max_value=0.999), st.integers(0, 255)), max_size=8),
)
def test_damaged_real_files_ingest_or_raise_our_error(seed: int, cut: float, flips: list[tuple[float, int]]) -> None:
    data = bytearray(seeds()[seed])
    data = data[: max(1, int(len(data) * cut))]
    for where, value in flips:
        data[int(where * len(data))] = value
    check(bytes(data))


@given(st.text(min_size=1, max_size=400))
def test_text_uploads_keep_word_offsets(text: str) -> None:
    check(text.encode("utf-8"))
