"""Messages and labels of the validation rules: ``str.format`` templates in Chinese.

Each states the figures it is about; tests and docs/validation.md quote them.
The rules of the figure definitions keep theirs beside them
(``validation/defined.py``).
"""

NEGATIVE_NUMBER = "{label}为{value}，不能为负数。"
WORKING_DAYS_EXCEED_MONTH = "工作日{days}天，超过{month}月份的{month_days}天。"
WORKING_DAYS_EXCEED_QUARTER = "工作日{days}天，超过本季度的{days_in}天。"
WORKING_DAYS_ZERO = "工作日为0天；不适用时请留空。"
REPORT_EMPTY = "未填报任何办件数据，也没有主要工作。"

FIGURES_MISSING = "未填报任何办件数据（指标均为空）。"

TOTAL_LABELS = {"working_days": "工作日"}
