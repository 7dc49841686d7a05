"""Feeds and sitemaps of news sites: RSS, Atom, sitemaps, sitemap indexes, Google News sitemaps.

``parse_feed`` turns fetched bytes into a ``Feed`` of article links; ``discover_feeds`` finds
feeds announced by a page, ``sitemaps_from_robots`` the sitemaps listed in robots.txt.

Real feeds are read as they are, not as the standards say: gzip-compressed sitemaps, charsets
declared wrongly, byte-order marks, whitespace or PHP warnings before the XML declaration, HTML
entities (``&nbsp;``) and bare ``&`` that make the XML invalid, titles escaped twice, HTML in
descriptions, day-first dates. The XML parser is the standard library's, with entity
declarations refused (no "billion laughs") and no external entities or DTDs fetched.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import io
import re
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import unescape
from html.entities import html5
from typing import Literal

from selectolax.lexbor import LexborHTMLParser

from tuyengiao.core.extract import parse_datetime
from tuyengiao.core.text import DecodeError, decode_bytes, nfc
from tuyengiao.core.urls import InvalidURLError, canonical_url, same_site

__all__ = [
    "MAX_FEED_BYTES",
    "Feed",
    "FeedEntry",
    "FeedError",
    "discover_feeds",
    "parse_feed",
    "sitemaps_from_robots",
]

#: The most bytes read from a feed, after gzip decompression (the sitemap protocol's limit).
MAX_FEED_BYTES = 50 * 1024 * 1024
#: Feed times without an offset are Vietnamese local time.
VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")

FeedKind = Literal["rss", "atom", "sitemap", "sitemap_index"]


class FeedError(ValueError):
    """Bytes that are not a feed or sitemap we can read; ``reason`` is for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One article link from a feed or sitemap.

    ``url`` is canonical (``tuyengiao.core.urls.canonical_url``). ``published`` is aware, in
    Vietnamese time (UTC+7); for a plain sitemap it is the ``lastmod`` date. ``title`` and
    ``summary`` are plain text (HTML and entities removed), ``None`` when the feed has none.
    """

    url: str
    title: str | None = None
    published: dt.datetime | None = None
    summary: str | None = None


@dataclass(frozen=True, slots=True)
class Feed:
    """A parsed feed: its entries (deduplicated by URL) or, for a sitemap index, its sitemaps."""

    kind: FeedKind
    title: str | None = None
    entries: list[FeedEntry] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)


def parse_feed(data: bytes, *, base_url: str) -> Feed:
    """Read an RSS 2.0/1.0, Atom 1.0, sitemap, news sitemap or sitemap index.

    Gzip-compressed bytes (``.xml.gz``) are decompressed first. A plain-text sitemap (one URL
    a line) is read too. Relative links are resolved against ``base_url`` (and Atom's
    ``xml:base``); entries without an http(s) link are skipped; the first entry of each
    canonical URL is kept.

    Args:
        data: the fetched bytes.
        base_url: the address the bytes were fetched from.

    Returns:
        The feed.

    Raises:
        FeedError: empty, too large (over ``MAX_FEED_BYTES`` even once decompressed), broken
            gzip, undecodable, HTML, not well-formed XML even after repairs, XML declaring
            entities, or XML of another kind.
    """
    text = _text_of(_decompressed(data))
    if not text.startswith("<") and _is_url_list(text):
        return _url_list(text, base_url)
    root = _parse_xml(text)
    kind = _local(root.tag).lower()
    if kind in ("rss", "rdf"):
        return _rss(root, base_url)
    if kind == "feed":
        return _atom(root, base_url)
    if kind == "urlset":
        return Feed(kind="sitemap", entries=_dedupe(_sitemap_entries(root, base_url)))
    if kind == "sitemapindex":
        locs = (_child_text(s, "loc") for s in _children(root, "sitemap"))
        return Feed(kind="sitemap_index", sitemaps=_urls(locs, base_url))
    if kind == "html":
        raise FeedError(_HTML_REASON)
    raise FeedError(f"XML không phải RSS, Atom hay sitemap (thẻ gốc <{kind[:40]}>)")


# --- bytes -> XML tree ------------------------------------------------------------------------

_HTML_REASON = "đây là trang HTML, không phải RSS, Atom hay sitemap"
_TOO_LARGE = f"dữ liệu vượt quá {MAX_FEED_BYTES // (1024 * 1024)} MB"
_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""")
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_XML_START = re.compile(r"<\?xml|<(?:[\w-]+:)?(?:rss|feed|urlset|sitemapindex|RDF)\b")
_ENTITY_DECLARATION = re.compile(r"<!ENTITY", re.IGNORECASE)
_CDATA = re.compile(r"(<!\[CDATA\[.*?\]\]>)", re.DOTALL)
_AMPERSAND = re.compile(r"&(?!#\d{1,7};|#x[0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)")
_NAMED_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]{0,31});")
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_PREFIX = re.compile(r"</?([A-Za-z_][\w.-]*):[A-Za-z_]")
_DECLARED_PREFIX = re.compile(r"\sxmlns:([A-Za-z_][\w.-]*)\s*=")
_ROOT_TAG = re.compile(r"<[A-Za-z_][\w.:-]*")
_INVALID_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _decompressed(data: bytes) -> bytes:
    if len(data) > MAX_FEED_BYTES:
        raise FeedError(_TOO_LARGE)
    if not data.startswith(b"\x1f\x8b"):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as compressed:
            out = compressed.read(MAX_FEED_BYTES + 1)
    except (OSError, EOFError, zlib.error):
        raise FeedError("tệp nén gzip hỏng hoặc bị cắt cụt") from None
    if len(out) > MAX_FEED_BYTES:
        raise FeedError(f"dữ liệu giải nén {_TOO_LARGE}")
    return out


def _text_of(data: bytes) -> str:
    if not data.strip():
        raise FeedError("dữ liệu rỗng")
    declared = _DECLARED.match(data[:300].lstrip(b"\xef\xbb\xbf"))
    try:
        text = decode_bytes(data, declared.group(1).decode("ascii") if declared else None)
    except DecodeError as error:
        raise FeedError(f"không giải mã được: {error.reason}") from None
    return text.lstrip("\ufeff \t\r\n")


def _parse_xml(text: str) -> ET.Element:
    """The root element; a failed parse is retried once on a repaired text."""
    if _ENTITY_DECLARATION.search(text):
        raise FeedError("XML khai báo thực thể (ENTITY): bị từ chối vì lý do an toàn")
    start = _XML_START.search(text[:4096])
    if start is None or (start.start() > 0 and _looks_like_html(text[: start.start()])):
        if _looks_like_html(text[:4096]):
            raise FeedError(_HTML_REASON)
        start = None
    text = _DECLARATION.sub("", text[start.start() if start else 0 :], count=1)
    try:
        return ET.fromstring(text)
    except ET.ParseError:
        pass
    try:
        return ET.fromstring(_repaired(text))
    except ET.ParseError as error:
        raise FeedError(f"không phải XML hợp lệ ({error})") from None


def _looks_like_html(text: str) -> bool:
    return re.search(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", text, re.I) is not None


def _repaired(text: str) -> str:
    """HTML entities as characters, bare ``&`` escaped, control characters dropped."""
    pieces = _CDATA.split(_INVALID_XML_CHARS.sub("", text))
    for i in range(0, len(pieces), 2):  # odd pieces are CDATA sections: left alone
        piece = _AMPERSAND.sub("&amp;", pieces[i])
        pieces[i] = _NAMED_ENTITY.sub(_entity, piece)
    return _declare_prefixes("".join(pieces))


def _declare_prefixes(text: str) -> str:
    """Declare the namespace prefixes a sitemap uses but forgot (``<news:news>`` alone)."""
    outside_cdata = "".join(_CDATA.split(text)[::2])
    used = set(_PREFIX.findall(outside_cdata)) - set(_DECLARED_PREFIX.findall(outside_cdata))
    root = _ROOT_TAG.search(text)
    if not used - {"xml"} or root is None:
        return text
    missing = "".join(f' xmlns:{p}="urn:x-undeclared:{p}"' for p in sorted(used - {"xml"}))
    return text[: root.end()] + missing + text[root.end() :]


def _entity(match: re.Match[str]) -> str:
    name = match.group(1)
    if name in _XML_ENTITIES:
        return match.group()
    char = html5.get(name + ";")
    return f"&#{ord(char)};" if char and len(char) == 1 else f"&amp;{name};"


# --- elements ---------------------------------------------------------------------------------

_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"


def _local(tag: object) -> str:
    """The tag name without its namespace: sites get namespace URIs wrong, so they are ignored."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in element if _local(child.tag) == name]


def _child_text(element: ET.Element, *names: str) -> str:
    """The text of the first non-empty child with one of ``names``, in that order of names."""
    for name in names:
        for child in _children(element, name):
            text = "".join(child.itertext()).strip()
            if text:
                return text
    return ""


def _rss(root: ET.Element, base_url: str) -> Feed:
    channel = next(iter(_children(root, "channel")), root)
    items = [element for element in root.iter() if _local(element.tag) == "item"]
    entries = []
    for item in items:
        url = _entry_url(_rss_link(item), base_url)
        if url is not None:
            title = _plain(_child_text(item, "title"))
            published = _date(_child_text(item, "pubDate", "date", "published", "updated"))
            summary = _plain(_child_text(item, "description", "summary", "encoded"))
            entries.append(FeedEntry(url, title, published, summary))
    return Feed(kind="rss", title=_plain(_child_text(channel, "title")), entries=_dedupe(entries))


def _rss_link(item: ET.Element) -> str:
    link = _child_text(item, "origLink", "link")  # FeedBurner keeps the real link in origLink
    if link:
        return link
    for child in _children(item, "link"):
        if child.get("href"):
            return child.get("href", "")
    for guid in _children(item, "guid"):
        if guid.get("isPermaLink", "true").lower() != "false":
            return (guid.text or "").strip()
    return ""


def _atom(root: ET.Element, base_url: str) -> Feed:
    feed_base = _base(root, base_url)
    entries = []
    for entry in _children(root, "entry"):
        entry_base = _base(entry, feed_base)
        url = _entry_url(_atom_link(entry), entry_base)
        if url is not None:
            title = _plain(_child_text(entry, "title"))
            published = _date(_child_text(entry, "published", "updated", "issued", "modified"))
            summary = _plain(_child_text(entry, "summary", "content"))
            entries.append(FeedEntry(url, title, published, summary))
    return Feed(kind="atom", title=_plain(_child_text(root, "title")), entries=_dedupe(entries))


def _base(element: ET.Element, base_url: str) -> str:
    base = element.get(_XML_BASE)
    if not base:
        return base_url
    try:
        return canonical_url(base, base=base_url)
    except InvalidURLError:
        return base_url


def _atom_link(entry: ET.Element) -> str:
    links = [link for link in _children(entry, "link") if link.get("href")]
    for link in links:
        if link.get("rel", "alternate") == "alternate":
            return link.get("href", "")
    return _child_text(entry, "link", "id") if not links else ""


def _sitemap_entries(root: ET.Element, base_url: str) -> list[FeedEntry]:
    entries = []
    for url_element in _children(root, "url"):
        url = _entry_url(_child_text(url_element, "loc"), base_url)
        if url is None:
            continue
        news = next(iter(_children(url_element, "news")), None)
        title = _plain(_child_text(news, "title")) if news is not None else None
        published = _date(_child_text(news, "publication_date")) if news is not None else None
        published = published or _date(_child_text(url_element, "lastmod"))
        entries.append(FeedEntry(url, title, published))
    return entries


def _is_url_list(text: str) -> bool:
    """One URL a line (the sitemap protocol's text form): no markup, an absolute URL first."""
    head = text[:4096]
    return "<" not in head and re.match(r"https?://\S+(?:\s|$)", head, re.I) is not None


def _url_list(text: str, base_url: str) -> Feed:
    entries = [FeedEntry(url) for url in _urls(text.split(), base_url)]
    return Feed(kind="sitemap", entries=entries)


# --- values -----------------------------------------------------------------------------------

_TAG = re.compile(r"<[A-Za-z/!?][^>]*>")
# "Thu, 21 Nov 2024 15:30:00 +0700", weekday (any language) optional, zone normalised first.
_WEEKDAY = re.compile(r"^[^\W\d_][^,]{0,15},\s*")
_RFC822 = re.compile(
    r"\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:\s+(?:[A-Za-z]{1,5}|[+-]\d{4}))?"
)
_ZONE = re.compile(r"\s*(?:GMT|UTC)?\s*([+-])(\d{1,2})(?::?(\d{2}))?\s*$", re.IGNORECASE)


def _entry_url(link: str, base_url: str) -> str | None:
    if not link:
        return None
    try:
        return canonical_url(unescape(link) if "&" in link else link, base=base_url)
    except InvalidURLError:
        return None


def _urls(links: Iterable[str], base_url: str) -> list[str]:
    """Canonical http(s) URLs from ``links``, in order, once each."""
    found: dict[str, None] = {}
    for link in links:
        url = _entry_url(link, base_url)
        if url is not None:
            found.setdefault(url)
    return list(found)


def _plain(text: str) -> str | None:
    """Text without HTML tags or entities (also those escaped twice), whitespace collapsed."""
    for _ in range(2):
        if "&" not in text and "<" not in text:
            break
        text = unescape(_TAG.sub(" ", text))
    text = " ".join(_TAG.sub(" ", text).split())
    return nfc(text) if text else None


def _date(text: str) -> dt.datetime | None:
    """An aware datetime in Vietnamese time; a time without an offset is Vietnamese time."""
    text = " ".join(text.split())
    if not text:
        return None
    value = _rfc822(text) or parse_datetime(text)
    if value is None:
        return None
    return value.replace(tzinfo=VIETNAM) if value.tzinfo is None else value.astimezone(VIETNAM)


def _rfc822(text: str) -> dt.datetime | None:
    rfc = _WEEKDAY.sub("", text)
    zone = _ZONE.search(rfc)
    if zone is not None:
        sign, hours, minutes = zone.groups()
        rfc = f"{rfc[: zone.start()]} {sign}{int(hours):02d}{minutes or '00'}"
    if not _RFC822.fullmatch(rfc):
        return None
    try:
        return email.utils.parsedate_to_datetime(rfc)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _dedupe(entries: list[FeedEntry]) -> list[FeedEntry]:
    seen: dict[str, FeedEntry] = {}
    for entry in entries:
        seen.setdefault(entry.url, entry)
    return list(seen.values())


# --- discovery --------------------------------------------------------------------------------

_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
_FEED_HREF = re.compile(r"(?:/rss|\.rss|/feed|rss\.xml|feed\.xml|atom\.xml)/?$", re.IGNORECASE)


def discover_feeds(html: str, *, base_url: str) -> list[str]:
    """Feeds a page announces, as canonical URLs, the most certain first.

    First ``<link rel="alternate">`` with an RSS, Atom or RDF type (on any site, as
    FeedBurner feeds are); then links (``<a href>``) on the page's own site whose path ends
    in ``/rss``, ``.rss``, ``/feed``, ``rss.xml``, ``feed.xml`` or ``atom.xml``.

    Args:
        html: the page's HTML.
        base_url: the page's address, against which relative links are resolved.

    Returns:
        Canonical feed URLs, each once.
    """
    tree = LexborHTMLParser(html)
    announced = [
        node.attributes.get("href") or ""
        for node in tree.css("link[href]")
        if "alternate" in (node.attributes.get("rel") or "").lower().split()
        and (node.attributes.get("type") or "").lower().strip() in _FEED_TYPES
    ]
    anchors = [node.attributes.get("href") or "" for node in tree.css("a[href]")]
    linked = [
        url
        for url in _urls(anchors, base_url)
        if _FEED_HREF.search(url.split("?", 1)[0]) and same_site(url, base_url)
    ]
    return _urls(announced + linked, base_url)


def sitemaps_from_robots(robots_txt: str, *, base_url: str) -> list[str]:
    """The ``Sitemap:`` lines of a robots.txt, as canonical URLs.

    Args:
        robots_txt: the text of robots.txt.
        base_url: its address, against which relative sitemap URLs are resolved.

    Returns:
        Canonical sitemap URLs, in order, each once.
    """
    links = []
    for line in robots_txt.splitlines():
        key, colon, value = line.split("#", 1)[0].partition(":")
        if colon and key.strip().lower() in ("sitemap", "site-map"):
            links.append(value.strip())
    return _urls(links, base_url)
