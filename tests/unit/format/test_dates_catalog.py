"""The words style of rule 11 lives in the message catalog, and parsing follows it.

Issue 2, §5: labels of every language live in message catalogs, never inline in
code. The date pattern of each language is a catalog entry (context "date
pattern"); parse_date derives its reading from that same pattern.
"""

import ast
import re
from datetime import date
from pathlib import Path

import pytest

import pea_docs.format
from pea_docs.errors import InputError
from pea_docs.format import format_date, parse_date
from pea_docs.locale import catalog
from pea_docs.locale.dates import word_pattern

FORMAT_DIR = Path(pea_docs.format.__file__).parent
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
KEY = ("date pattern", "MMMM d, y")


def code_strings_with_cyrillic(path: Path) -> list[tuple[int, str]]:
    """Return (line, text) of every string constant in ``path`` with Cyrillic, docstrings aside."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docstrings and CYRILLIC.search(node.value)]


# typeface.py holds glyph widths of the typeface (letters as shapes, not words): it
# came to format/ with the stamp's metrics and was never a formatter's label; cases.py
# holds grammar (case endings, letters that decide them), which no translator changes
@pytest.mark.parametrize("path", sorted(p for p in FORMAT_DIR.glob("*.py")
                                        if p.name not in ("typeface.py", "cases.py")),
                         ids=lambda p: p.name)
def test_no_russian_or_kazakh_text_in_the_code_of_the_formatters(path):
    assert code_strings_with_cyrillic(path) == []


@pytest.mark.parametrize(("lang", "pattern"), [
    ("ru", "d MMMM y 'года'"),
    ("kk", "y 'жылғы' d MMMM"),
    ("en", "MMMM d, y"),
])
def test_the_pattern_of_each_language_comes_from_the_catalog(lang, pattern):
    assert word_pattern(lang) == pattern
    assert catalog(lang, "format").get(KEY) == ("" if lang == "en" else pattern)


def test_a_reviewers_change_to_the_pattern_changes_writing_and_reading(monkeypatch):
    monkeypatch.setitem(catalog("ru", "format"), KEY, "d MMMM y 'г.'")
    assert format_date(date(2008, 9, 15), lang="ru") == "15 сентября 2008 г."
    assert parse_date("15 сентября 2008 г.") == date(2008, 9, 15)
    with pytest.raises(InputError):
        parse_date("15 сентября 2008 года")  # the old wording is no longer the pattern


def test_a_kazakh_pattern_with_the_day_in_two_figures(monkeypatch):
    monkeypatch.setitem(catalog("kk", "format"), KEY, "y 'ж.' dd MMMM")
    assert format_date(date(2025, 1, 9), lang="kk") == "2025 ж. 09 қаңтар"
    assert parse_date("2025 ж. 09 Қаңтар") == date(2025, 1, 9)
    with pytest.raises(InputError):
        parse_date("2025 жылғы 9 қаңтар")


@pytest.mark.parametrize(("pattern", "why"), [
    ("d MMMM yy", "'yy'"),
    ("d MMMM y 'года", "not closed"),
    ("d MMMM 'года'", "lacks"),
    ("d d MMMM y", "twice"),
])
def test_a_broken_pattern_names_the_catalog(monkeypatch, pattern, why):
    monkeypatch.setitem(catalog("ru", "format"), KEY, pattern)
    with pytest.raises(ValueError, match=f"ru/LC_MESSAGES/format.po .*{why}") as exc:
        parse_date("15 сентября 2008 года")
    assert not isinstance(exc.value, InputError)  # a bug in the catalog, not in the input
