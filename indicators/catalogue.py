"""The standard indicator catalogue of development-zone statistics, with the units people report in."""

from indicators.choices import IndicatorKind

FLOW, STOCK = IndicatorKind.FLOW, IndicatorKind.STOCK

# (code, name, unit of measure, kind, decimals)
STANDARD_INDICATORS = [
    ("gdp", "地区生产总值", "亿元", FLOW, 2),
    ("industrial_output", "规上工业总产值", "亿元", FLOW, 2),
    ("industrial_value_added", "规上工业增加值", "亿元", FLOW, 2),
    ("main_business_revenue", "规上工业主营业务收入", "亿元", FLOW, 2),
    ("fixed_asset_investment", "固定资产投资", "亿元", FLOW, 2),
    ("industrial_investment", "工业投资", "亿元", FLOW, 2),
    ("tax_revenue", "税收收入", "亿元", FLOW, 2),
    ("public_budget_revenue", "一般公共预算收入", "亿元", FLOW, 2),
    ("actual_foreign_investment", "实际利用外资", "万美元", FLOW, 0),
    ("foreign_trade", "外贸进出口总额", "亿元", FLOW, 2),
    ("investment_attracted", "招商引资到位资金", "亿元", FLOW, 2),
    ("new_major_projects", "新签约亿元以上项目数", "个", FLOW, 0),
    ("new_scale_enterprises", "新增规上企业数", "家", FLOW, 0),
    ("high_tech_enterprises", "高新技术企业数", "家", STOCK, 0),
    ("retail_sales", "社会消费品零售总额", "亿元", FLOW, 2),
]


def install_catalogue(indicator_model) -> int:
    """Create the standard indicators that are missing; never touch ones that exist. Returns how many were
    added."""
    added = 0
    for position, (code, name, unit, kind, decimals) in enumerate(STANDARD_INDICATORS, start=1):
        _, created = indicator_model.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "unit_of_measure": unit,
                "kind": kind,
                "decimals": decimals,
                "position": position,
            },
        )
        added += created
    return added
