"""Which element of a page holds the article body, scored the way Readability does.

Every paragraph of 25+ characters adds ``1 + commas + min(length / 100, 3)`` to the element
around it and a shrinking share to the elements above; ``class``/``id`` words add or subtract;
link density discounts. Lists of teasers (a linked headline and its summary, "Tin cùng chuyên
mục") and whatever follows a comments heading do not count. Siblings scoring close to the
winner join it (a body split by an ad).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from tuyengiao.core.extract.blocks import CAPTION, JUNK, POSITIVE, Page, is_paragraph_tag
from tuyengiao.core.extract.phrases import COMMENTS
from tuyengiao.core.text import fold

__all__ = ["MAX_LINK_DENSITY", "Scores", "body_roots", "score_page"]

_MIN_SCORED = 25  # characters for a block to count as prose
_LEVEL_SHARE = (1.0, 0.5, 1 / 3, 0.25, 0.2)  # of a paragraph's score, up the ancestors
_CLASS_WEIGHT = 25.0
_TAG_WEIGHT = {"div": 5.0, "article": 8.0, "main": 5.0, "section": 3.0, "td": 3.0,
               "blockquote": 3.0, "pre": 3.0, "ul": -3.0, "ol": -3.0, "li": -3.0, "dl": -3.0,
               "form": -3.0, "th": -5.0, "h1": -5.0, "h2": -5.0, "h3": -5.0}  # fmt: skip
_SIBLING_SHARE = 0.2
MAX_LINK_DENSITY = 0.5
_CELLS = frozenset(("td", "th", "li", "dd"))
_CELL_LINES = 3  # lines of text directly in a table cell or list item that make it a body
_TEASER_BLOCKS = 3  # a teaser is a linked headline and one or two blocks of summary
_TEASER_WORDS = 30  # words in a teaser's headline, at most


@dataclass(slots=True)
class Scores:
    """Per-element totals over all blocks of the page."""

    score: dict[int, float] = field(default_factory=lambda: defaultdict(float))
    chars: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    links: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    #: How many blocks each element holds, and the index of its first one.
    count: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    first: dict[int, int] = field(default_factory=dict)
    #: Teaser items (a linked headline and its summary) in lists of two or more.
    teasers: set[int] = field(default_factory=set)


def score_page(page: Page) -> Scores:
    """Readability-style scores, and text and link totals, for every element."""
    scores = Scores()
    for i, block in enumerate(page.blocks):
        for index in block.path:
            scores.chars[index] += len(block.text)
            scores.links[index] += block.links
            scores.count[index] += 1
            scores.first.setdefault(index, i)
    scores.teasers = _teasers(page, scores)
    comments = _comment_boxes(page)
    weighted: set[int] = set()
    for i, block in enumerate(page.blocks):
        length = len(block.text)
        if length < _MIN_SCORED or block.links > length * MAX_LINK_DENSITY:
            continue
        if not scores.teasers.isdisjoint(block.path):
            continue
        if any(comments.get(index, i) < i for index in block.path):
            continue  # after a "Bình luận" heading in the same box
        value = 1 + block.text.count(",") + min(length / 100, 3)
        start = len(block.path) - (2 if _is_paragraph(page, scores, block.owner) else 1)
        for level, index in enumerate(block.path[start::-1][: len(_LEVEL_SHARE)]):
            if index not in weighted:
                weighted.add(index)
                scores.score[index] += _initial_weight(page, index)
            scores.score[index] += value * _LEVEL_SHARE[level]
    return scores


def _is_paragraph(page: Page, scores: Scores, index: int) -> bool:
    """Whether the element holding a block's text is one paragraph, not the body itself.

    A ``<td>`` or ``<li>`` holding several ``<br>``-separated lines of text is a body.
    """
    tag = page.elements[index].tag
    if tag in _CELLS:
        return scores.count[index] < _CELL_LINES
    return is_paragraph_tag(tag)


def _comment_boxes(page: Page) -> dict[int, int]:
    """Elements holding a comments heading ("Ý kiến bạn đọc"), with the heading's index."""
    found: dict[int, int] = {}
    for i, block in enumerate(page.blocks):
        if block.text.count(" ") < 8 and COMMENTS.search(fold(block.text)):
            box = block.path[-2 if is_paragraph_tag(page.elements[block.owner].tag) else -1]
            found.setdefault(box, i)
    return found


def _teasers(page: Page, scores: Scores) -> set[int]:
    """Elements that are items of a list of teasers: "Tin cùng chuyên mục" with summaries.

    An item holds two or three blocks: a linked headline of a few words, then unlinked text.
    Alone it may be article text; two or more under one parent are a list of other articles.
    """
    by_parent: dict[int, list[int]] = defaultdict(list)
    for index, count in scores.count.items():
        if 2 <= count <= _TEASER_BLOCKS and _is_teaser(page, scores, index):
            by_parent[page.elements[index].parent].append(index)
    return {item for items in by_parent.values() if len(items) >= 2 for item in items}


def _is_teaser(page: Page, scores: Scores, index: int) -> bool:
    start = scores.first[index]
    headline, *rest = page.blocks[start : start + scores.count[index]]
    if headline.links < len(headline.text) * 0.8 or len(headline.text.split()) > _TEASER_WORDS:
        return False
    summary = sum(len(b.text) - b.links for b in rest)
    return summary >= _MIN_SCORED and all(b.links <= len(b.text) * MAX_LINK_DENSITY for b in rest)


def _initial_weight(page: Page, index: int) -> float:
    element = page.elements[index]
    weight = _TAG_WEIGHT.get(element.tag, 0.0)
    if element.kinds & POSITIVE:
        weight += _CLASS_WEIGHT
    if element.kinds & (JUNK | CAPTION):
        weight -= _CLASS_WEIGHT
    return weight


def _final(scores: Scores, index: int) -> float:
    chars = scores.chars[index]
    density = scores.links[index] / chars if chars else 1.0
    return scores.score[index] * (1 - density)


def body_roots(page: Page, scores: Scores) -> set[int]:
    """The element holding the body, with the siblings that score close to it."""
    if not scores.score:
        return set()
    top = max(scores.score, key=lambda i: _final(scores, i))
    top_score = _final(scores, top)
    if top_score <= 0:
        return set()
    parent = page.elements[top].parent
    threshold = max(10.0, top_score * _SIBLING_SHARE)
    roots = {top}
    for index in scores.score:
        element = page.elements[index]
        sibling = index != top and element.parent == parent >= 0
        if sibling and not element.kinds & (JUNK | CAPTION) and _final(scores, index) >= threshold:
            roots.add(index)
    return roots
