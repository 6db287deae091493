"""Profiles print the 12345 hotline from its figure definitions (issue 14).

A centre block's ``hotline`` template is gone: the hotline is a set of defined
figures, printed by the block's ``figures`` template. Every stored version is
rewritten so that it prints what it printed before:

* the shipped 海东 templates (hotline, and the generic figures paragraph) become
  their definition-driven equivalents;
* an edited hotline template cannot be translated: the shipped hotline
  paragraph takes its place, before the block's figures template.

An editor's change to a centre's hotline paragraph (``centre.<id>.hotline``)
moves to the paragraph that now prints it (``centre.<id>.figures``).
"""

from django.db import migrations

OLD_HOTLINE = '{% set head %}{% filter clauses(lead=period ~ "，" ~ area ~ "12345市民服务热线", end="。") %}\n{% if received is not none %}共受理{{ received }}件{% filter clauses(lead="（其中", end="）") %}\n{% if assigned is not none %}承办单{{ assigned }}件{% endif %}\n{% if reopened is not none %}重新办理单{{ reopened }}件{% endif %}\n{% endfilter %}{% endif %}\n{% if daily_average is not none %}日均受理{{ daily_average }}件{% endif %}\n{% if completed is not none %}办结{{ completed }}件{% endif %}\n{% endfilter %}{% endset %}\n{% set natures_text %}{% filter clauses(sep="；") %}\n{% for n in natures %}\n{{ n.name }}{{ n.count }}件{% if n.share %}，占{{ n.share }}{% endif %}\n{% endfor %}\n{% endfilter %}{% endset %}\n{{ head }}\n{% if natures_text %}{{ "其中，" if head else period ~ "，" ~ area ~ "12345热线" }}按办件性质分：{{ natures_text }}。{% endif %}\n{% if mailbox.received is not none %}{% filter clauses(end="。") %}\n受理市政府门户网站“市长信箱”{{ mailbox.received }}件\n{% if mailbox.completed is not none %}办结{{ mailbox.completed }}件{% endif %}\n{% endfilter %}{% endif %}\n{% if messages.received is not none %}{% filter clauses(end="。") %}\n受理市政府门户网站“网民留言”{{ messages.received }}件\n{% if messages.completed is not none %}办结{{ messages.completed }}件{% endif %}\n{% endfilter %}{% endif %}\n{% if provincial.received is not none %}{% filter clauses(end="。") %}\n受理青海省“12345”政务服务热线{{ provincial.received }}件\n{% if provincial.completed is not none %}办结{{ provincial.completed }}件{% endif %}\n{% endfilter %}{% endif %}\n'
OLD_FIGURES = '{% for f in figures %}\n{% if f.total is not none and (f.stated or not f.ranking) %}\n{{ f.name }}{{ f.total }}{{ f.unit }}\n{% filter clauses(lead="，其中", sep="、") %}\n{% for p in f.parts %}\n{{ p.name }}{{ p.value }}{{ f.unit }}\n{% endfor %}\n{% endfilter %}\n。\n{% endif %}\n{% if f.ranking and f.ranking.rows %}\n{{ f.name }}前{{ f.ranking.top }}位：\n{% filter clauses %}\n{% for r in f.ranking.rows %}\n{{ r.name }}{{ r.value }}{{ f.unit }}{% if r.tied %}（并列第{{ r.rank }}位）{% endif %}\n{% endfor %}\n{% endfilter %}\n{% if f.ranking.tied_beyond %}；另有{{ f.ranking.tied_beyond }}个与末位并列{% endif %}\n。\n{% endif %}\n{% endfor %}\n{% for rt in rates %}\n{% if rt.rate %}{{ rt.name }}{{ rt.rate }}。{% endif %}\n{% endfor %}\n'
NEW_HOTLINE = '{% set head %}{% filter clauses(lead=period ~ "，" ~ short_name ~ "12345市民服务热线", end="。") %}\n{% for f in figures %}{% if f.code == "hotline_received" and f.stated %}共受理{{ f.total }}件{% for o in figures %}{% if o.code == "hotline_orders" %}{% filter clauses(lead="（其中", end="）") %}\n{% for p in o.parts %}\n{{ p.name }}{{ p.value }}件\n{% endfor %}\n{% endfilter %}{% endif %}{% endfor %}\n日均受理{{ f.daily_average }}件{% endif %}{% endfor %}\n{% for f in figures %}{% if f.code == "hotline_completed" and f.stated %}办结{{ f.total }}件{% endif %}{% endfor %}\n{% endfilter %}{% endset %}\n{% set natures_text %}{% for f in figures %}{% if f.code == "hotline_received" %}{% filter clauses(sep="；") %}\n{% for p in f.parts %}\n{{ p.name }}{{ p.value }}件{% if p.share and f.stated %}，占{{ p.share }}{% endif %}\n{% endfor %}\n{% endfilter %}{% endif %}{% endfor %}{% endset %}\n{{ head }}\n{% if natures_text %}{{ "其中，" if head else period ~ "，" ~ short_name ~ "12345热线" }}按办件性质分：{{ natures_text }}。{% endif %}\n{% for f in figures %}{% if f.code == "hotline_channel_received" %}{% for p in f.parts %}{% filter clauses(end="。") %}\n受理{{ p.name }}{{ p.value }}件\n{% for g in figures %}{% if g.code == "hotline_channel_completed" %}{% for q in g.parts %}{% if q.name == p.name %}办结{{ q.value }}件{% endif %}{% endfor %}{% endif %}{% endfor %}\n{% endfilter %}{% endfor %}{% endif %}{% endfor %}\n'
NEW_FIGURES = '{% set head %}{% filter clauses(lead=period ~ "，" ~ short_name ~ "12345市民服务热线", end="。") %}\n{% for f in figures %}{% if f.code == "hotline_received" and f.stated %}共受理{{ f.total }}件{% for o in figures %}{% if o.code == "hotline_orders" %}{% filter clauses(lead="（其中", end="）") %}\n{% for p in o.parts %}\n{{ p.name }}{{ p.value }}件\n{% endfor %}\n{% endfilter %}{% endif %}{% endfor %}\n日均受理{{ f.daily_average }}件{% endif %}{% endfor %}\n{% for f in figures %}{% if f.code == "hotline_completed" and f.stated %}办结{{ f.total }}件{% endif %}{% endfor %}\n{% endfilter %}{% endset %}\n{% set natures_text %}{% for f in figures %}{% if f.code == "hotline_received" %}{% filter clauses(sep="；") %}\n{% for p in f.parts %}\n{{ p.name }}{{ p.value }}件{% if p.share and f.stated %}，占{{ p.share }}{% endif %}\n{% endfor %}\n{% endfilter %}{% endif %}{% endfor %}{% endset %}\n{{ head }}\n{% if natures_text %}{{ "其中，" if head else period ~ "，" ~ short_name ~ "12345热线" }}按办件性质分：{{ natures_text }}。{% endif %}\n{% for f in figures %}{% if f.code == "hotline_channel_received" %}{% for p in f.parts %}{% filter clauses(end="。") %}\n受理{{ p.name }}{{ p.value }}件\n{% for g in figures %}{% if g.code == "hotline_channel_completed" %}{% for q in g.parts %}{% if q.name == p.name %}办结{{ q.value }}件{% endif %}{% endfor %}{% endif %}{% endfor %}\n{% endfilter %}{% endfor %}{% endif %}{% endfor %}\n{% set printed_above = ["hotline_received", "hotline_orders", "hotline_completed", "hotline_channel_received", "hotline_channel_completed"] %}\n{% for f in figures %}\n{% if f.code not in printed_above %}\n{% if f.total is not none and (f.stated or not f.ranking) %}\n{{ f.name }}{{ f.total }}{{ f.unit }}\n{% filter clauses(lead="，其中", sep="、") %}\n{% for p in f.parts %}\n{{ p.name }}{{ p.value }}{{ f.unit }}\n{% endfor %}\n{% endfilter %}\n。\n{% endif %}\n{% if f.ranking and f.ranking.rows %}\n{{ f.name }}前{{ f.ranking.top }}位：\n{% filter clauses %}\n{% for r in f.ranking.rows %}\n{{ r.name }}{{ r.value }}{{ f.unit }}{% if r.tied %}（并列第{{ r.rank }}位）{% endif %}\n{% endfor %}\n{% endfilter %}\n{% if f.ranking.tied_beyond %}；另有{{ f.ranking.tied_beyond }}个与末位并列{% endif %}\n。\n{% endif %}\n{% endif %}\n{% endfor %}\n{% for rt in rates %}\n{% if rt.rate %}{{ rt.name }}{{ rt.rate }}。{% endif %}\n{% endfor %}\n'
CENTRE_BLOCKS = ("centres", "centre_paragraphs")


def _centre_blocks(blocks):
    for block in blocks:
        if block.get("kind") in CENTRE_BLOCKS:
            yield block
        yield from _centre_blocks(block.get("blocks", []))


def _forwards_block(block) -> bool:
    if "hotline" not in block:
        return False
    hotline = block.pop("hotline")
    figures = block.get("figures", "")
    if not hotline.strip():
        return True
    if figures == OLD_FIGURES:
        block["figures"] = NEW_FIGURES
    else:
        block["figures"] = NEW_HOTLINE + figures
    return True


def _backwards_block(block) -> bool:
    if "hotline" in block:
        return False
    figures = block.get("figures", "")
    if figures == NEW_FIGURES:
        block["hotline"], block["figures"] = OLD_HOTLINE, OLD_FIGURES
    elif figures.startswith(NEW_HOTLINE):
        block["hotline"], block["figures"] = OLD_HOTLINE, figures[len(NEW_HOTLINE) :]
    else:
        block["hotline"] = ""
    return True


def _rewrite(apps, change, old_key, new_key):
    Profile = apps.get_model("bulletins", "Profile")
    Issue = apps.get_model("bulletins", "Issue")
    for profile in Profile.objects.all():
        changed = [change(b) for b in _centre_blocks(profile.spec.get("blocks", []))]
        if any(changed):
            profile.save(update_fields=["spec"])
    for issue in Issue.objects.exclude(overrides={}):
        overrides = dict(issue.overrides)
        for key in list(overrides):
            if key.startswith("centre.") and key.endswith(old_key):
                moved = key.removesuffix(old_key) + new_key
                if moved not in overrides:
                    overrides[moved] = overrides.pop(key)
        if overrides != issue.overrides:
            issue.overrides = overrides
            issue.save(update_fields=["overrides"])


def forwards(apps, schema_editor):
    _rewrite(apps, _forwards_block, ".hotline", ".figures")


def backwards(apps, schema_editor):
    _rewrite(apps, _backwards_block, ".figures", ".hotline")


class Migration(migrations.Migration):
    dependencies = [
        ("bulletins", "0008_existing_profiles"),
        ("submissions", "0015_hotline_definitions"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
