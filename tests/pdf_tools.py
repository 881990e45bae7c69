"""Helpers for tests that read PDFs made by LibreOffice (poppler's pdfinfo, pdftotext).

Imported by name (``from pdf_tools import pdf_text``): the tests folder is on
``sys.path`` because of its conftest.py; a ``from conftest import`` would pick
whichever conftest module was imported first.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"


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
