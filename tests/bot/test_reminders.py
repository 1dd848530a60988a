"""Reminders driven by a controlled clock: a whole year, restarts, races, Slack failures."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from bot.app import build_services, web_client
from bot.config import load_bot_config
from bot.reminders import Scheduler, record_password_change
from bot.services import Services
from bot.store import SQLiteStore, Store
from bot.store.redis import RedisStore
from bot.workflow import Workflow
from messages import reminder
from tests.bot.conftest import RedisServer
from tests.bot.fake_slack import Failure, FakeSlack
from tests.bot.harness import make_settings

CONFIG = """
[city]
name = "東温市"
official_domains = ["city.toon.ehime.jp"]

[reminders]
conduct_channels = ["CALL"]
conduct_time = "09:00"
password_time = "09:00"
pending_remind_minutes = 120
pending_escalate_minutes = 240
escalate_channel = "CKOHO"

[[departments]]
id = "soumu"
name = "総務課"
heads = ["UHEAD"]
deputies = ["UDEP"]
channel = "CSOUMU"
members = ["UDRAFT"]

[[accounts]]
id = "toon-x"
platform = "x"
name = "東温市公式"
url = "https://x.com/toon_city"
operator = "総務課"
department = "soumu"
hours = "08:30-17:15"
password_rotation_days = 90
operator_user = "UOPER"
emergency_note = "緊急時は危機管理課が発信します。"
"""

JST = "+09:00"


def at(s: str) -> datetime:
    return datetime.fromisoformat(s + JST)


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


_OPEN: list[Store] = []


@pytest.fixture(autouse=True)
def _close_stores() -> Iterator[None]:
    yield
    while _OPEN:
        _OPEN.pop().close()


def services_for(tmp: Path, store: Store, slack: FakeSlack, clock: Clock) -> Services:
    _OPEN.append(store)
    cfg = tmp / "toon.toml"
    cfg.write_text(CONFIG, encoding="utf-8")
    settings = make_settings(tmp, slack.api_url, cfg)
    return build_services(
        settings, store, load_bot_config(cfg), client=web_client(settings), clock=clock
    )


def run(
    scheduler: Scheduler, clock: Clock, start: datetime, end: datetime, step: timedelta
) -> list[str]:
    sent = []
    clock.now = start
    while clock.now <= end:
        sent += scheduler.tick(clock.now)
        clock.now += step
    return sent


def posts(slack: FakeSlack, channel: str) -> list[str]:
    return [
        c.params["text"] for c in slack.of("chat.postMessage") if c.params["channel"] == channel
    ]


def test_a_whole_year_of_operating_hours_and_conduct(tmp_path: Path, slack: FakeSlack) -> None:
    clock = Clock(at("2026-12-31T23:00"))
    s = services_for(tmp_path, SQLiteStore(tmp_path / "y.sqlite3"), slack, clock)
    record_password_change(s, "toon-x", "UOPER", date(2026, 12, 1))
    sent = run(
        Scheduler(s), clock, at("2026-12-31T23:30"), at("2027-12-31T23:30"), timedelta(minutes=30)
    )
    starts = [k for k in sent if k.startswith("hours_start:")]
    ends = [k for k in sent if k.startswith("hours_end:")]
    # 365 days - 104 weekend days - 15 weekday holidays (振替休日 3/22 included) - 4 weekday
    # closure days (1/1, 12/29, 12/30, 12/31) = 242 working days in 2027.
    assert len(starts) == len(ends) == 242
    days = {k.rsplit(":", 1)[1] for k in starts}
    for off in (
        "2027-01-01",
        "2027-01-11",
        "2027-03-22",
        "2027-05-04",
        "2027-09-23",
        "2027-12-29",
        "2027-01-09",
    ):
        assert off not in days
    for on in ("2027-01-04", "2027-03-23", "2027-12-28", "2027-05-06"):
        assert on in days
    texts = posts(slack, "CSOUMU")
    assert texts.count(reminder("hours_start", account="東温市公式", hours="08:30～17:15")) == 242
    assert len(texts) == 484
    conduct = [k for k in sent if k.startswith("conduct:")]
    assert [k.split(":")[1] for k in conduct] == [f"2027-{m:02d}" for m in range(1, 13)]
    assert "conduct:2027-01:CALL" in sent and sent.index("conduct:2027-01:CALL") > sent.index(
        "hours_start:toon-x:2027-01-04"
    )
    assert len(set(posts(slack, "CALL"))) == 12  # a different point each month
    # Password changed 2026-12-01, rotation 90 days: due 2027-03-01, then weekly until changed.
    password = [k for k in sent if k.startswith("password:")]
    assert password[0] == "password:toon-x:2026-12-01:0"
    assert len(posts(slack, "UOPER")) == len(password) > 30


def test_restart_sends_missed_reminders_late_once_only_if_still_relevant(
    tmp_path: Path, slack: FakeSlack
) -> None:
    db = tmp_path / "r.sqlite3"
    clock = Clock(at("2027-02-01T07:00"))
    first = Scheduler(services_for(tmp_path, SQLiteStore(db), slack, clock))
    run(first, clock, at("2027-02-01T07:00"), at("2027-02-01T08:00"), timedelta(minutes=1))
    # Down from 08:00 to 11:45 on 1 February 2027, the first working day of the month.
    second = Scheduler(services_for(tmp_path, SQLiteStore(db), slack, clock))
    sent = run(second, clock, at("2027-02-01T11:45"), at("2027-02-01T18:00"), timedelta(minutes=1))
    assert "hours_start:toon-x:2027-02-01" not in sent  # 3 hours late: not relevant any more
    assert sent[0] == "conduct:2027-02:CALL"  # the monthly reminder is still useful: sent late
    assert "hours_end:toon-x:2027-02-01" in sent
    third = Scheduler(services_for(tmp_path, SQLiteStore(db), slack, clock))
    assert third.tick(at("2027-02-01T18:30")) == []
    assert len(posts(slack, "CALL")) == 1


def test_two_instances_racing_send_each_reminder_once(
    tmp_path: Path, slack: FakeSlack, redis_server: RedisServer
) -> None:
    redis_server.flush()
    clocks = [Clock(at("2027-03-01T08:00")), Clock(at("2027-03-01T08:00"))]
    instances = [
        Scheduler(services_for(tmp_path, RedisStore.from_url(redis_server.url), slack, c))
        for c in clocks
    ]
    results: list[list[str]] = [[], []]
    barrier = threading.Barrier(2)

    def worker(i: int) -> None:
        t = at("2027-03-01T08:00")
        while t <= at("2027-03-05T18:00"):
            barrier.wait()
            clocks[i].now = t
            results[i] += instances[i].tick(t)
            t += timedelta(minutes=5)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    both = Counter(results[0] + results[1])
    assert both and all(n == 1 for n in both.values())
    assert len([k for k in both if k.startswith("hours_")]) == 10  # Mon-Fri, start and end
    assert len(posts(slack, "CSOUMU")) == 10 and len(posts(slack, "CALL")) == 1


def test_slack_rejecting_a_reminder_retries_without_duplicates(
    tmp_path: Path, slack: FakeSlack
) -> None:
    clock = Clock(at("2027-02-02T08:00"))
    s = services_for(tmp_path, SQLiteStore(tmp_path / "f.sqlite3"), slack, clock)
    scheduler = Scheduler(s)
    slack.fail("chat.postMessage", Failure(status=500, times=3))  # first try and both retries
    run(scheduler, clock, at("2027-02-02T08:00"), at("2027-02-02T09:00"), timedelta(minutes=15))
    assert posts(slack, "CSOUMU") == [posts(slack, "CSOUMU")[0]] * 3  # three failed attempts
    assert len(s.workflow.store.outbox_items()) == 1
    assert s.notifier.retry_outbox() == 1
    run(scheduler, clock, at("2027-02-02T09:15"), at("2027-02-02T12:00"), timedelta(minutes=15))
    assert len(posts(slack, "CSOUMU")) == 4 and s.workflow.store.outbox_items() == []


def test_pending_requests_remind_escalate_and_expire(tmp_path: Path, slack: FakeSlack) -> None:
    clock = Clock(at("2027-02-02T10:00"))
    s = services_for(tmp_path, SQLiteStore(tmp_path / "p.sqlite3"), slack, clock)
    wf: Workflow = s.workflow
    draft = "飼い主の方は、保護している大西さん(090-6612-3378)へ直接ご連絡ください。"
    checked = wf.check(draft, user="UDRAFT", posted_at=at("2027-02-02T16:00"))
    request = wf.request_signoff(checked.record.id, "UDRAFT").request
    assert request is not None
    sent = run(
        Scheduler(s), clock, at("2027-02-02T10:00"), at("2027-02-02T16:30"), timedelta(minutes=5)
    )
    assert [k for k in sent if not k.startswith(("hours_", "conduct"))] == [
        f"remind:{request.id}",
        f"escalate:{request.id}",
        f"expired:{request.id}",
    ]
    assert (
        len(posts(slack, "UHEAD")) == 1
        and len(posts(slack, "UDEP")) == 1
        and len(posts(slack, "CKOHO")) == 1
    )
    assert "期限切れ" in posts(slack, "UDRAFT")[0]
    final = wf.store.get_request(request.id)
    assert final is not None and final.state.value == "expired"
