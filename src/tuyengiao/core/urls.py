"""URLs of news articles: one canonical form per page, hosts, sites, and "is this an article?".

``canonical_url`` is what the crawler keys on so that the same article, reached through a feed,
a sitemap, a section page or a link shared on Zalo with tracking parameters, is fetched once.
Only ``http`` and ``https`` URLs are canonical; anything else raises ``InvalidURLError``.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote, urljoin, urlsplit

__all__ = [
    "InvalidURLError",
    "canonical_url",
    "is_probably_article",
    "same_site",
    "url_host",
]


class InvalidURLError(ValueError):
    """A URL that is not an absolute http(s) address; ``reason`` is for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_DEFAULT_PORTS = {"http": 80, "https": 443}
# Characters WHATWG parsers drop from anywhere in a URL (links split over lines in feeds).
_DROPPED = re.compile("[\t\n\r]")
_HOST = re.compile(r"[a-z0-9_-]+(?:\.[a-z0-9_-]+)*|\[[0-9a-f:.]+\]")
_ESCAPE = re.compile("(%[0-9A-Fa-f]{2})")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_PATH_SAFE = "/:@!$&'()*+,;="
_QUERY_SAFE = "/:@!$'()*+,;=?"
_INDEX_PAGE = re.compile(r"/index\.(?:html?|php)$", re.IGNORECASE)

# Query keys that only say where a click came from. Prefixes end with "_".
_TRACKING_PREFIXES = ("utm_", "itm_", "zarsrc", "fb_action_", "_hs")
_TRACKING_KEYS = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid",
        "twclid", "ttclid", "mc_cid", "mc_eid", "_ga", "_gl", "mkt_tok", "gidzl", "fb_ref",
        "fb_source", "vn_source", "vn_medium", "vn_campaign", "vn_content", "vn_term",
    }
)  # fmt: skip
# "ref", "source", "src", "from" are tracking only with a channel name as the value.
_CHANNEL_KEYS = frozenset({"ref", "source", "src", "from"})
_CHANNELS = frozenset(
    {
        "facebook", "fb", "zalo", "twitter", "x", "google", "gg", "googlenews", "rss", "feed",
        "newsletter", "email", "mail", "share", "social", "home", "homepage", "trangchu", "tiktok",
        "youtube", "linkedin", "telegram", "messenger", "copylink", "app", "ios", "android",
        "push", "notification", "baomoi", "amp", "mobile",
    }
)  # fmt: skip


def canonical_url(url: str, *, base: str | None = None) -> str:
    """The one form of ``url`` under which its page is stored and fetched.

    Resolves ``url`` against ``base``; lowercases the scheme and host and writes a Unicode
    host in IDNA (punycode); drops user names, default ports, the fragment and tracking
    parameters (``utm_*``, ``fbclid``, Zalo's ``zarsrc`` and ``gidzl``, ``ref=facebook`` …);
    sorts the other parameters; normalises percent-escapes (unreserved characters decoded,
    hex in upper case, non-ASCII encoded as UTF-8); collapses ``//`` and dot segments in the
    path; and turns a final ``/index.html`` (or ``.htm``, ``.php`` without a query) into ``/``.

    Args:
        url: an absolute URL, or one relative to ``base``.
        base: the address of the page or feed the URL was found on.

    Returns:
        The canonical URL. ``canonical_url`` of its own result returns it unchanged.

    Raises:
        InvalidURLError: not an http(s) URL with a valid host once resolved.
    """
    url = _DROPPED.sub("", url).strip()
    try:
        if base is not None:
            url = urljoin(_DROPPED.sub("", base).strip(), url)
        elif url.startswith("//"):
            url = "https:" + url
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise InvalidURLError(f"địa chỉ không hợp lệ: {url[:200]}") from None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise InvalidURLError(f"không phải địa chỉ http(s): {url[:200]}")
    netloc = _host(parts.hostname or "", url)
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc += f":{port}"
    query = _query(parts.query)
    path = _path(parts.path, has_query=bool(query))
    return f"{scheme}://{netloc}{path}" + (f"?{query}" if query else "")


def url_host(url: str) -> str:
    """The host of ``url``: lowercase, punycode, without port or a final dot.

    Args:
        url: an absolute http(s) URL.

    Returns:
        ``"vnexpress.net"`` for ``"https://VnExpress.net:443/thoi-su"``.

    Raises:
        InvalidURLError: as ``canonical_url``.
    """
    url = _DROPPED.sub("", url).strip()
    try:
        hostname = urlsplit("https:" + url if url.startswith("//") else url).hostname
    except ValueError:
        raise InvalidURLError(f"địa chỉ không hợp lệ: {url[:200]}") from None
    return _host(hostname or "", url)


def same_site(a: str, b: str) -> bool:
    """Whether two URLs are on one news site.

    The ``www.``, ``m.``, ``mobile.`` and ``amp.`` variants of a host count as that host
    (``m.vnexpress.net`` is ``vnexpress.net``); other subdomains are separate sites.
    Scheme and port do not matter.

    Args:
        a: a URL.
        b: another URL.

    Returns:
        True when both are valid http(s) URLs of the same site.
    """
    try:
        return _site(url_host(a)) == _site(url_host(b))
    except InvalidURLError:
        return False


def _site(host: str) -> str:
    for prefix in ("www.", "m.", "mobile.", "amp."):
        if host.startswith(prefix) and "." in host[len(prefix) :]:
            return host[len(prefix) :]
    return host


def _host(hostname: str, url: str) -> str:
    """A valid lowercase ASCII host, or InvalidURLError."""
    host = hostname.rstrip(".")
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            raise InvalidURLError(f"tên miền không hợp lệ: {url[:200]}") from None
    host = host.lower()
    if ":" in host:  # urlsplit strips the brackets of an IPv6 address
        host = f"[{host}]"
    if not _HOST.fullmatch(host):
        raise InvalidURLError(f"tên miền không hợp lệ: {url[:200]}")
    return host


def _escapes(text: str, safe: str) -> str:
    """Decode escaped unreserved characters, upper-case the rest, escape what needs it."""
    out = []
    for i, piece in enumerate(_ESCAPE.split(text)):
        if i % 2:
            char = chr(int(piece[1:], 16))
            out.append(char if char in _UNRESERVED else piece.upper())
        else:
            out.append(quote(piece, safe=safe))
    return "".join(out)


def _path(path: str, *, has_query: bool) -> str:
    path = re.sub("/{2,}", "/", _escapes(path, _PATH_SAFE))
    path = _remove_dot_segments(path) or "/"
    if not path.startswith("/"):
        path = "/" + path
    index = _INDEX_PAGE.search(path)
    if index and not (has_query and index.group().lower().endswith(".php")):
        path = path[: index.start() + 1]
    return path


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 section 5.2.4 on an absolute path."""
    segments = path.split("/")
    out: list[str] = []
    for segment in segments[1:]:
        if segment == "..":
            if out:
                out.pop()
        elif segment != ".":
            out.append(segment)
    if segments[-1] in (".", ".."):
        out.append("")
    return "/" + "/".join(out)


def _query(query: str) -> str:
    pairs = []
    for pair in query.split("&"):
        if not pair:
            continue
        key, eq, value = pair.partition("=")
        key, value = _escapes(key, _QUERY_SAFE.replace("=", "")), _escapes(value, _QUERY_SAFE)
        if not _is_tracking(unquote(key).lower(), unquote(value).lower()):
            pairs.append(key + eq + value)
    return "&".join(sorted(pairs))


def _is_tracking(key: str, value: str) -> bool:
    if key in _TRACKING_KEYS or key.startswith(_TRACKING_PREFIXES):
        return True
    return key in _CHANNEL_KEYS and value in _CHANNELS


# --- articles or listings ---------------------------------------------------------------------

# Path segments of listing pages: tags, topics, search, authors, categories, pagination, feeds.
_LISTING_SEGMENTS = frozenset(
    {
        "tag", "tags", "tu-khoa", "chu-de", "topic", "topics", "tim-kiem", "search", "tac-gia",
        "author", "authors", "category", "chuyen-muc", "danh-muc", "rss", "feed", "feeds",
        "page", "trang", "dang-nhap", "login", "lien-he", "contact", "gioi-thieu", "about",
    }
)  # fmt: skip
_PAGINATION = re.compile(r"(?:trang|page|p)-?\d{1,4}", re.IGNORECASE)
_NOT_PAGES = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|pdf|docx?|xlsx?|zip|rar|mp[34]|xml|rss|css|js|json)$",
    re.IGNORECASE,
)
# "-4954454.html", "-102241121.htm", "post844123.html", "-c12345678.epi", "-i123456", ".chn".
_NUMERIC_ID = re.compile(r"(?:^|[-_.])[a-z]{0,4}\d{5,}(?:\.[a-z]{2,5})?$", re.IGNORECASE)
_PAGE_EXTENSION = re.compile(r"\.(?:html?|chn|ldo|aspx?|php|vov|tpo|epi|vnp)$", re.IGNORECASE)
_DATE_PATH = re.compile(r"/20\d\d/[01]?\d/(?:[0-3]?\d/)?")
_ID_KEYS = frozenset({"id", "newsid", "news_id", "articleid", "article_id", "itemid", "aid"})


def is_probably_article(url: str) -> bool:
    """A guess, from the URL alone, that it is an article rather than a listing page.

    Articles on Vietnamese news sites end with a numeric id (``…-4954454.html``,
    ``…-102241121.htm``, ``post844123.html``, ``….chn``, ``….ldo``), carry an id parameter
    (``?id=123``, Joomla's ``view=article``), or have a long slug (five or more words with a
    page extension or a date in the path, nine or more otherwise). Home, section, tag,
    topic, search, author and pagination pages, feeds and media files are not articles.

    Args:
        url: an absolute URL.

    Returns:
        True when the URL looks like one article.
    """
    try:
        parts = urlsplit(canonical_url(url))
    except InvalidURLError:
        return False
    segments = [unquote(s).lower() for s in parts.path.split("/") if s]
    if not segments or _NOT_PAGES.search(parts.path):
        return False
    if any(s in _LISTING_SEGMENTS or _PAGINATION.fullmatch(s) for s in segments):
        return False
    last = segments[-1]
    if _NUMERIC_ID.search(last) or _has_article_id(parts.query):
        return True
    words = len(re.findall(r"[^\W\d_]+", _PAGE_EXTENSION.sub("", last)))
    if _PAGE_EXTENSION.search(last) or _DATE_PATH.search(parts.path):
        return words >= 5
    return words >= 9


def _has_article_id(query: str) -> bool:
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        if key.lower() in _ID_KEYS and value.isdigit():
            return True
        if key.lower() == "view" and value.lower() == "article":
            return True
    return False
