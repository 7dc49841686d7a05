"""Fixtures for the press crawler: a hostile HTTP server and two fictional news sites.

Each fixture runs its own server on 127.0.0.1 (a free port, so each is a separate host for
per-host politeness) and stops it at teardown. See ``tests/press/hostile.py`` for the routes.
"""

import pytest

from tests.press.hostile import (
    BINH_MINH,
    THU_DO,
    HostileServer,
    NewsSite,
    hostile_routes,
    start_news_site,
)


@pytest.fixture
def hostile_server():
    """The misbehaving endpoints (``hostile_routes``); change ``server.routes`` freely."""
    with HostileServer(hostile_routes()) as server:
        yield server


@pytest.fixture
def news_site():
    """Báo Thời Sự Thủ Đô: 8 articles, feeds, sitemaps, robots.txt (Crawl-delay 0.1)."""
    site = start_news_site(THU_DO)
    yield site
    site.server.stop()


@pytest.fixture
def news_site_b():
    """Báo Bình Minh: 3 articles, one of them syndicated from Báo Thời Sự Thủ Đô."""
    site: NewsSite = start_news_site(BINH_MINH)
    yield site
    site.server.stop()
