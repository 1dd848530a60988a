"""What the checker knows about a draft besides its text: where and when it will be posted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from checks.config import Account, CityConfig


@dataclass(frozen=True, slots=True)
class CheckContext:
    """Platform, planned posting time (aware, Asia/Tokyo) and account of a draft."""

    config: CityConfig
    platform: str | None = None
    posted_at: datetime | None = None
    # False when only the posting day is known (``--at 2027/02/01``): posted_at is that day's
    # midnight, and rules about the time of day say nothing.
    time_known: bool = True
    account: Account | None = None
    now: datetime | None = None
    # Answers from the /check form: does an image show people, was consent obtained,
    # is alt text written? None = not asked.
    alt_text: bool | None = None
    image_people_consent: bool | None = None
    # The account is in incident mode (炎上, §7(4)): set by the bot from its store.
    incident: bool = False

    @property
    def reference_time(self) -> datetime:
        """The planned posting time, else the time of the check."""
        if self.posted_at is not None:
            return self.posted_at
        if self.now is not None:
            return self.now
        return datetime.now(self.config.tz)
