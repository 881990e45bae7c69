"""Non-breaking spaces: where a line of a document must not break (the fidelity defects of issue 10)."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from pdf_tools import pdf_text

from pea_docs.api import render_input
from pea_docs.io.inputs import read_input
from pea_docs.locale.typography import NBSP, typeset

SAMPLES = Path(__file__).parents[3] / "samples"


@pytest.mark.parametrize("text, kept_together", [
    ("Исполнительное производство № 0201-25-00001", ["№ 0201-25-00001"]),
    ("взыскать 2 500 000 теңге", ["2 500 000 теңге"]),
    ("копия на 1 л. в 1 экз.", ["на 1 л.", "в 1 экз."]),
    ("Жеке сот орындаушысы А.Б. Сапаров", ["А.Б. Сапаров"]),
    ("Кому: Сапарову А.Б.", ["Сапарову А.Б."]),
    ("9 января 2025 г.", ["9 января", "2025 г."]),
    ("көшірме 2 парақта 1 данада", ["2 парақта", "1 данада"]),
    ("License No. 12345", ["No. 12345"]),
])
def test_typeset_keeps_together_what_must_not_break(text, kept_together):
    result = typeset(text)
    for part in kept_together:
        assert part.replace(" ", NBSP) in result
    assert result.replace(NBSP, " ") == text


@pytest.mark.parametrize("text", ["ул. Абая, дом", "Запрос о наличии счетов", "да или нет", "in the act"])
def test_typeset_leaves_ordinary_words_alone(text):
    assert typeset(text) == text


def body(data: bytes) -> str:
    return zipfile.ZipFile(BytesIO(data)).read("word/document.xml").decode("utf-8")


def test_a_letter_keeps_its_number_appendix_and_signature_together():
    [doc] = read_input(str(SAMPLES / "request.ru.yaml"))
    xml = body(render_input(doc).to_bytes())
    assert f"№{NBSP}{doc.data['number']}" in xml                # the outgoing number, after the date
    assert f"на{NBSP}2{NBSP}л. в{NBSP}1{NBSP}экз." in xml        # the appendix (rule 13)
    assert f"№{NBSP}0201-25-00001" in xml                        # numbers in the text itself
    assert f"Е.Қ.{NBSP}Сәрсенбаев" in xml                         # the signature's clarification
    assert f"округ{NBSP}г." not in xml                           # a lower-case abbreviation is no initial


def test_the_act_keeps_its_number_and_counts_together():
    [doc] = read_input(str(SAMPLES / "destruction_act.ru.yaml"))
    xml = body(render_input(doc).to_bytes())
    assert f"№{NBSP}{doc.data['number']}" in xml
    assert "№ " not in xml


@pytest.mark.libreoffice
def test_the_kazakh_request_no_longer_breaks_after_the_numero_sign(tmp_path, to_pdf):
    # in the Kazakh sample «№ 0101-25-00042» fell at the end of a line, the number on the next
    [doc] = read_input(str(SAMPLES / "request.kk.yaml"))
    path = render_input(doc).save(tmp_path / "request.kk.docx")
    lines = [" ".join(line.replace(NBSP, " ").split()) for line in pdf_text(to_pdf(path)).splitlines()]
    assert not [line for line in lines if line.endswith("№")]
    assert any("№ 0101-25-00042" in line for line in lines)


def test_format_functions_keep_plain_spaces_for_programs():
    from pea_docs import format_money
    assert NBSP not in format_money(500000) and "500 000" in format_money(500000)
