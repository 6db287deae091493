"""Settings come from the environment; production refuses unsafe defaults."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "bulletin.example.gov.cn",
    "CSRF_TRUSTED_ORIGINS": "https://bulletin.example.gov.cn",
    "DATABASE_URL": "sqlite:////tmp/bulletin-settings-test.sqlite3",
}


def run_python(code: str, env: dict) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "SECRET_KEY", "DEBUG", "SECURE_", "SESSION_"))
        and k not in {"ALLOWED_HOSTS", "CSRF_COOKIE_SECURE", "DATABASE_URL"}
    }
    clean.update(env)
    clean["DJANGO_SETTINGS_MODULE"] = "config.settings"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_missing_secret_key_with_debug_off_is_refused():
    result = run_python("import django; django.setup()", {"DEBUG": "false"})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_debug_on_allows_the_development_key():
    result = run_python(
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.SECRET_KEY == settings.DEV_SECRET_KEY, settings.DEBUG)",
        {"DEBUG": "true"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True"]


def test_values_are_read_from_the_environment():
    result = run_python(
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.ALLOWED_HOSTS, s.CSRF_TRUSTED_ORIGINS,"
        " s.DATABASES['default']['ENGINE'],"
        " s.LANGUAGE_CODE, s.TIME_ZONE, s.USE_TZ)",
        {**PRODUCTION_ENV, "DATABASE_URL": "postgres://u:p@db:5432/bulletin"},
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "['bulletin.example.gov.cn']" in out
    assert "['https://bulletin.example.gov.cn']" in out
    assert "postgresql" in out
    assert "zh-hans Asia/Shanghai True" in out


def test_production_settings_pass_check_deploy():
    result = run_python(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level',"
        " 'WARNING'])",
        PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_transport_security_values():
    result = run_python(
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS > 0, s.SESSION_COOKIE_HTTPONLY, s.X_FRAME_OPTIONS)",
        PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True", "True", "True", "DENY"]


def test_ssl_redirect_can_be_switched_off_behind_a_proxy():
    result = run_python(
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_PROXY_SSL_HEADER)",
        {
            **PRODUCTION_ENV,
            "SECURE_SSL_REDIRECT": "false",
            "USE_X_FORWARDED_PROTO": "1",
        },
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False ('HTTP_X_FORWARDED_PROTO', 'https')"
