"""Quantitative targets as plans write them: 不少于3个, 达到300个, 突破160家, 100%, 翻一番.

`find_targets` reads every target in a piece of text, clause by clause; the words before the figure in its
clause are the metric ("新增高新技术企业不少于10家" → 新增高新技术企业 ≥ 10 家). The text as written is kept.
"""

import re
from decimal import Decimal

from plans.choices import TargetComparator
from plans.services.tasks import TargetSpec

AT_MOST_WORDS = ("不超过", "不高于", "控制在", "低于", "以内")
VERBS = "|".join(
    [
        "不少于",
        "不低于",
        "至少",
        "达到",
        "突破",
        "超过",
        "力争达到",
        "力争",
        "新增",
        "完成",
        "实现",
        "增长",
        "提高到",
        "提升至",
        "提升到",
        "控制在",
        "不超过",
        "不高于",
        "低于",
        "达",
    ]
)
UNITS = "|".join(
    [
        "万平方米",
        "平方米",
        "亿元",
        "万元",
        "千瓦",
        "兆瓦",
        "万人",
        "万吨",
        "公里",
        "百分点",
        "个",
        "家",
        "项",
        "亩",
        "人",
        "户",
        "件",
        "次",
        "场",
        "所",
        "批",
        "条",
        "座",
        "台",
        "套",
        "吨",
        "元",
        "%",
        "％",
        "倍",
        "栋",
    ]
)
# Linear in the text: a figure starts where no digit precedes it and has bounded lengths, so a long run of
# digits is read once, not once from each of its digits (20,000 digits took a minute); spaces are bounded too.
TARGET = re.compile(
    rf"(?P<verb>{VERBS})?\s{{0,3}}(?<![\d.])(?P<value>\d{{1,15}}(?:\.\d{{1,6}})?)(?![\d.])\s{{0,3}}"
    rf"(?P<unit>{UNITS})(?!月|年|日|季|工作日)(?P<tail>以上|以内|左右)?"
)
MAX_TEXT = 5000  # characters of one text read for targets (a task's title and targets are far shorter)
DOUBLE = re.compile(r"翻一番|翻番")
CLAUSE = re.compile(r"[，。；;,！!？?\n]")
NUMBERED = re.compile(r"^[\s（(]*[一二三四五六七八九十\d]+[)）、.．]\s*")


def find_targets(text: str) -> list[TargetSpec]:
    targets = []
    for clause in CLAUSE.split(text[:MAX_TEXT]):
        clause = NUMBERED.sub("", clause).strip()
        if not clause:
            continue
        for match in TARGET.finditer(clause):
            if (
                not match.group("verb")
                and match.group("unit") not in ("%", "％", "百分点")
                and not match.group("tail")
            ):
                continue  # a bare count ("3个园区") is a description, not a target
            targets.append(_spec(clause, match))
        double = DOUBLE.search(clause)
        if double:
            metric = clause[: double.start()].strip() or clause
            targets.append(
                TargetSpec(metric=metric[:200], value=Decimal(2), unit_of_measure="倍", text=clause[:200])
            )
    return targets


LEADING_DEADLINE = re.compile(r"^[\d_x年月日底末上下半季度一二三四]*(?:前|内)")


def _spec(clause: str, match: re.Match) -> TargetSpec:
    metric = LEADING_DEADLINE.sub("", clause[: match.start()]).strip(" ：:")
    metric = metric or clause[match.end() :].strip(" ：:") or clause
    words = (match.group("verb") or "") + (match.group("tail") or "")
    comparator = TargetComparator.AT_LEAST
    if any(word in words for word in AT_MOST_WORDS):
        comparator = TargetComparator.AT_MOST
    elif not words:
        comparator = TargetComparator.EXACTLY
    unit = "%" if match.group("unit") == "％" else match.group("unit")
    return TargetSpec(
        metric=metric[:200],
        value=Decimal(match.group("value")),
        comparator=comparator,
        unit_of_measure=unit,
        text=clause[:200],
    )
