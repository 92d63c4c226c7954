# Developer shortcuts. The venv is the one the README creates.
PY ?= .venv/bin/python

.PHONY: test lint docs bench ci mutate
test:
	$(PY) -m pytest -q
lint:
	$(PY) -m ruff check .
	$(PY) -m mypy
docs:
	$(PY) -m mutasi.tools.cli_docs > docs/cli.md
bench:
	$(PY) bench/run.py
# Mutation testing of the deciding and verifying core (slow: minutes; see docs/testing.md).
# MUTATE_ARGS="--module engine/policy.py -j 2" narrows it.
mutate:
	nice -n 10 $(PY) -m mutasi.tools.mutate $(MUTATE_ARGS)
ci:
	bash .ci/run
