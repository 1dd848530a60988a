"""toonbot's checker: pre-posting checks of a draft against Toon City's guideline."""

from checks.engine import MAX_CHARS, DraftError, check_draft
from checks.models import Category, Finding, Report, Severity

__all__ = ["MAX_CHARS", "Category", "DraftError", "Finding", "Report", "Severity", "check_draft"]
