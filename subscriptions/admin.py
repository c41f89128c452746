from django.contrib import admin

from subscriptions.models import HearingAnnouncement, Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    """For a request to see or delete one's data; sign-up itself happens on the site."""

    list_display = ["email", "requested_at", "confirmed_at"]
    search_fields = ["email"]
    readonly_fields = ["email", "requested_at", "confirmed_at"]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(HearingAnnouncement)
class HearingAnnouncementAdmin(admin.ModelAdmin):
    list_display = ["hearing", "announced_at", "recipients"]
    readonly_fields = ["hearing", "announced_at", "recipients"]

    def has_add_permission(self, request) -> bool:
        return False
