"""Slack Web API calls off the request path: sent from workers, kept in the outbox on failure.

No Slack request thread waits on Slack: listeners hand their Slack work to ``background``
(a pool of its own, so a slow or rate-limiting Slack fills this pool, never Bolt's), and
``respond``/``ephemeral`` return at once. A call that fails goes to the outbox, retried by
``retry_outbox`` with a cap on attempts and age; a notice sent late says so; an outbox item
is claimed in the store before it is sent, so that two instances (or two rounds) never both
send it, and a queued message update is keyed by the message, so only the newest is sent.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any, ParamSpec

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.webhook import WebhookClient

from bot.models import new_id
from bot.store import Store, StoreUnavailable
from messages import text

__all__ = ["MAX_AGE", "MAX_ATTEMPTS", "Delivery", "Notifier"]

log = logging.getLogger("toonbot.notify")

P = ParamSpec("P")

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

MAX_ATTEMPTS = 30  # about half an hour of one-minute retries
MAX_AGE = 24 * 3600  # a notice older than a day is dropped (and logged), not sent
LATE_AFTER = 5 * 60  # a notice sent this long after it was due says it is late
CLAIM_SECONDS = 45  # an outbox item is sent by one worker at a time (retries run every 60 s)
IN_FLIGHT = 300  # longer than any one call (30 s timeout, retries, Retry-After sleeps)
_KEY_EVENT = "toonbot_delivery"  # message metadata type carrying a post's delivery key


def _maybe_sent(error: BaseException) -> bool:
    """Whether Slack may have acted on a request that failed this way (a timeout or a reset
    after sending), as opposed to one that surely never reached it."""
    reason = getattr(error, "reason", error)
    return isinstance(reason, TimeoutError | ConnectionResetError | ConnectionAbortedError) or (
        type(error).__name__ in ("RemoteDisconnected", "IncompleteRead")
    )


@dataclass(frozen=True, slots=True)
class Delivery:
    """What became of one message: posted (``where``), refused for good by Slack (``refused``
    holds Slack's error, e.g. not_in_channel) or kept in the outbox (``queued``)."""

    where: tuple[str, str] | None = None
    refused: str = ""
    queued: bool = False


class Notifier:
    def __init__(
        self,
        client: WebClient,
        store: Store,
        *,
        workers: int = 16,
        tz: tzinfo | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.client = client
        self.store = store
        self.tz = tz
        self._clock = clock
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="toonbot-slack")
        # Told (tag, channel, ts) when a tagged post (``deliver(..., tag=)``) went through only
        # on a retry from the outbox, so its owner can record the copy (bot.publish).
        self.on_late_post: Callable[[str, str, str], None] | None = None
        self._idle = threading.Condition()
        self._busy = 0

    # --- off the request path ---

    def background(self, fn: Callable[P, object], *args: P.args, **kwargs: P.kwargs) -> None:
        """Run ``fn`` on a worker: Slack calls may take seconds, a listener must not wait."""
        with self._idle:
            self._busy += 1
        self._pool.submit(self._run, fn, *args, **kwargs)

    def _run(self, fn: Callable[..., object], *args: object, **kwargs: object) -> None:
        try:
            fn(*args, **kwargs)
        except Exception:  # a worker must outlive one failed job; the log says which
            log.exception("background job %s failed", getattr(fn, "__name__", fn))
        finally:
            with self._idle:
                self._busy -= 1
                self._idle.notify_all()

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Wait until no background job runs (tests, shutdown); False on timeout."""
        with self._idle:
            return self._idle.wait_for(lambda: self._busy == 0, timeout)

    def respond(self, response_url: str, **message: Any) -> None:
        """Answer through a response_url, from a worker (Slack accepts it for 30 minutes)."""
        self.background(self._respond_now, response_url, message)

    def _respond_now(self, response_url: str, message: dict[str, Any]) -> None:
        try:
            WebhookClient(response_url, timeout=30).send_dict(message)
        except (SlackClientError, OSError, ValueError) as e:  # ValueError: not a URL
            log.warning("response_url failed: %s", type(e).__name__)

    def ephemeral(
        self, channel: str, user: str, text: str, blocks: list[dict[str, Any]] | None = None
    ) -> None:
        """An ephemeral message, from a worker; only useful now, so never queued."""
        args: dict[str, Any] = {"channel": channel, "user": user, "text": text}
        if blocks is not None:
            args["blocks"] = blocks
        self.background(self._ephemeral_now, args)

    def _ephemeral_now(self, args: dict[str, Any]) -> None:
        try:
            self.client.api_call("chat.postEphemeral", json=args)
        except (SlackClientError, OSError) as e:
            log.warning("chat.postEphemeral failed: %s", type(e).__name__)

    # --- calls that must not be lost ---

    def call(self, method: str, **kwargs: Any) -> dict[str, Any] | None:
        """Call a Web API method now (after the client's own 429 retries). On failure the
        call is put in the outbox for ``retry_outbox``; returns the response data or None.
        Blocks: call it from a worker or the scheduler, never from a listener.

        A post is written to the outbox before it is sent (and removed once Slack took it), so
        that a crash while Slack is slow does not lose it; it carries its delivery key in its
        metadata, so that a post whose outcome is unknown (a timeout) is looked for before it
        is sent again."""
        return self._attempt(method, kwargs)[0]

    def _attempt(
        self, method: str, kwargs: dict[str, Any], tag: str = ""
    ) -> tuple[dict[str, Any] | None, str]:
        """``call``, also saying why it failed: (response data, "") once Slack took it,
        (None, Slack's error) when Slack refused it for good, (None, "") when it was queued."""
        key = self._item_id(method, kwargs)
        ahead = method == "chat.postMessage"
        if ahead:
            kwargs = {
                **kwargs,
                "metadata": {"event_type": _KEY_EVENT, "event_payload": {"key": key}},
            }
            self._write_ahead(key, method, kwargs, tag)
        try:
            resp = self.client.api_call(method, json=kwargs)
        except SlackApiError as e:
            error = str(e.response.get("error", "")) if e.response is not None else ""
            if error in _PERMANENT:
                log.error("Slack %s refused permanently: %s", method, error)
                if ahead:
                    self._forget(key)
                return None, error
            self._queue(key, method, kwargs, error or "api_error", tag=tag)
            return None, ""
        except (SlackClientError, OSError) as e:
            self._queue(key, method, kwargs, type(e).__name__, uncertain=_maybe_sent(e), tag=tag)
            return None, ""
        if ahead:
            self._forget(key)
        return (dict(resp.data) if isinstance(resp.data, dict) else {}), ""

    def _write_ahead(self, key: str, method: str, kwargs: dict[str, Any], tag: str = "") -> None:
        """Keep the call in the outbox while it is in flight; ``retry_outbox`` leaves it alone
        until ``IN_FLIGHT`` seconds have passed (then the sender is presumed dead)."""
        item = self._item(method, kwargs, uncertain=True, tag=tag)
        item["not_before"] = item["due"] + IN_FLIGHT
        try:
            self.store.outbox_add(key, json.dumps(item, ensure_ascii=False))
        except StoreUnavailable:
            log.warning("Slack %s sent without a copy in the outbox (store down)", method)

    def _item(
        self, method: str, kwargs: dict[str, Any], *, uncertain: bool, tag: str
    ) -> dict[str, Any]:
        """An outbox item: the call, when it was due, its first attempt, its tag if any."""
        item: dict[str, Any] = {
            "method": method,
            "args": kwargs,
            "due": self._clock(),
            "attempts": 1,
            "uncertain": uncertain,
        }
        if tag:
            item["tag"] = tag
        return item

    def _forget(self, key: str) -> None:
        try:
            self.store.outbox_remove(key)
        except StoreUnavailable:
            # Left in the outbox: its retry finds the post by its key (in a channel) or, for a
            # direct message, sends it again.
            log.warning("outbox item %s could not be removed (store down)", key)

    def _item_id(self, method: str, kwargs: dict[str, Any]) -> str:
        # One queued update per message: a newer state replaces an older one still queued.
        if method == "chat.update":
            return f"update:{kwargs.get('channel')}:{kwargs.get('ts')}"
        return new_id()

    def _queue(
        self,
        key: str,
        method: str,
        kwargs: dict[str, Any],
        why: str,
        uncertain: bool = False,
        tag: str = "",
    ) -> None:
        log.warning("Slack %s failed (%s); queued for retry", method, why)
        item = self._item(method, kwargs, uncertain=uncertain, tag=tag)
        try:
            self.store.outbox_add(key, json.dumps(item, ensure_ascii=False))
        except StoreUnavailable:
            log.error("Slack %s failed and the store is down: call not queued", method)

    def retry_outbox(self) -> int:
        """Send queued calls again; returns how many went through. An item past
        ``MAX_ATTEMPTS`` or ``MAX_AGE`` is dropped with an error in the log; a message sent more
        than ``LATE_AFTER`` after it was due carries a note saying when it was due."""
        sent = 0
        for item_id, payload in self.store.outbox_items():
            try:
                call = json.loads(payload)
                method, args = str(call["method"]), dict(call["args"])
            except (ValueError, KeyError, TypeError):
                log.error("outbox item %s is unreadable; dropped", item_id)
                self.store.outbox_remove(item_id)
                continue
            if float(call.get("not_before") or 0) > self._clock():
                continue  # still in flight in a worker
            due = float(call.get("due") or self._clock())
            attempts = int(call.get("attempts") or 0)
            age = self._clock() - due
            if attempts >= MAX_ATTEMPTS or age > MAX_AGE:
                log.error(
                    "Slack %s given up after %d attempts over %d s; dropped",
                    method,
                    attempts,
                    int(age),
                )
                self.store.outbox_remove(item_id)
                continue
            if not self.store.first_seen(f"outbox:{item_id}:{attempts}", CLAIM_SECONDS):
                continue  # another instance (or an earlier round still running) sends it
            found = self._already_posted(item_id, args, due) if call.get("uncertain") else None
            if found is not None:
                log.info("Slack chat.postMessage %s had gone through; not sent again", item_id)
                self.store.outbox_remove(item_id)
                self._late_post(call, found)
                continue
            if method == "chat.postMessage" and age > LATE_AFTER:
                args = self._marked_late(args, due)
            try:
                resp = self.client.api_call(method, json=args)
            except SlackApiError as e:
                error = str(e.response.get("error", "")) if e.response is not None else ""
                if error in _PERMANENT:
                    self.store.outbox_remove(item_id)
                else:
                    self._bump(item_id, call, attempts)
                continue
            except (SlackClientError, OSError) as e:
                call["uncertain"] = bool(call.get("uncertain")) or _maybe_sent(e)
                self._bump(item_id, call, attempts)
                continue
            self.store.outbox_remove(item_id)
            sent += 1
            data = resp.data if isinstance(resp.data, dict) else {}
            if "ts" in data:
                self._late_post(call, (str(data.get("channel") or args.get("channel")), data["ts"]))
        return sent

    def _late_post(self, call: dict[str, Any], where: tuple[str, str]) -> None:
        """Tell the tagged post's owner where it landed (a failure is only logged)."""
        tag = str(call.get("tag") or "")
        if tag and self.on_late_post is not None:
            try:
                self.on_late_post(tag, where[0], str(where[1]))
            except Exception:  # the post went out; recording its copy must not undo that
                log.exception("recording the late post %s failed", tag)

    def _bump(self, item_id: str, call: dict[str, Any], attempts: int) -> None:
        call["attempts"] = attempts + 1
        self.store.outbox_add(item_id, json.dumps(call, ensure_ascii=False))

    def _already_posted(self, key: str, args: dict[str, Any], due: float) -> tuple[str, str] | None:
        """Whether a post that timed out had in fact gone through: its key is in the
        conversation's recent history (channels:history, groups:history; a direct message's
        conversation is found with conversations.open, im:write, and read with im:history).
        Returns where it is (channel, ts), or None."""
        channel = str(args.get("channel") or "")
        try:
            if channel.startswith(("U", "W")):
                opened = self.client.conversations_open(users=channel)
                found = opened.data.get("channel") if isinstance(opened.data, dict) else None
                channel = str((found or {}).get("id") or "")
            if not channel.startswith(("C", "G", "D")):
                return None
            resp = self.client.conversations_history(
                channel=channel, oldest=f"{due - 60:.6f}", limit=200, include_all_metadata=True
            )
        except (SlackClientError, OSError) as e:
            log.warning("conversations.history failed (%s): sending again", type(e).__name__)
            return None
        messages = resp.data.get("messages") if isinstance(resp.data, dict) else None
        for m in messages or []:
            meta = m.get("metadata") if isinstance(m, dict) else None
            if isinstance(meta, dict) and (meta.get("event_payload") or {}).get("key") == key:
                return channel, str(m.get("ts") or "")
        return None

    def _marked_late(self, args: dict[str, Any], due: float) -> dict[str, Any]:
        when = datetime.fromtimestamp(due, self.tz)
        note = text("notify.late", at=f"{when.month}月{when.day}日 {when:%H:%M}")
        out = dict(args)
        out["text"] = f"{note}\n{args.get('text', '')}"
        if isinstance(args.get("blocks"), list):
            late_block = {"type": "context", "elements": [{"type": "mrkdwn", "text": note}]}
            out["blocks"] = [late_block, *args["blocks"]][:50]
        return out

    # --- conveniences ---

    def post(
        self,
        channel: str,
        text: str,
        blocks: list[dict[str, Any]] | None = None,
        thread_ts: str | None = None,
    ) -> tuple[str, str] | None:
        """Post a message now; returns (channel id, ts) to update it later, or None.
        Blocks: call it from a worker or the scheduler, never from a listener."""
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

    def deliver(
        self,
        channel: str,
        text: str,
        blocks: list[dict[str, Any]] | None = None,
        tag: str = "",
    ) -> Delivery:
        """Post a message now (like ``post``) and say what became of it, so that the caller
        can tell the truth and fall back when Slack refuses it for good. A ``tag`` comes back
        through ``on_late_post`` if the post goes through only later, from the outbox.
        Blocks: call it from a worker or the scheduler, never from a listener."""
        args: dict[str, Any] = {"channel": channel, "text": text}
        if blocks is not None:
            args["blocks"] = blocks
        data, refused = self._attempt("chat.postMessage", args, tag)
        if refused:
            return Delivery(refused=refused)
        if data is None:
            return Delivery(queued=True)
        if "ts" not in data:
            return Delivery()
        return Delivery(where=(str(data.get("channel") or channel), str(data["ts"])))

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
