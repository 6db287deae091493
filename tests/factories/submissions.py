import datetime
from types import SimpleNamespace

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from submissions import roles
from submissions.defined import DefinedFigure, Part
from submissions.models import (
    Centre,
    FigureDefinition,
    FigureValue,
    FindingExplanation,
    Membership,
    MonthlyReport,
    WorkItem,
)

from .bureaus import default_bureau, join_bureau

__all__ = [
    "PASSWORD",
    "MembershipFactory",
    "UserFactory",
    "ClerkFactory",
    "EditorFactory",
    "LeaderFactory",
    "AdminFactory",
    "BureauAdminFactory",
    "CentreFactory",
    "HallFactory",
    "MonthlyReportFactory",
    "hotline_values",
    "hotline_of",
    "hotline_figures",
    "hotline_inputs",
    "WorkItemFactory",
    "FindingExplanationFactory",
    "filled_report",
]

PASSWORD = "test-password-123"


def add_role(user, create, name):
    if create and name:
        user.groups.add(Group.objects.get(name=name))
    if create:
        user.save()


def role_hook(default):
    """A post-generation ``role`` hook with a default group name."""

    def role(self, create, extracted, **kwargs):
        add_role(self, create, extracted or default)

    return factory.post_generation(role)


def bureau_hook():
    """Staff of ``bureau`` (海东 when not given)."""

    def bureau(self, create, extracted, **kwargs):
        if create:
            join_bureau(self, extracted)

    return factory.post_generation(bureau)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"用户{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        add_role(self, create, extracted)


class CentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Centre
        django_get_or_create = ("bureau", "name")

    bureau = factory.LazyFunction(default_bureau)
    name = factory.Sequence(lambda n: f"测试{n}区政务服务中心")
    short_name = factory.Sequence(lambda n: f"测试{n}区")
    kind = Centre.Kind.DISTRICT
    order = factory.Sequence(lambda n: 10 + n)


class HallFactory(CentreFactory):
    name = "海东市行政服务和公共资源交易中心"
    short_name = "市级大厅"
    kind = Centre.Kind.HALL
    order = 0


class ClerkFactory(UserFactory):
    """A clerk (填报员) of ``centre`` (a new centre when not given)."""

    role = role_hook(roles.CLERK)

    @factory.post_generation
    def centre(self, create, extracted, **kwargs):
        if create:
            centre = extracted or CentreFactory()
            join_bureau(self, centre.bureau)
            Membership.objects.update_or_create(user=self, defaults={"centre": centre})


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory)
    centre = factory.SubFactory(CentreFactory)


class EditorFactory(UserFactory):
    role = role_hook(roles.EDITOR)
    bureau = bureau_hook()


class LeaderFactory(UserFactory):
    role = role_hook(roles.LEADER)
    bureau = bureau_hook()


class AdminFactory(UserFactory):
    """The site administrator, working in 海东 in the app's screens."""

    role = role_hook(roles.ADMIN)
    bureau = bureau_hook()
    is_staff = True
    is_superuser = True


class BureauAdminFactory(UserFactory):
    """A bureau admin (管理员, staff but not superuser) of ``bureau``."""

    role = role_hook(roles.ADMIN)
    bureau = bureau_hook()
    is_staff = True


class MonthlyReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MonthlyReport

    centre = factory.SubFactory(CentreFactory)
    month = datetime.date(2021, 6, 1)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """The case figures may be given by the former fields' names
        (``accepted_total=…``, ``categories={name: (accepted, completed)}``):
        they are stored as the case definitions' values (``case_values``)."""
        from .cases import TOTALS, case_values

        cases = {k: kwargs.pop(k) for k in (*TOTALS, "categories") if k in kwargs}
        report = super()._create(model_class, *args, **kwargs)
        if cases:
            case_values(report, **cases)
        return report


# The 12345 hotline's former fields as 海东's figure definitions (the city
# starter pack): field → (definition code, option name or None for the total).
_CHANNELS = (
    "市政府门户网站“市长信箱”",
    "市政府门户网站“网民留言”",
    "青海省“12345”政务服务热线",
)
HOTLINE_SLOTS = {
    "received": ("hotline_received", None),
    "help_requests": ("hotline_received", "求助类"),
    "consultations": ("hotline_received", "咨询类"),
    "complaints": ("hotline_received", "投诉类"),
    "suggestions": ("hotline_received", "建议类"),
    "assigned": ("hotline_orders", "承办单"),
    "redone": ("hotline_orders", "重新办理单"),
    "completed": ("hotline_completed", None),
    "mayor_mailbox_received": ("hotline_channel_received", _CHANNELS[0]),
    "mayor_mailbox_completed": ("hotline_channel_completed", _CHANNELS[0]),
    "netizen_received": ("hotline_channel_received", _CHANNELS[1]),
    "netizen_completed": ("hotline_channel_completed", _CHANNELS[1]),
    "provincial_received": ("hotline_channel_received", _CHANNELS[2]),
    "provincial_completed": ("hotline_channel_completed", _CHANNELS[2]),
}


def _hotline_slots(bureau) -> dict:
    definitions = {
        d.code: d
        for d in FigureDefinition.objects.filter(
            bureau=bureau, code__in={c for c, _ in HOTLINE_SLOTS.values()}
        ).prefetch_related("breakdown__options")
    }
    slots = {}
    for field, (code, name) in HOTLINE_SLOTS.items():
        definition = definitions[code]
        option = None
        if name is not None:
            option = next(
                o for o in definition.breakdown.options.all() if o.name == name
            )
        slots[field] = (definition, option)
    return slots


def hotline_values(report=None, **fields) -> MonthlyReport:
    """A report's 12345 hotline, given by the former ``Hotline`` field names,
    stored as the figure values of its bureau's hotline definitions (a blank
    field has no row)."""
    report = report or MonthlyReportFactory()
    slots = _hotline_slots(report.centre.bureau)
    for field, value in fields.items():
        if value is not None:
            definition, option = slots[field]
            FigureValue.objects.create(
                report=report, definition=definition, option=option, value=value
            )
    return report


def hotline_of(report):
    """The report's 12345 figures by the former ``Hotline`` field names (None
    when it states none)."""
    slots = _hotline_slots(report.centre.bureau)
    stored = {
        (v.definition_id, v.option_id): int(v.value)
        for v in FigureValue.objects.filter(report=report, to_date=False)
    }
    found = {
        field: stored.get((d.pk, o.pk if o else None))
        for field, (d, o) in slots.items()
    }
    if all(v is None for v in found.values()):
        return None
    return SimpleNamespace(**found)


class WorkItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkItem

    report = factory.SubFactory(MonthlyReportFactory)
    order = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"工作事项{n}")
    body = "第一段。\n第二段。"


class FindingExplanationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FindingExplanation

    report = factory.SubFactory(MonthlyReportFactory)
    rule = "defined_parts_sum"
    subject = "受理"
    text = "部分事项未归入分类。"


def filled_report(centre=None, month=datetime.date(2021, 6, 1), **figures):
    """A consistent report that passes validation: 平安区's June 2021 totals,
    its case figures the city pack's definitions (``case_values``)."""
    from .cases import case_values

    values = {
        "accepted_total": 29447,
        "completed_total": 29447,
        "in_progress_total": None,
    }
    values.update({k: figures.pop(k) for k in list(values) if k in figures})
    figures.setdefault("working_days", 21)
    report = MonthlyReportFactory(
        centre=centre or CentreFactory(), month=month, **figures
    )
    accepted = values["accepted_total"]
    completed = values["completed_total"]
    case_values(
        report,
        categories={
            "行政许可事项": (
                None if accepted is None else 1973,
                None if completed is None else 1973,
            ),
            "公共服务事项": (
                None if accepted is None else accepted - 1973,
                None if completed is None else completed - 1973,
            ),
        },
        **values,
    )
    WorkItemFactory(report=report, title="不忘来时路", body="开展主题党日活动。")
    return report


# Ids of the hotline's definitions in ``hotline_figures`` (no database).
HOTLINE_IDS = {
    "hotline_received": 1,
    "hotline_orders": 2,
    "hotline_completed": 3,
    "hotline_channel_received": 4,
    "hotline_channel_completed": 5,
}
_HOTLINE_RULES = {
    "hotline_received": {"name": "12345热线受理", "parts_rule": "sum"},
    "hotline_orders": {"name": "12345热线工单", "parts_rule": "sum", "parts_of": 1},
    "hotline_completed": {"name": "12345热线办结", "not_above": 1},
    "hotline_channel_received": {"name": "12345热线渠道受理"},
    "hotline_channel_completed": {"name": "12345热线渠道办结", "not_above": 4},
}
# Option ids: one per option name (a channel's received and completed share it).
HOTLINE_OPTION_IDS = {
    name: n
    for n, name in enumerate(
        dict.fromkeys(o for _, o in HOTLINE_SLOTS.values() if o), start=1
    )
}


def hotline_figures(**fields) -> dict:
    """The 12345 figures, by the former ``Hotline`` field names, as the
    ``DefinedFigure``\\ s of the city pack's hotline definitions (no database):
    definition id → figure, blank definitions left out."""
    totals, parts = {}, {code: [] for code in HOTLINE_IDS}
    for field, (code, option) in HOTLINE_SLOTS.items():
        value = fields.get(field)
        if value is None:
            continue
        if option is None:
            totals[code] = value
        else:
            pk = HOTLINE_OPTION_IDS[option]
            parts[code].append(Part(pk, option, value, pk))
    return {
        pk: DefinedFigure(
            pk,
            code,
            total=totals.get(code),
            parts=tuple(parts[code]),
            **_HOTLINE_RULES[code],
        )
        for code, pk in HOTLINE_IDS.items()
        if code in totals or parts[code]
    }


def hotline_inputs(report, **fields) -> dict[str, str]:
    """The clerk's form inputs (``defined-d…``) of the 12345 figures, by the
    former ``Hotline`` field names."""
    inputs = {}
    for field, value in fields.items():
        definition, option = _hotline_slots(report.centre.bureau)[field]
        suffix = f"_o{option.pk}" if option else ""
        inputs[f"defined-d{definition.pk}{suffix}"] = str(value)
    return inputs
