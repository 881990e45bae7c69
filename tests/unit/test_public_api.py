"""The public surface of ``pea_docs`` is explicit, sorted, pinned, documented and cheap to import."""

import importlib
import inspect
import subprocess
import sys

import pytest

import pea_docs

EXPECTED = {
    # errors
    "ConverterError", "InputError", "OutputPathError", "PeaDocsError", "Problem", "RenderError",
    "Report", "RuleViolationError", "TemplateError", "TemplateSecurityError",
    "UndefinedVariableError", "YamlSyntaxError",
    # formatting (clauses 9–14)
    "format_addressee", "format_appendices", "format_count", "format_date",
    "format_header", "format_money", "format_name", "format_reply_reference", "format_signature", "format_storage",
    "format_title", "parse_date",
    # documents
    "Document", "forms", "render", "validate", "apply_stamp",
    # users' own Word templates (issue 4)
    "check_template", "inspect_template", "lint_document",
    # the register store (issue 6)
    "Register",
    "__version__",
}

# Names that left the top level (issue 9, §6) and the documented module each lives in now.
MOVED = {
    "Agent": "pea_docs.models", "Appendix": "pea_docs.models", "Individual": "pea_docs.models",
    "Organization": "pea_docs.models", "Person": "pea_docs.models",
    "Signature": "pea_docs.format",
    "stream_register": "pea_docs.documents.registers",
    "TemplateInfo": "pea_docs.templating.template",
    "OfficeProfile": "pea_docs.models.office",
    "is_working_day": "pea_docs.rules.calendar", "next_working_day": "pea_docs.rules.calendar",
    "registration_date": "pea_docs.rules.calendar",
    "render_input": "pea_docs.api", "validate_input": "pea_docs.api", "InputDocument": "pea_docs.api",
}

# What `import pea_docs` and the formatting functions must never load (issue 9, §5).
HEAVY = ("docxtpl", "docx", "openpyxl", "xlsxwriter", "sqlite3", "holidays", "jinja2", "lxml")


def test_all_is_sorted_and_pinned():
    assert pea_docs.__all__ == sorted(pea_docs.__all__)
    assert set(pea_docs.__all__) == EXPECTED


def test_every_exported_name_exists():
    for name in pea_docs.__all__:
        assert getattr(pea_docs, name) is not None, name


@pytest.mark.parametrize("name", sorted(set(EXPECTED) - {"__version__"}))
def test_every_exported_name_has_a_docstring_with_an_example(name):
    doc = inspect.getdoc(getattr(pea_docs, name)) or ""
    assert doc.strip(), f"{name} has no docstring"
    assert ">>>" in doc, f"{name}'s docstring has no example"


@pytest.mark.parametrize(("name", "module"), sorted(MOVED.items()))
def test_moved_names_live_in_their_documented_module(name, module):
    assert name not in pea_docs.__all__
    assert getattr(importlib.import_module(module), name) is not None
    assert name in importlib.import_module(module).__all__


def test_sub_packages_do_not_share_a_name_with_a_public_function():
    # `import pea_docs.<package>` must not shadow a function of the same name
    import pea_docs.api  # noqa: F401
    import pea_docs.documents.registry  # noqa: F401
    import pea_docs.templating.template  # noqa: F401
    assert callable(pea_docs.render) and callable(pea_docs.forms) and callable(pea_docs.validate)


def test_import_and_formatting_load_no_document_engine():
    code = ("import sys, datetime, pea_docs\n"
            "pea_docs.format_date(datetime.date(2008, 9, 15), 'words', lang='kk')\n"
            "pea_docs.format_count(21, gender='neuter')\n"
            "pea_docs.format_money('1234.56')\n"
            "pea_docs.format_header({'surname': 'С', 'name': 'А', 'license': '1', 'territory': 'т',"
            " 'address': 'а'})\n"
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
