"""Reading trade spreadsheets a row at a time (.xlsx and .csv), in bounded memory.

An .xlsx sheet is streamed with openpyxl's read-only mode (rows are parsed as they
are read, never the whole sheet at once); a .csv is decoded as UTF-8 (with or
without BOM) or, failing that, GB18030 (what Excel on a Chinese Windows saves).

    >>> sheet = open_sheet(io.BytesIO("项目编号,项目名称\\nA1,路\\n".encode()), "t.csv")
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

UNSUPPORTED_FORMAT = "不支持的文件格式“{suffix}”：请上传 .xlsx 或 .csv 文件。"
UNREADABLE = "无法读取文件：{error}"
UNKNOWN_ENCODING = "无法识别 CSV 文件的编码：请另存为 UTF-8 或 GB18030（GBK）编码。"
NO_HEADER = "文件中没有表头行。"
TOO_BIG = "文件过大：{size}字节，上限为{limit}字节。"

FORMATS = (".xlsx", ".csv")
_DECODE_BLOCK = 1 << 16


class SheetError(ValueError):
    """The file as a whole cannot be read (as opposed to a bad row)."""


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


def open_sheet(source, name: str) -> Sheet:
    """``source``: a path or a binary file object; ``name`` gives the format."""
    suffix = Path(name).suffix.lower()
    if suffix not in FORMATS:
        raise SheetError(UNSUPPORTED_FORMAT.format(suffix=suffix or name))
    try:
        if suffix == ".xlsx":
            return _xlsx(source)
        return _csv(source)
    except SheetError:
        raise
    except Exception as exc:  # a corrupt or mislabelled file
        raise SheetError(UNREADABLE.format(error=exc)) from exc


def _xlsx(source) -> Sheet:
    import openpyxl

    book = openpyxl.load_workbook(source, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
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
    total = sheet.max_row - header_row if sheet.max_row else None

    def body():
        try:
            for row_number, values in _numbered(rows, header_row + 1):
                yield row_number, values[:width]
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


def _csv(source) -> Sheet:
    binary = open(source, "rb") if isinstance(source, str | Path) else source
    encoding = _encoding(binary)
    text = io.TextIOWrapper(binary, encoding=encoding, newline="")
    reader = csv.reader(text)
    for values in reader:
        if not _blank(values):
            headers = [_header(v) for v in values]
            break
    else:
        raise SheetError(NO_HEADER)
    width = len(headers)

    def body():
        try:
            for values in reader:
                if not _blank(values):
                    # csv's line_num counts physical lines, right for quoted newlines
                    yield reader.line_num, tuple(values[:width])
        finally:
            if binary is source:
                text.detach()  # leave the caller's file open
            else:
                text.close()

    return Sheet(headers, body(), None)
