# Developer shortcuts. The venv is the one the README creates.
PY ?= .venv/bin/python

.PHONY: test lint docs bench ci
test:
	$(PY) -m pytest -q
lint:
	$(PY) -m ruff check .
	$(PY) -m mypy
docs:
	$(PY) -m mutasi.tools.cli_docs > docs/cli.md
bench:
	$(PY) bench/run.py
ci:
	bash .ci/run
