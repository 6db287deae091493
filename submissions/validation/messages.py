"""Messages and labels of the validation rules: ``str.format`` templates in Chinese.

Each states the figures it is about; tests and docs/validation.md quote them.
"""

# The department table's two column groups map onto these case categories.
LICENSING_CATEGORY = "行政许可事项"
SERVICE_CATEGORY = "公共服务事项"


NEGATIVE_NUMBER = "{label}为{value}，不能为负数。"
COMPLETED_EXCEEDS_ACCEPTED = (
    "{part}办结{completed}件，超过受理{accepted}件，多{difference}件。"
)
TOTALS_INCONSISTENT = (
    "受理总数{accepted}件，与办结{completed}件加正在办理{in_progress}件之和"
    "{sum}件不一致，相差{difference}件。"
)
WORKING_DAYS_EXCEED_MONTH = "工作日{days}天，超过{month}月份的{month_days}天。"
WORKING_DAYS_EXCEED_QUARTER = "工作日{days}天，超过本季度的{days_in}天。"
WORKING_DAYS_ZERO = "工作日为0天；不适用时请留空。"
REPORT_EMPTY = "未填报任何办件数据，也没有主要工作。"

FIGURES_MISSING = "未填报任何办件数据（受理、办结、分类办件及其他指标均为空）。"
CATEGORIES_SUM_ACCEPTED = (
    "分类受理合计{sum}件，与受理总数{total}件不一致，相差{difference}件。"
)
CATEGORIES_SUM_COMPLETED = (
    "分类办结合计{sum}件，与办结总数{total}件不一致，相差{difference}件。"
)
MONTHLY_CHANGE = (
    "受理总数{current}件，较{previous_period}的{previous}件{direction}了"
    "{difference}件（{percent}），变化幅度超过{limit}。"
)
MONTHLY_CHANGE_FROM_ZERO = (
    "受理总数{current}件，{previous_period}为0件，变化幅度超过{limit}。"
)
COMPLETION_RATE_LOW = (
    "{part}办结率{rate}（受理{accepted}件，办结{completed}件），低于{limit}。"
)
DEPARTMENT_TABLE_SUM = (
    "附件1各窗口单位{category}{column}合计{sum}件，与{category}{column}{total}件"
    "不一致，相差{difference}件。"
)

TOTAL_LABELS = {
    "accepted_total": "受理总数",
    "completed_total": "办结总数",
    "in_progress_total": "正在办理",
    "working_days": "工作日",
}
# (category, accepted definition, completed definition) of the department
# table: until the case categories are definitions too (then ``sums_to``).
DEPARTMENT_GROUPS = [
    (LICENSING_CATEGORY, "hall_licensing_accepted", "hall_licensing_completed"),
    (SERVICE_CATEGORY, "hall_service_accepted", "hall_service_completed"),
]
