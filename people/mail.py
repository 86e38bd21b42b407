"""E-mail for the demo and development: each message in a file under var/mail/, one log line each."""

import logging

from django.core.mail.backends.filebased import EmailBackend

logger = logging.getLogger("samtal.mail")


class FileAndLogEmailBackend(EmailBackend):
    """Django's file backend (the full messages under EMAIL_FILE_PATH), plus one console line per
    message instead of the whole message: the first reminder sweep of a demo sends hundreds."""

    def send_messages(self, email_messages):
        sent = super().send_messages(email_messages)
        for message in email_messages:
            logger.info("e-mail to %s: %s (in %s)", ", ".join(message.to), message.subject, self.file_path)
        return sent
