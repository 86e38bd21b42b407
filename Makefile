# Samtal: `make demo` runs it with a demo organisation, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEMO_ENV := DEBUG=true

.PHONY: demo install system-packages test lint check messages lock bench loadtest clean

# A half-made .venv (Debian without python3-venv) is removed again, so the next try starts clean.
$(VENV)/.installed: requirements/dev.lock
	@$(PYTHON) -c "import ensurepip, venv" 2>/dev/null || { echo "Samtal needs Python's venv module: sudo apt-get install python3-venv"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); exit 1; }
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/dev.lock
	touch $@

install: $(VENV)/.installed

demo: install
	$(DEMO_ENV) $(PY) manage.py migrate --no-input --verbosity 0
	$(DEMO_ENV) $(PY) manage.py seed_demo --if-empty
	@echo "Samtal runs on http://127.0.0.1:8000 (Ctrl-C stops the web app, worker and beat)"
	$(DEMO_ENV) $(VENV)/bin/honcho start

# The clock-sensitive tests (marked `clock`) run again at a winter day, a summer day and both
# daylight-saving switch days in Europe/Oslo (just before 02:00 on the spring day and 03:00 in autumn).
CLOCK_DATES := 2027-01-15T10:00 2027-07-01T09:00 2027-03-28T01:30 2027-10-31T02:30
PYTEST_WORKERS ?= 2

# The browser tests need Chromium and libatomic1 (for Playwright's driver), and the PDF exports
# (WeasyPrint) the pango libraries. As root on Debian they are installed here; elsewhere the browser
# tests say in one line what is missing and skip (CI=true: they fail).
system-packages:
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		missing=""; \
		[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
		ls /usr/lib/*/libatomic.so.1 >/dev/null 2>&1 || missing="$$missing libatomic1"; \
		ls /usr/lib/*/libpango-1.0.so.0 >/dev/null 2>&1 || missing="$$missing libpango-1.0-0"; \
		ls /usr/lib/*/libpangoft2-1.0.so.0 >/dev/null 2>&1 || missing="$$missing libpangoft2-1.0-0"; \
		if [ -n "$$missing" ]; then \
			echo "Installing$$missing for the browser tests and PDF exports (apt-get)"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
		fi; \
	fi

test: install system-packages
	$(PY) -m pytest -n $(PYTEST_WORKERS)
	for moment in $(CLOCK_DATES); do \
		echo "== clock tests at $$moment (Europe/Oslo)"; \
		SAMTAL_TEST_NOW=$$moment $(PY) -m pytest -q -m clock || exit 1; \
	done

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: install
	$(PY) manage.py makemigrations --check --dry-run
	DEBUG=false SECRET_KEY=$$(openssl rand -hex 32 2>/dev/null || echo check-deploy-key-that-is-long-enough-and-random-0123456789) \
		ALLOWED_HOSTS=samtal.example $(PY) manage.py check --deploy --fail-level WARNING

# Extract the strings into locale/ (templates/, config/) and each app's own <app>/locale/, then compile
# (needs gettext; the compiled .mo files are committed, so nothing else does).
messages: install
	$(PY) manage.py makemessages --locale nb --locale sv --ignore '.venv/*' --ignore 'tests/*' --ignore 'var/*'
	$(PY) manage.py compilemessages --ignore '.venv/*'

lock:
	uv pip compile pyproject.toml --generate-hashes --python-version 3.11 -q -o requirements/base.lock
	uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -q -o requirements/dev.lock

# Organisation sizes to benchmark, comma-separated: make bench SIZES=250,2500,25000
SIZES ?= 250,2500
bench: install
	$(PY) manage.py bench --sizes $(SIZES)

# gunicorn with 3 workers and Locust headless, 20 clients for 60 s, on the seeded database in DATABASE_URL:
# DATABASE_URL=postgres://… make loadtest (CLIENTS=, DURATION=, WORKERS= to change them; PAGE=dashboard
# or PAGE=coverage for one page without pauses)
loadtest: install
	demo/loadtest/run.sh

clean:
	rm -rf $(VENV) var db.sqlite3
