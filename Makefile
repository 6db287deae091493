# The README's two commands are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
DEV_ENV := DEBUG=true

.PHONY: run test lint bench bench-small screenshots clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	touch $@

# Serve the demo on http://127.0.0.1:8000 (SQLite, demo data loaded).
run: $(VENV)/.installed
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py load_demo
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:8000

# The whole suite: SQLite by default, PostgreSQL when DATABASE_URL points to one.
test: $(VENV)/.installed
	$(VENV)/bin/pytest

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(DEV_ENV) $(PY) manage.py makemigrations --check --dry-run

# Every benchmark against its baseline, as a table (docs/performance.md): needs
# the SYNTHETIC data set in PostgreSQL bench_scale (bench/generate_scale_data.py) and wrk.
bench: $(VENV)/.installed
	$(PY) bench/run.py

# The same scripts on tiny data in SQLite with 1-second wrk runs (CI, smoke).
bench-small: $(VENV)/.installed
	$(PY) bench/run.py --small --out bench/results/small

# Refresh the README's screenshots (docs/screenshots) by running the browser
# journey with Debian's chromium; fails rather than skips without it.
screenshots: $(VENV)/.installed
	SCREENSHOTS_DIR=docs/screenshots CI_REQUIRE_BROWSER=1 $(VENV)/bin/pytest tests/test_journey.py tests/test_journey_everyday.py -m browser

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
