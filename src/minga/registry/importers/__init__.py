"""Readers for each import format. A reader turns a file into :class:`~minga.registry.domain.rows.Record` and
:class:`~minga.registry.domain.rows.Reject` items; it writes nothing. ``minga.registry.domain.imports`` does the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from minga.core.errors import MingaError
from minga.registry.domain.rows import Record, Reject

Reader = Callable[..., Iterator[Record | Reject]]


@dataclass(frozen=True)
class ReaderSpec:
    name: str
    read: Reader
    default_source: str
    license: str
    attribution: str
    description: str

    def source(self, path: Path) -> str:
        """The provenance source name: fixed per dataset, or per file for the generic formats."""
        return self.default_source.format(stem=path.stem)[:40]


def _specs() -> dict[str, ReaderSpec]:
    from minga.registry.importers import coops_uk, csv_generic, kvm, murmurations, susy

    return {m.SPEC.name: m.SPEC for m in (coops_uk, susy, kvm, murmurations, csv_generic)}


def formats() -> dict[str, ReaderSpec]:
    return _specs()


def get_reader(name: str) -> ReaderSpec:
    specs = _specs()
    if name not in specs:
        raise MingaError(f"Unknown import format {name!r}.", hint=f"Use one of: {', '.join(sorted(specs))}.")
    return specs[name]


def text(value: Any) -> str:
    return " ".join(str(value or "").split())
