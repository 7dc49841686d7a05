"""The units pages and API over the reference hierarchy: every unit reachable, in order."""

import pytest
from django.urls import reverse

from tests.factories import make_user
from tuyengiao.accounts.models import User
from tuyengiao.accounts.services import token_create
from tuyengiao.org.models import Kind, Level, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(unit):
    return make_user("hanoi", unit("p-01"), User.Role.MANAGER)


@pytest.fixture
def token(admin, manager):
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(actor=admin, user=manager, name='x')}"}


def grassroots_in_order() -> list[Unit]:
    return sorted(
        Unit.objects.filter(level=Level.GRASSROOTS),
        key=lambda u: (u.sort_key, u.valid_from is not None, u.valid_from, u.pk),
    )


def test_with_no_filter_the_list_shows_the_provinces_in_operation_today(client, manager):
    client.force_login(manager)
    page = client.get(reverse("org:unit-list")).context["page"]
    assert {u.code for u in page} == {
        "p-01",
        "p-01-btgdv",
        "p-01-ubnd",
        "p-31-2025",
        "p-31-2025-btgdv",
        "p-31-2025-ubnd",
    }


def test_the_list_counts_every_unit_and_reaches_the_last_page(client, manager):
    client.force_login(manager)
    expected = grassroots_in_order()
    assert len(expected) > 2000
    first = client.get(reverse("org:unit-list"), {"level": "grassroots"}).context["page"]
    assert first.paginator.count == len(expected)
    last = client.get(
        reverse("org:unit-list"), {"level": "grassroots", "page": first.paginator.num_pages}
    )
    assert list(last.context["page"]) == expected[(first.paginator.num_pages - 1) * 50 :]
    assert expected[-1].name in last.content.decode()


def test_the_api_pages_through_every_unit_in_order(client, token):
    expected = [u.code for u in grassroots_in_order()]
    url = "/api/units"
    page = client.get(url, {"level": "grassroots", "offset": 2000, "limit": 1000}, **token)
    assert [u["code"] for u in page.json()] == expected[2000:3000]
    assert client.get(url, {"offset": -1}, **token).status_code == 422


def test_the_unit_page_lists_successors_and_children_in_vietnamese_order(client, manager, unit):
    client.force_login(manager)
    response = client.get(reverse("org:unit-detail", args=[unit("d-001").pk]))
    successors = [u.name for u in response.context["successors"] if u.kind == Kind.COMMITTEE]
    assert successors[0] == "Đảng ủy phường Ba Đình"
    assert [u.sort_key for u in response.context["successors"]] == sorted(
        u.sort_key for u in response.context["successors"]
    )
    children = response.context["children"]
    assert [u.sort_key for u in children] == sorted(u.sort_key for u in children)
    assert "can_edit" not in response.context


def test_the_api_shows_predecessors_in_vietnamese_order(client, token, unit):
    detail = client.get(f"/api/units/{unit('p-31-2025').pk}", **token).json()
    assert [u["name"] for u in detail["predecessors"]] == [
        "Thành ủy Hải Phòng",
        "Tỉnh ủy Hải Dương",
    ]


def test_the_export_holds_every_unit_of_the_filter(client, manager):
    import io

    from openpyxl import load_workbook

    client.force_login(manager)
    response = client.get(reverse("org:unit-export"), {"level": "grassroots"})
    rows = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0].iter_rows()
    assert sum(1 for _ in rows) - 1 == Unit.objects.filter(level=Level.GRASSROOTS).count()
