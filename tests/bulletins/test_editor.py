"""The editor's screens, on the seed's June 2021 data: create, compose (the
public template), override paragraphs, reorder and omit work items, settings."""

import datetime
import io

import pytest
from django.urls import reverse

from bulletins import services
from bulletins.models import Issue
from tests.factories import (
    ClerkFactory,
    PublishedIssueFactory,
    SeriesFactory,
    issue_url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def june(db, settings, tmp_path):
    """The seed's organisation, people and approved June 2021 figures."""
    from django.core.cache import cache

    from submissions import demo as submissions_demo
    from transactions import demo as transactions_demo

    settings.MEDIA_ROOT = tmp_path
    cache.clear()  # public pages are cached by issue id and revision
    submissions_demo.load(io.StringIO())
    transactions_demo.load(io.StringIO())
    return datetime.date(2021, 6, 1)


@pytest.fixture
def demo_editor(june):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="editor")


@pytest.fixture
def issue(june, demo_editor):
    series = SeriesFactory()
    return services.issue_create(
        series=series,
        period_start=june,
        number=63,
        publication_date=datetime.date(2021, 7, 6),
        user=demo_editor,
    )


def compose_url(issue):
    return reverse("bulletins:compose", args=[issue.pk])


def test_editor_screens_need_login_and_role(client, login, issue):
    response = client.get("/editor/issues/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    login(ClerkFactory(username="some_clerk"))
    assert client.get("/editor/issues/").status_code == 403
    assert client.get(compose_url(issue)).status_code == 403


def test_editor_creates_the_issue_for_a_month(client, login, june, demo_editor):
    series = SeriesFactory()
    PublishedIssueFactory(
        series=series, number=62, period_start=datetime.date(2021, 5, 1)
    )
    login(demo_editor)
    response = client.post(
        "/editor/issues/", {"series": series.pk, "period": "2021-06"}
    )
    issue = Issue.objects.get(period_start=june)
    assert response.status_code == 302 and response["Location"] == compose_url(issue)
    assert issue.number == 63 and issue.status == Issue.Status.DRAFT
    again = client.post("/editor/issues/", {"series": series.pk, "period": "2021-06"})
    assert again.status_code == 200
    assert "已有2021年6月的一期" in again.content.decode()
    bad = client.post("/editor/issues/", {"series": series.pk, "period": "2021-Q2"})
    assert "月刊请填写月份" in bad.content.decode()


def test_compose_shows_the_draft_with_the_public_template(
    client, login, issue, demo_editor
):
    login(demo_editor)
    response = client.get(compose_url(issue))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="bulletin"' in html and "bulletin-masthead" in html
    assert "6月份政务服务和公共资源工作情况" in html
    assert "五级联动" in html
    assert reverse("bulletins:paragraph", args=[issue.pk, "hall.cases"]) in html
    # The seed's sums that do not add up are warned about, with explanations.
    assert "校验提示" in html and "[预警]" in html


def test_compose_lists_centres_not_yet_approved(client, login, issue, demo_editor):
    from submissions.models import MonthlyReport

    MonthlyReport.objects.filter(centre__short_name="乐都区").update(status="submitted")
    login(demo_editor)
    html = client.get(compose_url(issue)).content.decode()
    assert "乐都区政务服务中心（2021年6月）：" in html
    assert "已提交" in html


def test_override_a_paragraph_and_see_it_marked(client, login, issue, demo_editor):
    login(demo_editor)
    url = reverse("bulletins:paragraph", args=[issue.pk, "hall.cases"])
    page = client.get(url).content.decode()
    assert "现在自动生成的文字" in page
    response = client.post(url, {"text": "6月份，窗口共受理10503件（编辑改写）。"})
    assert response.status_code == 302
    issue.refresh_from_db()
    override = issue.overrides["hall.cases"]
    assert override["text"] == "6月份，窗口共受理10503件（编辑改写）。"
    assert override["generated"].startswith("6月份，窗口受理行政许可事项")
    html = client.get(compose_url(issue)).content.decode()
    assert "（编辑改写）" in html and "已改写" in html
    assert "生成文字已变化" not in html
    # Back to the generated text.
    client.post(url, {"revert": "1"})
    issue.refresh_from_db()
    assert issue.overrides == {}


def test_stale_override_is_warned_about(client, login, issue, demo_editor):
    issue.overrides = {
        "hall.cases": {"text": "编辑的文字。", "generated": "当时生成的旧文字。"}
    }
    issue.save()
    login(demo_editor)
    html = client.get(compose_url(issue)).content.decode()
    assert "所依据的自动生成文字已经变化" in html
    assert "生成文字已变化" in html
    page = client.get(
        reverse("bulletins:paragraph", args=[issue.pk, "hall.cases"])
    ).content.decode()
    assert "自动生成的文字已变化" in page and "当时生成的旧文字。" in page


def test_unknown_paragraph_is_404(client, login, issue, demo_editor):
    login(demo_editor)
    url = reverse("bulletins:paragraph", args=[issue.pk, "no.such"])
    assert client.get(url).status_code == 404


def test_reorder_and_omit_work_items(client, login, issue, demo_editor):
    login(demo_editor)
    url = reverse("bulletins:items", args=[issue.pk])
    form = client.get(url).context["form"]
    (_hall, rows) = next((s, r) for s, r in form.sections if s.key == "hall.work")
    first, second, third = (item.key for item, _o, _m in rows)
    data = {}
    for _section, section_rows in form.sections:
        for position, (_item, order, _omit) in enumerate(section_rows, start=1):
            data[order.html_name] = position
    data[f"order__{first}"] = 3
    data[f"order__{third}"] = 1
    data[f"omit__{second}"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.item_order["hall.work"] == [third, second, first]
    assert issue.omitted_items == [second]
    document = services.draft_document(issue)
    hall_work = [
        p for p in document.iter_paragraphs() if p.key in (first, second, third)
    ]
    assert [p.key for p in hall_work] == [third, first]
    assert hall_work[0].lead.startswith("1.着力提升政务服务效能")
    assert hall_work[1].lead.startswith("2.积极推动政务服务五级联动建设")


def test_settings_editor_note_and_metadata(client, login, issue, demo_editor):
    login(demo_editor)
    url = reverse("bulletins:settings", args=[issue.pk])
    response = client.post(
        url,
        {
            "number": 63,
            "publication_date": "2021-07-06",
            "index_number": "HD-2021-063",
            "issuing_org": "海东市政务服务监督管理局",
            "written_date": "2021-07-05",
            "editor_note": "本期起增加12345热线情况。",
        },
    )
    assert response.status_code == 302
    html = client.get(compose_url(issue)).content.decode()
    assert "编者按：" in html and "本期起增加12345热线情况。" in html


def test_editing_is_refused_after_submission(client, login, issue, demo_editor):
    issue.submit_for_sign_off(demo_editor)
    login(demo_editor)
    url = reverse("bulletins:paragraph", args=[issue.pk, "hall.cases"])
    response = client.post(url, {"text": "改写"})
    assert response.status_code == 200
    assert "不能修改" in response.content.decode()
    issue.refresh_from_db()
    assert issue.overrides == {}


def test_full_flow_to_publication_and_correction(client, login, issue, demo_editor):
    from django.contrib.auth import get_user_model

    leader = get_user_model().objects.get(username="leader")

    def act(name, **data):
        url = reverse("bulletins:action", args=[issue.pk, name])
        return client.post(url, {"confirmed": "1", **data})

    login(demo_editor)
    act("submit")
    login(leader)
    act("sign-off")
    login(demo_editor)
    response = act("publish")
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.is_published and issue.report_ids
    public = client.get(issue_url(63))
    assert public.status_code == 200 and "五级联动" in public.content.decode()
    # A correction: override a paragraph on the published issue, send it for
    # sign-off with a note, the leader signs it, the editor publishes it.
    client.post(
        reverse("bulletins:paragraph", args=[issue.pk, "hall.cases"]),
        {"text": "6月份，窗口共受理10503件（更正）。"},
    )
    assert "（更正）" not in client.get(issue_url(63)).content.decode()
    act("correct", note="更正市级大厅办件情况表述")
    issue.refresh_from_db()
    assert issue.correction == Issue.Correction.AWAITING_SIGN_OFF
    assert "（更正）" not in client.get(issue_url(63)).content.decode()
    login(leader)
    act("sign-off")
    login(demo_editor)
    act("publish-correction")
    issue.refresh_from_db()
    assert issue.revision == 2
    html = client.get(issue_url(63)).content.decode()
    assert "（更正）" in html and "更正市级大厅办件情况表述" in html
    assert "（更正）" not in client.get(issue_url(63, "r/1/")).content.decode()
    # Right after publication the compose screen does not claim pending rewrites.
    compose = client.get(compose_url(issue)).content.decode()
    assert "有尚未发布的改写" not in compose


def test_new_issue_form_proposes_the_next_month(client, login, issue, demo_editor):
    login(demo_editor)
    form = client.get("/editor/issues/").context["form"]
    assert form.initial == {"series": issue.series_id, "period": "2021-07"}


def test_override_of_a_vanished_paragraph_is_flagged_and_removable(
    client, login, issue, demo_editor
):
    issue.overrides = {"centre.999.summary": {"text": "旧单位", "generated": "旧"}}
    issue.save()
    login(demo_editor)
    html = client.get(compose_url(issue)).content.decode()
    assert "该段已不在本期中" in html
    url = reverse("bulletins:paragraph", args=[issue.pk, "centre.999.summary"])
    assert client.get(url).status_code == 404
    client.post(url, {"revert": "1"})
    issue.refresh_from_db()
    assert issue.overrides == {}
