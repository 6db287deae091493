"""/healthz: is this instance able to serve? Reveals nothing sensitive.

    {"status": "ok",
     "database": {"reachable": true, "pending_migrations": 0},
     "pdf_fonts": {"mode": "embedded", "ok": true, "problems": 0,
                   "roles": {"song": {"family": "AR PL UMing CN",
                                      "embedded": true, "source": "search"}, …}}}

``status`` is "error" (HTTP 503) when the database cannot be reached or has
migrations left to apply. The PDF fonts never fail the check (the bulletin still
publishes with reportlab's built-in CID font), but ``pdf_fonts.mode`` says
"cid_fallback" then, so monitoring can warn. Names of font families only: no
file paths, settings, host names or versions. Fast: one ``SELECT 1``; the
migration plan is read until it is empty once, the fonts are resolved once per
process (``bulletins.pdf`` is imported on the first request, not at start-up).
"""

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from config.methods import read_only

_migrated = False  # once every migration is applied it stays so for this process


def pending_migrations(connection) -> int:
    global _migrated
    if _migrated:
        return 0
    executor = MigrationExecutor(connection)
    count = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    _migrated = count == 0
    return count


def database_status() -> dict:
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any driver error means "not reachable"
        return {"reachable": False, "pending_migrations": None}
    try:
        pending = pending_migrations(connection)
    except Exception:  # a half-created schema: report it, never a 500
        pending = None
    return {"reachable": True, "pending_migrations": pending}


def pdf_font_status() -> dict:
    """Which fonts the PDF uses: embedded TrueType faces or the CID fallback."""
    try:
        from bulletins.pdf import font_status  # reportlab: load on first use

        status = font_status()
    except Exception:  # the renderer is missing or broken: say so, no details
        return {"mode": "unavailable", "ok": False, "problems": 1, "roles": {}}
    return {
        "mode": "cid_fallback" if status.fallback else "embedded",
        "ok": status.ok,
        "problems": len(status.problems),
        "roles": {
            role.role: {
                "family": role.family,
                "embedded": role.embedded,
                "source": role.source,
            }
            for role in status.roles
        },
    }


@never_cache
@read_only
def healthz(request):
    db = database_status()
    ok = db["reachable"] and db["pending_migrations"] == 0
    payload = {
        "status": "ok" if ok else "error",
        "database": db,
        "pdf_fonts": pdf_font_status(),
    }
    return JsonResponse(payload, status=200 if ok else 503)
