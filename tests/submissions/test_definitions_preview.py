"""The bureau admin's “预览填报表单” is the clerk's 其他指标 section itself: the
same template, grids and 1至本月累计 disclosure as the report form, from the
bureau's active definitions only, every input disabled."""

import pytest
from django.test.html import parse_html
from django.urls import reverse

from submissions.models import FigureDefinition
from tests.factories import BureauAdminFactory, ClerkFactory, second_bureau

from .test_rating_grid import HEADERS, _elements, _rows, _text

PREVIEW = "admin:submissions_figuredefinition_preview"


@pytest.mark.django_db
def test_the_preview_shows_the_clerks_grids(login):
    client = login(BureauAdminFactory(username="bureau_admin"))
    other = second_bureau()
    FigureDefinition.objects.create(bureau=other, code="other", name="外局指标")
    FigureDefinition.objects.filter(code="hotline_orders").update(is_active=False)

    response = client.get(reverse(PREVIEW))
    assert response.status_code == 200
    html = response.content.decode()
    grids = _grids(html)
    assert [_text(c).strip() for c in _rows(grids["按评价等级填报"])[0]] == HEADERS
    assert [_text(c).strip() for c in _rows(grids["按办件类别填报"])[0]] == [
        "办件类别",
        "受理（件）",
        "办结（件）",
    ]
    assert "1至本月累计（选填）" in html
    # Only this bureau's active definitions.
    assert "外局指标" not in html and "12345热线工单" not in html
    # Nothing can be typed: every input is inside one disabled fieldset.
    (wrapper,) = [
        f
        for f in _elements(parse_html(html), "fieldset")
        if ("disabled", None) in f.attributes
    ]
    inside = [dict(i.attributes)["name"] for i in _elements(wrapper, "input")]
    assert len(inside) == html.count('name="defined-') > 50


def _grids(html: str) -> dict:
    """Legend → the figure grid of each fieldset holding one."""
    found = {}
    for box in _elements(parse_html(html), "fieldset"):
        legends = [c for c in box.children if getattr(c, "name", "") == "legend"]
        tables = list(_elements(box, "table", class_="figure-grid"))
        if legends and len(tables) == 1:
            found[_text(legends[0]).strip()] = tables[0]
    return found


@pytest.mark.django_db
def test_a_clerk_cannot_open_the_preview(login, centre):
    client = login(ClerkFactory(username="clerk_p", centre=centre))
    response = client.get(reverse(PREVIEW))
    assert response.status_code in (302, 403)
    assert "按办件类别填报" not in response.content.decode()
