#!/usr/bin/env bash
# `make loadtest`: gunicorn (WORKERS processes) on the database in DATABASE_URL, then Locust headless
# with CLIENTS simulated people for DURATION. Seed the database first (seed_demo --employees 25000).
# PAGE=dashboard or PAGE=coverage runs one page without pauses instead of the mix: its capacity.
# Plain HTTP on 127.0.0.1: secure cookies and the HTTPS redirect are off for this run only.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${DATABASE_URL:?set DATABASE_URL to a seeded database}"
WORKERS=${WORKERS:-3} CLIENTS=${CLIENTS:-20} DURATION=${DURATION:-60s} PORT=${PORT:-8765}
case "${PAGE:-}" in
  "") users="Leader Agent Manager HR" ;;  # the realistic mix
  dashboard) users=DashboardOnly ;;        # one page without pauses: its capacity
  coverage) users=CoverageOnly ;;
  *) echo "PAGE must be dashboard or coverage (or unset for the mix)" >&2; exit 2 ;;
esac
export DEBUG=false SECURE_SSL_REDIRECT=false SECURE_COOKIES=false ALLOWED_HOSTS=127.0.0.1
export SECRET_KEY=${SECRET_KEY:-loadtest-only-$(date +%s)-not-a-secret-0123456789abcdefghij}
export LOG_LEVEL=WARNING
mkdir -p var
.venv/bin/python manage.py collectstatic --no-input --verbosity 0
.venv/bin/gunicorn config.wsgi --workers "$WORKERS" --bind "127.0.0.1:$PORT" --pid var/loadtest.pid \
  --log-level warning --daemon
trap 'kill "$(cat var/loadtest.pid)"' EXIT
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$PORT/login/" && break; sleep 0.2; done
echo "gunicorn: $WORKERS workers; Locust: $CLIENTS clients for $DURATION (${PAGE:-the mix})"
status=0
# shellcheck disable=SC2086  # $users is a list of class names
.venv/bin/locust -f demo/loadtest/locustfile.py $users --headless --users "$CLIENTS" --spawn-rate "$CLIENTS" \
  --run-time "$DURATION" --host "http://127.0.0.1:$PORT" --only-summary >var/loadtest.log 2>&1 || status=$?
cat var/loadtest-summary.txt  # Locust's own tables are in var/loadtest.log
exit $status
