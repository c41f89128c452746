from django.contrib import admin

from politics.models import BudgetTarget, Membership, Party


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    list_display = ["letter", "name"]
    inlines = [MembershipInline]


@admin.register(BudgetTarget)
class BudgetTargetAdmin(admin.ModelAdmin):
    list_display = ["cycle", "year", "amount"]
    list_filter = ["cycle"]
