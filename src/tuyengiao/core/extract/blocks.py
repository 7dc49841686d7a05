"""An HTML tree → text blocks: the paragraphs a reader sees, with where each one sits.

One pass over the parsed tree (iterative, so a deeply nested page cannot exhaust the stack).
Inline content is joined into the current paragraph; a block element or ``<br>`` ends it.
Every block remembers its path of block elements from ``<body>`` down, and each element its
kind (boilerplate, caption, lead, date, byline) read from its tag, ``class``, ``id`` and a few
role-like attributes. Deciding what the article is happens later, in ``content``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

from tuyengiao.core.text import clean_invisibles, nfc

__all__ = ["Block", "Element", "Page", "segment"]

# Element kinds (bit flags).
JUNK = 1  # navigation, related lists, comments, share bars, ads, tags, bylines
CAPTION = 2  # figure, figcaption, "caption" classes
LEAD = 4  # sapo, summary, description
DATE = 8  # "date", "time", "publish" classes
POSITIVE = 16  # "article", "content", "detail", "body" classes
RIGHT = 32  # right-aligned: bylines
HEADING = 64  # h1-h6
TITLE = 128  # h1
MEDIA = 256  # video and audio players (their captions are labels, not text)
AUTHOR = 512  # "author", "byline" classes
HEADLINE = 1024  # "title", "headline", "tieude" classes

_SKIP = frozenset(
    ("script", "style", "noscript", "template", "svg", "math", "iframe", "frame", "frameset")
    + ("object", "embed", "head", "nav", "aside", "footer", "button", "select", "option")
    + ("textarea", "input", "video", "audio", "canvas", "map", "dialog", "link", "meta")
)
_INLINE = frozenset(
    ("a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font")
    + ("i", "img", "ins", "kbd", "label", "mark", "nobr", "picture", "q", "s", "samp", "small")
    + ("source", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr")
)
_PARAGRAPH_TAGS = frozenset(
    ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dd", "dt", "td", "th", "pre", "blockquote")
    + ("figcaption",)
)
_ATTRIBUTES = frozenset(
    ("class", "id", "itemprop", "role", "type", "data-role", "data-slot", "data-field")
)

# Words of class, id and role-like attributes → element kinds. Substrings are looked for in
# each word with "-" and "_" removed ("box-tin-lien-quan" → "boxtinlienquan"); short tokens
# must be whole words, split at "-" and "_" ("ads", "nav", "article__source" → "source").
_SUBSTRING_KINDS: dict[int, str] = {
    CAPTION: "caption imagedesc imgdesc photodesc chuthich",
    JUNK | AUTHOR: "author byline tacgia",
    AUTHOR: "writer reporter",
    JUNK: "comment binhluan relate lienquan share social chiase breadcrumb banner advert "
    "adsbygoogle quangcao sponsor sidebar footer navbar navigation menu toolbar keyword tukhoa "
    "rating subscribe newsletter popup modal cookie pagination mostread mostview docnhieu "
    "xemnhieu recommend trending complementary follow googlenews boxtin tinkhac othernews "
    "morenews samecate cungchuyenmuc",
    LEAD: "sapo summary description excerpt chapo tomtat abstract teaser standfirst",
    DATE: "date publish ngaydang thoigian posttime",
    POSITIVE: "article content entry story detail noidung chitiet",
    MEDIA: "video audio player podcast",
    HEADLINE: "title headline tieude",
}
_TOKEN_KINDS: dict[int, str] = {
    JUNK: "ad ads adv qc nav lq tag tags source print pager vote",
    LEAD: "lead lede intro desc dek",
    DATE: "time",
    POSITIVE: "main body post fck",
    MEDIA: "clip",
}
_SUBSTRING = {word: kinds for kinds, words in _SUBSTRING_KINDS.items() for word in words.split()}
_TOKEN = {word: kinds for kinds, words in _TOKEN_KINDS.items() for word in words.split()}
_SUBSTRINGS = re.compile("|".join(sorted(_SUBSTRING, key=len, reverse=True)))
_JOINERS = re.compile(r"[-_]+")
_SEPARATORS = re.compile(r"[\s_-]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_RIGHT_STYLE = re.compile(r"text-align\s*:\s*right", re.IGNORECASE)


@dataclass(slots=True)
class Element:
    """A block element on the page: its tag, kinds (bit flags) and parent's index."""

    tag: str
    kinds: int
    parent: int


@dataclass(slots=True)
class Block:
    """One paragraph of visible text.

    ``path`` holds the indexes (into ``Page.elements``) of the block elements around the
    text, outermost first; the last one holds the text. ``links`` and ``bold`` count the
    characters inside ``<a>`` and inside ``<b>``/``<strong>``; ``marks`` holds the kinds of
    the inline elements in the text (a ``<span class="author">`` in a dateline).
    """

    text: str
    links: int
    bold: int
    marks: int
    path: tuple[int, ...]

    @property
    def owner(self) -> int:
        return self.path[-1]


@dataclass(slots=True)
class Page:
    """The blocks of a page in reading order, the elements they sit in, and date stamps."""

    blocks: list[Block] = field(default_factory=list)
    elements: list[Element] = field(default_factory=list)
    #: (index of the next block, value) of ``<time datetime>`` and ``itemprop`` date values.
    stamps: list[tuple[int, str]] = field(default_factory=list)


class _Walker:
    """State of one pass: the open block elements, the paragraph being collected."""

    def __init__(self) -> None:
        self.page = Page()
        self.path: list[int] = []
        self.pieces: list[str] = []
        self.links = 0
        self.bold = 0
        self.marks = 0
        self.in_link = 0
        self.in_bold = 0
        #: Kinds by attribute words: pages repeat the same classes many times.
        self.word_kinds: dict[str, int] = {}

    def flush(self) -> None:
        if not self.pieces:
            return
        text = " ".join(clean_invisibles(nfc("".join(self.pieces))).split())
        if text and self.path:
            share = len(text) / max(1, sum(len(p) for p in self.pieces))
            self.page.blocks.append(
                Block(
                    text,
                    min(len(text), round(self.links * share)),
                    min(len(text), round(self.bold * share)),
                    self.marks,
                    tuple(self.path),
                )
            )
        self.pieces.clear()
        self.links = self.bold = self.marks = 0


def segment(body: LexborNode) -> Page:
    """Split the page under ``body`` into text blocks.

    Args:
        body: the ``<body>`` (or any root) node of a parsed page.

    Returns:
        The page's blocks and elements.
    """
    walker = _Walker()
    _open_block(walker, body, "body")
    opened: list[tuple[LexborNode, str]] = []  # elements whose children are being walked
    pieces = walker.pieces
    node = body.first_child
    while node is not None:
        tag = node.tag or ""
        if tag == "-text":  # the hot path, inlined
            value = node.text_content
            if value and (pieces or not value.isspace()):
                pieces.append(value)
                if walker.in_link:
                    walker.links += len(value)
                if walker.in_bold:
                    walker.bold += len(value)
        elif tag and tag[0] != "-" and tag not in _SKIP and _enter(walker, node, tag):
            child = node.first_child
            if child is not None:
                opened.append((node, tag))
                node = child
                continue
            _close(walker, tag)
        node = _next(walker, node, opened)
    walker.flush()
    return walker.page


def _next(
    walker: _Walker, node: LexborNode, opened: list[tuple[LexborNode, str]]
) -> LexborNode | None:
    """The node after ``node`` in document order, closing the elements left on the way up."""
    while True:
        following = node.next
        if following is not None:
            return following
        if not opened:
            return None
        node, tag = opened.pop()
        _close(walker, tag)


def _enter(walker: _Walker, node: LexborNode, tag: str) -> bool:
    """Open ``node``; False when it and its content are to be skipped."""
    attributes = node.attributes
    style = attributes.get("style")
    if "hidden" in attributes or (style and _HIDDEN_STYLE.search(style)):
        return False
    if tag == "time" or "itemprop" in attributes:
        _stamp(walker, tag, attributes)
    if tag == "br":
        walker.flush()
        return False
    if tag in _INLINE:
        if tag == "a":
            walker.in_link += 1
        elif tag == "b" or tag == "strong":
            walker.in_bold += 1
        marks = attributes.get("class")
        if marks:  # only the class of inline elements: they are many, and only mark text
            kinds = walker.word_kinds.get(marks)
            if kinds is None:
                kinds = walker.word_kinds[marks] = _word_kinds(marks.lower())
            walker.marks |= kinds
        return True
    walker.flush()
    _open_block(walker, node, tag, attributes)
    return True


def _close(walker: _Walker, tag: str) -> None:
    if tag == "a":
        walker.in_link -= 1
    elif tag == "b" or tag == "strong":
        walker.in_bold -= 1
    elif tag not in _INLINE:
        walker.flush()
        walker.path.pop()


def _open_block(
    walker: _Walker, node: LexborNode, tag: str, attributes: dict | None = None
) -> None:
    attributes = node.attributes if attributes is None else attributes
    parent = walker.path[-1] if walker.path else -1
    walker.page.elements.append(Element(tag, _kinds(walker, tag, attributes), parent))
    walker.path.append(len(walker.page.elements) - 1)


def _stamp(walker: _Walker, tag: str, attributes: dict) -> None:
    """Remember machine-readable dates met in the body (``<time datetime>``, ``itemprop``)."""
    value = None
    if tag == "time":
        value = attributes.get("datetime")
    elif (attributes.get("itemprop") or "").lower() == "datepublished":
        value = attributes.get("content") or attributes.get("datetime")
    if value:
        walker.page.stamps.append((len(walker.page.blocks), value))


def _kinds(walker: _Walker, tag: str, attributes: dict) -> int:
    """The kind flags of a block element, from its tag and attributes."""
    kinds = _word_kinds_cached(walker, attributes)
    if tag in ("figure", "figcaption"):
        kinds |= CAPTION
    if kinds & CAPTION:
        kinds &= ~LEAD
    if tag[0] == "h" and tag[1:].isdigit():
        kinds |= HEADING | (TITLE if tag == "h1" else 0)
    style = attributes.get("style")
    if (style and _RIGHT_STYLE.search(style)) or attributes.get("align") == "right":
        kinds |= RIGHT
    return kinds


def _word_kinds_cached(walker: _Walker, attributes: dict) -> int:
    words = " ".join([v for k, v in attributes.items() if v and k in _ATTRIBUTES])
    kinds = walker.word_kinds.get(words)
    if kinds is None:
        kinds = _word_kinds(words.lower())
        walker.word_kinds[words] = kinds
    return kinds


def _word_kinds(words: str) -> int:
    kinds = 0
    for match in _SUBSTRINGS.findall(_JOINERS.sub("", words)):
        kinds |= _SUBSTRING[match]
    for token in _SEPARATORS.split(words):
        kinds |= _TOKEN.get(token, 0)
    return kinds


def is_paragraph_tag(tag: str) -> bool:
    """Whether text directly in ``tag`` is one paragraph (``p``, ``li``, ``h2`` …)."""
    return tag in _PARAGRAPH_TAGS
