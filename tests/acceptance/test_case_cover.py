"""The cover of a case (rules 29, 40): both kinds, the labels of case-files.md, checks, LibreOffice."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from docx_tools import plain_document
from pdf_tools import pdf_page_sizes_mm, pdf_text

from pea_docs.api import render, validate
from pea_docs.errors import InputError, RuleViolationError

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
LANGS = ("ru", "kk", "en")
# case-files.md, section 1: the parts of the cover of an enforcement proceeding (rule 29)
PROCEEDING = {
    "ru": ["ИСПОЛНИТЕЛЬНОЕ ПРОИЗВОДСТВО", "№ 0201-25-00001", "возбуждено 10 января 2025 года",
           "Исполнительный округ: исполнительный округ г. Алматы", "Частный судебный исполнитель: А.Б. Сапаров",
           "Предмет исполнения: взыскание задолженности по договору поставки в размере 4 250 000,00 тенге",
           "Должник: ТОО «Құрылыс-Сервис», БИН 180840012345",
           "Взыскатель: ТОО «Альфа & Омега», БИН 150540098765"],
    "kk": ["АТҚАРУШЫЛЫҚ ІС ЖҮРГІЗУ", "№ 0201-25-00001", "2025 жылғы 10 қаңтар қозғалды",
           "Атқарушылық округ: Алматы қаласының атқарушылық округі", "Жеке сот орындаушысы: Е.Қ. Сәрсенбаев",
           "Орындау нысанасы: жеткізу шарты бойынша 4 250 000,00 теңге берешекті өндіріп алу",
           "Борышкер: «Құрылыс-Сервис» ЖШС, БСН 180840012345",
           "Өндіріп алушы: Өмірзақова Әйгерім Ғалымқызы"],
}
# section 1, the cover of an order (rule 40), from the English sample
ORDER_EN = ["CASE No. 01-03", "Volume 1", "Register of incoming correspondence for 2025", "Started: 09.01.2025",
            "Ended: 30.12.2025", "Number of sheets: 48 (forty-eight)", "Storage period: permanent, art. 17",
            "Archival cipher", "Fund No. ________", "Inventory No. ________", "Case No. ________"]
ORDER_RU = ["ДЕЛО № 01-03", "Том 1", "Журнал регистрации входящей корреспонденции за 2025 год",
            "Начато: 09.01.2025", "Окончено: 30.12.2025", "Количество листов: 48 (сорок восемь)",
            "Срок хранения: постоянно, ст. 17", "Архивный шифр", "Фонд № ________", "Опись № ________",
            "Дело № ________"]


def sample(name: str) -> dict:
    return yaml.safe_load((SAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))["data"]


def texts(data: dict, lang: str = "ru") -> list[str]:
    return [p.text for p in plain_document(render("case_cover", data, lang=lang).to_bytes()).paragraphs
            if p.text]


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_the_cover_of_an_enforcement_proceeding_states_what_rule_29_lists(lang):
    lines = texts(sample(f"case_cover.{lang}"), lang)
    start = lines.index(PROCEEDING[lang][0])
    assert lines[start:] == PROCEEDING[lang]
    assert lines[:start][-1] in ("исполнительный округ г. Алматы", "Алматы қаласының атқарушылық округі")


@pytest.mark.parametrize("name, lang, expected", [("case_cover.en", "en", ORDER_EN),
                                                  ("case_cover.order.ru", "ru", ORDER_RU)])
def test_the_cover_of_an_order_states_what_rule_40_lists(name, lang, expected):
    lines = texts(sample(name), lang)
    assert lines[lines.index(expected[0]):] == expected


def test_the_storage_period_in_years_agrees_with_the_number():
    data = sample("case_cover.order.ru")
    for years, words in ((1, "1 год"), (3, "3 года"), (5, "5 лет"), (21, "21 год")):
        order = {**data["order"], "storage": years, "articles": None}
        assert f"Срок хранения: {words}" in texts({**data, "order": order})


@pytest.mark.parametrize("given", ["neither", "both"])
def test_a_cover_is_of_one_kind(given):
    data = sample("case_cover.ru")
    data = {"agent": data["agent"]} if given == "neither" else {**data, "order": sample("case_cover.en")["order"]}
    with pytest.raises(InputError) as raised:
        render("case_cover", data)
    assert [(p.code, p.clause) for p in raised.value.problems] == [("cover.kind", "rule 29")]
    assert given in str(raised.value)


def test_checks_fire_on_a_missing_district_backward_dates_and_missing_sheets():
    data = sample("case_cover.order.ru")
    agent = {k: v for k, v in data["agent"].items() if k != "territory"}
    order = {**data["order"], "ended": "2024-12-30"}
    del order["sheets"]
    report = validate("case_cover", {"agent": agent, "order": order})
    assert sorted((p.code, p.clause, p.loc, p.severity) for p in report) == [
        ("cover.district_missing", "rule 29", ("agent", "territory"), "error"),
        ("cover.outer_dates", "rule 40", ("order", "ended"), "error"),
        ("cover.sheets_missing", "rule 39", ("order", "sheets"), "warning")]
    with pytest.raises(RuleViolationError):
        render("case_cover", {"agent": agent, "order": order})


def test_an_order_kept_up_to_ten_years_needs_no_sheet_count():
    data = sample("case_cover.order.ru")
    order = {k: v for k, v in data["order"].items() if k != "sheets"}
    for name in ("case_cover.ru", "case_cover.kk", "case_cover.en", "case_cover.order.ru"):
        assert validate("case_cover", sample(name)) == []
    assert validate("case_cover", {**data, "order": {**order, "storage": 5}}) == []
    assert "Количество листов: ________" in texts({**data, "order": {**order, "storage": 5}})


@pytest.mark.libreoffice
@pytest.mark.parametrize("name, lang", [("case_cover.ru", "ru"), ("case_cover.kk", "kk"),
                                        ("case_cover.en", "en"), ("case_cover.order.ru", "ru")])
def test_libreoffice_prints_one_a4_page(name, lang, tmp_path, to_pdf):
    path = render("case_cover", sample(name), lang=lang).save(tmp_path / f"{name}.docx")
    pdf = to_pdf(path)
    assert [(round(w), round(h)) for w, h in pdf_page_sizes_mm(pdf)] == [(210, 297)]
    words = " ".join(pdf_text(pdf).replace("\u00a0", " ").split())
    expected = PROCEEDING.get(lang, ORDER_EN) if "order" not in name else ORDER_RU
    assert expected[0] in words and expected[-1] in words
