"""One entry point for every way a plan document arrives (file, upload, pasted text)."""

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


def as_json(parsed: ParsedPlan, goals: list) -> dict:
    return {
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
