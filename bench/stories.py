"""Streaming story assignment on the dantri stream: ``StoryStream`` against the old rescan.

The 2,653 dantri-2020 articles (times from the URLs, else the day) are taken in publication
order, as the archive ingest takes them. ``StoryStream`` assigns each and is then given it with
its story (best of 3 runs; also the ms/article of the dense part, from 19 April, ~170 articles a
day). Every ``every``-th article is also assigned by ``rescan_assign``, the implementation
before ``StoryStream`` (it counts the keywords of every article in the window at each call),
given the same recent articles (those the stream holds, with the stream's stories): the bench
prints ms/article for both and how often they agree, with the window IDF (the default, as the
ingest runs) and with a fixed IDF (over the whole stream). Times are the CPU time of this
process (the machine is shared; wall-clock times vary by half from run to run).

    python -m bench.stories [EVERY]    # EVERY=1 checks every article (about 5 minutes)
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import time
from collections.abc import Callable, Hashable, Sequence
from dataclasses import replace
from datetime import datetime

from tuyengiao.core.stories import StoryInput, StoryParams, StoryStream, keywords
from tuyengiao.core.stories.cluster import _admits, _Story
from tuyengiao.core.stories.similarity import _cosine, _idf_over, _vector

from .corpus import shared_dir

PARAMS = StoryParams()
#: From this day the stream is dense (100-180 articles a day, up to 2 May 2021).
DENSE = datetime(2021, 4, 19)


def dantri() -> list[StoryInput]:
    """The dantri-2020 articles in publication order (time from the URL, else the day)."""
    path = shared_dir() / "corpus" / "dantri-2020.jsonl.gz"
    if not path.exists():
        raise SystemExit(f"corpus not found: {path} (set TUYENGIAO_SHARED)")
    articles = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            # The URL ends in the publication time (yyyymmddhhmmss...); the date is the fallback.
            stamp = re.search(r"-(\d{14})\d*\.htm", row["url"])
            published = (
                datetime.strptime(stamp.group(1), "%Y%m%d%H%M%S")
                if stamp
                else datetime.strptime(row["date"], "%Y%m%d")
            )
            articles.append(StoryInput(row["url"], published, row["title"], row["text"]))
    return sorted(articles, key=lambda a: a.published)


def rescan_assign(
    new: StoryInput,
    recent: Sequence[StoryInput],
    params: StoryParams = PARAMS,
    idf: Callable[[str], float] | None = None,
) -> Hashable | None:
    """``assign_story`` as it was before ``StoryStream``: the reference it must agree with."""

    def story_of(article: StoryInput) -> Hashable:
        return article.id if article.story is None else article.story

    for article in recent:
        if new.group is not None and article.group == new.group:
            return story_of(article)
    near = [a for a in recent if abs(a.published - new.published) <= params.window]
    if not near:
        return None
    pool = [*near, new]
    counts = [keywords(article, params) for article in pool]
    if idf is None:
        idf = _idf_over(counts)
    vectors = [_vector(article, c, idf) for article, c in zip(pool, counts, strict=True)]
    links = [(_cosine(vectors[-1], vector), k) for k, vector in enumerate(vectors[:-1])]
    links = sorted((link for link in links if link[0] >= params.threshold), reverse=True)
    members: dict[Hashable, list[StoryInput]] = {}
    for article in recent:
        members.setdefault(story_of(article), []).append(article)
    joining = _Story(new.published, new.published, 1, vectors[-1].weights)
    tried: set[Hashable] = set()
    for _, k in links:
        story = story_of(near[k])
        if story in tried:
            continue
        articles = members[story]
        times = [a.published for a in articles]
        known = _Story(min(times), max(times), 0, {})
        if len(articles) < params.large_story:
            known.size = len(articles)
        else:
            for a in articles:
                known.add(a.published, _vector(a, keywords(a, params), idf).weights)
        if _admits(known, joining, params):
            return story
        tried.add(story)
    return None


def stream(
    articles: Sequence[StoryInput],
    params: StoryParams = PARAMS,
    idf: Callable[[str], float] | None = None,
) -> tuple[dict[Hashable, Hashable | None], list[float]]:
    """Each article's assignment by a ``StoryStream``, and the seconds each took (with ``add``)."""
    assigned = {}
    seconds = []
    stories = StoryStream(params, idf)
    for article in articles:
        start = time.process_time()
        assigned[article.id] = story = stories.assign(article)
        stories.add(replace(article, story=story))
        seconds.append(time.process_time() - start)
    return assigned, seconds


def compare(
    articles: Sequence[StoryInput],
    assigned: dict[Hashable, Hashable | None],
    every: int,
    params: StoryParams = PARAMS,
    idf: Callable[[str], float] | None = None,
) -> tuple[int, int, float]:
    """(agreeing, checked, seconds) of ``rescan_assign`` on every ``every``-th article.

    The recent articles are those a stream holds then, with the stories ``assigned``.
    """
    held: list[StoryInput] = []
    agree = checked = 0
    seconds = 0.0
    back = params.window + params.span
    for i, article in enumerate(articles):
        held = [a for a in held if a.published >= article.published - back]
        if i % every == 0:
            start = time.process_time()
            story = rescan_assign(article, held, params, idf)
            seconds += time.process_time() - start
            checked += 1
            agree += story == assigned[article.id]
        held.append(replace(article, story=assigned[article.id]))
    return agree, checked, seconds


def run(every: int = 10, repeat: int = 3) -> dict:
    """ms/article of the stream (best of ``repeat`` runs) and of the rescan, and agreement."""
    articles = dantri()
    dense = [a.published >= DENSE for a in articles]
    params = PARAMS
    fixed = _idf_over([keywords(article, params) for article in articles])
    results: dict = {"articles": len(articles), "from 19 April": sum(dense), "every": every}
    for name, idf in (("window IDF", None), ("fixed IDF", fixed)):
        runs = [stream(articles, params, idf) for _ in range(repeat)]
        assigned = runs[0][0]
        assert all(other == assigned for other, _ in runs)
        best = min(sum(seconds) for _, seconds in runs)
        best_dense = min(
            sum(s for s, d in zip(seconds, dense, strict=True) if d) for _, seconds in runs
        )
        agree, checked, old_seconds = compare(articles, assigned, every, params, idf)
        results[name] = {
            "stream ms/article": round(best / len(articles) * 1e3, 3),
            "stream ms/article from 19 April": round(best_dense / sum(dense) * 1e3, 3),
            "rescan ms/article": round(old_seconds / checked * 1e3, 2),
            "agreement": f"{agree}/{checked}",
            "joined a story": sum(story is not None for story in assigned.values()),
        }
    return results


if __name__ == "__main__":
    every = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    print(json.dumps(run(every), indent=2))
