"""Post an admin change form as it was shown, with some fields changed."""

import datetime

from django.db.models import Model


def _plain(value):
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, (list, tuple, set)) or hasattr(value, "all"):
        return [_plain(v) for v in (value.all() if hasattr(value, "all") else value)]
    return value


def change_form_data(client, url, **changes):
    """The data the admin's change page would post back unchanged, with `changes` applied."""
    response = client.get(url)
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if isinstance(value, datetime.datetime):  # the admin's split date and time inputs
            data[f"{name}_0"], data[f"{name}_1"] = value.date().isoformat(), value.time().isoformat()
        elif value is not None and value is not False:
            data[name] = _plain(value)
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update({f"{management.prefix}-{k}": v for k, v in management.initial.items()})
        for inline_form in inline.formset.forms:
            for name, field in inline_form.fields.items():
                value = inline_form.initial.get(name, field.initial)
                if value is not None and value is not False:
                    data[f"{inline_form.prefix}-{name}"] = _plain(value)
    data.update(changes)
    return data
