"""gunicorn's settings in production: ``gunicorn -c config/gunicorn.py config.wsgi``
(the Dockerfile and docker-compose.yml run exactly that).

- ``timeout``: a worker silent for this long is killed and replaced (the largest
  legal import, 100,000 trades, takes about 12 s; a PDF under 1 s).
- ``max_requests`` with ``max_requests_jitter``: each worker is replaced after
  about a thousand requests, at staggered times, so that slow leaks never add up.
- The memory guard: after a request, a worker whose resident memory passed
  ``GUNICORN_WORKER_MAX_RSS_MB`` finishes and is replaced; a hard address-space
  limit (``GUNICORN_WORKER_MAX_VM_MB``) turns a runaway allocation into a
  MemoryError in that request instead of the machine's memory.
- ``limit_request_line`` / ``limit_request_fields`` / ``limit_request_field_size``:
  request lines and headers beyond these get 400 from gunicorn itself.

Every value can be changed through the environment variable named beside it.
"""

import os
import resource

MB = 2**20


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = _int("GUNICORN_WORKERS", 3)
worker_class = "sync"
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = 5
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 100)
limit_request_line = _int("GUNICORN_LIMIT_REQUEST_LINE", 4094)
limit_request_fields = _int("GUNICORN_LIMIT_REQUEST_FIELDS", 100)
limit_request_field_size = _int("GUNICORN_LIMIT_REQUEST_FIELD_SIZE", 8190)
accesslog = "-"
errorlog = "-"

WORKER_MAX_RSS = _int("GUNICORN_WORKER_MAX_RSS_MB", 512) * MB
WORKER_MAX_VM = _int("GUNICORN_WORKER_MAX_VM_MB", 2048) * MB


def resident_bytes() -> int:
    """This process's resident memory now (Linux), in bytes."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize()


def post_worker_init(worker):
    """Cap the worker's address space: beyond it, allocations fail."""
    resource.setrlimit(resource.RLIMIT_AS, (WORKER_MAX_VM, WORKER_MAX_VM))


def post_request(worker, req, environ, resp):
    """Retire a worker that grew past the resident limit, after its request."""
    size = resident_bytes()
    if size > WORKER_MAX_RSS:
        worker.log.warning(
            "worker %s uses %d MB (limit %d MB): restarting it",
            worker.pid,
            size // MB,
            WORKER_MAX_RSS // MB,
        )
        worker.alive = False
