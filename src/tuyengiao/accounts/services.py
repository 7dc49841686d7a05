"""Writes for accounts, and the audit trail every service writes to."""

from __future__ import annotations

from typing import Any

from django.db import models

from tuyengiao.accounts.models import AuditEntry, User


def audit_snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The concrete field values of ``obj`` as JSON-friendly data, for ``before``/``after``."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        if field.name in ("created_at", "updated_at", "password"):
            continue
        value = field.value_from_object(obj)
        if value is not None and not isinstance(value, (str, int, float, bool, list, dict)):
            value = str(value)
        data[field.attname if field.is_relation else field.name] = value
    return data


def audit_record(
    *,
    actor: User | None,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    label: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Write one audit entry. Call inside the service's transaction."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        label = label or str(obj)[:255]
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        actor_label=(actor.get_username() if actor is not None and actor.pk else "hệ thống"),
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_label=label[:255],
        before=before,
        after=after,
    )


def user_create(
    *,
    actor: User | None,
    username: str,
    password: str,
    unit=None,
    role: str = User.Role.OFFICER,
    full_name: str = "",
    email: str = "",
    is_superuser: bool = False,
) -> User:
    """Create a user in ``unit`` with ``role``."""
    from django.db import transaction

    with transaction.atomic():
        user = User(
            username=username,
            unit=unit,
            role=role,
            full_name=full_name,
            email=email,
            is_superuser=is_superuser,
            is_staff=is_superuser,
        )
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save()
        audit_record(actor=actor, action="user_create", obj=user, after=audit_snapshot(user))
    return user


def token_create(*, actor: User, user: User, name: str) -> str:
    """Issue an API token for ``user``; returns the key, which is shown once and never stored."""
    import hashlib
    import secrets

    from django.db import transaction

    from tuyengiao.accounts.models import ApiToken

    key = "tgs_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name[:100],
            key_hash=hashlib.sha256(key.encode()).hexdigest(),
            prefix=key[4:12],
        )
        audit_record(actor=actor, action="token_create", obj=token, after={"user": user.pk})
    return key
