"""Readers for the data the SDG classifier is built from and measured on. Each reads files and returns plain
Python values; nothing is written, nothing is downloaded.

``data`` is a folder laid out like the project's shared data (``sdg-framework-open-sdg/``, ``sdg-keywords-sdgmapr/``,
``sdg-queries-aurora/``, ``sdg-terms-osdg-ontology/``, ``susy-sse-europe/``, ``iati-activities-dportal/``,
``sdg-labelled-sentences/``). Missing folders give empty results, so a small subset can be used for tests.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

PACKAGE = Path(__file__).resolve().parent
LABELS = PACKAGE / "labels"
MINGA_DATA = PACKAGE.parent.parent / "data"
GOALS = tuple(range(1, 18))
# Labelled texts the package may carry (the first 300 characters, as evidence): SUSY is Public Domain, the
# hand-written paragraphs are Minga's. IATI activities (publishers' terms) and 360Giving grants (CC BY / OGL per
# funder, unrecorded) train the model but their texts are not shipped.
SHIPPABLE = frozenset({"susy", "handwritten"})


@dataclass(frozen=True)
class Doc:
    """A labelled text: ``sdgs`` are the goals it addresses; ``complete`` is False when the labels may miss
    goals (publishers' tags), so that only near-topic goals are asked about."""

    id: str
    text: str
    sdgs: frozenset[int]
    source: str
    lang: str = ""
    complete: bool = True
    extra: dict[str, str] = field(default_factory=dict, compare=False)


# --- the SDG framework (goals, targets, indicators) ---------------------------------------------------------


def framework_languages(data: Path) -> list[str]:
    """The languages with SDG texts under ``data`` (sorted), or Minga's packaged en/es/fr."""
    root = data / "sdg-framework-open-sdg"
    if root.is_dir():
        return sorted(p.name for p in root.iterdir() if (p / "global_targets.yml").is_file())
    return sorted(p.name for p in (MINGA_DATA / "sdg").iterdir() if p.is_dir())


def _framework_file(data: Path, lang: str, name: str) -> dict[str, Any]:
    path = data / "sdg-framework-open-sdg" / lang / name
    return _yaml(path if path.is_file() else MINGA_DATA / "sdg" / lang / name)


@lru_cache(maxsize=128)
def _yaml(path: Path) -> dict[str, Any]:
    """A YAML file's mapping (read once per process; the framework files are read by several steps)."""
    return yaml.safe_load(path.read_text("utf-8")) or {}


def goal_texts(data: Path, lang: str) -> dict[int, str]:
    """Goal number → "short title. title" in ``lang``."""
    raw = _framework_file(data, lang, "global_goals.yml")
    out: dict[int, str] = {}
    for goal in GOALS:
        short, title = raw.get(f"{goal}-short", ""), raw.get(f"{goal}-title", "")
        out[goal] = f"{short}. {title}".strip(". ") if short or title else ""
    return out


def target_texts(data: Path, lang: str) -> dict[str, str]:
    """Target code ("7.2", "14.c") → its text in ``lang``, in the file's order."""
    raw = _framework_file(data, lang, "global_targets.yml")
    out: dict[str, str] = {}
    for key, value in raw.items():
        parts = str(key).split("-")
        if len(parts) == 3 and parts[2] == "title" and value:
            out[f"{parts[0]}.{parts[1]}"] = " ".join(str(value).split())
    return out


def indicator_texts(data: Path, lang: str) -> dict[str, str]:
    """Indicator code ("7.2.1") → its text in ``lang``."""
    raw = _framework_file(data, lang, "global_indicators.yml")
    out: dict[str, str] = {}
    for key, value in raw.items():
        parts = str(key).split("-")
        if len(parts) == 4 and parts[3] == "title" and value:
            out[".".join(parts[:3])] = " ".join(str(value).split())
    return out


# --- keyword lists and queries ----------------------------------------------------------------------------


def keyword_lists(data: Path) -> list[tuple[str, int, str, float, str]]:
    """(source, goal, keyword, weight, target) from SDSN, Elsevier, CMU, the SDGmapR target keywords and the
    Bautista-Puig ontology; weights are relative within a source and goal (the best keyword has 1.0)."""
    out: list[tuple[str, int, str, float, str]] = []
    root = data / "sdg-keywords-sdgmapr"
    for source, name in (("sdsn", "sdsn_keywords.csv"), ("elsevier", "elsevier100_keywords.csv")):
        path = root / name
        if path.is_file():
            rows = list(csv.DictReader(path.open(encoding="utf-8")))
            best: dict[int, float] = {}
            for row in rows:
                best[int(row["goal"])] = max(best.get(int(row["goal"]), 0.0), float(row["weight"] or 1))
            for row in rows:
                goal = int(row["goal"])
                out.append((source, goal, row["keyword"], float(row["weight"] or 1) / best[goal], ""))
    path = root / "cmu250_keywords_cleaned.csv"
    if path.is_file():
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        best = {}
        for row in rows:
            best[int(row["goal"])] = max(best.get(int(row["goal"]), 0.0), float(row["weight"]))
        for row in rows:
            goal = int(row["goal"])
            out.append(("cmu", goal, row["keyword"], float(row["weight"]) / best[goal], ""))
    path = root / "sdg_targets_cleaned.csv"
    if path.is_file():
        for row in csv.DictReader(path.open(encoding="utf-8")):
            code = row["Target"].strip().lower()
            for keyword in row["Keywords"].split(","):
                if keyword.strip():
                    out.append(("sdgmapr-targets", int(code.split(".")[0]), keyword.strip(), 1.0, code))
    path = data / "sdg-terms-osdg-ontology" / "puig-ontology.csv"
    if path.is_file():
        with path.open(encoding="cp1252", newline="") as fh:  # the file is Windows-1252, not UTF-8
            for record in csv.reader(fh, delimiter=";"):
                if len(record) == 2 and record[1].startswith("SDG") and record[1][3:].isdigit():
                    out.append(("puig", int(record[1][3:]), record[0].strip('"'), 1.0, ""))
    return out


def osdg_terms(data: Path) -> list[tuple[int, str]]:
    """(goal, term) from OSDG's validated terms."""
    path = data / "sdg-terms-osdg-ontology" / "ValidatedSdgTerms.json"
    if not path.is_file():
        return []
    raw = json.loads(path.read_text("utf-8"))
    return [(int(key.split("_")[1]), term) for key, values in sorted(raw.items()) for term in values]


_AQD = "{http://aurora-network.global/queries/namespace/}"
_DC = "{http://dublincore.org/documents/dcmi-namespace/}"


def aurora_queries(data: Path) -> list[tuple[str, str]]:
    """(target code, Scopus query line) from the Aurora queries, in file order."""
    root = data / "sdg-queries-aurora"
    out: list[tuple[str, str]] = []
    if not root.is_dir():
        return out
    for goal in GOALS:
        path = root / f"query_SDG{goal}.xml"
        if not path.is_file():
            continue
        tree = ET.parse(path).getroot()
        for definition in tree.iter(f"{_AQD}query-definition"):
            code = str(goal)
            for ident in definition.iter(f"{_DC}identifier"):
                match = re.search(r"/sdg/(\d+\.\w+)", ident.text or "")
                if match:
                    code = match.group(1).lower()
            for line in definition.iter(f"{_AQD}query-line"):
                if line.text and line.text.strip():
                    out.append((code, " ".join(line.text.split())))
    return out


# --- labelled texts ------------------------------------------------------------------------------------


def cut(text: str, limit: int = 1500) -> str:
    """Whitespace collapsed and cut at a space before ``limit`` characters (the labelled form of a text)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[:limit]
    return head[: max(head.rfind(". ") + 1, head.rfind(" "))].strip()


def _parse_sdgs(value: str) -> frozenset[int]:
    return frozenset(int(v) for v in value.split())


def susy_docs(data: Path) -> list[Doc]:
    """SUSY initiative descriptions with Minga's hand labels (``labels/susy-labels.csv``)."""
    path = data / "susy-sse-europe" / "susy-map.geojson"
    if not path.is_file():
        path = MINGA_DATA / "demo" / "susy" / "susy-map.geojson"
    features = {
        f["properties"]["_id"]: f["properties"] for f in json.loads(path.read_text("utf-8"))["features"]
    }
    out = []
    for row in csv.DictReader((LABELS / "susy-labels.csv").open(encoding="utf-8")):
        props = features.get(row["id"])
        if props and props.get("description"):
            out.append(Doc(row["id"], cut(props["description"]), _parse_sdgs(row["sdgs"]), "susy"))
    return out


def handwritten_docs() -> list[Doc]:
    """Minga's own paragraphs (en/es/fr) with near-topic negatives, ``labels/handwritten.csv``; ``extra["near"]``
    names the goals a negative was written to be close to."""
    rows = csv.DictReader((LABELS / "handwritten.csv").open(encoding="utf-8"))
    return [
        Doc(r["id"], r["text"], _parse_sdgs(r["sdgs"]), "handwritten", r["lang"], extra={"near": r["near"]})
        for r in rows
    ]


_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def iati_docs(data: Path) -> list[Doc]:
    """IATI activities with their publishers' SDG tags (goals, or goals of tagged targets): title and
    description in English, Spanish or French; identical texts merged (their tags united)."""
    merged: dict[str, tuple[str, set[int], str]] = {}
    for ident, text, lang, goals in _iati_activities(data):
        if goals:
            _, tags, _ = merged.setdefault(text, (ident, set(), lang))
            tags.update(goals)
    return [
        Doc(f"iati:{ident}", text, frozenset(tags), "iati", lang, complete=False)
        for text, (ident, tags, lang) in sorted(merged.items(), key=lambda kv: kv[1][0])
    ]


def iati_texts(data: Path) -> dict[str, tuple[str, str]]:
    """Every IATI activity's text and language (tagged or not), keyed ``iati:<identifier>``; a text repeated by
    several activities is kept under the first (in file order)."""
    activities = list(_iati_activities(data))
    tagged: dict[str, str] = {}  # text → its first tagged activity, the id `iati_docs` gives it
    for ident, text, _lang, goals in activities:
        if goals:
            tagged.setdefault(text, ident)
    out: dict[str, tuple[str, str]] = {}
    seen: set[str] = set()
    for ident, text, lang, _goals in activities:
        if text not in seen:
            seen.add(text)
            out[f"iati:{tagged.get(text, ident)}"] = (text, lang)
    return out


def _iati_activities(data: Path) -> Iterator[tuple[str, str, str, set[int]]]:
    root = data / "iati-activities-dportal"
    for path in sorted(root.glob("*.xml")) if root.is_dir() else []:
        for activity in ET.parse(path).getroot().iter("iati-activity"):
            default = (activity.get(_XML_LANG) or "en").lower()
            parts: dict[str, list[str]] = {}
            for element in [*activity.findall("title"), *activity.findall("description")]:
                for narrative in element.findall("narrative"):
                    lang = (narrative.get(_XML_LANG) or default).lower()
                    if narrative.text and narrative.text.strip():
                        parts.setdefault(lang, []).append(narrative.text.strip())
            for lang in ("en", "es", "fr"):
                if lang in parts:
                    text = cut(". ".join(parts[lang]))
                    if len(text) >= 60:
                        ident = activity.findtext("iati-identifier", "").strip()
                        yield ident, text, lang, _iati_goals(activity)
                    break


COVID_GRANTS = 210  # how many of the COVID-19 tracker's grants are labelled (the first by a hash of their id)


def grant_texts(data: Path) -> dict[str, str]:
    """UK grant descriptions of at least 150 characters, title first, keyed ``grant:<360Giving id>``: the first
    ``COVID_GRANTS`` of the 360Giving COVID-19 tracker's grants by a hash of their id, and every such Indigo Trust
    grant."""
    out: dict[str, str] = {}
    seen: set[str] = set()
    path = data / "grants-360giving-covid19-tracker" / "grants_data.json"
    covid = []
    for grant in json.loads(path.read_text("utf-8"))["grants"] if path.is_file() else []:
        text = _grant_text(grant.get("title"), grant.get("description"))
        if text and text not in seen:
            seen.add(text)
            covid.append((f"grant:{grant['id']}", text))
    covid.sort(key=lambda item: hashlib.sha256(item[0].encode()).hexdigest())
    out.update(covid[:COVID_GRANTS])
    path = data / "grants-360giving-grantnav" / "IndigoTrust_360giving.csv"
    with path.open(encoding="utf-8-sig", newline="") if path.is_file() else io.StringIO() as fh:
        for row in csv.DictReader(fh):
            text = _grant_text(row.get("Title"), row.get("Description"))
            if text and text not in seen:
                seen.add(text)
                out[f"grant:{row['Identifier']}"] = text
    return out


def _grant_text(title: str | None, description: str | None) -> str:
    title, description = (title or "").strip(), (description or "").strip()
    if len(description) < 150:
        return ""
    if title and not description.startswith(title[:30]):
        description = f"{title}. {description}"
    return " ".join(description.split())[:1500]


def paragraph_docs(data: Path) -> list[Doc]:
    """IATI activities and UK grants labelled by hand for all 17 goals (``labels/paragraph-labels.csv``, against
    the criteria in docs/sdg-paragraph-criteria.md): complete labels, so near-topic negatives can be asked about."""
    texts = iati_texts(data) | {k: (v, "en") for k, v in grant_texts(data).items()}
    out = []
    for row in csv.DictReader((LABELS / "paragraph-labels.csv").open(encoding="utf-8")):
        if row["id"] in texts:
            text, lang = texts[row["id"]]
            source = "iati-hand" if row["id"].startswith("iati:") else "grants"
            out.append(Doc(row["id"], text, _parse_sdgs(row["sdgs"]), source, lang))
    return out


def _iati_goals(activity: ET.Element) -> set[int]:
    goals: set[int] = set()
    for tag in [*activity.findall("tag"), *activity.findall("sector")]:
        vocabulary, code = tag.get("vocabulary"), (tag.get("code") or "").strip()
        if (tag.tag == "tag" and vocabulary in ("2", "3")) or (
            tag.tag == "sector" and vocabulary in ("7", "8")
        ):
            head = code.split(".")[0]
            if head.isdigit() and 1 <= int(head) <= 17:
                goals.add(int(head))
    return goals


def sentence_docs(data: Path) -> list[Doc]:
    """The 2,567 single-label sentences (development data only: never shipped, never trained on)."""
    path = data / "sdg-labelled-sentences" / "original_data.csv"
    if not path.is_file():
        return []
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh), 1):
            text = " ".join((row.get("Text") or "").split())
            if text and (row.get("SDG") or "").strip().isdigit():
                out.append(Doc(f"sentence:{n}", text, frozenset({int(row["SDG"])}), "sentences", "en", False))
    return out


def seed_terms() -> dict[int, dict[str, list[str]]]:
    """Minga's own multilingual terms (``labels/seeds.json``): goal → {"strong": [...], "weak": [...]}."""
    raw = json.loads((LABELS / "seeds.json").read_text("utf-8"))
    return {int(k): v for k, v in raw.items() if k.isdigit()}
