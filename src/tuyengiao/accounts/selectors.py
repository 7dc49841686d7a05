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


AUDIT_ACTIONS = {
    "document_register": "Đăng ký văn bản",
    "document_complete": "Bổ sung văn bản gốc",
    "document_replace": "Thay văn bản gốc",
    "document_update": "Sửa thông tin văn bản",
    "record_ingest": "Nạp tệp, tin bài",
    "relation_record": "Ghi quan hệ giữa văn bản",
    "obligation_derive": "Xác định đơn vị phải ban hành văn bản",
    "unit_create": "Tạo đơn vị",
    "unit_update": "Sửa đơn vị",
    "unit_add_successor": "Ghi đơn vị kế thừa",
    "units_import": "Nhập đơn vị từ Excel",
    "reference_load": "Nạp danh mục đơn vị toàn quốc",
    "user_create": "Tạo người dùng",
    "user_update": "Sửa người dùng",
    "token_create": "Cấp mã truy cập API",
}


def audit_action_label(action: str) -> str:
    return AUDIT_ACTIONS.get(action, action)
