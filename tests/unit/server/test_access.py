"""Tokens, offices and the serve command's refusals, without a server."""

from __future__ import annotations

import hashlib

import pytest
from click.testing import CliRunner

pytest.importorskip("fastapi")

from pea_docs.cli.main import main  # noqa: E402
from pea_docs.errors import InputError  # noqa: E402
from pea_docs.server.access import Access, Tokens  # noqa: E402


def test_tokens_by_value_or_by_digest_each_of_one_office():
    tokens = Tokens.from_mapping({"tokens": [
        {"token": "first-secret", "office": "A", "user": "Асель"},
        {"sha256": hashlib.sha256(b"second-secret").hexdigest(), "office": "B", "read_only": True}]})
    assert tokens.find("first-secret") == Access("A", "Асель", False)
    assert tokens.find("second-secret") == Access("B", None, True)
    assert tokens.find("first-secreT") is None and tokens.find("") is None
    assert tokens.offices() == ["A", "B"]


@pytest.mark.parametrize(("data", "path"), [
    ({}, ""),
    ({"tokens": []}, ""),
    ({"tokens": ["x"]}, "tokens[0]"),
    ({"tokens": [{"token": "long-enough"}]}, "tokens[0].office"),
    ({"tokens": [{"token": "short", "office": "A"}]}, "tokens[0].token"),
    ({"tokens": [{"sha256": "z" * 64, "office": "A"}]}, "tokens[0].sha256"),
])
def test_a_bad_tokens_file_names_its_entry(data, path):
    with pytest.raises(InputError) as info:
        Tokens.from_mapping(data, source="tokens.yaml")
    problem = info.value.problems[0]
    assert problem.code == "server.tokens" and problem.file == "tokens.yaml"
    assert ".".join(str(p) for p in problem.loc).replace(".0", "[0]") == path


def test_serve_refuses_to_listen_beyond_this_computer_without_tokens(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--data", str(tmp_path / "d")])
    assert result.exit_code == 1 and "give --tokens FILE" in result.output
    bad = tmp_path / "tokens.yaml"
    bad.write_text("tokens: [{token: short, office: A}]\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["serve", "--tokens", str(bad)])
    assert result.exit_code == 1 and "tokens[0].token" in result.output and "Traceback" not in result.output
