"""The bulletin's addresses (DESIGN 5.6, docs/addresses.md).

Fixed pages first; then a bureau's pages under its slug and a series' under
the bureau's. An issue's canonical address is
``/<bureau>/<series>/<year>/<number>/`` with ``pdf/``, ``data.<fmt>`` and
``r/<revision>/`` beneath it. The old ``/issues/<number>/…`` addresses answer
301 to the canonical ones. A bureau or series slug that a fixed page here
would hide is refused when saved (``bureaus.slugs``).
"""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from bulletins import feeds, views
from bulletins.sitemaps import SITEMAPS
from bulletins.views import places, profiles
from bulletins.views.trends import trends, trends_data
from config.methods import read_only

app_name = "bulletins"

ISSUE = "<slug:bureau>/<slug:series>/<int:year>/<int:number>/"

urlpatterns = [
    # The public site (home "/" is in config/urls.py).
    path("issues/", views.archive, name="archive"),
    path("issues/<int:number>/", places.legacy_issue, name="legacy_issue"),
    path(
        "issues/<int:number>/<path:rest>",
        places.legacy_issue,
        name="legacy_issue_child",
    ),
    path("search/", views.search, name="search"),
    path("trends/", places.trends_index, name="trends_index"),
    path("feed/", read_only(feeds.SiteFeed()), name="feed"),
    path("feed/atom/", read_only(feeds.SiteAtomFeed()), name="feed_atom"),
    path(
        "sitemap.xml",
        read_only(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    # Tokens are URL-safe base64 (secrets.token_urlsafe): a slug, never a NUL.
    path("preview/<slug:token>/", views.preview, name="preview"),
    # The editor's and the leader's screens.
    path("editor/issues/", views.issue_list, name="issue_list"),
    path("editor/profiles/", profiles.profile_list, name="profile_list"),
    path("editor/profiles/<int:pk>/", profiles.profile_edit, name="profile_edit"),
    path(
        "editor/profiles/<int:pk>/preview/",
        profiles.profile_preview,
        name="profile_preview",
    ),
    path("editor/issues/<int:pk>/", views.issue_compose, name="compose"),
    path("editor/issues/<int:pk>/settings/", views.issue_settings, name="settings"),
    path("editor/issues/<int:pk>/items/", views.issue_items, name="items"),
    path(
        "editor/issues/<int:pk>/paragraphs/<str:key>/",
        views.issue_paragraph,
        name="paragraph",
    ),
    path("editor/issues/<int:pk>/draft.pdf", views.draft_pdf, name="draft_pdf"),
    path(
        "editor/issues/<int:pk>/preview-links/",
        views.preview_link_create,
        name="preview_link_create",
    ),
    path(
        "editor/issues/<int:pk>/preview-links/<int:link>/revoke/",
        views.preview_link_revoke,
        name="preview_link_revoke",
    ),
    path("editor/issues/<int:pk>/<slug:action>/", views.issue_action, name="action"),
    # A bureau's pages.
    path("<slug:bureau>/", places.bureau_page, name="bureau"),
    path("<slug:bureau>/feed/", read_only(feeds.BureauFeed()), name="bureau_feed"),
    path(
        "<slug:bureau>/feed/atom/",
        read_only(feeds.BureauAtomFeed()),
        name="bureau_feed_atom",
    ),
    path("<slug:bureau>/trends/", trends, name="trends"),
    path("<slug:bureau>/trends/data.json", trends_data, name="trends_data"),
    # A series' pages.
    path("<slug:bureau>/<slug:series>/", places.series_page, name="series"),
    path(
        "<slug:bureau>/<slug:series>/feed/",
        read_only(feeds.SeriesFeed()),
        name="series_feed",
    ),
    path(
        "<slug:bureau>/<slug:series>/feed/atom/",
        read_only(feeds.SeriesAtomFeed()),
        name="series_feed_atom",
    ),
    # An issue at its canonical address.
    path(ISSUE, views.issue_detail, name="issue"),
    path(f"{ISSUE}pdf/", views.issue_pdf, name="issue_pdf"),
    path(f"{ISSUE}data.<str:fmt>", views.issue_data, name="issue_data"),
    path(f"{ISSUE}r/<int:revision>/", views.revision_detail, name="revision"),
    path(f"{ISSUE}r/<int:revision>/pdf/", views.revision_pdf, name="revision_pdf"),
]
