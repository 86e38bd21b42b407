"""Celery tasks of the coaching app: thin wrappers that take ids and call one service each."""

from celery import shared_task


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def conversation_invite_send_task(conversation_id: int):
    from coaching.mail import conversation_invite_send  # late import keeps the task module light

    conversation_invite_send(conversation_id=conversation_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def conversation_summary_send_task(conversation_id: int):
    from coaching.mail import conversation_summary_send

    conversation_summary_send(conversation_id=conversation_id)
