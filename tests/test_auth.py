"""Login, logout, password change and lockout, in Chinese."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse

from tests.factories import PASSWORD


@pytest.mark.django_db
def test_login_page_is_chinese(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "工作人员登录" in content
    assert "用户名" in content and "密码" in content


@pytest.mark.django_db
def test_login_and_logout(client, clerk):
    response = client.post(
        reverse("login"), {"username": "clerk_a", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(clerk.pk)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_wrong_password_is_refused_with_a_chinese_message(client, clerk):
    response = client.post(reverse("login"), {"username": "clerk_a", "password": "x"})
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_repeated_failures_lock_the_account_out(client, clerk):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "clerk_a", "password": "wrong"})
    assert AccessAttempt.objects.filter(username="clerk_a").exists()
    # Even the right password is refused now, with a clear message.
    response = client.post(
        reverse("login"), {"username": "clerk_a", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "账户已被暂时锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_lockout_does_not_spill_to_other_accounts(client, clerk, other_clerk):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "clerk_a", "password": "wrong"})
    response = client.post(
        reverse("login"), {"username": "clerk_b", "password": PASSWORD}
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_password_change_requires_login_and_works(client, login, clerk):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
    login(clerk)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Qinghai-Haidong-2021!",
            "new_password2": "Qinghai-Haidong-2021!",
        },
    )
    assert response.status_code == 302
    clerk.refresh_from_db()
    assert clerk.check_password("Qinghai-Haidong-2021!")
