"""Dates and numbers in the reader's language, one style per context, defined once in config/formats."""

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import formats, translation

NAMED = {
    "DATE_FORMAT",
    "SHORT_DATE_FORMAT",
    "DATETIME_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "MONTH_DAY_FORMAT",
    "YEAR_MONTH_FORMAT",
    "TIME_FORMAT",
    "c",
}
DAY = datetime.datetime(2026, 12, 4, 9, 5)


def test_pages_use_the_named_date_styles_only():
    pages = [
        path for path in Path(settings.BASE_DIR).glob("*/templates/**/*.html") if ".venv" not in path.parts
    ] + list(Path(settings.BASE_DIR, "templates").glob("**/*.html"))
    literal = {
        f"{path.relative_to(settings.BASE_DIR)}: {style}"
        for path in pages
        for style in re.findall(r"\|date:[\"']([^\"']+)[\"']", path.read_text())
        if style not in NAMED
    }
    assert not literal


@pytest.mark.parametrize(
    ("language", "heading", "listed", "axis", "number"),
    [
        ("en", "4 December 2026", "2026-12-04", "4 Dec", "12,500.5"),
        ("nb", "4. desember 2026", "04.12.2026", "4. des", "12\xa0500,5"),
        ("sv", "4 december 2026", "2026-12-04", "4 dec", "12\xa0500,5"),
    ],
)
def test_each_language_has_its_own_date_and_number_style(language, heading, listed, axis, number):
    with translation.override(language):
        assert formats.date_format(DAY, "DATE_FORMAT") == heading
        assert formats.date_format(DAY, "SHORT_DATE_FORMAT") == listed
        assert formats.date_format(DAY, "MONTH_DAY_FORMAT") == axis
        assert formats.localize(Decimal("12500.5"), use_l10n=True) == number
