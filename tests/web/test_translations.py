"""No untranslated interface string: every string in the code is in the es/fr catalogues, translated and compiled."""

from __future__ import annotations

import re
from pathlib import Path

import polib

from minga.web.translations import ES_FR, PLURALS

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "minga"
TEMPLATE_STRINGS = re.compile(r"""{%\s*translate\s+(["'])(.+?)\1""")
PYTHON_STRINGS = re.compile(r"""\b_\(\s*(["'])(.+?)\1\s*\)""")


def catalogue(lang: str, kind: str = "po") -> polib._BaseFile:
    path = PACKAGE / "locale" / lang / "LC_MESSAGES" / f"django.{kind}"
    return polib.pofile(str(path)) if kind == "po" else polib.mofile(str(path))


def test_every_catalogue_entry_is_translated_and_compiled() -> None:
    for lang, column in (("es", 0), ("fr", 1)):
        po = catalogue(lang)
        singular = [e for e in po if not e.msgid_plural]
        plural = [e for e in po if e.msgid_plural]
        assert [e.msgid for e in singular if not e.msgstr or "fuzzy" in e.flags] == []
        assert {e.msgid: e.msgstr for e in singular} == {k: v[column] for k, v in ES_FR.items()}
        assert {e.msgid: tuple(e.msgstr_plural.values()) for e in plural} == {
            k: v[column] for k, v in PLURALS.items()
        }
        compiled = {
            e.msgid: e.msgstr or tuple(e.msgstr_plural.values()) for e in catalogue(lang, "mo") if e.msgid
        }
        assert compiled == {e.msgid: e.msgstr or tuple(e.msgstr_plural.values()) for e in po}


def test_every_literal_string_in_templates_and_code_is_in_the_catalogue() -> None:
    found = set()
    for template in (PACKAGE / "templates").rglob("*.html"):
        found |= {m[1] for m in TEMPLATE_STRINGS.findall(template.read_text("utf-8"))}
    for module in PACKAGE.rglob("*.py"):
        if "migrations" not in module.parts:
            found |= {m[1] for m in PYTHON_STRINGS.findall(module.read_text("utf-8"))}
    assert len(found) > 100
    assert sorted(found - set(ES_FR) - set(PLURALS)) == []
