"""Defined figures as plain values, and the pure arithmetic on them.

One type, ``DefinedFigure``, carries a figure definition's stated total and
parts from the selectors to validation, the clerk's preview, the profile's values
and open data: plain ints, exact ``Decimal`` 元 and strings, no ORM object inside.

    >>> fig = DefinedFigure(1, "intake", "受理", parts=(
    ...     Part(1, "窗口受理", 2920), Part(2, "统一平台受理", 3468)), total=7173)
    >>> fig.parts_sum, fig.printed_total, fig.total_is_stated
    (6388, 7173, True)

``None`` is a blank figure and never counts as 0: a sum of blanks is blank, a
blank part is left out of rankings and sentences, a stated 0 is printed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from bureaus.units import AMOUNT_UNITS

from .figures import BELOW, round_half_up

COUNT = "count"
AMOUNT = "amount"
LAST = "last"  # a stock (正在办理): over several periods, the latest stated
AMOUNT_PLACES = 2
# The units an amount may be typed in, and how many 元 each is.
UNIT_YUAN = {unit: Decimal(10) ** power for unit, power in AMOUNT_UNITS.items()}

Value = int | Decimal


@dataclass(frozen=True)
class Part:
    """One option's figure (``None``: blank)."""

    option_id: int
    name: str
    value: Value | None = None
    order: int = 0


@dataclass(frozen=True)
class DefinedFigure:
    """A definition's figures in one report or summed over a period."""

    definition_id: int
    code: str
    name: str
    value_type: str = COUNT
    unit: str = "件"
    parts_rule: str = "none"
    rank_top: int | None = None
    order: int = 0
    breakdown: int | None = None  # the breakdown's id
    # Another definition whose total the parts are checked against (受理 for
    # 承办单/重新办理单), and one this figure may not exceed (办结 ≤ 受理).
    parts_of: int | None = None
    not_above: int | None = None
    # The definition (and option) whose figure the parts should sum to.
    sums_to: int | None = None
    sums_to_option: int | None = None
    # Percent: a printed total moving more than this against the previous
    # period's is a warning (受理).
    change_limit: Decimal | None = None
    aggregation: str = "sum"  # over periods: "sum", or LAST for a stock
    total: Value | None = None  # the stated total (None: not stated)
    parts: tuple[Part, ...] = field(default_factory=tuple)

    @property
    def parts_sum(self) -> Value | None:
        return sum_given(p.value for p in self.parts)

    @property
    def total_is_stated(self) -> bool:
        return self.total is not None

    @property
    def printed_total(self) -> Value | None:
        """The stated total when there is one, else the sum of the parts."""
        return self.total if self.total is not None else self.parts_sum

    @property
    def is_blank(self) -> bool:
        return self.total is None and all(p.value is None for p in self.parts)


def sum_given(values: Iterable[Value | None]) -> Value | None:
    """Sum of the non-blank values; None when every one is blank.

    >>> sum_given([1, None, 2]), sum_given([None]), sum_given([0, None])
    (3, None, 0)
    """
    given = [v for v in values if v is not None]
    return sum(given) if given else None


def aggregate(figures: Sequence[DefinedFigure]) -> DefinedFigure:
    """One definition's figures summed over several reports (months of a
    quarter, 1至N月, in period order): totals and each option summed, blanks
    kept blank; a stock (``aggregation`` LAST: 正在办理) takes the latest.

    >>> a = DefinedFigure(1, "c", "咨询", total=5, parts=(Part(1, "甲", 2),))
    >>> b = DefinedFigure(1, "c", "咨询", total=None, parts=(Part(1, "甲", 3),))
    >>> s = aggregate([a, b]); s.total, s.parts[0].value
    (5, 5)
    """
    first = figures[0]
    combine = _latest if first.aggregation == LAST else sum_given
    options: dict[int, list[Part]] = {}
    for figure in figures:
        for part in figure.parts:
            options.setdefault(part.option_id, []).append(part)
    parts = tuple(
        Part(
            rows[0].option_id,
            rows[0].name,
            combine(r.value for r in rows),
            rows[0].order,
        )
        for rows in sorted(options.values(), key=lambda r: (r[0].order, r[0].option_id))
    )
    return replace(first, total=combine(f.total for f in figures), parts=parts)


def _latest(values: Iterable[Value | None]) -> Value | None:
    """The last non-blank value (the periods in order); None when all are blank.

    >>> _latest([3, None, 5, None]), _latest([None])
    (5, None)
    """
    given = [v for v in values if v is not None]
    return given[-1] if given else None


@dataclass(frozen=True)
class RankedPart:
    rank: int  # 1-based; equal values share a rank (1, 2, 2, 4)
    name: str
    value: Value
    tied: bool  # another option has the same value


@dataclass(frozen=True)
class Ranking:
    rows: tuple[RankedPart, ...]
    # Options left out although equal to the last row shown.
    tied_beyond: int = 0


def ranking(parts: Iterable[Part], top: int) -> Ranking:
    """The ``top`` options by value, largest first; blanks left out.

    Equal values share a rank and keep the options' display order (stable),
    and the ranking says when the cut at ``top`` separates equal values.

    >>> r = ranking([Part(1, "甲", 5, 1), Part(2, "乙", 7, 2), Part(3, "丙", 5, 3),
    ...              Part(4, "丁", 5, 4)], 3)
    >>> [(x.rank, x.name, x.tied) for x in r.rows], r.tied_beyond
    ([(1, '乙', False), (2, '甲', True), (2, '丙', True)], 1)
    """
    given = [p for p in parts if p.value is not None]
    ordered = sorted(given, key=lambda p: (-p.value, p.order, p.option_id))
    counts: dict[Value, int] = {}
    for part in ordered:
        counts[part.value] = counts.get(part.value, 0) + 1
    rows = []
    for part in ordered[:top]:
        rank = 1 + sum(1 for other in ordered if other.value > part.value)
        rows.append(RankedPart(rank, part.name, part.value, counts[part.value] > 1))
    beyond = 0
    if rows and len(ordered) > top:
        last = rows[-1].value
        beyond = sum(1 for p in ordered[top:] if p.value == last)
    return Ranking(tuple(rows), beyond)


def amount_text(amount_yuan: Value, unit: str) -> str:
    """元 as ``unit`` text, two decimals, half-up from the exact figure.

    >>> wan = "万元"
    >>> amount_text(Decimal("31850000"), wan), amount_text(1, wan), amount_text(0, wan)
    ('3185.00', '不足0.01', '0')
    """
    if amount_yuan == 0:
        return "0"
    shown = round_half_up(Decimal(amount_yuan) / UNIT_YUAN[unit], AMOUNT_PLACES)
    if shown == 0:
        return f"{BELOW}0.01"
    return f"{shown:f}"


def value_text(figure: DefinedFigure, value: Value) -> str:
    """A figure with its unit: counts with their measure word (120件), amounts
    in the definition's unit with two decimals.

    >>> value_text(DefinedFigure(1, "a", "预算", value_type=AMOUNT, unit="万元"),
    ...            Decimal("5E4"))
    '5.00万元'
    """
    if figure.value_type == AMOUNT:
        return f"{amount_text(value, figure.unit)}{figure.unit}"
    return f"{value}{figure.unit}"


def figure_sentence(figure: DefinedFigure) -> str:
    """The figure as the bulletin states it; blank parts get no clause. A
    ranking without a stated total says nothing here: its options are the
    leaders only, so their sum is no total (``ranking_sentence`` speaks).

    >>> figure_sentence(DefinedFigure(1, "x", "跨省通办", total=12, parts=(
    ...     Part(1, "平安区", 5), Part(2, "乐都区", None), Part(3, "民和县", 0))))
    '跨省通办12件，其中平安区5件、民和县0件。'
    """
    total = figure.printed_total
    if total is None or (figure.rank_top and figure.total is None):
        return ""
    text = f"{figure.name}{value_text(figure, total)}"
    given = [p for p in figure.parts if p.value is not None]
    if given:
        text += "，其中" + "、".join(
            f"{p.name}{value_text(figure, p.value)}" for p in given
        )
    return text + "。"


def ranking_sentence(figure: DefinedFigure) -> str:
    """The ``rank_top`` options, largest first, ties said as such.

    >>> print(ranking_sentence(DefinedFigure(1, "x", "平台办件", rank_top=2, parts=(
    ...     Part(1, "公安局", 311), Part(2, "医保局", 608), Part(3, "税务局", 311)))))
    平台办件前2位：医保局608件，公安局311件（并列第2位）；另有1个与末位并列。
    """
    if not figure.rank_top:
        return ""
    result = ranking(figure.parts, figure.rank_top)
    if not result.rows:
        return ""
    rows = [
        f"{r.name}{value_text(figure, r.value)}"
        + (f"（并列第{r.rank}位）" if r.tied else "")
        for r in result.rows
    ]
    text = f"{figure.name}前{figure.rank_top}位：" + "，".join(rows)
    if result.tied_beyond:
        text += f"；另有{result.tied_beyond}个与末位并列"
    return text + "。"


# --- units -------------------------------------------------------------------

# Amounts are kept to the 分.
YUAN_PLACES = 2


def to_yuan(amount: Decimal, unit: str) -> Decimal:
    """An amount typed in ``unit`` as exact 元 (no rounding: a figure finer than
    the 分 raises ``ValueError``).

    >>> to_yuan(Decimal("3185.5"), "万元"), to_yuan(Decimal("0.8934"), "亿元")
    (Decimal('31855000.00'), Decimal('89340000.00'))
    """
    yuan = amount * UNIT_YUAN[unit]
    exact = yuan.quantize(Decimal(1).scaleb(-YUAN_PLACES))
    if exact != yuan:
        raise ValueError(f"{amount}{unit} is finer than 0.01元")
    return exact


def from_yuan(amount_yuan: Decimal, unit: str) -> str:
    """Stored 元 as typed in ``unit``, exactly, without trailing zeros.

    >>> from_yuan(Decimal("31855000.00"), "万元"), from_yuan(Decimal("5"), "元")
    ('3185.5', '5')
    """
    value = Decimal(amount_yuan) / UNIT_YUAN[unit]
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def implausible_ratio(value: Value, history: Iterable[Value]) -> Decimal | None:
    """How many times ``value`` is the mean of ``history`` (or the mean of
    ``value``), whichever is larger; None when either side is blank or zero.

    >>> implausible_ratio(Decimal("8934000000"), [Decimal("893400"), Decimal("893400")])
    Decimal('10000')
    >>> implausible_ratio(5, []) is None, implausible_ratio(5, [0]) is None
    (True, True)
    """
    past = [Decimal(v) for v in history if v is not None]
    if not past or value is None or value == 0:
        return None
    mean = sum(past) / len(past)
    if mean == 0:
        return None
    ratio = Decimal(value) / mean
    return ratio if ratio >= 1 else 1 / ratio


# --- from stored rows -----------------------------------------------------------


def stored_value(value_type: str, value: Decimal) -> Value:
    """A stored figure as its plain value: counts as ``int``, amounts exact 元."""
    return int(value) if value_type == COUNT else value


# The key of a stated year-to-date total among a report's values, beside
# ``(definition id, option id or None)``: ``(definition id, TO_DATE)``.
TO_DATE = "to_date"
TO_DATE_LABEL = "1至本月累计"


def figures_from_rows(rows: Iterable) -> dict[int, DefinedFigure]:
    """``FigureValue``-like rows (``definition`` and ``option`` loaded) as
    definition id → ``DefinedFigure`` of the period; a definition with no row is
    absent. Stated year-to-date totals are not the period's: see
    ``stated_to_date``."""
    totals: dict[int, Value] = {}
    parts: dict[int, list[Part]] = {}
    definitions = {}
    for row in rows:
        if row.to_date:
            continue
        definition = row.definition
        definitions[definition.pk] = definition
        value = stored_value(definition.value_type, row.value)
        if row.option_id is None:
            totals[definition.pk] = value
        else:
            option = row.option
            parts.setdefault(definition.pk, []).append(
                Part(option.pk, option.name, value, option.order)
            )
    return {
        pk: figure_of(d, totals.get(pk), parts.get(pk, ()))
        for pk, d in sorted(definitions.items(), key=lambda kv: (kv[1].order, kv[0]))
    }


def stated_to_date(rows: Iterable) -> dict[int, DefinedFigure]:
    """The stated 1至本月 totals among ``FigureValue``-like rows, as definition
    id → ``DefinedFigure`` (a total, no parts)."""
    return {
        row.definition_id: figure_of(
            row.definition, stored_value(row.definition.value_type, row.value), ()
        )
        for row in rows
        if row.to_date
    }


def figure_of(definition, total: Value | None, parts: Iterable[Part]) -> DefinedFigure:
    """A ``DefinedFigure`` of a definition-like object and its values."""
    return DefinedFigure(
        definition_id=definition.pk,
        code=definition.code,
        name=definition.name,
        value_type=definition.value_type,
        unit=definition.unit,
        parts_rule=definition.parts_rule,
        rank_top=definition.rank_top,
        order=definition.order,
        breakdown=definition.breakdown_id,
        parts_of=definition.parts_of_id,
        not_above=definition.not_above_id,
        sums_to=definition.sums_to_id,
        sums_to_option=definition.sums_to_option_id,
        change_limit=definition.change_limit,
        aggregation=definition.aggregation,
        total=total,
        parts=tuple(sorted(parts, key=lambda p: (p.order, p.option_id))),
    )
