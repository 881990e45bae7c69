"""Deterministic zip packages and atomic saving."""

import io
import os
import zipfile

import pytest

from pea_docs.ooxml.document import Document, atomic_write
from pea_docs.ooxml.package import ZIP_TIMESTAMP, normalize_package


def _zip(members):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members:
            z.writestr(name, data)
    return buf.getvalue()


def test_normalize_fixes_timestamps_and_order():
    data = _zip([("word/document.xml", "<w/>"), ("_rels/.rels", "<r/>"), ("[Content_Types].xml", "<t/>")])
    out = zipfile.ZipFile(io.BytesIO(normalize_package(data)))
    assert [i.filename for i in out.infolist()] == ["[Content_Types].xml", "_rels/.rels", "word/document.xml"]
    assert {i.date_time for i in out.infolist()} == {ZIP_TIMESTAMP}
    assert out.read("word/document.xml") == b"<w/>"


def test_same_content_written_at_different_times_gives_same_bytes():
    a = _zip([("[Content_Types].xml", "<t/>"), ("x.xml", "<x/>")])
    info = zipfile.ZipInfo("x.xml", date_time=(2030, 5, 5, 5, 5, 6))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<t/>")
        z.writestr(info, "<x/>")
    assert a != buf.getvalue()
    assert normalize_package(a) == normalize_package(buf.getvalue())


def test_atomic_write_leaves_nothing_on_failure(tmp_path):
    target = tmp_path / "sub" / "out.docx"

    def broken(fh):
        fh.write(b"half")
        raise RuntimeError("killed")

    with pytest.raises(RuntimeError):
        atomic_write(target, broken)
    assert not target.exists()
    assert os.listdir(target.parent) == []


def test_atomic_write_keeps_old_file_until_new_one_is_whole(tmp_path):
    target = tmp_path / "out.docx"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        atomic_write(target, lambda fh: (_ for _ in ()).throw(RuntimeError("x")))
    assert target.read_bytes() == b"old"
    atomic_write(target, lambda fh: fh.write(b"new"))
    assert target.read_bytes() == b"new"


def test_document_save_and_bytes(tmp_path):
    doc = Document.from_bytes(b"PK-data", suffix=".docx", name="letter")
    path = doc.save(tmp_path / "a.docx")
    assert path.read_bytes() == doc.to_bytes() == b"PK-data"
    assert repr(doc) == "<Document letter.docx>"


def test_save_refuses_a_path_with_another_suffix(tmp_path):
    from pea_docs.errors import OutputPathError

    doc = Document.from_bytes(b"PK", suffix=".docx", name="stamp")
    with pytest.raises(OutputPathError, match=r"must end in \.docx") as exc:
        doc.save(tmp_path / "stamp.xlsx")
    assert exc.value.problems[0].code == "output.suffix"
    assert not (tmp_path / "stamp.xlsx").exists()
    assert doc.save(tmp_path / "STAMP.DOCX").exists()  # the suffix's case does not matter
