"""robots.txt per RFC 9309: groups, longest match, wildcards, crawl delay, fetch failures."""

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tuyengiao.core.robots import MAX_ROBOTS_CHARS, RobotsPolicy

UA = "TuyenGiaoSo/1.0 (+https://tuyengiao.vn/bot)"
SITE = "https://baotinhuy.vn"
ROBOTS = (Path(__file__).parent / "fixtures" / "feeds" / "robots.txt").read_text()


def policy(text: str = ROBOTS, user_agent: str = UA) -> RobotsPolicy:
    return RobotsPolicy.parse(text, user_agent=user_agent, base_url=f"{SITE}/robots.txt")


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/", True),
        ("/thoi-su/ban-thuong-vu-tinh-uy-quan-triet-chi-thi-30-ct-tw-4954454.html", True),
        ("/tim-kiem", False),
        ("/tim-kiem.htm?keywords=tuyen+giao", False),
        ("/thoi-su?q=nghi+quyet", False),
        ("/thoi-su?page=2", True),
        ("/api/tin-moi.json", False),
        ("/api/tin-moi.json?v=2", True),
        ("/quan-tri/", False),
        ("/quan-tri/dang-nhap", False),
        ("/quan-tri/cong-khai/bao-cao.html", True),
        ("/robots.txt", True),
    ],
)
def test_it_applies_the_star_group_with_longest_match_and_wildcards(path, allowed):
    assert policy().allowed(SITE + path) is allowed


@pytest.mark.parametrize(
    ("user_agent", "allowed"),
    [
        ("Googlebot/2.1 (+http://www.google.com/bot.html)", True),
        ("bingbot/2.0", True),
        ("BadBot", False),
        ("badbot/3.1", False),
        (UA, False),
    ],
)
def test_it_chooses_the_groups_naming_the_crawler(user_agent, allowed):
    assert policy(user_agent=user_agent).allowed(SITE + "/tim-kiem") is allowed


def test_it_merges_the_groups_naming_the_crawler():
    text = (
        "User-agent: TuyenGiaoSo\nDisallow: /a\n\n"
        "User-agent: *\nDisallow: /b\n\n"
        "User-agent: tuyengiaoso\nDisallow: /c\n"
    )

    allowed = [policy(text).allowed(f"{SITE}/{path}") for path in "abc"]

    assert allowed == [False, True, False]


def test_an_allow_wins_a_tie():
    text = "User-agent: *\nDisallow: /thoi-su\nAllow: /thoi-su\n"

    assert policy(text).allowed(SITE + "/thoi-su") is True


def test_a_longer_disallow_beats_a_shorter_allow_whatever_the_order():
    text = "User-agent: *\nDisallow: /thoi-su/chinh-tri\nAllow: /thoi-su\n"

    assert policy(text).allowed(SITE + "/thoi-su/chinh-tri/bai-1.html") is False
    assert policy(text).allowed(SITE + "/thoi-su/kinh-te/bai-2.html") is True


@pytest.mark.parametrize(
    ("rule", "path", "allowed"),
    [
        ("/tin-tức/", "/tin-t%E1%BB%A9c/bai-1.html", False),
        ("/tin-t%e1%bb%a9c/", "/tin-tức/bai-1.html", False),
        ("/*/in$", "/thoi-su/in", False),
        ("/*/in$", "/thoi-su/in-an", True),
        ("/**?*print=1", "/bai-1.html?print=1", False),
        ("*.pdf", "/van-ban/nghi-quyet.pdf", False),
        ("tam-thoi", "/tam-thoi/bai.html", False),
        ("/$", "/", False),
        ("/$", "/thoi-su", True),
    ],
)
def test_it_matches_rules_as_rfc_9309_says(rule, path, allowed):
    assert policy(f"User-agent: *\nDisallow: {rule}\n").allowed(SITE + path) is allowed


def test_an_empty_disallow_allows_everything():
    assert policy("User-agent: *\nDisallow:\n").allowed(SITE + "/quan-tri/") is True


def test_rules_before_any_user_agent_are_ignored():
    assert policy("Disallow: /\n").allowed(SITE + "/thoi-su") is True


def test_it_reads_the_crawl_delay_of_the_chosen_group():
    assert policy().crawl_delay == 2.0
    assert policy(user_agent="Googlebot").crawl_delay is None


@pytest.mark.parametrize("value", ["nhanh", "-1", "inf", "nan"])
def test_it_ignores_a_crawl_delay_that_is_not_a_number_of_seconds(value):
    assert policy(f"User-agent: *\nCrawl-delay: {value}\n").crawl_delay is None


def test_it_lists_the_sitemaps_for_every_crawler():
    expected = [f"{SITE}/sitemap.xml", f"{SITE}/sitemaps/news.xml"]

    assert policy().sitemaps == expected
    assert policy(user_agent="BadBot").sitemaps == expected


def test_it_keeps_only_absolute_sitemaps_without_a_base_url():
    parsed = RobotsPolicy.parse(ROBOTS, user_agent=UA)

    assert parsed.sitemaps == [f"{SITE}/sitemap.xml"]


def test_it_accepts_common_misspellings_and_comments():
    text = "useragent: * # mọi bot\nDissallow: /nhap # bản nháp\n"

    assert policy(text).allowed(SITE + "/nhap/bai.html") is False


@pytest.mark.parametrize(
    ("status", "allowed"),
    [
        (200, False),  # the fixture disallows /tim-kiem
        (404, True),
        (410, True),
        (401, True),
        (403, True),
        (301, True),
        (429, False),
        (500, False),
        (503, False),
        (None, False),
    ],
)
def test_it_allows_all_when_robots_txt_is_missing_and_nothing_when_it_cannot_be_fetched(
    status, allowed
):
    fetched = RobotsPolicy.from_fetch(status, ROBOTS, user_agent=UA)

    assert fetched.allowed(SITE + "/tim-kiem") is allowed


def test_robots_txt_itself_stays_allowed_when_everything_is_disallowed():
    assert RobotsPolicy.disallow_all().allowed(SITE + "/robots.txt") is True
    assert RobotsPolicy.disallow_all().allowed(SITE + "/") is False
    assert RobotsPolicy.allow_all().allowed(SITE + "/quan-tri/") is True


def test_it_reads_only_the_first_512_kib():
    text = "User-agent: *\n" + "#" * MAX_ROBOTS_CHARS + "\nDisallow: /\n"

    assert policy(text).allowed(SITE + "/") is True


def test_a_hostile_pattern_full_of_stars_does_not_hang():
    text = "User-agent: *\nDisallow: /" + "*a" * 200 + "b\n"

    assert policy(text).allowed(SITE + "/" + "a" * 2000) is True


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.text(max_size=60))
def test_any_robots_txt_and_url_give_an_answer(text, path):
    assert policy(text).allowed(SITE + "/" + path) in (True, False)


def as_regex(rule: str) -> str:
    anchored = rule.endswith("$")
    body = rule[:-1] if anchored else rule
    return "".join(".*" if c == "*" else re.escape(c) for c in body) + ("$" if anchored else "")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="/ab*$", max_size=8).map("/".__add__), st.text(alphabet="/ab", max_size=12))
def test_wildcard_matching_agrees_with_a_regular_expression(rule, path):
    disallowed = re.match(as_regex(rule), "/" + path, re.DOTALL) is not None

    assert policy(f"User-agent: *\nDisallow: {rule}\n").allowed(SITE + "/" + path) is not disallowed
