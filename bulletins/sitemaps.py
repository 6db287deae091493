"""/sitemap.xml: the public pages, bureaus, series and every published issue at
its canonical address."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from bulletins.models import Issue, Series
from bureaus.models import Bureau


class PagesSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return ["home", "bulletins:archive"]

    def location(self, item):
        return reverse(item)


class BureauSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Bureau.objects.in_order()


class SeriesSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Series.objects.select_related("bureau").order_by("id")


class IssueSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return (
            Issue.objects.published()
            .select_related("series__bureau")
            .defer("snapshot", "search_text")
            .order_by("-period_start", "-number")
        )

    def lastmod(self, item):
        return item.revised_at or item.published_at


SITEMAPS = {
    "pages": PagesSitemap,
    "bureaus": BureauSitemap,
    "series": SeriesSitemap,
    "issues": IssueSitemap,
}
