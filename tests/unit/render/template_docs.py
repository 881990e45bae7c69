"""Build Word templates for the template tests: clean ones with python-docx, and ones
whose tags are split across runs the way Word stores them."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
from docx.shared import Pt

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def save(document, path: Path) -> Path:
    document.save(path)
    return path


def paragraphs_docx(path: Path, *texts: str, header: str | None = None,
                    footer: str | None = None, title: str | None = None) -> Path:
    """Return a template with one paragraph per text, and optionally a header, footer, title."""
    document = docx.Document()
    for text in texts:
        document.add_paragraph(text)
    section = document.sections[0]
    if header is not None:
        section.header.paragraphs[0].text = header
    if footer is not None:
        section.footer.paragraphs[0].text = footer
    if title is not None:
        document.core_properties.title = title
    return save(document, path)


def table_loop_docx(path: Path) -> Path:
    """Return a template with a {%tr for %} loop over appendices in a 3-column table."""
    document = docx.Document()
    document.add_paragraph("Appendices of {{ case }}:")
    table = document.add_table(rows=4, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["No.", "Title", "Sheets"]):
        cell.text = text
    table.rows[1].cells[0].text = "{%tr for a in appendices %}"
    for cell, text in zip(table.rows[2].cells, ["{{ loop.index }}", "{{ a.title }}", "{{ a.sheets|count }}"]):
        cell.text = text
    table.rows[3].cells[0].text = "{%tr endfor %}"
    document.add_paragraph("Total: {{ appendices|length }}")
    return save(document, path)


def replace_part(path: Path, name: str, transform) -> Path:
    """Rewrite the XML part ``name`` of the package at ``path`` with ``transform(text)``."""
    data = path.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            content = zin.read(info)
            if info.filename == name:
                content = transform(content.decode("utf-8")).encode("utf-8")
            zout.writestr(info, content)
    path.write_bytes(out.getvalue())
    return path


# What Word makes of tags typed with a bold piece, a spell-check mark, a bookmark and
# curly (autocorrected) quotes: each tag is torn across several runs.
SPLIT_BODY = (
    '<w:p><w:r><w:t xml:space="preserve">Debtor: </w:t></w:r>'
    '<w:r><w:t>{</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>{ deb</w:t></w:r>'
    '<w:proofErr w:type="spellStart"/><w:r><w:rPr><w:i/></w:rPr><w:t>tor.sur</w:t></w:r>'
    '<w:proofErr w:type="spellEnd"/><w:r><w:t>name }</w:t></w:r><w:r><w:t>}</w:t></w:r></w:p>'
    '<w:p><w:r><w:t xml:space="preserve">Date: {{ </w:t></w:r>'
    '<w:bookmarkStart w:id="0" w:name="when"/><w:r><w:rPr><w:u w:val="single"/></w:rPr>'
    '<w:t>day|date(</w:t></w:r><w:bookmarkEnd w:id="0"/>'
    '<w:r><w:t>\u201cwords\u201d) }}</w:t></w:r></w:p>'
    '<w:p><w:r><w:t xml:space="preserve">Figures: {{ day|date(\u00abfigures\u00bb) }}, '
    'count: {{ n|count }}</w:t></w:r></w:p>'
    '<w:p><w:r><w:t>{%</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"> if paid </w:t>'
    '</w:r><w:r><w:t>%}Paid: {{ paid|money }}{% endif %}</w:t></w:r></w:p>'
)


def split_runs_docx(path: Path) -> Path:
    """Return a template whose tags are split across runs, marks, bookmarks and curly quotes."""
    paragraphs_docx(path, "PLACEHOLDER")
    return replace_part(path, "word/document.xml", lambda xml: re.sub(
        r"<w:p>(?:(?!<w:p>).)*?PLACEHOLDER.*?</w:p>", SPLIT_BODY, xml, count=1, flags=re.DOTALL))


def broken_docx(path: Path) -> Path:
    """Return a template with seven different errors, one per paragraph or cell."""
    document = docx.Document()
    document.add_paragraph("Dear {{ name | }}")                       # 1 syntax: no filter name
    document.add_paragraph("Sent {{ day|dat('words') }}")              # 2 unknown filter (date)
    document.add_paragraph("{% fro x in items %}{{ x }}{% endfor %}")   # 3 unknown tag
    document.add_paragraph("{{ ''.__class__.__mro__ }}")               # 4 unsafe
    document.add_paragraph("{%p if paid %}")                           # 5 closed by another kind
    document.add_paragraph("Paid")
    document.add_paragraph("{% endif %}")
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text = "{%tr for a in appendices %}"          # 6 never closed
    table.rows[1].cells[1].text = "{{ a.title }}"
    document.add_paragraph("{{ recipient.address }}")                  # 7 missing with data
    document.sections[0].header.paragraphs[0].text = "{{ agent|header }"  # 8 syntax in the header
    run = document.paragraphs[0].runs[0]
    run.font.size = Pt(14)
    return save(document, path)
