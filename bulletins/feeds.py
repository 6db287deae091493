"""RSS and Atom feeds of the published issues (django.contrib.syndication).

Django's feed writer refuses text XML 1.0 cannot hold (and the view answers
500); forms refuse such characters, and every text taken from stored data passes
through ``xml_safe`` here so that an issue stored before that check cannot break
the feeds.
"""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from bulletins.document import Document
from bulletins.models import Issue, Series
from config.xmltext import xml_safe

FEED_SIZE = 20


class LatestIssuesFeed(Feed):
    description_template = None

    def _series(self):
        return Series.objects.order_by("id").first()

    def title(self):
        series = self._series()
        return xml_safe(series.title) if series else "政务服务动态"

    def description(self):
        series = self._series()
        publisher = series.publisher if series else ""
        return xml_safe(f"{publisher}编发的政务服务动态，每期发布后更新。")

    def link(self):
        return reverse("bulletins:archive")

    def items(self):
        return (
            Issue.objects.published()
            .select_related("series")
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
        return f"{item.series_id}-{item.number}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.revised_at or item.published_at

    def item_author_name(self, item):
        return xml_safe(item.series.publisher)


class LatestIssuesAtomFeed(LatestIssuesFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
