"""Values shared by the exporters."""

from __future__ import annotations

from minga.registry.models import Actor
from minga.vocab.domain.load import ESSGLOBAL_BASE

SCHEMES = {
    "organisational_structure": "organisational-structure",
    "primary_activity": "activities-ica",
    "membership_type": "base-membership-type",
    "legal_form": "legal-form",
}


def territory_code(actor: Actor) -> str:
    """The code of the actor's territory, read from its path (no query)."""
    return actor.territory_path.rstrip("/").rsplit("/", 1)[-1] if actor.territory_path else ""


def essglobal_iri(field: str, code: str) -> str:
    return f"{ESSGLOBAL_BASE}{SCHEMES[field]}/{code}"


def first_text(texts: dict[str, str]) -> str:
    for lang in ("en", "es", "fr"):
        if texts.get(lang):
            return texts[lang]
    return next((t for t in texts.values() if t), "")
