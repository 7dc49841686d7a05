"""Batch clustering of articles into stories: linked pairs, joined under the span and
cohesion rules."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from tuyengiao.core.stories.similarity import (
    StoryInput,
    StoryParams,
    _cosine,
    _dot,
    _Vector,
    _vectors,
)


def _links(
    order: list[int], times: list[datetime], vectors: list[_Vector], params: StoryParams
) -> Iterable[tuple[int, list[tuple[int, float]]]]:
    """Each article (position, in ``order``) with the earlier articles it links to.

    An earlier article links when it was published within the window and its similarity
    reaches the threshold; it comes with that similarity. ``order`` lists positions by
    publication time; an inverted index of the articles still inside the window turns the
    all-pairs comparison into one pass over shared keywords.
    """
    postings: dict[str, deque[int]] = {}
    for i in order:
        scores: dict[int, float] = {}
        for term, weight in vectors[i].weights.items():
            posting = postings.setdefault(term, deque())
            while posting and times[i] - times[posting[0]] > params.window:
                posting.popleft()
            for j in posting:
                scores[j] = scores.get(j, 0.0) + weight * vectors[j].weights[term]
            posting.append(i)
        links = []
        for j, score in scores.items():
            if score >= params.threshold:
                score = _cosine(vectors[i], vectors[j])
                if score >= params.threshold:
                    links.append((j, score))
        yield i, links


@dataclass(slots=True)
class _Story:
    """What the joining rule needs to know of a story.

    Attributes:
        first: when its first article was published.
        last: when its last article was published.
        size: how many articles it has.
        total: the sum of its articles' vectors (needed only once it is large).
    """

    first: datetime
    last: datetime
    size: int
    total: dict[str, float]

    def add(self, published: datetime, weights: dict[str, float]) -> None:
        """Count in one more article."""
        self.first = min(self.first, published)
        self.last = max(self.last, published)
        self.size += 1
        for term, w in weights.items():
            self.total[term] = self.total.get(term, 0.0) + w

    def merge(self, other: _Story) -> _Story:
        """The two stories as one (``self`` or ``other``, updated: whichever is the larger)."""
        big, small = (self, other) if len(self.total) >= len(other.total) else (other, self)
        big.first = min(big.first, small.first)
        big.last = max(big.last, small.last)
        big.size += small.size
        for term, w in small.total.items():
            big.total[term] = big.total.get(term, 0.0) + w
        return big


def _admits(story: _Story, joining: _Story, params: StoryParams) -> bool:
    """Whether ``joining`` (a new article, or in a batch the story it joined) may join ``story``.

    Not when together they would span more than ``params.span``: a story is an event of a few
    days, not a running topic. Not either when one of them is large (``params.large_story``
    articles) and the mean similarity of their articles across is below ``params.cohesion``:
    one link is not enough to join a large story, since single links chain a topic along from
    article to article.
    """
    if max(story.last, joining.last) - min(story.first, joining.first) > params.span:
        return False
    if max(story.size, joining.size) < params.large_story:
        return True
    return _dot(story.total, joining.total) / (story.size * joining.size) >= params.cohesion


class _Forest:
    """Union-find over positions 0..n-1 whose roots are the smallest position of each set."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        """The root of ``i``, halving the path on the way."""
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> int:
        """Join the sets of ``i`` and ``j`` under the smaller root, and return that root."""
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)
        return min(a, b)


def cluster_stories(
    articles: Sequence[StoryInput],
    params: StoryParams = StoryParams(),
    idf: Callable[[str], float] | None = None,
) -> dict[Hashable, Hashable]:
    """Group articles into stories.

    Articles are taken in publication order. Each joins the story of its near-duplicate if it
    has one. Else it tries the stories it links to, best link first: it joins the first that
    admits it (``_admits``: together they keep within ``params.span``, and a large story needs
    ``params.cohesion``), and each further one that admits the story so grown is merged in.
    Else it starts a story of its own. ``assign_story`` applies the same rule, without merging.

    Args:
        articles: the articles, any order.
        params: window, threshold, weighting and the joining rule.
        idf: keyword → inverse document frequency (e.g. from the archive); by default
            computed over ``articles``.

    Returns:
        Every article id mapped to its story id: the id of the story's earliest article
        (ties by input order).
    """
    order = sorted(range(len(articles)), key=lambda i: articles[i].published)
    rank = {position: r for r, position in enumerate(order)}
    times = [article.published for article in articles]
    vectors = _vectors(articles, params, idf)
    forest = _Forest(len(articles))
    stories: dict[int, _Story] = {}  # by the rank of the story's first article
    first_of_group: dict[Hashable, int] = {}
    for i, links in _links(order, times, vectors, params):
        r, weights = rank[i], vectors[i].weights
        group = articles[i].group
        if group is not None and group in first_of_group:
            root = forest.union(rank[first_of_group[group]], r)
            stories[root].add(times[i], weights)
            continue
        if group is not None:
            first_of_group[group] = i
        story = _Story(times[i], times[i], 1, dict(weights))
        best: dict[int, float] = {}
        for j, score in links:
            root = forest.find(rank[j])
            best[root] = max(best.get(root, 0.0), score)
        for root in sorted(best, key=lambda root: (-best[root], root)):
            if _admits(stories[root], story, params):
                story = story.merge(stories.pop(root))
                forest.union(root, r)
        stories[forest.find(r)] = story
    return {
        article.id: articles[order[forest.find(rank[i])]].id for i, article in enumerate(articles)
    }
