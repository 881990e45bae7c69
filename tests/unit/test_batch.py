"""Batch machinery with a test-only form: failures, manifest, resume, kill safety, determinism."""

import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import _pea_fake_form as fake
import docx
import pytest

from pea_docs.batch.run import BatchBusyError, collect_inputs, run_batch, validate_inputs
from pea_docs.errors import InputError
from pea_docs.ooxml.pdf import LibreOfficeMissingError

FAKE = Path(fake.__file__)


@pytest.fixture(autouse=True)
def note_form():
    fake.install()
    yield
    fake.uninstall()


def make_folder(root: Path, n: int = 300, *, broken: bool = True) -> Path:
    """Write n note inputs in two sub-folders; with ``broken``, three of them are bad."""
    for i in range(n):
        folder = root / ("a" if i % 2 else "b")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"note-{i:04d}.yaml").write_text(fake.note_yaml(i), encoding="utf-8")
    if broken:
        (root / "a" / "note-0001.yaml").write_text("form: note\ndata:\n  text: [unclosed\n", encoding="utf-8")
        (root / "a" / "note-0003.yaml").write_text(fake.note_yaml(3, extra="  colour: blue\n"),
                                                   encoding="utf-8")
        (root / "b" / "note-0004.yaml").write_text(
            fake.note_yaml(4).replace("2025-01-05", "32.13.2025"), encoding="utf-8")
    return root


def outputs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.docx"))}


def test_300_inputs_3_broken(tmp_path):
    inputs = make_folder(tmp_path / "in")
    out = tmp_path / "out"
    result = run_batch([str(inputs)], out, workers=2)
    assert (result.count("done"), result.count("skipped"), result.count("failed")) == (297, 0, 3)
    assert result.exit_code == 1
    assert len(outputs(out)) == 297
    failed = {r.input.split("/")[-1]: r.errors for r in result.records if r.status == "failed"}
    assert sorted(failed) == ["note-0001.yaml", "note-0003.yaml", "note-0004.yaml"]
    syntax, = failed["note-0001.yaml"]
    assert (syntax["code"], syntax["line"], syntax["column"]) == ("yaml.syntax", 4, 1)
    assert syntax["text"].startswith(str(inputs / "a" / "note-0001.yaml") + ":4:1: is not valid YAML")
    unknown, = failed["note-0003.yaml"]
    assert (unknown["code"], unknown["path"], unknown["line"], unknown["document"]) == \
        ("field.unknown", "colour", 7, 0)
    date, = failed["note-0004.yaml"]
    assert (date["path"], date["value"], date["clause"], date["line"]) == ("date", "32.13.2025", "rule 11", 5)
    assert date["text"].startswith(f"{inputs / 'b' / 'note-0004.yaml'}:5:9 (document 1): date: '32.13.2025' ")
    assert date["text"].endswith("(rule 11)")

    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    rows = manifest["documents"]
    assert len(rows) == 300 and manifest["summary"] == {"done": 297, "skipped": 0, "failed": 3}
    assert [(r["input"], r["document"] or 0) for r in rows] == sorted((r["input"], r["document"] or 0)
                                                                        for r in rows)
    row = next(r for r in rows if r["input"].endswith("a/note-0005.yaml"))
    assert row["output"] == "a/note-0005.docx" and row["status"] == "done"
    assert row["sha256"] == __import__("hashlib").sha256((out / row["output"]).read_bytes()).hexdigest()
    text = docx.Document(out / row["output"]).paragraphs[0].text
    assert text == "Сапаров Арман 2025-01-06 kk Хат № 5 «Альфа & Ко»"
    assert not (out / ".pea-docs" / "journal.jsonl").exists()

    again = run_batch([str(inputs)], out, workers=2)
    assert (again.count("done"), again.count("skipped"), again.count("failed")) == (0, 297, 3)
    assert outputs(out) == outputs(out)


def test_byte_identical_whatever_the_workers(tmp_path):
    inputs = make_folder(tmp_path / "in", 60)
    runs = {}
    for workers in (0, 1, 2):
        out = tmp_path / f"out{workers}"
        run_batch([str(inputs)], out, workers=workers)
        runs[workers] = (outputs(out), (out / "manifest.json").read_bytes())
    assert len(runs[0][0]) == 57
    assert runs[0] == runs[1] == runs[2]


def test_rerun_renders_what_changed(tmp_path):
    inputs = make_folder(tmp_path / "in", 10, broken=False)
    out = tmp_path / "out"
    run_batch([str(inputs)], out, workers=0)
    (inputs / "a" / "note-0001.yaml").write_text(fake.note_yaml(1, text="другой текст"), encoding="utf-8")
    (out / "b" / "note-0002.docx").write_bytes(b"tampered")
    (out / "b" / "note-0004.docx").unlink()
    result = run_batch([str(inputs)], out, workers=0)
    done = sorted(r.output for r in result.records if r.status == "done")
    assert done == ["a/note-0001.docx", "b/note-0002.docx", "b/note-0004.docx"]
    assert result.count("skipped") == 7
    assert run_batch([str(inputs)], out, workers=0, force=True).count("done") == 10


def test_kill_midway_then_resume_gives_the_complete_identical_set(tmp_path):
    inputs = make_folder(tmp_path / "in", 200, broken=False)
    out, reference = tmp_path / "out", tmp_path / "reference"
    env = {**os.environ, "PEA_FAKE_SLEEP": "0.02", "PYTHONPATH": str(FAKE.parent)}
    proc = subprocess.Popen([sys.executable, str(FAKE), "batch", str(inputs), "-o", str(out), "-w", "2"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 60
    while len(list(out.rglob("*.docx"))) < 80 and time.monotonic() < deadline:
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    written = len(list(out.rglob("*.docx")))
    assert 80 <= written < 200, "the batch must be killed midway"
    assert not (out / "manifest.json").exists()
    result = run_batch([str(inputs)], out, workers=2)
    # what the killed run finished and journaled (a few more were written but not yet journaled)
    assert 20 <= result.count("skipped") <= written
    assert result.count("done") + result.count("skipped") == 200
    run_batch([str(inputs)], reference, workers=1)
    assert outputs(out) == outputs(reference)
    assert not [p for p in out.rglob("*") if p.name.endswith(".part")]


def test_several_documents_per_file_output_names_and_duplicates(tmp_path):
    (tmp_path / "in").mkdir()
    three = "\n---\n".join([fake.note_yaml(1), fake.note_yaml(2), fake.note_yaml(3)])
    (tmp_path / "in" / "three.yaml").write_text(three, encoding="utf-8")
    named = "output: letters/first.docx\n" + fake.note_yaml(4) + "---\noutput: letters/first\n" + fake.note_yaml(5)
    (tmp_path / "in" / "named.yml").write_text(named, encoding="utf-8")
    bad = "output: ../../evil.docx\n" + fake.note_yaml(6) + "---\noutput: x.xlsx\n" + fake.note_yaml(7)
    (tmp_path / "in" / "bad.yaml").write_text(bad, encoding="utf-8")
    result = run_batch([str(tmp_path / "in")], tmp_path / "out", workers=0)
    rows = {(Path(r.input).name, r.document): r for r in result.records}
    assert [rows["three.yaml", i].output for i in range(3)] == ["three-1.docx", "three-2.docx", "three-3.docx"]
    assert rows["named.yml", 0].output == "letters/first.docx"
    dup = rows["named.yml", 1].errors[0]
    assert dup["code"] == "output.duplicate" and "named.yml (document 1)" in dup["message"]
    escape = rows["bad.yaml", 0].errors[0]
    assert (escape["code"], escape["document"], escape["value"]) == ("output.escapes", 0, "../../evil.docx")
    assert rows["bad.yaml", 1].errors[0]["code"] == "output.suffix"
    assert not (tmp_path / "evil.docx").exists()


def test_office_profile_supplies_the_agent(tmp_path):
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "office.yaml").write_text("agent: {surname: Әбенов, name: Қайрат}\n", encoding="utf-8")
    (root / "sub" / "office.yaml").write_text("agent: {surname: Үсенова, name: Ғалия}\n", encoding="utf-8")
    body = "form: note\ndata:\n  date: 2025-01-09\n  text: т\n"
    (root / "top.yaml").write_text(body, encoding="utf-8")
    (root / "sub" / "low.yaml").write_text(body, encoding="utf-8")
    (root / "sub" / "own.yaml").write_text(fake.note_yaml(8), encoding="utf-8")
    out = tmp_path / "out"
    result = run_batch([str(root)], out, workers=0)
    assert result.exit_code == 0 and len(result.records) == 3  # office.yaml is no input
    texts = {name: docx.Document(out / name).paragraphs[0].text.split()[:2]
             for name in ("top.docx", "sub/low.docx", "sub/own.docx")}
    assert texts == {"top.docx": ["Әбенов", "Қайрат"], "sub/low.docx": ["Үсенова", "Ғалия"],
                     "sub/own.docx": ["Сапаров", "Арман"]}
    assert all(r.ok for _, _, r in validate_inputs([str(root)]))


def test_bad_office_profile_fails_its_documents(tmp_path):
    (tmp_path / "office.yaml").write_text("agent: {surname: x\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text(fake.note_yaml(1), encoding="utf-8")
    result = run_batch([str(tmp_path)], tmp_path / "out", workers=0)
    error = result.records[0].errors[0]
    assert error["code"] == "yaml.syntax" and error["file"].endswith("office.yaml") and error["line"]


def test_inputs_files_folders_globs(tmp_path):
    make_folder(tmp_path, 6, broken=False)
    (tmp_path / "a" / "notes.txt").write_text("x")
    (tmp_path / "a" / ".hidden").mkdir()
    (tmp_path / "a" / ".hidden" / "h.yaml").write_text("x")
    names = [s.relative for s in collect_inputs([str(tmp_path / "a"), str(tmp_path / "b" / "*.yaml"),
                                                 str(tmp_path / "a" / "note-0001.yaml")])]
    assert names == ["note-0001.yaml", "note-0003.yaml", "note-0005.yaml",
                     "note-0000.yaml", "note-0002.yaml", "note-0004.yaml"]
    with pytest.raises(InputError) as info:
        collect_inputs([str(tmp_path / "nope")])
    assert info.value.problems[0].code == "input.missing"


def test_busy_output_folder(tmp_path):
    (tmp_path / "a.yaml").write_text(fake.note_yaml(1), encoding="utf-8")
    (tmp_path / "out" / ".pea-docs").mkdir(parents=True)
    with open(tmp_path / "out" / ".pea-docs" / "lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        with pytest.raises(BatchBusyError) as info:
            run_batch([str(tmp_path / "a.yaml")], tmp_path / "out", workers=0)
    assert info.value.exit_code == 3


def test_pdf_without_libreoffice_is_an_environment_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PEA_DOCS_SOFFICE", str(tmp_path / "no-soffice"))
    (tmp_path / "a.yaml").write_text(fake.note_yaml(1), encoding="utf-8")
    with pytest.raises(LibreOfficeMissingError) as info:
        run_batch([str(tmp_path / "a.yaml")], tmp_path / "out", pdf=True)
    assert info.value.exit_code == 3 and "apt-get install libreoffice-writer-nogui" in str(info.value)
    assert not (tmp_path / "out").exists()


@pytest.mark.libreoffice
def test_pdf_lands_beside_each_document(tmp_path):
    inputs = make_folder(tmp_path / "in", 6, broken=False)
    out = tmp_path / "out"
    result = run_batch([str(inputs)], out, workers=2, pdf=True)
    assert result.count("done") == 6
    for record in result.records:
        pdf = out / record.pdf
        assert pdf == (out / record.output).with_suffix(".pdf")
        assert pdf.read_bytes().startswith(b"%PDF")
    # the PDF flag is part of the fingerprint: without --pdf the documents are rendered again
    assert run_batch([str(inputs)], out, workers=0).count("done") == 6


def test_the_main_process_parses_no_yaml_when_workers_render(tmp_path, monkeypatch):
    make_folder(tmp_path / "in", 12, broken=False)
    (tmp_path / "in" / "office.yaml").write_text("agent: {surname: Әбенов, name: Қайрат}\n", encoding="utf-8")
    parsed_in = tmp_path / "pids"
    import yaml

    def spy(real):
        def parse(*args, **kwargs):
            with open(parsed_in, "a") as fh:  # forked workers inherit the spy and report their own pid
                fh.write(f"{os.getpid()}\n")
            return real(*args, **kwargs)
        return parse
    monkeypatch.setattr(yaml, "load_all", spy(yaml.load_all))
    monkeypatch.setattr(yaml, "load", spy(yaml.load))
    result = run_batch([str(tmp_path / "in")], tmp_path / "out", workers=2)
    assert result.count("done") == 12
    pids = set(parsed_in.read_text().split())
    assert pids and str(os.getpid()) not in pids
    parsed_in.unlink()
    run_batch([str(tmp_path / "in")], tmp_path / "out0", workers=0)
    assert set(parsed_in.read_text().split()) == {str(os.getpid())}  # the spy works in this process too


def test_duplicate_outputs_across_workers_keep_the_first_in_input_order(tmp_path):
    """The later document fails whichever worker wrote last; the first one's file is what remains."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(40):  # one file per task: the claimants land on different workers
        (inputs / f"n{i:02d}.yaml").write_text("output: same.docx\n" + fake.note_yaml(i), encoding="utf-8")
    (inputs / "n00.yaml").write_text("output: gone.docx\n" + fake.note_yaml(0), encoding="utf-8")
    (inputs / "n01.yaml").write_text("output: gone.docx\n" + fake.note_yaml(1).replace("2025-01-02", "x"),
                                     encoding="utf-8")
    (inputs / "n02.yaml").write_text("output: gone.docx\n" + fake.note_yaml(2), encoding="utf-8")
    out = tmp_path / "out"
    result = run_batch([str(inputs)], out, workers=2)
    rows = {Path(r.input).name: r for r in result.records}
    assert rows["n03.yaml"].status == "done" and rows["n03.yaml"].output == "same.docx"
    for i in range(4, 40):
        error, = rows[f"n{i:02d}.yaml"].errors
        assert error["code"] == "output.duplicate" and error["message"].startswith("is also the output of ")
        assert error["message"].split()[5].endswith("n03.yaml;")
    assert "Хат № 3 «" in docx.Document(out / "same.docx").paragraphs[0].text
    assert rows["n03.yaml"].sha256 == __import__("hashlib").sha256((out / "same.docx").read_bytes()).hexdigest()
    # n00 owns gone.docx; n01 (a bad date) and n02 lose it
    assert rows["n00.yaml"].status == "done" and rows["n01.yaml"].errors[0]["code"] == "output.duplicate"
    assert "Хат № 0 «" in docx.Document(out / "gone.docx").paragraphs[0].text
    before = {p.name: p.read_bytes() for p in out.glob("*.docx")}
    again = run_batch([str(inputs)], out, workers=2)
    rows = {Path(r.input).name: r for r in again.records}
    # The owners are skipped, or rendered again when a losing document of this run wrote the
    # shared name before the owner's check (a known race of duplicate outputs, see docs/cli.md);
    # either way the files stay the owners' and the losers fail again.
    assert {rows["n00.yaml"].status, rows["n03.yaml"].status} <= {"skipped", "done"}
    assert again.count("failed") == 38
    assert {p.name: p.read_bytes() for p in out.glob("*.docx")} == before


def test_an_owner_that_fails_leaves_no_file_of_the_losers(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.yaml").write_text("output: x.docx\n" + fake.note_yaml(1).replace("2025-01-02", "x"),
                                   encoding="utf-8")
    for i in range(2, 12):
        (inputs / f"b{i:02d}.yaml").write_text("output: x.docx\n" + fake.note_yaml(i), encoding="utf-8")
    result = run_batch([str(inputs)], tmp_path / "out", workers=2)
    assert result.count("failed") == 11 and not (tmp_path / "out" / "x.docx").exists()
    errors = {Path(r.input).name: r.errors[0] for r in result.records}
    assert (errors["a.yaml"]["path"], errors["a.yaml"]["clause"]) == ("date", "rule 11")
    assert {errors[f"b{i:02d}.yaml"]["code"] for i in range(2, 12)} == {"output.duplicate"}


def test_manifest_is_streamed_one_row_per_line_and_read_back(tmp_path):
    from pea_docs.batch.manifest import (
        Journal,
        Record,
        load_previous,
        read_manifest,
        write_manifest,
    )
    rows = [Record("a.yaml", 0, "done", output="a.docx", sha256="1" * 64, fingerprint="f"),
            Record("b.yaml", None, "failed", errors=[{"code": "yaml.syntax", "text": "b.yaml:1:1: «x»\n"}])]
    write_manifest(tmp_path, [r.to_json() for r in rows], summary={"done": 1, "failed": 1}, version="9")
    text = (tmp_path / "manifest.json").read_text(encoding="utf-8")
    assert json.loads(text) == {"pea_docs": "9", "summary": {"done": 1, "skipped": 0, "failed": 1},
                                "documents": [r.to_dict() for r in rows]}
    assert len(text.splitlines()) == 4
    assert [Record(**r) for r in read_manifest(tmp_path)] == rows
    # a manifest in another layout (an older pea-docs, or edited by hand) is read whole
    (tmp_path / "manifest.json").write_text(json.dumps(json.loads(text), indent=2), encoding="utf-8")
    assert [Record(**r) for r in read_manifest(tmp_path)] == rows
    # a journal line cut by a kill is skipped, and the next run starts on a line of its own
    (tmp_path / ".pea-docs").mkdir()
    (tmp_path / ".pea-docs" / "journal.jsonl").write_text(
        Record("c.yaml", 0, "done", output="c.docx", sha256="2" * 64).to_json() + '\n{"input": "d.y',
        encoding="utf-8")
    journal = Journal(tmp_path)
    journal.add(Record("e.yaml", 0, "done", output="e.docx", sha256="3" * 64))
    assert list(journal.lines()) == [Record("e.yaml", 0, "done", output="e.docx", sha256="3" * 64).to_json()]
    journal.close()
    previous = load_previous(tmp_path)
    assert sorted(previous) == ["a.yaml", "c.yaml", "e.yaml"]
    assert previous["a.yaml"][0].output == "a.docx" and previous["a.yaml"][0].sha256 == "1" * 64


def _alive_in_group(pgid: int) -> list[int]:
    """Return the processes of group ``pgid`` still running (zombies left to a reaper do not count)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # after "pid (name) "
        if int(fields[2]) == pgid and fields[0] != "Z":
            alive.append(int(entry.name))
    return alive


def _start_batch(inputs: Path, out: Path, sleep: str = "0.02") -> subprocess.Popen:
    env = {**os.environ, "PEA_FAKE_SLEEP": sleep, "PYTHONPATH": str(FAKE.parent)}
    return subprocess.Popen([sys.executable, str(FAKE), "batch", str(inputs), "-o", str(out), "-w", "2", "-q"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def _wait_for_outputs(out: Path, n: int) -> None:
    deadline = time.monotonic() + 60
    while len(list(out.rglob("*.docx"))) < n and time.monotonic() < deadline:
        time.sleep(0.01)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize("how", ["kill -9", "SIGTERM", "SIGINT"])
def test_stopping_the_main_process_ends_its_workers_and_resume_is_identical(tmp_path, how):
    inputs = make_folder(tmp_path / "in", 200, broken=False)
    out = tmp_path / "out"
    with _start_batch(inputs, out) as proc:
        _wait_for_outputs(out, 40)
        if how == "kill -9":  # the main process only: its workers must notice on their own
            os.kill(proc.pid, signal.SIGKILL)
        elif how == "SIGTERM":
            os.kill(proc.pid, signal.SIGTERM)
        else:  # Ctrl-C on a terminal: the whole group
            os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    deadline = time.monotonic() + 5
    while _alive_in_group(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _alive_in_group(proc.pid) == [], "a worker outlived the batch"
    written = len(list(out.rglob("*.docx")))
    assert 40 <= written < 200, "the batch must be stopped midway"
    assert not (out / "manifest.json").exists()
    if how == "SIGTERM":
        assert proc.returncode == 143 and "interrupted by SIGTERM" in err and "Traceback" not in err
    elif how == "SIGINT":
        assert proc.returncode == 130 and "interrupted by SIGINT" in err and "Aborted" not in err
    result = run_batch([str(inputs)], out, workers=2)
    assert result.count("done") + result.count("skipped") == 200
    if how != "kill -9":  # a clean stop journals what was finished: the next run skips it
        assert result.count("skipped") >= 20
    reference = tmp_path / "reference"
    run_batch([str(inputs)], reference, workers=1)
    assert outputs(out) == outputs(reference)
    assert not [p for p in out.rglob("*") if p.name.endswith(".part")]


def test_a_worker_ends_when_its_parent_dies_without_prctl(tmp_path):
    """The portable fallback: a thread watching os.getppid()."""
    code = f"""
import os, sys, time
sys.path.insert(0, {str(Path(__file__).resolve().parents[2])!r})
from pea_docs.batch import worker
pid = os.fork()
if pid == 0:
    worker.sys.platform = "other"   # no prctl: the watching thread alone
    worker._die_with_parent(os.getppid())
    worker._watch_parent.__defaults__ = (0.05,)
    print(os.getpid(), flush=True)
    time.sleep(30)
    os._exit(0)
time.sleep(0.3)
os._exit(0)
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=20)
    child = int(proc.stdout.split()[0])
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            break
        if state == "Z":
            break
        time.sleep(0.05)
    else:
        os.kill(child, signal.SIGKILL)
        pytest.fail("the worker outlived its parent")


def test_output_name_errors_name_their_line(tmp_path):
    """Every output.* problem points at the output: key of its document."""
    (tmp_path / "in").mkdir()
    bad = ("form: note\nlang: kk\noutput: ../../evil.docx\n" + fake.note_yaml(6).split("\n", 2)[2]
           + "---\n" + "output: x.xlsx\n" + fake.note_yaml(7)
           + "---\n" + "output: .pea-docs/x.docx\n" + fake.note_yaml(8))
    (tmp_path / "in" / "bad.yaml").write_text(bad, encoding="utf-8")
    (tmp_path / "in" / "a.yaml").write_text(fake.note_yaml(1), encoding="utf-8")
    (tmp_path / "in" / "z.yaml").write_text("form: note\noutput: a.docx\n" + fake.note_yaml(9).split("\n", 1)[1],
                                            encoding="utf-8")
    result = run_batch([str(tmp_path / "in")], tmp_path / "out", workers=2)
    errors = {(Path(r.input).name, r.document): r.errors[0] for r in result.records if r.errors}
    lines = [i for i, line in enumerate(bad.splitlines(), start=1) if line.startswith("output:")]
    where = {key: (e["code"], e["line"], e["column"]) for key, e in errors.items()}
    assert where == {("bad.yaml", 0): ("output.escapes", lines[0], 9), ("bad.yaml", 1): ("output.suffix", lines[1], 9),
                     ("bad.yaml", 2): ("output.reserved", lines[2], 9), ("z.yaml", 0): ("output.duplicate", 2, 9)}
    assert errors["bad.yaml", 0]["text"].startswith(f"{tmp_path / 'in' / 'bad.yaml'}:3:9 (document 1): output: ")


def test_progress_counts_documents_and_ends_at_100(tmp_path):
    (tmp_path / "in").mkdir()
    for i in range(9):
        (tmp_path / "in" / f"n{i}.yaml").write_text(fake.note_yaml(i), encoding="utf-8")
    three = "\n---\n".join([fake.note_yaml(1), fake.note_yaml(2), fake.note_yaml(3)])
    (tmp_path / "in" / "n9.yaml").write_text(three, encoding="utf-8")
    (tmp_path / "in" / "z-empty.yaml").write_text("# nothing yet\n", encoding="utf-8")
    seen = []
    result = run_batch([str(tmp_path / "in")], tmp_path / "out", workers=0,
                       progress=lambda s: seen.append((s.finished, s.known, s.percent)))
    assert seen[-1] == (13, 13, 100)  # 12 documents, and the empty file's failure
    assert [r.errors[0]["code"] for r in result.records if r.status == "failed"] == ["document.empty"]
    assert [f for f, _, _ in seen] == sorted(f for f, _, _ in seen)
    assert all(finished <= known for finished, known, _ in seen)
    assert seen[8][:2] == (9, 9 + 2)  # n9 and the empty file not read yet: one document each, as far as known
    assert seen[9][:2] == (10, 10 + 2 + 1)  # n9 read: its other two documents, and the empty file


def test_package_hash_reads_only_pea_docs_own_files(tmp_path):
    from pea_docs.batch import fingerprints, worker
    root = tmp_path / "pkg"
    (root / "forms" / "__pycache__").mkdir(parents=True)
    (root / "locale").mkdir()
    (root / "a.py").write_text("x = 1\n")
    (root / "forms" / "f.py").write_text("y = 2\n")
    (root / "locale" / "c.po").write_text('msgid ""\n')
    for junk in ("forms/__pycache__/f.cpython-311.pyc", "a.py~", "#a.py#", ".a.py.swp", "notes.txt",
                 "forms/__pycache__/x.py"):
        (root / junk).write_text("junk")
    (root / ".#a.py").symlink_to("root@host.1234:1700000000")  # an editor's lock: a dangling link
    (root / ".hidden").mkdir()
    (root / ".hidden" / "h.py").write_text("z = 3\n")
    names = [p.relative_to(root).as_posix() for p in fingerprints.package_files(root, (".py", ".po"))]
    assert names == ["a.py", "forms/f.py", "locale/c.po"]
    first = fingerprints.package_hash()
    assert fingerprints.package_hash() is first  # once per process
    # a worker uses the main process's hash, whatever the tree holds when it starts
    saved = list(fingerprints._PACKAGE_HASH)
    try:
        worker.init_worker(str(tmp_path / "out"), False, False, 60.0, "f" * 64)
        assert fingerprints.package_hash() == "f" * 64
    finally:
        fingerprints._PACKAGE_HASH[:] = saved


def test_package_hash_covers_every_layer_and_the_builtin_templates(monkeypatch):
    """A change anywhere in pea_docs/ or in a built-in template renders again (not only batch/)."""
    import hashlib

    import pea_docs
    from pea_docs.batch import fingerprints
    from pea_docs.documents.builtin_templates import template_folder
    package = Path(pea_docs.__file__).resolve().parent
    code = {p.relative_to(package).as_posix() for p in fingerprints.package_files(package, (".py", ".po"))}
    assert {"format/checks.py", "documents/letters.py", "batch/run.py", "api.py"} <= code
    templates = fingerprints.package_files(template_folder(), (".py", ".docx", ".xlsx"))
    assert any(p.name == "request.ru.docx" for p in templates)
    monkeypatch.setattr(fingerprints, "_PACKAGE_HASH", [])
    before = fingerprints.package_hash()
    real = Path.read_bytes
    changed = template_folder() / "request.ru.docx"
    monkeypatch.setattr(Path, "read_bytes", lambda self: real(self) + b"!" if self == changed else real(self))
    monkeypatch.setattr(fingerprints, "_PACKAGE_HASH", [])
    assert fingerprints.package_hash() != before
    assert len(before) == len(hashlib.sha256().hexdigest())


def test_validate_reports_an_unknown_form_or_language_as_problems(tmp_path):
    (tmp_path / "a.yaml").write_text(fake.note_yaml(1).replace("form: note", "form: nite")
                                     + "---\n" + fake.note_yaml(2).replace("lang: kk", "lang: de"), encoding="utf-8")
    (_, _, first), (_, _, second) = validate_inputs([str(tmp_path / "a.yaml")])
    assert not first.ok and "did you mean 'note'?" in first.errors[0].message and first.errors[0].line == 1
    assert not second.ok and second.errors[0].to_dict()["path"] == "lang" and second.errors[0].line


def test_a_template_that_divides_by_zero_fails_with_a_registered_code(tmp_path):
    """No code is made up from an exception's class name: the manifest holds template.runtime."""
    from pea_docs.errors.codes import all_codes
    from pea_docs.templating.compiled import _example_docx
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "divide.docx").write_bytes(_example_docx("{{ total / parts }}"))
    (tmp_path / "in" / "a.yaml").write_text("template: divide.docx\ndata: {total: 1, parts: 0}\n", encoding="utf-8")
    (tmp_path / "in" / "b.yaml").write_text("template: divide.docx\ndata: {total: 1, parts: 1}\n", encoding="utf-8")
    result = run_batch([str(tmp_path / "in")], tmp_path / "out", workers=0)
    assert result.counts == {"done": 1, "skipped": 0, "failed": 1}
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    codes = {Path(d["input"]).name: [e["code"] for e in d.get("errors", [])] for d in manifest["documents"]}
    assert codes["a.yaml"] == ["template.runtime"] and codes["b.yaml"] == []
    assert set(codes["a.yaml"]) <= set(all_codes())


def test_progress_share_does_not_run_ahead_when_files_hold_several_documents(tmp_path):
    (tmp_path / "in").mkdir()
    for i in range(10):
        three = "\n---\n".join(fake.note_yaml(3 * i + k) for k in range(3))
        (tmp_path / "in" / f"n{i:02d}.yaml").write_text(three, encoding="utf-8")
    seen = []
    run_batch([str(tmp_path / "in")], tmp_path / "out", workers=0,
              progress=lambda s: seen.append((s.finished, s.percent, s.seconds_left)))
    # the total is 30 from the first file on (one file read: three documents a file), not 10 + 2
    assert all(percent <= 100 * finished // 30 for finished, percent, _ in seen)
    assert seen[-1][:2] == (30, 100)
    assert all(left is not None and left >= 0 for finished, _, left in seen if finished)


# ------------------------------------------------------------- files skipped unread on a resume

def _reads(monkeypatch) -> list[str]:
    """Count the input files the (in-process) workers read and parse."""
    from pea_docs.batch import worker
    read: list[str] = []
    real = worker.parse_source
    monkeypatch.setattr(worker, "parse_source",
                        lambda source, text: read.append(Path(source.name).name) or real(source, text))
    return read


def _strip_states(out: Path) -> None:
    path = out / "manifest.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(__import__("re").sub(r', "source": "[^"]*"', "", text), encoding="utf-8")


def test_a_resume_reads_no_unchanged_file_and_writes_what_a_full_reading_writes(tmp_path, monkeypatch):
    inputs = make_folder(tmp_path / "in", 12)
    (inputs / "two.yaml").write_text(fake.note_yaml(20) + "---\n" + fake.note_yaml(21), encoding="utf-8")
    out = tmp_path / "out"
    first = run_batch([str(inputs)], out, workers=0)
    read = _reads(monkeypatch)
    quick = run_batch([str(inputs)], out, workers=0)
    unread_manifest = (out / "manifest.json").read_bytes()
    # only the files with a failed document are read again (their failure is not remembered)
    assert sorted(read) == ["note-0001.yaml", "note-0003.yaml", "note-0004.yaml"]
    assert (quick.count("skipped"), quick.count("failed")) == (first.count("done"), 3)
    _strip_states(out)  # the manifest of an older pea-docs: every file read, as before
    read.clear()
    full = run_batch([str(inputs)], out, workers=0)
    assert len(read) == 13 and full.count("skipped") == quick.count("skipped")
    assert (out / "manifest.json").read_bytes() == unread_manifest
    row = next(r for r in json.loads(unread_manifest)["documents"] if r["input"].endswith("two.yaml"))
    assert row["source"].startswith("2 ") and len(row["source"]) == 2 + 64


@pytest.mark.parametrize("change", ["comment", "data", "office", "output", "pdf-flag", "template"])
def test_a_file_is_read_again_when_anything_it_was_made_from_changed(tmp_path, monkeypatch, change):
    inputs = tmp_path / "in"
    inputs.mkdir()
    docx.Document().save(inputs / "t.docx")
    d = docx.Document()
    d.add_paragraph("{{ text }}")
    d.save(inputs / "letter.docx")
    (inputs / "note.yaml").write_text(fake.note_yaml(1), encoding="utf-8")
    (inputs / "letter.yaml").write_text("template: letter.docx\ndata: {text: один}\n", encoding="utf-8")
    out = tmp_path / "out"
    run_batch([str(inputs)], out, workers=0)
    if change == "comment":  # the same data in other bytes: read again, then skipped
        (inputs / "note.yaml").write_text("# checked\n" + fake.note_yaml(1), encoding="utf-8")
    elif change == "data":
        (inputs / "note.yaml").write_text(fake.note_yaml(1, text="другой"), encoding="utf-8")
    elif change == "office":
        (inputs / "office.yaml").write_text("hours: {start: '08:00', end: '17:00'}\n", encoding="utf-8")
    elif change == "output":
        (out / "note.docx").write_bytes(b"changed by hand")
    elif change == "template":
        d = docx.Document()
        d.add_paragraph("Текст: {{ text }}")
        d.save(inputs / "letter.docx")
    read = _reads(monkeypatch)
    result = run_batch([str(inputs)], out, workers=0, pdf=False) if change != "pdf-flag" else None
    if change == "pdf-flag":
        from pea_docs.batch.unchanged import skip_unread
        from pea_docs.batch.manifest import load_previous
        from pea_docs.batch.sources import collect_inputs as sources_of
        source = next(s for s in sources_of([str(inputs)]) if s.name.endswith("note.yaml"))
        prev = load_previous(out)[source.name]
        content = (inputs / "note.yaml").read_bytes()
        assert skip_unread(source, prev, content, {}, outdir=out.resolve(), pdf=False) is not None
        assert skip_unread(source, prev, content, {}, outdir=out.resolve(), pdf=True) is None
        return
    status = {Path(r.input).name: r.status for r in result.records}
    expected_read = {"comment": ["note.yaml"], "data": ["note.yaml"], "office": ["letter.yaml", "note.yaml"],
                     "output": ["note.yaml"], "template": ["letter.yaml"]}[change]
    assert sorted(read) == expected_read
    rendered = {"comment": {}, "data": {"note.yaml"}, "office": {}, "output": {"note.yaml"},
                "template": {"letter.yaml"}}[change]
    assert {name for name, s in status.items() if s == "done"} == set(rendered)
    if change == "template":
        assert docx.Document(out / "letter.docx").paragraphs[0].text == "Текст: один"


def test_a_manifest_edited_by_hand_never_reaches_outside_the_output_folder(tmp_path, monkeypatch):
    inputs = make_folder(tmp_path / "in", 2, broken=False)
    out = tmp_path / "out"
    run_batch([str(inputs)], out, workers=0)
    (tmp_path / "secret.docx").write_bytes(b"secret")
    path = out / "manifest.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"output": "a/note-0001.docx"',
                                                             '"output": "../secret.docx"'), encoding="utf-8")
    read = _reads(monkeypatch)
    result = run_batch([str(inputs)], out, workers=0)
    assert read == ["note-0001.yaml"] and result.count("done") == 1 and result.count("skipped") == 1
    assert (tmp_path / "secret.docx").read_bytes() == b"secret"
