"""The forms real plans take that the importer once got wrong (issue 27): written here as offices write
them, not copied from the documents the importer was measured on."""

import io
import re
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from plans.importing.document import DocumentError, chinese_number, read_paragraphs
from plans.importing.units import annotation_line, parse_annotation
from tests.importing.test_parsing import DOCUMENTS, parse

LIBRARY = DOCUMENTS / "library-service-month.txt"
COUNTY = DOCUMENTS / "county-business-environment.txt"


def rows(path):
    parsed, _goals = parse(path)
    return {
        (item.level, item.label, item.title[:8]): (
            item.is_section,
            item.lead_units,
            item.cooperating_units,
            item.collective_owners,
            item.responsible_persons,
            item.deadline,
        )
        for item in parsed.walk()
    }


def test_a_campaign_plan_with_stages_and_annotation_lines():
    """Stage lines with a date range are sections whose tasks inherit the end of the range; 责任科室 and
    责任人 on lines of their own annotate the task above; a person is never a unit."""
    got = rows(LIBRARY)
    stage_one = (2, "第一阶段", "（3月1日—3月")
    assert got[stage_one] == (True, [], [], [], [], date(2026, 3, 4))
    assert got[(3, "1.", "召开全馆动员大会")] == (False, ["办公室"], [], [], ["张立华"], date(2026, 3, 4))
    assert got[(3, "2.", "各科室对照方案梳")][1:5] == (["办公室", "读者服务部"], [], [], ["王芳"])
    assert got[(3, "2.", "开展“名家讲坛”")] == (
        False,
        ["阅读推广部"],
        ["办公室", "信息技术部"],
        [],
        [],
        date(2026, 3, 25),
    )
    assert got[(3, "3.", "完成数字阅读平台")][5] == date(2026, 3, 25)  # its own, the later of two dates
    assert got[(3, "2.", "总结活动经验做法")][1:] == (["办公室"], [], [], ["张立华"], date(2026, 3, 31))
    assert got[(2, "（二）", "强化督查考核")][5] is None  # 纳入年底科室考核 is no deadline
    every_unit = {name for row in got.values() for name in (*row[1], *row[2])}
    assert not every_unit & {"张立华", "王芳", "李军", "赵明", "责任人"}


def test_a_county_plan_with_collective_owners_and_shorthand():
    got = rows(COUNTY)
    online = got[(2, "（一）", "推进政务服务“一")]
    assert online[1:4] == (["县政务服务中心", "县委编办"], [], ["县直各有关部门", "各乡镇人民政府"])
    assert online[5] == date(2026, 12, 31)  # of 6月底前 and 12月底前, the later
    assert got[(2, "（二）", "压缩企业开办时间")][2] == ["县公安局", "县税务局", "县人社局"]
    assert got[(2, "（三）", "优化工程建设项目")][2] == ["县发展改革局", "县自然资源局", "县政务服务中心"]
    assert got[(2, "（一）", "保障项目用地")][2:4] == (["县工业园区管委会"], ["各乡镇人民政府"])
    assert got[(2, "（二）", "缓解企业融资难题")][1] == ["县财政局", "人民银行XX县支行"]
    assert got[(2, "（一）", "落实工作责任")][1:4] == ([], [], ["各乡镇人民政府", "县直各部门"])
    assert got[(2, "（二）", "严格督查问效")][1] == ["县委督查室", "县政府督查室"]


@pytest.mark.parametrize(
    ("line", "lead", "persons"),
    [
        ("责任科室：综合科　责任人：李明", ["综合科"], ["李明"]),
        ("责任部门：财务部；责任人：周红、陈刚", ["财务部"], ["周红", "陈刚"]),
        ("牵头科室：办公室", ["办公室"], []),
        ("（责任处室：规划处  分管领导：孙伟）", ["规划处"], ["孙伟"]),
    ],
)
def test_an_annotation_on_a_line_of_its_own(line, lead, persons):
    annotation = annotation_line(line)
    assert (annotation.lead, annotation.persons) == (lead, persons)


def test_a_sentence_is_no_annotation_line():
    assert annotation_line("责任单位要切实履行主体责任，确保按期完成。") is None


def test_the_shorthand_marks_the_names_it_built():
    annotation = parse_annotation("牵头单位：市发展改革委、工业和信息化局、市财政局")
    assert annotation.lead == ["市发展改革委", "市工业和信息化局", "市财政局"]
    assert annotation.completed == ["市工业和信息化局"]


def test_two_targets_of_one_sentence_are_shown_once_each():
    parsed, _goals = parse(COUNTY)
    loans = next(item for item in parsed.walk() if item.title.startswith("缓解企业融资难题"))
    assert [target["shown"] for target in loans.targets] == [
        "组织银企对接活动 ≥4次",
        "新增普惠小微贷款 ≥5亿元",
    ]


# Word's automatic numbering: two documents whose outline numbers are list numbers, not text.
NUMBERING = """<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"""


def docx(paragraphs: list[tuple[int | None, str]], numbering: str = NUMBERING) -> bytes:
    """A .docx whose paragraphs are (list level or None, text)."""
    body = "".join(
        "<w:p>"
        + (
            f'<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="5"/></w:numPr></w:pPr>'
            if level is not None
            else ""
        )
        + f"<w:r><w:t>{text}</w:t></w:r></w:p>"
        for level, text in paragraphs
    )
    document = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document)
        archive.writestr("word/numbering.xml", numbering)
    return buffer.getvalue()


def test_word_list_numbers_become_the_outline():
    data = docx(
        [
            (None, "XX开发区2026年招商引资工作要点"),
            (0, "强化项目招引"),
            (1, "开展产业链招商。全年引进亿元以上项目10个以上。（牵头单位：招商局）"),
            (1, "办好专题推介活动。（牵头单位：招商局；配合单位：经发局）"),
            (0, "优化服务保障"),
            (1, "落实项目代办制度"),
            (2, "建立重点项目专班。（责任单位：行政审批局）"),
            (2, "每月召开项目调度会。（责任单位：经发局）"),
        ]
    )
    paragraphs = read_paragraphs(data, "plan.docx")
    assert paragraphs[1:] == [
        "一、强化项目招引",
        "（一）开展产业链招商。全年引进亿元以上项目10个以上。（牵头单位：招商局）",
        "（二）办好专题推介活动。（牵头单位：招商局；配合单位：经发局）",
        "二、优化服务保障",
        "（一）落实项目代办制度",
        "1.建立重点项目专班。（责任单位：行政审批局）",
        "2.每月召开项目调度会。（责任单位：经发局）",
    ]


def test_a_list_that_restarts_and_counts_past_ten():
    paragraphs = [(None, "XX园区安全生产专项整治方案")] + [(0, f"第{n}项任务") for n in range(1, 13)]
    numbers = [
        re.match(r"^[一二三四五六七八九十]+、", text).group(0)
        for text in read_paragraphs(docx(paragraphs))[1:]
    ]
    assert numbers[9:] == ["十、", "十一、", "十二、"]
    assert [chinese_number(n) for n in (1, 10, 12, 20, 35, 99)] == [
        "一",
        "十",
        "十二",
        "二十",
        "三十五",
        "九十九",
    ]


def test_an_old_word_or_wps_file_gets_a_clear_message(settings, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")  # no LibreOffice on the server
    old = bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 512
    for name in ("plan.doc", "plan.wps"):
        with pytest.raises(DocumentError, match=r"save it as \.docx"):
            read_paragraphs(old, name)


@pytest.mark.django_db
def test_the_form_takes_the_title_from_the_document_and_asks_no_zone_of_a_one_zone_planner(world, signed_in):
    client = signed_in(world.users["planner"])
    form = client.get("/plans/import/").content.decode()
    assert 'type="hidden" name="zone"' in form
    document = SimpleUploadedFile("county.txt", COUNTY.read_bytes())
    response = client.post("/plans/import/", {"zone": world.zone.pk, "year": 2026, "document": document})
    assert response.status_code == 302
    preview = client.get("/plans/import/preview/").content.decode()
    assert "XX县2026年优化营商环境攻坚行动方案" in preview
    assert re.search(r'class="chip collective"[^>]*>各乡镇人民政府 · ', preview)  # said to be collective


@pytest.mark.django_db
def test_a_name_the_shorthand_built_and_no_unit_has_is_doubtful(world, signed_in):
    client = signed_in(world.users["planner"])
    text = "XX区2026年工作要点\n一、推进改革\n（一）深化机构改革。（牵头单位：市委编办、市科技局、组织部）"
    response = client.post("/plans/import/", {"zone": world.zone.pk, "year": 2026, "text": text})
    assert response.status_code == 302
    preview = client.get("/plans/import/preview/").content.decode()
    assert re.search(r'class="chip doubtful"[^>]*>市委组织部 \?', preview)
    assert re.search(r'class="chip new"[^>]*>市委编办<', preview)  # as written: new, not doubtful
    assert re.search(r'class="chip"\s*>市科技局', preview)


@pytest.mark.parametrize(
    ("line", "lead", "cooperating", "deadline"),
    [
        (
            "牵头部门：经济发展局　配合部门：财政局、统计站　完成时限：2026年12月底",
            ["经济发展局"],
            ["财政局", "统计站"],
            "2026年12月底",
        ),
        ("责任领导：李明 牵头部门：规划建设局 完成时限：2026年10月底", ["规划建设局"], [], "2026年10月底"),
        ("牵头单位：招商局；工作目标：引进项目5个；完成时间：6月底前", ["招商局"], [], "6月底前"),
    ],
)
def test_fields_that_name_no_unit_are_not_read_as_units(line, lead, cooperating, deadline):
    annotation = annotation_line(line)
    assert (annotation.lead, annotation.cooperating, annotation.deadline) == (lead, cooperating, deadline)


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("2026年培育链主企业5家以上，2027年底前达到10家", date(2027, 12, 31)),
        ("到2028年，亩均税收达到30万元以上", date(2028, 12, 31)),
        ("加快标准厂房建设，2026年新建标准厂房50万平方米", date(2026, 12, 31)),
        ("将落实情况纳入年底考核", None),
    ],
)
def test_deadlines_written_by_the_year(text, when):
    from plans.importing.deadlines import find_deadline

    assert find_deadline(text, 2026)[1] == when


def test_the_accuracy_on_the_measured_documents_meets_the_goal():
    """bench/import_accuracy.py's documents: every item's units and deadline exact (docs/plan-import.md)."""
    from bench.import_accuracy import DOCUMENTS, measured

    for name, (path, gold) in DOCUMENTS.items():
        figures = measured(path, gold)
        assert (figures["units"], figures["deadlines"]) == (figures["items"], figures["dated"]), name


def test_several_deadlines_of_one_item_are_its_stages():
    parsed, _goals = parse(COUNTY)
    online = next(item for item in parsed.walk() if item.title.startswith("推进政务服务"))
    assert [(stage["deadline"], stage["text"][:12]) for stage in online.stages] == [
        ("2026-06-30", "2026年6月底前，县级"),
        ("2026-12-31", "2026年12月底前，实"),
    ]
    assert online.deadline == date(2026, 12, 31)  # the last stage
    single = next(item for item in parsed.walk() if item.title.startswith("压缩企业开办时间"))
    assert single.stages == []


@pytest.mark.django_db
def test_a_task_is_coloured_and_shown_by_its_next_stage(world, signed_in):
    from datetime import timedelta

    from django.utils import timezone

    from plans.models import Plan, Task
    from plans.rows import task_rows

    today = timezone.localdate()
    stage_day, deadline = today + timedelta(days=3), today + timedelta(days=200)
    stages = [
        {"text": "完成管网排查", "deadline": stage_day.isoformat()},
        {"text": "完成改造", "deadline": deadline.isoformat()},
    ]
    Task.objects.filter(pk=world.task.pk).update(stages=stages, deadline=deadline, percent=0)
    Plan.objects.filter(pk=world.plan.pk).update(start_date=today - timedelta(days=10))  # on schedule
    [row] = task_rows([Task.objects.get(pk=world.task.pk)], today=today)
    assert row.colour == "yellow" and "完成管网排查" in row.colour_reason
    page = signed_in(world.users["reporter"]).get(f"/tasks/{world.task.pk}/").content.decode()
    assert "完成管网排查" in page and "完成改造" in page


@pytest.mark.parametrize(
    ("text", "lead", "cooperating", "collective"),
    [
        (
            "加快古镇保护性开发项目建设，年内完成一期主体工程。责任单位：区文旅局、区住建局",
            ["区文旅局", "区住建局"],
            [],
            [],
        ),
        ("举办油菜花旅游节。责任单位：区文旅局；配合单位：各镇（街道）", ["区文旅局"], [], ["各镇（街道）"]),
        ("责任单位要切实履行主体责任，确保按期完成。", [], [], []),
    ],
)
def test_an_annotation_after_the_last_sentence_without_brackets(text, lead, cooperating, collective):
    from plans.importing.units import split_annotation

    _rest, annotation = split_annotation(text)
    got = (annotation.lead, annotation.cooperating, annotation.collective) if annotation else ([], [], [])
    assert got == (lead, cooperating, collective)
