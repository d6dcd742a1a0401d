"""Indicator targets in a plan's goals paragraph, such as
地区生产总值实现29亿元，同比增长32%；完成固定资产投资10亿元."""

import re
from dataclasses import dataclass
from decimal import Decimal

GOAL = re.compile(
    r"(?:完成)?(?P<name>[\u4e00-\u9fa5]{2,14}?)(?:实现|完成|达到|突破)?"
    r"(?P<value>\d+(?:\.\d+)?)(?P<unit>亿元|万元|万美元|亿美元|个|家)"
    r"(?:[，,]\s*(?:同比)?增长(?P<growth>\d+(?:\.\d+)?)\s*[%％])?"
)
GOALS_HINT = re.compile(r"目标|预期")


@dataclass
class IndicatorGoal:
    name: str
    value: Decimal
    unit: str
    growth: Decimal | None
    text: str
    indicator_code: str | None = None


def find_goals(paragraphs: list[str], catalogue: dict[str, str]) -> list[IndicatorGoal]:
    """Targets in the paragraphs that announce goals; `catalogue` maps indicator names to codes."""
    goals = []
    for paragraph in paragraphs:
        if not GOALS_HINT.search(paragraph):
            continue
        for clause in re.split(r"[；;。]", paragraph):
            for match in GOAL.finditer(clause):
                name = re.sub(r"^(主要奋斗目标是|主要目标是|目标是|其中|全年)[，,]?", "", match.group("name"))
                growth = match.group("growth")
                goals.append(
                    IndicatorGoal(
                        name=name,
                        value=Decimal(match.group("value")),
                        unit=match.group("unit"),
                        growth=Decimal(growth) if growth else None,
                        text=match.group(0),
                        indicator_code=_match(name, catalogue),
                    )
                )
    return goals


def _match(name: str, catalogue: dict[str, str]) -> str | None:
    if name in catalogue:
        return catalogue[name]
    close = [code for known, code in catalogue.items() if name in known or known in name]
    return close[0] if len(close) == 1 else None
