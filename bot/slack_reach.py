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
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web import SlackResponse

__all__ = ["FAILURES_BEFORE_DOWN", "TOKEN_REFUSED", "ObservedWebClient", "SlackReach"]

# Answers meaning the token no longer works (revoked, app uninstalled, workspace gone): Slack
# is reached but every call will fail, which /healthz must report as a Slack failure.
TOKEN_REFUSED = frozenset(
    {"invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired"}
)


# One slow call (a listener's client gives up after 3 s) is not an outage: the Slack part turns
# unhealthy only after this many failed calls in a row. While any failure stands, the
# scheduler probes with auth.test each minute, so an outage is reported within minutes and a
# single timeout clears at the next probe.
FAILURES_BEFORE_DOWN = 3


class SlackReach:
    """How the latest Web API calls ended: answered, unreachable, or none yet."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._answered: bool | None = None
        self._failures = 0  # failed calls since the last answer
        self.error = ""  # the latest failure's exception type (no host, no token)

    def answered(self) -> None:
        with self._lock:
            self._answered, self._failures, self.error = True, 0, ""

    def unreachable(self, error: BaseException) -> None:
        with self._lock:
            self._failures += 1
            self.error = type(error).__name__
            if self._failures >= FAILURES_BEFORE_DOWN or self._answered is None:
                self._answered = False

    def failing(self) -> bool:
        """Whether the latest call failed (the scheduler then probes)."""
        with self._lock:
            return self._failures > 0

    def state(self) -> bool | None:
        """True: Slack answers; False: the last FAILURES_BEFORE_DOWN calls (or the very first)
        failed; None: no call yet."""
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
