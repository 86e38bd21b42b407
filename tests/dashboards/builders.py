"""Coaching history for dashboard tests, written straight to the database (the dashboards only read it)."""

import datetime

from django.utils import timezone

from coaching.models import ActionItem, Conversation, ConversationType, Rhythm

FOLLOW_UP = ConversationType.Kind.FOLLOW_UP


def conversation_type(kind=FOLLOW_UP):
    """One of the types seeded by the coaching data migration."""
    return ConversationType.objects.get(kind=kind)


def follow_up_rhythm(employee, *, cadence_days=14, **pause):
    rhythm = Rhythm.objects.create(
        employee=employee, conversation_type=conversation_type(), cadence_days=cadence_days, **pause
    )
    Rhythm.objects.filter(pk=rhythm.pk).refresh_last_held()  # as the services leave a new rhythm
    rhythm.refresh_from_db(fields=["last_held_at", "last_seen_at"])
    return rhythm


def held(employee, *, days_ago, kind=FOLLOW_UP, leader=None, confirmed=True, **fields):
    """A conversation held `days_ago` days ago (at the current time of day)."""
    at = timezone.now() - datetime.timedelta(days=days_ago)
    conversation = Conversation.objects.create(
        employee=employee,
        leader=leader or employee.team.leader,
        conversation_type=conversation_type(kind),
        status=Conversation.Status.HELD,
        scheduled_at=at,
        held_at=at,
        summary_confirmed_at=at if confirmed else None,
        **fields,
    )
    Rhythm.objects.filter(employee=employee).refresh_last_held()  # as the services leave them
    return conversation


def scheduled(employee, *, days_ahead, kind=FOLLOW_UP, leader=None):
    return Conversation.objects.create(
        employee=employee,
        leader=leader or employee.team.leader,
        conversation_type=conversation_type(kind),
        scheduled_at=timezone.now() + datetime.timedelta(days=days_ahead),
    )


def action_item(conversation, *, text="Listen to two calls together", done=False):
    return ActionItem.objects.create(
        employee=conversation.employee,
        conversation=conversation,
        text=text,
        owner=ActionItem.Owner.EMPLOYEE,
        completed_at=timezone.now() if done else None,
    )


def history(employees, *, years, today=None):
    """`years` of fortnightly held follow-ups (with wellbeing, an action item each, the last summary
    unconfirmed) and a follow-up rhythm for each of `employees`, in a few bulk inserts."""
    now = timezone.now()
    follow_up = conversation_type()
    conversations = []
    for employee in employees:
        for index in range(years * 26, 0, -1):
            at = now - datetime.timedelta(days=14 * index - 3)
            conversations.append(
                Conversation(
                    employee=employee,
                    leader=employee.team.leader,
                    conversation_type=follow_up,
                    status=Conversation.Status.HELD,
                    scheduled_at=at,
                    held_at=at,
                    summary_confirmed_at=at if index > 1 else None,
                    energy=1 + index % 5,
                    workload=1 + (index * 3) % 5,
                )
            )
    conversations = Conversation.objects.bulk_create(conversations)
    ActionItem.objects.bulk_create(
        ActionItem(
            employee_id=conversation.employee_id,
            conversation=conversation,
            text="Follow up the customer survey",
            owner=ActionItem.Owner.EMPLOYEE,
        )
        for conversation in conversations
    )
    Rhythm.objects.bulk_create(
        Rhythm(employee=employee, conversation_type=follow_up, cadence_days=14) for employee in employees
    )
    Rhythm.objects.filter(employee__in=employees).refresh_last_held()
