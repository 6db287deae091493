"""``--series SLUG`` for the profile commands: optional when the bureau has one."""

from django.core.management.base import CommandError

UNKNOWN_SERIES = "{bureau}没有网址名为“{slug}”的刊物。现有：{known}。"
NAME_THE_SERIES = "{bureau}有多种刊物，请用 --series 指定其一：{known}。"
NO_SERIES = "{bureau}还没有刊物。"


def add_series_argument(parser) -> None:
    parser.add_argument(
        "--series",
        default="",
        help="刊物的网址名（如 dongtai）；只有一种刊物时可省略。",
    )


def series_from_option(bureau, slug: str):
    series = list(bureau.series.order_by("id"))
    known = "、".join(s.slug for s in series) or "无"
    if slug:
        for one in series:
            if one.slug == slug:
                return one
        raise CommandError(UNKNOWN_SERIES.format(bureau=bureau, slug=slug, known=known))
    if not series:
        raise CommandError(NO_SERIES.format(bureau=bureau))
    if len(series) > 1:
        raise CommandError(NAME_THE_SERIES.format(bureau=bureau, known=known))
    return series[0]
