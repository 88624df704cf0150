"""Documents: upload originals (202, processed in the background), status, pages, page images."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Header, Path, UploadFile, status
from fastapi.responses import Response
from sqlmodel import Session, select

from ingest.errors import EmptyDocument, FileTooLarge
from api import audit
from api.db import Document, PageRow, User, is_record_id
from api.uploads import clean_content_type, clean_filename, store_document
from api.deps import ClientIp, CurrentUser, ServicesDep, SessionDep, reachable
from api.errors import InvalidRequest, NotFound
from api.storage import MEDIA_TYPES, PageView
from api.schemas import (
    DocumentPublic, ErrorBody, ErrorDetail, PageDetail, PageSummary, Progress, UploadAccepted,
    UploadedDocument,
)

router = APIRouter(tags=["documents"],
                   responses={401: {"model": ErrorBody}, 404: {"model": ErrorBody}, 429: {"model": ErrorBody}})

PageNumber = Annotated[int, Path(ge=1, le=100_000)]


@router.post("/api/patients/{pid}/documents", status_code=status.HTTP_202_ACCEPTED, response_model=UploadAccepted,
             responses={413: {"model": ErrorBody}, 415: {"model": ErrorBody}, 422: {"model": ErrorBody}})
def upload_documents(pid: str, user: CurrentUser, session: SessionDep, svc: ServicesDep, ip: ClientIp,
                     file: Annotated[list[UploadFile], File(description="one or more record files")]):
    reachable(session, user, pid)
    settings = svc.settings
    if len(file) > settings.max_files_per_request:
        raise InvalidRequest(f"Upload at most {settings.max_files_per_request} files at a time.")
    payloads = []
    for upload in file:  # check every file before storing any
        if upload.size is not None and upload.size > settings.max_upload_bytes:
            raise FileTooLarge(_too_large(settings.max_upload_bytes))
        data = upload.file.read(settings.max_upload_bytes + 1)
        if len(data) > settings.max_upload_bytes:
            raise FileTooLarge(_too_large(settings.max_upload_bytes))
        if not data:
            raise EmptyDocument("One of the files is empty (0 bytes). Choose the file again and re-upload it.")
        payloads.append((data, clean_filename(upload.filename), clean_content_type(upload.content_type)))

    results: list[UploadedDocument] = []
    new_ids: list[str] = []
    for data, filename, content_type in payloads:
        sha = svc.blobs.put(data)
        doc, created, queue_it = store_document(session, user, pid, sha, filename, content_type, len(data))
        results.append(UploadedDocument(document_id=doc.id, status=doc.status, duplicate=not created))
        if queue_it:
            new_ids.append(doc.id)
        audit.record(session, user, "document.upload", patient_id=pid, document_id=doc.id, ip=ip,
                     detail={"bytes": len(data), "duplicate": not created})
    session.commit()
    for document_id in new_ids:  # after commit: a worker must find the rows
        svc.queue.enqueue(document_id)
    first = results[0]
    return UploadAccepted(document_id=first.document_id, status=first.status, documents=results)


def _too_large(limit: int) -> str:
    return (f"This file is larger than the upload limit of {limit // (1024 * 1024)} MB. Split it into "
            "smaller files (for example one report per file) or scan it at a lower resolution.")


@router.get("/api/patients/{pid}/documents", response_model=list[DocumentPublic])
def list_documents(pid: str, user: CurrentUser, session: SessionDep, svc: ServicesDep, ip: ClientIp):
    reachable(session, user, pid)
    docs = list(session.exec(select(Document).where(Document.patient_id == pid)
                             .order_by(Document.created_at, Document.id)))
    audit.record(session, user, "document.list", patient_id=pid, ip=ip, detail={"count": len(docs)})
    session.commit()
    return [_public(session, d) for d in docs]


def _reachable_document(session: Session, user: User, did: str) -> Document:
    doc = session.get(Document, did) if is_record_id(did) else None
    if doc is None:
        raise NotFound()
    reachable(session, user, doc.patient_id)
    return doc


@router.get("/api/documents/{did}", response_model=DocumentPublic)
def get_document(did: str, user: CurrentUser, session: SessionDep, ip: ClientIp):
    doc = _reachable_document(session, user, did)
    audit.record(session, user, "document.read", patient_id=doc.patient_id, document_id=did, ip=ip)
    session.commit()
    return _public(session, doc)


@router.get("/api/documents/{did}/pages/{n}.png", response_class=Response,
            responses={200: {"content": {"image/png": {}, "image/webp": {}},
                             "description": "The page upright, in the frame of its word boxes. PNG (gray for "
                                            "scans and photos), or WebP when the Accept header asks for it."},
                       422: {"model": ErrorBody}})
def page_image(did: str, n: PageNumber, user: CurrentUser, session: SessionDep, svc: ServicesDep, ip: ClientIp,
               accept: Annotated[str | None, Header()] = None):
    doc = _reachable_document(session, user, did)
    if doc.doc_type == "text":
        raise NotFound("A plain-text document has no page image; read its text instead.")
    page = _page_row(session, did, n)
    view = PageView(rotation=page.rotation, skew=page.skew, gray=page.source == "ocr",
                    sheet=tuple(page.sheet) if page.sheet else None)
    encoding = "webp" if accepts_webp(accept) else "png"
    image = svc.page_images.image(doc.sha256, n, doc.doc_type, view, encoding)
    audit.record(session, user, "page.image", patient_id=doc.patient_id, document_id=did, ip=ip, detail={"page": n})
    session.commit()
    return Response(image, media_type=MEDIA_TYPES[encoding],
                    headers={"Cache-Control": "private, max-age=3600", "Vary": "Accept"})


def accepts_webp(accept: str | None) -> bool:
    """Whether an Accept header names WebP (browsers do); `*/*` and `image/*` get PNG."""
    for item in (accept or "").split(","):
        media, _, params = item.strip().partition(";")
        if media.strip().lower() == "image/webp":
            q = params.replace(" ", "").lower().partition("q=")[2]
            try:
                return not q or float(q[:5]) > 0
            except ValueError:
                return False
    return False


def _page_row(session: Session, did: str, n: int) -> PageRow:
    page = session.exec(select(PageRow).where(PageRow.document_id == did, PageRow.number == n)).first()
    if page is None:
        raise NotFound("This document has no such page, or it has not been read yet.")
    return page


@router.get("/api/documents/{did}/pages/{n}", response_model=PageDetail)
def page_detail(did: str, n: PageNumber, user: CurrentUser, session: SessionDep, svc: ServicesDep, ip: ClientIp):
    doc = _reachable_document(session, user, did)
    page = _page_row(session, did, n)
    audit.record(session, user, "page.read", patient_id=doc.patient_id, document_id=did, ip=ip, detail={"page": n})
    session.commit()
    return PageDetail(
        document_id=did, number=page.number, text=page.text, source=page.source, confidence=page.confidence,
        width=page.width, height=page.height, dpi=page.dpi, image_dpi=svc.settings.render_dpi,
        image=f"/api/documents/{did}/pages/{n}.png", words=page.words,
        error=ErrorDetail(code=page.error_code, message=page.error_message or "") if page.error_code else None,
    )


def _public(session: Session, doc: Document) -> DocumentPublic:
    pages = list(session.exec(select(PageRow).where(PageRow.document_id == doc.id).order_by(PageRow.number)))
    return DocumentPublic(
        document_id=doc.id, patient_id=doc.patient_id, filename=doc.filename, sha256=doc.sha256, size=doc.size,
        status=doc.status,
        error=ErrorDetail(code=doc.error_code, message=doc.error_message or "") if doc.error_code else None,
        progress=Progress(done=doc.progress_done, total=doc.progress_total)
        if doc.progress_total is not None and doc.progress_done is not None else None,
        kind=doc.kind, text_source=doc.text_source, created_at=doc.created_at,
        pages=[PageSummary(
            number=p.number, source=p.source, confidence=p.confidence, width=p.width, height=p.height, dpi=p.dpi,
            rotation=p.rotation,
            error=ErrorDetail(code=p.error_code, message=p.error_message or "") if p.error_code else None,
            image=f"/api/documents/{doc.id}/pages/{p.number}.png",
        ) for p in pages],
    )
