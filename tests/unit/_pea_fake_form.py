"""A tiny test-only form ("note") for the batch and CLI tests, so they need no real form.

``install()`` adds it to the form registry's cache; worker processes started by
fork inherit it. A subprocess can run ``python tests/unit/_pea_fake_form.py ARGS``
to get the command line with the form installed.
"""

from __future__ import annotations

import io
import sys
from functools import cache
from xml.sax.saxutils import escape

import docx

from pea_docs.documents import registry
from pea_docs.errors import Problem
from pea_docs.models import Person, RuleDate, Text, rule
from pea_docs.models.base import PeaModel
from pea_docs.ooxml.document import Document
from pea_docs.ooxml.package import normalize_package

MARK = "PEA-NOTE-TEXT"


class Note(PeaModel):
    """A note: an agent, a date and a line of text."""

    agent: Person = rule("rule 9", "who writes")
    date: RuleDate = rule("rule 11", "the date")
    text: Text = rule("", "the text")
    warn: bool = False


@cache
def _skeleton() -> bytes:
    d = docx.Document()
    d.add_paragraph(MARK)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def build(model: Note, lang: str, draft: bool) -> Document:
    import os
    import time
    import zipfile

    if os.environ.get("PEA_FAKE_SLEEP"):  # slows rendering down so a test can kill a batch midway
        time.sleep(float(os.environ["PEA_FAKE_SLEEP"]))

    line = f"{model.agent.surname} {model.agent.name} {model.date.isoformat()} {lang} {model.text}"
    src = zipfile.ZipFile(io.BytesIO(_skeleton()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(MARK.encode(), escape(line).encode("utf-8"))
            elif info.filename == "docProps/core.xml":
                data = b"<?xml version='1.0'?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\"/>"
            z.writestr(info.filename, data)
    return Document.from_bytes(normalize_package(out.getvalue()), suffix=".docx", name="note")


def check(model: Note) -> list[Problem]:
    if model.warn:
        return [Problem("note.warn", "rule 9", ("warn",), True, "is only a warning", severity="warning")]
    return []


SPEC = registry.FormSpec(name="note", title="Note", domain="cli", model=Note, build=build, check=check,
                         suffix=".docx")


def install() -> None:
    """Add the ``note`` form to the registry (idempotent)."""
    registry._registry()["note"] = SPEC


def uninstall() -> None:
    """Remove the ``note`` form from the registry."""
    registry._registry().pop("note", None)


def note_yaml(i: int, *, text: str | None = None, extra: str = "") -> str:
    """Return the YAML input of the i-th note."""
    return (f"form: note\nlang: kk\ndata:\n  agent: {{surname: Сапаров, name: Арман}}\n"
            f"  date: 2025-01-{1 + i % 28:02d}\n  text: \"{text or f'Хат № {i} «Альфа & Ко»'}\"\n{extra}")


if __name__ == "__main__":
    install()
    from pea_docs.cli.main import main

    sys.argv[0] = "pea-docs"
    main()
