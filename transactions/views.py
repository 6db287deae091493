"""The editor's screens: trades by month and category, and a month's manual totals."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.generic import CreateView, DeleteView, ListView, UpdateView

from bureaus.scoping import BureauMixin, require_bureau
from config.confirm import Step, confirmation
from config.methods import form_page, post_only
from config.periods import (
    PeriodError,
    last_month,
    month_end,
    month_from_url,
    neighbours,
    parse_month,
    previous_month,
)

from .aggregation import TRADES, trade_figures
from .forms import HISTORY_MONTHS, MonthlyTotalsForm, TradeFilterForm, TradeForm
from .locks import check_month_open, month_lock, month_reopen, month_text
from .models import MonthlyTradeTotal, Trade, TradeMonthReopening
from .plausibility import trade_warning
from .services import monthly_totals_save

TOTALS_PERMISSIONS = (
    "transactions.add_monthlytradetotal",
    "transactions.change_monthlytradetotal",
    "transactions.delete_monthlytradetotal",
)


def latest_month(bureau) -> datetime.date:
    """The latest month with trades or manual totals in the accepted range, else
    the current month."""
    last = last_month()
    candidates = [
        Trade.objects.for_bureau(bureau)
        .filter(date__lte=month_end(last))
        .aggregate(last=Max("date"))["last"],
        MonthlyTradeTotal.objects.for_bureau(bureau)
        .filter(month__lte=last)
        .aggregate(last=Max("month"))["last"],
    ]
    last = max((d for d in candidates if d), default=timezone.localdate())
    return last.replace(day=1)


def list_url(month: datetime.date) -> str:
    return f"{reverse('transactions:trade_list')}?month={month:%Y-%m}"


class TradeListView(PermissionRequiredMixin, BureauMixin, ListView):
    http_method_names = ["get", "head"]
    permission_required = "transactions.view_trade"
    template_name = "transactions/trade_list.html"
    context_object_name = "trades"
    paginate_by = 50

    def get(self, request, *args, **kwargs):
        self.filter_form = TradeFilterForm(request.GET or None, bureau=self.bureau)
        valid = self.filter_form.is_bound and self.filter_form.is_valid()
        cleaned = self.filter_form.cleaned_data if valid else {}
        self.month = cleaned.get("month") or latest_month(self.bureau)
        self.category = cleaned.get("category")
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        trades = Trade.objects.for_bureau(self.bureau).for_month(self.month)
        trades = trades.select_related("category", "category__parent")
        if self.category:
            trades = trades.in_category(self.category)
        return trades.order_by("date", "code")

    def get_context_data(self, **kwargs):
        figures = trade_figures(start=self.month, end=self.month, bureau=self.bureau)
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            bureau=self.bureau,
            filter_form=self.filter_form,
            month=self.month,
            previous_month=neighbours(self.month)[0],
            next_month=neighbours(self.month)[1],
            category=self.category,
            figures=figures,
            manual_leaves=[f for f in figures.leaves if f.source != TRADES],
            lock=month_lock(self.bureau.pk, self.month),
            reopenings=TradeMonthReopening.objects.filter(
                bureau=self.bureau, month=self.month
            )
            .select_related("user")
            .order_by("-at")[:5],
            page_query=query.urlencode(),
            **kwargs,
        )


class TradeFormMixin(PermissionRequiredMixin, BureauMixin, SuccessMessageMixin):
    http_method_names = ["get", "head", "post"]
    model = Trade
    form_class = TradeForm
    template_name = "transactions/trade_form.html"

    def get_queryset(self):
        return Trade.objects.for_bureau(self.bureau)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "bureau": self.bureau}

    def get_success_url(self):
        return list_url(self.object.date.replace(day=1))

    def form_valid(self, form):
        response = super().form_valid(form)
        unit = form.cleaned_data["unit"]
        warning = trade_warning(self.object, unit, self.bureau.amount_places)
        if warning:
            messages.warning(self.request, warning)
        return response


class TradeCreateView(TradeFormMixin, CreateView):
    permission_required = "transactions.add_trade"
    success_message = "已新增交易项目“%(code)s”。"

    def get_initial(self):
        """The date defaults to the month the list was showing (``?month=``):
        today when that is the current month, else the month's first day."""
        try:
            month = parse_month(self.request.GET.get("month", ""))
        except PeriodError:  # none, or not one a trade may fall in
            return super().get_initial()
        today = timezone.localdate()
        day = today if today.replace(day=1) == month else month
        return {**super().get_initial(), "date": day}


class TradeUpdateView(TradeFormMixin, UpdateView):
    permission_required = "transactions.change_trade"
    success_message = "已保存交易项目“%(code)s”。"


class TradeDeleteView(
    PermissionRequiredMixin, BureauMixin, SuccessMessageMixin, DeleteView
):
    http_method_names = ["get", "head", "post"]
    permission_required = "transactions.delete_trade"
    model = Trade
    template_name = "transactions/trade_confirm_delete.html"

    def get_queryset(self):
        return Trade.objects.for_bureau(self.bureau)

    def form_valid(self, form):
        try:
            check_month_open(self.object.bureau_id, self.object.date)
        except ValidationError as exc:
            messages.error(self.request, exc.messages[0])
            return redirect(list_url(self.object.date.replace(day=1)))
        return super().form_valid(form)

    def get_success_url(self):
        return list_url(self.object.date.replace(day=1))

    def get_success_message(self, cleaned_data):
        return f"已删除交易项目“{self.object.code}”。"


def _history(month: datetime.date, bureau) -> dict[int, list]:
    """Each leaf category's amounts in the months before ``month``."""
    history: dict[int, list] = {}
    before = month
    for _ in range(HISTORY_MONTHS):
        before = previous_month(before)
        for leaf in trade_figures(start=before, end=before, bureau=bureau).leaves:
            history.setdefault(leaf.category_id, []).append(leaf.amount)
    return history


@login_required
@permission_required(TOTALS_PERMISSIONS, raise_exception=True)
@form_page
def monthly_totals(request, year: int, month: int):
    try:
        first = month_from_url(year, month)
    except PeriodError as exc:
        raise Http404(str(exc)) from None
    bureau = require_bureau(request)
    form = MonthlyTotalsForm(request.POST or None, month=first, bureau=bureau)
    if request.method == "POST" and form.is_valid():
        kept, removed = monthly_totals_save(month=first, figures=form.figures())
        messages.success(
            request,
            f"已保存{first:%Y}年{first.month}月的手工汇总：{kept}个类别"
            + (f"，清除{removed}个类别" if removed else "")
            + "。",
        )
        for warning in form.implausible(_history(first, bureau)):
            messages.warning(request, warning)
        return redirect("transactions:monthly_totals", year=year, month=month)
    figures = trade_figures(start=first, end=first, bureau=bureau)
    return render(
        request,
        "transactions/monthly_totals.html",
        {
            "bureau": bureau,
            "form": form,
            "month": first,
            "figures": figures,
            "previous_month": neighbours(first)[0],
            "next_month": neighbours(first)[1],
            "list_url": list_url(first),
        },
    )


@login_required
@permission_required("transactions.change_trade", raise_exception=True)
@post_only
def month_reopen_view(request, year: int, month: int):
    """Reopen a month's trades that a signed bulletin used: confirmed, with a
    reason, recorded; the bulletin then goes back to its leader on publishing."""
    try:
        first = month_from_url(year, month)
    except PeriodError as exc:
        raise Http404(str(exc)) from None
    bureau = require_bureau(request)
    lock = month_lock(bureau.pk, first)
    page = confirmation(
        request,
        Step(
            title=f"重新打开{month_text(first)}的交易数据",
            consequences=[
                f"这个月的交易数据{lock.reason}。"
                if lock
                else "这个月的交易数据未锁定。",
                "重新打开后可以修改；操作人、时间和原因将被记录。",
                "签发稿所依据的数字如有变化，该期发布时会被拒绝并退回签发人重新签发。",
            ],
            label="重新打开",
            back=list_url(first),
            danger=True,
        ),
    )
    if page is not None:
        return page
    try:
        month_reopen(
            bureau_id=bureau.pk,
            month=first,
            user=request.user,
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, f"已重新打开{month_text(first)}的交易数据。")
    return redirect(list_url(first))
