"""Exports of actors: csv, geojson, jsonld, murmurations. ``export`` is the one entry point (CLI and API)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from minga.core.errors import MingaError
from minga.core.progress import Progress
from minga.registry.domain.stats import actors_under
from minga.registry.models import Actor, ActorKind


@dataclass
class ExportReport:
    format: str
    count: int
    path: str
    seconds: float = 0.0
    skipped: int = 0
    attributions: list[str] = field(default_factory=list)


Writer = Callable[[Iterator[Actor], Path], tuple[int, int]]


def _writers() -> dict[str, Writer]:
    from minga.registry.exporters import csv_export, geojson, jsonld, murmurations

    return {
        "csv": csv_export.write,
        "geojson": geojson.write,
        "jsonld": jsonld.write,
        "murmurations": murmurations.write,
    }


EXPORTERS = ("csv", "geojson", "jsonld", "murmurations")


def selection(*, territory: str | None = None, kind: str | None = None) -> Any:
    """The actors an export covers: the subtree of ``territory`` (all if None), of ``kind`` if given."""
    actors = actors_under(territory)
    if kind:
        if kind not in ActorKind.values:
            raise MingaError(f"Unknown kind {kind!r}.", hint=f"Use one of: {', '.join(ActorKind.values)}.")
        actors = actors.filter(kind=kind)
    return actors.select_related("territory").order_by("id")


def export(
    format: str,
    output: Path,
    *,
    territory: str | None = None,
    kind: str | None = None,
    progress: bool = False,
) -> ExportReport:
    """Write the selected actors to ``output`` (a folder for murmurations). Side effect: writes files."""
    if format not in EXPORTERS:
        raise MingaError(f"Unknown export format {format!r}.", hint=f"Use one of: {', '.join(EXPORTERS)}.")
    started = time.monotonic()
    actors = selection(territory=territory, kind=kind)
    total = actors.count()
    attributions = sorted({a for a in actors.values_list("attribution", flat=True).distinct() if a})
    if format == "jsonld":
        actors = actors.prefetch_related("sdg_goals")
    output = Path(output)
    try:
        (output if format == "murmurations" else output.parent).mkdir(parents=True, exist_ok=True)
        with Progress(total, f"Exporting {format}", enabled=progress) as advance:

            def stream() -> Iterator[Actor]:
                for actor in actors.iterator(chunk_size=2000):
                    advance(1)
                    yield actor

            count, skipped = _writers()[format](stream(), output)
    except OSError as err:
        raise MingaError(
            f"Cannot write {output}: {err.strerror}.", hint="Choose a folder you can write to."
        ) from err
    return ExportReport(
        format, count, str(output), round(time.monotonic() - started, 3), skipped, attributions
    )
