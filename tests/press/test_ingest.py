"""Articles into the archive: near-duplicates, stories, units mentioned, topics."""

import datetime as dt

import pytest
from django.utils import timezone

from tuyengiao.documents.models import Citation, Record, SearchEntry
from tuyengiao.press.ingest import ArticleInput, ArticleStore, ingest_articles
from tuyengiao.press.models import Article, Story, Topic, TopicMatch
from tuyengiao.press.services import topic_save
from tuyengiao.press.topics import topic_rematch

pytestmark = pytest.mark.django_db

BODY = (
    "Sáng 14/3, Ban Tuyên giáo và Dân vận Thành ủy Hà Nội tổ chức hội nghị quán triệt "
    "Chỉ thị số 47-CT/TW ngày 05/3/2025 của Ban Bí thư về tăng cường công tác tuyên truyền "
    "miệng ở cơ sở. Hội nghị được kết nối trực tuyến tới 126 điểm cầu phường, xã.\n"
    "Phát biểu tại hội nghị, đồng chí Trưởng ban đề nghị các đảng ủy phường, xã xây dựng kế "
    "hoạch thực hiện trước ngày 30/4/2025, chú trọng đổi mới nội dung, hình thức sinh hoạt "
    "của đội ngũ báo cáo viên.\n"
    "Dịp này, Đảng ủy phường Ba Đình giới thiệu mô hình tổ tuyên truyền tại khu dân cư, "
    "với 45 buổi nói chuyện chuyên đề trong quý I, thu hút hơn 3.000 lượt người nghe."
)
OTHER = (
    "Chiều 20/3, Sở Giao thông vận tải thông báo phân luồng giao thông để thi công cầu vượt "
    "tại nút giao phía tây thành phố. Các phương tiện có tải trọng lớn đi theo đường vành đai.\n"
    "Đơn vị thi công cam kết hoàn thành phần mặt cầu trước mùa mưa, bảo đảm an toàn cho "
    "người và phương tiện qua lại khu vực công trường."
)


def at(day, hour=9):
    return timezone.make_aware(dt.datetime(2025, 3, day, hour))


def item(title, text, url, day=14, **kw):
    return ArticleInput(title=title, text=text, url=url, published=at(day), **kw)


def test_an_article_is_stored_with_record_citations_search_entry_and_story(tree):
    outcome = ArticleStore().store(
        item("Hà Nội quán triệt Chỉ thị 47", BODY, "https://tin.example/a1", lead="Sapo.")
    )
    assert outcome.status == "created"
    article = Article.objects.get()
    record = Record.objects.get(pk=outcome.record_id)
    assert article.record == record and record.kind == "article"
    assert record.text.startswith("Hà Nội quán triệt Chỉ thị 47\nSapo.\n")
    assert Citation.objects.filter(record=record, designation="47-CT/TW").exists()
    assert SearchEntry.objects.filter(record=record).exists()
    assert article.day == dt.date(2025, 3, 14)
    assert article.story is None and article.duplicate_of is None  # alone in its story so far
    assert {u.name for u in article.units.all()} >= {"Thành ủy Hà Nội", "Đảng ủy phường Ba Đình"}


def test_the_same_url_or_the_same_text_is_stored_once(tree):
    store = ArticleStore()
    assert store.store(item("A", BODY, "https://tin.example/a1")).status == "created"
    again = store.store(item("A", BODY, "https://tin.example/a1"))
    assert again.status == "unchanged"
    assert ArticleStore().store(item("A", BODY, "https://tin.example/a1")).status == "unchanged"
    assert Article.objects.count() == 1


def test_an_article_without_text_fails_and_stores_nothing(tree):
    outcome = ArticleStore().store(item("Chỉ có tiêu đề", "  ", "https://tin.example/x"))
    assert outcome.status == "failed" and "không có nội dung" in outcome.message
    assert not Record.objects.exists() and not Article.objects.exists()


def test_a_syndicated_copy_joins_the_original_group_and_story(tree):
    store = ArticleStore()
    store.store(item("Hà Nội quán triệt Chỉ thị 47", BODY, "https://tin.example/a1"))
    copy = BODY.replace("126 điểm cầu", "hơn một trăm điểm cầu") + (
        "\nBài đăng lại từ Báo Tin Ví Dụ, mời bạn đọc theo dõi chuyên trang."
    )
    store.store(item("Quán triệt Chỉ thị 47 tại Hà Nội", copy, "https://lai.example/b7", day=15))
    store.store(item("Phân luồng giao thông", OTHER, "https://tin.example/a2", day=20))
    original, syndicated, other = Article.objects.order_by("pk")
    assert syndicated.duplicate_of == original and syndicated.group_id == original.pk
    assert syndicated.story == original.story and original.story.article_count == 2
    assert other.duplicate_of is None and other.story is None  # a story of its own
    assert Story.objects.count() == 1


def test_a_new_store_finds_duplicates_of_articles_stored_before(tree):
    ArticleStore().store(item("Bản gốc", BODY, "https://tin.example/a1"))
    ArticleStore().store(item("Bản sao", BODY + "\nNguồn: báo bạn.", "https://lai.example/z"))
    copy = Article.objects.get(url="https://lai.example/z")
    assert copy.duplicate_of.url == "https://tin.example/a1"


def test_topics_match_new_articles_within_their_scope(tree):
    broad = topic_save(actor=None, name="Chỉ thị 47", query='"Chỉ thị 47" OR "47-CT/TW"')
    narrow = topic_save(
        actor=None, name="Hải Phòng", query='"tuyên truyền miệng"', units=[tree.haiphong]
    )
    store = ArticleStore()
    store.store(item("Hà Nội quán triệt", BODY, "https://tin.example/a1"))
    store.store(item("Phân luồng", OTHER, "https://tin.example/a2"))
    assert list(TopicMatch.objects.values_list("topic_id", flat=True)) == [broad.pk]
    assert not TopicMatch.objects.filter(topic=narrow).exists()


def test_topic_rematch_counts_every_stored_article_again(tree):
    store = ArticleStore()
    store.store(item("Hà Nội quán triệt", BODY, "https://tin.example/a1"))
    store.store(item("Phân luồng", OTHER, "https://tin.example/a2"))
    topic = topic_save(actor=None, name="Giao thông", query="phan luong")
    assert not TopicMatch.objects.filter(topic=topic).exists()  # created after the articles
    assert topic_rematch(topic) == 1
    topic.refresh_from_db()
    assert topic.matched_at is not None
    match = TopicMatch.objects.get(topic=topic)
    assert match.article.url == "https://tin.example/a2" and match.day == dt.date(2025, 3, 14)


def test_a_unit_scoped_topic_includes_units_below(tree):
    topic = topic_save(actor=None, name="Hà Nội", query="báo cáo viên", units=[tree.hanoi])
    ArticleStore().store(item("Hà Nội quán triệt", BODY, "https://tin.example/a1"))
    assert TopicMatch.objects.filter(topic=topic).count() == 1
    assert Topic.objects.get(pk=topic.pk).matches.count() == 1


def test_archive_lines_are_stored_with_their_dates(tree):
    outcomes = list(
        ingest_articles(
            [
                {"title": "Tin một", "text": BODY, "date": "2025-03-14", "url": "u1"},
                {"title": "Tin hai", "text": OTHER, "date": "20/03/2025"},
                {"title": "Trống", "text": ""},
            ]
        )
    )
    assert [o.status for o in outcomes] == ["created", "created", "failed"]
    days = sorted(Article.objects.values_list("day", flat=True))
    assert days == [dt.date(2025, 3, 14), dt.date(2025, 3, 20)]


def test_archive_lines_without_addresses_are_told_apart_by_their_text(tree):
    lines = [
        {"title": "Tin một", "text": BODY, "date": "2025-03-14"},
        {"title": "Tin hai", "text": OTHER, "date": "2025-03-20"},
        {"title": "Tin một", "text": BODY, "date": "2025-03-14"},
    ]
    assert [o.status for o in ingest_articles(lines)] == ["created", "created", "unchanged"]
    assert Article.objects.filter(url="").count() == 2


def test_a_name_two_units_bore_means_the_one_of_the_articles_day(tree):
    from tests.factories import make_unit

    old = make_unit(
        "Đảng ủy phường Tân Định", parent=tree.hanoi, area_name="Tân Định", code="c-old",
        valid_to=dt.date(2025, 6, 30),
    )  # fmt: skip
    new = make_unit(
        "Đảng ủy phường Tân Định", parent=tree.hanoi, area_name="Tân Định", code="c-new",
        valid_from=dt.date(2025, 7, 1),
    )  # fmt: skip
    text = "Đảng ủy phường Tân Định tổ chức hội nghị học tập chuyên đề cho cán bộ, đảng viên."
    store = ArticleStore()
    store.store(item("Trước sáp nhập", text, "https://tin.example/t1", day=3))
    store.store(ArticleInput(title="Không rõ ngày", text=text, url="https://tin.example/t2"))
    assert list(Article.objects.get(url="https://tin.example/t1").units.all()) == [old]
    assert list(Article.objects.get(url="https://tin.example/t2").units.all()) == [new]


def test_reports_of_one_event_share_a_story_made_when_the_second_arrives(tree):
    from tuyengiao.press.selectors import article_stories

    store = ArticleStore()
    first = (
        "Chiều 14/3, Ban Tuyên giáo và Dân vận Thành ủy Hà Nội khai mạc hội thi báo cáo viên giỏi "
        "năm 2025 tại Cung Văn hóa Hữu Nghị với 48 thí sinh đến từ các đảng bộ trực thuộc."
    )
    second = (
        "Hội thi báo cáo viên giỏi năm 2025 của Ban Tuyên giáo và Dân vận Thành ủy Hà Nội khai mạc "
        "chiều 14/3 tại Cung Văn hóa Hữu Nghị; ban tổ chức cho biết các thí sinh trình bày chuyên "
        "đề về chuyển đổi số trong công tác tuyên truyền miệng."
    )
    store.store(
        item("Khai mạc hội thi báo cáo viên giỏi Hà Nội năm 2025", first, "https://a.example/1")
    )
    alone = Article.objects.get()
    assert alone.story is None and article_stories(Article.objects.all()) == 1
    store.store(
        item(
            "Hà Nội khai mạc hội thi báo cáo viên giỏi 2025", second, "https://b.example/2", day=14
        )
    )
    store.store(item("Phân luồng giao thông", OTHER, "https://tin.example/a2", day=15))
    one, two, other = Article.objects.order_by("pk")
    assert two.duplicate_of is None and one.story_id and one.story_id == two.story_id
    assert one.story.article_count == 2 and other.story is None
    assert article_stories(Article.objects.all()) == 2


def _batch_items():
    copy = BODY.replace("126 điểm cầu", "hơn một trăm điểm cầu") + (
        "\nBài đăng lại từ Báo Tin Ví Dụ, mời bạn đọc theo dõi chuyên trang."
    )
    return [
        item("Hà Nội quán triệt Chỉ thị 47", BODY, "https://tin.example/a1"),
        item("Phân luồng giao thông", OTHER, "https://tin.example/a2", day=20),
        item("Quán triệt Chỉ thị 47 tại Hà Nội", copy, "https://lai.example/b7", day=15),
        item("Trùng địa chỉ", OTHER + " Thêm.", "https://tin.example/a2", day=20),
        item("Không có nội dung", " ", "https://tin.example/a3"),
    ]


def _stored_state():
    """What was stored, in terms that do not depend on ids."""
    urls = dict(Article.objects.values_list("pk", "url"))
    return sorted(
        (
            a.url,
            urls.get(a.duplicate_of_id),
            tuple(sorted(urls[pk] for pk in a.story.articles.values_list("pk", flat=True)))
            if a.story
            else None,
            tuple(sorted(a.units.values_list("code", flat=True))),
            tuple(a.topic_matches.values_list("topic__name", flat=True)),
            SearchEntry.objects.filter(record=a.record).count(),
            Citation.objects.filter(record=a.record).count(),
        )
        for a in Article.objects.select_related("story", "record")
    )


def test_a_batch_stores_the_same_as_one_article_at_a_time(tree):
    topic_save(actor=None, name="Chỉ thị 47", query='"Chỉ thị 47" OR "47-CT/TW"')
    store = ArticleStore()
    singly = [store.store(i).status for i in _batch_items()]
    expected = _stored_state()
    Article.objects.all().delete()
    Story.objects.all().delete()
    Record.objects.filter(kind="article").delete()

    batched = [o.status for o in ArticleStore().store_many(_batch_items(), batch=10)]
    assert batched == singly == ["created", "created", "created", "unchanged", "failed"]
    assert _stored_state() == expected
    copy = Article.objects.get(url="https://lai.example/b7")
    assert copy.duplicate_of.url == "https://tin.example/a1" and copy.story.article_count == 2
    assert copy.record.published == dt.date(2025, 3, 15)


def test_ids_handed_out_in_a_batch_follow_the_ones_used_before(tree):
    ArticleStore().store(item("Bản gốc", BODY, "https://tin.example/a1"))
    gone = ArticleStore().store(item("Bị xóa", OTHER, "https://tin.example/gone"))
    Article.objects.filter(record_id=gone.record_id).delete()  # its id is not given again
    outcomes = list(ArticleStore().store_many(_batch_items()[1:3]))
    assert [o.status for o in outcomes] == ["created", "created"]
    before = Article.objects.get(url="https://tin.example/a1").pk
    assert sorted(Article.objects.values_list("pk", flat=True))[1:] == [before + 2, before + 3]
    assert Article.objects.get(url="https://lai.example/b7").duplicate_of_id == before


def test_when_a_batch_fails_it_is_stored_again_one_article_at_a_time(tree, monkeypatch):
    """A fault injected into one article of a batch: the others are stored, and what the store
    learnt from the rolled-back attempt is forgotten (the next batch links to stored rows)."""
    from tuyengiao.press.mentions import UnitNames

    mentioned = UnitNames.mentioned

    def broken(self, text, on=None):
        if "HỎNG" in text:
            raise RuntimeError("injected fault")
        return mentioned(self, text, on=on)

    monkeypatch.setattr(UnitNames, "mentioned", broken)
    store = ArticleStore()
    first = [
        item("Hà Nội quán triệt Chỉ thị 47", BODY, "https://tin.example/a1"),
        item("Bài HỎNG", OTHER + " HỎNG", "https://tin.example/bad", day=20),
        item("Phân luồng giao thông", OTHER, "https://tin.example/a2", day=20),
    ]
    assert [o.status for o in store.store_many(first)] == ["created", "failed", "created"]
    assert not Article.objects.filter(url="https://tin.example/bad").exists()
    assert not Record.objects.filter(title="Bài HỎNG").exists()
    copy = BODY + "\nBài đăng lại từ Báo Tin Ví Dụ."
    assert [
        o.status for o in store.store_many([item("Bản sao", copy, "https://lai.example/c")])
    ] == ["created"]
    original = Article.objects.get(url="https://tin.example/a1")
    copied = Article.objects.get(url="https://lai.example/c")
    assert copied.duplicate_of == original and copied.story_id == original.story_id is not None
    assert Article.objects.count() == SearchEntry.objects.filter(kind="article").count() == 3
