"""Topics: statements clustered by meaning and labelled by their key terms (no Django; numpy and scikit-learn).

Each statement becomes a TF-IDF vector of its words (English, Spanish and French function words left out), joined,
when given, to a sentence embedding that groups paraphrases sharing no word. Agglomerative clustering (Ward) is cut
at the number of topics with the best silhouette between 2 and ``max_topics``; each topic is labelled by the terms
most characteristic of it (highest mean TF-IDF in the topic minus the mean elsewhere). Deterministic."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import normalize

FUNCTION_WORDS = (
    "a al algo algunos ante antes como con contra cual cuando de del desde donde durante e el ella ellas ellos en entre"
    " era es esa ese eso esta este esto estos fue ha hay la las le les lo los mas me mi mucho muy nada ni no nos o otra"
    " otro para pero poco por porque que quien se ser si sin sobre solo son su sus tambien tan te tiene todo todos tu"
    " un una uno unos y ya yo au aux avec ce ces cette dans des du elle est et etre il ils je la le les leur lui mais"
    " meme mes moi mon ne nos notre nous on ou par pas peu plus pour qu que qui sa sans se ses son sont sur ta tes ton"
    " tous tout tres tu un une vos votre vous aren don isn doesn didn won wasn weren couldn shouldn wouldn haven"
    " hasn"
)
STOP = frozenset(ENGLISH_STOP_WORDS) | frozenset(FUNCTION_WORDS.split())
WORD = re.compile(r"[^\W\d_]{3,}")


@dataclass(frozen=True)
class Topic:
    label: str
    terms: list[str]
    members: list[int]  # indices into the texts given


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def _words(text: str) -> list[str]:
    return [w for w in WORD.findall(fold(text)) if w not in STOP]


def topics(
    texts: list[str], *, vectors: np.ndarray | None = None, max_topics: int = 8, terms: int = 3
) -> list[Topic]:
    """Topics of ``texts``, largest first; ``vectors`` (one L2-normalised row per text) add meaning to words.
    Fewer than 4 texts, or texts with no content words, give one topic or none."""
    if not texts:
        return []
    tfidf = TfidfVectorizer(analyzer=_words, min_df=1, sublinear_tf=True)
    try:
        words = tfidf.fit_transform(texts)
    except ValueError:  # no content word at all
        return []
    vocabulary = np.array(tfidf.get_feature_names_out())
    features = words.toarray()
    if vectors is not None and len(vectors) == len(texts):
        features = np.hstack([features, normalize(np.asarray(vectors, dtype=np.float64))])
    n = len(texts)
    labels = np.zeros(n, dtype=int)
    if n >= 4:
        best = -1.0
        for k in range(2, min(max_topics, n - 1) + 1):
            found = AgglomerativeClustering(n_clusters=k, linkage="ward").fit_predict(features)
            score = float(silhouette_score(features, found)) if len(set(found)) > 1 else -1.0
            if score > best + 1e-9:
                best, labels = score, found
    dense = words.toarray()
    out = []
    for label in sorted(set(labels), key=lambda c: (-int(np.sum(labels == c)), int(np.argmax(labels == c)))):
        inside = labels == label
        weight = dense[inside].mean(axis=0) - (dense[~inside].mean(axis=0) if (~inside).any() else 0)
        order = np.lexsort((vocabulary, -weight))
        top = [str(vocabulary[i]) for i in order[:terms] if weight[i] > 0]
        out.append(Topic(label=", ".join(top), terms=top, members=[int(i) for i in np.flatnonzero(inside)]))
    return out
