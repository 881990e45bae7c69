"""`pea-docs archive ...` with click's CliRunner: each subcommand, its JSON, its errors with places."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from pea_docs.cli.archive import archive
from pea_docs.cli.register import register

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
OFFICE = """\
agent:
  surname: Сапаров
  name: Арман
  patronymic: Болатович
  license: "17012345"
  territory: исполнительный округ г. Алматы
"""
WITHDRAWAL = """\
number: 3
date: 2025-04-01
place: г. Алматы
grounds: {document: запрос, authority: суд, number: 2-1, date: 2025-03-30}
handed_over: {surname: Сапаров, name: Арман}
received: {surname: Ким, name: Ольга}
entries: [ENTRY]
"""


@pytest.fixture
def office(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PEA_DOCS_DB", raising=False)
    monkeypatch.delenv("PEA_DOCS_OFFICE", raising=False)
    (tmp_path / "office.yaml").write_text(OFFICE, encoding="utf-8")
    return tmp_path


def run(group, *args: str, code: int = 0):
    result = CliRunner().invoke(group, list(args), catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


def test_the_year_from_the_command_line(office):
    out = run(archive, "nomenclature", str(SAMPLES / "nomenclature.ru.yaml")).output
    assert out.strip() == "nomenclature of 2025: 12 orders, 5 reserve numbers"
    refused = run(register, "incoming", "--from", "ТОО «Альфа»", "--doc-number", "1", "--doc-date", "2025-03-03",
                  "--summary", "Запрос", "--received", "2025-03-03 10:00", "--case", "02-05", "--json", code=1)
    problem = json.loads(refused.output)["problems"][0]
    assert (problem["code"], problem["clause"], problem["value"]) == ("store.reserve_not_opened", "rule 35", "02-05")
    run(archive, "open", "02-05", "--year", "2025", "--heading", "Акты проверок", "--storage", "15")
    for n in (1, 2):
        run(register, "incoming", "--from", "ТОО «Альфа»", "--doc-number", str(n), "--doc-date", "2025-03-03",
            "--summary", f"Запрос {n}", "--received", "2025-03-03 10:00", "--case", "02-05", "--sheets", "2")
    listed = json.loads(run(archive, "orders", "--year", "2025", "--json").output)["orders"]
    assert {"index": "02-05", "heading": "Акты проверок", "storage": 15, "documents": 2, "sheets": 4} in listed
    drafted = run(archive, "file", "incoming", "1", "--year", "2025", "--case", "02-02", "--kind", "draft",
                  "--json", code=1)
    assert json.loads(drafted.output)["problems"][0]["code"] == "store.not_filed"
    (office / "w.yaml").write_text(WITHDRAWAL.replace("ENTRY", "incoming 2025/2"), encoding="utf-8")
    assert run(archive, "withdraw", "w.yaml", "-o", "act.docx").output.strip() == "wrote act.docx"
    closed = run(archive, "close", "2025", "-o", "close", "--date", "2025-12-31").output.splitlines()
    assert "wrote close/02-05/internal_inventory.docx" in closed
    notes = [row.cells[5].text.replace("\u00a0", " ")
             for row in docx.Document(office / "close" / "02-05" / "internal_inventory.docx").tables[0].rows]
    assert notes[2:] == ["", "копия; подлинник изъят по акту № 3 от 01.04.2025"]
    (office / "r.yaml").write_text("act: 3\nyear: 2025\ndate: 2025-04-20\nreturned_by: {surname: Ким, name: Ольга}\n"
                                   "received_by: {surname: Сапаров, name: Арман}\n", encoding="utf-8")
    assert run(archive, "return", "r.yaml", "-o", "act.returned.docx").output.strip() == "wrote act.returned.docx"
    again = run(archive, "return", "r.yaml", "-o", "again.docx", code=1)
    assert "was returned already" in again.output and not (office / "again.docx").exists()
    assert run(archive, "expired", "--on", "2026-06-01", "-o", "x").output.strip() == \
        "no order has expired by 2026-06-01"


def test_a_bad_withdrawal_names_the_file_and_line(office):
    run(archive, "nomenclature", str(SAMPLES / "nomenclature.ru.yaml"))
    (office / "w.yaml").write_text(WITHDRAWAL.replace("ENTRY", "incoming 25/1"), encoding="utf-8")
    result = run(archive, "withdraw", "w.yaml", "-o", "act.docx", code=1)
    assert "w.yaml:7:11 (document 1): entries[0]: 'incoming 25/1' is not an entry" in result.output
    assert not (office / "act.docx").exists()


def test_closing_a_year_without_a_nomenclature_says_what_to_do(office):
    result = run(archive, "close", "2024", "-o", "out", code=1)
    assert "year: 2024 has no nomenclature in the register; load it first" in result.output
    assert not (office / "out").exists()
