"""App configs the project adjusts: django-axes named in Chinese in the admin."""

from axes.apps import AppConfig as AxesAppConfig


class AxesConfig(AxesAppConfig):
    verbose_name = "登录防护"
