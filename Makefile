# Two commands on a fresh clone (see README): `make report` and `make test`.
# Everything lives in .venv; system packages come from Debian where the tests need them.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: report test test-quick fuzz bench setup fonts system-packages clean

report: setup fonts
	$(BIN)/reportgen check findings/merton.yml
	$(BIN)/reportgen build findings/merton.yml

# Two workers (pytest-xdist): every test writes only under its own temporary folder.
test: setup system-packages
	$(BIN)/python -m pytest -n 2 --dist worksteal

# The quick loop: everything but the tests marked browser, office or slow (pyproject.toml), in under a minute.
test-quick: setup
	$(BIN)/python -m pytest -n 2 --dist worksteal -m "not browser and not office and not slow"

# The fuzz tests with ten times the examples (tests/test_fuzz.py): a longer hunt, before a release.
fuzz: setup
	FUZZ_EXAMPLES=10 $(BIN)/python -m pytest -n 2 tests/test_fuzz.py

# The benchmark (docs/developing.md, Performance): reportgen against WeasyPrint alone and pandoc.
bench: setup fonts
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# What the tests need beyond .venv, on a brand-new Debian machine (run as root, as CI does):
# headless Chromium and its fonts for the accessibility check, LibreOffice Writer and Calc for the
# Word read-back and the workbook check, faketime for the reproducibility test, poppler-utils (pdftoppm) to look at
# pages in pixels, axe-core and playwright-core from tests/a11y/package-lock.json. Idempotent:
# apt is only asked when a package is missing, npm only when node_modules is.
system-packages:
	@set -e; packages="chromium fonts-liberation libreoffice-writer-nogui libreoffice-calc-nogui faketime libcairo2 hunspell-en-gb poppler-utils"; missing=""; \
	for pkg in $$packages; do \
	  dpkg-query -W -f='$${Status}\n' "$$pkg" 2>/dev/null | grep -q '^install ok installed$$' || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "system-packages: installing$$missing"; \
	  apt-get update; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$packages; \
	fi
	@if [ ! -d tests/a11y/node_modules ]; then npm ci --prefix tests/a11y --no-audit --no-fund; fi

# The house font (Liberation Sans, metric-compatible with Arial); without it reports fall back to DejaVu Sans.
fonts:
	@if ! fc-list 2>/dev/null | grep -q LiberationSans; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends fonts-liberation; \
	  else echo "fonts: Liberation Sans is not installed (apt-get install fonts-liberation); using DejaVu Sans"; fi; \
	fi

clean:
	rm -rf $(VENV) output
