"""Exports of actors: csv, geojson, jsonld, murmurations. :func:`export` is the one entry point (CLI and API).

Every format streams the selection (``actors_under(territory)``, optionally one ``kind``, ordered by id) with
``.iterator(chunk_size=2000)``, so a million actors never sit in memory at once. Single-file formats are
written to ``<output>.part`` and renamed over ``output`` only when complete: a failed export leaves no
half-written file.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.db.models import QuerySet

from minga.core.errors import MingaError
from minga.core.progress import Progress, ProgressFn
from minga.registry.domain.search import ActorQuery, find_actors
from minga.registry.domain.stats import actors_under
from minga.registry.models import Actor, ActorKind

CHUNK = 2000


@dataclass
class ExportReport:
    """What an export wrote: ``count`` actors to ``path``; ``skipped`` were left out (e.g. no coordinates)."""

    format: str
    count: int
    path: str
    seconds: float = 0.0
    attributions: list[str] = field(default_factory=list)
    skipped: int = 0


@dataclass
class Written:
    """A writer's tally: actors written and skipped, and the distinct attributions of the written ones."""

    count: int = 0
    skipped: int = 0
    attributions: set[str] = field(default_factory=set)

    def add(self, actor: Actor) -> None:
        self.count += 1
        if actor.attribution:
            self.attributions.add(actor.attribution)


Writer = Callable[[Iterable[Actor], Path], Written]
Prepare = Callable[[QuerySet[Actor]], QuerySet[Actor]]


def _as_is(actors: QuerySet[Actor]) -> QuerySet[Actor]:
    return actors


@dataclass(frozen=True)
class Exporter:
    name: str
    write: Writer
    description: str
    folder: bool = False  #: ``output`` is a folder (one file per actor) rather than one file
    prepare: Prepare = _as_is  #: adds prefetches the writer needs


def _registry() -> dict[str, Exporter]:
    from minga.registry.exporters import csv, geojson, jsonld, murmurations

    return {m.EXPORTER.name: m.EXPORTER for m in (csv, geojson, jsonld, murmurations)}


def selection(
    *, territory: str | None = None, kind: str | None = None, query: ActorQuery | None = None
) -> QuerySet[Actor]:
    """The actors an export covers: the subtree of ``territory`` (all if None), only ``kind`` if given; or, with
    ``query``, what the directory shows for the same filters."""
    if query is not None:
        return find_actors(query)
    actors = actors_under(territory)
    if kind:
        if kind not in ActorKind.values:
            raise MingaError(f"Unknown kind {kind!r}.", hint=f"Use one of: {', '.join(ActorKind.values)}.")
        actors = actors.filter(kind=kind)
    return actors.order_by("id")


def export(
    format: str,
    output: Path,
    *,
    territory: str | None = None,
    kind: str | None = None,
    query: ActorQuery | None = None,
    progress: bool = False,
) -> ExportReport:
    """Write the selected actors as ``format`` to ``output`` (a folder for murmurations).

    Side effects: creates missing parent folders and writes (replaces) ``output``; shows a progress bar on
    stderr when ``progress``. Raises :class:`MingaError` for an unknown format, kind or territory, or an
    output that cannot be written.
    """
    exporter = EXPORTERS.get(format)
    if exporter is None:
        raise MingaError(f"Unknown export format {format!r}.", hint=f"Use one of: {', '.join(EXPORTERS)}.")
    started = time.monotonic()
    actors = selection(territory=territory, kind=kind, query=query)
    output = Path(output)
    _check_output(output, folder=exporter.folder)
    try:
        total = actors.count() if progress else None
        with Progress(total, f"Exporting {format}", enabled=progress) as advance:
            written = exporter.write(_stream(exporter.prepare(actors), advance), output)
    except OSError as err:
        raise MingaError(
            f"Cannot write {output}: {err.strerror or err}.",
            hint="Choose a path you can write to, with free space.",
        ) from err
    return ExportReport(
        format=format,
        count=written.count,
        path=str(output),
        seconds=round(time.monotonic() - started, 3),
        attributions=sorted(written.attributions),
        skipped=written.skipped,
    )


def _stream(actors: QuerySet[Actor], advance: ProgressFn) -> Iterator[Actor]:
    done = 0
    for actor in actors.iterator(chunk_size=CHUNK):
        yield actor
        done += 1
        if done % 500 == 0:
            advance(500)
    advance(done % 500)


def _check_output(output: Path, *, folder: bool) -> None:
    """Refuse an output that cannot work before anything is read. Side effect: creates missing folders."""
    target = output if folder else output.parent
    if folder and output.exists() and not output.is_dir():
        raise MingaError(
            f"{output} is a file, not a folder.", hint="Murmurations export writes into a folder."
        )
    if not folder and output.is_dir():
        raise MingaError(f"{output} is a folder.", hint="Give a file name, e.g. actors.csv.")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise MingaError(f"Cannot create the folder {target}: {err.strerror or err}.", hint=_HINT) from err
    if not os.access(target, os.W_OK):
        raise MingaError(f"Cannot write into {target}: permission denied.", hint=_HINT)


_HINT = "Choose an output path in a folder you can write to."


@contextmanager
def atomic_text(output: Path) -> Iterator[IO[str]]:
    """Open ``<output>.part`` for UTF-8 text; on success rename it over ``output``, on error delete it."""
    part = output.with_name(output.name + ".part")
    try:
        with part.open("w", encoding="utf-8", newline="") as fh:
            yield fh
        os.replace(part, output)
    finally:
        part.unlink(missing_ok=True)


def territory_code(actor: Actor) -> str:
    """The code of the actor's territory: the last segment of its path (no query)."""
    return actor.territory_path.strip("/").rsplit("/", 1)[-1] if actor.territory_path else ""


def coordinates(actor: Actor) -> tuple[float, float] | None:
    """``(lat, lon)`` when both are set, finite and in range; otherwise None."""
    lat, lon = actor.lat, actor.lon
    if lat is None or lon is None or not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    return (lat, lon) if -90 <= lat <= 90 and -180 <= lon <= 180 else None


def first_text(texts: dict[str, str] | None) -> str:
    """The first non-empty text of a by-language dict: English, Spanish, French, then any other."""
    texts = texts or {}
    for lang in ("en", "es", "fr"):
        if texts.get(lang):
            return texts[lang]
    return next((t for t in texts.values() if t), "")


#: the formats, by name
EXPORTERS: dict[str, Exporter] = _registry()
