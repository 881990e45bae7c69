"""The office server: registers shared by several clerks, an HTTP API, and a web page for the clerk.

``pea-docs serve`` runs :func:`~pea_docs.server.app.create_app` on uvicorn. The
server is a thin door onto the library: every render, check and registration is
the one :mod:`pea_docs.api` and :mod:`pea_docs.store` do, and every error is the
same problem record (code, clause, loc, value, message) as JSON with an HTTP status.

It needs the ``server`` extra: ``pip install 'pea-docs[server]'`` (FastAPI, uvicorn,
python-multipart, psycopg).

>>> from pea_docs.server.access import Access
>>> Access("17012345").office
'17012345'
"""
