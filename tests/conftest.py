"""Shared test fixtures: LibreOffice conversion and PDF page geometry.

Tests marked ``libreoffice`` need ``soffice``. Where it is missing they are
skipped, except under CI (``CI=true``), where a missing LibreOffice is a failure:
CI installs it, and a skip there would hide that no document was ever opened.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import settings

# Under CI the property tests draw the same examples every run: a failure there is
# reproducible, and a green CI stays green unless the code changes. Locally they vary.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

from pdf_tools import REPO, SAMPLES, pdf_page_sizes_mm, pdf_text  # noqa: F401  (re-exported)
from pg_tools import BACKENDS, Stores


@pytest.fixture(params=BACKENDS)
def stores(request, tmp_path):
    """Registers kept in SQLite files, then in PostgreSQL (each test runs on both backends)."""
    found = Stores(request.param, tmp_path)
    yield found
    found.close()


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
