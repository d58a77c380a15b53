# Two commands on a fresh clone (see README): `make report` and `make test`.
# Everything lives in .venv; system packages come from Debian where the tests need them.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: report test setup system-packages clean

report: setup
	$(BIN)/reportgen check findings/merton.yml
	$(BIN)/reportgen build findings/merton.yml

test: setup system-packages
	$(BIN)/python -m pytest

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

system-packages:
	@true

clean:
	rm -rf $(VENV) output
