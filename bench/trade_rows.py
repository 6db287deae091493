"""The SYNTHETIC trades both import benchmarks read (``bench/import_trades.py``:
.xlsx, ``bench/import_csv.py``: .csv): the same rows, the trades sheet's header."""

from __future__ import annotations

import csv
import datetime
import re
import zipfile
from decimal import Decimal
from pathlib import Path

HEADERS = ["项目编号", "项目名称", "交易类型", "成交日期", "成交金额（元）", "备注"]
LEAVES = [
    "房屋建筑",
    "市政",
    "公路",
    "水利",
    "其他",
    "政府采购",
    "土地出让",
    "国有产权交易",
]


def trade_rows(rows: int):
    """Row n: code, name, leaf category, date, exact amount in 元, note."""
    start = datetime.date(2021, 1, 1)
    for n in range(rows):
        yield [
            f"HD{2021_000000 + n}",
            f"海东市第{n}号公共资源交易项目",
            LEAVES[n % len(LEAVES)],
            start + datetime.timedelta(days=n % 365),
            Decimal(f"{(n * 7919) % 10_000_000}.{n % 100:02d}"),
            "" if n % 3 else "备注",
        ]


def write_csv(path: Path, rows: int) -> None:
    """The same rows as ``write_sheet``, as UTF-8 .csv."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(HEADERS)
        for code, name, leaf, date, amount, note in trade_rows(rows):
            out.writerow([code, name, leaf, date.isoformat(), str(amount), note])


def write_sheet(path: Path, rows: int) -> None:
    import openpyxl

    # A normal (not write-only) workbook, so the sheet carries its <dimension>
    # as Excel's own files do; without it openpyxl's read-only mode parses the
    # whole sheet once just to size it.
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "交易"
    sheet.append(HEADERS)
    for row in trade_rows(rows):
        sheet.append(row)
    book.save(path)
    use_shared_strings(path)


_INLINE = re.compile(
    r'<c r="([A-Z]+[0-9]+)"( s="[0-9]+")? t="inlineStr"'
    r"(?: />|><is><t>(.*?)</t></is></c>)"
)


def use_shared_strings(path: Path) -> None:
    """Rewrite openpyxl's inline strings as a shared-strings table, as Excel (and
    the trading platform's exports) store text; openpyxl reads those faster, so
    the comparison is not flattered by a slow read common to both phases."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    index: dict[str, int] = {}
    count = 0

    def shared(match):
        nonlocal count
        ref, style, text = match.groups()
        if text is None:  # an empty cell
            return f'<c r="{ref}"{style or ""} />'
        count += 1
        number = index.setdefault(text, len(index))
        return f'<c r="{ref}"{style or ""} t="s"><v>{number}</v></c>'

    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = _INLINE.sub(shared, parts[sheet].decode()).encode()
    parts["xl/sharedStrings.xml"] = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{count}" uniqueCount="{len(index)}">'
        + "".join(f"<si><t>{text}</t></si>" for text in index)
        + "</sst>"
    ).encode()
    types = "[Content_Types].xml"
    parts[types] = parts[types].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        b"</Types>",
    )
    rels = "xl/_rels/workbook.xml.rels"
    parts[rels] = parts[rels].replace(
        b"</Relationships>",
        b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/sharedStrings" Target="sharedStrings.xml" '
        b'Id="rIdSharedStrings"/></Relationships>',
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
