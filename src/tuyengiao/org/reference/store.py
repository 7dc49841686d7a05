"""Storing the reference hierarchy fast: the bulk half of ``org.services.reference_load``.

About 29,000 units and as many successions are written on a first ``tuyengiao init``. Building
that many model instances and letting ``bulk_create`` compile every value costs seconds, so new
rows are written as plain tuples (primary keys and materialised paths computed here) with
``executemany`` on SQLite and ``COPY`` on PostgreSQL, after which the id sequence is reset.
Changed reference units, a handful at most, go through ``bulk_update``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.core.management.color import no_style
from django.db import connection
from django.db.models import DateField, DateTimeField, Max, Model
from django.utils import timezone

from tuyengiao.core.units import name_key, unit_sort_key
from tuyengiao.org.models import Succession, Unit
from tuyengiao.org.reference.hierarchy import RefSuccession, RefUnit

REFERENCE_FIELDS = (
    "name",
    "kind",
    "level",
    "symbol",
    "area_name",
    "area_code",
    "valid_from",
    "valid_to",
)
# A reference unit as a row. The values from parent_id to the reference fields are compared
# with the stored unit: its place in the tree, its derived sort key, its own values.
_ROW = ("id", "code", "parent_id", "path", "sort_key", *REFERENCE_FIELDS)
_ROW += ("name_folded", "depth", "is_reference", "created_at", "updated_at")
_COMPARED = slice(2, 5 + len(REFERENCE_FIELDS))
_COMPARED_FIELDS = _ROW[_COMPARED]


@dataclass
class UnitsPlan:
    """What loading the reference units changes: rows to insert, units to update."""

    next_pk: int
    existing: dict[str, tuple[int, bool, tuple]]  # code → pk, is_reference, compared values
    now: datetime
    new: list[tuple] = field(default_factory=list)
    changed: list[Unit] = field(default_factory=list)
    pk_of: dict[str, int] = field(default_factory=dict)
    path_of: dict[str, str] = field(default_factory=dict)

    def add(self, ref: RefUnit) -> None:
        """Place ``ref`` under its parent (already placed) and note what to write."""
        parent_pk = self.pk_of[ref.parent_code] if ref.parent_code else None
        parent_path = self.path_of[ref.parent_code] if ref.parent_code else "/"
        stored = self.existing.get(ref.code)
        pk = stored[0] if stored else self._next()
        path = f"{parent_path}{pk}/"
        if stored is not None and not stored[1]:
            path = stored[2][1]  # an administrator's unit under this code: left as it is
        else:
            row = self._row(ref, pk, parent_pk, path)
            if stored is None:
                self.new.append(row)
            elif row[_COMPARED] != stored[2]:
                self.changed.append(Unit(**dict(zip(_ROW, row, strict=True))))
        self.pk_of[ref.code], self.path_of[ref.code] = pk, path

    def _next(self) -> int:
        self.next_pk += 1
        return self.next_pk - 1

    def _row(self, ref: RefUnit, pk: int, parent_pk: int | None, path: str) -> tuple:
        values = tuple(getattr(ref, name) for name in REFERENCE_FIELDS)
        derived = (name_key(ref.name), path.count("/") - 2, True, self.now, self.now)
        return (pk, ref.code, parent_pk, path, unit_sort_key(ref.name), *values, *derived)


def units_plan(refs: list[RefUnit]) -> UnitsPlan:
    """Match ``refs`` (parents before children) to the stored units by code."""
    existing = {
        code: (pk, is_reference, tuple(compared))
        for code, pk, is_reference, *compared in Unit.objects.values_list(
            "code", "pk", "is_reference", *_COMPARED_FIELDS
        )
    }
    top = Unit.objects.aggregate(top=Max("pk"))["top"] or 0
    plan = UnitsPlan(next_pk=top + 1, existing=existing, now=timezone.now())
    for ref in refs:
        plan.add(ref)
    return plan


def units_write(plan: UnitsPlan) -> None:
    """Insert the plan's new units and update its changed ones."""
    if plan.new:
        rows_insert(Unit, _ROW, plan.new)
        _sequence_reset(Unit)
    Unit.objects.bulk_update(
        plan.changed,
        ["parent", "path", "depth", "name_folded", "sort_key", "updated_at", *REFERENCE_FIELDS],
        batch_size=500,
    )


def successions_write(refs: list[RefSuccession], pk_of: dict[str, int]) -> int:
    """Insert the successions between reference units that are not stored yet; returns how
    many were."""
    existing = set(
        Succession.objects.filter(
            predecessor_id__in=Unit.objects.filter(is_reference=True).values("pk"),
        ).values_list("predecessor_id", "successor_id")
    )
    rows = []
    for ref in refs:
        pair = (pk_of[ref.predecessor], pk_of[ref.successor])
        if pair not in existing:
            existing.add(pair)
            rows.append((*pair, ref.kind, ref.effective, ""))
    rows_insert(Succession, ("predecessor", "successor", "kind", "effective", "note"), rows)
    return len(rows)


def rows_insert(model: type[Model], fields: tuple[str, ...], rows: list[tuple]) -> None:
    """``INSERT`` plain value tuples into ``model``'s table: ``COPY`` on PostgreSQL,
    ``executemany`` (a loop in C) elsewhere."""
    if not rows:
        return
    ops = connection.ops
    columns = ", ".join(ops.quote_name(model._meta.get_field(f).column) for f in fields)
    table = ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        placeholders = ", ".join(["%s"] * len(fields))
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES ({placeholders})",
            _adapted(model, fields, rows),
        )


def _adapted(model: type[Model], fields: tuple[str, ...], rows: list[tuple]) -> list[tuple]:
    """Dates and times as the backend stores them (SQLite keeps text, times in UTC); the few
    distinct values are adapted once each."""
    adapters = []
    for index, name in enumerate(fields):
        model_field = model._meta.get_field(name)
        if isinstance(model_field, DateTimeField):
            adapters.append((index, connection.ops.adapt_datetimefield_value))
        elif isinstance(model_field, DateField):
            adapters.append((index, connection.ops.adapt_datefield_value))
    if not adapters:
        return rows
    done: dict[tuple, object] = {}
    adapted = []
    for row in rows:
        row = list(row)
        for index, adapt in adapters:
            value = row[index]
            if value is not None:
                key = (index, value)
                if key not in done:
                    done[key] = adapt(value)
                row[index] = done[key]
        adapted.append(tuple(row))
    return adapted


def _sequence_reset(model: type[Model]) -> None:
    """After inserting explicit primary keys, move the database's id sequence past them."""
    statements = connection.ops.sequence_reset_sql(no_style(), [model])
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
