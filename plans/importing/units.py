"""Unit annotations at the end of a task: （牵头单位：甲局、乙局；配合单位：丙局）, [ … ], （责任单位：…）,
（责任部门：…；责任人：…）, and the shorthand of their lists (a prefix shared along a run joined by 、)."""

import re
from dataclasses import dataclass, field

OPENING, CLOSING = "（([【〔", "）)]】〕"
HALF_TO_FULL = str.maketrans({"(": "（", ")": "）", "[": "〔", "]": "〕"})
LEAD_KEYS = ("牵头单位", "牵头部门", "责任单位", "责任部门", "主责单位")
COOPERATING_KEYS = ("配合单位", "配合部门", "协办单位")
PERSON_KEYS = ("责任人", "责任领导", "联系人")
KEYS = re.compile("|".join((*LEAD_KEYS, *COOPERATING_KEYS, *PERSON_KEYS)))
PREFIX = re.compile(r"^(自治区|市委|市|县|区|省)")
NOT_A_PREFIX = ("市场", "市政", "区域", "县域")
TRAILING_ETC = re.compile(r"(等单位|等部门|等)$")


@dataclass
class Annotation:
    lead: list[str] = field(default_factory=list)
    cooperating: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)


def split_annotation(text: str) -> tuple[str, Annotation | None]:
    """Split a paragraph into its text and the unit annotation closing it, if there is one."""
    stripped = text.rstrip(" 。．.;；")
    if not stripped or stripped[-1] not in CLOSING:
        return text, None
    start = _matching_open(stripped)
    if start is None:
        return text, None
    inner = stripped[start + 1 : -1]
    if not KEYS.search(inner):
        return text, None
    return stripped[:start].rstrip(), parse_annotation(inner)


def _matching_open(text: str) -> int | None:
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        if text[index] in CLOSING:
            depth += 1
        elif text[index] in OPENING:
            depth -= 1
            if depth == 0:
                return index
    return None


def parse_annotation(inner: str) -> Annotation:
    annotation = Annotation()
    for part in _split_top(inner, "；;"):
        key, _sep, value = (
            re.split(r"([:：])", part, maxsplit=1) if re.search(r"[:：]", part) else ("", "", part)
        )
        key = key.strip()
        if key in PERSON_KEYS:
            annotation.persons += [p for p in (x.strip() for x in re.split(r"[、，,\s]+", value)) if p]
        elif key in COOPERATING_KEYS:
            annotation.cooperating += split_units(value)
        elif key in LEAD_KEYS or not key:
            annotation.lead += split_units(value)
    return annotation


def split_units(text: str) -> list[str]:
    """`市发展改革委、工业和信息化局、财政局,市税务局等` → 市发展改革委, 市工业和信息化局, 市财政局,
    市税务局."""
    units = []
    for run in _split_top(text, "，,"):
        names = [name.strip() for name in _split_top(run, "、")]
        names = [name for name in names if name]
        if not names:
            continue
        prefix_match = PREFIX.match(names[0])
        prefix = prefix_match.group(1) if prefix_match else ""
        for position, name in enumerate(names):
            if position and prefix and (not name.startswith(prefix) or name.startswith(NOT_A_PREFIX)):
                name = prefix + name
            units.append(name)
    cleaned = [_normalise(name) for name in units]
    return [name for name in dict.fromkeys(cleaned) if name]


def _normalise(name: str) -> str:
    name = TRAILING_ETC.sub("", name.strip())
    return name.replace("(", "（").replace(")", "）").strip()


def _split_top(text: str, separators: str) -> list[str]:
    """Split at `separators` that are not inside brackets."""
    parts, depth, current = [], 0, []
    for char in text:
        if char in OPENING:
            depth += 1
        elif char in CLOSING:
            depth = max(depth - 1, 0)
        if char in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]
