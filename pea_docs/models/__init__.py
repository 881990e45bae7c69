"""Input models (pydantic v2): the field names are the contract of DATA.md."""

from pea_docs.models.base import PeaModel, coerce, problems_from_validation, rule
from pea_docs.models.people import (
    Agent,
    AgentName,
    Appendix,
    Individual,
    Organization,
    Person,
    Recipient,
)
from pea_docs.models.types import Count, RuleDate, Text

__all__ = [
    "Agent",
    "AgentName",
    "Appendix",
    "Count",
    "Individual",
    "Organization",
    "PeaModel",
    "Person",
    "Recipient",
    "RuleDate",
    "Text",
    "coerce",
    "problems_from_validation",
    "rule",
]
