"""The checks of the registration stamp: the ink (rule 60), the index, what fits the frame."""

from __future__ import annotations

import pytest

from pea_docs.api import validate
from pea_docs.errors import InputError
from pea_docs.errors.codes import all_codes
from pea_docs.models import coerce
from pea_docs.models.stamp import RegistrationStamp, StampSheet, ink_name
from pea_docs.rules.stamp import check, check_color, check_fit

AGENT = {"surname": "Сапаров", "name": "Арман", "patronymic": "Болатович"}


def stamp(**changes):
    return {"agent": AGENT, "date": "2025-01-09", "index": "15", **changes}


@pytest.mark.parametrize("color", ["blue", "Blue", "VIOLET", " violet ", "purple", "Purple"],
                         ids=lambda c: repr(c))
def test_blue_and_violet_inks_pass(color):
    assert check_color(color) == []
    assert validate("registration_stamp", stamp(color=color)).ok


@pytest.mark.parametrize("color", ["black", "Black", "red", "blue and black", "", "multicolour",
                                   "0000FF"], ids=lambda c: repr(c))
def test_other_inks_are_refused_with_rule_60(color):
    report = validate("registration_stamp", stamp(color=color))
    assert [(p.code, p.clause, p.loc, p.value) for p in report.errors] == \
        [("stamp.color", "rule 60", ("color",), color)]
    assert "use blue or violet" in str(report.errors[0])
    assert str(report.errors[0]).endswith("(rule 60)")


def test_the_ink_defaults_to_blue_and_direction_to_incoming():
    model = coerce(RegistrationStamp, stamp())
    assert (model.color, model.direction) == ("blue", "incoming")
    assert check(model) == []


def test_ink_names():
    assert [ink_name(c) for c in ("BLUE", "purple", "black", None, 3)] == \
        ["blue", "violet", None, None, None]


@pytest.mark.parametrize("index, shown", [(15, "15"), ("02-05/15", "02-05/15"), (" 7 ", "7")])
def test_index_is_text_and_a_number_is_accepted(index, shown):
    assert coerce(RegistrationStamp, stamp(index=index)).index == shown


@pytest.mark.parametrize("index", [True, 1.5], ids=["bool", "float"])
def test_index_not_text_or_whole_number_names_rule_21(index):
    report = validate("registration_stamp", stamp(index=index))
    assert [(p.code, p.clause, p.loc) for p in report.errors] == [("stamp.index", "rule 21", ("index",))]


def test_empty_index_is_refused_naming_rule_21():
    report = validate("registration_stamp", stamp(index=""))
    assert [(p.loc, p.clause) for p in report.errors] == [(("index",), "rule 21")]


def test_missing_index_and_bad_date_are_reported_together():
    data = stamp(date="31.02.2025")
    del data["index"]
    report = validate("registration_stamp", data)
    assert sorted((p.code, p.clause, p.loc) for p in report.errors) == \
        [("date.invalid", "rule 11", ("date",)), ("field.missing", "rule 21", ("index",))]


def test_direction_is_incoming_or_outgoing():
    report = validate("registration_stamp", stamp(direction="inbound"))
    assert [(p.loc, p.clause) for p in report.errors] == [(("direction",), "rule 21")]


def test_misspelt_key_gets_a_hint():
    data = stamp()
    data["colour"] = "blue"
    (problem,) = validate("registration_stamp", data).errors
    assert problem.code == "field.unknown" and "did you mean 'color'" in problem.message


def test_a_full_agent_block_is_accepted():
    agent = {**AGENT, "license": "17012345", "territory": "исполнительный округ г. Алматы",
             "address": "050000, г. Алматы, ул. Абая, д. 1, оф. 5", "phone": "+7 727 000 00 00"}
    assert validate("registration_stamp", stamp(agent=agent)).ok


def test_a_line_too_long_for_the_frame_is_a_warning_at_its_field():
    report = validate("registration_stamp", stamp(index="02-05/15-" * 5))
    assert report.ok
    assert [(p.code, p.clause, p.loc, p.severity) for p in report] == \
        [("stamp.overflow", "appendix 3", ("index",), "warning")]
    assert "45 mm" in report[0].message


def test_a_long_name_shrinks_to_fit_without_a_warning():
    agent = {"surname": "Жұмабекова-Сейітқазиева", "name": "Әсел", "patronymic": "Ғалымқызы"}
    assert check_fit(agent, "2025-01-09", "15") == []


def sheet(*stamps, **changes):
    return {"agent": AGENT, "stamps": [{"date": d, "index": i} for d, i in stamps], **changes}


def test_sheet_ink_and_empty_list():
    report = validate("stamp_sheet", sheet(("2025-01-09", 1), color="black"))
    assert [(p.code, p.clause, p.loc) for p in report.errors] == [("stamp.color", "rule 60", ("color",))]
    report = validate("stamp_sheet", sheet())
    assert [p.loc for p in report.errors] == [("stamps",)]


def test_sheet_repeated_index_within_a_year_is_a_warning():
    data = sheet(("2025-01-09", 1), ("2025-01-10", 2), ("2025-01-11", "1"), ("2026-01-09", 1))
    report = validate("stamp_sheet", data)
    assert report.ok
    assert [(p.code, p.clause, p.loc) for p in report] == \
        [("stamp.index.duplicate", "rule 21", ("stamps", 2, "index"))]


def test_sheet_reports_a_too_long_name_once():
    agent = {"surname": "Жұмабекова-Сейітқазиева-Нұрмағанбетова", "name": "Әсел"}
    model = coerce(StampSheet, sheet(("2025-01-09", 1), ("2025-01-10", 2), agent=agent))
    assert [(p.code, p.loc) for p in check(model)] == [("stamp.overflow", ("agent",))]


def test_codes_are_registered_with_their_clauses():
    codes = all_codes()
    assert {c: codes[c] for c in ("stamp.color", "stamp.index", "stamp.overflow",
                                  "stamp.index.duplicate", "stamp.document")} == {
        "stamp.color": "rule 60", "stamp.index": "rule 21", "stamp.overflow": "appendix 3",
        "stamp.index.duplicate": "rule 21", "stamp.document": ""}


def test_coerce_raises_for_bad_stamp():
    with pytest.raises(InputError, match=r"index: is required"):
        coerce(RegistrationStamp, {"agent": AGENT, "date": "2025-01-09"})


# --- a message does not repeat the clause its problem already shows ----------------------

def test_a_missing_date_names_rule_21_once():
    report = validate("registration_stamp", {"agent": AGENT, "index": "15"})
    (problem,) = report.errors
    assert str(problem) == "date: is required: the registration date, printed in figures (rule 21)"


@pytest.mark.parametrize("model", ["RegistrationStamp", "SheetStamp", "StampSheet", "StampAgent"])
def test_field_descriptions_leave_the_clause_to_the_problem(model):
    import pea_docs.models.stamp as models

    for field, info in getattr(models, model).model_fields.items():
        clause = (info.json_schema_extra or {}).get("clause", "")
        assert "(rule" not in (info.description or ""), (model, field, info.description)
        assert not clause or clause not in (info.description or ""), (model, field)


def test_every_stamp_problem_names_one_clause():
    problems = list(validate("registration_stamp", {"agent": AGENT, "direction": "sideways",
                                                   "color": "black", "index": True}))
    problems += list(validate("stamp_sheet", sheet(("2025-01-09", 1), ("2025-02-09", 1), ("x", 2))))
    problems += list(validate("registration_stamp", stamp(index="02-05/15-" * 5)))
    assert len(problems) >= 5
    for problem in problems:
        text = str(problem)
        assert text.count("(rule") + text.count("(appendix") <= 1, text


def test_the_english_label_is_abbreviated_because_the_full_one_does_not_fit():
    # forms.md EN: "Private enforcement agent surname, initials"; PEA, as ЧСИ / ЖСО (docs/stamp.md)
    from pea_docs.format.stamp import fit_font_sizes, stamp_lines

    agent = {"surname": "Қасымов", "name": "Нұрлан", "patronymic": "Өмірұлы"}
    line = stamp_lines({"agent": agent, "date": "2025-01-09", "index": 1}, lang="en")[0]
    assert line == "PEA Қасымов Н.Ө." and fit_font_sizes([line]) == [11.0]
    assert fit_font_sizes(["Private enforcement agent Қасымов Н.Ө."]) == [None]


# --- a sheet of stamps from a register's entries ------------------------------------------

def incoming(*entries, **changes):
    return {"year": 2025, "agent": AGENT, "entries": [
        {"sender": "ТОО «Альфа & Омега»", "summary": "Запрос", **e} for e in entries], **changes}


def test_a_sheet_from_an_incoming_register_numbers_and_dates_by_rule_20():
    from pea_docs.rules.stamp import sheet_stamps

    data = {"color": "violet", "incoming_register": incoming(
        {"registered": "2025-01-09"},
        {"received": "2025-01-10 19:40"},             # Friday after hours -> Monday 13th
        {"number": 3, "received": "2025-01-14 11:20"},
        {"received": "2025-01-14 18:30"})}            # after 18:00 -> the 15th
    model = coerce(StampSheet, data)
    assert model.agent.surname == "Сапаров"  # the register's agent
    assert [(s.date.isoformat(), s.index) for s in sheet_stamps(model)] == [
        ("2025-01-09", "1"), ("2025-01-13", "2"), ("2025-01-14", "3"), ("2025-01-15", "4")]
    assert list(validate("stamp_sheet", data)) == []
    # the register's own checks hold: a number out of sequence is refused
    data["incoming_register"]["entries"][2]["number"] = 7
    assert [(p.code, p.loc) for p in validate("stamp_sheet", data).errors] == [
        ("register.number_sequence", ("incoming_register", "entries", 2, "number"))]


def test_a_sheet_from_an_outgoing_register_takes_its_dates_and_own_agent():
    from pea_docs.rules.stamp import sheet_stamps

    register = {"year": 2025, "agent": {"surname": "Әлиев", "name": "Ғани"}, "entries": [
        {"date": "2025-01-10", "recipient": "АО «Банк»", "summary": "Запрос"},
        {"date": "2025-01-11", "recipient": "АО «Банк»", "summary": "Запрос", "doc_number": "02-05/2"}]}
    model = coerce(StampSheet, {"agent": AGENT, "outgoing_register": register})
    assert model.agent.surname == "Сапаров"  # an agent of its own wins
    assert [(s.date.isoformat(), s.index) for s in sheet_stamps(model)] == [
        ("2025-01-10", "1"), ("2025-01-11", "2")]  # the serial number (rule 23)
    assert validate("stamp_sheet", {"agent": AGENT, "outgoing_register": register}).ok


def test_a_register_entry_without_a_date_is_an_error_located_in_the_register():
    report = validate("stamp_sheet", {"incoming_register": incoming({"registered": "2025-01-09"}, {})})
    assert [(p.code, p.clause, p.loc) for p in report.errors] == [
        ("register.date_missing", "rule 20", ("incoming_register", "entries", 1))]


def test_a_register_repeating_a_number_is_reported_once():
    report = validate("stamp_sheet", {"incoming_register": incoming(
        {"number": 1, "registered": "2025-01-09"}, {"number": 1, "registered": "2025-01-10"})})
    assert [(p.code, p.loc) for p in report] == [
        ("register.number_duplicate", ("incoming_register", "entries", 1, "number"))]


@pytest.mark.parametrize("data, loc", [
    ({"agent": AGENT}, ("stamps",)),
    ({"agent": AGENT, "stamps": [{"date": "2025-01-09", "index": 1}],
      "incoming_register": incoming({"registered": "2025-01-09"})}, ("incoming_register",)),
    ({"incoming_register": incoming()}, ("incoming_register", "entries")),
])
def test_a_sheet_gives_its_stamps_one_way(data, loc):
    report = validate("stamp_sheet", data)
    assert [(p.code, p.clause, p.loc) for p in report.errors] == [("stamp_sheet.source", "appendix 3", loc)]


def test_a_misspelt_register_key_gets_a_hint():
    (problem,) = validate("stamp_sheet", {"agent": AGENT, "incomming_register": incoming()}).errors
    assert problem.code == "field.unknown" and "did you mean 'incoming_register'" in problem.message
