"""Checks of clauses 9–14: problems with stable codes and clauses, never an exception."""

from datetime import date

import pytest

from pea_docs.errors.codes import all_codes, checks, register_code, unregister_code
from pea_docs.models import Agent, Appendix, Organization, Person
from pea_docs.rules import (
    check_addressee,
    check_appendices,
    check_date_text,
    check_header,
    check_reply_reference,
    check_signature,
    check_title,
)

AGENT = {"surname": "Сапаров", "name": "Арман", "patronymic": "Болатович", "license": "17012345",
         "territory": "исполнительный округ г. Алматы", "address": "050000, г. Алматы, ул. Абая, 1"}


def codes(problems):
    return [(p.code, p.clause) for p in problems]


def test_good_header_has_no_problem():
    assert check_header(AGENT) == []
    assert check_header(Agent(**AGENT)) == []


@pytest.mark.parametrize(("field", "code", "clause"), [
    ("surname", "header.surname_missing", "rule 9"),
    ("name", "header.name_missing", "rule 9"),
    ("address", "header.address_missing", "rule 9"),
    ("territory", "header.territory_missing", "rule 9"),
    ("license", "header.license_missing", "rule 53"),
])
@pytest.mark.parametrize("how", ["absent", "blank", "none"])
def test_header_field_missing(field, code, clause, how):
    agent = dict(AGENT)
    if how == "absent":
        del agent[field]
    else:
        agent[field] = "  " if how == "blank" else None
    problems = check_header(agent)
    assert codes(problems) == [(code, clause)]
    assert problems[0].loc == (field,)


def test_empty_dict_reports_everything_and_does_not_raise():
    assert {p.code for p in check_header({})} == {
        "header.surname_missing", "header.name_missing", "header.address_missing",
        "header.territory_missing", "header.license_missing"}


def test_header_unknown_key_is_reported_with_hint():
    problems = check_header({**AGENT, "teritory": "x"})
    assert problems[0].code == "field.unknown" and "did you mean 'territory'" in problems[0].message


@pytest.mark.parametrize("bad", [None, "Сапаров", 5, ["x"]])
def test_checks_do_not_raise_on_non_mappings(bad):
    for check in (check_header, check_addressee, check_signature, check_appendices, check_title,
                  check_date_text):
        assert isinstance(check(bad), list)
    assert isinstance(check_reply_reference(bad, bad), list)


@pytest.mark.parametrize(("text", "expected"), [
    ("ПОСТАНОВЛЕНИЕ", []),
    ("ҚАУЛЫ", []),
    ("REQUEST № 5", []),
    ("Постановление", [("title.not_capitals", "rule 9")]),
    ("қаулы", [("title.not_capitals", "rule 9")]),
    ("", [("title.empty", "rule 9")]),
    (None, [("title.empty", "rule 9")]),
])
def test_title(text, expected):
    assert codes(check_title(text)) == expected


@pytest.mark.parametrize(("recipient", "expected"), [
    ({"organization": "АО «Банк»", "address": "г. Алматы"}, []),
    (Organization(organization="АО «Банк»", address="г. Алматы"), []),
    ({"organization": "АО «Банк»"}, [("addressee.address_missing", "rule 10")]),
    ({"organization": "", "address": "г. Алматы"}, [("addressee.organization_missing", "rule 10")]),
    ({"surname": "Сапаров", "name": "Арман", "address": "г. Алматы"}, []),
    ({"surname": "Сапаров", "name": "Арман"}, [("addressee.address_missing", "rule 10")]),
    (Person(surname="Сапаров", name="Арман"), [("addressee.address_missing", "rule 10")]),
    ({"address": "г. Алматы"}, [("addressee.surname_missing", "rule 10"), ("addressee.name_missing", "rule 10")]),
    ({"organization": "АО «Банк»", "adress": "г. Алматы"},
     [("field.unknown", "rule 10"), ("addressee.address_missing", "rule 10")]),
])
def test_addressee(recipient, expected):
    assert codes(check_addressee(recipient)) == expected


@pytest.mark.parametrize("text", ["15.09.2008", "15 сентября 2008 года", "2008 жылғы 15 қыркүйек",
                                  "September 15, 2008", date(2008, 9, 15)])
def test_date_text_valid(text):
    assert check_date_text(text) == []


@pytest.mark.parametrize("text", ["15/09/2008", "2008-15-09", "31.02.2008", "5.9.2008", "2008-09-15", "", 7])
def test_date_text_invalid(text):
    problems = check_date_text(text)
    assert codes(problems) == [("date.invalid", "rule 11")]
    assert problems[0].value == text


def test_iso_is_accepted_when_asked():
    assert check_date_text("2008-09-15", iso=True) == []
    assert codes(check_date_text("2008-15-09", iso=True)) == [("date.invalid", "rule 11")]


@pytest.mark.parametrize(("person", "expected"), [
    (AGENT, []),
    (Agent(**AGENT), []),
    ({"surname": "Сапаров", "name": "Арман", "position": "член ЭПК"}, []),
    ({"surname": "Сапаров", "name": "Арман"}, [("signature.position_missing", "rule 12")]),
    ({"name": "Арман", "position": "x"}, [("signature.surname_missing", "rule 12")]),
    ({"surname": "Сапаров", "position": "x"}, [("signature.name_missing", "rule 12")]),
])
def test_signature(person, expected):
    assert codes(check_signature(person)) == expected


def test_signature_position_given_by_the_form():
    assert check_signature({"surname": "Сапаров", "name": "Арман"}, position="Председатель") == []


@pytest.mark.parametrize(("appendix", "expected"), [
    ({"title": "копия", "sheets": 2, "copies": 1}, []),
    (Appendix(title="копия", sheets=2, copies=1), []),
    ({"title": "копия", "sheets": "2", "copies": 1}, []),
    ({"title": "копия", "copies": 1}, [("appendix.sheets_missing", "rule 13")]),
    ({"title": "копия", "sheets": 2}, [("appendix.copies_missing", "rule 13")]),
    ({"title": "копия", "sheets": 0, "copies": 1}, [("appendix.sheets_invalid", "rule 13")]),
    ({"title": "копия", "sheets": 2, "copies": -1}, [("appendix.copies_invalid", "rule 13")]),
    ({"title": "копия", "sheets": "два", "copies": 1.5}, [("appendix.sheets_invalid", "rule 13"),
                                                          ("appendix.copies_invalid", "rule 13")]),
    ({"title": "копия", "sheets": True, "copies": 1}, [("appendix.sheets_invalid", "rule 13")]),
    ({"sheets": 2, "copies": 1}, [("appendix.title_missing", "rule 13")]),
])
def test_appendices(appendix, expected):
    problems = check_appendices([appendix])
    assert codes(problems) == expected
    assert all(p.loc[0] == 0 for p in problems)


def test_appendix_title_missing_is_a_warning_unless_mentioned_in_text():
    (problem,) = check_appendices([{"sheets": 2, "copies": 1}])
    assert problem.severity == "warning"
    assert check_appendices([{"sheets": 2, "copies": 1}], mentioned_in_text=True) == []


def test_appendices_report_the_index():
    problems = check_appendices([{"title": "a", "sheets": 1, "copies": 1}, {"title": "b", "sheets": 1}])
    assert [(p.code, p.loc) for p in problems] == [("appendix.copies_missing", (1, "copies"))]


@pytest.mark.parametrize(("number", "when", "expected"), [
    ("12-34", "15.09.2008", []),
    ("12-34", date(2008, 9, 15), []),
    ("12-34", "2008-09-15", []),
    ("12-34", None, [("reply.date_missing", "rule 14")]),
    (None, "15.09.2008", [("reply.number_missing", "rule 14")]),
    ("", "", [("reply.number_missing", "rule 14"), ("reply.date_missing", "rule 14")]),
    ("12-34", "15/09/2008", [("date.invalid", "rule 11")]),
])
def test_reply_reference(number, when, expected):
    assert codes(check_reply_reference(number, when)) == expected


def test_reply_reference_from_a_dict():
    assert codes(check_reply_reference({"number": "12-34"})) == [("reply.date_missing", "rule 14")]


def test_every_check_is_registered_with_its_clause_and_codes():
    registered = checks()
    for name, clause in [("check_header", "rule 9"), ("check_title", "rule 9"),
                         ("check_addressee", "rule 10"), ("check_date_text", "rule 11"),
                         ("check_signature", "rule 12"), ("check_appendices", "rule 13"),
                         ("check_reply_reference", "rule 14")]:
        func = registered[f"pea_docs.format.checks.{name}"]
        assert func.clause == clause
        assert all(all_codes()[code] == clause for code in func.codes)


def test_generic_codes_are_registered():
    known = all_codes()
    assert known["date.invalid"] == "rule 11"
    assert known["field.unknown"] == "" and known["field.missing"] == ""


def test_other_modules_can_register_codes():
    register_code("test.example", "rule 99", "an example")
    try:
        assert all_codes()["test.example"] == "rule 99"
        register_code("test.example", "rule 99")  # again, the same: harmless
        with pytest.raises(ValueError):
            register_code("test.example", "rule 98")
    finally:
        unregister_code("test.example")
    assert "test.example" not in all_codes()
