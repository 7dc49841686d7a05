# Tuyên giáo số — two commands do all the set-up: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000

.PHONY: demo test test-core bench lint serve clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	TUYENGIAO_DEMO=1 $(BIN)/tuyengiao init
	TUYENGIAO_DEMO=1 $(BIN)/tuyengiao demo
	@echo "Mở http://127.0.0.1:$(PORT)/ — dừng bằng Ctrl+C."
	TUYENGIAO_DEMO=1 $(BIN)/tuyengiao runserver --insecure 127.0.0.1:$(PORT)

test: $(STAMP) lint
	$(BIN)/python -m pytest

test-core: $(STAMP)
	$(BIN)/python -m pytest tests/core -p no:django

bench: $(STAMP)
	$(BIN)/python -m bench.run

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) var .pytest_cache
