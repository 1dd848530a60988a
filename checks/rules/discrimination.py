"""§3(6)②, §3(3): discriminatory expressions (lexicon checks/lexicons/discrimination.toml)."""

from __future__ import annotations

from checks.rules.lexical import LexiconRule

discriminatory_expression = LexiconRule("DIS001", "discrimination")
