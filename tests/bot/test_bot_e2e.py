"""End to end: the real Bolt app over HTTP, signed requests, a fake Slack Web API."""

from __future__ import annotations

import json
import re
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from bot.models import RequestState
from bot.store import SQLiteStore
from bot.store.redis import RedisStore
from messages import text
from tests.bot.conftest import RedisServer
from tests.bot.fake_slack import Failure, FakeSlack
from tests.bot.harness import BLOCK_DRAFT, REVIEW_DRAFT, BotHarness, sign


def _button(blocks: list[dict[str, Any]], action_id: str) -> dict[str, Any]:
    for b in blocks:
        for el in b.get("elements", []) + ([b["accessory"]] if "accessory" in b else []):
            if el.get("action_id") == action_id:
                return dict(el)
    raise AssertionError(f"no {action_id} button in {json.dumps(blocks, ensure_ascii=False)[:500]}")


def _state(bot: BotHarness, request_id: str) -> RequestState | None:
    req = bot.store.get_request(request_id)
    return req.state if req else None


def _texts(blocks: list[dict[str, Any]]) -> str:
    out = []
    for b in blocks:
        if "text" in b and isinstance(b["text"], dict):
            out.append(b["text"]["text"])
        for el in b.get("elements", []):
            if isinstance(el.get("text"), str):
                out.append(el["text"])
    return "\n".join(out)


def _request(bot: BotHarness, draft: str = REVIEW_DRAFT, user: str = "UDRAFT") -> str:
    """Check a draft and ask for sign-off; returns the request id."""
    status, body = bot.slash(draft, user=user)
    assert status == 200
    check_id = _button(body["blocks"], "request_signoff")["value"]
    assert bot.action("request_signoff", check_id, user=user) == 200
    bot.slack.wait_for(lambda: len(bot.store.list_requests(requester=user)) == 1)
    req = bot.store.list_requests(requester=user)[0]
    bot.slack.wait_for(lambda: len((bot.store.get_request(req.id) or req).messages) >= 1)
    return req.id


# --- signatures ---


def test_forged_and_replayed_requests_get_401(bot: BotHarness, slack: FakeSlack) -> None:
    fields = {
        "command": "/check",
        "text": REVIEW_DRAFT,
        "user_id": "UDRAFT",
        "channel_id": "C1",
        "team_id": "T1",
        "trigger_id": "t",
        "response_url": slack.response_url(),
    }
    assert bot.form(fields, secret="not-the-secret")[0] == 401
    assert bot.form(fields, ts=int(time.time()) - 600)[0] == 401  # replayed after 10 minutes
    assert bot.form(fields)[0] == 200
    assert bot.services.notifier.wait_idle()  # the check runs after the acknowledgement
    assert bot.store.recent_checks("UDRAFT") and len(bot.store.recent_checks("UDRAFT")) == 1


# --- /check ---


def test_check_answers_in_the_ack_grouped_by_clause(bot: BotHarness) -> None:
    status, body = bot.slash(REVIEW_DRAFT)
    assert status == 200
    shown = _texts(body["blocks"])
    assert text("bot.verdict_review") in shown
    assert "090-6612-3378" in shown and "PII003" in shown
    assert _button(body["blocks"], "show_clause")["value"] == "§3(3), §6(2)③"
    _button(body["blocks"], "request_signoff")


def test_check_help_and_empty_draft(bot: BotHarness, slack: FakeSlack) -> None:
    _, body = bot.slash("help")
    assert "/check" in (body.get("text") or body.get("raw", ""))
    status, _ = bot.slash("")
    assert status == 200
    slack.wait_for(lambda: bool(slack.of("views.open")))
    assert slack.of("views.open")[0].params["view"]["callback_id"] == "check_modal"


def test_clause_text_on_demand(bot: BotHarness, slack: FakeSlack) -> None:
    bot.action("show_clause", "§3(6)④", user="UDRAFT")
    slack.wait_for(lambda: bool(slack.of("response_url")))
    assert "事実に反する情報" in slack.of("response_url")[0].params["text"]


def test_modal_submission_checks_with_the_form_answers(bot: BotHarness, slack: FakeSlack) -> None:
    saturday_night = int(datetime.fromisoformat("2027-02-06T21:00:00+09:00").timestamp())
    values: dict[str, dict[str, Any]] = {
        "draft": {"value": {"type": "plain_text_input", "value": "冬まつりの様子です。"}},
        "account": {"value": {"type": "static_select", "selected_option": {"value": "toon-x"}}},
        "posted_at": {"value": {"type": "datetimepicker", "selected_date_time": saturday_night}},
        "people": {"value": {"type": "radio_buttons", "selected_option": {"value": "no_consent"}}},
        "alt": {"value": {"type": "radio_buttons", "selected_option": {"value": "yes"}}},
    }
    status, _ = bot.submit("check_modal", values, "CGENERAL", user="UDRAFT")
    assert status == 200
    slack.wait_for(lambda: bool(slack.of("chat.postEphemeral")))
    shown = _texts(slack.of("chat.postEphemeral")[0].params["blocks"])
    assert "RGT002" in shown and "HRS001" in shown


def test_modal_with_empty_draft_shows_an_error(bot: BotHarness) -> None:
    values = {"draft": {"value": {"type": "plain_text_input", "value": "  "}}}
    status, body = bot.submit("check_modal", values, "CGENERAL", user="UDRAFT")
    assert status == 200
    answer = json.loads(body)
    assert answer["response_action"] == "errors"
    assert "下書きが空です" in answer["errors"]["draft"]


# --- sign-off ---


def test_request_approve_notifies_everyone_once(bot: BotHarness, slack: FakeSlack) -> None:
    request_id = _request(bot)
    dms = [c for c in slack.of("chat.postMessage") if c.params["channel"] in ("UHEAD1", "UHEAD2")]
    assert len(dms) == 2
    _button(dms[0].params["blocks"], "approve")
    assert REVIEW_DRAFT in _texts(dms[0].params["blocks"])
    slack.wait_for(
        lambda: any(
            "確認を依頼しました" in c.params.get("text", "") for c in slack.of("response_url")
        )
    )

    assert bot.action("approve", f"{request_id}:1", user="UHEAD1") == 200
    slack.wait_for(lambda: len(slack.of("chat.update")) == 2)
    for update in slack.of("chat.update"):
        shown = _texts(update.params["blocks"])
        assert "<@UHEAD1>" in shown and "承認しました" in shown
        assert not any(b.get("type") == "actions" for b in update.params["blocks"])
    slack.wait_for(
        lambda: any(c.params["channel"] == "UDRAFT" for c in slack.of("chat.postMessage"))
    )
    final = bot.store.get_request(request_id)
    assert (
        final is not None and final.state == RequestState.APPROVED and final.decided_by == "UHEAD1"
    )
    kinds = [
        e.kind
        for e in bot.store.audit_between("2000-01-01T00:00:00+09:00", "2100-01-01T00:00:00+09:00")
    ]
    assert kinds == ["check", "request", "decision"]


def test_reject_asks_for_a_reason_and_tells_the_drafter(bot: BotHarness, slack: FakeSlack) -> None:
    request_id = _request(bot)
    bot.action("reject", f"{request_id}:1", user="UHEAD2")
    slack.wait_for(lambda: bool(slack.of("views.open")))
    view = slack.of("views.open")[-1].params["view"]
    assert view["callback_id"] == "reject_modal"
    empty = {"reason": {"value": {"type": "plain_text_input", "value": ""}}}
    status, body = bot.submit("reject_modal", empty, view["private_metadata"], user="UHEAD2")
    assert json.loads(body)["response_action"] == "errors"
    reason = {
        "reason": {
            "value": {
                "type": "plain_text_input",
                "value": "飼い主の連絡先は危機管理課にしてください",
            }
        }
    }
    status, body = bot.submit("reject_modal", reason, view["private_metadata"], user="UHEAD2")
    assert status == 200 and not body.strip()
    slack.wait_for(
        lambda: any(c.params["channel"] == "UDRAFT" for c in slack.of("chat.postMessage"))
    )
    note = next(c for c in slack.of("chat.postMessage") if c.params["channel"] == "UDRAFT")
    assert "危機管理課にしてください" in note.params["text"]


def test_only_a_configured_head_may_decide(bot: BotHarness, slack: FakeSlack) -> None:
    request_id = _request(bot)
    bot.action("approve", f"{request_id}:1", user="USOMEONE")
    slack.wait_for(lambda: bool(slack.of("chat.postEphemeral")))
    refusal = slack.of("chat.postEphemeral")[0].params
    assert refusal["user"] == "USOMEONE"
    assert refusal["text"] == text("bot.problem.not_a_head")
    assert _state(bot, request_id) == RequestState.PENDING


def test_a_head_never_approves_their_own_draft(bot: BotHarness, slack: FakeSlack) -> None:
    request_id = _request(bot, user="UHEAD2")
    bot.action("approve", f"{request_id}:1", user="UHEAD2")
    slack.wait_for(lambda: bool(slack.of("chat.postEphemeral")))
    assert slack.of("chat.postEphemeral")[0].params["text"] == text("bot.problem.own_draft")
    bot.action("approve", f"{request_id}:1", user="UHEAD1")
    slack.wait_for(lambda: _state(bot, request_id) == RequestState.APPROVED)


def test_double_clicks_and_racing_heads_decide_once(bot: BotHarness, slack: FakeSlack) -> None:
    request_id = _request(bot)
    clicks = [
        ("UHEAD1", "approve"),
        ("UHEAD1", "approve"),
        ("UHEAD2", "approve"),
        ("UHEAD2", "approve"),
    ]
    barrier = threading.Barrier(len(clicks))

    def click(user: str, action: str) -> None:
        barrier.wait()
        bot.action(action, f"{request_id}:1", user=user)

    threads = [threading.Thread(target=click, args=c) for c in clicks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    slack.wait_for(lambda: len(slack.of("chat.postEphemeral")) == 3)
    time.sleep(0.3)
    to_drafter = [c for c in slack.of("chat.postMessage") if c.params["channel"] == "UDRAFT"]
    assert len(to_drafter) == 1
    decisions = [
        e
        for e in bot.store.audit_between("2000-01-01T00:00:00+09:00", "2100-01-01T00:00:00+09:00")
        if e.kind == "decision"
    ]
    assert len(decisions) == 1
    assert all("すでに" in c.params["text"] for c in slack.of("chat.postEphemeral"))


def test_reason_submitted_after_the_request_was_decided(bot: BotHarness, slack: FakeSlack) -> None:
    request_id = _request(bot)
    bot.action("reject", f"{request_id}:1", user="UHEAD2")
    slack.wait_for(lambda: bool(slack.of("views.open")))
    metadata = slack.of("views.open")[-1].params["view"]["private_metadata"]
    bot.action("approve", f"{request_id}:1", user="UHEAD1")
    slack.wait_for(lambda: _state(bot, request_id) == RequestState.APPROVED)
    reason = {"reason": {"value": {"type": "plain_text_input", "value": "修正してください"}}}
    _, body = bot.submit("reject_modal", reason, metadata, user="UHEAD2")
    answer = json.loads(body)
    assert answer["response_action"] == "errors"
    assert "UHEAD1" in answer["errors"]["reason"] and "承認" in answer["errors"]["reason"]


def test_blocked_draft_needs_a_written_reason_to_go_to_the_head(
    bot: BotHarness, slack: FakeSlack
) -> None:
    _, body = bot.slash(BLOCK_DRAFT)
    check_id = _button(body["blocks"], "request_override")["value"]
    with pytest.raises(AssertionError):
        _button(body["blocks"], "request_signoff")
    bot.action("request_override", check_id, user="UDRAFT")
    slack.wait_for(lambda: bool(slack.of("views.open")))
    metadata = slack.of("views.open")[-1].params["view"]["private_metadata"]
    _, answer = bot.submit(
        "override_modal", {"reason": {"value": {"value": ""}}}, metadata, "UDRAFT"
    )
    assert json.loads(answer)["response_action"] == "errors"
    status, _ = bot.submit(
        "override_modal",
        {"reason": {"value": {"value": "式典の案内状と同じ表記のため"}}},
        metadata,
        "UDRAFT",
    )
    assert status == 200
    slack.wait_for(
        lambda: any(c.params["channel"] == "UHEAD1" for c in slack.of("chat.postMessage"))
    )
    dm = next(c for c in slack.of("chat.postMessage") if c.params["channel"] == "UHEAD1")
    assert "式典の案内状と同じ表記のため" in _texts(dm.params["blocks"])


def test_requests_go_to_the_approvals_channel_when_configured(
    bot: BotHarness, slack: FakeSlack
) -> None:
    _request(bot, user="UKDRAFT")
    assert [c.params["channel"] for c in slack.of("chat.postMessage")] == ["CAPPROVE"]


# --- events ---


def test_draft_channel_message_is_checked_once_despite_retries(
    bot: BotHarness, slack: FakeSlack
) -> None:
    event = {
        "type": "message",
        "channel": "CDRAFTS",
        "user": "UDRAFT",
        "text": REVIEW_DRAFT,
        "ts": "1700000000.000100",
        "channel_type": "channel",
    }
    assert bot.event(event, "Ev0001") == 200
    assert bot.event(event, "Ev0001", retry_num=1) == 200
    assert bot.event(event, "Ev0001", retry_num=2) == 200
    slack.wait_for(lambda: bool(slack.of("chat.postMessage")))
    time.sleep(0.5)
    posts = slack.of("chat.postMessage")
    assert len(posts) == 1 and posts[0].params["thread_ts"] == "1700000000.000100"
    other = dict(event, channel="COTHER")
    bot.event(other, "Ev0002")
    time.sleep(0.3)
    assert len(slack.of("chat.postMessage")) == 1


def test_home_tab_shows_what_waits_for_a_head(bot: BotHarness, slack: FakeSlack) -> None:
    _request(bot)
    bot.event(
        {"type": "app_home_opened", "user": "UHEAD1", "channel": "D1", "tab": "home"}, "Ev0100"
    )
    slack.wait_for(lambda: bool(slack.of("views.publish")))
    view = slack.of("views.publish")[0].params["view"]
    assert view["type"] == "home"
    _button(view["blocks"], "approve")


# --- Slack failures ---


def test_rate_limited_post_is_retried_after_retry_after(bot: BotHarness, slack: FakeSlack) -> None:
    slack.fail("chat.postMessage", Failure(status=429, retry_after=1))
    started = time.monotonic()
    request_id = _request(bot)
    assert time.monotonic() - started >= 1.0
    req = bot.store.get_request(request_id)
    assert req is not None and len(req.messages) == 2  # both heads got it in the end
    assert bot.store.outbox_items() == []


def test_slack_500_keeps_the_decision_and_queues_the_message(
    bot: BotHarness, slack: FakeSlack
) -> None:
    request_id = _request(bot)
    slack.fail("chat.postMessage", Failure(status=500, times=3))  # first try + 2 retries
    bot.action("approve", f"{request_id}:1", user="UHEAD1")
    assert bot.services.notifier.wait_idle()  # the worker gave up after Slack's 500s
    assert len(bot.store.outbox_items()) == 1
    assert _state(bot, request_id) == RequestState.APPROVED
    assert bot.services.notifier.retry_outbox() == 1
    assert bot.store.outbox_items() == []
    delivered = [c for c in slack.of("chat.postMessage") if c.params["channel"] == "UDRAFT"]
    assert len(delivered) == 4 and "承認しました" in delivered[-1].params["text"]


def test_many_findings_stay_within_block_kit_limits(bot: BotHarness) -> None:
    draft = "\n".join(
        f"{i}月{i + 20}日(月)に①の会場で090-1234-{1000 + i}の大西さんへ。" for i in range(1, 1500)
    )
    _, body = bot.slash(draft)
    blocks = body["blocks"]
    assert len(blocks) <= 50
    for b in blocks:
        if b.get("type") == "section":
            assert len(b["text"]["text"]) <= 3000
    # Every finding is shown (one code's spans together) or announced: none silently dropped.
    shown = _texts(blocks)
    total = int(re.search(r"指摘 (\d+) 件", shown).group(1))  # type: ignore[union-attr]
    pieces = re.findall(r"\* `[A-Z]+\d+`\n> (.*)", shown)
    counted = sum(int(m.group(1)) if (m := re.search(r"\((\d+)か所\)$", p)) else 1 for p in pieces)
    more = re.search(r"ほかに(\d+)件", shown)
    assert counted + (int(more.group(1)) if more else 0) == total


def test_healthz(bot: BotHarness) -> None:
    status, body = bot.get("/healthz")
    report = json.loads(body)
    assert status == 200 and report["ok"] is True
    assert set(report["parts"]) == {"slack", "store", "scheduler", "outbox"}


# --- Redis outage ---


def test_redis_outage_loses_nothing(
    tmp_path: Path, slack: FakeSlack, redis_server: RedisServer
) -> None:
    redis_server.flush()
    bot = BotHarness(tmp_path, RedisStore.from_url(redis_server.url, cooldown=0.1), slack)
    try:
        request_id = _request(bot)
        redis_server.stop()
        status, body = bot.slash("お知らせです。")
        assert status == 200 and text("bot.verdict_ok") in _texts(body["blocks"])
        assert bot.services.workflow.audit.spooled() == 1
        assert bot.get("/healthz")[0] == 503
        bot.action("approve", f"{request_id}:1", user="UHEAD1")
        slack.wait_for(lambda: bool(slack.of("chat.postEphemeral")))
        assert slack.of("chat.postEphemeral")[0].params["text"] == text("bot.problem.store_down")
    finally:
        redis_server.start()
    # Redis keeps no data across the restart in this test (no persistence): what matters is
    # that the spooled audit event reaches the store when it is back.
    slack.wait_for(lambda: bot.store.health().ok)  # the breaker lets a probe through
    assert bot.services.workflow.audit.flush() == 1
    events = bot.store.audit_between("2000-01-01T00:00:00+09:00", "2100-01-01T00:00:00+09:00")
    assert [e.kind for e in events] == ["check"]
    bot.close()


def test_edited_draft_is_a_new_version_and_heads_decide_on_what_they_saw(
    bot: BotHarness, slack: FakeSlack
) -> None:
    v1 = _request(bot)
    slack.wait_for(
        lambda: any(
            "blocks" in c.params and c.target.startswith("act") for c in slack.of("response_url")
        )
    )
    done = next(
        c for c in slack.of("response_url") if "blocks" in c.params and c.target.startswith("act")
    )
    bot.action(
        "revise_draft", _button(done.params["blocks"], "revise_draft")["value"], user="UDRAFT"
    )
    slack.wait_for(lambda: bool(slack.of("views.open")))
    view = slack.of("views.open")[-1].params["view"]
    assert view["blocks"][0]["element"]["initial_value"] == REVIEW_DRAFT
    edited = REVIEW_DRAFT.replace("090-6612-3378", "080-1111-2222")
    values = {"draft": {"value": {"type": "plain_text_input", "value": edited}}}
    bot.submit("check_modal", values, view["private_metadata"], user="UDRAFT")
    slack.wait_for(lambda: bool(slack.of("chat.postEphemeral")))
    report = slack.of("chat.postEphemeral")[-1].params["blocks"]
    bot.action("request_signoff", _button(report, "request_signoff")["value"], user="UDRAFT")
    slack.wait_for(lambda: len(bot.store.list_requests(requester="UDRAFT")) == 2)
    v2 = next(r for r in bot.store.list_requests(requester="UDRAFT") if r.id != v1)
    assert v2.version == 2 and v2.text == edited
    assert _state(bot, v1) == RequestState.SUPERSEDED
    slack.wait_for(
        lambda: any("第2版" in _texts(c.params["blocks"]) for c in slack.of("chat.update"))
    )
    bot.action("approve", f"{v1}:1", user="UHEAD1")
    slack.wait_for(lambda: bool(slack.of("chat.postEphemeral")[1:]))
    assert slack.of("chat.postEphemeral")[-1].params["text"] == text("bot.problem.superseded")
    bot.action("approve", f"{v2.id}:2", user="UHEAD1")
    slack.wait_for(lambda: _state(bot, v2.id) == RequestState.APPROVED)


def test_check_outside_operating_hours_says_so_first(tmp_path: Path, slack: FakeSlack) -> None:
    saturday = datetime.fromisoformat("2027-02-06T10:00:00+09:00")
    h = BotHarness(tmp_path, SQLiteStore(tmp_path / "o.sqlite3"), slack, now=saturday)
    try:
        _, body = h.slash("お知らせです。")
        first = body["blocks"][0]["text"]["text"]
        assert first == text(
            "bot.outside_hours", account=text("hours.default_account"), hours="08:30～17:15"
        )
    finally:
        h.close()


def test_password_changed_button_records_date_and_who(bot: BotHarness, slack: FakeSlack) -> None:
    assert bot.action("password_changed", "toon-x", user="UOPER") == 200
    slack.wait_for(lambda: bool(slack.of("response_url")))
    assert "2027年2月1日" in slack.of("response_url")[0].params["text"]
    stored = json.loads(bot.store.get_value("password:toon-x") or "{}")
    assert stored == {"date": "2027-02-01", "by": "UOPER"}
    events = bot.store.audit_between("2000-01-01T00:00:00+09:00", "2100-01-01T00:00:00+09:00")
    assert [(e.kind, e.actor, e.account) for e in events] == [
        ("password_changed", "UOPER", "toon-x")
    ]


def test_heads_from_a_user_group_may_decide(bot: BotHarness, slack: FakeSlack) -> None:
    slack.group_members["SKIKIHEADS"] = ["UGROUPHEAD"]
    request_id = _request(bot, user="UKDRAFT")
    assert bot.action("approve", f"{request_id}:1", user="UGROUPHEAD") == 200
    slack.wait_for(lambda: _state(bot, request_id) == RequestState.APPROVED)
    assert any(c.params.get("usergroup") == "SKIKIHEADS" for c in slack.of("usergroups.users.list"))


def test_deciding_from_the_home_tab_refreshes_it(bot: BotHarness, slack: FakeSlack) -> None:
    request_id = _request(bot)
    payload_user = "UHEAD1"
    # A block action from the App Home tab has a view of type "home" and no channel.
    body = urlencode(
        {
            "payload": json.dumps(
                {
                    "type": "block_actions",
                    "team": {"id": "T1"},
                    "user": {"id": payload_user, "team_id": "T1"},
                    "api_app_id": "A1",
                    "token": "legacy",
                    "container": {"type": "view", "view_id": "V1"},
                    "trigger_id": "t.1",
                    "view": {"id": "V1", "type": "home"},
                    "actions": [
                        {
                            "action_id": "approve",
                            "block_id": "b",
                            "value": f"{request_id}:1",
                            "type": "button",
                            "action_ts": "1",
                        }
                    ],
                }
            )
        }
    )
    status, _ = bot.post(body, "application/x-www-form-urlencoded", sign(body))
    assert status == 200
    slack.wait_for(lambda: bool(slack.of("views.publish")))
    assert _state(bot, request_id) == RequestState.APPROVED
    view = slack.of("views.publish")[-1].params["view"]
    assert not any(b.get("type") == "actions" for b in view["blocks"])  # nothing waits any more
