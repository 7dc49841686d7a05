"""HTTP fetching for the press crawler: polite, bounded, and failing only with ``FetchError``.

``Fetcher.fetch`` downloads one URL and returns a ``FetchResult``. Whatever goes wrong becomes a
``FetchError``: its ``kind`` is recorded against the source, its ``reason`` is one Vietnamese
sentence for the user. One ``Fetcher`` is shared by the crawler's threads. No Django here.

- robots.txt (RFC 9309) is fetched once per origin and checked before every hop of a redirect.
- Per host (``host:port``): at most ``per_host`` requests in flight, starts ``delay`` seconds
  apart; a robots.txt ``Crawl-delay`` raises the delay, up to ``max_wait``.
- Redirects are followed by hand (limit, loops). The body is streamed and cut at ``max_bytes``
  as sent and once decompressed, a bounded piece at a time (gzip bombs). ``timeout`` is a
  deadline for the whole request, checked between pieces of the body, so a server dripping a
  byte a second cannot hold a worker (one read waits at most ``timeout``: a request ends
  within about twice ``timeout`` whatever the server does).
- Connection failures, timeouts, 429 and 500/502/503/504 are retried with exponential
  back-off, or after the server's ``Retry-After`` unless it asks for more than ``max_wait``.
- Conditional GET: the ``etag``/``last_modified`` of the last fetch turn an unchanged page
  into a 304 and ``not_modified=True``.
"""

from __future__ import annotations

import contextlib
import email.utils
import logging
import re
import threading
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpx

from tuyengiao import __version__
from tuyengiao.core.extract.metadata import sniff_charset
from tuyengiao.core.readers import format_size
from tuyengiao.core.robots import MAX_ROBOTS_CHARS, RobotsPolicy
from tuyengiao.core.text import DecodeError, decode_bytes
from tuyengiao.core.urls import InvalidURLError, canonical_url, url_host

__all__ = ["ACCEPT_TYPES", "USER_AGENT", "FetchError", "FetchOptions", "FetchResult", "Fetcher"]

logger = logging.getLogger(__name__)

#: Our User-Agent; robots.txt groups for the product token ``TuyenGiaoSo`` apply to us.
USER_AGENT = f"TuyenGiaoSo/{__version__} (+https://tuyengiao.vn/bot)"
#: Media types worth downloading: pages, feeds, sitemaps (also gzip-compressed ``.xml.gz``).
ACCEPT_TYPES = (
    "text/html", "application/xhtml+xml", "application/xml", "text/xml", "application/rss+xml",
    "application/atom+xml", "text/plain", "application/x-gzip", "application/gzip",
)  # fmt: skip
#: Statuses that say "try again later".
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRY_KINDS = frozenset({"connect", "timeout"})
# How long a robots.txt that could not be fetched (5xx, network) blocks its site.
_ROBOTS_RETRY = 600.0
_WESTERN = frozenset({"iso-8859-1", "latin-1", "latin1", "windows-1252", "cp1252", "us-ascii"})
_CHARSET = re.compile(r"""charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_STATUS_TEXT = {
    400: "yêu cầu không hợp lệ", 401: "cần đăng nhập", 403: "bị từ chối truy cập",
    404: "không tìm thấy trang", 410: "trang đã bị gỡ bỏ", 429: "gửi quá nhiều yêu cầu",
    500: "lỗi máy chủ", 502: "lỗi cổng kết nối", 503: "máy chủ tạm ngừng phục vụ",
    504: "máy chủ phản hồi quá chậm",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How a ``Fetcher`` behaves. Times are in seconds, sizes in bytes.

    Attributes:
        user_agent: sent with every request and matched against robots.txt groups.
        timeout: deadline for one request, from connecting to the last byte of the body.
        connect_timeout: the most time spent opening a connection.
        max_bytes: the largest body, as sent and once decompressed.
        max_redirects: redirects followed before giving up.
        retries: further attempts after a failure that may pass.
        backoff: the first wait before retrying; doubled at each further attempt.
        max_wait: the longest wait we accept from a site (Retry-After, Crawl-delay).
        delay: the least time between the starts of two requests to one host.
        per_host: requests in flight to one host at once.
        accept_types: media types downloaded; a response without Content-Type is accepted.
        respect_robots: check robots.txt before each request (only tests turn it off).
        robots_ttl: how long a fetched robots.txt is trusted (RFC 9309: at most a day).
    """

    user_agent: str = USER_AGENT
    timeout: float = 10.0
    connect_timeout: float = 5.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    retries: int = 2
    backoff: float = 0.5
    max_wait: float = 30.0
    delay: float = 1.0
    per_host: int = 2
    accept_types: tuple[str, ...] = ACCEPT_TYPES
    respect_robots: bool = True
    robots_ttl: float = 24 * 3600.0


class FetchError(Exception):
    """A URL that could not be fetched.

    Attributes:
        url: the URL asked for.
        kind: ``invalid_url``, ``robots``, ``connect``, ``timeout``, ``protocol``,
            ``truncated``, ``too_large``, ``redirects``, ``status``, ``content_type``,
            ``decode`` or ``error`` (a bug: anything unexpected).
        reason: one Vietnamese sentence for the user.
        status: the HTTP status, for ``status``.
        retry_after: seconds the server asked us to wait, when it did.
    """

    def __init__(
        self, url: str, kind: str, reason: str, *, status: int | None = None,
        retry_after: float | None = None,
    ) -> None:  # fmt: skip
        super().__init__(reason)
        self.url = url
        self.kind = kind
        self.reason = reason
        self.status = status
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class FetchResult:
    """A fetched URL.

    Attributes:
        url: the URL asked for, as given.
        final_url: the canonical URL of the page that answered, after redirects.
        status: the final HTTP status (2xx, or 304 when ``not_modified``).
        content: the body, decompressed (Content-Encoding undone; a ``.xml.gz`` file stays
            gzip, which ``parse_feed`` reads); empty when ``not_modified``.
        content_type: the media type, lowercase, without parameters; "" when not sent.
        charset: the charset the Content-Type header names, if any.
        etag: the ETag to send next time ("" when none).
        last_modified: the Last-Modified to send next time ("" when none).
        not_modified: the page has not changed since ``etag``/``last_modified``.
        elapsed: seconds the final request took, from connecting to its last byte.
        redirects: canonical URLs that answered with a redirect, in order.
    """

    url: str
    final_url: str
    status: int
    content: bytes
    content_type: str
    charset: str | None
    etag: str = ""
    last_modified: str = ""
    not_modified: bool = False
    elapsed: float = 0.0
    redirects: tuple[str, ...] = ()

    def text(self) -> str:
        """The body as NFC text.

        The charset comes from the HTTP header, else from a ``<meta>`` or XML declaration (also
        when the header names a Western default such as ISO-8859-1, which Vietnamese pages
        never really are); ``decode_bytes`` still tries UTF-8 first and recognises
        windows-1258, TCVN3 and VNI.

        Raises:
            DecodeError: (``tuyengiao.core.text``) bytes that are not text; ``reason`` is for
                the user.
        """
        declared = self.charset
        if not declared or declared.lower() in _WESTERN:
            declared = sniff_charset(self.content) or declared
        return decode_bytes(self.content, declared)


@dataclass(slots=True)
class _Response:
    url: str
    status: int
    headers: httpx.Headers
    content: bytes
    elapsed: float


@dataclass(frozen=True, slots=True)
class _Robots:
    """A cached robots.txt: the policy, until when, and what to say when it refuses a URL."""

    policy: RobotsPolicy
    expires: float
    kind: str = "robots"
    reason: str = "robots.txt của trang không cho phép thu thập địa chỉ này"


@dataclass(slots=True)
class _Host:
    """Politeness state of one host: free slots, delay, when the next request may start."""

    slots: threading.BoundedSemaphore
    delay: float
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_start: float = 0.0


class Fetcher:
    """Fetches URLs politely; safe to share between threads. Use as a context manager.

    Args:
        options: behaviour; the defaults suit a production crawler.
        transport: an httpx transport (tests; proxies are taken from the environment).
    """

    def __init__(
        self, options: FetchOptions | None = None, *, transport: httpx.BaseTransport | None = None
    ) -> None:
        self.options = options or FetchOptions()
        self._client = httpx.Client(
            transport=transport,
            follow_redirects=False,
            headers={
                "User-Agent": self.options.user_agent,
                "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                "Accept-Encoding": "gzip",
                "Accept-Language": "vi,en;q=0.5",
            },
        )
        self._lock = threading.Lock()
        self._hosts: dict[str, _Host] = {}
        self._robots: dict[str, _Robots] = {}
        self._robots_locks: dict[str, threading.Lock] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connections."""
        self._client.close()

    def fetch(self, url: str, *, etag: str = "", last_modified: str = "") -> FetchResult:
        """Download ``url``, following redirects.

        Args:
            url: an absolute http(s) URL.
            etag: the ETag of the last fetch, to ask "only if changed".
            last_modified: the Last-Modified of the last fetch, likewise.

        Returns:
            The result: a 2xx page, or 304 ``not_modified`` when it has not changed.

        Raises:
            FetchError: always this, never another exception.
        """
        try:
            return self._fetch(url, etag, last_modified)
        except FetchError as error:
            error.url = error.url or url
            raise
        except Exception as exc:  # a bug or a surprise from a library must not stop the crawl
            logger.exception("unexpected error fetching %s", url)
            reason = f"lỗi không mong đợi khi tải trang ({type(exc).__name__})"
            raise FetchError(url, "error", reason) from exc

    def robots(self, url: str) -> RobotsPolicy:
        """The robots.txt policy of ``url``'s origin, fetched on first use and cached.

        A missing robots.txt (4xx) allows everything; one that cannot be fetched (5xx, 429,
        network failure) disallows everything for a few minutes; the pages of an unreachable
        site then fail as the robots.txt did (``connect``, ``timeout``), others with ``robots``.

        Raises:
            FetchError: kind ``invalid_url`` only.
        """
        try:
            return self._robots_for(url).policy
        except FetchError as error:
            error.url = error.url or url
            raise

    # --- one URL, redirects --------------------------------------------------------------------

    def _fetch(self, url: str, etag: str, last_modified: str) -> FetchResult:
        conditional = {"If-None-Match": etag, "If-Modified-Since": last_modified}
        headers = {key: value for key, value in conditional.items() if value}
        response, redirects = self._follow(url, headers, limit=self.options.max_bytes)
        not_modified = response.status == 304 and bool(headers)
        if not (not_modified or 200 <= response.status < 300):
            raise _status_failure(response)
        media_type, charset = _media_type(response.headers)
        return FetchResult(
            url=url, final_url=canonical_url(response.url), status=response.status,
            content=response.content, content_type=media_type, charset=charset,
            etag=response.headers.get("etag", etag),
            last_modified=response.headers.get("last-modified", last_modified),
            not_modified=not_modified, elapsed=response.elapsed, redirects=redirects,
        )  # fmt: skip

    def _follow(
        self, url: str, headers: dict[str, str], *, limit: int, robots_txt: bool = False
    ) -> tuple[_Response, tuple[str, ...]]:
        """Request ``url`` and the redirects it leads to; robots.txt is checked at each hop."""
        current = _valid(url)
        seen = {canonical_url(current)}
        redirects: list[str] = []
        while True:
            if self.options.respect_robots and not robots_txt:
                robots = self._robots_for(current)
                if not robots.policy.allowed(current):
                    raise _fail(robots.kind, robots.reason)
            response = self._request(current, headers, limit=limit, robots_txt=robots_txt)
            location = response.headers.get("location", "").strip()
            if response.status not in _REDIRECTS or not location:
                return response, tuple(redirects)
            if len(redirects) >= self.options.max_redirects:
                raise _fail("redirects", f"chuyển hướng quá {self.options.max_redirects} lần")
            target = urljoin(current, location)
            try:
                key = canonical_url(target)
            except InvalidURLError:
                raise _fail("redirects", "chuyển hướng tới một địa chỉ không hợp lệ") from None
            if key in seen:
                raise _fail("redirects", f"chuyển hướng vòng lặp, quay lại {key[:200]}")
            seen.add(key)
            redirects.append(canonical_url(current))
            current = target

    # --- one request: politeness, retries --------------------------------------------------------

    def _request(
        self, url: str, headers: dict[str, str], *, limit: int, robots_txt: bool
    ) -> _Response:
        """One request, retried after failures that may pass."""
        attempt = 0
        while True:
            wait: float | None
            try:
                with self._turn(url):
                    response = self._send(url, headers, limit=limit, robots_txt=robots_txt)
            except FetchError as failure:
                if failure.kind not in _RETRY_KINDS or attempt >= self.options.retries:
                    raise
                wait, why = self._backoff(attempt), failure.kind
            else:
                if response.status not in RETRY_STATUSES or attempt >= self.options.retries:
                    return response
                wait = self._retry_wait(response, attempt)
                if wait is None:  # the server asks for longer than we wait
                    return response
                why = str(response.status)
            logger.info("retrying %s after %s in %.2f s", url, why, wait)
            time.sleep(wait)
            attempt += 1

    def _backoff(self, attempt: int) -> float:
        return min(self.options.backoff * 2**attempt, self.options.max_wait)

    def _retry_wait(self, response: _Response, attempt: int) -> float | None:
        asked = _retry_after(response.headers.get("retry-after", ""))
        if asked is None:
            return self._backoff(attempt)
        if asked > self.options.max_wait:
            return None
        return max(asked, self._backoff(attempt))

    @contextlib.contextmanager
    def _turn(self, url: str) -> Iterator[None]:
        """Wait for a free slot on the host and for its delay since the last request."""
        host = self._host(url)
        with host.slots:
            with host.lock:
                now = time.monotonic()
                start = max(now, host.next_start)
                host.next_start = start + host.delay
            if start > now:
                time.sleep(start - now)
            yield

    def _host(self, url: str) -> _Host:
        """The politeness state of ``host`` or ``host:port`` (default ports omitted)."""
        port = urlsplit(url).port
        key = url_host(url) + (f":{port}" if port not in (None, 80, 443) else "")
        with self._lock:
            host = self._hosts.get(key)
            if host is None:
                slots = threading.BoundedSemaphore(self.options.per_host)
                host = self._hosts[key] = _Host(slots=slots, delay=self.options.delay)
            return host

    def _send(
        self, url: str, headers: dict[str, str], *, limit: int, robots_txt: bool
    ) -> _Response:
        """One HTTP exchange; the body is read only for a 2xx status."""
        options = self.options
        started = time.monotonic()
        timeout = httpx.Timeout(options.timeout, connect=min(options.connect_timeout,
                                                             options.timeout))  # fmt: skip
        try:
            request = self._client.build_request("GET", url, headers=headers, timeout=timeout)
            response = self._client.send(request, stream=True)
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise self._transport_failure(exc, in_body=False) from None
        try:
            content = b""
            if 200 <= response.status_code < 300:
                if not robots_txt:
                    self._check_type(response.headers)
                reader = _BodyReader(response, started=started, timeout=options.timeout,
                                     limit=limit, cut=robots_txt)  # fmt: skip
                content = reader.read()
            elapsed = time.monotonic() - started
            return _Response(url, response.status_code, response.headers, content, elapsed)
        except httpx.HTTPError as exc:
            raise self._transport_failure(exc, in_body=True) from None
        finally:
            response.close()

    def _check_type(self, headers: httpx.Headers) -> None:
        media_type, _ = _media_type(headers)
        if media_type and media_type not in self.options.accept_types:
            raise _fail("content_type", f"không tải nội dung loại {media_type[:80]}")

    def _transport_failure(self, exc: Exception, *, in_body: bool) -> FetchError:
        if isinstance(exc, httpx.ConnectTimeout):
            seconds = _seconds(min(self.options.connect_timeout, self.options.timeout))
            return _fail("connect", f"không kết nối được tới máy chủ trong {seconds} giây")
        if isinstance(exc, httpx.TimeoutException):
            return _fail("timeout", f"quá thời gian chờ ({_seconds(self.options.timeout)} giây)")
        if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
            return _fail("invalid_url", "địa chỉ không hợp lệ")
        if in_body and isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError):
            return _fail("truncated", "máy chủ ngắt kết nối khi chưa gửi hết nội dung")
        if isinstance(exc, httpx.ProtocolError):
            return _fail("protocol", "máy chủ trả lời không đúng giao thức HTTP")
        return _fail("connect", "không kết nối được tới máy chủ")

    # --- robots.txt ------------------------------------------------------------------------------

    def _robots_for(self, url: str) -> _Robots:
        robots_url = canonical_url(urljoin(_valid(url), "/robots.txt"))
        with self._lock:
            lock = self._robots_locks.setdefault(robots_url, threading.Lock())
        with lock:  # one fetch per origin even when many threads ask at once
            robots = self._robots.get(robots_url)
            if robots is None or robots.expires <= time.monotonic():
                robots = self._robots[robots_url] = self._fetch_robots(robots_url)
        if robots.policy.crawl_delay:
            host = self._host(robots_url)
            with host.lock:  # also pushes back the request already planned after robots.txt
                delay = max(host.delay, min(robots.policy.crawl_delay, self.options.max_wait))
                host.next_start += delay - host.delay
                host.delay = delay
        return robots

    def _fetch_robots(self, robots_url: str) -> _Robots:
        """Fetch and read robots.txt, per RFC 9309 section 2.3.1."""
        now, ttl = time.monotonic(), self.options.robots_ttl
        retry = now + min(ttl, _ROBOTS_RETRY)
        try:
            response, _ = self._follow(robots_url, {}, limit=MAX_ROBOTS_CHARS, robots_txt=True)
        except FetchError as failure:
            if failure.kind == "redirects":
                return _Robots(RobotsPolicy.allow_all(), now + ttl)
            # The site is unreachable: its pages fail the same way until we try again.
            return _Robots(RobotsPolicy.disallow_all(), retry, failure.kind, failure.reason)
        status, text = response.status, ""
        if status == 429 or status >= 500:
            reason = f"không tải được robots.txt của trang (mã {status}), tạm ngừng thu thập"
            return _Robots(RobotsPolicy.disallow_all(), retry, reason=reason)
        if 200 <= status < 300:
            with contextlib.suppress(DecodeError):  # unreadable: no rules, as if empty
                text = decode_bytes(response.content)
        user_agent = self.options.user_agent
        policy = RobotsPolicy.from_fetch(status, text, user_agent=user_agent, base_url=robots_url)
        return _Robots(policy, now + ttl)


# --- the body ------------------------------------------------------------------------------------


class _BodyReader:
    """Reads a streamed body within a deadline and a size limit, undoing gzip (or deflate).

    Decompression is bounded piece by piece (``zlib``'s ``max_length``), so a gzip bomb never
    expands in memory beyond the limit. ``cut`` keeps the first ``limit`` bytes of a longer
    body (robots.txt) instead of failing.
    """

    def __init__(
        self, response: httpx.Response, *, started: float, timeout: float, limit: int, cut: bool
    ) -> None:
        self.response, self.limit, self.cut = response, limit, cut
        self.timeout, self.deadline = timeout, started + timeout
        self.declared = _content_length(response.headers)
        encoding = response.headers.get("content-encoding", "")
        codings = {c.strip().lower() for c in encoding.split(",")} - {"", "identity"}
        self.inflater = None
        if codings and codings <= {"gzip", "x-gzip", "deflate"} and len(codings) == 1:
            self.inflater = zlib.decompressobj(zlib.MAX_WBITS | 32)  # gzip or zlib header
        elif codings:
            raise _fail("decode", f"không giải nén được nội dung mã hóa {encoding[:40]}")

    def read(self) -> bytes:
        if self.declared is not None and self.declared > self.limit and not self.cut:
            raise self._too_large()
        chunks: list[bytes] = []
        raw = size = 0
        for data in self.response.iter_raw():
            if time.monotonic() > self.deadline:
                raise _fail("timeout", f"quá thời gian chờ ({_seconds(self.timeout)} giây)")
            raw += len(data)
            chunks.append(self._inflate(data, self.limit - size + 1))
            size += len(chunks[-1])
            if raw > self.limit or size > self.limit:
                if self.cut:
                    return b"".join(chunks)[: self.limit]
                raise self._too_large()
        if self.declared is not None and raw < self.declared:
            got, declared = format_size(raw), format_size(self.declared)
            raise _fail("truncated", f"nội dung bị cắt cụt (mới nhận {got} trên {declared})")
        if self.inflater is not None and raw and not self.inflater.eof:
            raise _fail("truncated", "nội dung nén bị cắt cụt")
        return b"".join(chunks)

    def _inflate(self, data: bytes, max_length: int) -> bytes:
        if self.inflater is None:
            return data
        try:
            return self.inflater.decompress(data, max_length)
        except zlib.error:
            raise _fail("decode", "nội dung nén bị hỏng, không giải nén được") from None

    def _too_large(self) -> FetchError:
        return _fail("too_large", f"nội dung vượt quá giới hạn {format_size(self.limit)}")


# --- small helpers ---------------------------------------------------------------------------


def _fail(kind: str, reason: str) -> FetchError:
    """A ``FetchError`` raised inside the fetcher; ``fetch`` fills in the URL asked for."""
    return FetchError("", kind, reason)


def _valid(url: str) -> str:
    """``url`` without surrounding spaces, if it is an absolute http(s) URL."""
    url = url.strip()
    try:
        canonical_url(url)
    except InvalidURLError as error:
        raise _fail("invalid_url", error.reason) from None
    return url


def _media_type(headers: httpx.Headers) -> tuple[str, str | None]:
    value = headers.get("content-type", "")
    charset = _CHARSET.search(value)
    return value.split(";", 1)[0].strip().lower(), charset.group(1) if charset else None


def _content_length(headers: httpx.Headers) -> int | None:
    value = headers.get("content-length", "").strip()
    return int(value) if value.isdigit() else None


def _retry_after(value: str) -> float | None:
    """Seconds from a Retry-After header: a number of seconds or an HTTP date."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _seconds(value: float) -> str:
    """``1.5`` -> ``"1,5"``: the Vietnamese decimal comma."""
    return f"{value:g}".replace(".", ",")


def _status_failure(response: _Response) -> FetchError:
    status = response.status
    text = _STATUS_TEXT.get(status)
    reason = f"máy chủ trả về mã {status}" + (f" ({text})" if text else "")
    retry_after = _retry_after(response.headers.get("retry-after", ""))
    if status in RETRY_STATUSES and retry_after is not None:
        reason += f", hẹn thử lại sau {_seconds(round(retry_after))} giây"
    return FetchError("", "status", reason, status=status, retry_after=retry_after)
