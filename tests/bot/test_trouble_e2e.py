"""§5 registry and §7(4) incident mode, end to end: the real Bolt app over HTTP, signed
requests, the fake Slack Web API, a real SQLite file (and a real Redis for the outage)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from bot.accounts import account_statuses
from bot.config import load_bot_config
from bot.correction import correction_link
from bot.reminders import Scheduler
from bot.store import SQLiteStore
from bot.store.redis import RedisStore
from messages import text
from tests.bot.conftest import RedisServer
from tests.bot.fake_slack import Failure, FakeSlack
from tests.bot.harness import CONFIG, REVIEW_DRAFT, BotHarness, sign

REGISTRY = """
[registry]
pr_section = ["UKOHO"]
pr_channel = "CKOHO"
incident_update_minutes = 120
"""


@pytest.fixture
def bot(tmp_path: Path, slack: FakeSlack) -> Iterator[BotHarness]:
    h = BotHarness(
        tmp_path, SQLiteStore(tmp_path / "toonbot.sqlite3"), slack, config_text=CONFIG + REGISTRY
    )
    yield h
    h.close()


def _buttons(blocks: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    """Every button by (action_id, value)."""
    out = {}
    for b in blocks:
        for el in b.get("elements", []) + ([b["accessory"]] if "accessory" in b else []):
            if el.get("type") == "button":
                out[(el["action_id"], el.get("value", ""))] = el
    return out


def _texts(blocks: list[dict[str, Any]]) -> str:
    return "\n".join(
        b["text"]["text"] for b in blocks if isinstance(b.get("text"), dict) and "text" in b["text"]
    )


def home(bot: BotHarness, user: str) -> list[dict[str, Any]]:
    """Open the App Home tab as ``user``; returns the blocks published."""
    before = len(bot.slack.of("views.publish"))
    event = {"type": "app_home_opened", "user": user, "channel": "D1", "tab": "home"}
    assert bot.event(event, f"Ev{time.time_ns()}") == 200
    bot.slack.wait_for(lambda: len(bot.slack.of("views.publish")) > before)
    view = bot.slack.of("views.publish")[-1].params["view"]
    assert view["type"] == "home" and len(view["blocks"]) <= 50
    return list(view["blocks"])


def home_click(bot: BotHarness, action_id: str, value: str, user: str) -> int:
    """A button clicked on the App Home tab (a view of type home, no channel)."""
    payload = {
        "type": "block_actions",
        "team": {"id": "T1"},
        "user": {"id": user, "team_id": "T1"},
        "api_app_id": "A1",
        "token": "legacy",
        "container": {"type": "view", "view_id": "V1"},
        "trigger_id": f"t.{time.time_ns()}",
        "view": {"id": "V1", "type": "home"},
        "actions": [
            {
                "action_id": action_id,
                "block_id": "b",
                "value": value,
                "type": "button",
                "action_ts": "1",
            }
        ],
    }
    body = urlencode({"payload": json.dumps(payload)})
    status, _ = bot.post(body, "application/x-www-form-urlencoded", sign(body))
    return status


def dm_texts(bot: BotHarness, user: str) -> list[str]:
    return [
        c.params["text"] for c in bot.slack.of("chat.postMessage") if c.params["channel"] == user
    ]


def next_form(bot: BotHarness, before: int) -> dict[str, Any]:
    """The form Slack was asked to open after ``before`` forms had been opened."""
    bot.slack.wait_for(lambda: len(bot.slack.of("views.open")) > before)
    return dict(bot.slack.of("views.open")[before].params["view"])


def start_incident(bot: BotHarness, user: str, account: str = "toon-x") -> None:
    before = len(bot.slack.of("views.open"))
    assert home_click(bot, "incident_start", account, user) == 200
    form = next_form(bot, before)
    assert form["callback_id"] == "incident_start_modal"
    values = {"incident_reason": {"value": {"type": "plain_text_input", "value": "告知に誤り"}}}
    status, body = bot.submit("incident_start_modal", values, form["private_metadata"], user)
    assert status == 200 and "errors" not in body


def check_form(bot: BotHarness, draft: str, user: str = "UDRAFT") -> str:
    """Check a draft for toon-x through the /check form; returns the ephemeral report (its
    blocks as JSON: texts and buttons)."""
    before = len(bot.slack.of("chat.postEphemeral"))
    values: dict[str, dict[str, Any]] = {
        "draft": {"value": {"type": "plain_text_input", "value": draft}},
        "account": {"value": {"type": "static_select", "selected_option": {"value": "toon-x"}}},
    }
    status, _ = bot.submit("check_modal", values, "CGENERAL", user=user)
    assert status == 200
    bot.slack.wait_for(lambda: len(bot.slack.of("chat.postEphemeral")) > before)
    return json.dumps(bot.slack.of("chat.postEphemeral")[-1].params["blocks"], ensure_ascii=False)


def audit_kinds(bot: BotHarness) -> list[str]:
    return [e.kind for e in bot.store.audit_between("2000-01-01", "2100-01-01")]


# --- §7(4) incident mode ---


def test_incident_mode_from_start_to_end(bot: BotHarness, slack: FakeSlack) -> None:
    harmless = "本日は17時まで営業します。"
    assert "TRB001" not in check_form(bot, harmless)
    # Everyone sees that no account is in incident mode; a drafter gets no switch.
    blocks = home(bot, "UDRAFT")
    assert text("incident.home.none") in _texts(blocks)
    assert ("incident_start", "toon-x") not in _buttons(blocks)
    # A head of the account's department switches it on with the situation.
    assert ("incident_start", "toon-x") in _buttons(home(bot, "UHEAD1"))
    assert ("incident_start", "toon-line") not in _buttons(home(bot, "UHEAD1"))  # not theirs
    start_incident(bot, "UHEAD1")
    slack.wait_for(
        lambda: any(c.params["channel"] == "CKOHO" for c in slack.of("chat.postMessage"))
    )
    notice = next(c for c in slack.of("chat.postMessage") if c.params["channel"] == "CKOHO")
    assert "東温市公式を炎上対応モードにしました" in notice.params["text"]
    assert "〇月〇日" in _texts(notice.params["blocks"])  # the holding statement offered
    assert "炎上対応モードにしました" in dm_texts(bot, "UHEAD2")[0]  # soumu has no channel
    # Everyone's App Home shows the account in incident mode.
    assert "告知に誤り" in _texts(home(bot, "UDRAFT"))
    # A harmless draft now needs sign-off; a rebuttal is flagged.
    shown = check_form(bot, harmless)
    assert "TRB001" in shown and "request_signoff" in shown
    shown = check_form(bot, "ご指摘ですが、それは誤解です。")
    assert "TRB002" in shown
    # The holding statement opens the /check form for the account, to fill in and check.
    before = len(slack.of("views.open"))
    assert bot.action("check_holding", "toon-x", user="UDRAFT", channel="CKOHO") == 200
    form = next_form(bot, before)
    inputs = {b["block_id"]: b["element"] for b in form["blocks"] if b["type"] == "input"}
    assert inputs["account"]["initial_option"]["value"] == "toon-x"
    holding = inputs["draft"]["initial_value"]
    assert holding.startswith("【お知らせ】東温市公式の〇〇に関する投稿について")
    filled = holding.replace("〇〇", "秋まつりの開催日").replace("〇月〇日〇時", "2月2日17時")
    shown = check_form(bot, filled)
    assert "TRB001" in shown and "TRB002" not in shown
    check_id = next(v for a, v in _buttons(json.loads(shown)) if a == "request_signoff")
    assert bot.action("request_signoff", check_id, user="UDRAFT") == 200
    slack.wait_for(lambda: bool(bot.store.list_requests(requester="UDRAFT")))
    request = bot.store.list_requests(requester="UDRAFT")[0]
    assert "TRB001" in request.codes
    assert bot.action("approve", f"{request.id}:1", user="UHEAD2") == 200
    slack.wait_for(
        lambda: any(
            e.kind == "incident_post" and e.detail == "approved"
            for e in bot.store.audit_between("2000-01-01", "2100-01-01")
        )
    )
    # The head ends it; the trail has the start, every post and the end.
    assert home_click(bot, "incident_end", "toon-x", "UHEAD1") == 200
    slack.wait_for(lambda: "incident_end" in audit_kinds(bot))
    events = bot.store.audit_between("2000-01-01", "2100-01-01")
    kinds = [e.kind for e in events]
    assert kinds.count("incident_start") == kinds.count("incident_end") == 1
    posts = [e for e in events if e.kind == "incident_post"]
    assert [p.detail for p in posts] == ["check", "check", "check", "approved"]
    assert all(p.account == "toon-x" for p in posts)
    assert text("incident.home.none") in _texts(home(bot, "UDRAFT"))
    assert "TRB001" not in check_form(bot, harmless)


def test_only_the_pr_section_or_the_accounts_head_may_switch(
    bot: BotHarness, slack: FakeSlack
) -> None:
    assert home_click(bot, "incident_start", "toon-x", "UDRAFT") == 200
    assert home_click(bot, "incident_start", "toon-x", "UKIKI") == 200  # another department
    slack.wait_for(lambda: len(dm_texts(bot, "UDRAFT")) == 1 and len(dm_texts(bot, "UKIKI")) == 1)
    assert dm_texts(bot, "UDRAFT")[0] == text("incident.problem.not_allowed")
    assert not slack.of("views.open")
    # A forged form submission is refused too, and nothing is switched on.
    values = {"incident_reason": {"value": {"type": "plain_text_input", "value": "x"}}}
    status, body = bot.submit("incident_start_modal", values, "toon-x", "UDRAFT")
    assert status == 200
    assert json.loads(body)["errors"]["incident_reason"] == text("incident.problem.not_allowed")
    # An empty situation is refused with the form's error.
    empty = {"incident_reason": {"value": {"type": "plain_text_input", "value": "  "}}}
    _, body = bot.submit("incident_start_modal", empty, "toon-x", "UKOHO")
    assert json.loads(body)["errors"]["incident_reason"] == text("incident.problem.reason_required")
    assert "incident_start" not in audit_kinds(bot)
    # The PR section may switch any account.
    start_incident(bot, "UKOHO", "toon-line")
    assert bot.services.workflow.incident("toon-line") is not None


def test_update_reminders_until_an_update_is_approved(bot: BotHarness, slack: FakeSlack) -> None:
    start_incident(bot, "UKOHO")
    scheduler = Scheduler(bot.services)
    t0 = bot.now
    bot.now = t0 + timedelta(minutes=119)
    assert not [k for k in scheduler.tick(bot.now) if k.startswith("incident_update")]
    bot.now = t0 + timedelta(minutes=121)
    sent = [k for k in scheduler.tick(bot.now) if k.startswith("incident_update")]
    assert len(sent) == 1
    bot.now = t0 + timedelta(minutes=150)
    assert not [k for k in scheduler.tick(bot.now) if k.startswith("incident_update")]
    reminders = [
        c.params["text"]
        for c in slack.of("chat.postMessage")
        if c.params["channel"] == "CKOHO" and "分以上お知らせの投稿がありません" in c.params["text"]
    ]
    assert len(reminders) == 1
    reminder = next(c for c in slack.of("chat.postMessage") if c.params["text"] == reminders[0])
    assert ("check_holding", "toon-x") in _buttons(reminder.params["blocks"])
    # An approved update restarts the interval.
    shown = json.loads(check_form(bot, "現在、事実関係を確認しています。"))
    value = next(v for a, v in _buttons(shown) if a == "request_signoff")
    assert bot.action("request_signoff", value, user="UDRAFT") == 200
    slack.wait_for(lambda: bool(bot.store.list_requests(requester="UDRAFT")))
    request = bot.store.list_requests(requester="UDRAFT")[0]
    assert bot.action("approve", f"{request.id}:1", user="UHEAD1") == 200
    slack.wait_for(
        lambda: (
            "approved" in [e.detail for e in bot.store.audit_between("2000-01-01", "2100-01-01")]
        )
    )
    bot.now = t0 + timedelta(minutes=260)  # 110 minutes after the update
    assert not [k for k in scheduler.tick(bot.now) if k.startswith("incident_update")]
    bot.now = t0 + timedelta(minutes=275)
    assert len([k for k in scheduler.tick(bot.now) if k.startswith("incident_update")]) == 1


def _bot_on_redis(tmp_path: Path, slack: FakeSlack, redis_server: RedisServer) -> BotHarness:
    """The bot with the PR section on a running, empty Redis."""
    if redis_server.proc is None:
        redis_server.start()
    redis_server.flush()
    return BotHarness(
        tmp_path, RedisStore.from_url(redis_server.url), slack, config_text=CONFIG + REGISTRY
    )


def test_incident_mode_holds_while_redis_is_down(
    tmp_path: Path, slack: FakeSlack, redis_server: RedisServer
) -> None:
    h = _bot_on_redis(tmp_path, slack, redis_server)
    try:
        start_incident(h, "UKOHO")
        assert "TRB001" in check_form(h, "本日は17時まで営業します。")
        redis_server.stop()
        try:
            outcome = h.services.workflow.check(
                "本日は17時まで営業します。", user="U", account="toon-x"
            )
            assert not outcome.stored
            assert outcome.report.codes == ("TRB001",)  # never "ok" because the store is down
            assert h.services.workflow.audit.spooled() >= 2  # the check and the incident post
        finally:
            redis_server.start()
        # The test's Redis keeps nothing across a restart; the spooled events are replayed.
        slack.wait_for(lambda: h.store.health().ok, timeout=20)  # the breaker lets a probe through
        h.services.workflow.audit.flush()
        events = h.store.audit_between("2000-01-01", "2100-01-01")
        assert [(e.kind, e.check_id) for e in events] == [
            ("check", outcome.record.id),
            ("incident_post", outcome.record.id),
        ]
    finally:
        h.close()


# --- §5 registry ---


def test_pr_section_sees_the_registry_and_confirms_a_report(
    bot: BotHarness, slack: FakeSlack
) -> None:
    assert text("registry.home.header") not in _texts(home(bot, "UHEAD1"))
    blocks = home(bot, "UKOHO")
    shown = _texts(blocks)
    assert text("registry.home.header") in shown
    assert "発信の目的(5(3)③)" in shown and text("registry.home.not_reported") in shown
    assert ("registry_report_confirm", "toon-x") in _buttons(blocks)
    # Only the PR section may confirm.
    assert home_click(bot, "registry_report_confirm", "toon-x", "UHEAD1") == 200
    slack.wait_for(lambda: bool(dm_texts(bot, "UHEAD1")))
    assert dm_texts(bot, "UHEAD1")[0] == text("registry.home.not_pr")
    assert home_click(bot, "registry_report_confirm", "toon-x", "UKOHO") == 200
    slack.wait_for(lambda: "policy_reported" in audit_kinds(bot))
    event = next(
        e
        for e in bot.store.audit_between("2000-01-01", "2100-01-01")
        if e.kind == "policy_reported"
    )
    assert (event.actor, event.account, event.detail) == ("UKOHO", "toon-x", "2027-02-01")
    blocks = home(bot, "UKOHO")
    assert ("registry_report_confirm", "toon-x") not in _buttons(blocks)
    assert ("registry_report_confirm", "toon-line") in _buttons(blocks)


# --- §7(1) corrections ---


def _correction_values(original: str, wrong: str, right: str, apology: str = "yes") -> Any:
    return {
        "correction_original": {"value": {"type": "plain_text_input", "value": original}},
        "correction_account": {
            "value": {"type": "static_select", "selected_option": {"value": "toon-x"}}
        },
        "correction_wrong": {"value": {"type": "plain_text_input", "value": wrong}},
        "correction_right": {"value": {"type": "plain_text_input", "value": right}},
        "correction_apology": {
            "value": {"type": "radio_buttons", "selected_option": {"value": apology}}
        },
    }


def test_correction_from_an_approved_post_keeps_the_link(bot: BotHarness, slack: FakeSlack) -> None:
    # An approved post: a reviewed draft, signed off by the head.
    reviewed = REVIEW_DRAFT
    shown = json.loads(check_form(bot, reviewed))
    check_id = next(v for a, v in _buttons(shown) if a == "request_signoff")
    assert bot.action("request_signoff", check_id, user="UDRAFT") == 200
    slack.wait_for(lambda: bool(bot.store.list_requests(requester="UDRAFT")))
    request = bot.store.list_requests(requester="UDRAFT")[0]
    assert bot.action("approve", f"{request.id}:1", user="UHEAD1") == 200
    slack.wait_for(lambda: "decision" in audit_kinds(bot))
    # Its drafter finds 「この投稿の訂正」 on the App Home tab; someone else may not use it.
    assert ("correction_open", request.id) in _buttons(home(bot, "UDRAFT"))
    assert ("correction_open", "") in _buttons(home(bot, "UKDRAFT"))  # pasted, for everyone
    assert home_click(bot, "correction_open", request.id, "UKDRAFT") == 200
    slack.wait_for(lambda: bool(dm_texts(bot, "UKDRAFT")))
    assert dm_texts(bot, "UKDRAFT")[0] == text("correction.problem.not_yours")
    assert home_click(bot, "correction_open", request.id, "UDRAFT") == 200
    form = next_form(bot, 0)
    assert form["private_metadata"] == request.id
    filled = {b["block_id"]: b["element"] for b in form["blocks"] if b["type"] == "input"}
    assert filled["correction_original"]["initial_value"] == reviewed
    assert filled["correction_account"]["initial_option"]["value"] == "toon-x"
    # A missing item is refused on the form.
    status, body = bot.submit(
        "correction_modal", _correction_values(reviewed, "", "x"), request.id, "UDRAFT"
    )
    assert json.loads(body)["errors"] == {
        "correction_wrong": text("correction.problem.wrong_required")
    }
    before = len(dm_texts(bot, "UDRAFT"))
    status, body = bot.submit(
        "correction_modal",
        _correction_values(reviewed, "連絡先", "市役所 総務課(089-964-4400)へご連絡ください"),
        request.id,
        "UDRAFT",
    )
    assert status == 200 and "errors" not in body
    slack.wait_for(lambda: len(dm_texts(bot, "UDRAFT")) > before)
    dm = next(
        c
        for c in slack.of("chat.postMessage")
        if c.params["text"] == text("correction.done.created")
    )
    assert text("bot.verdict_ok").split("。")[0] in json.dumps(
        dm.params["blocks"], ensure_ascii=False
    )
    correction = next(
        e for e in bot.store.audit_between("2000-01-01", "2100-01-01") if e.kind == "correction"
    )
    assert correction.request_id == request.id and correction.actor == "UDRAFT"
    got = bot.store.get_check(correction.check_id)
    assert got is not None and got[1] is not None
    assert got[1].startswith("【訂正とおわび】") and "(正)市役所 総務課(089-964-4400)" in got[1]
    assert got[1].endswith(text("correction.template.apology"))
    link = correction_link(bot.services.workflow, correction.check_id)
    assert link is not None and link["request_id"] == request.id


def test_pasted_correction_in_incident_mode_needs_sign_off(
    bot: BotHarness, slack: FakeSlack
) -> None:
    start_incident(bot, "UKOHO")
    status, body = bot.submit(
        "correction_modal",
        _correction_values("防災訓練は10時からです。", "10時", "13時", apology="no"),
        "",
        "UDRAFT",
    )
    assert status == 200 and "errors" not in body
    slack.wait_for(lambda: bool(dm_texts(bot, "UDRAFT")))
    dm = next(
        c
        for c in slack.of("chat.postMessage")
        if c.params["text"] == text("correction.done.created")
    )
    shown = json.dumps(dm.params["blocks"], ensure_ascii=False)
    assert "TRB001" in shown and "request_signoff" in shown
    kinds = audit_kinds(bot)
    assert "correction" in kinds and "incident_post" in kinds


# --- §7(3) impersonation ---


def _updates(slack: FakeSlack) -> list[str]:
    return [json.dumps(c.params["blocks"], ensure_ascii=False) for c in slack.of("chat.update")]


def test_impersonation_checklist_until_every_step_is_settled(
    bot: BotHarness, slack: FakeSlack
) -> None:
    assert ("imp_open", "") in _buttons(home(bot, "UKDRAFT"))  # anyone may report
    assert home_click(bot, "imp_open", "", "UKDRAFT") == 200
    form = next_form(bot, 0)
    assert form["callback_id"] == "imp_report_modal"

    def values(url: str) -> Any:
        return {
            "imp_account": {
                "value": {"type": "static_select", "selected_option": {"value": "toon-x"}}
            },
            "imp_url": {"value": {"type": "plain_text_input", "value": url}},
        }

    _, body = bot.submit("imp_report_modal", values("x.com/toon_c1ty"), "", "UKDRAFT")
    assert json.loads(body)["errors"] == {"imp_url": text("impersonation.problem.bad_url")}
    status, body = bot.submit("imp_report_modal", values("https://x.com/toon_c1ty"), "", "UKDRAFT")
    assert status == 200 and "errors" not in body
    slack.wait_for(lambda: len(slack.of("chat.postMessage")) >= 2)
    checklist = next(c for c in slack.of("chat.postMessage") if c.params["channel"] == "CKOHO")
    shown = json.dumps(checklist.params["blocks"], ensure_ascii=False)
    assert "https://x.com/toon_c1ty" in shown
    assert "https://help.x.com/ja/forms/authenticity/impersonation" in shown  # from data
    assert any(c.params["channel"] == "UKDRAFT" for c in slack.of("chat.postMessage"))
    buttons = _buttons(checklist.params["blocks"])
    case_id = next(v for a, v in buttons if a == "imp_notice")
    # Where the checklist was posted is kept, to update both copies after each step.
    slack.wait_for(
        lambda: (
            len(
                json.loads(bot.store.get_value(f"impersonation:{case_id}") or "{}").get(
                    "messages", []
                )
            )
            == 2
        )
    )
    # The website notice is drafted and checked.
    assert bot.action("imp_notice", case_id, user="UKOHO", channel="CKOHO") == 200
    slack.wait_for(lambda: bool(slack.of("response_url")))
    notice = json.dumps(slack.of("response_url")[-1].params["blocks"], ensure_ascii=False)
    assert "なりすましたアカウント(https://x.com/toon_c1ty)" in notice
    # Someone unrelated may not tick a step.
    assert bot.action("imp_done", f"{case_id}|platform_report", "UDRAFT", "CKOHO") == 200
    slack.wait_for(lambda: bool(slack.of("chat.postEphemeral")))
    assert slack.of("chat.postEphemeral")[-1].params["text"] == text(
        "impersonation.problem.not_allowed"
    )
    assert bot.action("imp_done", f"{case_id}|platform_report", "UKOHO", "CKOHO") == 200
    slack.wait_for(lambda: len(slack.of("chat.update")) >= 2)  # both copies of the checklist
    assert "完了(<@UKOHO>" in _updates(slack)[-1]
    # Skipping needs a reason.
    assert bot.action("imp_skip", f"{case_id}|press", "UKDRAFT", "CKOHO") == 200
    slack.wait_for(lambda: len(slack.of("views.open")) >= 2)
    meta = slack.of("views.open")[-1].params["view"]["private_metadata"]
    empty = {"imp_reason": {"value": {"type": "plain_text_input", "value": " "}}}
    _, body = bot.submit("imp_skip_modal", empty, meta, "UKDRAFT")
    assert json.loads(body)["errors"] == {
        "imp_reason": text("impersonation.problem.reason_required")
    }
    why = {
        "imp_reason": {
            "value": {"type": "plain_text_input", "value": "フォロワーが少なく周知で足りる"}
        }
    }
    status, body = bot.submit("imp_skip_modal", why, meta, "UKDRAFT")
    assert status == 200 and "errors" not in body
    slack.wait_for(lambda: "フォロワーが少なく" in _updates(slack)[-1])
    # The PR section sees the open case; reminders go out each working day until it is done.
    assert "Webサイトで周知" in _texts(home(bot, "UKOHO"))
    scheduler = Scheduler(bot.services)
    bot.now = bot.now.replace(day=2, hour=9, minute=5)
    scheduler.tick(bot.now)
    bot.now = bot.now.replace(hour=10)
    assert not [k for k in scheduler.tick(bot.now) if k.startswith("impersonation:")]
    reminders = [c for c in slack.of("chat.postMessage") if "未完了の手順" in c.params["text"]]
    assert {c.params["channel"] for c in reminders} == {"CKOHO", "UKDRAFT"}
    assert "Webサイトで周知" in reminders[0].params["text"]
    assert bot.action("imp_done", f"{case_id}|website_notice", "UKOHO", "CKOHO") == 200
    slack.wait_for(lambda: text("impersonation.case.closed") in _updates(slack)[-1])
    bot.now = bot.now.replace(day=3, hour=9, minute=5)
    assert not [k for k in scheduler.tick(bot.now) if k.startswith("impersonation:")]
    details = [e.detail for e in bot.store.audit_between("2000-01-01", "2100-01-01")]
    assert f"{case_id} https://x.com/toon_c1ty" in details
    assert f"{case_id} platform_report done" in details
    assert f"{case_id} press skipped: フォロワーが少なく周知で足りる" in details
    assert f"{case_id} website_notice done" in details


# --- §7(2) violating comments ---


def test_removed_comment_is_recorded_without_the_comment(bot: BotHarness, slack: FakeSlack) -> None:
    assert ("comment_open", "") in _buttons(home(bot, "UDRAFT"))
    assert home_click(bot, "comment_open", "", "UDRAFT") == 200
    form = next_form(bot, 0)
    rules = {b["block_id"]: b["element"] for b in form["blocks"]}["cm_rule"]["options"]
    assert [o["value"] for o in rules][:2] == ["slander", "personal_info"]
    found = int(bot.now.timestamp()) - 3600

    def values(rule: str, note: str) -> Any:
        return {
            "cm_account": {
                "value": {"type": "static_select", "selected_option": {"value": "toon-x"}}
            },
            "cm_rule": {"value": {"type": "static_select", "selected_option": {"value": rule}}},
            "cm_action": {"value": {"type": "radio_buttons", "selected_option": {"value": "hide"}}},
            "cm_found": {"value": {"type": "datetimepicker", "selected_date_time": found}},
            "cm_note": {"value": {"type": "plain_text_input", "value": note}},
        }

    _, body = bot.submit("comment_modal", values("gossip", ""), "", "UDRAFT")
    assert json.loads(body)["errors"] == {"cm_rule": text("comments.problem.unknown_rule")}
    _, body = bot.submit("comment_modal", values("slander", "あ" * 201), "", "UDRAFT")
    assert json.loads(body)["errors"] == {"cm_note": text("comments.problem.note_too_long")}
    status, body = bot.submit("comment_modal", values("slander", "同じ内容を3回"), "", "UDRAFT")
    assert status == 200 and "errors" not in body
    slack.wait_for(lambda: bool(dm_texts(bot, "UDRAFT")))
    assert "2027-02-01 09:00" in dm_texts(bot, "UDRAFT")[0]
    (event,) = [
        e
        for e in bot.store.audit_between("2000-01-01", "2100-01-01")
        if e.kind == "comment_removed"
    ]
    assert (event.actor, event.account) == ("UDRAFT", "toon-x")
    assert (
        event.detail
        == "rule=slander; action=hide; found=2027-02-01T09:00+09:00; note=同じ内容を3回"
    )


# --- §5(2) registering a new account ---


def test_head_registers_an_account_and_the_pr_section_confirms(
    bot: BotHarness, slack: FakeSlack, tmp_path: Path
) -> None:
    assert ("registration_open", "") not in _buttons(home(bot, "UDRAFT"))  # heads only
    assert home_click(bot, "registration_open", "", "UHEAD1") == 200
    form = next_form(bot, 0)
    inputs = {b["block_id"]: b["element"] for b in form["blocks"] if b["type"] == "input"}
    assert [o["value"] for o in inputs["reg_department"]["options"]] == ["soumu"]

    def values(account_id: str, url: str) -> Any:
        def plain(v: str) -> Any:
            return {"value": {"type": "plain_text_input", "value": v}}

        def pick(v: str) -> Any:
            return {"value": {"type": "static_select", "selected_option": {"value": v}}}

        return {
            "reg_id": plain(account_id),
            "reg_platform": pick("instagram"),
            "reg_name": plain("とうおん観光"),
            "reg_url": plain(url),
            "reg_operator": plain('総務課 "観光" 係'),
            "reg_department": pick("soumu"),
            "reg_hours": plain("08:30-17:15"),
            "reg_operator_user": {"value": {"type": "users_select", "selected_user": "UDRAFT"}},
            "reg_purpose": plain("観光情報の発信"),
            "reg_disclaimer": plain(
                "掲載情報の利用により生じた損害について、市は責任を負いません。"
            ),
        }

    _, body = bot.submit(
        "registration_modal", values("Toon Kanko", "https://i.com/x"), "", "UHEAD1"
    )
    assert json.loads(body)["errors"] == {"reg_id": text("registry.register.problem.bad_id")}
    _, body = bot.submit("registration_modal", values("toon-x", "https://i.com/x"), "", "UHEAD1")
    assert json.loads(body)["errors"] == {"reg_id": text("registry.register.problem.taken")}
    _, body = bot.submit("registration_modal", values("toon-kanko", "i.com/x"), "", "UHEAD1")
    assert json.loads(body)["errors"] == {"reg_url": text("registry.register.problem.bad_url")}
    _, body = bot.submit(
        "registration_modal",
        values("toon-kanko", "https://www.instagram.com/toon_kanko"),
        "",
        "UDRAFT",
    )
    assert json.loads(body)["errors"] == {
        "reg_department": text("registry.register.problem.not_head")
    }
    status, body = bot.submit(
        "registration_modal",
        values("toon-kanko", "https://www.instagram.com/toon_kanko"),
        "",
        "UHEAD1",
    )
    assert status == 200 and "errors" not in body
    slack.wait_for(
        lambda: any(c.params["channel"] == "CKOHO" for c in slack.of("chat.postMessage"))
    )
    to_pr = next(c for c in slack.of("chat.postMessage") if c.params["channel"] == "CKOHO")
    assert "toon-kanko" in to_pr.params["text"] and "発信する内容" in to_pr.params["text"]
    # The PR section confirms from its App Home tab, once; a head may not.
    assert ("registration_confirm", "toon-kanko") in _buttons(home(bot, "UKOHO"))
    assert home_click(bot, "registration_confirm", "toon-kanko", "UHEAD1") == 200
    slack.wait_for(lambda: text("registry.register.problem.not_pr") in dm_texts(bot, "UHEAD1"))
    assert home_click(bot, "registration_confirm", "toon-kanko", "UKOHO") == 200
    slack.wait_for(lambda: "account_confirmed" in audit_kinds(bot))
    assert home_click(bot, "registration_confirm", "toon-kanko", "UKOHO") == 200
    slack.wait_for(lambda: text("registry.register.problem.already") in dm_texts(bot, "UKOHO"))
    assert audit_kinds(bot).count("account_confirmed") == 1
    assert "account_registered" in audit_kinds(bot)
    snippet_msg = next(t for t in dm_texts(bot, "UHEAD1") if "```" in t)
    snippet = snippet_msg.split("```")[1]
    # The entry the head is given loads as it is, and the registry shows the report date.
    cfg = tmp_path / "grown.toml"
    cfg.write_text(CONFIG + REGISTRY + snippet, encoding="utf-8")
    grown = load_bot_config(cfg)
    assert grown.accounts["toon-kanko"].url == "https://www.instagram.com/toon_kanko"
    assert grown.city.accounts["toon-kanko"].operator == '総務課 "観光" 係'
    status_of = {st.account: st for st in account_statuses(grown, bot.store)}
    kanko = status_of["toon-kanko"]
    assert str(kanko.report.reported_on) == "2027-02-01"
    assert "purpose" not in kanko.missing and "content" in kanko.missing


def test_two_people_starting_incident_mode_at_once_start_it_once(
    bot: BotHarness, slack: FakeSlack
) -> None:
    values = {"incident_reason": {"value": {"type": "plain_text_input", "value": "批判が集中"}}}
    results: list[int] = []

    def submit(user: str) -> None:
        results.append(bot.submit("incident_start_modal", values, "toon-x", user)[0])

    threads = [threading.Thread(target=submit, args=(u,)) for u in ("UKOHO", "UHEAD1", "UHEAD2")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [200, 200, 200]
    assert audit_kinds(bot).count("incident_start") == 1
    slack.wait_for(
        lambda: any(c.params["channel"] == "CKOHO" for c in slack.of("chat.postMessage"))
    )
    notices = [c for c in slack.of("chat.postMessage") if c.params["channel"] == "CKOHO"]
    assert len(notices) == 1


def test_store_outage_refuses_clearly_and_loses_nothing(
    tmp_path: Path, slack: FakeSlack, redis_server: RedisServer
) -> None:
    h = _bot_on_redis(tmp_path, slack, redis_server)
    values = {"incident_reason": {"value": {"type": "plain_text_input", "value": "批判が集中"}}}
    try:
        redis_server.stop()
        try:
            # Switching needs the store: a clear refusal on the form, nothing half-done.
            _, body = h.submit("incident_start_modal", values, "toon-x", "UKOHO")
            assert json.loads(body)["errors"] == {
                "incident_reason": text("incident.problem.store_down")
            }
            # A correction is still drafted and checked; its record waits in the spool.
            status, body = h.submit(
                "correction_modal",
                _correction_values("防災訓練は10時からです。", "10時", "13時"),
                "",
                "UDRAFT",
            )
            assert status == 200 and "errors" not in body
            slack.wait_for(lambda: bool(dm_texts(h, "UDRAFT")))
            assert h.services.workflow.audit.spooled() == 2  # the check and the correction
        finally:
            redis_server.start()
        slack.wait_for(lambda: h.store.health().ok, timeout=20)  # the breaker lets a probe through
        h.services.workflow.audit.flush()
        kinds = [e.kind for e in h.store.audit_between("2000-01-01", "2100-01-01")]
        assert kinds == ["check", "correction"]
        assert not [k for k in kinds if k.startswith("incident")]
    finally:
        h.close()


def test_slack_failing_the_incident_notice_queues_it(bot: BotHarness, slack: FakeSlack) -> None:
    # soumu has no channel: the notice goes to its two heads and the PR channel; the first
    # post fails on every try and waits in the outbox; the mode is on regardless.
    slack.fail("chat.postMessage", Failure(status=500, times=3))
    start_incident(bot, "UKOHO")
    slack.wait_for(lambda: len(slack.of("chat.postMessage")) >= 5)  # 3 tries, then 2 posts
    assert bot.services.notifier.wait_idle()  # the worker gave up after Slack's 500s
    assert len(bot.store.outbox_items()) == 1
    assert bot.services.workflow.incident("toon-x") is not None
    assert "incident_start" in audit_kinds(bot)
    assert bot.services.notifier.retry_outbox() == 1

    def notified() -> set[str]:
        return {
            c.params["channel"]
            for c in slack.of("chat.postMessage")
            if "炎上対応モードにしました" in c.params["text"]
        }

    slack.wait_for(lambda: notified() == {"UHEAD1", "UHEAD2", "CKOHO"})
