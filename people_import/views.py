from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from people_import import services
from people_import.forms import PeopleUploadForm
from people_import.models import PeopleImport

ACTIONS_SHOWN = 300


def upload(request):
    """Upload the HR export; it is kept as an import and previewed on its own page."""
    form = PeopleUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            record = services.people_import_upload(
                content=file.read(), file_name=file.name, user=request.user, now=timezone.now()
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return redirect(record)
    past = PeopleImport.objects.visible_to(request.user).select_related("uploaded_by").defer("rows")[:20]
    context = {"form": form, "past_imports": past, "columns": services.COLUMNS}
    return render(request, "people_import/upload.html", context, status=400 if form.errors else 200)


def detail(request, pk):
    """The preview: errors line by line, or who will be created, changed and ended; import or discard."""
    record = get_object_or_404(PeopleImport.objects.visible_to(request.user), pk=pk)
    leaderless = [{**team, "leaves_on": date.fromisoformat(team["leaves_on"])} for team in record.leaderless]
    context = {"record": record, "actions_shown": ACTIONS_SHOWN, "leaderless": leaderless}
    if record.status == PeopleImport.Status.PREVIEWED:
        context["errors"] = [
            (line, services.error_message(code, params)) for line, code, params in record.errors
        ]
        if not record.errors:
            plan = services.evaluate(record.rows, [])
            context["errors"] = [
                (line, services.error_message(code, params)) for line, code, params in plan.errors
            ]
            context["plan"] = plan
            context["actions"] = [action for action in plan.actions if action["kind"] != "unchanged"][
                :ACTIONS_SHOWN
            ]
    return render(request, "people_import/detail.html", context)


@require_POST
def confirm(request, pk):
    """Apply the previewed file: all of it or nothing, once however often it is posted."""
    record = get_object_or_404(PeopleImport.objects.visible_to(request.user), pk=pk)
    try:
        services.people_import_confirm(people_import=record, user=request.user, now=timezone.now())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Imported %(name)s.") % {"name": record.file_name})
    return redirect(record)


@require_POST
def discard(request, pk):
    record = get_object_or_404(PeopleImport.objects.visible_to(request.user), pk=pk)
    if services.people_import_discard(people_import=record, now=timezone.now()):
        messages.info(request, _("Discarded %(name)s; nothing was imported.") % {"name": record.file_name})
    return redirect("people_import:upload")
