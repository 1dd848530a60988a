"""§3(6)⑥: content against public order and morals (lexicon checks/lexicons/public_order.toml)."""

from __future__ import annotations

from checks.rules.lexical import LexiconRule

offensive_content = LexiconRule("PUB001", "public_order")
