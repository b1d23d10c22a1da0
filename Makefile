# lexkit: `make demo` builds the flagship dossier; `make test` runs the whole suite.
# Both create .venv when it is missing.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: help demo test lint bench reference clean

help:
	@echo "make demo       set up .venv, read the example feedback, build drafts/child-protection and drafts/psea-moldova into output/"
	@echo "make test       set up .venv with test extras and run the whole suite"
	@echo "make lint       ruff and mypy"
	@echo "make bench      benchmarks: rendering against a minimal DOCX writer, intake against calamine, the comparative table against a plain table (bench/)"
	@echo "make reference  rewrite templates/reference.docx with the default styles"
	@echo "make clean      remove output/"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

EXAMPLES := drafts/child-protection/feedback-examples

# The demo reads the example stakeholders' files into the register (a second run finds
# them there already), then builds: the consultation report has its synthesis and charts.
# Both editions: the working one, then the official one (output/child-protection/official/),
# which lists the facts still to verify.
# Then the PSEA officer's pack (drafts/psea-moldova, example data), in both editions.
demo: $(STAMP)
	$(BIN)/lexkit consult ingest -d child-protection $(EXAMPLES)/*.csv $(EXAMPLES)/*.xlsx
	$(BIN)/lexkit build child-protection
	$(BIN)/lexkit build child-protection --edition official
	$(BIN)/lexkit build psea-moldova
	$(BIN)/lexkit build psea-moldova --edition official

test: $(STAMP)
	$(BIN)/ruff check tools tests bench
	$(BIN)/ruff format --check tools tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check tools tests bench
	$(BIN)/ruff format --check tools tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/bench_render.py
	$(BIN)/python bench/bench_intake.py
	$(BIN)/python bench/bench_comparative.py
	$(BIN)/python bench/bench_consultation.py

reference: $(STAMP)
	$(BIN)/lexkit reference-docx -o templates/reference.docx

clean:
	rm -rf output
