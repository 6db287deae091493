"""After logging in each role lands on its work (issue 16, finding 6)."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

PASSWORD = "Haidong#2021-landing"


@pytest.mark.parametrize(
    ("role", "target"),
    [
        ("clerk", "submissions:todo"),
        ("editor", "submissions:review_overview"),
        ("leader", "bulletins:issue_list"),
    ],
)
def test_login_lands_on_the_roles_work(db, client, request, role, target):
    user = request.getfixturevalue(role)
    user.set_password(PASSWORD)
    user.save()
    response = client.post(
        reverse("login"), {"username": user.username, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse(target)
    assert response.status_code == 200


def test_a_next_parameter_still_wins(client, clerk):
    clerk.set_password(PASSWORD)
    clerk.save()
    response = client.post(
        reverse("login") + "?next=/issues/",
        {"username": clerk.username, "password": PASSWORD},
    )
    assert response.url == "/issues/"


def test_the_system_administrator_lands_in_the_admin(login, admin_user):
    response = login(admin_user).get(reverse("landing"))
    assert response.url == reverse("admin:index")


def test_a_user_without_a_role_lands_on_the_home_page(login, db):
    response = login(UserFactory(username="nobody")).get(reverse("landing"))
    assert response.url == reverse("home")
