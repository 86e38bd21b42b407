"""Files HR and employees take away: CSV (with a BOM, so spreadsheet programs read å, ä, ø), JSON and
PDF (WeasyPrint, styled by the same print style sheet as the page)."""

import csv
import json

from django.contrib.staticfiles import finders
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.template.loader import render_to_string

PRINT_CSS = "css/history-print.css"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    """A cell a spreadsheet will not run as a formula (free text written by users may start with =)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_response(filename: str, header: list, rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([str(label) for label in header])
    writer.writerows([_cell(value) for value in row] for row in rows)
    return response


def json_response(filename: str, data, *, attachment=True) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    if attachment:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def pdf_response(filename: str, template: str, context: dict, request) -> HttpResponse:
    from weasyprint import CSS, HTML  # loads pango: only when a PDF is asked for

    html = render_to_string(template, context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(
        stylesheets=[CSS(filename=finders.find(PRINT_CSS))]
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
