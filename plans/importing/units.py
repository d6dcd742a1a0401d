"""Unit annotations of a task: at its end （牵头单位：甲局、乙局；配合单位：丙局）, [ … ], （责任单位：…）,
or on a line of their own (责任科室：办公室  责任人：张三); the shorthand of their lists
(市发展改革委、工业和信息化局: the administrative level 市 completes a name that lacks one, never one that has
it); and collective owners
(各县区, 市相关部门, 功能板块), which stand for each of several units and are no unit themselves."""

import re
from dataclasses import dataclass, field

OPENING, CLOSING = "（([【〔", "）)]】〕"
HALF_TO_FULL = str.maketrans({"(": "（", ")": "）", "[": "〔", "]": "〕"})
LEAD_KEYS = (
    "牵头单位",
    "牵头部门",
    "牵头科室",
    "牵头处室",
    "责任单位",
    "责任部门",
    "责任科室",
    "责任处室",
    "主责单位",
    "主办单位",
)
COOPERATING_KEYS = ("配合单位", "配合部门", "配合科室", "配合处室", "协办单位", "参与单位")
PERSON_KEYS = ("责任人", "责任领导", "分管领导", "联系人")
DEADLINE_KEYS = ("完成时限", "完成时间", "时间节点", "时限要求", "办结时限")
# Any field of an annotation: 完成时限：…, 工作目标：… (only the units', persons' and deadline's are read).
FIELD = re.compile(r"[\u4e00-\u9fa5]{2,6}(?=\s*[:：])")
KEYS = re.compile("|".join((*LEAD_KEYS, *COOPERATING_KEYS, *PERSON_KEYS)))
# A line that is only an annotation: 责任科室：办公室  责任人：张三 (after the item or closing a paragraph).
ANNOTATION_LINE = re.compile(rf"^[（(【〔\[]?\s*(?:{KEYS.pattern})\s*[:：]")
# The administrative levels a unit's name starts with; the longest first.
LEVEL = re.compile(r"^(自治区|自治州|自治县|省|市|州|盟|县|旗|区)")
# Names whose first character looks like a level but is part of a word: 市场监管局 is the market
# regulator, which a run of the city's units writes without 市; 市政工程 is municipal works.
NO_LEVEL = ("市场", "市政公用", "市政工程", "市政管理", "市政园林", "区域", "县域", "区块链", "州际")
# The party committee's own offices: in a run they take the committee (市委宣传部), not the level alone.
PARTY_OFFICES = ("组织部", "宣传部", "统战部", "政法委", "编办", "网信办", "政研室", "巡察办", "督查室")
TRAILING_ETC = re.compile(r"(等单位|等部门|等)$")
# Owners that stand for each of several units: 各县区, 各县（市、区）人民政府, 各省级开发区, 市相关部门,
# 功能板块, 各有关单位.
COLLECTIVE = re.compile(r"各|相关部门|有关部门|有关单位|相关单位|功能板块|成员单位")
# Not a department of the government: the shorthand's level does not complete it (人民银行XX县支行).
NOT_A_DEPARTMENT = re.compile(r"银行|公司|集团|海关|供电|邮政|电信|移动|联通|铁路|大学|学院|医院")


@dataclass
class Annotation:
    lead: list[str] = field(default_factory=list)
    cooperating: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    deadline: str = ""  # as written after 完成时限：
    collective: list[str] = field(default_factory=list)  # 各县区…: each of several units, no unit itself
    completed: list[str] = field(default_factory=list)  # names the shorthand completed (not as written)


def annotation_line(text: str) -> Annotation | None:
    """The annotation when the whole line is one (责任部门：综合科；责任人：李明), else None."""
    stripped = text.strip().strip("。．.;；")
    if not ANNOTATION_LINE.match(stripped):
        return None
    if stripped[0] in OPENING and stripped[-1] in CLOSING:
        stripped = stripped[1:-1]
    return parse_annotation(stripped)


# An annotation written after the item's last sentence without brackets: …完成投资3亿元。责任单位：区文旅局
INLINE = re.compile(rf"(?<=[。；;！!？?\s])\s*(?=(?:{KEYS.pattern})\s*[:：])")


def split_annotation(text: str) -> tuple[str, Annotation | None]:
    """Split a paragraph into its text and the unit annotation closing it, if there is one: in brackets at its
    end, or after its last sentence without them."""
    stripped = text.rstrip(" 。．.;；")
    start = _matching_open(stripped) if stripped and stripped[-1] in CLOSING else None
    if start is not None and KEYS.search(stripped[start + 1 : -1]):
        return stripped[:start].rstrip(), parse_annotation(stripped[start + 1 : -1])
    inline = INLINE.search(stripped)
    if inline:
        return stripped[: inline.start()].rstrip(), parse_annotation(stripped[inline.start() :].strip())
    return text, None


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
    """`牵头单位：甲；配合单位：乙、丙；责任人：丁` (keys may also follow one another without a separator)."""
    annotation = Annotation()
    for part in _split_top(inner, "；;"):
        for key, value in _keyed(part):
            if key in DEADLINE_KEYS:
                annotation.deadline = value
                continue
            if key and key not in LEAD_KEYS + COOPERATING_KEYS + PERSON_KEYS:
                continue  # a field that names no unit (工作目标：…)
            if key in PERSON_KEYS:
                annotation.persons += [p for p in (x.strip() for x in re.split(r"[、，,\s]+", value)) if p]
                continue
            names, collective, completed = _owners(value)
            annotation.collective += collective
            annotation.completed += completed
            if key in COOPERATING_KEYS:
                annotation.cooperating += names
            else:
                annotation.lead += names
    return annotation


def _keyed(part: str) -> list[tuple[str, str]]:
    """(key, value) pairs of `part`: each key with the text up to the next key; a part without one is the
    lead units'."""
    starts = [_known(match) for match in FIELD.finditer(part)]
    if not starts:
        return [("", part)]
    pairs = []
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(part)
        value = re.sub(r"^\s*[:：]", "", part[match.end() : end])
        pairs.append((match.group(0), value.strip(" \u3000，,、")))
    return pairs


def _known(match: re.Match) -> re.Match:
    """The field's key: a known key ending the matched characters (其中牵头单位 → 牵头单位), or them all."""
    known = KEYS.search(match.group(0))
    if known and known.end() == len(match.group(0)):
        return re.compile(re.escape(known.group(0))).search(match.string, match.start() + known.start())
    return match


def _owners(text: str) -> tuple[list[str], list[str], list[str]]:
    """The units of a list, its collective owners apart, and which names the shorthand completed."""
    units, collective, completed = [], [], []
    for name, built in _expanded(text):
        name = _normalise(name)
        if not name:
            continue
        if COLLECTIVE.search(name):
            collective.append(name)
            continue
        units.append(name)
        if built:
            completed.append(name)
    return list(dict.fromkeys(units)), list(dict.fromkeys(collective)), list(dict.fromkeys(completed))


def split_units(text: str) -> list[str]:
    """`市发展改革委、工业和信息化局、财政局,市税务局等` → 市发展改革委, 市工业和信息化局, 市财政局,
    市税务局 (collective owners left out)."""
    return _owners(text)[0]


def _expanded(text: str) -> list[tuple[str, bool]]:
    """Each name of the list, and whether the shorthand completed it: along a run joined by 、, a name
    without an administrative level takes the level of the run's first name (and a party office its
    committee: 市委宣传部)."""
    names = []
    for run in _split_top(text, "，,"):
        run_names = [name.strip() for name in _split_top(run, "、") if name.strip()]
        level = _level(run_names[0]) if run_names else ""
        for position, name in enumerate(run_names):
            completes = not (_level(name) or COLLECTIVE.search(name) or NOT_A_DEPARTMENT.search(name))
            if position and level and completes:
                names.append((level + ("委" if name.startswith(PARTY_OFFICES) else "") + name, True))
            else:
                names.append((name, False))
    return names


def _level(name: str) -> str:
    """The administrative level the name starts with (市, 县, 自治区…), or "" (市场监管局 has none)."""
    if name.startswith(NO_LEVEL):
        return ""
    match = LEVEL.match(name)
    return match.group(1) if match else ""


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
