"""Pages of the goals app: goals (goals.py), shared expectations (expectations.py), KPI import (kpi.py)."""

from goals.views.expectations import (
    expectation_acknowledge,
    expectation_archive,
    expectation_create,
    expectation_detail,
    expectation_diff,
    expectation_edit,
    expectation_list,
    expectation_status,
)
from goals.views.goals import (
    check_in_add,
    employee_goals,
    goal_agree,
    goal_create,
    goal_decide,
    goal_detail,
    goal_edit,
    goal_propose,
    goal_request_outcome,
    my_goals,
    team_goal_create,
    team_goals,
)
from goals.views.kpi import kpi_import, kpi_import_confirm, kpi_import_detail, kpi_import_discard

__all__ = [
    "check_in_add",
    "employee_goals",
    "expectation_acknowledge",
    "expectation_archive",
    "expectation_create",
    "expectation_detail",
    "expectation_diff",
    "expectation_edit",
    "expectation_list",
    "expectation_status",
    "goal_agree",
    "goal_create",
    "goal_decide",
    "goal_detail",
    "goal_edit",
    "goal_propose",
    "goal_request_outcome",
    "kpi_import",
    "kpi_import_confirm",
    "kpi_import_detail",
    "kpi_import_discard",
    "my_goals",
    "team_goal_create",
    "team_goals",
]
