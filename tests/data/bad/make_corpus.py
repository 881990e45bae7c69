"""Write the bad-input corpus of tests/data/bad/ (run it after changing a case; the files are committed).

Each case is a file ``<kind>-<name>.<ext>`` and a line of ``cases.json``: the command that
reads it (validate, render, template, batch, check, register), the exit code and the problem
code expected. Cases that need the running machine (a FIFO, a symbolic link, a read-only
folder) are made by the test itself (``setup``). The samples' own data is the starting point,
so every case differs from a valid input by its one defect.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
import yaml

HERE = Path(__file__).parent
SAMPLES = HERE.parents[2] / "samples"
CASES: list[dict] = []


def sample(name: str) -> dict:
    return yaml.safe_load((SAMPLES / name).read_text(encoding="utf-8"))


def dump(doc: dict) -> str:
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


def case(name: str, content: str | bytes, *, cmd: str = "validate", code: str, exit: int = 1,
         setup: str | None = None, form: str | None = None, extra: list[str] | None = None,
         env: dict[str, str] | None = None) -> None:
    path = HERE / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    CASES.append({"file": name, "cmd": cmd, "exit": exit, "code": code, "setup": setup, "form": form,
                  "args": extra or [], "env": env or {}})


def set_in(doc: dict, path: tuple, value) -> dict:
    target = doc["data"]
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return doc


def template(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def with_part(data: bytes, name: str, content: bytes | None) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != name:
                dst.writestr(info.filename, src.read(info.filename))
        if content is not None:
            dst.writestr(name, content)
    return out.getvalue()


def main() -> None:
    for old in HERE.iterdir():
        if old.name not in ("make_corpus.py",):
            old.unlink()
    # ---- YAML
    case("yaml-unclosed-bracket.yaml", "form: request\ndata: {agent: [1, 2\n", code="yaml.syntax")
    case("yaml-tab-indent.yaml", "form: request\ndata:\n\tnumber: 1\n", code="yaml.syntax")
    case("yaml-bad-alias.yaml", "form: request\ndata: *nowhere\n", code="yaml.syntax")
    case("yaml-unclosed-quote.yaml", 'form: request\ndata:\n  number: "12\n', code="yaml.syntax")
    case("yaml-python-tag.yaml", "form: request\ndata: !!python/object/apply:os.system ['true']\n",
         code="yaml.syntax")
    case("yaml-duplicate-key.yaml", "form: request\ndata:\n  number: 1\n  number: 2\n", code="yaml.duplicate_key")
    case("yaml-duplicate-top-key.yaml", "form: request\nform: resolution\ndata: {}\n", code="yaml.duplicate_key")
    laughs = "lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for i in range(1, 9):
        laughs += f"lol{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]\n"
    case("yaml-billion-laughs.yaml", "form: request\ndata:\n" + "".join("  " + line + "\n" for line in
                                                                        laughs.splitlines()),
         code="limit.yaml_values")
    case("yaml-recursive-alias.yaml", "form: request\ndata: &a\n  self: *a\n", code="yaml.recursive")
    case("yaml-huge-integer.yaml", "form: registration_stamp\ndata:\n  index: " + "9" * 5000 + "\n",
         code="limit.integer_digits")
    case("yaml-long-text.yaml", dump(set_in(sample("request.ru.yaml"), ("text",), "Ж" * 1500)),
         code="limit.text_chars", env={"PEA_DOCS_LIMIT_TEXT_CHARS": "1000"})
    case("yaml-int-key.yaml", "form: request\ndata:\n  1: a\n", code="data.key_type")
    case("yaml-null-key.yaml", "form: request\ndata:\n  ~: a\n", code="data.key_type")
    case("yaml-date-key.yaml", "form: request\ndata:\n  2025-01-09: a\n", code="data.key_type")
    case("yaml-nested-int-key.yaml", dump(set_in(sample("request.ru.yaml"), ("agent",), {1: "x"})),
         code="data.key_type")
    case("yaml-utf16.yaml", dump(sample("request.ru.yaml")).encode("utf-16"), code="file.encoding")
    case("yaml-latin1.yaml", "form: request\ndata:\n  text: caf\xe9\n".encode("latin-1"), code="file.encoding")
    case("yaml-binary.yaml", bytes(range(256)) * 8, code="file.encoding")
    case("yaml-empty.yaml", "", code="document.empty")
    case("yaml-only-comments.yaml", "# nothing here yet\n", code="document.empty")
    case("yaml-top-level-list.yaml", "- form: request\n", code="document.type")
    case("yaml-top-level-scalar.yaml", "just text\n", code="document.type")
    case("yaml-output-mapping.yaml", dump({**sample("request.ru.yaml"), "output": {"a": 1}}),
         code="value.string_type")
    case("yaml-unknown-top-key.yaml", dump({**sample("request.ru.yaml"), "dta": {}}), code="field.unknown")
    case("yaml-data-list.yaml", "form: request\ndata: [1, 2]\n", code="value.dict_type")
    case("yaml-unknown-form.yaml", dump({**sample("request.ru.yaml"), "form": "reqest"}), code="form.unknown")
    case("yaml-unknown-lang.yaml", dump({**sample("request.ru.yaml"), "lang": "de"}), code="lang.unknown")
    case("yaml-bad-date.yaml", dump(set_in(sample("registration_stamp.ru.yaml"), ("date",), "2025-15-01")),
         code="date.invalid")
    case("yaml-deep-nesting.yaml", "form: request\ndata:\n  x: " + "[" * 5000 + "]" * 5000 + "\n",
         code="yaml.syntax")
    # ---- text values with control characters, in every built-in form
    forms = ["request.ru.yaml", "cover_letter.kk.yaml", "resolution.en.yaml", "registration_stamp.ru.yaml",
             "destruction_act.ru.yaml", "incoming_register.ru.yaml", "outgoing_register.kk.yaml",
             "stamp_sheet.ru.yaml"]
    fields = {"request.ru.yaml": ("text",), "cover_letter.kk.yaml": ("recipient", "organization"),
              "resolution.en.yaml": ("agent", "surname"), "registration_stamp.ru.yaml": ("agent", "name"),
              "destruction_act.ru.yaml": ("agent", "surname"),
              "incoming_register.ru.yaml": ("entries", 0, "summary"),
              "outgoing_register.kk.yaml": ("entries", 0, "recipient"), "stamp_sheet.ru.yaml": ("agent", "surname")}
    for name in forms:
        for label, char in (("nul", "\x00"), ("soh", "\x01"), ("us", "\x1f"), ("fffe", "\ufffe")):
            doc = sample(name)
            target = doc["data"]
            for part in fields[name][:-1]:
                target = target[part]
            target[fields[name][-1]] = "Сап" + char + "аров"
            stem = name.split(".")[0]
            case(f"text-{stem}-{label}.yaml", dump(doc), cmd="render", code="text.control_character")
    # Word's manual line break is cleaned, not refused: the letter renders
    case("text-vertical-tab-renders.yaml", dump(set_in(sample("request.ru.yaml"), ("text",), "Строка\x0bвторая")),
         cmd="render", code="", exit=0)
    # ---- outputs
    for label, output, code in (("parent", "../escape.docx", "output.escapes"),
                                ("absolute", "/tmp/pea-docs-escape.docx", "output.escapes"),
                                ("windows", "C:\\\\Windows\\\\x.docx", "output.escapes"),
                                ("dotdot-inside", "a/../../x.docx", "output.escapes"),
                                ("state", ".pea-docs/journal.docx", "output.reserved"),
                                ("suffix", "act.xlsx", "output.suffix"),
                                ("nul", "a\0b.docx", "output.invalid"),
                                ("long", "x" * 300 + ".docx", "output.invalid")):
        case(f"path-{label}.yaml", dump({**sample("request.ru.yaml"), "output": output}), cmd="batch", code=code)
    # ---- user templates
    for label, text, code, exit_code in (
            ("safe", "{{ x|safe }}", "", 0),
            ("autoescape", "{% autoescape false %}{{ x }}{% endautoescape %}", "", 0),
            ("literal-control", "{{ '\\x01' }}", "template.malformed_output", 1),
            ("nested-loops", "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
             "limit.loop_turns", 1),
            ("power", "{{ (10 ** 100000000) % 7 }}", "template.unsafe", 1),
            ("repeat", "{{ 'x' * 3000000000 }}", "limit.output_bytes", 1),
            ("ljust", "{{ 'x'.ljust(1000000000) }}", "limit.output_bytes", 1),
            ("format-width", "{{ '%0999999999d'|format(1) }}", "limit.output_bytes", 1),
            ("str-format-width", "{{ '{:>999999999}'.format(1) }}", "limit.output_bytes", 1),
            ("dunder", "{{ x.__class__.__mro__ }}", "template.unsafe", 1),
            ("namespace-doubling", "{% set ns = namespace(s='xx') %}{% for i in range(60) %}"
             "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}", "limit.output_bytes", 1),
            ("replace-chain", "{{ ('x' * 1000)|replace('x', 'x' * 1000)|replace('x', 'x' * 1000) }}",
             "limit.output_bytes", 1),
            ("join-wide", "{{ range(100000)|join('x' * 1000) }}", "limit.output_bytes", 1),
            ("syntax", "{{ x }", "template.unclosed", 1),  # a short brace: the tag is not closed
            ("undefined", "{{ y }}", "template.variable_missing", 1),
            ("zero-division", "{{ 1 / 0 }}", "template.runtime", 1),
            ("unknown-filter", "{{ x|nmae }}", "template.filter_unknown", 1),
    ):
        case(f"template-{label}.docx", template(text), cmd="template", code=code, exit=exit_code)
    base = template("{{ x }}")
    case("docx-not-zip.docx", b"this is not a zip", cmd="template", code="template.unreadable")
    case("docx-no-document.docx", with_part(base, "word/document.xml", None), cmd="template",
         code="template.unreadable")
    case("docx-malformed-styles.docx", with_part(base, "word/styles.xml", b"<w:styles><broken"),
         cmd="template", code="template.malformed")
    case("docx-malformed-body.docx", with_part(base, "word/document.xml", b"<w:document>{{ x }}"),
         cmd="template", code="template.malformed")
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zipfile.ZipFile(io.BytesIO(base)).infolist():
            z.writestr(info.filename, zipfile.ZipFile(io.BytesIO(base)).read(info.filename))
        z.writestr("word/media/bomb.bin", b"\0" * (20 * 2**20))  # 20 MB in 20 KB; the limit is lowered
    case("docx-zip-bomb.docx", bomb.getvalue(), cmd="template", code="limit.zip_bytes",
         env={"PEA_DOCS_LIMIT_ZIP_BYTES": str(10 * 2**20)})
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zipfile.ZipFile(io.BytesIO(base)).infolist():
            z.writestr(info.filename, zipfile.ZipFile(io.BytesIO(base)).read(info.filename))
        for i in range(100):
            z.writestr(f"customXml/item{i}.txt", b"")
    case("docx-many-members.docx", many.getvalue(), cmd="template", code="limit.zip_members",
         env={"PEA_DOCS_LIMIT_ZIP_MEMBERS": "50"})
    case("template-data-control.yaml", 'x: "a\\x01b"\n', cmd="template-data", code="text.control_character")
    case("template-data-key.yaml", "x: 1\n2: b\n", cmd="template-data", code="data.key_type")
    # ---- the batch and its environment (made by the test: FIFO, links, read-only)
    valid = dump(sample("registration_stamp.ru.yaml"))
    case("env-fifo.yaml", valid, cmd="batch", code="file.type", setup="fifo")
    case("env-dev-zero.yaml", valid, cmd="batch", code="file.type", setup="dev_zero")
    case("env-state-link.yaml", valid, cmd="batch", code="output.escapes", setup="state_link")
    case("env-subfolder-link.yaml", dump({**sample("registration_stamp.ru.yaml"), "output": "sub/s.docx"}),
         cmd="batch", code="output.escapes", setup="subfolder_link")
    case("env-unreadable.yaml", valid, cmd="batch", code="file.unreadable", setup="dangling")
    # ---- the register
    case("register-corrupt-apply-to.docx", b"PK\x03\x04 not really", cmd="register-apply", code="")
    case("register-huge-year.yaml", "", cmd="register-year", code="", exit=2)
    # the summary argument is the file's bytes: pasted control characters, a terminal not in UTF-8
    case("register-summary-control.txt", "Письмо\x01", cmd="register-summary", code="text.control_character")
    case("register-summary-latin1.txt", "caf\xe9".encode("latin-1"), cmd="register-summary",
         code="text.control_character")
    case("register-summary-empty.txt", "   ", cmd="register-summary", code="store.outgoing_field")
    (HERE / "cases.json").write_text(json.dumps(CASES, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(CASES)} cases")


if __name__ == "__main__":
    main()
