"""Shared fixtures: a small unit tree and the people who act in it.

alice heads the Hà Nội city department (may read and write the whole city), bob is an officer
of phường Ba Đình (his ward and what higher units issued), charlie works in Hải Phòng (no
access to Hà Nội's internal documents), root administers the platform.
"""

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def shared_dir() -> Path:
    return Path(os.environ.get("TUYENGIAO_SHARED") or REPO.parent / "shared")


@pytest.fixture
def shared():
    path = shared_dir()
    if not path.is_dir():
        pytest.skip(f"shared corpus and reference cases not found at {path}")
    return path


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On SQLite, tests use a database file, as the platform does.

    Django's default in-memory test database is shared between threads through SQLite's shared
    cache, where a reader meets "database schema is locked" instead of waiting while another
    thread (the live server's worker) writes. A file gets WAL and the busy timeout from settings.
    """
    import shutil
    import tempfile

    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3" or database.get("TEST", {}).get("NAME"):
        yield
        return
    shm = Path("/dev/shm")  # memory-backed where the machine has it: the file is thrown away
    scratch = Path(
        tempfile.mkdtemp(prefix="tuyengiao-test-", dir=shm if os.access(shm, os.W_OK) else None)
    )
    database.setdefault("TEST", {})["NAME"] = str(scratch / "test.sqlite3")
    yield
    shutil.rmtree(scratch, ignore_errors=True)


@pytest.fixture(autouse=True)
def search_index_in_memory(request):
    """Each test searches a fresh in-memory index (the rows of its own database)."""
    try:
        settings = request.getfixturevalue("settings")
    except pytest.FixtureLookupError:  # pure tests, run without Django
        yield
        return
    from tuyengiao.documents.search import search_index_reset

    settings.TUYENGIAO_SEARCH_DIR = ""
    search_index_reset()
    yield
    search_index_reset()


@dataclass
class Tree:
    tw: object
    hanoi: object
    hanoi_dept: object
    badinh: object
    ngocha: object
    haiphong: object
    haiphong_dept: object
    caugiay: object


@pytest.fixture
def tree(db):
    from tests.factories import make_unit
    from tuyengiao.org.models import Kind, Level

    tw = make_unit("Ban Chấp hành Trung ương Đảng", level=Level.CENTRAL, symbol="TW", code="tw")
    hanoi = make_unit("Thành ủy Hà Nội", parent=tw, symbol="TU", area_name="Hà Nội", code="p-01")
    hanoi_dept = make_unit(
        "Ban Tuyên giáo và Dân vận Thành ủy Hà Nội",
        parent=hanoi,
        kind=Kind.DEPARTMENT,
        symbol="BTGDVTU",
        area_name="Hà Nội",
        code="p-01-btgdv",
    )
    caugiay = make_unit(
        "Quận ủy Cầu Giấy",
        parent=hanoi,
        level=Level.DISTRICT,
        symbol="QU",
        area_name="Cầu Giấy",
        code="d-005",
        valid_to=dt.date(2025, 6, 30),
    )
    badinh = make_unit(
        "Đảng ủy phường Ba Đình",
        parent=hanoi,
        level=Level.GRASSROOTS,
        symbol="ĐU",
        area_name="Ba Đình",
        code="c2-00004",
        valid_from=dt.date(2025, 7, 1),
    )
    ngocha = make_unit(
        "Đảng ủy phường Ngọc Hà",
        parent=hanoi,
        level=Level.GRASSROOTS,
        symbol="ĐU",
        area_name="Ngọc Hà",
        code="c2-00008",
        valid_from=dt.date(2025, 7, 1),
    )
    haiphong = make_unit(
        "Thành ủy Hải Phòng", parent=tw, symbol="TU", area_name="Hải Phòng", code="p-31"
    )
    haiphong_dept = make_unit(
        "Ban Tuyên giáo và Dân vận Thành ủy Hải Phòng",
        parent=haiphong,
        kind=Kind.DEPARTMENT,
        symbol="BTGDVTU",
        area_name="Hải Phòng",
        code="p-31-btgdv",
    )
    return Tree(tw, hanoi, hanoi_dept, badinh, ngocha, haiphong, haiphong_dept, caugiay)


@dataclass
class People:
    alice: object
    bob: object
    charlie: object
    root: object
    viewer: object


@pytest.fixture
def people(tree):
    from tests.factories import make_user
    from tuyengiao.accounts.models import User

    return People(
        alice=make_user("alice", tree.hanoi_dept, User.Role.MANAGER),
        bob=make_user("bob", tree.badinh, User.Role.OFFICER),
        charlie=make_user("charlie", tree.haiphong_dept, User.Role.OFFICER),
        root=make_user("root", None, User.Role.ADMIN),
        viewer=make_user("vera", tree.hanoi_dept, User.Role.VIEWER),
    )
