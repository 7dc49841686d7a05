"""Units of the Party and State hierarchy: committees, their departments, People's Committees."""

from django.db import models

from tuyengiao.core.units import LEVEL_RANK


class Level(models.TextChoices):
    CENTRAL = "central", "Trung ương"
    PROVINCE = "province", "Cấp tỉnh"
    DISTRICT = "district", "Cấp huyện"
    GRASSROOTS = "grassroots", "Cấp cơ sở"


LEVEL_ORDER = {Level(level): rank for level, rank in LEVEL_RANK.items()}


class Kind(models.TextChoices):
    COMMITTEE = "committee", "Cấp ủy"
    DEPARTMENT = "department", "Ban Tuyên giáo (và Dân vận)"
    PARTY_BOARD = "party_board", "Cơ quan tham mưu của cấp ủy"
    PEOPLES_COMMITTEE = "peoples_committee", "Ủy ban nhân dân"
    PEOPLES_COUNCIL = "peoples_council", "Hội đồng nhân dân"
    MASS_ORGANISATION = "mass_organisation", "Mặt trận, đoàn thể"
    OTHER = "other", "Khác"


class Unit(models.Model):
    """A node of the hierarchy.

    ``path`` is a materialised path of primary keys (``/1/12/345/``) so that a subtree is
    one ``path__startswith`` query; services keep it in step with ``parent``.
    """

    code = models.CharField("mã", max_length=64, unique=True)
    name = models.CharField("tên", max_length=255)
    name_folded = models.CharField(max_length=255, db_index=True, editable=False)
    # Vietnamese alphabetical order as plain ASCII (core.units.unit_sort_key): lists are
    # sorted and paginated in the database
    sort_key = models.CharField(max_length=640, db_index=True, editable=False, default="")
    kind = models.CharField("loại", max_length=32, choices=Kind.choices)
    level = models.CharField("cấp", max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="đơn vị cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    symbol = models.CharField("ký hiệu cơ quan ban hành", max_length=32, blank=True)
    area_name = models.CharField("địa bàn", max_length=128, blank=True)
    area_code = models.CharField("mã đơn vị hành chính", max_length=16, blank=True, db_index=True)
    valid_from = models.DateField("hoạt động từ", null=True, blank=True)
    valid_to = models.DateField("hoạt động đến", null=True, blank=True)
    is_reference = models.BooleanField("dữ liệu danh mục quốc gia", default=False)
    successors = models.ManyToManyField(
        "self",
        through="Succession",
        symmetrical=False,
        related_name="predecessors",
        through_fields=("predecessor", "successor"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        indexes = [models.Index(fields=["symbol", "level"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("org:unit-detail", args=[self.pk])

    def existed_on(self, day) -> bool:
        """True when the unit was in operation on ``day``."""
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_to and day > self.valid_to)

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part][:-1]


class Succession(models.Model):
    """One unit replaced (wholly or in part) by another, e.g. in the 2025 reorganisation."""

    class Kind(models.TextChoices):
        MERGE = "merge", "Sáp nhập, hợp nhất"
        SPLIT = "split", "Chia tách"
        RENAME = "rename", "Đổi tên"
        DISSOLVE = "dissolve", "Giải thể, chuyển giao"

    predecessor = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    successor = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.MERGE)
    effective = models.DateField("có hiệu lực từ", null=True, blank=True)
    note = models.CharField(max_length=255, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="unique_succession"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"
