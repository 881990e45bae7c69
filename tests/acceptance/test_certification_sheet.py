"""The certification sheet of a case (rules 39, 40): counts in words, features, rule 40.2, LibreOffice."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from docx_tools import plain_document
from pdf_tools import pdf_page_sizes_mm, pdf_text

from pea_docs.api import render, validate
from pea_docs.errors import RuleViolationError

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
LANGS = ("ru", "kk", "en")
TITLES = {"ru": "ЛИСТ-ЗАВЕРИТЕЛЬ ДЕЛА", "kk": "ІСТІҢ КУӘЛАНДЫРУ ПАРАҒЫ", "en": "CERTIFICATION SHEET of the case"}
# case-files.md, section 3: the table's columns (EN, RU; KK is ours)
HEADERS = {"ru": ["Особенности физического состояния и формирования дела", "Номера листов"],
           "kk": ["Істің физикалық жай-күйі мен қалыптастырылу ерекшеліктері", "Парақ нөмірлері"],
           "en": ["Features of the physical state and forming of the case", "Sheet numbers"]}
COUNTS = {"ru": ["В деле подшито и пронумеровано листов: 48 (сорок восемь), в том числе:",
                 "литерные номера листов: 12а, 12б;", "пропущенные номера листов: 30;",
                 "листов внутренней описи: 2 (два)."],
          "kk": ["Іске тігілген және нөмірленген парақтар саны: 48 (қырық сегіз), оның ішінде:",
                 "литерлік парақ нөмірлері: 12а, 12ә;", "өткізіп алынған парақ нөмірлері: 30;",
                 "ішкі тізімдеме парақтары: 2 (екі)."],
          "en": ["Sheets filed and numbered in the case: 48 (forty-eight), including:",
                 "lettered sheet numbers: 12a, 12b;", "missing sheet numbers: 30;",
                 "sheets of the internal inventory: 2 (two)."]}


def sample(lang: str) -> dict:
    return yaml.safe_load((SAMPLES / f"certification_sheet.{lang}.yaml").read_text(encoding="utf-8"))["data"]


@pytest.mark.parametrize("lang", LANGS)
def test_title_counts_in_words_and_the_features_table(lang):
    document = plain_document(render("certification_sheet", sample(lang), lang=lang).to_bytes())
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == TITLES[lang] and document.paragraphs[0].runs[0].bold
    position = texts.index(COUNTS[lang][0])
    assert texts[position:position + 4] == COUNTS[lang]
    table = document.tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        HEADERS[lang], ["1", "2"], [sample(lang)["features"][0]["feature"], "17"],
        [sample(lang)["features"][1]["feature"], "40–41"]]


def test_no_lettered_or_missing_numbers_print_a_dash():
    data = {**sample("ru"), "lettered": [], "missing": [], "features": []}
    texts = [p.text for p in plain_document(render("certification_sheet", data).to_bytes()).paragraphs]
    assert "литерные номера листов: —;" in texts and "пропущенные номера листов: —;" in texts


@pytest.mark.parametrize("storage, refused", [(5, True), (10, True), (11, False), ("permanent", False)])
def test_rule_40_2_a_case_kept_up_to_ten_years_gets_no_certification_sheet(storage, refused):
    report = validate("certification_sheet", {**sample("ru"), "storage": storage})
    found = [(p.code, p.clause, p.loc) for p in report.errors]
    assert found == ([("certification.short_storage", "rule 40", ("storage",))] if refused else [])
    if refused:
        with pytest.raises(RuleViolationError):
            render("certification_sheet", {**sample("ru"), "storage": storage})


def test_a_missing_number_beyond_the_sheets_is_refused():
    report = validate("certification_sheet", {**sample("ru"), "missing": [30, 49]})
    assert [(p.code, p.clause, p.loc) for p in report.errors] == [
        ("certification.missing_number", "rule 39", ("missing", 1))]


@pytest.mark.libreoffice
@pytest.mark.parametrize("lang", LANGS)
def test_libreoffice_prints_one_a4_page(lang, tmp_path, to_pdf):
    path = render("certification_sheet", sample(lang), lang=lang).save(tmp_path / f"sheet.{lang}.docx")
    pdf = to_pdf(path)
    assert [(round(w), round(h)) for w, h in pdf_page_sizes_mm(pdf)] == [(210, 297)]
    words = " ".join(pdf_text(pdf).replace("\u00a0", " ").split())
    assert TITLES[lang] in words and COUNTS[lang][0] in words
