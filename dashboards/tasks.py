from celery import shared_task


@shared_task
def report_figures_refresh_task():
    from django.utils import timezone

    from dashboards.figures import report_figures_refresh  # late import keeps the task module import-light

    return report_figures_refresh(now=timezone.now())


@shared_task
def coverage_refresh_task():
    from django.utils import timezone

    from dashboards.stored_coverage import coverage_refresh  # late import keeps the task module import-light

    return coverage_refresh(now=timezone.now())
