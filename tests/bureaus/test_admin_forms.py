"""The bureau's and the site's texts refuse characters XML 1.0 cannot hold."""

import pytest

from bureaus.admin import BureauForm, SiteSettingsForm
from bureaus.models import Bureau


@pytest.mark.django_db
def test_a_bureau_name_with_a_control_character_is_refused_naming_the_field():
    form = BureauForm(
        {"name": "海东\x0b市", "short_name": "海东", "slug": "haidong2", "order": 1}
    )
    assert not form.is_valid()
    assert "名称" in form.errors["name"][0]
    assert not Bureau.objects.filter(slug="haidong2").exists()


@pytest.mark.django_db
def test_the_site_name_with_a_control_character_is_refused():
    form = SiteSettingsForm({"name": "政务\x01服务", "footer": ""})
    assert not form.is_valid()
    assert "站点名称" in form.errors["name"][0]
