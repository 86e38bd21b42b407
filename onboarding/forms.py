"""Forms of the checklist half of the onboarding app: templates with their tasks, starting an
onboarding, a task's tick, setting aside and adding, and a floor note. Forms only validate."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from coaching.models import ConversationType
from onboarding.models import (
    OFFSET_LIMIT_DAYS,
    ChecklistTemplate,
    FloorNote,
    Onboarding,
    Phase,
    Responsibility,
)
from onboarding.models import TemplateTask as TemplateTaskModel
from people.models import Employee, Role

LANGUAGE_NAMES = dict(settings.LANGUAGES)
DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def localized(*fields: str) -> list[str]:
    """The per-language form fields of `fields`: name_en, name_nb, name_sv …"""
    return [build_localized_fieldname(field, code) for field in fields for code, _name in settings.LANGUAGES]


class TranslatedFieldsMixin:
    """Labels each language's field with its language, and fills the English (fallback) column from
    the first language given, so a reader of a language without a translation never sees an empty text."""

    translated: tuple[str, ...] = ()
    required_translated: tuple[str, ...] = ()

    def _label_languages(self):
        for field in self.translated:
            for code, language in settings.LANGUAGES:
                name = build_localized_fieldname(field, code)
                if name in self.fields:
                    self.fields[name].label = f"{self.fields[name].label} ({language})"
                    self.fields[name].required = False

    def _fill_fallback(self, cleaned):
        for field in self.translated:
            names = [build_localized_fieldname(field, code) for code, _name in settings.LANGUAGES]
            given = [cleaned.get(name) for name in names if cleaned.get(name)]
            fallback = build_localized_fieldname(field, DEFAULT_LANGUAGE)
            if given and not cleaned.get(fallback):
                cleaned[fallback] = given[0]
            if field in self.required_translated and not given:
                self.add_error(fallback, _("Write it in at least one language."))
        return cleaned


class ChecklistTemplateForm(TranslatedFieldsMixin, forms.ModelForm):
    translated = ("name", "description")
    required_translated = ("name",)

    class Meta:
        model = ChecklistTemplate
        fields = [*localized("name"), *localized("description"), "is_active"]
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in localized("description")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._label_languages()

    def clean(self):
        return self._fill_fallback(super().clean())


class TemplateTaskForm(TranslatedFieldsMixin, forms.ModelForm):
    translated = ("title", "description")
    required_translated = ("title",)

    offset_days = forms.IntegerField(
        label=_("Due (days from start)"),
        min_value=-OFFSET_LIMIT_DAYS,
        max_value=OFFSET_LIMIT_DAYS,
        help_text=_("Negative before the first day: -5 is five days before the start date."),
        error_messages={
            "invalid": _("Give the days from the start as a whole number, e.g. -5 or 10."),
            "min_value": _("A task can be due at the earliest on day %(limit_value)s (before the start)."),
            "max_value": _("A task can be due at the latest on day %(limit_value)s after the start."),
        },
    )

    class Meta:
        model = TemplateTaskModel
        fields = [
            "position",
            "phase",
            *localized("title"),
            *localized("description"),
            "responsible",
            "offset_days",
            "day_count",
            "is_compliance",
            "check_in_type",
        ]
        labels = {"position": _("Order")}
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in localized("description")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._label_languages()
        self.fields["check_in_type"].queryset = ConversationType.objects.filter(is_active=True)

    def clean(self):
        cleaned = super().clean()
        if not self.has_changed():
            return cleaned
        return self._fill_fallback(cleaned)


TemplateTaskFormSet = forms.inlineformset_factory(
    ChecklistTemplate,
    TemplateTaskModel,
    form=TemplateTaskForm,
    extra=1,
    max_num=200,
    validate_max=True,
    can_delete=True,
)


def template_task_formset(data=None, *, instance, add_row=False):
    """The template's tasks; `add_row` (the "Add another task" button) re-shows what was typed with one
    more empty row, without JavaScript."""
    if data is not None and add_row:
        data = data.copy()
        total = data.get("tasks-TOTAL_FORMS", "0")
        if total.isdecimal() and int(total) < TemplateTaskFormSet.max_num:
            data["tasks-TOTAL_FORMS"] = str(int(total) + 1)
    return TemplateTaskFormSet(data, instance=instance, prefix="tasks")


class EmployeeNumberField(forms.ModelChoiceField):
    """A person picked by employee number among `queryset` (a site of hundreds does not fit a list)."""

    widget = forms.TextInput

    def __init__(self, queryset, **kwargs):
        kwargs.setdefault("help_text", _("Their employee number."))
        super().__init__(queryset, to_field_name="employee_number", **kwargs)
        self.error_messages["invalid_choice"] = _("Nobody you may choose has this employee number.")

    def prepare_value(self, value):
        if isinstance(value, Employee):
            return value.employee_number
        if isinstance(value, int):
            return self.queryset.filter(pk=value).values_list("employee_number", flat=True).first()
        return super().prepare_value(value)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.employee_number})"


def person_field(queryset, *, as_list: bool, label, required=False):
    """A choice of person: a list when there are few (a team, the trainers), an employee number else."""
    if as_list:
        return PersonChoiceField(queryset.select_related("user"), label=label, required=required)
    return EmployeeNumberField(queryset, label=label, required=required)


class OnboardingStartForm(forms.Form):
    """Start an onboarding: whom, from which template, when, and the named people. A team leader
    picks from their team; HR and managers by employee number within the people they may see."""

    starts_on = forms.DateField(label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(
        label=_("Kind"), choices=Onboarding.Kind.choices, initial=Onboarding.Kind.NEW_HIRE
    )

    def __init__(self, *args, people, is_leader: bool, **kwargs):
        super().__init__(*args, **kwargs)
        active = Employee.objects.active()
        self.fields["employee"] = person_field(
            people, as_list=is_leader, label=_("Who starts"), required=True
        )
        self.fields["template"] = forms.ModelChoiceField(
            ChecklistTemplate.objects.filter(is_active=True), label=_("Checklist template")
        )
        self.fields["trainer"] = person_field(
            active.filter(role=Role.TRAINER), as_list=True, label=_("Trainer")
        )
        self.fields["floor_walker"] = person_field(
            people if is_leader else active, as_list=is_leader, label=_("Floor walker")
        )
        self.fields["hr_contact"] = person_field(
            active.filter(role=Role.HR), as_list=True, label=_("HR contact")
        )
        self.fields["it_contact"] = EmployeeNumberField(active, label=_("IT contact"), required=False)
        self.order_fields(
            [
                "employee",
                "template",
                "starts_on",
                "kind",
                "trainer",
                "floor_walker",
                "hr_contact",
                "it_contact",
            ]
        )

    def clean(self):
        cleaned = super().clean()
        employee = cleaned.get("employee")
        for name in ("trainer", "floor_walker", "hr_contact", "it_contact"):
            if employee is not None and cleaned.get(name) == employee:
                self.add_error(name, _("Name someone other than the person who starts."))
        return cleaned


class TaskTickForm(forms.Form):
    comment = forms.CharField(label=_("Comment (optional)"), max_length=500, required=False)


class TaskSetAsideForm(forms.Form):
    reason = forms.CharField(
        label=_("Why does the task not apply?"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )


class TaskAddForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    responsible = forms.ChoiceField(label=_("Responsible"), choices=Responsibility.choices)
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices, initial=Phase.FIRST_90_DAYS)
    due_on = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))


class FloorNoteForm(forms.ModelForm):
    """A floor note in seconds: about whom (the people the author may note), what, and optionally a
    call or case reference."""

    class Meta:
        model = FloorNote
        fields = ["employee", "text", "reference"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3, "maxlength": 500})}

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        employee = PersonChoiceField(people.select_related("user"), label=_("About"))
        employee.label_from_instance = lambda person: person.full_name
        self.fields["employee"] = employee
