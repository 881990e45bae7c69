"""Office Open XML and PDF: the files themselves, knowing nothing of the Rules.

Deterministic zip packages (:mod:`~pea_docs.ooxml.package`, :mod:`~pea_docs.ooxml.rawzip`),
page and table layout of Word documents (:mod:`~pea_docs.ooxml.docx_layout`), the stamp's
WordprocessingML (:mod:`~pea_docs.ooxml.stamp_xml`), printed tables as XLSX
(:mod:`~pea_docs.ooxml.xlsx`), PDF through LibreOffice (:mod:`~pea_docs.ooxml.pdf`), and
the :class:`~pea_docs.ooxml.document.Document` every render returns.
"""
