"""Profiles print satisfaction ratings from their figure definitions (issue 14).

A centre block's ``ratings`` template read the rating channels and their five
levels; ratings are figure definitions since ``submissions/0017``, so the
template now reads the block's defined figures and rates, picking the rating
definitions by code. Every stored version is rewritten to print what it
printed before:

* the shipped templates (海东's monthly and quarterly, 海西's) become their
  definition-driven equivalents, listing the codes of the bureau's rating
  definitions;
* an edited ratings template cannot be translated: the shipped monthly
  paragraph takes its place;
* the generic figures paragraph (the one that skips the hotline codes it
  printed above) skips the rating definitions and their 满意率 too, which the
  ratings paragraph prints.

Paragraph keys do not change (``centre.<id>.ratings``), so an editor's change
to a centre's ratings paragraph stays where it was.
"""

from django.db import migrations

OLD_MONTHLY = '{% set channels_text %}{% filter clauses(sep="；") %}\n{% for c in channels %}\n{% set levels_text %}{% filter clauses %}\n{% for l in c.levels %}\n{{ l.name }}{{ l.count }}条\n{% endfor %}\n{% if c.rate %}满意率{{ c.rate }}{% endif %}\n{% endfilter %}{% endset %}\n{% if c.total is not none %}共收到{{ c.channel or "评价" }}{{ c.total }}条{% if c.total != 0 and c.levels %}，其中：{{ levels_text }}{% endif %}{% endif %}\n{% endfor %}\n{% endfilter %}{% endset %}\n{% if channels_text %}在好差评方面，{{ period }}{{ channels_text }}。{% endif %}\n'
NEW_MONTHLY = '{% set ratings = [__CODES__] %}\n{% set channels_text %}{% filter clauses(sep="；") %}\n{% for f in figures %}{% if f.code in ratings and f.total is not none %}\n{% set levels_text %}{% filter clauses %}\n{% for p in f.parts %}\n{{ p.name }}{{ p.value }}条\n{% endfor %}\n{% for rt in rates %}{% if rt.code == f.code ~ "_satisfaction" and rt.rate %}满意率{{ rt.rate }}{% endif %}{% endfor %}\n{% endfilter %}{% endset %}\n共收到{{ f.name or "评价" }}{{ f.total }}条{% if f.total != 0 and f.parts %}，其中：{{ levels_text }}{% endif %}\n{% endif %}{% endfor %}\n{% endfilter %}{% endset %}\n{% if channels_text %}在好差评方面，{{ period }}{{ channels_text }}。{% endif %}\n'
OLD_QUARTERLY = '{% set channels_text %}{% filter clauses(sep="；") %}\n{% for c in channels %}\n{% set levels_text %}{% filter clauses %}\n{% for l in c.levels %}\n{{ l.name }}{{ l.count }}条\n{% endfor %}\n{% if c.rate %}满意率{{ c.rate }}{% endif %}\n{% endfilter %}{% endset %}\n{% if c.total is not none %}共收到{{ c.channel or "评价" }}{{ c.total }}条{% if c.total != 0 and c.levels %}，其中：{{ levels_text }}{% endif %}{% endif %}\n{% endfor %}\n{% endfilter %}{% endset %}\n{% if channels_text %}{{ name }}{{ period }}{{ channels_text }}。{% endif %}\n'
NEW_QUARTERLY = '{% set ratings = [__CODES__] %}\n{% set channels_text %}{% filter clauses(sep="；") %}\n{% for f in figures %}{% if f.code in ratings and f.total is not none %}\n{% set levels_text %}{% filter clauses %}\n{% for p in f.parts %}\n{{ p.name }}{{ p.value }}条\n{% endfor %}\n{% for rt in rates %}{% if rt.code == f.code ~ "_satisfaction" and rt.rate %}满意率{{ rt.rate }}{% endif %}{% endfor %}\n{% endfilter %}{% endset %}\n共收到{{ f.name or "评价" }}{{ f.total }}条{% if f.total != 0 and f.parts %}，其中：{{ levels_text }}{% endif %}\n{% endif %}{% endfor %}\n{% endfilter %}{% endset %}\n{% if channels_text %}{{ name }}{{ period }}{{ channels_text }}。{% endif %}\n'
OLD_PREFECTURE = '{% for c in channels %}\n{% if c.total is not none %}\n{{ period }}，{{ name }}共收到评价{{ c.total }}条\n{% filter clauses(lead="，其中") %}\n{% for l in c.levels %}\n{{ l.name }}{{ l.count }}条\n{% endfor %}\n{% if c.rate %}满意率{{ c.rate }}{% endif %}\n{% endfilter %}\n。\n{% endif %}\n{% endfor %}\n'
NEW_PREFECTURE = '{% set ratings = [__CODES__] %}\n{% for f in figures %}{% if f.code in ratings and f.total is not none %}\n{{ period }}，{{ name }}共收到评价{{ f.total }}条\n{% filter clauses(lead="，其中") %}\n{% for p in f.parts %}\n{{ p.name }}{{ p.value }}条\n{% endfor %}\n{% for rt in rates %}{% if rt.code == f.code ~ "_satisfaction" and rt.rate %}满意率{{ rt.rate }}{% endif %}{% endfor %}\n{% endfilter %}\n。\n{% endif %}{% endfor %}\n'
# The figures paragraph of 0009, as far as these lines go.
HOTLINE_ABOVE = '{% set printed_above = ["hotline_received", "hotline_orders", "hotline_completed", "hotline_channel_received", "hotline_channel_completed"'
OLD_RATES = "{% if rt.rate %}{{ rt.name }}{{ rt.rate }}。{% endif %}"
NEW_RATES = "{% if rt.rate and rt.code not in printed_above %}{{ rt.name }}{{ rt.rate }}。{% endif %}"
TRANSLATED = {
    OLD_MONTHLY: NEW_MONTHLY,
    OLD_QUARTERLY: NEW_QUARTERLY,
    OLD_PREFECTURE: NEW_PREFECTURE,
}
CENTRE_BLOCKS = ("centres", "centre_paragraphs")
PREFIX = "rating_"
BREAKDOWN = "评价等级"
RATE_SUFFIX = "_satisfaction"


def _centre_blocks(blocks):
    for block in blocks:
        if block.get("kind") in CENTRE_BLOCKS:
            yield block
        yield from _centre_blocks(block.get("blocks", []))


def _listed(codes) -> str:
    return ", ".join(f'"{code}"' for code in codes)


def _with(template: str, codes) -> str:
    return template.replace("__CODES__", _listed(codes))


def _forwards_block(block, codes) -> bool:
    before = ratings, figures = block.get("ratings", ""), block.get("figures", "")
    done = {_with(new, codes) for new in TRANSLATED.values()}
    if ratings.strip() and ratings not in done:
        block["ratings"] = _with(TRANSLATED.get(ratings, NEW_MONTHLY), codes)
    if codes and HOTLINE_ABOVE in figures and OLD_RATES in figures:
        rates = [f"{code}{RATE_SUFFIX}" for code in codes]
        above = f"{HOTLINE_ABOVE}, {_listed([*codes, *rates])}"
        figures = figures.replace(HOTLINE_ABOVE, above, 1)
        block["figures"] = figures.replace(OLD_RATES, NEW_RATES, 1)
    return before != (block.get("ratings", ""), block.get("figures", ""))


def _backwards_block(block, codes) -> bool:
    before = ratings, figures = block.get("ratings", ""), block.get("figures", "")
    if ratings.strip():
        back = {_with(new, codes): old for old, new in TRANSLATED.items()}
        block["ratings"] = back.get(ratings, OLD_MONTHLY)
    rates = [f"{code}{RATE_SUFFIX}" for code in codes]
    above = f"{HOTLINE_ABOVE}, {_listed([*codes, *rates])}"
    if codes and above in figures and NEW_RATES in figures:
        figures = figures.replace(above, HOTLINE_ABOVE, 1)
        block["figures"] = figures.replace(NEW_RATES, OLD_RATES, 1)
    return before != (block.get("ratings", ""), block.get("figures", ""))


def _rewrite(apps, change):
    Profile = apps.get_model("bulletins", "Profile")
    FigureDefinition = apps.get_model("submissions", "FigureDefinition")
    codes = {}
    for bureau_id, code in (
        FigureDefinition.objects.filter(
            code__startswith=PREFIX, breakdown__name=BREAKDOWN
        )
        .order_by("order", "pk")
        .values_list("bureau_id", "code")
    ):
        codes.setdefault(bureau_id, []).append(code)
    for profile in Profile.objects.select_related("series"):
        bureau_codes = codes.get(profile.series.bureau_id, [])
        blocks = _centre_blocks(profile.spec.get("blocks", []))
        changed = [change(block, bureau_codes) for block in blocks]
        if any(changed):
            profile.save(update_fields=["spec"])


def forwards(apps, schema_editor):
    _rewrite(apps, _forwards_block)


def backwards(apps, schema_editor):
    _rewrite(apps, _backwards_block)


class Migration(migrations.Migration):
    dependencies = [
        ("bulletins", "0009_hotline_as_figures"),
        ("submissions", "0017_rating_definitions"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
