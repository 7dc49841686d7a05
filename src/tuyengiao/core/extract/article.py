"""``extract_article``: an HTML page → the article on it, boilerplate removed."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

from tuyengiao.core.extract.blocks import AUTHOR, Page, segment
from tuyengiao.core.extract.content import Content, find_content
from tuyengiao.core.extract.dates import parse_datetime, without_dates
from tuyengiao.core.extract.metadata import Metadata, read_metadata, sniff_charset
from tuyengiao.core.text import decode_bytes, fold

__all__ = ["Article", "extract_article"]

_NEAR_TITLE = (-10, 40)  # blocks before and after the title searched for the dateline
_MAX_DATELINE = 100
_MAX_AUTHOR_WORDS = 8
_UPDATED = re.compile(r"\bcap nhat\b|\bupdated?\b")
_SITE_SUFFIX = re.compile(r"\s+[-|–—»]\s+[^-|–—»]{2,40}$")
_AUTHOR_PREFIX = re.compile(
    r"^(?:tác giả|(?:bài|ảnh)(?:\s*(?:và|,|-|&)\s*(?:ảnh|bài))?|nhóm phóng viên|phóng viên|pv|"
    r"theo|by)\s*[:.]?\s+",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Article:
    """The article on a news page.

    Text fields are empty strings when the page has none; the others are ``None`` when unknown.
    Dates are naive local time and keep the time of day when the page gives one (midnight when
    it gives none); a metadata time with an offset is converted to Vietnamese time (UTC+7).
    """

    title: str = ""
    #: The lead (sapo) shown under the title.
    lead: str = ""
    #: The body, paragraphs separated by ``"\\n"``; the lead is not repeated here.
    text: str = ""
    published: dt.datetime | None = None
    updated: dt.datetime | None = None
    author: str | None = None
    section: str | None = None
    canonical_url: str | None = None
    language: str | None = None


def extract_article(html: str | bytes, *, url: str | None = None) -> Article:
    """Extract title, lead, body text and metadata from a news page.

    The body is found by the shape of its text (see ``tuyengiao.core.extract.content``), not
    by per-site rules; metadata comes from ``<meta>``, JSON-LD and the visible dateline.

    Args:
        html: the page, as text or as bytes in any charset ``decode_bytes`` reads (the charset
            a ``<meta>`` tag declares is passed on; TCVN3 and VNI are converted).
        url: where the page was fetched from: the canonical URL when the page names none,
            and the base for a relative one.

    Returns:
        The article. Input that is not a page (empty, plain words, broken markup) gives an
        ``Article`` with empty text; this function does not raise for any ``str``.

    Raises:
        tuyengiao.core.text.DecodeError: ``html`` is bytes that are not text in any encoding
            read (binary data); a ``ValueError`` whose ``reason`` is a Vietnamese sentence.
    """
    if isinstance(html, bytes):
        html = decode_bytes(html, declared=sniff_charset(html))
    if not html.strip():
        return Article(canonical_url=url)
    tree = LexborHTMLParser(html)
    meta = read_metadata(tree)
    page = segment(tree.body) if tree.body is not None else Page()
    content = find_content(page, title_hint=meta.title, lead_hint=meta.description)
    published, updated = _dates(meta, page, content.title_at)
    return Article(
        title=content.title or _strip_site(meta.title),
        lead=content.lead,
        text="\n".join(content.paragraphs),
        published=published,
        updated=updated,
        author=_author(page, content, meta) or None,
        section=meta.section or None,
        canonical_url=_absolute(meta.canonical, url) or url,
        language=meta.language or None,
    )


def _dates(meta: Metadata, page: Page, title_at: int) -> tuple[dt.datetime | None, ...]:
    """Published and updated: metadata first, then the dateline near the title."""
    published = parse_datetime(meta.published)
    updated = parse_datetime(meta.updated)
    low, high = _window(page, title_at)
    for at, value in page.stamps:
        if published is None and low <= at <= high:
            published = parse_datetime(value)
    for block in page.blocks[low:high]:
        if len(block.text) > _MAX_DATELINE:
            continue
        found = parse_datetime(block.text)
        if found is None:
            continue
        if _UPDATED.search(fold(block.text)):
            updated = updated or found
        elif published is None or _same_day_with_time(published, found):
            published = found
    return published or updated, updated


def _window(page: Page, title_at: int) -> tuple[int, int]:
    if title_at < 0:
        return 0, min(len(page.blocks), _NEAR_TITLE[1])
    return max(0, title_at + _NEAR_TITLE[0]), min(len(page.blocks), title_at + _NEAR_TITLE[1])


def _same_day_with_time(known: dt.datetime, seen: dt.datetime) -> bool:
    """A visible "22:40 12/07/2023" adds the time to a metadata date without one."""
    return known.time() == dt.time() and seen.date() == known.date() and seen.time() != dt.time()


def _author(page: Page, content: Content, meta: Metadata) -> str:
    """A byline element near the title, else the signature line ending the body, else meta."""
    low, high = _window(page, content.title_at)
    for block in page.blocks[low:high]:
        if len(block.text.split()) > _MAX_AUTHOR_WORDS:
            continue
        if block.marks & AUTHOR or any(page.elements[j].kinds & AUTHOR for j in block.path):
            name = _AUTHOR_PREFIX.sub("", without_dates(block.text)).strip()
            if name and not name[0].isdigit():
                return name
    if content.byline:
        return _AUTHOR_PREFIX.sub("", content.byline).strip()
    return meta.author


def _strip_site(title: str) -> str:
    """Drop the site name a ``<title>`` ends with: "Tiêu đề - Báo X" → "Tiêu đề"."""
    return _SITE_SUFFIX.sub("", title) if len(title) > 30 else title


def _absolute(href: str, base: str | None) -> str:
    if not href or href.startswith(("http://", "https://")):
        return href
    if href.startswith("//"):
        return "https:" + href
    if base:
        from urllib.parse import urljoin

        return urljoin(base, href)
    return ""
