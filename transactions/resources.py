"""Trades as spreadsheets (django-import-export): one resource for import and export.

Columns, in this order, for both directions (an export re-imports unchanged):
项目编号, 项目名称, 交易类型, 成交日期, 成交金额（元）, 备注.

The library's default import path costs about 1.6 ms per row, for reasons that add
up over 50,000 rows (docs/performance-trades.md):

* the default instance loader runs one ``SELECT`` per row to find the trade by
  code, and ``ForeignKeyWidget`` one more to find the category;
* each row is ``deepcopy``'d and rendered twice through every field's widget to
  build a diff, then the diff is rendered as HTML, even when nobody looks at it;
* each row is saved with its own ``INSERT``/``UPDATE`` inside its own savepoint.

Here existing trades are fetched by code in a few chunked queries
(``PrefetchedTradeLoader``), categories come from an in-memory map, the diff is
skipped (``skip_diff``/``skip_html_diff``) and "unchanged" is decided by comparing
a tuple of the row's values with the stored ones; rows are written with
``bulk_create``/``bulk_update`` in batches (``use_bulk``, ``batch_size``), and
their history rows likewise.

Every bad row is reported (row numbers are the spreadsheet's: the header is row 1)
with one of the Chinese messages of ``transactions.trade_columns``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from import_export import fields, resources
from import_export.instance_loaders import BaseInstanceLoader

from .locks import check_month_open
from .models import Trade
from .trade_columns import (
    AMOUNT,
    BUDGET,
    CATEGORY,
    CODE,
    DATE,
    DUPLICATE_CODE,
    HEADERS,
    MEASURES,
    MISSING_COLUMNS,
    NAME,
    NOTES,
    REQUIRED,
    RESERVE,
    ROW_KEY,
    VENUE,
    AmountWidget,
    CategoryWidget,
    RequiredTextWidget,
    TradeDateWidget,
    _text,
)

IMPORT_CHANGE_REASON = "表格导入"
# Rows per bulk INSERT/UPDATE and per chunk of the existing-trades lookup.
BATCH_SIZE = 2000
LOOKUP_CHUNK = 5000


class PrefetchedTradeLoader(BaseInstanceLoader):
    """Existing trades of the dataset's codes, fetched in a few chunked queries.

    The library's ``CachedInstanceLoader`` does this in one ``IN`` list built from
    ``dataset.dict`` (a copy of the whole sheet as dicts), which SQLite refuses
    beyond 32,766 parameters; this one walks the code column only.
    """

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.by_code: dict[str, Trade] = {}
        if dataset is None or CODE not in (dataset.headers or []):
            return
        codes = list(dict.fromkeys(c for c in map(_text, dataset[CODE]) if c))
        for start in range(0, len(codes), LOOKUP_CHUNK):
            chunk = codes[start : start + LOOKUP_CHUNK]
            self.by_code.update(
                (t.code, t)
                for t in Trade.objects.for_bureau(resource.bureau).filter(
                    code__in=chunk
                )
            )

    def get_instance(self, row):
        return self.by_code.get(_text(row.get(CODE)))


def record_history(trades: list[Trade], history_type: str, user) -> None:
    """One history row per trade, copied inside the database.

    simple-history's ``bulk_create_with_history`` builds a ``HistoricalTrade``
    object per row in Python, which cost more than the trades' own INSERT;
    ``INSERT … SELECT`` copies the rows as stored, in one statement per batch.
    """
    History = Trade.history.model
    quote = connection.ops.quote_name
    fields = [f for f in Trade._meta.concrete_fields]
    target = [History._meta.get_field(f.name).column for f in fields] + [
        History._meta.get_field(name).column
        for name in (
            "history_date",
            "history_type",
            "history_user",
            "history_change_reason",
        )
    ]
    source = ", ".join(quote(f.column) for f in fields)
    pks = [t.pk for t in trades]
    if None in pks:  # a database that does not return ids from bulk_create
        pks = list(
            Trade.objects.filter(
                bureau_id=trades[0].bureau_id, code__in=[t.code for t in trades]
            ).values_list("pk", flat=True)
        )
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    user_id = user.pk if user is not None and user.is_authenticated else None
    with connection.cursor() as cursor:
        for start in range(0, len(pks), BATCH_SIZE):
            batch = pks[start : start + BATCH_SIZE]
            cursor.execute(
                f"INSERT INTO {quote(History._meta.db_table)} "
                f"({', '.join(quote(c) for c in target)}) "
                f"SELECT {source}, %s, %s, %s, %s "
                f"FROM {quote(Trade._meta.db_table)} "
                f"WHERE {quote(Trade._meta.pk.column)} IN "
                f"({', '.join(['%s'] * len(batch))})",
                [now, history_type, user_id, IMPORT_CHANGE_REASON, *batch],
            )


STORED_DATE = 2  # the date's place in ``_values``


def _values(trade: Trade) -> tuple:
    return (
        trade.name,
        trade.category_id,
        trade.date,
        trade.amount,
        trade.notes,
        trade.budget,
        trade.reserve_price,
        trade.venue,
    )


class TradeResource(resources.ModelResource):
    code = fields.Field(
        attribute="code", column_name=CODE, widget=RequiredTextWidget(CODE, 64)
    )
    name = fields.Field(
        attribute="name", column_name=NAME, widget=RequiredTextWidget(NAME, 300)
    )
    category = fields.Field(
        attribute="category", column_name=CATEGORY, widget=CategoryWidget()
    )
    date = fields.Field(attribute="date", column_name=DATE, widget=TradeDateWidget())
    amount = fields.Field(attribute="amount", column_name=AMOUNT, widget=AmountWidget())
    notes = fields.Field(
        attribute="notes",
        column_name=NOTES,
        widget=RequiredTextWidget(NOTES, 2000, required=False),
    )
    budget = fields.Field(
        attribute="budget",
        column_name=BUDGET,
        widget=AmountWidget(BUDGET, required=False),
    )
    reserve_price = fields.Field(
        attribute="reserve_price",
        column_name=RESERVE,
        widget=AmountWidget(RESERVE, required=False),
    )
    venue = fields.Field(
        attribute="venue",
        column_name=VENUE,
        widget=RequiredTextWidget(VENUE, 50, required=False),
    )

    class Meta:
        model = Trade
        fields = (
            "code",
            "name",
            "category",
            "date",
            "amount",
            "notes",
            "budget",
            "reserve_price",
            "venue",
        )
        import_id_fields = ("code",)
        instance_loader_class = PrefetchedTradeLoader
        use_bulk = True
        batch_size = BATCH_SIZE
        skip_diff = True
        skip_html_diff = True
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = False  # the widgets validate every cell
        use_transactions = True

    # ``bureau`` is None only when the admin's export form builds a resource to
    # list its fields; every import and export names the bureau (admin, service).
    def __init__(self, *, bureau=None, history_user=None, **kwargs):
        super().__init__(**kwargs)
        self.bureau = bureau
        self.fields["category"].widget.bureau = bureau
        self.history_user = history_user
        # Kept across the chunks of one file, so duplicates are found file-wide.
        self.first_row_of_code: dict[str, int] = {}
        self.stored_values: dict[int, tuple] = {}
        self.import_fields = self.get_import_fields()
        # {month: the lock message or ""}, asked once per month of the file.
        self.month_locks: dict = {}

    # --- reading -------------------------------------------------------------------

    @staticmethod
    def sheet_row(row, row_number: int) -> int:
        """The spreadsheet row: given by the streaming reader in ``ROW_KEY``, else
        the dataset's ``row_number`` below the header row."""
        return row.get(ROW_KEY) or row_number + 1

    def after_import(self, dataset, result, **kwargs):
        """Number bad rows as the spreadsheet does (the library counts data rows
        from 1), so the admin's error list and our messages agree."""
        super().after_import(dataset, result, **kwargs)
        column = dataset.headers.index(ROW_KEY) if ROW_KEY in dataset.headers else None
        for row in [*result.invalid_rows, *result.error_rows]:
            if column is None:
                row.number += 1
            else:
                row.number = dataset[row.number - 1][column]

    def before_import(self, dataset, **kwargs):
        self.stored_values = {}  # per chunk: the loader's instances are too
        missing = [c for c in REQUIRED if c not in (dataset.headers or [])]
        if missing:
            raise ValidationError(
                MISSING_COLUMNS.format(
                    columns="、".join(missing), headers="，".join(HEADERS)
                ),
                code="missing_columns",
            )
        if NOTES not in dataset.headers:
            dataset.append_col([""] * len(dataset), header=NOTES)
        # Measures the sheet does not carry are neither read nor overwritten.
        self.import_fields = [
            f
            for f in self.get_import_fields()
            if f.column_name not in MEASURES or f.column_name in dataset.headers
        ]

    def after_init_instance(self, instance, new, row, **kwargs):
        if not new:
            self.stored_values[instance.pk] = _values(instance)

    def import_instance(self, instance, row, **kwargs):
        """Set each field from its cell through its widget, collecting errors.

        The library's version goes through ``Field.save``/``Field.clean`` with
        their generic attribute paths and defaults; ours are plain attributes,
        so the widgets are called directly (a third of the per-row cost).
        """
        errors = {}
        instance.bureau = self.bureau
        for field in self.import_fields:
            try:
                value = field.widget.clean(row.get(field.column_name), row=row)
            except ValueError as exc:
                errors[field.attribute] = [ValidationError(str(exc), code="invalid")]
            else:
                setattr(instance, field.attribute, value)
        code = instance.code
        if code:
            here = self.sheet_row(row, kwargs["row_number"])
            first = self.first_row_of_code.setdefault(code, here)
            if first != here:
                errors.setdefault("code", []).append(
                    ValidationError(
                        DUPLICATE_CODE.format(code=code, first=first),
                        code="duplicate",
                    )
                )
        months = {instance.date.replace(day=1)} if instance.date else set()
        if instance.pk is not None and instance.pk in self.stored_values:
            months.add(self.stored_values[instance.pk][STORED_DATE].replace(day=1))
        for month in sorted(months):
            if (locked := self._month_lock(month)) and "date" not in errors:
                errors["date"] = [ValidationError(locked, code="month_locked")]
        if errors:
            raise ValidationError(errors)

    def _month_lock(self, month) -> str:
        if month not in self.month_locks:
            try:
                check_month_open(self.bureau.pk, month)
            except ValidationError as exc:
                self.month_locks[month] = exc.messages[0]
            else:
                self.month_locks[month] = ""
        return self.month_locks[month]

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or instance.pk is None:
            return False
        return self.stored_values.get(instance.pk) == _values(instance)

    # --- writing -------------------------------------------------------------------

    def bulk_create(
        self, using_transactions, dry_run, raise_errors, batch_size=None, result=None
    ):
        if self.create_instances and (using_transactions or not dry_run):
            try:
                with transaction.atomic():
                    Trade.objects.bulk_create(
                        self.create_instances, batch_size=batch_size
                    )
                    record_history(self.create_instances, "+", self.history_user)
            except Exception as exc:
                self.handle_import_error(result, exc, raise_errors)
            finally:
                self.create_instances.clear()

    def bulk_update(
        self, using_transactions, dry_run, raise_errors, batch_size=None, result=None
    ):
        if self.update_instances and (using_transactions or not dry_run):
            try:
                with transaction.atomic():
                    Trade.objects.bulk_update(
                        self.update_instances,
                        self.get_bulk_update_fields(),
                        batch_size=batch_size,
                    )
                    record_history(self.update_instances, "~", self.history_user)
            except Exception as exc:
                self.handle_import_error(result, exc, raise_errors)
            finally:
                self.update_instances.clear()

    # --- exporting -----------------------------------------------------------------

    def filter_export(self, queryset, **kwargs):
        return (
            queryset.filter(bureau=self.bureau)
            .select_related("category")
            .order_by("date", "code")
        )
