"""Server time of the key pages as a ratio to a trivial logged-in page, at several organisation sizes.

Each size gets a fresh test database seeded with the demo organisation. A page is requested through
Django's test client (the whole middleware stack, no network): a few warm-up requests, then the
median of --requests timed ones, with the median time spent in SQL and the size of the HTML. Query
counts should be equal at every size (no N+1).
"""

import argparse
import datetime
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dashboards.figures import report_figures_refresh
from dashboards.reports import REPORTS
from dashboards.stored_coverage import coverage_refresh
from demo.management.commands.seed_demo import MAX_EMPLOYEES, MIN_EMPLOYEES, seed_everything
from onboarding.trainings import site_compliance_refresh
from people.models import Employee, Site


@dataclass(frozen=True)
class Page:
    label: str
    viewer: Callable[[], Employee]  # who requests the page
    url: Callable[[Employee], str]  # the page, for that viewer
    target: float = 3.0  # the ratio to the trivial page we aim to stay within


def demo_login(username):
    return lambda: Employee.objects.select_related("user").get(user__username=username)


def team_led_by(username):
    return Employee.objects.get(user__username=username).led_teams.order_by("pk").first().pk


def largest_site():
    return Site.objects.annotate(people=Count("employees")).order_by("-people", "pk").first().pk


def first_member_of(viewer):
    return Employee.objects.filter(team__leader=viewer).order_by("pk").first()


# Every app adds its key pages here, one entry each.
PAGES = [
    Page("team roster", demo_login("leader"), lambda viewer: reverse("people:roster")),
    Page(
        "employee detail",
        demo_login("leader"),
        lambda viewer: reverse("people:employee_detail", args=[first_member_of(viewer).pk]),
    ),
    Page("HR directory", demo_login("hr"), lambda viewer: reverse("people:directory"), 5.0),
    Page("leader dashboard", demo_login("leader"), lambda viewer: reverse("dashboards:leader_dashboard")),
    Page(
        "coverage (site manager)", demo_login("manager"), lambda viewer: reverse("dashboards:coverage"), 5.0
    ),
    Page(
        "coverage (head, all sites)", demo_login("head"), lambda viewer: reverse("dashboards:coverage"), 5.0
    ),
    Page("team goals", demo_login("leader"), lambda viewer: reverse("goals:team_goals")),
    Page("my goals", demo_login("agent"), lambda viewer: reverse("goals:my_goals")),
    Page("my conversations", demo_login("agent"), lambda viewer: reverse("coaching:my_conversations")),
    # The org-wide reports: HR's whole organisation, aggregated in SQL (each under 5× the trivial page).
    *(
        Page(
            f"report: {key} (HR)",
            demo_login("hr"),
            lambda viewer, key=key: reverse("dashboards:report_detail", args=[key]),
            5.0,
        )
        for key in REPORTS
    ),
    # A site's page of teams: the largest site, 45% of the demo organisation.
    *(
        Page(
            f"report: {key}, one site (HR)",
            demo_login("hr"),
            lambda viewer, key=key: (
                reverse("dashboards:report_detail", args=[key]) + f"?site={largest_site()}"
            ),
            5.0,
        )
        for key in ("coverage", "trainings")
    ),
    Page(
        "report CSV: coverage (HR)",
        demo_login("hr"),
        lambda viewer: reverse("dashboards:report_csv", args=["coverage"]),
        5.0,
    ),
    Page(
        "team handover (HR)",
        demo_login("hr"),
        lambda viewer: reverse("coaching:team_handover", args=[team_led_by("leader")]),
    ),
    Page(
        "trainings matrix (leader)",
        demo_login("leader"),
        lambda viewer: reverse("onboarding:training_matrix"),
        5.0,
    ),
    Page(
        "trainings matrix (HR)", demo_login("hr"), lambda viewer: reverse("onboarding:training_matrix"), 5.0
    ),
    Page("my trainings", demo_login("agent"), lambda viewer: reverse("onboarding:my_trainings")),
    Page(
        "conversation detail",
        demo_login("leader"),
        lambda viewer: viewer.led_conversations.order_by("-scheduled_at").first().get_absolute_url(),
    ),
    Page("new-hire checklist", demo_login("newhire"), lambda viewer: reverse("onboarding:my_onboarding")),
    Page("trainer's onboarding tasks", demo_login("trainer"), lambda viewer: reverse("onboarding:my_tasks")),
]


def history_of(*, years):
    """The development history page of an agent employed for `years` years (the demo's longest-serving
    agent, their start date moved back to ten years ago for the ten-year page: a fresh database)."""

    def url(viewer):
        if years == 1:
            agent = Employee.objects.filter(role=Employee.Role.AGENT).order_by("-started_on", "pk").first()
        else:
            agent = Employee.objects.filter(role=Employee.Role.AGENT).order_by("started_on", "pk").first()
            today = timezone.localdate()
            Employee.objects.filter(pk=agent.pk).update(
                started_on=today - datetime.timedelta(days=365 * years)
            )
        return reverse("hr:history", args=[agent.pk])

    return url


PAGES += [
    Page("history, 1 year (HR)", demo_login("hr"), history_of(years=1)),
    Page("history, 10 years (HR)", demo_login("hr"), history_of(years=10)),
    Page("API people (HR, first page)", demo_login("hr"), lambda viewer: reverse("api:people")),
    Page("API conversations (leader)", demo_login("leader"), lambda viewer: reverse("api:conversations")),
]
TRIVIAL = Page("trivial page", demo_login("agent"), lambda viewer: reverse("password_change_done"))


class Command(BaseCommand):
    help = "Seed organisations of each size and print queries and median server time per key page."

    def add_arguments(self, parser):
        parser.add_argument(
            "--sizes",
            type=_sizes,
            default=[250, 2500],
            help="organisation sizes, comma-separated (10 to 25,000 each): 250,2500,25000",
        )
        parser.add_argument("--requests", type=int, default=30)
        parser.add_argument(
            "--pages",
            default="",
            help='only the pages whose label contains this text (e.g. "report"); the trivial page always',
        )

    def handle(self, *args, sizes, requests, pages, **options):
        chosen = [page for page in PAGES if pages.lower() in page.label.lower()]
        if not chosen:
            raise CommandError(f"No page label contains {pages!r}.")
        # No setup_test_environment(): its instrumented template rendering would weigh on rich pages.
        plain_static = {"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
        rows = []
        hosts = [*settings.ALLOWED_HOSTS, "testserver"]
        with override_settings(
            STORAGES={**settings.STORAGES, **plain_static}, DEBUG=False, ALLOWED_HOSTS=hosts
        ):
            for size in sizes:
                rows += self._measure_size(size, requests, chosen)
        self._print(rows, sizes)

    def _measure_size(self, size, requests, pages):
        old_name = connection.settings_dict["NAME"]
        if connection.vendor != "sqlite":  # SQLite benchmarks in memory; a server gets its own database
            connection.settings_dict["TEST"]["NAME"] = f"{old_name}_bench"
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        try:
            started = time.monotonic()
            seed_everything(employees=size, seed=2026)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    # As autovacuum leaves a live database: statistics for the planner, and a visibility
                    # map so that index-only scans need not visit every freshly written row.
                    cursor.execute("VACUUM ANALYZE")
            self.stderr.write(f"seeded {size} people in {time.monotonic() - started:.1f} s")
            started = time.monotonic()
            # As the worker does every REPORT_REFRESH_MINUTES.
            report_figures_refresh(now=timezone.now())
            site_compliance_refresh(now=timezone.now())
            coverage_refresh(now=timezone.now())
            self.stderr.write(f"refreshed the stored figures in {time.monotonic() - started:.1f} s")
            trivial = self._time_page(TRIVIAL, requests)
            rows = []
            for page in pages:
                timing = self._time_page(page, requests)
                rows.append((page, size, timing, timing.median_ms / trivial.median_ms))
            rows.append((TRIVIAL, size, trivial, 1.0))
            return rows
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=False)

    def _time_page(self, page, requests):
        viewer = page.viewer()
        client = Client()
        client.force_login(viewer.user)
        url = page.url(viewer)
        for _ in range(3):
            response = client.get(url, secure=True)
            assert response.status_code == 200, f"{page.label}: {url} answered {response.status_code}"
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, secure=True)
        query_count = len(queries)  # read now: the log is cleared by the timed requests below
        timings, sql_timings = [], []
        sql_clock = _SqlClock()
        with connection.execute_wrapper(sql_clock):
            for _ in range(requests):
                sql_clock.spent = 0.0
                started = time.perf_counter()
                _body(client.get(url, secure=True))
                timings.append((time.perf_counter() - started) * 1000)
                sql_timings.append(sql_clock.spent * 1000)
        return Timing(
            queries=query_count,
            median_ms=statistics.median(timings),
            sql_ms=statistics.median(sql_timings),
            html_kib=len(_body(response)) / 1024,
        )

    def _print(self, rows, sizes):
        self.stdout.write(
            f"{'page':<28}{'people':>8}{'queries':>9}{'median ms':>11}{'ratio':>7}"
            f"{'HTML KiB':>10}{'SQL ms':>8}  target"
        )
        for page, size, timing, ratio in rows:
            verdict = "ok" if ratio <= page.target else "SLOW"
            self.stdout.write(
                f"{page.label:<28}{size:>8}{timing.queries:>9}{timing.median_ms:>11.1f}{ratio:>7.2f}"
                f"{timing.html_kib:>10.1f}{timing.sql_ms:>8.1f}  ≤{page.target:g}× {verdict}"
            )
        by_page = {}
        for page, _size, timing, _ratio in rows:
            by_page.setdefault(page.label, set()).add(timing.queries)
        changing = [label for label, counts in by_page.items() if len(counts) > 1]
        if changing:
            self.stdout.write(f"query counts differ between sizes for: {', '.join(changing)}")
        else:
            self.stdout.write(f"query counts are the same at {' and '.join(map(str, sizes))} people")


@dataclass(frozen=True)
class Timing:
    queries: int  # SQL queries of one request
    median_ms: float  # server time of a request, median
    sql_ms: float  # of which waiting for SQL, median
    html_kib: float  # size of the response body


def _body(response) -> bytes:
    """The whole body, a streamed one (a CSV export) read to its end: its lines are written then."""
    return response.getvalue()


class _SqlClock:
    """A connection execute_wrapper that adds up the time spent in SQL."""

    def __init__(self):
        self.spent = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.spent += time.perf_counter() - started


def _sizes(value: str) -> list[int]:
    """ "250,2500,25000" -> [250, 2500, 25000], each within what seed_demo accepts."""
    try:
        sizes = [int(part.replace("_", "")) for part in value.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"sizes are whole numbers separated by commas, not {value!r}"
        ) from None
    if not sizes or not all(MIN_EMPLOYEES <= size <= MAX_EMPLOYEES for size in sizes):
        raise argparse.ArgumentTypeError(f"each size must be between {MIN_EMPLOYEES} and {MAX_EMPLOYEES:,}")
    return sizes
