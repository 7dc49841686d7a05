"""The press API: sources, articles, topics and coverage, behind the same authentication."""

import pytest

from tests.press.test_views import archive  # noqa: F401 — a fixture
from tuyengiao.accounts.services import token_create
from tuyengiao.press.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture
def headers(people):
    token = token_create(actor=people.root, user=people.bob, name="cổng thông tin")
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_press_endpoints_need_authentication(client, db):
    assert client.get("/api/press/articles").status_code == 401


def test_sources_articles_topics_and_coverage(client, headers, archive):  # noqa: F811
    source, topic = archive
    sources = client.get("/api/press/sources", **headers).json()
    assert [(s["name"], s["articles"]) for s in sources] == [("Báo Tin Ví Dụ", 4)]
    listed = client.get(f"/api/press/articles?topic={topic.pk}", **headers).json()
    assert len(listed) == 3 and listed[0]["url"] == "https://tin.example/ct47-14"
    detail = client.get(f"/api/press/articles/{listed[0]['id']}", **headers).json()
    assert detail["documents"] == ["47-CT/TW"] and "Chỉ thị số 47-CT/TW" in detail["text"]
    topics = client.get("/api/press/topics", **headers).json()
    assert topics[0]["articles"] == 3
    url = f"/api/press/topics/{topic.pk}/coverage?date_from=2025-03-10&date_to=2025-03-14"
    coverage = client.get(url, **headers).json()
    assert coverage["articles"] == 3 and len(coverage["days"]) == 5
    assert [d["articles"] for d in coverage["days"]] == [1, 0, 1, 0, 1]
    assert client.get("/api/press/articles/999999", **headers).status_code == 404
    assert Article.objects.count() == 4
