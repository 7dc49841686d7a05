from django.contrib import admin

from tuyengiao.documents.models import Citation, Document, Obligation, Record, Relation
from tuyengiao.org.admin import ReadOnlyAdmin


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ("designation", "doc_type", "issuing_unit", "date", "origin", "status")
    list_filter = ("system", "doc_type", "origin", "status")
    search_fields = ("designation", "summary", "issuer_text")
    raw_id_fields = ("issuing_unit", "owner_unit")
    readonly_fields = ("identity_key",)


@admin.register(Record)
class RecordAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "location", "published", "ingested_at")
    list_filter = ("kind", "format")
    search_fields = ("title", "location")
    raw_id_fields = ("document", "owner_unit")


@admin.register(Relation)
class RelationAdmin(ReadOnlyAdmin):
    list_display = ("subject", "kind", "object", "record")
    list_filter = ("kind",)
    raw_id_fields = ("subject", "object", "record")


@admin.register(Obligation)
class ObligationAdmin(ReadOnlyAdmin):
    list_display = ("document", "unit", "due")
    raw_id_fields = ("document", "unit")


@admin.register(Citation)
class CitationAdmin(ReadOnlyAdmin):
    list_display = ("raw", "designation", "kind", "record")
    search_fields = ("designation", "raw")
    raw_id_fields = ("record", "document")
