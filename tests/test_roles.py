"""Roles exist as groups with their permissions on every fresh database."""

import pytest
from django.contrib.auth.models import Group

from submissions import roles


@pytest.mark.django_db
def test_every_role_group_exists_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ALL)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, granted, refused",
    [
        (roles.CLERK, "fill_monthlyreport", "review_monthlyreport"),
        (roles.EDITOR, "review_monthlyreport", "fill_monthlyreport"),
        (roles.ADMIN, "change_centre", "fill_monthlyreport"),
        (roles.LEADER, "view_monthlyreport", "review_monthlyreport"),
    ],
)
def test_role_permissions(role, granted, refused):
    codenames = set(
        Group.objects.get(name=role).permissions.values_list("codename", flat=True)
    )
    assert granted in codenames
    assert refused not in codenames


@pytest.mark.django_db
def test_clerk_has_permissions_through_the_group(clerk, editor):
    assert clerk.has_perm("submissions.fill_monthlyreport")
    assert not clerk.has_perm("submissions.review_monthlyreport")
    assert editor.has_perm("submissions.review_monthlyreport")
    assert clerk.membership.centre.short_name == "平安区"
