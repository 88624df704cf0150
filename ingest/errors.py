"""The one error taxonomy of oncoguide.

Every failure the product can explain is an `OncoguideError` subclass with a stable `code`, a
message that tells the reader what to do next, a CLI exit code and an HTTP status. Library
exceptions are translated where they enter (``raise ... from exc``) so the cause is kept.
Higher stages (extract, personalize, api) subclass `OncoguideError`; this module imports nothing
from them, so the taxonomy lives at the bottom of the dependency order.

Exit codes: 0 success, 1 unexpected failure, 2 command-line usage, 3 partial success (some pages
failed), 10-29 bad input, 30-39 configuration, 40-49 service and access errors.
"""

from __future__ import annotations

from typing import ClassVar


class OncoguideError(Exception):
    """Base of every error the product raises on purpose."""

    code: ClassVar[str] = "error"
    exit_code: ClassVar[int] = 1
    http_status: ClassVar[int] = 500
    default_message: ClassVar[str] = "Something went wrong."
    #: True when retrying the same input later might succeed (a locked database, a busy engine).
    transient: ClassVar[bool] = False

    def __init__(self, message: str | None = None, **details: object) -> None:
        self.message = message or self.default_message
        self.details = details
        super().__init__(self.message)

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


class IngestError(OncoguideError):
    """The input could not be read as a record."""

    code = "ingest_error"
    exit_code = 10
    http_status = 422


class UnsupportedType(IngestError):
    code = "unsupported_type"
    exit_code = 11
    http_status = 415
    default_message = (
        "This file is not a PDF, PNG, JPEG, TIFF, WebP, HEIC or plain-text file. "
        "Export or save the record as a PDF, or take a photo of it, and upload that instead."
    )


class PasswordProtected(IngestError):
    code = "password_protected"
    exit_code = 12
    http_status = 422
    default_message = (
        "This PDF is protected by a password, so it cannot be read. Open it with the password "
        "and save or print it as a new PDF without a password, then upload that copy."
    )


class CorruptFile(IngestError):
    code = "corrupt_file"
    exit_code = 13
    http_status = 422
    default_message = (
        "This file is damaged or incomplete (it may have been cut off while downloading). "
        "Download or export it again and upload the new copy."
    )


class EmptyDocument(IngestError):
    code = "empty_document"
    exit_code = 14
    http_status = 422
    default_message = (
        "This file has no readable content: it is empty, has no pages, or no text could be read "
        "from it. Check that it is the right file; for a photo, retake it in good light, flat "
        "and in focus."
    )


class FileTooLarge(IngestError):
    code = "file_too_large"
    exit_code = 15
    http_status = 413
    default_message = (
        "This file is larger than the upload limit. Split it into smaller files (for example one "
        "report per file) or scan it at a lower resolution, and upload those."
    )


class TooManyPages(IngestError):
    code = "too_many_pages"
    exit_code = 16
    http_status = 413
    default_message = (
        "This document has more pages than the limit. Upload only the reports you need (for "
        "example the pathology report and the latest clinic note) as separate, shorter files."
    )


class PageTooLarge(IngestError):
    code = "page_too_large"
    exit_code = 17
    http_status = 422
    default_message = (
        "A page of this document is too large to display and read. Print or export the "
        "document to standard paper size (A4 or US Letter) and upload that copy."
    )


class DecompressionBomb(IngestError):
    code = "decompression_bomb"
    exit_code = 18
    http_status = 413
    default_message = (
        "This image is far larger than a photo or scan of a record, so it was not opened. "
        "Take a normal photo or scan of the page and upload that."
    )


class OcrFailed(IngestError):
    code = "ocr_failed"
    exit_code = 19
    http_status = 422
    default_message = (
        "The OCR engine could not read a page of this document. Scan or photograph that page "
        "again (flat, in good light, at 300 DPI) and upload the new copy."
    )


class OcrUnavailable(OncoguideError):
    code = "ocr_unavailable"
    exit_code = 30
    http_status = 503
    transient = True
    default_message = (
        "Scanned pages cannot be read because the Tesseract OCR engine is not installed. "
        "Install it with: sudo apt-get install -y tesseract-ocr"
    )


class ConfigurationError(OncoguideError):
    """A packaged data file (rules, vocabularies) or a setting is broken. Fails loudly."""

    code = "configuration_error"
    exit_code = 31
    http_status = 500
    default_message = "oncoguide is misconfigured; see the message and fix the named file or setting."


#: Every concrete error class, for tests and for the API's exception mapping.
def all_error_classes() -> list[type[OncoguideError]]:
    seen: list[type[OncoguideError]] = []
    stack: list[type[OncoguideError]] = [OncoguideError]
    while stack:
        cls = stack.pop()
        seen.append(cls)
        stack.extend(cls.__subclasses__())
    return seen
