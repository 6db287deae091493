"""load_demo: the seed's organisation and people, idempotent, refused in production."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from submissions import demo
from submissions.models import BreakdownOption, Centre, Membership


def snapshot():
    return (
        list(Centre.objects.order_by("id").values_list("name", "short_name", "order")),
        list(BreakdownOption.objects.order_by("id").values_list("name", "order")),
        list(
            get_user_model().objects.order_by("id").values_list("username", "password")
        ),
        list(Membership.objects.order_by("id").values_list("user_id", "centre_id")),
    )


@pytest.mark.django_db
def test_load_demo_creates_the_seed_organisation(settings, capsys):
    settings.DEBUG = True
    call_command("load_demo")
    haidong = Centre.objects.filter(bureau__slug="haidong")
    names = list(haidong.values_list("short_name", flat=True))
    assert names == [
        "市级大厅",
        "平安区",
        "乐都区",
        "互助县",
        "循化县",
        "民和县",
        "化隆县",
    ]
    units = BreakdownOption.objects.filter(
        breakdown__bureau__slug="haidong", breakdown__name=demo.WINDOW_UNITS
    )
    assert list(units.values_list("name", flat=True)) == demo.DEPARTMENTS
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
    assert Centre.objects.filter(bureau__slug="haidong").count() == 7
    # 全州 (a region unit) and its 州级政务服务中心.
    assert Centre.objects.filter(bureau__slug="haixi").count() == 2


@pytest.mark.django_db
def test_load_demo_has_a_second_bureau_that_never_mixes(settings, client):
    from bulletins.models import Issue

    settings.DEBUG = True
    call_command("load_demo")
    User = get_user_model()
    for username in ("hx-editor", "hx-leader", "hx-admin", "hx-clerk"):
        user = User.objects.get(username=username)
        assert user.staff_membership.bureau.slug == "haixi"
        assert user.check_password(demo.DEMO_PASSWORD)
    assert User.objects.get(username="hx-clerk").membership.centre.bureau.slug == (
        "haixi"
    )
    assert not User.objects.get(username="hx-admin").is_superuser
    haixi = Issue.objects.get(series__bureau__slug="haixi")
    haidong = Issue.objects.get(series__bureau__slug="haidong")
    assert haixi.is_published and haidong.is_published
    assert haixi.get_absolute_url() == "/haixi/tongbao/2022/6/"
    assert haidong.get_absolute_url() == "/haidong/dongtai/2021/63/"
    haixi_page = client.get(haixi.get_absolute_url()).content.decode()
    assert "7173" in haixi_page and "海西州政务服务中心" in haixi_page
    assert "平安区" not in haixi_page and "10503" not in haixi_page
    # 工程建设 76 + 政府采购 163: the seed's 239, none of 海东's 224.
    assert haixi.snapshot["figures"]["trades"]["total"]["count"] == 239
    assert haidong.snapshot["figures"]["trades"]["total"]["count"] == 224
    haidong_page = client.get(haidong.get_absolute_url()).content.decode()
    assert "海西州" not in haidong_page
    home = client.get("/").content.decode()
    assert "海东市政务服务监督管理局" in home and "海西州政务服务监督管理局" in home
