"""Hand-written answers for the documents the importer's accuracy is measured on (bench/import_accuracy.py),
written from the documents before the importer read them. Per item: label, lead units, cooperating units,
collective owners, deadline (ISO) or None."""

from tests.importing.expected_yulin import COUNTIES, EXPECTED

CITY = "city-industrial-park-action-plan.txt"
ZONE = "zone-key-tasks-2026.txt"

GOLD = {
    CITY: [
        ("1.", ["市商务局", "市发展改革委"], [], ["各开发区管委会"], "2026-12-31"),
        ("2.", ["市工业和信息化局"], ["市财政局", "市科技局"], [], "2027-12-31"),
        ("3.", [], ["市住房城乡建设局", "市自然资源和规划局"], ["各县（市、区）人民政府"], "2026-12-31"),
        ("4.", ["市生态环境局", "市住房城乡建设局"], [], [], "2026-12-31"),
        ("5.", ["市发展改革委"], ["市税务局", "国网XX供电公司", "市统计局"], [], "2026-09-30"),
        ("6.", ["市自然资源和规划局", "市生态环境局", "市水利局"], [], [], None),
        ("（一）", ["市商务局"], [], [], None),
        ("（二）", ["市委督查室", "市政府督查室"], [], [], "2026-12-31"),
    ],
    ZONE: [
        ("1.", ["经济发展局"], ["财政局", "统计站"], [], "2026-12-31"),
        ("2.", ["经济发展局"], ["投资促进局"], [], "2026-12-31"),
        ("3.", ["项目服务中心"], ["规划建设局", "自然资源分局"], [], "2026-12-31"),
        ("4.", ["规划建设局"], [], [], "2026-10-31"),
        ("5.", ["投资促进局"], [], ["各招商分局"], "2026-12-31"),
        ("6.", ["投资促进局"], [], [], "2026-11-30"),
    ],
}


# Written after the importer was last changed, with their answers, and read by it once (docs/plan-import.md):
# the measurement on documents it was not tuned to. Not in the tests: a miss here is a finding, not a failure.
PARK = "park-safety-rectification-plan.txt"
DISTRICT = "district-tourism-action-plan.txt"

HELD_OUT = {
    PARK: [
        ("（一）", ["园区安监局"], ["应急管理分局", "消防救援站"], [], "2026-05-31"),
        ("（二）", ["园区安监局"], [], ["各企业主体"], None),
        ("（三）", ["市场监管分局"], [], [], "2026-09-30"),
        ("（四）", ["应急管理分局"], ["消防救援站", "园区医院"], [], "2026-10-31"),
        ("（一）", [], [], ["园区各部门"], None),
        ("（二）", ["园区纪工委"], [], [], None),
    ],
    DISTRICT: [
        ("1.", ["区文旅局", "区住建局", "古镇管委会"], [], [], "2026-12-31"),
        ("2.", ["区投资促进中心", "区文旅局"], [], [], "2026-12-31"),
        ("3.", ["区文旅局"], [], ["各镇（街道）"], "2026-03-31"),
        ("4.", ["区文旅局"], [], [], "2026-12-31"),
        ("5.", ["区文旅局", "区城管局"], [], [], "2026-11-30"),
        ("6.", ["区市场监管局"], ["区公安分局", "区文旅局"], [], None),
    ],
}


def yulin_gold() -> list[tuple]:
    """The Yulin plan's answers (tests/importing/expected_yulin.py), its tasks only, deadlines not checked."""
    rows = []
    for _label, _title, tasks in EXPECTED:
        for label, _task_title, lead, cooperating in tasks:
            collective = [name for name in (*lead, *cooperating) if name == COUNTIES]
            units = [[name for name in names if name != COUNTIES] for names in (lead, cooperating)]
            rows.append((label, *units, collective, ...))
    return rows
