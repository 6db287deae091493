"""Roles (groups with permissions) and the reference data every bureau starts with."""

from django.db import migrations

CASE_CATEGORIES = [
    ("行政许可事项", "行政许可", 10),
    ("公共服务事项", "公共服务", 20),
    ("便民服务事项", "便民服务", 30),
]
RATING_CHANNELS = [
    ("纸质评价", 10),
    ("网上评价", 20),
    ("评价器评价", 30),
    ("短信评价", 40),
]

# A snapshot of submissions.roles.SUBMISSIONS_PERMISSIONS at the time of writing:
# migrations must not change meaning when the code moves on.
ROLE_PERMISSIONS = {
    "填报员": ["submissions.view_monthlyreport", "submissions.fill_monthlyreport"],
    "编辑": [
        "submissions.view_monthlyreport",
        "submissions.review_monthlyreport",
        "submissions.view_centre",
        "submissions.view_department",
    ],
    "签发人": ["submissions.view_monthlyreport"],
    "管理员": [
        "submissions.view_monthlyreport",
        "submissions.review_monthlyreport",
        "submissions.add_centre",
        "submissions.change_centre",
        "submissions.view_centre",
        "submissions.add_department",
        "submissions.change_department",
        "submissions.view_department",
        "submissions.add_membership",
        "submissions.change_membership",
        "submissions.delete_membership",
        "submissions.view_membership",
        "submissions.add_casecategory",
        "submissions.change_casecategory",
        "submissions.view_casecategory",
        "submissions.add_ratingchannel",
        "submissions.change_ratingchannel",
        "submissions.view_ratingchannel",
        "auth.add_user",
        "auth.change_user",
        "auth.view_user",
        "auth.view_group",
    ],
}


def forwards(apps, schema_editor):
    from submissions.roles import grant

    grant(apps, schema_editor, ROLE_PERMISSIONS)
    CaseCategory = apps.get_model("submissions", "CaseCategory")
    for name, short_name, order in CASE_CATEGORIES:
        CaseCategory.objects.get_or_create(
            name=name, defaults={"short_name": short_name, "order": order}
        )
    RatingChannel = apps.get_model("submissions", "RatingChannel")
    for name, order in RATING_CHANNELS:
        RatingChannel.objects.get_or_create(name=name, defaults={"order": order})


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
