"""§4(1): confidential information (lexicon checks/lexicons/confidential.toml)."""

from __future__ import annotations

from checks.rules.lexical import LexiconRule

confidential_information = LexiconRule("CNF001", "confidential")
