"""Reference data for the org tests: Hà Nội (01), Hải Dương (30) and Hải Phòng (31), loaded
once per module; the full national load has its own test."""

import pytest

from tuyengiao.accounts.models import AuditEntry, User
from tuyengiao.org.models import Succession, Unit
from tuyengiao.org.services import reference_load

PROVINCES = ["01", "30", "31"]


def units_clear() -> None:
    Succession.objects.all().delete()
    AuditEntry.objects.all().delete()
    Unit.objects.update(parent=None)
    Unit.objects.all().delete()


@pytest.fixture(scope="module")
def reference(django_db_setup, django_db_blocker):
    """The hierarchy of three provinces, committed for the module and removed afterwards."""
    with django_db_blocker.unblock():
        counts = reference_load(provinces=PROVINCES)
    yield counts
    with django_db_blocker.unblock():
        units_clear()


@pytest.fixture
def unit(reference, db):
    """Look a reference unit up by code: ``unit("d-001")``."""
    return lambda code: Unit.objects.get(code=code)


@pytest.fixture
def admin(db):
    """An administrator (no password: hashing one costs more than the test)."""
    return User.objects.create(username="root", role=User.Role.ADMIN)
