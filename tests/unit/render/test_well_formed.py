"""The proof that a rendered part is well-formed XML: expat where it suffices, libxml2 otherwise."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from template_docs import paragraphs_docx, replace_part

from pea_docs.errors import TemplateError
from pea_docs.templating.compiled import _PARSER, _quick_proof, prepared_template, prove_well_formed
from pea_docs.templating.template import render_template

PIECES = ["<a>", "</a>", '<b x="1">', "</b>", "<a/>", "&amp;", "&lt;", "&#1;", "&#x41;", "&nbsp;", "&", "<",
          ">", "t", "\x01", "\x0b", "\t", "\n", "<?pi x?>", "<!-- c -->", "<![CDATA[x]]>", "\ufffe", "é", "]]>",
          '<?xml version="1.0"?>', ' x="2"', '<b x="1" x="2"/>', "<c y='<'/>", "\ud800"]


def libxml2_accepts(xml: bytes) -> bool:
    try:
        etree.fromstring(xml, _PARSER)
    except etree.XMLSyntaxError:
        return False
    return True


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12))
def test_expat_and_libxml2_agree_on_what_is_well_formed(pieces):
    # the quick proof refuses exactly what libxml2 refuses: tags, characters, entities, attributes
    xml = ("<r>" + "".join(pieces) + "</r>").encode("utf-8", "surrogatepass")
    assert (_quick_proof(xml) is None) == libxml2_accepts(xml)


@pytest.mark.parametrize("xml", [b"<a>\x01</a>", b"<a><b></a>", b"<a>&nbsp;</a>", b"<a x='1' x='2'/>",
                                 b"<a>", b"<a/><b/>", b"<a>\xff</a>"])
def test_either_proof_refuses_with_libxml2s_words(xml):
    errors = []
    for bound in (False, True):
        with pytest.raises(TemplateError) as caught:
            prove_well_formed(xml, "word/document.xml", "t.docx", bound=bound)
        assert caught.value.problems[0].code == "template.malformed_output"
        errors.append(str(caught.value))
    assert errors[0] == errors[1]


@pytest.mark.parametrize("xml", [b'<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', b"<!DOCTYPE a><a>&e;</a>"])
def test_a_dtd_is_left_to_libxml2(xml):
    # a part with a document type declaration is proven as it always was, by libxml2
    outcomes = []
    for bound in (False, True):
        try:
            prove_well_formed(xml, "word/document.xml", "t.docx", bound=bound)
            outcomes.append("ok")
        except TemplateError as exc:
            outcomes.append(str(exc))
    assert outcomes[0] == outcomes[1]


def test_only_parts_whose_namespaces_are_all_on_the_root_get_the_quick_proof(tmp_path):
    plain = paragraphs_docx(tmp_path / "plain.docx", "To {{ who }}")
    local = replace_part(paragraphs_docx(tmp_path / "local.docx", "To {{ who }}"), "word/document.xml",
                         lambda xml: xml.replace("<w:p>", '<w:p xmlns:x="urn:x">', 1))
    assert [p.source.declared_on_root for p in prepared_template(plain).parts] == [True]
    assert [p.source.declared_on_root for p in prepared_template(local).parts] == [False]
    # without namespace processing expat would take an unbound prefix; such a part goes to libxml2
    with pytest.raises(TemplateError, match="Namespace prefix w on p is not defined"):
        prove_well_formed(b"<a><w:p/></a>", "word/document.xml", "t.docx")
    assert render_template(local, {"who": "A & B"}).to_bytes()


def test_a_value_cannot_make_a_part_malformed_and_a_template_can(tmp_path):
    template = paragraphs_docx(tmp_path / "t.docx", "{{ who }}", "{{ '\\x01' if bad else '' }}")
    assert render_template(template, {"who": "</w:t></w:r></w:p>", "bad": False}).to_bytes()
    with pytest.raises(TemplateError, match="PCDATA invalid Char value 1") as caught:
        render_template(template, {"who": "x", "bad": True})
    assert caught.value.problems[0].code == "template.malformed_output"
