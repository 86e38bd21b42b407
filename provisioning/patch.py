"""SCIM PATCH (RFC 7644 §3.5.2) on a resource's JSON representation.

Paths: `attr`, `attr.sub`, `attr[key eq "v"]`, `attr[key eq "v"].sub`, each optionally behind a
schema URN (`urn:…:enterprise:2.0:User:employeeNumber`); no path with a JSON object of such paths.
That covers what Entra ID and Okta send. The result replaces the record through the adapter's
from_dict, so a PATCH is checked exactly like a PUT."""

import copy
import re

from django.utils.translation import gettext as _
from django_scim import exceptions

PATH = re.compile(
    r'(?P<name>\w+)(?:\[(?P<key>\w+)\s+eq\s+"(?P<match>[^"]*)"\])?(?:\.(?P<sub>\w+))?', re.IGNORECASE
)


def _bad(message):
    return exceptions.BadRequestError(message, scim_type="invalidPath")


def _key(container: dict, name: str) -> str:
    """Attribute names are case-insensitive: the key the document already uses, else `name`."""
    return next((key for key in container if key.lower() == name.lower()), name)


def _split(document: dict, path: str) -> tuple[dict, str]:
    """The object holding `path` (the document or one of its schema extensions) and the rest."""
    if path.lower().startswith("urn:"):
        for schema in document.get("schemas", []):
            if path.lower().startswith(schema.lower() + ":"):
                return document.setdefault(schema, {}), path[len(schema) + 1 :]
        raise _bad(_("Unknown attribute path %(path)s.") % {"path": path})
    return document, path


def _apply(document: dict, op: str, path: str, value):
    schema = next((uri for uri in document.get("schemas", []) if uri.lower() == path.lower()), None)
    if schema is not None and isinstance(value, dict):  # a whole extension: {"urn:…:User": {…}}
        for key, item in value.items():
            _apply(document, op, f"{schema}:{key}", item)
        return
    container, rest = _split(document, path)
    match = PATH.fullmatch(rest)
    if match is None:
        raise _bad(_("Unknown attribute path %(path)s.") % {"path": path})
    name = _key(container, match["name"])
    sub = match["sub"]
    if match["key"]:  # a filtered item of a multi-valued attribute: emails[type eq "work"].value
        items = container.get(name) or []
        selected = [
            item for item in items if str(item.get(match["key"], "")).lower() == match["match"].lower()
        ]
        if op == "remove" and sub:
            for item in selected:
                item.pop(sub, None)
            return
        if op == "remove":
            container[name] = [item for item in items if item not in selected]
            return
        if not selected:
            selected = [{match["key"]: match["match"]}]
            container[name] = [*items, *selected]
        for item in selected:
            if sub:
                item[sub] = value
            elif isinstance(value, dict):
                item.update(value)
        return
    if sub:  # name.givenName
        parent = container.setdefault(name, {})
        if op == "remove":
            parent.pop(_key(parent, sub), None)
        else:
            parent[_key(parent, sub)] = value
        return
    current = container.get(name)
    if op == "remove":
        if isinstance(current, list) and isinstance(value, list):  # members: the listed ones
            gone = {str(item.get("value")) for item in value if isinstance(item, dict)}
            container[name] = [item for item in current if str(item.get("value")) not in gone]
        else:
            container.pop(name, None)
    elif op == "add" and isinstance(current, list):
        additions = value if isinstance(value, list) else [value]
        container[name] = current + [item for item in additions if item not in current]
    else:
        container[name] = value


def apply_operations(document: dict, operations) -> dict:
    """A copy of `document` with the PATCH `operations` applied (BadRequestError when malformed)."""
    if not isinstance(operations, list) or not all(isinstance(operation, dict) for operation in operations):
        raise _bad(_("Operations must be a list of objects."))
    document = copy.deepcopy(document)
    for operation in operations:
        op = str(operation.get("op", "")).lower()
        if op not in ("add", "remove", "replace"):
            raise _bad(_("Unknown PATCH operation %(op)s.") % {"op": operation.get("op")})
        path, value = operation.get("path"), operation.get("value")
        if path:
            _apply(document, op, str(path), value)
        elif op == "remove":
            raise exceptions.BadRequestError(_("A remove operation needs a path."), scim_type="noTarget")
        elif isinstance(value, dict):
            for key, item in value.items():
                _apply(document, op, key, item)
        else:
            raise _bad(_("An operation without a path needs an object as its value."))
    return document
