"""A hostile local HTTP server for the press crawler's tests, and fixture news sites served on it.

``HostileServer`` is a threaded ``http.server`` on 127.0.0.1 (a free port) running in a daemon
thread. It logs every request (path, headers, start and end times) so tests can check
politeness, and serves a table of routes: a path, or a prefix ending in ``/*``, mapped to a
function of the request handler. ``hostile_routes()`` are the misbehaving endpoints;
``start_news_site(SPEC)`` serves a whole fictional Vietnamese news site (home page, sections,
articles, RSS, Atom, sitemaps, robots.txt) on its own server, so two sites are two hosts.

The sites, people, places, figures and texts are fiction written for these tests. Of the
documents the articles cite, Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị is real
(cited by its real date and subject); Chỉ thị 47-CT/TW, Kế hoạch 112-KH/TU and Quyết định
1520/QĐ-UBND are stand-ins.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import re
import struct
import sys
import threading
import time
import unicodedata
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from tuyengiao.core.legacy import unicode_to_tcvn3
from tuyengiao.core.text import fold

Route = Callable[["Handler"], None]
HTML = "text/html; charset=utf-8"
_DISCONNECTED = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)


# --- the server ----------------------------------------------------------------------------------


@dataclass
class Logged:
    """One request as the server saw it; times are ``time.monotonic()``."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    started: float
    finished: float | None = None


class Handler(BaseHTTPRequestHandler):
    """Request handler; routes call ``reply`` (or write by hand) on it."""

    protocol_version = "HTTP/1.1"
    server: _HTTPServer
    rest = ""  # the part of the path after a ``/*`` route's prefix

    @property
    def site(self) -> HostileServer:
        return self.server.owner

    @property
    def params(self) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}

    def do_GET(self) -> None:
        self.rest = ""
        parts = urlsplit(self.path)
        entry = Logged(
            "GET", parts.path, parts.query, {k.lower(): v for k, v in self.headers.items()},
            time.monotonic(),
        )  # fmt: skip
        self.site.record(entry)
        try:
            self.site.route_for(self, parts.path)(self)
        except _DISCONNECTED:
            self.close_connection = True
        finally:
            entry.finished = time.monotonic()

    def reply(
        self, status: int, body: bytes | str = b"", *, content_type: str | None = HTML,
        headers: Iterable[tuple[str, str]] = (),
    ) -> None:  # fmt: skip
        """Send a whole response with its Content-Length."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.write(data)

    def write(self, data: bytes) -> None:
        for start in range(0, len(data), 65536):
            self.wfile.write(data[start : start + 65536])
        self.wfile.flush()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    owner: HostileServer

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], _DISCONNECTED):  # clients hang up on purpose
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class HostileServer:
    """A local HTTP server with a request log. Use ``with HostileServer(routes) as server:``.

    Attributes:
        routes: path (or prefix ending in ``/*``) -> route; change it at any time.
        log: every request received, in order.
        stopping: set by ``stop()``; routes that hang wait on it.
    """

    def __init__(self, routes: dict[str, Route] | None = None) -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        self.log: list[Logged] = []
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    def __enter__(self) -> HostileServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def start(self) -> HostileServer:
        self._httpd = _HTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.owner = self
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT``, without a final slash."""
        assert self._httpd is not None, "server not started"
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def url_for(self, path: str) -> str:
        return self.url + path

    def record(self, entry: Logged) -> None:
        with self._lock:
            self.log.append(entry)

    def count(self, key: str) -> int:
        """Add one to the counter ``key`` and return it (1 on the first call)."""
        with self._lock:
            self._counts[key] += 1
            return self._counts[key]

    def requests(self, path: str | None = None) -> list[Logged]:
        """The logged requests, all or those for one path (without query)."""
        with self._lock:
            return [entry for entry in self.log if path is None or entry.path == path]

    def hits(self, path: str) -> int:
        return len(self.requests(path))

    def route_for(self, handler: Handler, path: str) -> Route:
        if path in self.routes:
            return self.routes[path]
        prefixes = [key for key in self.routes if key.endswith("/*") and path.startswith(key[:-1])]
        if not prefixes:
            return page("<h1>Không tìm thấy trang</h1>", status=404)
        prefix = max(prefixes, key=len)
        handler.rest = path[len(prefix) - 1 :]
        return self.routes[prefix]


def page(
    body: bytes | str, *, status: int = 200, content_type: str | None = HTML,
    headers: Iterable[tuple[str, str]] = (),
) -> Route:  # fmt: skip
    """A route that always sends the same response."""
    headers = tuple(headers)
    return lambda h: h.reply(status, body, content_type=content_type, headers=headers)


def redirect(location: str, status: int = 302) -> Route:
    return page(b"", status=status, headers=[("Location", location)])


# --- hostile routes --------------------------------------------------------------------------

#: A short Vietnamese page; tests look for these words after decoding.
VIETNAMESE_PAGE = """<!DOCTYPE html>
<html lang="vi"><head><title>Hội nghị báo cáo viên tháng 5</title></head><body>
<h1>Thành ủy tổ chức hội nghị báo cáo viên tháng 5</h1>
<p>Sáng nay, Ban Tuyên giáo và Dân vận Thành ủy tổ chức hội nghị báo cáo viên, thông tin về
tình hình kinh tế - xã hội của Thủ đô trong bốn tháng đầu năm.</p>
<p>Đại biểu đề nghị các phường, xã tiếp tục đổi mới nội dung sinh hoạt chi bộ, nắm chắc tâm
trạng của người dân ở khu dân cư, kịp thời phản ánh những vấn đề mới nảy sinh.</p>
</body></html>
"""
VIETNAMESE_WORDS = ("Thành ủy", "người dân", "Thủ đô", "nảy sinh")
ETAG = '"v1-bao-cao-vien"'
LAST_MODIFIED = "Wed, 12 Mar 2025 15:40:00 GMT"
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def encode_cp1258(text: str) -> bytes:
    """windows-1258: precomposed where the code page has the letter, else base + tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            tone = "".join(c for c in decomposed if c in TONE_MARKS)
            base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tone))
            out += base.encode("cp1258") + tone.encode("cp1258")
    return bytes(out)


@cache
def gzip_bomb(gigabytes: int = 1) -> bytes:
    """A valid gzip stream of ``gigabytes`` GiB of zeros, about 1 MB, built in a fraction of a
    second: one MiB block compressed after a full flush is the same bytes every time."""
    block, count = bytes(1 << 20), gigabytes * 1024
    deflate = zlib.compressobj(9, zlib.DEFLATED, 31)
    first = deflate.compress(block) + deflate.flush(zlib.Z_FULL_FLUSH)
    middle = deflate.compress(block) + deflate.flush(zlib.Z_FULL_FLUSH)
    end = deflate.flush()[:-8]  # the final block; the trailer is rewritten for the whole
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(block, crc)
    return first + middle * (count - 1) + end + struct.pack("<II", crc, (count << 20) & 0xFFFFFFFF)


@cache
def big_page(size: int = 10 * 1024 * 1024) -> bytes:
    paragraph = "<p>Tin tức thời sự trong ngày, cập nhật liên tục.</p>\n".encode()
    return b"<!DOCTYPE html><html><body>\n" + paragraph * (size // len(paragraph) + 1)


def _slow(h: Handler) -> None:
    """Headers at once, then one byte every ``every`` seconds (default 1) until stopped."""
    every = float(h.params.get("every", "1"))
    h.send_response(200)
    h.send_header("Content-Type", HTML)
    h.send_header("Content-Length", "100000")
    h.end_headers()
    h.close_connection = True
    while not h.site.stopping.wait(every):
        h.write(b"<")


def _hang(h: Handler) -> None:
    """Reads the request and never answers."""
    h.close_connection = True
    h.site.stopping.wait()


def _delay(h: Handler) -> None:
    """Answers after ``s`` seconds (default 0.3)."""
    h.site.stopping.wait(float(h.params.get("s", "0.3")))
    h.reply(200, VIETNAMESE_PAGE)


def _redirect_chain(h: Handler) -> None:
    """/redirect-chain/N: N redirects, then a page; odd N use a relative Location."""
    n = int(h.rest or "0")
    if n <= 0:
        h.reply(200, VIETNAMESE_PAGE)
    elif n % 2:
        h.reply(302, headers=[("Location", str(n - 1))])
    else:
        h.reply(301, headers=[("Location", h.site.url_for(f"/redirect-chain/{n - 1}"))])


def _redirect_to(h: Handler) -> None:
    """/redirect-to?url=...&status=302."""
    h.reply(int(h.params.get("status", "302")), headers=[("Location", h.params["url"])])


def _truncated(h: Handler) -> None:
    """Content-Length 10000, 100 bytes sent, connection closed."""
    h.send_response(200)
    h.send_header("Content-Type", HTML)
    h.send_header("Content-Length", "10000")
    h.end_headers()
    h.write(VIETNAMESE_PAGE.encode()[:100])
    h.close_connection = True


def _gzip_bomb(h: Handler) -> None:
    h.reply(200, gzip_bomb(), headers=[("Content-Encoding", "gzip")])


def _big_stream(h: Handler) -> None:
    """10 MB without Content-Length, the end marked by closing the connection."""
    h.send_response(200)
    h.send_header("Content-Type", HTML)
    h.send_header("Connection", "close")
    h.end_headers()
    h.close_connection = True
    h.write(big_page())


def _status(h: Handler) -> None:
    """/status/N answers N."""
    status = int(h.rest)
    h.reply(status, f"<h1>Mã {status}</h1>")


def _flaky(h: Handler) -> None:
    """/flaky/N: 500 for the first N requests to this path, then the page."""
    if h.site.count(h.path) <= int(h.rest):
        h.reply(500, "<h1>Lỗi máy chủ</h1>")
    else:
        h.reply(200, VIETNAMESE_PAGE)


def _too_many(h: Handler) -> None:
    """/429: always 429; /429/N: 429 for the first N requests. Retry-After: ``after`` (1)."""
    always = not h.rest
    if always or h.site.count(h.path) <= int(h.rest):
        after = h.params.get("after", "1")
        h.reply(429, "<h1>Quá nhiều yêu cầu</h1>", headers=[("Retry-After", after)])
    else:
        h.reply(200, VIETNAMESE_PAGE)


def _conditional(h: Handler, *, with_etag: bool) -> None:
    """200 with validators; 304 when If-None-Match (or else If-Modified-Since) matches."""
    validators = [("Last-Modified", LAST_MODIFIED)] + ([("ETag", ETAG)] if with_etag else [])
    none_match = h.headers.get("If-None-Match")
    since = h.headers.get("If-Modified-Since")
    if none_match is not None:
        fresh = with_etag and (none_match.strip() == "*" or ETAG in none_match)
    else:
        fresh = since is not None and _http_date(since) >= _http_date(LAST_MODIFIED)
    if fresh:
        h.reply(304, content_type=None, headers=validators)
    else:
        h.reply(200, VIETNAMESE_PAGE, headers=validators)


def _validated(body: str, *, content_type: str) -> Route:
    """A feed that sends an ETag and answers 304 to a request that names it."""
    tag = f'"{zlib.crc32(body.encode()):08x}"'

    def route(h: Handler) -> None:
        if tag in (h.headers.get("If-None-Match") or ""):
            h.reply(304, content_type=None, headers=[("ETag", tag)])
        else:
            h.reply(200, body, content_type=content_type, headers=[("ETag", tag)])

    return route


def _http_date(value: str) -> dt.datetime:
    try:
        return email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return dt.datetime.min.replace(tzinfo=dt.UTC)


def _charset_routes() -> dict[str, Route]:
    cp1258 = encode_cp1258(VIETNAMESE_PAGE)
    with_meta = VIETNAMESE_PAGE.replace("<head>", '<head><meta charset="windows-1258">')
    return {
        "/charset/windows-1258": page(cp1258, content_type="text/html; charset=windows-1258"),
        "/charset/wrong": page(cp1258, content_type="text/html; charset=utf-8"),
        "/charset/missing": page(cp1258, content_type="text/html"),
        "/charset/meta": page(encode_cp1258(with_meta), content_type="text/html"),
        "/charset/latin1-header": page(
            encode_cp1258(with_meta), content_type="text/html; charset=ISO-8859-1"
        ),
        "/charset/tcvn3": page(
            unicode_to_tcvn3(VIETNAMESE_PAGE).encode("latin-1"), content_type="text/html"
        ),
    }


def hostile_routes() -> dict[str, Route]:
    """The misbehaving endpoints, plus a robots.txt that disallows ``/private/``.

    ``/ok`` a Vietnamese page; ``/slow`` drips a byte a second (``?every=``); ``/hang`` never
    answers; ``/delay?s=`` answers late; ``/redirect-loop`` ↔ ``/redirect-loop/b``;
    ``/redirect-chain/N``; ``/redirect-to?url=&status=``; ``/truncated``; ``/gzip-bomb``
    (1 GiB of zeros); ``/gzip`` and ``/deflate`` (proper compressed pages); ``/status/N``;
    ``/flaky/N``; ``/429`` and ``/429/N`` (``?after=``); ``/binary``; ``/big`` (10 MB with
    Content-Length) and ``/big/stream`` (without); ``/etag`` and ``/last-modified``;
    ``/charset/{windows-1258,wrong,missing,meta,latin1-header,tcvn3}``; ``/private/*``.
    """
    encoded = VIETNAMESE_PAGE.encode()
    return {
        "/robots.txt": page(
            "User-agent: *\nDisallow: /private/\n", content_type="text/plain; charset=utf-8"
        ),
        "/ok": page(VIETNAMESE_PAGE),
        "/private/*": page("<h1>Khu vực riêng</h1>"),
        "/slow": _slow,
        "/hang": _hang,
        "/delay": _delay,
        "/redirect-loop": redirect("/redirect-loop/b"),
        "/redirect-loop/b": redirect("/redirect-loop"),
        "/redirect-chain/*": _redirect_chain,
        "/redirect-to": _redirect_to,
        "/truncated": _truncated,
        "/gzip-bomb": _gzip_bomb,
        "/gzip": page(gzip.compress(encoded, mtime=0), headers=[("Content-Encoding", "gzip")]),
        "/deflate": page(zlib.compress(encoded), headers=[("Content-Encoding", "deflate")]),
        "/status/*": _status,
        "/flaky/*": _flaky,
        "/429": _too_many,
        "/429/*": _too_many,
        "/binary": page(bytes(range(256)) * 16, content_type="application/octet-stream"),
        "/big": lambda h: h.reply(200, big_page()),
        "/big/stream": _big_stream,
        "/etag": lambda h: _conditional(h, with_etag=True),
        "/last-modified": lambda h: _conditional(h, with_etag=False),
        **_charset_routes(),
    }


# --- fixture news sites ----------------------------------------------------------------------

VIETNAM = dt.timezone(dt.timedelta(hours=7))
_WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")


def slugify(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(title)).strip("-")


@dataclass(frozen=True)
class Story:
    """One article. ``published`` is Vietnamese local time (naive)."""

    id: int
    section: str
    title: str
    published: dt.datetime
    author: str
    lead: str
    paragraphs: tuple[str, ...]
    cites: tuple[str, ...] = ()
    related: tuple[int, ...] = ()

    @property
    def slug(self) -> str:
        return slugify(self.title)

    @property
    def when(self) -> dt.datetime:
        return self.published.replace(tzinfo=VIETNAM)


@dataclass(frozen=True)
class SiteSpec:
    """A news site: name, sections, articles and the look of its pages.

    ``path_format`` places an article (``{section}``, ``{slug}``, ``{id}``); ``removed`` is a
    story still listed in the news sitemap whose page now answers 410.
    """

    name: str
    slogan: str
    sections: tuple[tuple[str, str], ...]
    stories: tuple[Story, ...]
    path_format: str
    footer: str
    dateline: Callable[[dt.datetime], str]
    removed: Story | None = None

    def path(self, story: Story) -> str:
        return self.path_format.format(section=story.section, slug=story.slug, id=story.id)

    def section_name(self, slug: str) -> str:
        return dict(self.sections)[slug]


@dataclass
class NewsSite:
    """A fixture site being served: its spec, server and the URLs tests need (canonical)."""

    spec: SiteSpec
    server: HostileServer
    crawl_delay: float | None = None

    @property
    def stories(self) -> tuple[Story, ...]:
        return self.spec.stories

    @property
    def base_url(self) -> str:
        return self.server.url

    @property
    def home_url(self) -> str:
        return self.base_url + "/"

    @property
    def robots_url(self) -> str:
        return self.base_url + "/robots.txt"

    @property
    def rss_url(self) -> str:
        return self.base_url + "/rss/home.rss"

    @property
    def atom_url(self) -> str:
        return self.base_url + "/atom.xml"

    @property
    def sitemap_url(self) -> str:
        """The sitemap index."""
        return self.base_url + "/sitemap.xml"

    @property
    def news_sitemap_url(self) -> str:
        return self.base_url + "/sitemap-news.xml"

    @property
    def gz_sitemap_url(self) -> str:
        return self.base_url + "/sitemap-articles.xml.gz"

    @property
    def section_urls(self) -> list[str]:
        return [f"{self.base_url}/{slug}/" for slug, _ in self.spec.sections]

    @property
    def article_urls(self) -> list[str]:
        """Every live article's canonical URL, newest first."""
        return [self.url(story) for story in _newest_first(self.stories)]

    @property
    def removed_url(self) -> str | None:
        return self.url(self.spec.removed) if self.spec.removed else None

    def story(self, story_id: int) -> Story:
        return next(story for story in self.stories if story.id == story_id)

    def url(self, story: Story | int) -> str:
        story = self.story(story) if isinstance(story, int) else story
        return self.base_url + self.spec.path(story)

    def tracking_url(self, story: Story | int) -> str:
        """The article as shared on Facebook: tracking parameters and a fragment."""
        return self.url(story) + "?utm_source=facebook&utm_medium=social&fbclid=IwAR0xyz#binh-luan"

    def legacy_url(self, story: Story | int) -> str:
        """An old short link that answers 301 to the article."""
        story = self.story(story) if isinstance(story, int) else story
        return f"{self.base_url}/tin-tuc/{story.id}"


def start_news_site(spec: SiteSpec, *, crawl_delay: float | None = 0.1) -> NewsSite:
    """Serve ``spec`` on a new server (stop it with ``site.server.stop()``)."""
    server = HostileServer().start()
    server.routes.update(site_routes(spec, server.url, crawl_delay=crawl_delay))
    return NewsSite(spec, server, crawl_delay)


def site_routes(spec: SiteSpec, base: str, *, crawl_delay: float | None = 0.1) -> dict[str, Route]:
    """The route table of a news site whose address is ``base`` (``http://host:port``).

    ``/`` and ``/index.html``, ``/{section}/``, one page per article (any query string, e.g.
    tracking parameters, serves the same page), ``/tin-tuc/{id}`` (301 to the article),
    ``/rss/home.rss``, ``/atom.xml``, ``/sitemap.xml`` (index) → ``/sitemap-news.xml`` and
    ``/sitemap-articles.xml.gz``, ``/robots.txt``, ``/admin/*`` and ``/tim-kiem`` (both
    disallowed by robots.txt), and the removed article (410).
    """
    xml = "application/xml; charset=utf-8"
    routes: dict[str, Route] = {
        "/": page(_home(spec)),
        "/index.html": page(_home(spec)),
        "/robots.txt": page(_robots(base, crawl_delay), content_type="text/plain; charset=utf-8"),
        "/rss/home.rss": _validated(
            _rss(spec, base), content_type="application/rss+xml; charset=utf-8"
        ),
        "/atom.xml": page(_atom(spec, base), content_type="application/atom+xml; charset=utf-8"),
        "/sitemap.xml": page(_sitemap_index(base), content_type=xml),
        "/sitemap-news.xml": page(_news_sitemap(spec, base), content_type=xml),
        "/sitemap-articles.xml.gz": page(
            gzip.compress(_url_sitemap(spec, base).encode(), mtime=0),
            content_type="application/x-gzip",
        ),
        "/admin/*": page("<h1>Đăng nhập hệ thống quản trị</h1>"),
        "/tim-kiem": page("<h1>Tìm kiếm</h1>"),
    }
    for slug, _ in spec.sections:
        routes[f"/{slug}/"] = page(_section(spec, slug))
    for story in spec.stories:
        routes[spec.path(story)] = page(_article(spec, story, base))
        routes[f"/tin-tuc/{story.id}"] = redirect(spec.path(story), status=301)
    if spec.removed:
        routes[spec.path(spec.removed)] = page("<h1>Bài viết đã bị gỡ</h1>", status=410)
    return routes


def _newest_first(stories: Iterable[Story]) -> list[Story]:
    return sorted(stories, key=lambda story: story.published, reverse=True)


def _robots(base: str, crawl_delay: float | None) -> str:
    delay = f"Crawl-delay: {crawl_delay:g}\n" if crawl_delay is not None else ""
    return (
        "# Tệp robots.txt\nUser-agent: *\nDisallow: /admin/\nDisallow: /tim-kiem\n"
        f"{delay}\nUser-agent: BadBot\nDisallow: /\n\n"
        f"Sitemap: {base}/sitemap.xml\nSitemap: {base}/sitemap-news.xml\n"
    )


def _chrome(spec: SiteSpec, title: str, body: str, *, head: str = "") -> str:
    nav = "".join(f'<li><a href="/{slug}/">{name}</a></li>' for slug, name in spec.sections)
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<link rel="alternate" type="application/rss+xml" title="{escape(spec.name)} - Trang chủ" href="/rss/home.rss">
<link rel="alternate" type="application/atom+xml" title="{escape(spec.name)}" href="/atom.xml">
{head}</head>
<body>
<header class="site-header">
<a class="logo" href="/">{escape(spec.name)}</a> <span class="slogan">{escape(spec.slogan)}</span>
<nav class="menu"><ul><li><a href="/">Trang chủ</a></li>{nav}</ul></nav>
<form class="search" action="/tim-kiem" method="get"><input name="q" placeholder="Tìm kiếm..."><button>Tìm</button></form>
</header>
{body}
<footer class="site-footer">
<p>{spec.footer}</p>
<p><a href="/rss/home.rss">RSS</a> · <a href="/admin/">Quản trị</a></p>
</footer>
</body>
</html>
"""


def _home(spec: SiteSpec) -> str:
    stories = _newest_first(spec.stories)
    top, rest = stories[0], stories[1:]
    featured = (
        f'<section class="featured"><h2><a href="{spec.path(top)}?utm_source=trangchu&amp;'
        f'utm_medium=tieu-diem">{escape(top.title)}</a></h2><p>{escape(top.lead)}</p></section>'
    )
    items = []
    for i, story in enumerate(rest):
        href = spec.path(story) + ("#binh-luan" if i % 3 == 1 else "")
        items.append(f'<li><a href="{href}">{escape(story.title)}</a></li>')
    latest = f'<section class="latest"><h3>Tin mới</h3><ul>{"".join(items)}</ul></section>'
    most_read = "".join(
        f'<li><a href="{spec.path(s)}?ref=home">{escape(s.title)}</a></li>' for s in stories[:3]
    )
    aside = f'<aside class="most-read"><h3>Đọc nhiều</h3><ol>{most_read}</ol></aside>'
    return _chrome(spec, f"{spec.name} - {spec.slogan}", f"<main>{featured}{latest}{aside}</main>")


def _section(spec: SiteSpec, slug: str) -> str:
    name = spec.section_name(slug)
    stories = [s for s in _newest_first(spec.stories) if s.section == slug]
    items = "".join(
        f'<article class="item"><h3><a href="{spec.path(s)}">{escape(s.title)}</a></h3>'
        f"<p>{escape(s.lead)}</p></article>"
        for s in stories
    )
    body = (
        f'<div class="breadcrumb"><a href="/">Trang chủ</a> › {name}</div>'
        f'<main><h1 class="section-title">{name}</h1>{items or "<p>Chưa có bài viết.</p>"}</main>'
    )
    return _chrome(spec, f"{name} | {spec.name}", body)


def _article(spec: SiteSpec, story: Story, base: str) -> str:
    url = base + spec.path(story)
    section = spec.section_name(story.section)
    head = (
        f'<link rel="canonical" href="{url}">\n'
        f'<meta name="description" content="{escape(story.lead)}">\n'
        f'<meta property="og:title" content="{escape(story.title)}">\n'
        f'<meta property="og:type" content="article">\n<meta property="og:url" content="{url}">\n'
        f'<meta property="article:published_time" content="{story.when.isoformat()}">\n'
        f'<meta property="article:section" content="{section}">\n'
    )
    related = "".join(
        f'<li><a href="{spec.path(r)}?utm_source=tinlienquan">{escape(r.title)}</a></li>'
        for r in (s for s in spec.stories if s.id in story.related)
    )
    paragraphs = "\n".join(f"<p>{escape(p)}</p>" for p in story.paragraphs)
    body = f"""<div class="breadcrumb"><a href="/">Trang chủ</a> › <a href="/{story.section}/">{section}</a></div>
<main>
<article class="detail">
<h1 class="detail-title">{escape(story.title)}</h1>
<div class="detail-meta"><span class="date">{spec.dateline(story.published)}</span></div>
<div class="share">Chia sẻ: <a href="https://www.facebook.com/sharer/sharer.php?u={url}">Facebook</a>
<a href="https://zalo.me/share?url={url}">Zalo</a> <a href="#" class="copy-link">Sao chép liên kết</a>
<a href="javascript:window.print()">In bài viết</a></div>
<p class="sapo"><strong>{escape(story.lead)}</strong></p>
<div class="detail-content">
{paragraphs}
<p class="author"><strong>{escape(story.author)}</strong></p>
</div>
</article>
<section class="related"><h3>Tin liên quan</h3><ul>{related}</ul></section>
<section class="comments" id="binh-luan"><h3>Ý kiến bạn đọc</h3>
<form><textarea placeholder="Nhập ý kiến của bạn (tối thiểu 10 ký tự)"></textarea>
<input placeholder="Họ và tên"><input placeholder="Email"><button>Gửi bình luận</button></form>
<p class="note">Ý kiến của bạn sẽ được biên tập trước khi đăng. Chưa có bình luận nào.</p></section>
</main>"""
    return _chrome(spec, f"{story.title} | {spec.name}", body, head=head)


def _rss(spec: SiteSpec, base: str) -> str:
    items = "".join(
        f"<item><title>{escape(s.title)}</title>"
        f"<link>{base}{spec.path(s)}?utm_source=rss&amp;utm_medium=feed</link>"
        f'<guid isPermaLink="false">{s.id}</guid>'
        f"<category>{spec.section_name(s.section)}</category>"
        f"<pubDate>{email.utils.format_datetime(s.when)}</pubDate>"
        f"<description><![CDATA[<p>{escape(s.lead)}</p>]]></description></item>\n"
        for s in _newest_first(spec.stories)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>{escape(spec.name)} - Trang chủ</title><link>{base}/</link>"
        f"<description>{escape(spec.slogan)}</description><language>vi</language>\n"
        f"{items}</channel></rss>\n"
    )


def _atom(spec: SiteSpec, base: str) -> str:
    stories = _newest_first(spec.stories)
    entries = "".join(
        f'<entry><title>{escape(s.title)}</title><link rel="alternate" href="{base}{spec.path(s)}"/>'
        f"<id>tag:{slugify(spec.name)},2025:{s.id}</id><published>{s.when.isoformat()}</published>"
        f"<updated>{s.when.isoformat()}</updated><author><name>{escape(s.author)}</name></author>"
        f"<summary>{escape(s.lead)}</summary></entry>\n"
        for s in stories
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f'<title>{escape(spec.name)}</title><link rel="self" href="{base}/atom.xml"/>'
        f'<link rel="alternate" href="{base}/"/><id>{base}/</id>'
        f"<updated>{stories[0].when.isoformat()}</updated>\n{entries}</feed>\n"
    )


def _sitemap_index(base: str) -> str:
    sitemaps = "".join(
        f"<sitemap><loc>{base}{path}</loc></sitemap>"
        for path in ("/sitemap-news.xml", "/sitemap-articles.xml.gz")
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{sitemaps}</sitemapindex>\n'
    )


def _news_sitemap(spec: SiteSpec, base: str) -> str:
    listed = [*spec.stories, *([spec.removed] if spec.removed else [])]
    urls = "".join(
        f"<url><loc>{base}{spec.path(s)}</loc><news:news><news:publication>"
        f"<news:name>{escape(spec.name)}</news:name><news:language>vi</news:language>"
        f"</news:publication><news:publication_date>{s.when.isoformat()}</news:publication_date>"
        f"<news:title>{escape(s.title)}</news:title></news:news></url>\n"
        for s in _newest_first(listed)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/'
        'sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n'
        f"{urls}</urlset>\n"
    )


def _url_sitemap(spec: SiteSpec, base: str) -> str:
    urls = [f"<url><loc>{base}/</loc><changefreq>hourly</changefreq></url>"]
    urls += [f"<url><loc>{base}/{slug}/</loc></url>" for slug, _ in spec.sections]
    urls += [
        f"<url><loc>{base}{spec.path(s)}</loc><lastmod>{s.when.isoformat()}</lastmod></url>"
        for s in _newest_first(spec.stories)
    ]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "\n".join(urls)
        + "\n</urlset>\n"
    )


def _dateline_thu_do(when: dt.datetime) -> str:
    return f"{_WEEKDAYS[when.weekday()]}, {when:%d/%m/%Y - %H:%M}"


def _dateline_binh_minh(when: dt.datetime) -> str:
    return f"{when:%d/%m/%Y | %H:%M} GMT+7"


# --- the articles --------------------------------------------------------------------------------
# Báo Thời Sự Thủ Đô: 8 live articles in 4 sections, and one removed. Which cite what:
#   1024101  Chỉ thị số 47-CT/TW ngày 05/3/2025 của Ban Bí thư
#   1024117  Kế hoạch số 112-KH/TU ngày 25/3/2025, Chỉ thị số 47-CT/TW
#   1024130  Kế hoạch số 112-KH/TU, Chỉ thị số 47-CT/TW, Nghị quyết số 35-NQ/TW ngày 22/10/2018
#            (syndicated with small changes by Báo Bình Minh as 5520031: the near-duplicate pair)
#   1024152  Quyết định số 1520/QĐ-UBND ngày 20/5/2025 của UBND thành phố
#   1024168, 1024183, 1024199, 1024215  no document

THU_DO_STORIES = (
    Story(
        id=1024101,
        section="thoi-su",
        title="Thành ủy quán triệt Chỉ thị 47-CT/TW về đổi mới công tác tuyên truyền miệng",
        published=dt.datetime(2025, 3, 12, 22, 40),
        author="Minh Châu",
        lead=(
            "Chiều 12/3, Ban Thường vụ Thành ủy tổ chức hội nghị trực tuyến tới 126 điểm cầu cơ "
            "sở để quán triệt Chỉ thị số 47-CT/TW ngày 05/3/2025 của Ban Bí thư về đổi mới, nâng "
            "cao chất lượng công tác tuyên truyền miệng trong tình hình mới."
        ),
        paragraphs=(
            "Phát biểu khai mạc, đồng chí Phó Bí thư Thường trực Thành ủy nhấn mạnh tuyên truyền "
            "miệng là kênh gần dân nhất, giúp chủ trương của Đảng đến với từng khu dân cư. Tuy "
            "nhiên, thời gian qua nội dung sinh hoạt ở không ít chi bộ còn khô cứng, báo cáo viên "
            "chủ yếu đọc lại tài liệu, ít đối thoại với người nghe.",
            "Theo báo cáo của Ban Tuyên giáo và Dân vận Thành ủy, toàn thành phố hiện có hơn 2.300 "
            "báo cáo viên, tuyên truyền viên các cấp. Năm 2024, đội ngũ này đã tổ chức gần 18.000 "
            "buổi nói chuyện thời sự, trong đó khoảng một phần ba kết hợp trực tiếp và trực tuyến.",
            "Chỉ thị số 47-CT/TW yêu cầu cấp ủy các cấp coi tuyên truyền miệng là nhiệm vụ thường "
            "xuyên, gắn với nắm bắt tâm trạng xã hội; kịp thời cung cấp thông tin chính thống, "
            "phản bác thông tin sai lệch trên không gian mạng. Chỉ thị cũng đặt yêu cầu chuẩn hóa "
            "đội ngũ báo cáo viên, bồi dưỡng kỹ năng sử dụng công nghệ số.",
            "Kết luận hội nghị, Thường trực Thành ủy giao Ban Tuyên giáo và Dân vận Thành ủy chủ "
            "trì tham mưu kế hoạch thực hiện chỉ thị, hoàn thành trong tháng 3/2025; các đảng ủy "
            "trực thuộc tổ chức quán triệt tới 100% chi bộ trước ngày 30/4/2025.",
        ),
        cites=("47-CT/TW",),
        related=(1024117, 1024130),
    ),
    Story(
        id=1024117,
        section="thoi-su",
        title="Ban hành Kế hoạch số 112-KH/TU thực hiện Chỉ thị 47-CT/TW của Ban Bí thư",
        published=dt.datetime(2025, 3, 28, 16, 15),
        author="Thu Hằng",
        lead=(
            "Ban Thường vụ Thành ủy vừa ban hành Kế hoạch số 112-KH/TU ngày 25/3/2025 thực hiện "
            "Chỉ thị số 47-CT/TW ngày 05/3/2025 của Ban Bí thư, đặt mục tiêu đến năm 2027 mỗi tổ "
            "dân phố, thôn có ít nhất một tuyên truyền viên được bồi dưỡng kỹ năng số."
        ),
        paragraphs=(
            "Kế hoạch xác định năm nhóm nhiệm vụ trọng tâm: nâng cao nhận thức của cấp ủy, người "
            "đứng đầu; đổi mới nội dung, hình thức tuyên truyền miệng; kiện toàn đội ngũ báo cáo "
            "viên, tuyên truyền viên; ứng dụng chuyển đổi số; tăng cường kiểm tra, giám sát.",
            "Đáng chú ý, kế hoạch yêu cầu các đảng ủy phường, xã lập “bản đồ dư luận” hằng tháng, "
            "tổng hợp những vấn đề người dân quan tâm để định hướng nội dung sinh hoạt chi bộ. Hội "
            "nghị báo cáo viên cấp thành phố được tổ chức mỗi tháng một lần, có phần hỏi đáp trực "
            "tiếp với đại biểu.",
            "Về kinh phí, các cơ quan, đơn vị bố trí trong dự toán ngân sách hằng năm; khuyến khích "
            "huy động nguồn xã hội hóa để trang bị thiết bị trình chiếu, loa truyền thanh thông "
            "minh tại nhà văn hóa khu dân cư.",
            "Ban Tuyên giáo và Dân vận Thành ủy được giao theo dõi, đôn đốc việc thực hiện, định kỳ "
            "sáu tháng báo cáo Ban Thường vụ Thành ủy; sơ kết hai năm vào quý II/2027.",
        ),
        cites=("112-KH/TU", "47-CT/TW"),
        related=(1024101, 1024130),
    ),
    Story(
        id=1024130,
        section="thoi-su",
        title="Tuyên truyền viên cơ sở học cách lan tỏa thông tin chính thống trên mạng xã hội",
        published=dt.datetime(2025, 4, 16, 8, 45),
        author="Minh Châu",
        lead=(
            "Ngày 15/4, Ban Tuyên giáo và Dân vận Thành ủy mở lớp bồi dưỡng kỹ năng truyền thông "
            "số cho 150 tuyên truyền viên cơ sở, cụ thể hóa Kế hoạch số 112-KH/TU của Ban Thường "
            "vụ Thành ủy."
        ),
        paragraphs=(
            "Trong hai ngày, học viên được hướng dẫn cách xây dựng nội dung ngắn, dễ hiểu trên các "
            "nền tảng mạng xã hội; kỹ năng kiểm chứng thông tin, nhận diện tài khoản giả mạo và xử "
            "lý khi gặp thông tin xấu độc. Các báo cáo viên cũng chia sẻ kinh nghiệm quản trị nhóm "
            "Zalo của khu dân cư.",
            "Theo giảng viên lớp học, nhiều tuyên truyền viên lớn tuổi còn lúng túng khi dùng điện "
            "thoại thông minh, vì vậy chương trình dành phần lớn thời gian cho thực hành theo nhóm. "
            "Mỗi học viên hoàn thành một bản tin ngắn giới thiệu hoạt động của chi bộ nơi mình "
            "sinh hoạt.",
            "Lớp học là một trong những hoạt động triển khai Chỉ thị số 47-CT/TW ngày 05/3/2025 "
            "của Ban Bí thư, đồng thời góp phần thực hiện Nghị quyết số 35-NQ/TW ngày 22/10/2018 "
            "của Bộ Chính trị về tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác "
            "các quan điểm sai trái, thù địch trong tình hình mới.",
            "Dự kiến đến cuối năm 2025, Ban sẽ tổ chức thêm sáu lớp tương tự, bảo đảm mỗi đảng ủy "
            "phường, xã có ít nhất năm tuyên truyền viên nòng cốt trên không gian mạng.",
        ),
        cites=("112-KH/TU", "47-CT/TW", "35-NQ/TW"),
        related=(1024101, 1024117),
    ),
    Story(
        id=1024152,
        section="xa-hoi",
        title="Chủ động phương án phòng, chống ngập úng trước mùa mưa bão",
        published=dt.datetime(2025, 5, 22, 14, 50),
        author="Đức Anh",
        lead=(
            "Thực hiện Quyết định số 1520/QĐ-UBND ngày 20/5/2025 của UBND thành phố về phương án "
            "phòng, chống thiên tai năm 2025, các phường, xã đang khẩn trương rà soát điểm úng "
            "ngập, nạo vét cống rãnh trước mùa mưa."
        ),
        paragraphs=(
            "Tại xã Phú Lương, lực lượng xung kích đã ra quân nạo vét gần 3 km kênh mương nội đồng, "
            "gia cố hai đoạn bờ bao xung yếu. Xã chuẩn bị sẵn 500 bao tải cát, máy bơm dự phòng và "
            "phân công cán bộ trực 24/24 giờ khi có mưa lớn.",
            "Theo Công ty Thoát nước thành phố, năm nay còn 14 điểm có nguy cơ úng ngập khi lượng "
            "mưa vượt 100 mm, giảm năm điểm so với năm trước nhờ các dự án cải tạo hệ thống thoát "
            "nước đã hoàn thành.",
            "UBND thành phố yêu cầu các địa phương thông tin kịp thời cho người dân về diễn biến "
            "thời tiết qua loa truyền thanh, mạng xã hội và ứng dụng công dân số; tuyệt đối không "
            "để người dân đi qua ngầm tràn khi nước lên.",
        ),
        cites=("1520/QĐ-UBND",),
        related=(1024199,),
    ),
    Story(
        id=1024168,
        section="giao-duc",
        title="Hơn 100.000 thí sinh bước vào kỳ thi tuyển sinh lớp 10",
        published=dt.datetime(2025, 6, 7, 11, 20),
        author="Phương Thảo",
        lead=(
            "Sáng 7/6, hơn 100.000 thí sinh làm bài thi môn Ngữ văn, mở đầu kỳ thi tuyển sinh vào "
            "lớp 10 trung học phổ thông năm học 2025-2026."
        ),
        paragraphs=(
            "Tại điểm thi Trường THPT Đông Thành, từ 6 giờ 30 phút nhiều phụ huynh đã đưa con đến "
            "trường. Lực lượng công an, đoàn viên thanh niên được bố trí hướng dẫn giao thông, hỗ "
            "trợ thí sinh tìm phòng thi.",
            "Năm nay, thí sinh thi ba môn Ngữ văn, Toán và Ngoại ngữ; điểm xét tuyển là tổng điểm "
            "ba bài thi, không nhân hệ số. Sở Giáo dục và Đào tạo cho biết đã chuẩn bị đầy đủ "
            "phương án dự phòng, bảo đảm kỳ thi an toàn, nghiêm túc.",
            "Nhiều thí sinh nhận xét đề Ngữ văn vừa sức, câu nghị luận xã hội về văn hóa ứng xử "
            "nơi công cộng gần gũi với đời sống. Kết quả thi dự kiến được công bố trước ngày 30/6.",
        ),
        related=(1024183,),
    ),
    Story(
        id=1024183,
        section="xa-hoi",
        title="Nhà văn hóa tổ dân phố thành “điểm hẹn” đọc sách của thiếu nhi dịp hè",
        published=dt.datetime(2025, 6, 8, 19, 30),
        author="Bảo Ngọc",
        lead=(
            "Từ đầu tháng 6, tủ sách cộng đồng tại nhà văn hóa tổ dân phố số 5, phường Đông Thành "
            "mở cửa vào các buổi tối, thu hút đông đảo thiếu nhi đến đọc sách, vẽ tranh và nghe "
            "kể chuyện."
        ),
        paragraphs=(
            "Tủ sách hiện có khoảng 1.500 cuốn do các gia đình trong tổ dân phố quyên góp, từ truyện "
            "tranh, sách khoa học thường thức đến sách lịch sử dành cho thiếu nhi. Tối thứ ba và "
            "thứ sáu hằng tuần, các cô giáo đã nghỉ hưu thay phiên kể chuyện về những tấm gương "
            "anh hùng của Thủ đô.",
            "Ông Trần Văn Bình, Tổ trưởng tổ dân phố số 5, cho biết ý tưởng xuất phát từ mong muốn "
            "kéo các cháu rời điện thoại trong những ngày hè. “Ban đầu chỉ vài cháu, giờ tối nào "
            "cũng kín chỗ”, ông nói.",
            "Mô hình được Đảng ủy phường đánh giá cao và dự kiến nhân rộng ra mười tổ dân phố khác "
            "trong năm nay, gắn với phong trào xây dựng văn hóa đọc trong cộng đồng.",
        ),
        related=(1024168, 1024199),
    ),
    Story(
        id=1024199,
        section="thoi-su",
        title="Phường Đông Thành vận hành Trung tâm phục vụ hành chính công sau sắp xếp",
        published=dt.datetime(2025, 7, 2, 9, 5),
        author="Quang Huy",
        lead=(
            "Sau hai ngày hoạt động theo mô hình chính quyền địa phương hai cấp, Trung tâm phục vụ "
            "hành chính công phường Đông Thành đã tiếp nhận hơn 400 hồ sơ, phần lớn được giải "
            "quyết trong ngày."
        ),
        paragraphs=(
            "Ghi nhận sáng 2/7, khu vực chờ của trung tâm khá đông nhưng không ùn ứ. Mỗi quầy đều "
            "có cán bộ hướng dẫn người dân lấy số thứ tự, kê khai trên máy tính bảng và tra cứu "
            "tiến độ hồ sơ bằng mã QR.",
            "Bà Nguyễn Thị Lan, ở tổ dân phố số 7, đến làm thủ tục chứng thực giấy tờ cho con đi "
            "học. “Tôi tưởng mới sắp xếp sẽ phải chờ lâu, nhưng chưa đến 20 phút đã xong”, bà "
            "Lan nói.",
            "Theo lãnh đạo phường, trung tâm bố trí 12 quầy giao dịch, công chức được tập huấn "
            "trước ngày vận hành. Những ngày đầu, phường phân công thêm đoàn viên thanh niên tình "
            "nguyện hỗ trợ người cao tuổi sử dụng dịch vụ công trực tuyến.",
            "Phường cũng lập nhóm Zalo tiếp nhận phản ánh và cam kết trả lời người dân trong vòng "
            "24 giờ.",
        ),
        related=(1024152, 1024183),
    ),
    Story(
        id=1024215,
        section="kinh-te",
        title="Hội chợ sản phẩm OCOP thu hút hơn 50.000 lượt khách",
        published=dt.datetime(2025, 9, 14, 20, 10),
        author="Hoàng Long",
        lead=(
            "Sau năm ngày diễn ra, Hội chợ sản phẩm OCOP và làng nghề năm 2025 đã thu hút hơn "
            "50.000 lượt khách tham quan, mua sắm; doanh thu ước đạt 18 tỷ đồng."
        ),
        paragraphs=(
            "Hội chợ có 220 gian hàng của các hợp tác xã, cơ sở sản xuất đến từ 25 tỉnh, thành "
            "phố. Nhiều sản phẩm đạt chuẩn OCOP 4 sao như miến dong, chè búp, gốm sứ, mây tre đan "
            "được người tiêu dùng ưa chuộng.",
            "Điểm mới năm nay là khu trình diễn bán hàng qua livestream, giúp các chủ thể nhỏ tiếp "
            "cận khách hàng trên sàn thương mại điện tử. Chị Lê Thị Hoa, đại diện một hợp tác xã "
            "chế biến nông sản, cho biết chỉ trong một buổi tối gian hàng đã nhận hơn 300 đơn.",
            "Ban tổ chức sẽ duy trì kết nối giữa doanh nghiệp phân phối và chủ thể OCOP sau hội "
            "chợ, hướng tới đưa thêm sản phẩm vào chuỗi siêu thị trên địa bàn.",
        ),
        related=(1024183,),
    ),
)

THU_DO_REMOVED = Story(
    id=1024207,
    section="thoi-su",
    title="Thông báo lịch tiếp công dân định kỳ tháng 8 năm 2025",
    published=dt.datetime(2025, 8, 1, 7, 30),
    author="Ban Biên tập",
    lead="Bài viết đã được gỡ bỏ.",
    paragraphs=(),
)

THU_DO = SiteSpec(
    name="Báo Thời Sự Thủ Đô",
    slogan="Tiếng nói của Thủ đô",
    sections=(
        ("thoi-su", "Thời sự"),
        ("xa-hoi", "Xã hội"),
        ("kinh-te", "Kinh tế"),
        ("giao-duc", "Giáo dục"),
    ),  # fmt: skip
    stories=THU_DO_STORIES,
    path_format="/{section}/{slug}-{id}.html",
    footer=(
        "Báo Thời Sự Thủ Đô – cơ quan báo chí hư cấu dùng trong kiểm thử. Tổng Biên tập: Nguyễn "
        "Văn Hư. Tòa soạn: số 1 phố Giả Định, phường Đông Thành. Điện thoại: 024 0000 0000. "
        "© 2025 Báo Thời Sự Thủ Đô. Ghi rõ nguồn khi phát hành lại thông tin từ website này."
    ),
    dateline=_dateline_thu_do,
    removed=THU_DO_REMOVED,
)

# Báo Bình Minh: 3 articles; 5520031 is 1024130 of Báo Thời Sự Thủ Đô, re-run with a new
# title, a few words changed, the last paragraph rewritten and the source credited.
BINH_MINH_STORIES = (
    Story(
        id=5520018,
        section="thoi-su",
        title="Hội nghị báo cáo viên tháng 4: thông tin tình hình kinh tế - xã hội quý I",
        published=dt.datetime(2025, 4, 3, 10, 0),
        author="Văn Toàn",
        lead=(
            "Sáng 3/4, Ban Tuyên giáo và Dân vận Tỉnh ủy tổ chức hội nghị báo cáo viên tháng 4 theo "
            "hình thức trực tiếp kết hợp trực tuyến tới các đảng ủy cơ sở."
        ),
        paragraphs=(
            "Tại hội nghị, đại diện Sở Tài chính thông tin tăng trưởng kinh tế quý I của tỉnh ước "
            "đạt 7,2%, thu ngân sách đạt 28% dự toán năm. Sản xuất vụ đông xuân cơ bản thuận lợi, "
            "giá lúa ổn định.",
            "Báo cáo viên được cung cấp thêm thông tin về an ninh trật tự và những vấn đề dư luận "
            "quan tâm như giá vật tư nông nghiệp, tiến độ giải phóng mặt bằng các dự án giao thông "
            "trọng điểm.",
            "Phát biểu chỉ đạo, lãnh đạo Ban Tuyên giáo và Dân vận Tỉnh ủy đề nghị đội ngũ báo cáo "
            "viên thực hiện nghiêm Chỉ thị số 47-CT/TW ngày 05/3/2025 của Ban Bí thư, chủ động nắm "
            "bắt tâm trạng xã hội, kịp thời phản ánh những vấn đề mới nảy sinh ở cơ sở.",
        ),
        cites=("47-CT/TW",),
        related=(5520031,),
    ),
    Story(
        id=5520031,
        section="thoi-su",
        title=(
            "Bồi dưỡng kỹ năng lan tỏa thông tin chính thống trên mạng xã hội cho tuyên truyền "
            "viên cơ sở"
        ),
        published=dt.datetime(2025, 4, 16, 10, 30),
        author="Minh Châu (Báo Thời Sự Thủ Đô)",
        lead=(
            "Ngày 15/4, Ban Tuyên giáo và Dân vận Thành ủy mở lớp bồi dưỡng kỹ năng truyền thông "
            "số cho 150 tuyên truyền viên cơ sở, nhằm cụ thể hóa Kế hoạch số 112-KH/TU của Ban "
            "Thường vụ Thành ủy."
        ),
        paragraphs=(
            "Trong hai ngày học tập, học viên được hướng dẫn cách xây dựng nội dung ngắn, dễ hiểu "
            "trên các nền tảng mạng xã hội; kỹ năng kiểm chứng thông tin, nhận diện tài khoản giả "
            "mạo và cách xử lý khi gặp thông tin xấu độc. Các báo cáo viên cũng chia sẻ kinh "
            "nghiệm quản trị nhóm Zalo của khu dân cư.",
            "Theo giảng viên lớp học, nhiều tuyên truyền viên lớn tuổi vẫn còn lúng túng khi dùng "
            "điện thoại thông minh, vì vậy chương trình dành phần lớn thời gian cho thực hành theo "
            "nhóm. Mỗi học viên hoàn thành một bản tin ngắn giới thiệu hoạt động của chi bộ nơi "
            "mình sinh hoạt.",
            "Lớp học là một trong những hoạt động triển khai Chỉ thị số 47-CT/TW ngày 05/3/2025 "
            "của Ban Bí thư, đồng thời góp phần thực hiện Nghị quyết số 35-NQ/TW ngày 22/10/2018 "
            "của Bộ Chính trị về tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác "
            "các quan điểm sai trái, thù địch trong tình hình mới.",
            "Theo kế hoạch, từ nay đến cuối năm 2025 sẽ có thêm sáu lớp tương tự được tổ chức, để "
            "mỗi đảng ủy phường, xã có ít nhất năm tuyên truyền viên nòng cốt trên không gian mạng.",
            "(Theo Báo Thời Sự Thủ Đô)",
        ),
        cites=("112-KH/TU", "47-CT/TW", "35-NQ/TW"),
        related=(5520018,),
    ),
    Story(
        id=5520047,
        section="xa-hoi",
        title="Thôn Đồng Chằm vui Ngày hội Đại đoàn kết toàn dân tộc",
        published=dt.datetime(2025, 11, 15, 17, 20),
        author="Hải Yến",
        lead=(
            "Ngày 15/11, Ban Công tác Mặt trận thôn Đồng Chằm, xã Tân An tổ chức Ngày hội Đại đoàn "
            "kết toàn dân tộc, thu hút đông đảo nhân dân tham gia."
        ),
        paragraphs=(
            "Năm nay, thôn Đồng Chằm có 96% hộ gia đình đạt danh hiệu gia đình văn hóa; nhân dân "
            "hiến hơn 1.200 m² đất, đóng góp gần 400 ngày công để mở rộng đường giao thông nông "
            "thôn.",
            "Dịp này, Ủy ban Mặt trận Tổ quốc Việt Nam xã trao năm suất quà cho hộ nghèo, tặng giấy "
            "khen các gia đình tiêu biểu trong phong trào xây dựng nông thôn mới kiểu mẫu.",
            "Sau phần lễ, bà con cùng tham gia trò chơi dân gian, giao lưu văn nghệ và thưởng thức "
            "mâm cơm đoàn kết do các chi hội chuẩn bị.",
        ),
    ),
)

BINH_MINH = SiteSpec(
    name="Báo Bình Minh",
    slogan="Cơ quan ngôn luận hư cấu của tỉnh Bình Minh",
    sections=(("thoi-su", "Thời sự"), ("xa-hoi", "Xã hội")),
    stories=BINH_MINH_STORIES,
    path_format="/{section}/{slug}-post{id}.html",
    footer=(
        "Báo Bình Minh điện tử – trang tin hư cấu dùng trong kiểm thử. Địa chỉ: đường Rạng Đông, "
        "xã Tân An. © 2025 Báo Bình Minh."
    ),
    dateline=_dateline_binh_minh,
)
