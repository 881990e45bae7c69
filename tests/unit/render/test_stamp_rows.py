"""Rows stamped from a prototype are, byte for byte, the rows built cell by cell."""

from __future__ import annotations

import pytest
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from pea_docs.ooxml.docx_layout import form_table, new_document, paragraph, prototype_table, stamp_rows

LABELS = ["No.", "Heading", "Note"]
WIDTHS = (15, 100, 50)
ALIGNS = (WD_ALIGN_PARAGRAPH.CENTER, None, WD_ALIGN_PARAGRAPH.RIGHT)


def built(rows: list[tuple[str, str, str]]) -> bytes:
    doc = new_document(lang="ru")
    for row, values in zip(form_table(doc, LABELS, WIDTHS, len(rows), size=12), rows, strict=True):
        for cell, value, align in zip(row.cells, values, ALIGNS, strict=True):
            paragraph(cell, value, size=12, align=align)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    return etree.tostring(doc.tables[0]._tbl)


def stamped(rows: list[tuple[str, str, str]]) -> bytes:
    doc = new_document(lang="ru")
    stamp_rows(prototype_table(doc, LABELS, WIDTHS, size=12, aligns=ALIGNS), rows)
    return etree.tostring(doc.tables[0]._tbl)


@pytest.mark.parametrize("values", [
    ("1", "ТОО «Альфа & Омега» <b>", ""),
    ("2", "строка\nвторая\tтаб", "  с пробелом "),
    ("3", "№ 15 от 1 января, ст. 17, д. 1", "500 000 тенге"),
])
def test_a_stamped_row_is_the_built_row(values):
    assert stamped([values]) == built([values])


# any text a model lets through: no control character but \n and \t, no surrogate
CHARS = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ue000\ue001") | st.sampled_from(
    ["\n", "\t", " ", "&", "<", ">", "№", "1", ".", "\u00a0"])
CELL = st.text(alphabet=CHARS, max_size=12)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(CELL, CELL, CELL), min_size=1, max_size=4))
def test_any_text_stamps_as_it_builds(rows):
    assert stamped(rows) == built(rows)


def test_no_rows_leaves_the_headings_only():
    doc = new_document(lang="ru")
    stamp_rows(prototype_table(doc, LABELS, WIDTHS, size=12, aligns=ALIGNS), [])
    assert len(doc.tables[0].rows) == 2
