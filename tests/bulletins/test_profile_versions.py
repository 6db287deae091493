"""Profiles on series: 海东's monthly profile gives 第63期 exactly as before;
edits make new versions that change the next issue; a published issue keeps
the version it was built with; the migration gives existing series theirs."""

import copy
import datetime
import io
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from bulletins import services, signoff
from bulletins.composition import compose_document, document_text
from bulletins.periods import Period
from bulletins.profiles import default_profile
from bulletins.profiles.services import save_profile
from bulletins.profiles.spec import ProfileError
from tests.factories import IssueFactory, SeriesFactory, default_bureau

DATA = Path(__file__).resolve().parent.parent / "data"
ISSUE = {
    "series_title": "海东政务服务动态",
    "publisher": "海东市政务服务监督管理局",
    "issue_label": "第63期",
    "publication_date": datetime.date(2021, 7, 6),
}


@pytest.fixture
def demo(db):
    from submissions import demo as submissions_demo
    from transactions import demo as trades_demo

    submissions_demo.load(io.StringIO())
    trades_demo.load(io.StringIO())


@pytest.mark.parametrize(
    ("period", "golden"),
    [
        (Period.month(2021, 6), "haidong-63-composed.txt"),
        (Period.quarter(2021, 2), "haidong-2021q2-composed.txt"),
    ],
)
def test_haidong_profile_composes_the_demo_as_before_profiles(demo, period, golden):
    """The golden texts were written by the composition before profiles existed
    (its constants), from the same demo data."""
    series = SeriesFactory()
    document = compose_document(
        **ISSUE,
        bureau=default_bureau(),
        period=period,
        profile=series.current_profile().spec,
    )
    assert document_text(document) == (DATA / golden).read_text(encoding="utf-8")


def _edited(profile):
    """The edits of the browser journey: 附件 gone, the hall's work block removed,
    a heading and the trades sentence changed, amounts in 万元."""
    data = copy.deepcopy(profile)
    hall = data["blocks"][0]
    hall["heading"] = "市级大厅工作情况"
    handling, work = hall["blocks"]
    hall["blocks"] = [handling]
    trades = handling["blocks"][1]
    trades["template"] = (
        "{{ period }}共成交{{ total_count }}件，成交金额{{ total_amount }}{{ unit }}。"
    )
    data["units"]["amount"] = "万元"
    return data


def test_a_new_version_changes_the_next_issue_and_not_a_published_one(demo):
    series = SeriesFactory()
    first = series.current_profile()
    issue = IssueFactory(
        series=series, number=62, period_start=datetime.date(2021, 5, 1)
    )
    issue.status = issue.Status.PUBLISHED
    issue.profile = first
    issue.save()

    second = save_profile(series, _edited(first.spec), note="改版")
    assert second.version == 2 and series.current_profile() == second

    draft = IssueFactory(
        series=series, number=64, period_start=datetime.date(2021, 6, 1)
    )
    text = document_text(services.compose(draft))
    assert "一、市级大厅工作情况" in text
    assert "6月份共成交224件，成交金额77266.00万元。" in text
    assert "交易金额（万元）" in text and "77266.0000" in text
    assert "主要工作" not in text.split("二、")[0]

    kept = services.compose(issue)
    assert kept == compose_document(
        **{
            **ISSUE,
            "issue_label": "第62期",
            "publication_date": issue.publication_date,
        },
        bureau=default_bureau(),
        period=Period.month(2021, 5),
        profile=default_profile(),
    )
    assert kept.sections[0].title == "市级政务服务大厅及公共资源交易工作开展情况"


def test_an_invalid_profile_is_refused_and_nothing_is_saved(db):
    series = SeriesFactory()
    data = copy.deepcopy(default_profile())
    data["blocks"][0]["blocks"][0]["blocks"][0]["template"] = "{{ totl }}件"
    with pytest.raises(
        ProfileError, match="块“办件情况”的模板“template”第1行：未知的数值“totl”"
    ):
        save_profile(series, data)
    assert series.profiles.count() == 1
    with pytest.raises(
        ProfileError, match="“修改说明”含有不可见的控制字符（U\\+0000）"
    ):
        save_profile(series, default_profile(), note="a\x00b")  # PostgreSQL refuses NUL
    assert series.profiles.count() == 1


def test_publishing_records_the_version(demo, editor, leader, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    series = SeriesFactory()
    issue = IssueFactory(
        series=series, number=63, period_start=datetime.date(2021, 6, 1)
    )
    issue = signoff.issue_submit(issue=issue, user=editor)
    save_profile(series, default_profile(), note="第二版")
    issue = signoff.issue_sign_off(issue=issue, user=leader)
    issue = signoff.issue_publish(issue=issue, user=editor)
    assert issue.profile.version == 2
    save_profile(series, _edited(default_profile()))
    issue.refresh_from_db()
    assert issue.profile.version == 2
    assert "一、市级政务服务大厅" in document_text(services.compose(issue))


def test_a_profile_changed_after_sign_off_sends_the_issue_back(
    demo, editor, leader, settings, tmp_path
):
    """What the leader signed is what is published: a new profile version
    changes the document, so publishing refuses and the leader signs again."""
    settings.MEDIA_ROOT = tmp_path
    series = SeriesFactory()
    issue = IssueFactory(
        series=series, number=63, period_start=datetime.date(2021, 6, 1)
    )
    issue = signoff.issue_submit(issue=issue, user=editor)
    issue = signoff.issue_sign_off(issue=issue, user=leader)
    save_profile(series, _edited(default_profile()))
    with pytest.raises(signoff.SignedContentChanged):
        signoff.issue_publish(issue=issue, user=editor)
    issue.refresh_from_db()
    assert not issue.is_published and issue.profile is None


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_migration_gives_existing_series_and_published_issues_the_haidong_profile():
    old = _migrate([("bulletins", "0006_bureau_required")])
    Bureau = old.get_model("bureaus", "Bureau")
    Series = old.get_model("bulletins", "Series")
    Issue = old.get_model("bulletins", "Issue")
    bureau = Bureau.objects.create(name="迁移测试局", short_name="迁移", slug="hd")
    series = Series.objects.create(
        bureau=bureau,
        title="海东政务服务动态",
        slug="dongtai",
        publisher="海东市政务服务监督管理局",
    )
    common = {
        "series": series,
        "frequency": "monthly",
        "publication_date": datetime.date(2021, 7, 6),
    }
    Issue.objects.create(
        number=63, period_start=datetime.date(2021, 6, 1), status="published", **common
    )
    Issue.objects.create(
        number=64, period_start=datetime.date(2021, 7, 1), status="draft", **common
    )

    new = _migrate([("bulletins", "0008_existing_profiles")])
    Profile = new.get_model("bulletins", "Profile")
    Issue = new.get_model("bulletins", "Issue")
    profile = Profile.objects.get(series_id=series.pk)
    assert profile.version == 1
    assert profile.spec == default_profile()
    assert Issue.objects.get(number=63).profile_id == profile.pk
    assert Issue.objects.get(number=64).profile_id is None
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_a_missing_note_block_names_the_centres_not_yet_approved(demo):
    from submissions.models import Centre, MonthlyReport

    ledu = Centre.objects.get(short_name="乐都区")
    MonthlyReport.objects.filter(centre=ledu).update(
        status=MonthlyReport.Status.SUBMITTED
    )
    data = copy.deepcopy(default_profile())
    data["blocks"][0]["blocks"].append(
        {
            "kind": "missing_note",
            "heading": "",
            "numbering": "none",
            "template": (
                "{% if missing %}注：{{ missing | join('、') }}的{{ period }}"
                "报表尚未审核通过，本期未刊载。{% endif %}"
            ),
        }
    )
    series = SeriesFactory()
    profile = save_profile(series, data)
    document = compose_document(
        **ISSUE,
        bureau=default_bureau(),
        period=Period.month(2021, 6),
        profile=profile.spec,
    )
    last = document.sections[0].blocks[-1]
    assert last.text == "注：乐都区政务服务中心的6月份报表尚未审核通过，本期未刊载。"
    assert last.key == "hall.missing"
    top = copy.deepcopy(data)
    top["blocks"].append(data["blocks"][0]["blocks"][-1])
    with pytest.raises(ProfileError, match="正文的第一层只能是部分"):
        save_profile(series, top)
