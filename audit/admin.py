"""The administrators' page of the audit log: filters, search, nothing editable."""

from __future__ import annotations

from django.contrib import admin

from audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "actor_name", "action", "target", "ip_address")
    list_filter = ("action", "at", "target_type")
    search_fields = ("actor_name", "target", "target_id", "ip_address")
    date_hierarchy = "at"
    list_per_page = 100
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("audit.read_audit_log")
