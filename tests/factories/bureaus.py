import factory

from bureaus.models import Bureau, StaffMembership
from bureaus.services import bureau_create

__all__ = ["BureauFactory", "default_bureau", "second_bureau", "join_bureau"]


def default_bureau() -> Bureau:
    """海东, the bureau every factory uses unless told otherwise."""
    return Bureau.objects.filter(slug="haidong").first() or bureau_create(
        name="海东市政务服务监督管理局", short_name="海东", slug="haidong"
    )


def second_bureau() -> Bureau:
    """海西, a second bureau for tests of separation."""
    return Bureau.objects.filter(slug="haixi").first() or bureau_create(
        name="海西州政务服务监督管理局", short_name="海西", slug="haixi"
    )


def join_bureau(user, bureau=None) -> None:
    StaffMembership.objects.update_or_create(
        user=user, defaults={"bureau": bureau or default_bureau()}
    )


class BureauFactory(factory.django.DjangoModelFactory):
    """A bureau with its starter data (``bureau_create``)."""

    class Meta:
        model = Bureau
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"测试{n}市政务服务监督管理局")
    short_name = factory.Sequence(lambda n: f"测试{n}")
    slug = factory.Sequence(lambda n: f"bureau{n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        existing = model_class.objects.filter(slug=kwargs["slug"]).first()
        return existing or bureau_create(**kwargs)
