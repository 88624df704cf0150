"""The look before OCR: a scan's tilt, sideways and upside-down pages, measured on the image; with
the real engine, a tilted or turned page is then recognised once, not twice."""

from __future__ import annotations

from functools import lru_cache

import pytest
from PIL import Image

from ingest.ocr.survey import Survey, survey
from ingest.synth import cer, degrade, rasterize, report_pages, text_pdf

LINES = report_pages(pages=1, lines_per_page=30, seed=8)[0]
SHORT = LINES[:12]  # what the real engine reads here: fewer lines, a quicker test


@lru_cache(maxsize=2)
def page(lines: tuple[str, ...] = tuple(LINES)) -> Image.Image:
    return rasterize(text_pdf([list(lines)]), dpi=300)[0]


@pytest.mark.parametrize(("tilt", "noise"), [(0.0, 0), (0.6, 15), (-1.5, 0), (2.5, 15), (-4.0, 0), (6.0, 0)])
def test_tilt_is_measured(tilt: float, noise: int) -> None:
    look = survey(degrade(page(), tilt=tilt, noise=noise, jpeg_quality=60, seed=1))
    assert look.skew == pytest.approx(-tilt, abs=0.25)  # degrees that turn it back
    assert not look.turned


@pytest.mark.parametrize(("turn", "sideways", "upside_down"), [(90, True, False), (180, False, True),
                                                                (270, True, False)])
@pytest.mark.parametrize(("tilt", "noise"), [(0.0, 18), (2.0, 0)])
def test_turned_pages_are_noticed(turn: int, sideways: bool, upside_down: bool, tilt: float, noise: int) -> None:
    look = survey(degrade(page(), turn=turn, tilt=tilt, blur=0.6, noise=noise, jpeg_quality=50, seed=2))
    assert (look.sideways, look.upside_down) == (sideways, upside_down)


@pytest.mark.parametrize("image", [Image.new("L", (2550, 3300), 255), Image.new("L", (2550, 3300), 0)],
                         ids=["blank page", "black page"])
def test_nothing_to_judge_changes_nothing(image: Image.Image) -> None:
    assert survey(image) == Survey()


# --- with the real engine -----------------------------------------------------------------------


def _engine():
    from tests.ocr_helpers import real_engine

    return real_engine()


@pytest.mark.ocr
@pytest.mark.parametrize(("variant", "rotation"), [({"tilt": 2.5, "blur": 0.6, "noise": 15, "jpeg_quality": 60}, 0),
                                                   ({"turn": 90}, 270), ({"turn": 180}, 180)],
                         ids=["tilted", "sideways", "upside down"])
def test_tilted_and_turned_pages_are_recognised_once(variant: dict, rotation: int) -> None:
    from ingest.ocr import OcrJob, ocr_page
    from ingest.ocr.fake import CountingEngine

    engine = CountingEngine(_engine())
    result = ocr_page(engine, OcrJob(1, degrade(page(tuple(SHORT)), seed=3, **variant), 300))
    assert engine.recognitions == 1
    assert result.rotation == rotation
    assert cer(result.text, "\n".join(SHORT)) < 0.01, result.text
    if "tilt" in variant:
        assert result.skew == pytest.approx(-variant["tilt"], abs=0.3)
    for word in result.words:
        assert result.text[word.start:word.end] == word.text
