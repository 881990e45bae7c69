"""The public surface of ``pea_docs`` is explicit, sorted and pinned."""

import pea_docs

EXPECTED = {
    # errors
    "ConverterError", "InputError", "OutputPathError", "PeaDocsError", "Problem", "RenderError",
    "Report", "RuleViolationError", "TemplateError", "TemplateSecurityError",
    "UndefinedVariableError", "YamlSyntaxError",
    # models
    "Agent", "Appendix", "Individual", "Organization", "Person",
    # formatting (clauses 9–14)
    "Signature", "format_addressee", "format_appendices", "format_count", "format_date",
    "format_header", "format_money", "format_name", "format_reply_reference", "format_signature",
    "format_title", "parse_date",
    # documents
    "Document", "forms", "render", "render_input", "validate", "apply_stamp", "stream_register",
    # users' own Word templates (issue 4)
    "TemplateInfo", "check_template", "inspect_template",
    # rule 20: Kazakhstan's working calendar and office hours
    "OfficeProfile", "is_working_day", "next_working_day", "registration_date",
    # the register store (issue 6)
    "Register",
    "__version__",
}


def test_all_is_sorted_and_pinned():
    assert pea_docs.__all__ == sorted(pea_docs.__all__)
    assert set(pea_docs.__all__) == EXPECTED


def test_every_exported_name_exists():
    for name in pea_docs.__all__:
        assert getattr(pea_docs, name) is not None, name
