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

test: install
	$(PY) -m pytest

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
