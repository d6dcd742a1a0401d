"""What a scheduled job reports back: how many items it looked at and how many notifications it created."""

from dataclasses import dataclass


@dataclass
class JobResult:
    items: int = 0
    notifications: int = 0

    def __add__(self, other: "JobResult") -> "JobResult":
        return JobResult(self.items + other.items, self.notifications + other.notifications)
