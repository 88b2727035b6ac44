from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from minga.vocab.models import Concept, SdgGoal, SdgIndicator, SdgTarget


class ReadOnly(admin.ModelAdmin):
    """Reference data is loaded from packaged files by `minga init`: shown, not edited."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_staff

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_staff

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Concept)
class ConceptAdmin(ReadOnly):
    list_display = ("scheme", "code", "labels")
    list_filter = ("scheme",)


@admin.register(SdgGoal)
class SdgGoalAdmin(ReadOnly):
    list_display = ("number", "short", "colour")


@admin.register(SdgTarget)
class SdgTargetAdmin(ReadOnly):
    list_display = ("code", "goal")
    list_filter = ("goal",)


@admin.register(SdgIndicator)
class SdgIndicatorAdmin(ReadOnly):
    list_display = ("code", "target", "list_version")
