"""Writes for units: create, update (re-parent), successions, and the national reference load."""

from __future__ import annotations

import time
from datetime import date
from typing import Any, TextIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Length, Substr

from tuyengiao.accounts.models import User
from tuyengiao.accounts.services import audit_record, audit_snapshot
from tuyengiao.core.units import fits_under, name_key, unit_sort_key
from tuyengiao.org.models import LEVEL_ORDER, Level, Succession, Unit
from tuyengiao.org.reference.data import snapshot_read
from tuyengiao.org.reference.hierarchy import national_hierarchy
from tuyengiao.org.reference.store import successions_write, units_plan, units_write

UPDATABLE_FIELDS = (
    "code",
    "name",
    "kind",
    "level",
    "parent",
    "symbol",
    "area_name",
    "area_code",
    "valid_from",
    "valid_to",
)


def unit_validate(unit: Unit) -> None:
    """Raise ValidationError (in Vietnamese) when ``unit`` may not be stored as it is."""
    unit.full_clean(exclude=["path", "depth", "name_folded", "sort_key"])
    errors: dict[str, str] = {}
    if unit.valid_from and unit.valid_to and unit.valid_to < unit.valid_from:
        errors["valid_to"] = "Ngày kết thúc hoạt động phải sau ngày bắt đầu hoạt động."
    parent = unit.parent
    if parent is not None:
        problem = placement_problem(
            level=unit.level,
            kind=unit.kind,
            parent_level=parent.level,
            parent_kind=parent.kind,
            parent_label=f"«{parent.name}»",
        )
        if problem:
            errors["level"] = problem[0].upper() + problem[1:] + "."
    if errors:
        raise ValidationError(errors)


def placement_problem(
    *, level: str, kind: str, parent_level: str, parent_kind: str, parent_label: str
) -> str | None:
    """Why a unit of ``level`` and ``kind`` may not sit directly under its parent (a sentence
    fragment in Vietnamese), or None when it may. See ``core.units.fits_under``."""
    if fits_under(level=level, kind=kind, parent_level=parent_level, parent_kind=parent_kind):
        return None
    if LEVEL_ORDER[level] < LEVEL_ORDER[parent_level]:
        return (
            f"cấp của đơn vị ({Level(level).label}) cao hơn cấp của đơn vị cấp trên "
            f"{parent_label} ({Level(parent_level).label})"
        )
    return (
        f"đơn vị cùng cấp với đơn vị cấp trên {parent_label} ({Level(level).label}): chỉ các ban, "
        "cơ quan của một cấp ủy mới trực thuộc cấp ủy đó ở cùng cấp"
    )


def unit_create(
    *,
    actor: User | None,
    code: str,
    name: str,
    kind: str,
    level: str,
    parent: Unit | None = None,
    symbol: str = "",
    area_name: str = "",
    area_code: str = "",
    valid_from: date | None = None,
    valid_to: date | None = None,
) -> Unit:
    unit = Unit(
        code=code.strip(),
        name=" ".join(name.split()),
        name_folded=name_key(name),
        sort_key=unit_sort_key(name),
        kind=kind,
        level=level,
        parent=parent,
        symbol=symbol.strip(),
        area_name=area_name.strip(),
        area_code=area_code.strip(),
        valid_from=valid_from,
        valid_to=valid_to,
    )
    unit_validate(unit)
    with transaction.atomic():
        unit.save()
        parent_path = (
            Unit.objects.values_list("path", flat=True).get(pk=parent.pk) if (parent) else "/"
        )
        unit.path = f"{parent_path}{unit.pk}/"
        unit.depth = unit.path.count("/") - 2
        unit.save(update_fields=["path", "depth"])
        audit_record(actor=actor, action="unit_create", obj=unit, after=audit_snapshot(unit))
    return unit


def unit_update(*, actor: User | None, unit: Unit, **fields: Any) -> Unit:
    """Change the given fields; moving a unit (``parent=``) moves its whole subtree."""
    unknown = set(fields) - set(UPDATABLE_FIELDS)
    if unknown:
        raise TypeError(f"unit_update() got unexpected fields: {', '.join(sorted(unknown))}")
    if "name" in fields:
        fields["name"] = " ".join(fields["name"].split())
    with transaction.atomic():
        unit = Unit.objects.select_for_update(of=("self",)).select_related("parent").get(pk=unit.pk)
        changed = [name for name, value in fields.items() if getattr(unit, name) != value]
        if not changed:
            return unit
        before = audit_snapshot(unit, fields=changed)
        old_path = unit.path
        for name in changed:
            setattr(unit, name, fields[name])
        if "name" in changed:
            unit.name_folded = name_key(unit.name)
            unit.sort_key = unit_sort_key(unit.name)
        if "parent" in changed:
            unit.path = f"{_new_parent_path(unit, unit.parent)}{unit.pk}/"
            unit.depth = unit.path.count("/") - 2
        unit_validate(unit)
        if "level" in changed or "kind" in changed:
            _check_children_levels(unit)
        unit.save()
        if unit.path != old_path:
            _subtree_move(old_path, unit.path)
        audit_record(
            actor=actor,
            action="unit_update",
            obj=unit,
            before=before,
            after=audit_snapshot(unit, fields=changed),
        )
    return unit


def _new_parent_path(unit: Unit, parent: Unit | None) -> str:
    """The stored path of the new parent; refuses a parent inside the unit's own subtree."""
    if parent is None:
        return "/"
    parent_path = Unit.objects.values_list("path", flat=True).get(pk=parent.pk)
    if parent.pk == unit.pk or parent_path.startswith(unit.path):
        raise ValidationError(
            {
                "parent": "Không thể đặt đơn vị làm cấp dưới của chính nó hoặc của đơn vị "
                "trực thuộc nó."
            }
        )
    return parent_path


def _check_children_levels(unit: Unit) -> None:
    """Refuse a new level or kind under which the unit's children no longer fit."""
    for child in unit.children.only("level", "kind"):
        if not fits_under(
            level=child.level, kind=child.kind, parent_level=unit.level, parent_kind=unit.kind
        ):
            raise ValidationError(
                {"level": "Đơn vị có đơn vị trực thuộc ở cấp cao hơn hoặc ngang cấp mới của nó."}
            )


def _subtree_move(old_prefix: str, new_prefix: str) -> None:
    """Rewrite the paths of every descendant after its ancestor moved: one UPDATE."""
    delta = new_prefix.count("/") - old_prefix.count("/")
    Unit.objects.filter(path__startswith=old_prefix).exclude(path=old_prefix).update(
        path=Concat(Value(new_prefix), Substr("path", len(old_prefix) + 1, Length("path"))),
        depth=F("depth") + delta,
    )


def unit_add_successor(
    *,
    actor: User | None,
    predecessor: Unit,
    successor: Unit,
    kind: str,
    effective: date | None,
    note: str = "",
) -> Succession:
    if predecessor.pk == successor.pk:
        raise ValidationError("Đơn vị không thể là đơn vị kế thừa của chính nó.")
    if kind not in Succession.Kind.values:
        raise ValidationError({"kind": f"Hình thức kế thừa '{kind}' không hợp lệ."})
    if Succession.objects.filter(predecessor=predecessor, successor=successor).exists():
        raise ValidationError(f"{successor} đã được ghi là đơn vị kế thừa của {predecessor}.")
    with transaction.atomic():
        succession = Succession.objects.create(
            predecessor=predecessor,
            successor=successor,
            kind=kind,
            effective=effective,
            note=note,
        )
        audit_record(
            actor=actor,
            action="unit_add_successor",
            obj=predecessor,
            after=audit_snapshot(succession),
        )
    return succession


# ---------------------------------------------------------------------------------------------
# The national reference hierarchy


def reference_load(*, stdout: TextIO | None = None, provinces: list[str] | None = None) -> dict:
    """Load the national hierarchy of units (before and after 1/7/2025); idempotent.

    Units are matched by code: missing ones are created, changed reference units updated,
    units an administrator created under the same code left alone. ``provinces`` (old or new
    province codes) limits the load, for tests. Returns counts.
    """
    started = time.perf_counter()
    refs, ref_successions = national_hierarchy(snapshot_read(), provinces)
    with transaction.atomic():
        plan = units_plan(refs)
        units_write(plan)
        if plan.changed:
            paths_rebuild()  # a moved reference unit takes its subtree along
        counts = {
            "units": len(refs),
            "units_created": len(plan.new),
            "units_updated": len(plan.changed),
            "successions": len(ref_successions),
            "successions_created": successions_write(ref_successions, plan.pk_of),
        }
        if counts["units_created"] or counts["units_updated"] or counts["successions_created"]:
            audit_record(
                actor=None,
                action="reference_load",
                object_type="org.unit",
                label="Danh mục đơn vị quốc gia",
                after=counts,
            )
    counts["seconds"] = round(time.perf_counter() - started, 2)
    if stdout is not None:
        stdout.write(
            "Danh mục đơn vị: {units_created} đơn vị mới, {units_updated} cập nhật, "
            "{successions_created} quan hệ kế thừa mới ({seconds} giây).\n".format(**counts)
        )
    return counts


def paths_rebuild() -> int:
    """Recompute every unit's ``path`` and ``depth`` from ``parent``; returns how many changed.

    A repair tool, and the fallback after the reference load moved a unit.
    """
    rows = {
        pk: (parent, path)
        for pk, parent, path in Unit.objects.values_list("pk", "parent_id", "path")
    }
    computed: dict[int, str] = {}

    def path_of(pk: int) -> str:
        chain = []
        while pk not in computed:
            chain.append(pk)
            parent = rows[pk][0]
            if parent is None:
                computed[pk] = f"/{pk}/"
                chain.pop()
                break
            pk = parent
        for item in reversed(chain):
            computed[item] = f"{computed[rows[item][0]]}{item}/"
        return computed[chain[0]] if chain else computed[pk]

    changed = []
    for pk, (_, path) in rows.items():
        if path_of(pk) != path:
            changed.append(Unit(pk=pk, path=computed[pk], depth=computed[pk].count("/") - 2))
    Unit.objects.bulk_update(changed, ["path", "depth"], batch_size=500)
    return len(changed)
