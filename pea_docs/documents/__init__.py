"""The built-in forms: one module per form, from its data model to a document.

Each form module declares ``FORMS = [FormSpec(...)]``; :mod:`~pea_docs.documents.registry`
finds them. Also here: the built-in letters' Word templates and stamping an existing
document (:mod:`~pea_docs.documents.stamping`).
"""
