from celery import shared_task


@shared_task
def site_compliance_refresh_task():
    from django.utils import timezone

    from onboarding.trainings import site_compliance_refresh  # late import keeps the task module import-light

    return site_compliance_refresh(now=timezone.now())
