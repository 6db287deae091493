"""Rendering a figure input with its validation findings next to it."""

from django import template

from ..views.common import slot_id as _slot_id

register = template.Library()


@register.filter
def slot_id(key: str) -> str:
    return _slot_id(key)


@register.inclusion_tag("submissions/_field.html")
def figure_field(form, name, findings_by_field, show_label=True, disabled=False):
    field = form[name]
    key = form.finding_key(name)
    findings = findings_by_field.get(key, [])
    classes = ["form-control", "form-control-sm"]
    if hasattr(form.fields[name], "max_value"):
        classes.append("figure-num")
    if field.errors:
        classes.append("is-invalid")
    elif any(f.is_error for f in findings):
        classes.append("border-danger")
    elif findings:
        classes.append("border-warning")
    attrs = {
        "class": " ".join(classes),
        "aria-describedby": _slot_id(key),
    }
    if not show_label:
        attrs["aria-label"] = field.label
    if disabled:
        attrs["disabled"] = True
    return {
        "field": field,
        "widget": field.as_widget(attrs=attrs),
        "slot": _slot_id(key),
        "findings": findings,
        "show_label": show_label,
    }


@register.filter
def required_key(definition) -> str:
    """The finding key of a required definition left blank."""
    return f"defined[{definition.pk}]"


@register.filter
def get(mapping, key):
    return mapping.get(key, [])


WEEKDAYS = "一二三四五六日"


@register.filter
def weekday_cn(day) -> str:
    """星期一 … 星期日, whatever language the browser asks for."""
    return f"星期{WEEKDAYS[day.weekday()]}" if day else ""
