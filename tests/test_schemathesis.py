"""schemathesis against the served OpenAPI schema, authenticated: for every operation, generated
requests (valid and invalid) never get a 500, and every response matches the schema: its status
code is one the operation documents, its content type and body are the documented ones.

The app runs in-process with the real stages (uploads are read at once, in the request) as an
admin, who reaches every patient. Path parameters naming a patient or a document are pointed at
real ones half of the time, so success answers are checked too, not only 404s.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance, negative_data_rejection, response_headers_conformance, response_schema_conformance,
    status_code_conformance,
)

from tests.test_api_fakes import People, make_settings

#: Examples per operation; `ONCOGUIDE_SCHEMATHESIS_EXAMPLES=200` for a long run.
EXAMPLES = int(os.environ.get("ONCOGUIDE_SCHEMATHESIS_EXAMPLES", "12"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance, negative_data_rejection]


@pytest.fixture(scope="module")
def clinic(tmp_path_factory):
    """A clinic with one processed document, served in-process with the real stages."""
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.services import Services
    from tests.hostile.corpus import LINES

    svc = Services.from_settings(make_settings(tmp_path_factory.mktemp("schemathesis"), pipeline="api.pipeline:StagePipeline",
                                               rate_limit_burst=1_000_000), immediate=True)
    people = People(svc)
    app = create_app(services=svc)
    with TestClient(app) as c:  # runs the app's start-up, and stays open so requests find the services
        r = c.post(f"/api/patients/{people.p1.id}/documents", headers=People.h(people.admin),
                   files={"file": ("r.txt", ("\n".join(LINES) + "\n").encode(), "text/plain")})
        assert r.status_code == 202, r.text
        people.did = r.json()["document_id"]
        yield app, people
    svc.close()


def _schema():
    """The schema, from an app that is never started (reading /openapi.json needs no database)."""
    from api.app import create_app
    from api.settings import Settings

    return schemathesis.openapi.from_asgi("/openapi.json", create_app(Settings(environment="test")))


schema = _schema()


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture])
def test_no_500_and_every_response_matches_the_schema(clinic, case):
    app, people = clinic
    params = case.path_parameters or {}
    if "pid" in params and len(repr(case.query)) % 2:  # half of the cases: a patient that exists
        params["pid"] = people.p1.id
    if "did" in params and len(repr(case.query)) % 2:
        params["did"] = people.did
    case.call_and_validate(headers={"Authorization": f"Bearer {people.admin}"}, checks=CHECKS, app=app)
