"""One running oncoguide for the hostile-input and log tests of this directory (API process and a
worker process with the real stages): started once, its logs searched at the end."""

from __future__ import annotations

import pytest

from tests.hostile.live import Clinic

MB = 1024 * 1024
#: Upload limits of the shared server, below the product's defaults so that the tests of the
#: limits send 12 and 40 MB rather than 50 and 100 (the 10 MB hostile files still fit).
FILE_LIMIT = 12 * MB
REQUEST_LIMIT = 40 * MB


@pytest.fixture(scope="session")
def live_clinic(tmp_path_factory):
    clinic = Clinic(tmp_path_factory.mktemp("live") / "data",
                    settings={"ONCOGUIDE_MAX_UPLOAD_BYTES": str(FILE_LIMIT),
                              "ONCOGUIDE_MAX_REQUEST_BYTES": str(REQUEST_LIMIT)})
    clinic.start_api()
    clinic.start_worker(threads=2)
    clinic.user("nav@clinic.test", "navigator", password="a web password nobody may log 7")
    try:
        yield clinic
    finally:
        clinic.stop()
