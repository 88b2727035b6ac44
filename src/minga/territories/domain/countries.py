"""Free-text country values ("Österreich", "UK", "Frace", "SCOTLAND") → ISO 3166-1 alpha-2 codes.

Names come from pycountry (name, common and official names) and their gettext translations into the languages of
Europe and the UN, plus a small alias table for what those miss (UK nations, EU codes, usual short forms).
A value is never guessed between two plausible countries: ambiguous or unknown values give None.

Codes are taken at face value: "SR" is Suriname in ISO 3166-1, but European data often uses it for Serbia or
for Slovakia ("Slovenská republika"); it is returned as "SR" and listed in :data:`AMBIGUOUS_CODES` so callers
can check it against coordinates. The resolver itself never looks at coordinates.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from functools import lru_cache

import pycountry

#: official EU languages, other languages of Europe, and the UN's six
LANGUAGES = (
    "ar", "be", "bg", "bs", "ca", "cs", "cy", "da", "de", "el", "es", "et", "eu", "fi", "fo", "fr", "fy", "ga",
    "gl", "hr", "hu", "is", "it", "lt", "lv", "mk", "mt", "nb_NO", "nl", "nn", "oc", "pl", "pt", "ro", "ru",
    "sk", "sl", "sq", "sr", "sr@latin", "sv", "tr", "uk", "zh_CN",
)  # fmt: skip

#: values pycountry and its translations miss. UK nations, and cities seen in country fields, go to GB.
ALIASES = {
    "uk": "GB", "el": "GR",  # EU codes for the United Kingdom and Greece
    "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB", "cymru": "GB",
    "great britain": "GB", "britain": "GB", "aberdeen": "GB",
    "czech republic": "CZ", "holland": "NL", "the netherlands": "NL", "eire": "IE", "россия": "RU",
    "russia": "RU", "turkey": "TR", "vatican": "VA", "vatican city": "VA",
}  # fmt: skip
# Left out on purpose: "Macedonia" (also a region of Greece), "Kosovo" (no ISO 3166-1 code; "XK" is user-assigned).

#: valid ISO codes that European data often uses for another country ("SR": Serbia, Slovakia)
AMBIGUOUS_CODES = frozenset({"SR"})

_SEPARATORS = re.compile(r"\s*[/|;]\s*")


def normalise(text: str) -> str:
    """Case, accents and punctuation folded away; letters of any script kept ("ÖSterreich" → "osterreich")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[\W_]+", " ", folded).split())


def _add_tier(index: dict[str, str], names: dict[str, set[str]]) -> None:
    """Add names that point to one country only and that an earlier, more trusted tier has not claimed."""
    for name, codes in names.items():
        if name and name not in index and len(codes) == 1:
            index[name] = next(iter(codes))


@lru_cache(maxsize=1)
def country_name_index() -> dict[str, str]:
    """Normalised name (in many languages) → alpha-2.

    Built in tiers, most trusted first: aliases, English names, translated names, then names shortened at their
    comma ("Moldova, Republic of" → "moldova"). Within a tier, a name shared by two countries is left out.
    """
    index = {normalise(alias): code for alias, code in ALIASES.items()}
    english: dict[str, set[str]] = {}
    translated: dict[str, set[str]] = {}
    shortened: dict[str, set[str]] = {}
    translators = [
        gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
        for lang in LANGUAGES
    ]
    for country in pycountry.countries:
        code = str(country.alpha_2)
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            if not name:
                continue
            english.setdefault(normalise(name), set()).add(code)
            for tr in translators:
                translated.setdefault(normalise(tr.gettext(name)), set()).add(code)
            if "," in name:
                shortened.setdefault(normalise(name.split(",")[0]), set()).add(code)
    for tier in (english, translated, shortened):
        _add_tier(index, tier)
    return index


def _edit_distance_at_most_one(a: str, b: str) -> bool:
    """True when ``a`` becomes ``b`` by at most one insertion, deletion, substitution or swap of neighbours."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        swapped = a[i + 1 : i + 2] + a[i : i + 1] + a[i + 2 :] == b[i:]
        return a[i + 1 :] == b[i + 1 :] or swapped
    return a[i + 1 :] == b[i:] if len(a) > len(b) else a[i:] == b[i + 1 :]


def _fuzzy(key: str) -> str | None:
    """The one country a name of ≥ 5 letters is a single typo away from ("frace" → FR); None if 0 or ≥ 2.

    Conservative: both names have ≥ 5 letters and the same first letter, and every near name agrees.
    """
    if len(key) < 5:
        return None
    codes = {
        code
        for name, code in country_name_index().items()
        if len(name) >= 5 and name[0] == key[0] and _edit_distance_at_most_one(key, name)
    }
    return codes.pop() if len(codes) == 1 else None


def _resolve_one(raw: str) -> str | None:
    key = normalise(raw)
    if not key:
        return None
    if re.fullmatch(r"[a-z]( [a-z]){1,2}", key):  # "U.K.", "U S A"
        key = key.replace(" ", "")
    index = country_name_index()
    if re.fullmatch(r"[a-z]{2}", key):
        if key in index:  # "uk", "el"
            return index[key]
        return key.upper() if pycountry.countries.get(alpha_2=key.upper()) else None
    if re.fullmatch(r"[a-z]{3}", key) and (found := pycountry.countries.get(alpha_3=key.upper())):
        return str(found.alpha_2)
    for candidate in (key, key.removeprefix("the ")):
        if candidate in index:
            return index[candidate]
    return _fuzzy(key)


@lru_cache(maxsize=4096)
def resolve_country(text: str | None) -> str | None:
    """The ISO 3166-1 alpha-2 code a free-text country value means, or None when unknown or ambiguous.

    "DE", "gb", "GBR", "United Kingdom", "SCOTLAND", "Österreich", "Ελλάδα", "Frace" are all understood; so are
    lists of names for one country ("Schweiz/Suisse/Svizzera"). "SR" comes back as "SR" (see
    :data:`AMBIGUOUS_CODES`).
    """
    if text is None or not text.strip():
        return None
    found = _resolve_one(text)
    if found is None and _SEPARATORS.search(text):
        codes = {_resolve_one(part) for part in _SEPARATORS.split(text) if part.strip()}
        if len(codes) == 1:
            found = codes.pop()
    return found
