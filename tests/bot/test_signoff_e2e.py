"""Sign-off you can trust (issue 12), end to end: the real Bolt app over HTTP, signed
requests, a fake Slack Web API. The head sees what the drafter saw; a head's own draft has
someone to decide it; a refused request message is not reported as sent; asking twice for the
same check changes nothing."""

from __future__ import annotations

import json
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bot.models import AuditEvent, RequestState
from bot.reminders import Scheduler
from bot.store import SQLiteStore
from tests.bot.fake_slack import Failure, FakeSlack
from tests.bot.harness import CONFIG, REVIEW_DRAFT, BotHarness, sign

# Points to a flyer: ACC005 unless the drafter says the alt text is written.
FLYER_DRAFT = "冬まつりの日程はチラシをご覧ください。"


def _texts(blocks: list[dict[str, Any]]) -> str:
    out = []
    for b in blocks:
        if isinstance(b.get("text"), dict):
            out.append(b["text"]["text"])
        for el in b.get("elements", []):
            if isinstance(el.get("text"), str):
                out.append(el["text"])
    return "\n".join(out)


def _button(blocks: list[dict[str, Any]], action_id: str) -> str:
    for b in blocks:
        for el in b.get("elements", []):
            if el.get("action_id") == action_id:
                return str(el["value"])
    raise AssertionError(f"no {action_id} in {json.dumps(blocks, ensure_ascii=False)[:400]}")


def _audit(bot: BotHarness) -> list[AuditEvent]:
    return bot.store.audit_between("2000-01-01T00:00:00+09:00", "2100-01-01T00:00:00+09:00")


def _check_id(bot: BotHarness, draft: str, user: str) -> str:
    status, body = bot.slash(draft, user=user)
    assert status == 200
    return _button(body["blocks"], "request_signoff")


def _dms(slack: FakeSlack, user: str) -> list[dict[str, Any]]:
    return [c.params for c in slack.of("chat.postMessage") if c.params["channel"] == user]


def _answers(slack: FakeSlack) -> str:
    return "\n".join(str(c.params.get("text", "")) for c in slack.of("response_url"))


def _submit_form(bot: BotHarness, draft: str, **choices: str) -> None:
    values: dict[str, dict[str, Any]] = {"draft": {"value": {"value": draft}}}
    for block, value in choices.items():
        if block == "posted_at":
            values[block] = {"value": {"selected_date_time": int(value)}}
        else:
            values[block] = {"value": {"selected_option": {"value": value}}}
    status, _ = bot.submit("check_modal", values, "CGENERAL", user="UDRAFT")
    assert status == 200


# --- 1. the head sees what the drafter saw ---


def test_head_sees_the_findings_and_answers_the_drafter_saw(
    bot: BotHarness, slack: FakeSlack
) -> None:
    _submit_form(bot, FLYER_DRAFT, people="no_consent", alt="yes")
    slack.wait_for(lambda: bool(slack.of("chat.postEphemeral")))
    report = slack.of("chat.postEphemeral")[0].params["blocks"]
    assert "RGT002" in _texts(report) and "ACC005" not in _texts(report)
    bot.now += timedelta(minutes=30)  # the request comes later than the check
    bot.action("request_signoff", _button(report, "request_signoff"), user="UDRAFT")
    slack.wait_for(lambda: len(_dms(slack, "UHEAD1")) == 1)
    shown = _texts(_dms(slack, "UHEAD1")[0]["blocks"])
    assert "RGT002" in shown and "ACC005" not in shown
    assert "同意を確認していない" in shown and "代替テキスト: 書いた" in shown
    assert "2月1日 10:00" in shown  # when the drafter checked, not when they asked
    (req,) = bot.store.list_requests(requester="UDRAFT")
    assert [f.code for f in req.findings] == ["RGT002"] and req.codes == ("RGT002",)
    assert req.people_consent is False and req.alt_text is True and req.ruleset


def test_emergency_post_outside_hours_is_in_the_check_record(
    bot: BotHarness, slack: FakeSlack
) -> None:
    saturday_night = datetime.fromisoformat("2027-02-06T21:00:00+09:00").timestamp()
    _submit_form(
        bot,
        "【避難指示】河之内地区に避難指示を発令しました。",
        account="toon-line",
        posted_at=str(int(saturday_night)),
    )
    slack.wait_for(lambda: bool(slack.of("chat.postEphemeral")))
    (check,) = [e for e in _audit(bot) if e.kind == "check"]
    assert check.emergency_post is True and check.account == "toon-line"
    (record,) = bot.store.recent_checks("UDRAFT")
    assert record.emergency_post is True and record.emergency is True


# --- 2. a head's own draft, deputies ---


def _approved_by_the_other(
    bot: BotHarness, slack: FakeSlack, request_id: str, value: str, drafter: str, decider: str
) -> tuple[str, str]:
    """The drafter's own click changes nothing; ``decider``'s approves. Returns what the
    drafter was told and the role the audit trail records for the decision."""
    bot.action("approve", value, user=drafter)
    slack.wait_for(lambda: bool(slack.of("chat.postEphemeral")))
    assert bot.store.get_request(request_id).state == RequestState.PENDING  # type: ignore[union-attr]
    bot.action("approve", value, user=decider)
    slack.wait_for(lambda: len(_dms(slack, drafter)) == 1)
    (decision,) = [e for e in _audit(bot) if e.kind == "decision"]
    assert decision.actor == decider
    return str(_dms(slack, drafter)[0]["text"]), str(decision.role)


def test_a_heads_own_draft_goes_to_the_deputy_who_decides_as_deputy(
    bot: BotHarness, slack: FakeSlack
) -> None:
    check_id = _check_id(bot, REVIEW_DRAFT, user="UKIKI")
    bot.action("request_signoff", check_id, user="UKIKI")
    slack.wait_for(lambda: len(_dms(slack, "UKDEP")) == 1)
    assert not [c for c in slack.of("chat.postMessage") if c.params["channel"] == "CAPPROVE"]
    (req,) = bot.store.list_requests(requester="UKIKI")
    value = _button(_dms(slack, "UKDEP")[0]["blocks"], "approve")
    told, role = _approved_by_the_other(bot, slack, req.id, value, "UKIKI", "UKDEP")
    assert "代理" in told and role == "deputy"


# A department whose only head has no deputy (a small 課), and the PR section.
LONE_HEAD = """
[[departments]]
id = "kyoiku"
name = "学校教育課"
heads = ["UKYO"]
members = ["UKYO"]
"""
PR_SECTION = """
[registry]
pr_section = ["UKOHO"]
pr_channel = "CKOHO"
"""


def _harness(tmp_path: Path, slack: FakeSlack, config_text: str) -> BotHarness:
    """The bot on ``config_text`` and the test's SQLite file (kept across restarts)."""
    return BotHarness(tmp_path, SQLiteStore(tmp_path / "t.sqlite3"), slack, config_text=config_text)


def _requested_from_the_pr_section(tmp_path: Path, slack: FakeSlack) -> str:
    """A lone head's own draft requested (it goes to the PR section, UKOHO); returns the
    approve button's value, with the bot stopped so the test can restart it reconfigured."""
    bot = _harness(tmp_path, slack, CONFIG + LONE_HEAD + PR_SECTION)
    try:
        bot.action("request_signoff", _check_id(bot, REVIEW_DRAFT, "UKYO"), user="UKYO")
        slack.wait_for(lambda: len(_dms(slack, "UKOHO")) == 1)
        return _button(_dms(slack, "UKOHO")[0]["blocks"], "approve")
    finally:
        bot.close()


def test_a_lone_heads_own_draft_goes_to_the_pr_section_who_decides_as_such(
    tmp_path: Path, slack: FakeSlack
) -> None:
    bot = _harness(tmp_path, slack, CONFIG + LONE_HEAD + PR_SECTION)
    try:
        check_id = _check_id(bot, REVIEW_DRAFT, user="UKYO")
        bot.action("request_signoff", check_id, user="UKYO")
        slack.wait_for(lambda: len(_dms(slack, "UKOHO")) == 1)
        request_dm = _dms(slack, "UKOHO")[0]
        assert "広報広聴係にお願いしています" in _texts(request_dm["blocks"])
        (req,) = bot.store.list_requests(requester="UKYO")
        assert req.route == "pr_section"
        # It waits on the PR section's App Home too.
        event = {"type": "app_home_opened", "user": "UKOHO", "channel": "D1", "tab": "home"}
        assert bot.event(event, "Ev1") == 200
        slack.wait_for(lambda: bool(slack.of("views.publish")))
        assert req.id in json.dumps(slack.of("views.publish")[-1].params["view"])
        value = _button(request_dm["blocks"], "approve")
        told, role = _approved_by_the_other(bot, slack, req.id, value, "UKYO", "UKOHO")
        assert "広報広聴係として承認しました" in told and role == "pr_section"
    finally:
        bot.close()


def test_a_lone_heads_own_draft_without_a_pr_section_is_refused_with_what_to_fix(
    tmp_path: Path, slack: FakeSlack
) -> None:
    bot = _harness(tmp_path, slack, CONFIG + LONE_HEAD)
    try:
        check_id = _check_id(bot, REVIEW_DRAFT, user="UKYO")
        bot.action("request_signoff", check_id, user="UKYO")
        slack.wait_for(lambda: "pr_section" in _answers(slack))
        assert "deputies" in _answers(slack)
        assert bot.store.list_requests(requester="UKYO") == []
    finally:
        bot.close()


def test_a_refused_request_can_be_asked_again_once_the_pr_section_is_configured(
    tmp_path: Path, slack: FakeSlack
) -> None:
    """Refused for want of a decider, the drafter is told to have the settings fixed; once
    they are, the same check can be sent (the refusal must not count as a request)."""
    bot = _harness(tmp_path, slack, CONFIG + LONE_HEAD)
    try:
        check_id = _check_id(bot, REVIEW_DRAFT, user="UKYO")
        bot.action("request_signoff", check_id, user="UKYO")
        slack.wait_for(lambda: "pr_section" in _answers(slack))
    finally:
        bot.close()
    bot = _harness(tmp_path, slack, CONFIG + LONE_HEAD + PR_SECTION)
    try:
        bot.action("request_signoff", check_id, user="UKYO")
        slack.wait_for(lambda: len(_dms(slack, "UKOHO")) == 1)
        (req,) = bot.store.list_requests(requester="UKYO")
        assert req.route == "pr_section"
    finally:
        bot.close()


def test_a_deputy_named_after_a_pr_section_request_decides_it_once_escalated(
    tmp_path: Path, slack: FakeSlack
) -> None:
    """The escalation sends the request with its buttons to the department's deputies; one
    named after the request went to the PR section must be able to use them."""
    bot = _harness(tmp_path, slack, CONFIG + LONE_HEAD + PR_SECTION)
    try:
        bot.action("request_signoff", _check_id(bot, REVIEW_DRAFT, "UKYO"), user="UKYO")
        slack.wait_for(lambda: len(_dms(slack, "UKOHO")) == 1)
        now = bot.now
    finally:
        bot.close()
    with_deputy = LONE_HEAD.replace(
        'members = ["UKYO"]', 'members = ["UKYO"]\ndeputies = ["UKYODEP"]'
    )
    bot = BotHarness(
        tmp_path,
        SQLiteStore(tmp_path / "t.sqlite3"),
        slack,
        now=now + timedelta(minutes=241),
        config_text=CONFIG + with_deputy + PR_SECTION,
    )
    try:
        (req,) = bot.store.list_requests(requester="UKYO")
        Scheduler(bot.services).tick(bot.now)
        slack.wait_for(lambda: len(_dms(slack, "UKYODEP")) == 1)
        value = _button(_dms(slack, "UKYODEP")[0]["blocks"], "approve")
        bot.action("approve", value, user="UKYODEP")
        # The audit event follows the stored decision: wait for it, not for the state.
        slack.wait_for(lambda: any(e.kind == "decision" for e in _audit(bot)))
        assert bot.store.get_request(req.id).state == RequestState.APPROVED  # type: ignore[union-attr]
        (decision,) = [e for e in _audit(bot) if e.kind == "decision"]
        assert (decision.actor, decision.role) == ("UKYODEP", "deputy")
    finally:
        bot.close()


def test_escalating_where_there_is_no_deputy_does_not_say_a_deputy_can_decide(
    tmp_path: Path, slack: FakeSlack
) -> None:
    """A lone head's draft waits on the PR section; the escalation channel must not be told
    that the (non-existent) deputies may now decide it."""
    reminders = '\n[reminders]\nescalate_channel = "CESCAL"\n'
    bot = _harness(tmp_path, slack, CONFIG + reminders + LONE_HEAD + PR_SECTION)
    try:
        bot.action("request_signoff", _check_id(bot, REVIEW_DRAFT, "UKYO"), user="UKYO")
        slack.wait_for(lambda: len(_dms(slack, "UKOHO")) == 1)
        bot.now += timedelta(minutes=241)
        Scheduler(bot.services).tick(bot.now)
        slack.wait_for(lambda: bool(_dms(slack, "CESCAL")))
        told = str(_dms(slack, "CESCAL")[0]["text"])
        assert "代理の方は" not in told and "代理の方がいない" in told
    finally:
        bot.close()


def test_refusals_on_a_pr_section_request_name_the_pr_section(
    tmp_path: Path, slack: FakeSlack
) -> None:
    """The drafter is not told that another head or a deputy will decide (there is none);
    a PR-section member replaced in the configuration is told who decides now."""
    value = _requested_from_the_pr_section(tmp_path, slack)
    bot = _harness(tmp_path, slack, CONFIG + LONE_HEAD + PR_SECTION.replace("UKOHO", "UKOHO2"))
    try:
        for n, user in enumerate(["UKYO", "UKOHO"], start=1):
            bot.action("approve", value, user=user)
            slack.wait_for(lambda n=n: len(slack.of("chat.postEphemeral")) == n)  # type: ignore[misc]
        own, replaced = (str(c.params["text"]) for c in slack.of("chat.postEphemeral"))
        assert "広報広聴係" in own and "代理" not in own
        assert "広報広聴係" in replaced and "所属長として" not in replaced
    finally:
        bot.close()


def test_a_heads_own_draft_whose_deputy_left_is_decided_by_the_pr_section(
    tmp_path: Path, slack: FakeSlack
) -> None:
    """The deputy a head's own draft went to is removed from the configuration: as when
    asking, the PR section decides it (from App Home), and every copy says so."""
    bot = _harness(tmp_path, slack, CONFIG + PR_SECTION)
    try:
        bot.action("request_signoff", _check_id(bot, REVIEW_DRAFT, "UKIKI"), user="UKIKI")
        slack.wait_for(lambda: len(_dms(slack, "UKDEP")) == 1)
    finally:
        bot.close()
    bot = _harness(
        tmp_path, slack, CONFIG.replace('deputies = ["UKDEP"]', "deputies = []") + PR_SECTION
    )
    try:
        (req,) = bot.store.list_requests(requester="UKIKI")
        assert [r.id for r in bot.services.workflow.pending_for("UKOHO")] == [req.id]
        bot.action("approve", f"{req.id}:1", user="UKOHO")
        slack.wait_for(lambda: bool(slack.of("chat.update")))
        assert "広報広聴係として承認しました" in _texts(slack.of("chat.update")[0].params["blocks"])
        (decision,) = [e for e in _audit(bot) if e.kind == "decision"]
        assert (decision.actor, decision.role) == ("UKOHO", "pr_section")
    finally:
        bot.close()


def test_a_pr_section_member_made_head_since_decides_as_head_in_every_copy(
    tmp_path: Path, slack: FakeSlack
) -> None:
    """The audit trail, the drafter's notice and the request's copies agree on the role."""
    value = _requested_from_the_pr_section(tmp_path, slack)
    two_heads = LONE_HEAD.replace('heads = ["UKYO"]', 'heads = ["UKYO", "UKOHO"]')
    bot = _harness(tmp_path, slack, CONFIG + two_heads + PR_SECTION)
    try:
        bot.action("approve", value, user="UKOHO")
        slack.wait_for(lambda: bool(slack.of("chat.update")) and bool(_dms(slack, "UKYO")))
        (decision,) = [e for e in _audit(bot) if e.kind == "decision"]
        assert decision.role == "head"
        assert "広報広聴係" not in str(_dms(slack, "UKYO")[0]["text"])
        assert "広報広聴係として" not in _texts(slack.of("chat.update")[0].params["blocks"])
    finally:
        bot.close()


def test_deputies_decide_once_a_request_is_escalated_to_them(
    bot: BotHarness, slack: FakeSlack
) -> None:
    bot.action("request_signoff", _check_id(bot, REVIEW_DRAFT, "UDRAFT"), user="UDRAFT")
    slack.wait_for(lambda: len(_dms(slack, "UHEAD1")) == 1)
    (req,) = bot.store.list_requests(requester="UDRAFT")
    bot.action("approve", f"{req.id}:1", user="UDEPUTY")
    slack.wait_for(lambda: bool(slack.of("chat.postEphemeral")))
    assert "所属長" in slack.of("chat.postEphemeral")[0].params["text"]
    bot.now += timedelta(minutes=241)
    Scheduler(bot.services).tick(bot.now)
    slack.wait_for(lambda: len(_dms(slack, "UDEPUTY")) == 1)
    value = _button(_dms(slack, "UDEPUTY")[0]["blocks"], "approve")
    bot.action("approve", value, user="UDEPUTY")
    slack.wait_for(lambda: bot.store.get_request(req.id).state == RequestState.APPROVED)  # type: ignore[union-attr]
    # Every copy of the request shows the decision, the deputy's too.
    slack.wait_for(lambda: len(slack.of("chat.update")) == 3)
    assert all(
        "代理として承認しました" in _texts(c.params["blocks"]) for c in slack.of("chat.update")
    )
    (decision,) = [e for e in _audit(bot) if e.kind == "decision"]
    assert (decision.actor, decision.role) == ("UDEPUTY", "deputy")
    assert [e.kind for e in _audit(bot)].count("escalated") == 1


# --- 3. a request message Slack refuses ---


def test_refused_approvals_channel_falls_back_to_dms_and_says_so(
    bot: BotHarness, slack: FakeSlack
) -> None:
    check_id = _check_id(bot, REVIEW_DRAFT, user="UKDRAFT")
    slack.fail("chat.postMessage", Failure(error="not_in_channel"))
    bot.action("request_signoff", check_id, user="UKDRAFT")
    slack.wait_for(lambda: len(slack.of("response_url")) >= 2)  # the check's answer, then ours
    assert "直接メッセージ" in _answers(slack) and "not_in_channel" in _answers(slack)
    assert len(_dms(slack, "UKIKI")) == 1
    (req,) = bot.store.list_requests(requester="UKDRAFT")
    assert len(req.messages) == 1
    (lost,) = [e for e in _audit(bot) if e.kind == "request_undelivered"]
    assert lost.request_id == req.id and "CAPPROVE:not_in_channel" in lost.detail


def test_request_nobody_received_is_not_reported_as_sent(bot: BotHarness, slack: FakeSlack) -> None:
    check_id = _check_id(bot, REVIEW_DRAFT, user="UKDRAFT")
    slack.fail("chat.postMessage", Failure(error="is_archived"))
    slack.fail("chat.postMessage", Failure(error="user_not_found"))
    bot.action("request_signoff", check_id, user="UKDRAFT")
    slack.wait_for(lambda: len(slack.of("response_url")) >= 2)  # the check's answer, then ours
    answer = _answers(slack)
    assert "届けられませんでした" in answer and "確認を依頼しました" not in answer
    assert [e.kind for e in _audit(bot)].count("request_undelivered") == 1


# --- 4. asking twice for the same check ---


def _action_body(check_id: str, user: str, response_url: str) -> str:
    payload = {
        "type": "block_actions",
        "team": {"id": "T1"},
        "user": {"id": user, "team_id": "T1"},
        "api_app_id": "A1",
        "token": "legacy",
        "container": {"type": "message", "channel_id": "CGENERAL", "is_ephemeral": True},
        "trigger_id": "t.1",
        "channel": {"id": "CGENERAL"},
        "response_url": response_url,
        "actions": [
            {
                "action_id": "request_signoff",
                "block_id": "b1",
                "value": check_id,
                "type": "button",
                "action_ts": f"{time.time():.6f}",
            }
        ],
    }
    return urlencode({"payload": json.dumps(payload)})


def test_double_click_and_replay_ask_once(bot: BotHarness, slack: FakeSlack) -> None:
    check_id = _check_id(bot, REVIEW_DRAFT, user="UDRAFT")
    first = _action_body(check_id, "UDRAFT", slack.response_url("a"))
    second = _action_body(check_id, "UDRAFT", slack.response_url("b"))
    barrier = threading.Barrier(2)

    def click(body: str) -> None:
        barrier.wait()
        assert bot.post(body, "application/x-www-form-urlencoded", sign(body))[0] == 200

    threads = [threading.Thread(target=click, args=(b,)) for b in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    slack.wait_for(lambda: len(slack.of("response_url")) == 3)  # the check's answer + 2
    # The same signed request again (a replay within Slack's five minutes).
    assert bot.post(first, "application/x-www-form-urlencoded", sign(first))[0] == 200
    slack.wait_for(lambda: len(slack.of("response_url")) == 4)
    time.sleep(0.3)
    assert len(bot.store.list_requests(requester="UDRAFT")) == 1
    assert len(_dms(slack, "UHEAD1")) == 1 and len(_dms(slack, "UHEAD2")) == 1
    assert [e.kind for e in _audit(bot)].count("request") == 1
    # The click that lost the race hears "already requested" or, while the winner is still
    # storing the request, "being accepted"; the replay hears "already requested".
    answers = _answers(slack)
    assert answers.count("すでに") + answers.count("受け付けている途中") == 2


def test_a_claimed_check_whose_request_was_never_stored_says_to_try_again(
    bot: BotHarness, slack: FakeSlack
) -> None:
    """A click that claimed the check and then lost the store (so no request exists) leaves
    the claim for two minutes: a retry then is told the request is being accepted and to try
    again, never that it was already sent."""
    check_id = _check_id(bot, REVIEW_DRAFT, user="UDRAFT")
    assert bot.store.first_seen(f"signoff:{check_id}", 120)  # the failed attempt's claim
    bot.action("request_signoff", check_id, user="UDRAFT")
    slack.wait_for(lambda: "受け付けている途中" in _answers(slack))
    assert "すでに" not in _answers(slack)
    assert bot.store.list_requests(requester="UDRAFT") == []


def test_request_waiting_for_a_retry_says_so(bot: BotHarness, slack: FakeSlack) -> None:
    check_id = _check_id(bot, REVIEW_DRAFT, user="UKDRAFT")
    slack.fail("chat.postMessage", Failure(status=500, times=3))  # first try + 2 retries
    bot.action("request_signoff", check_id, user="UKDRAFT")
    slack.wait_for(lambda: len(slack.of("response_url")) >= 2)  # the check's answer, then ours
    assert "再試行しています" in _answers(slack) and "確認を依頼しました" not in _answers(slack)
    assert len(bot.store.outbox_items()) == 1


def test_a_copy_sent_late_from_the_outbox_is_recorded_and_shows_the_decision(
    bot: BotHarness, slack: FakeSlack
) -> None:
    """One head's copy fails and waits in the outbox; the other head approves; when the
    waiting copy finally goes out it is recorded with the request and updated at once, so
    nobody is left with the buttons of a decided request."""
    check_id = _check_id(bot, REVIEW_DRAFT, user="UDRAFT")
    slack.fail("chat.postMessage", Failure(status=500, times=3))  # UHEAD1's copy, all tries
    bot.action("request_signoff", check_id, user="UDRAFT")
    slack.wait_for(lambda: len(_dms(slack, "UHEAD2")) == 1)
    slack.wait_for(lambda: len(bot.store.outbox_items()) == 1)
    (req,) = bot.store.list_requests(requester="UDRAFT")
    assert len(bot.store.get_request(req.id).messages) == 1  # type: ignore[union-attr]
    bot.action("approve", _button(_dms(slack, "UHEAD2")[0]["blocks"], "approve"), user="UHEAD2")
    slack.wait_for(lambda: len(_dms(slack, "UDRAFT")) == 1)  # the drafter is told
    assert bot.services.notifier.retry_outbox() == 1  # Slack is back: UHEAD1's copy goes out
    late = [c for c in slack.of("chat.postMessage") if c.params["channel"] == "UHEAD1" and c.ok]
    assert len(late) == 1 and "approve" in json.dumps(late[0].params["blocks"])
    messages = bot.store.get_request(req.id).messages  # type: ignore[union-attr]
    assert len(messages) == 2 and ("DHEAD1" in {ch for ch, _ in messages})
    slack.wait_for(lambda: any(c.params["channel"] == "DHEAD1" for c in slack.of("chat.update")))
    (update,) = [c for c in slack.of("chat.update") if c.params["channel"] == "DHEAD1"]
    shown = json.dumps(update.params["blocks"], ensure_ascii=False)
    assert "承認しました" in shown and '"approve"' not in shown


def test_escalating_a_heads_own_draft_reminds_its_deputy_without_a_second_copy(
    bot: BotHarness, slack: FakeSlack
) -> None:
    """The deputy got a head's own draft, with its buttons, when it was asked: escalation
    reminds them with a line, not a second copy of the request."""
    bot.action("request_signoff", _check_id(bot, REVIEW_DRAFT, "UKIKI"), user="UKIKI")
    slack.wait_for(lambda: len(_dms(slack, "UKDEP")) == 1)
    (req,) = bot.store.list_requests(requester="UKIKI")
    bot.now += timedelta(minutes=241)
    Scheduler(bot.services).tick(bot.now)
    slack.wait_for(lambda: len(_dms(slack, "UKDEP")) == 2)
    reminder = _dms(slack, "UKDEP")[1]
    assert '"approve"' not in json.dumps(reminder["blocks"])
    assert len(bot.store.get_request(req.id).messages) == 1  # type: ignore[union-attr]
