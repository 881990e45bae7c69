"""The destruction act (Appendix 4) rendered, reopened with python-docx, and converted by LibreOffice."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx_tools import plain_document
import yaml
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

import pea_docs.api as api
from pea_docs.errors import RuleViolationError

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"
DATA = REPO / "tests" / "data" / "destruction_act"
LANGS = ["ru", "kk", "en"]

# The table's header row, straight from forms.md (Appendix 4).
HEADERS = {
    "en": ["Item No.",
           "Headings of documents and cases, index of cases according to nomenclature, inventory",
           "Years of documents and cases", "Amount of documents and cases (volumes)",
           "Numbers of articles according to the list", "Explanations"],
    "ru": ["№ п/п", "Заголовки документов и дел, индекс дел по номенклатуре, описи",
           "Годы документов и дел", "Количество документов и дел (томов)", "Номера статей по перечню",
           "Пояснения"],
    "kk": ["Р/с №", "Құжаттар мен істердің тақырыптары, номенклатура, тізімдеме бойынша істің индексі",
           "Құжаттар мен істердің жылдары", "Құжаттар мен істердің (томдардың) саны",
           "Тізбе бойынша баптардың нөмірлері", "Түсініктемелер"],
}
# The title, straight from forms.md (Appendix 4): Kazakh puts АКТ last.
TITLES = {"en": "ACT on allocation for destruction of documents and cases",
          "ru": "АКТ о выделении к уничтожению документов и дел",
          "kk": "Құжаттар мен істерді жоюға бөлу туралы АКТ"}
TITLE_LINES = {"en": ["ACT", "on allocation for destruction of documents and cases"],
               "ru": ["АКТ", "о выделении к уничтожению документов и дел"],
               "kk": ["Құжаттар мен істерді жоюға бөлу туралы", "АКТ"]}
TOTALS = {"ru": "Итого дел: 12 (двенадцать)", "kk": "Барлық істер саны: 12 (он екі)",
          "en": "Total of cases: 9 (nine)"}
# one marker of each part, in the form's order (forms.md, Appendix 4)
PARTS = {
    "ru": ["АКТ", "о выделении к уничтожению документов и дел", "10 декабря 2025 года\t№\u00a01",
           "Составитель: частный судебный исполнитель Жұмабеков Нұрлан Серікұлы, лицензия №\u00a017012345",
           "руководствуясь перечнем «Перечень типовых документов", "№ п/п", TOTALS["ru"],
           "Составитель акта:", "Утверждено к уничтожению экспертно-проверочной комиссией в составе:",
           "Приказ руководителя региональной палаты частных судебных исполнителей",
           "№\u00a045 от 25 декабря 2025 года",
           "Документы измельчены и уничтожены путем сжигания в присутствии:",
           "Дата уничтожения: 15 января 2026 года"],
    "kk": ["Құжаттар мен істерді жоюға бөлу туралы", "АКТ", "2025 жылғы 14 қараша\t№\u00a07",
           "Акт жасаған: Алматы қаласы жеке сот орындаушыларының өңірлік палатасының қызметкері, "
           "бас маман Әбдірахманов Ерұлан Сәкенұлы",
           "тізбесін басшылыққа ала отырып", "Р/с №", TOTALS["kk"], "Акт жасаушы:",
           "Сараптау-тексеру комиссиясы мынадай құрамда жоюға бекітті:",
           "Жеке сот орындаушыларының өңірлік палатасы басшысының бұйрығы",
           "2025 жылғы 21 қараша №\u00a038",
           "Құжаттар мына адамдардың қатысуымен ұсақталып, өртеу арқылы жойылды:",
           "Жою күні: 2025 жылғы 5 желтоқсан"],
    "en": ["ACT", "on allocation for destruction of documents and cases", "December 10, 2025\tNo. 2",
           "Composed by: private enforcement agent Сейітқалиева Айгүл Маңғазқызы, license No. 18054321",
           "guided by the list “List of standard documents", "Item No.", TOTALS["en"],
           "Drafter of the act:", "Approved for destruction by the Expert Review Commission composed of:",
           "Order of the head of the regional chamber of private enforcement agents",
           "No. 112 dated December 22, 2025",
           "Documents were shredded and destroyed by burning in the presence of:",
           "Date of destruction: January 20, 2026"],
}


def sample_data(lang: str) -> dict:
    return yaml.safe_load((SAMPLES / f"destruction_act.{lang}.yaml").read_text(encoding="utf-8"))["data"]


def reopen(data: bytes) -> docx.document.Document:
    # the text with plain spaces; test_act_keeps_numbers_with_their_words checks the non-breaking ones
    return plain_document(data)


def blocks(doc) -> list[str]:
    """Return the text of each paragraph and table cell of the body, in document order."""
    out = []
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            out.append(Paragraph(child, doc).text)
        elif child.tag == qn("w:tbl"):
            for row in Table(child, doc).rows:
                for cell in row.cells:
                    out.extend(p.text for p in cell.paragraphs)
    return out


def items_table(doc) -> Table:
    return next(t for t in doc.tables if len(t.columns) == 6)


@pytest.fixture(scope="module", params=LANGS)
def rendered(request):
    lang = request.param
    return lang, reopen(api.render("destruction_act", SAMPLES / f"destruction_act.{lang}.yaml").to_bytes())


def test_parts_appear_in_order(rendered):
    lang, doc = rendered
    text = blocks(doc)
    positions = []
    for marker in PARTS[lang]:
        marker = marker.replace("\u00a0", " ")  # the document is read with plain spaces (reopen)
        hits = [i for i, t in enumerate(text) if marker in t and i >= (positions[-1] if positions else 0)]
        assert hits, f"{marker!r} not found after part {len(positions)}"
        positions.append(hits[0])
    assert positions == sorted(positions)


def test_title_reads_as_forms_md_in_each_language(rendered):
    lang, doc = rendered
    paragraphs = doc.paragraphs
    dated = next(i for i, p in enumerate(paragraphs) if "\t" in p.text)  # date and number
    title = [p for p in paragraphs[:dated] if p.text and all(r.bold for r in p.runs)]
    assert [p.text for p in title] == TITLE_LINES[lang]
    assert " ".join(p.text for p in title) == TITLES[lang]
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.CENTER for p in title)
    assert doc.core_properties.title == TITLES[lang]


def test_header_row_is_forms_md_verbatim_and_numbered(rendered):
    lang, doc = rendered
    table = items_table(doc)
    assert [c.text for c in table.rows[0].cells] == HEADERS[lang]
    assert [c.text for c in table.rows[1].cells] == ["1", "2", "3", "4", "5", "6"]


def test_header_rows_repeat_on_every_page(rendered):
    _, doc = rendered
    rows = items_table(doc).rows
    flags = [row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None for row in rows]
    assert flags[:2] == [True, True] and not any(flags[2:])


def test_item_cells(rendered):
    lang, doc = rendered
    table = items_table(doc)
    items = sample_data(lang)["items"]
    assert len(table.rows) == 2 + len(items)
    for n, (row, item) in enumerate(zip(table.rows[2:], items), start=1):
        cells = [c.text for c in row.cells]
        assert cells[0] == str(n)
        assert cells[1].split("\n")[0] == item["heading"]
        assert str(item["index"]) in cells[1]
        assert (item.get("inventory") or "") in cells[1]
        assert cells[2] == str(item["years"]).replace("-", "–")
        assert cells[3] == str(item["volumes"])
        assert cells[4] == item["articles"]
        assert cells[5] == (item.get("explanation") or "")
    third = [c.text for c in table.rows[4].cells]
    assert third[2] == {"ru": "2017–2018", "kk": "2016–2017", "en": "2018–2019"}[lang]
    assert third[1].split("\n")[1] == {"ru": "Индекс: 02-01", "kk": "Индексі: 02-01", "en": "Index: 02-01"}[lang]


def test_total_in_figures_and_words(rendered):
    lang, doc = rendered
    assert TOTALS[lang] in [p.text for p in doc.paragraphs]
    assert sum(int(r.cells[3].text) for r in items_table(doc).rows[2:]) == int(TOTALS[lang].split(": ")[1].split()[0])


def test_page_a4_portrait_with_office_margins(rendered):
    _, doc = rendered
    s = doc.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert s.page_width < s.page_height
    assert round(s.left_margin.mm) == 30
    assert 10 <= round(s.right_margin.mm) <= 15
    assert round(s.top_margin.mm) == round(s.bottom_margin.mm) == 20


def test_fonts_times_new_roman_14_and_12_in_table(rendered):
    _, doc = rendered
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size.pt == 14
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Times New Roman"}
    table_runs = [r for row in items_table(doc).rows for c in row.cells for p in c.paragraphs for r in p.runs]
    assert table_runs and {r.font.size.pt for r in table_runs} == {12}
    body_sizes = {r.font.size.pt if r.font.size else 14 for p in doc.paragraphs for r in p.runs}
    assert body_sizes <= {14, 10}  # text 14; captions under blank lines 10


def test_not_a_draft(rendered):
    lang, doc = rendered
    assert doc.sections[0].header.paragraphs[0].text == ""


def test_blank_lines_when_blocks_missing():
    doc = reopen(api.render("destruction_act", DATA / "pending.ru.yaml").to_bytes())
    text = blocks(doc)
    joined = "\n".join(text)
    assert text.count("(фамилия, имя, отчество)") == 3 + 2  # chairman, two members; ERC chairman, others
    assert "(фамилия, имя, отчество, должность)" in text  # the justice representative
    assert "(фамилия, имя, отчество руководителя)" in text and "(региональная палата: область, город)" in text
    assert "№ ______ от «___» ____________ 20___ года" in text
    assert "Дата уничтожения: «___» ____________ 20___ года" in text
    assert "_" * 24 in joined
    # the owner defaults to the agent who drew up the act
    assert "Тілеубаев Асқар" in text


def test_render_refuses_rule_47_breach():
    with pytest.raises(RuleViolationError) as info:
        api.render("destruction_act", DATA / "storage_not_expired.ru.yaml")
    message = str(info.value)
    assert "rule 47" in message and "items[1].storage" in message and "items[2].storage" in message
    assert [(p.code, p.loc) for p in info.value.problems] == [
        ("storage.not_expired", ("items", 1, "storage")), ("storage.permanent", ("items", 2, "storage"))]


@pytest.mark.parametrize(("lang", "mark"), [("ru", "ПРОЕКТ"), ("kk", "ЖОБА"), ("en", "DRAFT")])
def test_draft_renders_and_shows_the_mark(lang, mark):
    document = api.render("destruction_act", DATA / "storage_not_expired.ru.yaml", lang=lang, draft=True)
    assert document.draft and {p.code for p in document.problems} >= {"storage.not_expired"}
    doc = reopen(document.to_bytes())
    header = doc.sections[0].header
    assert not header.is_linked_to_previous
    assert header.paragraphs[0].text == mark
    assert header.paragraphs[0].runs[0].bold


@pytest.mark.parametrize("lang", LANGS)
def test_dict_and_yaml_give_identical_bytes(lang):
    from_yaml = api.render("destruction_act", SAMPLES / f"destruction_act.{lang}.yaml").to_bytes()
    from_dict = api.render("destruction_act", sample_data(lang), lang=lang).to_bytes()
    assert from_yaml == from_dict
    assert api.render("destruction_act", sample_data(lang), lang=lang).to_bytes() == from_dict


def test_core_properties_are_fixed():
    from pea_docs.ooxml.package import FIXED_DATETIME
    doc = reopen(api.render("destruction_act", sample_data("kk"), lang="kk").to_bytes())
    props = doc.core_properties
    assert props.created.replace(tzinfo=None) == FIXED_DATETIME == props.modified.replace(tzinfo=None)
    assert props.title == "Құжаттар мен істерді жоюға бөлу туралы АКТ"
    # nothing left from python-docx's template ("generated by python-docx")
    assert (props.comments, props.subject, props.keywords, props.category) == ("", "", "", "")
    assert (props.author, props.last_modified_by, props.language) == ("pea-docs", "pea-docs", "kk-KZ")


@pytest.mark.libreoffice
@pytest.mark.parametrize("lang", LANGS)
def test_libreoffice_converts_the_sample_to_a4(lang, to_pdf, tmp_path):
    from pdf_tools import pdf_page_sizes_mm, pdf_text

    path = api.render("destruction_act", SAMPLES / f"destruction_act.{lang}.yaml").save(
        tmp_path / f"destruction_act.{lang}.docx")
    pdf = to_pdf(path)
    sizes = pdf_page_sizes_mm(pdf)
    assert sizes and all(abs(w - 210) < 1 and abs(h - 297) < 1 for w, h in sizes)
    pages = pdf_text(pdf).split("\f")
    assert TOTALS[lang] in " ".join(" ".join(pages).split())
    # the header row repeats: every page holding items also holds the last column's heading
    index_label = {"ru": "Индекс: ", "kk": "Индексі: ", "en": "Index: "}[lang]
    with_items = [page for page in pages if index_label in page]
    assert len(with_items) == {"ru": 2, "kk": 1, "en": 2}[lang]  # the samples' table spans pages
    assert all(HEADERS[lang][-1] in page for page in with_items)
