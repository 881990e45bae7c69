"""docxtpl's features one by one in pea-docs (the table of docs/templates.md): each row, one test."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx_tools import plain_document
from hypothesis import given, settings
from hypothesis import strategies as st
from docxtpl import RichText
from template_docs import paragraphs_docx, table_loop_docx

from pea_docs.templating.template import render_template


def texts(doc) -> list[str]:
    return [p.text for p in plain_document(doc.to_bytes()).paragraphs]


def test_row_loops(tmp_path):
    doc = render_template(table_loop_docx(tmp_path / "t.docx"), {
        "case": "№ 1", "appendices": [{"title": "копия", "sheets": 2}, {"title": "опись", "sheets": 1}]})
    rows = [[c.text for c in r.cells] for r in plain_document(doc.to_bytes()).tables[0].rows]
    assert rows[1:] == [["1", "копия", "2 (два)"], ["2", "опись", "1 (один)"]]


def test_paragraph_tags_remove_their_paragraph(tmp_path):
    template = paragraphs_docx(tmp_path / "t.docx", "До", "{%p if paid %}", "Оплачено", "{%p endif %}", "После")
    assert texts(render_template(template, {"paid": False})) == ["До", "После"]
    assert texts(render_template(template, {"paid": True})) == ["До", "Оплачено", "После"]


def test_run_tags(tmp_path):
    template = paragraphs_docx(tmp_path / "t.docx", "Сумма {%r if vat %}с НДС{%r endif %} указана")
    assert texts(render_template(template, {"vat": True})) == ["Сумма с НДС указана"]
    assert texts(render_template(template, {"vat": False})) == ["Сумма  указана"]


def test_cell_loops(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ["{%tc for c in columns %}", "{{ c }}", "{%tc endfor %}"]):
        cell.text = text
    document.save(tmp_path / "t.docx")
    doc = render_template(tmp_path / "t.docx", {"columns": ["№", "Должник", "Сумма"]})
    assert [c.text for c in plain_document(doc.to_bytes()).tables[0].rows[0].cells] == ["№", "Должник", "Сумма"]


def test_rich_text_from_the_python_api(tmp_path):
    # docxtpl's RichText writes its own runs, placed by {{r }} as in docxtpl: the Python API may pass one;
    # YAML cannot make one
    template = paragraphs_docx(tmp_path / "t.docx", "Итог: {{r total }}")
    doc = render_template(template, {"total": RichText("1 000 & 1 тенге", bold=True)})
    paragraph = plain_document(doc.to_bytes()).paragraphs[0]
    assert paragraph.text == "Итог: 1 000 & 1 тенге" and any(run.bold for run in paragraph.runs)


def test_listing_line_breaks_and_tabs(tmp_path):
    template = paragraphs_docx(tmp_path / "t.docx", "{{ text }}")
    doc = render_template(template, {"text": "первая\nвторая\tтаб"})
    xml = zipfile.ZipFile(io.BytesIO(doc.to_bytes())).read("word/document.xml").decode()
    assert "<w:br/>" in xml and "<w:tab/>" in xml


def test_escaping(tmp_path):
    template = paragraphs_docx(tmp_path / "t.docx", "{{ who }}")
    assert texts(render_template(template, {"who": "ТОО «A & B» <Ltd>"})) == ["ТОО «A & B» <Ltd>"]


def test_footnotes(tmp_path):
    base = paragraphs_docx(tmp_path / "base.docx", "Текст{{ mark }}")
    source = zipfile.ZipFile(base)
    footnotes = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                 '<w:footnote w:id="1"><w:p><w:r><w:t>Основание: {{ basis }}</w:t></w:r></w:p></w:footnote>'
                 '</w:footnotes>')
    with zipfile.ZipFile(tmp_path / "t.docx", "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdFn" Type="http://schemas.openxml'
                                    b'formats.org/officeDocument/2006/relationships/footnotes" '
                                    b'Target="footnotes.xml"/></Relationships>')
            out.writestr(item, data)
        out.writestr("word/footnotes.xml", footnotes)
    doc = render_template(tmp_path / "t.docx", {"mark": "*", "basis": "ст. 38 & 39"})
    rendered = zipfile.ZipFile(io.BytesIO(doc.to_bytes())).read("word/footnotes.xml").decode()
    assert "Основание: ст.\u00a038 &amp; 39" in rendered


@pytest.mark.parametrize("feature", ["filters", "custom filters", "macros", "headers and footers", "images",
                                     "hyperlinks"])
def test_the_other_rows_are_tested_where_they_are_built(feature):
    # filters: test_template_render.py; custom filters, macros, hyperlinks: test_template_parity.py;
    # headers and footers: test_template_render.py; images: test_template_images.py
    from pathlib import Path
    here = Path(__file__).parent
    where = {"filters": ("test_template_render.py", "test_filters_speak_the_language_of_the_document"),
             "custom filters": ("test_template_parity.py", "test_filters_of_ones_own_from_the_api"),
             "macros": ("test_template_parity.py", "test_macros_and_set_are_the_templates_own_names"),
             "headers and footers": ("test_template_render.py", "test_headers_footers_and_properties_render"),
             "images": ("test_template_images.py", "test_an_image_in_a_table_a_header_and_a_footer"),
             "hyperlinks": ("test_template_parity.py", "test_tags_in_a_hyperlinks_address_are_filled")}[feature]
    assert f"def {where[1]}" in (here / where[0]).read_text(encoding="utf-8")


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(st.text(alphabet="ab \n\t\a\f<>&", max_size=12), min_size=1, max_size=6),
       nested=st.booleans(), attributes=st.booleans(), box=st.sampled_from([None, 0, 1]),
       between=st.sampled_from(["", "\n", "<w:bookmarkStart w:id=\"0\"/>"]))
def test_listing_is_resolved_as_docxtpl_does_but_only_where_needed(texts, nested, attributes, box, between):
    # only the paragraphs holding \\n \\t \\a \\f go through docxtpl's rewriting: the same bytes as all of
    # them, whether a paragraph has attributes, breaks sit between paragraphs, or a text box nests
    # paragraphs inside a paragraph (where docxtpl's pattern cuts the outer one at the inner's end)
    from markupsafe import escape

    from pea_docs.templating.docx_xml import _DOCXTPL, _resolve_listing
    paragraphs = []
    for i, text in enumerate(texts):
        run = f'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
        inner = f"<w:r><w:t>x</w:t></w:r>" if nested and i % 2 else ""
        if box == i % 2:
            inner += (f"<w:r><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p>"
                      "</w:txbxContent></v:textbox></w:pict></w:r>")
        opening = f'<w:p w:rsidR="00{i}">' if attributes and i % 2 else "<w:p>"
        paragraphs.append(f'{opening}<w:pPr><w:jc w:val="center"/></w:pPr>{run}{inner}</w:p>{between}')
    xml = f"<w:body>{''.join(paragraphs)}<w:tbl><w:tr><w:tc>{''.join(paragraphs)}</w:tc></w:tr></w:tbl></w:body>"
    assert _resolve_listing(xml) == _DOCXTPL.resolve_listing(xml)
