import datetime

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from coaching.models import CalendarFeed, Conversation
from tests.coaching.factories import ConversationFactory, HeldConversationFactory


def parse(response):
    calendar = Calendar.from_ical(response.content)
    return calendar, [component for component in calendar.walk("VEVENT")]


def test_the_invitation_has_both_people_the_site_time_zone_and_a_stable_uid(client, cast):
    conversation = ConversationFactory(employee=cast.agent)
    client.force_login(cast.agent.user)
    response = client.get(reverse("coaching:conversation_ics", args=[conversation.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar, [event] = parse(response)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == f"conversation-{conversation.pk}@samtal"
    assert event["SEQUENCE"] == 0
    assert str(event["STATUS"]) == "CONFIRMED"
    start = event.decoded("DTSTART")
    assert str(start.tzinfo) == "Europe/Stockholm"
    assert start == conversation.scheduled_at
    assert event.decoded("DTEND") - start == datetime.timedelta(minutes=30)
    attendees = {str(address) for address in event["ATTENDEE"]}
    assert attendees == {f"mailto:{cast.agent.email}", f"mailto:{cast.leader.email}"}
    assert "Europe/Stockholm" in [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")]


def test_a_moved_conversation_keeps_its_uid_and_raises_the_sequence(client, cast):
    conversation = ConversationFactory(employee=cast.agent)
    client.force_login(cast.leader.user)
    day = timezone.localdate() + datetime.timedelta(days=3)
    client.post(
        reverse("coaching:conversation_reschedule", args=[conversation.pk]),
        {"scheduled_on": day.isoformat(), "start_time": "22:00", "duration_minutes": 30, "location": ""},
    )
    _, [event] = parse(client.get(reverse("coaching:conversation_ics", args=[conversation.pk])))
    assert str(event["UID"]) == f"conversation-{conversation.pk}@samtal"
    assert event["SEQUENCE"] == 1


def test_a_cancelled_conversation_is_cancelled_in_the_calendar(client, cast):
    conversation = ConversationFactory(employee=cast.agent)
    client.force_login(cast.leader.user)
    client.post(reverse("coaching:conversation_cancel", args=[conversation.pk]))
    _, [event] = parse(client.get(reverse("coaching:conversation_ics", args=[conversation.pk])))
    assert str(event["STATUS"]) == "CANCELLED"
    assert event["SEQUENCE"] == 1


def test_the_feed_lists_the_leaders_upcoming_conversations_without_logging_in(client, cast):
    upcoming = ConversationFactory(employee=cast.agent)
    ConversationFactory(employee=cast.teammate, status=Conversation.Status.CANCELLED)
    HeldConversationFactory(employee=cast.teammate)
    ConversationFactory(employee=cast.other_agent)  # another leader's
    feed = CalendarFeed.objects.create(employee=cast.leader)
    response = client.get(f"/coaching/calendar/{feed.token}.ics")
    assert response.status_code == 200
    _, events = parse(response)
    assert [str(event["UID"]) for event in events] == [f"conversation-{upcoming.pk}@samtal"]
    assert "ATTENDEE" not in events[0]  # names in the title only: no addresses in a third-party calendar
    assert cast.agent.full_name in str(events[0]["SUMMARY"])


def test_an_agents_feed_lists_their_own_conversations(client, cast):
    upcoming = ConversationFactory(employee=cast.agent)
    ConversationFactory(employee=cast.teammate)
    feed = CalendarFeed.objects.create(employee=cast.agent)
    _, events = parse(client.get(feed.get_absolute_url()))
    assert [str(event["UID"]) for event in events] == [f"conversation-{upcoming.pk}@samtal"]


def test_an_unknown_token_is_not_found(client, cast):
    assert client.get("/coaching/calendar/not-a-real-token.ics").status_code == 404


def test_rotating_revokes_the_old_address(client, cast):
    client.force_login(cast.leader.user)
    assert client.get(reverse("coaching:calendar_settings")).context["feed"] is None
    client.post(reverse("coaching:calendar_rotate"))
    old = CalendarFeed.objects.get(employee=cast.leader).token
    response = client.get(reverse("coaching:calendar_settings"))
    assert old in response.content.decode()
    client.post(reverse("coaching:calendar_rotate"))
    new = CalendarFeed.objects.get(employee=cast.leader).token
    assert new != old
    client.logout()
    assert client.get(f"/coaching/calendar/{old}.ics").status_code == 404
    assert client.get(f"/coaching/calendar/{new}.ics").status_code == 200


def test_a_feed_of_someone_who_has_left_stops_working(client, cast):
    feed = CalendarFeed.objects.create(employee=cast.agent)
    cast.agent.ended_on = timezone.localdate() - datetime.timedelta(days=1)
    cast.agent.save()
    assert client.get(feed.get_absolute_url()).status_code == 404
