# claimcompare: two commands on a fresh machine (Python 3.11+ and pip):
#   make report   set up .venv, run every notebook on the seeds (or CORPUS=path [PATTERN='*.html']), write reports/
#   make test     set up .venv, run the unit tests, nbval over notebooks/, the browser test and the twin check
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CORPUS ?= seeds
PATTERN ?= *.txt
OUT ?= reports
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]-*.ipynb))
PORT ?= 8888
IP ?= 127.0.0.1
export PYDEVD_DISABLE_FILE_VALIDATION := 1
# Tests and the committed notebook outputs use the lexical backend even where the
# optional embeddings extra is installed (make report uses "auto": hybrid when it is).
LEXICAL := CLAIMCOMPARE_SEMANTIC=off

.PHONY: setup report test unit nbval browser chromium twins fuzz lab execute sync html clean benchmark evaluate

$(STAMP): requirements.txt lib/pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

setup: $(STAMP)

## report: every notebook executed on $(CORPUS), as HTML, plus the CSVs behind them, in $(OUT)/ (emptied first)
report: setup
	$(BIN)/claimcompare report "$(CORPUS)" --pattern "$(PATTERN)" --out "$(OUT)" --notebooks notebooks

## test: unit tests, then nbval over the committed notebooks, the browser test, then the twin check
test: setup
	$(BIN)/python -m pip freeze --disable-pip-version-check > $(VENV)/pip-freeze.txt
	@echo "environment: $$(wc -l < $(VENV)/pip-freeze.txt) packages (pip freeze in $(VENV)/pip-freeze.txt)"
	$(MAKE) unit nbval browser twins

unit: setup
	$(LEXICAL) $(BIN)/pytest -q -p no:cacheprovider -m "not browser" tests

## fuzz: the property tests with 20 times the examples, random search (CI runs them derandomised)
fuzz: setup
	HYPOTHESIS_PROFILE=fuzz $(LEXICAL) $(BIN)/pytest -q -p no:cacheprovider $$(grep -l '@given' tests/test_*.py)

## nbval: the committed notebooks re-run and compared with their outputs, on a copy beside a copy of
## seeds/ in a temporary folder, so that the charts they save never land in reports/
nbval: setup
	@tmp=$$(mktemp -d) && cp -R notebooks seeds "$$tmp"/ && mkdir "$$tmp"/tests && cp -R tests/gold "$$tmp"/tests/ && \
	  $(LEXICAL) $(BIN)/python -m pytest -q -p no:cacheprovider -p tests.conftest --nbval --nbval-current-env \
	    --nbval-sanitize-with tests/nbval_sanitize.cfg "$$tmp"/notebooks/*.ipynb; \
	  status=$$?; rm -rf "$$tmp"; exit $$status

## browser: headless Chromium opens every page of a report built on the invented corpus (tests/test_browser.py)
browser: setup chromium
	$(LEXICAL) $(BIN)/pytest -q -p no:cacheprovider -m browser tests/test_browser.py

## chromium: Debian's chromium package, installed when missing (needs root and Debian's package archive)
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "chromium: not found; installing Debian's chromium package (apt-get)"; \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; } \
	  || { echo "chromium: could not be installed; as root run: apt-get update && apt-get install chromium (Debian), then make browser"; exit 1; }; }

twins: setup
	$(BIN)/python tests/check_twins.py $(NOTEBOOKS)

## execute: re-run the committed notebooks top to bottom in place (after a library change)
execute: setup
	@for nb in $(NOTEBOOKS); do \
	  $(LEXICAL) $(BIN)/jupyter nbconvert --log-level WARN --to notebook --execute --inplace $$nb || exit 1; \
	done
	$(BIN)/python -c 'import sys; from claimcompare.report import normalise_notebook_files; normalise_notebook_files(sys.argv[1:])' $(NOTEBOOKS)
	$(MAKE) sync

## sync: write each notebook's py:percent twin beside it (notebooks/NN-topic.py)
sync: setup
	$(BIN)/jupytext --quiet --to py:percent $(NOTEBOOKS)

## lab: JupyterLab on notebooks/ at http://$(IP):$(PORT)/lab (PORT=, IP=; as root too, e.g. in a container)
lab: setup
	@echo "JupyterLab: http://$(IP):$(PORT)/lab (the login token is printed below; Ctrl-C stops it)"
	$(BIN)/jupyter lab --notebook-dir notebooks --ip "$(IP)" --port "$(PORT)" --ServerApp.port_retries=0 --no-browser \
	  $$(test "$$(id -u)" = 0 && echo --allow-root)

evaluate: setup
	$(BIN)/claimcompare evaluate

## benchmark: segmentation vs peers, then time/memory/F1 at 100, 1,000 and 10,000 generated articles (about 10 min)
benchmark: setup
	$(BIN)/python benchmarks/segment.py --csv reports/benchmark-segment.csv
	$(BIN)/python benchmarks/scale.py --no-tracemalloc --csv reports/benchmark-scale.csv

clean:
	rm -rf reports .pytest_cache
