"""The bot's Slack contract, declared once: the ids on buttons, forms and inputs, and the
format of what rides in a button's ``value`` or a form's ``private_metadata``.

``bot.blocks`` builds messages and forms with these, ``bot.listeners`` matches and decodes
them with these; neither spells an id or a payload format itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "CHECK_COMMAND",
    "CHECK_MESSAGE_SHORTCUT",
    "INPUT",
    "Action",
    "AltText",
    "CheckForm",
    "Decision",
    "Input",
    "People",
    "ReasonForm",
    "View",
    "decide_block",
]

CHECK_COMMAND = "/check"
CHECK_MESSAGE_SHORTCUT = "check_message"  # the message shortcut 「この投稿を確認」 (manifests/)


class Action(StrEnum):
    """``action_id`` of the buttons; the comment says what the button's ``value`` carries."""

    REQUEST_SIGNOFF = "request_signoff"  # check id
    REQUEST_OVERRIDE = "request_override"  # check id
    REVISE_DRAFT = "revise_draft"  # request id
    APPROVE = "approve"  # Decision
    REJECT = "reject"  # Decision
    PASSWORD_CHANGED = "password_changed"  # account id
    SHOW_CLAUSE = "show_clause"  # clauses, ", "-separated as in Finding.clause


class View(StrEnum):
    """``callback_id`` of the forms (modals); the comment names their ``private_metadata``."""

    CHECK = "check_modal"  # CheckForm
    REJECT = "reject_modal"  # ReasonForm (request id)
    OVERRIDE = "override_modal"  # ReasonForm (check id)


class Input(StrEnum):
    """``block_id`` of the forms' inputs."""

    DRAFT = "draft"
    ACCOUNT = "account"
    POSTED_AT = "posted_at"
    PEOPLE = "people"
    ALT = "alt"
    REASON = "reason"


INPUT = "value"  # ``action_id`` of the element inside every input block


class People(StrEnum):
    """Options of the "people in the photo" input."""

    NONE = "none"
    CONSENT = "consent"
    NO_CONSENT = "no_consent"


class AltText(StrEnum):
    """Options of the "alternative text" input."""

    YES = "yes"
    NO = "no"


def decide_block(request_id: str) -> str:
    """``block_id`` of the approve/reject buttons of a request."""
    return f"decide:{request_id}"


@dataclass(frozen=True, slots=True)
class Decision:
    """The value of the approve and reject buttons: ``request_id:version``."""

    request_id: str
    version: int

    def encode(self) -> str:
        return f"{self.request_id}:{self.version}"

    @classmethod
    def decode(cls, value: str) -> Decision:
        request_id, _, version = value.partition(":")
        return cls(request_id, int(version) if version.isdigit() else 0)


@dataclass(frozen=True, slots=True)
class CheckForm:
    """``private_metadata`` of the /check form: ``channel|draft_id`` (the channel to answer
    in; the draft a new version belongs to, or empty)."""

    channel: str
    draft_id: str = ""

    def encode(self) -> str:
        return f"{self.channel}|{self.draft_id}"

    @classmethod
    def decode(cls, metadata: str) -> CheckForm:
        channel, _, draft_id = metadata.partition("|")
        return cls(channel, draft_id)


@dataclass(frozen=True, slots=True)
class ReasonForm:
    """``private_metadata`` of the reject and override forms: ``subject|channel`` (the request
    or check the reason is for; where the button was clicked)."""

    subject: str
    channel: str = ""

    def encode(self) -> str:
        return f"{self.subject}|{self.channel}"

    @classmethod
    def decode(cls, metadata: str) -> ReasonForm:
        subject, _, channel = metadata.partition("|")
        return cls(subject, channel)
