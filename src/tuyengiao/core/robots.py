"""robots.txt as the Robots Exclusion Protocol (RFC 9309) reads it, for a polite crawler.

``urllib.robotparser`` is not used: it takes ``*`` and ``$`` in rules literally (so
``Disallow: /*?q=`` would not stop us from crawling search pages) and lets the first rule in
the file win instead of the most specific one. This module follows RFC 9309 instead:

- the groups naming our product token (case-insensitive) apply, merged; else the ``*`` groups;
- the longest matching rule wins, ``Allow`` on a tie; ``*`` matches any characters and a final
  ``$`` anchors the end; ``/robots.txt`` itself is always allowed;
- a robots.txt that is missing (4xx, or more redirects than the fetcher follows) allows
  everything; one that cannot be fetched (5xx, 429, network failure) disallows everything
  until it can be fetched again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from tuyengiao.core.feeds import sitemaps_from_robots

__all__ = ["MAX_ROBOTS_CHARS", "RobotsPolicy"]

#: Text read from a robots.txt; RFC 9309 asks crawlers to read at least 500 KiB.
MAX_ROBOTS_CHARS = 512 * 1024

_ESCAPE = re.compile("%[0-9a-f]{2}")
# Common misspellings of the keys, as major crawlers accept them.
_KEYS = {
    "user-agent": "user-agent", "useragent": "user-agent", "user agent": "user-agent",
    "allow": "allow", "disallow": "disallow", "dissallow": "disallow", "disalow": "disallow",
    "crawl-delay": "crawl-delay", "crawldelay": "crawl-delay",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Rule:
    allow: bool
    pattern: str  # percent-encoded, escapes in upper case


@dataclass(frozen=True, slots=True)
class RobotsPolicy:
    """What a site's robots.txt lets one crawler (one user agent) fetch.

    Attributes:
        rules: the Allow/Disallow rules of the groups that apply to us.
        crawl_delay: seconds to wait between requests, when the site asks for it.
        sitemaps: canonical URLs of the sitemaps listed (for every crawler).
    """

    rules: tuple[_Rule, ...] = ()
    crawl_delay: float | None = None
    sitemaps: list[str] = field(default_factory=list)

    @classmethod
    def parse(cls, text: str, *, user_agent: str, base_url: str | None = None) -> RobotsPolicy:
        """Read a robots.txt that was fetched (status 2xx).

        Args:
            text: the robots.txt text; only the first ``MAX_ROBOTS_CHARS`` are read.
            user_agent: our User-Agent (``"TuyenGiaoSo/1.0 (+https://…)"``); its product
                token (``tuyengiaoso``) selects the groups.
            base_url: the robots.txt address, to resolve relative sitemap URLs (absolute ones
                are kept without it).

        Returns:
            The policy.
        """
        text = text[:MAX_ROBOTS_CHARS]
        groups = _groups(text)
        token = _token(user_agent)
        chosen = [g for g in groups if token in g.agents] or [g for g in groups if "*" in g.agents]
        rules = tuple(rule for group in chosen for rule in group.rules)
        delays = [group.crawl_delay for group in chosen if group.crawl_delay is not None]
        sitemaps = sitemaps_from_robots(text, base_url=base_url or "")
        return cls(rules=rules, crawl_delay=delays[0] if delays else None, sitemaps=sitemaps)

    @classmethod
    def allow_all(cls) -> RobotsPolicy:
        """The policy of a site without robots.txt."""
        return cls()

    @classmethod
    def disallow_all(cls) -> RobotsPolicy:
        """The policy of a site whose robots.txt cannot be fetched now."""
        return cls(rules=(_Rule(allow=False, pattern="/"),))

    @classmethod
    def from_fetch(
        cls, status: int | None, text: str = "", *, user_agent: str, base_url: str | None = None
    ) -> RobotsPolicy:
        """The policy after fetching robots.txt, following RFC 9309 section 2.3.1.

        Args:
            status: the final HTTP status (after redirects), or ``None`` when the server
                could not be reached (DNS, connection, timeout).
            text: the body, for a 2xx status.
            user_agent: our User-Agent.
            base_url: the robots.txt address.

        Returns:
            2xx: the parsed file. 3xx left over (too many redirects) and 4xx other than 429:
            allow all. 429, 5xx, unreachable: disallow all (the crawler retries later).
        """
        if status is None or status == 429 or status >= 500:
            return cls.disallow_all()
        if 200 <= status < 300:
            return cls.parse(text, user_agent=user_agent, base_url=base_url)
        return cls.allow_all()

    def allowed(self, url: str) -> bool:
        """Whether we may fetch ``url`` (only its path and query are looked at).

        Args:
            url: an absolute URL on the site, or a path.

        Returns:
            True unless the longest matching rule is a Disallow.
        """
        try:
            parts = urlsplit(url)
        except ValueError:
            return False
        target = _encoded(parts.path or "/") + (f"?{_encoded(parts.query)}" if parts.query else "")
        if target == "/robots.txt":
            return True
        best: tuple[int, bool] | None = None
        for rule in self.rules:
            if _matches(rule.pattern, target):
                candidate = (len(rule.pattern), rule.allow)
                best = candidate if best is None else max(best, candidate)
        return best is None or best[1]


@dataclass(slots=True)
class _Group:
    agents: set[str] = field(default_factory=set)
    rules: list[_Rule] = field(default_factory=list)
    crawl_delay: float | None = None


def _groups(text: str) -> list[_Group]:
    """The groups of a robots.txt; rules before the first User-agent line belong to none."""
    groups: list[_Group] = []
    after_agent = False
    for key, value in _lines(text):
        if key == "user-agent":
            if not after_agent:
                groups.append(_Group())
            groups[-1].agents.add(_token(value) or "*")
            after_agent = True
            continue
        after_agent = False
        if not groups:
            continue
        if key in ("allow", "disallow") and value:
            pattern = value if value.startswith(("/", "*")) else "/" + value
            groups[-1].rules.append(_Rule(allow=key == "allow", pattern=_encoded(pattern)))
        elif key == "crawl-delay" and groups[-1].crawl_delay is None:
            groups[-1].crawl_delay = _seconds(value)
    return groups


def _lines(text: str) -> list[tuple[str, str]]:
    """(key, value) of each line we understand; sitemap lines are read elsewhere."""
    out = []
    for line in text.splitlines():
        key, colon, value = line.split("#", 1)[0].partition(":")
        key = _KEYS.get(" ".join(key.lower().split()), "")
        if colon and key:
            out.append((key, value.strip()))
    return out


def _token(user_agent: str) -> str:
    """The product token: ``"TuyenGiaoSo/1.0 (+https://…)"`` -> ``"tuyengiaoso"``."""
    return re.split(r"[/\s]", user_agent.strip(), maxsplit=1)[0].lower()


def _seconds(value: str) -> float | None:
    try:
        seconds = float(value)
    except ValueError:
        return None
    return seconds if 0 <= seconds < float("inf") else None


def _encoded(path: str) -> str:
    """Percent-encode what needs it (non-ASCII as UTF-8), escapes in upper case."""
    encoded = quote(path, safe="/*$?=&;:@!,'()+%~")
    return _ESCAPE.sub(lambda m: m.group().upper(), encoded)


def _matches(pattern: str, target: str) -> bool:
    """Whether ``target`` starts with ``pattern``: ``*`` is any text, a final ``$`` the end.

    Greedy matching with one backtrack point: O(len(pattern) x len(target)) at worst, so a
    hostile pattern full of ``*`` cannot hang the crawler the way a regular expression can.
    """
    if pattern.endswith("$"):
        pattern = pattern[:-1]
    else:
        pattern += "*"
    if "*" not in pattern[:-1]:
        return target == pattern if pattern[-1:] != "*" else target.startswith(pattern[:-1])
    p = t = 0
    star, mark = -1, 0
    while t < len(target):
        if p < len(pattern) and pattern[p] == "*":
            star, mark, p = p, t, p + 1
        elif p < len(pattern) and pattern[p] == target[t]:
            p, t = p + 1, t + 1
        elif star >= 0:
            p, mark = star + 1, mark + 1
            t = mark
        else:
            return False
    return pattern[p:].strip("*") == ""
