"""`make loadtest`: the demo organisation's people at work, through the real login, for Locust.

Each simulated user logs in as one demo role (leader, agent, manager, HR) and then reads the pages that
role reads most, with a few seconds' pause between pages, as people do. The mix: many agents and
leaders, a few managers, one HR partner in twenty. At the end one line per page and a total: requests,
requests per second, the 50th, 95th and 99th percentile in ms, and errors (any non-200 answer, or a
login that does not land). The exit status is 1 when there was an error.

`PAGE=dashboard` or `PAGE=coverage` (run.sh) runs one page's clients without pauses instead of the
mix: the page's capacity in requests per second.
"""

import random
import re

from locust import HttpUser, between, constant, events, task
from locust.stats import StatsEntry

PASSWORD = "samtal-demo"  # people.demo.DEMO_PASSWORD (not imported: Locust runs without Django)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class DemoUser(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    username = ""

    def on_start(self):
        form = self.client.get("/login/", name="login form")
        token = CSRF.search(form.text)
        with self.client.post(
            "/login/",
            {
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": token and token.group(1),
            },
            headers={"Referer": f"{self.host}/login/"},
            name="log in",
            catch_response=True,
        ) as response:
            if response.url.rstrip("/").endswith("/login"):
                response.failure(f"{self.username} was not logged in")

    def links(self, url, pattern, name):
        """Fetch `url` and return the paths in it that match `pattern` (to follow one, as people click)."""
        response = self.client.get(url, name=name)
        return re.findall(pattern, response.text)


class Leader(DemoUser):
    weight = 6
    username = "leader"

    @task(5)
    def dashboard(self):
        members = self.links("/dashboards/team/", r'href="(/dashboards/people/\d+/)"', "leader dashboard")
        if members:
            self.client.get(random.choice(members), name="employee overview")

    @task(2)
    def roster(self):
        self.client.get("/team/", name="team roster")

    @task(2)
    def team_goals(self):
        self.client.get("/goals/team/", name="team goals")


class Agent(DemoUser):
    weight = 10
    username = "agent"

    @task(3)
    def my_conversations(self):
        self.client.get("/coaching/", name="my conversations")

    @task(3)
    def my_goals(self):
        self.client.get("/goals/", name="my goals")

    @task(1)
    def my_profile(self):
        self.client.get("/me/", name="my profile")


class Manager(DemoUser):
    weight = 3
    username = "manager"

    @task(4)
    def coverage(self):
        """The demo manager follows one site: coverage opens on its teams, 50 to a page."""
        response = self.client.get("/dashboards/coverage/", name="coverage")
        teams = re.findall(r'href="(/dashboards/team/\?team=\d+)"', response.text)
        if teams:
            self.client.get(random.choice(teams), name="team dashboard (manager)")
        next_page = re.search(r'href="\?(site=\d+)&amp;(page=\d+)"', response.text)
        if next_page and random.random() < 0.25:
            self.client.get(
                f"/dashboards/coverage/?{next_page[1]}&{next_page[2]}", name="coverage, next page"
            )

    @task(1)
    def directory(self):
        self.client.get("/people/", name="directory")


class HR(DemoUser):
    weight = 1
    username = "hr"

    @task(3)
    def directory(self):
        self.client.get("/people/", name="directory")

    @task(1)
    def team_search(self):
        self.client.get("/people/teams/?team_search=ca", name="team search")

    @task(1)
    def coverage(self):
        self.client.get("/dashboards/coverage/", name="coverage (all sites)")


class DashboardOnly(DemoUser):
    """`PAGE=dashboard`: every client is a leader reloading their dashboard without a pause, to
    measure how many of that page the workers serve per second."""

    wait_time = constant(0)
    username = "leader"

    @task
    def dashboard(self):
        self.client.get("/dashboards/team/", name="leader dashboard")


class CoverageOnly(DemoUser):
    """`PAGE=coverage`: every client is the site manager reloading coverage without a pause."""

    wait_time = constant(0)
    username = "manager"

    @task
    def coverage(self):
        self.client.get("/dashboards/coverage/", name="coverage")


LOGIN = {"login form", "log in"}


@events.quitting.add_listener
def summary(environment, **kwargs):
    """One line per page, the pages together (logins left out: hashing a password is slow on purpose),
    and everything; written to var/loadtest-summary.txt, which run.sh prints."""
    stats = environment.stats
    entries = sorted(stats.entries.values(), key=lambda entry: entry.name)
    pages = StatsEntry(stats, "all pages (after login)", "")
    for entry in entries:
        if entry.name not in LOGIN:
            pages.extend(entry)
    lines = [f"{'page':<28}{'requests':>9}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'errors':>8}"]
    for entry in [*entries, pages, stats.total]:
        percentile = entry.get_response_time_percentile
        # Over the entry's own span, from its first request to its last, so that the logins at the
        # start (slow on purpose) do not dilute a page's rate.
        span = (entry.last_request_timestamp or entry.start_time) - entry.start_time
        rps = entry.num_requests / max(span, 1)
        lines.append(
            f"{entry.name:<28}{entry.num_requests:>9}{rps:>8.1f}{percentile(0.5):>8.0f}"
            f"{percentile(0.95):>8.0f}{percentile(0.99):>8.0f}{entry.num_failures:>8}"
        )
    with open("var/loadtest-summary.txt", "w") as summary_file:
        summary_file.write("\n".join(lines) + "\n")
    if stats.total.num_failures:
        environment.process_exit_code = 1
