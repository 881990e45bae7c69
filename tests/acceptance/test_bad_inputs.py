"""The bad-input corpus (tests/data/bad/, made by its make_corpus.py): each case ends in a clear error.

Every case runs the real command line in a fresh process and must end with its
exit code and its problem code, without a traceback, without writing outside the
output folder, and without leaving a file that does not open (every XML part of
every .docx and .xlsx written is parsed).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from lxml import etree

CORPUS = Path(__file__).parents[1] / "data" / "bad"
CASES = json.loads((CORPUS / "cases.json").read_text(encoding="utf-8"))
CLI = [sys.executable, "-m", "pea_docs"]
AGENT = {"surname": "Сапаров", "name": "Арман", "license": "12345", "territory": "г. Алматы",
         "address": "г. Алматы, ул. Абая, 1"}


def test_the_corpus_has_at_least_80_cases_of_every_kind():
    kinds = {c["file"].split("-")[0] for c in CASES}
    assert len(CASES) >= 80
    assert kinds >= {"yaml", "text", "template", "docx", "path", "env", "register"}


def run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2]), **env})


def well_formed(path: Path) -> None:
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(package.read(name))


def prepare(case: dict, tmp: Path) -> tuple[list[str], Path]:
    """Return the command line of a case and its output folder (made under ``tmp``)."""
    source = CORPUS / case["file"]
    out = tmp / "out"
    cmd = case["cmd"]
    if cmd == "validate":
        return ["validate", "--json", str(source)], out
    if cmd == "render":
        form = yaml.safe_load(source.read_text(encoding="utf-8"))["form"]
        out.mkdir()
        return ["render", form, str(source), "-o", str(out), "--json"], out
    if cmd == "template":
        (tmp / "values.yaml").write_text('x: "Smith & Sons <Ltd>"\n', encoding="utf-8")
        return ["render", str(source), str(tmp / "values.yaml"), "-o", str(out / "doc.docx"), "--json"], out
    if cmd == "template-data":
        shutil.copy(CORPUS / "template-safe.docx", tmp / "t.docx")
        return ["render", str(tmp / "t.docx"), str(source), "-o", str(out / "doc.docx"), "--json"], out
    if cmd == "register-apply":
        (tmp / "office.yaml").write_text(yaml.safe_dump({"agent": AGENT}, allow_unicode=True), encoding="utf-8")
        return ["register", "--db", str(tmp / "r.db"), "--office", str(tmp / "office.yaml"), "incoming",
                "--from", "АО «Банк»", "--summary", "Письмо", "--apply-to", str(source)], out
    if cmd == "register-summary":  # bytes that are not UTF-8 reach the program as they came
        return ["register", "--db", str(tmp / "r.db"), "outgoing", "--to", "АО «Банк»", "--json",
                "--summary", os.fsdecode(source.read_bytes())], out
    if cmd == "register-year":
        return ["register", "--db", str(tmp / "r.db"), "list", "incoming", "--year", "99999999999999999999"], out
    assert cmd == "batch", cmd
    inputs = tmp / "in"
    inputs.mkdir()
    target = inputs / case["file"]
    setup = case["setup"]
    if setup == "fifo":
        os.mkfifo(target)
    elif setup == "dev_zero":
        target.symlink_to("/dev/zero")
    elif setup == "dangling":
        target.symlink_to(tmp / "nowhere.yaml")
    else:
        shutil.copy(source, target)
    if setup == "state_link":
        (tmp / "elsewhere").mkdir()
        out.mkdir()
        (out / ".pea-docs").symlink_to(tmp / "elsewhere")
    elif setup == "subfolder_link":
        (tmp / "elsewhere").mkdir()
        out.mkdir()
        (out / "sub").symlink_to(tmp / "elsewhere")
    return ["batch", str(inputs), "-o", str(out), "-w", "0", "--json"], out


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_bad_input_ends_in_a_clear_error(case, tmp_path):
    before = sorted(p.name for p in CORPUS.iterdir())
    args, out = prepare(case, tmp_path)
    result = run(args, tmp_path, case["env"])
    said = result.stdout + result.stderr
    assert "Traceback" not in said, said[-3000:]
    assert result.returncode == case["exit"], said[-3000:]
    if case["cmd"] == "batch" and (out / "manifest.json").exists():
        documents = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["documents"]
        codes = [e["code"] for d in documents for e in d.get("errors") or []]
        assert case["code"] in codes, documents
    elif case["code"]:
        assert case["code"] in said, said[-3000:]
    if case["cmd"].startswith("register") and (tmp_path / "r.db").exists():
        import sqlite3  # a refused registration spends no number
        with sqlite3.connect(tmp_path / "r.db") as db:
            count = db.execute("SELECT count(*) FROM entries").fetchone()[0]
        assert count == (1 if case["cmd"] == "register-apply" else 0)
    # nothing outside the output folder; nothing there that does not open
    assert sorted(p.name for p in CORPUS.iterdir()) == before
    assert not Path("/tmp/pea-docs-escape.docx").exists()
    for elsewhere in (tmp_path / "elsewhere",):
        assert not elsewhere.exists() or not any(elsewhere.iterdir())
    if out.exists():
        for path in out.rglob("*"):
            if path.suffix in (".docx", ".xlsx") and not path.is_symlink():
                well_formed(path)
            assert not path.name.endswith(".part"), path
    if case["cmd"] == "register-apply":  # the number given is said, though the stamp failed
        assert "registered incoming No. 1 of" in result.stderr and "stamp failed" in result.stderr
