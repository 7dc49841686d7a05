"""Demo data: fictional directives, plans and news written for the project, and demo users.

The documents are ingested through the same pipeline as real files, so the demo shows the
cascade, obligations and findings the way a department would see them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from tuyengiao.accounts.models import User
from tuyengiao.accounts.services import user_create
from tuyengiao.documents.ingest import Outcome, ingest_bytes
from tuyengiao.org.selectors import unit_resolve

DEMO_DATA = Path(__file__).resolve().parent / "demo_data"
DEMO_PASSWORD = "tuyengiao2025"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    description: str
    unit_name: str | None
    role: str
    owns: tuple[str, ...] = ()  # demo files uploaded by this user's unit


DEMO_LOGINS = (
    DemoLogin(
        "truongban.hanoi",
        "Trưởng Ban Tuyên giáo và Dân vận Thành ủy Hà Nội (xem toàn thành phố)",
        "Ban Tuyên giáo và Dân vận Thành ủy Hà Nội",
        User.Role.MANAGER,
        owns=("02-ke-hoach-118-kh-tu-ha-noi.txt",),
    ),
    DemoLogin(
        "canbo.badinh",
        "Cán bộ Đảng ủy phường Ba Đình (chỉ phường mình và cấp trên)",
        "Đảng ủy phường Ba Đình",
        User.Role.OFFICER,
        owns=("03-ke-hoach-12-kh-du-ba-dinh.txt",),
    ),
    DemoLogin(
        "canbo.haiphong",
        "Cán bộ Ban Tuyên giáo và Dân vận Thành ủy Hải Phòng (tỉnh khác)",
        "Ban Tuyên giáo và Dân vận Thành ủy Hải Phòng",
        User.Role.OFFICER,
        owns=("05-ke-hoach-86-kh-tu-hai-phong.txt",),
    ),
    DemoLogin("quantri", "Quản trị hệ thống (xem tất cả)", None, User.Role.ADMIN),
)


DEMO_TOPIC = (
    "Chỉ thị 47-CT/TW, tuyên truyền miệng",
    '"47-CT/TW" OR "Chỉ thị 47" OR "tuyên truyền miệng"',
)


def demo_load(today=None) -> list[Outcome]:
    """Create the demo users and ingest the demo files. Idempotent."""
    import datetime as dt

    today = today or dt.date.today()
    owners = {}
    with transaction.atomic():
        for login in DEMO_LOGINS:
            unit = (
                unit_resolve(name=login.unit_name, symbol=None, on=today)
                if (login.unit_name)
                else None
            )
            if login.unit_name and unit is None:
                raise LookupError(f"Không tìm thấy đơn vị «{login.unit_name}»: chạy tuyengiao init")
            user = User.objects.filter(username=login.username).first()
            if user is None:
                user = user_create(
                    actor=None,
                    username=login.username,
                    password=DEMO_PASSWORD,
                    unit=unit,
                    role=login.role,
                    full_name=login.description.split(" (")[0],
                    is_superuser=login.role == User.Role.ADMIN,
                )
            for name in login.owns:
                owners[name] = user
    outcomes = []
    for path in sorted(DEMO_DATA.iterdir()):
        user = owners.get(path.name)
        outcomes.append(
            ingest_bytes(
                path.read_bytes(),
                filename=path.name,
                location=f"demo/{path.name}",
                owner_unit=user.scope_unit if user else None,
                actor=user,
            )
        )
    _demo_topic()
    return outcomes


def _demo_topic() -> None:
    """A campaign topic over the demo articles, so the press panels have something to show."""
    from tuyengiao.press.models import Topic
    from tuyengiao.press.services import topic_save
    from tuyengiao.press.topics import topic_rematch

    if Topic.objects.filter(name=DEMO_TOPIC[0]).exists():
        return
    topic = topic_save(actor=None, name=DEMO_TOPIC[0], query=DEMO_TOPIC[1])
    topic_rematch(topic)
