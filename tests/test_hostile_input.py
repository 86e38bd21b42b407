"""No hostile input gets a server error: every URL of the URL policy, every GET parameter its view
reads, every role that may reach it. Bad input answers 400 or 404 (or is ignored), never 500."""

from urllib.parse import quote

import pytest
from django.http import QueryDict
from django.urls import reverse

from people.access import ANONYMOUS, allows, rule_for
from tests.coaching.factories import ActionItemFactory, ConversationFactory
from tests.factories import PASSWORD
from tests.goals.factories import GoalFactory, make_expectation
from tests.test_url_policy import PROJECT_PATTERNS

HOSTILE_VALUES = [
    "\x00",
    "abc\x00def",
    "²",  # a digit to str.isdigit(), not to int()
    "١",  # an Arabic-Indic one, which int() reads as 1
    "x" * 5000,
    "9" * 5000,
    "-1",
    "99999999999999999999",
    "1.5",
    "true",
    "../",
    "%",
    "<script>alert(1)</script>",
]
ROLES = ["agent", "leader", "manager", "hr", "superuser"]


@pytest.fixture
def records(cast):
    """One record of each kind the URLs take an id of, all about `cast.agent`, so that views get past
    their lookups to the parameters."""
    conversation = ConversationFactory(employee=cast.agent)
    return {
        "conversation": conversation,
        "action_item": ActionItemFactory(conversation=conversation),
        "goal": GoalFactory(employee=cast.agent),
        "expectation": make_expectation(team=cast.team, author=cast.leader),
        "employee": cast.agent,
    }


def record_for(name, argument, records):
    if argument == "employee_pk" or name.startswith(("people:", "dashboards:")) or "employee" in name:
        return records["employee"]
    for kind in ("expectation", "action_item", "goal", "check_in"):
        if kind in name:
            return records["goal" if kind == "check_in" else kind]
    return records["conversation"]


def real_url(name, pattern, records):
    kwargs = {}
    for argument in pattern.pattern.converters:
        kwargs[argument] = (
            record_for(name, argument, records).pk if argument.endswith("pk") else "no-such-thing"
        )
    return reverse(name, kwargs=kwargs)


def parameters_read(client, url, monkeypatch):
    """The query parameters a view looks at, found by watching every read of the request's QueryDict."""
    names = set()

    def watching(method):
        def watched(self, key, *args, **kwargs):
            if isinstance(self, QueryDict):
                names.add(key)
            return method(self, key, *args, **kwargs)

        return watched

    with monkeypatch.context() as patch:
        for method in ("get", "getlist", "__getitem__", "__contains__"):
            patch.setattr(QueryDict, method, watching(getattr(QueryDict, method)))
        status = client.get(url).status_code
    assert status < 500, url
    return sorted(names)


def users_admitted(cast, rule):
    users = [getattr(getattr(cast, role), "user", getattr(cast, role)) for role in ROLES]
    admitted = [user for user in users if allows(rule, user)]
    return [None, *admitted] if rule == ANONYMOUS else admitted


@pytest.mark.parametrize(("name", "pattern"), PROJECT_PATTERNS, ids=[name for name, _ in PROJECT_PATTERNS])
def test_no_server_error_from_hostile_query_parameters(client, cast, records, monkeypatch, name, pattern):
    client.raise_request_exception = False
    url = real_url(name, pattern, records)
    failures = []
    for user in users_admitted(cast, rule_for(name)):
        client.logout()
        if user is not None:
            client.force_login(user)
        for parameter in parameters_read(client, url, monkeypatch):
            for value in HOSTILE_VALUES:
                status = client.get(url, {parameter: value}).status_code
                if status >= 500:
                    failures.append((getattr(user, "username", "anonymous"), parameter, value[:20], status))
    assert failures == []


@pytest.mark.parametrize("token", ["abc\x00def", "x" * 5000, "²", "../etc", "%00"])
def test_a_hostile_calendar_token_is_not_found(client, db, token):
    client.raise_request_exception = False
    assert client.get(f"/coaching/calendar/{quote(token)}.ics").status_code == 404


@pytest.mark.parametrize("username", ["x" * 256, "x" * 5000, "abc\x00def"])
def test_a_hostile_login_username_is_an_ordinary_failed_login(client, cast, username):
    client.raise_request_exception = False
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/goals/new/?employee=abc", 400),
        ("/goals/new/?employee=%00", 400),
        ("/coaching/schedule/?type=%00", 400),
        ("/coaching/schedule/?employee=%C2%B2", 400),
    ],
)
def test_a_leaders_form_prefill_from_bad_parameters_is_a_translated_bad_request(client, cast, url, status):
    client.raise_request_exception = False
    cast.leader.language = "nb"
    cast.leader.save(update_fields=["language"])
    client.force_login(cast.leader.user)
    response = client.get(url)
    assert response.status_code == status
    assert "Ugyldig forespørsel" in response.content.decode()
