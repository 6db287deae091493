from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from bulletins import views as bulletin_views
from config import health
from config.landing import landing
from submissions.forms import LoginForm

admin.site.site_header = "政务服务动态 · 系统管理"
admin.site.site_title = "政务服务动态"
admin.site.index_title = "系统管理"

# Django's class-based views accept PUT (as POST) and OPTIONS unless told.
FORM_METHODS = ["get", "head", "post"]
PAGE_METHODS = ["get", "head"]

urlpatterns = [
    path("", bulletin_views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, http_method_names=FORM_METHODS
        ),
        name="login",
    ),
    path("accounts/landing/", landing, name="landing"),
    path(
        "accounts/logout/",
        auth_views.LogoutView.as_view(http_method_names=["post"]),
        name="logout",
    ),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(http_method_names=FORM_METHODS),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(http_method_names=PAGE_METHODS),
        name="password_change_done",
    ),
    path("admin/", admin.site.urls),
    path("reports/", include("submissions.urls")),
    path("trades/", include("transactions.urls")),
    path("", include("bulletins.urls")),
]
