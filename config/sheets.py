"""Bounds on every spreadsheet the site reads, checked before and while parsing.

A 5 KB .xlsx can claim the sheet A1:XFD1048576 (17 billion cells) or unzip to
gigabytes; a CSV under the upload limit can still hold a million rows. Every
import (the clerk's department table and defined figures, the trade imports of
the editor and the admin, ``manage.py import_trades``) reads through this
module, with the limits of ``settings.SPREADSHEET_LIMITS[kind]``:

- before parsing an .xlsx: the unzipped size of every part together and of the
  shared-strings part (from the zip's directory; zipfile never inflates a part
  beyond the size it declares), then the sheet's declared dimension;
- while streaming: rows, columns and cells actually read, counted one row at a
  time (openpyxl's read-only mode; the declared dimension is then ignored, so
  that a sheet cannot hide rows behind a small one);
- a CSV: its size in bytes, then the same row, column and cell counts.

A refusal is a ``SheetTooLarge`` whose message names the limit and the figure:

    >>> limits = SheetLimits(rows=2, columns=3, cells=6, unzipped=1, shared_strings=1,
    ...                      csv_bytes=1)
    >>> list(bounded([(1, 2), (3, 4)], limits))
    [(1, 2), (3, 4)]
    >>> list(bounded([(1,), (2,), (3,)], limits))
    Traceback (most recent call last):
    ...
    config.sheets.SheetTooLarge: 表格行数超过上限2行（读到第3行）。
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings

DECLARED_TOO_LARGE = (
    "表格声明的范围为{rows:,}行×{columns:,}列，"
    "超过上限{row_limit:,}行×{column_limit:,}列。"
)
TOO_MANY_ROWS = "表格行数超过上限{limit:,}行（读到第{found:,}行）。"
TOO_MANY_COLUMNS = "表格第{row:,}行有{found:,}列，超过上限{limit:,}列。"
TOO_MANY_CELLS = "表格单元格数超过上限{limit:,}个（读到第{row:,}行时已有{found:,}个）。"
UNZIPPED_TOO_LARGE = "文件解压后共{found:,}字节，超过上限{limit:,}字节。"
SHARED_STRINGS_TOO_LARGE = (
    "文件中的共享文字表解压后共{found:,}字节，超过上限{limit:,}字节。"
)
CSV_TOO_LARGE = "CSV 文件共{found:,}字节，超过上限{limit:,}字节。"

SHARED_STRINGS = "xl/sharedStrings.xml"


class SheetError(ValueError):
    """The file as a whole cannot be read; the message is for the user."""


class SheetTooLarge(SheetError):
    """The file exceeds one of the configured limits."""


@dataclass(frozen=True)
class SheetLimits:
    rows: int
    columns: int
    cells: int
    unzipped: int  # bytes, every part of an .xlsx together
    shared_strings: int  # bytes, the shared-strings part unzipped
    csv_bytes: int

    @classmethod
    def for_import(cls, kind: str) -> SheetLimits:
        """The limits of one import: ``"trades"`` or ``"figures"``."""
        return cls(**settings.SPREADSHEET_LIMITS[kind])


def check_archive(source, limits: SheetLimits) -> None:
    """Refuse an .xlsx whose parts unzip beyond the limits, from the zip's
    directory alone; ``source`` (a path or a seekable binary file) is rewound."""
    with zipfile.ZipFile(source) as archive:
        members = archive.infolist()
    if hasattr(source, "seek"):
        source.seek(0)
    unzipped = sum(member.file_size for member in members)
    if unzipped > limits.unzipped:
        raise SheetTooLarge(
            UNZIPPED_TOO_LARGE.format(found=unzipped, limit=limits.unzipped)
        )
    for member in members:
        if member.filename == SHARED_STRINGS and member.file_size > (
            limits.shared_strings
        ):
            raise SheetTooLarge(
                SHARED_STRINGS_TOO_LARGE.format(
                    found=member.file_size, limit=limits.shared_strings
                )
            )


def open_workbook(source, limits: SheetLimits, *, data_only: bool = True):
    """The first worksheet of an .xlsx in read-only mode, after the archive and
    the declared dimension passed; its rows must be read through ``bounded``.

    Returns (workbook, worksheet, declared rows or None); the caller closes the
    workbook.
    """
    import openpyxl

    check_archive(source, limits)
    book = openpyxl.load_workbook(source, read_only=True, data_only=data_only)
    sheet = book.worksheets[0]
    rows, columns = sheet.max_row or 0, sheet.max_column or 0
    if rows > limits.rows or columns > limits.columns:
        book.close()
        raise SheetTooLarge(
            DECLARED_TOO_LARGE.format(
                rows=rows,
                columns=columns,
                row_limit=limits.rows,
                column_limit=limits.columns,
            )
        )
    # Read what is there, not what the file says is there (both are bounded).
    sheet.reset_dimensions()
    return book, sheet, rows or None


def check_csv_size(size: int, limits: SheetLimits) -> None:
    if size > limits.csv_bytes:
        raise SheetTooLarge(CSV_TOO_LARGE.format(found=size, limit=limits.csv_bytes))


def bounded(rows: Iterable, limits: SheetLimits) -> Iterator:
    """``rows`` (sequences of cells) unchanged, refused as soon as the rows,
    the columns of one row or the cells so far exceed ``limits``."""
    cells = 0
    for number, row in enumerate(rows, start=1):
        if number > limits.rows:
            raise SheetTooLarge(TOO_MANY_ROWS.format(limit=limits.rows, found=number))
        width = len(row)
        if width > limits.columns:
            raise SheetTooLarge(
                TOO_MANY_COLUMNS.format(row=number, found=width, limit=limits.columns)
            )
        cells += width
        if cells > limits.cells:
            raise SheetTooLarge(
                TOO_MANY_CELLS.format(limit=limits.cells, row=number, found=cells)
            )
        yield row
