"""Server-rendered pages: sign-in, dashboard, documents, units, upload."""

import pytest
from django.urls import reverse

from tests.documents.test_ingest import OFFICIAL
from tests.documents.test_registry import WARD_PLANS
from tuyengiao.documents.ingest import ingest_bytes
from tuyengiao.documents.models import Document


@pytest.fixture
def loaded(tree):
    ingest_bytes(OFFICIAL.encode(), filename="118.txt", location="118.txt", owner_unit=tree.hanoi)
    ingest_bytes(WARD_PLANS.encode(), filename="tin.txt", location="tin.txt")


def test_pages_need_a_sign_in(client, db):
    response = client.get(reverse("web:dashboard"))
    assert response.status_code == 302
    assert reverse("web:login") in response["Location"]


def test_sign_in_page_is_vietnamese(client, db):
    content = client.get(reverse("web:login")).content.decode()
    assert "Đăng nhập" in content and "Mật khẩu" in content


def test_the_dashboard_shows_overdue_ward_plans_to_the_city(client, people, tree):
    ingest_bytes(OFFICIAL.encode(), filename="118.txt", location="118.txt", owner_unit=tree.hanoi)
    client.force_login(people.alice)
    content = client.get(reverse("web:dashboard")).content.decode()
    # The deadline (31/10/2025) has passed and neither ward has issued its plan.
    assert 'data-testid="overdue-count">2<' in content
    assert content.count('<span class="badge overdue">Quá hạn</span>') == 2
    assert "Đảng ủy phường Ngọc Hà" in content and "Đảng ủy phường Ba Đình" in content


def test_the_dashboard_lists_findings_of_the_users_subtree(client, people, loaded):
    client.force_login(people.alice)
    assert "V01" in client.get(reverse("web:dashboard")).content.decode()
    client.force_login(people.charlie)
    assert "V01" not in client.get(reverse("web:dashboard")).content.decode()


def test_the_document_page_shows_cascade_obligations_citations_and_findings(client, people, loaded):
    client.force_login(people.alice)
    directive = Document.objects.get(designation="47-CT/TW")
    content = client.get(directive.get_absolute_url()).content.decode()
    assert content.index("118-KH/TU") < content.index("12-KH/ĐU")
    assert "Được nhắc đến trong" in content
    plan = Document.objects.get(designation="118-KH/TU")
    content = client.get(plan.get_absolute_url()).content.decode()
    assert "Đảng ủy phường Ngọc Hà" in content and "Đã ban hành" in content


def test_a_user_of_another_province_gets_not_found(client, people, loaded):
    client.force_login(people.charlie)
    plan = Document.objects.get(designation="118-KH/TU")
    assert client.get(plan.get_absolute_url()).status_code == 404


def test_the_document_list_searches_without_diacritics(client, people, loaded):
    client.force_login(people.alice)
    content = client.get(
        reverse("documents:document-list"), {"q": "thong tin co so"}
    ).content.decode()
    assert "118-KH/TU" in content
    partial = client.get(
        reverse("documents:document-list"), {"q": "118-KH/TU"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "<html" not in partial and "118-KH/TU" in partial


def test_units_are_listed_in_vietnamese_alphabetical_order(client, people, tree):
    from tests.factories import make_unit

    for name in ("Đảng ủy phường Yên Hòa", "Đảng ủy phường Đống Đa", "Đảng ủy phường Dương Nội"):
        make_unit(name, parent=tree.hanoi, level="grassroots", symbol="ĐU")
    client.force_login(people.alice)
    content = client.get(reverse("org:unit-list"), {"level": "grassroots"}).content.decode()
    names = ["Ba Đình", "Dương Nội", "Đống Đa", "Ngọc Hà", "Yên Hòa"]
    positions = [content.index(f"Đảng ủy phường {n}") for n in names]
    assert positions == sorted(positions)


def test_upload_ingests_a_file_and_reports_json(client, people, tree):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(people.alice)
    response = client.post(
        reverse("documents:upload-file"),
        {"file": SimpleUploadedFile("118.txt", OFFICIAL.encode(), content_type="text/plain")},
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "created"
    assert Document.objects.get(designation="118-KH/TU").owner_unit == tree.hanoi
    bad = client.post(
        reverse("documents:upload-file"),
        {"file": SimpleUploadedFile("hong.pdf", b"%PDF-1.4 rac", content_type="application/pdf")},
    )
    assert bad.status_code == 422 and bad.json()["status"] == "failed"


def test_viewers_may_not_upload(client, people):
    client.force_login(people.viewer)
    assert client.get(reverse("documents:upload")).status_code == 403


def test_an_uploaded_official_document_keeps_its_file_for_those_who_may_read_it(
    client, people, tree, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(people.alice)
    client.post(
        reverse("documents:upload-file"),
        {"file": SimpleUploadedFile("118.txt", OFFICIAL.encode(), content_type="text/plain")},
    )
    attachment = Document.objects.get(designation="118-KH/TU").attachments.get()
    url = reverse("documents:attachment-download", args=[attachment.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == OFFICIAL.encode()
    client.force_login(people.charlie)
    assert client.get(url).status_code == 404


def test_the_issuing_side_edits_a_document_and_the_change_is_audited(client, people, loaded):
    from tuyengiao.accounts.models import AuditEntry

    plan = Document.objects.get(designation="118-KH/TU")
    client.force_login(people.alice)
    response = client.post(
        plan.get_absolute_url(),
        {"summary": "về thông tin cơ sở (đã rà soát)", "date": "2025-09-15", "status": "in_force"},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.summary == "về thông tin cơ sở (đã rà soát)"
    assert AuditEntry.objects.filter(action="document_update", object_id=str(plan.pk)).exists()
    client.force_login(people.bob)
    response = client.post(plan.get_absolute_url(), {"summary": "x", "status": "in_force"})
    assert response.status_code == 403


def test_the_search_page_offers_filters_and_counts_hits(client, people, loaded):
    client.force_login(people.alice)
    response = client.get(reverse("web:search"), {"q": "thông tin cơ sở", "kind": "document"})
    content = response.content.decode()
    assert response.status_code == 200 and 'name="topic"' in content and 'name="unit"' in content
    assert all(hit.kind == "document" for hit in response.context["hits"])
    assert response.context["total"] >= len(response.context["hits"]) > 0
