"""The published JSON Schemas (``pea-docs schema FORM``) accept every sample that ``validate`` accepts."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from pea_docs.api import validate_input
from pea_docs.cli.main import main as cli_main
from pea_docs.io.inputs import read_input

SAMPLES = sorted(p for p in (Path(__file__).parents[2] / "samples").glob("*.yaml") if p.name != "office.yaml")


def published_schema(form: str) -> dict:
    result = CliRunner().invoke(cli_main, ["schema", form], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def as_json(data):
    # what a program sending JSON gives: YAML's dates become ISO text
    return json.loads(json.dumps(data, default=str))


def validator(form: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(published_schema(form), format_checker=jsonschema.FormatChecker())


def test_every_form_has_a_sample_in_every_language():
    from pea_docs.documents.catalog import catalog_names
    names = {p.name for p in SAMPLES}
    assert all(f"{form}.{lang}.yaml" in names for form in catalog_names() for lang in ("ru", "kk", "en"))


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.name for p in SAMPLES])
def test_sample_validates_against_its_published_schema(sample):
    [doc] = read_input(str(sample))
    assert validate_input(doc).ok
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator(doc.form).iter_errors(as_json(doc.data))]
    assert errors == []


@pytest.mark.parametrize("form, field, value", [
    ("registration_stamp", "date", "yesterday"),
    ("registration_stamp", "date", "2025-15-01"),
    ("registration_stamp", "index", ""),
    ("registration_stamp", "index", True),
])
def test_schema_still_refuses_what_validate_refuses(form, field, value):
    [doc] = read_input(str(SAMPLES[0].with_name(f"{form}.ru.yaml")))
    data = {**as_json(doc.data), field: value}
    assert not validate_input({"form": form, "data": data}).ok
    assert list(validator(form).iter_errors(data))
