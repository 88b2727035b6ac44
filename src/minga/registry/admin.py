"""Back office for actors, initiatives and imports. Writes go through ``minga.registry.domain``; permissions come
from ``minga.core.permissions``; each record's change form shows its audit history."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from minga.core import audit, permissions
from minga.core.admin_base import ReadOnlyAdmin
from minga.core.errors import MingaError
from minga.registry.domain import imports, records
from minga.registry.importers import formats
from minga.registry.models import Actor, ImportRun, Initiative, InitiativeActor, InitiativeSdgTarget


def _history(obj: Any) -> str:
    if obj is None or obj.pk is None:
        return "—"
    rows = [
        (
            e.at.strftime("%Y-%m-%d %H:%M"),
            e.user or "system",
            e.via,
            e.action,
            ", ".join(sorted(e.changes))[:200],
        )
        for e in audit.history(obj)[:50]
    ]
    return format_html_join("\n", "<div>{} · {} · {} · {}: {}</div>", rows) or "—"


class AuditedAdmin(admin.ModelAdmin):
    """Saves and deletes through the domain functions, so admin edits are permission-checked and audited."""

    create_fn: Any
    update_fn: Any
    delete_fn: Any
    can_edit: Any  # permissions.can_edit_actor or can_edit_initiative
    can_delete: Any
    fields_allowed: tuple[str, ...] = ()
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_staff if obj is None else bool(type(self).can_edit(request.user, obj))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_staff if obj is None else bool(type(self).can_delete(request.user, obj))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return permissions.is_admin(request.user) or bool(permissions.steward_paths(request.user))

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_staff

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_staff

    @admin.display(description=_("history"))
    def history(self, obj: Any) -> str:
        return _history(obj)

    def save_model(self, request: HttpRequest, obj: Any, form: forms.ModelForm, change: bool) -> None:
        data = {name: form.cleaned_data[name] for name in form.changed_data if name in self.fields_allowed}
        if not change:
            data = {
                name: form.cleaned_data[name] for name in form.cleaned_data if name in self.fields_allowed
            }
        try:
            if change:
                fresh = type(obj).objects.get(pk=obj.pk)
                saved = type(self).update_fn(fresh, data, by=request.user, via="admin")
            else:
                saved = type(self).create_fn(data, by=request.user, via="admin")
        except MingaError as err:
            raise forms.ValidationError(str(err)) from err
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        type(self).delete_fn(obj, by=request.user, via="admin")

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(Actor)
class ActorAdmin(AuditedAdmin):
    create_fn = records.create_actor
    update_fn = records.update_actor
    delete_fn = records.delete_actor
    can_edit = permissions.can_edit_actor
    can_delete = permissions.can_delete_actor
    fields_allowed = records.ACTOR_FIELDS
    list_display = ("name", "kind", "country_code", "territory", "source", "updated_at")
    list_filter = ("kind", "source", "status")
    search_fields = ("name", "source_id", "postcode")
    raw_id_fields = ("territory",)
    filter_horizontal = ("editors",)
    readonly_fields = ("source", "source_id", "license", "attribution", "imported_at", "history")
    list_select_related = ("territory",)
    show_full_result_count = False

    def save_related(self, request: HttpRequest, form: forms.ModelForm, formsets: Any, change: bool) -> None:
        if "editors" in form.cleaned_data and permissions.is_admin(request.user):
            before = sorted(form.instance.editors.values_list("pk", flat=True))
            form.instance.editors.set(form.cleaned_data["editors"])
            after = sorted(form.instance.editors.values_list("pk", flat=True))
            if before != after:
                audit.record(
                    action="update", instance=form.instance, changes={"editors": [before, after]},
                    by=request.user, via="admin",
                )  # fmt: skip


class RoleInline(admin.TabularInline):
    model = InitiativeActor
    extra = 0
    raw_id_fields = ("actor",)


class SdgInline(admin.TabularInline):
    model = InitiativeSdgTarget
    extra = 0


@admin.register(Initiative)
class InitiativeAdmin(AuditedAdmin):
    create_fn = records.create_initiative
    update_fn = records.update_initiative
    delete_fn = records.delete_initiative
    can_edit = permissions.can_edit_initiative
    can_delete = permissions.can_delete_initiative
    fields_allowed = records.INITIATIVE_FIELDS
    list_display = ("title", "kind", "territory", "starts_on")
    list_filter = ("kind",)
    search_fields = ("title",)
    raw_id_fields = ("territory",)
    readonly_fields = ("source", "source_id", "license", "history")
    inlines = [RoleInline, SdgInline]


class ImportForm(forms.Form):
    format = forms.ChoiceField(choices=[(k, f"{k} — {v.description}") for k, v in sorted(formats().items())])
    file = forms.FileField()
    skip_invalid = forms.BooleanField(
        required=False, label=_("Import the valid rows, report the rejected ones")
    )
    dry_run = forms.BooleanField(required=False, label=_("Dry run (check only, write nothing)"))


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnlyAdmin):
    list_display = (
        "started_at",
        "format",
        "filename",
        "created",
        "updated",
        "unchanged",
        "rejected",
        "user",
        "via",
    )
    readonly_fields = [f.name for f in ImportRun._meta.fields]
    change_list_template = "admin/registry/importrun/change_list.html"

    def get_urls(self) -> list[Any]:
        return [
            path("upload/", self.admin_site.admin_view(self.upload), name="registry_import_upload"),
            *super().get_urls(),
        ]

    def upload(self, request: HttpRequest) -> HttpResponse:
        """Upload a file and run it through the same import path as the CLI."""
        if not permissions.can_import(request.user):
            messages.error(request, _("Only administrators may import files."))
            return redirect("admin:registry_importrun_changelist")
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            report = _run_upload(request, form)
            if report is not None:
                return redirect("admin:registry_importrun_changelist")
        context = {**self.admin_site.each_context(request), "form": form, "title": _("Import a file")}
        return render(request, "admin/registry/importrun/upload.html", context)


def _run_upload(request: HttpRequest, form: ImportForm) -> imports.ImportReport | None:
    import tempfile
    from pathlib import Path

    upload = form.cleaned_data["file"]
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / Path(upload.name).name
        with target.open("wb") as fh:
            for chunk in upload.chunks():
                fh.write(chunk)
        try:
            report = imports.import_file(
                target, format=form.cleaned_data["format"], by=request.user, via="admin",
                skip_invalid=form.cleaned_data["skip_invalid"], dry_run=form.cleaned_data["dry_run"],
            )  # fmt: skip
        except MingaError as err:
            messages.error(request, str(err))
            return None
    messages.success(
        request,
        _("%(file)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged, %(rejected)d rejected.")
        % {"file": report.filename, "created": report.created, "updated": report.updated,
           "unchanged": report.unchanged, "rejected": len(report.rejected)},
    )  # fmt: skip
    return report
