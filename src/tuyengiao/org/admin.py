"""Admin for units and successions: for looking things up. Changes go through the services
(the units pages and the Excel import), which keep paths and the audit log in step."""

from django.contrib import admin

from tuyengiao.core.units import name_key
from tuyengiao.org.models import Succession, Unit


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SuccessorInline(admin.TabularInline):
    model = Succession
    fk_name = "predecessor"
    fields = ("successor", "kind", "effective", "note")
    readonly_fields = fields
    extra = 0
    verbose_name = "đơn vị kế thừa"
    verbose_name_plural = "đơn vị kế thừa"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Unit)
class UnitAdmin(ReadOnlyAdmin):
    list_display = ("name", "code", "kind", "level", "symbol", "parent", "valid_from", "valid_to")
    list_filter = ("level", "kind", "is_reference")
    search_fields = ("name_folded", "code")
    list_select_related = ("parent",)
    show_full_result_count = False
    ordering = ("path",)
    inlines = [SuccessorInline]

    def get_search_results(self, request, queryset, search_term):
        """Search the folded name, so "Quan uy Ba Dinh" finds "Quận ủy Ba Đình"."""
        return super().get_search_results(request, queryset, name_key(search_term))


@admin.register(Succession)
class SuccessionAdmin(ReadOnlyAdmin):
    list_display = ("predecessor", "successor", "kind", "effective")
    list_filter = ("kind", "effective")
    search_fields = ("predecessor__name_folded", "successor__name_folded")
    list_select_related = ("predecessor", "successor")
    show_full_result_count = False

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, name_key(search_term))
