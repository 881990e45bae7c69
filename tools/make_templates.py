"""Build the built-in Word templates: templates/<form>.<lang>.docx.

Run from the repository's top folder after changing a layout or a label::

    python tools/make_templates.py

The .docx files are committed; this script is how they are made, so a change
is reviewed here and the files rebuilt, byte for byte the same each time.
Labels come from the catalogs (``templates`` and ``format`` domains).

Layout of every letter (clauses 9-14 and 23 of the Rules): A4, Times New Roman
14, margins left 30 mm, right 15 mm, top and bottom 20 mm. A borderless table
at the top: left, the agent's header (rule 9), under it the date (rule 11) and
the outgoing number, the reply reference when answering (rule 14), and the
empty 45 x 20 mm field for the registration stamp (rule 23); right, the
addressee (rule 10). Then the title in capitals (rule 9), the text, the
appendices (rule 13) and the signature block (rule 12).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pea_docs.locale import LANGS, gettext  # noqa: E402
from pea_docs.render.package import FIXED_DATETIME, write_normalized  # noqa: E402

FONT = "Times New Roman"
TEXT_WIDTH_MM = 210 - 30 - 15


def label(msgid: str, lang: str) -> str:
    return gettext(msgid, lang=lang, domain="templates")


def kind_title(kind: str, lang: str) -> str:
    return gettext(kind, lang=lang, domain="format", context="document kind").upper()


def new_document(title: str) -> Document:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.line_spacing = 1.0
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = title, "pea-docs", "pea-docs"
    props.created = props.modified = FIXED_DATETIME
    props.revision = 1
    return doc


def paragraph(container, text: str = "", *, align=None, bold=False, indent=False, space_before=0):
    p = container.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold = bold
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Mm(12.5)
    if space_before:
        p.paragraph_format.space_before = Pt(space_before)
    return p


def no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def fixed_widths(table, widths_mm: list[float]) -> None:
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm):
            cell.width = Mm(width)
    for col, width in zip(table.columns, widths_mm):
        col.width = Mm(width)


def cell_paragraph(cell, text: str = "", **kwargs):
    first = cell.paragraphs[0]
    if not first.text and len(cell.paragraphs) == 1 and not getattr(cell, "_pea_used", False):
        cell._pea_used = True
        if text:
            run = first.add_run(text)
            run.bold = kwargs.get("bold", False)
        if kwargs.get("align") is not None:
            first.alignment = kwargs["align"]
        return first
    return paragraph(cell, text, **kwargs)


def top_block(doc, lang: str, *, recipient_optional: bool = False) -> None:
    """Add the header, date, number, reply reference, stamp field and addressee (rules 9-11, 14, 23)."""
    table = doc.add_table(rows=3, cols=2)
    no_borders(table)
    fixed_widths(table, [80, TEXT_WIDTH_MM - 80])
    left, right = table.cell(0, 0), table.cell(0, 1)
    cell_paragraph(left, "{{ agent|header }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    for cell in (left, right):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    if recipient_optional:
        cell_paragraph(right, "{% if recipient %}{{ recipient|addressee }}{% endif %}")
    else:
        cell_paragraph(right, "{{ recipient|addressee }}")
    dated = table.cell(1, 0)
    cell_paragraph(dated, f"{{{{ date|date('words') }}}} {label('No.', lang)} {{{{ number }}}}",
                   align=WD_ALIGN_PARAGRAPH.CENTER)
    dated.paragraphs[0].paragraph_format.space_before = Pt(6)
    cell_paragraph(dated, "{% if reply_to %}{{ reply_to|reply_reference }}{% endif %}",
                   align=WD_ALIGN_PARAGRAPH.CENTER)
    # the empty field of the outgoing registration stamp (rule 23): 45 x 20 mm, upper left
    stamp_row = table.rows[2]
    stamp_row.height = Mm(20)
    stamp_row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST


def title_block(doc, title: str, *, subject: bool = True) -> None:
    paragraph(doc, title, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, space_before=12)
    if subject:
        doc.add_paragraph("{%p if subject %}")
        paragraph(doc, "{{ subject }}", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
        doc.add_paragraph("{%p endif %}")
    paragraph(doc)


def text_block(doc, variable: str = "paragraphs") -> None:
    doc.add_paragraph(f"{{%p for paragraph in {variable} %}}")
    p = paragraph(doc, "{{ paragraph }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
    del p
    doc.add_paragraph("{%p endfor %}")


def appendix_block(doc) -> None:
    doc.add_paragraph("{%p if appendices %}")
    paragraph(doc, "{{ appendices|appendices(appendices_mentioned) }}", space_before=12)
    doc.add_paragraph("{%p endif %}")


def signature_block(doc) -> None:
    paragraph(doc)
    paragraph(doc)
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    fixed_widths(table, [80, TEXT_WIDTH_MM - 80])
    cell_paragraph(table.cell(0, 0), "{{ (signer|signature).position }}")
    cell_paragraph(table.cell(0, 1),
                   "{{ (signer|signature).signature_place }} {{ (signer|signature).clarification }}",
                   align=WD_ALIGN_PARAGRAPH.RIGHT)


def letter(lang: str, kind: str) -> Document:
    doc = new_document(kind_title(kind, lang))
    top_block(doc, lang)
    title_block(doc, kind_title(kind, lang))
    text_block(doc)
    appendix_block(doc)
    signature_block(doc)
    return doc


def resolution(lang: str) -> Document:
    title = kind_title("resolution", lang)
    doc = new_document(title)
    top_block(doc, lang, recipient_optional=True)
    title_block(doc, title)
    text_block(doc)
    paragraph(doc)
    paragraph(doc, label("ESTABLISHED:", lang), align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    paragraph(doc)
    text_block(doc, "established")
    paragraph(doc)
    paragraph(doc, label("RESOLVED:", lang), align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    paragraph(doc)
    doc.add_paragraph("{%p for item in resolved %}")
    paragraph(doc, "{{ loop.index }}. {{ item }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
    doc.add_paragraph("{%p endfor %}")
    appendix_block(doc)
    signature_block(doc)
    return doc


BUILDERS = {
    "request": lambda lang: letter(lang, "request"),
    "cover_letter": lambda lang: letter(lang, "cover letter"),
    "resolution": resolution,
}


def build(folder: Path = ROOT / "templates") -> list[Path]:
    """Write every built-in template into ``folder`` and return the paths."""
    written = []
    for name, make in BUILDERS.items():
        for lang in LANGS:
            buf = io.BytesIO()
            make(lang).save(buf)
            path = folder / f"{name}.{lang}.docx"
            with open(path, "wb") as fh:
                write_normalized(buf.getvalue(), fh)
            written.append(path)
    return written


if __name__ == "__main__":
    for written in build():
        print(written.relative_to(ROOT))
