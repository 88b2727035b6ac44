"""Signals of the registry's write paths, for the apps that keep something in step with the records (the
knowledge engine's embeddings). Sent after the transaction that wrote the records has committed."""

from django.dispatch import Signal

#: a single record was created, changed or deleted: ``kind`` ("actor" | "initiative"), ``record_id``, ``action``
record_written = Signal()

#: an import landed rows: ``source``, ``progress`` (bool: show progress on the terminal)
import_committed = Signal()
