"""`pea-docs lint`: finished letters made by pea-docs, python-docx and LibreOffice, good and bad (issue 13, point 8)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from pea_docs.api import render_input
from pea_docs.cli.main import main
from pea_docs.io.inputs import read_documents
from pea_docs.lint import lint_document

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
LETTERS = sorted(p for p in SAMPLES.glob("*.yaml")
                 if p.name.split(".")[0] in ("request", "cover_letter", "resolution", "parties_notice",
                                             "resolution_initiation", "resolution_refusal"))
BAD = [  # (code, clause, where the finding is)
    ("header.address_missing", "rule 9", "body, table 1, row 1, cell 1, paragraph 1"),
    ("header.territory_missing", "rule 9", "body, table 1, row 1, cell 1, paragraph 1"),
    ("title.not_capitals", "rule 9", "body, paragraph 1"),
    ("lint.addressee_order", "rule 10", "body, table 1, row 1, cell 2, paragraph 1"),
    ("date.invalid", "rule 11", "body, paragraph 3"),
    ("date.invalid", "rule 11", "body, paragraph 3"),
    ("date.invalid", "rule 11", "body, paragraph 4"),
    ("lint.signature_order", "rule 12", "body, table 2, row 1, cell 2, paragraph 1"),
    ("appendix.copies_missing", "rule 13", "body, paragraph 5"),
    ("reply.date_missing", "rule 14", "body, paragraph 2"),
]


def bad_letter(path: Path) -> Path:
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Частный судебный исполнитель\nСапаров Арман Болатович"
    table.rows[0].cells[1].text = "Ахметов Б.С.\n050010, г. Алматы, ул. Абая, д. 1, кв. 5"
    for text in ("Запрос", "На № 12-34",
                 "Прошу сообщить до 9.1.2025 о счетах (решение от 2025-01-09, письмо от 15.09.2008).",
                 "Срок: 15 сент. 2008; повторно 15 сентября 2008 года.",
                 "Приложение: копия решения суда на 2 л."):
        document.add_paragraph(text)
    signature = document.add_table(rows=1, cols=2)
    signature.rows[0].cells[0].text = "Частный судебный исполнитель"
    signature.rows[0].cells[1].text = "________________ Сапаров А.Б."
    document.save(path)
    return path


def findings(path: Path) -> list[tuple[str, str, str]]:
    return sorted((p.code, p.clause, p.place.describe()) for p in lint_document(path) if p.severity == "error")


@pytest.mark.parametrize("sample", LETTERS, ids=lambda p: p.stem)
def test_pea_docs_letters_and_resolutions_lint_clean(sample, tmp_path):
    [doc] = read_documents(sample)
    path = render_input(doc).save(tmp_path / "letter.docx")
    assert findings(path) == []


def test_a_bad_letter_made_with_python_docx_has_every_finding_at_its_place(tmp_path):
    found = findings(bad_letter(tmp_path / "bad.docx"))
    assert found == sorted(BAD)
    messages = {p.code: p.message for p in lint_document(tmp_path / "bad.docx")}
    assert "initials and then the surname" in messages["lint.signature_order"]
    values = sorted(p.value for p in lint_document(tmp_path / "bad.docx") if p.code == "date.invalid")
    assert values == ["15 сент. 2008", "2025-01-09", "9.1.2025"]  # 15.09.2008 and the words style pass


@pytest.mark.libreoffice
def test_documents_saved_by_libreoffice_lint_alike(tmp_path):
    [doc] = read_documents(SAMPLES / "request.ru.yaml")
    good = render_input(doc).save(tmp_path / "good.docx")
    bad = bad_letter(tmp_path / "bad.docx")
    out = tmp_path / "lo"
    out.mkdir()
    for path in (good, bad):
        subprocess.run([shutil.which("soffice") or "soffice", "--headless", "--convert-to", "docx:MS Word 2007 XML",
                        "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=180)
    assert findings(out / "good.docx") == []
    assert [code for code, _, _ in findings(out / "bad.docx")] == [code for code, _, _ in sorted(BAD)]


def test_the_command_reads_every_file_and_says_json(tmp_path):
    [doc] = read_documents(SAMPLES / "cover_letter.kk.yaml")
    good = render_input(doc).save(tmp_path / "good.docx")
    bad = bad_letter(tmp_path / "bad.docx")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    result = CliRunner().invoke(main, ["lint", str(good), str(broken), str(bad), "--json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert [(d["document"] == str(good), d["ok"]) for d in report["documents"]][0] == (True, True)
    assert report["documents"][1]["problems"][0]["code"] == "lint.unreadable"
    assert len([p for p in report["documents"][2]["problems"] if p["severity"] == "error"]) == len(BAD)
    assert report["documents"][2]["problems"][0]["place"]["table"] == 1
    clean = CliRunner().invoke(main, ["lint", str(good)])
    assert clean.exit_code == 0 and "no findings" in clean.output


@pytest.mark.parametrize("form", ["withdrawal_act", "nomenclature", "case_cover", "recoverors_register"])
def test_an_archive_form_prints_the_agents_address_when_given_and_lints_clean_of_rule_9(form, tmp_path):
    import yaml

    from pea_docs.api import render
    data = yaml.safe_load((SAMPLES / f"{form}.ru.yaml").read_text(encoding="utf-8"))["data"]
    assert "address" not in data["agent"]                      # the samples give none: none is printed
    data["agent"] = {**data["agent"], "address": "050000, г. Алматы, ул. Абая, д. 10, оф. 5"}
    path = render(form, data).save(tmp_path / "with.docx")
    texts = [p.text for p in docx.Document(path).paragraphs]
    assert "050000, г.\u00a0Алматы, ул. Абая, д.\u00a010, оф.\u00a05" in texts
    assert not [p for p in lint_document(path) if p.code.startswith("header.")]
