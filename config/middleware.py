"""Response headers that Django 5.2 does not set by itself."""

from django.conf import settings


class SecurityHeadersMiddleware:
    """Adds Content-Security-Policy (our pages need no inline script or style)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = settings.CONTENT_SECURITY_POLICY
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        return response
