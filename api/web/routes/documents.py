"""Page images, and the evidence viewer: a page with boxes around the words a value was read from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Header, Path, Query, Request
from sqlmodel import Session

from api.db import User
from api.deps import ClientIp, ServicesDep, SessionDep
from api.services import Services
from api.web import evidence as ev
from api.web import service
from api.web.facts import fact_about, facts, field_name
from api.web.render import render
from api.web.routing import PageRoute, WebUser

router = APIRouter(route_class=PageRoute, include_in_schema=False)

PageNumber = Annotated[int, Path(ge=1, le=100_000)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]


@dataclass
class Figure:
    """A page to show with the evidence on it: image and boxes, or the text when there is no image."""

    document_id: str
    number: int
    where: str
    image: str | None
    width: float
    height: float
    boxes: list[ev.Box]
    before: str
    quote: str
    after: str
    ocr: bool


def page_figure(session: Session, svc: Services, user: User, did: str, n: int, start: int, end: int,
                ip: str | None) -> Figure:
    doc = service.document_row(session, user, did)
    page = service.page(session, svc, user, did, n, ip)
    start, end = min(start, end), max(start, end)
    words = [w.model_dump() for w in page.words]
    before, quote, after = ev.snippet(page.text, start, end)
    image = None if doc.doc_type == "text" else f"/documents/{did}/pages/{n}.png"
    summary = (doc.facts or {}).get("summary") or {"kind": doc.kind}
    return Figure(did, n, f"{ev.document_words(summary)}, page {n}", image, page.width or 1, page.height or 1,
                  ev.boxes(words, start, end, pad=max(page.dpi, 72) / 36), before, quote, after, page.source == "ocr")


@router.get("/documents/{did}/pages/{n}.png")
def page_png(did: str, n: PageNumber, user: WebUser, session: SessionDep, svc: ServicesDep, ip: ClientIp,
             accept: Annotated[str | None, Header()] = None):
    return service.page_png(session, svc, user, did, n, ip, accept)


@router.get("/documents/{did}/pages/{n}/view")
def evidence_view(did: str, n: PageNumber, request: Request, user: WebUser, session: SessionDep, svc: ServicesDep,
                  ip: ClientIp, start: Offset = 0, end: Offset = 0, field: Annotated[str | None, Query(max_length=200)] = None):
    figure = page_figure(session, svc, user, did, n, start, end, ip)
    pid = service.document_row(session, user, did).patient_id
    label, others = None, []
    if field:
        report = service.profile(session, user, pid, ip)
        entries = (report.get("evidence", {}) or {}).get(field, [])
        if entries:
            label = (fact_about(report, field) if user.role == "patient" else None) or field_name(facts(), field)
            here = ev.viewer_url(did, n, start, end, field)
            others = [link for link in ev.links(entries, ev.documents_by_id(report), field, limit=10, per_page=False)
                      if link.url != here]
    back = (f"/review/{pid}?{urlencode({'field': field})}" if user.role != "patient" and field
            else f"/patients/{pid}/profile")
    return render(request, "evidence.html", figure=figure, label=label, others=others, back=back, pid=pid)
