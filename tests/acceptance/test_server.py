"""The office server through real HTTP: a uvicorn server on 127.0.0.1, on SQLite and on PostgreSQL."""

from __future__ import annotations

import io
import json
import zipfile

import docx
import openpyxl
import pytest
from pg_tools import BACKENDS
from pdf_tools import REPO
from server_tools import start_server

pytest.importorskip("fastapi")

AGENT = {"surname": "Сапаров", "name": "Арман", "patronymic": "Бекович", "license": "17012345"}
LETTER = REPO / "templates" / "request.ru.docx"
STAMP_DATA = {"agent": {"surname": "Сапаров", "name": "Арман"}, "date": "2025-01-09", "index": "15"}


def _hostile_template(text: str) -> bytes:
    """Return the request template with its first paragraph's text replaced by ``text`` (Jinja)."""
    source = zipfile.ZipFile(LETTER)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8")
                start = xml.index("<w:body>") + len("<w:body>")
                data = (xml[:start] + f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" + xml[start:]).encode("utf-8")
            target.writestr(item, data)
    return out.getvalue()


@pytest.fixture(scope="module", params=BACKENDS)
def server(request, tmp_path_factory):
    from pea_docs.templating.compiled import _example_docx

    simple = _example_docx("Тема: {{ subject }}. Кому: {{ recipient.organization }}.")
    found = start_server(tmp_path_factory.mktemp(f"server-{request.param}"), request.param, max_body=300_000,
                         templates={"request.ru.docx": LETTER.read_bytes(), "simple.docx": simple})
    yield found
    found.stop()


def _codes(response) -> list[str]:
    return [p["code"] for p in response.json()["problems"]]


def _docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for c in t._cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_health_forms_schema_and_openapi(server):
    with server.client() as http:
        assert http.get("/health").json()["ok"] is True
        names = [f["name"] for f in http.get("/forms").json()["forms"]]
        assert "registration_stamp" in names and "incoming_register" in names
        schema = http.get("/schema/registration_stamp").json()
        assert "agent" in schema["properties"]
        paths = http.get("/openapi.json").json()["paths"]
        assert {"/render", "/validate", "/register/incoming", "/register/entries", "/template/check"} <= set(paths)
        assert "swagger" in http.get("/docs").text.lower()
        assert http.get("/schema/no_such_form").status_code == 422


def test_render_a_form_as_docx_with_values_escaped(server):
    with server.client() as http:
        data = {**STAMP_DATA, "agent": {"surname": "Сапаров & <Ко>", "name": "Арман"}}
        answer = http.post("/render", json={"form": "registration_stamp", "data": data, "lang": "kk"})
        assert answer.status_code == 200, answer.text
        assert answer.headers["content-type"].startswith("application/vnd.openxmlformats")
        assert "Сапаров & <Ко>".upper() in _docx_text(answer.content).upper()


@pytest.mark.libreoffice
def test_render_a_form_as_pdf(server, soffice):
    with server.client() as http:
        answer = http.post("/render", json={"form": "registration_stamp", "data": STAMP_DATA, "format": "pdf"})
        assert answer.status_code == 200, answer.text
        assert answer.content.startswith(b"%PDF") and answer.headers["content-type"] == "application/pdf"


def test_validate_reports_problems_with_their_clauses(server):
    with server.client() as http:
        answer = http.post("/validate", json={"form": "registration_stamp",
                                              "data": {**STAMP_DATA, "color": "black"}})
        body = answer.json()
        assert answer.status_code == 200 and body["ok"] is False
        assert any(p["clause"] == "rule 60" and p["loc"] == ["color"] for p in body["problems"])
        bad = http.post("/render", json={"form": "registration_stamp", "data": {**STAMP_DATA, "color": "black"}})
        assert bad.status_code == 422 and bad.json()["problems"][0]["clause"] == "rule 60"


def test_an_uploaded_template_is_rendered_checked_and_inspected(server):
    with server.client() as http:
        files = {"template": ("letter.docx", LETTER.read_bytes())}
        inspected = http.post("/template/inspect", files=files).json()
        assert "recipient" in inspected["variables"] and inspected["schema"]["type"] == "object"
        checked = http.post("/template/check", files=files, data={"data": json.dumps({"subject": "x"})}).json()
        assert checked["ok"] is False and "template.variable_missing" in [p["code"] for p in checked["problems"]]
        hostile = _hostile_template("{{ subject }}")
        answer = http.post("/render/template", files={"template": ("x.docx", hostile)},
                           data={"data": json.dumps({"subject": "A & B <w:p/> «C»"}), "draft": "true"})
        assert answer.status_code in (200, 422), answer.text
        if answer.status_code == 200:
            assert "A & B <w:p/> «C»" in _docx_text(answer.content)


def test_a_hostile_template_is_refused_by_the_sandbox(server):
    with server.client() as http:
        for text in ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "{{ cycler.__init__.__globals__.os }}"):
            answer = http.post("/render/template", files={"template": ("x.docx", _hostile_template(text))},
                               data={"data": "{}", "draft": "true"})
            assert answer.status_code == 422, answer.text
            assert answer.json()["error"] in ("TemplateSecurityError", "TemplateError", "UndefinedVariableError")
        garbage = http.post("/render/template", files={"template": ("x.docx", b"not a zip")}, data={"data": "{}"})
        assert garbage.status_code == 422 and "Traceback" not in garbage.text
        not_json = http.post("/render/template", files={"template": ("x.docx", LETTER.read_bytes())},
                             data={"data": "{oops"})
        assert not_json.status_code == 400 and _codes(not_json) == ["request.invalid"]


def test_office_templates_by_name_only(server):
    with server.client() as http:
        assert http.get("/template/office").json()["templates"] == ["request.ru.docx", "simple.docx"]
        schema = http.get("/template/office/request.ru.docx/schema").json()
        assert "recipient" in schema["properties"]
        for name in ("..%2F..%2Ftokens.yaml", "..%2Fregisters", "%2Fetc%2Fpasswd"):
            answer = http.get(f"/template/office/{name}/schema")
            assert answer.status_code in (404, 422)
            if answer.status_code == 422:
                assert _codes(answer) == ["server.template"]


def test_register_list_show_stamp_stamped_and_export(server):
    with server.client() as http:
        assert http.put("/register/agent", json=AGENT).json()["agent"]["surname"] == "Сапаров"
        first = http.post("/register/incoming", json={
            "sender": "ТОО «Альфа & Ко»", "doc_number": "12-34", "doc_date": "2025-01-06",
            "summary": "Запрос <b>о ходе</b>", "received": "2025-01-10 19:40"})
        assert first.status_code == 200, first.text
        entry = first.json()["entry"]
        assert entry["registered"] == "2025-01-13"  # Friday 19:40 -> Monday (rule 20)
        number = entry["number"]
        out = http.post("/register/outgoing", json={"recipient": "АО «Банк»", "summary": "Ответ",
                                                    "date": "2025-01-13", "method": "post"}).json()
        assert out["entry"]["direction"] == "outgoing"
        listed = http.get("/register/entries", params={"year": 2025, "text": "альфа"}).json()["entries"]
        assert [(e["direction"], e["number"]) for e in listed] == [("incoming", number)]
        shown = http.get(f"/register/incoming/2025/{number}").json()["entry"]
        assert shown["history"][0]["action"] == "registered" and shown["history"][0]["by"] == "Асель"
        stamp = http.get(f"/register/incoming/2025/{number}/stamp")
        assert stamp.status_code == 200 and "13.01.2025" in _docx_text(stamp.content)
        stamped = http.post(f"/register/incoming/2025/{number}/stamped",
                            files={"document": ("letter.docx", LETTER.read_bytes())})
        assert stamped.status_code == 200
        body = zipfile.ZipFile(io.BytesIO(stamped.content)).read("word/document.xml").decode("utf-8")
        assert "13.01.2025" in body and "{{ subject }}" in body  # the letter itself, with the stamp added
        xlsx = http.get("/register/export/incoming/2025")
        assert xlsx.status_code == 200, xlsx.text
        sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
        assert any("Запрос <b>о ходе</b>" == cell for row in sheet.iter_rows(values_only=True) for cell in row)
        missing = http.get("/register/incoming/2025/9999")
        assert missing.status_code == 422 and _codes(missing) == ["store.not_found"]


def test_tokens_offices_and_rights(server):
    with server.client("a") as a, server.client("b") as b, server.client("reader") as reader, \
            server.client(None) as nobody:
        number = a.post("/register/outgoing", json={"recipient": "АО «Банк»", "summary": "Только для A",
                                                    "date": "2025-02-03"}).json()["entry"]["number"]
        # office B sees none of A's entries and numbers its own register from 1
        assert all(e["summary"] != "Только для A" for e in b.get("/register/entries").json()["entries"])
        assert b.get(f"/register/outgoing/2025/{number}").status_code == 422
        first_b = b.post("/register/outgoing", json={"recipient": "X", "summary": "B", "date": "2025-02-03"})
        assert first_b.json()["office"] == server.offices["b"]
        # naming another office is 403; no token, an unknown token: 401
        other = b.get("/register/entries", params={"office": server.offices["a"]})
        assert other.status_code == 403 and _codes(other) == ["auth.forbidden"]
        assert nobody.get("/register/entries").status_code == 401
        assert _codes(nobody.get("/register/entries")) == ["auth.missing"]
        wrong = nobody.get("/forms", headers={"Authorization": "Bearer not-a-token"})
        assert wrong.status_code == 401 and _codes(wrong) == ["auth.unknown"]
        # a read-only token reads A's register but cannot register
        assert reader.get(f"/register/outgoing/2025/{number}").status_code == 200
        refused = reader.post("/register/outgoing", json={"recipient": "X", "summary": "Y"})
        assert refused.status_code == 403 and _codes(refused) == ["auth.forbidden"]


def test_bad_requests_and_an_oversized_upload(server):
    with server.client() as http:
        broken = http.post("/register/incoming", content=b"{bad", headers={"content-type": "application/json"})
        assert broken.status_code == 400 and _codes(broken) == ["request.invalid"]
        extra = http.post("/register/incoming", json={"sender": "A", "summary": "B", "unknown": 1})
        assert extra.status_code == 400 and extra.json()["problems"][0]["loc"] == ["unknown"]
        big = http.post("/template/check", files={"template": ("big.docx", b"x" * 400_000)})
        assert big.status_code == 413 and _codes(big) == ["request.too_large"]
        # a body streamed without its length is counted as it comes
        chunks = (b"x" * 50_000 for _ in range(10))
        streamed = http.post("/render/office/request.ru.docx", content=chunks,
                             headers={"content-type": "application/json"})
        assert streamed.status_code == 413
    with server.client() as fresh:  # the server closed that connection, and is still there
        assert fresh.get("/health").status_code == 200


def test_the_page_asks_for_a_token_and_speaks_three_languages(server):
    with server.client(None, follow_redirects=False) as http:
        assert http.get("/").status_code == 303
        signed = http.post("/login", data={"token": server.tokens["a"], "next": "/"})
        assert signed.status_code == 303 and "pea_token" in signed.cookies
        http.cookies.set("pea_token", server.tokens["a"])
        for lang, word in (("ru", "Журнал"), ("kk", "Тіркеу"), ("en", "Journal")):
            page = http.get("/", params={"lang": lang})
            assert page.status_code == 200 and word in page.text and f'lang="{lang}"' in page.text
        wrong = http.post("/login", data={"token": "nope", "next": "/"})
        assert wrong.status_code == 401


def test_the_pages_letter_form_fills_an_office_template(server):
    with server.client(None) as http:
        http.cookies.set("pea_token", server.tokens["a"])
        form = http.get("/letter", params={"template": "simple.docx"}).text
        assert 'name="subject"' in form and 'name="recipient.organization"' in form
        done = http.post("/letter", data={"template": "simple.docx", "subject": "о счетах <срочно>",
                                          "recipient.organization": "АО «Банк» & Ко"})
        assert done.status_code == 200, done.text
        assert "Тема: о счетах <срочно>. Кому: АО «Банк» & Ко." in _docx_text(done.content)
        missing = http.post("/letter", data={"template": "simple.docx", "subject": "x"})
        assert missing.status_code == 422 and 'id="problems"' in missing.text and "recipient" in missing.text
        fields = http.get("/letter", params={"template": "request.ru.docx"}).text
        assert 'name="appendices"' in fields  # a list of objects: typed as JSON
        bad_json = http.post("/letter", data={"template": "request.ru.docx", "appendices": "[{oops"})
        assert bad_json.status_code == 422 and "is not JSON" in bad_json.text and "[{oops" in bad_json.text
        outside = http.post("/letter", data={"template": "../tokens.yaml", "subject": "x"})
        assert outside.status_code == 422 and "server.template" in outside.text


def test_an_office_template_through_the_api_and_the_agent_read_back(server):
    with server.client() as http:
        done = http.post("/render/office/simple.docx", json={"subject": "о счетах", "recipient": {
            "organization": "АО «Банк» & <Ко>"}})
        assert done.status_code == 200, done.text
        assert "Тема: о счетах. Кому: АО «Банк» & <Ко>." in _docx_text(done.content)
        http.put("/register/agent", json=AGENT)
        assert http.get("/register/agent").json()["agent"]["license"] == "17012345"
