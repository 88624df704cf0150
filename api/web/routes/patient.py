"""A patient's pages: records (upload, live status), profile in plain words, questions.

Navigators reach the same pages for their assigned patients ("the patient's view"); anyone else,
including another patient, gets 404 for the address, as the API answers.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import JSONResponse, RedirectResponse

from api.deps import ClientIp, ServicesDep, SessionDep, reachable
from api.errors import InvalidRequest
from api.web import service
from api.web.facts import plain_profile
from api.web.guidance_view import SEVERITY_WORDS, guidance_view
from api.web.render import render
from api.web.routing import CsrfChecked, PageRoute, WebUser, wants_json
from api.web.status import DocState, document_states, status_json, status_words
from ingest.errors import OncoguideError

router = APIRouter(prefix="/patients/{pid}", route_class=PageRoute, include_in_schema=False)

#: What the file picker offers: PDFs, photos and scans, plain text.
ACCEPT = ("application/pdf,image/*,text/plain,.pdf,.png,.jpg,.jpeg,.tif,.tiff,.webp,.heic,.heif,.txt")
_NOTICES = {"uploaded": "Your files were received and are being read."}


@router.get("")
def records(pid: str, request: Request, user: WebUser, session: SessionDep, svc: ServicesDep, ip: ClientIp,
            done: str | None = None):
    patient = reachable(session, user, pid)
    docs = service.list_documents(session, svc, user, pid, ip)
    return render(request, "records.html", patient=patient, documents=[(d, status_words(DocState.of_public(d))) for d in docs],
                  accept=ACCEPT, notice=_NOTICES.get(done or ""), limits=svc.settings)


@router.get("/documents.json")
def records_status(pid: str, user: WebUser, session: SessionDep):
    return JSONResponse([status_json(d) for d in document_states(session, user, pid)],
                        headers={"Cache-Control": "no-store"})


@router.post("/documents", dependencies=[CsrfChecked])
def upload(pid: str, request: Request, user: WebUser, session: SessionDep, svc: ServicesDep, ip: ClientIp,
           file: Annotated[list[UploadFile], File()]):
    accepted = service.upload(session, svc, user, pid, file, ip)
    if wants_json(request):
        return JSONResponse(accepted.model_dump(mode="json"), status_code=202)
    return RedirectResponse(f"/patients/{pid}?done=uploaded", status_code=303)


@router.get("/profile")
def profile(pid: str, request: Request, user: WebUser, session: SessionDep, ip: ClientIp):
    patient = reachable(session, user, pid)
    report = service.profile(session, user, pid, ip)
    return render(request, "profile.html", patient=patient, plain=plain_profile(report),
                  documents=report.get("documents", []))


@router.get("/ask")
def ask_page(pid: str, request: Request, user: WebUser, session: SessionDep, svc: ServicesDep):
    patient = reachable(session, user, pid)
    return render(request, "ask.html", patient=patient, library=_library(svc))


@router.post("/ask", dependencies=[CsrfChecked])
def ask(pid: str, request: Request, user: WebUser, session: SessionDep, svc: ServicesDep, ip: ClientIp,
        question: Annotated[str, Form(max_length=2000)] = "", picked: Annotated[str, Form(max_length=2000)] = ""):
    patient = reachable(session, user, pid)
    asked = (question or "").strip() or (picked or "").strip()
    try:
        if not asked:
            raise InvalidRequest("Type a question, or pick one from the list.")
        tailored = service.tailored(session, svc, user, pid, asked, ip)
    except OncoguideError as exc:
        if exc.http_status >= 500:
            raise
        return render(request, "ask.html", status=exc.http_status, patient=patient, library=_library(svc),
                      error=exc.message, question=asked)
    return render(request, "guidance.html", patient=patient, view=guidance_view(tailored),
                  severity_words=SEVERITY_WORDS, library=_library(svc), question=asked)


def _library(svc) -> list[tuple[str, list[str]]]:
    try:
        return service.library_questions(svc)
    except OncoguideError:
        return []  # the free-text box still works; the page says the list is unavailable
