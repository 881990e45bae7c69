"""Benchmark `pea-docs batch` against a plain docxtpl loop, in the same run.

Two suites of N YAML inputs (one document per file):

* ``letter``: a one-page letter template made here with python-docx (``template: ../letter.docx``);
* ``request``: the built-in form ``request`` (when ``pea_docs.forms()`` has it), from
  ``samples/request.ru.yaml`` with a different number per file.

Each suite is run in ``--rounds`` alternating rounds (5 by default); each round
measures, one after the other, so that a busy moment of a shared machine hits
them alike:

* the **control**: pure-Python work in 2 processes against 1 (2.0 on an idle
  2-CPU machine; less when something else runs);
* the **floor**: a loop in a fresh interpreter that, per input, reads the YAML
  with PyYAML's C loader, renders with ``pea_docs.render`` and writes a fresh
  file, timed after its imports;
* ``pea-docs batch`` with **1 worker** into a fresh folder, then again into the
  same folder (the **resume**: every output up to date), and with **2 workers**
  into a fresh folder;
* the **resume floor**: per input, read the YAML, fingerprint its canonical
  JSON, hash the output that is there.

Each is measured on the N inputs and on the first 200 of them, and the figures
are the cost of one more document, (time at N - time at 200) / (N - 200):
what a run costs whatever its size (the interpreter, the imports, the worker
pool, preparing the template) is printed apart, as the batch's fixed cost.
It prints the medians and ranges of: ms a document for each, the batch / floor and
resume / resume floor ratios, the ``-w 2`` / ``-w 1`` speed-up, and the
**workers efficiency** = speed-up / control speed-up (1.0: the second worker
pays all the machine lets it pay). The reference for the letters is a plain
docxtpl loop measured in the same run: a new ``DocxTemplate(path)``,
``render``, ``save`` per letter.

A control writing 12 KB files from 1 and 2 processes, measured once, tells
whether the file system serializes creating files.

Documents per second are over the wall clock of the whole command (interpreter
start and imports included, which the 'start-up' column shows). The CPU columns
show who works: with ``-w 1`` one worker renders while the main process only
lists files, dispatches and writes the journal. Peak RSS is that of the main
process (``VmHWM``: ``RUSAGE_SELF`` would count the benchmark's own memory, which
survives ``exec``) and of the largest worker (``RUSAGE_CHILDREN``); forked
workers share the main process's pages, so main + workers x largest is an upper
bound. ``--big`` renders 10 N documents of each suite too, with 1 and 2 workers (once
each): memory should stay flat, and the start-up weighs less in the ratio.

    /work/venv/bin/python bench/batch.py                    # 2,000 documents per suite, 5 rounds
    /work/venv/bin/python bench/batch.py --suite request    # the built-in letter only
    /work/venv/bin/python bench/batch.py --big              # also 20,000, for memory
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import docx
from stats import median, spread  # bench/stats.py

ROOT = Path(__file__).resolve().parents[1]
#: the size of the second, small batch of each round (the fixed costs of a run)
SMALL = 200

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

# Runs `pea-docs batch` in this interpreter, then reports its own time and resource use.
PROBE = r"""
import resource, sys, time
t0 = time.perf_counter()
from pea_docs.cli.main import main
t1 = time.perf_counter()
code = 0
try:
    main(sys.argv[1:], prog_name="pea-docs")
except SystemExit as exc:
    code = exc.code
t2 = time.perf_counter()
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
# RUSAGE_SELF's peak survives exec (it would show the benchmark's own memory): read this image's
peak = next(int(x.split()[1]) for x in open("/proc/self/status") if x.startswith("VmHWM:"))
print("BENCH", t1 - t0, t2 - t1, peak, kids.ru_maxrss, me.ru_utime + me.ru_stime,
      kids.ru_utime + kids.ru_stime, code, file=sys.stderr)
"""

# The floors, each in a fresh interpreter timed after its imports: per input file, what the job
# cannot do without. "render": read the YAML (PyYAML's C loader), render, write a fresh file.
# "resume": read the YAML, fingerprint its canonical JSON, hash the output that is there already.
FLOOR = r"""
import hashlib, json, sys, time
from pathlib import Path
import yaml
import pea_docs
folder, out, kind = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
files = sorted(folder.glob("*.yaml"))
out.mkdir(exist_ok=True)
t0 = time.perf_counter()
for f in files:
    doc = yaml.load(f.read_bytes(), Loader=yaml.CSafeLoader)
    target = out / (f.stem + ".docx")
    if kind == "render":
        what = doc.get("form") or str((f.parent / doc["template"]).resolve())
        data = pea_docs.render(what, doc["data"], lang=doc.get("lang")).to_bytes()
        with open(target, "wb") as fh:
            fh.write(data)
    else:
        text = json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
        hashlib.sha256(text.encode()).hexdigest()
        hashlib.sha256(target.read_bytes()).hexdigest()
print(time.perf_counter() - t0)
"""


def make_template(path: Path) -> None:
    d = docx.Document()
    for line in LETTER:
        d.add_paragraph(line)
    d.save(path)


def context(i: int) -> dict[str, str]:
    return {"agent_name": "Сапаров Арман Болатович",
            "agent_address": "050000, г. Алматы, ул. Абая, д. 1",
            "date": f"{1 + i % 28:02d}.02.2025", "number": str(i), "bank": "АО «Kaspi Bank» & Co",
            "bank_address": "050013, г. Алматы, пр. Аль-Фараби, 77/8",
            "case": f"0201-25-{i:05d}",
            "debtor": "Әбенов Қайрат Нұрланұлы", "iin": f"{900101300000 + i}",
            "creditor": "ТОО «Альфа»", "amount": f"{1000 + i},00", "agent_short": "А. Б. Сапаров"}


def write_letters(folder: Path, n: int) -> None:
    folder.mkdir(parents=True)
    for i in range(n):
        lines = ["template: ../letter.docx", "lang: ru", "data:"]
        lines += [f"  {k}: \"{v}\"" for k, v in context(i).items()]
        (folder / f"letter-{i:05d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def has_request_form() -> bool:
    import pea_docs
    known = any(f["name"] == "request" for f in pea_docs.forms())
    return known and (ROOT / "samples" / "request.ru.yaml").is_file()


def write_requests(folder: Path, n: int) -> None:
    import yaml
    sample = yaml.safe_load((ROOT / "samples" / "request.ru.yaml").read_text(encoding="utf-8"))
    sample.pop("output", None)  # each input names its own output after its file
    folder.mkdir(parents=True)
    for i in range(n):
        data = {**sample["data"], "number": f"02-07/{i}", "date": f"2025-02-{1 + i % 28:02d}"}
        doc = {**sample, "data": data}
        (folder / f"request-{i:05d}.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False),
                                                      encoding="utf-8")


def plain_docxtpl(template: Path, out: Path, n: int) -> float:
    """Return the documents per second of the plain docxtpl loop."""
    from docxtpl import DocxTemplate
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    started = time.perf_counter()
    for i in range(n):
        tpl = DocxTemplate(template)
        tpl.render(context(i))
        tpl.save(out / f"letter-{i:05d}.docx")
    return n / (time.perf_counter() - started)


@dataclass
class Run:
    """One `pea-docs batch` command: its times (s), peak RSS (MB) and CPU (s)."""

    n: int
    wall: float
    startup: float
    rss_main: float
    rss_worker: float
    cpu_main: float
    cpu_workers: float

    @property
    def rate(self) -> float:
        return self.n / self.wall


def pea_batch(work: Path, inputs: str, out: str, workers: int, n: int, *, fresh: bool = True) -> Run:
    """Run `pea-docs batch INPUTS -o OUT -w WORKERS -q` in a fresh interpreter (into OUT as it is: a resume)."""
    if fresh:
        shutil.rmtree(work / out, ignore_errors=True)
    cmd = [sys.executable, "-c", PROBE, "batch", inputs, "-o", out, "-w", str(workers), "-q"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=work, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - started
    line = next((x for x in proc.stderr.splitlines() if x.startswith("BENCH ")), None)
    if line is None or line.split()[-1] != "0":
        raise SystemExit(f"pea-docs batch failed:\n{proc.stdout}\n{proc.stderr[-3000:]}")
    _, startup, _, rss_main, rss_kids, cpu_main, cpu_kids, _ = line.split()
    return Run(n, wall, float(startup), int(rss_main) / 1024, int(rss_kids) / 1024, float(cpu_main),
               float(cpu_kids))


def floor(work: Path, inputs: str, out: str, kind: str) -> float:
    """Return the seconds of the floor loop ``kind`` ("render" or "resume") over the suite ``inputs``."""
    if kind == "render":
        shutil.rmtree(work / out, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.run([sys.executable, "-c", FLOOR, str(work / inputs), str(work / out), kind],
                          capture_output=True, text=True, env=env)
    if proc.returncode:
        raise SystemExit(f"the {kind} floor failed:\n{proc.stderr[-3000:]}")
    return float(proc.stdout.split()[-1])


def _count_loops(seconds: float) -> int:
    end, n = time.perf_counter() + seconds, 0
    while time.perf_counter() < end:
        sum(i * i for i in range(200))
        n += 1
    return n


def machine_parallelism(seconds: float = 1.0) -> float:
    """Return how much more pure-Python work 2 processes do than 1 right now (2.0 on an idle 2-CPU box).

    The machine may be shared: this control, measured in the same run, tells
    what ratio 2 workers could reach at best.
    """
    import multiprocessing
    with multiprocessing.get_context("fork").Pool(2) as pool:
        one = pool.apply(_count_loops, (seconds,))
        two = sum(pool.map(_count_loops, [seconds, seconds], chunksize=1))
    return two / one


def wait_until_idle(most: float = 90.0) -> float:
    """Wait (up to ``most`` seconds) until 2 processes can run at once; return the last control.

    On a shared machine another job takes a CPU now and then: measuring while
    it does compares 2 workers with 1 worker on one CPU.
    """
    deadline = time.monotonic() + most
    while True:
        ratio = machine_parallelism(0.3)
        if ratio >= 1.8 or time.monotonic() > deadline:
            return ratio
        time.sleep(3)


def _write_files(folder: str, tag: str, n: int) -> float:
    data = os.urandom(12_000)  # about a one-page letter
    started = time.perf_counter()
    for i in range(n):
        tmp = f"{folder}/.{tag}-{i}.part"
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, f"{folder}/{tag}-{i}.docx")
    return time.perf_counter() - started


def file_system_parallelism(work: Path, n: int = 1500) -> tuple[float, float]:
    """Return the files per second one process and two processes write (12 KB, temp + rename).

    Every document is a file: if the file system serializes creating files,
    that part of the work does not scale with the workers, whatever they do.
    """
    import multiprocessing
    rates = []
    for processes in (1, 2):
        folder = work / f"fs-{processes}"
        folder.mkdir()
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            seconds = pool.starmap(_write_files, [(str(folder), f"p{k}", n) for k in range(processes)])
        rates.append(processes * n / max(seconds))
        shutil.rmtree(folder)
    return rates[0], rates[1]


def best(runs: list[Run]) -> Run:
    return min(runs, key=lambda r: r.wall)


def same_outputs(a: Path, b: Path) -> bool:
    first = {p.relative_to(a): p.read_bytes() for p in a.rglob("*.docx")}
    second = {p.relative_to(b): p.read_bytes() for p in b.rglob("*.docx")}
    return bool(first) and first == second


def line(label: str, run: Run, extra: str) -> str:
    return (f"{label:<26} {run.rate:8.1f} docs/s  {extra:<22} start-up {run.startup:4.2f} s  "
            f"CPU main {run.cpu_main:5.2f} s / workers {run.cpu_workers:5.2f} s  "
            f"peak RSS main {run.rss_main:4.0f} MB, worker {run.rss_worker:4.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=2000, help="documents per suite (default 2000)")
    parser.add_argument("--plain", type=int, default=300,
                        help="documents for the plain docxtpl loop (its rate is steady; default 300)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the plain docxtpl loop; the best counts (default 3)")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds of each suite (default 5)")
    parser.add_argument("--suite", choices=("letter", "request"), action="append",
                        help="run only this suite (may be given twice; default both)")
    parser.add_argument("--big", action="store_true", help="also 10 n documents per suite, for peak memory")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pea-bench-"))
    print(f"{os.cpu_count()} CPUs; load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    try:
        make_template(work / "letter.docx")
        suites = {"letter": write_letters}
        if has_request_form():
            suites["request"] = write_requests
        else:
            print("the built-in form 'request' is not there yet: its suite is left out")
        if args.suite:
            suites = {k: v for k, v in suites.items() if k in args.suite}
        for name, write in suites.items():
            write(work / name, args.n)
        print(f"machine parallelism now (pure-Python work, 2 processes / 1): {machine_parallelism():.2f}x")
        fs_one, fs_two = file_system_parallelism(work)
        print(f"file system: 12 KB files written (temp + rename): 1 process {fs_one:.0f}/s, "
              f"2 processes {fs_two:.0f}/s ({fs_two / fs_one:.2f}x)")
        plain = max(plain_docxtpl(work / "letter.docx", work / "plain", args.plain) for _ in range(args.repeat))
        print(f"{'plain docxtpl loop':<26} {plain:8.1f} docs/s  ({args.plain} letters, best of {args.repeat})")
        small: dict[str, Run] = {}
        few = min(SMALL, args.n // 4)
        for name in suites:
            # the first inputs again in a folder of their own: what a run costs whatever its size
            # (interpreter, imports, the pool, the first template) is taken out of the per-document
            # figures by the difference between the two sizes
            shutil.copytree(work / name, work / f"{name}-few",
                            ignore=lambda folder, names: sorted(names)[few:])
            figures: dict[str, list[float]] = {k: [] for k in (
                "control", "floor", "w1", "w2", "ratio", "speedup", "efficiency", "resume",
                "resume_floor", "resume_ratio", "cpu1", "cpu2", "fixed1")}
            runs: dict[int, list[Run]] = {1: [], 2: []}
            per = args.n - few

            def measure(inputs: str, n: int, runs: dict[int, list[Run]] = runs,
                        figures: dict[str, list[float]] = figures) -> dict[str, float]:
                got = {"floor": floor(work, inputs, f"floor-{inputs}", "render"),
                       "resume_floor": floor(work, inputs, f"floor-{inputs}", "resume")}
                one = pea_batch(work, inputs, f"out-{inputs}-1", 1, n)
                again = pea_batch(work, inputs, f"out-{inputs}-1", 1, n, fresh=False)
                two = pea_batch(work, inputs, f"out-{inputs}-2", 2, n)
                if n == args.n:
                    runs[1].append(one)
                    runs[2].append(two)
                    figures["cpu1"].append(one.cpu_main + one.cpu_workers)
                    figures["cpu2"].append(two.cpu_main + two.cpu_workers)
                got.update(w1=one.wall, w2=two.wall, resume=again.wall)
                return got

            for i in range(args.rounds):  # everything once per round, so a busy moment hits all alike
                control = machine_parallelism(1.0)
                big, little = measure(name, args.n), measure(f"{name}-few", few)
                cost = {k: (big[k] - little[k]) / per for k in big}  # seconds a document, at the margin
                speedup = cost["w1"] / cost["w2"]
                for key, value in (("control", control), ("floor", 1000 * cost["floor"]),
                                   ("w1", 1000 * cost["w1"]), ("w2", 1000 * cost["w2"]),
                                   ("ratio", cost["w1"] / cost["floor"]), ("speedup", speedup),
                                   ("efficiency", speedup / control),
                                   ("resume", 1000 * cost["resume"]),
                                   ("resume_floor", 1000 * cost["resume_floor"]),
                                   ("resume_ratio", cost["resume"] / cost["resume_floor"]),
                                   ("fixed1", little["w1"] - few * cost["w1"])):
                    figures[key].append(value)
                print(f"{name} round {i + 1}: control {control:.2f}x, floor {figures['floor'][-1]:.2f} ms, "
                      f"-w 1 {figures['w1'][-1]:.2f} ms, -w 2 {figures['w2'][-1]:.2f} ms a document, "
                      f"resume {figures['resume'][-1]:.2f} ms (floor {figures['resume_floor'][-1]:.2f})",
                      flush=True)
            print(f"{name}: {args.rounds} alternating rounds, {args.n} and {few} documents; the cost of one "
                  f"more document (difference of the two sizes), median (min–max):")
            print(f"  the floor (YAML + render + a fresh file)   {spread(figures['floor'])} ms a document")
            print(f"  batch -w 1                                 {spread(figures['w1'])} ms a document, "
                  f"{spread(figures['ratio'])}x the floor; a run's fixed cost "
                  f"{spread(figures['fixed1'])} s (interpreter, imports, pool, first template)")
            print(f"  batch -w 2                                 {spread(figures['w2'])} ms a document")
            print(f"  resume of the finished batch               {spread(figures['resume'])} ms a document, "
                  f"{spread(figures['resume_ratio'])}x its floor ({spread(figures['resume_floor'])} ms: "
                  "YAML, canonical JSON, sha256 of input and output)")
            print(f"  -w 2 / -w 1 speed-up {spread(figures['speedup'])}x; control (2 pure-Python "
                  f"burners / 1) {spread(figures['control'])}x; workers efficiency "
                  f"{spread(figures['efficiency'])}")
            print(f"  CPU of the whole command ({args.n}): -w 1 {spread(figures['cpu1'])} s, -w 2 "
                  f"{spread(figures['cpu2'])} s ({median(figures['cpu2']) / median(figures['cpu1']):.2f}x)")
            one, two = best(runs[1]), best(runs[2])
            small[name] = two
            print(line(f"{name}: batch -w 1 (best)", one, f"{one.rate / plain:5.1f}x plain"))
            print(line(f"{name}: batch -w 2 (best)", two, f"{two.rate / one.rate:5.2f}x one worker"))
            print(f"{name}: outputs of 1 and 2 workers byte-identical: "
                  f"{same_outputs(work / f'out-{name}-1', work / f'out-{name}-2')}")
            shutil.rmtree(work / f"out-{name}-1")
            shutil.rmtree(work / f"out-{name}-2")
        if args.big:
            for name, write in suites.items():
                shutil.rmtree(work / name)
                write(work / name, 10 * args.n)
                before = wait_until_idle()
                big_one = pea_batch(work, name, f"out-{name}-big", 1, 10 * args.n)
                big = pea_batch(work, name, f"out-{name}-big", 2, 10 * args.n)
                print(f"{name}: machine parallelism before the {10 * args.n}-document runs: {before:.2f}x")
                shutil.rmtree(work / f"out-{name}-big")
                two = small[name]
                print(line(f"{name}: -w 1, {10 * args.n} docs", big_one, ""))
                print(line(f"{name}: -w 2, {10 * args.n} docs", big, f"{big.rate / big_one.rate:5.2f}x one worker"))
                print(f"{name}: peak RSS {args.n} -> {10 * args.n} documents: main {two.rss_main:.0f} -> "
                      f"{big.rss_main:.0f} MB, largest worker {two.rss_worker:.0f} -> {big.rss_worker:.0f} MB, "
                      f"main + 2 workers <= {two.rss_main + 2 * two.rss_worker:.0f} -> "
                      f"{big.rss_main + 2 * big.rss_worker:.0f} MB")
        print(f"machine parallelism now (pure-Python work, 2 processes / 1): {machine_parallelism():.2f}x")
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
