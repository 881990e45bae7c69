"""Images in users' templates (issue 13, point 1): body, tables, headers and footers; paths kept inside."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from template_docs import paragraphs_docx

import pea_docs
from pea_docs.cli.main import main
from pea_docs.errors import InputError, LimitError, PeaDocsError
from pea_docs.io.limits import limited
from pea_docs.templating.images import _example_png
from pea_docs.templating.template import check_template, render_template

PHOTO = Path(__file__).resolve().parents[2] / "data" / "images" / "photo.jpg"
EMU_PER_MM = 36_000


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "seal.png").write_bytes(_example_png(400, 200))
    (tmp_path / "images").mkdir()
    shutil.copy(PHOTO, tmp_path / "images" / "photo.jpg")
    return tmp_path


def table_docx(path: Path, cell_text: str, **kwargs) -> Path:
    document = docx.Document()
    document.add_paragraph("Фото:")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Имущество"
    table.rows[0].cells[1].text = cell_text
    section = document.sections[0]
    section.header.paragraphs[0].text = kwargs.get("header", "")
    section.footer.paragraphs[0].text = kwargs.get("footer", "")
    document.save(path)
    return path


def inline_shapes(data: bytes) -> list[tuple[int, int]]:
    return [(shape.width, shape.height) for shape in docx.Document(io.BytesIO(data)).inline_shapes]


def test_an_image_in_the_body_keeps_its_aspect_ratio(folder):
    template = paragraphs_docx(folder / "t.docx", "Печать: {{ image('seal.png', width_mm=30) }} М.П.",
                               "{{ image(seal, height_mm=10) }}")
    data = render_template(template, {"seal": "seal.png"}).to_bytes()
    assert inline_shapes(data) == [(30 * EMU_PER_MM, 15 * EMU_PER_MM), (20 * EMU_PER_MM, 10 * EMU_PER_MM)]
    opened = docx.Document(io.BytesIO(data))
    assert opened.paragraphs[0].text == "Печать:  М.П."        # the text around the picture stays
    package = zipfile.ZipFile(io.BytesIO(data))
    media = [n for n in package.namelist() if n.startswith("word/media/")]
    assert len(media) == 1 and media[0].endswith(".png")       # one copy, however often it is used
    assert 'Extension="png"' in package.read("[Content_Types].xml").decode()


def test_an_image_in_a_table_a_header_and_a_footer(folder):
    template = table_docx(folder / "t.docx", "{{ image('images/photo.jpg', width_mm=40) }}",
                          header="{{ image('seal.png', width_mm=20) }}", footer="{{ image('seal.png') }}")
    data = render_template(template, {}).to_bytes()
    package = zipfile.ZipFile(io.BytesIO(data))
    assert inline_shapes(data) == [(40 * EMU_PER_MM, round(40 * 141 / 100 * EMU_PER_MM))]
    headers = [n for n in package.namelist() if n.startswith("word/header")]
    footers = [n for n in package.namelist() if n.startswith("word/footer")]
    assert any("rIdPeaImage1" in package.read(n).decode() for n in headers)
    assert any("rIdPeaImage1" in package.read(n).decode() for n in footers)
    for part in headers + footers:
        if "pea" in package.read(part).decode():
            rels = package.read(part.replace("word/", "word/_rels/") + ".rels").decode()
            assert "media/pea-" in rels
    natural = docx.Document(io.BytesIO(data)).sections[0].footer
    drawing = natural._element.xpath(".//wp:extent")[0]
    assert int(drawing.get("cx")) == round(400 / 96 * 25.4 * EMU_PER_MM)  # its own size at 96 dpi
    assert {n.rsplit(".", 1)[-1] for n in package.namelist() if n.startswith("word/media/")} == {"png", "jpeg"}


def test_images_give_byte_identical_documents(folder):
    template = paragraphs_docx(folder / "t.docx", "{{ image('seal.png', width_mm=30) }}{{ image(photo) }}")
    first = render_template(template, {"photo": "images/photo.jpg"}).to_bytes()
    assert render_template(template, {"photo": "images/photo.jpg"}).to_bytes() == first


@pytest.mark.parametrize("name, code", [("../secret.png", "image.path"), ("/etc/passwd", "image.path"),
                                        ("C:/Windows/x.png", "image.path"), ("missing.png", "image.path"),
                                        ("link.png", "image.path"), ("note.txt", "image.format")])
def test_an_image_path_never_leads_out_of_its_folder(folder, name, code):
    (folder.parent / "secret.png").write_bytes(_example_png(2, 2))
    (folder / "link.png").symlink_to(folder.parent / "secret.png")
    (folder / "note.txt").write_text("not an image")
    template = paragraphs_docx(folder / "t.docx", "{{ image(path) }}")
    with pytest.raises(InputError) as raised:
        render_template(template, {"path": name})
    [problem] = raised.value.problems
    assert problem.code == code and "body, paragraph 1" in problem.message


def test_sizes_and_limits_are_clear_errors(folder):
    template = paragraphs_docx(folder / "t.docx", "{{ image('seal.png', width_mm=-3) }}")
    with pytest.raises(InputError, match="millimetres"):
        render_template(template, {})
    template = paragraphs_docx(folder / "t.docx", "{{ image('seal.png') }}")
    with limited(image_bytes=100), pytest.raises(LimitError, match="image_bytes"):
        render_template(template, {})
    with limited(image_pixels=1000), pytest.raises(LimitError, match="400 × 200 pixels"):
        render_template(template, {})
    titled = paragraphs_docx(folder / "p.docx", "x", title="{{ image('seal.png') }}")
    with pytest.raises(PeaDocsError, match="body, a table, a header or a footer"):
        render_template(titled, {})


def test_the_checker_knows_image_and_asks_for_its_data(folder):
    template = paragraphs_docx(folder / "t.docx", "{{ image(seal, width_mm=30) }}")
    assert [(p.code, p.loc) for p in check_template(template, {})] == [("template.variable_missing", ("seal",))]
    assert check_template(template, {"seal": "seal.png"}) == []


def test_images_are_found_beside_the_yaml_input_and_the_api_takes_base_dir(folder, tmp_path_factory):
    letters = tmp_path_factory.mktemp("letters")
    template = paragraphs_docx(letters / "letter.docx", "{{ image(seal, width_mm=25) }}")
    (folder / "input.yaml").write_text(f"template: {template}\ndata: {{seal: seal.png}}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(template), str(folder / "input.yaml"), "-o",
                                       str(folder / "out.docx"), "--json"])
    assert json.loads(result.output)["ok"], result.output
    assert inline_shapes((folder / "out.docx").read_bytes()) == [(25 * EMU_PER_MM, round(12.5 * EMU_PER_MM))]
    with pytest.raises(InputError):  # the template's own folder has no seal.png
        pea_docs.render(template, {"seal": "seal.png"})
    doc = pea_docs.render(template, {"seal": "seal.png"}, base_dir=folder)
    assert len(inline_shapes(doc.to_bytes())) == 1


@pytest.mark.libreoffice
def test_libreoffice_draws_the_images(folder, tmp_path, to_pdf):
    from pdf_tools import pdf_page_sizes_mm
    template = table_docx(folder / "t.docx", "{{ image('images/photo.jpg', width_mm=40) }}",
                          header="{{ image('seal.png', width_mm=20) }}")
    pdf = to_pdf(render_template(template, {}).save(tmp_path / "images.docx"))
    assert pdf_page_sizes_mm(pdf)
    import subprocess
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert len([line for line in listing.splitlines()[2:] if line.strip()]) >= 2  # both pictures drawn


def clause_docx(path: Path, picture: Path) -> Path:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Mm

    document = docx.Document()
    style = document.styles.add_style("PeaClause", WD_STYLE_TYPE.PARAGRAPH)
    style.font.bold = True
    document.add_paragraph("Пункт с особым стилем", style="PeaClause")
    document.add_paragraph("первый", style="List Number")
    document.add_paragraph("второй", style="List Number")
    document.add_picture(str(picture), width=Mm(20))
    document.save(path)
    return path


def test_a_subdocument_keeps_its_images_styles_and_numbering(folder):
    clause_docx(folder / "clause.docx", folder / "seal.png")
    template = paragraphs_docx(folder / "t.docx", "Начало {{ n }}", "{{ subdoc(part) }}",
                               "Конец {{ image('images/photo.jpg', width_mm=10) }}")
    doc = render_template(template, {"n": 1, "part": "clause.docx"})
    data = doc.to_bytes()
    opened = docx.Document(io.BytesIO(data))
    assert [(p.text, p.style.name) for p in opened.paragraphs if p.text] == [
        ("Начало 1", "Normal"), ("Пункт с особым стилем", "PeaClause"), ("первый", "List Number"),
        ("второй", "List Number"), ("Конец ", "Normal")]
    assert opened.styles["PeaClause"].font.bold
    assert len(opened.inline_shapes) == 2                                 # the subdocument's picture and ours
    package = zipfile.ZipFile(io.BytesIO(data))
    assert "word/numbering.xml" in package.namelist()
    assert "w:numId" in package.read("word/document.xml").decode()       # the list keeps its numbering
    assert render_template(template, {"n": 1, "part": "clause.docx"}).to_bytes() == data  # deterministic


@pytest.mark.parametrize("paragraphs, data, code", [
    (["Текст {{ subdoc('clause.docx') }}"], {}, "subdoc.place"),
    (["{{ subdoc(part) }}"], {"part": "../clause.docx"}, "image.path"),
    (["{{ subdoc(part) }}"], {"part": "seal.png"}, "subdoc.format"),
])
def test_a_subdocument_in_a_wrong_place_or_file_is_refused(folder, paragraphs, data, code):
    clause_docx(folder / "clause.docx", folder / "seal.png")
    template = paragraphs_docx(folder / "t.docx", *paragraphs)
    with pytest.raises(InputError) as raised:
        render_template(template, data)
    assert raised.value.problems[0].code == code


@pytest.mark.libreoffice
def test_libreoffice_opens_a_joined_subdocument(folder, tmp_path, to_pdf):
    from pdf_tools import pdf_text
    clause_docx(folder / "clause.docx", folder / "seal.png")
    template = paragraphs_docx(folder / "t.docx", "Начало", "{{ subdoc('clause.docx') }}", "Конец")
    text = pdf_text(to_pdf(render_template(template, {}).save(tmp_path / "joined.docx")))
    assert "1. первый" in text and "2. второй" in text and "Конец" in text


def test_joining_subdocuments_leaves_python_docx_as_it_was(folder):
    # docxcompose rebinds python-docx's `cp` prefix for the whole process and numbers lists at random
    import random

    from docx.oxml.ns import nsmap
    clause_docx(folder / "clause.docx", folder / "seal.png")
    template = paragraphs_docx(folder / "t.docx", "{{ subdoc('clause.docx') }}", title="Договор")
    random.seed(7)
    expected = random.random()
    random.seed(7)
    doc = render_template(template, {})
    assert random.random() == expected                        # the caller's random numbers go on undisturbed
    assert nsmap["cp"] == "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
    assert docx.Document(io.BytesIO(doc.to_bytes())).core_properties.title == "Договор"


def test_a_bare_image_name_is_data_not_the_function(folder):
    template = paragraphs_docx(folder / "t.docx", "{{ image }}")
    with pytest.raises(PeaDocsError) as raised:
        render_template(template, {})
    assert "image" in str(raised.value) and "function" not in str(raised.value)
    assert texts_of(render_template(template, {"image": "фото приложено"})) == ["фото приложено"]


def texts_of(doc) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(doc.to_bytes())).paragraphs]
