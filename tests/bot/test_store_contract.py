"""One contract, two adapters: every test runs on SQLite and on a real redis-server."""

from __future__ import annotations

import json
import threading
from dataclasses import replace

from bot.models import AuditEvent, CheckRecord, RequestState, SignoffRequest
from bot.store import OutboxStats, PurgeResult, Store
from checks import Category, Finding, Severity

_FINDING = Finding(
    "PII001", "resident-name", Category.PERSONAL_INFO, "§3(3)", Severity.REVIEW, 0, 1, "x", "m"
)


def _check(i: int, user: str = "U1") -> CheckRecord:
    return CheckRecord(
        id=f"c{i}",
        user=user,
        channel="C1",
        at=f"2027-01-0{i}T10:00:00+09:00",
        verdict="review",
        codes=("PII001",),
        length=10,
        text_sha="abc",
    )


def _request(i: int, draft: str = "d1", version: int = 1, dept: str = "soumu") -> SignoffRequest:
    return SignoffRequest(
        id=f"r{i}",
        draft_id=draft,
        version=version,
        check_id=f"c{i}",
        requester="U1",
        department=dept,
        text="本文",
        verdict="review",
        codes=("PII001",),
        findings=(_FINDING,),
        created_at=f"2027-01-0{i}T10:00:00+09:00",
    )


def test_checks_keep_text_and_order(store: Store) -> None:
    for i in (1, 2, 3):
        store.put_check(_check(i), f"本文{i}")
    got = store.get_check("c2")
    assert got is not None and got[0] == _check(2) and got[1] == "本文2"
    assert [c.id for c in store.recent_checks("U1", limit=2)] == ["c3", "c2"]
    assert store.get_check("nope") is None


def test_check_report_is_kept_with_the_text(store: Store) -> None:
    store.put_check(_check(1), "本文1", '{"findings": []}')
    store.put_check(_check(2), "本文2")
    assert store.get_check_report("c1") == '{"findings": []}'
    assert store.get_check_report("c2") is None
    assert store.get_check_report("nope") is None


def test_request_keeps_typed_findings(store: Store) -> None:
    store.create_request(_request(1))
    got = store.get_request("r1")
    assert got is not None and got.findings == (_FINDING,)


def test_findings_stored_before_they_were_typed_still_load() -> None:
    old = json.dumps({"code": "PII003", "excerpt": "090"})
    (f,) = SignoffRequest.from_parts(
        _request(1).data_json().replace(json.dumps(_FINDING.to_dict(), ensure_ascii=False), old),
        "pending",
        None,
        None,
        None,
        None,
    ).findings
    assert (f.code, f.category, f.severity, f.excerpt) == (
        "PII003",
        Category.PERSONAL_INFO,
        Severity.REVIEW,
        "090",
    )


def test_new_version_supersedes_pending_one(store: Store) -> None:
    assert store.create_request(_request(1)) == []
    superseded = store.create_request(_request(2, version=2))
    assert [r.id for r in superseded] == ["r1"]
    pending = store.list_requests(department="soumu", state=RequestState.PENDING)
    assert [r.id for r in pending] == ["r2"]
    old = store.get_request("r1")
    assert old is not None and old.state == RequestState.SUPERSEDED
    result = store.decide("r1", RequestState.APPROVED, "UHEAD", "2027-01-02T11:00:00+09:00", None)
    assert not result.won and result.request is not None
    assert result.request.state == RequestState.SUPERSEDED


def test_decide_exactly_once(store: Store) -> None:
    store.create_request(_request(1))
    first = store.decide("r1", RequestState.REJECTED, "UH1", "2027-01-01T11:00:00+09:00", "理由")
    second = store.decide("r1", RequestState.APPROVED, "UH2", "2027-01-01T11:00:01+09:00", None)
    assert first.won and not second.won
    assert second.request is not None
    assert (second.request.state, second.request.decided_by, second.request.reason) == (
        RequestState.REJECTED,
        "UH1",
        "理由",
    )
    assert not store.decide(
        "missing", RequestState.APPROVED, "U", "2027-01-01T00:00:00+09:00", None
    ).won


def test_racing_deciders_one_winner(store: Store) -> None:
    store.create_request(_request(1))
    wins: list[str] = []
    barrier = threading.Barrier(8)

    def click(who: str) -> None:
        barrier.wait()
        if store.decide("r1", RequestState.APPROVED, who, "2027-01-01T11:00:00+09:00", None).won:
            wins.append(who)

    threads = [threading.Thread(target=click, args=(f"UH{i}",)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(wins) == 1
    final = store.get_request("r1")
    assert final is not None and final.decided_by == wins[0]


def test_list_requests_filters(store: Store) -> None:
    store.create_request(_request(1, draft="a"))
    store.create_request(_request(2, draft="b", dept="kiki"))
    store.create_request(replace(_request(3, draft="c"), requester="U2"))
    store.decide("r1", RequestState.APPROVED, "UH", "2027-01-05T00:00:00+09:00", None)
    assert [r.id for r in store.list_requests(requester="U1")] == ["r2", "r1"]
    assert [r.id for r in store.list_requests(department="soumu", state=RequestState.PENDING)] == [
        "r3"
    ]
    assert [r.id for r in store.list_requests(state=RequestState.APPROVED)] == ["r1"]


def test_messages_are_kept(store: Store) -> None:
    store.create_request(_request(1))
    store.set_messages("r1", [("D1", "1.1"), ("C9", "2.2")])
    r = store.get_request("r1")
    assert r is not None and r.messages == (("D1", "1.1"), ("C9", "2.2"))


def test_audit_range_and_idempotence(store: Store) -> None:
    for i, day in enumerate(("01", "02", "03")):
        event = AuditEvent(id=f"e{i}", at=f"2027-01-{day}T09:00:00+09:00", kind="check", actor="U1")
        store.append_audit(event)
        store.append_audit(event)  # a replayed spool line must not duplicate
    got = store.audit_between("2027-01-02T00:00:00+09:00", "2027-01-03T09:00:00+09:00")
    assert [e.id for e in got] == ["e1"]


def test_first_seen_and_outbox_and_values(store: Store) -> None:
    assert store.first_seen("evt:1", 60)
    assert not store.first_seen("evt:1", 60)
    store.outbox_add("o1", '{"a": 1}')
    store.outbox_add("o2", '{"b": 2}')
    assert store.outbox_items() == [("o1", '{"a": 1}'), ("o2", '{"b": 2}')]
    store.outbox_remove("o1")
    assert store.outbox_items() == [("o2", '{"b": 2}')]
    assert store.get_value("k") is None
    store.set_value("k", "v")
    assert store.get_value("k") == "v"


def test_values_with_prefix(store: Store) -> None:
    store.set_value("impersonation:a", "1")
    store.set_value("impersonation:b", "2")
    store.set_value("impersonationx", "3")
    store.set_value("incident:toon-x", "4")
    store.set_value("imp*rsonation:c", "5")
    assert store.values_with_prefix("impersonation:") == {
        "impersonation:a": "1",
        "impersonation:b": "2",
    }
    assert store.values_with_prefix("imp*") == {"imp*rsonation:c": "5"}
    assert store.values_with_prefix("nothing:") == {}


def test_health_is_ok_and_names_the_part_only(store: Store) -> None:
    health = store.health()
    assert health.ok and health.problem is None
    assert health.part in ("sqlite", "redis")
    assert health.to_dict() == {"ok": True, "part": health.part}


def test_outbox_stats(store: Store) -> None:
    assert store.outbox_stats() == OutboxStats(0, None)
    store.outbox_add("o1", "{}")
    store.outbox_add("o2", "{}")
    stats = store.outbox_stats()
    assert stats.depth == 2 and stats.oldest is not None
    store.outbox_remove("o1")
    store.outbox_remove("o2")
    assert store.outbox_stats() == OutboxStats(0, None)


def test_health_when_the_store_answers(store: Store) -> None:
    health = store.health()
    assert health.ok and health.part in ("sqlite", "redis") and health.problem is None


def test_purge_before_keeps_recent_records_and_pending_requests(store: Store) -> None:
    for i in (1, 2, 3):
        store.put_check(_check(i), f"本文{i}")
        store.append_audit(
            AuditEvent(id=f"e{i}", at=f"2027-01-0{i}T09:00:00+09:00", kind="check", actor="U1")
        )
    store.create_request(_request(1, draft="a"))
    store.create_request(_request(2, draft="b"))
    store.create_request(_request(3, draft="c"))
    store.decide("r1", RequestState.APPROVED, "UH", "2027-01-05T00:00:00+09:00", None)
    got = store.purge_before("2027-01-03T00:00:00+09:00")
    assert got == PurgeResult(audit=2, checks=2, requests=1)
    assert store.get_check("c1") is None and store.get_check("c3") is not None
    assert [c.id for c in store.recent_checks("U1")] == ["c3"]
    assert store.get_request("r1") is None
    assert [r.id for r in store.list_requests()] == ["r3", "r2"]  # r2 is still pending
    assert [r.id for r in store.list_requests(state=RequestState.PENDING)] == ["r3", "r2"]
    every = store.audit_between("2000-01-01T00:00:00+09:00", "2100-01-01T00:00:00+09:00")
    assert [e.id for e in every] == ["e3"]
    assert store.purge_before("2027-01-03T00:00:00+09:00") == PurgeResult(0, 0, 0)


def test_list_requests_pages_through_many(store: Store) -> None:
    for i in range(1, 121):
        r = replace(
            _request(1, draft=f"d{i}"),
            id=f"r{i:03}",
            created_at=f"2027-01-01T10:{i // 60:02}:{i % 60:02}+09:00",
        )
        store.create_request(r)
        if i % 2:
            store.decide(r.id, RequestState.APPROVED, "UH", "2027-01-02T00:00:00+09:00", None)
    pending = store.list_requests(state=RequestState.PENDING, limit=500)
    assert [r.id for r in pending] == [f"r{i:03}" for i in range(120, 0, -2)]
    approved = store.list_requests(department="soumu", state=RequestState.APPROVED, limit=70)
    assert len(approved) == 60 and approved[0].id == "r119"
    assert len(store.list_requests(department="soumu", state=RequestState.PENDING, limit=99)) == 60
    assert store.list_requests(department="kiki", state=RequestState.PENDING) == []
    assert [r.id for r in store.list_requests(limit=3)] == ["r120", "r119", "r118"]


def test_purge_before_removes_the_stored_report_with_its_check(store: Store) -> None:
    """The report the drafter saw holds excerpts of the draft: it goes with the check."""
    store.put_check(_check(1), "本文1", report='{"findings": ["抜粋"]}')
    store.put_check(_check(3), "本文3", report='{"findings": ["残す"]}')
    store.purge_before("2027-01-02T00:00:00+09:00")
    assert store.get_check_report("c1") is None
    assert store.get_check_report("c3") is not None
