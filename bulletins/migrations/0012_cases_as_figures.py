"""Profiles know the case definitions (issue 14, ``submissions/0023``).

The case categories and the stated 受理总数/办结总数 are the figure definitions
``cases_accepted``, ``cases_completed`` and (``submissions/0025``)
``cases_in_progress`` with the rate ``cases_completion``
(办结率). The centre's own paragraph prints them, so the generic figures
paragraph — the one that skips the codes printed above it — skips them too:
every stored profile version whose figures paragraph lists ``printed_above``
lists these codes first. Backwards, they are taken out again.
"""

from django.db import migrations

ABOVE = "{% set printed_above = ["
CODES = '"cases_accepted", "cases_completed", "cases_in_progress", "cases_completion", '
CENTRE_BLOCKS = ("centres", "centre_paragraphs")


def _centre_blocks(blocks):
    for block in blocks:
        if block.get("kind") in CENTRE_BLOCKS:
            yield block
        yield from _centre_blocks(block.get("blocks", []))


def _rewrite(apps, change):
    Profile = apps.get_model("bulletins", "Profile")
    for profile in Profile.objects.all():
        changed = False
        for block in _centre_blocks(profile.spec.get("blocks", [])):
            figures = block.get("figures", "")
            if change(figures) != figures:
                block["figures"] = change(figures)
                changed = True
        if changed:
            profile.save(update_fields=["spec"])


def _listed(figures: str) -> str:
    if ABOVE + CODES in figures:
        return figures
    return figures.replace(ABOVE, ABOVE + CODES, 1)


def _unlisted(figures: str) -> str:
    return figures.replace(ABOVE + CODES, ABOVE, 1)


def forwards(apps, schema_editor):
    _rewrite(apps, _listed)


def backwards(apps, schema_editor):
    _rewrite(apps, _unlisted)


class Migration(migrations.Migration):
    dependencies = [
        ("bulletins", "0011_department_table_as_figure_table"),
        ("submissions", "0023_case_definitions"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
