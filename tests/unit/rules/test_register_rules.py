"""Checks of the registers: serial numbers (Appendices 1, 2) and registration dates (rule 20)."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pea_docs.api as api
from pea_docs.errors import InputError, RuleViolationError
from pea_docs.errors.codes import all_codes
from pea_docs.models import coerce
from pea_docs.models.registers import IncomingRegister
from pea_docs.rules.registers import (
    NumberCheck,
    check_incoming_register,
    check_outgoing_register,
    entry_numbers,
    registration_dates,
)

AGENT = {"surname": "Сәрсенбаев", "name": "Ерғали", "patronymic": "Қуанышұлы"}


def entry(**fields):
    base = {"sender": "ТОО «Альфа & Омега», 050000, г. Алматы, ул. Абая, 1", "summary": "Запрос"}
    return {**base, **fields}


def incoming(*entries, **extra):
    return {"year": 2025, "agent": AGENT, "entries": list(entries), **extra}


def outgoing(*entries):
    return {"year": 2025, "agent": AGENT, "entries": list(entries)}


def out_entry(**fields):
    return {"date": "2025-01-10", "recipient": {"organization": "АО «Банк»",
                                                 "address": "050000, г. Алматы, пр. Достык, 10"},
            "summary": "Запрос", **fields}


def codes(problems):
    return [(p.code, p.severity) for p in problems]


def test_a_correct_register_has_no_problem():
    reg = incoming(entry(number=1, registered="2025-01-09", doc_date="2025-01-06"),
                   entry(received="2025-01-10 19:40", doc_date="2025-01-10"),
                   entry(received="2025-01-13 09:05"))
    assert check_incoming_register(reg) == []
    model = coerce(IncomingRegister, reg)
    assert entry_numbers(model.entries) == [1, 2, 3]
    assert [d.isoformat() for d in registration_dates(model)] == [
        "2025-01-09", "2025-01-13", "2025-01-13"]


def test_duplicate_number():
    problems = check_incoming_register(incoming(entry(number=1, registered="2025-01-09"),
                                                entry(number=1, registered="2025-01-09")))
    assert codes(problems) == [("register.number_duplicate", "error")]
    assert problems[0].clause == "appendix 1"
    assert str(problems[0]) == (
        "entries[1].number: 1 is already the number of entries[0]; the registration number is "
        "the entry's serial number and is given once (appendix 1)")


def test_gap_in_sequence():
    problems = check_incoming_register(incoming(entry(number=1, registered="2025-01-09"),
                                                entry(number=3, registered="2025-01-09")))
    assert codes(problems) == [("register.number_sequence", "error")]
    assert "expected 2" in problems[0].message
    assert problems[0].loc == ("entries", 1, "number")


def test_numbers_assigned_after_a_given_one_do_not_break_the_sequence():
    reg = incoming(entry(number=1, registered="2025-01-09"), entry(registered="2025-01-09"),
                   entry(number=3, registered="2025-01-10"))
    assert check_incoming_register(reg) == []


def test_first_number_other_than_one_is_a_warning():
    problems = check_incoming_register(incoming(entry(number=501, registered="2025-06-02")))
    assert codes(problems) == [("register.number_start", "warning")]


def test_registered_before_the_documents_date():
    problems = check_incoming_register(incoming(entry(registered="2025-01-09",
                                                      doc_date="10.01.2025")))
    assert codes(problems) == [("register.before_document", "error")]
    assert str(problems[0]) == (
        "entries[0].registered: '09.01.2025' is before the document's own date 10.01.2025 "
        "(doc_date); a document is registered on or after the day it is dated (rule 20)")


def test_registration_date_outside_the_year():
    problems = check_incoming_register(incoming(entry(registered="2024-12-30")))
    assert codes(problems) == [("register.year", "error")]
    # received on 31 December after hours: registered in the next year's register
    problems = check_incoming_register(incoming(entry(received="2025-12-31 18:30")))
    assert codes(problems) == [("register.year", "error")]
    assert problems[0].loc == ("entries", 0, "received")


def test_rule_20_disagreement_names_the_expected_date():
    problems = check_incoming_register(incoming(entry(received="2025-01-10 19:40",
                                                      registered="2025-01-10")))
    assert codes(problems) == [("register.rule20", "error")]
    assert problems[0].clause == "rule 20"
    assert str(problems[0]) == (
        "entries[0].registered: '10.01.2025' does not match receipt at 10.01.2025 19:40: "
        "received after working hours, it is registered on 13.01.2025 (rule 20)")


def test_rule_20_uses_the_registers_office_hours():
    reg = incoming(entry(received="2025-01-09 17:30", registered="2025-01-10"),
                   office={"hours": {"start": "08:00", "end": "17:00"}})
    assert check_incoming_register(reg) == []


def test_neither_registered_nor_received():
    problems = check_incoming_register(incoming(entry()))
    assert codes(problems) == [("register.date_missing", "error")]
    assert problems[0].loc == ("entries", 0)


def test_registered_on_a_day_off_is_a_warning():
    problems = check_incoming_register(incoming(entry(registered="2025-03-22")))
    assert codes(problems) == [("register.non_working_day", "warning")]
    worked = incoming(entry(registered="2025-03-22"), office={"working_days": ["2025-03-22"]})
    assert check_incoming_register(worked) == []


def test_dates_out_of_order_is_a_warning():
    problems = check_incoming_register(incoming(entry(registered="2025-01-10"),
                                                entry(registered="2025-01-09")))
    assert codes(problems) == [("register.date_order", "warning")]


@pytest.mark.parametrize("value, code", [
    ("2025-01-08", "received.no_time"),
    ("вчера вечером", "received.invalid"),
])
def test_bad_received(value, code):
    with pytest.raises(InputError) as info:
        coerce(IncomingRegister, incoming(entry(received=value)))
    problem = info.value.problems[0]
    assert (problem.code, problem.clause, problem.loc) == (code, "rule 20",
                                                          ("entries", 0, "received"))


def test_received_accepts_yaml_datetimes_and_figures():
    from datetime import datetime
    model = coerce(IncomingRegister, incoming(entry(received=datetime(2025, 1, 8, 19, 40)),
                                              entry(received="08.01.2025 19:40"),
                                              entry(received="2025-01-08T19:40:00")))
    assert {e.received for e in model.entries} == {datetime(2025, 1, 8, 19, 40)}


def test_outgoing_checks():
    assert check_outgoing_register(outgoing(out_entry(), out_entry())) == []
    problems = check_outgoing_register(outgoing(out_entry(number=1), out_entry(number=1),
                                                out_entry(number=4, date="2024-12-30")))
    assert codes(problems) == [("outgoing.number_duplicate", "error"),
                               ("outgoing.number_sequence", "error"),
                               ("outgoing.year", "error"),
                               ("outgoing.date_order", "warning")]
    assert {p.clause for p in problems} == {"appendix 2"}


def test_sender_block_errors_name_the_field():
    with pytest.raises(InputError) as info:
        coerce(IncomingRegister, incoming(entry(sender={"organization": "АО «Банк»"},
                                                registered="2025-01-09")))
    problem = info.value.problems[0]
    assert problem.loc == ("entries", 0, "sender", "address")
    assert problem.clause == "rule 10"


def test_render_refuses_errors_and_draft_renders():
    data = incoming(entry(number=1, registered="2025-01-09"), entry(number=1, registered="2025-01-09"))
    with pytest.raises(RuleViolationError, match=r"entries\[1\]\.number.*appendix 1"):
        api.render("incoming_register", data)
    doc = api.render("incoming_register", copy.deepcopy(data), draft=True)
    assert doc.draft and doc.to_bytes()[:2] == b"PK"
    report = api.validate("incoming_register", data)
    assert [p.code for p in report.errors] == ["register.number_duplicate"]


def test_every_code_is_registered():
    from pea_docs.rules.registers import _CODES
    registered = all_codes()
    for code, (clause, _) in _CODES.items():
        assert registered[code] == clause


def reference_number_problems(given):
    """The number check as it was written for a whole list: every number remembered."""
    numbers, previous = [], 0
    for number in given:
        previous = number if number is not None else previous + 1
        numbers.append(previous)
    found, seen = [], {}
    for i, number in enumerate(numbers):
        if number in seen:
            found.append((i, "register.number_duplicate", seen[number]))
            continue
        seen[number] = i
        if i == 0 and number != 1:
            found.append((i, "register.number_start", None))
        elif i and number != numbers[i - 1] + 1:
            found.append((i, "register.number_sequence", None))
    return found


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(min_value=1, max_value=12)), max_size=30))
def test_the_incremental_number_check_finds_what_the_whole_list_check_found(given_numbers):
    check = NumberCheck()
    found = []
    for i, number in enumerate(given_numbers):
        for p in check.feed(i, number)[1]:
            holder = int(p.message.split("entries[")[1].split("]")[0]) \
                if p.code.endswith("duplicate") else None
            found.append((i, p.code, holder))
    assert found == reference_number_problems(given_numbers)


def test_the_number_check_keeps_one_run_for_a_correct_register():
    check = NumberCheck()
    for i in range(100_000):
        assert check.feed(i, None if i % 7 else i + 1)[1] == []
    assert len(check._runs) == 1 and check._runs[0] == (1, 100_000, 0)


def test_checking_a_generator_finds_what_checking_the_list_finds():
    entries = [entry(number=1, registered="2025-01-09", doc_date="2025-01-10"),
               entry(number=1, received="2025-01-10 19:40"),
               entry(),
               entry(received="2025-12-31 18:30"),
               entry(registered="2025-03-22"),
               entry(registered="2025-01-09")]
    listed = check_incoming_register(incoming(*entries))
    assert [p.code for p in listed] == [
        "register.before_document", "register.number_duplicate", "register.date_missing",
        "register.year", "register.non_working_day", "register.date_order",
        "register.date_order"]
    assert check_incoming_register(incoming(*[])) == []
    streamed = check_incoming_register({**incoming(), "entries": iter(entries)})
    assert streamed == listed
    outs = [out_entry(number=1), out_entry(number=1), out_entry(number=4, date="2024-12-30")]
    assert check_outgoing_register({**outgoing(), "entries": (e for e in outs)}) == \
        check_outgoing_register(outgoing(*outs))
