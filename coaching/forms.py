import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from coaching.models import ActionItem, Conversation, ConversationType
from coaching.services import ConversationNotes

SCORE_CHOICES = [("", "–")] + [(str(value), str(value)) for value in range(1, 6)]


def _one_to_five(label, help_text=""):
    return forms.TypedChoiceField(
        label=label,
        choices=SCORE_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        help_text=help_text,
    )


def local_datetime(day: datetime.date, time: datetime.time, zone_name: str) -> datetime.datetime | None:
    """The moment `day` `time` on the wall clock of `zone_name`; None for a time that does not exist
    there (the hour skipped when clocks go forward)."""
    zone = ZoneInfo(zone_name)
    moment = datetime.datetime.combine(day, time).replace(tzinfo=zone)
    if moment.astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None) != moment.replace(tzinfo=None):
        return None
    return moment


class WhenMixin:
    """Date, 24-hour time and duration, read in a given site's time zone into `scheduled_at`."""

    def _when_fields(self):
        self.fields["scheduled_on"] = forms.DateField(
            label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        )
        self.fields["start_time"] = forms.TimeField(
            label=_("Time (24-hour clock)"),
            widget=forms.TimeInput(attrs={"type": "time", "step": 300}, format="%H:%M"),
        )
        self.fields["duration_minutes"] = forms.IntegerField(
            label=_("Duration (minutes)"), min_value=1, max_value=8 * 60, initial=30
        )

    def _scheduled_at(self, cleaned, zone_name):
        day, time = cleaned.get("scheduled_on"), cleaned.get("start_time")
        if day is None or time is None or zone_name is None:
            return None
        moment = local_datetime(day, time, zone_name)
        if moment is None:
            self.add_error(
                "start_time",
                _("This time does not exist in %(zone)s (the clocks go forward).") % {"zone": zone_name},
            )
        return moment


class ConversationForm(WhenMixin, forms.Form):
    """Schedule a conversation, log one already held, or move one (mode "schedule", "log",
    "reschedule"). Times are entered in the employee's site time zone. A leader who already has a
    conversation at an overlapping time gets a warning and may tick "book anyway"."""

    employee = forms.ModelChoiceField(label=_("Employee"), queryset=None)
    conversation_type = forms.ModelChoiceField(label=_("Type"), queryset=None, empty_label=None)
    location = forms.CharField(label=_("Place or video link"), max_length=300, required=False)
    book_anyway = forms.BooleanField(label=_("Book anyway"), required=False)

    def __init__(
        self, *args, employees, leader, now, mode="schedule", conversation=None, due_on_for=None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.leader, self.now, self.mode, self.conversation = leader, now, mode, conversation
        self.due_on_for = due_on_for  # (employee, conversation_type) -> the day it is due, or None
        self.conflicts = []
        self.late_for = None  # the due date a booking comes after
        self._when_fields()
        self.order_fields(
            ["employee", "conversation_type", "scheduled_on", "start_time", "duration_minutes", "location"]
        )
        self.fields["employee"].queryset = employees.select_related("user", "site")
        self.fields["employee"].label_from_instance = lambda employee: employee.full_name
        self.fields["conversation_type"].queryset = ConversationType.objects.filter(is_active=True)
        self.fields["conversation_type"].label_from_instance = lambda kind: kind.label
        if mode == "reschedule":
            del self.fields["employee"]
            del self.fields["conversation_type"]
        if mode == "log":
            del self.fields["book_anyway"]

    def clean(self):
        cleaned = super().clean()
        employee = self.conversation.employee if self.conversation else cleaned.get("employee")
        zone = employee.site.time_zone if employee else None
        scheduled_at = self._scheduled_at(cleaned, zone)
        if scheduled_at is None:
            return cleaned
        cleaned["scheduled_at"] = scheduled_at
        if self.mode == "log" and scheduled_at > self.now:
            self.add_error("scheduled_on", _("A held conversation cannot be in the future."))
        if self.mode != "log" and scheduled_at < self.now:
            self.add_error("scheduled_on", _("This time has passed. Log a held conversation instead."))
        if self.mode != "log" and "duration_minutes" in cleaned and not self.errors:
            end = scheduled_at + datetime.timedelta(minutes=cleaned["duration_minutes"])
            conflicts = Conversation.objects.select_related(
                "employee__user", "conversation_type"
            ).overlapping(leader=self.leader, start=scheduled_at, end=end)
            self.conflicts = [
                c for c in conflicts if self.conversation is None or c.pk != self.conversation.pk
            ]
            if self.conflicts and not cleaned.get("book_anyway"):
                self.add_error(
                    None,
                    _(
                        "You already have a conversation at an overlapping time. Choose another time, "
                        "or tick “Book anyway”."
                    ),
                )
        if self.due_on_for is not None and employee is not None and "scheduled_on" not in self.errors:
            self._flag_late(employee, cleaned, scheduled_at.astimezone(ZoneInfo(zone)).date())
        return cleaned

    def _flag_late(self, employee, cleaned, day: datetime.date):
        """A booking after the person's due date is allowed, but only knowingly."""
        due_on = self.due_on_for(employee, cleaned.get("conversation_type"))
        if due_on is None or day <= due_on:
            return
        self.late_for = due_on
        if not cleaned.get("book_anyway"):
            self.add_error(
                "scheduled_on",
                _(
                    "This is later than %(date)s, when the conversation is due. Choose an earlier day, or tick “Book anyway”."
                )
                % {"date": formats.date_format(due_on)},
            )

    @property
    def due_on(self):
        """The due date to show next to the date: the one a booking was found late for, or the proposed one."""
        return self.late_for or self.initial.get("due_on")

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = {
            "scheduled_at": data["scheduled_at"],
            "duration_minutes": data["duration_minutes"],
            "location": data["location"],
        }
        if self.mode != "reschedule":
            kwargs.update(employee=data["employee"], conversation_type=data["conversation_type"])
        return kwargs


class ConversationRequestForm(WhenMixin, forms.Form):
    """An employee proposes a time (in their own site's time zone) and a topic."""

    conversation_type = forms.ModelChoiceField(label=_("Type"), queryset=None, empty_label=None)
    topic = forms.CharField(
        label=_("What would you like to talk about?"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    REQUESTABLE = (
        ConversationType.Kind.FOLLOW_UP,
        ConversationType.Kind.DEVELOPMENT,
        ConversationType.Kind.COACHING,
    )

    def __init__(self, *args, employee, now, **kwargs):
        super().__init__(*args, **kwargs)
        self.employee, self.now = employee, now
        self._when_fields()
        self.order_fields(["conversation_type", "scheduled_on", "start_time", "duration_minutes", "topic"])
        self.fields["conversation_type"].queryset = ConversationType.objects.filter(
            is_active=True, kind__in=self.REQUESTABLE
        )
        self.fields["conversation_type"].label_from_instance = lambda kind: kind.label

    def clean(self):
        cleaned = super().clean()
        scheduled_at = self._scheduled_at(cleaned, self.employee.site.time_zone)
        if scheduled_at is not None:
            cleaned["scheduled_at"] = scheduled_at
            if scheduled_at < self.now:
                self.add_error("scheduled_on", _("Please propose a time in the future."))
        return cleaned


class AgendaItemForm(forms.Form):
    text = forms.CharField(label=_("Agenda item"), max_length=500)


class ConfirmForm(forms.Form):
    comment = forms.CharField(
        label=_("Your comment (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Anything you see differently or want to add. Your leader sees it."),
    )


class NotesForm(forms.Form):
    """The leader's notes on one conversation; the guiding questions and quality criteria of its
    type become fields of their own."""

    shared_notes = forms.CharField(
        label=_("Shared notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The employee reads these and confirms them."),
    )
    energy = _one_to_five(_("Energy (1–5)"), _("How much energy the employee has: 1 very low, 5 very high."))
    workload = _one_to_five(
        _("Workload (1–5)"), _("How the workload feels: 1 far too light, 5 far too heavy.")
    )
    wellbeing_comment = forms.CharField(
        label=_("Wellbeing comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    wins = forms.CharField(
        label=_("Wins and praise"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What went well and is worth celebrating."),
    )
    interaction_reference = forms.CharField(label=_("Interaction reference"), max_length=100, required=False)
    interaction_channel = forms.ChoiceField(
        label=_("Channel"), choices=[("", "–"), *Conversation.Channel.choices], required=False
    )
    interaction_on = forms.DateField(
        label=_("Interaction date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    private_note = forms.CharField(
        label=_("Private note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Visible to you, its author, only: not to the employee, not to HR, not to managers. "
            "Notes about a person are their personal data, so your organisation's data-protection "
            "officer decides whether they are included when the employee asks for a copy of their data."
        ),
    )

    def __init__(self, *args, conversation, private_note="", **kwargs):
        answers = {answer.question: answer.answer for answer in conversation.guiding_answers.all()}
        scores = {score.criterion: score.score for score in conversation.quality_scores.all()}
        kwargs.setdefault(
            "initial",
            {
                "shared_notes": conversation.shared_notes,
                "energy": conversation.energy,
                "workload": conversation.workload,
                "wellbeing_comment": conversation.wellbeing_comment,
                "wins": conversation.wins,
                "interaction_reference": conversation.interaction_reference,
                "interaction_channel": conversation.interaction_channel,
                "interaction_on": conversation.interaction_on,
                "private_note": private_note,
            },
        )
        super().__init__(*args, **kwargs)
        kind = conversation.conversation_type
        self.questions = kind.question_list()
        self.criteria = kind.criterion_list() if kind.is_coaching else []
        for index, question in enumerate(self.questions):
            self.fields[f"answer_{index}"] = forms.CharField(
                label=question, required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.initial.setdefault(f"answer_{index}", answers.get(question, ""))
        for index, criterion in enumerate(self.criteria):
            self.fields[f"score_{index}"] = _one_to_five(criterion)
            self.initial.setdefault(f"score_{index}", scores.get(criterion))
        if not kind.is_coaching:
            for name in ("interaction_reference", "interaction_channel", "interaction_on"):
                del self.fields[name]

    @property
    def answer_fields(self):
        return [self[f"answer_{index}"] for index in range(len(self.questions))]

    @property
    def score_fields(self):
        return [self[f"score_{index}"] for index in range(len(self.criteria))]

    def notes(self, action_items: list[dict]) -> ConversationNotes:
        """Everything typed on the form, with the new action items of its formset."""
        data = self.cleaned_data
        interaction = None
        if "interaction_reference" in self.fields:
            interaction = {
                "reference": data["interaction_reference"],
                "channel": data["interaction_channel"],
                "on": data["interaction_on"],
            }
        return ConversationNotes(
            shared_notes=data["shared_notes"],
            wins=data["wins"],
            energy=data["energy"],
            workload=data["workload"],
            wellbeing_comment=data["wellbeing_comment"],
            private_note=data["private_note"],
            answers={question: data[f"answer_{i}"] for i, question in enumerate(self.questions)},
            scores={criterion: data[f"score_{i}"] for i, criterion in enumerate(self.criteria)},
            interaction=interaction,
            action_items=action_items,
        )


class ActionItemForm(forms.Form):
    """One new action item on the notes form; a row left empty is skipped."""

    text = forms.CharField(label=_("New action item"), max_length=500, required=False)
    owner = forms.ChoiceField(
        label=_("Owner"), choices=[("", "–"), *ActionItem.Owner.choices], required=False
    )
    due_on = forms.DateField(
        label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("text") and not cleaned.get("owner"):
            self.add_error("owner", _("An action item needs an owner: you or the employee."))
        if not cleaned.get("text") and (cleaned.get("owner") or cleaned.get("due_on")):
            self.add_error("text", _("Describe the action item, or leave its owner and date empty."))
        return cleaned


class BaseActionItemFormSet(forms.BaseFormSet):
    def items(self) -> list[dict]:
        """The filled-in rows, in order, as keyword arguments for `action_item_add`."""
        return [
            {
                "text": form.cleaned_data["text"],
                "owner": form.cleaned_data["owner"],
                "due_on": form.cleaned_data["due_on"],
            }
            for form in self.forms
            if form.cleaned_data.get("text")
        ]


ActionItemFormSet = forms.formset_factory(
    ActionItemForm, formset=BaseActionItemFormSet, extra=1, max_num=20, validate_max=True
)


def action_item_formset(data=None, *, add_row=False) -> BaseActionItemFormSet:
    """The notes form's action items. `add_row` (the "Add another" button) re-shows what was typed
    with one more empty row; without JavaScript that is how a leader adds several items in one save."""
    if data is not None and (add_row or "actions-TOTAL_FORMS" not in data):
        data = data.copy()
        data.setdefault("actions-INITIAL_FORMS", "0")
        total = data.setdefault("actions-TOTAL_FORMS", "0")  # a post without the rows adds none
        if add_row and total.isdecimal() and int(total) < ActionItemFormSet.max_num:
            data["actions-TOTAL_FORMS"] = str(int(total) + 1)
    return ActionItemFormSet(data, prefix="actions")


class RhythmForm(forms.Form):
    """How often, in days, the employee has each recurring type of conversation (empty: none)."""

    def __init__(self, *args, types, rhythms, **kwargs):
        super().__init__(*args, **kwargs)
        self.types = list(types)
        by_type = {rhythm.conversation_type_id: rhythm for rhythm in rhythms}
        for kind in self.types:
            rhythm = by_type.get(kind.pk)
            is_follow_up = kind.kind == ConversationType.Kind.FOLLOW_UP
            self.fields[f"cadence_{kind.pk}"] = forms.IntegerField(
                label=kind.label,
                min_value=1,
                max_value=730,
                required=is_follow_up,
                initial=rhythm.cadence_days
                if rhythm
                else (kind.default_cadence_days if is_follow_up else None),
                help_text=_("Every how many days. Default: %(days)s.")
                % {"days": formats.number_format(kind.default_cadence_days or 0)}
                if kind.default_cadence_days
                else _("Empty: only when needed."),
            )

    def cadences(self):
        return [(kind, self.cleaned_data[f"cadence_{kind.pk}"]) for kind in self.types]


class PauseForm(forms.Form):
    paused_on = forms.DateField(
        label=_("Paused from"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    resumes_on = forms.DateField(
        label=_("Back on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty if the return date is not known yet."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=200,
        help_text=_("For example parental leave, long sick leave or studies."),
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("paused_on"), cleaned.get("resumes_on")
        if start and end and end <= start:
            self.add_error("resumes_on", _("The return date must be after the start of the pause."))
        return cleaned


NOTE_MAX_LENGTH = 4000


CANDIDATES_OFFERED = 50  # new team leaders listed at once on a handover page; more are searched


class TeamHandoverForm(forms.Form):
    """HR hands a team to a new leader: who, the leader HR saw (the guard against a second submit or a
    change made meanwhile), and a note per member for the new leader where the old one wrote none."""

    new_leader = forms.ModelChoiceField(
        label=_("New team leader"),
        queryset=None,
        help_text=_("A team leader at the team's site, or a member of the team who becomes its leader."),
    )
    expected_leader = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, team, candidates, note_members, search_url, **kwargs):
        """`candidates`: whom `team` may get, its members first; at a large site (more than
        CANDIDATES_OFFERED, up to a thousand team leaders) the list offers the members, and a search
        box fills it through htmx (`search_url`) with the site's team leaders who match."""
        super().__init__(*args, **kwargs)
        new_leader = self.fields["new_leader"]
        new_leader.queryset = candidates
        offered = list(candidates[: CANDIDATES_OFFERED + 1])
        if len(offered) > CANDIDATES_OFFERED:
            offered = [person for person in offered if person.team_id == team.pk]
            chosen = self.data.get("new_leader")
            if chosen and chosen.isdigit() and all(str(person.pk) != chosen for person in offered):
                offered += candidates.filter(pk=chosen)
            self.fields["leader_search"] = forms.CharField(
                label=_("Find a team leader"),
                required=False,
                max_length=100,
                help_text=_("Part of a name or an employee number: the list below then offers who matches."),
                widget=forms.TextInput(
                    attrs={
                        "type": "search",
                        "autocomplete": "off",
                        "hx-get": search_url,
                        "hx-trigger": "input changed delay:300ms, search",
                        "hx-target": "#id_new_leader",
                        "hx-swap": "innerHTML",
                    }
                ),
            )
            self.order_fields(["leader_search", "new_leader"])
        new_leader.widget.choices = [
            ("", new_leader.empty_label),
            *((person.pk, str(person)) for person in offered),
        ]
        self.note_members = note_members
        for member in note_members:
            self.fields[f"note_{member.pk}"] = forms.CharField(
                label=_("Note for the new team leader about %(name)s") % {"name": member},
                required=False,
                max_length=NOTE_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def notes(self) -> dict[int, str]:
        """The notes HR wrote, by member id (empty ones left out)."""
        return {
            member.pk: self.cleaned_data[f"note_{member.pk}"]
            for member in self.note_members
            if self.cleaned_data.get(f"note_{member.pk}", "").strip()
        }


class HandoverNoteForm(forms.Form):
    """A leader's note for whoever leads the person's team next."""

    employee = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("For the next team leader"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "What the next team leader should know to keep following this person up: their goals, what "
            "works for them, what you agreed. They read it when they take the team over; HR sees only "
            "that a note exists. Empty deletes the note."
        ),
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = members
