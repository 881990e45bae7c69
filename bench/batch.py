"""Benchmark `pea-docs batch` against a plain docxtpl loop, in the same run.

Builds a one-page letter template (python-docx), writes N YAML inputs for it, and
measures, as documents per second:

* plain docxtpl: a new ``DocxTemplate(path)``, ``render``, ``save`` per document;
* ``pea-docs batch`` with 1 worker and with 2 workers (a fresh output folder each).

Prints the ratios and the peak RSS of the largest pea-docs process for N
documents (and for 10 N with ``--big``: memory should stay flat).

    /work/venv/bin/python bench/batch.py            # 2,000 documents
    /work/venv/bin/python bench/batch.py --big      # also 20,000, for memory
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import docx

LETTER = [
    "{{ agent_name }}, частный судебный исполнитель",
    "{{ agent_address }}",
    "{{ date }} № {{ number }}",
    "{{ bank }}",
    "{{ bank_address }}",
    "ЗАПРОС",
    "В производстве находится исполнительное производство № {{ case }} о взыскании с должника "
    "{{ debtor }} (ИИН {{ iin }}) в пользу взыскателя {{ creditor }} суммы {{ amount }} тенге.",
    "Прошу сообщить о наличии счетов должника и остатках денег на них.",
    "Частный судебный исполнитель ____________ {{ agent_short }}",
]


def make_template(path: Path) -> None:
    d = docx.Document()
    for line in LETTER:
        d.add_paragraph(line)
    d.save(path)


def context(i: int) -> dict[str, str]:
    return {"agent_name": "Сапаров Арман Болатович", "agent_address": "050000, г. Алматы, ул. Абая, д. 1",
            "date": f"{1 + i % 28:02d}.02.2025", "number": str(i), "bank": "АО «Kaspi Bank» & Co",
            "bank_address": "050013, г. Алматы, пр. Аль-Фараби, 77/8", "case": f"0201-25-{i:05d}",
            "debtor": "Әбенов Қайрат Нұрланұлы", "iin": f"{900101300000 + i}",
            "creditor": "ТОО «Альфа»", "amount": f"{1000 + i},00", "agent_short": "А. Б. Сапаров"}


def write_inputs(folder: Path, n: int) -> None:
    folder.mkdir(parents=True)
    for i in range(n):
        lines = ["template: ../letter.docx", "lang: ru", "data:"]
        lines += [f"  {k}: \"{v}\"" for k, v in context(i).items()]
        (folder / f"letter-{i:05d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def plain_docxtpl(template: Path, out: Path, n: int) -> float:
    from docxtpl import DocxTemplate
    out.mkdir()
    started = time.perf_counter()
    for i in range(n):
        tpl = DocxTemplate(template)
        tpl.render(context(i))
        tpl.save(out / f"letter-{i:05d}.docx")
    return n / (time.perf_counter() - started)


def pea_batch(work: Path, out: str, workers: int, n: int) -> tuple[float, float]:
    """Return documents per second (wall clock of the whole command) and peak RSS in MB."""
    probe = ("import resource, subprocess, sys, time;"
             "t = time.perf_counter();"
             "r = subprocess.run(sys.argv[1:]);"
             "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)")
    cmd = [sys.executable, "-c", probe, sys.executable, "-m", "pea_docs", "batch", "in", "-o", out,
           "-w", str(workers), "-q"]
    seconds, rss_kb, code = subprocess.run(cmd, cwd=work, capture_output=True, text=True,
                                           check=True).stdout.split()[-3:]
    if code != "0":
        raise SystemExit(f"pea-docs batch failed with exit code {code}")
    return n / float(seconds), int(rss_kb) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=2000, help="documents (default 2000)")
    parser.add_argument("--plain", type=int, default=300,
                        help="documents for the plain docxtpl loop (its rate is steady; default 300)")
    parser.add_argument("--big", action="store_true", help="also 10 n documents, for peak memory")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pea-bench-"))
    try:
        make_template(work / "letter.docx")
        write_inputs(work / "in", args.n)
        plain = plain_docxtpl(work / "letter.docx", work / "plain", args.plain)
        one, rss_one = pea_batch(work, "out1", 1, args.n)
        two, rss_two = pea_batch(work, "out2", 2, args.n)
        same = all((work / "out1" / p.name).read_bytes() == p.read_bytes() for p in (work / "out2").glob("*.docx"))
        print(f"plain docxtpl loop   {plain:8.1f} documents/s  ({args.plain} documents)")
        print(f"pea-docs batch -w 1  {one:8.1f} documents/s  ({args.n} documents)  {one / plain:5.1f}x plain"
              f"  peak RSS {rss_one:.0f} MB")
        print(f"pea-docs batch -w 2  {two:8.1f} documents/s  ({args.n} documents)  {two / one:5.2f}x one worker"
              f"  peak RSS {rss_two:.0f} MB")
        print(f"outputs of 1 and 2 workers byte-identical: {same}")
        if args.big:
            shutil.rmtree(work / "in")
            shutil.rmtree(work / "out1")
            shutil.rmtree(work / "out2")
            write_inputs(work / "in", 10 * args.n)
            big, rss_big = pea_batch(work, "outbig", 2, 10 * args.n)
            print(f"pea-docs batch -w 2  {big:8.1f} documents/s  ({10 * args.n} documents)"
                  f"  peak RSS {rss_big:.0f} MB (vs {rss_two:.0f} MB for {args.n})")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
