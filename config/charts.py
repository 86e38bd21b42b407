"""The one chart component: a small server-rendered SVG line chart over dates, drawn by _chart.html.

Every chart in Samtal (a goal's progress, a person's wellbeing) is built here and rendered by the
shared partial templates/_chart.html. The page's Content-Security-Policy forbids inline styles and
scripts, so the chart is plain SVG geometry; colours come from classes in static/css/samtal.css.

Coordinates are formatted here as plain strings, so the template's number localisation (79,2 in nb
and sv) never reaches them; dates and values stay raw for the template to write in the reader's
language. Long periods are averaged per week or month, so a chart never carries more than a few
hundred points, and the same numbers are offered as a table ("Show the numbers").
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

WIDTH, HEIGHT = 480, 170
LEFT, RIGHT, TOP, BOTTOM = 44, 14, 10, 26
DAILY_UP_TO = 40  # more distinct days than this are averaged per week...
WEEKLY_UP_TO_DAYS = 200  # ...or, over longer periods, per month (ten years: 120 points)


def _coordinate(number: float) -> str:
    """A coordinate as SVG wants it whatever the language: a dot, no grouping, one decimal."""
    return f"{number:.1f}"


@dataclass
class Line:
    """One series as given: (day, value) pairs and how it is drawn."""

    label: str
    points: list[tuple[date, Decimal | int | float]]
    css_class: str
    marker: str = "circle"  # "circle", "square" or "" for a reference line without markers
    in_table: bool = True


@dataclass
class Marker:
    x: str
    y: str
    corner_x: str  # left and top edges of a square marker
    corner_y: str
    on: date
    value: Decimal | int | float


@dataclass
class DrawnLine:
    label: str
    css_class: str
    marker: str
    points: str  # the polyline's "x,y x,y"
    markers: list[Marker]


@dataclass
class Tick:
    position: str
    value: object  # a date on the x axis, a number on the y axis


@dataclass
class Chart:
    title: str
    width: int
    height: int
    lines: list[DrawnLine]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    x_left: str
    x_right: str
    y_top: str
    y_bottom: str
    label_y: str  # baseline of the date labels under the plot
    y_label_x: str  # right edge of the value labels left of the plot
    long_period: bool  # axis dates as "Mar 2026" rather than "3 Mar"
    grouping: str  # "day", "week" or "month": what one point stands for
    table_headers: list[str]
    table_rows: list[tuple[date, list]] = field(default_factory=list)


def _grouping(lines: list[Line]) -> str:
    days = {on for line in lines if line.marker for on, _ in line.points}
    if len(days) <= DAILY_UP_TO:
        return "day"
    if (max(days) - min(days)).days <= WEEKLY_UP_TO_DAYS:
        return "week"
    return "month"


def _bucket(on: date, grouping: str) -> date:
    if grouping == "week":
        return on - timedelta(days=on.weekday())
    if grouping == "month":
        return on.replace(day=1)
    return on


def _aggregate(points, grouping: str):
    """The mean value per week or month (dated by its first day); the points themselves per day."""
    if grouping == "day":
        return sorted(points)
    buckets = defaultdict(list)
    for on, value in points:
        buckets[_bucket(on, grouping)].append(Decimal(value))
    return [
        (on, (sum(values) / len(values)).quantize(Decimal("0.1"))) for on, values in sorted(buckets.items())
    ]


def _nice_step(span: float, ticks: int) -> float:
    raw = span / max(ticks, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    for step in (1, 2, 2.5, 5, 10):
        if raw <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _value_ticks(low: float, high: float) -> list:
    step = _nice_step(high - low, 4)
    first = math.floor(low / step) * step
    ticks, value = [], first
    while value <= high + step / 2:
        rounded = round(value, 6)
        ticks.append(int(rounded) if rounded == int(rounded) else Decimal(str(rounded)))
        value += step
    return ticks


def line_chart(
    *,
    title: str,
    lines: list[Line],
    start: date | None = None,
    end: date | None = None,
    value_ticks: list | None = None,
    grouping: str | None = None,
) -> Chart | None:
    """A chart of `lines` between `start` and `end` (by default the first and last day with a value),
    None when no line has a point. `value_ticks` fixes the value axis (e.g. a 1–5 scale); otherwise it
    spans the values with round steps. `grouping="month"` says the points already are monthly figures
    (dated by the first day: a report), so the axis and the table name months. Reads only what it is
    given (no query)."""
    lines = [line for line in lines if line.points]
    if not lines:
        return None
    grouping = grouping or _grouping(lines)
    series = [
        (line, _aggregate(line.points, grouping) if line.marker else sorted(line.points)) for line in lines
    ]
    days = [on for _, points in series for on, _ in points]
    start = start or min(days)
    end = end or max(days)
    span_days = max((end - start).days, 1)
    values = [float(value) for _, points in series for _, value in points]
    if value_ticks is None:
        low, high = min(values), max(values)
        if high == low:
            low, high = low - 1, high + 1
        value_ticks = _value_ticks(low, high)
    low, high = float(value_ticks[0]), float(value_ticks[-1])
    low, high = min([low, *values]), max([high, *values])
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(on: date) -> float:
        if start == end:
            return LEFT + plot_width / 2
        days = min(max((on - start).days, 0), span_days)
        return LEFT + plot_width * days / span_days

    def y(value) -> float:
        return TOP + (high - float(value)) / (high - low) * plot_height

    drawn = []
    for line, points in series:
        markers = [
            Marker(
                x=_coordinate(x(on)),
                y=_coordinate(y(value)),
                corner_x=_coordinate(x(on) - 3),
                corner_y=_coordinate(y(value) - 3),
                on=on,
                value=value,
            )
            for on, value in points
        ]
        drawn.append(
            DrawnLine(
                label=line.label,
                css_class=line.css_class,
                marker=line.marker,
                points=" ".join(f"{marker.x},{marker.y}" for marker in markers) if len(markers) > 1 else "",
                markers=markers if line.marker else [],
            )
        )
    tick_count = 4 if span_days > 7 else 1
    x_ticks = [
        start + timedelta(days=round(span_days * index / tick_count)) for index in range(tick_count + 1)
    ]
    table_lines = [(line, dict(points)) for line, points in series if line.in_table]
    table_days = sorted({on for _, points in table_lines for on in points})
    return Chart(
        title=title,
        width=WIDTH,
        height=HEIGHT,
        lines=drawn,
        x_ticks=[Tick(_coordinate(x(on)), on) for on in dict.fromkeys(x_ticks)],
        y_ticks=[Tick(_coordinate(y(value)), value) for value in value_ticks],
        x_left=_coordinate(LEFT),
        x_right=_coordinate(WIDTH - RIGHT),
        y_top=_coordinate(TOP),
        y_bottom=_coordinate(HEIGHT - BOTTOM),
        label_y=_coordinate(HEIGHT - 8),
        y_label_x=_coordinate(LEFT - 6),
        long_period=span_days > 300 or grouping == "month",
        grouping=grouping,
        table_headers=[line.label for line, _ in table_lines],
        table_rows=[(on, [points.get(on) for _, points in table_lines]) for on in table_days],
    )
