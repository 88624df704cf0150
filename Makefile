# oncoguide: `make run` starts the product with the sample records loaded; `make test` runs the tests.
# Both install what is missing first (a virtualenv in .venv and Debian's Tesseract).

VENV    ?= .venv
PYTHON  ?= python3
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed

.PHONY: install run test test-fast bench samples eval clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@scripts/install-system-packages tesseract-ocr
	@touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/oncoguide demo

test: $(STAMP)
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) -m bench

samples: $(STAMP)
	ONCOGUIDE_REGENERATE_SAMPLES=1 $(PY) -m samples.generate

eval: $(STAMP)
	$(VENV)/bin/oncoguide eval ../shared/data/tcga-brca-dev.jsonl

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis artifacts
