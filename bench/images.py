"""Benchmark: a one-page letter with a 100 KB image, against the same letter without it and against docxtpl.

Run from the repository's top folder::

    python bench/images.py              # 5 alternating rounds of 200 letters each way
    python bench/images.py -n 500 --rounds 7

Three ways render the same letter (a python-docx page: the agent, the addressee,
four paragraphs) for the same contexts, to bytes in memory:

- pea-docs with ``{{ image(seal, width_mm=30) }}`` and a 100 KB PNG (incompressible noise);
- pea-docs, the same template without the image (the floor: what the image adds is the ratio);
- docxtpl with ``InlineImage(template, path, width=Mm(30))`` in the same place.

The target of issue 13 is at least 200 letters a second on one core with the image.
Printed: medians of the rounds, min–max, letters per second and ratios.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import struct
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import docx  # noqa: E402
from docx.shared import Mm  # noqa: E402
from docxtpl import DocxTemplate, InlineImage  # noqa: E402

from pea_docs.templating.template import render_template  # noqa: E402

PARAGRAPHS = ["Частный судебный исполнитель {{ agent }}", "{{ recipient }}", "ЗАПРОС",
              "Прошу предоставить сведения о счетах должника {{ debtor }} по исполнительному производству "
              "№ {{ number }}.", "Ответ направить в течение трёх рабочих дней."]


def noise_png(width: int, height: int) -> bytes:
    """Return an RGB PNG of random pixels: about ``width * height * 3`` bytes, as a scan would be."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    rows = b"".join(b"\x00" + os.urandom(width * 3) for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def template(path: Path, image_tag: str) -> Path:
    document = docx.Document()
    for text in PARAGRAPHS:
        document.add_paragraph(text)
    document.add_paragraph(f"Печать: {image_tag} М.П.")
    document.save(path)
    return path


def contexts(n: int) -> list[dict]:
    return [{"agent": "Сапаров А.Б.", "recipient": f"АО «Банк» & Co №{i}", "debtor": f"ТОО «Құрылыс-{i}»",
             "number": f"0201-25-{i:05d}", "seal": "seal.png"} for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="letters a round each way (default 200)")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds (default 5)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    (folder / "seal.png").write_bytes(noise_png(190, 175))
    with_image = template(folder / "with.docx", "{{ image(seal, width_mm=30) }}")
    without = template(folder / "without.docx", "")
    plain = template(folder / "plain.docx", "{{ seal_image }}")
    data = contexts(args.n)

    def ours(path: Path) -> float:
        start = time.perf_counter()
        for context in data:
            render_template(path, context).to_bytes()
        return time.perf_counter() - start

    def theirs() -> float:
        start = time.perf_counter()
        for context in data:
            tpl = DocxTemplate(plain)
            tpl.render({**context, "seal_image": InlineImage(tpl, str(folder / "seal.png"), width=Mm(30))},
                       autoescape=True)
            out = io.BytesIO()
            tpl.save(out)
        return time.perf_counter() - start

    sample = render_template(with_image, data[0]).to_bytes()
    assert len(docx.Document(io.BytesIO(sample)).inline_shapes) == 1, "the image is not in the letter"
    ours(with_image)  # warm the caches: the template is prepared, the image read, once
    times: dict[str, list[float]] = {"image": [], "floor": [], "docxtpl": []}
    for _ in range(args.rounds):
        times["image"].append(ours(with_image))
        times["floor"].append(ours(without))
        times["docxtpl"].append(theirs())
    size = (folder / "seal.png").stat().st_size
    print(f"{args.n} letters a round, {args.rounds} alternating rounds, a {size / 1024:.0f} KB PNG; one core")
    for label, values in times.items():
        med = statistics.median(values)
        print(f"{label:8} {args.n / med:8.1f} letters/s  ({med / args.n * 1000:.2f} ms each; "
              f"rounds {min(values) / args.n * 1000:.2f}–{max(values) / args.n * 1000:.2f} ms)")
    image, floor, other = (statistics.median(times[k]) for k in ("image", "floor", "docxtpl"))
    print(f"image / floor (cost of the image)   : {image / floor:6.2f} x")
    print(f"docxtpl / image (pea-docs' speed-up): {other / image:6.1f} x")
    print(f"target 200 letters/s with the image : {'met' if args.n / image >= 200 else 'NOT met'}")


if __name__ == "__main__":
    main()
