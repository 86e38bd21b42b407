"""Signing in through the identity provider in a real browser, and the API's pages."""

import copy
import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from sso.provider import origin
from tests.sso.provider import CLIENT_ID, CLIENT_SECRET, Provider


@pytest.fixture
def provider(httpserver, settings):
    cache.clear()
    idp = Provider(httpserver)
    settings.OIDC_ISSUER = idp.issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_PROVIDER_NAME = "Entra ID"
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["form-action"].append(origin(idp.issuer))  # as settings.py does for OIDC_ISSUER
    settings.CONTENT_SECURITY_POLICY = policy
    yield idp
    cache.clear()


def test_an_agent_signs_in_through_the_provider_and_out_again(cast, page, provider):
    cast.agent.language = "sv"
    cast.agent.save()
    provider.person = {"sub": "entra-agent", "email": cast.agent.user.email}
    page.goto("/login/")
    page.get_by_role("link", name="Sign in with Entra ID").click()
    expect(page).to_have_url(re.compile(r"/coaching/$"))
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    page.get_by_role("button", name=cast.agent.full_name).click()  # the account menu
    page.get_by_role("button", name="Logga ut").click()
    expect(page).to_have_url(re.compile(r"/idp/logout\?id_token_hint="))


def test_a_refused_sign_in_says_why_in_the_browser(cast, page, provider):
    provider.person = {"sub": "stranger", "email": "stranger@else.example"}
    page.goto("/login/")
    page.get_by_role("link", name="Sign in with Entra ID").click()
    expect(page.get_by_role("heading", name="Sign-in refused")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("No one in Samtal matches your account")


def test_an_agent_issues_a_token_and_reads_the_api_documentation(cast, log_in):
    page = log_in(cast.agent)
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto("/api/tokens/")
    page.get_by_label("Name").fill("My spreadsheet")
    page.get_by_role("button", name="Issue token").click()
    expect(page.get_by_role("status")).to_contain_text("smt_")
    page.get_by_role("link", name="API documentation").click()
    expect(page.get_by_text("/api/v1/people/", exact=True)).to_be_visible()
    assert [error for error in errors if "Content Security Policy" in error] == []
