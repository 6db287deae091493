"""Demo data: the seed bulletin's organisation and people (labelled as demo).

Source: ../shared/seed/haidong-bulletin-063-2021-06.txt (海东政务服务动态 第63期).
Everything here is created with get_or_create/update_or_create so that running
``load_demo`` twice changes nothing.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from . import roles
from .models import Centre, Department, Membership

DEMO_PASSWORD = "Haidong#2021"

HALL = "海东市行政服务和公共资源交易中心"

# (name, short name, kind, order, clerk username)
CENTRES = [
    (HALL, "市级大厅", Centre.Kind.HALL, 0, "shiji"),
    ("平安区政务服务中心", "平安区", Centre.Kind.DISTRICT, 10, "pingan"),
    ("乐都区政务服务中心", "乐都区", Centre.Kind.DISTRICT, 20, "ledu"),
    ("互助县政务服务中心", "互助县", Centre.Kind.COUNTY, 30, "huzhu"),
    ("循化县政务服务中心", "循化县", Centre.Kind.COUNTY, 40, "xunhua"),
    ("民和县政务服务监督管理局", "民和县", Centre.Kind.COUNTY, 50, "minhe"),
    # The seed's heading for 化隆县 is missing; its work items name it.
    ("化隆县政务服务中心", "化隆县", Centre.Kind.COUNTY, 60, "hualong"),
]

# The 19 window units of the seed's attachment 1, in its order.
DEPARTMENTS = [
    "市公安局",
    "市社保局",
    "市烟草局",
    "市公积金中心",
    "市市场监管局",
    "市发展改革委",
    "市生态环境局",
    "市司法局",
    "市住建局",
    "区税务局",
    "区公安局",
    "海东不动产交易登记",
    "卫生健康委",
    "民政局",
    "商务局",
    "林草局",
    "水务局",
    "工信局",
    "地震局",
]

# (username, full name, role, staff?, superuser?)
STAFF_USERS = [
    ("admin", "系统管理员（演示）", roles.ADMIN, True, True),
    ("editor", "编辑（演示）", roles.EDITOR, False, False),
    ("leader", "签发人（演示）", roles.LEADER, False, False),
]


def load_organisation() -> dict[str, Centre]:
    centres = {}
    for name, short_name, kind, order, _ in CENTRES:
        centre, _ = Centre.objects.update_or_create(
            name=name,
            defaults={"short_name": short_name, "kind": kind, "order": order},
        )
        centres[short_name] = centre
    hall = centres["市级大厅"]
    for order, name in enumerate(DEPARTMENTS, start=1):
        Department.objects.update_or_create(
            centre=hall, name=name, defaults={"order": order * 10}
        )
    return centres


def load_users(centres: dict[str, Centre]) -> list[str]:
    """Create the demo accounts; returns the usernames created this time."""
    User = get_user_model()
    created_names = []

    def ensure(username, full_name, role, is_staff=False, is_superuser=False):
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": full_name,
                "is_staff": is_staff,
                "is_superuser": is_superuser,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            created_names.append(username)
        user.groups.add(Group.objects.get(name=role))
        return user

    for username, full_name, role, is_staff, is_superuser in STAFF_USERS:
        ensure(username, full_name, role, is_staff, is_superuser)
    for _name, short_name, _, _, username in CENTRES:
        user = ensure(username, f"{short_name}填报员（演示）", roles.CLERK)
        Membership.objects.update_or_create(
            user=user, defaults={"centre": centres[short_name]}
        )
    return created_names


def load(stdout) -> None:
    centres = load_organisation()
    created = load_users(centres)
    stdout.write(f"演示单位：{len(centres)}个报送单位，{len(DEPARTMENTS)}个窗口单位。")
    if created:
        stdout.write(
            f"已创建演示账户：{'、'.join(created)}；演示密码：{DEMO_PASSWORD}"
            "（仅供演示，请勿用于生产环境）"
        )
