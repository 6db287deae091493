"""The units an amount is typed or shown in: the one list of them.

Amounts are kept exactly in 元 everywhere; a unit only says how a figure is
typed or shown. Each unit is the power of ten of 元 it stands for:

    >>> AMOUNT_UNITS["万元"], [u for u, _ in UNIT_CHOICES]
    (4, ['元', '万元', '亿元'])
"""

AMOUNT_UNITS = {"元": 0, "万元": 4, "亿元": 8}
UNIT_CHOICES = [(unit, unit) for unit in AMOUNT_UNITS]
YUAN = "元"
# 附件2's unit, and the open data's ``amount_yi``/``trades_amount_yi`` keys'.
YI = "亿元"
# A bureau works in 亿元 until it chooses otherwise, as every bureau did before
# the unit was a setting; its figures show four decimals, as 附件2 prints them.
DEFAULT_AMOUNT_UNIT = YI
DEFAULT_AMOUNT_PLACES = 4
# Amounts are kept to the 分: a unit shows at most this many decimals more than
# its power of ten (亿元: 10, 万元: 6, 元: 2).
FEN_PLACES = 2


def max_places(unit: str) -> int:
    """The decimals that reach the 分 in ``unit``: ``max_places("万元") == 6``."""
    return AMOUNT_UNITS[unit] + FEN_PLACES
