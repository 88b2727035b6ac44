"""Back office for the audit trail (read-only), roles and API tokens."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from minga.core import permissions
from minga.core.admin_base import ReadOnlyAdmin
from minga.core.models import ApiToken, AuditEntry, RoleAssignment


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "user", "via", "action", "model", "object_id", "object_repr")
    list_filter = ("action", "via", "model")
    search_fields = ("object_repr",)
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
    show_full_result_count = False


class AdminOnly(admin.ModelAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return permissions.is_admin(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.is_admin(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return permissions.is_admin(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.is_admin(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.is_admin(request.user)


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(AdminOnly):
    list_display = ("user", "role", "territory")
    list_filter = ("role",)
    raw_id_fields = ("territory",)


@admin.register(ApiToken)
class ApiTokenAdmin(AdminOnly):
    list_display = ("user", "name", "prefix", "created_at", "last_used_at")
    readonly_fields = ("user", "name", "prefix", "key_hash", "created_at", "last_used_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # tokens are issued with `minga token USER` or the API, which show the key once
