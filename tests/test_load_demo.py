"""load_demo: the seed's organisation and people, idempotent, refused in production."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from submissions import demo
from submissions.models import Centre, Department, Membership


def snapshot():
    return (
        list(Centre.objects.order_by("id").values_list("name", "short_name", "order")),
        list(Department.objects.order_by("id").values_list("name", "order")),
        list(
            get_user_model().objects.order_by("id").values_list("username", "password")
        ),
        list(Membership.objects.order_by("id").values_list("user_id", "centre_id")),
    )


@pytest.mark.django_db
def test_load_demo_creates_the_seed_organisation(settings, capsys):
    settings.DEBUG = True
    call_command("load_demo")
    names = list(Centre.objects.values_list("short_name", flat=True))
    assert names[:7] == [
        "市级大厅",
        "平安区",
        "乐都区",
        "互助县",
        "循化县",
        "民和县",
        "化隆县",
    ]
    hall = Centre.objects.get(kind=Centre.Kind.HALL)
    assert list(hall.departments.values_list("name", flat=True)) == demo.DEPARTMENTS
    assert len(demo.DEPARTMENTS) == 19
    out = capsys.readouterr().out
    assert demo.DEMO_PASSWORD in out


@pytest.mark.django_db
def test_load_demo_users_have_roles_and_centres(settings):
    settings.DEBUG = True
    call_command("load_demo")
    User = get_user_model()
    editor = User.objects.get(username="editor")
    assert editor.has_perm("submissions.review_monthlyreport")
    pingan = User.objects.get(username="pingan")
    assert pingan.membership.centre.short_name == "平安区"
    assert pingan.check_password(demo.DEMO_PASSWORD)
    for username in ("shiji", "ledu", "huzhu", "xunhua", "minhe", "hualong"):
        assert User.objects.get(username=username).membership


@pytest.mark.django_db
def test_load_demo_is_idempotent(settings, capsys):
    settings.DEBUG = True
    call_command("load_demo")
    first = snapshot()
    capsys.readouterr()
    call_command("load_demo")
    assert snapshot() == first
    # The password is printed only when the accounts are created.
    assert demo.DEMO_PASSWORD not in capsys.readouterr().out


@pytest.mark.django_db
def test_load_demo_refuses_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG 已关闭"):
        call_command("load_demo")
    assert not Centre.objects.exists()


@pytest.mark.django_db
def test_load_demo_force_runs_with_debug_off(settings):
    settings.DEBUG = False
    call_command("load_demo", force=True)
    assert Centre.objects.count() == 7
