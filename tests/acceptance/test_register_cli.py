"""`pea-docs register ...` end to end with click's CliRunner: files reopened and compared."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner

import pea_docs.api
from pea_docs.cli.register import register
from pea_docs.documents.stamping import apply_stamp
from pea_docs.store import Register

OFFICE = """\
agent:
  surname: Сапаров
  name: Арман
  patronymic: Болатович
  license: "17012345"
  territory: исполнительный округ г. Алматы
  address: 050000, г. Алматы, ул. Абая, д. 10, оф. 5
hours: {start: "09:00", end: "18:00"}
"""
AGENT = {"surname": "Сапаров", "name": "Арман", "patronymic": "Болатович"}


@pytest.fixture
def office(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PEA_DOCS_DB", raising=False)
    monkeypatch.delenv("PEA_DOCS_OFFICE", raising=False)
    (tmp_path / "office.yaml").write_text(OFFICE, encoding="utf-8")
    return tmp_path


def run(*args: str, ok: bool = True):
    result = CliRunner().invoke(register, list(args), catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def incoming(*extra: str, ok: bool = True):
    return run("incoming", "--from", "ТОО «Альфа & Ко», г. Алматы", "--doc-number", "12-34/567",
               "--doc-date", "06.01.2025", "--summary", "Запрос о ходе ИП № 0201-25-00001",
               *extra, ok=ok)


def test_incoming_prints_number_and_the_rule_20_date(office):
    result = incoming("--received", "2025-01-10 19:40")  # Friday after hours
    assert result.stdout.strip() == "incoming No. 1 of 13.01.2025"
    data = json.loads(incoming("--received", "2025-01-13 10:00", "--case", "02-05", "--json").stdout)
    assert (data["number"], data["registered"], data["case"]) == (2, "2025-01-13", "02-05")
    assert data["history"][0]["action"] == "registered"
    assert (office / "pea-docs.sqlite").is_file()


def test_the_database_comes_from_db_or_the_environment(office, monkeypatch):
    run("--db", "a.sqlite", "outgoing", "--to", "АО «Банк»", "--summary", "Запрос")
    monkeypatch.setenv("PEA_DOCS_DB", str(office / "b.sqlite"))
    run("outgoing", "--to", "АО «Банк»", "--summary", "Запрос")
    run("outgoing", "--to", "АО «Банк»", "--summary", "Запрос")
    with Register(office / "a.sqlite") as a, Register(office / "b.sqlite") as b:
        assert len(a.list()) == 1 and len(b.list()) == 2
    assert not (office / "pea-docs.sqlite").exists()


def test_office_hours_come_from_office_yaml(office):
    (office / "office.yaml").write_text(OFFICE.replace('"18:00"', '"17:00"'), encoding="utf-8")
    assert incoming("--received", "2025-01-09 17:30").stdout.strip() == "incoming No. 1 of 10.01.2025"


def test_bad_input_names_the_clause_without_a_traceback(office):
    result = incoming("--received", "2025-01-10", "--doc-date", "2025-13-01", ok=False)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "doc_date: '2025-13-01' names a day that does not exist" in result.stderr and "(rule 11)" in result.stderr
    assert "rule 20 needs the time" in result.stderr
    data = json.loads(incoming("--received", "2099-01-10 10:00", "--json", ok=False).stdout)
    assert [(p["code"], p["clause"]) for p in data["problems"]] == [("store.received_future", "rule 20")]
    with Register(office / "pea-docs.sqlite") as reg:
        assert reg.list() == []


def test_amend_then_show_shows_the_history(office):
    incoming("--received", "2025-01-10 10:00")
    result = run("amend", "1", "--year", "2025", "--reason", "опечатка в номере",
                 "--doc-number", "12-34/576", "--by", "head")
    assert "doc_number: '12-34/567' -> '12-34/576'" in result.stdout
    run("mark", "1", "--year", "2025", "--executed", "Ответ исх. № 15 от 14.01.2025")
    shown = run("show", "1", "--year", "2025").stdout
    assert "amended by head: опечатка в номере" in shown
    assert "execution_mark: None -> 'Ответ исх. № 15 от 14.01.2025'" in shown
    data = json.loads(run("show", "1", "--year", "2025", "--json").stdout)
    assert [h["action"] for h in data["history"]] == ["registered", "amended", "marked"]
    assert data["doc_number"] == "12-34/576"
    missing = run("amend", "1", "--year", "2025", "--doc-number", "x", ok=False)
    assert missing.exit_code == 2 and "--reason" in missing.output
    unknown = run("show", "9", "--year", "2025", ok=False)
    assert unknown.exit_code == 1 and "9 is not a number in the incoming register of 2025" in unknown.stderr


def test_no_command_deletes_or_registers_an_erroneous_delivery():
    assert not {"delete", "remove", "erroneous"} & set(register.commands)
    options = {o for c in register.commands.values() for p in c.params for o in p.opts}
    assert not [o for o in options if "erroneous" in o or "wrong" in o]


def test_list_filters(office):
    incoming("--received", "2025-01-10 10:00")
    run("incoming", "--from", "Әлиев Ғани", "--summary", "Жалоба на действия",
        "--received", "2025-02-03 10:00")
    run("outgoing", "--to", "ЗАГС г. Алматы", "--summary", "Запрос", "--date", "03.02.2025")
    lines = run("list").stdout.splitlines()
    assert [line.split("\t")[0] for line in lines] == ["incoming 2025/1", "incoming 2025/2",
                                                       "outgoing 2025/1"]
    assert run("list", "--text", "әлиев").stdout.startswith("incoming 2025/2\t03.02.2025\tӘлиев Ғани")
    data = json.loads(run("list", "--from-date", "01.02.2025", "--to-date", "28.02.2025",
                          "--direction", "outgoing", "--json").stdout)
    assert data["ok"] is True
    assert [(d["direction"], d["number"]) for d in data["entries"]] == [("outgoing", 1)]
    assert run("list", "--year", "2024").stdout == ""


def test_export_import_backup(office):
    incoming("--received", "2025-01-10 19:40")
    run("incoming", "--from", "Әлиев Ғани", "--summary", "Жалоба", "--received", "2025-01-14 09:30")
    out = run("export", "incoming", "--year", "2025", "-o", "journal.xlsx", "--lang", "kk").stdout
    assert "journal.xlsx: 2 incoming entries of 2025" in out
    expected = pea_docs.api.render("incoming_register", {"year": 2025, "agent": {**AGENT, "license": "17012345"}, "entries": [
        {"number": 1, "registered": date(2025, 1, 13), "doc_date": date(2025, 1, 6),
         "doc_number": "12-34/567", "sender": "ТОО «Альфа & Ко», г. Алматы",
         "summary": "Запрос о ходе ИП № 0201-25-00001"},
        {"number": 2, "registered": date(2025, 1, 14), "sender": "Әлиев Ғани", "summary": "Жалоба"},
    ]}, lang="kk").to_bytes()
    assert (office / "journal.xlsx").read_bytes() == expected
    data = json.loads(run("--db", "fresh.sqlite", "import", "journal.xlsx", "--json").stdout)
    assert [(e["number"], e["registered"]) for e in data["imported"]] == [(1, "2025-01-13"), (2, "2025-01-14")]
    run("--db", "fresh.sqlite", "export", "incoming", "--year", "2025", "-o", "again.xlsx", "--lang", "kk")
    assert (office / "again.xlsx").read_bytes() == expected
    assert run("backup", "copy/backup.sqlite").stdout.strip() == "backup: copy/backup.sqlite"
    raw = sqlite3.connect(office / "copy" / "backup.sqlite")
    assert raw.execute("SELECT count(*) FROM entries").fetchone()[0] == 2
    raw.close()


def test_stamp_and_apply_to(office):
    letter = docx.Document()
    letter.add_paragraph("Запрос о ходе исполнительного производства № 0201-25-00001")
    letter.save(office / "letter.docx")
    original = (office / "letter.docx").read_bytes()
    result = incoming("--received", "2025-01-10 19:40", "--stamp", "stamp.docx",
                      "--apply-to", "letter.docx", "--stamped-output", "stamped.docx", "--json")
    data = json.loads(result.stdout)
    assert (data["stamp"], data["stamped"]) == ("stamp.docx", "stamped.docx")
    stamp = {"agent": AGENT, "date": date(2025, 1, 13), "index": "1", "direction": "incoming",
             "color": "blue"}
    assert (office / "stamp.docx").read_bytes() == \
        pea_docs.api.render("registration_stamp", stamp).to_bytes()
    apply_stamp(office / "letter.docx", stamp, office / "expected.docx")
    assert (office / "stamped.docx").read_bytes() == (office / "expected.docx").read_bytes()
    assert (office / "letter.docx").read_bytes() == original  # --stamped-output leaves it alone
    text = "\n".join(p.text for p in docx.Document(office / "stamp.docx").tables[0].rows[0].cells[0].paragraphs)
    assert "Сапаров А.Б." in text and "13.01.2025" in text and "1" in text.splitlines()[-1]
    # outgoing, violet, stamping the letter itself (upper left)
    run("outgoing", "--to", "АО «Банк»", "--summary", "Ответ", "--date", "14.01.2025",
        "--apply-to", "letter.docx", "--color", "violet", "--lang", "kk")
    apply_stamp_data = {**stamp, "date": date(2025, 1, 14), "direction": "outgoing", "color": "violet"}
    (office / "orig.docx").write_bytes(original)
    apply_stamp(office / "orig.docx", apply_stamp_data, office / "expected-out.docx", lang="kk")
    assert (office / "letter.docx").read_bytes() == (office / "expected-out.docx").read_bytes()


def test_a_stamp_without_an_agent_is_refused_before_a_number_is_spent(office):
    (office / "office.yaml").unlink()
    result = incoming("--received", "2025-01-10 10:00", "--stamp", "s.docx", ok=False)
    assert result.exit_code == 1 and "(rule 9)" in result.stderr and "agent" in result.stderr
    assert not (office / "pea-docs.sqlite").exists() or Register(office / "pea-docs.sqlite").list() == []
    agent = office / "agent.yaml"
    agent.write_text(OFFICE, encoding="utf-8")
    assert incoming("--received", "2025-01-10 10:00", "--stamp", "s.docx", "--agent", str(agent)).stdout \
        .startswith("incoming No. 1 of 10.01.2025")


def test_the_main_command_line_has_the_register_group(office):
    from pea_docs.cli.main import main

    result = CliRunner().invoke(main, ["register", "outgoing", "--to", "АО «Банк»", "--summary", "x",
                                       "--date", "14.01.2025"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "outgoing No. 1 of 14.01.2025"


def test_a_locked_or_broken_database_is_an_error_not_a_traceback(office):
    (office / "broken.sqlite").write_bytes(b"this is not SQLite" * 200)
    result = run("--db", "broken.sqlite", "list", ok=False)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "broken.sqlite" in result.stderr and "is not a pea-docs register database" in result.stderr


def test_a_database_still_locked_after_the_timeout_is_reported(office, monkeypatch):
    def locked(self, *args, **kwargs):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(Register, "register_outgoing", locked)
    result = run("outgoing", "--to", "АО «Банк»", "--summary", "x", "--json", ok=False)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert (data["ok"], data["error"], data["exit_code"]) == (False, "RenderError", 1)
    assert data["message"] == "pea-docs.sqlite: the register database failed: database is locked"


# -- standard output, JSON shape, help, display of address blocks -------------------------------

def test_export_to_stdout_writes_the_xlsx_there_and_the_message_to_stderr(office):
    incoming("--received", "2025-01-10 19:40")
    run("incoming", "--from", "Әлиев Ғани", "--summary", "Жалоба", "--received", "2025-01-14 09:30")
    run("export", "incoming", "--year", "2025", "-o", "journal.xlsx")
    result = run("export", "incoming", "--year", "2025", "-o", "-")
    assert result.stdout_bytes == (office / "journal.xlsx").read_bytes()
    assert result.stdout_bytes.startswith(b"PK\x03\x04")
    assert "<stdout>: 2 incoming entries of 2025" in result.stderr
    assert not (office / "-").exists()
    # stdout holds one JSON value or the file, never both
    refused = run("export", "incoming", "--year", "2025", "-o", "-", "--json", ok=False)
    assert refused.exit_code == 2 and "--json" in refused.stderr and refused.stdout == ""
    assert not (office / "-").exists()


def test_the_stamp_and_the_stamped_letter_can_go_to_stdout(office):
    letter = docx.Document()
    letter.add_paragraph("Запрос")
    letter.save(office / "letter.docx")
    original = (office / "letter.docx").read_bytes()
    result = incoming("--received", "2025-01-10 19:40", "--stamp", "-")
    stamp = {"agent": AGENT, "date": date(2025, 1, 13), "index": "1", "direction": "incoming",
             "color": "blue"}
    assert result.stdout_bytes == pea_docs.api.render("registration_stamp", stamp).to_bytes()
    assert result.stderr.splitlines()[:2] == ["incoming No. 1 of 13.01.2025", "stamp: <stdout>"]
    result = incoming("--received", "2025-01-10 19:40", "--apply-to", "letter.docx",
                      "--stamped-output", "-")
    apply_stamp(office / "letter.docx", {**stamp, "index": "2"}, office / "expected.docx")
    assert result.stdout_bytes == (office / "expected.docx").read_bytes()
    assert (office / "letter.docx").read_bytes() == original
    assert not (office / "-").exists()
    # refused before a number is spent: two files on one stdout, or JSON and a file
    both = incoming("--stamp", "-", "--apply-to", "letter.docx", "--stamped-output", "-", ok=False)
    with_json = incoming("--stamp", "-", "--json", ok=False)
    assert both.exit_code == with_json.exit_code == 2
    with Register(office / "pea-docs.sqlite") as reg:
        assert [e.number for e in reg.list()] == [1, 2]


def test_a_backup_needs_a_file_not_stdout(office):
    result = run("backup", "-", ok=False)
    assert result.exit_code == 2 and "not '-'" in result.stderr
    assert not (office / "-").exists()


def _setup_entry() -> None:
    incoming("--received", "2025-01-10 19:40")
    incoming("--received", "2025-01-10 19:45", "--kind", "writ")  # No. 2: a writ, for `entered`
    run("incoming", "--from", '{"organization": "ТОО «Бета»", "address": "г. Алматы"}', "--summary", "Заявление",
        "--received", "2025-01-10 19:50")  # No. 3: a sender with an address, for `missing`


def _import_file(office: Path) -> str:
    (office / "journal.yaml").write_text(
        "form: outgoing_register\ndata:\n  year: 2025\n  agent: {surname: Сапаров, name: Арман}\n"
        "  entries:\n    - {number: 1, date: 03.02.2025, recipient: ЗАГС, summary: Запрос}\n",
        encoding="utf-8")
    return "journal.yaml"


# subcommand -> (arguments that succeed, arguments that fail with a pea-docs error)
JSON_CASES = {
    "incoming": (["incoming", "--from", "ТОО «Альфа»", "--summary", "Запрос", "--received",
                  "2025-01-13 10:00"],
                 ["incoming", "--from", "ТОО «Альфа»", "--summary", "Запрос", "--received",
                  "2099-01-13 10:00"]),
    "outgoing": (["outgoing", "--to", "АО «Банк»", "--summary", "Запрос", "--date", "14.01.2025"],
                 ["outgoing", "--to", "АО «Банк»", "--summary", "Запрос", "--date", "14.01.2099"]),
    "amend": (["amend", "1", "--year", "2025", "--reason", "опечатка", "--doc-number", "12-34/576"],
              ["amend", "9", "--year", "2025", "--reason", "опечатка", "--doc-number", "1"]),
    "mark": (["mark", "1", "--year", "2025", "--executed", "Ответ исх. № 15"],
             ["mark", "9", "--year", "2025", "--executed", "Ответ"]),
    "list": (["list", "--year", "2025"], ["list", "--from-date", "31.02.2025"]),
    "show": (["show", "1", "--year", "2025"], ["show", "77", "--year", "2025"]),
    "export": (["export", "incoming", "--year", "2025", "-o", "journal.xlsx"],
               ["export", "incoming", "--year", "2025", "-o", "journal.xlsx", "--agent", "bad.yaml"]),
    "import": (["import", "IMPORT"], ["import", "office.yaml"]),
    "backup": (["backup", "copy.sqlite"], ["backup", "office.yaml/copy.sqlite"]),
    "migrate": (["migrate", "--from", "pea-docs.sqlite", "--to", "migrated.sqlite"],
                ["migrate", "--from", "pea-docs.sqlite", "--to", "pea-docs.sqlite"]),
    "agent": (["agent"], ["agent", "--agent", "bad.yaml"]),
    "writs": (["writs"], ["--db", "office.yaml", "writs"]),
    "entered": (["entered", "2", "--year", "2025"], ["entered", "1", "--year", "2025"]),
    "return": (["return", "--from", '{"organization": "ТОО «Бета»", "address": "г. Алматы"}', "--summary", "Счёт",
                "--letter", "return.docx"],
               ["return", "--from", "ТОО «Бета»", "--summary", "Счёт", "--letter", "return.docx"]),
    "returns": (["returns"], ["--db", "office.yaml", "returns"]),
    "missing": (["missing", "3", "--year", "2025", "--expected", "доверенность", "-o", "notice.docx"],
                ["missing", "1", "--year", "2025", "--expected", "x", "--got", "x", "-o", "notice.docx"]),
}


def test_every_subcommand_is_covered_by_the_json_cases():
    assert set(JSON_CASES) == set(register.commands)


@pytest.mark.parametrize("name", sorted(JSON_CASES))
def test_json_output_follows_docs_cli_md(office, name):
    """Success is {"ok": true, ...}; an error is {"ok": false, error, message, problems, exit_code}."""
    _setup_entry()
    (office / "bad.yaml").write_text("agent: [", encoding="utf-8")
    good, bad = ([_import_file(office) if a == "IMPORT" else a for a in args]
                 for args in JSON_CASES[name])
    data = json.loads(run(*good, "--json").stdout)
    assert data["ok"] is True and isinstance(data["warnings"], list), data
    result = run(*bad, "--json", ok=False)
    assert result.exit_code == 1, result.output
    error = json.loads(result.stdout)
    assert list(error) == ["ok", "error", "message", "problems", "exit_code"], error
    assert (error["ok"], error["exit_code"]) == (False, 1)
    assert error["error"] in {"InputError", "YamlSyntaxError", "RenderError"} and error["message"]
    assert all({"code", "clause", "message", "text"} <= set(p) for p in error["problems"])


def test_a_stamp_failing_after_registration_reports_the_entry_in_json(office, monkeypatch):
    def broken(*args, **kwargs):
        raise pea_docs.errors.RenderError("the disk is full")

    monkeypatch.setattr(pea_docs.api, "render", broken)
    result = incoming("--received", "2025-01-10 19:40", "--stamp", "s.docx", "--json", ok=False)
    error = json.loads(result.stdout)
    assert (error["ok"], error["error"], error["exit_code"]) == (False, "RenderError", 1)
    assert (error["entry"]["number"], error["entry"]["registered"]) == (1, "2025-01-13")


@pytest.mark.parametrize("name", sorted(JSON_CASES))
def test_each_subcommand_help_has_an_example(name):
    result = run(name, "--help")
    assert "Example" in result.stdout and f"pea-docs register {name} " in result.stdout


def test_the_group_help_has_examples():
    result = run("--help")
    assert "Examples:" in result.stdout and "pea-docs register incoming " in result.stdout
    assert run("-h").stdout == result.stdout


PERSON = {"surname": "Әбілқасымов", "name": "Ғалымжан", "patronymic": "Нұрланұлы",
          "address": "050010, г. Алматы, ул. Абая, 15, кв. 7"}
BANK = {"organization": "АО «Банк ЦентрКредит»", "unit": "Алматинский филиал",
        "address": "050000, г. Алматы, пр. Достык, 38"}


def test_list_and_show_print_address_blocks_as_the_form_does(office):
    from openpyxl import load_workbook

    from pea_docs.documents.registers import party_text

    with Register(office / "pea-docs.sqlite") as reg:
        reg.register_incoming(sender=PERSON, doc_number=None, doc_date=None, summary="Жалоба",
                              received="2025-01-14 10:00")
        reg.register_outgoing(recipient=BANK, summary="Запрос о счетах", date="15.01.2025")
    person = "050010, г. Алматы, ул. Абая, 15, кв. 7, Әбілқасымов Ғ.Н."  # rule 10: address first
    bank = "АО «Банк ЦентрКредит», Алматинский филиал, 050000, г. Алматы, пр. Достык, 38"
    assert (party_text(PERSON, lang="ru"), party_text(BANK, lang="ru")) == (person, bank)
    lines = run("list").stdout.splitlines()
    assert lines == [f"incoming 2025/1\t14.01.2025\t{person}\tЖалоба",
                     f"outgoing 2025/1\t15.01.2025\t{bank}\tЗапрос о счетах"]
    assert f"  sender: {person}\n" in run("show", "1", "--year", "2025").stdout
    assert f"  recipient: {bank}\n" in run("show", "1", "--direction", "outgoing",
                                            "--year", "2025").stdout
    # the printed journal shows the same line
    run("export", "incoming", "--year", "2025", "-o", "journal.xlsx")
    cells = {c.value for row in load_workbook(office / "journal.xlsx").active.iter_rows() for c in row}
    assert person in cells


def test_the_register_keeps_its_agent_so_a_later_export_needs_no_office(office, tmp_path):
    incoming("--received", "2025-01-09 10:00")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.chdir(elsewhere)  # no office.yaml here: the export takes the agent the register kept
    db = str(office / "pea-docs.sqlite")
    run("--db", db, "export", "incoming", "--year", "2025", "-o", "j.xlsx")
    sheet = openpyxl.load_workbook(elsewhere / "j.xlsx").active
    assert "Сапаров Арман Болатович" in " ".join(str(c.value) for c in sheet["A"][:4] if c.value)
    shown = json.loads(run("--db", db, "agent", "--json").output)
    assert shown["agent"]["license"] == "17012345"
    (elsewhere / "other.yaml").write_text("agent: {surname: Әлиев, name: Ғани}\n", encoding="utf-8")
    assert "Әлиев Ғани" in run("--db", db, "agent", "--agent", "other.yaml").output
    empty = run("--db", str(elsewhere / "new.sqlite"), "agent", ok=False)
    assert empty.exit_code == 1 and "is not kept yet" in empty.output
