"""RSS and Atom feeds of the published issues (django.contrib.syndication):
the whole site's, a bureau's and a series'; every link a canonical address.

Django's feed writer refuses text XML 1.0 cannot hold (and the view answers
500); forms refuse such characters, and every text taken from stored data passes
through ``xml_safe`` here so that an issue stored before that check cannot break
the feeds.
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from bulletins.document import Document
from bulletins.models import Issue, Series
from bureaus.models import Bureau, SiteSettings
from config.xmltext import xml_safe

FEED_SIZE = 20


class SiteFeed(Feed):
    """Every bureau's latest issues."""

    description_template = None

    def get_object(self, request, **kwargs):
        return None

    def title(self, obj):
        return xml_safe(SiteSettings.current().name)

    def description(self, obj):
        return f"{self.title(obj)}：各编发单位的最新一期，每期发布后更新。"

    def link(self, obj):
        return reverse("home")

    def issues(self, obj):
        return Issue.objects.published()

    def items(self, obj):
        return (
            self.issues(obj)
            .select_related("series__bureau")
            .defer("search_text")
            .order_by("-published_at", "-number")[:FEED_SIZE]
        )

    def item_title(self, item):
        document = Document.from_dict(item.snapshot)
        return xml_safe(f"{item.series.title} {item.label}：{document.title}")

    def item_description(self, item):
        document = Document.from_dict(item.snapshot)
        first = next(iter(document.iter_paragraphs()), None)
        text = f"{first.lead}{first.text}" if first else ""
        return xml_safe(text)[:200]

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return item.get_absolute_url()

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.revised_at or item.published_at

    def item_author_name(self, item):
        return xml_safe(item.series.publisher)


class BureauFeed(SiteFeed):
    """One bureau's latest issues, of all its series."""

    def get_object(self, request, bureau):
        try:
            return Bureau.objects.get(slug=bureau)
        except Bureau.DoesNotExist:
            raise Http404("没有这个编发单位。") from None

    def title(self, obj):
        return xml_safe(obj.name)

    def description(self, obj):
        return xml_safe(f"{obj.name}编发的各期刊物，每期发布后更新。")

    def link(self, obj):
        return obj.get_absolute_url()

    def issues(self, obj):
        return Issue.objects.published().for_bureau(obj)


class SeriesFeed(SiteFeed):
    """One series' latest issues."""

    def get_object(self, request, bureau, series):
        try:
            return Series.objects.select_related("bureau").get(
                bureau__slug=bureau, slug=series
            )
        except Series.DoesNotExist:
            raise Http404("没有这个刊物。") from None

    def title(self, obj):
        return xml_safe(obj.title)

    def description(self, obj):
        return xml_safe(f"{obj.bureau.name}编发的{obj.title}，每期发布后更新。")

    def link(self, obj):
        return obj.get_absolute_url()

    def issues(self, obj):
        return Issue.objects.published().for_series(obj)


class SiteAtomFeed(SiteFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)


class BureauAtomFeed(BureauFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)


class SeriesAtomFeed(SeriesFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
