"""Signals of the registry's write paths, for the apps that keep something in step with the records (the
knowledge engine's embeddings and full-text index). ``record_written`` and ``import_committed`` are sent after the
transaction that wrote the records has committed; ``import_started`` and ``import_finishing`` inside an import's
transaction, so what their handlers write commits or rolls back with the import."""

from django.dispatch import Signal

#: a single record was created, changed or deleted: ``kind`` ("actor" | "initiative"), ``record_id``, ``action``
record_written = Signal()

#: an import landed rows: ``source``, ``progress`` (bool: show progress on the terminal)
import_committed = Signal()

#: an import is about to insert records of ``kind`` ("actor"), inside its transaction
import_started = Signal()

#: an import has written all its records of ``kind`` and is about to commit, inside its transaction
import_finishing = Signal()
