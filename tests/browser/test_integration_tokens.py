"""HR issues the identity provider's provisioning token in Norwegian, sees its key once, and revokes it."""

import re

from playwright.sync_api import expect

from api.models import ApiToken


def test_hr_issues_a_provisioning_token_and_revokes_it(cast, log_in):
    cast.hr.language = "nb"
    cast.hr.save()
    page = log_in(cast.hr)
    page.get_by_role("button", name="Personer", exact=True).click()
    page.get_by_role("link", name="API-tokener").click()
    expect(page).to_have_url(re.compile(r"/api/integration-tokens/$"))
    page.get_by_label("Navn").fill("Entra ID")
    page.get_by_label("Provisjonering (SCIM)").check()
    page.get_by_role("button", name="Utsted token").click()
    expect(page.get_by_role("status")).to_contain_text("smt_")
    key = page.locator("#new-key code").inner_text()
    token = ApiToken.objects.get()
    assert token.kind == ApiToken.Kind.PROVISIONING and key.startswith(token.prefix)
    row = page.locator(f"#token-{token.pk}")
    expect(row).to_contain_text("Aktivt")

    page.goto("/api/integration-tokens/")  # the key is shown once only
    expect(page.locator("#new-key")).to_have_count(0)
    assert key not in page.content()

    page.locator(f"#token-{token.pk}").get_by_role("button", name="Trekk tilbake").click()
    expect(page.locator(f"#token-{token.pk}")).to_contain_text("Trukket tilbake")
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == cast.hr.user
