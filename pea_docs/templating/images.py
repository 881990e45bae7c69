"""Images in Word templates: ``{{ image('seal.png', width_mm=30) }}`` — a scanned signature, a seal, a photo.

A template calls ``image(path, width_mm=None, height_mm=None)`` in the body, a
table, a header or a footer; the path may come from the data
(``{{ image(seal) }}`` with ``seal: seal.png``). It is a path inside the base
folder — the folder of the YAML input, else of the template, or ``base_dir=`` —
and never leads out of it (``..``, an absolute path, a symbolic link out are
refused). PNG and JPEG only, under the ``image_bytes`` and ``image_pixels``
limits. One size given, the other follows the aspect ratio; neither, the image's
own size at its resolution (96 dpi when it names none).

The picture goes in as Word's own inline drawing: the run holding the tag is
closed, a run with the drawing follows, and the text after the tag goes on in a
new run. The package gains the image (``word/media/pea-<sha256>.png``, one copy
however often it is used), a relationship in the part's ``.rels`` and the content
type of its extension; names and numbers follow the order of the tags, so equal
input gives equal bytes.

>>> png = _example_png(4, 2)
>>> picture_size(png)
('png', 4, 2, 96.0, 96.0)
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import os
import re
import struct
import threading
import zlib
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from lxml import etree
from markupsafe import Markup

from pea_docs.errors import InputError, Problem
from pea_docs.errors.codes import register_code
from pea_docs.io.limits import current, grouped, limit_error
from pea_docs.ooxml.rawzip import RawMember, deflate

__all__ = ["ImageSession", "Picture", "RawXml", "enter_part", "image", "image_session", "picture_size",
           "read_picture", "resolve_inside", "subdoc"]

register_code("image.path", "", "an image path that leads out of the base folder, or names no file")
register_code("image.format", "", "an image that is not a PNG or JPEG, or is damaged")
register_code("image.size", "", "an image size (width_mm, height_mm) that is not a positive number of millimetres")
register_code("image.place", "", "an image outside the body, a table, a header or a footer (a document "
              "property, a hyperlink's address)")

_EMU_PER_MM = 36_000
_CONTENT_TYPES = {"png": "image/png", "jpeg": "image/jpeg"}
_PLACES = ("body", "header", "footer", "footnotes", "endnotes")
_REL_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


class RawXml(Markup):
    """Markup pea-docs itself wrote (an image's drawing): printed as it is, not shaped nor escaped."""

    __slots__ = ()


def _problem(code: str, loc: tuple[str | int, ...], value: Any, message: str) -> InputError:
    return InputError([Problem(code, "", loc, value, message)])


def picture_size(data: bytes) -> tuple[str, int, int, float, float]:
    """Return (kind, width px, height px, horizontal dpi, vertical dpi) of a PNG or JPEG.

    Raises:
        InputError: not a PNG or JPEG, or too damaged to tell its size (``image.format``).
    """
    if data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR":
        width, height = struct.unpack(">II", data[16:24])
        dpi = (96.0, 96.0)
        at = data.find(b"pHYs")
        if at > 0 and len(data) >= at + 13:
            x, y, unit = struct.unpack(">IIB", data[at + 4:at + 13])
            if unit == 1 and x and y:  # pixels per metre
                dpi = (x * 0.0254, y * 0.0254)
        return "png", width, height, *dpi
    if data[:2] == b"\xff\xd8":
        dpi, at = (96.0, 96.0), 2
        while at + 4 <= len(data):
            if data[at] != 0xFF:
                break
            marker, length = data[at + 1], struct.unpack(">H", data[at + 2:at + 4])[0]
            if marker == 0xE0 and data[at + 4:at + 9] == b"JFIF\x00" and len(data) >= at + 16:
                unit, x, y = struct.unpack(">BHH", data[at + 11:at + 16])
                if unit in (1, 2) and x and y:
                    dpi = (float(x), float(y)) if unit == 1 else (x * 2.54, y * 2.54)
            if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
                height, width = struct.unpack(">HH", data[at + 5:at + 9])
                return "jpeg", width, height, *dpi
            at += 2 + length
    raise _problem("image.format", (), None, "is not a PNG or JPEG image (or is damaged): save it as PNG or JPEG")


@dataclass(frozen=True)
class Picture:
    """An image read once: its media part (deflated), its kind and its size in pixels and dpi."""

    member: RawMember
    kind: str
    width: int
    height: int
    dpi_x: float
    dpi_y: float

    @property
    def name(self) -> str:
        """Return the media part's name in the package."""
        return self.member.name

    def size_emu(self, width_mm: float | None, height_mm: float | None) -> tuple[int, int]:
        """Return the drawn size in EMU: the one given, the other by the aspect ratio; or the natural size."""
        if width_mm is not None and height_mm is not None:
            width, height = float(width_mm), float(height_mm)
        elif width_mm is not None:
            width = float(width_mm)
            height = width * self.height / self.width
        elif height_mm is not None:
            height = float(height_mm)
            width = height * self.width / self.height
        else:
            width, height = self.width / self.dpi_x * 25.4, self.height / self.dpi_y * 25.4
        return round(width * _EMU_PER_MM), round(height * _EMU_PER_MM)


_cache: OrderedDict[tuple[str, int, int], Picture] = OrderedDict()
_lock = threading.Lock()


def read_picture(path: Path, loc: tuple[str | int, ...] = ()) -> Picture:
    """Return the picture at ``path`` (read once while the file is unchanged).

    Raises:
        InputError: not a PNG or JPEG (``image.format``), over a limit (``limit.image_*``),
            unreadable (``image.path``).
    """
    try:
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size)
        with _lock:
            hit = _cache.get(key)
        if hit is not None:
            return hit
        if stat.st_size > current().image_bytes:
            raise limit_error("image_bytes", f"{path.name} has {grouped(stat.st_size)} bytes", loc, str(path))
        data = path.read_bytes()
    except OSError as exc:
        raise _problem("image.path", loc, path.name, f"cannot be read: {exc.strerror or exc}") from None
    try:
        kind, width, height, dpi_x, dpi_y = picture_size(data)
    except InputError as exc:
        raise InputError([Problem(p.code, "", loc, path.name, p.message) for p in exc.problems]) from None
    if width * height > current().image_pixels or not width or not height:
        raise limit_error("image_pixels", f"{path.name} is {width} × {height} pixels", loc, path.name)
    name = f"word/media/pea-{hashlib.sha256(data).hexdigest()[:20]}.{kind}"
    picture = Picture(deflate(name, data), kind, width, height, dpi_x, dpi_y)
    with _lock:
        _cache[key] = picture
        while len(_cache) > 256:
            _cache.popitem(last=False)
    return picture


def resolve_inside(base: Path, name: str, loc: tuple[str | int, ...] = ()) -> Path:
    """Return the file ``name`` inside the folder ``base``, or refuse it (``image.path``).

    >>> import tempfile; folder = Path(tempfile.mkdtemp())
    >>> resolve_inside(folder, "../seal.png")
    Traceback (most recent call last):
    ...
    pea_docs.errors.InputError: '../seal.png' leads out of the image folder ... a path inside it, as seal.png or images/seal.png
    """
    text = str(name).replace("\\", "/")
    pure = PurePosixPath(text)
    root = base.resolve()
    if not text or pure.is_absolute() or ".." in pure.parts or re.match(r"^[A-Za-z]:", text):
        raise _problem("image.path", loc, name, f"leads out of the image folder ({root}); write a path inside "
                                                "it, as seal.png or images/seal.png")
    path = root.joinpath(*pure.parts).resolve()
    if not path.is_relative_to(root):
        raise _problem("image.path", loc, name, f"leads out of the image folder ({root}) through a symbolic link")
    if not path.is_file():
        raise _problem("image.path", loc, name, f"is not a file in the image folder ({root})")
    return path


@dataclass
class ImageSession:
    """The images of one rendering: where they are read from, and what each part received."""

    base: str | os.PathLike[str]  # made a Path only when an image is read: most documents have none
    part: str = ""
    kind: str = ""
    placed: dict[str, list[tuple[str, Picture]]] = field(default_factory=dict)
    drawings: int = 0
    #: the subdocuments' packages, in the order of their tags (pea_docs.templating.subdocs)
    subdocs: list[bytes] = field(default_factory=list)

    def place_subdoc(self, source: Any) -> RawXml:
        """Return the marker of the subdocument ``source``, read now, joined once the document is written."""
        from pea_docs.templating.subdocs import marker, read_subdocument

        if self.kind != "body":
            raise _problem("subdoc.place", (), source, f"cannot go in {self.kind or 'this part'}: a subdocument "
                                                       "takes a paragraph of the body")
        if not isinstance(source, (str, Path)):
            raise _problem("image.path", (), source, "must be the path of a .docx file: subdoc('clause.docx')")
        self.subdocs.append(read_subdocument(resolve_inside(Path(self.base), str(source))))
        return RawXml(marker(len(self.subdocs)))

    def place(self, source: Any, width_mm: Any = None, height_mm: Any = None) -> RawXml:
        """Return the drawing of the image ``source`` for the part being rendered."""
        if self.kind not in _PLACES:
            raise _problem("image.place", (), source, f"cannot go in {self.kind or 'this part'}: an image goes "
                                                      "in the body, a table, a header or a footer")
        if not isinstance(source, (str, Path)):
            raise _problem("image.path", (), source, "must be the path of a PNG or JPEG file: image('seal.png')")
        sizes = []
        for label, value in (("width_mm", width_mm), ("height_mm", height_mm)):
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))
                                      or not 0 < value <= 1000):
                raise _problem("image.size", (label,), value, "must be a number of millimetres above 0")
            sizes.append(value)
        picture = read_picture(resolve_inside(Path(self.base), str(source)))
        rels = self.placed.setdefault(self.part, [])
        rel_id = f"rIdPeaImage{len(rels) + 1}"
        rels.append((rel_id, picture))
        self.drawings += 1
        cx, cy = picture.size_emu(*sizes)
        return RawXml(_DRAWING.format(cx=cx, cy=cy, id=90000 + self.drawings, rel=rel_id,
                                      name=f"Picture {self.drawings}"))

    def members(self, current_bytes: Any) -> list[RawMember]:
        """Return the media, the ``.rels`` and ``[Content_Types].xml`` members the images add.

        ``current_bytes(name)`` gives a part's present bytes (rendered or as prepared), or None.
        """
        if not self.placed:
            return []
        out: dict[str, RawMember] = {}
        kinds = set()
        for part, rels in sorted(self.placed.items()):
            folder, _, base = part.rpartition("/")
            rels_name = f"{folder}/_rels/{base}.rels"
            root = etree.fromstring(current_bytes(rels_name) or f'<Relationships xmlns="{_REL_NS}"/>'.encode(),
                                    _PARSER)
            for rel_id, picture in rels:
                element = etree.SubElement(root, f"{{{_REL_NS}}}Relationship")
                element.set("Id", rel_id)
                element.set("Type", _REL_IMAGE)
                element.set("Target", "media/" + picture.name.rsplit("/", 1)[-1])
                out[picture.name] = picture.member
                kinds.add(picture.kind)
            out[rels_name] = deflate(rels_name, etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                                               standalone=True))
        types = etree.fromstring(current_bytes("[Content_Types].xml"), _PARSER)
        have = {(e.get("Extension") or "").lower() for e in types.iter(f"{{{_CT_NS}}}Default")}
        for kind in sorted(kinds - have):
            default = etree.Element(f"{{{_CT_NS}}}Default")
            default.set("Extension", kind)
            default.set("ContentType", _CONTENT_TYPES[kind])
            types.insert(0, default)
        out["[Content_Types].xml"] = deflate("[Content_Types].xml", etree.tostring(
            types, xml_declaration=True, encoding="UTF-8", standalone=True))
        return list(out.values())


_SESSION: contextvars.ContextVar[ImageSession | None] = contextvars.ContextVar("pea_docs_images", default=None)


@contextlib.contextmanager
def image_session(base: str | os.PathLike[str]) -> Iterator[ImageSession]:
    """Collect the images of one rendering, read from the folder ``base``."""
    session = ImageSession(base)
    token = _SESSION.set(session)
    try:
        yield session
    finally:
        _SESSION.reset(token)


def enter_part(name: str, kind: str) -> None:
    """Tell the rendering's images which part is being rendered (its ``.rels`` gets them)."""
    session = _SESSION.get()
    if session is not None:
        session.part, session.kind = name, kind


def subdoc(source: Any) -> RawXml:
    """The template function ``subdoc(path)``: another document's body in this paragraph's place."""
    session = _SESSION.get()
    if session is None:
        raise _problem("subdoc.place", (), source, "subdocuments are joined when a template is rendered to a file")
    return session.place_subdoc(source)


def image(source: Any, width_mm: Any = None, height_mm: Any = None) -> RawXml:
    """The template function ``image(path, width_mm=None, height_mm=None)``."""
    session = _SESSION.get()
    if session is None:
        raise _problem("image.place", (), source, "images are put in when a template is rendered to a file")
    return session.place(source, width_mm, height_mm)


# Word's inline picture, as python-docx writes it; the run that held the tag is closed before it and a
# new one opened after it. Namespaces are declared where used: a header part may not declare them.
_DRAWING = (
    '</w:t></w:r><w:r><w:drawing>'
    '<wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
    '<wp:docPr id="{id}" name="{name}"/><wp:cNvGraphicFramePr>'
    '<a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" noChangeAspect="1"/>'
    '</wp:cNvGraphicFramePr><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr>'
    '<pic:cNvPr id="0" name="{name}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>'
    '<a:blip xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:embed="{rel}"/>'
    '<a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
    '<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
    '</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r><w:r><w:t xml:space="preserve">'
)


def _example_png(width: int, height: int) -> bytes:
    """Return a small grey PNG (for the examples and tests)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
