"""Everything Samtal holds about one person, for their own data-access request (GDPR art. 15).

One query per kind of record whatever the history length. Private notes and floor notes others wrote
about the person are included only where the data-protection officer's setting says so (DESIGN.md)."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from coaching.models import ActionItem, AgendaItem, Conversation, GuidingAnswer, PrivateNote, QualityScore
from goals.models import Acknowledgement, CheckIn, Goal
from hr.models import AccessLogEntry
from onboarding.models import FloorNote, Onboarding, OnboardingTask, TrainingCompletion
from people.models import PositionChange
from reminders.models import Reminder


def _name(employee):
    return employee.full_name if employee is not None else ""


def personal_data(employee, privacy) -> dict:
    """The person's data as JSON-ready sections (lists of dicts), in a fixed order."""
    user = employee.user
    data = {
        "profile": {
            "name": employee.full_name,
            "username": user.get_username(),
            "email": user.email,
            "phone": employee.phone,
            "employee_number": employee.employee_number,
            "title": employee.title,
            "role": employee.get_role_display(),
            "site": employee.site.name,
            "team": employee.team.name if employee.team else "",
            "start_date": employee.started_on,
            "end_date": employee.ended_on,
            "employment_type": employee.get_employment_type_display(),
            "shift": employee.get_shift_display(),
            "language": employee.language,
            "strengths": employee.strengths,
            "areas_to_develop": employee.development_areas,
            "motivation": employee.motivation,
            "career_interests": [str(label) for label in employee.get_career_interests_display()],
        },
        "position_history": [
            {"date": row.changed_on, "title": row.title, "role": row.get_role_display(), "note": row.note}
            for row in PositionChange.objects.filter(employee=employee).order_by("changed_on", "pk")
        ],
        "goals": [
            {
                "title": goal.title,
                "kind": goal.get_kind_display(),
                "status": goal.get_status_display(),
                "description": goal.description,
                "why_it_matters": goal.why_it_matters,
                "baseline": goal.baseline,
                "target": goal.target,
                "start": goal.starts_on,
                "due": goal.due_on,
                "outcome_note": goal.outcome_note,
                "check_ins": [
                    {
                        "date": check_in.checked_on,
                        "value": check_in.value,
                        "status": check_in.get_status_display(),
                        "percent_complete": check_in.percent_complete,
                        "comment": check_in.comment,
                    }
                    for check_in in goal.check_ins.all()
                ],
            }
            for goal in Goal.objects.filter(employee=employee)
            .order_by("starts_on", "pk")
            .prefetch_related(Prefetch("check_ins", CheckIn.objects.order_by("checked_on", "pk")))
        ],
        "conversations": [
            {
                "date": conversation.scheduled_at,
                "type": conversation.conversation_type.label,
                "leader": _name(conversation.leader),
                "status": conversation.get_status_display(),
                "shared_notes": conversation.shared_notes,
                "wins": conversation.wins,
                "energy": conversation.energy,
                "workload": conversation.workload,
                "wellbeing_comment": conversation.wellbeing_comment,
                "your_comment": conversation.employee_comment,
                "summary_confirmed_at": conversation.summary_confirmed_at,
                "guiding_answers": [
                    {"question": answer.question, "answer": answer.answer}
                    for answer in conversation.guiding_answers.all()
                ],
                "quality_scores": [
                    {"criterion": score.criterion, "score": score.score}
                    for score in conversation.quality_scores.all()
                ],
            }
            for conversation in Conversation.objects.filter(employee=employee)
            .select_related("conversation_type", "leader__user")
            .prefetch_related(
                Prefetch("guiding_answers", GuidingAnswer.objects.order_by("pk")),
                Prefetch("quality_scores", QualityScore.objects.order_by("pk")),
            )
            .order_by("scheduled_at", "pk")
        ],
        "agenda_items": [
            {
                "conversation_date": item.conversation.scheduled_at,
                "author": _name(item.author),
                "text": item.text,
            }
            for item in AgendaItem.objects.filter(conversation__employee=employee)
            .select_related("conversation", "author__user")
            .order_by("created_at", "pk")
        ],
        "action_items": [
            {
                "text": item.text,
                "owner": item.get_owner_display(),
                "due": item.due_on,
                "completed_at": item.completed_at,
                "dropped_at": item.dropped_at,
            }
            for item in ActionItem.objects.filter(employee=employee).order_by("created_at", "pk")
        ],
        "acknowledgements": [
            {
                "expectation": row.version.title,
                "version": row.version.number,
                "at": row.acknowledged_at,
                "comment": row.comment,
            }
            for row in Acknowledgement.objects.filter(employee=employee)
            .select_related("version")
            .order_by("acknowledged_at", "pk")
        ],
        "onboarding": [
            {
                "start": onboarding.starts_on,
                "kind": onboarding.get_kind_display(),
                "status": onboarding.get_status_display(),
                "completed_at": onboarding.completed_at,
                "tasks": [
                    {
                        "text": task.title,
                        "due": task.due_on,
                        "completed_at": task.completed_at,
                        "comment": task.comment,
                        "not_applicable": task.not_applicable_reason,
                    }
                    for task in onboarding.tasks.all()
                ],
            }
            for onboarding in Onboarding.objects.filter(employee=employee)
            .order_by("starts_on", "pk")
            .prefetch_related(Prefetch("tasks", OnboardingTask.objects.order_by("due_on", "position", "pk")))
        ],
        "trainings": [
            {
                "training": str(row.requirement),
                "date": row.completed_on,
                "valid_until": row.valid_until,
                "evidence": row.evidence,
            }
            for row in TrainingCompletion.objects.filter(employee=employee)
            .select_related("requirement")
            .order_by("completed_on", "pk")
        ],
        "reminders_sent": [
            {"kind": row.kind, "subject": row.subject, "sent_at": row.sent_at}
            for row in Reminder.objects.filter(recipient=employee, sent_at__isnull=False).order_by(
                "sent_at", "pk"
            )
        ],
        "access_log": [
            {
                "at": row.at,
                "who": row.viewer.get_full_name() or row.viewer.get_username() if row.viewer else "",
                "what": row.get_what_display(),
                "from_address": row.ip_address,
            }
            for row in AccessLogEntry.objects.filter(subject=employee)
            .select_related("viewer")
            .order_by("at", "pk")
        ],
    }
    if privacy.private_notes_in_own_export:
        data["private_notes_about_you"] = [
            {
                "conversation_date": note.conversation.scheduled_at,
                "author": _name(note.author),
                "text": note.text,
            }
            # The one read of other people's private notes: the person's own copy, as the DPO decided.
            for note in PrivateNote.objects.filter(conversation__employee=employee)
            .exclude(author=employee)
            .select_related("conversation", "author__user")
            .order_by("conversation__scheduled_at", "pk")
        ]
        # Floor notes are evaluative notes about the person too: the same decision covers them.
        data["floor_notes_about_you"] = [
            {
                "date": note.created_at,
                "author": _name(note.author),
                "text": note.text,
                "reference": note.reference,
            }
            for note in FloorNote.objects.filter(employee=employee)
            .select_related("author__user")
            .order_by("created_at", "pk")
        ]
    return data


LABELS = {
    "name": _("Name"),
    "username": _("Username"),
    "email": _("E-mail"),
    "phone": _("Phone"),
    "employee_number": _("Employee number"),
    "title": _("Title"),
    "role": _("Role"),
    "site": _("Site"),
    "team": _("Team"),
    "start_date": _("Start date"),
    "end_date": _("End date"),
    "employment_type": _("Employment type"),
    "shift": _("Shift"),
    "language": _("Language"),
    "strengths": _("Strengths"),
    "areas_to_develop": _("Areas to develop"),
    "motivation": _("What motivates you"),
    "career_interests": _("Career interests"),
    "date": _("Date"),
    "note": _("Note"),
    "kind": _("Kind"),
    "status": _("Status"),
    "description": _("Description"),
    "why_it_matters": _("Why it matters to you"),
    "baseline": _("Baseline"),
    "target": _("Target"),
    "start": _("Start"),
    "due": _("Due"),
    "outcome_note": _("Outcome note"),
    "check_ins": _("Check-ins"),
    "value": _("Value"),
    "percent_complete": _("Percent complete"),
    "comment": _("Comment"),
    "type": _("Type"),
    "leader": _("Team leader"),
    "shared_notes": _("Shared notes"),
    "wins": _("Wins and praise"),
    "energy": _("Energy"),
    "workload": _("Workload"),
    "wellbeing_comment": _("Wellbeing comment"),
    "your_comment": _("Your comment"),
    "summary_confirmed_at": _("Summary confirmed at"),
    "guiding_answers": _("Answers to guiding questions"),
    "question": _("Question"),
    "answer": _("Answer"),
    "quality_scores": _("Quality scores"),
    "criterion": _("Criterion"),
    "score": _("Score"),
    "conversation_date": _("Conversation"),
    "author": _("Author"),
    "text": _("Text"),
    "owner": _("Owner"),
    "completed_at": _("Completed at"),
    "dropped_at": _("Dropped at"),
    "expectation": _("Expectation"),
    "version": _("Version"),
    "at": _("When"),
    "subject": _("Subject"),
    "sent_at": _("Sent at"),
    "who": _("Who"),
    "what": _("What"),
    "from_address": _("From address"),
    "tasks": _("Tasks"),
    "not_applicable": _("Not applicable, because"),
    "training": _("Training"),
    "valid_until": _("Valid until"),
    "evidence": _("Evidence"),
    "reference": _("Call or case reference"),
}


def readable(value):
    """`value` from personal_data() as (shape, content) pairs for the HTML page: "fields" (label,
    readable) pairs, "items" a list of readables, "text" a value."""
    if isinstance(value, dict):
        return ("fields", [(LABELS.get(key, key), readable(inner)) for key, inner in value.items()])
    if isinstance(value, list):
        return ("items", [readable(inner) for inner in value])
    return ("text", value)
