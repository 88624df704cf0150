"""A report text as a profile, in its printed form or in the TCGA form (not a test module).

The TCGA form is how the dev set's reports read after OCR and conversion: every printed line
joined with ". " (a line already ending in "." or ":" joined with a space), read as an OCR page.
"""

from __future__ import annotations

from extract import build_profile
from extract.models import Profile
from ingest.models import Document, Page


def tcga_form(text: str) -> str:
    return " ".join(line.strip() if line.strip().endswith((".", ":")) else line.strip() + "."
                    for line in text.splitlines() if line.strip())


def report_profile(text: str, run_on: bool) -> Profile:
    """The profile of one report read as a text-layer page, or (`run_on`) in the TCGA form as OCR."""
    if run_on:
        text = tcga_form(text)
    doc = Document(sha256="0" * 64, filename="report.txt", type="text",
                   pages=[Page(number=1, text=text, source="ocr" if run_on else "text-layer")])
    return build_profile([doc]).profile
