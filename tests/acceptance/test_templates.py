"""Built-in letter templates and users' templates, end to end: render, reopen, open in LibreOffice."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx_tools import plain_document
import yaml
from click.testing import CliRunner
from pdf_tools import pdf_page_sizes_mm, pdf_text

from pea_docs import api
from pea_docs.cli.main import main as cli_main
from pea_docs.documents.builtin_templates import builtin_names, builtin_template
from pea_docs.io.inputs import read_documents
from pea_docs.templating.template import check_template, inspect_template, render_template

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"

LETTERS = ("request", "cover_letter", "resolution")
LETTER_SAMPLES = sorted(p for p in SAMPLES.glob("*.yaml") if p.name.split(".")[0] in LETTERS)
TITLES = {("request", "ru"): "ЗАПРОС", ("request", "kk"): "СҰРАУ САЛУ", ("request", "en"): "REQUEST",
          ("cover_letter", "ru"): "СОПРОВОДИТЕЛЬНОЕ ПИСЬМО", ("cover_letter", "kk"): "ІЛЕСПЕ ХАТ",
          ("cover_letter", "en"): "COVER LETTER", ("resolution", "ru"): "ПОСТАНОВЛЕНИЕ",
          ("resolution", "kk"): "ҚАУЛЫ", ("resolution", "en"): "RESOLUTION"}
LICENSE = {"ru": "Лицензия №", "kk": "Лицензия №", "en": "License No."}


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_every_letter_has_a_sample_in_every_language():
    assert builtin_names() == sorted(LETTERS)
    assert [p.name for p in LETTER_SAMPLES] == sorted(f"{form}.{lang}.yaml" for form in LETTERS
                                                      for lang in ("ru", "kk", "en"))


@pytest.mark.parametrize("sample", LETTER_SAMPLES, ids=lambda p: p.stem)
def test_sample_renders_with_every_part_of_clauses_9_to_14(sample):
    [doc] = read_documents(sample)
    rendered = api.render_input(doc)
    assert rendered.problems == [] and not rendered.draft
    document = plain_document(rendered.to_bytes())
    text = all_text(document)
    data = doc.data
    assert "{{" not in text and "{%" not in text
    # rule 9: the header names the agent, address, territory; the title in capitals
    assert data["agent"]["surname"] in text and data["agent"]["territory"] in text
    assert LICENSE[doc.lang] in text
    title = next(p for p in document.paragraphs if p.text == TITLES[(doc.form, doc.lang)])
    assert title.runs[0].bold
    # rule 10: the addressee, the address after an organization's name, before a person's
    recipient = data.get("recipient")
    if recipient:
        cell = document.tables[0].cell(0, 1).text.splitlines()
        if "organization" in recipient:
            assert cell[0] == recipient["organization"] and cell[-1] == recipient["address"]
        else:
            assert cell[0] == recipient["address"] and cell[-1].startswith(recipient["surname"])
    # rule 11: the date in words, and the outgoing number
    dated = document.tables[0].cell(1, 0).paragraphs[0].text
    assert dated.endswith(data["number"]) and str(data["date"].year) in dated
    # rule 14: the reply reference only when answering
    reply = document.tables[0].cell(1, 0).paragraphs[1].text
    assert (data.get("reply_to") is not None) == bool(reply)
    # rule 13: the appendices after the text; rule 12: position, place to sign, clarification
    if data.get("appendices"):
        assert any(p.text.startswith(("Приложени", "Қосымша", "Appendi")) for p in document.paragraphs)
    signature = document.tables[-1].rows[0].cells
    assert signature[0].text and "________________" in signature[1].text
    assert signature[1].text.endswith(data["agent"]["surname"])
    # an ordinary A4 page, left margin 30 mm, Times New Roman 14
    section = document.sections[0]
    assert [round(length.mm) for length in (section.page_width, section.page_height,
                                             section.left_margin)] == [210, 297, 30]
    normal = document.styles["Normal"].font
    assert (normal.name, normal.size.pt) == ("Times New Roman", 14)


@pytest.mark.parametrize("name", LETTERS)
@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_builtin_templates_are_clean_and_say_what_they_need(name, lang):
    path = builtin_template(name, lang)
    assert check_template(path) == []
    paths = inspect_template(path).paths()
    assert {"agent", "number", "date", "signer"} <= set(paths)


def test_builtin_templates_are_rebuilt_byte_for_byte(tmp_path):
    subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, 'tools'); "
                    f"import make_templates; make_templates.build(__import__('pathlib').Path({str(tmp_path)!r}))"],
                   check=True, cwd=REPO)
    for built in sorted(tmp_path.glob("*.docx")):
        assert built.read_bytes() == (REPO / "templates" / built.name).read_bytes(), built.name


@pytest.mark.parametrize("sample", LETTER_SAMPLES, ids=lambda p: p.stem)
def test_letters_and_templates_carry_fixed_properties_and_no_tool_comment(sample):
    [doc] = read_documents(sample)
    rendered = docx.Document(io.BytesIO(api.render_input(doc).to_bytes())).core_properties
    template = docx.Document(builtin_template(doc.form, doc.lang)).core_properties
    for props in (rendered, template):
        assert props.comments == "" and props.subject == "" and props.keywords == ""
        assert props.title == TITLES[(doc.form, doc.lang)]
        assert (props.author, props.last_modified_by) == ("pea-docs", "pea-docs")
        assert props.language == {"ru": "ru-RU", "kk": "kk-KZ", "en": "en-US"}[doc.lang]
        assert props.created.year == props.modified.year == 2000


@pytest.mark.parametrize("sample", ["request.kk.yaml", "request.ru.yaml", "request.en.yaml"])
def test_kazakh_titles_put_the_turaly_phrase_before_the_noun(sample):
    # «... туралы / СҰРАУ САЛУ» in Kazakh; «ЗАПРОС / о ...» in Russian and English
    [doc] = read_documents(SAMPLES / sample)
    paragraphs = [p.text for p in docx.Document(io.BytesIO(api.render_input(doc).to_bytes())).paragraphs]
    title = paragraphs.index(TITLES[(doc.form, doc.lang)])
    subject = paragraphs.index(doc.data["subject"])
    assert (subject == title - 1) if doc.lang == "kk" else (subject == title + 1), paragraphs[:12]


def test_request_form_validates_the_agent_header():
    [doc] = read_documents(SAMPLES / "request.ru.yaml")
    data = dict(doc.data, agent={k: v for k, v in doc.data["agent"].items() if k != "territory"})
    report = api.validate("request", data)
    assert [(p.code, p.clause, p.loc) for p in report.errors] == [
        ("field.missing", "rule 9", ("agent", "territory"))]


@pytest.mark.libreoffice
def test_special_characters_open_in_libreoffice(tmp_path, to_pdf):
    template = docx.Document()
    template.add_paragraph("Debtor: {{ debtor }}")
    template.sections[0].header.paragraphs[0].text = "{{ debtor }}"
    template.save(tmp_path / "t.docx")
    out = render_template(tmp_path / "t.docx", {"debtor": "Smith & Sons <Ltd>"}).save(tmp_path / "out.docx")
    text = pdf_text(to_pdf(out))
    assert "Debtor: Smith & Sons <Ltd>" in text
    assert text.count("Smith & Sons <Ltd>") == 2


@pytest.mark.libreoffice
def test_letters_open_in_libreoffice_on_one_a4_page(tmp_path, to_pdf):
    for sample in LETTER_SAMPLES:
        [doc] = read_documents(sample)
        path = api.render_input(doc).save(tmp_path / f"{sample.stem}.docx")
        pdf = to_pdf(path)
        sizes = pdf_page_sizes_mm(pdf)
        assert len(sizes) == 1, sample.name
        assert abs(sizes[0][0] - 210) < 1 and abs(sizes[0][1] - 297) < 1
        text = " ".join(pdf_text(pdf).split())
        assert TITLES[(doc.form, doc.lang)] in text
        assert doc.data["number"] in text


def run_cli(*args: str):
    return CliRunner().invoke(cli_main, list(args), catch_exceptions=False)


def test_check_json_gives_each_problem_its_place(tmp_path):
    template = docx.Document()
    template.add_paragraph("Intro")
    table = template.add_table(rows=1, cols=2)
    table.rows[0].cells[1].text = "{{ day|dat }}"
    template.save(tmp_path / "t.docx")
    result = run_cli("check", str(tmp_path / "t.docx"), "--json")
    assert result.exit_code == 1
    [problem] = json.loads(result.stdout)["problems"]
    assert problem["loc"] == ["word/document.xml", "table", 1, "row", 1, "cell", 2, "paragraph", 1]
    assert problem["place"]["cell"] == 2 and problem["place"]["paragraph"] == 1
    assert problem["text"].endswith("— body, table 1, row 1, cell 2, paragraph 1: «{{ day|dat }}»")


def test_inspect_writes_a_stub_and_a_schema_that_agree(tmp_path):
    template = docx.Document()
    template.add_paragraph("{{ request|reply_reference }}")
    template.add_paragraph("{{ appendices|appendices }}")
    template.save(tmp_path / "t.docx")
    result = run_cli("inspect", str(tmp_path / "t.docx"), "--stub", "-", "--schema", str(tmp_path / "s.json"))
    assert result.exit_code == 0
    stub = yaml.safe_load(result.stdout)
    schema = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert stub == {"appendices": [{"title": "", "sheets": 0, "copies": 0}],
                    "request": {"number": "", "date": ""}}
    assert schema["properties"]["appendices"]["type"] == "array"
    assert schema["properties"]["request"]["type"] == "object"
    filled = {"appendices": [{"title": "опись", "sheets": 1, "copies": 1}],
              "request": {"number": "12-34", "date": "2025-01-06"}}
    text = [p.text for p in plain_document(render_template(tmp_path / "t.docx", filled).to_bytes()).paragraphs]
    assert text[0].startswith("На № 12-34") and "опись" in text[1]


def test_check_summary_is_good_english(tmp_path):
    (tmp_path / "notdocx.docx").write_bytes(b"not a zip")
    result = run_cli("check", str(tmp_path / "notdocx.docx"))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1].endswith("notdocx.docx: 1 problem")


@pytest.mark.parametrize("lang, mark", [("ru", "М.П."), ("kk", "М.О."), ("en", "L.S.")])
def test_a_resolution_leaves_the_place_of_the_seal_under_the_signature(lang, mark):
    # rule 56: the agent seals a resolution; the letters (request, cover letter) take no seal
    from pea_docs.api import render
    root = Path(__file__).resolve().parents[2] / "samples"
    data = yaml.safe_load((root / f"resolution.{lang}.yaml").read_text(encoding="utf-8"))["data"]
    texts = [p.text for p in plain_document(render("resolution", data, lang=lang).to_bytes()).paragraphs if p.text]
    assert texts[-1] == mark
    letter = yaml.safe_load((root / f"cover_letter.{lang}.yaml").read_text(encoding="utf-8"))["data"]
    assert mark not in [p.text for p in plain_document(render("cover_letter", letter, lang=lang).to_bytes()).paragraphs]
