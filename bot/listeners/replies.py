"""What the §5/§7 listeners share: answering only the clicker, reading a button's value and a
form's inputs (every input's element has action_id "value")."""

from __future__ import annotations

from typing import Any

from bot.services import Services

__all__ = ["button_value", "form_value", "tell"]


def tell(s: Services, body: dict[str, Any], message: str) -> None:
    """Answer only the clicker: ephemeral in a channel, a DM from the App Home tab."""
    user = body["user"]["id"]
    channel = (body.get("channel") or {}).get("id")
    if channel:
        s.notifier.ephemeral(channel, user, message)
    else:  # a DM: sent from a worker, never on the listener's thread (issue 16)
        s.notifier.background(s.notifier.post, user, message)


def button_value(body: dict[str, Any]) -> str:
    return str(body["actions"][0].get("value", ""))


def form_value(values: dict[str, Any], block: str) -> str:
    """The submitted value of input ``block``: text, selected option, user or date-time."""
    el = (values.get(block) or {}).get("value") or {}
    if "selected_option" in el:
        return str((el.get("selected_option") or {}).get("value") or "")
    if "selected_user" in el:
        return str(el.get("selected_user") or "")
    if "selected_date_time" in el:
        return str(el.get("selected_date_time") or "")
    return str(el.get("value") or "").strip()
