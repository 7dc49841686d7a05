"""Search: insensitive to diacritics and tone-mark style, highlighted, permission-aware."""

from tuyengiao.documents.search import parse_query, snippet
from tuyengiao.documents.selectors import search
from tuyengiao.press.ingest import ingest_article


def load():
    ingest_article(
        title="Thành ủy Hải Phòng tổng kết công tác tuyên giáo",
        text="Sáng nay, Thành ủy Hải Phòng tổ chức hội nghị tổng kết công tác tuyên giáo năm.",
        url="https://bao.example/hai-phong",
    )
    ingest_article(
        title="Tuyến giao thông mới ở Đà Nẵng",
        text="Tuyến giao thông ven biển được thông xe, người dân đi lại thuận tiện hơn.",
        url="https://bao.example/giao-thong",
    )
    ingest_article(
        title="Hòa Bình phát động phong trào",
        text="Tỉnh ủy Hòa Bình phát động thi đua.",
        url="https://bao.example/hoa-binh",
    )


def test_it_finds_text_whatever_the_tone_mark_style(db):
    load()
    for query in (
        "Thành uỷ Hải Phòng",
        "Thành ủy Hải Phòng",
        "thanh uy hai phong",
        "THANH UY HAI PHONG",
    ):
        hits = search(query)
        assert [h.source for h in hits] == ["https://bao.example/hai-phong"], query


def test_it_folds_d_with_stroke(db):
    ingest_article(title="Đảng bộ phường", text="Đảng bộ phường Đống Đa sơ kết.", url="u")
    assert search("dang bo dong da")[0].source == "u"


def test_it_ranks_the_exact_diacritics_first(db):
    load()
    hits = search("tuyên giáo")
    assert hits[0].source == "https://bao.example/hai-phong"


def test_old_and_new_tone_placement_match(db):
    load()
    assert search("Hoà Bình")[0].source == "https://bao.example/hoa-binh"


def test_it_returns_nothing_for_an_empty_query(db):
    load()
    assert search("   ") == []
    assert search('"') == []


def test_it_highlights_the_words_as_written():
    text = "Hội nghị của Thành uỷ Hải Phòng diễn ra sáng nay."
    assert "<mark>Thành uỷ</mark>" in snippet(text, "thanh uy") or (
        "<mark>Thành</mark> <mark>uỷ</mark>" in snippet(text, "thanh uy")
    )


def test_it_escapes_html_in_snippets():
    assert "<script>" not in snippet("a <script>alert(1)</script> tuyên giáo", "tuyen giao")


def test_quoted_words_form_a_phrase():
    assert parse_query('"tuyên giáo" hà nội') == [["tuyen", "giao"], ["ha"], ["noi"]]


def test_search_hides_documents_the_user_may_not_read(tree, people):
    from tuyengiao.documents.ingest import ingest_bytes

    from .test_ingest import OFFICIAL

    ingest_bytes(OFFICIAL.encode(), filename="118.txt", location="118.txt", owner_unit=tree.hanoi)
    assert any(
        h.kind == "document" and "118-KH/TU" in h.title for h in search("118", user=people.alice)
    )
    assert not any("118-KH/TU" in h.title for h in search("118", user=people.charlie))


def test_a_snippet_without_a_match_is_escaped_too():
    assert snippet('<img src=x onerror="alert(1)"> quux', "khong co") == (
        '&lt;img src=x onerror="alert(1)"&gt; quux'
    )


def test_pages_of_a_restricted_user_are_full(tree, people):
    from tuyengiao.documents.ingest import ingest_bytes

    # Twelve private Hải Phòng notes rank first; Hà Nội's user must still get a full page.
    for n in range(12):
        ingest_bytes(
            f"Ghi chép nội bộ số {n}: thông tin cơ sở thông tin cơ sở thông tin cơ sở.".encode(),
            filename=f"hp{n}.txt", location=f"hp{n}.txt", owner_unit=tree.haiphong,
        )
    for n in range(6):
        ingest_article(title=f"Tin {n}", text="Bàn về thông tin cơ sở ở phường.", url=f"tin{n}")
    hits = search("thong tin co so", user=people.alice, limit=5)
    assert len(hits) == 5 and all(h.source.startswith("tin") for h in hits)
    assert len(search("thong tin co so", user=people.alice, limit=5, offset=5)) == 1


def test_filters_narrow_by_kind_source_date_unit_and_topic(tree):
    import datetime as dt

    from django.utils import timezone

    from tuyengiao.documents.search import filters_from_params
    from tuyengiao.press.ingest import ArticleInput, ArticleStore
    from tuyengiao.press.services import source_add, topic_save

    a = source_add(actor=None, url="https://a.example", name="Báo A")
    b = source_add(actor=None, url="https://b.example", name="Báo B")
    store = ArticleStore()
    for source, day, where in ((a, 3, "Hà Nội"), (b, 5, "Hải Phòng"), (a, 9, "Hải Phòng")):
        store.store(
            ArticleInput(
                title=f"Học tập nghị quyết tại {where} ngày {day}",
                text=f"Cán bộ {where} học tập, quán triệt nghị quyết ngày {day}/3 về công tác dân vận.",
                url=f"{source.home_url}{day}", source=source,
                published=timezone.make_aware(dt.datetime(2025, 3, day, 9)),
            )
        )  # fmt: skip
    topic = topic_save(actor=None, name="Hải Phòng", query='"Hải Phòng"')

    def sources(**params):
        hits = search("nghi quyet dan van", filters=filters_from_params(params))
        return sorted(h.source for h in hits)

    assert sources() == ["https://a.example/3", "https://a.example/9", "https://b.example/5"]
    assert sources(source=b.pk) == ["https://b.example/5"]
    assert sources(**{"from": "2025-03-04", "to": "2025-03-08"}) == ["https://b.example/5"]
    assert sources(topic=topic.pk) == ["https://a.example/9", "https://b.example/5"]
    assert sources(unit=tree.haiphong.pk) == ["https://a.example/9", "https://b.example/5"]
    assert sources(unit=tree.hanoi.pk) == ["https://a.example/3"]
    assert sources(kind="document") == []


def test_the_index_catches_up_after_an_interrupted_run_and_reindex_rebuilds_it(db):
    from tuyengiao.documents.models import SearchEntry
    from tuyengiao.documents.search import search_index, search_reindex, search_sync

    load()
    assert search_sync() == 3 and search_sync() == 0  # once indexed, nothing is pending
    assert search("Hoà Bình")
    # Rows written while no sync ran (a crawl killed before its end) are found next time.
    ingest_article(title="Tin mới về Hòa Bình", text="Hòa Bình tổng kết năm.", url="new")
    assert any(h.source == "new" for h in search("Hòa Bình"))
    # The index is derived data: emptied, a reindex puts every row back.
    search_index().clear()
    assert search_reindex() == SearchEntry.objects.count() == 4
    assert any(h.source == "new" for h in search("Hòa Bình"))
