# Samtal: `make demo` runs it with a demo organisation, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEMO_ENV := DEBUG=true

.PHONY: demo install test lint check messages lock bench clean

$(VENV)/.installed: requirements/dev.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
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

test: install
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

# Extract the strings into locale/ (templates/, config/) and each app's own <app>/locale/, then compile.
messages: install
	$(PY) manage.py makemessages --locale nb --locale sv --ignore '.venv/*' --ignore 'tests/*' --ignore 'var/*'
	$(PY) manage.py compilemessages --ignore '.venv/*'

lock:
	uv pip compile pyproject.toml --generate-hashes --python-version 3.11 -q -o requirements/base.lock
	uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -q -o requirements/dev.lock

bench: install
	$(PY) manage.py bench

clean:
	rm -rf $(VENV) var db.sqlite3
