from celery import shared_task
from django.utils import timezone


@shared_task
def employment_end_deactivate_task():
    from people.services import employment_end_deactivate  # late import keeps the task module import-light

    return employment_end_deactivate(today=timezone.localdate())
