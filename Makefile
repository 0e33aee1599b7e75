# The two commands of the README:
#   make demo   install into .venv and run the main job on seeds/ (map + GeoJSON in out/)
#   make test   install everything the tests need (Python packages, Debian chromium and
#               gdal-bin when missing) and run ruff, mypy and pytest
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: demo test install install-test system-deps lint typecheck pytest bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -U pip

install: $(BIN)/python
	$(PIP) install .

demo: install
	$(BIN)/incidentmap run seeds/ -o $(OUT)

system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v ogrinfo >/dev/null 2>&1 || missing="$$missing gdal-bin"; \
	if [ -n "$$missing" ]; then \
		sudo=""; [ "$$(id -u)" -eq 0 ] || sudo="sudo"; \
		echo "installing Debian packages:$$missing"; \
		$$sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

install-test: $(BIN)/python system-deps
	$(PIP) install -e ".[test,dask]"

lint: install-test
	$(BIN)/ruff check src tests bench gazetteer
	$(BIN)/ruff format --check src tests bench gazetteer

typecheck: install-test
	$(BIN)/mypy

pytest: install-test
	$(BIN)/pytest tests src/incidentmap

test: lint typecheck pytest

clean:
	rm -rf $(VENV) $(OUT) build dist .pytest_cache .mypy_cache .ruff_cache
