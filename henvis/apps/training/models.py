"""What training stores: only which scenarios a logged-in user has completed, and when.
Nothing about the trainee's answers is kept (issue 18 item 2)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Completion(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_completions")
    scenario_id = models.CharField(_("scenario"), max_length=64)  # an id in catalogue/data/scenarios.yaml
    completed_at = models.DateTimeField(_("completed"), auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "scenario_id"], name="training_completion_once")]
        verbose_name = _("training completion")

    def __str__(self) -> str:
        return f"{self.user_id}:{self.scenario_id}"
