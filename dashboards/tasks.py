from celery import shared_task


@shared_task
def report_figures_refresh_task():
    from django.utils import timezone

    from dashboards.figures import report_figures_refresh  # late import keeps the task module import-light

    return report_figures_refresh(now=timezone.now())
