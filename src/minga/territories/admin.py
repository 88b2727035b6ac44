from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from minga.core import permissions
from minga.territories.models import Territory


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ("code", "kind", "path", "m49")
    list_filter = ("kind",)
    search_fields = ("code", "names")
    raw_id_fields = ("parent",)
    readonly_fields = ("path", "depth")
    show_full_result_count = False

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_staff

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_staff

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.can_manage_reference_data(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # the tree is loaded by `minga init`; localities arrive with imports

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
