"""Output paths: inside the output folder or refused (absolute, '..', links, reserved names)."""

import os

import pytest

from pea_docs.errors import OutputPathError
from pea_docs.io.paths import default_output_name, safe_output_path


@pytest.mark.parametrize("wished, expected", [
    ("a.docx", "a.docx"),
    ("acts/2025/act-1.docx", "acts/2025/act-1.docx"),
    ("./acts/./a.docx", "acts/a.docx"),
    ("acts\\a.docx", "acts/a.docx"),
], ids=["plain", "nested", "dots", "backslash"])
def test_inside(tmp_path, wished, expected):
    assert safe_output_path(tmp_path, wished) == tmp_path.resolve() / expected


@pytest.mark.parametrize("wished, code", [
    ("/etc/passwd", "output.escapes"),
    ("../a.docx", "output.escapes"),
    ("acts/../../a.docx", "output.escapes"),
    ("..\\..\\a.docx", "output.escapes"),
    ("C:/Windows/a.docx", "output.escapes"),
    ("manifest.json", "output.reserved"),
    (".pea-docs/journal.jsonl", "output.reserved"),
    ("", "output.invalid"),
    ("acts/", "output.invalid"),
    ("a\0b.docx", "output.invalid"),
], ids=["absolute", "dotdot", "nested-dotdot", "backslash-dotdot", "drive", "manifest", "state",
        "empty", "folder", "nul"])
def test_refused(tmp_path, wished, code):
    with pytest.raises(OutputPathError) as info:
        safe_output_path(tmp_path, wished, file="in/a.yaml", document=1)
    problem = info.value.problems[0]
    assert (problem.code, problem.file, problem.document, problem.loc) == (code, "in/a.yaml", 1, ("output",))
    assert str(problem).startswith("in/a.yaml (document 2): output: ")


def test_symlink_out_of_the_folder_refused(tmp_path):
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    os.symlink(elsewhere, out / "link")
    with pytest.raises(OutputPathError) as info:
        safe_output_path(out, "link/a.docx", file="x.yaml")
    assert info.value.problems[0].code == "output.escapes"
    assert "symbolic link" in str(info.value)
    # a link that stays inside is fine
    (out / "real").mkdir()
    os.symlink(out / "real", out / "inner")
    assert safe_output_path(out, "inner/a.docx") == out.resolve() / "inner" / "a.docx"


@pytest.mark.parametrize("rel, index, count, expected", [
    ("a.yaml", 0, 1, "a.docx"),
    ("banks/kaspi.ru.yml", 0, 1, "banks/kaspi.ru.docx"),
    ("many.yaml", 0, 3, "many-1.docx"),
    ("many.yaml", 2, 3, "many-3.docx"),
    ("noext", 0, 1, "noext.docx"),
])
def test_default_names(rel, index, count, expected):
    assert default_output_name(rel, suffix=".docx", index=index, count=count) == expected
