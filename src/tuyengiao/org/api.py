"""API for units: list and detail, with predecessors and successors."""

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from tuyengiao.org.models import Unit
from tuyengiao.org.selectors import unit_children, unit_list, unit_predecessors, unit_successors

MAX_PAGE = 1000

router = Router(tags=["Đơn vị"])


class UnitRef(Schema):
    id: int
    code: str
    name: str


class UnitOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    level: str
    symbol: str
    parent_id: int | None
    area_name: str
    area_code: str
    valid_from: dt.date | None
    valid_to: dt.date | None


class UnitDetailOut(UnitOut):
    parent: UnitRef | None
    children: list[UnitRef]
    successors: list[UnitRef]
    predecessors: list[UnitRef]


class UnitFilter(Schema):
    q: str | None = None
    level: str | None = None
    kind: str | None = None
    parent: int | None = None
    on: dt.date | None = None
    limit: int = Field(100, ge=1, description=f"at most {MAX_PAGE}")
    offset: int = Field(0, ge=0)


@router.get("", response=list[UnitOut], summary="Danh sách đơn vị")
def units(request, filters: Query[UnitFilter]):
    """Units in Vietnamese alphabetical order, a page at a time (``limit``, ``offset``)."""
    parent = get_object_or_404(Unit, pk=filters.parent) if filters.parent else None
    found = unit_list(
        query=filters.q, level=filters.level, kind=filters.kind, parent=parent, on=filters.on
    )
    return found[filters.offset : filters.offset + min(filters.limit, MAX_PAGE)]


def _ref(unit: Unit) -> UnitRef:
    return UnitRef(id=unit.pk, code=unit.code, name=unit.name)


@router.get("/{unit_id}", response=UnitDetailOut, summary="Chi tiết đơn vị")
def unit_detail(request, unit_id: int):
    unit = get_object_or_404(Unit.objects.select_related("parent"), pk=unit_id)
    data = UnitOut.from_orm(unit).dict()
    return UnitDetailOut(
        **data,
        parent=_ref(unit.parent) if unit.parent else None,
        children=[_ref(u) for u in unit_children(unit)[:500]],
        successors=[_ref(u) for u in unit_successors(unit)],
        predecessors=[_ref(u) for u in unit_predecessors(unit)],
    )
