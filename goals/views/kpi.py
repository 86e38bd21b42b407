import secrets

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from goals.forms import KpiUploadForm
from goals.kpi_import import decode, kpi_csv_check, kpi_csv_import
from goals.models import Metric

SESSION_KEY = "goals_kpi_import"


def _render(request, context, status=200):
    context = {"metrics": Metric.objects.filter(is_active=True), **context}
    return render(request, "goals/kpi_import.html", context, status=status)


def kpi_import(request):
    """Upload a CSV and see every row with its errors; the file waits in the session for "Import"."""
    form = KpiUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            text = decode(upload.read())
        except UnicodeDecodeError:
            form.add_error(
                "file", _("The file is not UTF-8 encoded. Save it as “CSV UTF-8” and upload it again.")
            )
        else:
            check = kpi_csv_check(text=text, user=request.user)
            token = secrets.token_urlsafe(16)
            if check.is_valid:
                request.session[SESSION_KEY] = {"token": token, "text": text, "name": upload.name}
            else:
                request.session.pop(SESSION_KEY, None)
            context = {"form": KpiUploadForm(), "check": check, "token": token, "name": upload.name}
            return _render(request, context, status=200 if check.is_valid else 400)
    return _render(request, {"form": form})


@require_POST
def kpi_import_confirm(request):
    """Import the previewed file: validated again for the current user, all rows or none."""
    stored = request.session.get(SESSION_KEY)
    if not stored or stored.get("token") != request.POST.get("token"):
        messages.error(request, _("That preview has expired. Upload the file again."))
        return redirect("goals:kpi_import")
    check, result = kpi_csv_import(text=stored["text"], user=request.user)
    if result is None:
        messages.error(request, _("The file is no longer valid; nothing was imported."))
        return _render(request, {"form": KpiUploadForm(), "check": check, "name": stored["name"]}, status=400)
    del request.session[SESSION_KEY]
    messages.success(
        request,
        _("Imported %(name)s: %(created)s new values, %(updated)s updated, %(unchanged)s unchanged.")
        % {
            "name": stored["name"],
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
        },
    )
    return redirect("goals:kpi_import")
