from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    name = "henvis.apps.assistance"
    label = "assistance"
    verbose_name = _("Assistance independent of prosecution")
