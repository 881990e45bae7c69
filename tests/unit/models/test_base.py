"""Models: unknown keys with hints, clauses on missing fields, model-or-dict input."""

import pytest

from pea_docs.errors import InputError
from pea_docs.models import (
    Agent,
    Appendix,
    Individual,
    Organization,
    PeaModel,
    Person,
    Recipient,
    RuleDate,
    coerce,
)


class Letter(PeaModel):
    to: Recipient
    date: RuleDate
    appendices: list[Appendix] = []


def problems(model, data):
    with pytest.raises(InputError) as exc:
        coerce(model, data)
    return {(p.code, ".".join(map(str, p.loc)), p.clause) for p in exc.value.problems}, exc.value


def test_model_passes_through_and_dict_is_validated():
    person = Person(surname="Әлиев", name="Ғалым")
    assert coerce(Person, person) is person
    assert coerce(Person, {"surname": " Әлиев ", "name": "Ғалым"}).surname == "Әлиев"


def test_unknown_key_names_the_nearest_field():
    found, err = problems(Person, {"surname": "Әлиев", "name": "Ғалым", "patronimyc": "Х"})
    assert found == {("field.unknown", "patronimyc", "rule 12")}
    assert "did you mean 'patronymic'?" in str(err)


def test_person_without_surname_names_field_and_clause():
    found, err = problems(Person, {"name": "Арман"})
    assert found == {("field.missing", "surname", "rule 12")}
    assert "surname" in str(err) and "rule 12" in str(err)


def test_agent_without_territory_names_rule_9():
    found, _ = problems(Agent, {"surname": "Сапаров", "name": "Арман", "license": "1",
                                "address": "г. Алматы"})
    assert found == {("field.missing", "territory", "rule 9")}


def test_recipient_is_organization_or_individual_by_its_keys():
    letter = coerce(Letter, {"to": {"organization": "АО «Банк»", "address": "г. Алматы"}, "date": "09.01.2025"})
    assert isinstance(letter.to, Organization)
    letter = coerce(Letter, {"to": {"surname": "Сапаров", "name": "Арман", "address": "г. Алматы"},
                             "date": "2025-01-09"})
    assert isinstance(letter.to, Individual)


def test_individual_recipient_without_address_names_rule_10():
    found, _ = problems(Letter, {"to": {"surname": "Сапаров", "name": "Арман"}, "date": "09.01.2025"})
    assert found == {("field.missing", "to.address", "rule 10")}


def test_unknown_key_inside_an_organization():
    found, err = problems(Letter, {"to": {"organization": "ТОО «Альфа»", "adress": "x"}, "date": "09.01.2025"})
    assert ("field.unknown", "to.adress", "rule 10") in found
    assert "did you mean 'address'?" in str(err)


def test_bad_date_names_rule_11_and_value():
    found, err = problems(Letter, {"to": {"organization": "A", "address": "B"}, "date": "15/09/2008"})
    assert found == {("date.invalid", "date", "rule 11")}
    assert "'15/09/2008'" in str(err)


def test_appendix_counts_name_rule_13():
    found, _ = problems(Letter, {"to": {"organization": "A", "address": "B"}, "date": "09.01.2025",
                                 "appendices": [{"sheets": 0, "copies": "x"}]})
    assert found == {("value.greater_than_equal", "appendices.0.sheets", "rule 13"),
                     ("value.int_parsing", "appendices.0.copies", "rule 13")}


def test_not_a_mapping():
    found, _ = problems(Person, ["Сапаров"])
    assert found == {("value.type", "", "")}


def test_every_model_has_a_json_schema():
    schema = Agent.model_json_schema()
    assert schema["additionalProperties"] is False
    assert schema["properties"]["territory"]["clause"] == "rule 9"
    assert set(schema["required"]) == {"surname", "name", "license", "territory", "address"}


def test_unknown_key_at_the_top_names_the_block_clause():
    found, _ = problems(Agent, {"surname": "С", "name": "А", "license": "1", "territory": "t",
                                "address": "a", "teritory": "t"})
    assert found == {("field.unknown", "teritory", "rule 9")}


def test_a_block_given_as_text_says_which_fields_it_needs():
    found, err = problems(Letter, {"to": "ТОО «Альфа»", "date": "09.01.2025"})
    assert "to: 'ТОО «Альфа»' must be a mapping of the fields of an" in str(err)
