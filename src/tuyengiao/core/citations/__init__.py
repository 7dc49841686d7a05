"""Citations of Party and State documents in free text.

``find_citations`` finds every mention ("Chỉ thị số 30-CT/TW ngày 05/02/2024 của Ban Bí thư",
"Nghị định 30/2020", "Nghị quyết Trung ương 4 khóa XII"); ``parse_designation`` reads one
bare designation from a document header.
"""

from .find import find_citations, parse_designation
from .models import Citation

__all__ = ["Citation", "find_citations", "parse_designation"]
