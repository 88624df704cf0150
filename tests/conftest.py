"""Shared test fixtures. Tests never read ../shared: a fresh machine has none."""

import os

from extract.document import STRICT_ENV

# An extractor's error fails the test that met it (the product logs it and skips that field).
os.environ.setdefault(STRICT_ENV, "1")
