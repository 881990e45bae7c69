"""Start-up: what one-call commands cost before they do anything (issue 9, §5).

Measures, in the same run and alternating, the whole-process time of

- ``python -c pass`` (the reference: the interpreter alone),
- ``python -c "import pea_docs"``,
- ``python -c "import pea_docs; pea_docs.format_date(...)"``,
- ``pea-docs --help`` and ``pea-docs forms``,

and prints each as a ratio to the reference (medians of the rounds, min–max shown),
then the largest cumulative imports of ``python -X importtime -c "import pea_docs"``.

Run: ``python bench/startup.py [--rounds 15]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

PY = sys.executable
CLI = shutil.which("pea-docs", path=os.path.dirname(PY)) or "pea-docs"
CASES = {
    "python -c pass": [PY, "-c", "pass"],
    "import pea_docs": [PY, "-c", "import pea_docs"],
    "format_date": [PY, "-c", "import pea_docs; pea_docs.format_date('2008-09-15', 'words', lang='kk')"],
    "pea-docs --help": [CLI, "--help"],
    "pea-docs forms": [CLI, "forms"],
}


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    for cmd in CASES.values():  # warm the file cache
        timed(cmd)
    times: dict[str, list[float]] = {name: [] for name in CASES}
    for _ in range(args.rounds):  # alternate, so that a busy moment touches every case alike
        for name, cmd in CASES.items():
            times[name].append(timed(cmd))
    ref = statistics.median(times["python -c pass"])
    print(f"{'case':<18} {'median ms':>10} {'min–max ms':>16} {'× python -c pass':>17}")
    for name, values in times.items():
        med = statistics.median(values)
        print(f"{name:<18} {med * 1000:10.1f} {min(values) * 1000:7.1f}–{max(values) * 1000:<8.1f} {med / ref:17.1f}")
    out = subprocess.run([PY, "-X", "importtime", "-c", "import pea_docs"], capture_output=True, text=True)
    rows = []
    for line in out.stderr.splitlines()[1:]:
        parts = line.split("|")
        if len(parts) == 3:
            rows.append((int(parts[1]), parts[2].rstrip()))
    print("\nlargest cumulative imports of `import pea_docs` (µs):")
    for cumulative, name in sorted(rows, reverse=True)[:8]:
        print(f"{cumulative:10d}  {name}")


if __name__ == "__main__":
    main()
