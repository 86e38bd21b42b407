"""Who may reach which URL: the project's URL policy.

Each app's urls.py has an `access` dict that names, for every URL pattern of the app, the rule
below that admits a user. config/urls.py gathers them under their namespaces; the middleware turns
away whoever a rule does not admit, and a test walks the URL resolver so that no pattern is missing.
A rule admits whole classes of users; which rows they then see is `visible_to()`'s job.
"""

from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.core.exceptions import PermissionDenied

from people.models import Role

ANONYMOUS = "anonymous"  # public: login, password reset
AUTHENTICATED = "authenticated"  # any logged-in user, with or without an employee record
EMPLOYEE = "employee"  # any logged-in user with an employee record
SUPERUSER = "superuser"
ADMIN_SITE = "admin-site"  # Django admin: it checks staff status and model permissions itself
API = "api"  # the read API: it authenticates (token or session) and scopes the rows itself, 401 otherwise
SCIM = "scim"  # SCIM provisioning: a provisioning token only (provisioning.auth), 401 otherwise
LEADER = frozenset({Role.TEAM_LEADER})
LEADER_MANAGER_HR = frozenset({Role.TEAM_LEADER, Role.MANAGER, Role.HR})
MANAGER_HR = frozenset({Role.MANAGER, Role.HR})
HR = frozenset({Role.HR})
LEADER_HR = frozenset({Role.TEAM_LEADER, Role.HR})
HR = frozenset({Role.HR})
AGENT_TRAINER = frozenset({Role.AGENT, Role.TRAINER})
NOT_LEADER = frozenset(Role) - LEADER


def allows(rule, user) -> bool:
    """True when `rule` admits `user`. Superusers pass every role rule, but pages for employees
    (EMPLOYEE) need an employee record, which an administrator's login may not have."""
    if rule in (ANONYMOUS, ADMIN_SITE, API, SCIM):
        return True
    if not user.is_authenticated:
        return False
    if rule == AUTHENTICATED:
        return True
    employee = getattr(user, "employee", None)
    if rule == EMPLOYEE:
        return employee is not None
    if user.is_superuser:
        return True
    if employee is None or rule == SUPERUSER:
        return False
    return employee.role in rule


def url_policy() -> dict:
    """Every URL name of the project ("namespace:name") mapped to its rule."""
    return import_module(settings.ROOT_URLCONF).access


def rule_for(view_name: str):
    """The rule for a URL name; None when the policy does not list it (which refuses everyone)."""
    policy = url_policy()
    namespace = view_name.partition(":")[0]
    return policy.get(view_name, policy.get(f"{namespace}:*"))


@dataclass(frozen=True)
class NavEntry:
    """One entry of the main navigation. It is shown to whoever its URL's rule admits, so the menu and
    the policy cannot disagree; `roles` narrows it where a page is reachable by more people than it is
    useful to in the menu (a manager may open a leader's dashboard, but has their own start page)."""

    url_name: str
    label: str
    roles: frozenset | None = None
    # Entries with the same group (its label) that follow each other share one drop-down menu, so
    # that HR's dozen pages fit a laptop's menu bar; a group with one entry shown is a plain link.
    group: str | None = None

    def shown_to(self, user) -> bool:
        if not allows(rule_for(self.url_name), user):
            return False
        employee = getattr(user, "employee", None)
        return self.roles is None or (employee is not None and employee.role in self.roles)


def navigation_for(user) -> list[NavEntry]:
    """The main navigation entries `user` sees, in order (every app's `navigation` list)."""
    return [entry for entry in import_module(settings.ROOT_URLCONF).navigation if entry.shown_to(user)]


def menu_for(user) -> list[tuple[str | None, list[NavEntry]]]:
    """The menu bar: (group label, its entries) for a drop-down, (None, [entry]) for a plain link."""
    menu = []
    for entry in navigation_for(user):
        if entry.group is not None and menu and menu[-1][0] is not None and menu[-1][0] == entry.group:
            menu[-1][1].append(entry)
        else:
            menu.append((entry.group, [entry]))
    return [(group if len(entries) > 1 else None, entries) for group, entries in menu]


class UrlPolicyMiddleware:
    """Refuses (403) a request whose URL rule does not admit the user; unlisted URLs are refused."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.view_name.startswith(("static", "media")):
            return None
        rule = rule_for(match.view_name)
        if not request.user.is_authenticated and rule != ANONYMOUS and rule != ADMIN_SITE:
            return None  # LoginRequiredMiddleware sends them to the login page
        if rule is None or not allows(rule, request.user):
            raise PermissionDenied
        return None
