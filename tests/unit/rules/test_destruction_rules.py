"""Checks of the destruction act (rules 47, 48, 50, 51, 52): codes, clauses, field paths, severities."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from pea_docs.api import validate
from pea_docs.errors import InputError
from pea_docs.errors.codes import all_codes
from pea_docs.models import coerce
from pea_docs.models.destruction_act import DestructionAct
from pea_docs.rules.destruction import (
    check_chamber_order,
    check_commission,
    check_destruction,
    check_destruction_act,
    check_drafter,
    check_storage,
    is_agent_position,
    is_deputy_position,
)

REPO = Path(__file__).resolve().parents[3]
SAMPLES = REPO / "samples"
DATA = REPO / "tests" / "data" / "destruction_act"


def sample(lang: str = "ru") -> dict:
    """Return the data of a complete act that passes every check."""
    return yaml.safe_load((SAMPLES / f"destruction_act.{lang}.yaml").read_text(encoding="utf-8"))["data"]


def found(problems, severity=None):
    return [(p.code, p.clause, p.loc) for p in problems if severity in (None, p.severity)]


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_samples_pass_every_check(lang):
    assert check_destruction_act(sample(lang)) == []


# --- rule 47 -------------------------------------------------------------------------------

@pytest.mark.parametrize(("years", "storage", "act_date", "expired"), [
    ("2018", 5, "2024-01-10", True),       # kept through 31.12.2023
    ("2018", 5, "2023-12-31", False),      # the last day of storage
    ("2017-2018", 5, "2023-06-01", False),  # the range ends in 2018
    ("2017-2018", 3, "2022-01-01", True),
    (2019, 1, "2021-01-01", True),
    (2019, 1, "2020-12-31", False),
], ids=["2018+5-in-2024", "2018+5-in-2023", "range-end-counts", "range+3", "int-year", "1-year-too-early"])
def test_storage_period_counts_from_next_january(years, storage, act_date, expired):
    data = sample()
    data["date"] = act_date
    data["items"] = [dict(data["items"][0], years=years, storage=storage)]
    data.pop("chamber_order"), data.pop("destruction")
    problems = check_storage(data)
    if expired:
        assert problems == []
    else:
        assert found(problems) == [("storage.not_expired", "rule 47", ("items", 0, "storage"))]
        assert "list it in an act dated" in problems[0].message


def test_not_expired_item_named_by_its_index():
    data = sample()
    data["items"][2] = dict(data["items"][2], years="2021-2022", storage=5)
    assert found(check_destruction_act(data)) == [("storage.not_expired", "rule 47", ("items", 2, "storage"))]


def test_permanent_item_is_refused():
    data = sample()
    data["items"][1]["storage"] = "permanent"
    problems = check_storage(data)
    assert found(problems) == [("storage.permanent", "rule 47", ("items", 1, "storage"))]
    assert problems[0].value == "permanent" and problems[0].severity == "error"


@pytest.mark.parametrize(("field", "value", "code", "clause"), [
    ("years", "2019-2017", "years.invalid", "appendix 4"),
    ("years", "18", "years.invalid", "appendix 4"),
    ("storage", "forever", "storage.invalid", "rule 47"),
    ("storage", 0, "storage.invalid", "rule 47"),
    ("volumes", 0, "value.greater_than_equal", "appendix 4"),
])
def test_bad_item_values_name_the_field(field, value, code, clause):
    data = sample()
    data["items"][3][field] = value
    with pytest.raises(InputError) as info:
        coerce(DestructionAct, data)
    assert [(p.code, p.clause, p.loc) for p in info.value.problems] == [(code, clause, ("items", 3, field))]


def test_years_accept_int_and_en_dash():
    data = sample()
    data["items"][0]["years"] = 2018
    data["items"][2]["years"] = "2017 – 2018"
    act = coerce(DestructionAct, data)
    assert (act.items[0].years, act.items[2].years, act.items[2].end_year) == ("2018", "2017-2018", 2018)


# --- rule 48 -------------------------------------------------------------------------------

def test_agent_drafter_needs_license():
    data = sample()
    del data["drafter"]["license"]
    assert found(check_drafter(data)) == [("drafter.license_missing", "rule 48", ("drafter", "license"))]


def test_chamber_officer_needs_position_and_region():
    data = sample("kk")
    del data["drafter"]["position"], data["drafter"]["region"]
    assert found(check_drafter(data)) == [
        ("drafter.position_missing", "rule 48", ("drafter", "position")),
        ("drafter.region_missing", "rule 48", ("drafter", "region")),
    ]


def test_chamber_officer_without_owner_is_a_warning():
    data = sample("kk")
    del data["owner"]
    problems = check_drafter(data)
    assert found(problems, "warning") == [("owner.missing", "rule 48", ("owner",))]
    assert found(problems, "error") == []


def test_good_drafters_pass():
    assert check_drafter(sample("ru")) == [] and check_drafter(sample("kk")) == []


# --- rule 50 -------------------------------------------------------------------------------

@pytest.mark.parametrize("position", [
    "Заместитель руководителя региональной палаты", "ЗАМЕСТИТЕЛЬ РУКОВОДИТЕЛЯ",
    "өңірлік палата басшысының орынбасары", "Өңірлік палата басшысының ОРЫНБАСАРЫ",
    "Deputy head of the regional chamber", "deputy head",
])
def test_deputy_positions_in_three_languages(position):
    assert is_deputy_position(position)


@pytest.mark.parametrize("position", [
    "частный судебный исполнитель", "Частного судебного исполнителя", "ЧСИ г. Алматы",
    "жеке сот орындаушысы", "Жеке сот орындаушысы", "ЖСО", "Private Enforcement Agent",
])
def test_agent_positions_in_three_languages(position):
    assert is_agent_position(position)


@pytest.mark.parametrize("position", ["руководитель палаты", "главный специалист", "чсистый", None, ""])
def test_other_positions_are_neither(position):
    assert not is_agent_position(position) and not is_deputy_position(position)


def test_chairman_must_be_a_deputy_head():
    data = sample()
    data["commission"]["chairman"]["position"] = "руководитель региональной палаты"
    problems = check_commission(data)
    assert found(problems) == [("erc.chairman_position", "rule 50", ("commission", "chairman", "position"))]
    assert problems[0].value == "руководитель региональной палаты"


def test_commission_of_two_is_too_small():
    data = sample()
    data["commission"]["members"] = data["commission"]["members"][:1]
    assert found(check_commission(data)) == [
        ("erc.too_small", "rule 50", ("commission", "members")),
        ("erc.members_not_agents", "rule 50", ("commission", "members")),
    ]


def test_members_must_include_two_agents():
    data = sample("en")
    data["commission"]["members"][1]["position"] = "chief accountant"
    data["commission"]["members"].append({"surname": "Ким", "name": "Ольга", "position": "lawyer"})
    assert found(check_commission(data)) == [("erc.members_not_agents", "rule 50", ("commission", "members"))]


def test_unknown_member_position_is_a_warning_not_a_shortfall():
    data = sample()
    del data["commission"]["members"][1]["position"]
    data.pop("destruction")
    problems = check_commission(data)
    assert found(problems, "warning") == [
        ("erc.member_position_missing", "rule 50", ("commission", "members", 1, "position"))]
    assert found(problems, "error") == []


# --- rule 51 -------------------------------------------------------------------------------

def test_order_after_destruction_is_refused():
    data = sample()
    data["chamber_order"]["date"] = "2026-01-20"   # destroyed on 15.01.2026
    problems = check_chamber_order(data)
    assert found(problems) == [("order.after_destruction", "rule 51", ("chamber_order", "date"))]
    assert problems[0].value == "20.01.2026" and "15.01.2026" in problems[0].message


def test_order_before_act_is_refused():
    data = sample()
    data["chamber_order"]["date"] = "2025-12-01"   # the act is of 10.12.2025
    assert found(check_chamber_order(data)) == [("order.before_act", "rule 51", ("chamber_order", "date"))]


@pytest.mark.parametrize("order_date", ["2025-12-10", "2026-01-15"], ids=["same-day-as-act", "same-day-as-destruction"])
def test_order_on_the_boundary_days_is_fine(order_date):
    data = sample()
    data["chamber_order"]["date"] = order_date
    assert check_chamber_order(data) == []


# --- rule 52 -------------------------------------------------------------------------------

def test_destruction_without_justice_representative_is_refused():
    data = sample()
    del data["destruction"]["justice_representative"]
    problems = check_destruction(data)
    assert found(problems) == [("destruction.witness_missing", "rule 52",
                                ("destruction", "justice_representative"))]
    assert problems[0].severity == "error"


def test_destruction_without_erc_chairman_is_refused():
    data = sample()
    del data["commission"]["chairman"]
    assert ("destruction.witness_missing", "rule 52", ("commission", "chairman")) in found(
        check_destruction_act(data), "error")


def test_justice_representative_needs_a_position():
    data = sample()
    del data["destruction"]["justice_representative"]["position"]
    assert found(check_destruction(data)) == [
        ("destruction.witness_position", "rule 52", ("destruction", "justice_representative", "position"))]


def test_destruction_before_act_is_refused():
    data = sample()
    data["destruction"]["date"] = "2025-12-01"
    assert ("destruction.before_act", "rule 52", ("destruction", "date")) in found(check_destruction(data))


# --- parts not known yet ---------------------------------------------------------------------

def test_missing_blocks_are_warnings_only():
    data = sample()
    for block in ("commission", "chamber_order", "destruction"):
        del data[block]
    problems = check_destruction_act(data)
    assert all(p.severity == "warning" for p in problems)
    assert found(problems) == [
        ("erc.missing", "rule 50", ("commission",)),
        ("order.missing", "rule 51", ("chamber_order",)),
        ("destruction.missing", "rule 52", ("destruction",)),
    ]


def test_missing_parts_before_destruction_are_warnings():
    data = sample()
    data["commission"] = {"chairman": {"surname": "Қасымова", "name": "Әйгерім"}}
    data["chamber_order"] = {"chamber": "Региональная палата частных судебных исполнителей г. Алматы"}
    data["destruction"] = {"others": []}
    problems = check_destruction_act(data)
    assert problems and all(p.severity == "warning" for p in problems)
    assert {p.code for p in problems} == {
        "erc.chairman_position_missing", "erc.members_missing", "order.part_missing",
        "destruction.date_missing", "destruction.witness_missing"}
    assert ("order.part_missing", "rule 51", ("chamber_order", "number")) in found(problems)


def test_missing_parts_once_destroyed_are_errors():
    data = sample()
    del data["chamber_order"]
    problems = check_destruction_act(data)
    assert found(problems, "error") == [("order.missing", "rule 51", ("chamber_order",))]
    assert "the destruction is dated" in problems[0].message


@pytest.mark.parametrize(("name", "codes"), [
    ("storage_not_expired.ru.yaml", {"storage.not_expired", "storage.permanent"}),
    ("erc_bad.ru.yaml", {"erc.chairman_position", "erc.too_small", "erc.members_not_agents"}),
    ("order_dates.ru.yaml", {"order.after_destruction"}),
    ("witness_missing.en.yaml", {"destruction.witness_missing"}),
    ("pending.ru.yaml", set()),
])
def test_breaking_inputs_are_refused_with_file_and_line(name, codes):
    report = validate("destruction_act", DATA / name)
    assert {p.code for p in report.errors} == codes
    assert all(p.file and p.file.endswith(name) and p.line for p in report)


def test_every_code_is_registered_with_its_clause():
    registered = all_codes()
    for code, clause in {"storage.not_expired": "rule 47", "storage.permanent": "rule 47",
                         "drafter.license_missing": "rule 48", "erc.too_small": "rule 50",
                         "erc.chairman_position": "rule 50", "erc.members_not_agents": "rule 50",
                         "order.after_destruction": "rule 51", "order.before_act": "rule 51",
                         "destruction.witness_missing": "rule 52", "years.invalid": "appendix 4",
                         "storage.invalid": "rule 47"}.items():
        assert registered[code] == clause


def test_checks_take_a_model_as_well_as_a_dict():
    data = sample()
    broken = copy.deepcopy(data)
    broken["items"][0]["storage"] = "permanent"
    assert check_destruction_act(coerce(DestructionAct, broken)) == check_destruction_act(broken)


# --- a message does not repeat the clause its problem already shows ----------------------

DESTRUCTION_MODELS = ("DestructionAct", "Drafter", "ActItem", "Commission", "ChamberOrder", "Destruction")


def test_commission_too_small_names_rule_50_once():
    data = sample()
    data["commission"]["members"] = data["commission"]["members"][:1]
    problem = next(p for p in check_commission(data) if p.code == "erc.too_small")
    assert str(problem).count("rule 50") == 1 and str(problem).endswith("(rule 50)")


@pytest.mark.parametrize("name", DESTRUCTION_MODELS)
def test_field_descriptions_leave_the_clause_to_the_problem(name):
    import pea_docs.models.destruction_act as models

    for field, info in getattr(models, name).model_fields.items():
        clause = (info.json_schema_extra or {}).get("clause", "")
        assert "(rule" not in (info.description or ""), (name, field, info.description)
        assert not clause or clause not in (info.description or ""), (name, field)


def test_every_problem_of_the_bad_samples_names_its_clause_once():
    problems = []
    for path in sorted(DATA.glob("*.yaml")):
        for document in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            problems += check_destruction_act(document["data"])
    data = sample()
    del data["items"][0]["storage"]
    problems += validate("destruction_act", data)
    assert problems
    for problem in problems:
        text = str(problem)
        assert text.count("(rule") + text.count("(appendix") == 1, text
