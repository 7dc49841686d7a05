"""What story clustering compares: keywords of titles and leads, weighted vectors, similarity."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from tuyengiao.core.text import fold, nfc

_STOP_TEXT = """
    va voi cua cac nhung la co duoc bi boi trong ngoai tren duoi tai tu den toi ve vao ra len
    xuong qua cho de khi thi ma nhu nen neu vi hay hoac cung con rat lai nua da se dang vua
    moi tung mot hai nay do kia ay day dau nao gi ai ong ba anh chi em cuoc viec su nhat hon
    nhieu it ca chinh theo sau truoc giua nham thuoc bang hom nam ngay thang gio
"""
#: Folded Vietnamese function syllables (conjunctions, prepositions, particles, classifiers,
#: pronouns, aspect and degree words, and syllables that only name a date): never keywords on
#: their own, though they may be half of a bigram (``viet nam``, ``hai phong``).
STOP_SYLLABLES = frozenset(_STOP_TEXT.split())
_WORD = re.compile(r"\w+")
_PHRASE_BREAK = re.compile(r"[^\w\s]+")
# The least share of a similarity that counts a shared thing (see ``_concepts``).
_CONCEPT_FLOOR = 0.02
# A calendar day in a title: 6/2, 06-02, 6/2/2017 (day first).
_TITLE_DATE = re.compile(r"(?<![\d/])(\d{1,2})\s*[/-]\s*(\d{1,2})(?:\s*[/-]\s*\d{2,4})?(?![\d/])")


@dataclass(frozen=True, slots=True)
class StoryInput:
    """An article as story clustering sees it.

    Attributes:
        id: the article's key.
        published: when it was published (naive or aware, but the same for every article).
        title: the headline.
        text: the body; only its lead is used.
        group: its near-duplicate group key (``core.dedupe``); None when it has none.
        story: its story id, for the recent articles given to ``assign_story``; None means
            the article is its own story.
    """

    id: Hashable
    published: datetime
    title: str
    text: str = ""
    group: Hashable | None = None
    story: Hashable | None = None


@dataclass(frozen=True, slots=True)
class StoryParams:
    """Tuning of story clustering.

    Attributes:
        window: how far apart two linked articles may be published.
        threshold: the cosine similarity of keyword vectors at which two articles link.
        lead_chars: how much of the body is the lead.
        title_weight: how many times a title keyword counts.
        span: how far apart the first and the last article of one story may be published; an
            article that would stretch a story further starts a new one.
        large_story: from how many articles a story is large: an article joins a large story
            only when its mean similarity to the story's articles reaches ``cohesion``.
        cohesion: see ``large_story``.
    """

    window: timedelta = timedelta(days=3)
    threshold: float = 0.24
    lead_chars: int = 300
    title_weight: int = 2
    span: timedelta = timedelta(days=3)
    large_story: int = 5
    cohesion: float = 0.2


def _add_terms(counts: Counter[str], text: str, weight: int) -> None:
    """Count the keywords of ``text`` into ``counts``, each ``weight`` times.

    Keywords are non-stop syllables and pairs of adjacent syllables within a phrase (between
    punctuation marks), except pairs of two stop syllables. A capitalised syllable that does
    not open its phrase belongs to a name (person, place, body): it counts twice, and a pair of
    two content syllables touching one counts three times, since names are what tell one event
    from another.
    """
    for segment in _PHRASE_BREAK.split(nfc(text)):
        folded = fold(segment)
        spans = [m.span() for m in _WORD.finditer(segment)]
        words = [folded[a:b] for a, b in spans]
        stops = [w in STOP_SYLLABLES or (len(w) == 1 and w.isdigit()) for w in words]
        names = [k > 0 and segment[a].isupper() for k, (a, _) in enumerate(spans)]
        for word, stop, name in zip(words, stops, names, strict=True):
            if not stop:
                counts[word] += weight * (2 if name else 1)
        for k in range(len(words) - 1):
            if stops[k] and stops[k + 1]:
                continue
            name = (names[k] or names[k + 1]) and not (stops[k] or stops[k + 1])
            counts[f"{words[k]} {words[k + 1]}"] += weight * (3 if name else 1)


def _lead(text: str, chars: int) -> str:
    """The first ``chars`` characters of ``text``, not cutting a word."""
    if len(text) <= chars:
        return text
    cut = text.rfind(" ", 0, chars)
    return text[: cut if cut > 0 else chars]


def keywords(article: StoryInput, params: StoryParams = StoryParams()) -> Counter[str]:
    """Keyword counts of an article's title (``title_weight`` times) and lead."""
    counts: Counter[str] = Counter()
    _add_terms(counts, _lead(article.text, params.lead_chars), 1)
    _add_terms(counts, article.title, params.title_weight)
    return counts


def _title_days(title: str) -> frozenset[tuple[int, int]]:
    """The (day, month) pairs a title names."""
    days = set()
    for match in _TITLE_DATE.finditer(title):
        day, month = int(match.group(1)), int(match.group(2))
        if 1 <= day <= 31 and 1 <= month <= 12:
            days.add((day, month))
    return frozenset(days)


@dataclass(frozen=True, slots=True)
class _Vector:
    """An article's unit-length keyword vector and the calendar days its title names."""

    weights: dict[str, float]
    days: frozenset[tuple[int, int]]


def _idf_over(counts: Sequence[Counter[str]]) -> Callable[[str], float]:
    """IDF over the articles whose keyword counts are ``counts``: ``1 + log(n / df)``."""
    df = Counter(term for c in counts for term in c)
    n = len(counts)

    def idf(term: str) -> float:
        return 1.0 + math.log(n / max(df[term], 1))

    return idf


def _vector(article: StoryInput, counts: Counter[str], idf: Callable[[str], float]) -> _Vector:
    """The TF-IDF vector of an article whose keyword counts are ``counts``, of length 1."""
    weights = {term: tf * idf(term) for term, tf in counts.items()}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return _Vector({term: w / norm for term, w in weights.items()}, _title_days(article.title))


def _vectors(
    articles: Sequence[StoryInput], params: StoryParams, idf: Callable[[str], float] | None
) -> list[_Vector]:
    """TF-IDF vectors (IDF over ``articles`` unless given), normalised to length 1."""
    counts = [keywords(article, params) for article in articles]
    if idf is None:
        idf = _idf_over(counts)
    return [_vector(article, c, idf) for article, c in zip(articles, counts, strict=True)]


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    """The dot product of two sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(term, 0.0) for term, w in a.items())


def _concepts(shared: Iterable[str], a: _Vector, b: _Vector) -> int:
    """How many distinct things ``shared`` keywords name, each carrying ``_CONCEPT_FLOOR``.

    Syllables joined by a shared bigram are one thing (``bo``, ``nong``, ``nghiep``, ``bo nong``,
    ``nong nghiep``: one ministry); a stop syllable joins nothing.
    """
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    heads: dict[str, str] = {}
    for term in shared:
        content = [w for w in term.split(" ") if w not in STOP_SYLLABLES] or [term]
        for other in content[1:]:
            parent[root(other)] = root(content[0])
        heads[term] = content[0]
    mass: dict[str, float] = {}
    for term, head in heads.items():
        key = root(head)
        mass[key] = mass.get(key, 0.0) + a.weights[term] * b.weights[term]
    return sum(1 for m in mass.values() if m >= _CONCEPT_FLOOR)


def _cosine(a: _Vector, b: _Vector) -> float:
    """Cosine similarity of two vectors.

    0 when their titles name different days, or when what they share is one thing only (one
    place, one ministry, one person): two reports of an event share at least what and where.
    """
    if a.days and b.days and not a.days & b.days:
        return 0.0
    small, large = a.weights, b.weights
    if len(small) > len(large):
        small, large = large, small
    shared = [term for term in small if term in large]
    score = sum(small[term] * large[term] for term in shared)
    if score > 0 and _concepts(shared, a, b) < 2:
        return 0.0
    return score


def similarity(
    a: StoryInput,
    b: StoryInput,
    params: StoryParams = StoryParams(),
    idf: Callable[[str], float] | None = None,
) -> float:
    """The keyword similarity of two articles (IDF over the two, unless given), in [0, 1]."""
    first, second = _vectors([a, b], params, idf)
    return _cosine(first, second)
