"""LibreOffice conversion: many files per call, private profiles, timeouts, a missing soffice."""

import shutil
import subprocess

import docx
import pytest

from pea_docs.errors import ConverterError
from pea_docs.ooxml import pdf as pdf_module
from pea_docs.ooxml.pdf import Converter, LibreOfficeMissingError, find_soffice


def make_docx(path, text):
    d = docx.Document()
    d.add_paragraph(text)
    d.save(path)
    return path


def test_missing_soffice_is_an_environment_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PEA_DOCS_SOFFICE", str(tmp_path / "soffice"))
    with pytest.raises(LibreOfficeMissingError) as info:
        find_soffice()
    assert info.value.exit_code == 3
    assert "apt-get install libreoffice-writer-nogui libreoffice-calc-nogui" in str(info.value)
    assert isinstance(info.value, ConverterError)


def test_timeout_is_reported_per_file(tmp_path, monkeypatch):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nsleep 30\n")
    fake.chmod(0o755)
    monkeypatch.setattr(pdf_module, "STARTUP_SECONDS", 0.0)
    files = [make_docx(tmp_path / f"{n}.docx", n) for n in ("a", "b")]
    with Converter(soffice=str(fake), timeout=0.2) as converter:
        results = converter.convert(files)
    assert all(isinstance(r, ConverterError) for r in results.values())
    assert "did not finish the PDF within 0 s" in str(results[files[0]])
    assert not list(tmp_path.glob(".pea-docs-pdf-*"))  # the temporary folders are gone


@pytest.mark.libreoffice
def test_converts_many_files_beside_them(tmp_path):
    (tmp_path / "sub").mkdir()
    files = [make_docx(tmp_path / f"letter-{i}.docx", f"Хат № {i}") for i in range(3)]
    files.append(make_docx(tmp_path / "sub" / "letter-0.docx", "Басқа хат"))
    with Converter() as converter:
        profile = converter.profile
        results = converter.convert(files)
        assert profile.is_dir()
    assert not profile.exists()  # the private profile is removed
    for f in files:
        pdf = results[f]
        assert pdf == f.with_suffix(".pdf") and pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(files[3].with_suffix(".pdf")), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert "Басқа хат" in text
