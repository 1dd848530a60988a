"""§3(2): support for candidates or parties (lexicon checks/lexicons/political.toml)."""

from __future__ import annotations

from checks.rules.lexical import LexiconRule

political_support = LexiconRule("POL001", "political")
