"""The month's indicator table (主要经济指标完成情况表) as a printable sheet."""

from indicators.selectors import indicator_rows, peer_zones
from zoneplan.core.spreadsheets import Column, ledger

COLUMNS = [
    Column("序号", 6), Column("指标", 24, wrap=True), Column("单位", 8), Column("本月", 12), Column("累计",
    12),
    Column("同比增长（%）", 12), Column("年度目标", 12), Column("目标增速（%）", 12), Column("完成率（%）",
    10),
    Column("序时进度（%）", 10), Column("排名", 8),
]  # fmt: skip


def indicator_table(zone, *, year: int, month: int) -> bytes:
    peers = peer_zones(zone)
    rows = indicator_rows(zones=[zone], year=year, month=month, rank_among=peers)
    lines = [
        [
            number,
            row.indicator.name,
            row.indicator.unit_of_measure,
            row.month_value,
            row.cumulative_value,
            row.yoy,
            row.target_value,
            row.target_growth,
            row.completion,
            row.time_progress,
            f"{row.rank}/{row.ranked_zones}" if row.rank else "",
        ]
        for number, row in enumerate(rows, start=1)
    ]
    return ledger(f"{zone.name}主要经济指标完成情况表", COLUMNS, lines, subtitle=f"{year}年1—{month}月")
