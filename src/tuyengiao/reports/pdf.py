"""Render a review report as PDF (weasyprint), with the layout of the DOCX.

The page is A4 with the margins of ``docx``; the text is set in the family ``fonts.serif_fonts``
finds (Liberation Serif 2.x, metric-compatible with Times New Roman), named by ``@font-face``
rules, so the PDF embeds that one family, which has every Vietnamese letter, whatever fontconfig
would have picked. Charts are inline SVG. Page numbers from page 2, centred at the
top.
"""

from __future__ import annotations

from html import escape

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from tuyengiao.core.text import nfc
from tuyengiao.reports.charts import layout_chart, to_svg
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
from tuyengiao.reports.fonts import SerifFonts, serif_fonts

__all__ = ["render_pdf"]

_CSS = """
@page {
  size: A4;
  margin: 20mm 15mm 20mm 30mm;
  @top-center { content: counter(page); font-size: 14pt; vertical-align: bottom;
                padding-bottom: 4mm; }
}
@page :first { @top-center { content: none; } }
html { font-size: 14pt; line-height: 1.15; color: #000; }
body { margin: 0; }
p { margin: 0; }
table.layout { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.layout td { padding: 0; vertical-align: top; text-align: center; }
.issuer { font-weight: bold; }
.motto { font-weight: bold; font-size: 15pt; }
.motto span { display: inline-block; border-bottom: 0.75pt solid #000; padding-bottom: 1pt; }
.number, .date { white-space: pre-wrap; }
.date { font-style: italic; }
h1 { font-size: 16pt; text-align: center; margin: 18pt 0 0; }
.summary { font-weight: bold; text-align: center; }
.summary-rule { text-align: center; margin-bottom: 12pt; }
h2, h3, h4 { font-size: 14pt; text-align: justify; text-indent: 1cm; margin: 6pt 0;
             break-after: avoid; }
h4 { font-style: italic; }
p.body { text-align: justify; text-indent: 1cm; margin-bottom: 6pt; }
p.body.flush { text-indent: 0; }
figure { margin: 6pt 0 9pt; }
figcaption { font-size: 13pt; font-weight: bold; text-align: center; margin-bottom: 3pt;
             break-after: avoid; }
figure.chart { text-align: center; break-inside: avoid; }
table.data { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 12pt; }
table.data th, table.data td { border: 0.5pt solid #000; padding: 2pt 4pt; vertical-align: middle; }
table.data th, table.data tr.total td { font-weight: bold; }
table.data tr { break-inside: avoid; }
.note { font-size: 12pt; font-style: italic; margin-top: 3pt; }
table.closing { margin-top: 12pt; break-inside: avoid; }
table.closing td.recipients { text-align: left; }
.recipients .label { text-decoration: underline; }
.recipients .item { font-size: 12pt; }
.signature { font-weight: bold; }
.signature-space { height: 4.6em; }
"""
_COLUMNS = '<colgroup><col style="width: 83mm"><col style="width: 82mm"></colgroup>'


def render_pdf(report: ReviewReport) -> bytes:
    """The report as PDF, fonts embedded (subsets of the serif family of ``fonts``)."""
    serif = serif_fonts()
    fonts = FontConfiguration()
    stylesheet = CSS(string=_font_faces(serif) + _CSS, font_config=fonts)
    html = render_html(report, font_family=serif.family)
    return HTML(string=html).write_pdf(stylesheets=[stylesheet], font_config=fonts)


def render_html(report: ReviewReport, *, font_family: str = "") -> str:
    """The HTML the PDF is made from (its style sheet is added by ``render_pdf``); charts'
    text is set in ``font_family`` (by default the family of ``fonts.serif_fonts``)."""
    font_family = font_family or serif_fonts().family
    parts = [
        f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        f"<title>{_e(report.title)} {_e(' '.join(report.summary_lines()))}</title>"
        f'<meta name="author" content="{_e(" ".join(report.issuer_lines()))}"></head><body>',
        _header(report),
        f"<h1>{_e(report.title.upper())}</h1>",
        *(f'<p class="summary">{_e(line)}</p>' for line in report.summary_lines()),
        f'<p class="summary-rule">{SUMMARY_RULE}</p>',
        *(_section(section, font_family) for section in report.sections),
        _closing(report),
        "</body></html>",
    ]
    return "".join(parts)


def _e(text: str) -> str:
    return escape(nfc(text))


def _font_faces(serif: SerifFonts) -> str:
    """``@font-face`` rules for the family's files, and the family for the whole page.

    Naming the files keeps fontconfig from choosing: Debian can have Liberation Serif 1.x
    (without Vietnamese) and 2.x installed side by side under one family name.
    """
    faces = "".join(
        f'@font-face {{ font-family: "{serif.family}"; src: url("{path.as_uri()}"); '
        f"font-weight: {'bold' if bold else 'normal'}; "
        f"font-style: {'italic' if italic else 'normal'}; }}\n"
        for (bold, italic), path in serif.files.items()
    )
    family = f'font-family: "{serif.family}";'
    return f"{faces}html {{ {family} }}\n@page {{ {family} }}\n"


def _header(report: ReviewReport) -> str:
    left = "".join(
        [
            *(f"<p>{_e(line)}</p>" for line in report.superior_lines()),
            *(f'<p class="issuer">{_e(line)}</p>' for line in report.issuer_lines()),
            f"<p>{ISSUER_MARK}</p>",
        ]
    )
    return (
        f'<table class="layout header">{_COLUMNS}'
        f'<tr><td>{left}</td><td><p class="motto"><span>{PARTY_MOTTO}</span></p></td></tr>'
        f'<tr><td><p class="number">{_e(report.number_line())}</p></td>'
        f'<td><p class="date">{_e(report.date_line())}</p></td></tr></table>'
    )


def _section(section: Section, font_family: str) -> str:
    parts = [f"<section><h2>{_e(section.heading)}</h2>"]
    for block in section.blocks:
        if isinstance(block, Paragraph):
            parts.append(_paragraph(block))
        elif isinstance(block, Heading):
            tag = "h3" if block.level == 2 else "h4"
            parts.append(f"<{tag}>{_e(block.text)}</{tag}>")
        elif isinstance(block, Table):
            parts.append(_table(block))
        elif isinstance(block, Chart):
            svg = to_svg(layout_chart(block), font_family=font_family)
            parts.append(
                f'<figure class="chart"><figcaption>{_e(block.title)}</figcaption>{svg}</figure>'
            )
        else:
            raise TypeError(f"unknown block {block!r}")
    parts.append("</section>")
    return "".join(parts)


def _paragraph(block: Paragraph) -> str:
    runs = []
    for run in block.styled_runs():
        text = _e(run.text)
        if run.italic:
            text = f"<i>{text}</i>"
        if run.bold:
            text = f"<b>{text}</b>"
        runs.append(text)
    css = "body" if block.indent else "body flush"
    return f'<p class="{css}">{"".join(runs)}</p>'


def _table(block: Table) -> str:
    aligns = block.alignments()
    cols = "".join(f'<col style="width: {w * 100:.2f}%">' for w in block.relative_widths())
    head = "".join(f"<th>{_e(h)}</th>" for h in block.headers)

    def row(cells: list[str], css: str = "") -> str:
        tds = "".join(
            f'<td style="text-align: {a}">{_e(c)}</td>' for c, a in zip(cells, aligns, strict=True)
        )
        return f'<tr class="{css}">{tds}</tr>' if css else f"<tr>{tds}</tr>"

    body = "".join(row(r) for r in block.rows)
    if block.total is not None:
        body += row(block.total, "total")
    caption = f"<figcaption>{_e(block.caption)}</figcaption>" if block.caption else ""
    note = f'<p class="note">{_e(block.note)}</p>' if block.note else ""
    return (
        f'<figure class="table">{caption}<table class="data"><colgroup>{cols}</colgroup>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{note}</figure>"
    )


def _closing(report: ReviewReport) -> str:
    recipients = report.recipient_lines()
    left = ""
    if recipients:
        left = '<p class="label">Nơi nhận:</p>' + "".join(
            f'<p class="item">{_e(line)}</p>' for line in recipients
        )
    lines, name = report.signature_lines()
    right = "".join(f"<p>{_e(line)}</p>" for line in lines)
    right += f'<div class="signature-space"></div><p>{_e(name)}</p>'
    return (
        f'<table class="layout closing">{_COLUMNS}<tr><td class="recipients">{left}</td>'
        f'<td class="signature">{right}</td></tr></table>'
    )
