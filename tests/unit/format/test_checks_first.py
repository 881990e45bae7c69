"""The formatters raise the codes of their clause's check, as docs/rules.md says.

Each formatter of clauses 9, 10, 12, 13 and 14 runs its check of
``pea_docs.format.checks`` first and raises the check's errors; the model's own
problems come after, only at places the check did not report.
"""

from pathlib import Path

import pytest

from pea_docs.errors import InputError
from pea_docs.format import (
    format_addressee,
    format_appendices,
    format_header,
    format_reply_reference,
    format_signature,
)
from pea_docs.models import Person
from pea_docs.rules import (
    check_addressee,
    check_appendices,
    check_header,
    check_reply_reference,
    check_signature,
)

AGENT = {"surname": "Сапаров", "name": "Арман", "license": "17012345",
         "territory": "исполнительный округ г. Алматы", "address": "050000, г. Алматы, ул. Абая, 1"}
DOC = Path(__file__).resolve().parents[3] / "docs" / "rules.md"


def without(data, key):
    return {k: v for k, v in data.items() if k != key}


def raised(func, *args, **kwargs):
    with pytest.raises(InputError) as exc:
        func(*args, **kwargs)
    return exc.value.problems


# (formatter, its check, the arguments, the expected (code, clause, loc) in order)
CASES = [
    pytest.param(format_header, check_header, (without(AGENT, "territory"),),
                 [("header.territory_missing", "rule 9", ("territory",))], id="header-territory"),
    pytest.param(format_header, check_header, (without(AGENT, "license"),),
                 [("header.license_missing", "rule 53", ("license",))], id="header-license"),
    pytest.param(format_header, check_header, ({**without(AGENT, "address"), "address": "  "},),
                 [("header.address_missing", "rule 9", ("address",))], id="header-blank-address"),
    pytest.param(format_header, check_header, ({},),
                 [("header.surname_missing", "rule 9", ("surname",)),
                  ("header.name_missing", "rule 9", ("name",)),
                  ("header.address_missing", "rule 9", ("address",)),
                  ("header.territory_missing", "rule 9", ("territory",)),
                  ("header.license_missing", "rule 53", ("license",))], id="header-empty"),
    pytest.param(format_header, check_header, ({**without(AGENT, "territory"), "teritory": "x"},),
                 [("field.unknown", "rule 9", ("teritory",)),
                  ("header.territory_missing", "rule 9", ("territory",))], id="header-misspelt"),
    pytest.param(format_addressee, check_addressee, ({"surname": "Сапаров", "name": "Арман"},),
                 [("addressee.address_missing", "rule 10", ("address",))], id="individual-address"),
    pytest.param(format_addressee, check_addressee, (Person(surname="Сапаров", name="Арман"),),
                 [("addressee.address_missing", "rule 10", ("address",))], id="person-model-address"),
    pytest.param(format_addressee, check_addressee, ({"organization": " ", "address": "г. Алматы"},),
                 [("addressee.organization_missing", "rule 10", ("organization",))], id="organization"),
    pytest.param(format_addressee, check_addressee, ({"address": "г. Алматы"},),
                 [("addressee.surname_missing", "rule 10", ("surname",)),
                  ("addressee.name_missing", "rule 10", ("name",))], id="individual-names"),
    pytest.param(format_appendices, check_appendices, ([{"title": "x", "copies": 1}],),
                 [("appendix.sheets_missing", "rule 13", (0, "sheets"))], id="appendix-sheets"),
    pytest.param(format_appendices, check_appendices, ([{"title": "x", "sheets": 1},
                                                        {"title": "y", "sheets": "два", "copies": 1}],),
                 [("appendix.copies_missing", "rule 13", (0, "copies")),
                  ("appendix.sheets_invalid", "rule 13", (1, "sheets"))], id="appendix-several"),
    pytest.param(format_appendices, check_appendices, ([{"title": "x", "sheet": 1, "copies": 1}],),
                 [("field.unknown", "rule 13", (0, "sheet")),
                  ("appendix.sheets_missing", "rule 13", (0, "sheets"))], id="appendix-misspelt"),
    pytest.param(format_signature, check_signature, ({"name": "Арман", "position": "Директор"},),
                 [("signature.surname_missing", "rule 12", ("surname",))], id="signature-surname"),
    pytest.param(format_signature, check_signature, ({**AGENT, "name": ""},),
                 [("signature.name_missing", "rule 12", ("name",))], id="signature-agent-name"),
    pytest.param(format_reply_reference, check_reply_reference, (" ", "15/09/2008"),
                 [("reply.number_missing", "rule 14", ("number",)),
                  ("date.invalid", "rule 11", ("date",))], id="reply"),
    pytest.param(format_reply_reference, check_reply_reference, ({"number": "12-34"},),
                 [("reply.date_missing", "rule 14", ("date",))], id="reply-as-a-dict"),
]


@pytest.mark.parametrize(("formatter", "check", "args", "expected"), CASES)
def test_the_formatter_raises_its_checks_problems(formatter, check, args, expected):
    problems = raised(formatter, *args)
    assert [(p.code, p.clause, p.loc) for p in problems] == expected
    # the very problems of the check: message and value too
    assert problems == [p for p in check(*args) if p.severity == "error"]
    assert "field.missing" not in {p.code for p in problems}


def test_the_models_problems_come_after_at_other_places():
    problems = raised(format_header, {**without(AGENT, "territory"), "license": 17012345})
    assert [(p.code, p.loc) for p in problems] == [("header.territory_missing", ("territory",)),
                                                   ("value.string_type", ("license",))]


def test_a_value_of_the_wrong_type_alone_is_the_models_problem():
    problems = raised(format_appendices, [{"title": ["x"], "sheets": 1, "copies": 1}])
    assert [(p.code, p.loc) for p in problems] == [("value.string_type", (0, "title"))]


def test_a_misspelt_key_is_reported_once_with_its_hint():
    problems = raised(format_addressee, {"organization": "АО «Банк»", "adress": "г. Алматы"})
    assert [p.code for p in problems] == ["field.unknown", "addressee.address_missing"]
    assert "did you mean 'address'" in problems[0].message


def test_a_signer_without_position_is_laid_out_with_a_blank_one():
    # the check reports signature.position_missing; the formatter leaves the place blank
    person = {"surname": "Сапаров", "name": "Арман"}
    assert [p.code for p in check_signature(person)] == ["signature.position_missing"]
    assert format_signature(person).position == ""


def test_an_appendix_without_title_is_a_warning_not_an_error():
    assert check_appendices([{"sheets": 2, "copies": 1}])[0].severity == "warning"
    assert format_appendices([{"sheets": 2, "copies": 1}]) == ["Приложение: на 2 л. в 1 экз."]


def test_appendices_given_as_an_iterator_are_read_once():
    lines = format_appendices(a for a in [{"title": "копия акта", "sheets": 1, "copies": 2}])
    assert lines == ["Приложение: копия акта на 1 л. в 2 экз."]


def format_section() -> str:
    text = DOC.read_text(encoding="utf-8")
    return text[text.index("<!-- BEGIN format -->"):text.index("<!-- END format -->")]


@pytest.mark.parametrize(("formatter", "code"), sorted({
    (case.values[0].__name__, code) for case in CASES for code, _, _ in case.values[3]
    if code != "field.unknown"}))
def test_docs_name_the_formatter_beside_each_code_it_raises(formatter, code):
    rows = [line for line in format_section().splitlines()
            if line.startswith("|") and line.rstrip().endswith(f"`{code}` |")]
    assert rows, f"docs/rules.md has no row for {code}"
    assert any(f"`{formatter}`" in row for row in rows), (formatter, code, rows)


def test_docs_say_which_check_each_formatter_runs():
    section = format_section()
    for formatter, check in [("format_header", "check_header"), ("format_addressee", "check_addressee"),
                             ("format_signature", "check_signature"),
                             ("format_appendices", "check_appendices"),
                             ("format_reply_reference", "check_reply_reference")]:
        assert f"`{formatter}` runs `{check}`" in section
