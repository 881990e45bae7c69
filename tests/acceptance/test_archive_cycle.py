"""The year's cycle end to end: a nomenclature, 300 documents filed in 12 orders, the close, the expiry.

Issue 11's acceptance: `archive close` writes the final entry, the inventories of
orders and each full-registration order's cover, internal inventory and
certification sheet, the sheets numbered from what was filed; five years on,
`archive expired` finds exactly the temporary orders whose storage has run out,
and the draft destruction act it writes validates.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner
from docx_tools import plain_document
from pdf_tools import pdf_page_sizes_mm, pdf_text

from pea_docs.api import validate
from pea_docs.cli.archive import archive
from pea_docs.store import Register

AGENT = {"surname": "Сапаров", "name": "Арман", "patronymic": "Болатович", "license": "17012345",
         "territory": "исполнительный округ г. Алматы"}
# 12 orders: three permanent, three over ten years, six up to ten (their years)
ORDERS = [("01-01", "permanent"), ("01-02", "permanent"), ("01-03", "permanent"),
          ("02-01", 15), ("02-02", 25), ("02-03", 75),
          ("03-01", 1), ("03-02", 3), ("03-03", 5), ("03-04", 5), ("03-05", 10), ("03-06", 3)]
DOCUMENTS = 300


def nomenclature() -> dict:
    sections = []
    for n, prefix in enumerate(("01", "02", "03"), start=1):
        orders = [{"index": index, "heading": f"Дело {index}", "storage": storage, "articles": str(10 + i)}
                  for i, (index, storage) in enumerate(ORDERS) if index.startswith(prefix)]
        sections.append({"title": f"{n}. Раздел {prefix}", "orders": orders, "reserve": [f"{prefix}-09"]})
    return {"year": 2025, "agent": AGENT, "sections": sections,
            "approval": {"by": "Республиканская палата частных судебных исполнителей", "date": "2024-12-20"}}


def working_days(start: date):
    day = start
    while True:
        if day.weekday() < 5:
            yield day
        day += timedelta(days=1)


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    """A register of 2025: the nomenclature loaded, 300 documents filed; what each order holds."""
    folder = tmp_path_factory.mktemp("archive")
    reg = Register(folder / "office.sqlite", clock=lambda: datetime(2025, 12, 31, 17, 0))
    reg.set_agent(AGENT)
    reg.load_nomenclature(nomenclature())
    expected: dict[str, list[int]] = {index: [] for index, _ in ORDERS}
    days = working_days(date(2025, 1, 9))
    for i in range(DOCUMENTS):
        index = ORDERS[i % len(ORDERS)][0]
        sheets = 1 + i % 3
        day = next(days) if i % 2 == 0 else day  # two documents a working day
        if i % 2 == 0:
            reg.register_incoming(sender=f"ТОО «Контрагент {i}»", doc_number=f"{i}-вх", doc_date=day,
                                  summary=f"Документ {i}", received=f"{day.isoformat()} 10:00", case=index,
                                  sheets=sheets)
        else:
            reg.register_outgoing(recipient=f"АО «Банк {i}»", summary=f"Ответ {i}", date=day, case=index,
                                  sheets=sheets)
        expected[index].append(sheets)
    closed = reg.close_year(2025, folder / "close", on="2025-12-31")
    yield reg, folder, closed, expected
    reg.close()


def open_docx(path: Path):
    return plain_document(path.read_bytes())


def test_close_writes_the_final_entry_inventories_and_the_full_registration_of_six_orders(year):
    reg, folder, closed, _ = year
    out = folder / "close"
    names = sorted(str(p.relative_to(out)) for p in closed)
    full = [index for index, storage in ORDERS if storage == "permanent" or storage > 10]
    assert names == sorted(["nomenclature.2025.docx", "inventory_of_orders.2025.permanent.docx",
                            "inventory_of_orders.2025.over_10.docx"]
                           + [f"{index}/{name}" for index in full
                              for name in ("case_cover.docx", "internal_inventory.docx", "certification_sheet.docx")])


def test_the_final_entry_counts_the_orders_opened_by_category(year):
    _, folder, _, _ = year
    doc = open_docx(folder / "close" / "nomenclature.2025.docx")
    final = [[c.text for c in row.cells] for row in doc.tables[-2].rows]
    assert final[2:] == [["Постоянного", "3", "0"], ["Временного (свыше 10 лет)", "3", "0"],
                         ["Временного (до 10 лет включительно)", "6", "0"], ["ИТОГО", "12", "0"]]
    table = [[c.text for c in row.cells] for row in doc.tables[1].rows]
    assert ["01-01", "Дело 01-01", "1", "постоянно, ст. 10", ""] in table
    assert ["01-09", "Резервный номер", "", "", ""] in table


@pytest.mark.parametrize("kind, indices", [("permanent", ["01-01", "01-02", "01-03"]),
                                           ("over_10", ["02-01", "02-02", "02-03"])])
def test_the_inventories_of_orders_number_the_orders_and_total_their_sheets(year, kind, indices):
    _, folder, _, expected = year
    doc = open_docx(folder / "close" / f"inventory_of_orders.2025.{kind}.docx")
    rows = [[c.text for c in row.cells] for row in doc.tables[0].rows][2:]
    assert [(r[0], r[1], r[5]) for r in rows] == [(str(n), index, str(sum(expected[index])))
                                                  for n, index in enumerate(indices, start=1)]
    assert all(re.fullmatch(r"\d\d\.\d\d\.2025–\d\d\.\d\d\.2025", r[3]) for r in rows)
    texts = [p.text for p in doc.paragraphs]
    assert "В данную опись внесено дел: 3 (три), с № 1 по № 3, в том числе:" in texts
    assert texts.count("КОНТРОЛЬНЫЙ ЭКЗЕМПЛЯР") == 1


def test_each_order_its_inventory_sheets_run_through_and_the_counts_agree(year):
    _, folder, _, expected = year
    for index in ("01-01", "02-03"):
        sheets = expected[index]
        total = sum(sheets)
        inventory = open_docx(folder / "close" / index / "internal_inventory.docx")
        rows = [[c.text for c in row.cells] for row in inventory.tables[0].rows][2:]
        assert len(rows) == len(sheets) == 25
        ranges, first = [], 1
        for count in sheets:
            ranges.append(str(first) if count == 1 else f"{first}–{first + count - 1}")
            first += count
        assert [r[4] for r in rows] == ranges
        dates = [datetime.strptime(r[2], "%d.%m.%Y") for r in rows]
        assert dates == sorted(dates)  # rule 37
        texts = [p.text for p in inventory.paragraphs]
        assert "Итого документов: 25 (двадцать пять)." in texts
        sheet = [p.text for p in open_docx(folder / "close" / index / "certification_sheet.docx").paragraphs]
        assert any(t.startswith(f"В деле подшито и пронумеровано листов: {total} (") for t in sheet)
        cover = [p.text for p in open_docx(folder / "close" / index / "case_cover.docx").paragraphs]
        assert any(t.startswith(f"Количество листов: {total} (") for t in cover)
        assert f"ДЕЛО № {index}" in cover


def test_five_years_on_only_the_expired_temporary_orders_reach_the_destruction_act(year, tmp_path):
    reg, _, _, _ = year
    written = reg.expired("2031-01-15", tmp_path)
    assert sorted(p.name for p in written) == ["destruction_act.draft.docx", "destruction_act.draft.yaml"]
    source = yaml.safe_load((tmp_path / "destruction_act.draft.yaml").read_text(encoding="utf-8"))
    items = source["data"]["items"]
    # 1, 3, 5, 5 and 3 years from 1 January 2026 have run out by 15 January 2031; 10 years have not
    assert [(i["index"], i["storage"], i["years"]) for i in items] == [
        ("03-01", 1, "2025"), ("03-02", 3, "2025"), ("03-03", 5, "2025"), ("03-04", 5, "2025"),
        ("03-06", 3, "2025")]
    report = validate("destruction_act", source["data"])
    assert report.errors == [], report.errors
    text = [p.text for p in docx.Document(io.BytesIO((tmp_path / "destruction_act.draft.docx").read_bytes()))
            .sections[0].header.paragraphs]
    assert "ПРОЕКТ" in text
    assert reg.expired("2026-12-31", tmp_path / "none") == []  # nothing has run out in the first year
    assert not (tmp_path / "none").exists()


def test_the_command_line_closes_a_year_and_prints_what_it_wrote(year, tmp_path, monkeypatch):
    reg, folder, _, _ = year
    monkeypatch.delenv("PEA_DOCS_OFFICE", raising=False)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(archive, ["--db", str(folder / "office.sqlite"), "close", "2025", "-o", "cli",
                                          "--date", "2025-12-31"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 21 and lines[0] == f"wrote {Path('cli') / 'nomenclature.2025.docx'}"
    # the same data, the same bytes (deterministic output)
    assert (tmp_path / "cli" / "01-02" / "internal_inventory.docx").read_bytes() == \
           (folder / "close" / "01-02" / "internal_inventory.docx").read_bytes()


@pytest.mark.libreoffice
def test_libreoffice_opens_the_closing_documents(year, to_pdf):
    _, folder, _, _ = year
    inventory = to_pdf(folder / "close" / "inventory_of_orders.2025.permanent.docx")
    assert [(round(w), round(h)) for w, h in pdf_page_sizes_mm(inventory)] == [(210, 297)] * 2
    internal = to_pdf(folder / "close" / "02-03" / "internal_inventory.docx")
    assert "Итого документов: 25" in " ".join(pdf_text(internal).replace("\u00a0", " ").split())


def test_the_transfer_act_takes_its_archive_table_from_the_register(year):
    reg, _, _, expected = year
    act = {"date": "2026-02-02", "place": "г. Алматы", "grounds": "termination",
           "transferring": AGENT, "receiving": {"name": "Региональная палата ЧСИ г. Алматы",
                                                "representative": {"surname": "Жұмабеков", "name": "Нұрлан"}},
           "pending": [{"number": "0201-25-00001", "date": "2025-01-10", "debtor": "ТОО «Б»", "recoveror": "ТОО «А»"}]}
    doc = plain_document(reg.transfer_act(act).to_bytes())
    archive_rows = [[c.text for c in row.cells] for row in doc.tables[2].rows][2:]
    assert [(r[1], r[3]) for r in archive_rows] == [(index, f"томов: 1; листов: {sum(expected[index])}")
                                                   for index, _ in ORDERS]
    assert archive_rows[0][2] == "Дело 01-01, 2025" and archive_rows[0][4] == "постоянно, ст. 10"
    texts = [p.text for p in doc.paragraphs]
    assert "Итого: 12 (двенадцать); томов: 12 (двенадцать)." in texts
    given = plain_document(reg.transfer_act({**act, "archive": []}).to_bytes())  # the act's own list wins
    assert len([t for t in given.tables if len(t.columns) == 5]) == 1
