"""The clerk's web page: the journal with search, registering, stamps, letters from templates, export.

Plain HTML rendered on the server (Jinja2, every value escaped), one small
stylesheet and no script, so it works in any browser of the office. The page signs
in with the same tokens as the API (kept in an HTTP-only, same-site cookie, so a
form on another site cannot post with it); its words are Russian, Kazakh or English
(``?lang=kk``, remembered in a cookie).

A letter's form is made from its template's JSON Schema (:func:`schema_fields`);
what the clerk types goes back through :func:`nested` into the data the template reads.

>>> [f["name"] for f in schema_fields({"type": "object", "properties": {
...     "subject": {"type": "string"}, "recipient": {"type": "object", "properties": {
...     "organization": {"type": "string"}}}}})]
['subject', 'recipient.organization']
>>> nested({"recipient.organization": "АО «Банк»", "subject": "Запрос"})
{'recipient': {'organization': 'АО «Банк»'}, 'subject': 'Запрос'}
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path
from typing import Any, cast
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from pea_docs.errors import InputError, PeaDocsError, Problem, RequestError
from pea_docs.server.access import Access
from pea_docs.server.app import ServerConfig, access_of, in_register, run_limited
from pea_docs.server.ui_text import LANGS, text
from pea_docs.store.entry import Direction, party_text
from pea_docs.store.register import Register

__all__ = ["nested", "router", "schema_fields"]

router = APIRouter(include_in_schema=False)
_PAGES = Path(__file__).with_name("pages")
_MAX_DEPTH = 3


@lru_cache(maxsize=1)
def _environment() -> Any:
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(_PAGES)), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _lang(request: Request) -> str:
    wanted = request.query_params.get("lang") or request.cookies.get("pea_lang") or "ru"
    return wanted if wanted in LANGS else "ru"


def _page(request: Request, name: str, status: int = 200, **values: Any) -> HTMLResponse:
    lang = _lang(request)
    config: ServerConfig = request.app.state.config
    values.setdefault("problems", [])
    html = _environment().get_template(name).render(t=text(lang), lang=lang, langs=LANGS,
                                                    signed_in=config.tokens is not None, path=request.url.path,
                                                    **values)
    response = HTMLResponse(html, status_code=status)
    if request.query_params.get("lang") in LANGS:
        response.set_cookie("pea_lang", lang, max_age=365 * 86400, samesite="strict")
    return response


def _signed(request: Request, *, write: bool = False) -> Access | RedirectResponse:
    """Return the page's access, or a redirect to the sign-in page."""
    try:
        return access_of(request, write=write)
    except RequestError as exc:
        if exc.status == 401:
            return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
        raise


async def _form(request: Request) -> dict[str, str]:
    form = await request.form()
    return {k: v.strip() for k, v in form.items() if isinstance(v, str)}


@router.get("/login")
def login_page(request: Request) -> HTMLResponse:
    return _page(request, "login.html", problems=[], next=request.query_params.get("next", "/"))


@router.post("/login")
async def login(request: Request) -> Response:
    values = await _form(request)
    config: ServerConfig = request.app.state.config
    token = values.get("token", "")
    target = values.get("next", "/")
    target = target if target.startswith("/") and not target.startswith("//") else "/"
    if config.tokens is not None and config.tokens.find(token) is None:
        problem = Problem("auth.unknown", "", ("token",), None, "is not one of this server's tokens")
        return _page(request, "login.html", status=401, problems=[problem], next=target)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie("pea_token", token, httponly=True, samesite="strict", max_age=12 * 3600)
    return response


@router.get("/logout")
def logout() -> Response:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie("pea_token")
    return response


@router.get("/")
async def journal(request: Request) -> Response:
    """The journal: today's entries by default; search by words, dates and register."""
    access = _signed(request)
    if isinstance(access, Response):
        return access
    query = {k: request.query_params.get(k, "").strip() for k in ("text", "date_from", "date_to", "direction")}
    today = dt.date.today().isoformat()
    if not any(query.values()):
        query["date_from"] = query["date_to"] = today
    direction = cast(Direction | None, query["direction"] if query["direction"] in ("incoming", "outgoing") else None)
    problems: list[Problem] = []

    try:
        entries = await in_register(request, access.office, lambda reg: reg.list(
            direction, text=query["text"] or None, date_from=query["date_from"] or None,
            date_to=query["date_to"] or None))
    except PeaDocsError as exc:
        entries, problems = [], exc.problem_list()
    return _page(request, "journal.html", office=access.office, entries=entries, query=query,
                 problems=problems, party=party_text)


@router.get("/new")
async def new_page(request: Request) -> Response:
    access = _signed(request, write=True)
    if isinstance(access, Response):
        return access
    direction = request.query_params.get("direction", "incoming")
    return _page(request, "new.html", office=access.office, values={"direction": direction}, problems=[])


@router.post("/new")
async def register(request: Request) -> Response:
    """Register from the page's form; show the number, the rule-20 date and the stamp's links."""
    access = _signed(request, write=True)
    if isinstance(access, Response):
        return access
    values = await _form(request)
    direction = values.get("direction", "incoming")

    def work(reg: Register) -> tuple[Any, Any]:
        by = access.user or "web"
        if direction == "outgoing":
            entry = reg.register_outgoing(recipient=values.get("party", ""), summary=values.get("summary", ""),
                                          date=values.get("date") or None,
                                          doc_number=values.get("doc_number") or None,
                                          method=values.get("method") or None, by=by)
        else:
            entry = reg.register_incoming(sender=values.get("party", ""), doc_number=values.get("doc_number") or None,
                                          doc_date=values.get("doc_date") or None, summary=values.get("summary", ""),
                                          received=(values.get("received") or "").replace("T", " ") or None,
                                          kind=values.get("kind") or "letter", by=by)
        return entry, reg.agent
    try:
        entry, agent = await in_register(request, access.office, work)
    except PeaDocsError as exc:
        return _page(request, "new.html", status=422, office=access.office, values=values,
                     problems=exc.problem_list())
    return _page(request, "registered.html", office=access.office, entry=entry, agent=agent, party=party_text)


@router.get("/agent")
async def agent_page(request: Request) -> Response:
    access = _signed(request)
    if isinstance(access, Response):
        return access
    agent = await in_register(request, access.office, lambda reg: reg.agent)
    return _page(request, "agent.html", office=access.office, agent=agent or {}, problems=[])


@router.post("/agent")
async def agent_save(request: Request) -> Response:
    access = _signed(request, write=True)
    if isinstance(access, Response):
        return access
    values = await _form(request)
    agent = {k: values[k] for k in ("surname", "name", "patronymic", "license") if values.get(k)}
    try:
        await in_register(request, access.office, lambda reg: reg.set_agent(agent))
    except PeaDocsError as exc:
        return _page(request, "agent.html", status=422, office=access.office, agent=agent,
                     problems=exc.problem_list())
    return RedirectResponse("/", status_code=303)


@router.get("/export")
def export_page(request: Request) -> Response:
    access = _signed(request)
    if isinstance(access, Response):
        return access
    year = request.query_params.get("year", "")
    chosen = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else dt.date.today().year
    return _page(request, "export.html", office=access.office, year=chosen, problems=[])


@router.get("/letter")
def letter_page(request: Request) -> Response:
    """Choose an office template; then fill the form made from its JSON Schema."""
    from pea_docs.server.api_routes import office_template, office_template_names

    access = _signed(request)
    if isinstance(access, Response):
        return access
    config: ServerConfig = request.app.state.config
    names = office_template_names(config)
    chosen = request.query_params.get("template")
    fields: list[dict[str, Any]] = []
    problems: list[Problem] = []
    if chosen:
        from pea_docs.templating.template import inspect_template
        try:
            fields = schema_fields(inspect_template(office_template(config, chosen)).to_json_schema())
        except PeaDocsError as exc:
            problems = exc.problem_list()
    return _page(request, "letter.html", office=access.office, names=names, chosen=chosen, fields=fields,
                 problems=problems)


@router.post("/letter")
async def letter_render(request: Request) -> Response:
    from pea_docs.server.api_routes import office_template, office_template_names, template_response

    access = _signed(request)
    if isinstance(access, Response):
        return access
    config: ServerConfig = request.app.state.config
    form = await request.form()
    chosen = str(form.get("template", ""))
    raw = {k: str(v) for k, v in form.items() if k not in ("template", "lang") and str(v).strip()}
    path = office_template(config, chosen)
    from pea_docs.templating.template import inspect_template
    fields = schema_fields(inspect_template(path).to_json_schema())
    kinds = {f["name"]: f["kind"] for f in fields}
    try:
        data = nested({k: _typed(k, v, kinds.get(k, "text")) for k, v in raw.items()})
        return await run_limited(request.app.state,
                                 lambda: template_response(path, data, _lang(request), False, config, "docx"))
    except PeaDocsError as exc:
        return _page(request, "letter.html", status=422, office=access.office,
                     names=office_template_names(config), chosen=chosen,
                     fields=[{**f, "value": raw.get(f["name"], "")} for f in fields],
                     problems=exc.problem_list())


def _typed(name: str, text: str, kind: str) -> Any:
    """Return what the clerk typed as the template reads it: text, a list of lines, or JSON."""
    if kind == "lines":
        return [line.strip() for line in text.splitlines() if line.strip()]
    if kind == "json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError([Problem("request.invalid", "", tuple(name.split(".")), text[:80],
                                      f"is not JSON ({exc.msg}, line {exc.lineno} column {exc.colno})")]) from None
    return text.strip()


def schema_fields(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the form's inputs for a JSON Schema: text, lines (a list of texts) or json, by dotted name."""
    defs = schema.get("$defs", {})
    out: list[dict[str, Any]] = []

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        for _ in range(10):
            if "$ref" in node:
                node = {**defs.get(node["$ref"].rsplit("/", 1)[-1], {}), **{k: v for k, v in node.items() if k != "$ref"}}
            elif "anyOf" in node:
                choices = [c for c in node["anyOf"] if c.get("type") != "null"]
                node = {**(choices[0] if choices else {}), **{k: v for k, v in node.items() if k != "anyOf"}}
            else:
                break
        return node

    def walk(node: dict[str, Any], prefix: str, depth: int, required: bool) -> None:
        node = resolve(node)
        kind = node.get("type")
        if kind == "object" and node.get("properties") and depth < _MAX_DEPTH:
            needed = set(node.get("required", ()))
            for key, child in node["properties"].items():
                walk(child, f"{prefix}.{key}" if prefix else key, depth + 1, required and key in needed)
            return
        if kind == "array":
            items = resolve(node.get("items", {}))
            field_kind = "lines" if items.get("type") in ("string", None) else "json"
        else:
            field_kind = "text" if kind in ("string", "number", "integer", None) else "json"
        out.append({"name": prefix, "kind": field_kind, "label": node.get("title") or prefix,
                    "hint": node.get("description", ""), "required": required, "value": ""})

    walk(schema, "", 0, True)
    return out


def nested(flat: dict[str, Any]) -> dict[str, Any]:
    """Return ``{"a.b": v}`` as ``{"a": {"b": v}}`` (the form's dotted names back to the data)."""
    out: dict[str, Any] = {}
    for key, value in flat.items():
        parts = key.split(".")
        node = out
        for part in parts[:-1]:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                break
            node = child
        else:
            node[parts[-1]] = value
    return out
