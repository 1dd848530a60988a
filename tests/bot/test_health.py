"""One health report in both modes, and the metrics beside it (real stores, real HTTP)."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from slack_sdk.errors import SlackApiError

from bot.health import OUTBOX_STALE, TICK_STALE, Part, Runtime, serve
from bot.logs import SecretFilter, secrets_of
from bot.models import RequestState, SignoffRequest
from bot.store import SQLiteStore
from bot.store.redis import RedisStore
from tests.bot.conftest import RedisServer, free_port
from tests.bot.fake_slack import FakeSlack
from tests.bot.harness import BotHarness
from tests.bot.test_bot_e2e import _request
from tests.bot.test_operations import APP_TOKEN, _env


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def _get(port: int, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def _report(port: int) -> tuple[int, dict[str, dict[str, object]]]:
    status, body = _get(port, "/healthz")
    data = json.loads(body)
    assert data["ok"] is (status == 200)
    return status, data["parts"]


def test_socket_mode_listener_reports_each_part(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "toonbot.sqlite3")
    clock = Clock()
    runtime = Runtime(clock)
    connected = [True]
    runtime.slack_connected = lambda: connected[0]
    port = free_port()
    serve(port, store, runtime, host="127.0.0.1")
    for _ in range(100):  # the listener thread is starting
        try:
            _get(port, "/healthz")
            break
        except OSError:
            time.sleep(0.05)
    status, parts = _report(port)
    assert status == 200 and set(parts) == {"slack", "store", "scheduler", "outbox"}
    assert parts["scheduler"] == {"ok": True, "detail": "no tick yet"}

    connected[0] = False
    status, parts = _report(port)
    assert status == 503 and parts["slack"] == {"ok": False, "detail": "disconnected"}
    connected[0] = True

    runtime.ticked()
    clock.now += TICK_STALE + 1
    status, parts = _report(port)
    assert status == 503 and parts["scheduler"]["ok"] is False
    runtime.ticked()

    store.outbox_add("o1", "{}")
    clock.now = time.time() + OUTBOX_STALE + 60  # the Slack call has waited over an hour
    runtime.ticked()
    status, parts = _report(port)
    assert status == 503 and parts["outbox"]["ok"] is False
    assert str(parts["outbox"]["detail"]).startswith("1 queued")

    status, metrics = _get(port, "/metrics")
    assert status == 200 and re.search(r"^toonbot_outbox_depth 1\.0$", metrics, re.M)
    assert _get(port, "/other")[0] == 404
    store.close()


def test_store_outage_is_reported_without_the_host(
    tmp_path: Path, redis_server: RedisServer
) -> None:
    if redis_server.proc is None:
        redis_server.start()
    redis_server.flush()
    store = RedisStore.from_url(redis_server.url)
    port = free_port()
    serve(port, store, Runtime(), host="127.0.0.1")
    for _ in range(100):
        try:
            assert _report(port)[0] == 200
            break
        except OSError:
            time.sleep(0.05)
    errors = _sample(_get(port, "/metrics")[1], "toonbot_store_errors_total")
    redis_server.stop()
    try:
        status, parts = _report(port)
        assert status == 503 and parts["store"]["ok"] is False
        assert str(parts["store"]["detail"]).startswith("redis: ")
        assert "127.0.0.1" not in json.dumps(parts) and str(redis_server.port) not in json.dumps(
            parts
        )
        assert _sample(_get(port, "/metrics")[1], "toonbot_store_errors_total") > errors
    finally:
        redis_server.start()
        store.close()


def _sample(metrics: str, name: str, labels: str = "") -> float:
    m = re.search(rf"^{re.escape(name + labels)} ([0-9.e+-]+)$", metrics, re.M)
    return float(m.group(1)) if m else 0.0


def test_http_mode_serves_the_same_report_and_metrics(tmp_path: Path, slack: FakeSlack) -> None:
    bot = BotHarness(tmp_path, SQLiteStore(tmp_path / "toonbot.sqlite3"), slack)
    try:
        before = bot.get("/metrics")[1]
        request_id = _request(bot)
        middle = bot.get("/metrics")[1]
        checks = 'toonbot_checks_total{verdict="review"}'
        assert _sample(middle, checks) == _sample(before, checks) + 1
        count = 'toonbot_slack_request_seconds_count{kind="command"}'
        assert _sample(middle, count) == _sample(before, count) + 1
        timed = "toonbot_check_seconds_count"
        assert _sample(middle, timed) == _sample(before, timed) + 1
        assert _sample(middle, "toonbot_pending_requests") == 1
        assert re.search(r"^toonbot_pending_oldest_seconds [0-9.e+]+$", middle, re.M)
        assert bot.action("approve", f"{request_id}:1", user="UHEAD1") == 200
        slack.wait_for(
            lambda: (bot.store.get_request(request_id) or _never()).state == RequestState.APPROVED
        )
        after = bot.get("/metrics")[1]
        decided = 'toonbot_decisions_total{state="approved"}'
        assert _sample(after, decided) == _sample(before, decided) + 1
        assert _sample(after, "toonbot_pending_requests") == 0
        status, report = bot.get("/healthz")
        parts = json.loads(report)["parts"]
        assert status == 200 and set(parts) == {"slack", "store", "scheduler", "outbox"}
    finally:
        bot.close()


def _never() -> SignoffRequest:
    raise AssertionError("request vanished")


def test_secret_filter_masks_values_and_token_shapes() -> None:
    env = {
        "SLACK_BOT_TOKEN": "xoxb-1-abcdefgh",
        "SLACK_SIGNING_SECRET": "0123456789abcdef",
        "REDIS_URL": "redis://:hunter2hunter2@cache.city.local:6379/0",
        "HTTPS_PROXY": "http://toon:pr0xyPassw0rd@proxy.city.local:8080",
    }
    f = SecretFilter(secrets_of(env))
    line = f.mask(
        "token xoxb-1-abcdefgh, secret 0123456789abcdef, url "
        "redis://:hunter2hunter2@cache.city.local:6379/0 and xapp-1-A1-zzz, proxy pr0xyPassw0rd"
    )
    assert "abcdefgh" not in line and "0123456789abcdef" not in line
    assert "hunter2hunter2" not in line and "xapp-" not in line and "pr0xy" not in line


class FakeSocketModeServer:
    """Accepts Socket Mode WebSocket connections (the handshake only) until ``close``."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.conns: list[socket.socket] = []
        guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

        def serve() -> None:
            while True:
                try:
                    conn, _ = self.sock.accept()
                except OSError:
                    return
                head = b""
                while b"\r\n\r\n" not in head:
                    head += conn.recv(4096)
                key = re.search(rb"Sec-WebSocket-Key: *(\S+)", head, re.I)
                assert key is not None
                accept = base64.b64encode(hashlib.sha1(key.group(1) + guid.encode()).digest())
                conn.sendall(
                    b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                    b"Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept + b"\r\n\r\n"
                )
                self.conns.append(conn)

        threading.Thread(target=serve, daemon=True).start()

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/link"

    def close(self) -> None:
        self.sock.close()
        for conn in self.conns:
            conn.close()


def test_socket_mode_bot_serves_health_on_health_port(tmp_path: Path, slack: FakeSlack) -> None:
    ws = FakeSocketModeServer()
    slack.wss_url = ws.url
    port = free_port()
    env = _env(tmp_path, slack, SLACK_APP_TOKEN=APP_TOKEN, HEALTH_PORT=str(port))
    out = tmp_path / "out.txt"
    with out.open("w") as f:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "run"], stdout=f, stderr=subprocess.STDOUT, env=env
        )
    try:
        deadline = time.monotonic() + 60
        parts: dict[str, dict[str, object]] = {}
        while time.monotonic() < deadline:
            assert proc.poll() is None, out.read_text()
            try:
                status, parts = _report(port)
                if status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        assert parts["slack"] == {"ok": True, "detail": "connected"}, out.read_text()
        status, metrics = _get(port, "/metrics")
        assert status == 200 and "toonbot_pending_requests" in metrics
        ws.close()  # Slack drops the WebSocket
        deadline = time.monotonic() + 30
        while _report(port)[1]["slack"]["ok"]:
            assert time.monotonic() < deadline, out.read_text()
            time.sleep(0.2)
        status, parts = _report(port)
        assert status == 503 and parts["slack"]["detail"] == "disconnected"
    finally:
        ws.close()
        proc.terminate()
        proc.wait(timeout=30)


def test_http_mode_reports_slack_from_the_last_web_api_call(
    tmp_path: Path, slack: FakeSlack
) -> None:
    """HTTP mode holds no connection to Slack: the Slack part is what the bot's own Web API
    calls found last, and a failure clears with the next call Slack answers."""
    from bot.app import web_client
    from bot.cli import _probe_slack
    from bot.health import health_report
    from bot.slack_reach import FAILURES_BEFORE_DOWN, SlackReach
    from tests.bot.fake_slack import Failure
    from tests.bot.harness import make_settings

    store = SQLiteStore(tmp_path / "toonbot.sqlite3")
    reach = SlackReach()
    runtime = Runtime()
    runtime.slack_connected = reach.state
    settings = make_settings(tmp_path, slack.api_url, tmp_path / "toon.toml")
    up = web_client(settings, reach)
    assert health_report(store, runtime).parts[0] == Part("slack", True, "unknown")

    up.auth_test()
    assert reach.state() is True

    port = free_port()  # nothing listens there: the connection is refused
    down = web_client(
        make_settings(tmp_path, f"http://127.0.0.1:{port}/api/", tmp_path / "toon.toml"), reach
    )
    _probe_slack(down)  # one failed call is not an outage (a listener's call may time out)
    assert reach.failing() and health_report(store, runtime).ok
    for _ in range(FAILURES_BEFORE_DOWN - 1):  # the scheduler's probes, a minute apart
        _probe_slack(down)
    report = health_report(store, runtime)
    assert not report.ok and report.parts[0] == Part("slack", False, "disconnected")
    assert reach.error == "URLError"

    slack.failures["chat.postMessage"] = [Failure(error="channel_not_found")]
    with contextlib.suppress(SlackApiError):
        up.chat_postMessage(channel="CGONE", text="x")  # refused, but Slack answered
    assert reach.state() is True and health_report(store, runtime).parts[0].ok
    store.close()


def test_http_mode_reports_slack_down_when_it_refuses_the_token(
    tmp_path: Path, slack: FakeSlack
) -> None:
    """Slack answering ``invalid_auth`` (token revoked, app uninstalled) is not a working
    Slack: every call the bot makes fails, so /healthz must not say connected."""
    from bot.app import web_client
    from bot.cli import _probe_slack
    from bot.health import health_report
    from bot.slack_reach import SlackReach
    from tests.bot.fake_slack import Failure
    from tests.bot.harness import make_settings

    store = SQLiteStore(tmp_path / "toonbot.sqlite3")
    reach = SlackReach()
    runtime = Runtime()
    runtime.slack_connected = reach.state
    client = web_client(make_settings(tmp_path, slack.api_url, tmp_path / "toon.toml"), reach)
    slack.failures["auth.test"] = [Failure(error="invalid_auth")]
    _probe_slack(client)
    assert health_report(store, runtime).parts[0] == Part("slack", False, "disconnected")
    _probe_slack(client)  # the token works again
    assert health_report(store, runtime).parts[0] == Part("slack", True, "connected")
    store.close()


def test_http_mode_counts_the_listeners_calls_too(tmp_path: Path, slack: FakeSlack) -> None:
    """Bolt builds a plain WebClient for each request; the listeners' calls (App Home,
    views.open) must still tell the Slack part of /healthz that Slack answers."""
    from tests.bot.harness import CONFIG, BotHarness

    # No heads' user group: its look-up (an observed call) would hide the listener's own.
    config = CONFIG.replace('heads_usergroup = "SKIKIHEADS"', 'heads_usergroup = ""')
    bot = BotHarness(tmp_path, SQLiteStore(tmp_path / "t.sqlite3"), slack, config_text=config)
    try:
        reach = bot.services.slack_reach
        reach.unreachable(TimeoutError())  # an earlier call found Slack down
        event = {"type": "app_home_opened", "user": "UDRAFT", "channel": "D1", "tab": "home"}
        assert bot.event(event, "EvReach") == 200
        slack.wait_for(lambda: bool(slack.of("views.publish")))
        slack.wait_for(lambda: reach.state() is True)
    finally:
        bot.close()
