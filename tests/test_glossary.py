"""The nb and sv catalogues follow the glossaries in locale/glossary.<language>.md."""

import datetime
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import dateformat, translation

ROOT = Path(settings.BASE_DIR)
LANGUAGES = ["nb", "sv"]


def tables(language):
    """The glossary's tables, each a list of rows (lists of cell texts), header and rule left out."""
    found, current = [], None
    for line in (ROOT / "locale" / f"glossary.{language}.md").read_text().splitlines():
        if not line.startswith("|"):
            current = None
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if current is None:  # the header row starts a table
            current = []
            found.append(current)
        elif not set("".join(cells)) <= set("-: "):  # not the rule under the header
            current.append(cells)
    return found


def terms(language):
    """(English term, [forbidden variants]) from the glossary's first table."""
    return [
        (english.lower(), [variant.strip() for variant in forbidden.split(",")])
        for english, _preferred, forbidden in tables(language)[0]
    ]


def catalogues(language):
    return sorted(
        {
            *ROOT.glob(f"locale/{language}/LC_MESSAGES/django.po"),
            *ROOT.glob(f"*/locale/{language}/LC_MESSAGES/django.po"),
        }
    )


def forbidden_uses(entries, glossary):
    """Translations that use a forbidden variant of a term their msgid contains (whole words, any case)."""
    found = []
    for entry in entries:
        if entry.obsolete:
            continue
        msgid = f"{entry.msgid} {entry.msgid_plural}".lower()
        for english, forbidden in glossary:
            if english not in msgid:
                continue
            for variant in forbidden:
                pattern = re.compile(rf"(?<!\w){re.escape(variant)}(?!\w)", re.IGNORECASE)
                found += [
                    f"{entry.msgid!r} -> {msgstr!r} ({variant!r})"
                    for msgstr in [entry.msgstr, *entry.msgstr_plural.values()]
                    if pattern.search(msgstr)
                ]
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogues_use_no_forbidden_variant_of_a_glossary_term(language):
    glossary = terms(language)
    assert len(glossary) >= 10
    paths = catalogues(language)
    app_catalogues = [path for path in paths if path.parents[3] != ROOT]
    assert len(paths) == len(app_catalogues) + 1 >= 7  # the root catalogue and one per app
    offences = {
        str(path.relative_to(ROOT)): found
        for path in paths
        if (found := forbidden_uses(polib.pofile(str(path)), glossary))
    }
    assert offences == {}


@pytest.mark.parametrize(
    ("language", "msgid", "msgstr", "flagged"),
    [
        ("nb", "Overdue", "På etterskudd", True),
        ("nb", "Overdue", "Forfalt", False),
        ("nb", "Waiting for the leader", "Venter på lederen", True),
        ("nb", "Waiting for the leader", "Venter på teamlederen", False),
        ("sv", "Leader", "Chef", True),
        ("sv", "Manager", "Chef", False),  # a manager is a chef; only the team leader is not
        ("sv", "Expectation", "Förväntan", True),
    ],
)
def test_the_check_flags_a_forbidden_variant_where_the_term_is_meant(language, msgid, msgstr, flagged):
    entry = polib.POEntry(msgid=msgid, msgstr=msgstr)
    assert bool(forbidden_uses([entry], terms(language))) is flagged


@pytest.mark.parametrize("language", LANGUAGES)
def test_abbreviated_months_are_written_in_lower_case_as_the_language_does(language):
    expected = [preferred for _english, preferred in tables(language)[1]]
    assert len(expected) == 12
    with translation.override(language):
        written = [dateformat.format(datetime.date(2027, month, 3), "N") for month in range(1, 13)]
    assert written == expected
    assert all(month == month.lower() for month in written)


def test_templates_abbreviate_months_with_the_translatable_format():
    """Django capitalises the `M` format whatever the catalogue says; `N` follows ours."""
    uses_m = [
        f"{path.relative_to(ROOT)}: {match}"
        for path in ROOT.glob("**/templates/**/*.html")
        if ".venv" not in path.parts
        for match in re.findall(r'date:"([^"]*)"', path.read_text())
        if re.search(r"(?<!\\)M", match) and not match.endswith("_FORMAT")
    ]
    assert uses_m == []
