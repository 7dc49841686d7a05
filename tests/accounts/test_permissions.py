"""Who may and who may not, for each permission.

alice: manager, Hà Nội city department (acts for Thành ủy Hà Nội). bob: officer, phường Ba Đình.
charlie: officer, Hải Phòng. vera: viewer in the Hà Nội department. root: administrator.
"""

import pytest

from tuyengiao.accounts.permissions import (
    can_edit_document,
    can_edit_unit,
    can_import_units,
    can_view_audit,
    can_view_document,
    can_view_record,
    can_write,
    document_visibility,
)
from tuyengiao.documents.models import Document, Record


def make_doc(designation, issuing_unit, owner_unit=None, origin="official"):
    return Document.objects.create(
        designation=designation,
        identity_key=designation,
        issuing_unit=issuing_unit,
        owner_unit=owner_unit,
        origin=origin,
    )


@pytest.fixture
def docs(tree):
    return {
        "central": make_doc("47-CT/TW", tree.tw),
        "city": make_doc("118-KH/TU", tree.hanoi, owner_unit=tree.hanoi),
        "badinh": make_doc("12-KH/ĐU", tree.badinh, owner_unit=tree.badinh),
        "ngocha": make_doc("09-KH/ĐU", tree.ngocha, owner_unit=tree.ngocha),
        "haiphong": make_doc("86-KH/TU", tree.haiphong, owner_unit=tree.haiphong),
        "press": make_doc("301-KH/QU", tree.caugiay, origin="mentioned"),
    }


VIEW = [
    # (user, document, may)
    ("alice", "city", True),
    ("alice", "badinh", True),
    ("alice", "central", True),
    ("alice", "haiphong", False),
    ("bob", "badinh", True),
    ("bob", "city", True),
    ("bob", "central", True),
    ("bob", "ngocha", False),
    ("bob", "haiphong", False),
    ("charlie", "haiphong", True),
    ("charlie", "central", True),
    ("charlie", "city", False),
    ("charlie", "badinh", False),
    ("charlie", "press", True),
    ("root", "haiphong", True),
    ("root", "ngocha", True),
]


@pytest.mark.parametrize(("who", "which", "may"), VIEW)
def test_who_may_read_a_document(people, docs, who, which, may):
    user, doc = getattr(people, who), docs[which]
    assert can_view_document(user, doc) is may
    visible = Document.objects.filter(document_visibility(user)).filter(pk=doc.pk).exists()
    assert visible is may


EDIT = [
    ("alice", "city", True),
    ("alice", "badinh", True),
    ("alice", "central", False),
    ("alice", "haiphong", False),
    ("bob", "badinh", True),
    ("bob", "city", False),
    ("bob", "ngocha", False),
    ("charlie", "haiphong", True),
    ("charlie", "city", False),
    ("viewer", "city", False),
    ("root", "central", True),
]


@pytest.mark.parametrize(("who", "which", "may"), EDIT)
def test_who_may_change_a_document(people, docs, who, which, may):
    assert can_edit_document(getattr(people, who), docs[which]) is may


def test_viewers_may_not_write_and_officers_may(people):
    assert can_write(people.viewer) is False
    assert can_write(people.bob) is True


UNITS = [
    ("alice", "badinh", True),
    ("alice", "hanoi", True),
    ("alice", "haiphong", False),
    ("bob", "badinh", False),  # officers do not restructure units
    ("charlie", "hanoi", False),
    ("root", "hanoi", True),
]


@pytest.mark.parametrize(("who", "which", "may"), UNITS)
def test_who_may_change_a_unit(tree, people, who, which, may):
    assert can_edit_unit(getattr(people, who), getattr(tree, which)) is may


def test_only_managers_and_administrators_import_units_and_read_the_audit_log(people):
    assert [can_import_units(getattr(people, w)) for w in ("alice", "bob", "charlie", "root")] == [
        True,
        False,
        False,
        True,
    ]
    assert [can_view_audit(getattr(people, w)) for w in ("alice", "bob", "viewer", "root")] == [
        True,
        False,
        False,
        True,
    ]


def test_articles_from_the_press_are_public_and_uploads_stay_in_their_subtree(tree, people):
    article = Record.objects.create(
        kind="article", location="https://bao.example/a", sha256="a" * 64
    )
    upload = Record.objects.create(
        kind="article", location="noi-bo.txt", sha256="b" * 64, owner_unit=tree.badinh
    )
    assert can_view_record(people.charlie, article) is True
    assert can_view_record(people.bob, upload) is True
    assert can_view_record(people.alice, upload) is True
    assert can_view_record(people.charlie, upload) is False


def test_guidance_of_a_higher_committees_department_reaches_the_units_below(tree, people):
    guidance = make_doc("15-HD/BTGDVTU", tree.hanoi_dept, owner_unit=tree.hanoi_dept)
    assert can_view_document(people.bob, guidance) is True
    assert Document.objects.filter(document_visibility(people.bob), pk=guidance.pk).exists()
    assert can_view_document(people.charlie, guidance) is False
