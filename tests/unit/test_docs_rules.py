"""docs/rules.md and the registered problem codes stay in step.

Every code in ``pea_docs.rules.all_codes()`` is in a table of docs/rules.md with
the same clause, and every code the document lists is registered. Tables have the
columns ``| Clause | Check | Function | Code |``; "—" in the Clause column means
no clause (``""``).
"""

from __future__ import annotations

import re
from pathlib import Path

from pea_docs.errors.codes import all_codes

DOC = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
NO_CLAUSE = {"—", "-", ""}


def documented_codes() -> list[tuple[str, str, int]]:
    """Return (code, clause, line number) for every code in the tables of docs/rules.md."""
    rows = []
    columns: list[str] | None = None
    for number, line in enumerate(DOC.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.startswith("|"):
            columns = None
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if columns is None:
            columns = [c.lower() for c in cells]
            continue
        if set("".join(cells)) <= set("-: "):
            continue  # the separator row
        row = dict(zip(columns, cells))
        clause = "" if row.get("clause", "") in NO_CLAUSE else row["clause"]
        for code in re.findall(r"`([^`]+)`", row.get("code", "")):
            rows.append((code, clause, number))
    return rows


def test_tables_have_the_agreed_columns():
    text = DOC.read_text(encoding="utf-8")
    assert text.startswith("# The Rules as checks")
    headers = [line for line in text.splitlines() if line.startswith("| ") and "Code" in line]
    assert headers and all(h.split() == "| Clause | Check | Function | Code |".split() for h in headers)


def test_every_registered_code_is_documented_with_its_clause():
    documented: dict[str, set[str]] = {}
    for code, clause, _ in documented_codes():
        documented.setdefault(code, set()).add(clause)
    missing = {code: clause for code, clause in all_codes().items() if code not in documented}
    assert not missing, f"codes registered but not in docs/rules.md: {missing}"
    wrong = {code: (clause, documented[code]) for code, clause in all_codes().items()
             if documented[code] != {clause}}
    assert not wrong, f"code: (registered clause, documented clauses): {wrong}"


def test_every_documented_code_is_registered():
    registered = all_codes()
    unknown = [(code, line) for code, _, line in documented_codes() if code not in registered]
    assert not unknown, f"codes in docs/rules.md that no module registers (code, line): {unknown}"


def test_every_code_written_in_the_source_is_registered():
    """A code typed in a Problem(...) anywhere in the package is registered (and so documented)."""
    package = DOC.parents[1] / "pea_docs"
    pattern = re.compile(r'Problem\(\s*"([a-z_]+(?:\.[a-z_]+)+)"|code="([a-z_]+(?:\.[a-z_]+)+)"')
    registered = all_codes()
    unknown = {}
    for path in package.rglob("*.py"):
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            code = match.group(1) or match.group(2)
            family = code.split(".")[0] + ".*"
            if code not in registered and family not in registered:
                unknown[code] = str(path.relative_to(package))
    assert not unknown, f"codes used in the source but not registered: {unknown}"


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_error_class_lives_in_errors_and_has_a_registered_code():
    """An error without problems of its own is reported under its class's code, never a made-up one."""
    import pea_docs.errors as errors
    from pea_docs.errors.codes import all_codes  # imports every module, so every subclass exists

    registered = all_codes()
    classes = [errors.PeaDocsError, *_subclasses(errors.PeaDocsError)]
    ours = [c for c in classes if c.__module__.startswith("pea_docs")]
    assert len(ours) >= 14
    assert {c.__module__ for c in ours} == {"pea_docs.errors"}, "every exception class is in pea_docs.errors"
    assert {c.__name__: c.code for c in ours if c.code not in registered} == {}
    assert set(errors.__all__) >= {c.__name__ for c in ours}
    assert errors.RenderError("disk full").problem_list()[0].to_dict()["code"] == "render.failed"


def test_a_failing_tag_is_template_runtime_with_its_place(tmp_path):
    from pea_docs.errors import TemplateError
    from pea_docs.templating.compiled import _example_docx
    from pea_docs.templating.template import render_template

    path = tmp_path / "divide.docx"
    path.write_bytes(_example_docx("Сумма: {{ total / parts }}"))
    try:
        render_template(path, {"total": 10, "parts": 0})
    except TemplateError as exc:
        (problem,) = exc.problem_list()
    else:
        raise AssertionError("a division by zero must fail")
    assert problem.code == "template.runtime" and problem.code in all_codes()
    assert "ZeroDivisionError" in problem.message and "{{ total / parts }}" in problem.message
    assert problem.file and problem.file.endswith("divide.docx")
