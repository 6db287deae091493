"""The synthetic reports' figure values (bench/scale.py): the case figures
(受理, 办结 by 办件类别, 正在办理) and every other defined count, consistent
with their definitions' rules. SYNTHETIC data, for benchmarks only."""

from __future__ import annotations

from submissions.models import FigureValue

# The city pack's case figures: 受理, 办结 (by 办件类别) and 正在办理.
CASE_CODES = ("cases_accepted", "cases_completed", "cases_in_progress")
CASE_SHARES = (0.15, 0.7, 0.15)  # of the categories, in their order


def _split(rng, total: int, shares: list[float]) -> list[int]:
    """``total`` split by ``shares`` (jittered), the parts summing to it exactly."""
    weights = [s * rng.uniform(0.8, 1.2) for s in shares]
    parts = [int(total * w / sum(weights)) for w in weights]
    parts[-1] = total - sum(parts[:-1])
    return parts


def case_values(rng, report, cases, stated) -> list:
    """The report's case figures as the values of the case definitions: its
    ``stated`` totals (受理, 办结, 正在办理), and 受理 and 办结 split over the
    categories, the options of the breakdown they share (办结 never above
    受理)."""
    rows = [
        FigureValue(report=report, definition=cases[code], value=value)
        for code, value in zip(CASE_CODES, stated, strict=True)
    ]
    options = cases["cases_accepted"].active_options
    shares = CASE_SHARES[: len(options)]
    accepted = _split(rng, stated[0], shares)
    completed = _split(rng, stated[1], shares)
    for code, split in (
        ("cases_accepted", accepted),
        (
            "cases_completed",
            [min(a, c) for a, c in zip(accepted, completed, strict=True)],
        ),
    ):
        rows += [
            FigureValue(
                report=report, definition=cases[code], option=option, value=value
            )
            for option, value in zip(options, split, strict=True)
        ]
    return rows


def defined_values(rng, report, definitions) -> list[FigureValue]:
    """Consistent figures of every defined count: a total and its parts'
    split; parts of another figure's total (``parts_of``) share part of it;
    a figure bounded by another (``not_above``) a little below it."""
    totals, parts, rows = {}, {}, []
    for d in definitions:
        options = d.active_options

        def split(whole, options=options):
            return _split(rng, whole, [1] * len(options)) if options else []

        bound = parts.get(d.not_above_id)
        if d.not_above_id in totals:
            total = max(totals[d.not_above_id] - rng.randint(0, 50), 0)
            shares = [max(v - rng.randint(0, 5), 0) for v in bound or []]
            shares = shares if len(shares) == len(options) else split(total)
        elif d.parts_of_id in totals:
            total, shares = None, split(int(totals[d.parts_of_id] * 0.4))
        else:
            total = rng.randint(8_000, 20_000)
            shares = split(total)
            total = total if d.has_total else None
        totals[d.pk], parts[d.pk] = total or sum(shares), shares
        if total is not None:
            rows.append(FigureValue(report=report, definition=d, value=total))
        rows += [
            FigureValue(report=report, definition=d, option=o, value=v)
            for o, v in zip(options, shares, strict=True)
        ]
    return rows


# --- the trades -----------------------------------------------------------------------
