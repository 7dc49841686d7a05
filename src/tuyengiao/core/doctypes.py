"""Names of document types, by the abbreviation used in designations."""

TYPE_NAMES: dict[str, str] = {
    "NQ": "Nghị quyết",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "QĐ": "Quyết định",
    "QĐi": "Quy định",
    "QyĐ": "Quy định",
    "QC": "Quy chế",
    "KH": "Kế hoạch",
    "CTr": "Chương trình",
    "HD": "Hướng dẫn",
    "BC": "Báo cáo",
    "TB": "Thông báo",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "TTr": "Tờ trình",
    "CV": "Công văn",
    "NĐ": "Nghị định",
    "LUAT": "Luật",
    "PL": "Pháp lệnh",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "PA": "Phương án",
    "CĐ": "Công điện",
    "BB": "Biên bản",
    "GM": "Giấy mời",
    "VBHN": "Văn bản hợp nhất",
    "QY": "Quy định",
}

# Types that ask lower units to act on them, and so may create obligations.
DIRECTIVE_TYPES = frozenset({"NQ", "CT", "KL", "KH", "CTr", "HD", "QĐ", "QĐi", "CV", "TB"})


def type_name(abbrev: str | None) -> str:
    """The Vietnamese name of a type abbreviation ("CT" → "Chỉ thị"), or "" when unknown."""
    if not abbrev:
        return ""
    return TYPE_NAMES.get(abbrev, "")
