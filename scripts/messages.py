"""Rebuild the es/fr catalogues: extract the strings, fill them from minga/web/translations.py, compile.

    .venv/bin/python scripts/messages.py      (needs GNU gettext's xgettext: apt-get install gettext)

A string without a translation in the table stops the script with its text, so nothing untranslated is shipped.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "minga"
sys.path.insert(0, str(ROOT / "src"))

from minga.web.translations import ES_FR, PLURALS  # noqa: E402

LANGUAGES = {"es": 0, "fr": 1}


def main() -> int:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "minga.settings", "MINGA_DEBUG": "1"}
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", *[f"-l{lang}" for lang in LANGUAGES],
         "--no-location", "--no-obsolete", "--ignore=locale/*", "-v0"],
        cwd=PACKAGE, env=env, check=True,
    )  # fmt: skip
    missing: set[str] = set()
    for lang, column in LANGUAGES.items():
        po_path = PACKAGE / "locale" / lang / "LC_MESSAGES" / "django.po"
        catalogue = polib.pofile(str(po_path))
        for entry in catalogue:
            if entry.msgid_plural and entry.msgid in PLURALS:
                entry.msgstr_plural = dict(enumerate(PLURALS[entry.msgid][column]))
            elif entry.msgid in ES_FR and not entry.msgid_plural:
                entry.msgstr = ES_FR[entry.msgid][column]
            else:
                missing.add(entry.msgid)
                continue
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        catalogue.metadata["Language"] = lang
        catalogue.metadata["Content-Type"] = "text/plain; charset=UTF-8"
        catalogue.save(str(po_path))
        catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
    if missing:
        print("Add these strings to src/minga/web/translations.py:", *sorted(missing), sep="\n  ")
        return 1
    print(f"Catalogues rebuilt: {len(catalogue)} strings in {', '.join(LANGUAGES)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
