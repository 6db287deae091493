from django.contrib.sitemaps.views import sitemap
from django.urls import path

from bulletins import views
from bulletins.feeds import LatestIssuesAtomFeed, LatestIssuesFeed
from bulletins.sitemaps import SITEMAPS
from bulletins.views.trends import trends, trends_data
from config.methods import read_only

app_name = "bulletins"

urlpatterns = [
    # The public site (home "/" is in config/urls.py).
    path("issues/", views.archive, name="archive"),
    path("issues/<int:number>/", views.issue_detail, name="issue"),
    path("issues/<int:number>/pdf/", views.issue_pdf, name="issue_pdf"),
    path(
        "issues/<int:number>/data.<str:fmt>",
        views.issue_data,
        name="issue_data",
    ),
    path(
        "issues/<int:number>/r/<int:revision>/",
        views.revision_detail,
        name="revision",
    ),
    path(
        "issues/<int:number>/r/<int:revision>/pdf/",
        views.revision_pdf,
        name="revision_pdf",
    ),
    path("search/", views.search, name="search"),
    path("trends/", trends, name="trends"),
    path("trends/data.json", trends_data, name="trends_data"),
    path("feed/", read_only(LatestIssuesFeed()), name="feed"),
    path("feed/atom/", read_only(LatestIssuesAtomFeed()), name="feed_atom"),
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
]
