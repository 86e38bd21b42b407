"""Every URL pattern is in the URL policy, and the policy holds for every role of the cast."""

import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, UUIDConverter

from people.access import ADMIN_SITE, ANONYMOUS, API, SCIM, allows, rule_for

ROLES = ["agent", "leader", "manager", "hr", "trainer", "superuser", "no_employee"]


def named_patterns(patterns=None, namespace=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name or '*'}", pattern  # unnamed: only a namespace rule covers it


def url_of(name, pattern):
    """The URL of a pattern, with made-up arguments that match no object."""
    kwargs = {}
    for argument, converter in pattern.pattern.converters.items():
        if isinstance(converter, IntConverter):
            kwargs[argument] = 999999
        elif isinstance(converter, UUIDConverter):
            kwargs[argument] = uuid.uuid4()
        else:
            kwargs[argument] = "no-such-thing"
    return reverse(name, kwargs=kwargs)


PROJECT_PATTERNS = [(name, pattern) for name, pattern in named_patterns() if not name.startswith("admin:")]


def test_every_url_pattern_has_a_name_and_a_rule():
    assert [name for name, _pattern in named_patterns() if rule_for(name) is None] == []


def test_the_policy_lists_no_pattern_that_does_not_exist():
    from people.access import url_policy

    names = {name for name, _pattern in named_patterns() if name}
    assert [name for name in url_policy() if not name.endswith(":*") and name not in names] == []


@pytest.mark.parametrize(("name", "pattern"), PROJECT_PATTERNS, ids=[name for name, _ in PROJECT_PATTERNS])
def test_each_role_is_admitted_or_refused_as_the_policy_says(client, cast, name, pattern):
    rule = rule_for(name)
    url = url_of(name, pattern)
    if rule in (API, SCIM):  # no session, no token: the API's own answer, not the login page
        assert client.get(url).status_code == 401
    elif rule not in (ANONYMOUS, ADMIN_SITE):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
    for role in ROLES:
        user = getattr(getattr(cast, role), "user", getattr(cast, role))
        client.force_login(user)
        status = client.get(url).status_code
        if allows(rule, user):
            assert status != 403, f"{role} should reach {name}"
        else:
            assert status == 403, f"{role} should be refused {name}"
        client.logout()
