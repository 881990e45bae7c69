"""Printing a year as the Appendix 1/2 form, and bringing a journal in (XLSX or YAML)."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import pytest

import pea_docs.api
from pea_docs.errors import InputError

AGENT = {"surname": "Сапаров", "name": "Арман", "patronymic": "Болатович",
         "license": "17012345"}

BANK = {"organization": "АО «Банк Центр Кредит»", "address": "050000, г. Алматы, пр. Достык, 10"}


@pytest.fixture
def filled(reg, clock):
    clock.now = datetime(2025, 3, 3, 12, 0)
    reg.register_incoming(sender={"organization": "ТОО «Альфа & Ко»", "address": "050000, г. Алматы, ул. Абая, 1"},
                          doc_number="12-34/567", doc_date="06.01.2025", received="2025-01-10 19:40",
                          summary="Запрос о ходе исполнительного производства № 0201-25-00001", by="c")
    reg.register_incoming(sender="Әлиев Ғани Құрманұлы", doc_number=None, doc_date=None,
                          received="2025-01-13 10:00", summary="Жалоба", case="02-05", by="c")
    reg.mark("incoming", 1, year=2025, executed="Ответ исх. № 15 от 14.01.2025", case="02-07")
    reg.register_outgoing(recipient=BANK, summary="Запрос о наличии счетов должника",
                          date="10.01.2025", by="c")
    reg.register_outgoing(recipient="ТОО «Бета»", summary="Ответ на запрос", date="14.01.2025",
                          doc_number="02-05/15", note="нарочно", by="c")
    reg.register_incoming(sender="ТОО «Гамма»", doc_number="1", doc_date="05.12.2024",
                          received="2024-12-27 10:00", summary="Прошлый год", by="c")
    return reg


# the same entries written out by hand, as a user would give them to render()
INCOMING_2025 = {"year": 2025, "agent": AGENT, "entries": [
    {"number": 1, "registered": "13.01.2025", "doc_date": "06.01.2025", "doc_number": "12-34/567",
     "sender": {"organization": "ТОО «Альфа & Ко»", "address": "050000, г. Алматы, ул. Абая, 1"},
     "summary": "Запрос о ходе исполнительного производства № 0201-25-00001",
     "execution_mark": "Ответ исх. № 15 от 14.01.2025", "case": "02-07"},
    {"number": 2, "registered": "13.01.2025", "sender": "Әлиев Ғани Құрманұлы",
     "summary": "Жалоба", "case": "02-05"},
]}
OUTGOING_2025 = {"year": 2025, "agent": AGENT, "entries": [
    {"number": 1, "date": "10.01.2025", "recipient": BANK,
     "summary": "Запрос о наличии счетов должника"},
    {"number": 2, "date": "14.01.2025", "doc_number": "02-05/15", "recipient": "ТОО «Бета»",
     "summary": "Ответ на запрос", "note": "нарочно"},
]}


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
@pytest.mark.parametrize("direction, data", [("incoming", INCOMING_2025),
                                             ("outgoing", OUTGOING_2025)], ids=["in", "out"])
def test_export_equals_the_form_rendered_from_the_same_entries(filled, direction, data, lang):
    exported = filled.export(direction, 2025, agent=AGENT, lang=lang).to_bytes()
    assert exported == pea_docs.api.render(f"{direction}_register", data, lang=lang).to_bytes()


def test_the_exported_journal_holds_the_entries(filled):
    sheet = openpyxl.load_workbook(io.BytesIO(
        filled.export("incoming", 2025, agent=AGENT).to_bytes())).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    entries = [r for r in rows if r and r[0] in (1, 2) and isinstance(r[1], datetime)]
    assert [(r[0], r[1].date(), r[3], r[5]) for r in entries] == [
        (1, date(2025, 1, 13), "12-34/567", "Запрос о ходе исполнительного производства № 0201-25-00001"),
        (2, date(2025, 1, 13), None, "Жалоба")]
    assert entries[0][4] == "ТОО «Альфа & Ко», 050000, г. Алматы, ул. Абая, 1"
    assert (entries[0][6], entries[0][7]) == ("Ответ исх. № 15 от 14.01.2025", "02-07")
    assert not any(r for r in rows if "Прошлый год" in r)  # 2024 is another register


def test_export_needs_the_agent(filled):
    with pytest.raises(InputError) as info:
        filled.export("incoming", 2025)
    assert [(p.code, p.clause) for p in info.value.problems] == [("store.agent", "rule 9")]


def _visible(entries):
    return [(e.direction, e.year, e.number, e.registered, e.doc_date, e.doc_number,
             e.party if isinstance(e.party, str) else None, e.summary, e.execution_mark,
             e.case, e.note) for e in entries]


@pytest.mark.parametrize("direction", ["incoming", "outgoing"])
def test_xlsx_round_trip_export_import_export(filled, stores, tmp_path, clock, direction):
    journal = filled.export(direction, 2025, agent=AGENT).save(tmp_path / f"{direction}.xlsx")
    with stores.open("fresh", clock=clock) as fresh:
        imported = fresh.import_(journal, by="importer")
        assert len(imported) == 2
        assert fresh.export(direction, 2025, agent=AGENT).to_bytes() == journal.read_bytes()
        original = [e for e in filled.list(direction, year=2025)]
        # the sender block comes back as the line the form printed (rule 10 order)
        printed = {1: "ТОО «Альфа & Ко», 050000, г. Алматы, ул. Абая, 1",
                   "out1": "АО «Банк Центр Кредит», 050000, г. Алматы, пр. Достык, 10"}
        assert [(e.number, e.registered, e.doc_date, e.doc_number, e.summary, e.execution_mark,
                 e.case, e.note) for e in imported] == \
            [(e.number, e.registered, e.doc_date, e.doc_number, e.summary, e.execution_mark,
              e.case, e.note) for e in original]
        assert imported[0].party == (printed[1] if direction == "incoming" else printed["out1"])
        assert imported[0].history[0].action == "imported"
        assert imported[0].history[0].reason == f"imported from {direction}.xlsx"


def test_yaml_import_applies_rule_20_and_numbers_in_sequence(reg, tmp_path):
    source = tmp_path / "journal.yaml"
    source.write_text("""\
form: incoming_register
data:
  year: 2025
  agent: {surname: Сапаров, name: Арман}
  entries:
    - received: 2025-01-10 19:40
      doc_date: 2025-01-06
      doc_number: 12-34/567
      sender: {organization: ТОО «Альфа», address: "050000, г. Алматы, ул. Абая, 1"}
      summary: Запрос
    - registered: 2025-01-13
      doc_date: 09.01.2025
      doc_number: 15
      sender: Әлиев Ғ.
      summary: Жалоба
      case: 02-05
---
form: outgoing_register
data:
  year: 2025
  entries:
    - {number: 1, date: 2025-01-14, recipient: АО «Банк», summary: Ответ}
""", encoding="utf-8")
    entries = reg.import_(source, by="importer")
    assert _visible(entries) == [
        ("incoming", 2025, 1, date(2025, 1, 13), date(2025, 1, 6), "12-34/567", None, "Запрос",
         None, None, None),
        ("incoming", 2025, 2, date(2025, 1, 13), date(2025, 1, 9), "15", "Әлиев Ғ.", "Жалоба",
         None, "02-05", None),
        ("outgoing", 2025, 1, date(2025, 1, 14), None, None, "АО «Банк»", "Ответ", None, None, None),
    ]
    assert entries[0].received == datetime(2025, 1, 10, 19, 40)
    # a registration after the import continues the numbering
    e = reg.register_outgoing(recipient="x", summary="y", date="20.01.2025", by="c")
    assert e.number == 2


def test_a_bad_import_names_file_and_line_and_imports_nothing(reg, tmp_path):
    source = tmp_path / "bad.yaml"
    source.write_text("""\
form: outgoing_register
data:
  year: 2025
  entries:
    - {number: 1, date: 2025-01-14, recipient: АО «Банк», summary: Ответ}
    - {number: 3, date: 2025-01-15, recipient: АО «Банк», summary: Ответ}
    - {date: "31.02.2025", recipient: АО «Банк», summary: Ответ}
    - {date: 2024-12-30, recipient: АО «Банк», summary: Ответ, sumary: x}
""", encoding="utf-8")
    with pytest.raises(InputError) as info:
        reg.import_(source)
    found = [(p.code, p.clause, p.line, ".".join(map(str, p.loc))) for p in info.value.problems]
    assert found == [
        ("store.import_sequence", "rule 17", 6, "entries.1.number"),
        ("date.invalid", "rule 11", 7, "entries.2.date"),
        ("field.unknown", "", 8, "entries.3.sumary"),
    ]
    assert all(p.file == str(source) for p in info.value.problems)
    assert "does not continue the outgoing register: the next number is 2" in str(info.value)
    assert reg.list() == []  # all or nothing


def test_import_refuses_a_year_mismatch_and_a_file_that_is_no_journal(reg, tmp_path):
    source = tmp_path / "y.yaml"
    source.write_text("form: outgoing_register\ndata:\n  year: 2025\n  entries:\n"
                      "    - {date: 2024-12-30, recipient: x, summary: y}\n", encoding="utf-8")
    with pytest.raises(InputError, match="is not in the register's year 2025"):
        reg.import_(source)
    other = tmp_path / "a.yaml"
    other.write_text("form: destruction_act\ndata: {}\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        reg.import_(other)
    assert info.value.problems[0].code == "store.import_format"
    text = tmp_path / "j.txt"
    text.write_text("1;2;3")
    with pytest.raises(InputError, match="give a .yaml"):
        reg.import_(text)
    sheet = tmp_path / "s.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Журнал"])
    book.save(sheet)
    with pytest.raises(InputError, match="has no row of column numbers"):
        reg.import_(sheet)


def test_import_of_a_hand_kept_journal_with_column_2_in_one_cell(reg, tmp_path):
    sheet = tmp_path / "hand.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["Журнал регистрации входящей корреспонденции"])
    ws.append(["№ п/п", "Дата и номер", "От кого", "Краткое содержание", "Отметка", "Дело", "Прим."])
    ws.append([1, 2, 3, 4, 5, 6, 7])
    ws.append([1, "13.01.2025 06.01.2025 № 12-34/567", "ТОО «Альфа»", "Запрос", None, "02-05", None])
    ws.append([None, datetime(2025, 1, 14), "Әлиев Ғ.", "Жалоба", None, None, None])
    book.save(sheet)
    entries = reg.import_(sheet, by="c")
    assert [(e.number, e.registered, e.doc_date, e.doc_number, e.sender, e.case) for e in entries] == [
        (1, date(2025, 1, 13), date(2025, 1, 6), "12-34/567", "ТОО «Альфа»", "02-05"),
        (2, date(2025, 1, 14), None, None, "Әлиев Ғ.", None)]
