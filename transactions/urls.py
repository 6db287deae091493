from django.urls import path

from . import importing, views

app_name = "transactions"

urlpatterns = [
    path("", views.TradeListView.as_view(), name="trade_list"),
    path("add/", views.TradeCreateView.as_view(), name="trade_create"),
    path("import/", importing.trade_import, name="trade_import"),
    path(
        "import/confirm/", importing.trade_import_confirm, name="trade_import_confirm"
    ),
    path(
        "import/progress/<str:token>/",
        importing.trade_import_progress,
        name="trade_import_progress",
    ),
    path("<int:pk>/edit/", views.TradeUpdateView.as_view(), name="trade_update"),
    path("<int:pk>/delete/", views.TradeDeleteView.as_view(), name="trade_delete"),
    path(
        "reopen/<int:year>/<int:month>/",
        views.month_reopen_view,
        name="month_reopen",
    ),
    path(
        "totals/<int:year>/<int:month>/",
        views.monthly_totals,
        name="monthly_totals",
    ),
]
