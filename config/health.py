"""/healthz: is this instance able to serve? Reveals nothing sensitive."""

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

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
    return {"reachable": True, "pending_migrations": pending_migrations(connection)}


@never_cache
def healthz(request):
    db = database_status()
    ok = db["reachable"] and db["pending_migrations"] == 0
    payload = {"status": "ok" if ok else "error", "database": db}
    return JsonResponse(payload, status=200 if ok else 503)
