"""What one reader may see of one person's conversations (DESIGN.md, "Who may see what").

The person, their team leader and their site's manager read the shared parts of a conversation
(agenda, shared summary, wins, action items); HR reads only that it happened, unless the
organisation's data-protection officer allows the summary too. Individual wellbeing scores are for
the person and their team leader only. The officer's decision is kept by the HR app
(hr.PrivacySettings), which plugs its reader in here when it starts: the apps below it never import
it, and without it the strict default holds.
"""

from dataclasses import dataclass

from people.models import Role

_decisions = {"hr_reads_summary": lambda: False}


def provide_hr_reads_summary(reader) -> None:
    """Called by the HR app at start-up with a function answering the officer's decision."""
    _decisions["hr_reads_summary"] = reader


@dataclass(frozen=True)
class Reading:
    is_self: bool
    reads_summary: bool  # agenda, shared notes, wins, action items
    reads_wellbeing: bool  # individual energy and workload scores

    @classmethod
    def of(cls, user, employee, *, hr_reads_summary=None) -> "Reading":
        """`employee` was reached through visible_to(user), with its team loaded. The officer's decision
        is read (one query) only for an HR reader, unless the caller already has it."""
        viewer = getattr(user, "employee", None)
        is_self = viewer is not None and viewer.pk == employee.pk
        role = viewer.role if viewer is not None else None
        leads = (
            role == Role.TEAM_LEADER and employee.team is not None and employee.team.leader_id == viewer.pk
        )
        is_hr = not is_self and (user.is_superuser or role == Role.HR)
        if is_hr:
            reads_summary = (
                hr_reads_summary if hr_reads_summary is not None else _decisions["hr_reads_summary"]()
            )
        else:
            reads_summary = is_self or leads or role == Role.MANAGER
        return cls(is_self=is_self, reads_summary=reads_summary, reads_wellbeing=is_self or leads)
