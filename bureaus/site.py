"""What every page shows around its content: the site name, and the bureau when
the deployment has only one. Both are cached until a bureau or the site
settings change (the signal handlers in ``apps.py``), so a page pays no query
for its header and footer.
"""

from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from .models import Bureau, SiteSettings

KEY = "bureaus:site"
CACHE_SECONDS = 24 * 60 * 60


def site_texts() -> dict:
    """{"name", "footer", "only_bureau", "several"}: ``only_bureau`` is None
    unless there is exactly one, ``several`` whether there are more."""
    texts = cache.get(KEY)
    if texts is None:
        settings = SiteSettings.current()
        bureaus = list(Bureau.objects.in_order()[:2])
        texts = {
            "name": settings.name,
            "footer": settings.footer,
            "only_bureau": bureaus[0] if len(bureaus) == 1 else None,
            "several": len(bureaus) > 1,
        }
        cache.set(KEY, texts, CACHE_SECONDS)
    return texts


def forget(**kwargs) -> None:
    cache.delete(KEY)


def site(request):
    """Context processor: ``site`` (lazy, read only by pages that show it)."""
    return {"site": SimpleLazyObject(site_texts)}
