"""The ASGI application: configuration, access, limits, errors, and the routes of the API and the page.

>>> import tempfile
>>> app = create_app(ServerConfig(data=tempfile.mkdtemp()))
>>> sorted(path for path in app.openapi()["paths"] if path.startswith("/register/in"))
['/register/incoming']
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pea_docs._version import __version__
from pea_docs.errors import InternalError, PeaDocsError, RequestError
from pea_docs.server import codes as _codes  # noqa: F401  (the server's problem codes)
from pea_docs.server.access import Access, Tokens
from pea_docs.server.errors import error_body, request_problem, status_of
from pea_docs.server.registers import Registers
from pea_docs.store.register import Register

__all__ = ["ENVIRONMENT", "ServerConfig", "app_from_environment", "create_app", "in_register", "run_limited",
           "using_register"]

#: where ``pea-docs serve --workers N`` hands its settings to each worker process (JSON)
ENVIRONMENT = "PEA_DOCS_SERVER"

T = TypeVar("T")


@dataclass
class ServerConfig:
    """What ``pea-docs serve`` was started with.

    Attributes:
        data: the server's folder: SQLite registers, office templates (``templates/``), uploads.
        db: a ``postgresql://`` URL for the registers; ``None`` keeps them in SQLite under ``data``.
        tokens: the tokens; ``None`` serves the one office ``main`` without tokens (loopback only).
        max_body: the largest request body, in bytes (an upload included).
        timeout: the longest a render or a check may take, in seconds.
        pool_size: the registers kept open per office (each one database connection).
        tokens_path: the tokens file ``tokens`` was read from (each worker process reads it again).
    """

    data: str | Path = "pea-docs-data"
    db: str | None = None
    tokens: Tokens | None = None
    max_body: int = 10 * 1024 * 1024
    timeout: float = 60.0
    pool_size: int = 8
    tokens_path: str | None = None

    @property
    def templates(self) -> Path:
        return Path(self.data) / "templates"

    def to_json(self) -> str:
        """Return the settings a worker process needs, as JSON (tokens by their file).

        >>> ServerConfig(data="d", timeout=5).to_json()
        '{"data": "d", "db": null, "tokens_path": null, "max_body": 10485760, "timeout": 5, "pool_size": 8}'
        """
        return json.dumps({"data": str(self.data), "db": self.db, "tokens_path": self.tokens_path,
                           "max_body": self.max_body, "timeout": self.timeout, "pool_size": self.pool_size})

    @classmethod
    def from_json(cls, text: str) -> ServerConfig:
        """Return the settings :meth:`to_json` wrote, with the tokens read from their file."""
        values = json.loads(text)
        path = values.get("tokens_path")
        return cls(**values, tokens=Tokens.read(path) if path else None)


def app_from_environment() -> FastAPI:
    """Return the application for the settings in ``$PEA_DOCS_SERVER`` (uvicorn's factory for workers)."""
    return create_app(ServerConfig.from_json(os.environ[ENVIRONMENT]))


class BodyLimit:
    """Refuse a body over ``limit`` bytes with 413, by its Content-Length or as it streams in.

    A body that outgrows the limit while streaming is answered 413 at once; the
    application then reads a disconnect, and whatever it tries to send is dropped.
    """

    def __init__(self, app: ASGIApp, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await _too_large(self.limit, send)
            return
        seen = 0
        answered = False

        async def counted() -> Message:
            nonlocal seen, answered
            if answered:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    answered = True
                    await _too_large(self.limit, send)
                    return {"type": "http.disconnect"}
            return message

        async def guarded(message: Message) -> None:
            if not answered:
                await send(message)

        await self.app(scope, counted, guarded)


async def _too_large(limit: int, send: Send) -> None:
    error = RequestError(413, "request.too_large", f"the request body is larger than {limit} bytes, "
                      "the server's limit (pea-docs serve --max-body)")
    response = JSONResponse(error_body(error), status_code=413)
    await response({"type": "http"}, _no_receive, send)


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}


async def run_limited(app_state: Any, work: Callable[[], Any]) -> Any:
    """Run blocking ``work`` in a worker thread, answering 503 if it outlasts the server's time limit.

    The thread cannot be killed: it finishes in the background (the template sandbox and the
    input limits bound it), but the client is answered and its worker slot freed.
    """
    config: ServerConfig = app_state.config
    try:
        return await asyncio.wait_for(asyncio.to_thread(work), timeout=config.timeout)
    except TimeoutError:
        raise RequestError(503, "request.timeout", f"took longer than {config.timeout:g} s, the server's "
                        "limit (pea-docs serve --timeout)") from None


def using_register(request: Request, office: str, work: Callable[[Register], T]) -> T:
    """Return ``work`` done on ``office``'s register, borrowed from the pool for that time only."""
    with request.app.state.registers.borrow(office) as reg:
        return work(reg)


async def in_register(request: Request, office: str, work: Callable[[Register], T]) -> T:
    """Run ``work`` on ``office``'s register in a worker thread, within the time limit."""
    return await run_limited(request.app.state, lambda: using_register(request, office, work))


def access_of(request: Request, *, write: bool = False) -> Access:
    """Return the access of the request's token (header or the page's cookie); 401/403 otherwise."""
    config: ServerConfig = request.app.state.config
    if config.tokens is None:
        return Access("main")
    header = request.headers.get("authorization", "")
    token = header[7:].strip() if header.lower().startswith("bearer ") else request.cookies.get("pea_token", "")
    if not token:
        raise RequestError(401, "auth.missing", "names no token: send Authorization: Bearer <token>")
    access = config.tokens.find(token)
    if access is None:
        raise RequestError(401, "auth.unknown", "the token is not one of this server's")
    wanted = request.query_params.get("office")
    if wanted is not None and wanted != access.office:
        raise RequestError(403, "auth.forbidden", f"this token is office {access.office!r}'s; it cannot "
                        f"see or number office {wanted!r}'s register", ("office",), wanted)
    if write and access.read_only:
        raise RequestError(403, "auth.forbidden", "this token may read, not register or change")
    return access


def create_app(config: ServerConfig) -> FastAPI:
    """Return the server's application for ``config``."""
    from pea_docs.server import api_routes, pages

    registers = Registers(config.data, config.db, size=config.pool_size)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        registers.close()

    app = FastAPI(title="pea-docs", version=__version__, lifespan=lifespan,
                  description="The paperwork of a private enforcement agent of Kazakhstan (Rules of office "
                              "work, Order No. 386): render forms and templates, check them, keep the "
                              "registers. Errors are problem records naming the clause of the Rules.")
    app.state.config = config
    app.state.registers = registers
    Path(config.data).mkdir(parents=True, exist_ok=True)
    config.templates.mkdir(parents=True, exist_ok=True)

    @app.exception_handler(PeaDocsError)
    async def library_error(request: Request, exc: PeaDocsError) -> JSONResponse:
        return JSONResponse(error_body(exc), status_code=status_of(exc))

    @app.exception_handler(RequestValidationError)
    async def request_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [request_problem(dict(e)) for e in exc.errors()]
        body = {"ok": False, "error": "RequestError", "message": "; ".join(str(p) for p in problems),
                "problems": [p.to_dict() for p in problems]}
        return JSONResponse(body, status_code=400)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        error = InternalError(f"the server failed ({type(exc).__name__}); please report it")
        return JSONResponse(error_body(error), status_code=500)

    app.include_router(api_routes.router)
    app.include_router(pages.router)
    app.add_middleware(BodyLimit, limit=config.max_body)
    return app
