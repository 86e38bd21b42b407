"""The registry of reminder kinds: every module in this package defines one `kind` (see
reminders.rule.ReminderKind). The sweep, the send and the reminders page ask here, so adding a kind is
one new module plus its two templates, and nothing else."""

import importlib
import pkgutil
from functools import cache

from reminders.rule import ReminderKind


@cache
def _registry() -> dict[str, ReminderKind]:
    modules = [importlib.import_module(f"{__name__}.{info.name}") for info in pkgutil.iter_modules(__path__)]
    return {module.kind.key: module.kind for module in modules}


def every() -> list[ReminderKind]:
    """Every kind, in a stable order (by key)."""
    return [kind for _key, kind in sorted(_registry().items())]


def get(key: str) -> ReminderKind | None:
    """The kind with this key; None for a key no module defines any more."""
    return _registry().get(key)


def label(key: str) -> str:
    """The translated name of a kind (the key itself for a kind that no longer exists)."""
    kind = get(key)
    return str(kind.label) if kind else key


def choices() -> list[tuple[str, str]]:
    """(key, translated name) of every kind, for filters."""
    return [(kind.key, kind.label) for kind in every()]
