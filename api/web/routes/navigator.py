"""The navigator's pages: the queue, the review screen (fields beside the page with the evidence),
review actions, confirmation, the audit trail and the FHIR export."""

from __future__ import annotations

from itertools import groupby
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from api import audit
from api import profile_paths as paths
from api.deps import ClientIp, ServicesDep, SessionDep, reachable
from api.errors import InvalidRequest, ReviewConflict
from api.schemas import CorrectionIn
from api.web import service
from api.web.evidence import document_words, documents_by_id
from api.web.facts import facts, field_name
from api.web.queue import build_queue
from api.web.render import render
from api.web.review import coerce, conflict_choice, current_value, field_rows, needs_check, shown
from api.web.routes.documents import page_figure
from api.web.routing import CsrfChecked, NavigatorWebUser, PageRoute
from api.web.status import DocState, status_words

router = APIRouter(route_class=PageRoute, include_in_schema=False)

ACTIONS = {"accept": "Accepted", "correct": "Corrected", "not_stated": "Marked as not stated",
           "settle_conflict": "Conflict settled", "confirmed": "Profile confirmed"}
#: Audit actions in words for the trail.
AUDIT_WORDS = {
    "document.upload": "uploaded a document", "document.processed": "document read",
    "document.failed": "document could not be read", "profile.correct": "changed a field",
    "profile.confirm": "confirmed the profile", "profile.read": "viewed the profile",
    "guidance.create": "asked for guidance", "page.image": "viewed a page image", "page.read": "viewed a page",
    "document.list": "listed documents", "document.read": "viewed a document", "fhir.export": "exported FHIR",
    "audit.read": "viewed the audit trail", "patient.read": "viewed the patient", "patient.create": "created the patient",
    "session.start": "signed in", "session.end": "signed out", "patient.list": "listed patients",
}


@router.get("/queue")
def queue(request: Request, user: NavigatorWebUser, session: SessionDep, ip: ClientIp):
    rows = build_queue(session, user)
    # The queue shows each patient's review state, read from their profiles: audited as the
    # API's patient list is.
    audit.record(session, user, "patient.list", ip=ip, detail={"count": len(rows), "view": "queue"})
    session.commit()
    return render(request, "queue.html", rows=rows)


def _review_page(request: Request, session, svc, user, pid: str, ip, field: str | None, ev_index: int,
                 *, error: str | None = None, status: int = 200, notice: str | None = None):
    patient = reachable(session, user, pid)
    report = service.profile(session, user, pid, ip)
    rows = field_rows(report)
    selected = next((r for r in rows if r.path == field), None)
    if selected is None and field is None:
        selected = next((r for r in rows if needs_check(r.flags)), rows[0] if rows else None)
    figure = None
    placed = [e for e in (selected.evidence if selected else []) if e.get("source") != "navigator" and e.get("page")]
    if placed:
        chosen = placed[min(max(ev_index, 0), len(placed) - 1)]
        figure = page_figure(session, svc, user, chosen["document"], int(chosen["page"]), int(chosen.get("start", 0)),
                             int(chosen.get("end", 0)), ip)
    documents = documents_by_id(report)
    sections = [(name, list(items)) for name, items in groupby(rows, key=lambda r: r.section)]
    listed = {r.path for r in rows}
    addable = [(path, field_name(facts(), path)) for path in paths.leaf_fields() if path not in listed]
    docs = [(d, status_words(DocState.of_public(d))) for d in service.list_documents(session, svc, user, pid, ip)]
    return render(request, "review.html", status=status, patient=patient, report=report, sections=sections,
                  selected=selected, placed=placed, addable=addable, ev_index=ev_index, figure=figure, error=error, notice=notice,
                  documents=docs, review=report.get("review", {}) or {}, field_query=_field_query,
                  shown=shown, doc_words=lambda did: document_words(documents.get(did)))


def _field_query(path: str, ev_index: int | None = None) -> str:
    query = {"field": path} | ({"ev": ev_index} if ev_index else {})
    return "?" + urlencode(query)


@router.get("/review/{pid}")
def review(pid: str, request: Request, user: NavigatorWebUser, session: SessionDep, svc: ServicesDep, ip: ClientIp,
           field: Annotated[str | None, Query(max_length=200)] = None, ev: Annotated[int, Query(ge=0, le=1000)] = 0,
           done: str | None = None):
    return _review_page(request, session, svc, user, pid, ip, field, ev, notice=ACTIONS.get(done or ""))


@router.post("/review/{pid}/field", dependencies=[CsrfChecked])
def review_field(pid: str, request: Request, user: NavigatorWebUser, session: SessionDep, svc: ServicesDep,
                 ip: ClientIp, field: Annotated[str, Form(max_length=200)], action: Annotated[str, Form(max_length=20)],
                 value: Annotated[str, Form(max_length=2000)] = "", choice: Annotated[str, Form(max_length=10)] = "",
                 note: Annotated[str, Form(max_length=2000)] = ""):
    try:
        reachable(session, user, pid)
        report = service.profile(session, user, pid, ip)
        note = note.strip()
        if action in ("correct", "not_stated") and not note:
            raise InvalidRequest("Add a note saying why (for example which page or document shows the right value).")
        typed = None
        if action == "correct":
            current = current_value(report, field)
            # A value the extraction missed is read as its field's type (a number, yes/no, a list).
            typed = coerce(value, current if current is not None else paths.leaf_fields().get(field))
        elif action == "settle_conflict":
            conflict = next((c for c in report.get("conflicts", []) if c.get("field") == field), None)
            typed = conflict_choice(choice, conflict)
        elif action not in ("accept", "not_stated"):
            raise InvalidRequest("Choose accept, correct, not stated or settle.")
        service.correct(session, user, pid, _correction(field, action, typed, note), ip)
    except (InvalidRequest, ReviewConflict) as exc:
        session.rollback()
        return _review_page(request, session, svc, user, pid, ip, field, 0, error=exc.message, status=exc.http_status)
    return RedirectResponse(f"/review/{pid}?{urlencode({'field': field, 'done': action})}", status_code=303)


def _correction(field: str, action: str, value, note: str) -> CorrectionIn:
    """The form as the API's correction body; what the body refuses is the form's error."""
    try:
        return CorrectionIn(field=field, action=action, value=value, note=note or None)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InvalidRequest(f"The {'.'.join(map(str, first['loc'])) or 'form'} cannot be used: {first['msg']}.") from exc


@router.post("/review/{pid}/confirm", dependencies=[CsrfChecked])
def review_confirm(pid: str, user: NavigatorWebUser, session: SessionDep, ip: ClientIp):
    reachable(session, user, pid)
    service.confirm(session, user, pid, ip)
    return RedirectResponse(f"/review/{pid}?done=confirmed", status_code=303)


@router.get("/review/{pid}/audit")
def audit_trail(pid: str, request: Request, user: NavigatorWebUser, session: SessionDep, ip: ClientIp):
    patient = reachable(session, user, pid)
    events = service.audit_trail(session, user, pid, ip)
    return render(request, "audit.html", patient=patient, events=events, words=AUDIT_WORDS)


@router.get("/review/{pid}/fhir")
def fhir_download(pid: str, user: NavigatorWebUser, session: SessionDep, ip: ClientIp):
    reachable(session, user, pid)
    bundle = service.fhir_bundle(session, user, pid, ip)
    return Response(bundle.body, media_type="application/fhir+json",
                    headers={"Content-Disposition": f'attachment; filename="oncoguide-{pid}-fhir.json"',
                             "Cache-Control": "no-store"})
