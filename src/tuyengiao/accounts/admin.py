from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from tuyengiao.accounts.models import ApiToken, AuditEntry, User
from tuyengiao.accounts.services import audit_record, audit_snapshot


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "full_name", "unit", "role", "is_active")
    list_filter = ("role", "is_active")
    raw_id_fields = ("unit",)
    fieldsets = BaseUserAdmin.fieldsets + (("Đơn vị", {"fields": ("unit", "role", "full_name")}),)

    def save_model(self, request, obj, form, change):
        before = audit_snapshot(User.objects.get(pk=obj.pk), AUDITED) if change else None
        super().save_model(request, obj, form, change)
        audit_record(
            actor=request.user,
            action="user_update" if change else "user_create",
            obj=obj,
            before=before,
            after=audit_snapshot(obj, AUDITED),
        )


AUDITED = ["username", "unit", "role", "full_name", "is_active", "is_superuser", "is_staff"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "actor_label", "action", "object_type", "object_label")
    list_filter = ("action", "object_type")
    search_fields = ("object_label", "actor_label")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at")
    readonly_fields = ("key_hash", "prefix")
