"""Errors as HTTP answers: the library's problem records as JSON, with the status that fits.

=====================================  ======
what went wrong                        status
=====================================  ======
the request is not JSON / not a form    400
the data break the form or the Rules    422
a template is unsafe or broken          422
no token, or an unknown one             401
the token may not do this               403
the body is larger than the limit       413
the work took longer than the limit     503
the server failed                       500
=====================================  ======

Every answer is ``{"ok": false, "error": ..., "message": ..., "problems": [...]}``
where each problem is :meth:`Problem.to_dict <pea_docs.errors.Problem.to_dict>`;
no traceback ever reaches the client.

>>> status_of(InputError([Problem("x", "", (), None, "bad")]))
422
"""

from __future__ import annotations

from typing import Any

from pea_docs.errors import InputError, PeaDocsError, Problem, RequestError, TemplateError

__all__ = ["error_body", "request_problem", "status_of"]


def status_of(exc: PeaDocsError) -> int:
    """Return the HTTP status of a library error: a request's own, 422 for bad input, else 500."""
    if isinstance(exc, RequestError):
        return exc.status
    if isinstance(exc, (InputError, TemplateError)):
        return 422
    return 500


def error_body(exc: PeaDocsError) -> dict[str, Any]:
    """Return the JSON body of an error answer."""
    body = exc.to_dict()
    body.setdefault("problems", [])
    return {"ok": False, **body}


def request_problem(error: dict[str, Any]) -> Problem:
    """Turn one of FastAPI's request validation errors into a problem record (code ``request.invalid``)."""
    if error.get("type") == "json_invalid":  # FastAPI's loc is then the byte offset, not a field
        reason = (error.get("ctx") or {}).get("error", "")
        return Problem("request.invalid", "", (), None, f"the body is not JSON ({reason or 'cannot be parsed'})")
    loc = tuple(part for part in error.get("loc", ()) if part not in ("body", "query", "path"))
    value = error.get("input")
    shown = value if isinstance(value, (str, int, float, bool)) or value is None else None
    return Problem("request.invalid", "", loc, shown, str(error.get("msg", "is not valid")))
