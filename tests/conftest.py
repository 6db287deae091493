import pytest

from tests.factories import (
    AdminFactory,
    CentreFactory,
    ClerkFactory,
    EditorFactory,
    HallFactory,
    LeaderFactory,
    default_bureau,
)


def pytest_collection_modifyitems(items):
    """Every transactional test restores the migrated database when it ends.

    A transactional test empties the tables afterwards; without a serialized
    rollback the reference data of the data migrations (roles, categories) is gone
    for the next one, and on PostgreSQL the content types come back under new ids,
    so a later serialized test cannot reload them. One rule for all avoids both.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None and "transactional_db" in getattr(item, "fixturenames", ()):
            # Asked for by fixture, not by marker: the same rule.
            marker = pytest.mark.django_db(transaction=True).mark
        if marker is None or not marker.kwargs.get("transaction"):
            continue
        if not marker.kwargs.get("serialized_rollback"):
            kwargs = {**marker.kwargs, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)


@pytest.fixture(autouse=True)
def _one_bureau(request):
    """Every database test starts, as a deployment with one bureau does, with
    海东 and its starter reference data (``no_bureau`` opts out)."""
    marker = request.node.get_closest_marker("django_db")
    uses_db = marker is not None or {"db", "transactional_db"} & set(
        request.fixturenames
    )
    if not uses_db or request.node.get_closest_marker("no_bureau"):
        return
    transactional = "transactional_db" in request.fixturenames or (
        marker is not None and marker.kwargs.get("transaction")
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    default_bureau()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory):
    """Stored PDFs and uploads of a test go to a temporary folder, never media/."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


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
