"""Small builders for tests: units with correct paths, users, documents."""

from __future__ import annotations

import datetime as dt

from tuyengiao.accounts.models import User
from tuyengiao.core.text import fold
from tuyengiao.core.units import unit_sort_key
from tuyengiao.org.models import Kind, Level, Unit


def make_unit(
    name: str,
    *,
    parent: Unit | None = None,
    level: str = Level.PROVINCE,
    kind: str = Kind.COMMITTEE,
    symbol: str = "",
    area_name: str = "",
    code: str | None = None,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> Unit:
    unit = Unit.objects.create(
        code=code or fold(name).replace(" ", "-"),
        name=name,
        name_folded=fold(name),
        sort_key=unit_sort_key(name),
        kind=kind,
        level=level,
        parent=parent,
        symbol=symbol,
        area_name=area_name,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.depth = (parent.depth + 1) if parent else 0
    unit.save(update_fields=["path", "depth"])
    return unit


def make_user(username: str, unit: Unit | None, role: str = User.Role.OFFICER, **extra) -> User:
    user = User.objects.create_user(
        username=username, password="mat-khau-thu", unit=unit, role=role, **extra
    )
    return user
