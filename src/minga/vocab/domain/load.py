"""Load the packaged vocabularies: ESSGlobal SKOS schemes (+ ESSGlobal 2.1 es/fr labels) and the SDG framework.

Idempotent: re-running updates labels in place.
"""

from __future__ import annotations

import json
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from minga.vocab.models import Concept, Scheme, SdgGoal, SdgIndicator, SdgTarget

DATA = Path(__file__).resolve().parents[2] / "data"
LANGUAGES = ("en", "es", "fr")
ESSGLOBAL_BASE = "http://purl.org/essglobal/standard/"
#: the open-sdg English indicator file (last changed 2024-11-05) predates the UN Statistical Commission's 2025 comprehensive review
INDICATOR_LIST_VERSION = "UN global indicator framework, 2024 refinement (pre-2025 review)"
#: official UN SDG colours
SDG_COLOURS = {
    1: "#E5243B", 2: "#DDA63A", 3: "#4C9F38", 4: "#C5192D", 5: "#FF3A21", 6: "#26BDE2",
    7: "#FCC30B", 8: "#A21942", 9: "#FD6925", 10: "#DD1367", 11: "#FD9D24", 12: "#BF8B2E",
    13: "#3F7E44", 14: "#0A97D9", 15: "#56C02B", 16: "#00689D", 17: "#19486A",
}  # fmt: skip
_NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_JSON_SCHEME = {"organisational-structure": "os", "activities-ica": "aci", "base-membership-type": "bmt"}


def _texts(element: ET.Element, tag: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for node in element.findall(f"skos:{tag}", _NS):
        lang = (node.get(_XML_LANG) or "en").lower()[:2]
        if lang in LANGUAGES and (node.text or "").strip():
            out[lang] = " ".join(node.text.split())  # type: ignore[union-attr]
    return out


def read_skos(scheme: str) -> list[dict[str, Any]]:
    """Concepts of one ESSGlobal SKOS file: code, uri, labels and scope notes in en/es/fr (where not empty)."""
    root = ET.parse(DATA / "essglobal" / f"{scheme}.skos").getroot()
    extra: dict[str, dict[str, str]] = {}
    if scheme in _JSON_SCHEME:
        vocab = json.loads((DATA / "essglobal" / "vocabs-2.1.json").read_text("utf-8"))["vocabs"]
        for lang in LANGUAGES:
            for code, label in vocab[_JSON_SCHEME[scheme]].get(lang, {}).get("terms", {}).items():
                if label:
                    extra.setdefault(code, {})[lang] = label
    concepts = []
    for concept in root.findall("skos:Concept", _NS):
        code = concept.get(f"{{{_NS['rdf']}}}about") or ""
        labels = {**extra.get(code, {}), **_texts(concept, "prefLabel")}
        concepts.append(
            {
                "code": code,
                "uri": f"{ESSGLOBAL_BASE}{scheme}/{code}",
                "labels": labels,
                "notes": _texts(concept, "scopeNote"),
            }
        )
    return concepts


def _yaml(language: str, name: str) -> dict[str, str]:
    """One open-sdg file, texts in Unicode NFC (some upstream texts carry decomposed accents)."""
    texts = yaml.safe_load((DATA / "sdg" / language / f"global_{name}.yml").read_text("utf-8"))
    return {key: unicodedata.normalize("NFC", str(text)) for key, text in texts.items()}


def _code(key: str, suffix: str = "-title") -> str:
    return key.removesuffix(suffix).replace("-", ".")


@transaction.atomic
def load_vocabularies() -> dict[str, int]:
    """Create or update ESSGlobal concepts and the SDG goals, targets and indicators. Returns counts.

    Side effects: writes ``vocab_*`` rows in one transaction.
    """
    counts: dict[str, int] = {}
    for scheme in Scheme.values:
        concepts = read_skos(scheme)
        for c in concepts:
            Concept.objects.update_or_create(
                scheme=scheme, code=c["code"], defaults={k: c[k] for k in ("uri", "labels", "notes")}
            )
        counts[scheme] = len(concepts)
    texts = {lang: {n: _yaml(lang, n) for n in ("goals", "targets", "indicators")} for lang in LANGUAGES}
    goals = {}
    for number in range(1, 18):
        goals[number], _ = SdgGoal.objects.update_or_create(
            number=number,
            defaults={
                "short": {lang: texts[lang]["goals"][f"{number}-short"] for lang in LANGUAGES},
                "title": {lang: texts[lang]["goals"][f"{number}-title"] for lang in LANGUAGES},
                "colour": SDG_COLOURS[number],
            },
        )
    targets = {}
    for key in texts["en"]["targets"]:
        code = _code(key)
        targets[code], _ = SdgTarget.objects.update_or_create(
            code=code,
            defaults={
                "goal": goals[int(code.split(".")[0])],
                "title": {lang: texts[lang]["targets"].get(key, "") for lang in LANGUAGES},
            },
        )
    for key in texts["en"]["indicators"]:
        code = _code(key)
        SdgIndicator.objects.update_or_create(
            code=code,
            target=targets[code.rsplit(".", 1)[0]],
            defaults={
                "title": {lang: texts[lang]["indicators"].get(key, "") for lang in LANGUAGES},
                "list_version": INDICATOR_LIST_VERSION,
            },
        )
    counts.update(sdg_goals=17, sdg_targets=len(targets), sdg_indicators=len(texts["en"]["indicators"]))
    return counts
