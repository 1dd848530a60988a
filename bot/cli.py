"""``toonbot``: run the bot, try the workflow from a terminal, export the audit trail.

toonbot run                        Socket Mode if SLACK_APP_TOKEN is set, else HTTP on PORT
toonbot console                    the same workflow and store, driven from the terminal
toonbot audit export --since 2027-01-01 [--until 2027-02-01] [-o audit.csv]
toonbot accounts check             missing policy/terms items and §5(2) reports, per account
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.audit import AuditLog, export_csv
from bot.config import load_bot_config
from bot.redact import redact
from bot.settings import SettingsError, load_settings
from bot.store import StoreUnavailable, open_store
from checks.config import ConfigError
from checks.lexicon import LexiconError
from messages import text

log = logging.getLogger("toonbot")


def _run(args: argparse.Namespace) -> int:
    from bot.app import build_app, build_services

    settings = load_settings()
    config = load_bot_config(settings.config_path)
    from checks.rules.lexical import preload

    preload()  # a broken lexicon stops start-up with one line, not the first /check
    store = open_store(settings.redis_url, settings.db_path)
    services = build_services(settings, store, config)
    app = build_app(settings, services)

    from bot.reminders import Scheduler

    scheduler = Scheduler(services)

    def retry_forever() -> None:
        while True:
            try:
                scheduler.tick(services.workflow.now())
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
        SocketModeHandler(app, settings.app_token).start()  # type: ignore[no-untyped-call]
        return 0
    from waitress import serve

    from bot.server import MAX_BODY, wsgi_app

    log.info("toonbot: HTTP on port %s (/slack/events, /healthz)", settings.port)
    serve(
        wsgi_app(app, store, settings.signing_secret or ""),
        host="0.0.0.0",
        port=settings.port,
        threads=8,
        max_request_body_size=MAX_BODY,  # waitress refuses a larger body before reading it
    )
    return 0


def _audit_export(args: argparse.Namespace) -> int:
    settings = load_settings(need_slack=False)
    config = load_bot_config(settings.config_path)
    store = open_store(settings.redis_url, settings.db_path)
    AuditLog(store, settings.spool_path).flush()

    def parse(value: str) -> datetime:
        at = datetime.fromisoformat(value)
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
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    p = argparse.ArgumentParser(prog="toonbot", description="Toon City's pre-posting check bot")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="run the Slack bot")
    console = sub.add_parser("console", help="try the whole workflow from the terminal")
    console.add_argument("--user", default="U_CONSOLE_DRAFTER", help="your Slack user ID")
    audit = sub.add_parser("audit", help="audit trail")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True)
    export = audit_sub.add_parser("export", help="export as CSV")
    export.add_argument("--since", required=True, help="ISO date or time (the city's time zone)")
    export.add_argument("--until", help="ISO date or time (exclusive)")
    export.add_argument("-o", "--output", help="file (default: standard output)")
    accounts = sub.add_parser("accounts", help="the official accounts' registry (§5)")
    accounts_sub = accounts.add_subparsers(dest="accounts_command", required=True)
    accounts_sub.add_parser("check", help="missing policy and terms items, reports (§5(2))")
    args = p.parse_args(argv)
    try:
        if args.command == "run":
            return _run(args)
        if args.command == "console":
            from bot.console import run_console

            return run_console(args.user)
        if args.command == "accounts":
            return _accounts_check(args)
        return _audit_export(args)
    except (SettingsError, ConfigError, LexiconError) as e:
        sys.stderr.write(redact(f"toonbot: {e}\n"))
        return 2
    except StoreUnavailable as e:
        sys.stderr.write(redact(f"toonbot: {text('bot.problem.store_down')} ({e})\n"))
        return 2


if __name__ == "__main__":
    sys.exit(main())
