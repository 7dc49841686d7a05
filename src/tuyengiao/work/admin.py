from django.contrib import admin

from tuyengiao.org.admin import ReadOnlyAdmin
from tuyengiao.work.models import Event, Indicator, Plan, ProgressReport, Reminder, Task


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ("document", "unit", "status", "start")
    list_filter = ("status",)


@admin.register(Task)
class TaskAdmin(ReadOnlyAdmin):
    list_display = ("title", "group", "due", "recurrence")
    search_fields = ("title",)


@admin.register(ProgressReport)
class ProgressReportAdmin(ReadOnlyAdmin):
    list_display = ("assignment", "period", "status", "current", "submitted_at")
    list_filter = ("status", "current", "period")


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = ("name", "code", "measure", "source")


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ("title", "unit", "kind", "date", "format", "attended")
    list_filter = ("kind", "format")


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ("message", "kind", "due", "emailed_at", "read_at")
    list_filter = ("kind",)
