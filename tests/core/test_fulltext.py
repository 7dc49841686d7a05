"""The tantivy full-text index: folding, ranking, phrases, filters, topics, writes, durability."""

import datetime
import threading
import time

import pytest

from tuyengiao.core import fulltext
from tuyengiao.core.fulltext import Filters, FullTextIndex, IndexBusyError, IndexDoc
from tuyengiao.core.text import VIETNAMESE_LETTERS, fold
from tuyengiao.core.topics import folded_words, parse_topic_query

D = datetime.date


SOME_DAY = D(2024, 5, 1)


def doc(key, title, text="", *, kind="article", date=SOME_DAY, **extra):
    return IndexDoc(key, kind, title, text, date, **extra)


# fmt: off
DOCS = [
    doc(1, "Hội nghị công tác tuyên giáo", "Ban Tuyên giáo huyện họp bàn việc tuyên truyền miệng.",
        source=7, units=(101,), date=D(2024, 3, 10)),
    doc(2, "Mở rộng tuyến giao thông", "Tuyến đường mới giúp giao thương giữa hai xã thuận lợi.",
        source=8, date=D(2024, 3, 11)),
    doc(3, "Chỉ thị về hoà giải ở cơ sở", "Đảng bộ xã quán triệt Chỉ thị 30-CT/TƯ, làm tốt công tác hòa giải.",
        kind="document", doc_type="CT", units=(101, 102), date=D(2023, 12, 1)),
    doc(4, "Kế hoạch 241-KH/TU", "Tỉnh ủy ban hành Kế hoạch 241-KH/TU về chuyển đổi số trong Đảng bộ.",
        kind="document", doc_type="KH", units=(102,), date=None),
    doc(5, "Nông dân thu hoạch lúa", "Bà con phấn khởi vì giá lúa tăng, đang chuẩn bị vụ mới.",
        source=7, date=D(2024, 6, 30)),
    doc(6, "Báo cáo viên cơ sở", "Tuyên truyền về bầu cử, báo cáo viên nói chuyện miệng với bà con.",
        source=9, units=(103,), date=D(2024, 1, 2)),
    doc(7, "Giáo dục vùng cao", "Trường học ở vùng cao đón học sinh; thầy cô dạy chữ và dạy nghề.",
        source=8, units=(103,), date=D(2022, 9, 5)),
    doc(8, "Đội tuyển bóng đá", "Bóng đá nữ thắng lớn; công tác tuyên truyền miệng được khen.",
        source=9, date=D(2024, 2, 14)),
]
# fmt: on


def keys(page):
    return [hit.key for hit in page.hits]


@pytest.fixture(scope="module")
def index():
    ix = FullTextIndex(None)
    ix.upsert(DOCS)
    ix.commit()
    return ix


def found(index, query, filters=None):
    return set(keys(index.search(query, filters, limit=100)))


# --- folding ---------------------------------------------------------------------------------


def test_the_folded_analyzer_agrees_with_fold_on_every_vietnamese_letter():
    for letter in VIETNAMESE_LETTERS:
        for case in (letter, letter.upper()):
            assert fulltext._FOLDED_ANALYZER.analyze(f"x{case}x") == [f"x{fold(letter)}x"]


def test_the_folded_analyzer_splits_words_like_folded_words():
    text = "Thành uỷ Đà Nẵng (TP.HCM) ban hành 30-CT/TW; covid-19, 1.234,5 người — “Đảng bộ”!"
    assert fulltext._FOLDED_ANALYZER.analyze(text) == folded_words(text).split()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hoà giải", {3}),
        ("hòa giải", {3}),
        ("HOÀ GIẢI", {3}),
        ("tuyen giao", {1, 2}),
        ("tuyên giáo", {1, 2}),
        ("dang bo", {3, 4}),
        ("Đảng", {3, 4, 5}),  # đang → dang as well
        ("TUYÊN TRUYỀN MIỆNG", {1, 6, 8}),
    ],
)
def test_it_ignores_case_diacritics_and_tone_style(index, query, expected):
    assert found(index, query) == expected


def test_a_decomposed_query_finds_the_composed_text(index):
    assert found(index, "hoa\u0300 gia\u0309i") == {3}


# --- ranking ---------------------------------------------------------------------------------


def test_words_typed_with_diacritics_rank_their_exact_form_first(index):
    assert keys(index.search("tuyên giáo")) == [1, 2]
    assert keys(index.search("tuyến giao")) == [2, 1]


def test_words_typed_without_diacritics_add_no_exact_score(index):
    plain = index.search("tuyen giao").hits
    assert {h.key for h in plain} == {1, 2}
    assert index.search("tuyên giáo").hits[0].score > max(h.score for h in plain)


def test_the_title_outranks_the_body():
    ix = FullTextIndex(None)
    ix.upsert(
        [
            doc(1, "Tin trong tỉnh", "Nông thôn mới về đích ở nhiều xã vùng sâu trong năm nay."),
            doc(2, "Nông thôn mới", "Tin trong tỉnh: nhiều xã vùng sâu về đích trong năm nay."),
        ]
    )
    ix.commit()
    assert keys(ix.search("nông thôn")) == [2, 1]


def test_words_side_by_side_outrank_scattered_ones():
    ix = FullTextIndex(None)
    ix.upsert(
        [
            doc(1, "Tin xã", "Đảng ủy họp; người dân góp ý, bộ phận một cửa nhận hồ sơ."),
            doc(2, "Tin xã", "Đảng bộ họp; người dân góp ý, phận sự một cửa nhận hồ sơ."),
        ]
    )
    ix.commit()
    assert keys(ix.search("đảng bộ")) == [2, 1]


# --- query language ------------------------------------------------------------------------


def test_words_are_anded(index):
    assert found(index, "tuyên truyền bóng đá") == {8}
    assert found(index, "tuyên truyền lúa") == set()


def test_a_quoted_phrase_needs_its_words_side_by_side(index):
    assert found(index, "tuyên giáo công tác") == {1}
    assert found(index, '"công tác tuyên giáo"') == {1}
    assert found(index, '"tuyên giáo công tác"') == set()
    assert found(index, '"tuyen truyen mieng"') == {1, 8}
    assert found(index, "truyền miệng") == {1, 6, 8}


def test_or_and_not_work(index):
    assert found(index, "lúa OR bóng") == {5, 8}
    assert found(index, "tuyên truyền -bóng") == {1, 6}
    assert found(index, "tuyên truyền NOT (bóng đá)") == {1, 6}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("30-CT/TW", {3}),  # the text writes 30-CT/TƯ
        ("30-CT/TƯ", {3}),
        ("CT/TW", {3}),
        ("241-KH/TU", {4}),
        ("241-kh/tu", {4}),
        ("241-KH/TW", set()),
        ("30-CT/TU", set()),  # TU is Tỉnh ủy, TƯ Trung ương
    ],
)
def test_designations_are_searchable(index, query, expected):
    assert found(index, query) == expected


# fmt: off
@pytest.mark.parametrize(
    "query",
    [
        '"', '"tuyên', 'tuyên"', '""', '" "', "“tuyên giáo", "AND", "OR OR", "NOT", "-", "+",
        "()", ")(", "((((tuyên", "tuyên AND", "| tuyên", "NOT tuyên", "KHÔNG bóng đá",
        "title:tuyên", "tuyên*", "tuy?n", "[1 TO 5]", "~", "^2", "\\", "\x00", "🙂", "ـ",
        "tuyên " * 300, "a" * 5000, "x" * 39 + " tuyên", "(" * 100 + "tuyên" + ")" * 100,
    ],
)
# fmt: on
def test_odd_queries_never_raise(index, query):
    page = index.search(query)
    assert page.total >= 0


def test_unparseable_queries_are_searched_as_plain_words(index):
    assert found(index, '"tuyên giáo') == {1, 2}
    assert found(index, "tuyên giáo AND") == {1, 2}
    assert found(index, "(tuyên giáo") == {1, 2}
    assert found(index, "AND OR") == set()


def test_a_query_without_words_finds_nothing(index):
    assert index.search("?!…").total == 0


def test_a_blank_query_lists_everything_newest_first(index):
    page = index.search("  ", limit=3)
    assert page.total == len(DOCS)
    assert keys(page) == [5, 2, 1]
    assert {h.score for h in page.hits} == {0.0}


# --- filters ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(kinds=["document"]), {3, 4}),
        (Filters(kinds=("article", "document")), {1, 2, 3, 4, 5, 6, 7, 8}),
        (Filters(sources=[7]), {1, 5}),
        (Filters(sources=[7, 9]), {1, 5, 6, 8}),
        (Filters(units=[102]), {3, 4}),
        (Filters(units=[101, 103]), {1, 3, 6, 7}),
        (Filters(doc_types=["CT"]), {3}),
        (Filters(date_from=D(2024, 3, 10)), {1, 2, 5}),
        (Filters(date_to=D(2024, 1, 2)), {3, 6, 7}),
        (Filters(date_from=D(2024, 3, 10), date_to=D(2024, 3, 10)), {1}),
        (Filters(kinds=["article"], sources=[8], date_from=D(2023, 1, 1)), {2}),
        (Filters(units=[]), set()),
        (Filters(sources=[404]), set()),
    ],
)
def test_filters_restrict_the_listing(index, filters, expected):
    assert found(index, "", filters) == expected


def test_filters_keep_the_scores(index):
    plain = {h.key: h.score for h in index.search("tuyên giáo").hits}
    filtered = index.search("tuyên giáo", Filters(sources=[7, 8], date_from=D(2020, 1, 1)))
    assert {h.key: h.score for h in filtered.hits} == plain


def test_topic_ids_filter():
    ix = FullTextIndex(None)
    ix.upsert([doc(1, "Lúa", topics=(5, 6)), doc(2, "Lúa", topics=(6,)), doc(3, "Lúa")])
    ix.commit()
    assert found(ix, "lúa", Filters(topic_ids=[5])) == {1}
    assert found(ix, "lúa", Filters(topic_ids=[6, 7])) == {1, 2}


@pytest.mark.parametrize(
    "topic",
    [
        '"tuyên truyền miệng"',
        '"tuyên truyền miệng" NOT "bóng đá"',
        "đảng bộ OR (bóng đá)",
        '241-KH/TU OR "lúa tăng"',
        "hoà giải",
        "(báo OR bóng) -vùng",
    ],
)
def test_a_topic_filter_matches_like_the_topic_itself(index, topic):
    query = parse_topic_query(topic)
    expected = {d.key for d in DOCS if query.matches(f"{d.title}\n{d.text}")}
    assert found(index, "", Filters(topic=query)) == expected
    assert found(index, "bà con", Filters(topic=query)) == expected & found(index, "bà con")


@pytest.mark.parametrize("topic", ["30-CT/TƯ", "30-CT/TW", "ct/tw"])
def test_a_topic_reads_tu_with_a_horn_as_tw_like_the_index(index, topic):
    assert found(index, "", Filters(topic=parse_topic_query(topic))) == {3}


def test_a_topic_keeps_the_scores(index):
    plain = {h.key: h.score for h in index.search("tuyên truyền").hits}
    topic = parse_topic_query("miệng OR bầu")
    assert {h.key: h.score for h in index.search("tuyên truyền", Filters(topic=topic)).hits} == {
        k: s for k, s in plain.items() if k in {1, 6, 8}
    }


# --- writes ----------------------------------------------------------------------------------


def test_upsert_is_idempotent_and_replaces():
    ix = FullTextIndex(None)
    assert ix.upsert(DOCS[:2]) == 2
    ix.commit()
    ix.upsert(DOCS[:2])
    ix.upsert([doc(1, "Hội nghị văn hóa", "Ban Tuyên giáo bàn về văn hóa.")])
    ix.commit()
    assert len(ix) == 2
    assert found(ix, "tuyên giáo") == {1, 2}
    assert found(ix, "văn hóa") == {1}
    assert found(ix, "tuyên truyền miệng") == set()


def test_the_same_key_twice_in_one_batch_keeps_the_last():
    ix = FullTextIndex(None)
    ix.upsert([doc(1, "Lúa"), doc(1, "Ngô")])
    ix.commit()
    assert len(ix) == 1
    assert found(ix, "ngô") == {1}
    assert found(ix, "lúa") == set()


def test_delete_removes_rows_and_ignores_unknown_keys():
    ix = FullTextIndex(None)
    ix.upsert(DOCS)
    ix.commit()
    ix.delete([1, 8, 999])
    assert found(ix, "tuyên truyền") == {1, 6, 8}  # not committed yet
    ix.commit()
    assert found(ix, "tuyên truyền") == {6}
    assert len(ix) == len(DOCS) - 2


def test_clear_empties_the_index_and_forgets_the_watermark():
    ix = FullTextIndex(None)
    ix.upsert(DOCS[:4])
    ix.commit(watermark="2024-06-30T00:00:00")
    ix.upsert(DOCS[4:])
    ix.clear()
    assert len(ix) == 0
    assert ix.watermark() is None
    ix.upsert(DOCS[:1])
    ix.commit()
    assert len(ix) == 1


def test_pages_cut_the_ranked_list(index):
    everything = keys(index.search("bà con OR tuyên OR lúa OR giáo", limit=100))
    assert len(everything) == 6
    first = index.search("bà con OR tuyên OR lúa OR giáo", limit=4)
    second = index.search("bà con OR tuyên OR lúa OR giáo", limit=4, offset=4)
    assert (first.total, second.total) == (6, 6)
    assert keys(first) + keys(second) == everything
    assert index.search("tuyên", limit=0) == fulltext.Page(4, [])
    assert index.search("tuyên", offset=50).hits == []


# --- on disk ---------------------------------------------------------------------------------


def test_the_index_and_its_watermark_survive_reopening(tmp_path):
    with FullTextIndex(tmp_path) as ix:
        ix.upsert(DOCS)
        ix.commit(watermark="2024-06-30T00:00:00+00:00#8")
    reopened = FullTextIndex(tmp_path)
    assert reopened.watermark() == "2024-06-30T00:00:00+00:00#8"
    assert keys(reopened.search("tuyên giáo")) == [1, 2]
    assert (tmp_path / f"v{fulltext.SCHEMA_VERSION}" / "watermark").exists()


def test_uncommitted_changes_are_dropped_on_close(tmp_path):
    with FullTextIndex(tmp_path) as ix:
        ix.upsert(DOCS[:1])
        ix.commit(watermark="one")
        ix.upsert(DOCS[1:])
    reopened = FullTextIndex(tmp_path)
    assert len(reopened) == 1
    assert reopened.watermark() == "one"


class _InterruptedWriter:
    """Stands for a writer whose process dies inside ``commit``."""

    def __init__(self, writer):
        self._writer = writer

    def __getattr__(self, name):
        return getattr(self._writer, name)

    def commit(self):
        raise KeyboardInterrupt


def test_the_watermark_moves_only_after_the_commit(tmp_path):
    ix = FullTextIndex(tmp_path)
    ix.upsert(DOCS[:2])
    ix.commit(watermark="first")
    ix.upsert(DOCS[2:])
    ix._writer = _InterruptedWriter(ix._writer)
    with pytest.raises(KeyboardInterrupt):
        ix.commit(watermark="second")
    assert ix.watermark() == "first"
    ix._writer = ix._writer._writer
    ix.close()
    again = FullTextIndex(tmp_path)
    assert again.watermark() == "first" and len(again) == 2


def test_a_second_writer_waits_for_the_first(tmp_path):
    first = FullTextIndex(tmp_path)
    first.upsert(DOCS[:1])
    second = FullTextIndex(tmp_path, lock_timeout=0.2)
    with pytest.raises(IndexBusyError):
        second.upsert(DOCS[1:2])
    first.commit()
    releaser = threading.Timer(0.3, first.close)
    releaser.start()
    waiting = FullTextIndex(tmp_path, lock_timeout=10)
    waiting.upsert(DOCS[1:2])
    waiting.commit()
    releaser.join()
    waiting.close()
    assert len(FullTextIndex(tmp_path)) == 2


def test_a_reader_sees_another_writers_commit(tmp_path):
    reader = FullTextIndex(tmp_path)
    assert reader.search("lúa").total == 0
    with FullTextIndex(tmp_path) as writer:
        writer.upsert(DOCS)
        writer.commit()
    deadline = time.monotonic() + 10
    while reader.search("lúa").total == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert found(reader, "lúa") == {5}
