"""Text cells a spreadsheet program would run as a formula (CSV/formula injection).

Excel, WPS and LibreOffice treat a cell that starts with ``=``, ``+``, ``-`` or
``@`` (or a tab or carriage return before one) as a formula, in a CSV file and
in a text cell of an .xlsx alike: ``=cmd|' /C calc'!A0`` typed as a project's
name would run on the reader's machine. Every export of user text passes its
cells through ``neutralise``, which prefixes such text with an apostrophe (the
spreadsheet convention for "this is text"); importers pass cells through
``restore`` so that an export imports back unchanged. Characters XML 1.0
cannot hold (stored before forms refused them) are dropped: openpyxl refuses
them, and an export must not fail on old data.

    >>> neutralise("=1+1"), neutralise("平安区\x0b"), neutralise(-5)
    ("'=1+1", '平安区', -5)
    >>> restore("'=1+1"), restore("'平安区")
    ('=1+1', "'平安区")
"""

from config.xmltext import xml_safe

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """``value`` unchanged unless it is text a spreadsheet would evaluate (or
    holds characters XML cannot)."""
    if not isinstance(value, str):
        return value
    value = xml_safe(value)
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restore(value):
    """Undo ``neutralise`` on an imported cell."""
    if (
        isinstance(value, str)
        and value.startswith("'")
        and value[1:].startswith(FORMULA_STARTS)
    ):
        return value[1:]
    return value
