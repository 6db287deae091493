"""collectstatic works with the production storage (the Docker build runs it)."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings


def test_collectstatic_with_the_manifest_storage(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "SECRET_KEY": "collectstatic-test-key",
        "STATIC_ROOT": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "staticfiles.json").exists()
    assert list(tmp_path.glob("vendor/bootstrap/bootstrap.min.*.css"))
