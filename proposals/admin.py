from django.contrib import admin

from proposals.models import Proposal, Revision


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    """Read-only here: cards change through the portal so every change is a revision."""

    list_display = ["number", "title", "cycle", "committee", "status"]
    list_filter = ["cycle", "status", "kind"]
    search_fields = ["number", "title"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ["proposal", "number", "author", "created_at", "action"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
