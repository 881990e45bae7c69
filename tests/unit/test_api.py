"""render(), validate() and forms(): dicts, models and YAML files alike."""

from pathlib import Path

import pytest

import pea_docs
from pea_docs.errors import InputError, RuleViolationError

STAMP = {"agent": {"surname": "Сапаров", "name": "Арман", "patronymic": "Болатович"},
         "date": "2025-01-09", "index": "15"}


def test_forms_lists_the_four_annexed_forms_with_titles():
    by_name = {f["name"]: f for f in pea_docs.forms()}
    assert {by_name[n]["appendix"] for n in ("incoming_register", "outgoing_register",
                                             "registration_stamp", "destruction_act")} == {1, 2, 3, 4}
    assert by_name["incoming_register"]["titles"]["kk"] == "Кіріс хат-хабарларды тіркеу журналы"


def test_unknown_form_gets_a_hint():
    with pytest.raises(InputError, match="did you mean 'destruction_act'"):
        pea_docs.render("destruction_akt", {})


def test_validate_never_raises_and_names_the_clause():
    report = pea_docs.validate("registration_stamp", {**STAMP, "color": "black", "indx": 1})
    assert not report.ok
    codes = {(p.code, p.clause) for p in report}
    assert ("field.unknown", "") in codes


def test_render_refuses_rule_breaks_unless_draft():
    with pytest.raises(RuleViolationError, match="rule 60"):
        pea_docs.render("registration_stamp", {**STAMP, "color": "black"})
    doc = pea_docs.render("registration_stamp", {**STAMP, "color": "black"}, draft=True)
    assert doc.draft and [p.clause for p in doc.problems] == ["rule 60"]


def test_yaml_file_problems_carry_file_and_line(tmp_path):
    path = tmp_path / "stamp.yaml"
    path.write_text("form: registration_stamp\ndata:\n  agent: {surname: Сапаров, name: Арман}\n"
                    "  date: 15/09/2008\n  index: '15'\n", encoding="utf-8")
    report = pea_docs.validate("registration_stamp", path)
    (p,) = report.errors
    assert (p.code, p.clause, p.file, p.line, p.loc) == ("date.invalid", "rule 11", str(path), 4, ("date",))
    with pytest.raises(InputError) as exc:
        pea_docs.render("registration_stamp", path)
    assert str(exc.value).startswith(f"{path}:4:")


def test_dict_and_yaml_give_the_same_bytes(tmp_path):
    path = tmp_path / "stamp.yaml"
    path.write_text("form: registration_stamp\nlang: kk\ndata:\n  agent: {surname: Сапаров, name: Арман, "
                    "patronymic: Болатович}\n  date: 2025-01-09\n  index: '15'\n", encoding="utf-8")
    assert pea_docs.render("registration_stamp", path).to_bytes() == \
        pea_docs.render("registration_stamp", STAMP, lang="kk").to_bytes()


def test_yaml_with_several_documents_is_refused_by_render(tmp_path):
    path = tmp_path / "two.yaml"
    path.write_text("form: registration_stamp\ndata: {}\n---\nform: registration_stamp\ndata: {}\n")
    with pytest.raises(InputError, match="holds 2 documents"):
        pea_docs.render("registration_stamp", path)


def test_unknown_language_is_an_input_error():
    with pytest.raises(InputError, match="use ru, kk or en"):
        pea_docs.render("registration_stamp", STAMP, lang="de")


def test_a_file_of_another_form_says_which_form_it_holds(tmp_path):
    path = tmp_path / "stamp.yaml"
    path.write_text("form: registration_stamp\ndata: {}\n", encoding="utf-8")
    with pytest.raises(InputError, match="is not the form of this file, which holds registration_stamp"):
        pea_docs.render("destruction_act", path)


def test_an_impossible_unquoted_yaml_date_is_a_rule_11_problem_with_its_line(tmp_path):
    path = tmp_path / "stamp.yaml"
    path.write_text("form: registration_stamp\ndata:\n  agent: {surname: Сапаров, name: Арман}\n"
                    "  date: 2025-15-01\n  index: '15'\n", encoding="utf-8")
    (p,) = pea_docs.validate("registration_stamp", path).errors
    assert (p.code, p.clause, p.line, p.value) == ("date.invalid", "rule 11", 4, "2025-15-01")


def test_validate_input_reports_language_and_form_without_raising():
    from pea_docs.api import validate_input
    from pea_docs.io.inputs import load_documents

    (doc,) = load_documents("form: registraton_stamp\nlang: de\ndata: {}\n", name="x.yaml")
    report = validate_input(doc)
    assert [(p.code, p.line) for p in report] == [("lang.unknown", 2), ("form.unknown", 1)]
    assert "did you mean 'registration_stamp'?" in str(report[1])


def test_the_static_catalog_agrees_with_every_forms_declaration():
    from pea_docs.documents.catalog import CATALOG
    from pea_docs.documents.registry import all_forms
    declared = [(f.name, f.title, f.domain, f.suffix, f.appendix) for f in all_forms()]
    assert [tuple(entry) for entry in CATALOG] == declared


def test_listing_the_forms_imports_no_form_and_no_office_library():
    import subprocess
    import sys
    code = ("import sys; from pea_docs.cli.main import main as cli; "
            "from click.testing import CliRunner; r = CliRunner().invoke(cli, ['forms', '--json']); "
            "assert r.exit_code == 0, r.output; "
            "heavy = [m for m in ('docx', 'docxtpl', 'xlsxwriter', 'openpyxl', 'pea_docs.documents.letters') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_render_input_and_validate_input_take_a_dict_as_a_yaml_input_holds_it():
    from pea_docs.api import render_input, validate_input
    stamp = {"form": "registration_stamp", "lang": "kk",
             "data": {"agent": {"surname": "Сапаров", "name": "Арман"}, "date": "2025-01-09", "index": "15"}}
    document = render_input(stamp)
    assert document.suffix == ".docx" and document.to_bytes()[:2] == b"PK"
    assert validate_input(stamp).ok
    report = validate_input({"form": "registration_stamp", "colour": "blue", "data": {}})
    assert "field.unknown" in [p.code for p in report]
    with pytest.raises(InputError) as info:
        render_input({"form": "registration_stamp", "data": ["not", "a", "mapping"]})
    assert [p.code for p in info.value.problems] == ["value.dict_type"]
