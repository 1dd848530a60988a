"""Running toonbot as a service: the single-instance lock, start-up failures in one line,
no secret or draft in the output, backup and restore, purge (real processes, real files)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from bot.audit import AuditLog
from bot.lock import InstanceLock, InstanceLocked
from bot.models import AuditEvent, CheckRecord, RequestState, SignoffRequest
from bot.store import SQLiteStore
from tests.bot.conftest import free_port
from tests.bot.fake_slack import Failure, FakeSlack
from tests.bot.harness import CONFIG, REVIEW_DRAFT, sign
from tests.conftest import ROOT

BOT_TOKEN = "xoxb-1111-2222-SeCrEtBoTtOkEn"
APP_TOKEN = "xapp-1-A111-2222-SeCrEtApPtOkEn"
SIGNING = "5ecret5igningva1ue0f32characters"


def _env(tmp: Path, slack: FakeSlack, **extra: str) -> dict[str, str]:
    (tmp / "toon.toml").write_text(CONFIG, encoding="utf-8")
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SLACK_", "REDIS_", "TOONBOT_", "LOG_", "HEALTH_"))
    }
    return {
        **base,
        "PYTHONPATH": str(ROOT),
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING,
        "SLACK_API_URL": slack.api_url,
        "TOONBOT_CONFIG": str(tmp / "toon.toml"),
        "TOONBOT_DB": str(tmp / "toonbot.sqlite3"),
        "TOONBOT_SPOOL": str(tmp / "spool.jsonl"),
        "PORT": str(free_port()),
        **extra,
    }


def _toonbot(tmp: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        capture_output=True,
        text=True,
        cwd=tmp,
        env=env,
        timeout=120,
    )


def _get(port: str, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


class Running:
    """``toonbot run`` in HTTP mode as a child process, until stopped."""

    def __init__(self, tmp: Path, env: dict[str, str]) -> None:
        self.env = env
        self.out = tmp / f"out-{env['PORT']}.txt"
        with self.out.open("w") as f:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "bot.cli", "run"],
                stdout=f,
                stderr=subprocess.STDOUT,
                cwd=tmp,
                env=env,
            )
        deadline = time.monotonic() + 90
        while True:
            assert self.proc.poll() is None, self.out.read_text()
            try:
                if _get(env["PORT"], "/healthz")[0] in (200, 503):
                    return
            except OSError:
                pass
            assert time.monotonic() < deadline, self.out.read_text()
            time.sleep(0.2)

    def stop(self) -> str:
        self.proc.terminate()
        self.proc.wait(timeout=30)
        return self.out.read_text()


def test_second_instance_on_the_same_sqlite_file_is_refused(
    tmp_path: Path, slack: FakeSlack
) -> None:
    env = _env(tmp_path, slack)
    first = Running(tmp_path, env)
    try:
        p = _toonbot(tmp_path, {**env, "PORT": str(free_port())}, "run")
        assert p.returncode == 2
        assert p.stderr.strip().count("\n") == 0, p.stderr
        assert "already running" in p.stderr and str(first.proc.pid) in p.stderr
        assert "すでにこのデータベース" in p.stderr
    finally:
        first.stop()
    # The kernel dropped the lock with the process: the next start is not refused.
    again = Running(tmp_path, {**env, "PORT": str(free_port())})
    again.stop()


def test_instance_lock_is_held_until_released(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite3"
    with InstanceLock(db), pytest.raises(InstanceLocked, match=str(os.getpid())):
        InstanceLock(db).acquire()
    InstanceLock(db).acquire()


def test_no_secret_or_draft_in_the_output(tmp_path: Path, slack: FakeSlack) -> None:
    env = _env(tmp_path, slack, LOG_LEVEL="DEBUG", LOG_FORMAT="json")
    bot = Running(tmp_path, env)
    try:
        for body in (
            # a /check with a draft holding a name and a phone number
            "command=%2Fcheck&text="
            + quote(REVIEW_DRAFT)
            + "&user_id=UDRAFT&channel_id=CGENERAL&team_id=T1&trigger_id=1.2&response_url="
            + quote(slack.response_url("ops")),
            # a message shortcut no listener handles: Bolt would print its body
            "payload="
            + quote(
                json.dumps(
                    {
                        "type": "message_action",
                        "callback_id": "unknown",
                        "trigger_id": "1.2",
                        "team": {"id": "T1"},
                        "user": {"id": "UDRAFT"},
                        "channel": {"id": "CGENERAL"},
                        "message": {"text": REVIEW_DRAFT, "ts": "1.1"},
                        "response_url": slack.response_url("ops-shortcut"),
                    },
                    ensure_ascii=False,
                )
            ),
        ):
            request = urllib.request.Request(
                f"http://127.0.0.1:{env['PORT']}/slack/events",
                data=body.encode(),
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    **sign(body, secret=SIGNING),
                },
            )
            try:
                with urllib.request.urlopen(request, timeout=30) as r:
                    assert r.status == 200
            except urllib.error.HTTPError as e:
                assert e.code == 404  # Bolt: no listener for the shortcut
        slack.wait_for(lambda: bool(slack.calls))
        assert _get(env["PORT"], "/healthz")[0] == 200
    finally:
        out = bot.stop()
    lines = [ln for ln in out.splitlines() if ln.strip()]
    assert lines, "the bot logged nothing at DEBUG"
    for line in lines:
        json.loads(line)  # LOG_FORMAT=json: every line is one object
    for secret in (BOT_TOKEN, SIGNING, "SeCrEt", "大西", "090-6612-3378"):
        assert secret not in out


def test_refused_token_is_one_line(tmp_path: Path, slack: FakeSlack) -> None:
    slack.fail("auth.test", Failure(error="invalid_auth", times=5))
    p = _toonbot(tmp_path, _env(tmp_path, slack), "run")
    assert p.returncode == 2 and p.stdout == ""
    assert p.stderr.strip().count("\n") == 0, p.stderr
    assert "invalid_auth" in p.stderr and "SLACK_BOT_TOKEN" in p.stderr
    assert BOT_TOKEN not in p.stderr


def test_refused_app_token_in_socket_mode_is_one_line(tmp_path: Path, slack: FakeSlack) -> None:
    slack.fail("apps.connections.open", Failure(error="invalid_auth", times=5))
    p = _toonbot(tmp_path, _env(tmp_path, slack, SLACK_APP_TOKEN=APP_TOKEN), "run")
    assert p.returncode == 2
    assert p.stderr.strip().count("\n") == 0, p.stderr
    assert "invalid_auth" in p.stderr and APP_TOKEN not in p.stderr


def test_unreachable_slack_is_one_line(tmp_path: Path, slack: FakeSlack) -> None:
    closed = f"http://127.0.0.1:{free_port()}/api/"
    p = _toonbot(tmp_path, _env(tmp_path, slack, SLACK_API_URL=closed), "run")
    assert p.returncode == 75  # EX_TEMPFAIL: systemd starts it again (the network may be late)
    assert p.stderr.strip().count("\n") == 0, p.stderr
    assert "Cannot reach Slack" in p.stderr


def _fill(db: Path) -> SQLiteStore:
    store = SQLiteStore(db)
    for i in range(1, 4):
        store.put_check(
            CheckRecord(
                id=f"c{i}",
                user="UDRAFT",
                channel="C1",
                at=f"2026-0{i}-01T10:00:00+09:00",
                verdict="review",
                codes=("PII001",),
                length=5,
                text_sha="x",
            ),
            "本文",
        )
        store.append_audit(
            AuditEvent(id=f"e{i}", at=f"2026-0{i}-01T10:00:00+09:00", kind="check", actor="U")
        )
        store.create_request(
            SignoffRequest(
                id=f"r{i}",
                draft_id=f"d{i}",
                version=1,
                check_id=f"c{i}",
                requester="UDRAFT",
                department="soumu",
                text="本文",
                verdict="review",
                codes=(),
                findings=(),
                created_at=f"2026-0{i}-01T10:05:00+09:00",
            )
        )
    store.decide("r1", RequestState.APPROVED, "UH", "2026-01-02T00:00:00+09:00", None)
    return store


def test_backup_while_running_and_restore(tmp_path: Path, slack: FakeSlack) -> None:
    env = _env(tmp_path, slack)
    store = _fill(Path(env["TOONBOT_DB"]))  # stays open: its last writes are still in the WAL
    assert Path(env["TOONBOT_DB"] + "-wal").stat().st_size > 0
    p = _toonbot(tmp_path, env, "backup", str(tmp_path / "backup.sqlite3"))
    assert p.returncode == 0, p.stderr
    assert "backup.sqlite3" in p.stdout
    again = _toonbot(tmp_path, env, "backup", str(tmp_path / "backup.sqlite3"))
    assert again.returncode == 2 and "never overwrites" in again.stderr
    store.close()
    # Restore (docs/operations.md): stop the bot, put the backup in place of TOONBOT_DB.
    restored = tmp_path / "restored" / "toonbot.sqlite3"
    restored.parent.mkdir()
    restored.write_bytes((tmp_path / "backup.sqlite3").read_bytes())
    back = SQLiteStore(restored)
    assert [c.id for c in back.recent_checks("UDRAFT")] == ["c3", "c2", "c1"]
    assert [r.id for r in back.list_requests()] == ["r3", "r2", "r1"]
    assert len(back.audit_between("2000-01-01", "2100-01-01")) == 3
    back.close()
    con = sqlite3.connect(restored)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()


def test_backup_with_redis_points_to_redis_persistence(tmp_path: Path, slack: FakeSlack) -> None:
    env = _env(tmp_path, slack, REDIS_URL="redis://127.0.0.1:1/0")
    p = _toonbot(tmp_path, env, "backup", str(tmp_path / "b.sqlite3"))
    assert p.returncode == 2 and "docs/operations.md" in p.stderr
    assert not (tmp_path / "b.sqlite3").exists()


def test_purge_applies_retention_and_is_recorded(tmp_path: Path, slack: FakeSlack) -> None:
    env = _env(tmp_path, slack)
    _fill(Path(env["TOONBOT_DB"])).close()
    p = _toonbot(tmp_path, env, "purge", "--before", "2026-02-15")
    assert p.returncode == 0, p.stderr
    assert "2 audit events, 2 checks, 1 finished requests" in p.stdout
    store = SQLiteStore(env["TOONBOT_DB"])
    assert [c.id for c in store.recent_checks("UDRAFT")] == ["c3"]
    assert [r.id for r in store.list_requests()] == ["r3", "r2"]  # r2 still pending
    events = store.audit_between("2000-01-01", "2100-01-01")
    assert [e.kind for e in events] == ["check", "purge"]
    assert events[1].actor.startswith("cli:") and "before=2026-02-15" in events[1].detail
    store.close()
    bad = _toonbot(tmp_path, env, "purge", "--before", "last year")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "--before" in bad.stderr
    future = _toonbot(tmp_path, env, "purge", "--before", "2999-01-01")
    assert future.returncode == 2 and "future" in future.stderr
    assert AuditLog(SQLiteStore(env["TOONBOT_DB"]), tmp_path / "spool.jsonl").spooled() == 0


class ForwardProxy:
    """A forward HTTP proxy on a free port that asks for a password and records each URL."""

    def __init__(self, user: str, password: str) -> None:
        import base64
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        expected = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
        self.urls: list[str] = []
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                if self.headers.get("Proxy-Authorization") != expected:
                    self.send_response(407)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                proxy.urls.append(self.path)  # an absolute URL: the client used the proxy
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {
                    k: v
                    for k, v in self.headers.items()
                    if k.lower() not in ("proxy-authorization", "host", "connection")
                }
                request = urllib.request.Request(self.path, data=body, headers=headers)
                opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
                with opener.open(request, timeout=10) as r:
                    data = r.read()
                    self.send_response(r.status)
                    self.send_header("Content-Type", r.headers.get("Content-Type", ""))
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_slack_calls_go_through_the_outbound_proxy(tmp_path: Path, slack: FakeSlack) -> None:
    proxy = ForwardProxy("toon", "Pr0xyPassw0rd")
    try:
        env = _env(tmp_path, slack, HTTPS_PROXY=f"http://toon:Pr0xyPassw0rd@127.0.0.1:{proxy.port}")
        env = {k: v for k, v in env.items() if k.lower() not in ("no_proxy", "http_proxy")}
        bot = Running(tmp_path, env)
        out = bot.stop()
    finally:
        proxy.close()
    assert f"{slack.api_url}auth.test" in proxy.urls
    assert "Pr0xyPassw0rd" not in out
