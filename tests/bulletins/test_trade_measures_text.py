"""Trade sentences with measures (DESIGN 5.4): savings, a count-only category and
one reported beside the total; without measures the text is as before."""

from decimal import Decimal

from bulletins.narrative.base import JUNE
from bulletins.narrative.trades import TradeLine, trades_text


def test_savings_count_only_and_beside_the_total():
    text = trades_text(
        JUNE,
        [
            TradeLine("工程建设", "项", 76, Decimal("617980000"), Decimal("31854900")),
            TradeLine("政府采购", "项", 163, Decimal("202390000"), Decimal("8194900")),
            TradeLine(
                "矿业权交易",
                "宗",
                5,
                Decimal(0),
                count_only=True,
                beside_total=True,
            ),
        ],
        total_savings=Decimal("40049800"),
    )
    assert text == (
        "6月份，公共资源交易总量为239件，交易金额为8.20亿元，节约资金0.40亿元。"
        "其中，工程建设76项，交易金额6.18亿元，节约资金0.32亿元；"
        "政府采购163项，交易金额2.02亿元，节约资金0.08亿元。"
        "另，矿业权交易5宗（不计入总量）。"
    )


def test_without_measures_the_sentence_is_unchanged():
    assert trades_text(
        JUNE,
        [
            TradeLine("政府采购", "项", 162, Decimal("144000000")),
            TradeLine("国有产权交易", "宗", 0, Decimal(0)),
        ],
    ) == (
        "6月份，公共资源交易总量为162件，交易金额为1.44亿元。"
        "其中，政府采购162项，交易金额1.44亿元；国有产权交易无交易。"
    )
