"""REST API: token auth, OpenAPI schema, the registry endpoints and citation extraction."""

import json

import pytest

from tests.documents.test_ingest import OFFICIAL
from tuyengiao.accounts.services import token_create
from tuyengiao.documents.ingest import ingest_bytes


@pytest.fixture
def token(people):
    return token_create(actor=people.root, user=people.alice, name="hệ thống báo cáo")


def auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_the_openapi_schema_and_docs_are_served_locally(client, people):
    schema = client.get("/api/openapi.json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    for path in (
        "/api/units",
        "/api/documents",
        "/api/findings",
        "/api/search",
        "/api/citations/extract",
    ):
        assert path in paths
    client.force_login(people.alice)
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    assert b"cdn" not in docs.content.lower()


def test_it_refuses_requests_without_a_token(client, db):
    assert client.get("/api/documents").status_code == 401
    assert client.get("/api/documents", **auth("tgs_sai")).status_code == 401


def test_it_extracts_citations(client, token):
    response = client.post(
        "/api/citations/extract",
        data=json.dumps({"text": "Thực hiện Kế hoạch số 241-KH/TU ngày 30/5/2024 của Thành ủy."}),
        content_type="application/json",
        **auth(token),
    )
    assert response.status_code == 200
    cite = response.json()[0]
    assert (cite["designation"], cite["date"], cite["start"]) == ("241-KH/TU", "2024-05-30", 10)


def test_it_rejects_an_extract_request_without_text(client, token):
    response = client.post(
        "/api/citations/extract", data="{}", content_type="application/json", **auth(token)
    )
    assert response.status_code == 422


def test_documents_cascade_and_search_respect_the_token_owner(client, tree, people, token):
    ingest_bytes(OFFICIAL.encode(), filename="118.txt", location="118.txt", owner_unit=tree.hanoi)
    listed = client.get("/api/documents?q=118-KH/TU", **auth(token)).json()
    plan = next(d for d in listed if d["designation"] == "118-KH/TU")
    cascade = client.get("/api/documents/{}/cascade".format(listed[-1]["id"]), **auth(token))
    assert cascade.status_code == 200
    directive = next(
        d
        for d in client.get("/api/documents", **auth(token)).json()
        if d["designation"] == "47-CT/TW"
    )
    tree_ = client.get(f"/api/documents/{directive['id']}/cascade", **auth(token)).json()
    assert tree_["children"][0]["designation"] == "118-KH/TU"
    obligations = client.get(f"/api/documents/{plan['id']}/obligations", **auth(token)).json()
    assert {o["unit"] for o in obligations} == {"Đảng ủy phường Ba Đình", "Đảng ủy phường Ngọc Hà"}
    hits = client.get("/api/search?q=thong tin co so", **auth(token)).json()
    assert any("118-KH/TU" in h["title"] for h in hits)
    other = token_create(actor=people.root, user=people.charlie, name="khác")
    assert client.get(f"/api/documents/{plan['id']}", **auth(other)).status_code == 404


def test_units_endpoint_lists_and_details(client, tree, token):
    units = client.get("/api/units?q=ba dinh", **auth(token)).json()
    assert [u["name"] for u in units] == ["Đảng ủy phường Ba Đình"]
    detail = client.get(f"/api/units/{tree.hanoi.pk}", **auth(token)).json()
    assert detail["parent"]["code"] == "tw"
    assert "Đảng ủy phường Ba Đình" in {c["name"] for c in detail["children"]}
