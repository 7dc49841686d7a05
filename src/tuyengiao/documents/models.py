"""The document registry: documents, where they were read, what cites what."""

from django.db import models


class System(models.TextChoices):
    PARTY = "party", "Văn bản của Đảng"
    STATE = "state", "Văn bản của Nhà nước"


class Document(models.Model):
    """A Party or State document.

    The same designation recurs across Party terms (30-CT/TW of 1998 and of 2024), so identity
    is the designation plus the term (Party) or year (State); services keep that unique.
    """

    class Origin(models.TextChoices):
        OFFICIAL = "official", "Có văn bản gốc"
        MENTIONED = "mentioned", "Biết qua trích dẫn"
        MANUAL = "manual", "Nhập tay"

    class Status(models.TextChoices):
        IN_FORCE = "in_force", "Còn hiệu lực"
        AMENDED = "amended", "Đã được sửa đổi"
        REPLACED = "replaced", "Đã bị thay thế"
        REPEALED = "repealed", "Đã bị bãi bỏ"

    designation = models.CharField("số, ký hiệu", max_length=64, blank=True, db_index=True)
    doc_type = models.CharField("loại", max_length=16, blank=True, db_index=True)
    type_word = models.CharField("tên loại theo văn bản", max_length=16, blank=True)
    number = models.PositiveIntegerField("số", null=True, blank=True)
    symbol = models.CharField("ký hiệu", max_length=48, blank=True)
    issuer_symbol = models.CharField("ký hiệu cơ quan ban hành", max_length=32, blank=True)
    system = models.CharField("hệ thống", max_length=8, choices=System.choices, blank=True)
    year = models.PositiveSmallIntegerField("năm trong số hiệu", null=True, blank=True)
    date = models.DateField("ngày ban hành", null=True, blank=True, db_index=True)
    date_raw = models.CharField(max_length=64, blank=True)
    term = models.PositiveSmallIntegerField("khóa", null=True, blank=True)
    identity_key = models.CharField(max_length=96, unique=True, editable=False)
    issuing_unit = models.ForeignKey(
        "org.Unit",
        verbose_name="cơ quan ban hành",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents_issued",
    )
    issuer_text = models.CharField("cơ quan ban hành (theo văn bản)", max_length=255, blank=True)
    owner_unit = models.ForeignKey(
        "org.Unit",
        verbose_name="đơn vị nhập",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents_owned",
    )
    title = models.CharField("tiêu đề", max_length=500, blank=True)
    summary = models.TextField("trích yếu", blank=True)
    body = models.TextField("nội dung", blank=True)
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.MENTIONED)
    status = models.CharField(
        "hiệu lực", max_length=16, choices=Status.choices, default=Status.IN_FORCE
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        indexes = [  # "05-CT/TW" and "5-CT/TW" are one document (``services._candidates``)
            models.Index(fields=["number", "symbol"], name="document_number_symbol"),
        ]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("documents:document-detail", args=[self.pk])

    @property
    def term_roman(self) -> str:
        from tuyengiao.core.terms import int_to_roman

        return int_to_roman(self.term) if self.term else ""

    @property
    def label(self) -> str:
        from tuyengiao.core.doctypes import type_name

        name = type_name(self.doc_type) or "Văn bản"
        if self.designation:
            return f"{name} số {self.designation}"
        return self.title or name


class Record(models.Model):
    """A file or page that was ingested: an official document's own copy, or a news article."""

    class Kind(models.TextChoices):
        OFFICIAL = "official", "Văn bản gốc"
        ARTICLE = "article", "Tin, bài"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    location = models.CharField("nguồn", max_length=1000)
    filename = models.CharField(max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, unique=True)
    format = models.CharField(max_length=8, blank=True)
    size = models.PositiveIntegerField(default=0)
    title = models.CharField("tiêu đề", max_length=500, blank=True)
    published = models.DateField("ngày đăng", null=True, blank=True, db_index=True)
    text = models.TextField(blank=True)
    document = models.OneToOneField(
        Document, null=True, blank=True, on_delete=models.CASCADE, related_name="record"
    )
    owner_unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ingested_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-ingested_at", "-id"]
        verbose_name = "nguồn"
        verbose_name_plural = "nguồn"

    def __str__(self) -> str:
        return self.title or self.filename or self.location


class Citation(models.Model):
    """A mention of a document found in a record, with its span and what it resolved to."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="citations")
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="citations"
    )
    kind = models.CharField(max_length=24)
    designation = models.CharField(max_length=64, blank=True, db_index=True)
    doc_type = models.CharField(max_length=16, blank=True)
    number = models.PositiveIntegerField(null=True, blank=True)
    raw = models.CharField(max_length=500)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    data = models.JSONField(default=dict)

    class Meta:
        ordering = ["record_id", "start"]

    def __str__(self) -> str:
        return self.raw


class Relation(models.Model):
    """``subject`` implements / guides / replaces / amends / repeals ``object``."""

    class Kind(models.TextChoices):
        IMPLEMENTS = "implements", "triển khai thực hiện"
        GUIDES = "guides", "hướng dẫn"
        REPLACES = "replaces", "thay thế"
        AMENDS = "amends", "sửa đổi, bổ sung"
        REPEALS = "repeals", "bãi bỏ"

    subject = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="relations_out")
    object = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="relations_in")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    record = models.ForeignKey(
        Record, null=True, blank=True, on_delete=models.CASCADE, related_name="relations"
    )
    evidence = models.TextField(blank=True)
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subject", "object", "kind", "record"], name="unique_relation_per_source"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} {self.get_kind_display()} {self.object}"


class Obligation(models.Model):
    """A document requires the units at a level below its issuer to issue implementing documents.

    Each unit's status (issued / due / overdue) is derived by selectors, not stored.
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="obligations")
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="obligations")
    due = models.DateField("hạn ban hành", null=True, blank=True)
    requirement = models.TextField("yêu cầu", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "unit"], name="unique_obligation"),
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {self.document}"


class Attachment(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="attachments/%Y/%m/")
    name = models.CharField(max_length=255)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class SearchEntry(models.Model):
    """One searchable record (a document or a record) mirrored into the full-text index.

    The full-text index (``documents.search``) is derived from these rows: it indexes what
    changed since its watermark (``updated_at``), and ``tuyengiao reindex`` rebuilds it.
    """

    class Kind(models.TextChoices):
        DOCUMENT = "document", "Văn bản"
        ARTICLE = "article", "Tin, bài"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    document = models.OneToOneField(
        Document, null=True, blank=True, on_delete=models.CASCADE, related_name="search_entry"
    )
    record = models.OneToOneField(
        Record, null=True, blank=True, on_delete=models.CASCADE, related_name="search_entry"
    )
    title = models.CharField(max_length=500, blank=True)
    text = models.TextField(blank=True)
    date = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    def __str__(self) -> str:
        return self.title
