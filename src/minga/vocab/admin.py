from __future__ import annotations

from django.contrib import admin

from minga.core.admin_base import ReadOnlyAdmin
from minga.vocab.models import Concept, SdgGoal, SdgIndicator, SdgTarget


@admin.register(Concept)
class ConceptAdmin(ReadOnlyAdmin):
    list_display = ("scheme", "code", "labels")
    list_filter = ("scheme",)


@admin.register(SdgGoal)
class SdgGoalAdmin(ReadOnlyAdmin):
    list_display = ("number", "short", "colour")


@admin.register(SdgTarget)
class SdgTargetAdmin(ReadOnlyAdmin):
    list_display = ("code", "goal")
    list_filter = ("goal",)


@admin.register(SdgIndicator)
class SdgIndicatorAdmin(ReadOnlyAdmin):
    list_display = ("code", "target", "list_version")
