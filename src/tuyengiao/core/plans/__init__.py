"""Propose a plan's task groups and tasks from its text, for the user to confirm or edit.

A plan (Kế hoạch, Chương trình, Hướng dẫn) sets out its work in one part, under a heading
such as "II. NHIỆM VỤ, GIẢI PHÁP", "NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU", "NỘI DUNG" or "NHIỆM VỤ
TRỌNG TÂM", between "MỤC ĐÍCH, YÊU CẦU" and "TỔ CHỨC THỰC HIỆN". The numbered sections of
that part are the task groups (nhóm nhiệm vụ, giải pháp); their sub-items ("1.1.", "a)",
"-") are the tasks. A text without such a part (a short ward plan, a directive, a news
report of a plan) gives its top-level numbered sections, outside any "Mục đích" or "Tổ chức
thực hiện" section; a text without a numbered list gives nothing.

Each proposal also carries what its own text states about who does it ("Ban Tuyên giáo và
Dân vận chủ trì, phối hợp với Văn phòng Thành ủy ...", "- Cơ quan phối hợp: ...") and when
("hoàn thành trước ngày 30/6/2025", "trong quý III/2025", "hằng quý", "thường xuyên"): a
group's own text is its text outside its tasks. Units come back as written, tone marks in the
modern style (``Thành uỷ`` → ``Thành ủy``), for services to resolve (``core.units``).

Lines are read one by one: a marker at the start of a line ("II.", "2.", "2)", "2.1.", "b)",
"-", "+") or a heading line (in capitals, or a known section name) gives the structure. A
list nested after a colon ("Gồm: 1. ... 2. ...") stays inside its item. Headings are matched
folded; units and deadlines on lowercase text that keeps its diacritics ("sở" is not "số"),
in one tone-mark style. NFD input is read as NFC; offsets are into the text as given, titles
and texts are NFC.

The package: ``items`` (what a proposal is), ``structure`` (finding the groups and tasks),
``units`` (who is responsible), ``schedule`` (when it is due).
"""

from tuyengiao.core.plans.items import (
    TITLE_MAX,
    ProposedGroup,
    ProposedItem,
    ProposedTask,
    Schedule,
    TaskRecurrence,
    Units,
)
from tuyengiao.core.plans.schedule import read_schedule
from tuyengiao.core.plans.structure import propose_task_groups
from tuyengiao.core.plans.units import find_units

__all__ = [
    "TITLE_MAX",
    "TaskRecurrence",
    "ProposedGroup",
    "ProposedItem",
    "ProposedTask",
    "Schedule",
    "Units",
    "find_units",
    "propose_task_groups",
    "read_schedule",
]
