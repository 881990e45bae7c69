"""The stamp in a footer of page one's own, for a first page whose tables run to its foot.

LibreOffice lets text flow past a floating stamp, but not the rows of a table: on
a first page filled by a table (the act on destruction, Appendix 4) a stamp in the
lower right corner of the text area would be drawn across the table's borders.
There, when page one prints no footer, the stamp goes into a footer of page one's
own, as an inline box at its right: the footer grows by the stamp's height and the
body, tables included, ends above it -- in Word and in LibreOffice alike. Nothing of
the body changes; the section gets ``w:titlePg`` (page one's own header and footer),
page one keeps the header the other pages have, and the new footer is one new part.

>>> from lxml import etree
>>> sect = etree.fromstring(f'<w:sectPr xmlns:w="{NS["w"]}" xmlns:r="{NS["r"]}"/>')
>>> _first_page_footer(sect, "rIdStamp")
>>> [child.tag.split("}")[1] for child in sect]
['footerReference', 'titlePg']
"""

from __future__ import annotations

import posixpath
import re
import zipfile

from lxml import etree

from pea_docs.documents.stamp_placement import NS, W

__all__ = ["FOOTER_TYPE", "footer_members", "inline_run"]

R = "{" + NS["r"] + "}"
FOOTER_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
_FOOTER_CONTENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


def inline_run(anchored: etree._Element) -> etree._Element:
    """Return the stamp's run with its floating ``wp:anchor`` made an inline ``wp:inline``."""
    xml = etree.tostring(anchored, encoding="unicode")
    xml = re.sub(r"<wp:anchor\b[^>]*>", '<wp:inline distT="0" distB="0" distL="0" distR="0">', xml)
    xml = xml.replace("</wp:anchor>", "</wp:inline>")
    xml = re.sub(r"<wp:simplePos[^>]*/>|<wp:positionH\b.*?</wp:positionH>|<wp:positionV\b.*?</wp:positionV>"
                 r"|<wp:wrap\w+/>", "", xml, flags=re.S)
    return etree.fromstring(xml)


def _first_page_footer(sect_pr: etree._Element, rel_id: str) -> None:
    """Point page one's footer at ``rel_id``; give page one the others' header when it had none."""
    title_page = sect_pr.find(f"{W}titlePg")
    own = title_page is not None and title_page.get(f"{W}val", "1") not in ("0", "false", "off")
    for ref in sect_pr.findall(f"{W}footerReference"):
        if ref.get(f"{W}type") == "first":
            sect_pr.remove(ref)
    if not own:
        # until now page one printed the default header: keep printing it
        for ref in sect_pr.findall(f"{W}headerReference"):
            if ref.get(f"{W}type", "default") == "default":
                copy = etree.Element(f"{W}headerReference", {f"{W}type": "first", f"{R}id": ref.get(f"{R}id", "")})
                ref.addnext(copy)
    footer = etree.Element(f"{W}footerReference", {f"{W}type": "first", f"{R}id": rel_id})
    references = sect_pr.findall(f"{W}headerReference") + sect_pr.findall(f"{W}footerReference")
    if references:
        references[-1].addnext(footer)
    else:
        sect_pr.insert(0, footer)  # references come first in a section's properties
    if title_page is not None:
        sect_pr.remove(title_page)
    # w:titlePg comes after the page setup elements; before the ones that follow it in the schema
    later = [sect_pr.find(f"{W}{tag}") for tag in ("textDirection", "bidi", "rtlGutter", "docGrid",
                                                     "printerSettings", "sectPrChange")]
    follower = next((e for e in later if e is not None), None)
    if follower is not None:
        follower.addprevious(etree.Element(f"{W}titlePg"))
    else:
        sect_pr.append(etree.Element(f"{W}titlePg"))


def footer_members(package: zipfile.ZipFile, part: str, sect_pr: etree._Element,
                   run: etree._Element) -> dict[str, bytes]:
    """Return the new and changed members (but the main part) that put ``run`` in page one's footer.

    ``sect_pr`` (of the main part's first section) is changed in place.
    """
    folder = posixpath.dirname(part)
    rels_name = posixpath.join(folder, "_rels", posixpath.basename(part) + ".rels")
    rels = etree.fromstring(package.read(rels_name))
    taken = {rel.get("Id") for rel in rels}
    rel_id = next(f"rIdPeaStamp{i}" for i in range(1, 10_000) if f"rIdPeaStamp{i}" not in taken)
    names = set(package.namelist())
    footer = next(f"footer-stamp{i}.xml" for i in range(1, 10_000)
                  if posixpath.join(folder, f"footer-stamp{i}.xml") not in names)
    etree.SubElement(rels, f"{{{_RELS}}}Relationship", Id=rel_id, Type=FOOTER_TYPE, Target=footer)
    types = etree.fromstring(package.read("[Content_Types].xml"))
    etree.SubElement(types, f"{{{_CT}}}Override", PartName="/" + posixpath.join(folder, footer),
                     ContentType=_FOOTER_CONTENT)
    _first_page_footer(sect_pr, rel_id)
    ftr = etree.Element(f"{W}ftr", nsmap={k: v for k, v in NS.items()})
    paragraph = etree.SubElement(ftr, f"{W}p")
    ppr = etree.SubElement(paragraph, f"{W}pPr")
    etree.SubElement(ppr, f"{W}jc", {f"{W}val": "right"})
    paragraph.append(inline_run(run))

    def xml(root: etree._Element) -> bytes:
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    return {rels_name: xml(rels), "[Content_Types].xml": xml(types), posixpath.join(folder, footer): xml(ftr)}
