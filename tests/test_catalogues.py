"""The nb and sv catalogues are complete and their committed .mo files are up to date (no gettext
needed: polib reads both)."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(
    path for path in ROOT.glob("**/locale/*/LC_MESSAGES/django.po") if ".venv" not in path.parts
)


def test_there_is_a_catalogue_for_each_language_at_the_root():
    assert {path.parts[-3] for path in CATALOGUES if path.parent.parent.parent.parent == ROOT} == {"nb", "sv"}


@pytest.mark.parametrize("po_path", CATALOGUES, ids=[str(path.relative_to(ROOT)) for path in CATALOGUES])
def test_every_string_is_translated_and_compiled(po_path):
    catalogue = polib.pofile(str(po_path))
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
    compiled = {
        (entry.msgctxt, entry.msgid): entry.msgstr for entry in polib.mofile(str(po_path.with_suffix(".mo")))
    }
    stale = [
        entry.msgid
        for entry in catalogue.translated_entries()
        if not entry.msgid_plural and compiled.get((entry.msgctxt, entry.msgid)) != entry.msgstr
    ]
    assert stale == [], f"{po_path.with_suffix('.mo')} is older than its .po: run make messages"
