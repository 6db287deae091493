"""django-import-export formats for trades that read through ``spreadsheets``.

The admin's import then follows the same rules as ``manage.py import_trades``:
header spelling, CSV encodings (UTF-8 with or without BOM, GB18030), blank rows
and spreadsheet row numbers.
"""

import io

from import_export.formats.base_formats import CSV, XLSX
from tablib import Dataset

from .spreadsheets import SheetLimits, open_sheet
from .trade_columns import ROW_KEY


def _dataset(data: bytes, name: str) -> Dataset:
    """The sheet through our reader: same header rules, encodings and row numbers
    as ``manage.py import_trades``."""
    sheet = open_sheet(io.BytesIO(data), name, SheetLimits.for_import("trades"))
    return Dataset(
        *((*values, number) for number, values in sheet.rows),
        headers=[*sheet.headers, ROW_KEY],
    )


class TradeXLSX(XLSX):
    def create_dataset(self, in_stream):
        return _dataset(in_stream, "upload.xlsx")


class TradeCSV(CSV):
    """CSV read as bytes: UTF-8 (with or without BOM) or GB18030, detected."""

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, str):
            in_stream = in_stream.encode("utf-8")
        return _dataset(in_stream, "upload.csv")
