"""Each role sees only what it may use, and everything it sees opens."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from config.navigation import items_for


def labels(user):
    return [label for label, _ in items_for(user)]


@pytest.mark.django_db
def test_anonymous_sees_only_public_items():
    assert "系统管理" not in labels(AnonymousUser())
    assert "首页" in labels(AnonymousUser())


@pytest.mark.django_db
def test_only_staff_sees_the_admin(clerk, editor, admin_user):
    assert "系统管理" not in labels(clerk)
    assert "系统管理" not in labels(editor)
    assert "系统管理" in labels(admin_user)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "clerk", "editor", "leader", "admin"])
def test_every_visible_item_opens_for_that_role(who, request, client, login):
    user = (
        AnonymousUser()
        if who == "anonymous"
        else request.getfixturevalue({"admin": "admin_user"}.get(who, who))
    )
    if who != "anonymous":
        login(user)
    for label, url in items_for(user):
        response = client.get(url)
        assert response.status_code == 200, (who, label, url, response.status_code)


@pytest.mark.django_db
def test_menu_is_rendered_in_the_page(client, login, admin_user):
    login(admin_user)
    content = client.get(reverse("home")).content.decode()
    assert 'aria-label="主导航"' in content
    assert reverse("admin:index") in content
