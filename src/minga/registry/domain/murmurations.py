"""The Murmurations organisations schema (v1.0.0), validated offline from the packaged schema files."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator
from referencing import Registry, Resource

SCHEMA_NAME = "organizations_schema-v1.0.0"
DATA = Path(__file__).resolve().parents[2] / "data" / "murmurations"


@lru_cache(maxsize=1)
def validator() -> Draft7Validator:
    """A draft-07 validator for the organisations schema, its ``../fields/*.json`` references resolved locally."""
    schema = json.loads((DATA / "schemas" / f"{SCHEMA_NAME}.json").read_text("utf-8"))
    base = schema["$id"].rsplit("/schemas/", 1)[0]
    resources = [(schema["$id"], Resource.from_contents(schema, default_specification=_draft7()))]
    for field in sorted((DATA / "fields").glob("*.json")):
        contents = json.loads(field.read_text("utf-8"))
        resources.append((f"{base}/fields/{field.name}", Resource.from_contents(contents, _draft7())))
    registry: Registry[Any] = Registry().with_resources(resources)
    return Draft7Validator(schema, registry=registry)


def _draft7() -> Any:
    from referencing.jsonschema import DRAFT7

    return DRAFT7


def profile_errors(profile: Any) -> list[str]:
    """Every way ``profile`` breaks the schema, as "path: message" strings (empty when valid)."""
    errors = sorted(validator().iter_errors(profile), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(map(str, e.absolute_path)) or '(profile)'}: {e.message}" for e in errors]
