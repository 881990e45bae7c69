"""Benchmark: the same 1-page letter for N contexts, plain docxtpl against pea-docs.

Run from the repository's top folder::

    python bench/templates.py            # 1000 documents each way
    python bench/templates.py -n 200 --lang kk

Both ways render the built-in request template (templates/request.<lang>.docx,
one page) with the same contexts and the same filters, and produce the bytes of
each document in memory (docxtpl: ``DocxTemplate(path)``, ``render``, ``save``
per document, autoescape on; pea-docs: ``render_template(...).to_bytes()``).
The first few documents of each way are compared paragraph by paragraph with
python-docx, so the speed is not bought with a different result. The floor is what
any tool must do (:func:`floor_seconds`): render the same XML with plain Jinja,
deflate it and zip it with the unchanged parts — pea-docs' time over it is what the
sandbox, the checks of the data and the proofs cost.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import docx  # noqa: E402
import jinja2  # noqa: E402
from docxtpl import DocxTemplate  # noqa: E402

from pea_docs.documents.builtin_templates import builtin_template
from pea_docs.documents.letters import letter_context
from pea_docs.models import coerce
from pea_docs.models.letters import Letter
from pea_docs.ooxml.rawzip import deflate, write_zip
from pea_docs.templating.compiled import prepared_template
from pea_docs.templating.environment import FILTERS, filter_language
from pea_docs.templating.template import render_template

SURNAMES = ["Сәрсенбаев", "Жұмабекова", "Әбілқасымов", "Нұрғалиев", "Өмірзақова", "Ұлықбеков"]


def contexts(n: int) -> list[dict]:
    """Return ``n`` different letters (number, date, addressee, text vary)."""
    found = []
    for i in range(n):
        letter = coerce(Letter, {
            "agent": {"surname": "Сәрсенбаев", "name": "Ерғали", "patronymic": "Қуанышұлы",
                      "license": "17012345", "territory": "исполнительный округ г. Алматы",
                      "address": "050000, г. Алматы, ул. Абая, д. 10, оф. 5"},
            "number": f"02-07/{i + 1}",
            "date": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "recipient": {"organization": f"АО «Банк ЦентрКредит» & Co №{i}",
                          "address": "050059, г. Алматы, пр. Аль-Фараби, д. 38"},
            "reply_to": {"number": f"12-34/{i}", "date": "2025-01-06"} if i % 2 else None,
            "subject": "о наличии банковских счетов должника",
            "text": f"Должник {SURNAMES[i % len(SURNAMES)]} <ТОО «Құрылыс»>: прошу сообщить о счетах.\n"
                    "Ответ направить в течение трёх рабочих дней.",
            "appendices": [{"title": "копия исполнительного листа", "sheets": 2, "copies": 1}],
        })
        found.append(letter_context(letter))
    return found


def docxtpl_bytes(path: Path, context: dict, env: jinja2.Environment) -> bytes:
    template = DocxTemplate(path)
    template.render(context, jinja_env=env, autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def floor_seconds(path: Path, data: list[dict], lang: str) -> float:
    """Return the seconds of the least any tool must do: render the same XML with Jinja, deflate it, zip it.

    The template's cleaned parts (as prepared once) rendered by a plain autoescaping Jinja
    environment with the same filters, each part deflated, and the package assembled in
    memory from them and the unchanged parts deflated beforehand — no sandbox, no checks of
    the data, no place-keeping, no well-formedness proof.
    """
    prepared = prepared_template(path)
    env = jinja2.Environment(autoescape=True)
    env.filters.update(FILTERS)
    parts = [(part.source.name, env.from_string(part.source.text)) for part in prepared.parts]
    with filter_language(lang):
        start = time.perf_counter()
        for context in data:
            rendered = [deflate(name, template.render(context).encode("utf-8")) for name, template in parts]
            out = io.BytesIO()
            write_zip([*prepared.static, *rendered], out)
        return time.perf_counter() - start


def texts(data: bytes) -> list[str]:
    # compared with plain spaces: pea-docs adds non-breaking ones (pea_docs.locale.typography)
    document = docx.Document(io.BytesIO(data))
    found = [p.text for p in document.paragraphs]
    for table in document.tables:
        found += [cell.text for row in table.rows for cell in row.cells]
    return [text.replace("\u00a0", " ") for text in found]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="documents each way (default 1000)")
    parser.add_argument("--lang", default="ru", choices=["ru", "kk", "en"])
    args = parser.parse_args()
    path = builtin_template("request", args.lang)
    data = contexts(args.n)
    env = jinja2.Environment(autoescape=True)
    env.filters.update(FILTERS)

    with filter_language(args.lang):
        for context in data[:5]:
            ours = render_template(path, context, lang=args.lang).to_bytes()
            assert texts(ours) == texts(docxtpl_bytes(path, context, env)), "texts differ"

        start = time.perf_counter()
        for context in data:
            docxtpl_bytes(path, context, env)
        plain = time.perf_counter() - start

    start = time.perf_counter()
    for context in data:
        render_template(path, context, lang=args.lang).to_bytes()
    fast = time.perf_counter() - start

    floor = floor_seconds(path, data, args.lang)

    print(f"template: {path.relative_to(ROOT)}, {args.n} documents each way, lang={args.lang}")
    print(f"docxtpl  : {args.n / plain:8.1f} documents/s  ({plain / args.n * 1000:.2f} ms each)")
    print(f"pea-docs : {args.n / fast:8.1f} documents/s  ({fast / args.n * 1000:.2f} ms each)")
    print(f"floor    : {args.n / floor:8.1f} documents/s  ({floor / args.n * 1000:.2f} ms each)")
    print(f"ratio    : {plain / fast:8.1f} x  (docxtpl / pea-docs)")
    print(f"to floor : {fast / floor:8.2f} x  (pea-docs / floor; issue 14 aims at 1.4 or less)")


if __name__ == "__main__":
    main()
