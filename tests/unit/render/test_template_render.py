"""Rendering users' Word templates: escaping, strictness, the sandbox, split tags, parts, bytes."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from decimal import Decimal

import docx
import pytest
from docx_tools import plain_document
from lxml import etree
from template_docs import paragraphs_docx, split_runs_docx, table_loop_docx

from pea_docs.errors import (
    InputError,
    RuleViolationError,
    TemplateError,
    TemplateSecurityError,
    UndefinedVariableError,
)
from pea_docs.ooxml.package import normalize_package
from pea_docs.templating.compiled import clear_cache, prepared_template
from pea_docs.templating.template import render_template

AGENT = {"surname": "Сапаров", "name": "Арман", "patronymic": "Болатович", "license": "17012345",
         "territory": "исполнительный округ г. Алматы",
         "address": "050000, г. Алматы, ул. Абая, д. 1, оф. 5"}


def opened(document) -> docx.document.Document:
    # the text with plain spaces; test_printed_values_keep_numbers_with_their_words checks the others
    return plain_document(document.to_bytes())


def texts(document) -> list[str]:
    return [p.text for p in opened(document).paragraphs]


def part(document, name: str) -> str:
    return zipfile.ZipFile(io.BytesIO(document.to_bytes())).read(name).decode("utf-8")


def test_special_characters_are_escaped_and_shown(tmp_path):
    path = paragraphs_docx(tmp_path / "t.docx", "To {{ who }}", "{{ note }}")
    doc = render_template(path, {"who": "Smith & Sons <Ltd>", "note": "a \"quoted\" 'word' & <tag/>"})
    xml = part(doc, "word/document.xml")
    etree.fromstring(xml.encode())  # well-formed
    assert "Smith &amp; Sons &lt;Ltd&gt;" in xml
    assert texts(doc) == ["To Smith & Sons <Ltd>", "a \"quoted\" 'word' & <tag/>"]


def test_missing_variable_names_itself_part_and_text(tmp_path):
    path = paragraphs_docx(tmp_path / "letter.docx", "Intro", "Debtor: {{ debtor.surname }}, {{ case }}")
    with pytest.raises(UndefinedVariableError) as info:
        render_template(path, {"debtor": {"name": "Арман"}, "case": "1"})
    message = str(info.value)
    assert "debtor.surname" in message
    assert "body, paragraph 2" in message
    assert "Debtor: {{ debtor.surname }}" in message
    assert [p.loc for p in info.value.problems] == [("debtor", "surname")]


def test_every_missing_variable_is_named_at_once(tmp_path):
    path = paragraphs_docx(tmp_path / "t.docx", "{{ a }} {{ b.c }}", header="{{ agent.surname }}")
    with pytest.raises(UndefinedVariableError) as info:
        render_template(path, {"b": {}})
    assert sorted(p.loc for p in info.value.problems) == [("a",), ("agent",), ("b", "c")]
    header = next(p for p in info.value.problems if p.loc == ("agent",))
    assert "header (word/header1.xml), paragraph 1" in header.message


def test_variable_missing_at_run_time_is_caught_by_strict_undefined(tmp_path):
    # the analysis cannot see through a dynamic key; Jinja's strict undefined still stops it
    path = paragraphs_docx(tmp_path / "t.docx", "first", "{{ data[key] }}")
    with pytest.raises(UndefinedVariableError) as info:
        render_template(path, {"data": {}, "key": "x"})
    assert "body, paragraph 2" in str(info.value) and "{{ data[key] }}" in str(info.value)
    [problem] = info.value.problems
    assert problem.loc == ("word/document.xml", "paragraph", 2)
    assert problem.to_dict()["place"]["text"] == "{{ data[key] }}"


def test_optional_variables_may_be_left_out(tmp_path):
    path = paragraphs_docx(tmp_path / "t.docx",
                           "{% if reply is defined %}Reply {{ reply.number }}{% endif %}{{ x|default('-') }}")
    assert texts(render_template(path, {})) == ["-"]
    assert texts(render_template(path, {"reply": {"number": "7"}, "x": "y"})) == ["Reply 7y"]


@pytest.mark.parametrize("tag", [
    "{{ ''.__class__.__mro__ }}",
    "{{ x.__class__.__init__.__globals__ }}",
    "{{ (x|attr('__class__')) }}",
    "{{ x.mro }}{{ x._private }}",
], ids=["mro", "globals", "attr-filter", "underscore"])
def test_reaching_for_internals_is_refused(tmp_path, tag):
    path = paragraphs_docx(tmp_path / "evil.docx", "before", tag)
    with pytest.raises(TemplateSecurityError) as info:
        render_template(path, {"x": "text"})
    assert "cannot reach Python internals" in str(info.value)
    assert "body, paragraph 2" in str(info.value)


def test_sandbox_refuses_changing_data(tmp_path):
    path = paragraphs_docx(tmp_path / "t.docx", "{{ items.append(1) }}")
    with pytest.raises(TemplateSecurityError):
        render_template(path, {"items": []})


def test_tags_split_across_runs_render_as_typed_cleanly(tmp_path):
    path = split_runs_docx(tmp_path / "split.docx")
    doc = render_template(path, {"debtor": {"surname": "Әбілқасымов"}, "day": date(2025, 1, 9),
                                 "n": 12, "paid": Decimal("1234.56")}, lang="ru")
    assert texts(doc) == [
        "Debtor: Әбілқасымов",
        "Date: 9 января 2025 года",
        "Figures: 09.01.2025, count: 12 (двенадцать)",
        "Paid: 1 234,56 тенге (одна тысяча двести тридцать четыре тенге 56 тиынов)",
    ]


def test_filters_speak_the_language_of_the_document(tmp_path):
    path = paragraphs_docx(tmp_path / "t.docx", "{{ 'resolution'|title }} {{ d|date('words') }}")
    assert texts(render_template(path, {"d": "2025-01-09"}, lang="kk")) == ["ҚАУЛЫ 2025 жылғы 9 қаңтар"]
    assert texts(render_template(path, {"d": "2025-01-09"}, lang="en")) == ["RESOLUTION January 9, 2025"]


def test_multi_line_filters_become_line_breaks(tmp_path):
    path = paragraphs_docx(tmp_path / "t.docx", "{{ agent|header }}", "{{ recipient|addressee }}")
    doc = render_template(path, {"agent": AGENT, "recipient": {
        "organization": "ТОО «Альфа & Омега»", "address": "050000, г. Алматы, ул. Абая, 1"}})
    body = part(doc, "word/document.xml")
    assert body.count("<w:br/>") == 4 + 1  # five lines of header, two of the addressee
    assert texts(doc)[1] == "ТОО «Альфа & Омега»\n050000, г. Алматы, ул. Абая, 1"
    assert texts(doc)[0].splitlines()[1] == "Сапаров Арман Болатович"


def test_signature_parts_can_be_laid_out_separately(tmp_path):
    path = paragraphs_docx(tmp_path / "t.docx", "{{ (s|signature).position }}|{{ (s|signature).clarification }}",
                           "{% for line in (s|signature).lines %}[{{ line }}]{% endfor %}")
    doc = render_template(path, {"s": {**AGENT}}, lang="kk")
    assert texts(doc) == ["Жеке сот орындаушысы|А.Б. Сапаров",
                          "[Жеке сот орындаушысы][________________][А.Б. Сапаров]"]


def test_table_row_loops(tmp_path):
    path = table_loop_docx(tmp_path / "t.docx")
    doc = render_template(path, {"case": "02-05", "appendices": [
        {"title": "копия акта", "sheets": 2}, {"title": "опись & перечень", "sheets": 5}]}, lang="ru")
    table = opened(doc).tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["No.", "Title", "Sheets"],
        ["1", "копия акта", "2 (два)"],
        ["2", "опись & перечень", "5 (пять)"],
    ]
    assert texts(doc)[-1] == "Total: 2"


def test_headers_footers_and_properties_render(tmp_path):
    path = paragraphs_docx(tmp_path / "t.docx", "{{ body }}", header="ЧСИ {{ agent|name('surname_initials') }}",
                           footer="Исх. № {{ number }}", title="Запрос № {{ number }} & co")
    doc = render_template(path, {"body": "Текст", "agent": AGENT, "number": "02-07/15"})
    document = opened(doc)
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "ЧСИ Сапаров А.Б."
    assert section.footer.paragraphs[0].text == "Исх. № 02-07/15"
    assert document.core_properties.title == "Запрос № 02-07/15 & co"
    assert document.core_properties.created.year == 2000  # FIXED_DATETIME


def test_output_is_deterministic_and_normalized(tmp_path):
    path = paragraphs_docx(tmp_path / "t.docx", "{{ a }}", header="{{ a }}")
    first = render_template(path, {"a": "x & y"}).to_bytes()
    clear_cache()
    second = render_template(path, {"a": "x & y"}).to_bytes()
    assert first == second
    assert normalize_package(first) == first
    names = [i.filename for i in zipfile.ZipFile(io.BytesIO(first)).infolist()]
    assert names[0] == "[Content_Types].xml" and names == ["[Content_Types].xml", "_rels/.rels",
                                                           *sorted(names[2:])]


def test_unchanged_parts_are_copied_byte_for_byte(tmp_path):
    path = paragraphs_docx(tmp_path / "t.docx", "{{ a }}")
    out = zipfile.ZipFile(io.BytesIO(render_template(path, {"a": "b"}).to_bytes()))
    with zipfile.ZipFile(path) as src:
        for name in ("word/styles.xml", "word/theme/theme1.xml", "word/settings.xml"):
            assert out.read(name) == src.read(name)


def test_prepared_template_is_cached_until_the_file_changes(tmp_path):
    path = paragraphs_docx(tmp_path / "t.docx", "{{ a }}")
    assert prepared_template(path) is prepared_template(path)
    paragraphs_docx(path, "{{ a }} and {{ b }}")
    assert texts(render_template(path, {"a": "1", "b": "2"})) == ["1 and 2"]


def test_rule_breaking_data_in_a_filter_is_refused_unless_draft(tmp_path):
    path = paragraphs_docx(tmp_path / "t.docx", "{{ signer|signature }}")
    no_position = {"surname": "Нұрғалиев", "name": "Серік"}
    with pytest.raises(RuleViolationError) as info:
        render_template(path, {"signer": no_position})
    assert [(p.code, p.clause, p.loc) for p in info.value.problems] == [
        ("signature.position_missing", "rule 12", ("signer", "position"))]
    doc = render_template(path, {"signer": no_position}, draft=True)
    assert doc.draft and [p.code for p in doc.problems] == ["signature.position_missing"]
    assert texts(doc) == ["________________\nС. Нұрғалиев"]


def test_a_filter_that_cannot_format_names_the_place(tmp_path):
    path = paragraphs_docx(tmp_path / "t.docx", "Sum: {{ amount|money }}")
    with pytest.raises(InputError) as info:
        render_template(path, {"amount": "twelve"})
    assert "body, paragraph 1" in str(info.value)


def test_not_a_word_file_is_a_template_error(tmp_path):
    path = tmp_path / "t.docx"
    path.write_text("not a zip")
    with pytest.raises(TemplateError, match="is not a Word document"):
        render_template(path, {})
    with pytest.raises(TemplateError, match="cannot read the template"):
        render_template(tmp_path / "missing.docx", {})


def test_a_model_is_accepted_as_data(tmp_path):
    from pea_docs.models import Agent, coerce

    path = paragraphs_docx(tmp_path / "t.docx", "{{ surname }} {{ license }}")
    assert texts(render_template(path, coerce(Agent, AGENT))) == ["Сапаров 17012345"]
