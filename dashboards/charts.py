"""The chart of a person's wellbeing (energy and workload, 1–5) over time, drawn by the shared chart
component (config.charts, templates/_chart.html)."""

from django.utils import timezone
from django.utils.translation import gettext

from config.charts import Chart, Line, line_chart

SCALE = [1, 2, 3, 4, 5]


def wellbeing_chart(conversations) -> Chart | None:
    """Energy and workload of every held conversation of `conversations` that recorded them, on the
    1–5 scale (averaged per week or month over long histories); None when there is nothing to draw.
    Reads only the given rows (no query)."""
    scored = [
        (timezone.localdate(conversation.scheduled_at), conversation)
        for conversation in conversations
        if conversation.status == conversation.Status.HELD
        and (conversation.energy is not None or conversation.workload is not None)
    ]
    return line_chart(
        title=gettext("Energy and workload over time (1 = low, 5 = high)"),
        lines=[
            Line(
                label=gettext("Energy"),
                css_class="chart-energy",
                points=[(on, c.energy) for on, c in scored if c.energy is not None],
            ),
            Line(
                label=gettext("Workload"),
                css_class="chart-workload",
                marker="square",
                points=[(on, c.workload) for on, c in scored if c.workload is not None],
            ),
        ],
        value_ticks=SCALE,
    )
