"""Every chart, rendered in every language, is valid SVG with plain numeric coordinates and labels in
the reader's language (a decimal comma in nb/sv belongs in labels, never in coordinates)."""

import datetime
import re
import xml.etree.ElementTree as ET
from collections import Counter
from decimal import Decimal
from functools import partial

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from coaching.models import Conversation
from dashboards.charts import wellbeing_chart
from dashboards.reports import REPORTS, Cell, Row, Table
from goals import progress
from tests.goals.factories import CheckInFactory, GoalFactory, KpiMeasurementFactory

SVG = "{http://www.w3.org/2000/svg}"
NUMERIC_ATTRIBUTES = ("x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "width", "height")
TODAY = datetime.date(2026, 3, 15)


def goal_chart():
    goal = GoalFactory.build(baseline=Decimal("60.5"), target=Decimal("80"))
    check_ins = [CheckInFactory.build(goal=goal, checked_on=datetime.date(2026, 3, 1), value=Decimal("72.5"))]
    measurements = [KpiMeasurementFactory.build(period_end=datetime.date(2026, 1, 31), value=Decimal("64.3"))]
    progress.evaluate(goal, check_ins, measurements, today=TODAY)
    return progress.chart(goal)


def wellbeing(days: int):
    start = timezone.now() - datetime.timedelta(days=days)
    return wellbeing_chart(
        [
            Conversation(
                scheduled_at=start + datetime.timedelta(days=day),
                status=Conversation.Status.HELD,
                energy=1 + day % 5,
                workload=5 - day % 5,
            )
            for day in range(0, days, 3)
        ]
    )


def report_chart(key: str):
    """A report's chart over a year of monthly totals (built without the database)."""
    months = [datetime.date(2026, month, 1) for month in range(1, 13)]
    sums = Counter(seen=4, achieved=3, not_achieved=1, dropped=1, energy=17, energy_count=5)
    sums.update(workload=12, workload_count=5, completed=5, days=110)
    cells = [Cell(people=6, sums=sums) for _month in months]
    return REPORTS[key].chart(Table(months=months, rows=[], totals=Row(team=None, cells=cells)))


CHARTS = {
    "goal progress": goal_chart,
    **{f"report: {key}": partial(report_chart, key) for key in REPORTS},
    "wellbeing, a few months": lambda: wellbeing(90),
    "wellbeing, ten years": lambda: wellbeing(3650),
}
# What the language shows: the goal's values with its decimal separator, the table's first header.
EXPECTED = {
    "en": {"decimal": "72.5", "date_header": ("Date", "Week of", "Month")},
    "nb": {"decimal": "72,5", "date_header": ("Dato", "Uke som begynner", "Måned")},
    "sv": {"decimal": "72,5", "date_header": ("Datum", "Veckan som börjar", "Månad")},
}


def render(builder, language):
    with translation.override(language):
        return render_to_string("_chart.html", {"chart": builder(), "chart_id": "test-chart"})


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "nb", "sv"])
@pytest.mark.parametrize("name", CHARTS)
def test_every_chart_is_valid_svg_with_numeric_coordinates_in_every_language(name, language):
    html = render(CHARTS[name], language)
    svg = ET.fromstring(re.search(r"<svg.*?</svg>", html, re.S).group(0))
    assert svg.tag == f"{SVG}svg"
    assert [float(number) for number in svg.get("viewBox").split()] == [0, 0, 480, 170]
    elements = list(svg.iter())
    for element in elements:
        for attribute in NUMERIC_ATTRIBUTES:
            if attribute in element.attrib:
                float(element.get(attribute))  # "12,5" would raise
        for pair in element.get("points", "").split():
            x, y = pair.split(",")
            float(x), float(y)
    markers = [e for e in elements if e.tag in (f"{SVG}circle", f"{SVG}rect")]
    assert 0 < len(markers) <= 2 * 300  # at most a few hundred points per line
    labels = [e.text for e in elements if e.tag == f"{SVG}text"]
    assert len(labels) >= 4  # value axis and date axis


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "nb", "sv"])
def test_goal_chart_labels_and_table_are_in_the_language(language):
    html = render(goal_chart, language)
    svg = ET.fromstring(re.search(r"<svg.*?</svg>", html, re.S).group(0))
    titles = " ".join(e.text or "" for e in svg.iter(f"{SVG}title"))
    assert EXPECTED[language]["decimal"] in titles
    date_labels = [e.text for e in svg.iter(f"{SVG}text") if not re.fullmatch(r"[\d.,\s-]+", e.text)]
    assert date_labels, "the date axis has labels"
    table = re.search(r"<table.*?</table>", html, re.S).group(0)
    assert re.search(r'<th scope="col">({})</th>'.format("|".join(EXPECTED[language]["date_header"])), table)
    assert EXPECTED[language]["decimal"] in table


@pytest.mark.django_db
def test_month_names_on_the_date_axis_follow_the_language():
    labels = {}
    for language in ("en", "nb", "sv"):
        svg = ET.fromstring(re.search(r"<svg.*?</svg>", render(goal_chart, language), re.S).group(0))
        labels[language] = [e.text for e in svg.iter(f"{SVG}text")]
    assert "1 Jan" in labels["en"]
    assert "1. jan" in labels["nb"]
    assert "1 jan" in labels["sv"]
