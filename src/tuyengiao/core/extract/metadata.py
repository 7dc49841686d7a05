"""Page metadata: ``<meta>`` tags, JSON-LD, ``<link rel=canonical>``, ``<html lang>``.

Read from the parsed tree before the body is segmented. Values stay raw strings here; dates
are parsed by the caller, which also knows the visible dateline.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

from tuyengiao.core.text import clean_invisibles, nfc

__all__ = ["Metadata", "read_metadata", "sniff_charset"]

_CHARSET = re.compile(
    rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([\w.:-]+)|<\?xml[^>]*encoding\s*=\s*[\"']([\w.:-]+)",
    re.IGNORECASE,
)
_TITLE_KEYS = ("og:title", "twitter:title", "title", "dc.title")
_DESCRIPTION_KEYS = ("og:description", "description", "twitter:description", "dc.description")
_PUBLISHED_KEYS = (
    "article:published_time", "datepublished", "og:published_time", "pubdate", "publishdate",
    "publish-date", "dc.date.issued", "dc.date.created", "article:published", "date",
    "dc.date", "created",
)  # fmt: skip
_UPDATED_KEYS = ("article:modified_time", "og:updated_time", "datemodified", "dc.date.modified",
                 "lastmod", "last-modified")  # fmt: skip
_AUTHOR_KEYS = ("author", "article:author", "dc.creator", "byl")
_SECTION_KEYS = ("article:section", "articlesection", "category", "section")
_ARTICLE_TYPES = re.compile(r"article|posting|report|webpage|story", re.IGNORECASE)
_BREADCRUMB = '[class*="breadcrumb"], [id*="breadcrumb"], [itemtype*="BreadcrumbList"]'
_HOME = re.compile(r"^(?:trang chủ|home|trang nhất)$", re.IGNORECASE)
_JSON_FIELD = re.compile(r'"(datePublished|dateModified|headline)"\s*:\s*"([^"]{4,300})"')


@dataclass(slots=True)
class Metadata:
    """What a page says about itself, raw."""

    title: str = ""
    description: str = ""
    published: str = ""
    updated: str = ""
    author: str = ""
    section: str = ""
    canonical: str = ""
    language: str = ""


def sniff_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (``<meta charset>``, http-equiv, XML).

    Args:
        data: the page bytes.

    Returns:
        The charset name as written, or ``None``.
    """
    match = _CHARSET.search(data[:8192])
    if match is None:
        return None
    return (match.group(1) or match.group(2)).decode("ascii", "replace")


def read_metadata(tree: LexborHTMLParser) -> Metadata:
    """Collect title, description, dates, author, section, canonical URL and language.

    Args:
        tree: the parsed page.

    Returns:
        The raw values; empty strings for what the page does not say.
    """
    metas = _metas(tree)
    ld = _json_ld(tree)
    meta = Metadata(
        title=_first(metas, _TITLE_KEYS) or _text(ld.get("headline")) or _title_tag(tree),
        description=_first(metas, _DESCRIPTION_KEYS) or _text(ld.get("description")),
        published=_text(ld.get("datePublished")) or _first(metas, _PUBLISHED_KEYS),
        updated=_text(ld.get("dateModified")) or _first(metas, _UPDATED_KEYS),
        author=_ld_author(ld.get("author")) or _meta_author(metas),
        section=_first(metas, _SECTION_KEYS) or _text(ld.get("articleSection")) or _crumb(tree),
        canonical=_canonical(tree, metas, ld),
        language=_language(tree, metas),
    )
    return meta


def _metas(tree: LexborHTMLParser) -> dict[str, str]:
    """``<meta>`` values by lowercased property, name, itemprop or http-equiv; first wins."""
    found: dict[str, str] = {}
    for node in tree.css("meta"):
        attributes = node.attributes
        content = attributes.get("content")
        if not content:
            continue
        for key in ("property", "name", "itemprop", "http-equiv"):
            name = (attributes.get(key) or "").strip().lower()
            if name and name not in found:
                found[name] = _clean(content)
    return found


def _first(metas: dict[str, str], keys: tuple[str, ...]) -> str:
    return next((metas[k] for k in keys if metas.get(k)), "")


def _clean(value: str) -> str:
    return " ".join(clean_invisibles(nfc(value)).split())


def _text(value: object) -> str:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), "")
    return _clean(value) if isinstance(value, str) else ""


def _title_tag(tree: LexborHTMLParser) -> str:
    node = tree.css_first("title")
    return _clean(node.text()) if node is not None else ""


def _json_ld(tree: LexborHTMLParser) -> dict:
    """The first JSON-LD object describing the article (merged fallbacks for broken JSON)."""
    fallback: dict = {}
    for node in tree.css('script[type*="ld+json"]'):
        raw = node.text() or ""
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            for key, value in _JSON_FIELD.findall(raw):
                fallback.setdefault(key, value)
            continue
        for obj in _objects(data):
            kind = obj.get("@type")
            kind = " ".join(kind) if isinstance(kind, list) else str(kind or "")
            if _ARTICLE_TYPES.search(kind) and ("headline" in obj or "datePublished" in obj):
                return obj
    return fallback


def _objects(data: object) -> Iterator[dict]:
    """Every dict in a JSON-LD document, through lists and ``@graph``."""
    stack = [data]
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            yield item
            if isinstance(item.get("@graph"), list):
                stack.extend(item["@graph"])


def _ld_author(value: object) -> str:
    """Names of JSON-LD authors that are people (organisations are the site, not an author)."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, str):
            names.append(_clean(item))
        elif isinstance(item, dict) and "organization" not in str(item.get("@type", "")).lower():
            names.append(_text(item.get("name")))
    return "; ".join(n for n in names if n)


def _meta_author(metas: dict[str, str]) -> str:
    value = _first(metas, _AUTHOR_KEYS)
    return "" if value.startswith(("http://", "https://")) else value


def _crumb(tree: LexborHTMLParser) -> str:
    """The last named link of the breadcrumb trail (the section the article is filed in)."""
    node = tree.css_first(_BREADCRUMB)
    if node is None:
        return ""
    names = [_clean(link.text()) for link in node.css("a")]
    names = [name for name in names if name and not _HOME.match(name)]
    return names[-1] if names else ""


def _canonical(tree: LexborHTMLParser, metas: dict[str, str], ld: dict) -> str:
    for node in tree.css("link[rel]"):
        if "canonical" in (node.attributes.get("rel") or "").lower().split():
            href = (node.attributes.get("href") or "").strip()
            if href:
                return href
    if metas.get("og:url"):
        return metas["og:url"]
    main = ld.get("mainEntityOfPage")
    if isinstance(main, dict):
        main = main.get("@id")
    return _text(ld.get("url")) or _text(main)


def _language(tree: LexborHTMLParser, metas: dict[str, str]) -> str:
    node = tree.css_first("html")
    value = (node.attributes.get("lang") or "") if node is not None else ""
    value = value or metas.get("og:locale", "") or metas.get("content-language", "")
    return value.strip().replace("_", "-").lower()[:16]
