"""Intake: writs (rule 26), the way of sending (rule 25), returns without registration (rule 18)."""

from __future__ import annotations

import io
from datetime import datetime

import docx
import openpyxl
import pytest
from clerks import race
from click.testing import CliRunner

from pea_docs.cli.register import register
from pea_docs.errors import InputError
from pea_docs.store import Register

AGENT = {"surname": "Сапаров", "name": "Арман", "patronymic": "Болатович", "license": "17012345",
         "territory": "исполнительный округ г. Алматы", "address": "050000, г. Алматы, ул. Абая, д. 10, оф. 5"}
SENDER = {"organization": "ТОО «Бета»", "address": "050010, г. Алматы, ул. Абая, д. 5"}


def codes(raised) -> list[tuple[str, str, tuple]]:
    return [(p.code, p.clause, p.loc) for p in raised.value.problems]


def writ(reg: Register, n: int = 1):
    return reg.register_incoming(sender="Медеуский районный суд г. Алматы", doc_number=f"2-{n}/2025",
                                 doc_date="2025-02-27", summary="Исполнительный лист", received="2025-03-03 10:00",
                                 kind="writ")


def paragraphs(document) -> list[str]:
    return [p.text.replace("\u00a0", " ") for p in docx.Document(io.BytesIO(document.to_bytes())).paragraphs]


def test_a_writ_waits_for_the_ais_until_marked_entered(reg):
    first, second = writ(reg, 1), writ(reg, 2)
    letter = reg.register_incoming(sender="ТОО «Альфа»", doc_number="1", doc_date="2025-03-01", summary="Письмо",
                                   received="2025-03-03 11:00")
    assert (first.kind, letter.kind) == ("writ", None)
    assert [e.number for e in reg.pending_writs()] == [1, 2]
    entered = reg.mark_entered(first.number, year=2025, on="2025-03-04")
    assert entered.entered.isoformat() == "2025-03-04" and entered.history[-1].changes == {
        "entered": [None, "2025-03-04"]}
    assert [e.number for e in reg.pending_writs()] == [second.number]
    assert [e.number for e in reg.list("incoming", kind="writ")] == [1, 2]
    with pytest.raises(InputError) as raised:
        reg.mark_entered(letter.number, year=2025)
    assert codes(raised) == [("store.not_writ", "rule 26", ("number",))]
    with pytest.raises(InputError) as raised:
        reg.register_incoming(sender="x", doc_number="1", doc_date="2025-03-01", summary="y", kind="fax")
    assert codes(raised) == [("store.kind", "rule 26", ("kind",))]


def test_a_writ_is_registered_and_stamped_from_the_command_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PEA_DOCS_DB", raising=False)
    monkeypatch.delenv("PEA_DOCS_OFFICE", raising=False)
    (tmp_path / "office.yaml").write_text("agent:\n  surname: Сапаров\n  name: Арман\n  license: '17012345'\n",
                                          encoding="utf-8")
    result = CliRunner().invoke(register, ["incoming", "--from", "Медеуский районный суд г. Алматы", "--doc-number",
                                           "2-1/2025", "--doc-date", "27.02.2025", "--summary", "Исполнительный лист",
                                           "--kind", "writ", "--stamp", "stamp.docx"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    stamp = "\n".join(c.text for t in docx.Document(tmp_path / "stamp.docx").tables for c in t._cells)
    assert stamp.replace("\u00a0", " ").splitlines()[-1] == "Индекс: 1"  # Appendix 3: the number registered
    pending = CliRunner().invoke(register, ["writs"], catch_exceptions=False).output
    assert "Исполнительный лист" in pending
    done = CliRunner().invoke(register, ["entered", "1"], catch_exceptions=False)
    assert done.exit_code == 0 and CliRunner().invoke(register, ["writs"]).output == ""


def test_the_way_of_sending_is_kept_listed_and_printed_in_the_note(reg):
    reg.set_agent(AGENT)
    reg.register_outgoing(recipient="АО «Банк»", summary="Запрос", date="2025-03-03", method="post", note="заказное")
    reg.register_outgoing(recipient="ДГД", summary="Запрос", date="2025-03-03", method="ais")
    reg.register_outgoing(recipient="ЦОН", summary="Запрос", date="2025-03-03")
    assert [e.number for e in reg.list("outgoing", method="post")] == [1]
    with pytest.raises(InputError) as raised:
        reg.register_outgoing(recipient="x", summary="y", method="pigeon")
    assert codes(raised) == [("store.method", "rule 25", ("method",))]
    for lang, shown in (("ru", ["почтой; заказное", "через АИС ОИП", None]),
                        ("kk", ["поштамен; заказное", "АӨО АЖ арқылы", None])):
        book = openpyxl.load_workbook(io.BytesIO(reg.export("outgoing", 2025, lang=lang).to_bytes()))
        sheet = book.active
        notes = [row[-1] for row in sheet.iter_rows(values_only=True) if row and isinstance(row[0], int)]
        assert notes[-3:] == shown


def test_a_returned_document_takes_no_number(reg):
    reg.set_agent(AGENT)
    first = reg.register_incoming(sender="ТОО «Альфа»", doc_number="1", doc_date="2025-03-01", summary="Письмо")
    record = reg.record_return(sender=SENDER, summary="Счёт на оплату № 7", reason="адресован другому ЧСИ",
                               received="2025-03-03 09:30")
    second = reg.register_incoming(sender="ТОО «Альфа»", doc_number="2", doc_date="2025-03-01", summary="Письмо")
    assert (first.number, second.number) == (1, 2)
    assert [r.summary for r in reg.returns(year=2025)] == ["Счёт на оплату № 7"] and reg.returns(year=2024) == []
    text = paragraphs(reg.return_letter(record.id, on="2025-03-03", number="02-07/5"))
    assert reg.list("outgoing") == []  # a letter given its number was registered already
    reg.return_letter(record.id, on="2025-03-03")  # without one, the letter is registered as it is sent
    sent = reg.list("outgoing")
    assert [(e.number, e.summary) for e in sent] == [(1, "о возврате ошибочно поступившего документа")]
    assert ("Возвращаю ошибочно поступивший в адрес частного судебного исполнителя документ: Счёт на оплату № 7 "
            "(поступил 03.03.2025). Документ не регистрировался. Причина: адресован другому ЧСИ.") in text
    plain = reg.record_return(sender="ТОО «Гамма»", summary="Письмо")
    with pytest.raises(InputError) as raised:
        reg.return_letter(plain.id)
    assert codes(raised) == [("store.return_address", "rule 10", ("sender",))]


def test_the_notice_of_missing_attachments(reg):
    reg.set_agent(AGENT)
    entry = reg.register_incoming(sender=SENDER, doc_number="12-34", doc_date="2025-03-01", summary="Заявление",
                                  received="2025-03-03 10:00")
    notice = reg.attachments_notice(entry.number, year=2025, expected=["копия решения суда", "доверенность"],
                                    received=["Доверенность"], on="2025-03-03")
    assert ("При вскрытии Вашего письма № 12-34 от 01.03.2025 (входящий № 1 от 03.03.2025) установлено отсутствие: "
            "копия решения суда. Просим направить недостающие документы.") in paragraphs(notice)
    with pytest.raises(InputError) as raised:
        reg.attachments_notice(entry.number, year=2025, expected=["доверенность"], received=["доверенность"])
    assert codes(raised) == [("store.attachments_complete", "rule 18", ("expected",))]


def _clerk(path: str, worker: int, count: int, start, results) -> None:
    with Register(path, clock=lambda: datetime(2025, 3, 3, 12, 0)) as reg:
        start.wait()
        done = []
        for i in range(count):
            if i % 3 == 0:
                e = reg.register_incoming(sender=f"Суд {worker}", doc_number=f"{worker}-{i}", doc_date="2025-03-01",
                                          summary="Исполнительный лист", received="2025-03-03 10:00", kind="writ")
                done.append(("incoming", e.number))
            elif i % 3 == 1:
                e = reg.register_incoming(sender=f"ТОО {worker}", doc_number=f"{worker}-{i}", doc_date="2025-03-01",
                                          summary="Письмо", received="2025-03-03 10:00")
                done.append(("incoming", e.number))
            else:
                r = reg.record_return(sender=f"ТОО {worker}", summary=f"Чужой документ {i}")
                done.append(("return", r.id))
    results.put(done)


@pytest.mark.slow
def test_four_clerks_registering_writs_letters_and_returns(tmp_path):
    path = str(tmp_path / "r.sqlite")
    got = race(path, _clerk, 4, 30)
    numbers = sorted(n for done in got for kind, n in done if kind == "incoming")
    returned = sorted(n for done in got for kind, n in done if kind == "return")
    assert numbers == list(range(1, 81)) and returned == list(range(1, 41))
    with Register(path) as reg:
        assert len(reg.pending_writs()) == 40 and len(reg.returns()) == 40
