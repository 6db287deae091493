"""``--bureau SLUG`` for management commands: optional when there is one bureau."""

from django.core.management.base import CommandError

from .models import Bureau

NO_BUREAU = "系统中还没有任何编发单位，请先在系统管理中添加。"
UNKNOWN_BUREAU = "没有网址名为“{slug}”的编发单位。现有：{known}。"
NAME_THE_BUREAU = "系统中有多个编发单位，请用 --bureau 指定其一：{known}。"


def add_bureau_argument(parser) -> None:
    parser.add_argument(
        "--bureau",
        default="",
        help="编发单位的网址名（如 haidong）；系统中只有一个编发单位时可省略。",
    )


def bureau_from_option(slug: str) -> Bureau:
    bureaus = list(Bureau.objects.in_order())
    known = "、".join(b.slug for b in bureaus) or "无"
    if slug:
        for bureau in bureaus:
            if bureau.slug == slug:
                return bureau
        raise CommandError(UNKNOWN_BUREAU.format(slug=slug, known=known))
    if not bureaus:
        raise CommandError(NO_BUREAU)
    if len(bureaus) > 1:
        raise CommandError(NAME_THE_BUREAU.format(known=known))
    return bureaus[0]
