"""Text handling for the SDG classifier: refusing non-text, folding, tokenising and windowing. Pure functions,
no side effects.

Every text goes through :func:`prepare` first: it refuses binary content (:class:`NotText`), keeps at most
``MAX_CHARS`` characters and cuts long texts into windows of about ``WINDOW_CHARS`` characters, so that time and
memory stay bounded whatever the input (a 1 MB text costs the same as its first ``MAX_CHARS`` characters).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

MAX_CHARS = 20_000  # longer texts are cut here (at a space): a description, an abstract or a report section
WINDOW_CHARS = (
    1_500  # texts longer than this are read window by window, and a goal counts if any window has it
)
MAX_WINDOWS = MAX_CHARS // WINDOW_CHARS + 1

_WORD = re.compile(r"\w+(?:['’]\w+)*")
_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd\ufffe\uffff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?;:…。])\s+")


class NotText(ValueError):
    """The input is not text: bytes, NUL characters, undecodable bytes (lone surrogates) or mostly control
    characters. The message says which."""


def check_text(text: object) -> str:
    """The text itself, or :class:`NotText` when it is not text (a ``str`` with binary content, or not a ``str``)."""
    if isinstance(text, bytes | bytearray | memoryview):
        raise NotText("got bytes, not text: decode it first (for example bytes.decode('utf-8'))")
    if not isinstance(text, str):
        raise NotText(f"got {type(text).__name__}, not text")
    sample = text[: MAX_CHARS * 2]
    if "\x00" in sample:
        raise NotText("the input contains NUL characters: it looks like binary data, not text")
    if _SURROGATE.search(sample):
        raise NotText("the input contains undecodable bytes (lone surrogates): it is not valid UTF-8 text")
    bad = len(_BAD.findall(sample))
    if sample and bad > max(8, len(sample) // 20):
        raise NotText(f"{bad} control or replacement characters in {len(sample)}: it looks like binary data")
    return text


def prepare(text: object) -> list[str]:
    """The windows to read: [] for empty or blank text; otherwise the text (whitespace collapsed, cut at
    ``MAX_CHARS``) in windows of about ``WINDOW_CHARS`` characters, cut at sentence ends or spaces."""
    text = check_text(text)
    text = _BAD.sub(" ", text[: MAX_CHARS + 1000])
    text = _SPACE.sub(" ", text).strip()
    if not text:
        return []
    if len(text) > MAX_CHARS:
        cut = text.rfind(" ", 0, MAX_CHARS)
        text = text[: cut if cut > MAX_CHARS // 2 else MAX_CHARS]
    if len(text) <= WINDOW_CHARS:
        return [text]
    return _windows(text)


def _windows(text: str) -> list[str]:
    windows: list[str] = []
    current = ""
    for sentence in _SENTENCE_END.split(text):
        while len(sentence) > WINDOW_CHARS:  # one very long "sentence": cut at a space
            cut = sentence.rfind(" ", 0, WINDOW_CHARS)
            cut = cut if cut > WINDOW_CHARS // 2 else WINDOW_CHARS
            if current:
                windows.append(current)
                current = ""
            windows.append(sentence[:cut].strip())
            sentence = sentence[cut:].strip()
        if current and len(current) + 1 + len(sentence) > WINDOW_CHARS:
            windows.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}".strip()
    if current:
        windows.append(current)
    return [w for w in windows if w][:MAX_WINDOWS]


def fold(text: str) -> str:
    """Lower case without accents (``Énergie`` → ``energie``), typographic apostrophes made plain."""
    text = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The folded words of a text (``l'eau`` stays one word; hyphens separate words)."""
    return _WORD.findall(fold(text))


def stem(word: str) -> str:
    """A light, language-blind stem: plural ``s``/``x`` and a final ``e`` dropped (``énergies`` → ``energi``,
    ``renewables`` → ``renewabl``), so singular and plural, masculine and feminine match."""
    if len(word) > 3 and word[-1] in "sx":
        word = word[:-1]
    if len(word) > 4 and word[-1] == "e":
        word = word[:-1]
    return word


def split_elisions(tokens: list[str]) -> list[str]:
    """French and Catalan elisions split off: ``l'eau`` → ``l'``, ``eau`` (so ``eau`` matches)."""
    out: list[str] = []
    for token in tokens:
        head, sep, tail = token.partition("'")
        if sep and len(head) <= 2 and tail:
            out.extend((head + "'", tail))
        else:
            out.append(token)
    return out


def terms(text: str) -> list[str]:
    """The stemmed words used for matching lexicon terms and for the lexical model."""
    return [stem(w) for w in split_elisions(words(text))]


@lru_cache(maxsize=512)  # a window is read by the rules, the lexical model and the evidence: tokenise it once
def term_spans(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """``terms(text)`` with, for each, its (start, end) character offsets in ``text`` (for showing evidence)."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    for match in _WORD.finditer(text):
        start = match.start()
        for part in split_elisions([fold(match.group())]):
            out.append(stem(part))
            spans.append((start, min(match.end(), start + len(part))))
            start += len(part)
    return out, spans
