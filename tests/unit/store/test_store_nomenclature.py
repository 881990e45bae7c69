"""The nomenclature in the register: filing by index (rules 33, 35, 37, 38), withdrawals (rule 42)."""

from __future__ import annotations

import copy
import io
from pathlib import Path

import docx
import openpyxl
import pytest
import yaml

from pea_docs.errors import InputError
from pea_docs.store import Register

SAMPLE = Path(__file__).resolve().parents[3] / "samples" / "nomenclature.ru.yaml"
AGENT = {"surname": "Сапаров", "name": "Арман", "patronymic": "Болатович", "license": "17012345",
         "territory": "исполнительный округ г. Алматы"}


def nomenclature() -> dict:
    return yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))["data"]


def codes(raised) -> list[tuple[str, str, tuple]]:
    return [(p.code, p.clause, p.loc) for p in raised.value.problems]


def incoming(reg: Register, **more):
    values = dict(sender="ТОО «Альфа»", doc_number="12-34", doc_date="2025-03-01", summary="Запрос",
                  received="2025-03-03 10:00")
    return reg.register_incoming(**{**values, **more})


@pytest.fixture
def loaded(reg):
    reg.load_nomenclature(nomenclature())
    return reg


def test_without_a_nomenclature_the_case_stays_free_text(reg):
    assert incoming(reg, case="что угодно").case == "что угодно"


def test_loading_keeps_orders_and_reserve_numbers_in_order(loaded):
    orders = loaded.orders(2025)
    assert [o.index for o in orders][:7] == ["01-01", "01-02", "01-03", "01-04", "01-05", "01-06", "02-01"]
    assert [o.is_open for o in orders][:7] == [True, True, True, True, False, False, True]
    assert orders[6].storage == 15 and orders[6].carried_over and orders[0].storage == "permanent"


def test_registering_into_an_index_the_nomenclature_lacks_is_refused_rule_33(loaded):
    with pytest.raises(InputError) as raised:
        incoming(loaded, case="01-2")
    assert codes(raised) == [("store.unknown_index", "rule 33", ("case",))]
    assert "did you mean '01-02'?" in str(raised.value)
    assert loaded.list("incoming") == []  # nothing registered, no number taken
    assert incoming(loaded, case="01-02", sheets=3).number == 1


def test_a_reserve_number_takes_documents_once_opened_rule_35(loaded):
    with pytest.raises(InputError) as raised:
        incoming(loaded, case="02-05")
    assert codes(raised) == [("store.reserve_not_opened", "rule 35", ("case",))]
    order = loaded.open_order(2025, "02-05", heading="Акты проверок", storage=15, articles="140",
                              opened="2025-03-01")
    assert (order.heading, order.storage, order.opened.isoformat()) == ("Акты проверок", 15, "2025-03-01")
    assert incoming(loaded, case="02-05").case == "02-05"
    for index in ("02-05", "02-01", "99-99"):  # opened already, an order, not in the nomenclature
        with pytest.raises(InputError) as raised:
            loaded.open_order(2025, index, heading="x", storage=5)
        assert codes(raised) == [("store.not_reserve", "rule 35", ("index",))]


def test_opening_an_order_needs_one_storage_period(loaded):
    with pytest.raises(InputError) as raised:
        loaded.open_order(2025, "02-05", heading="x", storage="permanent, 5")
    assert codes(raised) == [("storage.mixed", "rule 38.4", ("storage",))]


def test_filing_later_checks_the_kind_the_year_and_the_index(loaded, clock):
    entry = incoming(loaded)
    for kind in ("draft", "extra_copy"):
        with pytest.raises(InputError) as raised:
            loaded.file("incoming", entry.number, year=2025, case="02-02", kind=kind)
        assert codes(raised) == [("store.not_filed", "rule 38.5", ("kind",))]
    with pytest.raises(InputError) as raised:
        loaded.file("incoming", entry.number, year=2025, case="02-02", order_year=2024)
    assert codes(raised) == [("store.other_year", "rule 37", ("order_year",))]
    with pytest.raises(InputError) as raised:  # a transferred case may, if 2024 has a nomenclature
        loaded.file("incoming", entry.number, year=2025, case="02-02", order_year=2024, transferred=True)
    assert codes(raised) == [("store.no_nomenclature", "rule 33", ("order_year",))]
    older = nomenclature()
    older["year"] = 2024
    older["approval"]["date"] = "2023-12-20"
    loaded.load_nomenclature(older)
    filed = loaded.file("incoming", entry.number, year=2025, case="02-02", order_year=2024, transferred=True,
                        sheets=4)
    assert (filed.case, filed.case_year, filed.sheets, filed.order_year) == ("02-02", 2024, 4, 2024)
    assert filed.history[-1].action == "marked"
    assert filed.history[-1].changes == {"case": [None, "02-02"], "case_year": [None, 2024], "sheets": [None, 4]}


def test_a_correction_of_the_case_is_checked_like_a_registration(loaded):
    entry = incoming(loaded, case="02-02")
    with pytest.raises(InputError) as raised:
        loaded.amend("incoming", entry.number, year=2025, reason="ошибка", case="02-99")
    assert codes(raised) == [("store.unknown_index", "rule 33", ("case",))]
    assert loaded.amend("incoming", entry.number, year=2025, reason="ошибка", case="02-03").case == "02-03"
    with pytest.raises(InputError) as raised:
        loaded.mark("incoming", entry.number, year=2025, case="01-06")
    assert codes(raised) == [("store.reserve_not_opened", "rule 35", ("case",))]


def test_the_outgoing_register_files_its_copies_too(loaded):
    entry = loaded.register_outgoing(recipient="АО «Банк»", summary="Запрос", date="2025-03-03", case="02-03",
                                     sheets=2)
    assert (entry.case, entry.sheets) == ("02-03", 2)
    assert "case" not in loaded.export_data("outgoing", 2025, agent=AGENT)["entries"][0]  # Appendix 2 has none


@pytest.mark.parametrize("sheets", [0, -1, "два", 1.5])
def test_sheets_are_a_whole_number(loaded, sheets):
    with pytest.raises(InputError) as raised:
        incoming(loaded, case="02-02", sheets=sheets)
    assert codes(raised) == [("store.sheets", "rule 39", ("sheets",))]


def test_a_new_nomenclature_keeps_the_indices_in_use(loaded):
    incoming(loaded, case="02-02")
    changed = copy.deepcopy(nomenclature())
    changed["sections"][1]["orders"] = [o for o in changed["sections"][1]["orders"] if o["index"] != "02-02"]
    with pytest.raises(InputError) as raised:
        loaded.load_nomenclature(changed)
    assert codes(raised) == [("store.index_in_use", "rule 33", ("sections",))]
    changed = copy.deepcopy(nomenclature())
    changed["sections"][0]["reserve"].append("01-07")
    loaded.load_nomenclature(changed)
    assert "01-07" in [o.index for o in loaded.orders(2025)]


def test_a_nomenclature_breaking_the_rules_is_not_loaded(reg, tmp_path):
    bad = copy.deepcopy(nomenclature())
    bad["sections"][0]["reserve"] = []
    with pytest.raises(InputError) as raised:
        reg.load_nomenclature(bad)
    assert codes(raised) == [("nomenclature.no_reserve", "rule 35", ("sections", 0, "reserve"))]
    path = tmp_path / "n.yaml"
    text = yaml.safe_dump({"form": "nomenclature", "data": bad}, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        reg.load_nomenclature(path)
    problem = raised.value.problems[0]
    line = text.splitlines().index("    reserve: []") + 1  # the empty reserve of the first section
    assert (problem.code, problem.file, problem.line) == ("nomenclature.no_reserve", str(path), line)
    assert reg.orders(2025) == []


def test_an_xlsx_nomenclature_in_the_forms_layout(reg, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Частный судебный исполнитель Сапаров А.Б."])
    sheet.append(["НОМЕНКЛАТУРА ДЕЛ на 2026 год"])
    sheet.append(["Индекс дела", "Заголовок дела", "Количество дел", "Срок хранения", "Примечание"])
    sheet.append([1, 2, 3, 4, 5])
    sheet.append(["01. Организационные вопросы"])
    sheet.append(["01-01", "Номенклатура дел", None, "постоянно, ст. 9", None])
    sheet.append(["01-02", "Переписка", None, "5 лет, ст. 30", "общего характера"])
    sheet.append(["01-03", "Резервный номер"])
    sheet.append(["02. Исполнительное производство"])
    sheet.append(["02-01", "Реестры взыскателей", 2, "15 лет, ст. 123", None])
    sheet.append(["02-02", None])
    path = tmp_path / "n.xlsx"
    book.save(path)
    loaded = reg.load_nomenclature(path)
    assert loaded.year == 2026
    assert [(s.title, [(o.index, o.storage, o.articles) for o in s.orders], s.reserve) for s in loaded.sections] == [
        ("01. Организационные вопросы", [("01-01", "permanent", "9"), ("01-02", 5, "30")], ["01-03"]),
        ("02. Исполнительное производство", [("02-01", 15, "123")], ["02-02"])]


def test_withdrawal_and_return_rule_42(loaded, tmp_path):
    loaded.set_agent(AGENT)
    first = incoming(loaded, case="01-02", sheets=2)
    second = incoming(loaded, case="01-02", sheets=3, doc_date="2025-03-02", summary="Ответ")
    unfiled = incoming(loaded)
    act = {"number": 3, "date": "2025-04-01", "place": "г. Алматы",
           "grounds": {"document": "запрос", "authority": "суд", "number": "2-1", "date": "2025-03-30"},
           "handed_over": {"surname": "Сапаров", "name": "Арман"}, "received": {"surname": "Ким", "name": "Ольга"},
           "entries": [f"incoming 2025/{second.number}"]}
    with pytest.raises(InputError) as raised:
        loaded.withdraw({**act, "entries": [f"incoming 2025/{unfiled.number}"]})
    assert codes(raised) == [("store.withdrawal", "rule 42", ("entries", 0))]
    document = loaded.withdraw(act)
    rows = [[c.text for c in row.cells] for row in docx.Document(io.BytesIO(document.to_bytes())).tables[1].rows]
    assert rows[2][1:5] == ["01-02\nЖурнал регистрации входящей корреспонденции", "Ответ\n№\u00a012-34\n02.03.2025",
                            "3–5", "подлинник"]
    with pytest.raises(InputError) as raised:  # out already; and the act's number is taken
        loaded.withdraw(act)
    assert codes(raised) == [("store.withdrawal", "rule 42", ("entries", 0))]
    notes = _inventory_notes(loaded, tmp_path / "a")
    assert notes == ["", "копия; подлинник изъят по акту № 3 от 01.04.2025"]
    returned = {"date": "2025-04-20", "returned_by": {"surname": "Ким", "name": "Ольга"},
                "received_by": {"surname": "Сапаров", "name": "Арман"}}
    text = [p.text for p in docx.Document(io.BytesIO(loaded.return_documents(3, year=2025, returned=returned).to_bytes()))
            .paragraphs]
    assert any("возвращены 20 апреля 2025 года" in t.replace("\u00a0", " ") for t in text)
    assert _inventory_notes(loaded, tmp_path / "b") == ["", ""]
    with pytest.raises(InputError) as raised:
        loaded.return_documents(3, year=2025, returned=returned)
    assert codes(raised) == [("store.withdrawal", "rule 42", ("number",))]
    assert first.number == 1


def _inventory_notes(reg: Register, folder: Path) -> list[str]:
    reg.close_year(2025, folder, on="2025-12-31")
    table = docx.Document(folder / "01-02" / "internal_inventory.docx").tables[0]
    return [row.cells[5].text.replace("\u00a0", " ") for row in list(table.rows)[2:]]


def test_the_archive_needs_the_agent_the_register_keeps(loaded, tmp_path):
    incoming(loaded, case="01-02")
    with pytest.raises(InputError) as raised:
        loaded.close_year(2025, tmp_path / "out", on="2025-12-31")
    assert codes(raised) == [("store.no_agent", "rule 9", ("agent",))]
    assert not (tmp_path / "out").exists()
    written = loaded.close_year(2025, tmp_path / "out", on="2025-12-31", agent=AGENT)  # or given to the call
    assert (tmp_path / "out" / "nomenclature.2025.docx") in written


def test_a_withdrawal_names_each_filed_document_once(loaded):
    loaded.set_agent(AGENT)
    first = incoming(loaded, case="01-02")
    act = {"number": 1, "date": "2025-04-01", "place": "г. Алматы", "grounds": {"document": "запрос", "authority": "суд"},
           "handed_over": {"surname": "Сапаров", "name": "Арман"}, "received": {"surname": "Ким", "name": "Ольга"},
           "entries": [f"incoming 2025/{first.number}", ("incoming", first.number, 2025)]}
    with pytest.raises(InputError) as raised:
        loaded.withdraw(act)
    assert codes(raised) == [("store.withdrawal", "rule 42", ("entries", 1))]


def test_a_case_kept_as_free_text_is_not_an_order_to_withdraw_from(reg):
    reg.set_agent(AGENT)
    entry = incoming(reg, case="дело без номенклатуры")  # no nomenclature of 2025: free text
    act = {"number": 1, "date": "2025-04-01", "place": "г. Алматы", "grounds": {"document": "запрос", "authority": "суд"},
           "handed_over": {"surname": "Сапаров", "name": "Арман"}, "received": {"surname": "Ким", "name": "Ольга"},
           "entries": [f"incoming 2025/{entry.number}"]}
    with pytest.raises(InputError) as raised:
        reg.withdraw(act)
    assert codes(raised) == [("store.withdrawal", "rule 42", ("entries", 0))]


def test_a_first_nomenclature_must_hold_the_cases_already_written(reg):
    incoming(reg, case="02-02")          # a free-text case that the nomenclature has
    incoming(reg, case="старое дело")    # and one it lacks
    with pytest.raises(InputError) as raised:
        reg.load_nomenclature(nomenclature())
    assert codes(raised) == [("store.index_in_use", "rule 33", ("sections",))]
    assert raised.value.problems[0].value == "старое дело"
    reg.amend("incoming", 2, year=2025, reason="индекс по номенклатуре", case="02-03")
    assert reg.load_nomenclature(nomenclature()).year == 2025
