"""Which blocks are the article: title, lead and body, chosen by text shape, not by site.

The body is the element ``scoring`` picks. Inside it, boilerplate is dropped by kind (related
boxes, comments, share bars, bylines, ads: see ``blocks``), by link density and by the standard
Vietnamese phrases of ``phrases`` ("Tin liên quan", "Lượt xem" …). Captions are dropped unless
they carry most of the text (a photo story). The title is the heading that matches the page's
metadata; the lead is a "sapo" element, the paragraph matching the description, or a first
paragraph all in bold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tuyengiao.core.extract.blocks import (
    AUTHOR,
    CAPTION,
    HEADING,
    HEADLINE,
    JUNK,
    LEAD,
    MEDIA,
    RIGHT,
    TITLE,
    Block,
    Page,
    is_paragraph_tag,
)
from tuyengiao.core.extract.dates import is_dateline, parse_datetime
from tuyengiao.core.extract.phrases import (
    BOILERPLATE,
    BYLINE_END,
    CAPTION_TEXT,
    CLOCK,
    COMMENTS,
    LABELS,
    RELATED,
    SOURCE_LINE,
)
from tuyengiao.core.extract.scoring import MAX_LINK_DENSITY, Scores, body_roots, score_page
from tuyengiao.core.text import fold

__all__ = ["Content", "find_content"]

_BOX_SHARE = 0.4  # a related box holds less than this share of the body's text
_BOX_LINKS = 0.15  # and at least this share of its text is links (comments need none)
_BOILERPLATE_WORDS = 15
_SHORT = 12  # words: a dateline or byline in the body is shorter
_TITLE_BEFORE_BODY = 15  # blocks searched back from the body for a heading
_LEAD_WORDS = 12  # at least, for a bold first paragraph to be the lead


@dataclass(slots=True)
class Content:
    """The article part of a page."""

    title: str = ""
    lead: str = ""
    paragraphs: list[str] = field(default_factory=list)
    #: Index of the first title block (for looking for the dateline near it), or -1.
    title_at: int = -1
    #: A byline taken off the end of the body ("Minh Vũ", "Theo Tiền Phong").
    byline: str = ""


def find_content(page: Page, *, title_hint: str = "", lead_hint: str = "") -> Content:
    """Pick the title, lead and body paragraphs among the blocks of ``page``.

    Args:
        page: the segmented page.
        title_hint: the title from metadata (``og:title``, JSON-LD), to recognise the heading.
        lead_hint: the description from metadata, to recognise the lead.

    Returns:
        The article's parts; empty strings and no paragraphs when there is no prose.
    """
    content = Content()
    scores = score_page(page)
    roots = body_roots(page, scores)
    title_owner = _find_title(page, title_hint, _first_inside(page, roots))
    if title_owner >= 0:
        titles = [i for i, b in enumerate(page.blocks) if b.owner == title_owner]
        content.title = " ".join(page.blocks[i].text for i in titles)
        content.title_at = titles[0]
    if not roots:
        return content
    lead_blocks = _find_lead(page, content.title_at, roots, lead_hint)
    picked = _body_blocks(page, scores, roots, skip=set(lead_blocks), title_owner=title_owner)
    if picked and page.blocks[picked[0]].text == content.title:  # the title again
        picked = picked[1:]
    if not lead_blocks and picked and _is_bold_lead(page.blocks[picked[0]]):
        lead_blocks, picked = picked[:1], picked[1:]
    content.lead = " ".join(page.blocks[i].text for i in lead_blocks)
    content.paragraphs, content.byline = _trim_bylines(page, picked)
    return content


# --- title -----------------------------------------------------------------------------------


def _find_title(page: Page, hint: str, body_at: int) -> int:
    """The element of the headline, or -1.

    The heading (``h1``–``h6`` or a "title" class) that best matches the metadata title,
    ``h1`` first; without a match, the first ``h1``, else the nearest heading before the body.
    """
    wanted = set(_key(hint).split())
    best, best_overlap = -1, 0.0
    for block in page.blocks:
        kinds = page.elements[block.owner].kinds
        if not kinds & (HEADING | HEADLINE) or block.links * 2 > len(block.text):
            continue
        words = set(_key(block.text).split())
        overlap = len(words & wanted) / max(len(words | wanted), 1)
        overlap += 0.1 if kinds & TITLE else 0.0
        if overlap > best_overlap:
            best, best_overlap = block.owner, overlap
    if best_overlap >= 0.5:
        return best
    for block in page.blocks:
        if page.elements[block.owner].kinds & TITLE and _is_headline(block):
            return block.owner
    for i in range(min(body_at, len(page.blocks) - 1), max(-1, body_at - _TITLE_BEFORE_BODY), -1):
        block = page.blocks[i]
        if page.elements[block.owner].kinds & (HEADING | HEADLINE) and _is_headline(block):
            return block.owner
    return -1


def _is_headline(block: Block) -> bool:
    words = len(block.text.split())
    return 3 <= words <= 40 and block.links * 2 <= len(block.text) and not is_dateline(block.text)


# --- lead ------------------------------------------------------------------------------------


def _find_lead(page: Page, title_at: int, roots: set[int], hint: str) -> list[int]:
    """The block indexes of the lead (sapo): a "sapo" class or the metadata description."""
    first = _first_inside(page, roots)
    start = title_at + 1 if title_at >= 0 else max(0, first - 5)
    title_path = set(page.blocks[title_at].path) if title_at >= 0 else set()
    hint_key = _key(hint)
    for i in range(start, min(len(page.blocks), max(first, start) + 40)):
        block = page.blocks[i]
        outside = [j for j in block.path if j not in title_path]
        if any(page.elements[j].kinds & JUNK for j in outside):
            continue
        owner = next((j for j in outside if page.elements[j].kinds & LEAD), -1)
        matches = hint_key and len(block.text) >= 40 and _key(block.text)[:60] == hint_key[:60]
        if owner < 0 and not matches:
            continue
        owner = block.owner if owner < 0 else owner
        blocks = [k for k in range(i, len(page.blocks)) if owner in page.blocks[k].path]
        if sum(len(page.blocks[k].text) for k in blocks) >= 40:
            return blocks
    return []


def _is_bold_lead(block: Block) -> bool:
    """A first paragraph all in bold is the lead on many sites."""
    return len(block.text.split()) >= _LEAD_WORDS and block.bold * 10 >= len(block.text) * 9


def _first_inside(page: Page, roots: set[int]) -> int:
    return next(
        (i for i, b in enumerate(page.blocks) if roots.intersection(b.path)), len(page.blocks)
    )


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text)))


# --- body ------------------------------------------------------------------------------------


def _body_blocks(
    page: Page, scores: Scores, roots: set[int], skip: set[int], title_owner: int
) -> list[int]:
    """Indexes of the body's paragraphs, boilerplate and captions taken out."""
    body: list[int] = []
    captions: list[int] = []
    dropped_boxes = set(scores.teasers)
    for i, block in enumerate(page.blocks):
        root_at = next((k for k, j in enumerate(block.path) if j in roots), -1)
        if root_at < 0 or i in skip or block.owner == title_owner:
            continue
        inside = block.path[root_at + 1 :]
        if dropped_boxes.intersection(inside):
            continue
        kinds = 0
        for j in inside:
            kinds |= page.elements[j].kinds
        verdict = _judge(block, kinds)
        if verdict in ("comments", "related"):
            box = _box(page, scores, block, inside, block.path[root_at], verdict == "related")
            if box >= 0:
                dropped_boxes.add(box)
            elif verdict == "comments":
                break  # comments follow the article: nothing after them is the body
        elif verdict == "caption":
            captions.append(i)
        elif verdict == "text":
            body.append(i)
    body_chars = sum(len(page.blocks[i].text) for i in body)
    if sum(len(page.blocks[i].text) for i in captions) > body_chars:  # a photo story
        body = sorted(body + captions)
    return body


def _judge(block: Block, kinds: int) -> str:
    """What a block inside the body is: "text", "caption", "related", "comments" or "drop"."""
    text = block.text
    if kinds & JUNK or block.links > len(text) * MAX_LINK_DENSITY:
        return "drop"
    folded = fold(text)
    words = text.count(" ") + 1
    if words <= 8:
        if COMMENTS.search(folded):
            return "comments"
        if RELATED.search(folded):
            return "related"
    if words <= _BOILERPLATE_WORDS and _is_furniture(folded):
        return "drop"
    if words <= _SHORT and (block.marks & AUTHOR or _is_dated_line(text)) or is_dateline(text):
        return "drop"
    if kinds & CAPTION:
        return "drop" if kinds & MEDIA else "caption"
    if words <= 40 and CAPTION_TEXT.search(folded):
        return "caption"
    return "text"


def _is_furniture(folded: str) -> bool:
    """Site furniture: a boilerplate phrase, or widget labels and numbers only."""
    if BOILERPLATE.search(folded):
        return True
    return not LABELS.sub("", folded) and CLOCK.fullmatch(folded) is None


def _is_dated_line(text: str) -> bool:
    """A short line with a date and no sentence end: "Hữu Thắng - 07:12 03/06/2024"."""
    return not BYLINE_END.search(text) and parse_datetime(text) is not None


def _box(
    page: Page, scores: Scores, heading: Block, inside: tuple, root: int, of_links: bool
) -> int:
    """The box under ``root`` that ``heading`` ("Tin liên quan", "Bình luận") heads, or -1.

    The smallest element around the heading, if it holds a small share of the body's text
    and, for a related box, enough links.
    """
    for j in reversed(inside):
        if j == heading.owner and is_paragraph_tag(page.elements[j].tag):
            continue
        if scores.chars[j] >= _BOX_SHARE * scores.chars[root]:
            return -1
        if not of_links or scores.links[j] >= _BOX_LINKS * scores.chars[j]:
            return j
    return -1


def _trim_bylines(page: Page, picked: list[int]) -> tuple[list[str], str]:
    """Paragraph texts without the bylines at the end, and the bylines."""
    texts = [page.blocks[i].text for i in picked]
    right = [bool(_kinds_of(page, page.blocks[i]) & RIGHT) for i in picked]
    byline: list[str] = []
    while texts and len(byline) < 3 and _is_byline(texts[-1], right[-1]):
        byline.insert(0, texts.pop())
        right.pop()
    return texts, " ".join(byline)


def _kinds_of(page: Page, block: Block) -> int:
    return page.elements[block.owner].kinds


def _is_byline(text: str, right_aligned: bool) -> bool:
    """A signature line: a few words without a sentence end ("Minh Vũ", "Theo TTXVN")."""
    words = len(text.split())
    if right_aligned and words <= 12:
        return True
    if SOURCE_LINE.match(fold(text)) and words <= 10:
        return True
    if text.startswith("(") and text.endswith(")") and words <= 6:
        return True
    return words <= 6 and not BYLINE_END.search(text)
