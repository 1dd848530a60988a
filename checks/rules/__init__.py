"""Rule modules; importing this package registers every rule."""

from checks.rules import (
    accessibility,
    false_info,
    harmful_link,
    lexical,
    operating_hours,
    personal_info,
    platform_limit,
    security,
    third_party,
)

__all__ = [
    "accessibility",
    "false_info",
    "harmful_link",
    "lexical",
    "operating_hours",
    "personal_info",
    "platform_limit",
    "security",
    "third_party",
]
