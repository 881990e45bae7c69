"""The command line in-process (click's CliRunner): commands, JSON output, exit codes, clean errors."""

import subprocess
from pathlib import Path
import sys
import json

import _pea_fake_form as fake
import docx
import pytest
from click.testing import CliRunner

from pea_docs import __version__
from pea_docs.cli.main import main

COMMANDS = ["render", "batch", "validate", "check", "inspect", "schema", "forms", "samples"]


@pytest.fixture(autouse=True)
def note_form():
    fake.install()
    yield
    fake.uninstall()


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def invoke(*args, input=None):
        return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return invoke


def test_version(run):
    result = run("--version")
    assert result.exit_code == 0 and result.output == f"pea-docs, version {__version__}\n"


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_an_example(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output and f"pea-docs {command}" in result.output
    assert "--json" in result.output


def test_render_writes_the_document(run, tmp_path):
    (tmp_path / "n.kk.yaml").write_text(fake.note_yaml(1), encoding="utf-8")
    result = run("render", "note", "n.kk.yaml")
    assert result.exit_code == 0, result.output
    assert result.output == "wrote n.kk.docx\n"
    assert docx.Document(tmp_path / "n.kk.docx").paragraphs[0].text.startswith("Сапаров Арман 2025-01-02 kk")
    result = run("render", "note", "n.kk.yaml", "--lang", "en", "-o", "sub.docx", "--json")
    payload = json.loads(result.output)
    assert payload["ok"] and payload["output"] == "sub.docx" and len(payload["sha256"]) == 64
    assert " en " in docx.Document(tmp_path / "sub.docx").paragraphs[0].text


def test_render_stdin_to_stdout(run):
    result = CliRunner().invoke(main, ["render", "note", "-", "-o", "-"], input=fake.note_yaml(2))
    assert result.exit_code == 0 and result.stdout_bytes.startswith(b"PK\x03\x04")


def test_render_bad_data_is_a_clean_message(run, tmp_path):
    (tmp_path / "bad.yaml").write_text(fake.note_yaml(1).replace("2025-01-02", "32.13.2025"), encoding="utf-8")
    result = run("render", "note", "bad.yaml")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    line, = result.output.splitlines()
    assert line.startswith("bad.yaml:5:9 (document 1): date: '32.13.2025' ") and line.endswith("(rule 11)")
    payload = json.loads(run("render", "note", "bad.yaml", "--json").output)
    assert payload["ok"] is False and payload["error"] == "InputError" and payload["exit_code"] == 1
    assert payload["problems"][0]["clause"] == "rule 11" and payload["problems"][0]["line"] == 5


def test_render_unknown_form_and_yaml_error(run, tmp_path):
    (tmp_path / "n.yaml").write_text(fake.note_yaml(1), encoding="utf-8")
    result = run("render", "nite", "n.yaml")
    assert result.exit_code == 1 and "did you mean 'note'?" in result.output
    (tmp_path / "broken.yaml").write_text("form: note\ndata: [\n", encoding="utf-8")
    result = run("render", "note", "broken.yaml")
    assert result.exit_code == 1 and result.output.startswith("broken.yaml:3:1: is not valid YAML")


def test_render_refuses_an_output_escaping_here(run, tmp_path):
    (tmp_path / "n.yaml").write_text("output: ../../x.docx\n" + fake.note_yaml(1), encoding="utf-8")
    result = run("render", "note", "n.yaml")
    assert result.exit_code == 1 and "escapes the output folder" in result.output


def test_draft_renders_despite_warnings_and_marks_them(run, tmp_path):
    (tmp_path / "w.yaml").write_text(fake.note_yaml(1, extra="  warn: true\n"), encoding="utf-8")
    result = run("render", "note", "w.yaml")
    assert result.exit_code == 0
    assert "warn: True is only a warning (rule 9) [warning]" in result.output


def test_batch_exit_codes_and_json(run, tmp_path):
    (tmp_path / "in").mkdir()
    for i in range(4):
        (tmp_path / "in" / f"n{i}.yaml").write_text(fake.note_yaml(i), encoding="utf-8")
    result = run("batch", "in", "-o", "out", "-w", "0")
    assert result.exit_code == 0
    assert result.output.splitlines()[-1].startswith("done 4, skipped 0, failed 0 of 4 documents")
    (tmp_path / "in" / "n9.yaml").write_text(fake.note_yaml(9, extra="  colour: x\n"), encoding="utf-8")
    result = run("batch", "in", "-o", "out", "-w", "0", "--json")
    payload = json.loads(result.output)
    assert result.exit_code == 1
    assert (payload["done"], payload["skipped"], payload["failed"]) == (0, 4, 1)
    assert payload["failures"][0]["errors"][0]["code"] == "field.unknown"
    result = run("batch", "in", "-o", "out", "-w", "0", "-q")
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith("in/n9.yaml:7:3 (document 1): colour: 'x' is not a field")


def test_batch_usage_and_environment_errors(run, tmp_path, monkeypatch):
    assert run("batch", "nothing-here", "-o", "out").exit_code == 2
    assert run("batch", "-o", "out").exit_code == 2
    (tmp_path / "n.yaml").write_text(fake.note_yaml(1), encoding="utf-8")
    monkeypatch.setenv("PEA_DOCS_SOFFICE", str(tmp_path / "no-soffice"))
    result = run("batch", "n.yaml", "-o", "out", "--pdf")
    assert result.exit_code == 3 and "apt-get install libreoffice-writer-nogui" in result.output
    payload = json.loads(run("batch", "n.yaml", "-o", "out", "--pdf", "--json").output)
    assert payload["error"] == "LibreOfficeMissingError" and payload["exit_code"] == 3


def test_validate(run, tmp_path):
    (tmp_path / "ok.yaml").write_text(fake.note_yaml(1), encoding="utf-8")
    assert run("validate", "ok.yaml").output == "1 document: 1 valid, 0 with errors (0 errors, 0 warnings)\n"
    two = fake.note_yaml(1) + "---\n" + fake.note_yaml(2, extra="  colour: x\n").replace("2025-01-03", "x")
    (tmp_path / "two.yaml").write_text(two, encoding="utf-8")
    result = run("validate", ".")
    assert result.exit_code == 1
    assert "two.yaml:12:9 (document 2): date: 'x'" in result.output
    assert "two.yaml:14:3 (document 2): colour: 'x' is not a field" in result.output
    payload = json.loads(run("validate", "two.yaml", "--json").output)
    assert [d["ok"] for d in payload["documents"]] == [True, False]
    assert {p["code"] for p in payload["documents"][1]["problems"]} == {"field.unknown", "date.invalid"} or \
        len(payload["documents"][1]["problems"]) == 2
    result = CliRunner().invoke(main, ["validate", "-"], input=fake.note_yaml(3))
    assert result.exit_code == 0


def test_schema_and_forms(run, tmp_path):
    schema = json.loads(run("schema", "note").output)
    assert set(schema["properties"]) == {"agent", "date", "text", "warn"}
    assert run("schema", "note", "-o", "s.json").exit_code == 0
    assert json.loads((tmp_path / "s.json").read_text()) == schema
    result = run("schema", "nope")
    assert result.exit_code == 1 and "is not a form of pea-docs" in result.output
    listed = json.loads(run("forms", "--json").output)
    assert "note" in [f["name"] for f in listed]
    assert any(line.startswith("note ") for line in run("forms").output.splitlines())


def make_template(path, *lines):
    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    d.save(path)
    return path


def test_check_and_inspect_a_template(run, tmp_path):
    pytest.importorskip("pea_docs.templating.template")
    make_template(tmp_path / "good.docx", "{{ debtor.surname }} {{ amount }}")
    make_template(tmp_path / "bad.docx", "{{ debtor.surname }", "{{ x|nosuchfilter }}")
    result = run("check", "good.docx")
    assert result.exit_code == 0 and result.output == "good.docx: no problems\n"
    result = run("check", "bad.docx")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "nosuchfilter" in result.output
    (tmp_path / "data.yaml").write_text("debtor: {surname: Әбенов}\n", encoding="utf-8")
    result = run("check", "good.docx", "--data", "data.yaml", "--json")
    payload = json.loads(result.output)
    assert result.exit_code == 1 and not payload["ok"]
    assert any("amount" in p["text"] for p in payload["problems"])
    result = run("inspect", "good.docx")
    assert result.exit_code == 0 and "  amount" in result.output and "  debtor.surname" in result.output
    assert run("inspect", "good.docx", "--stub", "stub.yaml", "--schema", "schema.json").exit_code == 0
    assert "amount" in (tmp_path / "stub.yaml").read_text(encoding="utf-8")
    assert "debtor" in json.loads((tmp_path / "schema.json").read_text())["properties"]
    assert json.loads(run("schema", "good.docx").output)["properties"].keys() >= {"amount", "debtor"}
    assert run("check", "missing.docx").exit_code == 2


@pytest.mark.parametrize("args", [
    ("batch", "nope_dir", "-o", "x", "--json"),
    ("check", "nonexist.docx", "--json"),
    ("render", "note", "nope.yaml", "--json"),
    ("render", "nope.docx", "nope.yaml", "--json"),
    ("validate", "--json"),
    ("batch", "in", "--json", "--no-such-option"),
    ("nosuchcommand", "--json"),
], ids=["batch-missing", "check-missing", "render-missing-data", "render-missing-template", "no-argument",
        "unknown-option", "unknown-command"])
def test_usage_errors_are_json_under_json(run, args):
    result = run(*args)
    assert result.exit_code == 2
    payload = json.loads(result.stdout)
    assert payload["ok"] is False and payload["error"] == "UsageError" and payload["exit_code"] == 2
    assert payload["problems"] == [] and payload["message"]
    assert result.stderr == ""


def test_a_missing_input_is_a_usage_error_for_every_command(run):
    for args in (("render", "note", "nope.yaml"), ("validate", "nope.yaml"), ("batch", "nope.yaml", "-o", "o"),
                 ("check", "nope.docx"), ("render", "nope.docx", "-")):
        result = run(*args)
        assert result.exit_code == 2, args
        assert "does not exist" in result.stderr or "is not a file" in result.stderr, args


def test_render_pdf_without_libreoffice_writes_nothing(run, tmp_path, monkeypatch):
    (tmp_path / "n.yaml").write_text(fake.note_yaml(1), encoding="utf-8")
    monkeypatch.setenv("PEA_DOCS_SOFFICE", str(tmp_path / "no-soffice"))
    result = run("render", "note", "n.yaml", "--pdf")
    assert result.exit_code == 3 and "apt-get install libreoffice-writer-nogui" in result.stderr
    assert not (tmp_path / "n.docx").exists()


def test_render_a_template_from_a_bare_mapping(run, tmp_path):
    pytest.importorskip("pea_docs.templating.template")
    make_template(tmp_path / "letter.docx", "{{ company }}: {{ debtor.surname }}")
    (tmp_path / "values.yaml").write_text("company: «Альфа & Ко»\ndebtor: {surname: Әбенов}\n", encoding="utf-8")
    result = run("render", "letter.docx", "values.yaml")
    assert result.exit_code == 0, result.output
    assert docx.Document(tmp_path / "values.docx").paragraphs[0].text == "«Альфа & Ко»: Әбенов"
    # an input document stays strict: an unknown key beside data: is an error, with a hint
    (tmp_path / "mixed.yaml").write_text("lang: kk\ncompany: x\n", encoding="utf-8")
    result = run("render", "letter.docx", "mixed.yaml")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith("mixed.yaml:2:1 (document 1): company: is not a key")
    assert result.stderr.splitlines()[-1].startswith("hint: put the values under data:")
    payload = json.loads(run("render", "letter.docx", "mixed.yaml", "--json").stdout)
    assert payload["hint"].startswith("put the values under data:")
    # a form's data is never a bare mapping
    (tmp_path / "bare-note.yaml").write_text("date: 2025-01-02\ntext: x\n", encoding="utf-8")
    result = run("render", "note", "bare-note.yaml")
    assert result.exit_code == 1 and "hint: put the values under data:" in result.stderr
    # a value the template needs and the mapping lacks
    (tmp_path / "short.yaml").write_text("company: x\n", encoding="utf-8")
    result = run("render", "letter.docx", "short.yaml")
    assert result.exit_code == 1 and "debtor: is not in the data" in result.stderr


def test_render_from_stdin_uses_the_office_profile_here(run, tmp_path):
    (tmp_path / "office.yaml").write_text("agent: {surname: Әбенов, name: Қайрат}\n", encoding="utf-8")
    body = "form: note\nlang: kk\ndata:\n  date: 2025-01-09\n  text: т\n"
    result = CliRunner().invoke(main, ["render", "note", "-", "-o", "n.docx"], input=body)
    assert result.exit_code == 0, result.output
    assert docx.Document(tmp_path / "n.docx").paragraphs[0].text.startswith("Әбенов Қайрат")


def test_check_summary_counts_in_good_english(run, tmp_path):
    pytest.importorskip("pea_docs.templating.template")
    make_template(tmp_path / "one.docx", "{{ x|nosuchfilter }}")
    assert run("check", "one.docx").stdout == "one.docx: 1 problem\n"
    (tmp_path / "two.yaml").write_text(fake.note_yaml(1) + "---\n" + fake.note_yaml(2, extra="  warn: true\n"),
                                       encoding="utf-8")
    assert run("validate", "two.yaml").stdout == "2 documents: 2 valid, 0 with errors (0 errors, 1 warning)\n"


def test_batch_progress_lines_reach_100_percent(run, tmp_path):
    (tmp_path / "in").mkdir()
    for i in range(12):
        (tmp_path / "in" / f"n{i:02d}.yaml").write_text(fake.note_yaml(i), encoding="utf-8")
    result = run("batch", "in", "-o", "out", "-w", "0")
    progress = [line for line in result.stderr.splitlines() if line.startswith("[")]
    assert progress[-1].startswith("[12/12 documents 100%] done 12, skipped 0, failed 0")
    assert len(progress) == 10  # a line per tenth


def test_ctrl_c_outside_a_batch_exits_130(run, monkeypatch):
    import pea_docs.documents.catalog as catalog

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(catalog, "form_list", interrupted)
    result = run("forms")
    assert result.exit_code == 130 and "Aborted" not in result.output


def test_lazy_commands_list_their_own_short_help():
    """`pea-docs --help` lists lazy commands from LAZY_COMMANDS; each equals the command's own help."""
    import importlib

    from pea_docs.cli.main import LAZY_COMMANDS
    for name, (module, short_help) in LAZY_COMMANDS.items():
        command = getattr(importlib.import_module(module), name)
        assert command.name == name
        assert (command.help or "").strip().splitlines()[0] == short_help, name


def test_listing_the_forms_loads_no_model():
    """`pea-docs forms` reads the static catalog: no pydantic, no form, no engine (it starts as --help does)."""
    heavy = ("pydantic", "pea_docs.api", "pea_docs.models", "docx", "jinja2", "yaml")
    code = ("import sys\nfrom pea_docs.cli.main import main\n"
            "try:\n    main(['forms', '--json'])\nexcept SystemExit:\n    pass\n"
            f"print([m for m in {heavy!r} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
    assert '"name": "destruction_act"' in out


def test_help_loads_no_document_engine():
    """`pea-docs --help` loads click, the catalogs and the command list: no engine, no models."""
    heavy = ("docxtpl", "docx", "openpyxl", "xlsxwriter", "sqlite3", "holidays", "jinja2", "pydantic")
    code = ("import sys\nfrom pea_docs.cli.main import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            f"print('loaded:', [m for m in {heavy!r} if m in sys.modules])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "Commands:" in out.stdout
    assert out.stdout.splitlines()[-1] == "loaded: []"


def test_render_into_a_folder_named_with_a_slash_creates_it(tmp_path):
    from click.testing import CliRunner

    from pea_docs.cli.main import main
    sample = Path(__file__).parents[2] / "samples" / "registration_stamp.ru.yaml"
    target = tmp_path / "new" / "folder"
    result = CliRunner().invoke(main, ["render", "registration_stamp", str(sample), "-o", f"{target}/"])
    assert result.exit_code == 0, result.output
    assert (target / "registration_stamp.ru.docx").is_file()
