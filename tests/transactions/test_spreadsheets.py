"""The streaming reader's docstring examples, and the header rules they state."""

import doctest
import io

from transactions import models, spreadsheets
from transactions.spreadsheets import SheetLimits, open_sheet


def test_docstring_examples_hold():
    assert doctest.testmod(spreadsheets).failed == 0
    assert doctest.testmod(models).failed == 0


def test_headers_are_normalised_and_blank_rows_skipped():
    data = " 项目编号 ,成交金额(元)\n\n,\nA1,5\n".encode("utf-8-sig")
    sheet = open_sheet(io.BytesIO(data), "t.csv", SheetLimits.for_import("trades"))
    assert sheet.headers == ["项目编号", "成交金额（元）"]
    assert list(sheet.rows) == [(4, ("A1", "5"))]
