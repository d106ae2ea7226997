# The two commands a newcomer needs: `make run` and `make test`. Both set up .venv themselves.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
EXAMPLE ?= examples/iris_pipeline.ipynb

.PHONY: help run test e2e lint docs bench bench-server vsix clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(VENV)/.base: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.dev: $(VENV)/.base
	$(PY) -m pip install --quiet -e ".[dev,sdk,outputs]"
	touch $@

run: $(VENV)/.base ## set up .venv and check the example notebook
	$(VENV)/bin/proactive-lsp check $(EXAMPLE) examples/broken_pipeline.ipynb || test $$? -eq 1

test: $(VENV)/.dev ## set up .venv with the test tools and run the whole suite
	bash scripts/install-test-tools.sh
	$(PY) -m ruff check proactive_lsp tests bench
	$(PY) -m mypy
	$(PY) -m pytest

e2e: $(VENV)/.dev ## the editors for real: code-server and JupyterLab driven in headless Chromium
	PROACTIVE_E2E=1 $(PY) -m pytest -m editors_e2e tests/editors

vsix: ## package the VS Code extension (.vsix under editors/vscode/dist)
	bash editors/vscode/scripts/package.sh

lint: $(VENV)/.dev ## ruff and mypy only
	$(PY) -m ruff check proactive_lsp tests bench
	$(PY) -m mypy

docs: $(VENV)/.base ## regenerate docs/diagnostics.md from the code registry
	$(PY) -m proactive_lsp.checks.docs > docs/diagnostics.md

bench: $(VENV)/.dev ## print the check benchmark figures
	$(PY) bench/bench_check.py

bench-server: $(VENV)/.dev ## print the language server latency figures (ours and ruff's)
	$(PY) bench/bench_server.py

clean: ## remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
