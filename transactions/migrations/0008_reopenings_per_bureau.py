"""Each reopening of the time when locks were per month becomes one per
bureau (see 0007); editors and bureau admins may read their bureau's record of
reopenings in the admin."""

from django.db import migrations


def reopenings_per_bureau(apps, schema_editor):
    Bureau = apps.get_model("bureaus", "Bureau")
    Reopening = apps.get_model("transactions", "TradeMonthReopening")
    bureau_ids = list(Bureau.objects.order_by("pk").values_list("pk", flat=True))
    for reopening in Reopening.objects.filter(bureau__isnull=True):
        if not bureau_ids:
            reopening.delete()  # no bureau, so no trades it could have opened
            continue
        at = reopening.at
        reopening.bureau_id = bureau_ids[0]
        reopening.save(update_fields=["bureau"])
        for bureau_id in bureau_ids[1:]:
            copy = Reopening.objects.create(
                bureau_id=bureau_id,
                month=reopening.month,
                user_id=reopening.user_id,
                reason=reopening.reason,
            )
            # ``at`` is auto_now_add: restore the original time.
            Reopening.objects.filter(pk=copy.pk).update(at=at)


def one_reopening_per_month(apps, schema_editor):
    Reopening = apps.get_model("transactions", "TradeMonthReopening")
    seen = set()
    for reopening in Reopening.objects.order_by("bureau_id", "pk"):
        key = (reopening.month, reopening.user_id, reopening.reason, reopening.at)
        if key in seen:
            reopening.delete()
        seen.add(key)


def may_read_reopenings(apps, schema_editor):
    from submissions.roles import grant

    grant(
        apps,
        schema_editor,
        {
            "编辑": ["transactions.view_trademonthreopening"],
            "管理员": ["transactions.view_trademonthreopening"],
        },
    )


class Migration(migrations.Migration):
    dependencies = [("transactions", "0007_reopening_bureau")]

    operations = [
        migrations.RunPython(reopenings_per_bureau, one_reopening_per_month),
        migrations.RunPython(may_read_reopenings, migrations.RunPython.noop),
    ]
