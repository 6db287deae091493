"""Settings, read from the environment (12-factor).

Every setting a deployment may change is read here from an environment variable;
README.md lists them all. With DEBUG off, SECRET_KEY must be given.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env file is read when present (never committed).
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

# A development key is only acceptable while DEBUG is on.
DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (生产环境必须设置 SECRET_KEY)."
        )
    SECRET_KEY = DEV_SECRET_KEY

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "simple_history",
    "config.apps.AxesConfig",  # django-axes, named in Chinese
    "bureaus",
    "submissions",
    "transactions",
    "bulletins",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # No LocaleMiddleware: the interface is Chinese whatever the browser asks
    # for (an en-US browser got an English admin and English form errors).
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "config.middleware.SecurityHeadersMiddleware",
    # 405 for PUT, DELETE, PATCH, TRACE, … on every URL (inside the header
    # middleware, so the answer carries the security headers).
    "config.methods.MethodMiddleware",
    # 413 for a body larger than any view takes, before it is read.
    "config.request_limits.RequestSizeMiddleware",
    # AxesMiddleware must be last: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.navigation.navigation",
                "bureaus.site.site",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
# A reused connection the database has closed (restart, failover) is replaced
# before the request uses it, instead of failing that request.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://bulletin"),
}

AUTHENTICATION_BACKENDS = [
    # Axes first, so a locked-out user is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

_VALIDATORS = "django.contrib.auth.password_validation."
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": _VALIDATORS + "UserAttributeSimilarityValidator"},
    {"NAME": _VALIDATORS + "MinimumLengthValidator"},
    {"NAME": _VALIDATORS + "CommonPasswordValidator"},
    {"NAME": _VALIDATORS + "NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "landing"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "zh-hans"
# Chinese for the admin pages of packages that ship none (django-axes).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Tests and the dev server run without collectstatic.
WHITENOISE_USE_FINDERS = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Uploads: refuse big bodies before anything parses them.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=5 * 2**20)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 2**20
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=20 * 2**20)
# A body declared larger than this is refused (413) before it is read
# (config/request_limits.py); the front server's limit is lower (docs/security.md).
REQUEST_MAX_BYTES = env.int("REQUEST_MAX_BYTES", default=64 * 2**20)
# Spreadsheet imports (config/sheets.py): checked from the zip's directory before
# parsing and counted while streaming. rows/columns/cells of the first sheet,
# unzipped: every part of an .xlsx together, shared_strings: its shared-strings
# part, csv_bytes: a CSV file. Per import; docs/security.md.
SPREADSHEET_LIMITS = {
    "trades": {
        "rows": env.int("TRADES_IMPORT_MAX_ROWS", default=100_000),
        "columns": 50,
        "cells": 100_000 * 12,
        "unzipped": 200 * 2**20,
        "shared_strings": 64 * 2**20,
        "csv_bytes": UPLOAD_MAX_BYTES,
    },
    # A report's defined figures: one row per total and per option (a bureau
    # with 30 definitions of 50 options has 1,530 rows).
    "figures": {
        "rows": 5_000,
        "columns": 20,
        "cells": 5_000 * 8,
        "unzipped": 8 * 2**20,
        "shared_strings": 2 * 2**20,
        "csv_bytes": 2**20,
    },
}

# --- Sessions, cookies and transport security -----------------------------------
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=2 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True  # the age counts from the last request: inactivity
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True
)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env.bool("USE_X_FORWARDED_PROTO", default=False):
    # Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CONTENT_SECURITY_POLICY = env.str(
    "CONTENT_SECURITY_POLICY",
    default=(
        "default-src 'self'; img-src 'self' data:; style-src 'self'; "
        "script-src 'self'; object-src 'none'; base-uri 'self'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
)

# --- E-mail (reminders to late centres) ------------------------------------------
# EMAIL_URL, e.g. smtp+tls://user:password@mail.example.gov.cn:587; by default
# messages are printed to the console instead of sent.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="bulletin@localhost")
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
# The automatic reminder (manage.py send_reminders, from cron) goes out this many
# working days before the deadline.
REMINDER_WORKING_DAYS_BEFORE = env.int("REMINDER_WORKING_DAYS_BEFORE", default=2)
# The site's address as centres reach it, for the links in reminders sent by cron.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# --- Login lockout (django-axes) ------------------------------------------------
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# --- The bulletin's own settings ------------------------------------------------
# Reports for month M are due on this day of month M+1, moved to the next working day.
REPORT_DEADLINE_DAY = env.int("REPORT_DEADLINE_DAY", default=5)
# The bureau's first reporting month ("2021-06"): clerks may catch up on any month
# from it; empty means the earliest month any report exists for. Periods before
# 2000-01 or more than one period after today are refused wherever a period is
# typed or put in a URL (config/periods.py).
REPORT_FIRST_MONTH = env.str("REPORT_FIRST_MONTH", default="")
# How many months back from the current one a clerk may open; 0: back to the first.
REPORT_OPEN_MONTHS = env.int("REPORT_OPEN_MONTHS", default=0)
# The former validation thresholds (DESIGN 3.4), read once by migration
# submissions/0025 to set the existing bureaus' 受理 change limit and 办结率
# minimum; the rules read those definition fields.
VALIDATION_MAX_MONTHLY_CHANGE = env.float("VALIDATION_MAX_MONTHLY_CHANGE", default=0.5)
# A figure this many times its previous periods' mean (or a 1/this of it) is
# flagged as implausible: typically a 万元 figure typed as 元 (10,000×).
VALIDATION_IMPLAUSIBLE_RATIO = env.int("VALIDATION_IMPLAUSIBLE_RATIO", default=100)
VALIDATION_MIN_COMPLETION_RATE = env.float(
    "VALIDATION_MIN_COMPLETION_RATE", default=0.9
)
# A small bureau may let the editor sign an issue off (签发) without a leader.
BULLETIN_EDITOR_MAY_SIGN_OFF = env.bool("BULLETIN_EDITOR_MAY_SIGN_OFF", default=False)
# How long a signed preview link for a draft issue stays valid, in hours.
BULLETIN_PREVIEW_LINK_HOURS = env.int("BULLETIN_PREVIEW_LINK_HOURS", default=72)
# Font files for the PDF, by role; empty means "search the known Debian paths".
PDF_FONT_DIRS = env.list("PDF_FONT_DIRS", default=[])
PDF_FONT_SONG = env.str("PDF_FONT_SONG", default="")
PDF_FONT_HEI = env.str("PDF_FONT_HEI", default="")
PDF_FONT_KAI = env.str("PDF_FONT_KAI", default="")
PDF_FONT_FANGSONG = env.str("PDF_FONT_FANGSONG", default="")
PDF_FONT_LATIN = env.str("PDF_FONT_LATIN", default="")
# Bureau identity printed in the site header.

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
