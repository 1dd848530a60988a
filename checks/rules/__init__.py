"""Rule modules; importing this package registers every rule."""

from checks.rules import accessibility, false_info, operating_hours, platform_limit

__all__ = ["accessibility", "false_info", "operating_hours", "platform_limit"]
