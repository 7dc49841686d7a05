"""Plans become work: task groups, tasks assigned to units, progress reports, indicators,
review conferences, reminders.

A unit's figure for a period is the value in its current progress report (corrections add a new
report and keep the old one as history); figures that the data already holds (documents issued,
articles on a topic) are counted by selectors, not stored.
"""

from django.db import models
from django.urls import reverse


class Plan(models.Model):
    """A registered Kế hoạch, Chương trình or Hướng dẫn, turned into tracked work."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Chờ xác nhận nhóm nhiệm vụ"
        ACTIVE = "active", "Đang thực hiện"
        CLOSED = "closed", "Đã kết thúc"

    document = models.OneToOneField(
        "documents.Document", on_delete=models.CASCADE, related_name="plan"
    )
    unit = models.ForeignKey(
        "org.Unit", verbose_name="đơn vị chủ trì", on_delete=models.PROTECT, related_name="plans"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PROPOSED)
    start = models.DateField("từ ngày", null=True, blank=True)
    end = models.DateField("đến ngày", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-document__date", "-id"]
        verbose_name = "kế hoạch"
        verbose_name_plural = "kế hoạch"

    def __str__(self) -> str:
        return str(self.document)

    def get_absolute_url(self) -> str:
        return reverse("work:plan-detail", args=[self.pk])


class TaskGroup(models.Model):
    """A group of tasks (nhóm nhiệm vụ, giải pháp): a numbered section of the plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="groups")
    number = models.CharField("số thứ tự", max_length=16, blank=True)
    title = models.CharField("tên nhóm nhiệm vụ", max_length=500)
    text = models.TextField("nội dung", blank=True)
    order = models.PositiveIntegerField(default=0)
    confirmed = models.BooleanField("đã xác nhận", default=False)

    class Meta:
        ordering = ["plan_id", "order", "id"]
        verbose_name = "nhóm nhiệm vụ"
        verbose_name_plural = "nhóm nhiệm vụ"

    def __str__(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title


class Indicator(models.Model):
    """A figure a review reports: counted from the data, or reported by units."""

    class Source(models.TextChoices):
        REPORTED = "reported", "Đơn vị báo cáo"
        DOCUMENTS = "documents", "Văn bản đơn vị ban hành"
        ARTICLES = "articles", "Tin, bài về chủ đề"
        STORIES = "stories", "Sự kiện báo chí về chủ đề"
        EVENTS = "events", "Hội nghị đã tổ chức"
        ATTENDANCE = "attendance", "Lượt người dự hội nghị"

    code = models.SlugField("mã", max_length=48, unique=True)
    name = models.CharField("tên chỉ tiêu", max_length=255)
    measure = models.CharField("đơn vị tính", max_length=48, blank=True)
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.REPORTED)
    doc_type = models.CharField("loại văn bản", max_length=16, blank=True)
    topic = models.ForeignKey(
        "press.Topic", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"

    def __str__(self) -> str:
        return self.name


class Task(models.Model):
    """A task of a group, for the units responsible (and those coordinating)."""

    class Recurrence(models.TextChoices):
        NONE = "", "Một lần"
        MONTHLY = "monthly", "Hằng tháng"
        QUARTERLY = "quarterly", "Hằng quý"
        HALF_YEARLY = "half-yearly", "6 tháng một lần"
        YEARLY = "yearly", "Hằng năm"

    group = models.ForeignKey(TaskGroup, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField("nhiệm vụ", max_length=500)
    text = models.TextField("nội dung", blank=True)
    due = models.DateField("thời hạn", null=True, blank=True, db_index=True)
    recurrence = models.CharField(
        "định kỳ", max_length=16, choices=Recurrence.choices, default="", blank=True
    )
    indicators = models.ManyToManyField(Indicator, blank=True, related_name="tasks")
    order = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["group_id", "order", "id"]
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"

    def __str__(self) -> str:
        return self.title


class Assignment(models.Model):
    """A unit's share of a task: it leads it, or coordinates."""

    class Role(models.TextChoices):
        LEAD = "lead", "Chủ trì"
        COORDINATE = "coordinate", "Phối hợp"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="assignments")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.LEAD)
    # The status of the latest period reported (kept by ``report_submit``), for fast roll-ups.
    status = models.CharField(max_length=16, default="not_started", editable=False)
    status_period_end = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task", "unit"], name="unique_assignment"),
        ]
        indexes = [models.Index(fields=["unit", "role"])]

    def __str__(self) -> str:
        return f"{self.unit}: {self.task}"


class ProgressReport(models.Model):
    """A unit's report on a task for a period. A correction is a new report; the old one stays,
    no longer current."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Chưa triển khai"
        IN_PROGRESS = "in_progress", "Đang thực hiện"
        DONE = "done", "Hoàn thành"

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="reports")
    period = models.CharField("kỳ báo cáo", max_length=16, db_index=True)
    period_end = models.DateField("ngày cuối kỳ", editable=False)
    status = models.CharField(max_length=16, choices=Status.choices)
    note = models.TextField("kết quả, ghi chú", blank=True)
    evidence_url = models.URLField("đường dẫn minh chứng", max_length=1000, blank=True)
    evidence_document = models.ForeignKey(
        "documents.Document",
        verbose_name="văn bản minh chứng",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    evidence_file = models.FileField(
        "tệp minh chứng", upload_to="evidence/%Y/%m/", blank=True, max_length=300
    )
    current = models.BooleanField(default=True)
    replaces = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaced_by"
    )
    submitted_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["assignment", "period", "current"]),
            models.Index(fields=["assignment", "current", "period_end"]),
        ]

    def __str__(self) -> str:
        return f"{self.assignment} — {self.period}"


class IndicatorValue(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    value = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="unique_value"),
        ]


class Event(models.Model):
    """A review conference (hội nghị sơ kết, tổng kết) or a speakers' briefing."""

    class Kind(models.TextChoices):
        INTERIM_REVIEW = "interim_review", "Hội nghị sơ kết"
        FINAL_REVIEW = "final_review", "Hội nghị tổng kết"
        BRIEFING = "briefing", "Hội nghị báo cáo viên"
        OTHER = "other", "Hội nghị khác"

    class Format(models.TextChoices):
        IN_PERSON = "in_person", "Trực tiếp"
        ONLINE = "online", "Trực tuyến"
        HYBRID = "hybrid", "Trực tiếp kết hợp trực tuyến"

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="events")
    plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    kind = models.CharField("loại", max_length=16, choices=Kind.choices)
    title = models.CharField("tên hội nghị", max_length=500)
    date = models.DateField("ngày", db_index=True)
    format = models.CharField("hình thức", max_length=16, choices=Format.choices)
    invitees = models.TextField("thành phần mời", blank=True)
    invited = models.PositiveIntegerField("số đại biểu được mời", default=0)
    attended = models.PositiveIntegerField("số đại biểu dự", default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = "hội nghị"
        verbose_name_plural = "hội nghị"

    def __str__(self) -> str:
        return self.title


class Reminder(models.Model):
    """A reminder to a unit: a deadline ahead, or a report missing."""

    class Kind(models.TextChoices):
        DEADLINE = "deadline", "Sắp đến hạn"
        OVERDUE = "overdue", "Quá hạn"
        MISSING_REPORT = "missing_report", "Chưa báo cáo"

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    period = models.CharField(max_length=16, blank=True)
    due = models.DateField(null=True, blank=True)
    message = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "kind", "period", "due"], name="unique_reminder"
            ),
        ]

    def __str__(self) -> str:
        return self.message
