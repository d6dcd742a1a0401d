"""Plan documents parsed into their outline: the Yulin plan against its hand-written tree, and documents of
our own in each house-style format with their expected results."""

import io
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest

from plans.importing.document import DocumentError, read_paragraphs
from plans.importing.units import split_units
from tests.importing.expected_yulin import COUNTIES, EXPECTED
from zoneplan.planimport.reading import as_json, parse_document

# copies of shared/data/plans, so that a clone alone runs the tests
DATA = Path(__file__).parent / "documents"
DOCUMENTS = Path(__file__).parent / "documents"


def parse(path: Path, year=2026):
    return parse_document(path.read_bytes(), filename=path.name, year=year)


def tree(items):
    return [
        (item.label, item.title, tree(item.children)) if item.is_section
        else (item.label, item.title, item.lead_units, item.cooperating_units)
        for item in items
    ]  # fmt: skip


def as_owners(task) -> list:
    """An expected task with its collective owners (各县（市、区）人民政府) apart from its units."""
    label, title, lead, cooperating = task
    collective = [name for name in (*lead, *cooperating) if name == COUNTIES]
    units = [[name for name in names if name != COUNTIES] for names in (lead, cooperating)]
    return [label, title, *units, collective]


def test_the_yulin_plan_matches_its_hand_written_tree_exactly():
    parsed, _goals = parse(DATA / "yulin-hitech-zone-implementation-plan.txt")
    expected = [(label, title, [as_owners(task) for task in tasks]) for label, title, tasks in EXPECTED]
    collective = {item.label: item.collective_owners for item in parsed.walk()}
    assert [
        (label, title, [[*task, collective[task[0]]] for task in tasks])
        for label, title, tasks in tree(parsed.items)
    ] == expected
    assert sum(1 for item in parsed.walk() if not item.is_section) == 21
    continued = next(item for item in parsed.walk() if item.label == "（二）")
    assert continued.body.endswith("给予经费补助。")  # the paragraph after it continues the task
    assert parsed.preamble[0].startswith("为贯彻落实")


def test_accuracy_over_every_unit_of_the_yulin_plan():
    """Per-unit accuracy, reported in the issue's note; the exact test above requires 100 %."""
    parsed, _goals = parse(DATA / "yulin-hitech-zone-implementation-plan.txt")
    expected = {
        label: (lead, cooperating)
        for _l, _t, tasks in EXPECTED
        for label, _title, lead, cooperating, _collective in map(as_owners, tasks)
    }
    got = {
        item.label: (item.lead_units, item.cooperating_units) for item in parsed.walk() if not item.is_section
    }
    total = sum(len(lead) + len(cooperating) for lead, cooperating in expected.values())
    right = sum(
        sum(a == b for a, b in zip(lead, got[label][0], strict=False))
        + sum(a == b for a, b in zip(cooperating, got[label][1], strict=False))
        for label, (lead, cooperating) in expected.items()
    )
    assert (total, right) == (151, 151)  # and 5 collective owners (各县（市、区）人民政府), held above


def test_full_width_house_style_with_every_annotation_deadline_and_target():
    parsed, _goals = parse(DOCUMENTS / "house-style-full-width.txt")
    items = {(item.level, item.label, item.title): item for item in parsed.walk()}
    assert list(items) == [
        (1, "一、", "项目建设"), (2, "（一）", "推进标准厂房建设"), (3, "1.", "完成一期工程"),
        (3, "2.", "启动二期工程"),
        (4, "（1）", "开展征地拆迁"), (5, "①", "编制补偿方案"), (2, "（二）", "优化营商环境"), (1, "二、",
        "组织保障"),
        (2, "（一）", "加强督查考核"),
    ]  # fmt: skip
    task = items[(2, "（一）", "推进标准厂房建设")]
    assert (task.is_section, task.lead_units, task.cooperating_units) == (
        False,
        ["园区建设局", "招商局"],
        ["财政局"],
    )
    assert (task.deadline_text, task.deadline) == ("2026年9月底前", date(2026, 9, 30))
    assert [(t["metric"], t["comparator"], t["value"], t["unit_of_measure"]) for t in task.targets] == [
        ("建成标准厂房", "gte", "3", "栋"), ("新增入驻企业", "gte", "300", "个")
    ]  # fmt: skip
    first = items[(3, "1.", "完成一期工程")]
    assert (first.lead_units, first.deadline_text, first.deadline) == (
        ["园区建设局"],
        "年底前",
        date(2026, 12, 31),
    )
    second = items[(3, "2.", "启动二期工程")]
    assert (second.lead_units, second.responsible_persons) == (["规划建设处"], ["王立新", "李娜"])
    assert (second.deadline, second.targets[0]["comparator"], second.targets[0]["value"]) == (
        date(2026, 3, 31),
        "eq",
        "100",
    )
    land = items[(4, "（1）", "开展征地拆迁")]
    assert land.lead_units == []  # each county's government: collective owners, no unit
    assert land.collective_owners == ["各县〔区〕人民政府〔管委会〕", "各县（市、区）人民政府"]
    assert land.cooperating_units == ["市自然资源局", "市住房城乡建设局"]
    assert (land.deadline_text, land.deadline) == ("3月4日—3月16日", date(2026, 3, 16))
    plan = items[(5, "①", "编制补偿方案")]
    assert plan.lead_units == ["市发展改革委", "市工业和信息化局", "市财政局"]
    assert plan.collective_owners == ["各省级开发区"]
    assert (plan.deadline_text, plan.deadline) == ("“十四五”末", date(2025, 12, 31))
    assert plan.targets[0]["metric"] == "高新技术企业" and plan.targets[0]["value"] == "160"
    business = items[(2, "（二）", "优化营商环境")]
    assert business.body == "企业开办时间压缩到1个工作日以内。\n园区产值翻一番。"
    assert (business.lead_units, business.targets[0]["unit_of_measure"]) == (["市行政审批局"], "倍")
    assert items[(2, "（一）", "加强督查考核")].deadline == date(2026, 6, 30)  # 20__年 is the plan's year


def test_half_width_punctuation_and_stage_lines():
    parsed, _goals = parse(DOCUMENTS / "half-width.txt")
    rows = [
        (item.level, item.label, item.title, item.is_section, item.lead_units, item.deadline)
        for item in parsed.walk()
    ]
    assert rows == [
        (1, "一、", "招商引资", True, [], None),
        (2, "（一）", "引进重大项目", False, ["投资促进局"], date(2026, 12, 31)),
        (3, "（1）", "举办推介会", False, ["投资促进局"], date(2026, 5, 31)),
        (3, "（2）", "建立项目库", False, ["投资促进局", "统计局"], date(2026, 11, 30)),
        (2, "（二）", "强化要素保障", True, [], None),
        (3, "1.", "保障用地", False, ["市自然资源局", "市住房城乡建设局"], date(2026, 9, 30)),
        (1, "二、", "工作步骤", True, [], None),
        (2, "第一阶段", "(2月1日—2月28日)动员部署", False, ["投资促进局"], date(2026, 2, 28)),
        (2, "第二阶段", "(3月4日—3月16日)自查整改", False, ["投资促进局"], date(2026, 3, 16)),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("written", "units"),
    [
        ("市发展改革委、工业和信息化局、财政局", ["市发展改革委", "市工业和信息化局", "市财政局"]),
        ("市科技局、市场监管局,市税务局等", ["市科技局", "市市场监管局", "市税务局"]),
        ("各县(市、区)人民政府,市教育局、科技局", ["市教育局", "市科技局"]),  # the counties: collective
        ("市委组织部、宣传部", ["市委组织部", "市委宣传部"]),
        ("玉林高新区管委、市科技局", ["玉林高新区管委", "市科技局"]),
        # a name that has its level keeps it: the shorthand completes only what lacks one
        ("市委编办、市商务局、市发改委", ["市委编办", "市商务局", "市发改委"]),
        ("市政务办、市政府政务服务中心", ["市政务办", "市政府政务服务中心"]),
        ("县发展改革局、县市场监管局、交通运输局", ["县发展改革局", "县市场监管局", "县交通运输局"]),
        ("自治区发展改革委、工业和信息化厅", ["自治区发展改革委", "自治区工业和信息化厅"]),
    ],
)
def test_the_shared_prefix_shorthand(written, units):
    assert split_units(written) == units


def test_goals_become_indicator_targets_of_the_plans_year():
    _parsed, goals = parse(DATA / "ji-an-zone-annual-plan-with-targets.txt")
    found = {
        (g.name, g.indicator_code, str(g.value), None if g.growth is None else str(g.growth)) for g in goals
    }
    assert ("地区生产总值", "gdp", "29", "32") in found
    assert ("固定资产投资", "fixed_asset_investment", "10", None) in found
    assert ("财政收入", None, "3", "27") in found  # not in the catalogue: proposed, marked for the planner


def test_the_json_tree_has_every_field():
    parsed, goals = parse(DOCUMENTS / "half-width.txt")
    item = json.loads(json.dumps(as_json(parsed, goals)))["items"][0]["children"][0]
    assert set(item) >= {
        "label",
        "level",
        "title",
        "is_section",
        "lead_units",
        "cooperating_units",
        "responsible_persons",
        "deadline_text",
        "deadline",
        "targets",
        "children",
    }
    assert item["deadline"] == "2026-12-31"


def docx(paragraphs=(), *, extra=None, document_xml=None) -> bytes:
    from docx import Document

    buffer = io.BytesIO()
    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.save(buffer)
    if document_xml is None and extra is None:
        return buffer.getvalue()
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename == "word/document.xml" and document_xml is not None:
                data = document_xml
            target.writestr(entry, data)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return out.getvalue()


def test_a_docx_reads_like_its_text():
    text = (DATA / "yulin-hitech-zone-implementation-plan.txt").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip()]
    assert read_paragraphs(docx(lines), "plan.docx") == lines


BILLION_LAUGHS = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"""
XXE = b"""<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"""


def zip_of(entries: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n  ", "empty"),
        (b"\x00\x01\x02binary\x00", "not a valid Office document"),
        (b"PK\x03\x04 this is no zip", "not a valid Office document"),
        (b"x" * (10 * 1024 * 1024 + 1), "larger than 10 MB"),
        (zip_of({"word/document.xml": b"0" * (30 * 1024 * 1024)}), "suspicious size"),
        (zip_of({f"part{n}.xml": b"x" for n in range(600)}), "too many parts"),
        (zip_of({"../../evil.xml": b"x", "word/document.xml": b"<x/>"}), "unsafe path"),
        (zip_of({"word/other.xml": b"<x/>"}), "not a valid .docx"),
        (docx(document_xml=BILLION_LAUGHS), "damaged or unsafe"),
        (docx(document_xml=XXE), "damaged or unsafe"),
        (docx(document_xml=b"<w:document"), "damaged or unsafe"),
    ],
)
def test_hostile_or_broken_documents_are_refused_with_a_reason(data, message):
    with pytest.raises(DocumentError, match=message):
        read_paragraphs(data, "plan.docx")


def test_binary_sent_as_text_is_refused():
    with pytest.raises(DocumentError, match="not a text"):
        read_paragraphs(b"\x00\x01\x02binary\x00", "plan.txt")


@pytest.mark.parametrize(
    ("text", "written", "when"),
    [
        ("2026年9月底前完成", "2026年9月底前", date(2026, 9, 30)),
        ("20__年6月底前出台", "20__年6月底前", date(2026, 6, 30)),
        ("年底前全面建成", "年底前", date(2026, 12, 31)),
        ("上半年完成规划", "上半年", date(2026, 6, 30)),
        ("一季度启动", "一季度", date(2026, 3, 31)),
        ("“十四五”末基本建成", "“十四五”末", date(2025, 12, 31)),
        ("第二阶段（3月4日—3月16日）自查", "3月4日—3月16日", date(2026, 3, 16)),
        ("11月30日前入库", "11月30日前", date(2026, 11, 30)),
        ("持续推进", "", None),
    ],
)
def test_each_way_of_writing_a_deadline(text, written, when):
    from plans.importing.deadlines import find_deadline

    assert find_deadline(text, 2026) == (written, when)
