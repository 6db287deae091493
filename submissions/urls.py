from django.urls import path

from . import views

app_name = "submissions"

urlpatterns = [
    # The clerk's screens
    path("", views.todo, name="todo"),
    path("new/", views.report_create, name="report_create"),
    path("new/quarter/", views.quarter_create, name="quarter_create"),
    path("<int:pk>/", views.report_edit, name="report_edit"),
    path("<int:pk>/validate/", views.report_validate, name="report_validate"),
    path("<int:pk>/submit/", views.report_submit, name="report_submit"),
    path("<int:pk>/figures/import/", views.figures_import, name="figures_import"),
    path(
        "<int:pk>/figures/import/confirm/",
        views.figures_import_confirm,
        name="figures_import_confirm",
    ),
    path(
        "<int:pk>/figures/export.<str:fmt>",
        views.figures_export,
        name="figures_export",
    ),
    # The editor's screens
    path("review/", views.review_overview, name="review_overview"),
    path("review/backfill/", views.report_backfill, name="report_backfill"),
    path("review/reminders/", views.reminders_send, name="reminders_send"),
    path("<int:pk>/review/", views.report_review, name="report_review"),
    path("<int:pk>/return/", views.report_return, name="report_return"),
    path("<int:pk>/approve/", views.report_approve, name="report_approve"),
    path("<int:pk>/reopen/", views.report_reopen, name="report_reopen"),
]
