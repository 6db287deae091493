"""Request bodies refused before they are read.

The front server refuses an oversized body first (nginx:
``client_max_body_size 21m;``, docs/security.md). Where the app is reached
without one, Django refuses a body declared larger than ``REQUEST_MAX_BYTES``
(64 MiB) from the ``Content-Length`` header alone, with 413, before reading it;
below that, an upload over ``UPLOAD_MAX_BYTES`` still gets the form's Chinese
message. Form fields without files stay bounded by Django's own
``DATA_UPLOAD_MAX_MEMORY_SIZE`` (400) and ``DATA_UPLOAD_MAX_NUMBER_FIELDS``.
"""

from django.conf import settings
from django.http import HttpResponse

TOO_LARGE = "请求内容过大：{size}字节，上限为{limit}字节。"


class RequestSizeMiddleware:
    """413 for a declared ``Content-Length`` beyond ``REQUEST_MAX_BYTES``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            size = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            size = 0  # Django treats a malformed length as no body
        limit = settings.REQUEST_MAX_BYTES
        if size > limit:
            return HttpResponse(
                TOO_LARGE.format(size=size, limit=limit),
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
