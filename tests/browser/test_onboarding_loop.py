"""An onboarding through the real pages, in Norwegian: HR starts it from the seeded base training, the
new hire ticks a task on a phone, the floor walker ticks theirs and writes a floor note, and the
team leader sees the progress and moves the note onto the next conversation's agenda."""

from django.utils import timezone
from playwright.sync_api import expect

from coaching.models import AgendaItem, Conversation
from onboarding.models import FloorNote, Onboarding
from tests.factories import PASSWORD

PHONE = {"width": 390, "height": 844}


def logged_in(browser, live_server, employee, *, viewport=None):
    options = {"viewport": viewport} if viewport else {}
    context = browser.new_context(
        base_url=live_server.url, locale="nb", timezone_id="Europe/Stockholm", **options
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto("/login/")
    page.fill("input[name=username]", employee.user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form [type=submit]")
    page.wait_for_load_state()
    return context, page


def test_an_onboarding_from_start_to_the_leaders_agenda(cast, browser, live_server):
    for person in (cast.hr, cast.agent, cast.teammate, cast.leader):
        person.language = "nb"
        person.save()

    # HR starts the onboarding from the seeded template.
    context, page = logged_in(browser, live_server, cast.hr)
    page.goto("/onboarding/start/")
    page.get_by_label("Hvem starter").fill(cast.agent.employee_number)
    page.get_by_label("Sjekklistemal").select_option(label="Grunnopplæring: kundeservice (tre uker)")
    page.get_by_label("Startdato").fill(timezone.localdate().isoformat())
    page.get_by_label("Instruktør").select_option(str(cast.trainer.pk))
    page.get_by_label("Fadder").fill(cast.teammate.employee_number)
    page.get_by_role("button", name="Start opplæringen").click()
    expect(page.get_by_text(f"Opplæringen til {cast.agent.full_name} har startet")).to_be_visible()
    onboarding = Onboarding.objects.get()
    total = onboarding.tasks.count()
    assert onboarding.floor_walker == cast.teammate and onboarding.leader == cast.leader
    context.close()

    # The new hire ticks a task of their own on a phone: htmx swaps the card and the progress.
    context, page = logged_in(browser, live_server, cast.agent, viewport=PHONE)
    page.goto("/onboarding/")
    expect(page.get_by_role("heading", name="Min opplæring")).to_be_visible()
    page.evaluate("window.samtalMarker = 1")
    page.get_by_role(
        "button", name="Merk som utført: Logg inn i alle systemene og sjekk tilgangene dine"
    ).click()
    expect(page.get_by_text(f"1 av {total} oppgaver gjort")).to_be_visible()
    assert page.evaluate("window.samtalMarker") == 1  # no reload
    assert page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")[0] <= PHONE["width"]
    context.close()

    # The floor walker ticks theirs and writes a floor note.
    context, page = logged_in(browser, live_server, cast.teammate, viewport=PHONE)
    page.goto("/onboarding/tasks/")
    expect(page.get_by_text(f"Nyansatt: {cast.agent.full_name}").first).to_be_visible()
    page.get_by_role("button", name="Merk som utført: Medlytt: lytt på samtaler sammen med fadderen").click()
    expect(
        page.locator(".onb-task-done").get_by_text("Medlytt: lytt på samtaler sammen med fadderen")
    ).to_be_visible()
    page.get_by_role("link", name="Skriv et gulvnotat").click()
    page.get_by_label("Om").select_option(str(cast.agent.pk))
    page.get_by_label("Observasjon").fill("Glemte å kontrollere identiteten før saldoen ble lest opp.")
    page.get_by_label("Samtale- eller saksreferanse").fill("SAK-1182")
    page.get_by_role("button", name="Lagre notatet").click()
    expect(page.get_by_text("Notert.")).to_be_visible()
    note = FloorNote.objects.get()
    assert note.author == cast.teammate
    context.close()

    # The leader sees the progress and puts the note on the next check-in's agenda.
    context, page = logged_in(browser, live_server, cast.leader)
    page.goto("/dashboards/team/")
    expect(page.locator(f"#member-{cast.agent.pk}").get_by_role("link", name=f"2/{total}")).to_be_visible()
    check_in = Conversation.objects.filter(employee=cast.agent).order_by("scheduled_at").first()
    page.goto(check_in.get_absolute_url())
    panel = page.locator("#floor-notes")
    expect(panel.locator("p", has_text="Glemte å kontrollere identiteten")).to_be_visible()
    panel.get_by_role("button", name="Legg til på agendaen").click()
    expect(page.locator("#agenda").get_by_text("Glemte å kontrollere identiteten")).to_be_visible()
    expect(page.locator("#floor-notes").get_by_text("På agendaen", exact=True)).to_be_visible()
    assert AgendaItem.objects.get(conversation=check_in).text.startswith("Glemte å kontrollere")
    context.close()
