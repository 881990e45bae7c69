"""Benchmark: the same 1-page letter for N contexts, plain docxtpl against pea-docs.

Run from the repository's top folder::

    python bench/templates.py                 # the letter: 5 alternating rounds of 500
    python bench/templates.py -n 200 --lang kk
    python bench/templates.py --table 200 -n 100   # a table of 200 rows from a loop

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
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import docx  # noqa: E402
import jinja2  # noqa: E402
from docxtpl import DocxTemplate  # noqa: E402
from stats import spread  # noqa: E402  (bench/stats.py)

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


def table_template(folder: Path) -> Path:
    """Write a Word template with a table whose rows come from a loop (``{%tr for %}``)."""
    document = docx.Document()
    document.add_paragraph("{{ agent|header }}")
    document.add_paragraph("ОПИСЬ ДОКУМЕНТОВ")
    table = document.add_table(rows=4, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["№", "Документ", "Дата", "Листов"], strict=True):
        cell.text = text
    table.rows[1].cells[0].text = "{%tr for row in rows %}"
    for cell, text in zip(table.rows[2].cells, ["{{ loop.index }}", "{{ row.title }}",
                                                 "{{ row.date|date('figures') }}", "{{ row.sheets }}"],
                          strict=True):
        cell.text = text
    table.rows[3].cells[0].text = "{%tr endfor %}"
    document.add_paragraph("{{ agent|signature }}")
    path = folder / "table.docx"
    document.save(path)
    return path


def table_contexts(n: int, rows: int) -> list[dict]:
    """Return ``n`` inventories of ``rows`` rows each (titles and dates vary)."""
    agent = {"surname": "Сәрсенбаев", "name": "Ерғали", "patronymic": "Қуанышұлы",
             "license": "17012345", "territory": "исполнительный округ г. Алматы",
             "address": "050000, г. Алматы, ул. Абая, д. 10, оф. 5"}
    return [{"agent": agent, "rows": [
        {"title": f"Запрос № {i}-{k} в АО «Банк» & Co <{SURNAMES[k % len(SURNAMES)]}>",
         "date": f"2025-{1 + k % 12:02d}-{1 + (i + k) % 28:02d}", "sheets": 1 + k % 5}
        for k in range(rows)]} for i in range(n)]


def main() -> None:
    import tempfile
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=500, help="documents per round, pea-docs and floor (default 500)")
    parser.add_argument("--plain", type=int, default=60, help="documents per round, docxtpl (default 60)")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds (default 5)")
    parser.add_argument("--lang", default="ru", choices=["ru", "kk", "en"])
    parser.add_argument("--breakdown", action="store_true",
                        help="also what each safeguard costs: rounds with it left out, against the whole")
    parser.add_argument("--table", type=int, default=0, metavar="ROWS",
                        help="a table template with ROWS rows from a loop instead of the letter (e.g. 200)")
    args = parser.parse_args()
    if args.table:
        path = table_template(Path(tempfile.mkdtemp(prefix="pea-bench-")))
        data = table_contexts(args.n, args.table)
        what = f"a table of {args.table} rows ({{%tr for %}})"
    else:
        path = builtin_template("request", args.lang)
        data = contexts(args.n)
        what = str(path.relative_to(ROOT))
    env = jinja2.Environment(autoescape=True)
    env.filters.update(FILTERS)

    with filter_language(args.lang):
        for context in data[:3]:
            ours = render_template(path, context, lang=args.lang).to_bytes()
            assert texts(ours) == texts(docxtpl_bytes(path, context, env)), "texts differ"
    for context in data[:20]:  # the template prepared, the caches warm: every way starts equal
        render_template(path, context, lang=args.lang).to_bytes()

    ours_ms, floor_ms, plain_ms, to_floor, to_plain = [], [], [], [], []
    for i in range(args.rounds):
        with filter_language(args.lang):
            start = time.perf_counter()
            for context in data[:args.plain]:
                docxtpl_bytes(path, context, env)
            plain = (time.perf_counter() - start) / args.plain
        start = time.perf_counter()
        for context in data:
            render_template(path, context, lang=args.lang).to_bytes()
        fast = (time.perf_counter() - start) / len(data)
        floor = floor_seconds(path, data, args.lang) / len(data)
        ours_ms.append(1000 * fast)
        floor_ms.append(1000 * floor)
        plain_ms.append(1000 * plain)
        to_floor.append(fast / floor)
        to_plain.append(plain / fast)
        print(f"round {i + 1}: pea-docs {1000 * fast:.2f} ms, floor {1000 * floor:.2f} ms, "
              f"docxtpl {1000 * plain:.1f} ms a document", flush=True)

    print(f"template: {what}, lang={args.lang}; {args.rounds} alternating rounds of {len(data)} "
          f"documents (docxtpl {args.plain}); median (min–max)")
    print(f"pea-docs : {spread(ours_ms)} ms a document")
    print(f"floor    : {spread(floor_ms)} ms a document")
    print(f"docxtpl  : {spread(plain_ms, '.1f')} ms a document")
    print(f"ratio    : {spread(to_plain, '.1f')} x  (docxtpl / pea-docs)")
    print(f"to floor : {spread(to_floor)} x  (pea-docs / floor; issue 14 aims at 1.4 for the letter, "
          "1.6 for a 200-row table)")
    if args.breakdown:
        breakdown(path, data, args.lang, args.rounds)


#: the safeguards pea-docs adds over the floor, and how a round leaves each out (a bench only:
#: the documents made without one are not what pea-docs gives, so they are only timed)
SAFEGUARDS = {
    "checks of the data against the Rules, before rendering": ("pea_docs.templating.template", "data_problems",
                                                               lambda *a, **k: []),
    "cleaning of the data's texts (control characters)": ("pea_docs.templating.template", "_cleaned",
                                                         lambda data: data),
    "proof that each rendered part is well-formed XML": ("pea_docs.templating.compiled", "prove_well_formed",
                                                         lambda *a, **k: None),
    "line breaks and tabs of values as Word's (listing)": ("pea_docs.templating.docx_xml", "_resolve_listing",
                                                           lambda xml: xml),
    "typography (non-breaking spaces) of every value": ("pea_docs.locale.typography", "_SPACE",
                                                        re.compile("(?!)")),
}


def breakdown(path: Path, data: list[dict], lang: str, rounds: int) -> None:
    """Print what each safeguard costs a document: the whole, then rounds with one left out each."""
    import importlib
    cost: dict[str, list[float]] = {name: [] for name in SAFEGUARDS}
    whole: list[float] = []

    def timed() -> float:
        start = time.perf_counter()
        for context in data:
            render_template(path, context, lang=lang).to_bytes()
        return 1000 * (time.perf_counter() - start) / len(data)

    from pea_docs.locale.typography import _typeset_short
    for _ in range(rounds):
        base = timed()
        whole.append(base)
        for name, (module, attribute, stand_in) in SAFEGUARDS.items():
            owner = importlib.import_module(module)
            real = getattr(owner, attribute)
            setattr(owner, attribute, stand_in)
            _typeset_short.cache_clear()
            try:
                cost[name].append(base - timed())
            finally:
                setattr(owner, attribute, real)
                _typeset_short.cache_clear()
    print(f"what each safeguard costs a document ({rounds} rounds: the whole, then each left out; "
          f"median (min–max) of the difference):")
    print(f"  the whole                                                  {spread(whole)} ms")
    for name, values in cost.items():
        print(f"  {name:58s} {spread(values)} ms")
    print("  (the rest over the floor: the sandbox's guards, the escaping and the finalizer of every value, "
          "the place-keeping of errors, the images' session)")


if __name__ == "__main__":
    main()
