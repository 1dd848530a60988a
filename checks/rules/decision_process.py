"""§4(4): plans not yet decided (lexicon checks/lexicons/decision.toml)."""

from __future__ import annotations

from checks.rules.lexical import LexiconRule

undecided_plan = LexiconRule("DEC001", "decision")
