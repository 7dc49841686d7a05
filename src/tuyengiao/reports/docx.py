"""Render a review report as DOCX in the Party document format (Hướng dẫn 36-HD/VPTW).

A4; margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman 14 pt, Vietnamese
as the proofing language. The header and the closing are borderless two-column tables, the way
office staff build them in Word, so they stay aligned when edited. Section headings use Word's
Heading 1–3 styles (restyled: black Times New Roman) so they show in the navigation pane; body
paragraphs use Body Text. Pages from the second on carry their number, centred at the top.
Charts are PNG images drawn by ``charts``.
"""

from __future__ import annotations

import io

import docx
from docx.document import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Length, Mm, Pt, Twips
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from tuyengiao.core.text import nfc
from tuyengiao.reports.charts import layout_chart, to_png
from tuyengiao.reports.document import (
    ISSUER_MARK,
    PARTY_MOTTO,
    SUMMARY_RULE,
    Chart,
    Heading,
    Paragraph,
    ReviewReport,
    Section,
    Table,
)

__all__ = ["render_docx"]

FONT = "Times New Roman"
PAGE_WIDTH, PAGE_HEIGHT = Twips(11906), Twips(16838)  # A4, as Word writes it
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(20), Mm(20), Mm(30), Mm(15)
TEXT_WIDTH = Mm(210 - 30 - 15)
BODY_SIZE = Pt(14)
TABLE_SIZE = Pt(12)
INDENT = Cm(1)
# The left column holds "BAN TUYÊN GIÁO VÀ DÂN VẬN" (75 mm in bold 14 pt) on one line; the right
# one the motto and "Hà Nội, ngày 15 tháng 12 năm 2025" (72 mm in italics).
_HEADER_COLUMNS = (Mm(83), Mm(82))
_CLOSING_COLUMNS = (Mm(83), Mm(82))
#: "ĐẢNG CỘNG SẢN VIỆT NAM" in Times New Roman bold 15 pt (measured with the metric-compatible
#: Liberation Serif 2.x): the rule under it is as long as the words (HD 36).
MOTTO_WIDTH = Mm(72.7)
_CELL_MARGIN = Twips(108)  # Word's default left and right cell margin
_CHART_WIDTH = Mm(150)
_NO_SPACE = Pt(0)
_SIGNATURE_SPACE = 4  # empty lines for the signature and the seal
_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


def render_docx(report: ReviewReport) -> bytes:
    """The report as a DOCX file, for staff to edit before it is signed."""
    document = docx.Document()
    _set_up(document, report)
    _header(document, report)
    _title(document, report)
    for section in report.sections:
        _section(document, section)
    _closing(document, report)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- Page and styles ---------------------------------------------------------------------------


def _set_up(document: Document, report: ReviewReport) -> None:
    _set_up_page(document)
    _set_up_styles(document)
    properties = document.core_properties
    properties.title = nfc(f"{report.title} {' '.join(report.summary_lines())}")
    properties.author = nfc(" ".join(report.issuer_lines()))
    properties.language = "vi-VN"


def _set_up_page(document: Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False  # an empty header on page 1
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(number)


def _set_up_styles(document: Document) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(run_defaults)
    _set_child(run_defaults, "w:sz", val=str(int(BODY_SIZE.pt * 2)))
    _set_child(run_defaults, "w:szCs", val=str(int(BODY_SIZE.pt * 2)))
    _set_child(run_defaults, "w:lang", val="vi-VN", eastAsia="vi-VN", bidi="ar-SA")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")  # single

    body = document.styles["Body Text"].paragraph_format
    body.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.first_line_indent = INDENT
    body.space_before, body.space_after = Pt(0), Pt(6)
    for level in (1, 2, 3):
        style = document.styles[f"Heading {level}"]
        rpr = style.element.get_or_add_rPr()
        _set_fonts(rpr)
        for tag in ("w:color", "w:sz", "w:szCs"):  # blue, 13–14 pt in the template
            for element in rpr.findall(qn(tag)):
                rpr.remove(element)
        style.font.bold, style.font.italic = True, level == 3
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        style.paragraph_format.first_line_indent = INDENT
        style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(6), Pt(6)


def _set_fonts(rpr: BaseOxmlElement) -> None:
    """Times New Roman for every script, replacing theme fonts (which would win over it)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)


def _set_child(parent: BaseOxmlElement, tag: str, **attributes: str) -> None:
    child = parent.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        parent.append(child)
    for name, value in attributes.items():
        child.set(qn(f"w:{name}"), value)


def _page_field(paragraph: DocxParagraph) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    _set_child(rpr, "w:sz", val=str(int(BODY_SIZE.pt * 2)))
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(rpr)
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


# --- Building blocks ---------------------------------------------------------------------------


def _add_run(
    paragraph: DocxParagraph,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: Length | None = None,
) -> None:
    run = paragraph.add_run(nfc(text))
    run.bold, run.italic = bold or None, italic or None
    if underline:
        run.underline = True
    if size is not None:
        run.font.size = size


def _line(
    container: Document | _Cell,
    text: str,
    *,
    align: str = "center",
    size: Length | None = None,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    space_after: Length = _NO_SPACE,
) -> DocxParagraph:
    """A one-line paragraph with no indent (header, title, closing)."""
    paragraph = container.add_paragraph()
    paragraph.alignment = _ALIGN[align]
    paragraph.paragraph_format.space_after = space_after
    _add_run(paragraph, text, bold=bold, italic=italic, underline=underline, size=size)
    return paragraph


def _layout_table(document: Document, widths: tuple[Length, ...], rows: int) -> DocxTable:
    """A borderless table for laying out the header and the closing."""
    table = document.add_table(rows=rows, cols=len(widths))
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    _insert_before(table._tbl.tblPr, borders, ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"))
    _set_widths(table, widths)
    return table


def _insert_before(
    parent: BaseOxmlElement, child: BaseOxmlElement, successors: tuple[str, ...]
) -> None:
    """Insert ``child`` before the first of ``successors`` present: Word wants schema order."""
    for tag in successors:
        found = parent.find(qn(tag))
        if found is not None:
            found.addprevious(child)
            return
    parent.append(child)


def _set_widths(table: DocxTable, widths: tuple[Length, ...] | list[Length]) -> None:
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _row_flag(tr: BaseOxmlElement, tag: str) -> None:
    tr.get_or_add_trPr().append(OxmlElement(tag))


def _fresh(cell: _Cell) -> _Cell:
    """Drop the empty paragraph a new cell starts with (lines are added after it)."""
    cell._tc.remove(cell.paragraphs[0]._p)
    return cell


def _rule(cell: _Cell, width: Length, column: Length) -> None:
    """A horizontal rule ``width`` long, centred: an empty paragraph's bottom border."""
    paragraph = cell.add_paragraph()
    inset = Length(max(0, (column - 2 * _CELL_MARGIN - width) // 2))
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = inset
    paragraph.paragraph_format.space_after = Pt(0)
    ppr = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{name}"), value)
    border.append(bottom)
    ppr.insert(0, border)  # pBdr precedes spacing, ind and jc
    mark = OxmlElement("w:rPr")  # the paragraph mark sets an empty paragraph's height
    _set_child(mark, "w:sz", val="4")
    ppr.append(mark)


# --- Header, title, body, closing --------------------------------------------------------------


def _header(document: Document, report: ReviewReport) -> None:
    table = _layout_table(document, _HEADER_COLUMNS, rows=2)
    left, right = _fresh(table.cell(0, 0)), _fresh(table.cell(0, 1))
    for line in report.superior_lines():
        _line(left, line)
    for line in report.issuer_lines():
        _line(left, line, bold=True)
    _line(left, ISSUER_MARK)
    _line(right, PARTY_MOTTO, bold=True, size=Pt(15))
    _rule(right, MOTTO_WIDTH, _HEADER_COLUMNS[1])
    _line(_fresh(table.cell(1, 0)), report.number_line())
    _line(_fresh(table.cell(1, 1)), report.date_line(), italic=True)
    for cell in (*table.rows[0].cells, *table.rows[1].cells):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP


def _title(document: Document, report: ReviewReport) -> None:
    title = _line(document, report.title.upper(), bold=True, size=Pt(16))
    title.paragraph_format.space_before = Pt(18)
    for line in report.summary_lines():
        _line(document, line, bold=True)
    _line(document, SUMMARY_RULE, space_after=Pt(12))


def _section(document: Document, section: Section) -> None:
    document.add_paragraph(nfc(section.heading), style="Heading 1")
    for block in section.blocks:
        if isinstance(block, Paragraph):
            _paragraph(document, block)
        elif isinstance(block, Heading):
            document.add_paragraph(nfc(block.text), style=f"Heading {block.level}")
        elif isinstance(block, Table):
            _table(document, block)
        elif isinstance(block, Chart):
            _chart(document, block)
        else:
            raise TypeError(f"unknown block {block!r}")


def _paragraph(document: Document, block: Paragraph) -> None:
    paragraph = document.add_paragraph(style="Body Text")
    if not block.indent:
        paragraph.paragraph_format.first_line_indent = Pt(0)
    for run in block.styled_runs():
        _add_run(paragraph, run.text, bold=run.bold, italic=run.italic)


def _caption(document: Document, text: str) -> None:
    caption = _line(document, text, bold=True, size=Pt(13))
    caption.paragraph_format.space_before = Pt(6)
    caption.paragraph_format.space_after = Pt(3)
    caption.paragraph_format.keep_with_next = True


def _table(document: Document, block: Table) -> None:
    if block.caption:
        _caption(document, block.caption)
    rows = [(block.headers, True), *((r, False) for r in block.rows)]
    if block.total is not None:
        rows.append((block.total, True))
    table = document.add_table(rows=len(rows), cols=len(block.headers))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _set_widths(table, [Length(int(TEXT_WIDTH * f)) for f in block.relative_widths()])
    for row in table.rows:
        _row_flag(row._tr, "w:cantSplit")
    _row_flag(table.rows[0]._tr, "w:tblHeader")  # repeated on each page
    aligns = block.alignments()
    for r, (texts, bold) in enumerate(rows):
        for c, text in enumerate(texts):
            cell = table.cell(r, c)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            paragraph = cell.paragraphs[0]
            paragraph.alignment = _ALIGN["center" if r == 0 else aligns[c]]
            paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(2)
            _add_run(paragraph, text, bold=bold, size=TABLE_SIZE)
    if block.note:
        note = _line(document, block.note, align="left", italic=True, size=Pt(12))
        note.paragraph_format.space_before = Pt(3)
    document.add_paragraph().paragraph_format.space_after = Pt(0)


def _chart(document: Document, block: Chart) -> None:
    _caption(document, block.title)
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(6)
    png = to_png(layout_chart(block))
    paragraph.add_run().add_picture(io.BytesIO(png), width=_CHART_WIDTH)


def _closing(document: Document, report: ReviewReport) -> None:
    document.add_paragraph().paragraph_format.space_after = Pt(0)
    table = _layout_table(document, _CLOSING_COLUMNS, rows=1)
    left, right = _fresh(table.cell(0, 0)), _fresh(table.cell(0, 1))
    recipients = report.recipient_lines()
    if recipients:
        _line(left, "Nơi nhận:", align="left", underline=True)
        for line in recipients:
            _line(left, line, align="left", size=Pt(12))
    else:
        left.add_paragraph()
    lines, name = report.signature_lines()
    for line in lines:
        _line(right, line, bold=True)
    for _ in range(_SIGNATURE_SPACE):
        right.add_paragraph()
    _line(right, name, bold=True)
    for cell in table.rows[0].cells:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    _row_flag(table.rows[0]._tr, "w:cantSplit")  # recipients and signature on one page
