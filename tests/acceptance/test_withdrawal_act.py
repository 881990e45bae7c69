"""The act on the withdrawal of documents (rule 42): grounds, the table, copies in place, the return note."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from docx_tools import plain_document
from pdf_tools import pdf_page_sizes_mm, pdf_text

from pea_docs.api import render, validate
from pea_docs.errors import RuleViolationError

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
LANGS = ("ru", "kk", "en")
TITLES = {"ru": "АКТ об изъятии документов", "kk": "Құжаттарды алып қою туралы АКТ",
          "en": "ACT on the withdrawal of documents"}
# case-files.md, section 6: the table's columns
HEADERS = {"ru": ["№ п/п", "Индекс и заголовок дела", "Документ (заголовок, номер, дата)", "Номера листов",
                  "Подлинник или копия", "Примечание"],
           "kk": ["Р/с №", "Іс индексі мен тақырыбы", "Құжат (тақырыбы, нөмірі, күні)", "Парақ нөмірлері",
                  "Түпнұсқа немесе көшірме", "Ескертпе"],
           "en": ["No.", "Case index and heading", "Document (heading, number, date)", "Sheet numbers",
                  "Original or copy", "Note"]}
IN_PLACE = {"ru": "Взамен изъятых подлинников в дела помещены их копии и настоящий акт.",
            "kk": "Алынған түпнұсқалардың орнына істерге олардың көшірмелері мен осы акт салынды.",
            "en": "Copies of the withdrawn originals and this act are placed in the orders in their stead."}
RETURN = {"ru": "Документы, изъятые по настоящему акту, возвращены {} и помещены в дела; их копии из дел изъяты.",
          "kk": "Осы акт бойынша алынған құжаттар {} қайтарылып, істерге салынды; олардың көшірмелері "
                "істерден алынды.",
          "en": "The documents withdrawn under this act were returned on {} and placed back in the orders; their "
                "copies were taken out of the orders."}
BLANK = "«____» ______________ 20____"


def sample(lang: str) -> dict:
    return yaml.safe_load((SAMPLES / f"withdrawal_act.{lang}.yaml").read_text(encoding="utf-8"))["data"]


def document(data: dict, lang: str = "ru"):
    return plain_document(render("withdrawal_act", data, lang=lang).to_bytes())


@pytest.mark.parametrize("lang", LANGS)
def test_title_grounds_columns_and_copies_in_place(lang):
    doc = document(sample(lang), lang)
    texts = [p.text for p in doc.paragraphs]
    assert TITLES[lang] in texts and IN_PLACE[lang] in texts
    table = doc.tables[1]  # tables[0]: the place and the date
    assert [c.text for c in table.rows[0].cells] == HEADERS[lang]
    assert [c.text for c in table.rows[1].cells] == [str(n) for n in range(1, 7)]
    assert len(table.rows) == 2 + len(sample(lang)["documents"])


def test_the_grounds_place_date_and_a_row_in_russian():
    doc = document(sample("ru"))
    texts = [p.text for p in doc.paragraphs]
    assert ("Основание: запрос, Специализированный межрайонный экономический суд г. Алматы, № 2-1234/2025, "
            "05.03.2025.") in texts
    assert [c.text for c in doc.tables[0].rows[0].cells] == ["г. Алматы", "10 марта 2025 года"]
    row = [[p.text for p in c.paragraphs] for c in doc.tables[1].rows[2].cells]
    assert row == [["1"], ["02-05", "Исполнительное производство № 0201-25-00001"],
                   ["Исполнительный лист", "№ 2-1234/2024", "20.12.2024"], ["1–2"], ["подлинник"], [""]]


def test_the_return_note_filled_and_blank():
    texts = [p.text for p in document(sample("ru")).paragraphs]
    assert RETURN["ru"].format("14 апреля 2025 года") in texts
    doc = document({k: v for k, v in sample("ru").items() if k != "returned"})
    assert RETURN["ru"].format(BLANK) in [p.text for p in doc.paragraphs]
    signers = [[c.text for c in row.cells] for row in doc.tables[-1].rows]
    assert signers == [["Возвратил:", "_" * 24, "_" * 16], ["Принял:", "_" * 24, "_" * 16]]


@pytest.mark.parametrize("lang", ["kk", "en"])
def test_a_blank_return_note_in_kazakh_and_english(lang):
    assert RETURN[lang].format(BLANK) in [p.text for p in document(sample(lang), lang).paragraphs]


def test_a_copy_withdrawn_is_marked_copy():
    data = copy.deepcopy(sample("ru"))
    data["documents"][1]["original"] = False
    assert document(data).tables[1].rows[3].cells[4].text == "копия"


def test_the_checks_fire_request_after_the_act_and_return_before_it():
    data = copy.deepcopy(sample("ru"))
    data["grounds"]["date"] = "2025-03-11"
    data["returned"]["date"] = "2025-03-09"
    found = sorted((p.code, p.clause, p.loc) for p in validate("withdrawal_act", data))
    assert found == [("withdrawal.grounds_after", "rule 42", ("grounds", "date")),
                     ("withdrawal.returned_before", "rule 42", ("returned", "date"))]
    with pytest.raises(RuleViolationError):
        render("withdrawal_act", data)


@pytest.mark.parametrize("lang", LANGS)
def test_the_samples_are_clean(lang):
    assert list(validate("withdrawal_act", sample(lang))) == []


@pytest.mark.libreoffice
@pytest.mark.parametrize("lang", LANGS)
def test_libreoffice_prints_one_a4_page(lang, tmp_path, to_pdf):
    pdf = to_pdf(render("withdrawal_act", sample(lang), lang=lang).save(tmp_path / f"withdrawal.{lang}.docx"))
    assert [(round(w), round(h)) for w, h in pdf_page_sizes_mm(pdf)] == [(210, 297)]
    words = " ".join(pdf_text(pdf).replace("\u00a0", " ").split())
    assert TITLES[lang] in words and IN_PLACE[lang] in words
