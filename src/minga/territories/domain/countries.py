"""Free-text country values ("Österreich", "UK", "Frace", "SCOTLAND") → ISO 3166-1 alpha-2 codes.

Uses pycountry's names and their translations in the languages of Europe and the UN, plus a small alias table.
Never guesses between two plausible countries: an ambiguous or unknown value gives None.
"""

from __future__ import annotations

import difflib
import gettext
import re
import unicodedata
from functools import lru_cache

import pycountry

LANGUAGES = (
    "ar", "bg", "ca", "cs", "da", "de", "el", "es", "et", "eu", "fi", "fr", "ga", "gl", "hr", "hu", "is", "it",
    "lt", "lv", "mt", "nb", "nl", "pl", "pt", "ro", "ru", "sk", "sl", "sq", "sr", "sv", "tr", "uk", "zh_CN",
)  # fmt: skip
#: values pycountry and its translations miss; UK nations go to GB; EU codes "EL" and "UK"
ALIASES = {
    "uk": "GB", "england": "GB", "scotland": "GB", "wales": "GB", "cymru": "GB", "northern ireland": "GB",
    "great britain": "GB", "britain": "GB", "aberdeen": "GB", "el": "GR", "czech republic": "CZ", "czechia": "CZ",
    "cesko": "CZ", "holland": "NL", "the netherlands": "NL", "russia": "RU", "turkey": "TR", "turkiye": "TR",
    "south korea": "KR", "north korea": "KP", "usa": "US", "united states of america": "US", "vatican": "VA",
    "moldova": "MD", "bolivia": "BO", "venezuela": "VE", "iran": "IR", "syria": "SY", "tanzania": "TZ",
    "vietnam": "VN", "laos": "LA", "kosovo": "XK", "eire": "IE", "suisse": "CH", "schweiz": "CH",
    "svizzera": "CH", "macedonia": "MK", "north macedonia": "MK",
}  # fmt: skip
#: codes that are valid ISO but often mean something else in SSE data ("SR": Suriname, or Serbia)
AMBIGUOUS_CODES = {"SR"}


def normalise(text: str) -> str:
    """Case, accents and punctuation folded away; letters of any script kept ("Ελλάδα" → "ελλαδα")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", " ", folded).strip()


@lru_cache(maxsize=1)
def country_name_index() -> dict[str, str]:
    """Normalised name (in many languages) → alpha-2; names shared by two countries are left out."""
    index: dict[str, set[str]] = {}

    def add(name: str | None, code: str) -> None:
        if name:
            index.setdefault(normalise(name), set()).add(code)

    translators = [
        gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
        for lang in LANGUAGES
    ]
    for country in pycountry.countries:
        names = {country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)}
        for name in [n for n in names if n]:
            add(name, country.alpha_2)
            for tr in translators:
                add(tr.gettext(name), country.alpha_2)
    out = {name: codes.pop() for name, codes in index.items() if len(codes) == 1 and name}
    for alias, code in ALIASES.items():
        out[normalise(alias)] = code
    return out


@lru_cache(maxsize=4096)
def resolve_country(text: str | None) -> str | None:
    """The ISO 3166-1 alpha-2 code a free-text country value means, or None when unknown or ambiguous."""
    if not text or not text.strip():
        return None
    raw = text.strip()
    key = normalise(raw)
    if re.fullmatch(r"[A-Za-z]{2}", raw):
        code = raw.upper()
        if code in AMBIGUOUS_CODES:
            return None
        if key in ALIASES:
            return ALIASES[key]
        return code if pycountry.countries.get(alpha_2=code) else None
    if re.fullmatch(r"[A-Za-z]{3}", raw):
        found = pycountry.countries.get(alpha_3=raw.upper())
        if found:
            return str(found.alpha_2)
    index = country_name_index()
    if key in index:
        return index[key]
    if len(key) >= 5:  # one slip of the keyboard: "Frace", "Italu", "Cypres"
        close = difflib.get_close_matches(key, index.keys(), n=2, cutoff=0.8)
        if len(close) == 1 or (len(close) == 2 and index[close[0]] == index[close[1]]):
            return index[close[0]]
    return None
