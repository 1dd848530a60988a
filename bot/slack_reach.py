"""Whether Slack's Web API answers us: the health of the Slack part in HTTP mode.

In HTTP mode nothing holds a connection to Slack: Slack calls us, and we call its Web API.
Every Web API call the bot makes goes through ``ObservedWebClient`` (the listeners' too: a
Bolt middleware in ``bot.app`` replaces the plain WebClient Bolt builds for each request),
which records whether Slack answered (an ``ok: false`` answer is an answer), could not be
reached (timeout, refused connection, DNS) or refused the bot's token (``invalid_auth``: every
later call will fail too). The last outcome is the state ``/healthz`` reports; while it is a
failure, the scheduler probes with ``auth.test`` once a minute so the state recovers even when
nothing else is being sent.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web import SlackResponse

__all__ = ["TOKEN_REFUSED", "ObservedWebClient", "SlackReach"]

# Answers meaning the token no longer works (revoked, app uninstalled, workspace gone): Slack
# is reached but every call will fail, which /healthz must report as a Slack failure.
TOKEN_REFUSED = frozenset(
    {"invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired"}
)


class SlackReach:
    """The last outcome of a Web API call: answered, unreachable, or none yet."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._answered: bool | None = None
        self.since: float | None = None  # when the current state began
        self.error = ""  # the failure's exception type (no host, no token)

    def answered(self) -> None:
        with self._lock:
            if self._answered is not True:
                self._answered, self.since, self.error = True, self._clock(), ""

    def unreachable(self, error: BaseException) -> None:
        with self._lock:
            if self._answered is not False:
                self.since = self._clock()
            self._answered, self.error = False, type(error).__name__

    def state(self) -> bool | None:
        """True: Slack answered the last call; False: it could not be reached; None: no call."""
        with self._lock:
            return self._answered


class ObservedWebClient(WebClient):
    """A WebClient that tells ``reach`` how each call ended."""

    def __init__(self, *args: Any, reach: SlackReach, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reach = reach

    def api_call(self, *args: Any, **kwargs: Any) -> SlackResponse:
        try:
            response = super().api_call(*args, **kwargs)
        except SlackApiError as e:
            error = e.response.get("error") if e.response is not None else None
            if error in TOKEN_REFUSED:
                self.reach.unreachable(e)  # answered, but nothing the bot sends will work
            else:
                self.reach.answered()  # Slack answered, with an error of its own
            raise
        except (SlackClientError, OSError) as e:
            self.reach.unreachable(e)
            raise
        self.reach.answered()
        return response
