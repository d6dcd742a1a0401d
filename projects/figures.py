"""Arithmetic of the derived figures, kept apart from the queries that feed it."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from zoneplan.core.numbers import percent

ZERO = Decimal("0")


def days_since(day: date | None, today: date) -> int | None:
    return (today - day).days if day else None


@dataclass
class ProjectTotals:
    """Counts by stage, conversions and investment for one group of projects (a zone, a unit, the city)."""

    key: int | None = None
    name: str = ""
    projects: int = 0
    by_stage: dict[str, int] = field(default_factory=dict)
    signed: int = 0
    started: int = 0
    in_production: int = 0
    total_investment: Decimal = ZERO
    year_planned_investment: Decimal = ZERO
    invested_this_year: Decimal = ZERO
    invested_since_start: Decimal = ZERO

    @property
    def year_completion(self) -> Decimal | None:
        return percent(self.invested_this_year, self.year_planned_investment)

    @property
    def signing_rate(self) -> Decimal | None:
        """签约转化率: projects that reached signing, of all on the list."""
        return percent(self.signed, self.projects)

    @property
    def start_rate(self) -> Decimal | None:
        """开工率: signed projects that have started."""
        return percent(self.started, self.signed)

    @property
    def production_rate(self) -> Decimal | None:
        """投产率: started projects that are in production."""
        return percent(self.in_production, self.started)
