"""Streaming story assignment: one article after another, keywords counted once."""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import chain
from operator import itemgetter

from tuyengiao.core.stories.cluster import _admits, _Story
from tuyengiao.core.stories.similarity import (
    StoryInput,
    StoryParams,
    _cosine,
    _lead,
    _Vector,
    _vector,
    keywords,
)


def assign_story(
    new: StoryInput,
    recent: Sequence[StoryInput],
    params: StoryParams = StoryParams(),
    idf: Callable[[str], float] | None = None,
) -> Hashable | None:
    """The story a newly ingested article joins, for streaming ingest.

    The rule is that of ``cluster_stories``: ``new`` joins the story of a near-duplicate, else
    a story it links to that admits it (the story keeps within ``params.span``, and a large
    story needs ``params.cohesion``). For one article after another, ``StoryStream`` gives the
    same answers without counting the keywords of ``recent`` again for each.

    Args:
        new: the new article.
        recent: the articles published from ``params.window + params.span`` before
            ``new.published`` to ``params.window`` after it (all the articles of any story
            ``new`` could join), each with its ``story`` (None: its own id).
        params: window, threshold, weighting and the joining rule.
        idf: as for ``cluster_stories``; by default computed over ``new`` and the recent
            articles within the window.

    Returns:
        The story of a near-duplicate of ``new`` if there is one (the first in ``recent``),
        else that of the most similar recent article within the window, at the threshold,
        whose story admits ``new`` (of equally similar ones, the later in ``recent``); None
        when ``new`` starts a new story (whose id is then ``new.id``). Unlike
        ``cluster_stories``, a new article that links two existing stories joins one of them
        and does not merge them.
    """
    stream = StoryStream(params, idf, evict=False)
    for article in recent:
        stream.add(article)
    return stream.assign(new)


def _story_id(article: StoryInput) -> Hashable:
    """The story an article belongs to: its ``story``, or itself."""
    return article.id if article.story is None else article.story


@dataclass(frozen=True, slots=True)
class _Terms:
    """What a ``StoryStream`` computes of an article once.

    Attributes:
        counts: its keyword counts.
        squares: Σ tf², the squared length of its vector before IDF.
        vector: its vector, when the stream has a fixed IDF (else it changes with the window).
    """

    counts: Counter[str]
    squares: int
    vector: _Vector | None


@dataclass(frozen=True, slots=True)
class _Query:
    """An article being assigned, and the IDF of that moment.

    Attributes:
        article: the article.
        counts: its keyword counts.
        vector: its vector.
        idf: the IDF: fixed, or over the window and the article.
        size: how many articles that IDF is over.
        factors: its keywords' weights in ``vector``, times their IDF with the window IDF
            (whose postings hold counts).
    """

    article: StoryInput
    counts: Counter[str]
    vector: _Vector
    idf: Callable[[str], float]
    size: int
    factors: dict[str, float]


class StoryStream:
    """Story assignment for articles that come one at a time, in publication order.

    ``assign(new)`` answers as ``assign_story(new, recent)`` would, ``recent`` being the
    articles given to ``add`` (in that order) that the stream still holds; ``add`` takes in an
    article once its story is known (or one already stored, with its ``story``, to seed the
    stream). Each article's keywords are counted once. An inverted index of the articles
    within ``params.window`` of the new one gives the document frequencies for the window IDF
    and the articles that share a keyword with it. With the window IDF every vector changes
    as the window moves, so an article gets its vector only when its dot product with the new
    one, over a floor under its vector's length, could reach the threshold (the floor: no IDF
    is below 1, and a keyword only this article has in the window weighs 1 + log(n / 2) or
    more); the index keeps, for each article, how much its counts owe to such keywords.

    In the ingest (seeded with the articles stored in the last days, in publication order)::

        stories = StoryStream(params)
        for stored in recent_articles:
            stories.add(stored)
        ...
        story = stories.assign(new)  # None: a new story
        stories.add(replace(new, id=article.pk, story=story_pk))

    Args:
        params: window, threshold, weighting and the joining rule.
        idf: as for ``cluster_stories``; by default computed over ``new`` and the held articles
            within the window, as ``assign_story`` does.
        evict: forget the articles published more than ``window + span`` before the newest
            article seen (assigned or added): a story an article could join has no older
            article. False keeps them all (``assign_story``: all of ``recent`` counts).
    """

    def __init__(
        self,
        params: StoryParams = StoryParams(),
        idf: Callable[[str], float] | None = None,
        *,
        evict: bool = True,
    ) -> None:
        self.params = params
        self.idf = idf
        self.evict = evict
        self._articles: dict[int, StoryInput] = {}  # by the order they were added in
        self._terms: dict[int, _Terms] = {}  # counted when first needed
        self._timeline: list[tuple[datetime, int]] = []  # (published, key), in time order
        self._stories: dict[Hashable, list[int]] = {}
        self._groups: dict[Hashable, list[int]] = {}
        self._window: set[int] = set()  # the articles within params.window of self._ref
        self._ref: datetime | None = None
        self._newest: datetime | None = None
        # keyword → {article in the window: its count, or its weight with a fixed IDF}
        self._postings: dict[str, dict[int, float]] = {}
        # article in the window → Σ of its postings' values squared (tf² with the window IDF)
        # over the keywords no other article in the window has
        self._alone: dict[int, float] = {}
        self._next = 0
        self._last: _Query | None = None  # the last article assigned

    def __len__(self) -> int:
        """How many articles the stream holds."""
        return len(self._articles)

    def add(self, article: StoryInput) -> None:
        """Hold a stored article, with its ``story`` (None: its own), for those that follow."""
        key = self._next
        self._next += 1
        self._articles[key] = article
        insort(self._timeline, (article.published, key), key=itemgetter(0))
        self._stories.setdefault(_story_id(article), []).append(key)
        if article.group is not None:
            self._groups.setdefault(article.group, []).append(key)
        if self._ref is not None and abs(article.published - self._ref) <= self.params.window:
            self._enter(key)
        self._evict(article.published)

    def assign(self, new: StoryInput) -> Hashable | None:
        """The story ``new`` joins, or None when it starts its own (see ``assign_story``).

        ``new`` is not held: ``add`` it once it is stored, with its story.
        """
        self._evict(new.published)
        self._move(new.published)
        if new.group is not None and new.group in self._groups:
            return _story_id(self._articles[self._groups[new.group][0]])
        if not self._window:
            return None
        query = self._last = self._query(new)
        tried: set[Hashable] = set()
        for _, key in self._links(query):
            story = _story_id(self._articles[key])
            if story not in tried:
                if self._admits(story, query):
                    return story
                tried.add(story)
        return None

    def _query(self, new: StoryInput) -> _Query:
        counts = keywords(new, self.params)
        n = len(self._window) + 1
        if self.idf is not None:
            vector = _vector(new, counts, self.idf)
            return _Query(new, counts, vector, self.idf, n, vector.weights)
        postings = self._postings
        # As _idf_over the window and new: new's keywords first, the others when asked.
        known = {term: 1.0 + math.log(n / (len(postings.get(term, ())) + 1)) for term in counts}

        def idf(term: str) -> float:
            value = known.get(term)
            if value is None:
                value = known[term] = 1.0 + math.log(n / max(len(postings.get(term, ())), 1))
            return value

        vector = _vector(new, counts, known.__getitem__)
        factors = {term: weight * known[term] for term, weight in vector.weights.items()}
        return _Query(new, counts, vector, idf, n, factors)

    def _links(self, query: _Query) -> list[tuple[float, int]]:
        """The articles in the window that ``query`` links to: (similarity, key), best first.

        Of equally similar ones the later added comes first, as in ``assign_story``. Only
        articles that share a keyword are scored, and with the window IDF (postings of
        counts), only those whose similarity could reach the threshold are weighed in full.
        """
        fixed = self.idf is not None
        dots: dict[int, float] = {}
        get = dots.get
        for term, factor in query.factors.items():
            posting = self._postings.get(term)
            if posting:
                for key, value in posting.items():
                    dots[key] = get(key, 0.0) + value * factor
        threshold = self.params.threshold
        if threshold <= 0:
            dots = {key: dots.get(key, 0.0) for key in self._window}
        # No IDF is below 1, and that of a keyword only one article in the window has (and
        # perhaps the new one) is at least rare_idf = 1 + log(n / 2): with these, a floor
        # under the length of an article's TF-IDF vector shows most cannot reach the threshold.
        rare = (1.0 + math.log(query.size / 2)) ** 2 - 1
        floor = threshold - 1e-9  # for sums taken in another order than in _cosine
        floor2 = max(floor, 0.0) ** 2
        alone, terms = self._alone, self._terms
        links = []
        for key, dot in dots.items():
            if not fixed:
                # dot / length ≤ dot / √(Σ tf² + Σ tf² (rare_idf² - 1) over rare keywords)
                if dot * dot < floor2 * (terms[key].squares + alone[key] * rare):
                    continue
                dot /= self._length(key, query)
            if dot >= floor:
                score = _cosine(query.vector, self._vector_of(key, query))
                if score >= threshold:
                    links.append((score, key))
        return sorted(links, reverse=True)

    def _length(self, key: int, query: _Query) -> float:
        """The length of an article's TF-IDF vector (window IDF) before it is normalised."""
        n, new, postings = query.size, query.counts, self._postings
        counts = self._terms_of(key).counts
        return (
            math.sqrt(
                sum(
                    (tf * (1.0 + math.log(n / (len(postings[term]) + (term in new))))) ** 2
                    for term, tf in counts.items()
                )
            )
            or 1.0
        )

    def _admits(self, story: Hashable, query: _Query) -> bool:
        """Whether ``story`` (as held) admits the article of ``query`` (module ``_admits``)."""
        members = self._stories[story]
        times = [self._articles[key].published for key in members]
        known = _Story(min(times), max(times), 0, {})
        if len(members) < self.params.large_story:
            known.size = len(members)
        else:
            for key, published in zip(members, times, strict=True):
                known.add(published, self._vector_of(key, query).weights)
        published = query.article.published
        joining = _Story(published, published, 1, query.vector.weights)
        return _admits(known, joining, self.params)

    def _terms_of(self, key: int) -> _Terms:
        terms = self._terms.get(key)
        if terms is None:
            article = self._articles[key]
            last = self._last
            lead = self.params.lead_chars
            vector = None
            if (
                last is not None
                and article.title == last.article.title
                and _lead(article.text, lead) == _lead(last.article.text, lead)
            ):
                counts = last.counts  # the article just assigned, now added
                if self.idf is not None:
                    vector = last.vector
            else:
                counts = keywords(article, self.params)
                if self.idf is not None:
                    vector = _vector(article, counts, self.idf)
            squares = sum(tf * tf for tf in counts.values())
            terms = self._terms[key] = _Terms(counts, squares, vector)
        return terms

    def _vector_of(self, key: int, query: _Query) -> _Vector:
        """An article's vector, with the IDF of ``query``'s moment."""
        terms = self._terms_of(key)
        if terms.vector is not None:
            return terms.vector
        return _vector(self._articles[key], terms.counts, query.idf)

    def _evict(self, published: datetime) -> None:
        """Forget the articles published more than window + span before the newest one."""
        if not self.evict:
            return
        if self._newest is None or published > self._newest:
            self._newest = published
        cutoff = self._newest - self.params.window - self.params.span
        end = bisect_left(self._timeline, cutoff, key=itemgetter(0))
        for _, key in self._timeline[:end]:
            if key in self._window:
                self._leave(key)
            article = self._articles.pop(key)
            self._terms.pop(key, None)
            _discard(self._stories, _story_id(article), key)
            if article.group is not None:
                _discard(self._groups, article.group, key)
        del self._timeline[:end]

    def _move(self, ref: datetime) -> None:
        """Make the window the articles published within ``params.window`` of ``ref``."""
        was = self._span_of(self._ref) if self._ref is not None else (0, 0)
        now = self._span_of(ref)
        self._ref = ref
        for i in chain(range(was[0], min(was[1], now[0])), range(max(was[0], now[1]), was[1])):
            self._leave(self._timeline[i][1])
        for i in chain(range(now[0], min(now[1], was[0])), range(max(now[0], was[1]), now[1])):
            self._enter(self._timeline[i][1])

    def _span_of(self, ref: datetime) -> tuple[int, int]:
        """The positions in ``_timeline`` of the articles within the window of ``ref``."""
        window = self.params.window
        return (
            bisect_left(self._timeline, ref - window, key=itemgetter(0)),
            bisect_right(self._timeline, ref + window, key=itemgetter(0)),
        )

    def _enter(self, key: int) -> None:
        terms = self._terms_of(key)
        self._window.add(key)
        alone = 0.0
        values = terms.counts if terms.vector is None else terms.vector.weights
        for term, value in values.items():
            posting = self._postings.get(term)
            if posting is None:
                self._postings[term] = {key: value}
                alone += value * value
            else:
                if len(posting) == 1:
                    for other, shared in posting.items():
                        self._alone[other] -= shared * shared
                posting[key] = value
        self._alone[key] = alone

    def _leave(self, key: int) -> None:
        self._window.discard(key)
        del self._alone[key]
        for term in self._terms_of(key).counts:
            posting = self._postings[term]
            del posting[key]
            if len(posting) == 1:
                for other, value in posting.items():
                    self._alone[other] += value * value
            elif not posting:
                del self._postings[term]


def _discard(index: dict[Hashable, list[int]], name: Hashable, key: int) -> None:
    """Take ``key`` out of ``index[name]``, and ``name`` out of ``index`` when that empties."""
    keys = index[name]
    keys.remove(key)
    if not keys:
        del index[name]
