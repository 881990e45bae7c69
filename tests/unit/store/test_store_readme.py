"""The README's tour of the register store runs as written and gives what it says."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

README = Path(__file__).resolve().parents[3] / "README.md"


def _register_example() -> str:
    """Return the README's ``with pea_docs.Register(...)`` block, as written there."""
    lines = README.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("with pea_docs.Register("))
    block = [lines[start]]
    for line in lines[start + 1:]:
        if not line.startswith("    "):
            break
        block.append(line)
    return textwrap.dedent("\n".join(block)) + "\n"


def test_the_readme_register_example_gives_number_1_registered_on_monday(tmp_path, monkeypatch):
    code = _register_example()
    assert 'received="2025-01-10 19:40"' in code and "entry.number, entry.registered" in code
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    exec(compile(f"import pea_docs\n{code}", str(README), "exec"), namespace)  # noqa: S102
    entry = namespace["entry"]
    # Friday 10.01.2025 19:40, after office hours: Monday 13.01.2025 (rule 20), as the comment says
    assert (entry.number, entry.registered) == (1, date(2025, 1, 13))  # type: ignore[attr-defined]
    assert "after hours on a Friday -> Monday" in code
    assert (tmp_path / "pea-docs.sqlite").is_file()
