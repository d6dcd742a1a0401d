"""Deadlines as plans write them, turned into dates of the plan's period; the text is always kept.

2026年9月底前, 20__年6月底前 (the plan's year), 9月底前, 年底前, 上半年, 一季度, “十四五”末, and stage lines
such as 第二阶段（3月4日—3月16日）, whose end is the deadline."""

import calendar
import re
from datetime import date

CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4}
FIVE_YEAR_PLANS = {"十三五": 2020, "十四五": 2025, "十五五": 2030, "十六五": 2035}
YEAR = r"(?:(?P<year>\d{4}|20__|20xx|20XX|20××)年)"
PATTERNS = [
    (
        "range",
        re.compile(
            r"(?P<m1>\d{1,2})月(?P<d1>\d{1,2})日\s*[—\-–~～至到]+\s*(?:(?P<m2>\d{1,2})月)?(?P<d2>\d{1,2})日"
        ),
    ),
    ("day", re.compile(YEAR + r"?(?P<month>\d{1,2})月(?P<day>\d{1,2})日(?:前|之前)")),
    ("month", re.compile(YEAR + r"?(?P<month>\d{1,2})月(?:底|末|份)?(?:前|之前|完成|底)")),
    # 年底前, 2027年底前; not 年底 as in 纳入年底考核
    (
        "year_end",
        re.compile(
            r"(?:(?P<year>\d{4}|20__|20xx|20XX|20××)年?(?:底|末)|年底|年末)(?:前|之前|(?=完成|[，。；,;\s]|$))"
        ),
    ),
    ("year_end", re.compile(YEAR + r"?(?:年内|全年)")),  # 年内, 全年
    ("year_end", re.compile(r"(?:到|至)(?P<year>\d{4})年(?:底|末)?")),  # 到2028年
    # 2026年新建…, 2026年完成…: within that year
    (
        "year_end",
        re.compile(r"(?:^|[，。；,;])\s*(?P<year>\d{4})年(?=新建|新增|完成|实现|培育|引进|建成|力争)"),
    ),
    ("half", re.compile(YEAR + r"?(?P<half>上半年|下半年)")),
    ("quarter", re.compile(YEAR + r"?第?(?P<quarter>[一二三四1-4])季度")),
    ("five_year", re.compile(r"[“\"「]?(?P<plan>十[三四五六]五)[”\"」]?(?:期间|时期)?(?:末|期末)")),
]


def find_deadline(text: str, year: int) -> tuple[str, date | None]:
    """The latest deadline written in `text` (of 上半年… and 全年…, the year's end), as (text as written,
    date); ("", None) when there is none."""
    found = _found(text, year)
    if not found:
        return "", None
    _position, written, when = max(found, key=lambda item: (item[2], item[0], len(item[1])))
    return written.rstrip("，。；,;"), when


CLAUSE = re.compile(r"[；;。\n]")


def find_stages(text: str, year: int) -> list[dict]:
    """The dated steps of an item that writes several deadlines (2026年6月底前完成排查；12月底前完成改造):
    each clause with its latest date, by date; [] when the item has fewer than two dates."""
    stages = {}
    clauses = []
    for sentence in CLAUSE.split(text):  # a sentence with two dates is cut at its commas
        clauses += re.split(r"[，,]", sentence) if len(_found(sentence, year)) > 1 else [sentence]
    for clause in clauses:
        written, when = find_deadline(clause, year)
        if when is not None and when not in stages:
            stages[when] = {"text": clause.strip(" ，,")[:200], "deadline": when.isoformat()}
    return [stages[when] for when in sorted(stages)] if len(stages) > 1 else []


def _found(text: str, year: int) -> list[tuple[int, str, date]]:
    found = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            when = _date(kind, match, year)
            if when is not None:
                found.append((match.start(), match.group(0), when))
    return found


def _year(match, year: int) -> int:
    written = match.groupdict().get("year")
    return int(written) if written and written.isdigit() else year


def _date(kind: str, match, year: int) -> date | None:
    try:
        if kind == "range":
            month = int(match.group("m2") or match.group("m1"))
            return date(year, month, int(match.group("d2")))
        if kind == "day":
            return date(_year(match, year), int(match.group("month")), int(match.group("day")))
        if kind == "month":
            target_year, month = _year(match, year), int(match.group("month"))
            return date(target_year, month, calendar.monthrange(target_year, month)[1])
        if kind == "year_end":
            return date(_year(match, year), 12, 31)
        if kind == "half":
            first_half = match.group("half") == "上半年"
            return date(_year(match, year), 6, 30) if first_half else date(_year(match, year), 12, 31)
        if kind == "quarter":
            quarter = CN_DIGITS.get(match.group("quarter")) or int(match.group("quarter"))
            month = quarter * 3
            target_year = _year(match, year)
            return date(target_year, month, calendar.monthrange(target_year, month)[1])
        if kind == "five_year":
            return date(FIVE_YEAR_PLANS[match.group("plan")], 12, 31)
    except ValueError:
        return None
    return None
