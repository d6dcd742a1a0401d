"""A plan's paragraphs parsed into its outline tree.

Numbering at every level — 一、 （一） (一) 1. 1、 （1） (1) ① 第一阶段 — in full- or half-width punctuation.
Levels come from the styles a document uses, in the house order; a paragraph without a number continues the
item above it. An item with items under it is a section; the others are tasks.
"""

import re
from dataclasses import asdict, dataclass, field
from datetime import date

from plans.importing.deadlines import find_deadline, find_stages
from plans.importing.units import annotation_line, split_annotation
from plans.targets import find_targets

CN = "一二三四五六七八九十百零"
STYLES = [  # (style, pattern), in the house order of levels: a stage (第一阶段) is a step of a chapter
    ("chinese", re.compile(rf"^(?P<n>[{CN}]+)\s*[、，,．.]\s*")),
    ("stage", re.compile(rf"^(?P<n>第[{CN}\d]+阶段)\s*")),
    ("paren_chinese", re.compile(rf"^[（(]\s*(?P<n>[{CN}]+)\s*[)）]\s*[、，,．.]?\s*")),
    ("arabic", re.compile(r"^(?P<n>\d{1,3})\s*(?:[、，,．]|\.(?!\d))\s*")),
    ("paren_arabic", re.compile(r"^[（(]\s*(?P<n>\d{1,3})\s*[)）]\s*[、，,．.]?\s*")),
    ("circled", re.compile(r"^(?P<n>[①-⑳])\s*")),
]
LABELS = {
    "chinese": "{n}、",
    "paren_chinese": "（{n}）",
    "arabic": "{n}.",
    "paren_arabic": "（{n}）",
    "circled": "{n}",
    "stage": "{n}",
}
COMPARATOR_SIGNS = {"gte": "≥", "lte": "≤"}
TITLE_END = re.compile(r"[。！？!?]")
MAX_TITLE = 80


@dataclass
class ParsedItem:
    label: str
    style: str
    text: str
    level: int = 0
    title: str = ""
    body: str = ""
    is_section: bool = False
    lead_units: list[str] = field(default_factory=list)
    cooperating_units: list[str] = field(default_factory=list)
    responsible_persons: list[str] = field(default_factory=list)
    collective_owners: list[str] = field(default_factory=list)  # 各县区…: each of several units
    completed_units: list[str] = field(default_factory=list)  # names the shorthand completed
    deadline_text: str = ""
    deadline: date | None = None
    stages: list[dict] = field(default_factory=list)  # [{text, deadline}] when it writes several dates
    targets: list[dict] = field(default_factory=list)
    uncertain: list[str] = field(default_factory=list)
    children: list["ParsedItem"] = field(default_factory=list)

    def as_dict(self) -> dict:
        data = asdict(self)
        data.pop("text")
        data.pop("style")
        data["deadline"] = self.deadline.isoformat() if self.deadline else None
        data["children"] = [child.as_dict() for child in self.children]
        return data


def item_from_dict(data: dict) -> ParsedItem:
    """The inverse of `ParsedItem.as_dict` (the preview keeps the parsed tree between requests)."""
    fields = {key: value for key, value in data.items() if key not in ("children", "deadline")}
    deadline = date.fromisoformat(data["deadline"]) if data.get("deadline") else None
    children = [item_from_dict(child) for child in data.get("children", [])]
    return ParsedItem(style="", text="", deadline=deadline, children=children, **fields)


@dataclass
class ParsedPlan:
    preamble: list[str]
    items: list[ParsedItem]

    def walk(self):
        """Every item, depth first, in document order."""
        stack = list(reversed(self.items))
        while stack:
            item = stack.pop()
            yield item
            stack.extend(reversed(item.children))


def numbering(paragraph: str) -> tuple[str, str, str] | None:
    """(style, label in house style, rest of the paragraph) when the paragraph starts with a number."""
    for style, pattern in STYLES:
        match = pattern.match(paragraph)
        if match and paragraph[match.end() :].strip():
            return style, LABELS[style].format(n=match.group("n")), paragraph[match.end() :].strip()
    return None


def parse_outline(paragraphs: list[str], *, year: int) -> ParsedPlan:
    preamble: list[str] = []
    flat: list[ParsedItem] = []
    for paragraph in paragraphs:
        numbered = numbering(paragraph)
        if numbered:
            style, label, rest = numbered
            flat.append(ParsedItem(label=label, style=style, text=rest))
        elif flat:
            flat[-1].text += "\n" + paragraph
        else:
            preamble.append(paragraph)
    present = [style for style, _pattern in STYLES if any(item.style == style for item in flat)]
    roots: list[ParsedItem] = []
    open_items: list[ParsedItem] = []
    for item in flat:
        rank = present.index(item.style)
        while open_items and present.index(open_items[-1].style) >= rank:
            open_items.pop()
        (open_items[-1].children if open_items else roots).append(item)
        open_items.append(item)
        item.level = len(open_items)
    plan = ParsedPlan(preamble=preamble, items=roots)
    for item in plan.walk():
        _fill(item, year=year)
    for item in plan.walk():  # a stage's (a dated section's) tasks without a deadline of their own inherit it
        for child in item.children:
            if child.deadline is None and item.deadline is not None:
                child.deadline, child.deadline_text = item.deadline, item.deadline_text
    return plan


def _fill(item: ParsedItem, *, year: int) -> None:
    lines, deadlines = [], []
    for line in _join_lines(item.text).split("\n"):
        annotation = annotation_line(line)  # a line of its own: 责任科室：…  责任人：…
        if annotation is None:
            line, annotation = split_annotation(line)  # each paragraph may close with its units
            lines.append(line)
        if annotation:
            item.lead_units += annotation.lead
            item.cooperating_units += annotation.cooperating
            item.responsible_persons += annotation.persons
            item.collective_owners += annotation.collective
            item.completed_units += annotation.completed
            deadlines.append(annotation.deadline)
    text = "\n".join(lines)
    # An item with items under it is a section, unless units answer for it: then it is a task with sub-tasks.
    item.is_section = bool(item.children) and not (
        item.lead_units or item.cooperating_units or item.collective_owners
    )
    end = TITLE_END.search(text)
    if end and end.end() < len(text):
        item.title, item.body = text[: end.start()].strip(), text[end.end() :].strip()
    else:
        item.title = text.rstrip("。；;，, ").strip()
    if len(item.title) > MAX_TITLE:
        item.uncertain.append("long_title")
    item.deadline_text, item.deadline = find_deadline("\n".join([text, *deadlines]), year)
    item.stages = find_stages(text, year)
    item.targets = [
        {
            "metric": t.metric,
            "comparator": t.comparator.value,
            "value": str(t.value),
            "unit_of_measure": t.unit_of_measure,
            "text": t.text,
            "shown": f"{t.metric} {COMPARATOR_SIGNS.get(t.comparator.value, '')}{t.value}{t.unit_of_measure}",
        }
        for t in find_targets(text)
    ]
    if item.collective_owners:
        item.uncertain.append("collective_owner")
    if not item.is_section and not item.lead_units and not item.collective_owners:
        item.uncertain.append("no_lead_unit")


def _join_lines(text: str) -> str:
    """Lines broken inside a sentence are one line; a line after a full stop starts a new sentence."""
    lines = text.split("\n")
    joined = lines[0]
    for line in lines[1:]:
        joined += ("" if joined and joined[-1] not in "。；;！？!?）)]" else "\n") + line
    return joined
