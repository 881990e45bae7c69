"""Users' templates at real-world parity (issue 13): empty values, macros, people's identifiers."""

from __future__ import annotations

import io
import json
import zipfile

import docx
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from docx_tools import plain_document
from template_docs import paragraphs_docx

from pea_docs.cli.main import main
from pea_docs.errors import InputError, PeaDocsError
from pea_docs.templating.template import check_template, render_template

DEBTOR = {"surname": "Ахметов", "name": "Бауыржан", "patronymic": "Серикович"}


def texts(document) -> list[str]:
    return [p.text for p in plain_document(document.to_bytes()).paragraphs]


def test_a_null_value_prints_nothing_never_the_word_none(tmp_path):
    template = paragraphs_docx(tmp_path / "t.docx", "[{{ note }}]", "[{{ debtor.patronymic }}]",
                               "[{{ note|default('—', true) }}]")
    assert texts(render_template(template, {"note": None, "debtor": {"patronymic": None}})) == ["[]", "[]", "[—]"]


def test_macros_and_set_are_the_templates_own_names_not_data(tmp_path):
    template = paragraphs_docx(
        tmp_path / "t.docx",
        "{% macro short(p) %}{{ p.surname }} {{ p.name[0] }}.{% endmacro %}",
        "Должник: {{ short(debtor) }}",
        "{% set total = sums|sum %}Итого: {{ total }}",
        "{% set heading %}О {{ subject }}{% endset %}{{ heading|upper }}",
        "{% set a, b = pair %}{{ a }}-{{ b }}")
    data = {"debtor": DEBTOR, "sums": [1, 2], "subject": "запросе", "pair": ["x", "y"]}
    assert [p.code for p in check_template(template, data)] == []
    assert texts(render_template(template, data))[1:] == ["Должник: Ахметов Б.", "Итого: 3", "О ЗАПРОСЕ", "x-y"]
    # the data the macro reads is still required
    missing = check_template(template, {"sums": [], "subject": "", "pair": [1, 2]})
    assert [(p.code, p.loc) for p in missing] == [("template.variable_missing", ("debtor",))]


@pytest.mark.parametrize("key", ["iin", "bin", "iin_bin"])
def test_a_person_takes_the_identifiers_an_office_writes(tmp_path, key):
    template = paragraphs_docx(tmp_path / "t.docx", "{{ debtor|name }}, {{ debtor.phone }}, {{ debtor.email }}")
    debtor = {**DEBTOR, key: "920612345673", "phone": "+7 (701) 123-45-67", "email": "b.akhmetov@mail.kz",
              "birth_date": "1992-06-12", "birth_place": "г. Алматы"}
    assert check_template(template, {"debtor": debtor}) == []
    assert texts(render_template(template, {"debtor": debtor})) == [
        "Ахметов Бауыржан Серикович, +7 (701) 123-45-67, b.akhmetov@mail.kz"]


@pytest.mark.parametrize("key, value, code", [("iin", "920612345670", "iin_bin.check_digit"),
                                              ("iin", "9206123456", "iin_bin.invalid"),
                                              ("phone", "8 701 ABC 45 67", "phone.invalid"),
                                              ("email", "b.akhmetov@mail", "email.invalid")])
def test_a_wrong_identifier_is_refused_at_its_line_and_check_agrees(tmp_path, key, value, code):
    template = paragraphs_docx(tmp_path / "t.docx", "{{ debtor|name }}")
    data = tmp_path / "data.yaml"
    data.write_text(f"template: t.docx\ndata:\n  note: x\n  debtor:\n    surname: Ахметов\n    name: Бауыржан\n"
                    f"    {key}: \"{value}\"\n", encoding="utf-8")
    runner = CliRunner()
    rendered = json.loads(runner.invoke(main, ["render", str(template), str(data), "-o", f"{tmp_path}/out/",
                                               "--json"]).output)
    checked = json.loads(runner.invoke(main, ["check", str(template), "--data", str(data), "--json"]).output)
    for result in (rendered, checked):
        assert not result["ok"]
        [problem] = result["problems"]
        assert (problem["code"], problem["loc"], problem["line"]) == (code, ["debtor", key], 7)
        assert problem["file"].endswith("data.yaml")
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    with pytest.raises(InputError):
        render_template(template, {"debtor": {**DEBTOR, key: value}})


@pytest.mark.parametrize("lang, lines", [
    ("ru", ["Взыскать с Ахметова Б.С.", "Ахметову Бауыржану Сериковичу", "Б.С. Ахметов"]),
    ("kk", ["Взыскать с Б.С. Ахметовтің", "Ахметов Бауыржан Сериковичке", "Б.С. Ахметов"]),
    ("en", ["Взыскать с Ахметов Б.С.", "Ахметов Бауыржан Серикович", "Б.С. Ахметов"]),
])
def test_the_name_filter_takes_a_case(tmp_path, lang, lines):
    template = paragraphs_docx(tmp_path / "t.docx", "Взыскать с {{ debtor|name('surname_initials', 'genitive') }}",
                               "{{ debtor|name('dative') }}", "{{ debtor|name('initials_surname') }}")
    assert texts(render_template(template, {"debtor": DEBTOR}, lang=lang)) == lines


def test_a_case_the_language_lacks_is_a_clear_error(tmp_path):
    template = paragraphs_docx(tmp_path / "t.docx", "{{ debtor|name('full', 'ablative') }}")
    with pytest.raises(InputError) as raised:
        render_template(template, {"debtor": DEBTOR}, lang="ru")
    assert raised.value.problems[0].code == "option.invalid" and "ablative" in str(raised.value)
    assert texts(render_template(template, {"debtor": DEBTOR}, lang="kk")) == ["Ахметов Бауыржан Сериковичтен"]


def test_a_template_imports_the_macros_of_its_own_folder(tmp_path):
    (tmp_path / "macros.j2").write_text("{% macro short(p) %}{{ p.surname }} {{ p.name[0] }}.{% endmacro %}",
                                        encoding="utf-8")
    (tmp_path / "closing.txt").write_text("С уважением, {{ signer }}", encoding="utf-8")
    template = paragraphs_docx(tmp_path / "t.docx", "{% from 'macros.j2' import short %}{{ short(debtor) }}",
                               "{% include 'closing.txt' %}")
    data = {"debtor": DEBTOR, "signer": "А. & Б."}
    assert check_template(template, data) == []
    assert texts(render_template(template, data)) == ["Ахметов Б.", "С уважением, А. & Б."]


@pytest.mark.parametrize("name, why", [("../secret.j2", "its own folder"), ("/etc/passwd", "not a text template"),
                                       ("/etc/hostname.j2", "cannot be read"),
                                       ("t.docx", "not a text template"), ("link.j2", "leads out"),
                                       ("none.j2", "cannot be read")])
def test_an_include_never_leaves_the_templates_folder(tmp_path, name, why):
    (tmp_path / "secret.j2").write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "link.j2").symlink_to(tmp_path / "secret.j2")
    template = paragraphs_docx(folder / "t.docx", f"{{% include '{name}' %}}")
    with pytest.raises(Exception) as raised:
        render_template(template, {})
    assert why in str(raised.value) and "TOP-SECRET" not in str(raised.value)


def test_filters_of_ones_own_from_the_api_stay_escaped_and_sandboxed(tmp_path):
    import pea_docs

    template = paragraphs_docx(tmp_path / "t.docx", "{{ debtor.surname|shout }}", "{{ company|shout }}")
    filters = {"shout": lambda text: text.upper() + "!"}
    doc = pea_docs.render(template, {"debtor": DEBTOR, "company": "A & B <C>"}, filters=filters)
    assert texts(doc) == ["АХМЕТОВ!", "A & B <C>!"]
    assert [p.code for p in check_template(template, {"debtor": DEBTOR, "company": "x"})] == [
        "template.filter_unknown", "template.filter_unknown"]  # without them, the filter is unknown
    assert check_template(template, {"debtor": DEBTOR, "company": "x"}, filters=filters) == []
    with pytest.raises(InputError) as raised:
        pea_docs.render(template, {"debtor": DEBTOR, "company": "x"}, filters={"date": str})
    assert "cannot be replaced" in str(raised.value)
    sandboxed = paragraphs_docx(tmp_path / "s.docx", "{{ (debtor|shout).__class__ }}")
    with pytest.raises(Exception, match="internals"):
        pea_docs.render(sandboxed, {"debtor": "x"}, filters=filters)


def test_a_filter_plugin_declared_by_an_installed_package(tmp_path, monkeypatch):
    import sys

    from pea_docs.templating import environment

    (tmp_path / "pea_plugin_demo.py").write_text(
        "def initials_only(text):\n    return ''.join(w[0] + '.' for w in text.split())\n"
        "FILTERS = {'tenge_code': lambda v: f'{v} KZT', 'date': str}\n", encoding="utf-8")
    dist = tmp_path / "pea_plugin_demo-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: pea-plugin-demo\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[pea_docs.filters]\ninitials_only = pea_plugin_demo:initials_only\n"
                                           "bundle = pea_plugin_demo:FILTERS\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    environment.plugin_filters.cache_clear()
    try:
        found = environment.plugin_filters()
        assert sorted(found) == ["initials_only", "tenge_code"]  # `date` stays pea-docs'
        env = environment.make_environment()
        assert env.from_string("{{ 'Бауыржан Серикович'|initials_only }} {{ 5|tenge_code }}").render() == \
            "Б.С. 5 KZT"
    finally:
        sys.modules.pop("pea_plugin_demo", None)
        environment.plugin_filters.cache_clear()


def hyperlink_docx(path, address: str, text: str, field_address: str):
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    document = docx.Document()
    paragraph = document.add_paragraph("Дело: ")
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), document.part.relate_to(address, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)
    field = document.add_paragraph()
    for kind, content in (("begin", None), (None, f' HYPERLINK "{field_address}" '), ("separate", None),
                          (None, "ссылка"), ("end", None)):
        r = OxmlElement("w:r")
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            r.append(char)
        else:
            text_element = OxmlElement("w:instrText" if "HYPERLINK" in content else "w:t")
            text_element.text = content
            r.append(text_element)
        field._p.append(r)
    document.save(path)
    return path


@pytest.mark.parametrize("address", ["https://aisoip.kz/case/{{ case }}?q={{ q }}",
                                     "https://aisoip.kz/case/%7B%7B%20case%20%7D%7D?q=%7B%7Bq%7D%7D"])
def test_tags_in_a_hyperlinks_address_are_filled_and_escaped(tmp_path, address):
    import io
    import zipfile

    template = hyperlink_docx(tmp_path / "t.docx", address, "№ {{ case }}", "https://x.kz/{{ case }}")
    assert check_template(template, {"case": "1", "q": "a"}) == []
    doc = render_template(template, {"case": "0201-25-00001", "q": "a&b<c>"})
    package = zipfile.ZipFile(io.BytesIO(doc.to_bytes()))
    rels = package.read("word/_rels/document.xml.rels").decode()
    assert 'Target="https://aisoip.kz/case/0201-25-00001?q=a&amp;b&lt;c&gt;"' in rels
    opened = plain_document(doc.to_bytes())
    assert opened.paragraphs[0]._p.xpath("string(.)") == "Дело: № 0201-25-00001"
    assert [r.target_ref for r in opened.part.rels.values() if r.is_external] == [
        "https://aisoip.kz/case/0201-25-00001?q=a&b<c>"]
    assert 'HYPERLINK "https://x.kz/0201-25-00001"' in package.read("word/document.xml").decode()
    missing = check_template(template, {"case": "1"})
    assert [(p.code, p.loc) for p in missing] == [("template.variable_missing", ("q",))]


HOSTILE = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=()), max_size=60),   # surrogates, controls, any plane
    st.sampled_from(["& < > ' \"", "<w:p/>", "]]>", "\x00", "\x0b", "\ud800", "\u2028", "&amp;", "{{ x }}",
                     "{% if %}", "A" * 120_000]),
    st.none(), st.integers(), st.floats(allow_nan=True))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=HOSTILE)
def test_any_value_through_a_user_template_is_refused_clearly_or_opens(hostile_template, value):
    try:
        data = render_template(hostile_template, {"a": value}).to_bytes()
    except PeaDocsError as exc:
        assert exc.problem_list() or str(exc), exc  # a clear error
        return
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(package.read(name))
    opened = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in opened.paragraphs)
    assert "<w:p/>" not in text or value == "<w:p/>" or "<w:p/>" in str(value)
    if value is None:
        assert "None" not in text


@pytest.fixture(scope="module")
def hostile_template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    return paragraphs_docx(folder / "t.docx", "{{ a }}", "{{ a|safe }}", "{{ a|e }}", "{{ a|string|upper|safe }}",
                           "{% autoescape false %}{{ a }}{% endautoescape %}", "[{{ a|default('') }}]",
                           header="{{ a }}", footer="{{ a|safe }}", title="{{ a }}")


@pytest.mark.libreoffice
def test_libreoffice_opens_a_hostile_value_and_a_hyperlink(hostile_template, tmp_path, to_pdf):
    from pdf_tools import pdf_text

    doc = render_template(hostile_template, {"a": "Smith & Sons <Ltd> 'x' \"y\" \u2028 строка\x0bдругая"})
    text = " ".join(pdf_text(to_pdf(doc.save(tmp_path / "hostile.docx"))).split())
    assert "Smith & Sons <Ltd> 'x' \"y\"" in text and "None" not in text
    linked = hyperlink_docx(tmp_path / "link.docx", "https://aisoip.kz/case/{{ case }}", "№ {{ case }}",
                            "https://x.kz/{{ case }}")
    pdf = to_pdf(render_template(linked, {"case": "0201-25-00001"}).save(tmp_path / "linked.docx"))
    assert "0201-25-00001" in pdf_text(pdf)
