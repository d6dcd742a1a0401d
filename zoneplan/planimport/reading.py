"""One entry point for every way a plan document arrives (file, upload, pasted text)."""

import re

from indicators.catalogue import STANDARD_INDICATORS
from plans.importing.document import read_paragraphs
from plans.importing.outline import ParsedPlan, parse_outline
from zoneplan.planimport.goals import find_goals


def parse_document(data: bytes, *, filename: str = "", year: int) -> tuple[ParsedPlan, list]:
    """The outline and the indicator goals of a document; raises DocumentError with a reason."""
    paragraphs = read_paragraphs(data, filename)
    parsed = parse_outline(paragraphs, year=year)
    catalogue = {name: code for code, name, *_rest in STANDARD_INDICATORS}
    return parsed, find_goals(parsed.preamble, catalogue)


TITLE_WORDS = re.compile(r"方案|计划|要点|安排|意见|办法|规划|清单|任务|举措|措施")


def document_title(parsed: ParsedPlan) -> str:
    """The title the document carries on its first line (XX区2026年工作要点), or ""."""
    first = parsed.preamble[0].strip(" 《》") if parsed.preamble else ""
    if len(first) <= 80 and not first.endswith(("。", "；", "：")) and TITLE_WORDS.search(first):
        return first
    return ""


def as_json(parsed: ParsedPlan, goals: list) -> dict:
    return {
        "title": document_title(parsed),
        "items": [item.as_dict() for item in parsed.items],
        "indicator_targets": [
            {
                "name": g.name,
                "indicator": g.indicator_code,
                "value": str(g.value),
                "unit": g.unit,
                "growth": None if g.growth is None else str(g.growth),
                "text": g.text,
            }
            for g in goals
        ],
    }
