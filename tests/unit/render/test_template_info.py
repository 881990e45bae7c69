"""inspect_template: the YAML stub and the JSON Schema say what each filter takes, and agree."""

from __future__ import annotations

import io
import json
from typing import Any

import docx
import pytest
import yaml
from template_docs import paragraphs_docx

from pea_docs.templating.template import check_data, inspect_template, render_template

AGENT = {"surname": "Сапаров", "name": "Арман", "patronymic": "Болатович", "license": "17012345",
         "territory": "исполнительный округ г. Алматы",
         "address": "050000, г. Алматы, ул. Абая, д. 1, оф. 5"}

# one tag per pea-docs filter, each on a variable of its own
FILTERED = ("{{ agent|header }}", "{{ recipient|addressee }}", "{{ signer|signature }}",
            "{{ debtor|name('surname_initials') }}", "{{ appendices|appendices }}",
            "{{ request|reply_reference }}", "{{ day|date('figures') }}", "{{ n|count }}",
            "{{ total|money }}", "{{ kind|title }}")

VALID = {
    "agent": AGENT,
    "recipient": {"organization": "АО «Банк ЦентрКредит» & Co", "address": "г. Алматы, пр. Аль-Фараби, 38"},
    "signer": {"surname": "Сапаров", "name": "Арман", "position": "Частный судебный исполнитель"},
    "debtor": {"surname": "Жұмабекова", "name": "Әлия"},
    "appendices": [{"title": "копия исполнительного листа", "sheets": 2, "copies": 1}],
    "request": {"number": "12-34", "date": "2025-01-06"},
    "day": "2025-01-09",
    "n": 12,
    "total": "1234.56",
    "kind": "request",
}


# --- a small JSON Schema validator (the `jsonschema` package is not installed in the venv):
# the keywords pea-docs' schemas use; `structural` checks only the shape (types, keys, lists)
def violations(value: Any, schema: dict, root: dict, path: str = "$", *,
               structural: bool = False) -> list[str]:
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        assert schema["$ref"] == f"#/$defs/{name}" and name in root.get("$defs", {}), schema["$ref"]
        return violations(value, root["$defs"][name], root, path, structural=structural)
    for key in ("oneOf", "anyOf"):
        if key in schema:
            fits = [not violations(value, branch, root, path, structural=structural)
                    for branch in schema[key]]
            if (sum(fits) != 1) if key == "oneOf" else not any(fits):
                return [f"{path}: {value!r} fits {sum(fits)} of the {key} branches"]
    found: list[str] = []
    types = schema.get("type")
    if types is not None:
        checks = {"string": lambda v: isinstance(v, str),
                  "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
                  "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
                  "boolean": lambda v: isinstance(v, bool), "null": lambda v: v is None,
                  "object": lambda v: isinstance(v, dict), "array": lambda v: isinstance(v, list)}
        if not any(checks[t](value) for t in ([types] if isinstance(types, str) else types)):
            return [f"{path}: {value!r} is not of type {types}"]
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                found.append(f"{path}.{key}: required")
        properties = schema.get("properties", {})
        for key, item in value.items():
            if key in properties:
                found += violations(item, properties[key], root, f"{path}.{key}", structural=structural)
            elif schema.get("additionalProperties") is False:
                found.append(f"{path}.{key}: not allowed")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            found += violations(item, schema["items"], root, f"{path}[{index}]", structural=structural)
    if not structural:
        if isinstance(value, str) and len(value) < schema.get("minLength", 0):
            found.append(f"{path}: too short")
        if isinstance(value, (int, float)) and not isinstance(value, bool) and \
                "minimum" in schema and value < schema["minimum"]:
            found.append(f"{path}: below {schema['minimum']}")
    return found


def fill(stub: Any, data: Any, path: str = "$") -> Any:
    """Return the stub with the data written into its slots, its shape unchanged.

    A slot the data leaves out keeps the stub's value; the data may not add keys
    or change a slot's kind (a mapping for a list, text for a number).
    """
    if isinstance(stub, dict):
        assert isinstance(data, dict), f"{path}: the stub has a mapping, the data {data!r}"
        assert set(data) <= set(stub), f"{path}: the stub lacks {set(data) - set(stub)}"
        return {key: fill(value, data[key], f"{path}.{key}") if key in data else value
                for key, value in stub.items()}
    if isinstance(stub, list):
        assert isinstance(data, list) and len(stub) == 1, f"{path}: the stub has a list, the data {data!r}"
        return [fill(stub[0], item, f"{path}[{index}]") for index, item in enumerate(data)]
    assert type(stub) is type(data), f"{path}: the stub has {stub!r}, the data {data!r}"
    return data


@pytest.fixture
def filtered(tmp_path):
    return paragraphs_docx(tmp_path / "filters.docx", *FILTERED)


def test_the_valid_data_is_valid_for_the_template(filtered):
    # the data the schema is tested with really is what the template takes
    assert check_data(filtered, VALID) == []
    render_template(filtered, VALID)


def test_schema_says_what_each_filter_takes(filtered):
    schema = inspect_template(filtered).to_json_schema()
    json.dumps(schema)
    props = schema["properties"]
    assert props["appendices"]["type"] == "array"
    assert props["appendices"]["items"] == {"$ref": "#/$defs/Appendix"}
    assert schema["$defs"]["Appendix"]["required"] == ["sheets", "copies"]
    assert props["request"]["type"] == "object" and props["request"]["required"] == ["number", "date"]
    assert props["day"]["type"] == "string" and props["day"]["format"] == "date"
    assert props["n"]["type"] == "integer"
    assert set(props["total"]["type"]) == {"number", "string"}
    assert props["kind"]["type"] == "string"
    assert {ref["$ref"] for ref in props["recipient"]["oneOf"]} == {"#/$defs/Organization",
                                                                   "#/$defs/Individual"}
    assert "license" in props["agent"]["required"]
    assert schema["required"] == sorted(VALID)


def test_valid_data_validates_against_the_schema(filtered):
    schema = inspect_template(filtered).to_json_schema()
    assert violations(VALID, schema, schema) == []
    # an individual addressee and the agent as the signer are valid too
    other = {**VALID, "recipient": {"surname": "Омаров", "name": "Ерлан", "address": "г. Астана"},
             "n": 0, "total": 1234.5}
    assert violations(other, schema, schema) == []
    assert check_data(filtered, other) == []


@pytest.mark.parametrize(("key", "value"), [
    ("appendices", {"sheets": 2, "copies": 1}),       # a mapping, not a list
    ("appendices", [{"title": "x"}]),                  # sheets and copies missing
    ("request", "12-34 от 06.01.2025"),                # text, not {number, date}
    ("request", {"number": "12-34"}),                  # the date missing
    ("n", "twelve"),
    ("agent", {"surname": "Сапаров"}),
    ("recipient", {"organization": "АО «Банк»"}),      # the address missing (rule 10)
])
def test_wrong_data_does_not_validate(filtered, key, value):
    schema = inspect_template(filtered).to_json_schema()
    assert violations({**VALID, key: value}, schema, schema) != []


def test_yaml_stub_has_the_shape_of_the_schema(filtered):
    info = inspect_template(filtered)
    stub = yaml.safe_load(info.to_yaml_stub())
    schema = info.to_json_schema()
    assert violations(stub, schema, schema, structural=True) == []
    assert isinstance(stub["appendices"], list) and set(stub["appendices"][0]) == {"title", "sheets", "copies"}
    assert stub["request"] == {"number": "", "date": ""}
    assert stub["n"] == 0 and stub["day"] == "" and stub["kind"] == ""
    assert set(stub["recipient"]) == {"organization", "unit", "address", "iin_bin", "phone", "email"}
    assert stub["recipient"]["phone"] is None  # an optional value of a set shape, left absent
    assert {"surname", "name", "patronymic", "position"} <= set(stub["signer"])


def test_yaml_stub_filled_as_is_validates_and_renders(filtered):
    info = inspect_template(filtered)
    filled = fill(yaml.safe_load(info.to_yaml_stub()), VALID)
    schema = info.to_json_schema()
    assert violations(filled, schema, schema) == []
    assert check_data(filtered, filled) == []
    text = [p.text for p in docx.Document(io.BytesIO(render_template(filtered, filled).to_bytes())).paragraphs]
    assert "12 (двенадцать)" in text and "09.01.2025" in text
    assert any("12-34" in line for line in text)


def test_stub_notes_say_what_a_filter_takes(filtered):
    stub = inspect_template(filtered).to_yaml_stub()
    line = next(line for line in stub.splitlines() if line.startswith("appendices:"))
    assert "filter appendices" in line and "list" in line
    line = next(line for line in stub.splitlines() if line.startswith("request:"))
    assert "{number, date}" in line


def test_number_with_a_date_argument_is_text(tmp_path):
    # `number|reply_reference(date)`: the variable is the number, not {number, date}
    path = paragraphs_docx(tmp_path / "t.docx", "{{ ref|reply_reference(ref_date) }}")
    info = inspect_template(path)
    schema = info.to_json_schema()
    assert schema["properties"]["ref"].get("type") != "object"
    assert schema["properties"]["ref_date"]["format"] == "date"
    stub = yaml.safe_load(info.to_yaml_stub())
    assert stub == {"ref": "", "ref_date": ""}
    data = {"ref": "12-34", "ref_date": "2025-01-06"}
    assert violations(data, schema, schema) == [] and check_data(path, data) == []


def test_loop_over_a_filtered_list_keeps_the_model(tmp_path):
    path = paragraphs_docx(tmp_path / "t.docx", "{{ appendices|appendices }}",
                           "{% for a in appendices %}{{ a.title }}{% endfor %}",
                           "{% for p in people %}{{ p|name }}{% endfor %}")
    info = inspect_template(path)
    schema = info.to_json_schema()
    assert schema["properties"]["appendices"]["items"] == {"$ref": "#/$defs/Appendix"}
    assert schema["properties"]["people"]["type"] == "array"
    stub = yaml.safe_load(info.to_yaml_stub())
    assert set(stub["appendices"][0]) == {"title", "sheets", "copies"}
    assert {"surname", "name"} <= set(stub["people"][0])
    data = {"appendices": [{"title": "x", "sheets": 1, "copies": 1}],
            "people": [{"surname": "Омаров", "name": "Ерлан"}]}
    assert violations(data, schema, schema) == [] and check_data(path, data) == []


def test_keys_yaml_would_misread_are_quoted(tmp_path):
    path = paragraphs_docx(tmp_path / "t.docx", "{{ on }} {{ data['no'] }}")
    stub = yaml.safe_load(inspect_template(path).to_yaml_stub())
    assert stub == {"on": "", "data": {"no": ""}}
