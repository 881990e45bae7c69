"""The error tree and the Problem record."""

import json

import pytest

from pea_docs.errors import (
    ConverterError,
    InputError,
    PeaDocsError,
    Problem,
    RenderError,
    Report,
    RuleViolationError,
    TemplateError,
    TemplateSecurityError,
    UndefinedVariableError,
    YamlSyntaxError,
    format_loc,
)


@pytest.mark.parametrize(
    ("loc", "text"),
    [((), ""), (("a",), "a"), (("entries", 0, "date"), "entries[0].date"), ((2, "x"), "[2].x")],
    ids=["empty", "one-key", "nested", "leading-index"],
)
def test_format_loc(loc, text):
    assert format_loc(loc) == text


def test_problem_names_file_line_path_value_and_clause():
    p = Problem("date.invalid", "rule 11", ("entries", 3, "date"), "2008-15-09", "is not a date",
                file="in.yaml", line=7, column=11, document=1)
    assert str(p) == "in.yaml:7:11 (document 2): entries[3].date: '2008-15-09' is not a date (rule 11)"
    d = p.to_dict()
    assert d["path"] == "entries[3].date" and d["line"] == 7 and d["clause"] == "rule 11"
    json.dumps(d)  # JSON-ready


def test_problem_at_prefixes_location():
    p = Problem("c", "", ("date",), None, "m").at("entries", 0)
    assert p.loc == ("entries", 0, "date")


@pytest.mark.parametrize(
    ("cls", "bases"),
    [
        (InputError, (PeaDocsError, ValueError)),
        (YamlSyntaxError, (InputError,)),
        (RuleViolationError, (InputError,)),
        (UndefinedVariableError, (TemplateError, KeyError)),
        (TemplateSecurityError, (TemplateError,)),
        (ConverterError, (RenderError, PeaDocsError)),
    ],
)
def test_error_tree(cls, bases):
    for base in bases:
        assert issubclass(cls, base)


def test_input_error_lists_every_problem():
    err = InputError([Problem("a", "rule 9", ("x",), 1, "bad"), Problem("b", "", ("y",), None, "worse")])
    assert str(err).splitlines() == ["x: 1 bad (rule 9)", "y: worse"]
    assert [p["code"] for p in err.to_dict()["problems"]] == ["a", "b"]


def test_undefined_variable_message_is_not_quoted():
    assert str(UndefinedVariableError("'debtor' is undefined")) == "'debtor' is undefined"


def test_report_splits_errors_and_warnings():
    r = Report([Problem("e", "", (), None, "m"), Problem("w", "", (), None, "m", severity="warning")])
    assert not r.ok
    assert [p.code for p in r.errors] == ["e"] and [p.code for p in r.warnings] == ["w"]
    assert r.to_dict()["ok"] is False

