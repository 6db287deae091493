"""Text that XML 1.0 can hold: the feeds, .xlsx exports and the PDF are XML or
built from it, and one vertical tab (U+000B) in a paragraph made every feed
answer 500.

XML 1.0 allows tab, newline, carriage return and everything from U+0020 up,
except surrogates and U+FFFE/U+FFFF. Forms refuse anything else with a Chinese
message naming the field (``XmlTextMixin``); renderers pass stored text through
``xml_safe`` so that data stored before the check can never break them:

    >>> illegal_characters("工作\\x0b总结\\x07")
    ['U+000B', 'U+0007']
    >>> xml_safe("工作\\x0b总结\\t")
    '工作总结\\t'
"""

import re

from django import forms
from django.core.exceptions import ValidationError

ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
UNSAFE_TEXT = "“{field}”含有不可见的控制字符（{codes}），请删除后再{action}。"


def illegal_characters(text: str) -> list[str]:
    """The code points of ``text`` that XML 1.0 cannot hold, in order, once each."""
    found = dict.fromkeys(f"U+{ord(c):04X}" for c in ILLEGAL.findall(text or ""))
    return list(found)


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold."""
    return ILLEGAL.sub("", text)


def refusal(text: str, field: str, action: str = "提交") -> str | None:
    """The Chinese message refusing ``text`` for ``field``, or None if it is fine."""
    codes = illegal_characters(text)
    if not codes:
        return None
    return UNSAFE_TEXT.format(field=field, codes="、".join(codes[:5]), action=action)


class XmlTextValidator:
    """A form field's validator: refuses text XML 1.0 cannot hold, naming the
    field by its label as the form finally sets it."""

    def __init__(self, field: forms.Field, name: str):
        self.field, self.name = field, name

    def __call__(self, value):
        message = refusal(str(value), str(self.field.label or self.name), "保存")
        if message:
            raise ValidationError(message, code="xml_character")


class XmlTextMixin:
    """Every text field of the form refuses characters XML 1.0 cannot hold."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField):
                field.validators.append(XmlTextValidator(field, name))
