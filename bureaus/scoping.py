"""The bureau a request works in, resolved once per request.

Every staff screen, form, import, export and command works inside one bureau:
the one the user belongs to (``StaffMembership``). A superuser without a
membership works in the only bureau when there is one; with several, the admin
site (over all bureaus) is theirs and the app's screens refuse them.
"""

from django.core.exceptions import PermissionDenied

from .models import Bureau, StaffMembership

NO_BUREAU = "您的账号未归属任何编发单位，请联系系统管理员。"


def bureau_of(user) -> Bureau | None:
    if user is None or not user.is_authenticated:
        return None
    membership = (
        StaffMembership.objects.select_related("bureau").filter(user=user).first()
    )
    if membership is not None:
        return membership.bureau
    if user.is_superuser:
        only = list(Bureau.objects.all()[:2])
        return only[0] if len(only) == 1 else None
    return None


def current_bureau(request) -> Bureau | None:
    """The request user's bureau, looked up once per request."""
    if not hasattr(request, "_bureau"):
        request._bureau = bureau_of(getattr(request, "user", None))
    return request._bureau


def require_bureau(request) -> Bureau:
    bureau = current_bureau(request)
    if bureau is None:
        raise PermissionDenied(NO_BUREAU)
    return bureau


class BureauMixin:
    """For class-based views: ``self.bureau``, after the permission checks of
    the mixins before it."""

    def dispatch(self, request, *args, **kwargs):
        self.bureau = require_bureau(request)
        return super().dispatch(request, *args, **kwargs)
