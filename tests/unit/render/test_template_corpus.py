"""A corpus of broken templates (issue 13, point 6): every problem of each is found in one run, at its place."""

from __future__ import annotations

import pytest
from template_docs import paragraphs_docx, table_loop_docx

from pea_docs.templating.template import check_template

# (paragraphs, the (code, paragraph) of every problem expected)
CORPUS = [
    (["{{ debtor.name }"], [("template.unclosed", 1)]),
    (["{{ debtor.name }", "{{ x|nosuch }}"], [("template.unclosed", 1), ("template.filter_unknown", 2)]),
    (["Уважаемый {{ debtor.name", "{{ ok }}"], [("template.unclosed", 1)]),
    (["{{ a + }}", "{{ b c }}"], [("template.syntax", 1), ("template.syntax", 2)]),
    (["{% if x %}a"], [("template.unbalanced", 1)]),
    (["{% if x %}a{% endif }"], [("template.unclosed", 1), ("template.unbalanced", 1)]),
    (["{% endfor %}"], [("template.unbalanced", 1)]),
    (["{% for x y %}", "{{ x }}", "{% endfor %}"], [("template.syntax", 1)]),
    (["{% for a in items %}", "{% endif %}"], [("template.unbalanced", 2), ("template.unbalanced", 1)]),
    (["{{ x|date( }}"], [("template.syntax", 1)]),
    (["{# note"], [("template.unclosed", 1)]),
    (["{{ {{ x }} }}"], [("template.syntax", 1), ("template.stray_close", 1)]),
    (["{{ x|nmae }}"], [("template.filter_unknown", 1)]),
    (["{% if x is nonsense %}a{% endif %}"], [("template.filter_unknown", 1)]),
    (["{{ x.__class__ }}"], [("template.unsafe", 1)]),
    (["{{ x._private }}", "{{ y|nosuch }}"], [("template.unsafe", 1), ("template.filter_unknown", 2)]),
    (["{% else %}"], [("template.unbalanced", 1)]),
    (["{% if a %}", "{% for b in c %}", "{% endif %}"], [("template.unbalanced", 3), ("template.unbalanced", 1)]),
    (["{%tr for a in items %}"], [("template.unbalanced", 1)]),
    (["{%p if x %}", "{% endif %}"], [("template.unbalanced", 2)]),
    (["{% macro m( %}{% endmacro %}"], [("template.syntax", 1)]),
    (["{% set %}"], [("template.syntax", 1)]),
    (["{% include %}"], [("template.syntax", 1)]),
    (["{{ x|default(') }}"], [("template.syntax", 1)]),
    (["{{ 'unterminated }}"], [("template.syntax", 1)]),
    (["Итого }} {{ x }}"], [("template.stray_close", 1)]),
    (["{{ x }", "{{ y }", "{{ z|nope }}"], [("template.unclosed", 1), ("template.unclosed", 2),
                                           ("template.filter_unknown", 3)]),
    (["{% if x %}", "{% elif %}", "{% endif %}"], [("template.syntax", 2)]),
    (["{{ x|date('words') }", "{% for %}", "{% endfor %}"], [("template.unclosed", 1), ("template.syntax", 2)]),
    (["{{ x[ }}"], [("template.syntax", 1)]),
    (["{{ debtor|name('dative' }}"], [("template.syntax", 1)]),
    (["{% if x %}{% if y %}", "{% endif %}"], [("template.unbalanced", 1)]),
    (["{% with %}{% endwith %}", "{{ ok }}", "{{ a.__globals__ }}"], [("template.unsafe", 3)]),
]


@pytest.mark.parametrize("paragraphs, expected", CORPUS, ids=[" | ".join(p)[:40] for p, _ in CORPUS])
def test_every_problem_of_a_broken_template_is_found_at_its_paragraph(tmp_path, paragraphs, expected):
    path = paragraphs_docx(tmp_path / "broken.docx", *paragraphs)
    found = [(p.code, p.place.paragraph) for p in check_template(path)]
    assert sorted(found) == sorted(expected)


def test_the_corpus_is_at_least_thirty_templates():
    assert len(CORPUS) >= 30


def test_a_broken_table_template_names_its_cell(tmp_path):
    path = table_loop_docx(tmp_path / "table.docx")
    import docx
    document = docx.Document(path)
    document.tables[0].rows[2].cells[1].text = "{{ a.title }"
    document.save(path)
    [problem] = check_template(path)
    assert problem.code == "template.unclosed" and problem.place.table == 1 and problem.place.cell == 2
