"""Reads for accounts: the audit log a user may see."""

from django.db.models import QuerySet

from tuyengiao.accounts.models import AuditEntry


def audit_entries(*, user, action: str = "") -> QuerySet[AuditEntry]:
    """Administrators see every entry; managers the changes made by people of their subtree."""
    entries = AuditEntry.objects.select_related("actor")
    if not user.is_platform_admin:
        scope = user.scope_unit
        if scope is None:
            return entries.none()
        entries = entries.filter(actor__unit__path__startswith=scope.path)
    if action:
        entries = entries.filter(action=action)
    return entries
