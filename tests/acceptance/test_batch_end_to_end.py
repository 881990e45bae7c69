"""`pea-docs batch` end to end with the real forms and samples, through the installed command.

Depends on: registration_stamp (the 300-file, resume and kill tests) and every form with a
sample under samples/ (the samples tests).
"""

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from pdf_tools import pdf_page_sizes_mm

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"

STAMP = """\
form: registration_stamp
lang: {lang}
data:
  agent:
    surname: Жұмабекова
    name: Әсем
    patronymic: Ғалымқызы
  date: {date}
  index: "02-05/{i}"
  direction: incoming
  color: blue
"""


def pea_docs(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "pea_docs", *map(str, args)], capture_output=True,
                          text=True, cwd=kwargs.pop("cwd", None), **kwargs)


def stamps(folder: Path, n: int = 300) -> Path:
    """Write n stamp inputs; three of them are broken (YAML, unknown key, rule-11 date)."""
    folder.mkdir(parents=True)
    for i in range(n):
        text = STAMP.format(lang=("ru", "kk", "en")[i % 3], date=f"2025-02-{1 + i % 28:02d}", i=i)
        (folder / f"stamp-{i:03d}.yaml").write_text(text, encoding="utf-8")
    (folder / "stamp-010.yaml").write_text("form: registration_stamp\ndata:\n  index: [\n", encoding="utf-8")
    (folder / "stamp-020.yaml").write_text(
        STAMP.format(lang="ru", date="2025-02-03", i=20).replace("color: blue", "colour: blue"), encoding="utf-8")
    (folder / "stamp-030.yaml").write_text(STAMP.format(lang="kk", date="31.02.2025", i=30), encoding="utf-8")
    return folder


def docx_files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.docx"))}


def test_300_stamps_3_broken_then_resume(tmp_path):
    inputs = stamps(tmp_path / "in")
    result = pea_docs("batch", "in", "-o", "out", "--json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    payload = json.loads(result.stdout)
    assert (payload["done"], payload["skipped"], payload["failed"]) == (297, 0, 3)
    errors = {f["input"]: f["errors"] for f in payload["failures"]}
    syntax, = errors["in/stamp-010.yaml"]
    assert (syntax["code"], syntax["line"], syntax["column"]) == ("yaml.syntax", 4, 1)
    unknown, = errors["in/stamp-020.yaml"]
    assert (unknown["code"], unknown["path"], unknown["line"]) == ("field.unknown", "colour", 11)
    assert "did you mean 'color'?" in unknown["message"]
    date, = errors["in/stamp-030.yaml"]
    assert (date["path"], date["value"], date["clause"], date["document"]) == ("date", "31.02.2025", "rule 11", 0)
    assert date["text"].startswith("in/stamp-030.yaml:8:9 (document 1): date: '31.02.2025' ")

    out = tmp_path / "out"
    files = docx_files(out)
    assert len(files) == 297
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["documents"]) == 300
    for row in manifest["documents"]:
        if row["status"] == "done":
            assert hashlib.sha256(files[row["output"]]).hexdigest() == row["sha256"]
    with zipfile.ZipFile(out / "stamp-000.docx") as z:  # a real Word package
        assert "Жұмабекова" in z.read("word/document.xml").decode("utf-8")

    again = pea_docs("batch", "in", "-o", "out", "--json", cwd=tmp_path)
    payload = json.loads(again.stdout)
    assert (again.returncode, payload["done"], payload["skipped"], payload["failed"]) == (1, 0, 297, 3)
    assert docx_files(out) == files
    assert inputs.is_dir()


def test_kill_midway_then_rerun_gives_the_complete_identical_set(tmp_path):
    stamps(tmp_path / "in", 400)
    proc = subprocess.Popen([sys.executable, "-m", "pea_docs", "batch", "in", "-o", "out", "-w", "1"],
                            cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    out = tmp_path / "out"
    deadline = time.monotonic() + 120
    while len(list(out.glob("*.docx"))) < 60 and time.monotonic() < deadline:
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    written = len(list(out.glob("*.docx")))
    assert 60 <= written < 397, "the batch must be killed midway"
    assert not (out / "manifest.json").exists()

    rerun = pea_docs("batch", "in", "-o", "out", "--json", cwd=tmp_path)
    payload = json.loads(rerun.stdout)
    assert payload["skipped"] > 0 and payload["done"] + payload["skipped"] == 397
    reference = pea_docs("batch", "in", "-o", "ref", "-w", "2", cwd=tmp_path)
    assert reference.returncode == 1
    assert docx_files(out) == docx_files(tmp_path / "ref")
    assert not [p for p in out.rglob("*") if p.name.endswith(".part")]


def sample_documents() -> int:
    import yaml
    return sum(sum(1 for d in yaml.safe_load_all(p.read_text(encoding="utf-8")) if d)
               for p in SAMPLES.glob("*.yaml") if p.name != "office.yaml")


def test_every_sample_renders_identically_with_1_and_2_workers(tmp_path):
    one = pea_docs("batch", SAMPLES, "-o", tmp_path / "one", "-w", "1")
    two = pea_docs("samples", "-o", tmp_path / "two", "-w", "2")
    assert one.returncode == 0, one.stderr
    assert two.returncode == 0, two.stderr
    def outputs(out):
        return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
                if p.suffix in (".docx", ".xlsx")}
    first, second = outputs(tmp_path / "one"), outputs(tmp_path / "two")
    assert len(first) == sample_documents() > 0
    assert first == second


@pytest.mark.libreoffice
@pytest.mark.slow
def test_samples_to_pdf(tmp_path):
    result = pea_docs("samples", "-o", tmp_path, "--pdf", "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    for row in manifest["documents"]:
        pdf = tmp_path / row["pdf"]
        assert pdf == (tmp_path / row["output"]).with_suffix(".pdf")
        assert pdf.read_bytes().startswith(b"%PDF")
        for width, height in pdf_page_sizes_mm(pdf):  # A4, portrait or landscape
            assert sorted((round(width), round(height))) == [210, 297], (row["output"], width, height)


def poisoned(folder: Path) -> dict[str, str]:
    """Write 20 inputs that fail, each in its own way; return file name -> the code expected."""
    good = STAMP.format(lang="ru", date="2025-02-03", i=1)
    cases = {
        "p01-control.yaml": (good.replace("Әсем", '"Ә\\x01сем"'), "text.control_character"),
        "p02-duplicate.yaml": (good + "  color: violet\n", "yaml.duplicate_key"),
        "p03-bigint.yaml": (good.replace('"02-05/1"', "9" * 5000), "limit.integer_digits"),
        "p04-laughs.yaml": ("form: registration_stamp\ndata:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n"
                            + "".join(f"  {chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n"
                                      for i in range(6)), "limit.yaml_values"),
        "p05-utf16.yaml": (None, "file.encoding"),
        "p06-binary.yaml": (None, "file.encoding"),
        "p07-empty.yaml": ("", "document.empty"),
        "p08-fifo.yaml": (None, "file.type"),
        "p09-zero.yaml": (None, "file.type"),
        "p10-escape.yaml": (good.replace("data:", "output: ../../away.docx\ndata:"), "output.escapes"),
        "p11-long-name.yaml": (good.replace("data:", f"output: {'x' * 300}.docx\ndata:"), "output.invalid"),
        "p12-int-key.yaml": (good + "  1: a\n", "data.key_type"),
        "p13-recursive.yaml": ("form: registration_stamp\ndata: &a\n  self: *a\n", "yaml.recursive"),
        "p14-bad-date.yaml": (good.replace("2025-02-03", "2025-15-01"), "date.invalid"),
        "p15-unknown-form.yaml": (good.replace("registration_stamp", "registration_stump"), "form.unknown"),
        "p16-syntax.yaml": ("form: registration_stamp\ndata: {index: [\n", "yaml.syntax"),
        "p17-output-map.yaml": (good.replace("data:", "output: {a: 1}\ndata:"), "value.string_type"),
        "p18-ink.yaml": (good.replace("color: blue", "color: red"), "stamp.color"),
        "p19-unknown-key.yaml": (good.replace("color: blue", "colour: blue"), "field.unknown"),
        "p20-nul.yaml": (good.replace("Әсем", '"Ә\\0сем"'), "text.control_character"),
    }
    for name, (text, _) in cases.items():
        path = folder / name
        if name == "p05-utf16.yaml":
            path.write_bytes(good.encode("utf-16"))
        elif name == "p06-binary.yaml":
            path.write_bytes(bytes(range(256)) * 4)
        elif name == "p08-fifo.yaml":
            os.mkfifo(path)
        elif name == "p09-zero.yaml":
            path.symlink_to("/dev/zero")
        else:
            path.write_text(text, encoding="utf-8")
    return {name: code for name, (_, code) in cases.items()}


def test_2000_inputs_20_poisoned_fail_alone_and_a_rerun_is_identical(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(1980):
        text = STAMP.format(lang=("ru", "kk", "en")[i % 3], date=f"2025-02-{1 + i % 28:02d}", i=i)
        (folder / f"s{i:04d}.yaml").write_text(text, encoding="utf-8")
    expected = poisoned(folder)
    result = pea_docs("batch", "in", "-o", "out", "-w", "2", "--json", cwd=tmp_path, timeout=600)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    payload = json.loads(result.stdout)
    assert (payload["done"], payload["failed"]) == (1980, 20)
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    failed = {Path(d["input"]).name: d["errors"][0] for d in manifest["documents"] if d["status"] == "failed"}
    assert {name: e["code"] for name, e in failed.items()} == expected
    # each failure names its input file, never the template or pea-docs itself
    assert all(e["file"] and Path(e["file"]).name == name for name, e in failed.items())
    assert not (tmp_path / "away.docx").exists()
    first = docx_files(tmp_path / "out")
    assert len(first) == 1980
    again = json.loads(pea_docs("batch", "in", "-o", "out", "-w", "2", "--json", cwd=tmp_path, timeout=600).stdout)
    assert (again["skipped"], again["failed"]) == (1980, 20)
    assert docx_files(tmp_path / "out") == first
