"""GET /healthz (no auth): the process answers and the database is reachable."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import Session

from api.deps import ServicesDep
from api.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health, responses={503: {"model": Health}})
def healthz(svc: ServicesDep):
    try:
        with Session(svc.engine) as s:
            s.exec(text("SELECT 1"))
    except (OperationalError, DBAPIError):
        return JSONResponse({"status": "degraded", "database": "unreachable"}, status_code=503)
    return Health(status="ok", database="ok")
