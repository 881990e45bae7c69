"""Put a registration stamp on the first page of an existing Word document (rules 21, 23).

The stamp is added as one floating text box (a DrawingML ``wp:anchor`` holding a
``wps`` shape with the three lines), in a new run of an existing paragraph.
Nothing else changes: no paragraph, run, style, header or property of the
document is touched. The stamp covers no text: it goes into an empty field of
the page when there is one, and otherwise makes the text flow past it.

Where it goes (rule 21: "the lower right field of the first sheet"; rule 23:
"the upper left field"; both "without disturbing its content"), the first
place that fits, see :func:`find_placement`:

1. outgoing (upper left) only: a field the document reserves for the stamp --
   an empty first cell, at least 45 mm wide, of a table row at least 20 mm high
   at the top of the first page (the built-in letters have one). The stamp sits
   in that cell, at its top left; nothing moves.
2. the page margin, when it is tall enough for the stamp 5 mm or more from the
   paper's edge (a printer cannot print nearer) and 2 mm from the text (27 mm
   or more), and the first page's header
   (upper left) or footer (lower right) is empty: the stamp sits in it, its left
   (right) edge on the text's left (right) edge; nothing moves.
3. incoming (lower right), when a ruled table follows the text (it may run to the
   page's foot, and LibreOffice flows no table row past a floating stamp) and page
   one prints no footer: a footer of page one's own holding the stamp at its right;
   the body, tables included, ends above it (:mod:`pea_docs.documents.stamp_footer`).
4. otherwise the corner of the text area, with the text flowing above and below
   the stamp but never under it (``wp:wrapTopAndBottom``): the text is pushed
   down by the stamp's height (upper left), or the last lines of the first page
   go on to the next (lower right); not a word of it changes.

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
import stat
import zipfile
import zlib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from lxml import etree

from pea_docs.documents.stamp_footer import footer_members
from pea_docs.documents.stamp_placement import (
    GAP_MM,
    LINE_EMU,
    NS,
    OFFICE_DOCUMENT,
    Corner,
    Placement,
    W,
    find_placement,
    has_content,
)
from pea_docs.errors import InputError, Problem, RuleViolationError
from pea_docs.format.stamp import HEIGHT_MM, PADDING_MM, WIDTH_MM, ink_rgb, stamp_lines
from pea_docs.io.limits import current, limit_error
from pea_docs.locale import check_lang
from pea_docs.models.base import coerce
from pea_docs.models.stamp import RegistrationStamp
from pea_docs.ooxml.document import atomic_write
from pea_docs.ooxml.package import open_package, write_normalized
from pea_docs.ooxml.stamp_xml import emu, stamp_paragraphs
from pea_docs.rules.stamp import check

__all__ = ["Corner", "Placement", "apply_stamp", "find_placement"]

_CORNERS: dict[str, Corner] = {"incoming": "lower_right", "outgoing": "upper_left"}

def _unreadable(source: object, message: str) -> InputError:
    name = str(source) if isinstance(source, (str, os.PathLike)) else "docx_in"
    return InputError([Problem("stamp.document", "", ("docx_in",), name, message)])


# what a damaged package raises while it is read
_DAMAGED = (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError, KeyError, etree.XMLSyntaxError)


def _read(source: str | os.PathLike[str] | BinaryIO) -> bytes:
    limit = current().zip_bytes
    try:
        if isinstance(source, (str, os.PathLike)):
            with open(source, "rb") as fh:
                if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                    raise _unreadable(source, "is not a regular file")
                data = fh.read(limit + 1)
        else:
            data = source.read(limit + 1)
        if len(data) > limit:
            raise limit_error("zip_bytes", f"{getattr(source, 'name', source)} is larger")
        return data
    except OSError as exc:
        raise _unreadable(source, f"cannot be read: {exc.strerror or exc}") from None


def _main_part(package: zipfile.ZipFile) -> str:
    """Return the name of the main document part (``word/document.xml`` as a rule)."""
    rels = etree.fromstring(package.read("_rels/.rels"))
    for rel in rels:
        if rel.get("Type") == OFFICE_DOCUMENT:
            return posixpath.normpath(rel.get("Target", "").lstrip("/"))
    raise KeyError("officeDocument")


def _next_drawing_id(package: zipfile.ZipFile) -> int:
    # drawing ids must be unique across the body, headers and footers, or Word complains
    ids = [0]
    for name in package.namelist():
        if name.startswith("word/") and name.endswith(".xml"):
            ids += [int(m) for m in re.findall(rb'docPr\b[^>]*?\bid="(\d+)"', package.read(name))]
    return max(ids) + 1


def _anchor_run(stamp: RegistrationStamp, lang: str, place: Placement, drawing_id: int,
                corner: Corner) -> etree._Element:
    """Return the ``w:r`` holding the floating stamp."""
    rgb = ink_rgb(stamp.color)
    cx, cy = emu(WIDTH_MM), emu(HEIGHT_MM)
    inset = str(emu(PADDING_MM))
    if place.field == "reserved":  # from the cell's text area, down from its paragraph
        relative_h, relative_v = "column", "paragraph"
    else:
        relative_h = relative_v = "page"
    wrap = "<wp:wrapNone/>" if place.wrap == "none" else "<wp:wrapTopAndBottom/>"
    # text flowing past keeps a small gap on the side it passes
    gap = emu(GAP_MM) if place.wrap != "none" else 0
    dist_t, dist_b = (gap, 0) if corner == "lower_right" else (0, gap)
    xml = f"""<w:r xmlns:w="{NS['w']}" xmlns:wp="{NS['wp']}" xmlns:a="{NS['a']}" xmlns:wps="{NS['wps']}">
<w:rPr><w:noProof/></w:rPr><w:drawing>
<wp:anchor distT="{dist_t}" distB="{dist_b}" distL="0" distR="0" simplePos="0" relativeHeight="251659264"
 behindDoc="0" locked="0" layoutInCell="{'1' if place.in_cell else '0'}" allowOverlap="1">
<wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="{relative_h}"><wp:posOffset>{place.x}</wp:posOffset></wp:positionH>
<wp:positionV relativeFrom="{relative_v}"><wp:posOffset>{place.y}</wp:posOffset></wp:positionV>
<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>{wrap}
<wp:docPr id="{drawing_id}" name="Registration stamp {drawing_id}"/><wp:cNvGraphicFramePr/>
<a:graphic><a:graphicData uri="{NS['wps']}"><wps:wsp><wps:cNvSpPr txBox="1"/>
<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>
<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/>
<a:ln w="{LINE_EMU}"><a:solidFill><a:srgbClr val="{rgb}"/></a:solidFill></a:ln></wps:spPr>
<wps:txbx><w:txbxContent/></wps:txbx>
<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="{inset}" tIns="0" rIns="{inset}" bIns="0"
 anchor="ctr" anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic>
</wp:anchor></w:drawing></w:r>"""
    run = etree.fromstring(re.sub(r">\s+<", "><", xml.replace("\n ", " ")))
    content = run.find(f".//{W}txbxContent")
    content.extend(stamp_paragraphs(stamp_lines(stamp, lang=lang), rgb, lang=lang))
    return run


def _with_namespaces(root: etree._Element) -> etree._Element:
    """Return ``root`` declaring the prefixes the stamp uses (Word wants them on the root)."""
    missing = {p: u for p, u in NS.items() if root.nsmap.get(p) != u and u not in root.nsmap.values()}
    if not missing:
        return root
    fresh = etree.Element(root.tag, attrib=dict(root.attrib), nsmap={**root.nsmap, **missing})
    fresh.text = root.text
    for child in list(root):
        fresh.append(child)
    return fresh


def _empty_part_test(package: zipfile.ZipFile, part: str) -> Callable[[str], bool]:
    """Return a test, by relationship id of ``part``, that a header or footer part shows nothing."""
    folder, name = posixpath.split(part)
    try:
        rels = etree.fromstring(package.read(posixpath.join(folder, "_rels", name + ".rels")))
    except (KeyError, etree.XMLSyntaxError):
        rels = etree.Element("Relationships")
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}

    def is_empty(rel_id: str) -> bool:
        target = targets.get(rel_id)
        if target is None:
            return False
        path = posixpath.normpath(target.lstrip("/") if target.startswith("/")
                                  else posixpath.join(folder, target))
        try:
            return not has_content(etree.fromstring(package.read(path)))
        except (KeyError, etree.XMLSyntaxError):
            return False  # unreadable: assume it prints something

    return is_empty


def _stamped(data: bytes, stamp: RegistrationStamp, lang: str, corner: Corner, source: object) -> bytes:
    try:
        package = open_package(data, str(getattr(source, "name", source)))
        part = _main_part(package)
        root = etree.fromstring(package.read(part))
    except _DAMAGED as exc:
        raise _unreadable(source, f"is not a Word document (.docx): {exc}") from None
    body = root.find(f"{W}body")
    if body is None or next(body.iter(f"{W}p"), None) is None:
        raise _unreadable(source, "has no paragraph to anchor the stamp to")
    place = find_placement(body, corner, part_is_empty=_empty_part_test(package, part))
    run = _anchor_run(stamp, lang, place, _next_drawing_id(package), corner)
    changed: dict[str, bytes] = {}
    if place.field == "footer":
        sect_pr = next(body.iter(f"{W}sectPr"), None)
        if sect_pr is None:
            sect_pr = etree.SubElement(body, f"{W}sectPr")
        changed = footer_members(package, part, sect_pr, run)
    else:
        ppr = place.paragraph.find(f"{W}pPr")
        if ppr is not None:
            ppr.addnext(run)
        else:
            place.paragraph.insert(0, run)
    root = _with_namespaces(root)
    changed[part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in package.infolist():
            target.writestr(info, changed.pop(info.filename, b"") or package.read(info.filename))
        for name, content in changed.items():  # the new footer part
            target.writestr(name, content)
    return out.getvalue()


def apply_stamp(docx_in: str | os.PathLike[str] | BinaryIO,
                stamp: RegistrationStamp | Mapping[str, Any],
                docx_out: str | os.PathLike[str] | BinaryIO, *, lang: str = "ru",
                corner: Corner | None = None) -> Path | None:
    """Place a registration stamp on the first page of a Word document (rules 21, 23, 60).

    The stamp covers no text: see the module's description for where it goes.

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

    >>> import io, docx
    >>> document = docx.Document(); _ = document.add_paragraph("Запрос")
    >>> letter = io.BytesIO(); document.save(letter); _ = letter.seek(0)
    >>> stamped = io.BytesIO()
    >>> apply_stamp(letter, {"agent": {"surname": "Сапаров", "name": "Арман"}, "date": "2025-01-09",
    ...                      "index": "15", "direction": "incoming"}, stamped)
    >>> "Индекс: 15" in docx.Document(stamped).element.xml
    True
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
    try:
        data = _stamped(_read(docx_in), model, lang, corner, docx_in)
    except _DAMAGED as exc:  # a part read after the first (a header, the relationships)
        raise _unreadable(docx_in, f"is a damaged Word document: {exc}") from None
    if isinstance(docx_out, (str, os.PathLike)):
        return atomic_write(docx_out, lambda fh: write_normalized(data, fh))
    write_normalized(data, docx_out)
    return None
