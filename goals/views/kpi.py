from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from goals import kpi_import as service
from goals.forms import KpiUploadForm
from goals.models import KpiImport, Metric
from goals.selectors import kpi_import_preview, past_kpi_imports
from people.csv_files import ERROR_ROWS_SHOWN, FIRST_ROWS_SHOWN


def kpi_import(request):
    """Upload a CSV; it is kept as an import and previewed on its own page until confirmed."""
    form = KpiUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            record = service.kpi_import_upload(
                content=upload.read(), file_name=upload.name, user=request.user, now=timezone.now()
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return redirect(record)
    context = {
        "form": form,
        "metrics": Metric.objects.filter(is_active=True),
        "past_imports": past_kpi_imports(request.user),
    }
    return render(request, "goals/kpi_import.html", context, status=400 if form.errors else 200)


def kpi_import_detail(request, pk):
    """The preview of one upload: counts, the rows in error and the first rows; import or discard."""
    record = get_object_or_404(KpiImport.objects.visible_to(request.user), pk=pk)
    context = {
        "upload": record,
        "rows_template": "goals/_kpi_import_rows.html",
        "can_decide": record.status == KpiImport.Status.PREVIEWED
        and record.uploaded_by_id == request.user.pk,
        "error_rows_shown": ERROR_ROWS_SHOWN,
        "first_rows_shown": FIRST_ROWS_SHOWN,
        **kpi_import_preview(record, request.user),
    }
    return render(request, "goals/kpi_import_detail.html", context)


def _own_import(request, pk):
    # Only the uploader confirms or discards: the rows were checked against their scope.
    return get_object_or_404(
        KpiImport.objects.visible_to(request.user).filter(uploaded_by=request.user), pk=pk
    )


@require_POST
def kpi_import_confirm(request, pk):
    """Import the previewed file: all rows or none, once however often it is posted."""
    record = _own_import(request, pk)
    try:
        result = service.kpi_import_confirm(kpi_import=record, user=request.user, now=timezone.now())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(record)
    messages.success(
        request,
        _("Imported %(name)s: %(created)s new values, %(updated)s updated, %(unchanged)s unchanged.")
        % {
            "name": record.file_name,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
        },
    )
    return redirect("goals:kpi_import")


@require_POST
def kpi_import_discard(request, pk):
    record = _own_import(request, pk)
    if service.kpi_import_discard(kpi_import=record, now=timezone.now()):
        messages.success(request, _("The file %(name)s was discarded.") % {"name": record.file_name})
    return redirect("goals:kpi_import")
