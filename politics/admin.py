from django.contrib import admin

from budget_portal.forms import ModelForm
from politics.models import BudgetTarget, Membership, Party


class MembershipInline(admin.TabularInline):
    form = ModelForm
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    form = ModelForm
    list_display = ["letter", "name"]
    inlines = [MembershipInline]


@admin.register(BudgetTarget)
class BudgetTargetAdmin(admin.ModelAdmin):
    form = ModelForm
    list_display = ["cycle", "year", "amount"]
    list_filter = ["cycle"]
