"""check_template, check_data and inspect_template: every problem at once, with its place."""

from __future__ import annotations

import json

import docx
import pytest
import yaml
from template_docs import broken_docx, paragraphs_docx, save, table_loop_docx

from pea_docs.errors import TemplateError
from pea_docs.errors.codes import all_codes
from pea_docs.templating.checker import CODES
from pea_docs.templating.template import (
    check_data,
    check_template,
    inspect_template,
    render_template,
)


@pytest.fixture
def broken(tmp_path):
    return broken_docx(tmp_path / "broken.docx")


def by_code(problems):
    found = {}
    for problem in problems:
        found.setdefault(problem.code, []).append(problem)
    return found


def test_every_seeded_error_is_found_with_its_place(broken):
    problems = check_template(broken, {"name": "x", "day": "2025-01-09", "items": [], "paid": True,
                                        "appendices": [], "agent": {}})
    messages = [p.message for p in problems]
    codes = by_code(problems)
    assert len({p.code for p in problems}) >= 5
    # 1: a syntax error in an expression
    assert any("{{ name | }}" == p.value and "body, paragraph 1" in p.message
               for p in codes["template.syntax"])
    # 2: an unknown filter, with the filter meant
    [unknown] = codes["template.filter_unknown"]
    assert "'dat'" in unknown.message and "did you mean 'date'" in unknown.message
    assert "body, paragraph 2" in unknown.message
    # 3: an unknown tag
    assert any("unknown tag 'fro'" in p.message and "body, paragraph 3" in p.message
               for p in codes["template.syntax"])
    # 4: reaching for internals
    assert {p.value for p in codes["template.unsafe"]} == {"{{ ''.__class__.__mro__ }}"}
    assert all("body, paragraph 4" in p.message for p in codes["template.unsafe"])
    # 5: {%p if %} closed by a plain {% endif %}; 6: {%tr for %} never closed, in table 1
    unbalanced = codes["template.unbalanced"]
    assert any(p.value == "{% endif %}" and "write {%p endif %}" in p.message
               and "body, paragraph 7" in p.message for p in unbalanced)
    assert any(p.value == "{%tr for a in appendices %}" and "never closed" in p.message
               and "table 1, row 1, cell 1" in p.message for p in unbalanced)
    # 8: the header's broken tag
    assert any("header (word/header1.xml)" in m for m in messages)
    assert all(p.file == "broken.docx" for p in problems)


def test_missing_data_is_reported_with_data_path(tmp_path):
    path = paragraphs_docx(tmp_path / "t.docx", "{{ recipient.address }}",
                           "{% for a in appendices %}{{ a.title }} {{ a.sheets }}{% endfor %}")
    problems = check_template(path, {"recipient": {}, "appendices": [{"title": "x"}, {"sheets": 2}]})
    assert sorted(p.loc for p in problems) == [("appendices", 0, "sheets"), ("appendices", 1, "title"),
                                               ("recipient", "address")]
    assert all(p.code == "template.variable_missing" for p in problems)
    assert "body, paragraph 2" in next(p for p in problems if p.loc[0] == "appendices").message


def test_check_data_applies_the_rules_to_filtered_values(tmp_path):
    path = paragraphs_docx(tmp_path / "t.docx", "{{ recipient|addressee }}", "{{ request|reply_reference }}")
    problems = check_data(path, {"recipient": {"organization": "АО «Банк»"}, "request": {"number": "12"}})
    assert {(p.code, p.clause, p.loc) for p in problems} == {
        ("addressee.address_missing", "rule 10", ("recipient", "address")),
        ("reply.date_missing", "rule 14", ("request", "date")),
    }


def test_a_clean_template_has_no_problems(tmp_path):
    assert check_template(table_loop_docx(tmp_path / "t.docx")) == []


def test_unreadable_template_is_one_problem(tmp_path):
    bad = tmp_path / "x.docx"
    bad.write_bytes(b"PK nonsense")
    [problem] = check_template(bad)
    assert problem.code == "template.unreadable" and "not a Word document" in problem.message


def test_rendering_a_broken_template_lists_its_problems(broken):
    with pytest.raises(TemplateError) as info:
        render_template(broken, {})
    assert len(info.value.problems) >= 5


def test_codes_are_registered_without_a_clause():
    assert {code: all_codes()[code] for code in CODES} == {code: "" for code in CODES}


def test_inspect_lists_nested_attributes_loops_and_optional_ones(tmp_path):
    path = paragraphs_docx(tmp_path / "t.docx", "{{ agent|header }}", "{{ recipient.address }}",
                           "{% for a in appendices %}{{ a.title }}{% endfor %}",
                           "{% if reply_to is defined %}{{ reply_to|reply_reference }}{% endif %}",
                           header="{{ number }}")
    info = inspect_template(path)
    assert info.paths() == ["agent", "appendices[].title", "number", "recipient.address", "reply_to?"]
    assert info.variables["agent"].hint == "header"
    assert "header" in info.filters and "reply_reference" in info.filters


def test_yaml_stub_filled_in_renders(tmp_path):
    path = paragraphs_docx(tmp_path / "t.docx", "{{ agent|header }}", "{{ recipient.address }}",
                           "{% for a in appendices %}{{ a.title }}{% endfor %}", "{{ day|date }}")
    stub = yaml.safe_load(inspect_template(path).to_yaml_stub())
    assert set(stub) == {"agent", "appendices", "day", "recipient"}
    assert set(stub["agent"]) >= {"surname", "name", "license", "territory", "address"}
    assert stub["appendices"] == [{"title": ""}]
    stub["agent"].update(surname="Сапаров", name="Арман", license="1", territory="г. Алматы",
                         address="г. Алматы", patronymic=None)
    stub["recipient"]["address"] = "г. Астана"
    stub["day"] = "2025-01-09"
    assert check_data(path, stub) == []
    render_template(path, stub)


def test_json_schema_names_required_fields(tmp_path):
    path = paragraphs_docx(tmp_path / "t.docx", "{{ agent|header }}", "{{ recipient.address }}",
                           "{% for a in appendices %}{{ a.title }}{% endfor %}", "{{ x|default('') }}")
    schema = inspect_template(path).to_json_schema()
    json.dumps(schema)
    assert schema["required"] == ["agent", "appendices", "recipient"]
    assert schema["properties"]["appendices"]["type"] == "array"
    assert schema["properties"]["recipient"]["required"] == ["address"]
    assert "license" in schema["properties"]["agent"]["required"]


def cells_docx(path):
    """Return a template: two body paragraphs, a table whose cells hold errors, a body paragraph."""
    document = docx.Document()
    document.add_paragraph("Intro")
    document.add_paragraph("More")
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text = "{{ a| }}"                         # the cell's only paragraph
    table.rows[1].cells[1].text = "Sheets"
    table.rows[1].cells[1].add_paragraph("{{ n|cont }}")           # the cell's second paragraph
    document.add_paragraph("{{ day|dat }}")                         # body paragraph 3
    document.sections[0].header.paragraphs[0].text = "{{ x|nope }}"
    return save(document, path)


def test_paragraphs_are_numbered_within_their_cell_and_the_body(tmp_path):
    problems = check_template(cells_docx(tmp_path / "t.docx"))
    places = {p.value: p.message.split(" — ")[1].split(":")[0] for p in problems}
    assert places == {"{{ a| }}": "body, table 1, row 1, cell 1, paragraph 1",
                      "{{ n|cont }}": "body, table 1, row 2, cell 2, paragraph 2",
                      "{{ day|dat }}": "body, paragraph 3",
                      "{{ x|nope }}": "header (word/header1.xml), paragraph 1"}


def test_problems_carry_their_place_for_programs(tmp_path):
    problems = {p.value: p for p in check_template(cells_docx(tmp_path / "t.docx"))}
    cell = problems["{{ n|cont }}"]
    assert cell.loc == ("word/document.xml", "table", 1, "row", 2, "cell", 2, "paragraph", 2)
    assert problems["{{ day|dat }}"].loc == ("word/document.xml", "paragraph", 3)
    assert problems["{{ x|nope }}"].loc == ("word/header1.xml", "paragraph", 1)
    record = json.loads(json.dumps(cell.to_dict()))
    assert record["loc"] == ["word/document.xml", "table", 1, "row", 2, "cell", 2, "paragraph", 2]
    assert record["place"] == {"part": "body", "part_name": "word/document.xml", "table": 1, "row": 2,
                               "cell": 2, "paragraph": 2, "text": "{{ n|cont }}"}
    # the text for people is unchanged: the place in words, once
    assert str(cell) == ("t.docx: '{{ n|cont }}' there is no filter 'cont'; did you mean 'count'? "
                         "— body, table 1, row 2, cell 2, paragraph 2: «{{ n|cont }}»")
    assert record["text"] == str(cell)


def test_missing_data_keeps_its_data_path_and_has_a_place(tmp_path):
    path = paragraphs_docx(tmp_path / "t.docx", "Intro", "To {{ recipient.address }}")
    [problem] = check_template(path, {"recipient": {}})
    assert problem.loc == ("recipient", "address")
    assert problem.to_dict()["place"]["paragraph"] == 2
    assert str(problem).startswith("t.docx: recipient.address: is not in the data")
