"""Reading trade spreadsheets a row at a time (.xlsx and .csv), in bounded memory.

An .xlsx sheet is streamed with openpyxl's read-only mode (rows are parsed as they
are read, never the whole sheet at once); a .csv is decoded as UTF-8 (with or
without BOM) or, failing that, GB18030 (what Excel on a Chinese Windows saves).
Both are bounded by ``config.sheets`` (``SPREADSHEET_LIMITS["trades"]``).

    >>> limits = SheetLimits.for_import("trades")
    >>> data = io.BytesIO("项目编号,项目名称\\nA1,路\\n".encode())
    >>> sheet = open_sheet(data, "t.csv", limits)
    >>> sheet.headers, list(sheet.rows)
    (['项目编号', '项目名称'], [(2, ('A1', '路'))])
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from config.sheets import (
    SheetError,
    SheetLimits,
    bounded,
    check_csv_size,
    open_workbook,
)

__all__ = ["SheetError", "SheetLimits", "Sheet", "check_size", "open_sheet"]

UNSUPPORTED_FORMAT = "不支持的文件格式“{suffix}”：请上传 .xlsx 或 .csv 文件。"
UNREADABLE = (
    "无法读取文件：不是有效的 {suffix} 文件（文件可能已损坏、不完整或设有密码），"
    "请在 Excel 中另存为 .xlsx 或 .csv 后再上传。"
)
UNKNOWN_ENCODING = "无法识别 CSV 文件的编码：请另存为 UTF-8 或 GB18030（GBK）编码。"
NO_HEADER = "文件中没有表头行。"
TOO_BIG = "文件过大：{size}字节，上限为{limit}字节。"
BAD_CSV = "无法读取 CSV 文件第{row}行附近：{reason}。请检查该行的引号与内容。"
FIELD_TOO_LONG = "单元格内容过长"

FORMATS = (".xlsx", ".csv")
_DECODE_BLOCK = 1 << 16


@dataclass
class Sheet:
    headers: list[str]
    rows: Iterator[tuple[int, tuple]]  # (spreadsheet row number, cell values)
    total: int | None  # data rows, when the file says so cheaply


def _header(value) -> str:
    text = "" if value is None else str(value).strip()
    return text.replace("(", "（").replace(")", "）").replace(" ", "")


def _blank(values) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _numbered(rows, first: int) -> Iterator[tuple[int, tuple]]:
    for number, values in enumerate(rows, start=first):
        if not _blank(values):
            yield number, tuple(values)


def check_size(size: int, limit: int) -> None:
    if size > limit:
        raise SheetError(TOO_BIG.format(size=size, limit=limit))


def open_sheet(source, name: str, limits: SheetLimits) -> Sheet:
    """``source``: a path or a binary file object; ``name`` gives the format."""
    suffix = Path(name).suffix.lower()
    if suffix not in FORMATS:
        raise SheetError(UNSUPPORTED_FORMAT.format(suffix=suffix or name))
    try:
        if suffix == ".xlsx":
            return _xlsx(source, limits)
        return _csv(source, limits)
    except SheetError:
        raise
    except Exception as exc:  # a corrupt or mislabelled file
        raise SheetError(UNREADABLE.format(suffix=suffix)) from exc


def _xlsx(source, limits: SheetLimits) -> Sheet:
    book, sheet, declared = open_workbook(source, limits)
    rows = bounded(sheet.iter_rows(values_only=True), limits)
    header_row = 0
    for values in rows:
        header_row += 1
        if not _blank(values):
            headers = [_header(v) for v in values]
            break
    else:
        book.close()
        raise SheetError(NO_HEADER)
    width = len(headers)
    total = declared - header_row if declared else None

    def body():
        try:
            for row_number, values in _numbered(rows, header_row + 1):
                values = values[:width]
                yield row_number, values + (None,) * (width - len(values))
        finally:
            book.close()

    return Sheet(headers, body(), total)


def _encoding(binary) -> str:
    """utf-8-sig when the whole file decodes as UTF-8, else gb18030 (checked)."""
    for encoding in ("utf-8-sig", "gb18030"):
        binary.seek(0)
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            while block := binary.read(_DECODE_BLOCK):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        binary.seek(0)
        return encoding
    raise SheetError(UNKNOWN_ENCODING)


def _csv(source, limits: SheetLimits) -> Sheet:
    binary = open(source, "rb") if isinstance(source, str | Path) else source
    binary.seek(0, io.SEEK_END)
    check_csv_size(binary.tell(), limits)
    binary.seek(0)
    encoding = _encoding(binary)
    text = io.TextIOWrapper(binary, encoding=encoding, newline="")
    reader = csv.reader(text)
    lines = bounded(reader, limits)
    for values in lines:
        if not _blank(values):
            headers = [_header(v) for v in values]
            break
    else:
        raise SheetError(NO_HEADER)
    width = len(headers)

    def rows():
        try:
            yield from lines
        except csv.Error as exc:
            reason = FIELD_TOO_LONG if "field larger" in str(exc) else "格式错误"
            raise SheetError(
                BAD_CSV.format(row=reader.line_num, reason=reason)
            ) from exc

    def body():
        try:
            for values in rows():
                if not _blank(values):
                    # csv's line_num counts physical lines, right for quoted newlines;
                    # a short row (trailing cells left out) is padded with blanks
                    values = values[:width] + [""] * (width - len(values))
                    yield reader.line_num, tuple(values)
        finally:
            if binary is source:
                text.detach()  # leave the caller's file open
            else:
                text.close()

    return Sheet(headers, body(), None)
