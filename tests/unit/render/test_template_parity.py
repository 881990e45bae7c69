"""Users' templates at real-world parity (issue 13): empty values, macros, people's identifiers."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from docx_tools import plain_document
from template_docs import paragraphs_docx

from pea_docs.cli.main import main
from pea_docs.errors import InputError
from pea_docs.templating.template import check_template, render_template

DEBTOR = {"surname": "Ахметов", "name": "Бауыржан", "patronymic": "Серикович"}


def texts(document) -> list[str]:
    return [p.text for p in plain_document(document.to_bytes()).paragraphs]


def test_a_null_value_prints_nothing_never_the_word_none(tmp_path):
    template = paragraphs_docx(tmp_path / "t.docx", "[{{ note }}]", "[{{ debtor.patronymic }}]",
                               "[{{ note|default('—', true) }}]")
    assert texts(render_template(template, {"note": None, "debtor": {"patronymic": None}})) == ["[]", "[]", "[—]"]


def test_macros_and_set_are_the_templates_own_names_not_data(tmp_path):
    template = paragraphs_docx(
        tmp_path / "t.docx",
        "{% macro short(p) %}{{ p.surname }} {{ p.name[0] }}.{% endmacro %}",
        "Должник: {{ short(debtor) }}",
        "{% set total = sums|sum %}Итого: {{ total }}",
        "{% set heading %}О {{ subject }}{% endset %}{{ heading|upper }}",
        "{% set a, b = pair %}{{ a }}-{{ b }}")
    data = {"debtor": DEBTOR, "sums": [1, 2], "subject": "запросе", "pair": ["x", "y"]}
    assert [p.code for p in check_template(template, data)] == []
    assert texts(render_template(template, data))[1:] == ["Должник: Ахметов Б.", "Итого: 3", "О ЗАПРОСЕ", "x-y"]
    # the data the macro reads is still required
    missing = check_template(template, {"sums": [], "subject": "", "pair": [1, 2]})
    assert [(p.code, p.loc) for p in missing] == [("template.variable_missing", ("debtor",))]


@pytest.mark.parametrize("key", ["iin", "bin", "iin_bin"])
def test_a_person_takes_the_identifiers_an_office_writes(tmp_path, key):
    template = paragraphs_docx(tmp_path / "t.docx", "{{ debtor|name }}, {{ debtor.phone }}, {{ debtor.email }}")
    debtor = {**DEBTOR, key: "920612345673", "phone": "+7 (701) 123-45-67", "email": "b.akhmetov@mail.kz",
              "birth_date": "1992-06-12", "birth_place": "г. Алматы"}
    assert check_template(template, {"debtor": debtor}) == []
    assert texts(render_template(template, {"debtor": debtor})) == [
        "Ахметов Бауыржан Серикович, +7 (701) 123-45-67, b.akhmetov@mail.kz"]


@pytest.mark.parametrize("key, value, code", [("iin", "920612345670", "iin_bin.check_digit"),
                                              ("iin", "9206123456", "iin_bin.invalid"),
                                              ("phone", "8 701 ABC 45 67", "phone.invalid"),
                                              ("email", "b.akhmetov@mail", "email.invalid")])
def test_a_wrong_identifier_is_refused_at_its_line_and_check_agrees(tmp_path, key, value, code):
    template = paragraphs_docx(tmp_path / "t.docx", "{{ debtor|name }}")
    data = tmp_path / "data.yaml"
    data.write_text(f"template: t.docx\ndata:\n  note: x\n  debtor:\n    surname: Ахметов\n    name: Бауыржан\n"
                    f"    {key}: \"{value}\"\n", encoding="utf-8")
    runner = CliRunner()
    rendered = json.loads(runner.invoke(main, ["render", str(template), str(data), "-o", f"{tmp_path}/out/",
                                               "--json"]).output)
    checked = json.loads(runner.invoke(main, ["check", str(template), "--data", str(data), "--json"]).output)
    for result in (rendered, checked):
        assert not result["ok"]
        [problem] = result["problems"]
        assert (problem["code"], problem["loc"], problem["line"]) == (code, ["debtor", key], 7)
        assert problem["file"].endswith("data.yaml")
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    with pytest.raises(InputError):
        render_template(template, {"debtor": {**DEBTOR, key: value}})


@pytest.mark.parametrize("lang, lines", [
    ("ru", ["Взыскать с Ахметова Б.С.", "Ахметову Бауыржану Сериковичу", "Б.С. Ахметов"]),
    ("kk", ["Взыскать с Б.С. Ахметовтің", "Ахметов Бауыржан Сериковичке", "Б.С. Ахметов"]),
    ("en", ["Взыскать с Ахметов Б.С.", "Ахметов Бауыржан Серикович", "Б.С. Ахметов"]),
])
def test_the_name_filter_takes_a_case(tmp_path, lang, lines):
    template = paragraphs_docx(tmp_path / "t.docx", "Взыскать с {{ debtor|name('surname_initials', 'genitive') }}",
                               "{{ debtor|name('dative') }}", "{{ debtor|name('initials_surname') }}")
    assert texts(render_template(template, {"debtor": DEBTOR}, lang=lang)) == lines


def test_a_case_the_language_lacks_is_a_clear_error(tmp_path):
    template = paragraphs_docx(tmp_path / "t.docx", "{{ debtor|name('full', 'ablative') }}")
    with pytest.raises(InputError) as raised:
        render_template(template, {"debtor": DEBTOR}, lang="ru")
    assert raised.value.problems[0].code == "option.invalid" and "ablative" in str(raised.value)
    assert texts(render_template(template, {"debtor": DEBTOR}, lang="kk")) == ["Ахметов Бауыржан Сериковичтен"]
