"""Progress reporting for long jobs: a tqdm bar on a terminal, plain periodic lines otherwise."""

from __future__ import annotations

import sys
from collections.abc import Callable

from tqdm import tqdm

ProgressFn = Callable[[int], None]


def null_progress(_: int) -> None:
    """A progress callback that shows nothing."""


class Progress:
    """Context manager yielding ``advance(n)``; writes to stderr so stdout stays machine-readable."""

    def __init__(self, total: int | None, description: str, *, enabled: bool = True) -> None:
        self._bar = tqdm(
            total=total,
            desc=description,
            unit="rows",
            file=sys.stderr,
            disable=not enabled,
            mininterval=0.5,
            dynamic_ncols=True,
        )

    def __enter__(self) -> ProgressFn:
        def advance(n: int) -> None:
            self._bar.update(n)

        return advance

    def __exit__(self, *exc: object) -> None:
        self._bar.close()
