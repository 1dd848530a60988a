"""Real parts for the bot tests: a redis-server on a free port, a SQLite file."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from bot.store import SQLiteStore, Store
from bot.store.redis import RedisStore
from tests.bot.fake_slack import FakeSlack
from tests.bot.harness import BotHarness


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class RedisServer:
    """A real redis-server process the tests can stop and start again (outage tests)."""

    def __init__(self, workdir: Path) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            subprocess.run(
                ["bash", str(Path(__file__).parents[2] / "scripts" / "ensure-redis.sh")], check=True
            )
            binary = shutil.which("redis-server")
        assert binary, "redis-server is required (scripts/ensure-redis.sh installs it)"
        self.binary = binary
        self.workdir = workdir
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        client.close()

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
            self.proc = None

    def flush(self) -> None:
        client = redis.Redis(port=self.port)
        client.flushall()
        client.close()


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "redis"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """Each contract test runs against both adapters."""
    if request.param == "sqlite":
        s: Store = SQLiteStore(tmp_path / "toonbot.sqlite3")
    else:
        server: RedisServer = request.getfixturevalue("redis_server")
        if server.proc is None:
            server.start()
        server.flush()
        s = RedisStore.from_url(server.url)
    yield s
    s.close()


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    """A local server that plays Slack's Web API (and response_url)."""
    fake = FakeSlack()
    yield fake
    fake.close()


@pytest.fixture
def bot(tmp_path: Path, slack: FakeSlack) -> Iterator[BotHarness]:
    """The real Bolt app over HTTP on a real SQLite file, talking to ``slack``."""
    h = BotHarness(tmp_path, SQLiteStore(tmp_path / "toonbot.sqlite3"), slack)
    yield h
    h.close()
