"""Shared test fixtures: LibreOffice conversion and PDF page geometry.

Tests marked ``libreoffice`` need ``soffice``. Where it is missing they are
skipped, except under CI (``CI=true``), where a missing LibreOffice is a failure:
CI installs it, and a skip there would hide that no document was ever opened.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"


def pytest_collection_modifyitems(config, items):
    if shutil.which("soffice"):
        return
    if os.environ.get("CI"):
        return  # the fixture below fails loudly instead
    skip = pytest.mark.skip(reason="LibreOffice (soffice) is not installed")
    for item in items:
        if "libreoffice" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def soffice() -> str:
    """Return the path of soffice (fail under CI when it is missing)."""
    path = shutil.which("soffice")
    if not path:
        pytest.fail("soffice is missing: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui")
    return path


@pytest.fixture(scope="session")
def to_pdf(soffice, tmp_path_factory):
    """Return a function converting an office file to PDF with LibreOffice."""
    profile = tmp_path_factory.mktemp("lo-profile")

    def convert(path: Path, outdir: Path | None = None) -> Path:
        outdir = outdir or Path(path).parent
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
             "--convert-to", "pdf", "--outdir", str(outdir), str(path)],
            check=True, capture_output=True, timeout=180,
        )
        pdf = outdir / (Path(path).stem + ".pdf")
        assert pdf.is_file(), f"LibreOffice did not convert {path}"
        return pdf

    return convert


def pdf_page_sizes_mm(pdf: Path) -> list[tuple[float, float]]:
    """Return (width, height) in millimetres of every page of a PDF (by pdfinfo)."""
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", str(pdf)], check=True,
                         capture_output=True, text=True).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", out)
    return [(float(w) * 25.4 / 72, float(h) * 25.4 / 72) for w, h in sizes]


def pdf_text(pdf: Path) -> str:
    """Return the text of a PDF (by pdftotext, layout kept)."""
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
