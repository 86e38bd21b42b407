"""People import: the HR system's export as CSV, kept as a PeopleImport, previewed, applied whole.

people_import_upload() reads a file and keeps its rows with the plan's errors; the preview
(evaluate()) says who will be created, changed and ended, and which teams get a new leader.
people_import_confirm() works the plan out again against the database as it is then and applies it
in one transaction, only when no row has an error, once however often it is posted; title, role and
team changes go through people.services.employee_update, so the position history records them.
People absent from the file are left alone: leaving is an end date in the file.

The file (see README): a header naming the columns in COLUMNS (any order; more are ignored),
separated by commas, semicolons or tabs, UTF-8 or Windows-1252 (as goals' KPI import reads them); or
an Excel workbook (.xlsx) with the same columns on its first sheet.
"""

import hashlib
import io
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

import openpyxl
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.utils.exceptions import InvalidFileException

from people.csv_files import decode, split_lines
from people.models import Employee, Role, Site, Team
from people.services import employee_update
from people_import.models import PeopleImport

COLUMNS = (
    "employee_number",
    "first_name",
    "last_name",
    "email",
    "site",
    "team",
    "role",
    "title",
    "leader_employee_number",
    "start_date",
    "end_date",
)
REQUIRED = ("employee_number", "first_name", "last_name", "email", "site", "role", "title", "start_date")
LONGEST = {"employee_number": 20, "first_name": 150, "last_name": 150, "email": 254, "site": 100, "team": 100}
LONGEST_DEFAULT = 100
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")
MAX_ROWS = 50_000
XLSX_MAGIC = b"PK\x03\x04"  # an .xlsx file is a zip archive

# What can be wrong with one line; translated when shown, in the reader's language.
ROW_ERRORS = {
    "unreadable": gettext_lazy("The line cannot be read (a NUL character, or a cell far too long)."),
    "columns": gettext_lazy("The line has %(count)s cells but the header has %(expected)s."),
    "missing": gettext_lazy("“%(column)s” is empty."),
    "too_long": gettext_lazy("“%(column)s” is longer than %(max)s characters."),
    "email": gettext_lazy("“%(value)s” is not an e-mail address."),
    "site_unknown": gettext_lazy("Unknown site “%(site)s”: sites are made in Samtal, not by the import."),
    "role_unknown": gettext_lazy("Unknown role “%(role)s”: write one of %(roles)s."),
    "date": gettext_lazy("“%(value)s” is not a date; write it as YYYY-MM-DD."),
    "ends_before_start": gettext_lazy("The end date is before the start date."),
    "duplicate_number": gettext_lazy("Employee number %(number)s is also on line %(line)s."),
    "duplicate_email": gettext_lazy("The e-mail address is also on line %(line)s."),
    "email_taken": gettext_lazy("The e-mail address or login name belongs to someone else in Samtal."),
    "leader_unknown": gettext_lazy("Leader %(number)s is neither in the file nor in Samtal."),
    "leader_cycle": gettext_lazy("The leaders go round in a circle: %(chain)s."),
    "leader_without_team": gettext_lazy("A leader is given but no team."),
    "two_leaders": gettext_lazy("Team “%(team)s” has another leader on line %(line)s."),
}


def error_message(code, params) -> str:
    return str(ROW_ERRORS[code]) % params if params else str(ROW_ERRORS[code])


def _roles() -> dict:
    """Role codes and their names in every language, lower case."""
    names = {}
    for language in ("en", "nb", "sv"):
        with translation.override(language):
            names.update({str(role.label).lower(): role.value for role in Role})
    return {**names, **{role.value: role.value for role in Role}}


def _parse_date(text):
    for date_format in DATE_FORMATS:
        try:
            return datetime.strptime(text, date_format).date()
        except ValueError:
            continue
    return None


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an employee number Excel took for a number
    return str(value)


def _sheet_lines(content: bytes):
    """(line number, cells) of the first sheet of an Excel workbook, like split_lines() for CSV."""
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_cell_text(value) for value in values]
            if any(cell.strip() for cell in cells):
                yield number, cells
    except (zipfile.BadZipFile, KeyError, IndexError, ValueError, OSError, InvalidFileException):
        raise ValidationError(
            _("The file cannot be read as an Excel workbook. Save it again as .xlsx, or as “CSV UTF-8”.")
        ) from None


def read(content: bytes) -> tuple[list[dict], list]:
    """The rows of the file (CSV, or an Excel workbook's first sheet) as dicts, and the format errors
    of each line. Raises ValidationError when the file as a whole cannot be used."""
    lines = _sheet_lines(content) if content.startswith(XLSX_MAGIC) else split_lines(decode(content))
    first = next(lines, None)
    if first is None:
        raise ValidationError(_("The file is empty."))
    header = [cell.replace("\x00", "").strip().lower() for cell in first[1] or []]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise ValidationError(
            _("Missing columns: %(columns)s. The first line must name the columns %(expected)s.")
            % {"columns": ", ".join(missing), "expected": ", ".join(COLUMNS)}
        )
    position = {column: header.index(column) for column in COLUMNS}
    roles = _roles()
    rows, errors = [], []
    for line, cells in lines:
        if len(rows) == MAX_ROWS:
            raise ValidationError(_("The file has more than %(count)s rows.") % {"count": MAX_ROWS})
        if cells is None or any("\x00" in cell for cell in cells):
            errors.append([line, "unreadable", None])
            continue
        if len(cells) != len(header):
            errors.append([line, "columns", {"count": len(cells), "expected": len(header)}])
            continue
        values = {column: cells[position[column]].strip() for column in COLUMNS}
        row = {"line": line, **values}
        rows.append(row)
        for column in COLUMNS:
            longest = LONGEST.get(column, LONGEST_DEFAULT)
            if len(values[column]) > longest:
                errors.append([line, "too_long", {"column": column, "max": longest}])
                row[column] = values[column][:longest]
        for column in REQUIRED:
            if not values[column]:
                errors.append([line, "missing", {"column": column}])
        if values["email"]:
            try:
                validate_email(values["email"])
            except ValidationError:
                errors.append([line, "email", {"value": row["email"]}])
        row["role"] = roles.get(values["role"].lower(), "")
        if values["role"] and not row["role"]:
            errors.append(
                [line, "role_unknown", {"role": values["role"][:50], "roles": ", ".join(Role.values)}]
            )
        for column in ("start_date", "end_date"):
            if values[column]:
                parsed = _parse_date(values[column])
                row[column] = parsed.isoformat() if parsed else ""
                if parsed is None:
                    errors.append([line, "date", {"value": values[column][:50]}])
        if row["start_date"] and row["end_date"] and row["end_date"] < row["start_date"]:
            errors.append([line, "ends_before_start", None])
        if row["leader_employee_number"] and not row["team"]:
            errors.append([line, "leader_without_team", None])
    if not rows and not errors:
        raise ValidationError(_("The file has a header but no rows."))
    return rows, errors


@dataclass
class Plan:
    """What an import would do: `actions` per person (create, change, end, unchanged), the new teams
    and the teams that get another leader, and the errors that stop it."""

    errors: list = field(default_factory=list)
    actions: list = field(default_factory=list)
    new_teams: list = field(default_factory=list)
    leader_changes: list = field(default_factory=list)
    sites: dict = field(default_factory=dict)
    teams: dict = field(default_factory=dict)
    existing: dict = field(default_factory=dict)

    def count(self, kind):
        return sum(action["kind"] == kind for action in self.actions)


def _cycle_errors(rows) -> list:
    """Rows whose chain of leaders in the file comes back to them."""
    leader_of = {row["employee_number"]: row["leader_employee_number"] for row in rows}
    errors = []
    for row in rows:
        chain, number = [row["employee_number"]], row["leader_employee_number"]
        while number and number in leader_of and number not in chain:
            chain.append(number)
            number = leader_of[number]
        if number == row["employee_number"]:
            errors.append([row["line"], "leader_cycle", {"chain": " → ".join([*chain, number])}])
    return errors


def evaluate(rows: list[dict], errors: list) -> Plan:
    """The plan for `rows` against the database now (a handful of queries whatever the file's size)."""
    plan = Plan(errors=list(errors))
    plan.sites = {site.name.lower(): site for site in Site.objects.all()}
    numbers = Counter(row["employee_number"] for row in rows if row["employee_number"])
    emails = Counter(row["email"].lower() for row in rows if row["email"])
    first_line = {}
    for row in rows:
        for key, counter, code in (
            (("n", row["employee_number"]), numbers, "duplicate_number"),
            (("e", row["email"].lower()), emails, "duplicate_email"),
        ):
            if key[1] and counter[key[1]] > 1:
                if key in first_line:
                    plan.errors.append([row["line"], code, {"number": key[1], "line": first_line[key]}])
                else:
                    first_line[key] = row["line"]
        if row["site"] and row["site"].lower() not in plan.sites:
            plan.errors.append([row["line"], "site_unknown", {"site": row["site"]}])
    plan.errors += _cycle_errors(rows)

    plan.existing = {
        employee.employee_number: employee
        for employee in Employee.objects.select_related("user", "team", "site").filter(
            employee_number__in=numbers
        )
    }
    users = get_user_model().objects.annotate(email_lower=Lower("email"))
    owners = {}
    for email, number in users.filter(email_lower__in=emails).values_list(
        "email_lower", "employee__employee_number"
    ):
        owners[("e", email)] = number
    for username, number in users.filter(username__in=[n.lower() for n in numbers]).values_list(
        "username", "employee__employee_number"
    ):
        owners[("u", username)] = number
    leaders_known = set(numbers) | set(
        Employee.objects.filter(
            employee_number__in={row["leader_employee_number"] for row in rows} - set(numbers)
        ).values_list("employee_number", flat=True)
    )
    plan.teams = {
        (team.site_id, team.name.lower()): team
        for team in Team.objects.select_related("leader").filter(site__in=plan.sites.values())
    }
    team_leader = {}
    for row in rows:
        line, number = row["line"], row["employee_number"]
        for key in (("e", row["email"].lower()), ("u", number.lower())):
            if key in owners and owners[key] != number:
                plan.errors.append([line, "email_taken", None])
                break
        leader = row["leader_employee_number"]
        if leader and leader not in leaders_known:
            plan.errors.append([line, "leader_unknown", {"number": leader}])
        site = plan.sites.get(row["site"].lower())
        if row["team"] and site and leader:
            key = (site.pk, row["team"].lower())
            if key in team_leader and team_leader[key][0] != leader:
                plan.errors.append([line, "two_leaders", {"team": row["team"], "line": team_leader[key][1]}])
            team_leader.setdefault(key, (leader, line))
    if plan.errors:
        plan.errors.sort(key=lambda error: error[0])
        return plan

    for row in rows:
        site = plan.sites[row["site"].lower()]
        if row["team"] and (site.pk, row["team"].lower()) not in plan.teams:
            key = (site.pk, row["team"].lower())
            if (row["team"], site.name) not in plan.new_teams:
                plan.new_teams.append((row["team"], site.name))
            plan.teams[key] = None
        plan.actions.append(_action(row, site, plan.existing.get(row["employee_number"])))
    for (site_id, _name), (leader, _line) in team_leader.items():
        team = plan.teams.get((site_id, _name))
        if team is None or team.leader is None or team.leader.employee_number != leader:
            plan.leader_changes.append({"site_id": site_id, "team": _name, "leader": leader})
    return plan


def _action(row, site, employee) -> dict:
    name = f"{row['first_name']} {row['last_name']}"
    action = {"line": row["line"], "number": row["employee_number"], "name": name, "changes": []}
    if employee is None:
        return {**action, "kind": "create"}
    team = employee.team
    before = {
        "first_name": employee.user.first_name,
        "last_name": employee.user.last_name,
        "email": employee.user.email.lower(),
        "site": employee.site_id,
        "team": (team.site_id, team.name.lower()) if team else None,
        "role": employee.role,
        "title": employee.title,
        "start_date": employee.started_on.isoformat(),
        "end_date": employee.ended_on.isoformat() if employee.ended_on else "",
    }
    after = {
        **{key: row[key] for key in before},
        "email": row["email"].lower(),
        "site": site.pk,
        "team": (site.pk, row["team"].lower()) if row["team"] else None,
    }
    changes = [key for key in before if before[key] != after[key]]
    kind = "end" if "end_date" in changes and row["end_date"] else ("change" if changes else "unchanged")
    return {**action, "kind": kind, "changes": changes}


@transaction.atomic
def people_import_upload(*, content: bytes, file_name: str, user, now) -> PeopleImport:
    """Read and check a file and keep it as a previewed import. Changes no one. Raises ValidationError
    when the file as a whole cannot be read."""
    rows, errors = read(content)
    plan = evaluate(rows, errors)
    return PeopleImport.objects.create(
        uploaded_by=user,
        uploaded_at=now,
        file_name=file_name[:255],
        checksum=hashlib.sha256(content).hexdigest(),
        rows=rows,
        errors=plan.errors,
        created_count=plan.count("create"),
        changed_count=plan.count("change"),
        ended_count=plan.count("end"),
        unchanged_count=plan.count("unchanged"),
    )


def people_import_confirm(*, people_import: PeopleImport, user, now) -> PeopleImport:
    """Apply a previewed import, all of it or nothing, once. Raises ValidationError when it is no
    longer previewed (a second click, another tab, the nightly job) or no longer valid."""
    with transaction.atomic():
        locked = PeopleImport.objects.select_for_update().get(pk=people_import.pk)
        if locked.status != PeopleImport.Status.PREVIEWED:
            raise ValidationError(_("This file was already imported or discarded; nothing more was changed."))
        plan = evaluate(locked.rows, [])
        if locked.errors or plan.errors or not locked.rows:
            raise ValidationError(
                _("Nothing is imported until every row is valid: correct the file and upload it again.")
            )
        _apply(locked.rows, plan, user)
        locked.status = PeopleImport.Status.CONFIRMED
        locked.decided_at = now
        locked.created_count, locked.changed_count = plan.count("create"), plan.count("change")
        locked.ended_count, locked.unchanged_count = plan.count("end"), plan.count("unchanged")
        locked.leaderless = _leaderless(plan)
        locked.save()
    return locked


def _apply(rows, plan: Plan, user):
    User = get_user_model()
    for (site_id, name), team in list(plan.teams.items()):
        if team is None:
            original = next(
                r["team"]
                for r in rows
                if r["team"].lower() == name and plan.sites[r["site"].lower()].pk == site_id
            )
            plan.teams[(site_id, name)] = Team.objects.create(site_id=site_id, name=original)
    kinds = {action["number"]: action["kind"] for action in plan.actions}
    employees = dict(plan.existing)
    for row in rows:
        kind = kinds[row["employee_number"]]
        if kind == "unchanged":
            continue
        site = plan.sites[row["site"].lower()]
        data = {
            "site": site,
            "team": plan.teams[(site.pk, row["team"].lower())] if row["team"] else None,
            "role": row["role"],
            "title": row["title"],
            "started_on": date.fromisoformat(row["start_date"]),
            "ended_on": date.fromisoformat(row["end_date"]) if row["end_date"] else None,
        }
        names = {"first_name": row["first_name"], "last_name": row["last_name"], "email": row["email"]}
        if kind == "create":
            login = User(username=row["employee_number"].lower(), **names)
            login.set_unusable_password()  # single sign-on, or a password reset by e-mail
            login.save()
            employees[row["employee_number"]] = Employee.objects.create(
                user=login, employee_number=row["employee_number"], language=site.language, **data
            )
            continue
        employee = employees[row["employee_number"]]
        for key, value in names.items():
            setattr(employee.user, key, value)
        employee.user.save(update_fields=list(names))
        employee_update(employee=employee, changed_by=user, data=data, change_note=_("HR import"))
    for change in plan.leader_changes:
        team = plan.teams[(change["site_id"], change["team"])]
        leader = employees.get(change["leader"]) or Employee.objects.get(employee_number=change["leader"])
        team.leader = leader
        team.save(update_fields=["leader", "updated_at"])


def _leaderless(plan: Plan) -> list:
    """Teams whose leader leaves in this import and that no one else leads afterwards."""
    leaving = {action["number"] for action in plan.actions if action["kind"] == "end"}
    teams = Team.objects.filter(leader__employee_number__in=leaving).select_related("leader__user", "site")
    return [
        {
            "team": team.name,
            "site": team.site.name,
            "leader": team.leader.full_name,
            "leaves_on": team.leader.ended_on.isoformat(),
            "people": team.members.active().exclude(pk=team.leader_id).count(),
        }
        for team in teams
    ]


def people_import_discard(*, people_import: PeopleImport, now) -> bool:
    """Drop a previewed import. Safe to repeat: False when it was no longer previewed."""
    return bool(
        PeopleImport.objects.filter(pk=people_import.pk, status=PeopleImport.Status.PREVIEWED).update(
            status=PeopleImport.Status.DISCARDED, decided_at=now
        )
    )
