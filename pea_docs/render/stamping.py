"""Put a registration stamp on the first page of an existing Word document (rules 21, 23).

The stamp is added as one floating text box (a DrawingML ``wp:anchor`` holding a
``wps`` shape with the three lines), anchored to the first paragraph and placed
relative to the page, in front of the text and without wrapping. Nothing else
changes: no paragraph, run, style, header or property of the document is
touched, so its text and its layout stay as they were.

Where it goes (the "field" of the Rules is the page's margin):

* incoming (rule 21), the lower right field: the stamp's right edge on the right
  edge of the text, centred in the bottom margin, but never closer than 5 mm to
  the paper's edge (a printer cannot print there) -- with the usual 20 mm margin
  it reaches 5 mm into the text area;
* outgoing (rule 23), the upper left field: the stamp's left edge on the left
  edge of the text, centred in the top margin on the same terms.

>>> import io, docx
>>> letter = docx.Document(); _ = letter.add_paragraph("Запрос"); buf = io.BytesIO(); letter.save(buf)
>>> out = io.BytesIO()
>>> apply_stamp(io.BytesIO(buf.getvalue()), {"agent": {"surname": "Сапаров", "name": "Арман"},
...             "date": "2025-01-09", "index": "15"}, out)
>>> [p.text for p in docx.Document(out).paragraphs]
['Запрос']
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, BinaryIO, Literal

from docx.oxml.ns import nsmap as _DOCX_NSMAP
from lxml import etree

from ..errors import InputError, Problem, RuleViolationError
from ..locale import check_lang
from ..models.base import coerce
from ..models.stamp import RegistrationStamp
from ..rules.stamp import check
from .document import atomic_write
from .package import write_normalized
from .stamp import HEIGHT_MM, PADDING_MM, WIDTH_MM, emu, ink_rgb, stamp_lines, stamp_paragraphs

__all__ = ["Corner", "apply_stamp", "stamp_position"]

#: The corner of the first page the stamp goes to.
Corner = Literal["lower_right", "upper_left"]
_CORNERS: dict[str, Corner] = {"incoming": "lower_right", "outgoing": "upper_left"}

_NS = {
    "w": _DOCX_NSMAP["w"],
    "wp": _DOCX_NSMAP["wp"],
    "a": _DOCX_NSMAP["a"],
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "r": _DOCX_NSMAP["r"],
}
_W = "{%s}" % _NS["w"]
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
#: The nearest the stamp comes to the paper's edge.
_EDGE_MM = 5.0
# Page and margins when a document does not state them: A4, 20 mm.
_DEFAULT_PAGE = {"w": 11906, "h": 16838, "top": 1134, "right": 1134, "bottom": 1134, "left": 1134}
_LINE_EMU = 12700  # the frame's line: 1 pt, as in the stamp form


def _unreadable(source: object, message: str) -> InputError:
    name = str(source) if isinstance(source, (str, os.PathLike)) else "docx_in"
    return InputError([Problem("stamp.document", "", ("docx_in",), name, message)])


def _read(source: str | os.PathLike[str] | BinaryIO) -> bytes:
    try:
        if isinstance(source, (str, os.PathLike)):
            return Path(source).read_bytes()
        return source.read()
    except OSError as exc:
        raise _unreadable(source, f"cannot be read: {exc.strerror or exc}") from None


def _main_part(package: zipfile.ZipFile) -> str:
    """Return the name of the main document part (``word/document.xml`` as a rule)."""
    rels = etree.fromstring(package.read("_rels/.rels"))
    for rel in rels:
        if rel.get("Type") == _OFFICE_DOCUMENT:
            return posixpath.normpath(rel.get("Target", "").lstrip("/"))
    raise KeyError("officeDocument")


def _twips(sect_pr: etree._Element | None, tag: str, attr: str) -> int:
    element = sect_pr.find(f"{_W}{tag}") if sect_pr is not None else None
    value = element.get(f"{_W}{attr}") if element is not None else None
    try:
        return int(float(value)) if value is not None else _DEFAULT_PAGE[attr]
    except ValueError:
        return _DEFAULT_PAGE[attr]


def stamp_position(sect_pr: etree._Element | None, corner: Corner) -> tuple[int, int]:
    """Return the stamp's top left corner on the page, in EMU, for a section's page and margins.

    >>> [round(v / 36000, 1) for v in stamp_position(None, "lower_right")]
    [145.0, 272.0]
    >>> [round(v / 36000, 1) for v in stamp_position(None, "upper_left")]
    [20.0, 5.0]
    """
    def mm(tag: str, attr: str) -> float:
        return _twips(sect_pr, tag, attr) * 25.4 / 1440

    page_w, page_h = mm("pgSz", "w"), mm("pgSz", "h")
    if corner == "lower_right":
        x = page_w - mm("pgMar", "right") - WIDTH_MM
        y = page_h - HEIGHT_MM - max(_EDGE_MM, (mm("pgMar", "bottom") - HEIGHT_MM) / 2)
    else:
        x = mm("pgMar", "left")
        y = max(_EDGE_MM, (mm("pgMar", "top") - HEIGHT_MM) / 2)
    return emu(x), emu(y)


def _next_drawing_id(package: zipfile.ZipFile) -> int:
    # drawing ids must be unique across the body, headers and footers, or Word complains
    ids = [0]
    for name in package.namelist():
        if name.startswith("word/") and name.endswith(".xml"):
            ids += [int(m) for m in re.findall(rb'docPr\b[^>]*?\bid="(\d+)"', package.read(name))]
    return max(ids) + 1


def _anchor_run(stamp: RegistrationStamp, lang: str, position: tuple[int, int], drawing_id: int,
                in_table: bool) -> etree._Element:
    """Return the ``w:r`` holding the floating stamp."""
    rgb = ink_rgb(stamp.color)
    cx, cy = emu(WIDTH_MM), emu(HEIGHT_MM)
    inset = str(emu(PADDING_MM))
    layout_in_cell = "0" if in_table else "1"
    xml = f"""<w:r xmlns:w="{_NS['w']}" xmlns:wp="{_NS['wp']}" xmlns:a="{_NS['a']}" xmlns:wps="{_NS['wps']}">
<w:rPr><w:noProof/></w:rPr><w:drawing>
<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="251659264"
 behindDoc="0" locked="0" layoutInCell="{layout_in_cell}" allowOverlap="1">
<wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="page"><wp:posOffset>{position[0]}</wp:posOffset></wp:positionH>
<wp:positionV relativeFrom="page"><wp:posOffset>{position[1]}</wp:posOffset></wp:positionV>
<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>
<wp:docPr id="{drawing_id}" name="Registration stamp {drawing_id}"/><wp:cNvGraphicFramePr/>
<a:graphic><a:graphicData uri="{_NS['wps']}"><wps:wsp><wps:cNvSpPr txBox="1"/>
<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>
<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/>
<a:ln w="{_LINE_EMU}"><a:solidFill><a:srgbClr val="{rgb}"/></a:solidFill></a:ln></wps:spPr>
<wps:txbx><w:txbxContent/></wps:txbx>
<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="{inset}" tIns="0" rIns="{inset}" bIns="0"
 anchor="ctr" anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic>
</wp:anchor></w:drawing></w:r>"""
    run = etree.fromstring(re.sub(r">\s+<", "><", xml.replace("\n ", " ")))
    content = run.find(f".//{_W}txbxContent")
    content.extend(stamp_paragraphs(stamp_lines(stamp, lang=lang), rgb, lang=lang))
    return run


def _with_namespaces(root: etree._Element) -> etree._Element:
    """Return ``root`` declaring the prefixes the stamp uses (Word wants them on the root)."""
    missing = {p: u for p, u in _NS.items() if root.nsmap.get(p) != u and u not in root.nsmap.values()}
    if not missing:
        return root
    fresh = etree.Element(root.tag, attrib=dict(root.attrib), nsmap={**root.nsmap, **missing})
    fresh.text = root.text
    for child in list(root):
        fresh.append(child)
    return fresh


def _stamped(data: bytes, stamp: RegistrationStamp, lang: str, corner: Corner, source: object) -> bytes:
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        part = _main_part(package)
        root = etree.fromstring(package.read(part))
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as exc:
        raise _unreadable(source, f"is not a Word document (.docx): {exc}") from None
    body = root.find(f"{_W}body")
    first = next(body.iter(f"{_W}p"), None) if body is not None else None
    if first is None:
        raise _unreadable(source, "has no paragraph to anchor the stamp to")
    sect_pr = next(body.iter(f"{_W}sectPr"), None)  # the first section holds the first page
    in_table = any(a.tag == f"{_W}tc" for a in first.iterancestors())
    run = _anchor_run(stamp, lang, stamp_position(sect_pr, corner), _next_drawing_id(package), in_table)
    ppr = first.find(f"{_W}pPr")
    if ppr is not None:
        ppr.addnext(run)
    else:
        first.insert(0, run)
    root = _with_namespaces(root)
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in package.infolist():
            target.writestr(info, xml if info.filename == part else package.read(info.filename))
    return out.getvalue()


def apply_stamp(docx_in: str | os.PathLike[str] | BinaryIO,
                stamp: RegistrationStamp | Mapping[str, Any],
                docx_out: str | os.PathLike[str] | BinaryIO, *, lang: str = "ru",
                corner: Corner | None = None) -> Path | None:
    """Place a registration stamp on the first page of a Word document (rules 21, 23, 60).

    Args:
        docx_in: the document to stamp: a path or a binary file object.
        stamp: a :class:`~pea_docs.models.stamp.RegistrationStamp` or an equivalent dict.
        docx_out: where to write the stamped copy (a path, written atomically, may equal
            ``docx_in``), or a binary file object.
        lang: the language of the stamp's labels: ``ru``, ``kk`` or ``en``.
        corner: ``"lower_right"`` or ``"upper_left"``; by default the stamp's direction
            decides (incoming: lower right, rule 21; outgoing: upper left, rule 23).

    Returns:
        The path written, or None when ``docx_out`` is a file object.

    Raises:
        InputError: the stamp's data is wrong, or ``docx_in`` is not a readable .docx.
        RuleViolationError: the stamp breaks the Rules (an ink other than blue or violet).
    """
    check_lang(lang)
    model = coerce(RegistrationStamp, stamp, loc=("stamp",))
    errors = [p.at("stamp") for p in check(model) if p.severity == "error"]
    if errors:
        raise RuleViolationError(errors)
    if corner is None:
        corner = _CORNERS[model.direction]
    elif corner not in ("lower_right", "upper_left"):
        raise InputError([Problem("option.invalid", "", ("corner",), corner,
                                  "is not a corner; use lower_right or upper_left")])
    data = _stamped(_read(docx_in), model, lang, corner, docx_in)
    if isinstance(docx_out, (str, os.PathLike)):
        return atomic_write(docx_out, lambda fh: write_normalized(data, fh))
    write_normalized(data, docx_out)
    return None
