from django.urls import path
from django.utils.translation import gettext_lazy as _

from coaching import handover_views, views
from people.access import ANONYMOUS, EMPLOYEE, HR, LEADER, LEADER_HR, NOT_LEADER, NavEntry

app_name = "coaching"

urlpatterns = [
    path("", views.my_conversations, name="my_conversations"),
    path("request/", views.conversation_request, name="conversation_request"),
    path("leader/", views.leader_conversations, name="leader_conversations"),
    path("schedule/", views.conversation_schedule, name="conversation_schedule"),
    path("log/", views.conversation_log, name="conversation_log"),
    path("<int:pk>/", views.conversation_detail, name="conversation_detail"),
    path("<int:pk>/notes/", views.conversation_notes, name="conversation_notes"),
    path("<int:pk>/held/", views.conversation_hold, name="conversation_hold"),
    path("<int:pk>/cancel/", views.conversation_cancel, name="conversation_cancel"),
    path("<int:pk>/missed/", views.conversation_miss, name="conversation_miss"),
    path("<int:pk>/reschedule/", views.conversation_reschedule, name="conversation_reschedule"),
    path("<int:pk>/confirm/", views.conversation_confirm, name="conversation_confirm"),
    path("<int:pk>/agenda/", views.agenda_item_add, name="agenda_item_add"),
    path("<int:pk>/invite.ics", views.conversation_ics, name="conversation_ics"),
    path("actions/<int:pk>/toggle/", views.action_item_toggle, name="action_item_toggle"),
    path("actions/<int:pk>/drop/", views.action_item_drop, name="action_item_drop"),
    path("rhythm/<int:employee_pk>/", views.rhythm_edit, name="rhythm_edit"),
    path("rhythm/<int:employee_pk>/pause/", views.rhythm_pause, name="rhythm_pause"),
    path("rhythm/<int:employee_pk>/resume/", views.rhythm_resume, name="rhythm_resume"),
    path("calendar/", views.calendar_settings, name="calendar_settings"),
    path("calendar/rotate/", views.calendar_rotate, name="calendar_rotate"),
    path("calendar/<slug:token>.ics", views.calendar_feed, name="calendar_feed"),  # a token_urlsafe token
    path("handover/<int:team_pk>/", handover_views.team_handover_page, name="team_handover"),
    path("handover/notes/", handover_views.handover_notes, name="handover_notes"),
    path(
        "handover/<int:team_pk>/candidates/",
        handover_views.handover_candidates,
        name="handover_candidates",
    ),
]

# Conversation pages admit every employee: which conversations they reach is visible_to()'s job
# (404 outside one's scope), and whether they may change one is can_be_changed_by() (403).
access = {
    "my_conversations": EMPLOYEE,
    "conversation_request": EMPLOYEE,
    "leader_conversations": LEADER,
    "conversation_schedule": LEADER,
    "conversation_log": LEADER,
    "conversation_detail": EMPLOYEE,
    "conversation_notes": EMPLOYEE,
    "conversation_hold": EMPLOYEE,
    "conversation_cancel": EMPLOYEE,
    "conversation_miss": EMPLOYEE,
    "conversation_reschedule": EMPLOYEE,
    "conversation_confirm": EMPLOYEE,
    "agenda_item_add": EMPLOYEE,
    "conversation_ics": EMPLOYEE,
    "action_item_toggle": EMPLOYEE,
    "action_item_drop": EMPLOYEE,
    "rhythm_edit": LEADER_HR,
    "rhythm_pause": LEADER_HR,
    "rhythm_resume": LEADER_HR,
    "calendar_settings": EMPLOYEE,
    "calendar_rotate": EMPLOYEE,
    "calendar_feed": ANONYMOUS,  # calendar apps cannot log in: the secret token in the URL authenticates
    "team_handover": HR,  # a team changes leader: HR decides (from Sites and teams)
    "handover_candidates": HR,  # its search for a new team leader (htmx)
    "handover_notes": LEADER,  # leader to leader; HR sees only that a note exists
}

# The main navigation entries of this app (see people.access.NavEntry): a leader's conversations page
# holds their own too, so a leader sees one entry.
navigation = [
    NavEntry("coaching:my_conversations", _("My conversations"), roles=NOT_LEADER),
    NavEntry("coaching:leader_conversations", _("Conversations"), roles=LEADER),
]
