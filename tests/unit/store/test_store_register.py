"""Registering, correcting, marking and reading back entries of the registers."""

from __future__ import annotations

import inspect
from datetime import UTC, date, datetime

import pytest

from pea_docs.errors import InputError
from pea_docs.store import Register

ALFA = {"organization": "ТОО «Альфа & Ко»", "address": "050000, г. Алматы, ул. Абая, 1"}


def incoming(reg, **overrides):
    fields = dict(sender=ALFA, doc_number="12-34/567", doc_date="06.01.2025",
                  summary="Запрос о ходе исполнительного производства № 0201-25-00001",
                  received="2025-01-09 10:15", by="clerk")
    fields.update(overrides)
    return reg.register_incoming(**fields)


def codes(exc: pytest.ExceptionInfo) -> list[tuple[str, str, str]]:
    return [(p.code, p.clause, ".".join(map(str, p.loc))) for p in exc.value.problems]


def test_an_incoming_entry_keeps_every_column_and_who_registered_it(reg):
    before = datetime.now(UTC)
    e = incoming(reg, case="02-05", note="оригинал")
    assert (e.direction, e.year, e.number) == ("incoming", 2025, 1)
    assert e.registered == date(2025, 1, 9)
    assert e.received == datetime(2025, 1, 9, 10, 15)
    assert (e.doc_date, e.doc_number, e.sender) == (date(2025, 1, 6), "12-34/567", ALFA)
    assert (e.case, e.note, e.by) == ("02-05", "оригинал", "clerk")
    assert e.at.tzinfo is UTC and before <= e.at <= datetime.now(UTC)
    assert [c.action for c in e.history] == ["registered"]
    assert e.history[0].changes["summary"] == [None, e.summary]


def test_by_defaults_to_the_os_user(reg, monkeypatch):
    monkeypatch.setenv("LOGNAME", "aigerim")
    monkeypatch.setenv("USER", "aigerim")
    monkeypatch.setenv("LNAME", "aigerim")
    monkeypatch.setenv("USERNAME", "aigerim")
    assert incoming(reg, by=None).by == "aigerim"


def test_without_received_the_document_counts_as_received_now(reg, clock):
    clock.now = datetime(2025, 3, 3, 18, 30)  # Monday after hours
    e = incoming(reg, received=None)
    assert e.received == clock.now and e.registered == date(2025, 3, 4)


def test_numbers_restart_each_year_by_default(reg, clock):
    clock.now = datetime(2025, 1, 10, 12, 0)
    assert incoming(reg, received="2024-12-27 10:00", doc_date="20.12.2024").number == 1
    assert incoming(reg, received="2024-12-27 11:00", doc_date="20.12.2024").number == 2
    e = incoming(reg, received="2025-01-09 10:00")
    assert (e.year, e.number) == (2025, 1)
    assert reg.register_outgoing(recipient=ALFA, summary="Ответ", by="c").number == 1


def test_continuous_numbering_goes_on_across_years(stores, clock):
    clock.now = datetime(2025, 1, 10, 12, 0)
    with stores.open("c", numbering="continuous", clock=clock) as reg:
        incoming(reg, received="2024-12-27 10:00", doc_date="20.12.2024")
        e = incoming(reg, received="2025-01-09 10:00")
        assert (e.year, e.number) == (2025, 2)
        assert reg.get("incoming", 2).registered == date(2025, 1, 9)
    # the file remembers its numbering; asking for the other one is refused
    with stores.open("c", clock=clock) as reg:
        assert reg.numbering == "continuous"
    with pytest.raises(InputError) as info:
        stores.open("c", numbering="year")
    assert codes(info) == [("store.numbering", "rule 17", "numbering")]


def test_every_problem_is_reported_with_its_clause_and_nothing_is_registered(reg):
    with pytest.raises(InputError) as info:
        incoming(reg, sender=" ", summary="", doc_date="2025-15-01", received="09.01.2025")
    assert codes(info) == [
        ("store.incoming_field", "rule 19", "sender"),
        ("store.incoming_field", "rule 19", "summary"),
        ("date.invalid", "rule 11", "doc_date"),
        ("store.received", "rule 11", "received"),
    ]
    assert reg.list() == []


@pytest.mark.parametrize("overrides, expected", [
    (dict(received="2025-03-03 12:01"), ("store.received_future", "rule 20", "received")),
    (dict(doc_date="10.01.2025"), ("register.before_document", "rule 20", "doc_date")),
    (dict(registered="08.01.2025"), ("register.before_receipt", "rule 20", "registered")),
    (dict(received=None, registered="10.03.2025"), ("store.registered_future", "rule 20", "registered")),
    (dict(sender={"organization": "ТОО «Альфа»"}), ("field.missing", "rule 10", "sender.address")),
], ids=["received-in-future", "dated-after-registration", "registered-before-receipt",
        "registered-in-future", "sender-block-without-address"])
def test_registrations_that_break_the_rules_are_refused(reg, overrides, expected):
    with pytest.raises(InputError) as info:
        incoming(reg, **overrides)
    assert codes(info) == [expected]
    assert reg.list() == []


def test_a_late_registration_is_recorded_with_a_warning(reg):
    e = incoming(reg, received="2025-01-09 10:00", registered="10.01.2025")
    assert e.registered == date(2025, 1, 10)
    assert [(w.code, w.severity) for w in reg.last_warnings] == [("register.rule20", "warning")]
    assert "it is registered on 09.01.2025" in str(reg.last_warnings[0])


def test_a_date_earlier_than_the_last_entry_is_a_warning(reg):
    incoming(reg, received="2025-01-10 10:00")
    e = incoming(reg, received="2025-01-09 10:00")
    assert e.number == 2
    assert [w.code for w in reg.last_warnings] == ["register.date_order"]


def test_rule_18_erroneously_delivered_documents_have_no_way_in():
    # rule 18: returned to the owner without registration -> no parameter, flag or method for them
    for method in (Register.register_incoming, Register.register_outgoing, Register.amend):
        names = " ".join(inspect.signature(method).parameters)
        assert "erroneous" not in names and "wrong" not in names
    assert not [name for name in dir(Register) if "erroneous" in name or "delete" in name]


def test_outgoing_entries(reg, clock):
    e = reg.register_outgoing(recipient={"organization": "АО «Банк»",
                                         "address": "050000, г. Алматы, пр. Достык, 10"},
                              summary="Запрос о наличии счетов должника", by="clerk")
    assert (e.number, e.registered, e.recipient["organization"]) == (1, date(2025, 3, 3), "АО «Банк»")
    with pytest.raises(InputError) as info:
        reg.register_outgoing(recipient="", summary="x", date="04.03.2025")
    assert codes(info) == [("store.outgoing_field", "rule 22", "recipient"),
                           ("store.registered_future", "rule 20", "date")]


def test_amend_records_the_correction_with_its_reason(reg):
    incoming(reg)
    e = reg.amend("incoming", 1, year=2025, reason="опечатка в номере", doc_number="12-34/576",
                  note="исправлено", by="head")
    assert (e.doc_number, e.note, e.number) == ("12-34/576", "исправлено", 1)
    last = e.history[-1]
    assert (last.action, last.by, last.reason) == ("amended", "head", "опечатка в номере")
    assert last.changes == {"doc_number": ["12-34/567", "12-34/576"], "note": [None, "исправлено"]}
    e = reg.amend("incoming", 1, year=2025, reason="лишнее", note="")
    assert e.note is None and e.history[-1].changes == {"note": ["исправлено", None]}
    assert [c.action for c in reg.history("incoming", 1, year=2025)] == \
        ["registered", "amended", "amended"]


@pytest.mark.parametrize("kwargs, expected", [
    (dict(reason="", summary="x"), [("store.amend_reason", "", "reason")]),
    (dict(reason="r", sumary="x"), [("store.amend_field", "", "sumary")]),
    (dict(reason="r", number=5), [("store.amend_field", "", "number")]),
    (dict(reason="r"), [("store.amend_nothing", "", "")]),
    (dict(reason="r", summary=""), [("store.incoming_field", "rule 19", "summary")]),
    (dict(reason="r", registered="05.01.2024"), [("store.amend_year", "rule 17", "registered"),
                                                 ("register.before_receipt", "rule 20", "registered"),
                                                 ("register.before_document", "rule 20", "doc_date")]),
    (dict(reason="r", summary="Запрос о ходе исполнительного производства № 0201-25-00001"),
     [("store.amend_nothing", "", "")]),
], ids=["no-reason", "misspelt", "renumber", "nothing", "clear-required", "other-year", "same-value"])
def test_bad_corrections_are_refused_and_change_nothing(reg, kwargs, expected):
    incoming(reg)
    args = {k: v for k, v in kwargs.items() if k != "number"}
    if "number" in kwargs:
        with pytest.raises(TypeError):  # number is the entry's key, never a field to change
            reg.amend("incoming", 1, year=2025, **kwargs)
        args["numbr"] = kwargs["number"]
        expected = [("store.amend_field", "", "numbr")]
    with pytest.raises(InputError) as info:
        reg.amend("incoming", 1, year=2025, **args)
    assert codes(info) == expected
    assert [c.action for c in reg.history("incoming", 1, year=2025)] == ["registered"]


def test_misspelt_field_gets_a_hint(reg):
    incoming(reg)
    with pytest.raises(InputError, match="did you mean 'summary'"):
        reg.amend("incoming", 1, year=2025, reason="r", sumary="x")


def test_mark_fills_columns_5_and_6(reg):
    incoming(reg)
    e = reg.mark("incoming", 1, year=2025, executed="Ответ исх. № 15 от 10.01.2025", case="02-05")
    assert (e.execution_mark, e.case) == ("Ответ исх. № 15 от 10.01.2025", "02-05")
    assert e.history[-1].action == "marked"
    reg.register_outgoing(recipient="АО «Банк»", summary="x", by="c")
    with pytest.raises(InputError) as info:
        reg.mark("outgoing", 1, year=2025, executed="x")
    assert codes(info) == [("store.mark_outgoing", "appendix 2", "direction")]


def test_get_an_unknown_number(reg):
    with pytest.raises(InputError) as info:
        reg.get("incoming", 7, year=2025)
    assert codes(info) == [("store.not_found", "rule 17", "number")]
    assert "7 is not a number in the incoming register of 2025" in str(info.value)


def test_list_filters_by_year_text_and_dates(reg, clock):
    clock.now = datetime(2025, 3, 3, 12, 0)
    incoming(reg, received="2024-12-27 10:00", doc_date="20.12.2024", summary="Годовой отчёт")
    incoming(reg, received="2025-01-09 10:00", sender="Әлиев Ғани", summary="Жалоба на действия")
    incoming(reg, received="2025-02-03 10:00", summary="Запрос ЗАГС")
    reg.register_outgoing(recipient="ЗАГС г. Алматы", summary="Запрос", date="03.02.2025", by="c")
    keys = lambda entries: [e.key for e in entries]  # noqa: E731
    assert keys(reg.list(year=2025)) == ["incoming 2025/1", "incoming 2025/2", "outgoing 2025/1"]
    assert keys(reg.list("incoming")) == ["incoming 2024/1", "incoming 2025/1", "incoming 2025/2"]
    assert keys(reg.list(text="загс")) == ["incoming 2025/2", "outgoing 2025/1"]
    assert keys(reg.list(text="ӘЛИЕВ")) == ["incoming 2025/1"]
    assert keys(reg.list(date_from="01.01.2025", date_to="2025-01-31")) == ["incoming 2025/1"]
    with pytest.raises(InputError, match=r"date_from: '31\.31\.2025'"):
        reg.list(date_from="31.31.2025")


@pytest.mark.parametrize("overrides, code", [
    (dict(received="2025-01-09 10:00", registered="08.01.2025"), "register.before_receipt"),
    (dict(received="2025-01-09 10:00", doc_date="10.01.2025"), "register.before_document"),
    (dict(received="2025-01-09 10:00", registered="10.01.2025"), "register.rule20"),
])
def test_the_store_and_a_register_file_check_rule_20_with_one_function(reg, overrides, code):
    """One implementation of rule 20: the same dates give the same code and clause both ways."""
    from unittest import mock

    from pea_docs.rules import registration
    from pea_docs.rules.registers import check_incoming_register
    calls = []
    real = registration.check_registration

    def spy(*args, **kwargs):
        calls.append(kwargs.get("exact", False))
        return real(*args, **kwargs)
    with mock.patch("pea_docs.store.fields.check_registration", spy):
        try:
            incoming(reg, **overrides)
            stored = reg.last_warnings
        except InputError as exc:
            stored = exc.problems
    fields = {"doc_date": "06.01.2025", **overrides}
    file_entry = {"sender": "ТОО «Альфа»", "summary": "Запрос", "doc_number": "1", **fields}
    agent = {"surname": "Сапаров", "name": "Арман"}
    from_file = check_incoming_register({"year": 2025, "agent": agent, "entries": [file_entry]})
    assert calls == [False]
    assert [(p.code, p.clause) for p in stored] == [(code, "rule 20")]
    assert [(p.code, p.clause) for p in from_file] == [(code, "rule 20")]


def test_a_clock_in_another_year_is_flagged_when_numbering_starts_again(reg, clock):
    reg.register_outgoing(recipient="АО «Банк»", summary="Запрос")
    assert reg.last_warnings == []
    clock.now = datetime(2031, 3, 3, 12, 0)  # a wrong clock, or really a new year: say so
    entry = reg.register_outgoing(recipient="АО «Банк»", summary="Запрос")
    assert entry.number == 1
    assert [(p.code, p.clause, p.severity) for p in reg.last_warnings] == [("store.new_year", "rule 17", "warning")]
    assert "03.03.2025" in reg.last_warnings[0].message and "clock" in reg.last_warnings[0].message


@pytest.mark.parametrize("summary, code", [("a\x01b", "text.control_character"),
                                           ("caf\udcff", "text.control_character")])
def test_text_a_clerk_pastes_follows_the_one_text_policy(reg, summary, code):
    with pytest.raises(InputError) as caught:
        reg.register_outgoing(recipient="АО «Банк»", summary=summary)
    assert [(p.code, p.loc) for p in caught.value.problems] == [(code, ("summary",))]
    assert reg.list() == []
    assert reg.register_outgoing(recipient="АО «Банк»", summary="Запрос\x0bо счетах").summary.startswith("Запрос")


def test_the_register_keeps_its_agent_for_every_export(reg):
    assert reg.agent is None
    reg.register_outgoing(recipient="АО «Банк»", summary="Запрос")
    kept = reg.set_agent({"surname": "Сапаров", "name": "Арман", "license": "17012345"})
    assert reg.agent == kept == {"surname": "Сапаров", "name": "Арман", "license": "17012345"}
    assert reg.export_data("outgoing", 2025)["agent"]["surname"] == "Сапаров"
    with pytest.raises(InputError):
        reg.set_agent({"name": "Арман"})  # the surname is required (rule 9)
