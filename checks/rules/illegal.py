"""§3(6)③: encouraging illegal acts (lexicon checks/lexicons/illegal.toml)."""

from __future__ import annotations

from checks.rules.lexical import LexiconRule

illegal_act = LexiconRule("ILL001", "illegal")
