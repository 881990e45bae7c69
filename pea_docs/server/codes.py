"""The problem codes of the office server (docs/rules.md, "The office server"), registered without its extra.

>>> from pea_docs.errors.codes import codes
>>> codes()["auth.forbidden"].clause
''
"""

from __future__ import annotations

from pea_docs.errors.codes import register_code

__all__ = ["CODES"]

#: code -> description; none of them is a clause of the Rules: they are the server's own
CODES: dict[str, str] = {
    "request.invalid": "the request does not fit the endpoint (JSON shape, types, fields)",
    "request.too_large": "the request body is larger than the server's limit",
    "request.timeout": "the work took longer than the server's time limit",
    "auth.missing": "the request names no token (Authorization: Bearer ...)",
    "auth.unknown": "the token is not one of the server's",
    "auth.forbidden": "the token may not do this (read-only, or another office)",
    "server.tokens": "the tokens file is not a list of {token | sha256, office}",
    "server.template": "an office template that is not in the server's templates folder",
}

for _code, _description in CODES.items():
    register_code(_code, "", _description)
