from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemovalsConfig(AppConfig):
    name = "henvis.apps.removals"
    label = "removals"
    verbose_name = _("Screening in immigration and return")
