"""Slack Web API calls that must not be lost: retried, and kept in the outbox on failure."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.models import new_id
from bot.store import Store, StoreUnavailable

__all__ = ["Delivery", "Notifier"]

log = logging.getLogger("toonbot.notify")

# Slack errors that retrying cannot fix: drop the message (and log), do not queue it.
_PERMANENT = {
    "channel_not_found",
    "not_in_channel",
    "is_archived",
    "invalid_blocks",
    "msg_too_long",
    "user_not_found",
    "cant_update_message",
    "message_not_found",
    "invalid_auth",
    "account_inactive",
    "no_text",
}


@dataclass(frozen=True, slots=True)
class Delivery:
    """What became of one message: posted (``where``), refused for good by Slack (``refused``
    holds Slack's error, e.g. not_in_channel) or kept in the outbox (``queued``)."""

    where: tuple[str, str] | None = None
    refused: str = ""
    queued: bool = False


class Notifier:
    def __init__(self, client: WebClient, store: Store) -> None:
        self.client = client
        self.store = store

    def call(self, method: str, **kwargs: Any) -> dict[str, Any] | None:
        """Call a Web API method (after the client's own 429/5xx retries). On failure the call
        is put in the outbox for ``retry_outbox``; returns the response data or None."""
        try:
            resp = self.client.api_call(method, json=kwargs)
            return dict(resp.data) if isinstance(resp.data, dict) else {}
        except SlackApiError as e:
            error = str(e.response.get("error", "")) if e.response is not None else ""
            if error in _PERMANENT:
                log.error("Slack %s refused permanently: %s", method, error)
                return None
            self._queue(method, kwargs, error or "api_error")
            return None
        except (SlackClientError, OSError) as e:
            self._queue(method, kwargs, type(e).__name__)
            return None

    def _queue(self, method: str, kwargs: dict[str, Any], why: str) -> None:
        log.warning("Slack %s failed (%s); queued for retry", method, why)
        try:
            self.store.outbox_add(
                new_id(), json.dumps({"method": method, "args": kwargs}, ensure_ascii=False)
            )
        except StoreUnavailable:
            log.error("Slack %s failed and the store is down: call not queued", method)

    def retry_outbox(self) -> int:
        """Send queued calls again; returns how many went through."""
        sent = 0
        for item_id, payload in self.store.outbox_items():
            call = json.loads(payload)
            try:
                self.client.api_call(call["method"], json=call["args"])
            except SlackApiError as e:
                error = str(e.response.get("error", "")) if e.response is not None else ""
                if error in _PERMANENT:
                    self.store.outbox_remove(item_id)
                continue
            except (SlackClientError, OSError):
                continue
            self.store.outbox_remove(item_id)
            sent += 1
        return sent

    def post(
        self,
        channel: str,
        text: str,
        blocks: list[dict[str, Any]] | None = None,
        thread_ts: str | None = None,
    ) -> tuple[str, str] | None:
        """Post a message; returns (channel id, ts) to update it later, or None."""
        args: dict[str, Any] = {"channel": channel, "text": text}
        if blocks is not None:
            args["blocks"] = blocks
        if thread_ts:
            args["thread_ts"] = thread_ts
        data = self.call("chat.postMessage", **args)
        if not data or "ts" not in data:
            return None
        return str(data.get("channel") or channel), str(data["ts"])

    def update(self, channel: str, ts: str, text: str, blocks: list[dict[str, Any]]) -> None:
        self.call("chat.update", channel=channel, ts=ts, text=text, blocks=blocks)

    def ephemeral(
        self, channel: str, user: str, text: str, blocks: list[dict[str, Any]] | None = None
    ) -> None:
        args: dict[str, Any] = {"channel": channel, "user": user, "text": text}
        if blocks is not None:
            args["blocks"] = blocks
        # An ephemeral message is only useful now: no outbox.
        try:
            self.client.api_call("chat.postEphemeral", json=args)
        except (SlackClientError, OSError) as e:
            log.warning("chat.postEphemeral failed: %s", type(e).__name__)

    def deliver(
        self, channel: str, text: str, blocks: list[dict[str, Any]] | None = None
    ) -> Delivery:
        """Post a message and say what became of it, so that the caller can tell the truth
        and fall back when Slack refuses it for good (``post`` only says whether it went)."""
        args: dict[str, Any] = {"channel": channel, "text": text}
        if blocks is not None:
            args["blocks"] = blocks
        try:
            resp = self.client.api_call("chat.postMessage", json=args)
        except SlackApiError as e:
            error = str(e.response.get("error", "")) if e.response is not None else ""
            if error in _PERMANENT:
                log.error("Slack chat.postMessage refused permanently: %s", error)
                return Delivery(refused=error)
            self._queue("chat.postMessage", args, error or "api_error")
            return Delivery(queued=True)
        except (SlackClientError, OSError) as e:
            self._queue("chat.postMessage", args, type(e).__name__)
            return Delivery(queued=True)
        data = resp.data if isinstance(resp.data, dict) else {}
        if "ts" not in data:
            return Delivery()
        return Delivery(where=(str(data.get("channel") or channel), str(data["ts"])))
