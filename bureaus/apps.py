from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class BureausConfig(AppConfig):
    name = "bureaus"
    verbose_name = "编发单位"

    def ready(self):
        from .models import Bureau, SiteSettings
        from .site import forget

        for model in (Bureau, SiteSettings):
            post_save.connect(forget, sender=model, dispatch_uid=f"site-{model}")
            post_delete.connect(forget, sender=model, dispatch_uid=f"site-d-{model}")
