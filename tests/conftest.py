import pytest

from tests.factories import (
    AdminFactory,
    CentreFactory,
    ClerkFactory,
    EditorFactory,
    HallFactory,
    LeaderFactory,
)


@pytest.fixture
def hall(db):
    return HallFactory()


@pytest.fixture
def centre(db):
    return CentreFactory(name="平安区政务服务中心", short_name="平安区", order=10)


@pytest.fixture
def other_centre(db):
    return CentreFactory(name="乐都区政务服务中心", short_name="乐都区", order=20)


@pytest.fixture
def clerk(centre):
    return ClerkFactory(username="clerk_a", centre=centre)


@pytest.fixture
def other_clerk(other_centre):
    return ClerkFactory(username="clerk_b", centre=other_centre)


@pytest.fixture
def editor(db):
    return EditorFactory(username="editor")


@pytest.fixture
def leader(db):
    return LeaderFactory(username="leader")


@pytest.fixture
def admin_user(db):
    return AdminFactory(username="admin")


@pytest.fixture
def login(client):
    """Log ``user`` in on the test client (skips django-axes' request check)."""

    def _login(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _login
