"""§3(3): gendered terms with a neutral alternative (lexicon checks/lexicons/inclusive.toml)."""

from __future__ import annotations

from checks.rules.lexical import LexiconRule

gendered_term = LexiconRule("INC001", "inclusive")
