"""Build the Bolt app and the services behind it."""

from __future__ import annotations

import functools
import logging
import socket
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any
from urllib.error import URLError

from slack_bolt import App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackClientError
from slack_sdk.http_retry import RetryHandler
from slack_sdk.http_retry.builtin_handlers import (
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.audit import AuditLog
from bot.config import BotConfig, load_bot_config
from bot.listeners import register
from bot.metrics import bolt_middleware
from bot.notify import Notifier
from bot.publish import record_late_copy
from bot.services import Services
from bot.settings import Settings
from bot.slack_reach import ObservedWebClient, SlackReach
from bot.store import Store
from bot.workflow import Workflow
from messages import text

__all__ = ["build_app", "build_services", "interactive_client", "warm_checker", "web_client"]

# Bolt's own threads only acknowledge and hand work to the notifier's workers; a few spare
# ones cover the listeners that open a form (views.open must follow the click at once).
LISTENER_THREADS = 16


class NotSentRetryHandler(RetryHandler):
    """Retries only when the request surely never reached Slack (refused, no DNS): retrying
    a timeout or a reset could post a message that Slack had in fact already posted."""

    def _can_retry(self, *, error: Exception | None = None, **kwargs: Any) -> bool:
        reason = error.reason if isinstance(error, URLError) else error
        return isinstance(reason, ConnectionRefusedError | socket.gaierror)


def web_client(settings: Settings, reach: SlackReach | None = None) -> ObservedWebClient:
    """The workers' WebClient on SLACK_API_URL: waits for a slow Slack (it runs off the request
    path), retries 429 after Retry-After and 5xx, and a connection Slack never saw."""
    return ObservedWebClient(
        reach=reach or SlackReach(),
        token=settings.bot_token,
        base_url=settings.api_url or WebClient.BASE_URL,
        retry_handlers=[
            NotSentRetryHandler(max_retry_count=2),
            RateLimitErrorRetryHandler(max_retry_count=2),
            ServerErrorRetryHandler(max_retry_count=2),
        ],
        timeout=30,
    )


def interactive_client(settings: Settings, reach: SlackReach | None = None) -> ObservedWebClient:
    """The listeners' WebClient (views.open right after a click): short timeout, no retry
    sleeps, so a Slack listener thread is never held long."""
    return ObservedWebClient(
        reach=reach or SlackReach(),
        token=settings.bot_token,
        base_url=settings.api_url or WebClient.BASE_URL,
        retry_handlers=[],
        timeout=3,
    )


def warm_checker() -> None:
    """Load every lexicon (a broken entry stops start-up with one line) and the dictionary
    now, so the first /check answers within Slack's three seconds like every later one."""
    from checks import check_draft
    from checks.rules.lexical import preload

    preload()
    check_draft("起動時の確認です。")


def build_services(
    settings: Settings,
    store: Store,
    config: BotConfig | None = None,
    client: WebClient | None = None,
    clock: Callable[[], datetime] | None = None,
) -> Services:
    cfg = config or load_bot_config(settings.config_path)
    audit = AuditLog(store, settings.spool_path)
    web = client or web_client(settings)
    # Both clients report to the same SlackReach (the Slack part of /healthz in HTTP mode).
    reach = web.reach if isinstance(web, ObservedWebClient) else SlackReach()
    # Heads' user groups are looked up while a listener runs: the quick client, cached.
    groups = GroupMembers(interactive_client(settings, reach))
    workflow = Workflow(store, cfg, audit, clock=clock, group_members=groups)
    services = Services(workflow, Notifier(web, store, tz=cfg.tz), cfg, slack_reach=reach)
    # A request's copy that goes out only from the outbox is recorded with the request.
    services.notifier.on_late_post = functools.partial(record_late_copy, services)
    return services


class GroupMembers:
    """Members of a Slack user group, cached for a few minutes (usergroups.users.list)."""

    TTL = 300.0

    def __init__(self, client: WebClient) -> None:
        self.client = client
        self._cache: dict[str, tuple[float, tuple[str, ...]]] = {}
        self._lock = threading.Lock()

    def __call__(self, group: str) -> tuple[str, ...]:
        now = time.monotonic()
        with self._lock:
            hit = self._cache.get(group)
            if hit and now - hit[0] < self.TTL:
                return hit[1]
        try:
            users = tuple(self.client.usergroups_users_list(usergroup=group).get("users") or ())
        except SlackClientError as e:
            logging.getLogger("toonbot").warning(
                "user group %s unavailable: %s", group, type(e).__name__
            )
            return hit[1] if hit else ()
        with self._lock:
            self._cache[group] = (now, users)
        return users


class _ClientTokenNotice(logging.Filter):
    """Drop Bolt's "`token` will be unused" warning: we hand Bolt our own WebClient (base URL,
    retries) built from the same SLACK_BOT_TOKEN that Bolt also finds in the environment, so
    the warning would come on every start and say nothing."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


def build_app(settings: Settings, services: Services) -> App:
    """The Bolt app with every listener registered. Request signatures are always verified."""
    bolt_logger = logging.getLogger("toonbot.bolt")
    if not any(isinstance(f, _ClientTokenNotice) for f in bolt_logger.filters):
        bolt_logger.addFilter(_ClientTokenNotice())
    app = App(
        signing_secret=settings.signing_secret or "unused-in-socket-mode",
        client=interactive_client(settings, services.slack_reach),
        logger=bolt_logger,
        listener_executor=ThreadPoolExecutor(LISTENER_THREADS, thread_name_prefix="toonbot-bolt"),
        user_facing_authorize_error_message=text("bot.error"),
    )

    @app.error
    def on_error(error: Exception, body: dict[str, object]) -> None:
        logging.getLogger("toonbot").exception(
            "listener failed (%s): %s", body.get("type"), type(error).__name__
        )

    app.use(bolt_middleware)
    observed = app.client

    @app.middleware
    def observed_client(context: BoltContext, next: Callable[[], Any]) -> Any:
        """Listeners call Slack through the app's ObservedWebClient (Bolt gives each request
        a plain WebClient), so their calls reach the Slack part of /healthz too."""
        context["client"] = observed
        return next()

    register(app, services)
    return app
