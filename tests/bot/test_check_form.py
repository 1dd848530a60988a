"""The /check form keeps a revision on its account (so incident mode still applies to it)."""

from __future__ import annotations

from typing import Any

from bot.blocks import check_modal
from bot.config import load_bot_config
from bot.slack_ids import Input
from tests.bot.test_config import EXAMPLE


def _account_select(view: dict[str, Any]) -> dict[str, Any]:
    block = next(b for b in view["blocks"] if b.get("block_id") == Input.ACCOUNT)
    return dict(block["element"])


def test_the_form_chooses_the_given_account() -> None:
    config = load_bot_config(EXAMPLE)
    account = next(iter(config.accounts))
    chosen = _account_select(check_modal(config, "C1", account=account))
    assert chosen["initial_option"]["value"] == account
    assert "initial_option" not in _account_select(check_modal(config, "C1"))
    assert "initial_option" not in _account_select(check_modal(config, "C1", account="nope"))
