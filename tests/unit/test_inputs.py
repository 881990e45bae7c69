"""YAML inputs: documents, top-level keys, syntax errors with line and column."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pea_docs.errors import InputError, Problem, YamlSyntaxError
from pea_docs.io.inputs import load_documents, read_documents

TWO_DOCS = """\
form: registration_stamp
lang: kk
output: stamps/one.docx
data:
  index: "15"
  date: 2025-01-09
---
form: registration_stamp
data:
  index: "16"
  agent:
    surname: Сапаров
"""


def test_several_documents_per_file():
    docs = load_documents(TWO_DOCS, name="s.yaml")
    assert [(d.form, d.lang, d.output, d.index) for d in docs] == [
        ("registration_stamp", "kk", "stamps/one.docx", 0),
        ("registration_stamp", "ru", None, 1),
    ]
    assert docs[0].data["date"].isoformat() == "2025-01-09"


def test_locate_finds_line_and_column_of_a_nested_field():
    doc = load_documents(TWO_DOCS, name="s.yaml")[1]
    assert doc.locate(("data", "agent", "surname")) == (12, 14)
    placed = doc.place(Problem("x", "rule 9", ("agent", "surname"), "Сапаров", "bad"))
    assert (placed.file, placed.line, placed.column, placed.document) == ("s.yaml", 12, 14, 1)


def test_locate_falls_back_to_the_nearest_parent():
    doc = load_documents(TWO_DOCS, name="s.yaml")[1]
    assert doc.locate(("data", "agent", "name")) == (12, 5)


def test_yaml_syntax_error_names_file_line_and_column():
    with pytest.raises(YamlSyntaxError) as exc:
        load_documents("form: x\ndata:\n  a: [1, 2\n  b: 3\n", name="bad.yaml")
    (p,) = exc.value.problems
    assert p.file == "bad.yaml" and p.line == 4 and p.column is not None
    assert str(p).startswith("bad.yaml:4:")
    assert "began at line 3, column 6" in p.message  # where the unclosed [ is


def test_unknown_top_level_key_gets_a_hint():
    with pytest.raises(InputError) as exc:
        load_documents("form: x\ndatta:\n  a: 1\n", name="k.yaml")
    (p,) = exc.value.problems
    assert p.code == "field.unknown" and "did you mean 'data'?" in p.message and p.line == 2


def test_yaml_is_loaded_safely():
    with pytest.raises(YamlSyntaxError):
        load_documents("form: !!python/object/apply:os.system ['echo hi']\n", name="evil.yaml")


def test_read_documents_reports_missing_file(tmp_path):
    with pytest.raises(InputError) as exc:
        read_documents(tmp_path / "nope.yaml")
    assert exc.value.problems[0].code == "file.unreadable"


def test_defaults_fill_missing_keys():
    (doc,) = load_documents("data: {}\n", defaults={"form": "destruction_act", "lang": "en"})
    assert (doc.form, doc.lang) == ("destruction_act", "en")


def test_an_impossible_unquoted_date_stays_text_for_the_model_to_report():
    (doc,) = load_documents("form: x\ndata:\n  date: 2025-15-01\n  ok: 2025-01-15\n")
    assert doc.data["date"] == "2025-15-01"
    assert doc.data["ok"].isoformat() == "2025-01-15"


def _values(item) -> int:
    if isinstance(item, dict):
        return 1 + sum(_values(k) + _values(v) for k, v in item.items())
    if isinstance(item, list):
        return 1 + sum(_values(v) for v in item)
    return 1


@settings(max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(["{", "}", "[", "]", ",", "?", ":", " ", "\n", "-", "a", "b", "'", '"', "|",
                                 ">", "#", "!!str", "<<", "1", "~", "&x", "\\x41"]), max_size=14))
def test_without_aliases_a_file_holds_fewer_values_than_two_a_character(pieces):
    # what lets load_yaml skip its measuring walk for a short file without `*`: no value over a limit
    import yaml

    from pea_docs.io.yamlsafe import Loader
    text = "".join(pieces)
    try:
        documents = list(yaml.load_all(text, Loader=Loader))
    except yaml.YAMLError:
        return
    assert sum(_values(d) for d in documents if d is not None) <= 2 * len(text) + 1
    assert all(len(s) <= len(text) for s in _texts(documents))


def _texts(item):
    if isinstance(item, str):
        yield item
    elif isinstance(item, dict):
        for k, v in item.items():
            yield from _texts(k)
            yield from _texts(v)
    elif isinstance(item, list):
        for v in item:
            yield from _texts(v)


def test_a_short_file_is_still_measured_against_small_limits():
    from pea_docs.errors import LimitError
    from pea_docs.io.limits import limited
    from pea_docs.io.yamlsafe import load_yaml
    with limited(yaml_values=10), pytest.raises(LimitError) as caught:
        load_yaml("a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n", name="x.yaml")
    assert caught.value.problems[0].code == "limit.yaml_values"
    with limited(text_chars=5), pytest.raises(LimitError) as caught:
        load_yaml("a: abcdefgh\n", name="x.yaml")
    assert caught.value.problems[0].code == "limit.text_chars"
    assert load_yaml("a: [1, 2]\nb: abc\n") == [{"a": [1, 2], "b": "abc"}]


def test_a_file_is_read_to_its_end_within_the_limit(tmp_path):
    # read as large as its status says, then to its end: a file whose size says 0 (/proc) is read whole
    import os

    from pea_docs.errors import LimitError
    from pea_docs.io.limits import limited
    from pea_docs.io.reading import read_text
    if os.path.exists("/proc/version"):
        with open("/proc/version", encoding="utf-8") as fh:
            assert read_text("/proc/version") == fh.read()
    path = tmp_path / "a.yaml"
    path.write_bytes(b"a: " + b"x" * 7)
    with limited(input_bytes=10):
        assert read_text(path) == "a: " + "x" * 7
        path.write_bytes(b"a: " + b"x" * 8)
        with pytest.raises(LimitError) as caught:
            read_text(path)
    assert caught.value.problems[0].code == "limit.input_bytes"
    big = "ключ: " + "я" * 100_000 + "\n"
    path.write_text(big, encoding="utf-8")
    assert read_text(path) == big
