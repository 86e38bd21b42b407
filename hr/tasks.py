from celery import shared_task


@shared_task
def access_log_purge_task():
    from hr.services import access_log_purge  # late import keeps the task module import-light

    return access_log_purge()


@shared_task
def retention_sweep_task():
    from django.utils import timezone

    from hr.services import retention_sweep

    return retention_sweep(today=timezone.localdate())
