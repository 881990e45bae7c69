"""Trust: any text in any form gives a clear error or a document that opens; limits; the batch's environment."""

from __future__ import annotations

import copy
import errno
import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import _pea_fake_form as fake
from pea_docs.api import render_input
from pea_docs.batch import manifest as manifest_module
from pea_docs.batch.run import run_batch
from pea_docs.errors import JournalError, LimitError, OutputPathError, PeaDocsError
from pea_docs.io.inputs import read_input
from pea_docs.io.limits import limited
from pea_docs.io.sandbox import OutputFolder

SAMPLES = Path(__file__).parents[2] / "samples"
# one sample of each form, and a text field in it that reaches the document
FIELDS = {
    "request.ru.yaml": ("text",), "cover_letter.kk.yaml": ("recipient", "organization"),
    "resolution.en.yaml": ("agent", "surname"), "registration_stamp.ru.yaml": ("agent", "name"),
    "destruction_act.ru.yaml": ("agent", "surname"), "incoming_register.ru.yaml": ("entries", 0, "summary"),
    "outgoing_register.kk.yaml": ("entries", 0, "recipient"), "stamp_sheet.ru.yaml": ("agent", "surname"),
}


def opens(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(package.read(name))


@pytest.mark.parametrize("sample", sorted(FIELDS))
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=40))
def test_any_text_in_any_form_is_refused_clearly_or_renders_a_document_that_opens(sample, text):
    [doc] = read_input(str(SAMPLES / sample))
    doc = copy.deepcopy(doc)
    target = doc.data
    path = FIELDS[sample]
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = "А" + text + "Б"
    try:
        data = render_input(doc).to_bytes()
    except PeaDocsError as exc:
        assert exc.problem_list(), exc  # a clear error, with a code
        return
    opens(data)


def test_word_line_break_is_cleaned_not_refused():
    [doc] = read_input(str(SAMPLES / "request.ru.yaml"))
    doc.data["text"] = "Первая строка\x0bвторая строка"
    xml = zipfile.ZipFile(io.BytesIO(render_input(doc).to_bytes())).read("word/document.xml").decode()
    assert "Первая строка</w:t>" in xml and "\x0b" not in xml


def test_a_failed_journal_write_is_exit_3_after_a_complete_manifest(tmp_path, monkeypatch):
    fake.install()
    try:
        (tmp_path / "in").mkdir()
        for i in range(5):
            (tmp_path / "in" / f"n{i}.yaml").write_text(fake.note_yaml(i), encoding="utf-8")
        real = manifest_module.Journal.flush
        calls = []

        def full_disk(self):
            calls.append(1)
            if len(calls) > 1 and self._waiting:
                self._fh.write = lambda data: (_ for _ in ()).throw(OSError(errno.ENOSPC, "No space left on device"))
            real(self)

        monkeypatch.setattr(manifest_module.Journal, "flush", full_disk)
        with pytest.raises(JournalError) as caught:
            run_batch([str(tmp_path / "in")], tmp_path / "out", workers=0)
        assert caught.value.exit_code == 3 and "No space left" in str(caught.value)
        documents = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))["documents"]
        assert sorted(Path(d["input"]).name for d in documents) == [f"n{i}.yaml" for i in range(5)]
    finally:
        fake.uninstall()


def test_a_document_over_its_seconds_fails_alone(tmp_path):
    # through the command line, as a batch runs: its worker's main thread holds the timer
    import subprocess
    import sys

    import docx

    for name, text in (("slow", "{% for i in range(100000) %}{% for j in range(9) %}{{ j }}{% endfor %}"
                                "{% endfor %}"), ("fast", "{{ 1 }}")):
        template = docx.Document()
        template.add_paragraph(text)
        template.save(tmp_path / f"{name}.docx")
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / f"{name}.yaml").write_text(f"template: ../{name}.docx\ndata: {{}}\n", encoding="utf-8")
    env = {**os.environ, "PEA_DOCS_LIMIT_DOCUMENT_SECONDS": "1"}  # slow takes ~2 s here, fast ~2 ms
    result = subprocess.run([sys.executable, "-m", "pea_docs", "batch", str(tmp_path / "in"), "-o",
                             str(tmp_path / "out"), "-w", "1", "--json"], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    documents = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))["documents"]
    status = {Path(d["input"]).name: (d["status"], d["errors"][0]["code"] if d.get("errors") else None)
              for d in documents}
    assert status == {"slow.yaml": ("failed", "limit.document_seconds"), "fast.yaml": ("done", None)}
    assert [p.name for p in (tmp_path / "out").glob("*.docx")] == ["fast.docx"]


def test_a_folder_swapped_for_a_link_is_not_written_through(tmp_path):
    root, away = tmp_path / "out", tmp_path / "away"
    root.mkdir(), away.mkdir()
    folder = OutputFolder(root, scratch=".pea-docs/tmp")
    folder.write("sub/a.docx", b"one")
    (root / "sub" / "a.docx").unlink()
    (root / "sub").rmdir()
    (root / "sub").symlink_to(away)  # swapped after the check a batch makes when it plans
    with pytest.raises(OutputPathError) as caught:
        folder.write("sub/b.docx", b"two")
    assert caught.value.problems[0].code == "output.escapes"
    assert list(away.iterdir()) == []
    assert list((root / ".pea-docs" / "tmp").iterdir()) == []
    folder.close()


def test_a_link_planted_as_the_output_file_is_replaced_not_followed(tmp_path):
    root, victim = tmp_path / "out", tmp_path / "victim.txt"
    root.mkdir()
    victim.write_text("keep me")
    (root / "a.docx").symlink_to(victim)
    folder = OutputFolder(root)
    folder.write("a.docx", b"PK")
    folder.close()
    assert victim.read_text() == "keep me" and not (root / "a.docx").is_symlink()


def test_a_symlinked_state_folder_is_refused(tmp_path):
    fake.install()
    try:
        (tmp_path / "in").mkdir()
        (tmp_path / "in" / "n.yaml").write_text(fake.note_yaml(1), encoding="utf-8")
        (tmp_path / "elsewhere" / "tmp").mkdir(parents=True)
        (tmp_path / "elsewhere" / "tmp" / "precious").write_text("x")
        (tmp_path / "out").mkdir()
        (tmp_path / "out" / ".pea-docs").symlink_to(tmp_path / "elsewhere")
        with pytest.raises(OutputPathError):
            run_batch([str(tmp_path / "in")], tmp_path / "out", workers=0)
        assert (tmp_path / "elsewhere" / "tmp" / "precious").exists()
        assert sorted(p.name for p in (tmp_path / "elsewhere").iterdir()) == ["tmp"]
    finally:
        fake.uninstall()


def test_limits_can_be_lowered_and_name_themselves(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text("form: request\ndata:\n  text: " + "x" * 2000 + "\n", encoding="utf-8")
    with limited(input_bytes=1000), pytest.raises(LimitError) as caught:
        read_input(str(path))
    problem = caught.value.problems[0]
    assert problem.code == "limit.input_bytes" and "PEA_DOCS_LIMIT_INPUT_BYTES" in problem.message
    os.environ["PEA_DOCS_LIMIT_TEXT_CHARS"] = "10"
    try:
        from pea_docs.io import limits
        assert limits._from_environment(limits.Limits()).text_chars == 10
    finally:
        del os.environ["PEA_DOCS_LIMIT_TEXT_CHARS"]


def test_batches_in_one_process_keep_no_folder_open(tmp_path):
    fake.install()
    try:
        (tmp_path / "in").mkdir()
        (tmp_path / "in" / "n.yaml").write_text(fake.note_yaml(1), encoding="utf-8")
        run_batch([str(tmp_path / "in")], tmp_path / "out0", workers=0)
        before = len(os.listdir("/proc/self/fd"))
        for i in range(1, 6):
            run_batch([str(tmp_path / "in")], tmp_path / f"out{i}", workers=0)
        assert len(os.listdir("/proc/self/fd")) <= before
    finally:
        fake.uninstall()


@settings(max_examples=300, deadline=None)
@given(keys=st.lists(st.sampled_from(["title", "items", "get", "_x", "__class__", "keys", "date", "copy"]),
                     max_size=4, unique=True),
       name=st.sampled_from(["title", "items", "get", "_x", "__class__", "keys", "date", "copy", "pop", "nope"]))
def test_the_sandboxs_quick_attribute_of_a_dict_is_what_jinjas_sandbox_gives(keys, name):
    # GuardedEnvironment reads ``row.title`` of a dict without trying the attribute first; what it
    # gives (a key, a method of the class, a refusal, an undefined) is what Jinja's own sandbox gives
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from pea_docs.templating.guard import GuardedEnvironment
    data = {key: f"value of {key}" for key in keys}
    ours, jinjas = GuardedEnvironment().getattr(data, name), ImmutableSandboxedEnvironment().getattr(data, name)
    assert type(ours) is type(jinjas)
    assert (ours == jinjas) if isinstance(ours, str) else (repr(ours) == repr(jinjas))


def test_the_loops_counters_read_as_in_the_sandbox():
    from pea_docs.templating.guard import GuardedEnvironment
    template = GuardedEnvironment().from_string(
        "{% for x in 'abc' %}{{ loop.index }}{{ loop.index0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }}"
        "{{ loop.revindex }}{{ loop.depth }}{{ loop.depth0 }}{{ loop.previtem is defined }};{% endfor %}")
    assert template.render() == "10TrueFalse3310False;21FalseFalse3210True;32FalseTrue3110True;"
