"""The small server-rendered SVG chart of a person's wellbeing (energy and workload, 1–5) over time.

The page's Content-Security-Policy forbids inline styles and scripts, so the chart is plain SVG
geometry computed here; colours come from classes in static/css/samtal.css.
"""

from dataclasses import dataclass

from django.utils import timezone

WIDTH, HEIGHT = 480, 150
LEFT, RIGHT, TOP, BOTTOM = 28, 10, 10, 24
SCALE = (1, 2, 3, 4, 5)
MAX_POINTS = 24


@dataclass
class Marker:
    x: float
    y: float
    value: int
    held_on: object

    @property
    def corner_x(self) -> float:
        """Left edge of the square marker drawn for workload."""
        return round(self.x - 3, 1)

    @property
    def corner_y(self) -> float:
        return round(self.y - 3, 1)


@dataclass
class Series:
    points: str
    markers: list[Marker]


@dataclass
class WellbeingChart:
    width: int
    height: int
    energy: Series
    workload: Series
    gridlines: list[tuple[int, float]]
    first_on: object
    last_on: object
    x_left: int
    x_right: int
    baseline: float
    rows: list[tuple[object, int | None, int | None]]


def _y(value: int) -> float:
    return round(TOP + (SCALE[-1] - value) / (SCALE[-1] - SCALE[0]) * (HEIGHT - TOP - BOTTOM), 1)


def _series(xs: list[float], values: list[int | None], dates: list) -> Series:
    markers = [
        Marker(x=x, y=_y(value), value=value, held_on=held_on)
        for x, value, held_on in zip(xs, values, dates, strict=True)
        if value is not None
    ]
    return Series(points=" ".join(f"{marker.x},{marker.y}" for marker in markers), markers=markers)


def wellbeing_chart(conversations) -> WellbeingChart | None:
    """The chart of the last MAX_POINTS held conversations of `conversations` that recorded energy or
    workload, oldest left; None when there is nothing to draw. Reads only the given rows (no query)."""
    scored = sorted(
        (
            conversation
            for conversation in conversations
            if conversation.status == conversation.Status.HELD
            and (conversation.energy is not None or conversation.workload is not None)
        ),
        key=lambda conversation: conversation.scheduled_at,
    )[-MAX_POINTS:]
    if not scored:
        return None
    plot_width = WIDTH - LEFT - RIGHT
    if len(scored) == 1:
        xs = [LEFT + plot_width / 2]
    else:
        xs = [round(LEFT + index * plot_width / (len(scored) - 1), 1) for index in range(len(scored))]
    dates = [timezone.localdate(conversation.scheduled_at) for conversation in scored]
    return WellbeingChart(
        width=WIDTH,
        height=HEIGHT,
        energy=_series(xs, [conversation.energy for conversation in scored], dates),
        workload=_series(xs, [conversation.workload for conversation in scored], dates),
        gridlines=[(value, _y(value)) for value in SCALE],
        first_on=dates[0],
        last_on=dates[-1],
        x_left=LEFT,
        x_right=WIDTH - RIGHT,
        baseline=HEIGHT - 6,
        rows=[
            (held_on, conversation.energy, conversation.workload)
            for held_on, conversation in zip(dates, scored, strict=True)
        ],
    )
