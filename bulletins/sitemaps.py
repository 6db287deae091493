"""/sitemap.xml: the public pages and every published issue."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from bulletins.models import Issue


class PagesSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return ["home", "bulletins:archive"]

    def location(self, item):
        return reverse(item)


class IssueSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return (
            Issue.objects.published()
            .defer("snapshot", "search_text")
            .order_by("-period_start", "-number")
        )

    def lastmod(self, item):
        return item.revised_at or item.published_at


SITEMAPS = {"pages": PagesSitemap, "issues": IssueSitemap}
