"""``toonbot``: run the bot, try the workflow from a terminal, export the audit trail.

toonbot run                        Socket Mode if SLACK_APP_TOKEN is set, else HTTP on PORT
toonbot console                    the same workflow and store, driven from the terminal
toonbot audit export --since 2027-01-01 [--until 2027-02-01] [-o audit.csv]
toonbot config check               the resolved configuration and every problem in it
toonbot backup PATH                copy the SQLite store safely while the bot runs
toonbot purge --before 2026-04-01  apply docs/audit.md's retention (recorded in the trail)
toonbot accounts check             missing policy/terms items and §5(2) reports, per account
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from dotenv import load_dotenv
from slack_bolt.error import BoltError
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.audit import AuditLog, export_csv
from bot.config import load_bot_config
from bot.config_check import config_check, refuse_placeholders
from bot.lock import InstanceLock, InstanceLocked
from bot.logs import setup_logging_from_env
from bot.ops import backup_sqlite, purge
from bot.redact import redact
from bot.settings import SettingsError, load_settings
from bot.store import StoreUnavailable, open_store
from checks.config import ConfigError
from checks.lexicon import LexiconError
from checks.sources import InputError, parse_planned_time
from messages import text

if TYPE_CHECKING:
    from slack_sdk import WebClient

log = logging.getLogger("toonbot")


def _run(args: argparse.Namespace) -> int:
    from bot.app import build_app, build_services, warm_checker, web_client
    from bot.health import Runtime, serve

    settings = load_settings()
    config = load_bot_config(settings.config_path)
    refuse_placeholders(settings.config_path)  # the example's IDs reach no real workspace
    lock = InstanceLock(settings.db_path)
    if not settings.redis_url:
        lock.acquire()  # a second instance on this SQLite file stops here (InstanceLocked)
    store = open_store(settings.redis_url, settings.db_path)
    client = web_client(settings)
    _slack_answers(client.auth_test)
    app_token = settings.app_token or ""
    if settings.socket_mode:
        _slack_answers(lambda: client.apps_connections_open(app_token=app_token))
    port = health_port()
    warm_checker()  # a broken lexicon stops start-up with one line, not the first /check
    services = build_services(settings, store, config, client=client)
    app = build_app(settings, services)
    runtime = Runtime()

    from bot.reminders import Scheduler

    scheduler = Scheduler(services)

    def retry_forever() -> None:
        while True:
            try:
                scheduler.tick(services.workflow.now())
                runtime.ticked()
                if not settings.socket_mode and services.slack_reach.failing():
                    _probe_slack(client)  # so /healthz recovers when nothing else is sent
                services.notifier.retry_outbox()
                services.workflow.audit.flush()
            except StoreUnavailable as e:
                log.warning("store unavailable: %s", e)
            stop.wait(60)

    stop = threading.Event()
    threading.Thread(target=retry_forever, name="toonbot-scheduler", daemon=True).start()
    if settings.socket_mode:
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        log.info("toonbot: Socket Mode")
        handler = SocketModeHandler(app, app_token)
        runtime.slack_connected = handler.client.is_connected
        if port is not None:
            serve(port, store, runtime)
            log.info("toonbot: /healthz and /metrics on port %s", port)
        _slack_answers(handler.start, quiet=False)  # runs until stopped: keep its logs
        return 0
    from waitress import serve as waitress_serve

    from bot.server import MAX_BODY, wsgi_app

    log.info("toonbot: HTTP on port %s (/slack/events, /healthz, /metrics)", settings.port)
    # Slack calls us; whether we reach it is what our own Web API calls found last.
    runtime.slack_connected = services.slack_reach.state
    waitress_serve(
        wsgi_app(app, store, settings.signing_secret or "", runtime),
        host="0.0.0.0",
        port=settings.port,
        threads=8,
        max_request_body_size=MAX_BODY,  # waitress refuses a larger body before reading it
    )
    return 0


def _probe_slack(client: WebClient) -> None:
    """One auth.test; its outcome reaches the client's SlackReach, the failure the log."""
    try:
        client.auth_test()
    except (SlackClientError, OSError) as e:
        log.warning("Slack unreachable: %s", type(e).__name__)


def _audit_export(args: argparse.Namespace) -> int:
    settings = load_settings(need_slack=False)
    config = load_bot_config(settings.config_path)
    store = open_store(settings.redis_url, settings.db_path)
    AuditLog(store, settings.spool_path).flush()

    def parse(value: str) -> datetime:
        at = parse_planned_time(value).at  # 2027-04-01, 2027/04/01 09:00, ISO 8601
        return at if at.tzinfo else at.replace(tzinfo=config.tz)

    since = parse(args.since)
    until = parse(args.until) if args.until else datetime.now(config.tz) + timedelta(days=1)
    events = store.audit_between(
        since.isoformat(timespec="seconds"), until.isoformat(timespec="seconds")
    )
    data = export_csv(events)
    if args.output and args.output != "-":
        with open(args.output, "w", encoding="utf-8", newline="") as f:
            f.write(data)
    else:
        sys.stdout.write(data)
    return 0


# Exit statuses of ``toonbot``: 2 = a refusal that would repeat (a setting, a token, another
# instance: systemd does not restart); 75 (EX_TEMPFAIL) = Slack unreachable for now (restart).
EXIT_REFUSED = 2
EXIT_TEMPFAIL = 75


class SlackRefused(RuntimeError):
    """Slack refused a token or cannot be reached; the message is one line for operators."""


class SlackUnreachable(SlackRefused):
    """No answer from Slack (network, proxy, DNS): worth starting again later."""


def _slack_answers(call: Callable[[], object], quiet: bool = True) -> None:
    """Run a call to Slack at start-up; a refusal or no answer becomes SlackRefused (the
    libraries' own error lines for it are silenced: SlackRefused says it once)."""
    loggers = [logging.getLogger(n) for n in ("slack_sdk", "slack_bolt", "toonbot.bolt")]
    levels = [q.level for q in loggers]
    for q in loggers if quiet else []:
        q.setLevel(logging.CRITICAL)
    try:
        call()
    except SlackApiError as e:
        error = str(e.response.get("error", "")) if e.response is not None else ""
        raise SlackRefused(text("ops.slack_auth", error=error or "unknown")) from None
    except (SlackClientError, BoltError, OSError) as e:
        raise SlackUnreachable(text("ops.slack_unreachable", error=type(e).__name__)) from None
    finally:
        for q, level in zip(loggers, levels, strict=True):
            q.setLevel(level)


def health_port() -> int | None:
    """HEALTH_PORT: Socket Mode's health and metrics listener (unset: none)."""
    raw = os.environ.get("HEALTH_PORT", "").strip()
    if not raw:
        return None
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise SettingsError(text("ops.bad_health_port", value=raw))
    return int(raw)


def _city_date(value: str, tz: tzinfo) -> datetime:
    at = datetime.fromisoformat(value)
    return at if at.tzinfo else at.replace(tzinfo=tz)


def _backup(args: argparse.Namespace) -> int:
    settings = load_settings(need_slack=False)
    if settings.redis_url:
        sys.stderr.write(f"toonbot: {text('ops.backup_redis')}\n")
        return 2
    if os.path.exists(args.path):
        sys.stderr.write(f"toonbot: {text('ops.backup_exists', path=args.path)}\n")
        return 2
    store = open_store(None, settings.db_path)
    pages = backup_sqlite(store, args.path)
    store.close()
    sys.stdout.write(text("ops.backup_done", path=args.path, pages=pages) + "\n")
    return 0


def _purge(args: argparse.Namespace) -> int:
    settings = load_settings(need_slack=False)
    config = load_bot_config(settings.config_path)
    now = datetime.now(config.tz)
    try:
        before = _city_date(args.before, config.tz)
    except ValueError:
        sys.stderr.write(f"toonbot: {text('ops.purge_bad_date', value=args.before)}\n")
        return 2
    if before > now:
        sys.stderr.write(f"toonbot: {text('ops.purge_future', value=args.before)}\n")
        return 2
    store = open_store(settings.redis_url, settings.db_path)
    result = purge(store, AuditLog(store, settings.spool_path), before, now)
    store.close()
    sys.stdout.write(
        text(
            "ops.purge_done",
            before=args.before,
            audit=result.audit,
            checks=result.checks,
            requests=result.requests,
        )
        + "\n"
    )
    return 0


def _accounts_check(args: argparse.Namespace) -> int:
    """Exit 0 when every account's policy and terms are complete and reported, else 1."""
    from bot.accounts import account_statuses, render_check

    settings = load_settings(need_slack=False)
    config = load_bot_config(settings.config_path)
    store = open_store(settings.redis_url, settings.db_path)
    try:
        statuses = account_statuses(config, store)
    finally:
        store.close()
    sys.stdout.write(render_check(config, statuses))
    return 0 if all(st.complete for st in statuses) else 1


def main(argv: Sequence[str] | None = None) -> int:
    try:
        load_dotenv(override=False)
        setup_logging_from_env(dict(os.environ))
    except SettingsError as e:
        sys.stderr.write(f"toonbot: {e}\n")
        return 2
    p = argparse.ArgumentParser(prog="toonbot", description="Toon City's pre-posting check bot")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="run the Slack bot")
    console = sub.add_parser("console", help="try the whole workflow from the terminal")
    console.add_argument("--user", default="U_CONSOLE_DRAFTER", help="your Slack user ID")
    console.add_argument("--db", help="SQLite file (default: the console's own, beside TOONBOT_DB)")
    audit = sub.add_parser("audit", help="audit trail")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True)
    export = audit_sub.add_parser("export", help="export as CSV")
    export.add_argument("--since", required=True, help="ISO date or time (the city's time zone)")
    export.add_argument("--until", help="ISO date or time (exclusive)")
    export.add_argument("-o", "--output", help="file (default: standard output)")
    accounts = sub.add_parser("accounts", help="the official accounts' registry (§5)")
    accounts_sub = accounts.add_subparsers(dest="accounts_command", required=True)
    accounts_sub.add_parser("check", help="missing policy and terms items, reports (§5(2))")
    backup = sub.add_parser("backup", help="copy the SQLite store (online backup API)")
    backup.add_argument("path", help="the new file (never overwritten)")
    purge_p = sub.add_parser("purge", help="delete records older than a date (docs/audit.md)")
    purge_p.add_argument("--before", required=True, help="ISO date (the city's time zone)")
    config = sub.add_parser("config", help="configuration")
    config_sub = config.add_subparsers(dest="config_command", required=True)
    check = config_sub.add_parser("check", help="print the resolved configuration and problems")
    check.add_argument("--config", help="file (default: TOONBOT_CONFIG, toon.toml, the example)")
    args = p.parse_args(argv)
    try:
        if args.command == "run":
            return _run(args)
        if args.command == "console":
            from bot.console import run_console

            return run_console(args.user, db=args.db)
        if args.command == "config":
            return config_check(args.config)
        if args.command == "accounts":
            return _accounts_check(args)
        if args.command == "backup":
            return _backup(args)
        if args.command == "purge":
            return _purge(args)
        return _audit_export(args)
    except SlackUnreachable as e:
        sys.stderr.write(redact(f"toonbot: {e}\n"))
        return EXIT_TEMPFAIL
    except (
        SettingsError,
        ConfigError,
        LexiconError,
        InstanceLocked,
        SlackRefused,
        InputError,
    ) as e:
        sys.stderr.write(redact(f"toonbot: {e}\n"))
        return 2
    except StoreUnavailable as e:
        sys.stderr.write(redact(f"toonbot: {text('bot.problem.store_down')} ({e})\n"))
        return 2


if __name__ == "__main__":
    sys.exit(main())
