"""§3(6)①: words that insult or demean people and places (lexicon checks/lexicons/insult.toml)."""

from __future__ import annotations

from checks.rules.lexical import LexiconRule

insulting_expression = LexiconRule("INS001", "insult")
