"""The registration stamp (Appendix 3), the sheet of stamps and apply_stamp, reopened and measured."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from docx.oxml.ns import qn
from lxml import etree
from pdf_tools import SAMPLES, pdf_page_sizes_mm

from pea_docs.api import render, validate
from pea_docs.documents.stamping import apply_stamp
from pea_docs.errors import InputError, RuleViolationError
from pea_docs.format.stamp import INK_RGB, REFUSED_INK_RGB, stamp_lines

LANGS = ("ru", "kk", "en")
MM_PER_TWIP = 25.4 / 1440
MM_PER_EMU = 1 / 36000
AGENT = {"surname": "Сапаров", "name": "Арман", "patronymic": "Болатович"}
STAMP = {"agent": AGENT, "date": "2025-01-09", "index": "15"}
EXPECTED_LINES = {
    "ru": ["ЧСИ Сапаров А.Б.", "Дата: 09.01.2025", "Индекс: 15"],
    "kk": ["ЖСО Сапаров А.Б.", "Күні: 09.01.2025", "Индексі: 15"],
    "en": ["PEA Сапаров А.Б.", "Date: 09.01.2025", "Index: 15"],
}


def sample(form: str, lang: str) -> Path:
    return SAMPLES / f"{form}.{lang}.yaml"


def sample_data(form: str, lang: str) -> dict:
    return yaml.safe_load(sample(form, lang).read_text(encoding="utf-8"))["data"]


def open_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def attr(element, name: str) -> str:
    return element.get(qn(name))


def stamp_cells(document) -> list:
    """Return the framed cells (the stamps) of the document's first table."""
    tbl = document.tables[0]._tbl
    return [tc for tc in tbl.iter(qn("w:tc")) if tc.find(qn("w:tcPr") + "/" + qn("w:tcBorders")) is not None]


def assert_ink_only(element, rgb: str) -> None:
    """Every run colour and border of ``element`` is the ink: nothing black, nothing automatic."""
    colours = [attr(c, "w:val") for c in element.iter(qn("w:color"))]
    runs = list(element.iter(qn("w:r")))
    assert runs and len(colours) == len(runs), "every run has an explicit colour"
    assert set(colours) == {rgb}
    borders = [b for b in element.iter() if b.get(qn("w:sz")) is not None]
    assert borders and {attr(b, "w:color") for b in borders} == {rgb}
    assert not {"000000", "auto"} & set(colours + [attr(b, "w:color") for b in borders])


# --- the stamp form -------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_stamp_frame_is_45_by_20_mm_with_an_exact_row(lang):
    document = open_docx(render("registration_stamp", STAMP, lang=lang).to_bytes())
    tbl = document.tables[0]._tbl
    tbl_pr = tbl.tblPr
    assert attr(tbl_pr.find(qn("w:tblLayout")), "w:type") == "fixed"
    width = tbl_pr.find(qn("w:tblW"))
    assert attr(width, "w:type") == "dxa"
    assert abs(int(attr(width, "w:w")) * MM_PER_TWIP - 45) <= 0.5
    (grid_col,) = tbl.iter(qn("w:gridCol"))
    assert abs(int(attr(grid_col, "w:w")) * MM_PER_TWIP - 45) <= 0.5
    (tc,) = stamp_cells(document)
    assert abs(int(attr(tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}"), "w:w")) * MM_PER_TWIP - 45) <= 0.5
    (height,) = tbl.iter(qn("w:trHeight"))
    assert attr(height, "w:hRule") == "exact"
    assert abs(int(attr(height, "w:val")) * MM_PER_TWIP - 20) <= 0.5
    assert document.tables[0].rows[0].height.mm == pytest.approx(20, abs=0.5)
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


@pytest.mark.parametrize("lang", LANGS)
def test_stamp_lines_in_each_language(lang):
    document = open_docx(render("registration_stamp", STAMP, lang=lang).to_bytes())
    assert [p.text for p in document.tables[0].cell(0, 0).paragraphs] == EXPECTED_LINES[lang]
    assert all(p.paragraph_format.space_after == 0 for p in document.tables[0].cell(0, 0).paragraphs)


@pytest.mark.parametrize("color, rgb", [("blue", INK_RGB["blue"]), ("Violet", INK_RGB["violet"]),
                                        ("purple", INK_RGB["violet"])])
def test_stamp_ink_of_text_and_frame(color, rgb):
    document = open_docx(render("registration_stamp", {**STAMP, "color": color}).to_bytes())
    (tc,) = stamp_cells(document)
    assert_ink_only(tc, rgb)
    assert rgb not in ("000000",) and len(rgb) == 6


def test_black_is_refused_by_render_and_validate_naming_rule_60():
    data = {**STAMP, "color": "black"}
    with pytest.raises(RuleViolationError) as info:
        render("registration_stamp", data)
    assert [(p.code, p.clause, p.loc) for p in info.value.problems] == [("stamp.color", "rule 60", ("color",))]
    assert "color: 'black' is not an ink for stamps" in str(info.value)
    assert [(p.code, p.clause) for p in validate("registration_stamp", data).errors] == \
        [("stamp.color", "rule 60")]


def test_black_in_a_yaml_file_names_file_and_line(tmp_path):
    path = tmp_path / "stamp.yaml"
    path.write_text("form: registration_stamp\ndata:\n  agent: {surname: Сапаров, name: Арман}\n"
                    "  date: 2025-01-09\n  index: 15\n  color: black\n", encoding="utf-8")
    with pytest.raises(RuleViolationError) as info:
        render("registration_stamp", path)
    (problem,) = info.value.problems
    assert (problem.file, problem.line, problem.clause) == (str(path), 6, "rule 60")


def test_a_draft_prints_a_refused_ink_grey_and_says_draft():
    doc = render("registration_stamp", {**STAMP, "color": "black"}, draft=True)
    document = open_docx(doc.to_bytes())
    assert doc.draft and [p.code for p in doc.problems] == ["stamp.color"]
    assert document.paragraphs[0].text == "ПРОЕКТ"
    (tc,) = stamp_cells(document)
    assert_ink_only(tc, REFUSED_INK_RGB)


@pytest.mark.parametrize("form", ["registration_stamp", "stamp_sheet"])
@pytest.mark.parametrize("lang", LANGS)
def test_dict_and_yaml_give_the_same_bytes_and_renders_repeat(form, lang):
    from_yaml = render(form, sample(form, lang)).to_bytes()
    from_dict = render(form, sample_data(form, lang), lang=lang).to_bytes()
    assert from_yaml == from_dict
    assert render(form, sample_data(form, lang), lang=lang).to_bytes() == from_dict


@pytest.mark.parametrize("lang", LANGS)
def test_stamp_samples_render_with_their_agent(lang):
    data = sample_data("registration_stamp", lang)
    document = open_docx(render("registration_stamp", sample(lang=lang, form="registration_stamp")).to_bytes())
    assert [p.text for p in document.tables[0].cell(0, 0).paragraphs] == \
        list(stamp_lines(data, lang=lang))
    assert document.core_properties.title == {"ru": "Регистрационный штамп", "kk": "Тіркеу мөртабаны",
                                              "en": "Registration stamp"}[lang]
    assert document.core_properties.created.year == 2000
    assert document.core_properties.comments == "" and document.core_properties.author == "pea-docs"


# --- the sheet of stamps -----------------------------------------------------------------

def test_sheet_holds_every_stamp_in_order_each_45_by_20_mm():
    data = sample_data("stamp_sheet", "kk")
    document = open_docx(render("stamp_sheet", data, lang="kk").to_bytes())
    cells = stamp_cells(document)
    assert len(cells) == len(data["stamps"])
    texts = ["\n".join(p.xpath("string(.)") for p in tc.iter(qn("w:p"))) for tc in cells]
    assert texts[0] == "ЖСО Үсенова Г.С.\nКүні: 09.01.2025\nИндексі: 1"
    assert [t.rsplit(" ", 1)[1] for t in texts] == [str(s["index"]) for s in data["stamps"]]
    for tc in cells:
        assert abs(int(attr(tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}"), "w:w")) * MM_PER_TWIP - 45) <= 0.5
        height = tc.getparent().find(f"{qn('w:trPr')}/{qn('w:trHeight')}")
        assert attr(height, "w:hRule") == "exact"
        assert abs(int(attr(height, "w:val")) * MM_PER_TWIP - 20) <= 0.5
        assert_ink_only(tc, INK_RGB["violet"])


def test_sheet_from_the_register_sample_numbers_and_dates_its_entries():
    path = SAMPLES / "stamp_sheet.register.ru.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))["data"]
    rendered = render("stamp_sheet", path).to_bytes()
    assert rendered == render("stamp_sheet", data, lang="ru").to_bytes()
    cells = stamp_cells(open_docx(rendered))
    texts = ["\n".join(p.xpath("string(.)") for p in tc.iter(qn("w:p"))) for tc in cells]
    # one stamp for each entry: its number (given or next in sequence), its date by rule 20
    assert texts == [f"ЧСИ Сәрсенбаев Е.Қ.\nДата: {day}\nИндекс: {n}" for n, day in enumerate(
        ["06.01.2025", "08.01.2025", "13.01.2025", "14.01.2025", "26.03.2025"], start=1)]
    for tc in cells:
        assert_ink_only(tc, INK_RGB["violet"])


# --- apply_stamp -------------------------------------------------------------------------

def make_letter(path: Path, *, paragraphs: int = 30, table_first: bool = False) -> Path:
    """Write a realistic letter: A4, Kazakh margins, a header, styles, a table, many paragraphs."""
    from docx.shared import Mm, Pt

    letter = docx.Document()
    section = letter.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(10)
    section.header.paragraphs[0].text = "Частный судебный исполнитель Сапаров А.Б."
    letter.styles["Normal"].font.size = Pt(14)
    if table_first:
        letter.add_table(rows=1, cols=2).cell(0, 0).text = "Исх. № 15"
    letter.add_paragraph("ЧАСТНЫЙ СУДЕБНЫЙ ИСПОЛНИТЕЛЬ исполнительного округа г. Алматы")
    letter.add_paragraph("ТОО «Әлем & К», 050000, г. Алматы, ул. Абая, 1").runs[0].bold = True
    for i in range(paragraphs):
        letter.add_paragraph(f"{i + 1}. Прошу предоставить сведения о счетах должника Әлиева Ә.Ғ.")
    letter.save(path)
    return path


def body_without_stamp(data: bytes) -> bytes:
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    for anchor in root.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}anchor"):
        run = anchor.getparent().getparent()
        run.getparent().remove(run)
    return etree.tostring(root.find(qn("w:body")), method="c14n", exclusive=True)


def anchors(data: bytes) -> list:
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    return list(root.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}anchor"))


def test_apply_stamp_leaves_the_document_as_it_was(tmp_path):
    letter = make_letter(tmp_path / "letter.docx")
    out = apply_stamp(letter, STAMP, tmp_path / "stamped.docx")
    before, after = letter.read_bytes(), out.read_bytes()
    old, new = docx.Document(letter), docx.Document(out)
    assert [p.text for p in new.paragraphs] == [p.text for p in old.paragraphs]
    assert len(new.element.body) == len(old.element.body)
    assert [len(p.runs) for p in new.paragraphs][1:] == [len(p.runs) for p in old.paragraphs][1:]
    assert body_without_stamp(after) == body_without_stamp(before)
    zin, zout = zipfile.ZipFile(io.BytesIO(before)), zipfile.ZipFile(io.BytesIO(after))
    assert sorted(zin.namelist()) == sorted(zout.namelist())
    for name in zin.namelist():
        if name != "word/document.xml":
            assert zout.read(name) == zin.read(name), name
    assert new.sections[0].header.paragraphs[0].text == "Частный судебный исполнитель Сапаров А.Б."


@pytest.mark.parametrize("direction, lang, color", [("incoming", "ru", "blue"), ("outgoing", "kk", "violet")])
def test_apply_stamp_anchor_is_the_45_by_20_mm_stamp_in_its_corner(tmp_path, direction, lang, color):
    letter = make_letter(tmp_path / "letter.docx")
    out = apply_stamp(letter, {**STAMP, "direction": direction, "color": color}, tmp_path / "s.docx", lang=lang)
    (anchor,) = anchors(out.read_bytes())
    wp = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
    extent = anchor.find(f"{wp}extent")
    assert int(extent.get("cx")) * MM_PER_EMU == pytest.approx(45, abs=0.5)
    assert int(extent.get("cy")) * MM_PER_EMU == pytest.approx(20, abs=0.5)
    # 20 mm margins are too narrow and the header prints text: the stamp goes into the
    # text's corner, the text flowing above or below it
    assert anchor.find(f"{wp}wrapTopAndBottom") is not None and anchor.find(f"{wp}wrapNone") is None
    x = int(anchor.find(f"{wp}positionH/{wp}posOffset").text) * MM_PER_EMU
    y = int(anchor.find(f"{wp}positionV/{wp}posOffset").text) * MM_PER_EMU
    if direction == "incoming":  # right edge on the text's right edge (200 mm), bottom on its bottom
        assert (x + 45, y + 20) == (pytest.approx(200, abs=0.1), pytest.approx(277, abs=0.1))
    else:  # left edge on the text's left edge (30 mm), top on its top
        assert (x, y) == (pytest.approx(30, abs=0.1), pytest.approx(20, abs=0.1))
    lines = ["".join(t.text for t in p.iter(qn("w:t"))) for p in anchor.iter(qn("w:p"))]
    assert lines == EXPECTED_LINES[lang]
    rgb = INK_RGB[color]
    assert {attr(c, "w:val") for c in anchor.iter(qn("w:color"))} == {rgb}
    assert [c.get("val") for c in anchor.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}srgbClr")] == [rgb]


def test_apply_stamp_corner_overrides_the_direction(tmp_path):
    letter = make_letter(tmp_path / "letter.docx", paragraphs=2)
    out = apply_stamp(letter, STAMP, tmp_path / "s.docx", corner="upper_left")
    (anchor,) = anchors(out.read_bytes())
    y = int(anchor.xpath("string(*[local-name()='positionV'])")) * MM_PER_EMU
    assert y == pytest.approx(20, abs=0.1)  # the text's top: the margin is too narrow


def test_apply_stamp_refuses_black_and_bad_input(tmp_path):
    letter = make_letter(tmp_path / "letter.docx", paragraphs=1)
    with pytest.raises(RuleViolationError) as info:
        apply_stamp(letter, {**STAMP, "color": "black"}, tmp_path / "s.docx")
    assert [(p.code, p.clause, p.loc) for p in info.value.problems] == \
        [("stamp.color", "rule 60", ("stamp", "color"))]
    assert not (tmp_path / "s.docx").exists()
    not_docx = tmp_path / "notes.docx"
    not_docx.write_text("plain text", encoding="utf-8")
    with pytest.raises(InputError) as info:
        apply_stamp(not_docx, STAMP, tmp_path / "s.docx")
    assert info.value.problems[0].code == "stamp.document"
    assert "is not a Word document" in str(info.value)
    with pytest.raises(InputError, match="cannot be read"):
        apply_stamp(tmp_path / "missing.docx", STAMP, tmp_path / "s.docx")
    with pytest.raises(InputError, match="corner"):
        apply_stamp(letter, STAMP, tmp_path / "s.docx", corner="middle")


def test_apply_stamp_with_files_and_in_place(tmp_path):
    letter = make_letter(tmp_path / "letter.docx", paragraphs=3)
    out = io.BytesIO()
    with letter.open("rb") as fh:
        assert apply_stamp(fh, STAMP, out) is None
    in_place = apply_stamp(letter, STAMP, letter)
    assert in_place == letter and letter.read_bytes() == out.getvalue()
    assert len(anchors(letter.read_bytes())) == 1


def test_apply_stamp_to_a_document_opening_with_a_table(tmp_path):
    letter = make_letter(tmp_path / "letter.docx", paragraphs=3, table_first=True)
    out = apply_stamp(letter, STAMP, tmp_path / "s.docx")
    (anchor,) = anchors(out.read_bytes())
    assert anchor.get("layoutInCell") == "0"  # placed on the page, not inside the cell
    assert docx.Document(out).tables[0].cell(0, 0).text == "Исх. № 15"


# --- LibreOffice: page size, the frame measured in pixels, where the stamp lands -----------

def ink_box_mm(pdf: Path, page: int = 1, dpi: int = 300) -> tuple[float, float, float, float]:
    """Return the bounding box (x0, y0, x1, y1, mm) of the ink-coloured pixels of a PDF page."""
    ppm = subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), str(pdf)],
                         check=True, capture_output=True).stdout
    match = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", ppm)
    width, height = int(match.group(1)), int(match.group(2))
    pixels = ppm[match.end():]
    xs, ys = [], []
    for y in range(height):
        row = pixels[3 * width * y: 3 * width * (y + 1)]
        for x in range(0, width):
            r, g, b = row[3 * x], row[3 * x + 1], row[3 * x + 2]
            if b > 150 and b - g > 90:  # the blue and the violet; not black, grey or white
                xs.append(x)
                ys.append(y)
    mm = 25.4 / dpi
    return min(xs) * mm, min(ys) * mm, (max(xs) + 1) * mm, (max(ys) + 1) * mm


def stamp_words(pdf: Path) -> tuple[tuple[float, float], list[tuple[str, float, float]]]:
    """Return the first page's size (pt) and its words with their centres (pt), by pdftotext -bbox."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    page = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', html)
    words = [(w, (float(x0) + float(x1)) / 2, (float(y0) + float(y1)) / 2) for x0, y0, x1, y1, w in
             re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html)]
    return (float(page.group(1)), float(page.group(2))), words


@pytest.mark.libreoffice
@pytest.mark.parametrize("lang", LANGS)
def test_stamp_in_libreoffice_is_a4_and_measures_45_by_20_mm(tmp_path, to_pdf, lang):
    path = render("registration_stamp", sample("registration_stamp", lang)).save(tmp_path / f"stamp.{lang}.docx")
    pdf = to_pdf(path)
    assert [(round(w), round(h)) for w, h in pdf_page_sizes_mm(pdf)] == [(210, 297)]
    x0, y0, x1, y1 = ink_box_mm(pdf)
    line = 0.35  # the 1 pt frame: the box reaches half a line beyond each side
    assert x1 - x0 - line == pytest.approx(45, abs=0.5)
    assert y1 - y0 - line == pytest.approx(20, abs=0.5)
    _, words = stamp_words(pdf)
    assert {"Дата:", "Күні:", "Date:"} & {w for w, _, _ in words}


@pytest.mark.libreoffice
def test_sheet_in_libreoffice_fits_44_stamps_a_page(tmp_path, to_pdf):
    stamps = [{"date": f"2025-02-{1 + i % 28:02d}", "index": i + 1} for i in range(50)]
    data = {"agent": AGENT, "color": "violet", "stamps": stamps}
    pdf = to_pdf(render("stamp_sheet", data).save(tmp_path / "sheet.docx"))
    assert [(round(w), round(h)) for w, h in pdf_page_sizes_mm(pdf)] == [(210, 297)] * 2
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    assert pages[0].count("ЧСИ Сапаров А.Б.") == 44 and pages[1].count("ЧСИ Сапаров А.Б.") == 6
    x0, y0, x1, y1 = ink_box_mm(pdf, page=2)  # two rows of stamps: 4 + 2
    assert x1 - x0 - 0.35 == pytest.approx(4 * 45 + 3 * 3, abs=0.6)
    assert y1 - y0 - 0.35 == pytest.approx(2 * 20 + 4, abs=0.6)


@pytest.mark.libreoffice
@pytest.mark.parametrize("direction", ["incoming", "outgoing"])
def test_apply_stamp_lands_in_its_quarter_of_page_one(tmp_path, to_pdf, direction):
    letter = make_letter(tmp_path / "letter.docx", paragraphs=40)  # two pages
    out = apply_stamp(letter, {**STAMP, "direction": direction}, tmp_path / f"{direction}.docx")
    pdf = to_pdf(out)
    (width, height), words = stamp_words(pdf)
    stamp = [(x, y) for w, x, y in words if w in ("ЧСИ", "Дата:", "Индекс:")]
    assert len(stamp) == 3
    for x, y in stamp:
        if direction == "incoming":
            assert x > width / 2 and y > height / 2
        else:
            assert x < width / 2 and y < height / 2
    x0, y0, x1, y1 = ink_box_mm(pdf)
    assert x1 - x0 - 0.35 == pytest.approx(45, abs=0.5) and y1 - y0 - 0.35 == pytest.approx(20, abs=0.5)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert text.count("Индекс:") == 1 and "40. Прошу предоставить" in text


# --- apply_stamp covers no text (rules 21, 23: "without disturbing its content") ----------

WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
# a stamp whose words the documents below never use, so that they can be told apart
LONE_STAMP = {"agent": {"surname": "Жақыпова", "name": "Нұрсұлу", "patronymic": "Өмірқызы"},
              "date": "2025-02-14", "index": "777"}
LONE_WORDS = ("ЧСИ", "Жақыпова", "Н.Ө.", "Дата:", "14.02.2025", "Индекс:", "777")


def builtin_letter(path: Path, *, full: bool = False) -> Path:
    """Render the built-in request (samples/request.ru.yaml); ``full``: one long paragraph past page one."""
    data = sample_data("request", "ru")
    if full:  # justified lines reach the right edge down to the bottom of page one
        data["text"] = " ".join([" ".join(data["text"].split())] * 12)
    return render("request", data, lang="ru").save(path)


def plain_document(path: Path, *, margins_mm: float | None = None) -> Path:
    """Write python-docx's blank document filled with paragraphs over several pages."""
    from docx.shared import Mm

    document = docx.Document()
    if margins_mm is not None:
        document.sections[0].top_margin = document.sections[0].bottom_margin = Mm(margins_mm)
    for i in range(60):
        document.add_paragraph(f"{i + 1}. Прошу предоставить сведения о счетах должника Әлиева Ә.Ғ.")
    document.save(path)
    return path


def test_outgoing_stamp_goes_into_the_field_a_builtin_letter_reserves(tmp_path):
    out = apply_stamp(builtin_letter(tmp_path / "request.docx"), {**STAMP, "direction": "outgoing"},
                      tmp_path / "s.docx")
    (anchor,) = anchors(out.read_bytes())
    # in the empty upper left cell of the top table's row kept 20 mm high (tools/make_templates.py)
    cell = next(a for a in anchor.iterancestors() if a.tag == qn("w:tc"))
    row = cell.getparent()
    assert row.getparent().getprevious() is None  # the table opens the letter
    assert cell is row.find(qn("w:tc")) and int(row.find(f"{qn('w:trPr')}/{qn('w:trHeight')}").get(qn("w:val"))) >= 1134
    assert anchor.get("layoutInCell") == "1" and anchor.find(f"{WP}wrapNone") is not None
    assert [anchor.find(f"{WP}position{a}").get("relativeFrom") for a in "HV"] == ["column", "paragraph"]
    assert [int(anchor.find(f"{WP}position{a}/{WP}posOffset").text) for a in "HV"] == [0, 0]


def test_incoming_stamp_on_a_builtin_letter_lets_the_text_flow_past(tmp_path):
    out = apply_stamp(builtin_letter(tmp_path / "request.docx"), STAMP, tmp_path / "s.docx")
    (anchor,) = anchors(out.read_bytes())
    # the bottom margin (20 mm) is too narrow: the text's lower right corner, text kept above
    assert anchor.find(f"{WP}wrapTopAndBottom") is not None and anchor.get("distT") == str(2 * 36000)
    # anchored outside the tables, where LibreOffice lets the text flow past it
    assert not any(a.tag == qn("w:tbl") for a in anchor.iterancestors())


@pytest.mark.parametrize("footer", ["", "page"])
def test_a_margin_tall_enough_and_empty_takes_the_stamp(tmp_path, footer):
    path = plain_document(tmp_path / "plain.docx", margins_mm=35)
    if footer:  # a page number prints in the bottom margin: it is not free
        document = docx.Document(path)
        run = document.sections[0].footer.paragraphs[0].add_run()
        for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
            if kind:
                char = run._r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind})
                run._r.append(char)
            else:
                instr = run._r.makeelement(qn("w:instrText"), {})
                instr.text = text
                run._r.append(instr)
        document.save(path)
    for direction, free in (("outgoing", True), ("incoming", not footer)):
        out = apply_stamp(path, {**STAMP, "direction": direction}, tmp_path / f"{direction}.docx")
        (anchor,) = anchors(out.read_bytes())
        y = int(anchor.find(f"{WP}positionV/{WP}posOffset").text) * MM_PER_EMU
        if free:  # in the margin, 5 mm or more from the paper's edge: nothing moves
            assert anchor.find(f"{WP}wrapNone") is not None
            assert 5 <= y and y + 20 <= 33 if direction == "outgoing" else 279.4 - 5 >= y + 20 >= 279.4 - 33
        else:
            assert anchor.find(f"{WP}wrapTopAndBottom") is not None
            assert y + 20 == pytest.approx(279.4 - 35, abs=0.1)


def destruction_act(path: Path) -> Path:
    """Write the act of the Russian sample: its items table runs to the foot of page one."""
    data = yaml.safe_load((SAMPLES / "destruction_act.ru.yaml").read_text(encoding="utf-8"))["data"]
    return render("destruction_act", data).save(path)


@pytest.mark.libreoffice
def test_incoming_stamp_on_the_act_stays_clear_of_its_table(tmp_path, to_pdf):
    # a floating stamp in the text area was drawn across the table's borders: LibreOffice
    # flows no table row past it. Page one gets a footer of its own holding the stamp
    source = destruction_act(tmp_path / "act.docx")
    stamped = apply_stamp(source, {**LONE_STAMP, "direction": "incoming"}, tmp_path / "stamped.docx")
    pdf = to_pdf(stamped)
    x0, y0, x1, y1 = (v * 72 / 25.4 for v in ink_box_mm(pdf, dpi=72))
    # the act's own cells say «Индекс:» too: the body is what lies left of the stamp or above it
    body = [w for w in word_boxes(pdf) if w[3] < x0 or w[2] < y0]
    assert body and y0 > max(w[4] for w in body) + 2  # the frame begins below the last line of the table
    assert [w[0] for w in word_boxes(pdf) if w[1] >= x0 and w[2] >= y0] != []  # and holds the stamp
    document = docx.Document(stamped)
    first = document.sections[0]
    right_edge = (first.page_width - first.right_margin) / 12700  # EMU to points
    assert x1 == pytest.approx(right_edge, abs=3)  # at the right margin: lower right (rule 21)
    assert first.different_first_page_header_footer
    assert "Индекс" in first.first_page_footer._element.xml and "Индекс" not in first.footer._element.xml
    assert [p.text for p in document.paragraphs] == [p.text for p in docx.Document(source).paragraphs]


def word_boxes(pdf: Path) -> list[tuple[str, float, float, float, float]]:
    """Return the words of page one with their boxes (x0, y0, x1, y1, pt), by pdftotext -bbox."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    return [(w, float(x0), float(y0), float(x1), float(y1)) for x0, y0, x1, y1, w in
            re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                       html)]


def overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """Return True if boxes (x0, y0, x1, y1) share more than a hairline (0.2 pt)."""
    return min(a[2], b[2]) - max(a[0], b[0]) > 0.2 and min(a[3], b[3]) - max(a[1], b[1]) > 0.2


@pytest.mark.libreoffice
@pytest.mark.parametrize("direction", ["outgoing", "incoming"])
@pytest.mark.parametrize("kind", ["builtin_letter", "full_builtin_letter", "plain", "wide_margins",
                                  "letter_with_header"])
def test_apply_stamp_covers_no_word_of_page_one(tmp_path, to_pdf, kind, direction):
    make = {"builtin_letter": builtin_letter,
            "full_builtin_letter": lambda p: builtin_letter(p, full=True),
            "plain": plain_document, "wide_margins": lambda p: plain_document(p, margins_mm=35),
            "letter_with_header": make_letter}[kind]
    source = make(tmp_path / f"{kind}.docx")
    before = word_boxes(to_pdf(source))
    pdf = to_pdf(apply_stamp(source, {**LONE_STAMP, "direction": direction}, tmp_path / "stamped.docx"))
    words = word_boxes(pdf)
    stamp = [w for w in words if w[0] in LONE_WORDS]
    assert sorted(w[0] for w in stamp) == sorted(LONE_WORDS)  # each once: the stamp is on page one
    others = [w for w in words if w[0] not in LONE_WORDS]
    assert [(s[0], o[0]) for s in stamp for o in others if overlap(s[1:], o[1:])] == []
    # nor does the frame cover a word, and it is in its quarter of the page
    x0, y0, x1, y1 = (v * 72 / 25.4 for v in ink_box_mm(pdf, dpi=72))
    assert [o[0] for o in others if overlap((x0, y0, x1, y1), o[1:])] == []
    centre = ((x0 + x1) / 2, (y0 + y1) / 2)
    half_page = (297.6, 420.9) if kind in ("builtin_letter", "full_builtin_letter", "letter_with_header") \
        else (306.0, 396.0)  # A4, or python-docx's US Letter
    lower_right = centre[0] > half_page[0] and centre[1] > half_page[1]
    upper_left = centre[0] < half_page[0] and centre[1] < half_page[1]
    assert lower_right if direction == "incoming" else upper_left
    # no word lost from page one but those flowing on to page two
    first_words = [w[0] for w in before]
    assert [w[0] for w in others] == first_words[:len(others)]
