"""Topic queries: grammar, errors, matching, highlighting, FTS5 and PostgreSQL output."""

import sqlite3
import unicodedata

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tuyengiao.core.text import fold
from tuyengiao.core.topics import (
    QUERY_HELP,
    And,
    Not,
    Or,
    Query,
    Term,
    TopicQueryError,
    folded_words,
    parse_topic_query,
    prepare_text,
)

CT30 = '"Chỉ thị 30" OR "tuyên truyền miệng" NOT "bóng đá"'

ARTICLES = [
    "Tỉnh ủy triển khai Chỉ thị 30-CT/TW về công tác tuyên truyền miệng trong tình hình mới.",
    "Đội tuyển bóng đá nữ thắng 3-0; công tác tuyên truyền miệng được khen.",
    "Thành uỷ Hà Nội tổ chức hội nghị báo cáo viên quý III.",
    "Báo cáo viên tuyên truyền về phòng, chống dịch covid-19 ở cơ sở.",
    "CHỈ THỊ 30 CỦA BAN BÍ THƯ VỀ TUYÊN TRUYỀN MIỆNG",
    "Ông Hoà nói: tuyên truyền, miệng nói tay làm.",
    "Hội nghị quán triệt Nghị quyết Đại hội XIII của Đảng tại Đà Nẵng.",
    "Da Nang, Viet Nam: hoi nghi bao cao vien (khong dau).",
    "Giải bóng  đá phong trào; tuyên_truyền; 1.234,5 người dự.",
    "",
]


def q(text: str) -> Query:
    return parse_topic_query(text)


# --- parsing ----------------------------------------------------------------------------------

PARSES = [
    ("tuyên", Term(("tuyen",), "tuyên")),
    ('"Chỉ thị 30"', Term(("chi", "thi", "30"), "Chỉ thị 30")),
    ("“Chỉ  thị 30”", Term(("chi", "thi", "30"), "Chỉ thị 30")),
    ("30-CT/TW", Term(("30", "ct", "tw"), "30-CT/TW")),
    ("a b", And((Term(("a",), "a"), Term(("b",), "b")))),
    ("a AND b", And((Term(("a",), "a"), Term(("b",), "b")))),
    ("a VÀ b", And((Term(("a",), "a"), Term(("b",), "b")))),
    ("a + b", And((Term(("a",), "a"), Term(("b",), "b")))),
    ("+a +b", And((Term(("a",), "a"), Term(("b",), "b")))),
    ("a | b", Or((Term(("a",), "a"), Term(("b",), "b")))),
    ("a HOẶC b", Or((Term(("a",), "a"), Term(("b",), "b")))),
    ("a|b", Or((Term(("a",), "a"), Term(("b",), "b")))),
    ("a -b", And((Term(("a",), "a"), Not(Term(("b",), "b"))))),
    ("a KHÔNG b", And((Term(("a",), "a"), Not(Term(("b",), "b"))))),
    ("a NOT NOT b", And((Term(("a",), "a"), Term(("b",), "b")))),
    # lowercase operator words are ordinary words
    ("a và không b", And(tuple(Term((fold(w),), w) for w in ("a", "và", "không", "b")))),
    ("Hà Nội - Đà Nẵng", And(tuple(Term((fold(w),), w) for w in ("Hà", "Nội", "Đà", "Nẵng")))),
    ("a , b", And((Term(("a",), "a"), Term(("b",), "b")))),
]


@pytest.mark.parametrize(("text", "root"), PARSES)
def test_it_parses(text, root):
    assert q(text).root == root


PRECEDENCE = [  # query, canonical form
    ("a OR b c", "a OR b AND c"),
    ("(a OR b) c", "(a OR b) AND c"),
    ("a b OR c", "a AND b OR c"),
    ("NOT a AND b", "NOT a AND b"),
    ("-a +b", "NOT a AND b"),
    ("a NOT b OR c", "a AND NOT b OR c"),
    ("a NOT (b OR c)", "a AND NOT (b OR c)"),
    ("a (b (c OR d))", "a AND b AND (c OR d)"),
    ("(a OR (b OR c))", "a OR b OR c"),
    (CT30, '"Chỉ thị 30" OR "tuyên truyền miệng" AND NOT "bóng đá"'),
    ('"OR" "và" "-x"', '"OR" AND và AND "-x"'),
]


@pytest.mark.parametrize(("text", "canonical"), PRECEDENCE)
def test_precedence_is_not_then_and_then_or(text, canonical):
    assert str(q(text)) == canonical
    assert q(canonical) == q(text)


def test_it_writes_vietnamese_operators():
    text = q("a (b OR c) NOT d").to_text(vietnamese=True)
    assert text == "a VÀ (b HOẶC c) VÀ KHÔNG d"
    assert q(text) == q("a (b OR c) NOT d")


def test_it_hints_that_bare_words_are_separate():
    query = q("tuyên truyền miệng OR Chỉ")
    assert query.root == q("(tuyên AND truyền AND miệng) OR Chỉ").root
    assert len(query.hints) == 1
    assert '"tuyên truyền miệng"' in query.hints[0]
    assert q('"tuyên truyền miệng" OR Chỉ').hints == ()
    assert "ngoặc kép" in QUERY_HELP


ERRORS = [  # query, position, words the message must hold
    ("", 0, "trống"),
    ("   ... ", 0, "trống"),
    ("tuyên giáo AND", 11, "“AND” ở ký tự thứ 12 thiếu vế sau"),
    ("tuyên giáo HOẶC", 11, "“HOẶC” ở ký tự thứ 12 thiếu vế sau"),
    ("a OR OR b", 2, "“OR” ở ký tự thứ 3 thiếu vế sau"),
    ("a +", 2, "thiếu vế sau"),
    ("OR a", 0, "thiếu vế trước"),
    ("(AND a)", 1, "thiếu vế trước"),
    ("a NOT", 2, "“NOT” ở ký tự thứ 3 thiếu vế sau"),
    ("(a NOT) b", 3, "thiếu vế sau"),
    ('NOT "bóng đá"', 0, "không thể chỉ gồm điều kiện loại trừ"),
    ('-"bóng đá" -"bóng chuyền"', 0, "không thể chỉ gồm điều kiện loại trừ"),
    ("NOT bóng đá", 0, 'viết NOT "bóng đá" để loại trừ cả cụm từ'),
    ("tuyên truyền -bóng đá", 13, '"bóng đá"'),
    ("a OR NOT b", 5, "Mỗi vế của OR"),
    ("NOT b OR a", 0, "Mỗi vế của OR"),
    ("a NOT (NOT b NOT c)", 2, "phải có từ cần tìm"),
    ("(a", 0, "Thiếu dấu đóng ngoặc “)” cho dấu mở ngoặc ở ký tự thứ 1"),
    ("a (b (c)", 2, "Thiếu dấu đóng ngoặc"),
    ("a)", 1, "không có dấu mở ngoặc"),
    ("a) (b", 1, "không có dấu mở ngoặc"),
    ("a ()", 2, "không chứa gì"),
    ('a "Chỉ thị 30', 2, "Thiếu dấu ngoặc kép đóng"),
    ('a "..."', 2, "không có chữ hay số"),
    ("x" * 1001, 1000, "quá dài: 1.001 ký tự"),
    (" ".join(f"w{i}" for i in range(101)), 390, "quá nhiều từ"),
    ("(" * 33 + "a" + ")" * 33, 32, "ngoặc lồng nhau"),
]


@pytest.mark.parametrize(("text", "position", "words"), ERRORS)
def test_it_rejects_with_a_vietnamese_reason(text, position, words):
    with pytest.raises(TopicQueryError) as caught:
        q(text)
    assert caught.value.position == position
    assert words in caught.value.reason
    assert str(caught.value) == caught.value.reason


def test_limits_are_inclusive():
    assert len(q("x" * 1000).terms()) == 1
    assert len(q(" ".join(f"w{i}" for i in range(100))).terms()) == 100
    assert q("(" * 32 + "a" + ")" * 32).root == Term(("a",), "a")


# --- matching ---------------------------------------------------------------------------------

MATCHES = [  # query, indices of ARTICLES it matches
    (CT30, {0, 4, 5}),  # 1 has "tuyên truyền miệng" but also "bóng đá"
    ('"tuyên truyền miệng"', {0, 1, 4, 5}),  # 5: across a comma, as FTS5 does
    ("tuyên truyền miệng", {0, 1, 4, 5}),
    ('"truyền miệng tuyên"', set()),
    ("miệng truyền tuyên", {0, 1, 4, 5}),  # AND: order does not matter
    ('"Thành ủy"', {2}),  # uỷ / ủy
    ('"thanh uy" OR "tinh uy"', {0, 2}),
    ("Hòa", {5}),  # hoà / hòa
    ("hoa", {5}),
    ('"Đà Nẵng"', {6, 7}),  # đ / d, no diacritics at all in 7
    ('"da nang"', {6, 7}),
    ("30-CT/TW", {0}),
    ('"chỉ thị 30"', {0, 4}),
    ("chi", {0, 4}),  # whole words only: not "chống", "chức"
    ("ch", set()),
    ("covid-19", {3}),
    ('"covid 19"', {3}),
    ("tuyên_truyền", {0, 1, 3, 4, 5, 8}),
    ('"bóng đá"', {1, 8}),
    ("1.234", {8}),
    ("báo cáo viên -Hà", {3, 7}),
    ("(hội nghị) (Đảng OR Hà)", {2, 6}),
    ("không", {7}),
    ('"KHÔNG" dấu', {7}),
]


@pytest.mark.parametrize(("text", "expected"), MATCHES)
def test_it_matches_articles(text, expected):
    query = q(text)
    assert {i for i, a in enumerate(ARTICLES) if query.matches(a)} == expected
    prepared = [prepare_text(a) for a in ARTICLES]
    assert {i for i, p in enumerate(prepared) if query.matches(p)} == expected


def test_it_matches_decomposed_text():
    decomposed = unicodedata.normalize("NFD", ARTICLES[0])
    assert q('"tuyên truyền miệng"').matches(decomposed)


def test_spans_point_at_the_words_as_written():
    text = ARTICLES[0]
    spans = q('"chỉ thị 30" OR tỉnh NOT "bóng đá"').match_spans(text)
    assert [text[s:e] for s, e in spans] == ["Tỉnh", "Chỉ thị 30", "tình"]  # tình = tỉnh folded
    assert q("bóng").match_spans(ARTICLES[1]) == q("bóng").match_spans(prepare_text(ARTICLES[1]))
    spans = q("tuyên NOT bóng").match_spans(ARTICLES[1])  # excluded terms are not highlighted
    assert [ARTICLES[1][s:e] for s, e in spans] == ["tuyển", "tuyên"]


def test_overlapping_spans_merge():
    text = "Thành uỷ Hà Nội"
    assert q('"thành ủy hà" OR "hà nội"').match_spans(text) == [(0, len(text))]


def test_terms_in_query_order():
    assert q(CT30).terms() == ["Chỉ thị 30", "tuyên truyền miệng", "bóng đá"]
    assert q(CT30).terms(include_excluded=False) == ["Chỉ thị 30", "tuyên truyền miệng"]
    assert q("a a OR b").terms() == ["a", "b"]


def test_equality_ignores_hints_and_queries_hash():
    assert q("a b") == q("a AND b")
    assert len({q("a b"), q("a AND b"), q("a OR b")}) == 2


# --- property tests -----------------------------------------------------------------------------

WORDS = ["tuyên", "truyền", "Thành", "uỷ", "ủy", "đá", "bóng", "30", "ct", "Hoà", "xã", "ĐẢNG"]
word = st.sampled_from(WORDS)
term_text = st.one_of(
    word, st.lists(word, min_size=1, max_size=3).map(lambda ws: '"' + " ".join(ws) + '"')
)
query_text = st.recursive(
    term_text,
    lambda inner: st.one_of(
        st.tuples(
            inner, st.sampled_from([" ", " AND ", " OR ", " VÀ ", " | ", " HOẶC "]), inner
        ).map("".join),
        st.tuples(inner, st.sampled_from([" NOT ", " -", " KHÔNG "]), inner).map("".join),
        inner.map(lambda s: f"({s})"),
    ),
    max_leaves=8,
)
article_text = st.lists(
    st.one_of(word, st.sampled_from([" ", ", ", ". ", "-", "_", "  ", "\n", "“", "1.5"])),
    max_size=30,
).map("".join)


def parse_or_none(text: str) -> Query | None:
    try:
        return q(text)
    except TopicQueryError:
        return None


@given(query_text)
def test_canonical_form_round_trips(text):
    query = parse_or_none(text)
    assume(query is not None)
    assert q(str(query)) == query
    assert q(query.to_text(vietnamese=True)) == query


@given(st.text(max_size=60))
def test_parse_raises_only_topic_query_errors(text):
    query = parse_or_none(text)
    if query is not None:
        assert q(str(query)) == query


@given(query_text, st.text(max_size=200))
def test_matches_never_raises_on_arbitrary_text(text, article):
    query = parse_or_none(text)
    assume(query is not None)
    result = query.matches(article)
    assert query.matches(prepare_text(article)) is result
    for start, end in query.match_spans(article):
        assert 0 <= start < end <= len(unicodedata.normalize("NFC", article))


# --- SQLite FTS5 and PostgreSQL ----------------------------------------------------------------

FTS_QUERIES = [
    CT30,
    '"tuyên truyền miệng"',
    "tuyên truyền miệng",
    "(Thành OR Tỉnh) (ủy OR uỷ) NOT bóng",
    '"Đà Nẵng" OR covid-19',
    "30-CT/TW | 1.234",
    'báo cáo viên -"Hà Nội"',
    "a NOT (b OR c) NOT d",
    "x y NOT (z NOT w)",
]


@pytest.fixture(scope="module")
def fts5():
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE t USING fts5(folded)")
    con.executemany(
        "INSERT INTO t(rowid, folded) VALUES (?, ?)",
        [(i, fold(unicodedata.normalize("NFC", a))) for i, a in enumerate(ARTICLES)],
    )
    yield con
    con.close()


def fts5_rows(con, query: Query) -> set[int]:
    return {row[0] for row in con.execute("SELECT rowid FROM t WHERE t MATCH ?", [query.to_fts5()])}


def test_fts5_expression_shape():
    assert q(CT30).to_fts5() == 'folded : ("chi thi 30" OR ("tuyen truyen mieng" NOT "bong da"))'
    assert q("a").to_fts5(column=None) == '("a")'


@pytest.mark.parametrize("text", FTS_QUERIES + [m[0] for m in MATCHES])
def test_fts5_agrees_with_matches(fts5, text):
    query = q(text)
    assert fts5_rows(fts5, query) == {i for i, a in enumerate(ARTICLES) if query.matches(a)}


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query_text, st.lists(article_text, min_size=1, max_size=5))
def test_fts5_agrees_on_generated_queries(text, articles):
    query = parse_or_none(text)
    assume(query is not None)
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE t USING fts5(folded)")
    con.executemany(
        "INSERT INTO t(rowid, folded) VALUES (?, ?)", [(i, fold(a)) for i, a in enumerate(articles)]
    )
    assert fts5_rows(con, query) == {i for i, a in enumerate(articles) if query.matches(a)}
    con.close()


@pytest.fixture(scope="module")
def postgres():
    psycopg = pytest.importorskip("psycopg")
    try:
        con = psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", connect_timeout=3)
    except psycopg.OperationalError as error:
        pytest.skip(f"PostgreSQL not reachable at 127.0.0.1:5432: {error}")
    yield con
    con.close()


def test_tsquery_shape():
    assert q(CT30).to_tsquery() == (
        "('chi' <-> 'thi' <-> '30') | (('tuyen' <-> 'truyen' <-> 'mieng') & !('bong' <-> 'da'))"
    )
    assert q('"tuyên giáo"').to_tsquery() == "'tuyen' <-> 'giao'"


@pytest.mark.parametrize("text", FTS_QUERIES + [m[0] for m in MATCHES])
def test_tsquery_agrees_with_matches(postgres, text):
    query = q(text)
    sql = "SELECT to_tsvector('simple', %s) @@ to_tsquery('simple', %s)"
    for article in ARTICLES:
        (hit,) = postgres.execute(sql, [folded_words(article), query.to_tsquery()]).fetchone()
        assert hit is query.matches(article), article


def test_folded_words_is_the_indexable_form():
    assert folded_words("Chỉ thị 30-CT/TW; covid-19, 1.234") == "chi thi 30 ct tw covid 19 1 234"
