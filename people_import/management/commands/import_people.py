"""The HR export as a nightly job: `manage.py import_people export.csv [--as hr.user] [--dry-run]`."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from people_import import services


class Command(BaseCommand):
    help = (
        "Import people and teams from the HR system's CSV export: all rows or none, kept as an import record."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--as", dest="username", help="the login recorded as having made the changes")
        parser.add_argument("--dry-run", action="store_true", help="check and show the plan, change nothing")

    def handle(self, *args, file, username, dry_run, **options):
        user = None
        if username:
            user = get_user_model().objects.filter(username=username).first()
            if user is None:
                raise CommandError(f"No login named {username}.")
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(str(error)) from error
        try:
            record = services.people_import_upload(
                content=content, file_name=file.name, user=user, now=timezone.now()
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if record.errors:
            for line, code, params in record.errors:
                self.stderr.write(f"line {line}: {services.error_message(code, params)}")
            raise CommandError(f"{len(record.errors)} errors: nothing was imported (import {record.pk}).")
        summary = (
            f"{record.created_count} new, {record.changed_count} changed, {record.ended_count} leaving, "
            f"{record.unchanged_count} unchanged"
        )
        if dry_run:
            services.people_import_discard(people_import=record, now=timezone.now())
            self.stdout.write(f"Dry run: {summary}; nothing was changed.")
            return
        try:
            record = services.people_import_confirm(people_import=record, user=user, now=timezone.now())
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"Imported {file.name}: {summary} (import {record.pk}).")
        for team in record.leaderless:
            self.stdout.write(
                f"Team {team['team']} ({team['site']}): its leader {team['leader']} leaves on {team['leaves_on']}, "
                f"{team['people']} people will have no leader."
            )
