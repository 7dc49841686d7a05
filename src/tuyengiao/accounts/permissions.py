"""Who may do what. Every rule is a plain function of the user and the object.

A user acts within their unit's subtree: they read what their subtree issued and what higher
units issued (addressed downward), and write only within their subtree. Administrators see all.
What is known only from public news (mentioned documents, articles ingested without an owner)
is readable by every signed-in user.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

if TYPE_CHECKING:
    from tuyengiao.accounts.models import User
    from tuyengiao.documents.models import Document, Record
    from tuyengiao.org.models import Unit

WRITER_ROLES = ("admin", "manager", "officer")
# Departments and staff bodies speak for their committee: their guidance goes down too.
STAFF_KINDS = ("department", "party_board")


def in_subtree(unit: Unit | None, root: Unit | None) -> bool:
    """True when ``unit`` is ``root`` or below it."""
    return bool(unit and root and unit.path.startswith(root.path))


def is_ancestor_or_self(unit: Unit | None, of: Unit | None) -> bool:
    return bool(unit and of and of.path.startswith(unit.path))


def can_write(user: User) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and (user.is_platform_admin or (user.role in WRITER_ROLES and user.scope_unit is not None))
    )


def document_visibility(user: User) -> Q:
    """A filter on Document for what ``user`` may read."""
    if user.is_platform_admin:
        return Q()
    public = Q(origin="mentioned", owner_unit__isnull=True) | Q(
        issuing_unit__isnull=True, owner_unit__isnull=True
    )
    unit = user.scope_unit
    if unit is None:
        return public
    return (
        public
        | Q(issuing_unit__path__startswith=unit.path)
        | Q(issuing_unit_id__in=unit.ancestor_ids)
        | Q(issuing_unit__parent_id__in=unit.ancestor_ids, issuing_unit__kind__in=STAFF_KINDS)
        | Q(owner_unit__path__startswith=unit.path)
    )


def is_higher_unit(unit: Unit | None, of: Unit | None) -> bool:
    """True when ``unit`` is above ``of``: an ancestor, or a department of an ancestor."""
    if unit is None or of is None:
        return False
    if is_ancestor_or_self(unit, of):
        return True
    return unit.kind in STAFF_KINDS and unit.parent_id in of.ancestor_ids


def can_view_document(user: User, document: Document) -> bool:
    if user.is_platform_admin:
        return True
    if document.owner_unit_id is None and (
        document.origin == "mentioned" or document.issuing_unit_id is None
    ):
        return True
    unit = user.scope_unit
    return bool(
        unit
        and (
            in_subtree(document.issuing_unit, unit)
            or is_higher_unit(document.issuing_unit, unit)
            or in_subtree(document.owner_unit, unit)
        )
    )


def can_edit_document(user: User, document: Document) -> bool:
    if not can_write(user):
        return False
    if user.is_platform_admin:
        return True
    return in_subtree(document.issuing_unit, user.scope_unit) or in_subtree(
        document.owner_unit, user.scope_unit
    )


def record_visibility(user: User) -> Q:
    """A filter on Record: public articles, and what the user's subtree uploaded."""
    if user.is_platform_admin:
        return Q()
    visible = Q(owner_unit__isnull=True, kind="article")
    if user.scope_unit is None:
        return visible
    return (
        visible
        | Q(owner_unit__path__startswith=user.scope_unit.path)
        | Q(owner_unit__isnull=True, document__in=_visible_documents(user))
    )


def _visible_documents(user: User):
    from tuyengiao.documents.models import Document

    return Document.objects.filter(document_visibility(user)).values("pk")


def can_view_record(user: User, record: Record) -> bool:
    if user.is_platform_admin:
        return True
    if record.owner_unit_id is None:
        return record.kind == "article" or (
            record.document is not None and can_view_document(user, record.document)
        )
    return in_subtree(record.owner_unit, user.scope_unit)


def can_edit_unit(user: User, unit: Unit) -> bool:
    """Change a unit or add one below it: administrators, or managers of an ancestor unit."""
    if not can_write(user):
        return False
    if user.is_platform_admin:
        return True
    return user.role == "manager" and in_subtree(unit, user.scope_unit)


def can_import_units(user: User) -> bool:
    return can_write(user) and (user.is_platform_admin or user.role == "manager")


def can_view_audit(user: User) -> bool:
    return user.is_authenticated and (user.is_platform_admin or user.role == "manager")
