"""The HTTP API: render, validate, templates, schemas, forms, and the office's register.

Paths say what they do (``/render``, ``/validate``, ``/register/incoming``); the
OpenAPI description is at ``/openapi.json`` and ``/docs``. A form is named, never
a path: a Word template comes as an upload (``/render/template``) or by the name of
one of the office's templates in the server's ``templates/`` folder.

>>> sorted({r.path.split("/")[1] for r in router.routes})
['forms', 'health', 'register', 'render', 'schema', 'template', 'validate']
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any, Literal

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from pea_docs.errors import InputError, Problem, RequestError
from pea_docs.server.access import Access
from pea_docs.server.app import ServerConfig, access_of, in_register, run_limited, using_register
from pea_docs.store.entry import Direction
from pea_docs.store.register import Register

__all__ = ["office_template", "office_template_names", "router", "template_response"]

router = APIRouter()

Lang = Literal["ru", "kk", "en"]
MEDIA = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         ".pdf": "application/pdf"}
_TEMPLATE_NAME = re.compile(r"^[\w][\w .()-]{0,120}\.docx$")


class RenderRequest(BaseModel):
    """A built-in form filled with data."""

    model_config = ConfigDict(extra="forbid")
    form: str = Field(description="A form's name (GET /forms), never a path.")
    data: dict[str, Any] = Field(description="The form's data (GET /schema/{form}).")
    lang: Lang = "ru"
    format: Literal["docx", "xlsx", "pdf"] | None = Field(None, description="pdf converts with LibreOffice; "
                                                          "default the form's own file type")
    draft: bool = False


class ValidateRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    form: str
    data: dict[str, Any]
    lang: Lang | None = None


class IncomingRequest(BaseModel):
    """An incoming document (rules 19-21); the number and the rule-20 date come back."""

    model_config = ConfigDict(extra="forbid")
    sender: str | dict[str, Any]
    doc_number: str | None = None
    doc_date: str | None = None
    summary: str
    received: str | None = Field(None, description="When it arrived, '2025-01-10 19:40'; default now")
    registered: str | None = None
    case: str | None = None
    note: str | None = None
    sheets: int | None = None
    kind: Literal["letter", "writ", "appeal"] = "letter"


class OutgoingRequest(BaseModel):
    """An outgoing document (rules 22, 23)."""

    model_config = ConfigDict(extra="forbid")
    recipient: str | dict[str, Any]
    summary: str
    date: str | None = None
    doc_number: str | None = None
    note: str | None = None
    case: str | None = None
    sheets: int | None = None
    method: Literal["post", "in_person", "ais", "other"] | None = None


def _forms() -> dict[str, dict[str, Any]]:
    from pea_docs.api import forms

    return {f["name"]: f for f in forms()}


def _known_form(name: str) -> str:
    known = _forms()
    if name not in known:
        raise InputError([Problem("form.unknown", "", ("form",), name,
                                  f"is not a form; use one of {', '.join(sorted(known))} (GET /forms)")])
    return name


def _download(data: bytes, filename: str) -> Response:
    """Return ``data`` as a file to save, typed by its name's suffix."""
    media = MEDIA.get(Path(filename).suffix, "application/octet-stream")
    return Response(data, media_type=media, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _pdf(document: Any, config: ServerConfig, name: str) -> Response:
    """Convert a rendered document to PDF in a private folder under the server's data."""
    from pea_docs.ooxml.pdf import Converter

    work = Path(tempfile.mkdtemp(prefix="pdf-", dir=_scratch(config)))
    try:
        source = document.save(work / f"{name}{document.suffix}")
        with Converter() as converter:
            result = converter.convert([source])[source]
        if isinstance(result, Exception):
            raise result
        return _download(result.read_bytes(), f"{name}.pdf")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _scratch(config: ServerConfig) -> Path:
    folder = Path(config.data) / "tmp"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _answer(document: Any, config: ServerConfig, name: str, wanted: str | None) -> Response:
    if wanted == "pdf":
        return _pdf(document, config, name)
    if wanted is not None and f".{wanted}" != document.suffix:
        raise InputError([Problem("request.invalid", "", ("format",), wanted,
                                  f"is not this form's file type ({document.suffix[1:]}); ask for it or pdf")])
    return _download(document.to_bytes(), f"{name}{document.suffix}")


@router.get("/health", tags=["server"])
def health() -> dict[str, Any]:
    """Tell that the server is up, and its version."""
    from pea_docs._version import __version__

    return {"ok": True, "version": __version__}


@router.get("/forms", tags=["forms"])
def list_forms(request: Request) -> dict[str, Any]:
    """List the built-in forms with their titles in every language."""
    access_of(request)
    return {"ok": True, "forms": list(_forms().values())}


@router.get("/schema/{form}", tags=["forms"])
def form_schema(form: str, request: Request) -> dict[str, Any]:
    """Return the JSON Schema of a form's data."""
    from pea_docs.documents.registry import get_form

    access_of(request)
    return get_form(_known_form(form)).model.model_json_schema()


@router.post("/render", tags=["render"], responses={200: {"content": {m: {} for m in MEDIA.values()}}})
async def render_form(body: RenderRequest, request: Request) -> Response:
    """Render a built-in form: DOCX or XLSX, or PDF through LibreOffice."""
    from pea_docs.api import render

    access_of(request)
    form = _known_form(body.form)
    config: ServerConfig = request.app.state.config

    def work() -> Response:
        document = render(form, body.data, lang=body.lang, draft=body.draft)
        return _answer(document, config, form, body.format)
    return await run_limited(request.app.state, work)


@router.post("/validate", tags=["render"])
async def validate_form(body: ValidateRequest, request: Request) -> dict[str, Any]:
    """Check a form's data against the form and the Rules; every problem names its clause."""
    from pea_docs.api import validate

    access_of(request)
    form = _known_form(body.form)
    report = await run_limited(request.app.state, lambda: validate(form, body.data, lang=body.lang))
    return {"ok": report.ok, "problems": [p.to_dict() for p in report]}


def _json_field(text: str, name: str) -> dict[str, Any]:
    try:
        value = json.loads(text) if text.strip() else {}
    except json.JSONDecodeError as exc:
        raise RequestError(400, "request.invalid", f"is not JSON ({exc.msg}, line {exc.lineno} column {exc.colno})",
                        (name,)) from None
    if not isinstance(value, dict):
        raise RequestError(400, "request.invalid", "must be a JSON object", (name,))
    return value


async def _saved_upload(upload: UploadFile, config: ServerConfig) -> Path:
    """Save an uploaded template into its own new folder under the server's data; return its path."""
    folder = Path(tempfile.mkdtemp(prefix="upload-", dir=_scratch(config)))
    target = folder / "template.docx"  # never the client's file name: it is not a path here
    with target.open("wb") as fh:
        while chunk := await upload.read(1 << 20):
            fh.write(chunk)
    return target


def office_template_names(config: ServerConfig) -> list[str]:
    """Return the names of the office's templates: the ``.docx`` files :func:`office_template` accepts."""
    return sorted(p.name for p in config.templates.glob("*.docx") if _TEMPLATE_NAME.match(p.name))


def office_template(config: ServerConfig, name: str) -> Path:
    """Return the office template ``name`` from the server's ``templates/`` folder, by name only."""
    folder = config.templates.resolve()
    path = (folder / name).resolve()
    if not _TEMPLATE_NAME.match(name) or path.parent != folder or not path.is_file():
        raise InputError([Problem("server.template", "", ("template",), name,
                                  "is not an office template of this server (GET /template/office)")])
    return path


@router.post("/render/template", tags=["render"], responses={200: {"content": {m: {} for m in MEDIA.values()}}})
async def render_uploaded(request: Request, template: UploadFile = File(description="A Word template (.docx)"),
                          data: str = Form("{}", description="The template's data, a JSON object"),
                          lang: Lang = Form("ru"), format: Literal["docx", "pdf"] = Form("docx"),
                          draft: bool = Form(False)) -> Response:
    """Render an uploaded Word template with JSON data, in the sandbox, every value escaped."""
    access_of(request)
    config: ServerConfig = request.app.state.config
    values = _json_field(data, "data")
    path = await _saved_upload(template, config)
    try:
        return await run_limited(request.app.state,
                                 lambda: template_response(path, values, lang, draft, config, format))
    finally:
        shutil.rmtree(path.parent, ignore_errors=True)


@router.get("/template/office", tags=["templates"])
def office_templates(request: Request) -> dict[str, Any]:
    """List the office's templates (the server's ``templates/`` folder)."""
    access_of(request)
    config: ServerConfig = request.app.state.config
    return {"ok": True, "templates": office_template_names(config)}


@router.get("/template/office/{name}/schema", tags=["templates"])
def office_template_schema(name: str, request: Request) -> dict[str, Any]:
    """Return the JSON Schema of an office template's variables."""
    from pea_docs.templating.template import inspect_template

    access_of(request)
    return inspect_template(office_template(request.app.state.config, name)).to_json_schema()


@router.post("/render/office/{name}", tags=["render"], responses={200: {"content": {m: {} for m in MEDIA.values()}}})
async def render_office_template(name: str, request: Request, lang: Lang = Query("ru"),
                                 format: Literal["docx", "pdf"] = Query("docx"), draft: bool = Query(False)) -> Response:
    """Render one of the office's templates with a JSON object of data (the request body)."""
    access_of(request)
    config: ServerConfig = request.app.state.config
    path = office_template(config, name)
    values = _json_field((await request.body()).decode("utf-8", "replace"), "data")
    return await run_limited(request.app.state,
                             lambda: template_response(path, values, lang, draft, config, format))


def template_response(path: Path, values: dict[str, Any], lang: str, draft: bool, config: ServerConfig,
                      wanted: str) -> Response:
    """Return a Word template filled with ``values`` (in the sandbox), as DOCX or PDF."""
    from pea_docs.templating.template import render_template

    document = render_template(path, values, lang=lang, draft=draft, base_dir=path.parent)
    return _answer(document, config, Path(path).stem if path.name != "template.docx" else "document", wanted)


@router.post("/template/check", tags=["templates"])
async def check_uploaded(request: Request, template: UploadFile = File(),
                         data: str = Form("", description="Optional data to check it with, a JSON object")
                         ) -> dict[str, Any]:
    """Check an uploaded template: syntax, tags, filters, and (with data) missing values."""
    from pea_docs.templating.template import check_template

    access_of(request)
    config: ServerConfig = request.app.state.config
    values = _json_field(data, "data") if data.strip() else None
    path = await _saved_upload(template, config)
    try:
        problems = await run_limited(request.app.state, lambda: check_template(path, values))
    finally:
        shutil.rmtree(path.parent, ignore_errors=True)
    return {"ok": not any(p.severity == "error" for p in problems), "problems": [p.to_dict() for p in problems]}


@router.post("/template/inspect", tags=["templates"])
async def inspect_uploaded(request: Request, template: UploadFile = File()) -> dict[str, Any]:
    """List an uploaded template's variables and return their JSON Schema."""
    from pea_docs.templating.template import inspect_template

    access_of(request)
    config: ServerConfig = request.app.state.config
    path = await _saved_upload(template, config)
    try:
        info = await run_limited(request.app.state, lambda: inspect_template(path))
    finally:
        shutil.rmtree(path.parent, ignore_errors=True)
    return {"ok": True, "variables": info.paths(), "schema": info.to_json_schema()}


# -- the register -----------------------------------------------------------------------------


def _registered(access: Access, entry: Any, warnings: list[Problem]) -> dict[str, Any]:
    return {"ok": True, "office": access.office, "entry": entry.to_dict(),
            "warnings": [w.to_dict() for w in warnings]}


async def _register(request: Request, direction: str, body: BaseModel) -> dict[str, Any]:
    access = access_of(request, write=True)

    def work(reg: Register) -> dict[str, Any]:
        method = reg.register_incoming if direction == "incoming" else reg.register_outgoing
        entry = method(**body.model_dump(), by=access.user or "web")
        return _registered(access, entry, reg.last_warnings)
    return await in_register(request, access.office, work)


@router.post("/register/incoming", tags=["register"])
async def register_incoming(body: IncomingRequest, request: Request) -> dict[str, Any]:
    """Register a received document: its number and registration date (rule 20) come back."""
    return await _register(request, "incoming", body)


@router.post("/register/outgoing", tags=["register"])
async def register_outgoing(body: OutgoingRequest, request: Request) -> dict[str, Any]:
    """Register a sent document: its number and date come back."""
    return await _register(request, "outgoing", body)


@router.get("/register/entries", tags=["register"])
async def list_entries(request: Request, direction: Literal["incoming", "outgoing"] | None = None,
                       year: int | None = None, text: str | None = None, date_from: str | None = None,
                       date_to: str | None = None, office: str | None = Query(None, description=
                       "Optional: the office the client expects; another than the token's is 403")
                       ) -> dict[str, Any]:
    """List the office's entries that match every filter, by register, year and number."""
    access = access_of(request)
    entries = await in_register(request, access.office, lambda reg: [
        e.to_dict() for e in reg.list(direction, year=year, text=text, date_from=date_from, date_to=date_to)])
    return {"ok": True, "office": access.office, "entries": entries}


@router.get("/register/export/{direction}/{year}", tags=["register"],
            responses={200: {"content": {MEDIA[".xlsx"]: {}}}})
async def export(direction: Literal["incoming", "outgoing"], year: int, request: Request, lang: Lang = "ru",
                 format: Literal["xlsx", "pdf"] = "xlsx") -> Response:
    """Return the year's register as the form of Appendix 1 or 2 (XLSX).

    Declared before ``/register/{direction}/{year}/{number}``, which would otherwise take its path.
    """
    access = access_of(request)
    config: ServerConfig = request.app.state.config

    def work() -> Response:  # the register is lent for the export only, not for a conversion to PDF
        document = using_register(request, access.office, lambda reg: reg.export(direction, year, lang=lang))
        return _answer(document, config, f"{direction}-register-{year}", format)
    return await run_limited(request.app.state, work)


@router.get("/register/{direction}/{year}/{number}", tags=["register"])
async def show_entry(direction: Literal["incoming", "outgoing"], year: int, number: int,
                     request: Request) -> dict[str, Any]:
    """Return one entry with its history."""
    access = access_of(request)
    entry = await in_register(request, access.office, lambda reg: reg.get(direction, number, year=year).to_dict())
    return {"ok": True, "office": access.office, "entry": entry}


def _stamp_data(reg: Register, direction: Direction, year: int, number: int, color: str) -> dict[str, Any]:
    """Return the stamp's data of an entry, with the agent the office's register keeps (rule 9)."""
    agent = reg.agent
    if not agent:
        raise InputError([Problem("store.agent", "rule 9", ("agent",), None,
                                  "is required for the stamp: set the office's agent first (PUT /register/agent)")])
    return reg.get(direction, number, year=year).stamp_data(agent, color=color)


@router.get("/register/{direction}/{year}/{number}/stamp", tags=["register"],
            responses={200: {"content": {MEDIA[".docx"]: {}}}})
async def stamp(direction: Literal["incoming", "outgoing"], year: int, number: int, request: Request,
                color: Literal["blue", "violet"] = "blue", lang: Lang = "ru",
                format: Literal["docx", "pdf"] = "docx") -> Response:
    """Return the registration stamp of an entry (Appendix 3, 45x20 mm)."""
    from pea_docs.api import render

    access = access_of(request)
    config: ServerConfig = request.app.state.config

    def work() -> Response:
        data = using_register(request, access.office, lambda reg: _stamp_data(reg, direction, year, number, color))
        return _answer(render("registration_stamp", data, lang=lang), config, f"stamp-{direction}-{year}-{number}",
                       format)
    return await run_limited(request.app.state, work)


@router.post("/register/{direction}/{year}/{number}/stamped", tags=["register"],
             responses={200: {"content": {MEDIA[".docx"]: {}}}})
async def stamped(direction: Literal["incoming", "outgoing"], year: int, number: int, request: Request,
                  document: UploadFile = File(description="The document to stamp (.docx)"),
                  color: Literal["blue", "violet"] = Form("blue"), lang: Lang = Form("ru")) -> Response:
    """Return the uploaded document with the entry's stamp (incoming lower right, outgoing upper left)."""
    import io

    from pea_docs.documents.stamping import apply_stamp

    access = access_of(request)
    config: ServerConfig = request.app.state.config
    path = await _saved_upload(document, config)

    def work() -> Response:
        data = using_register(request, access.office, lambda reg: _stamp_data(reg, direction, year, number, color))
        buffer = io.BytesIO()
        apply_stamp(path, data, buffer, lang=lang)
        return _download(buffer.getvalue(), f"stamped-{direction}-{year}-{number}.docx")
    try:
        return await run_limited(request.app.state, work)
    finally:
        shutil.rmtree(path.parent, ignore_errors=True)


@router.get("/register/agent", tags=["register"])
async def get_agent(request: Request) -> dict[str, Any]:
    """Return the agent the office's register keeps (for stamps and exports)."""
    access = access_of(request)
    return {"ok": True, "office": access.office, "agent": await in_register(request, access.office,
                                                                            lambda reg: reg.agent)}


@router.put("/register/agent", tags=["register"])
async def set_agent(agent: dict[str, Any], request: Request) -> dict[str, Any]:
    """Keep the office's agent (surname, name, patronymic?, license?) in its register (rule 9)."""
    access = access_of(request, write=True)
    return {"ok": True, "office": access.office, "agent": await in_register(request, access.office,
                                                                            lambda reg: reg.set_agent(agent))}

