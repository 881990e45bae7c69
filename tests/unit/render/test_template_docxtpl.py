"""The text pea-docs renders equals what plain docxtpl renders from the same template and data."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import docx
import jinja2
import pytest
from docxtpl import DocxTemplate
from template_docs import paragraphs_docx, replace_part, split_runs_docx, table_loop_docx

from pea_docs.documents.builtin_templates import builtin_template
from pea_docs.documents.letters import letter_context
from pea_docs.io.inputs import read_documents
from pea_docs.models import coerce
from pea_docs.models.letters import Letter, Resolution
from pea_docs.templating.environment import FILTERS, filter_language
from pea_docs.templating.template import render_template

SAMPLES = Path(__file__).resolve().parents[3] / "samples"


def all_texts(data: bytes) -> list[str]:
    """Return the text of every paragraph, table cell, header and footer, in order."""
    document = docx.Document(io.BytesIO(data))
    found = [p.text for p in document.paragraphs]
    for table in document.tables:
        found += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        found += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    # not the document properties: docxtpl escapes them twice ("&amp;" shows in the
    # title); pea-docs shows "&" (test_template_render checks it)
    return found


def docxtpl_render(path, context, lang: str) -> bytes:
    env = jinja2.Environment(autoescape=True)
    env.filters.update(FILTERS)
    template = DocxTemplate(path)
    with filter_language(lang):
        template.render(context, jinja_env=env, autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def assert_same_text(path, context, lang="ru"):
    # the same text as docxtpl's but for the non-breaking spaces pea-docs puts in values
    # (pea_docs.locale.typography), which docxtpl does not
    ours = all_texts(render_template(path, context, lang=lang).to_bytes())
    theirs = all_texts(docxtpl_render(path, context, lang))
    assert [t.replace("\xa0", " ") for t in ours] == [t.replace("\xa0", " ") for t in theirs]
    return ours


def test_split_runs(tmp_path):
    # «» inside a tag is pea-docs's addition; docxtpl refuses it, so it gets “” here
    path = replace_part(split_runs_docx(tmp_path / "t.docx"), "word/document.xml",
                        lambda xml: xml.replace("«", "“").replace("»", "”"))
    texts = assert_same_text(path, {
        "debtor": {"surname": "Өмірзақова"}, "day": date(2025, 3, 14), "n": 3, "paid": Decimal("21.01")},
        lang="kk")
    assert texts[0] == "Debtor: Өмірзақова"


def test_table_loop(tmp_path):
    assert_same_text(table_loop_docx(tmp_path / "t.docx"), {"case": "02-05", "appendices": [
        {"title": "копия <акта>", "sheets": 2}, {"title": "опись & перечень", "sheets": 11}]})


def test_headers_footers_properties_and_escaping(tmp_path):
    path = paragraphs_docx(tmp_path / "t.docx", "To {{ who }}", "{{ lines }}", header="{{ who }}",
                           footer="p. {{ n }}", title="{{ who }}")
    assert_same_text(path, {"who": "Smith & Sons <Ltd>", "lines": "one\ntwo\tthree", "n": 1})


LETTER_SAMPLES = sorted(p for p in SAMPLES.glob("*.yaml")
                        if p.name.split(".")[0] in ("request", "cover_letter", "resolution"))


@pytest.mark.parametrize("sample", LETTER_SAMPLES, ids=lambda p: p.stem)
def test_builtin_templates_with_every_sample(sample):
    [doc] = read_documents(sample)
    model = coerce(Resolution if doc.form == "resolution" else Letter, doc.data)
    assert_same_text(builtin_template(doc.form, doc.lang), letter_context(model), lang=doc.lang)
