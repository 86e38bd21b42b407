from django.shortcuts import get_object_or_404, render

from goals.models import Goal
from goals.selectors import evaluate_goals


def goal_detail(request, pk):
    goals = Goal.objects.visible_to(request.user).select_related("employee__user", "metric")
    goal = get_object_or_404(goals, pk=pk)
    evaluate_goals([goal])
    return render(request, "goals/goal_detail.html", {"goal": goal})
